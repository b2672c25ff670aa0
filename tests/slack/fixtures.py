"""Fixtures for the Slack adapter tests (loaded from tests/conftest.py)."""
import pytest

from handlers.blocks import MAX_BLOCKS, MAX_SECTION_CHARS
from handlers.settings import Settings
from tests.slack.mock_slack import MockSlack
from tests.slack.sender import BOT_TOKEN, SIGNING_SECRET, running


@pytest.fixture
def mock_slack():
    mock = MockSlack()
    mock.start()
    yield mock
    mock.stop()
    # Whatever the test, every message sent to Slack must be one Slack accepts.
    for call in mock.calls:
        blocks = call.blocks
        if blocks is not None:
            assert len(blocks) <= MAX_BLOCKS, call.path
            assert all(len(b["text"]["text"]) <= MAX_SECTION_CHARS for b in blocks if b["type"] == "section"), call.path


@pytest.fixture
def settings(mock_slack):
    return Settings(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=mock_slack.api_url)


@pytest.fixture
def slack(settings, assistant, mock_slack):
    with running(settings, assistant, mock_slack) as sender:
        yield sender

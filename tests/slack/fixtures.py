"""Fixtures for the Slack adapter tests (loaded from tests/conftest.py)."""
import dataclasses
import json

import pytest

from handlers.blocks import MAX_BLOCKS, MAX_HOME_BLOCKS, MAX_SECTION_CHARS
from handlers.settings import Settings
from tests.slack.mock_slack import MockSlack
from tests.slack.mock_socket import MockSocketMode, connected
from tests.slack.sender import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, running


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
        view = call.body.get("view")
        if view is not None:
            view = json.loads(view) if isinstance(view, str) else view
            assert len(view["blocks"]) <= MAX_HOME_BLOCKS
            assert all(len(b["text"]["text"]) <= MAX_SECTION_CHARS for b in view["blocks"] if b["type"] == "section")


@pytest.fixture
def settings(mock_slack):
    return Settings(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=mock_slack.api_url)


@pytest.fixture
def slack(settings, assistant, mock_slack):
    with running(settings, assistant, mock_slack) as sender:
        yield sender


@pytest.fixture
def socket_slack(settings, assistant, mock_slack, monkeypatch):
    """The app connected in Socket Mode, as with SLACK_APP_TOKEN set, to a local stand-in for Slack's
    WebSocket; pushes envelopes to it and reads the acknowledgements."""
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)  # slack_sdk would send even 127.0.0.1 through a proxy
    socket = MockSocketMode(mock_slack)
    socket.start()
    try:
        with connected(dataclasses.replace(settings, app_token=APP_TOKEN), assistant, socket):
            yield socket
    finally:
        socket.stop()


STAFF_CHANNEL = "CSTAFF"


@pytest.fixture
def staff_settings(settings):
    return dataclasses.replace(settings, staff_channel=STAFF_CHANNEL)


@pytest.fixture
def staff_slack(staff_settings, assistant, mock_slack):
    """The app with a staff channel configured: members may ask the Chair's Office."""
    with running(staff_settings, assistant, mock_slack) as sender:
        yield sender

import logging
import re
import time

import pytest

from handlers import logs
from tests.slack.sender import BOT_TOKEN, SIGNING_SECRET, running

POST = "/api/chat.postMessage"
USER = "ULOGS"  # lines are picked by this user: an earlier test's slow listener may still log one of its own
FIELD = r"(\w+)=(\"(?:[^\"\\]|\\.)*\"|\S+)"


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger=logs.logger.name)

    def lines(count: int = 1, timeout: float = 5.0) -> list[str]:
        # The line is written in Bolt's listener thread, after the reply was posted.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(_ours(caplog)) >= count:
                time.sleep(0.1)  # and no more than that
                return _ours(caplog)
            time.sleep(0.01)
        raise AssertionError(f"expected {count} request line(s), got {caplog.text!r}")

    return lines


def _ours(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == logs.logger.name and f" user={USER} " in r.getMessage()]


def _fields(line: str) -> dict:
    assert re.fullmatch(rf"{FIELD}(?: {FIELD})*", line), line
    return dict(re.findall(FIELD, line))


def test_a_direct_message_makes_exactly_one_line_with_ids_outcome_and_timings(slack, mock_slack, request_lines):
    slack.dm("who signs intervention letters?", "Ev1", user=USER)
    mock_slack.wait_for(POST)
    [line] = request_lines()
    fields = _fields(line)
    assert list(fields) == list(logs.KEYS)
    timings = {"score": fields["score"], "ack_ms": fields["ack_ms"], "total_ms": fields["total_ms"]}
    assert fields == {
        "what": "dm_answered", "event_id": "Ev1", "team": "T1", "channel": "D1", "user": USER,
        "outcome": "answered", "text": '"who signs intervention letters?"'} | timings
    assert 0.35 <= float(fields["score"]) <= 1
    assert 0 <= float(fields["ack_ms"]) <= float(fields["total_ms"])


@pytest.fixture
def serve_logging(caplog):
    """Logging as `serve` sets it up at its most verbose, undone after the test."""
    loggers = [logging.root, *(logging.getLogger(name) for name in ("bot", "handlers", "slack_bolt", "slack_sdk"))]
    levels = [logger.level for logger in loggers]
    caplog.handler.setLevel(logging.DEBUG)  # whatever reaches the root logger's handlers is kept
    logs.configure("DEBUG")
    yield
    for logger, level in zip(loggers, levels):
        logger.setLevel(level)


def test_no_token_secret_or_long_message_reaches_the_log(serve_logging, settings, assistant, mock_slack, caplog):
    long_message = "who signs intervention letters? " + "and more words " * 30 + "TAIL-OF-THE-MESSAGE"
    with running(settings, assistant, mock_slack) as slack:  # built after logging is set up, as in serve
        slack.dm(long_message, "Ev1", user=USER)
        slack.dm("my token is xoxb-1234-5678-abcdef, is that ok?", "Ev2", user=USER)
        mock_slack.wait_for(POST, 2)
        time.sleep(0.2)
    first, second = sorted(_ours(caplog), key=lambda line: "Ev2" in line)
    text = _fields(first)["text"]
    assert text.startswith('"who signs') and len(text) == logs.EXCERPT_CHARS + 2  # quotes
    assert _fields(second)["text"] == '"my token is [token], is that ok?"'
    for secret in ("TAIL-OF-THE-MESSAGE", "and more words and more words", BOT_TOKEN, SIGNING_SECRET, "xoxb-1234"):
        assert secret not in caplog.text
    assert not [r for r in caplog.records if r.name.startswith(("slack_bolt", "slack_sdk")) and r.levelno < logging.INFO]


def test_duplicates_bots_and_edits_are_logged_as_ignored(slack, mock_slack, request_lines):
    slack.dm("who signs intervention letters?", "Ev1", user=USER)
    request_lines(1)  # the answer's line comes after its post: wait for it, so the order below is fixed
    slack.dm("who signs intervention letters?", "Ev1", user=USER)  # a redelivery
    # Another bot's post; Bolt drops echoes of our own before any listener, so those make no line.
    slack.dm("a post by another bot", "Ev2", user=USER, bot_id="B2")
    slack.dm("", "Ev3", user=USER, subtype="message_changed")
    whats = [_fields(line)["what"] for line in request_lines(4)]
    # Bolt runs the three listeners on its thread pool, so their lines may come in any order.
    assert whats[0] == "dm_answered"
    assert sorted(whats[1:]) == ["duplicate_ignored", "ignored_bot", "ignored_subtype"]


def test_commands_and_clicks_are_logged(slack, mock_slack, request_lines):
    slack.command("who signs intervention letters?", user=USER)
    mock_slack.wait_for("/respond/cmd")
    slack.click("feedback_helpful", "q:1", user=USER)
    mock_slack.wait_for("/respond/action")
    command, click = (_fields(line) for line in request_lines(2))
    assert (command["what"], command["channel"], command["event_id"]) == ("command_answered", "C1", "-")
    assert (click["what"], click["outcome"]) == ("feedback_recorded", "helpful")
    assert float(click["ack_ms"]) <= float(click["total_ms"])


def test_a_failed_reply_makes_one_error_line_with_the_traceback(slack, mock_slack, request_lines, caplog):
    mock_slack.answer_next(POST, 200, {"ok": False, "error": "channel_not_found"})
    slack.dm("who signs intervention letters?", "Ev1", user=USER)
    [line] = request_lines()
    assert (_fields(line)["what"], _fields(line)["outcome"]) == ("failed", "SlackApiError")
    [record] = [r for r in caplog.records if r.name == logs.logger.name and USER in r.getMessage()]
    assert record.levelname == "ERROR" and record.exc_info


def test_the_excerpt_is_one_short_line():
    assert logs.excerpt("a\nb\t c") == '"a b c"'
    assert logs.excerpt('say "hi"') == '"say \\"hi\\""'

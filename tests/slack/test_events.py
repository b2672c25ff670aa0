import json
import time

import pytest

from bot import store
from bot.assistant import Assistant
from tests.slack.sender import running
from tests.slack.mock_slack import BOT_USER_ID

POST = "/api/chat.postMessage"
QUESTION = "who signs intervention letters?"


def test_a_direct_message_is_answered_in_the_dm_with_blocks(slack, mock_slack):
    assert slack.dm(QUESTION, "Ev1") == (200, "")
    [call] = mock_slack.wait_for(POST)
    assert call.body["channel"] == "D1"
    assert "thread_ts" not in call.body
    assert "intervention letters" in call.body["text"].lower()
    assert [b["type"] for b in call.blocks] == ["section", "context", "actions"]
    assert call.blocks[1]["elements"][0]["text"].startswith("_Source:")


def test_a_mention_is_answered_in_a_thread_under_it_without_the_mention(slack, mock_slack, db):
    event = {"type": "app_mention", "channel": "C1", "user": "U1", "text": f"<@{BOT_USER_ID}> {QUESTION}",
             "ts": "1700000000.000300", "event_ts": "1700000000.000300"}
    assert slack.event(event, "Ev1")[0] == 200
    [call] = mock_slack.wait_for(POST)
    assert (call.body["channel"], call.body["thread_ts"]) == ("C1", "1700000000.000300")
    [logged] = db["questions"].rows
    assert (logged["question"], logged["surface"]) == (QUESTION, "mention")


def test_bot_messages_and_edits_get_no_reply(slack, mock_slack):
    slack.dm("who signs intervention letters?", "Ev1", bot_id="B2", subtype="bot_message")
    slack.dm("who signs intervention letters?", "Ev2", bot_id="BBOT")  # our own answer, echoed back
    slack.dm("", "Ev3", subtype="message_changed", message={"text": QUESTION, "user": "U1"})
    slack.event({"type": "message", "channel": "C1", "channel_type": "channel", "user": "U1", "text": QUESTION, "ts": "1.0"}, "Ev4")
    slack.dm("what are the Key Species Results?", "Ev5")  # a question after them all
    mock_slack.wait_for(POST)
    time.sleep(0.2)  # let the ignored events finish too
    [call] = mock_slack.calls_to(POST)
    assert "Key Species Results" in call.body["text"]


def test_a_redelivered_event_is_answered_once_even_after_a_restart(settings, answerer, db_path, clock, mock_slack):
    with running(settings, Assistant(answerer, store.open_db(db_path), clock), mock_slack) as slack:
        slack.dm(QUESTION, "Ev1")
        mock_slack.wait_for(POST)
        slack.event(_dm_event(), "Ev1", headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
        slack.dm("what are the Key Species Results?", "Ev2")
        mock_slack.wait_for(POST, 2)
    with running(settings, Assistant(answerer, store.open_db(db_path), clock), mock_slack) as slack:  # a restart
        slack.event(_dm_event(), "Ev1", headers={"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_error"})
        slack.dm("what is a red list authority?", "Ev3")
        mock_slack.wait_for(POST, 3)
        time.sleep(0.2)
    assert len(mock_slack.calls_to(POST)) == 3


def _dm_event():
    return {"type": "message", "channel": "D1", "channel_type": "im", "user": "U1", "text": QUESTION, "ts": "1700000000.000100"}


def test_rate_limited_post_is_retried_and_posts_once(slack, mock_slack):
    mock_slack.answer_next(POST, 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
    slack.dm(QUESTION, "Ev1")
    mock_slack.wait_for(POST, timeout=5)
    attempts = mock_slack.calls_to(POST, ok_only=False)
    assert [c.status for c in attempts] == [429, 200]


def test_a_slow_slack_does_not_delay_the_acknowledgement(slack, mock_slack):
    mock_slack.answer_next(POST, delay=1.5)
    started = time.monotonic()
    assert slack.dm(QUESTION, "Ev1")[0] == 200
    assert time.monotonic() - started < 1.0  # Slack wants the ack within 3 s
    mock_slack.wait_for(POST)


def test_channel_wide_mentions_are_never_echoed(slack, mock_slack):
    slack.dm("<!channel> what is the weather in Gland? <!here> &lt;!everyone&gt;", "Ev1")
    slack.command("<!channel> what is the weather in Gland?")
    mock_slack.wait_for(POST)
    mock_slack.wait_for("/respond/")
    for call in mock_slack.calls:
        for special in ("<!channel>", "<!here>", "<!everyone>"):
            assert special not in call.raw and special not in json.dumps(call.body)
    assert "&lt;!channel&gt;" in mock_slack.calls_to(POST)[0].body["text"]


@pytest.mark.parametrize(
    "text, shown",
    [
        ("{{ 7*7 }} {% if true %}boom{% endif %} xyzzy", "{{ 7*7 }} {% if true %}boom{% endif %}"),
        ("🦎🐢 can I speak on behalf of SSC? 🌍", "Who may speak on behalf of SSC"),
        ("هل يمكنني التحدث باسم لجنة بقاء الأنواع؟", "هل يمكنني التحدث باسم لجنة بقاء الأنواع؟"),
    ],
)
def test_template_syntax_emoji_and_right_to_left_text_get_a_reply(slack, mock_slack, text, shown):
    slack.dm(text, "Ev1")
    [call] = mock_slack.wait_for(POST)
    assert shown in call.body["text"]
    assert "49" not in call.body["text"]
    assert all(len(b["text"]["text"]) <= 3000 for b in call.blocks if b["type"] == "section")


def test_a_40000_character_message_gets_one_reply(slack, mock_slack, db):
    text = ("Hello, I am new to my group and wonder about many things. " * 700)[:39_981] + " who signs letters?"
    assert len(text) == 40_000
    slack.dm(text, "Ev1")
    mock_slack.wait_for(POST)
    time.sleep(0.2)
    assert len(mock_slack.calls_to(POST)) == 1


def test_a_server_error_is_retried_and_a_slack_error_does_not_stop_the_next_answer(slack, mock_slack):
    mock_slack.answer_next(POST, 503, {"ok": False, "error": "service_unavailable"})
    slack.dm(QUESTION, "Ev1")
    mock_slack.wait_for(POST)
    mock_slack.answer_next(POST, 200, {"ok": False, "error": "channel_not_found"})
    slack.dm(QUESTION, "Ev2")
    mock_slack.wait_for(POST, 2)  # the refused post, recorded with status 200
    slack.dm(QUESTION, "Ev3")
    mock_slack.wait_for(POST, 3)
    assert [c.status for c in mock_slack.calls_to(POST, ok_only=False)] == [503, 200, 200, 200]

"""Asking the Chair's Office: escalation to the staff channel, relay of staff's reply, drafts."""
import copy
import dataclasses
import json
import logging
import re
import time

from click.testing import CliRunner

from bot import store
from bot.assistant import Assistant
from bot.cli import cli
from handlers import blocks, logs
from tests.slack.fixtures import STAFF_CHANNEL
from tests.slack.mock_slack import BOT_USER_ID
from tests.slack.sender import running

POST = "/api/chat.postMessage"
OUT_OF_SCOPE = "<!channel> what is the weather in Gland?"
STAFF_TS = "1700000001.000200"  # the ts the mock gives every post, the staff channel's included
BROADCASTS = ("<!channel>", "<!here>", "<!everyone>")


def buttons(call) -> dict:
    return {e["action_id"]: e["value"] for b in call.blocks or [] if b["type"] == "actions" for e in b["elements"]}


def posts_to(mock_slack, channel):
    return [c for c in mock_slack.calls_to(POST) if c.body["channel"] == channel]


def click_escalate(slack, mock_slack, answer, **click):
    """Click *Ask the Chair's Office* and wait for the member's confirmation, which comes once the
    staff post is recorded: a staff reply sent sooner could find no escalation in its thread."""
    confirmed = len(mock_slack.calls_to("/respond/action"))
    slack.click(blocks.ESCALATE, buttons(answer)[blocks.ESCALATE], **click)
    mock_slack.wait_for("/respond/action", confirmed + 1)


def ask_and_escalate(slack, mock_slack, text=OUT_OF_SCOPE, posts_before=0):
    """A member asks in a DM what the bot cannot answer, then asks the Chair's Office; the staff post."""
    slack.dm(text, f"Ev-{posts_before}")
    answer = mock_slack.wait_for(POST, posts_before + 1)[-1]
    click_escalate(slack, mock_slack, answer)
    return mock_slack.wait_for(POST, posts_before + 2)[-1]


def test_without_a_staff_channel_no_escalation_is_offered(slack, mock_slack):
    slack.dm(OUT_OF_SCOPE, "Ev1")
    [answer] = mock_slack.wait_for(POST)
    assert blocks.NOT_HELPFUL in buttons(answer) and blocks.ESCALATE not in buttons(answer)
    slack.click(blocks.NOT_HELPFUL, buttons(answer)[blocks.NOT_HELPFUL])
    [thanks] = mock_slack.wait_for("/respond/action")
    assert blocks.ESCALATE not in buttons(thanks)


def test_escalation_posts_the_escaped_question_to_the_staff_channel_and_confirms(staff_slack, mock_slack, db):
    staff_post = ask_and_escalate(staff_slack, mock_slack)
    assert staff_post.body["channel"] == STAFF_CHANNEL and "thread_ts" not in staff_post.body
    text = staff_post.body["text"]
    assert "&lt;!channel&gt; what is the weather in Gland?" in text and "<@U1>" in text and "direct message" in text
    for special in BROADCASTS:
        assert special not in staff_post.raw
    [confirmation] = mock_slack.wait_for("/respond/action")
    assert confirmation.body["response_type"] == "ephemeral" and "Chair's Office" in confirmation.body["text"]
    [row] = db["escalations"].rows
    assert (row["user_id"], row["channel_id"], row["surface"], row["status"], row["staff_thread_ts"]) == ("U1", "D1", "dm", "open", STAFF_TS)
    assert row["question"] == OUT_OF_SCOPE and row["question_id"] == next(db["questions"].rows)["id"]


def test_a_second_click_posts_nothing_new(staff_slack, mock_slack, db):
    ask_and_escalate(staff_slack, mock_slack)
    question_id = next(db["escalations"].rows)["question_id"]
    staff_slack.click(blocks.ESCALATE, str(question_id))
    mock_slack.wait_for("/respond/action", 2)
    assert len(posts_to(mock_slack, STAFF_CHANNEL)) == 1 and db["escalations"].count == 1


def test_only_the_asker_may_escalate_their_question(staff_slack, mock_slack, db):
    staff_slack.dm(OUT_OF_SCOPE, "Ev1")
    [answer] = mock_slack.wait_for(POST)
    staff_slack.click(blocks.ESCALATE, buttons(answer)[blocks.ESCALATE], user="U2")
    [refusal] = mock_slack.wait_for("/respond/action")
    assert refusal.body["text"].startswith("Only the person who asked")
    assert db["escalations"].count == 0 and len(mock_slack.calls_to(POST)) == 1


def test_not_helpful_offers_the_chairs_office(staff_slack, mock_slack):
    staff_slack.dm("who signs intervention letters?", "Ev1")
    [answer] = mock_slack.wait_for(POST)
    assert blocks.ESCALATE not in buttons(answer)  # a confident answer offers feedback only
    staff_slack.click(blocks.NOT_HELPFUL, buttons(answer)[blocks.NOT_HELPFUL])
    [thanks] = mock_slack.wait_for("/respond/action")
    assert buttons(thanks)[blocks.ESCALATE] == buttons(answer)[blocks.NOT_HELPFUL].removeprefix("q:")


def test_a_staff_reply_is_relayed_to_the_members_dm_and_answers_the_escalation(staff_slack, mock_slack, db, caplog):
    caplog.set_level(logging.INFO, logger=logs.logger.name)
    ask_and_escalate(staff_slack, mock_slack)
    staff_slack.staff_reply("Gland is sunny today, see <https://meteo.ch|MeteoSwiss> &amp; ask <@U7>", STAFF_TS, "Ev-staff")
    mock_slack.wait_for(POST, 4)
    [relay] = posts_to(mock_slack, "D1")[1:]
    assert "thread_ts" not in relay.body
    assert "<https://meteo.ch|MeteoSwiss> &amp; ask <@U7>" in relay.body["text"]
    assert "&lt;!channel&gt; what is the weather" in relay.body["text"]
    [_, note] = posts_to(mock_slack, STAFF_CHANNEL)
    assert note.body["thread_ts"] == STAFF_TS and blocks.DRAFT_ENTRY in buttons(note)
    [row] = db["escalations"].rows
    assert (row["status"], row["answered_by"], row["answered_at"]) == ("answered", "U9", "2026-11-24T09:00:00+00:00")
    # A further reply in the thread is a conversation among staff, not a second answer.
    staff_slack.staff_reply("thanks, done", STAFF_TS, "Ev-staff-2")
    time.sleep(0.2)
    assert len(mock_slack.calls_to(POST)) == 4
    whats = [m.group(1) for r in caplog.records if (m := re.match(r"what=(\w+) ", r.getMessage()))]
    assert {"escalation_sent", "staff_reply_relayed", "staff_chat_ignored"} <= set(whats)


def test_bot_posts_and_edits_in_the_staff_thread_are_not_relayed_but_a_reply_also_sent_to_the_channel_is(staff_slack, mock_slack):
    ask_and_escalate(staff_slack, mock_slack)
    staff_slack.staff_reply("Sent to U1.", STAFF_TS, "Ev-bot", bot_id="BBOT")
    staff_slack.staff_reply("edited", STAFF_TS, "Ev-edit", subtype="message_changed")
    staff_slack.staff_reply("Not in a thread.", None, "Ev-top")
    staff_slack.staff_reply("Answer for all.", STAFF_TS, "Ev-staff", subtype="thread_broadcast")
    mock_slack.wait_for(POST, 4)
    time.sleep(0.2)
    [relay] = posts_to(mock_slack, "D1")[1:]
    assert "Answer for all." in relay.body["text"] and len(mock_slack.calls_to(POST)) == 4


def test_a_staff_broadcast_is_never_relayed_as_one(staff_slack, mock_slack):
    ask_and_escalate(staff_slack, mock_slack)
    staff_slack.staff_reply("<!channel> <!here|here> <!everyone> <!subteam^S1|@staff> hello", STAFF_TS, "Ev-staff")
    mock_slack.wait_for(POST, 4)
    [relay] = posts_to(mock_slack, "D1")[1:]
    for special in (*BROADCASTS, "<!here|here>", "<!subteam"):
        assert special not in relay.raw and special not in json.dumps(relay.body)
    assert "&lt;!here|here&gt;" in relay.body["text"]


def test_a_mention_is_answered_in_its_thread_and_an_ssc_question_in_a_new_dm(staff_slack, mock_slack, db):
    mention = {"type": "app_mention", "channel": "C1", "user": "U1", "text": f"<@{BOT_USER_ID}> {OUT_OF_SCOPE}",
               "ts": "1700000000.000300", "event_ts": "1700000000.000300"}
    staff_slack.event(mention, "Ev1")
    [answer] = mock_slack.wait_for(POST)
    click_escalate(staff_slack, mock_slack, answer, channel="C1", thread_ts="1700000000.000300")
    staff_slack.staff_reply("It rains.", STAFF_TS, "Ev2")
    mock_slack.wait_for(POST, 4)
    [relay] = posts_to(mock_slack, "C1")[1:]
    assert relay.body["thread_ts"] == "1700000000.000300"

    db["escalations"].update(1, {"staff_thread_ts": "done"})  # the next staff post gets the same ts from the mock
    staff_slack.command("what is the weather in Gland?", user="U2")
    [private] = mock_slack.wait_for("/respond/cmd")
    click_escalate(staff_slack, mock_slack, private, user="U2", channel="C1", ephemeral=True)
    staff_slack.staff_reply("Still rainy.", STAFF_TS, "Ev3")
    mock_slack.wait_for(POST, 7)
    [opened] = mock_slack.calls_to("/api/conversations.open")
    assert opened.body["users"] == "U2"
    [relay] = posts_to(mock_slack, "DU2")
    assert "Still rainy." in relay.body["text"] and "thread_ts" not in relay.body


def test_a_failed_relay_leaves_the_escalation_open_and_listed(staff_slack, mock_slack, db, db_path):
    ask_and_escalate(staff_slack, mock_slack)
    mock_slack.answer_next(POST, 200, {"ok": False, "error": "channel_not_found"})
    staff_slack.staff_reply("Here is your answer.", STAFF_TS, "Ev-staff")
    mock_slack.wait_for(POST, 4, ok_only=False)
    [_, warning] = posts_to(mock_slack, STAFF_CHANNEL)
    assert warning.body["thread_ts"] == STAFF_TS and "could not deliver" in warning.body["text"]
    [row] = db["escalations"].rows
    assert (row["status"], row["answer"]) == ("open", "Here is your answer.")
    listed = CliRunner().invoke(cli, ["--db", str(db_path), "escalations", "--open"])
    assert listed.exit_code == 0 and "what is the weather in Gland?" in listed.output and "not delivered" in listed.output


def test_a_reply_after_a_restart_is_still_relayed(staff_settings, answerer, db_path, clock, mock_slack):
    with running(staff_settings, Assistant(answerer, store.open_db(db_path), clock), mock_slack) as slack:
        ask_and_escalate(slack, mock_slack)
    with running(staff_settings, Assistant(answerer, store.open_db(db_path), clock), mock_slack) as slack:
        slack.staff_reply("Answered after a restart.", STAFF_TS, "Ev-staff")
        mock_slack.wait_for(POST, 4)
    assert "Answered after a restart." in posts_to(mock_slack, "D1")[-1].body["text"]
    assert next(store.open_db(db_path)["escalations"].rows)["status"] == "answered"


def test_draft_a_kb_entry_from_the_staff_answer(staff_settings, answerer, db, clock, mock_slack, tmp_path):
    # A copy of the answerer whose knowledge folder is a temporary one, so the repository's stays clean.
    local = copy.copy(answerer)
    local.kb = dataclasses.replace(answerer.kb, folder=tmp_path / "knowledge")
    with running(staff_settings, Assistant(local, db, clock), mock_slack) as slack:
        ask_and_escalate(slack, mock_slack)
        slack.staff_reply("Ask MeteoSwiss.", STAFF_TS, "Ev-staff")
        mock_slack.wait_for(POST, 4)
        [_, note] = posts_to(mock_slack, STAFF_CHANNEL)
        slack.click(blocks.DRAFT_ENTRY, buttons(note)[blocks.DRAFT_ENTRY], user="U9", channel=STAFF_CHANNEL, thread_ts=STAFF_TS)
        confirmation = mock_slack.wait_for("/respond/action", 2)[-1]
    [draft] = (tmp_path / "knowledge" / "drafts").glob("*.md")
    assert draft.name in confirmation.body["text"]
    text = draft.read_text()
    assert "questions:\n- <!channel> what is the weather in Gland?\n" in text and text.endswith("---\nAsk MeteoSwiss.\n")
    assert not (tmp_path / "knowledge" / "entries").exists()


def test_app_home_shows_what_the_bot_does_top_topics_and_open_escalations(staff_slack, mock_slack, clock):
    for n in range(2):
        staff_slack.dm("who signs intervention letters?", f"Ev-a{n}")
    staff_slack.dm("what are the key species results?", "Ev-b")
    mock_slack.wait_for(POST, 3)
    ask_and_escalate(staff_slack, mock_slack, posts_before=3)
    staff_slack.home_opened("Ev-home")
    [publish] = mock_slack.wait_for("/api/views.publish")
    assert publish.body["user_id"] == "U1"
    view = json.loads(publish.body["view"]) if isinstance(publish.body["view"], str) else publish.body["view"]
    text = "\n".join(b["text"]["text"] for b in view["blocks"])
    assert view["type"] == "home" and "/ssc" in text and "direct message" in text
    topics = text.split("*Most asked")[1]
    assert topics.index("(2)") < topics.index("(1)")  # the most asked first
    assert "&lt;!channel&gt; what is the weather in Gland?" in text.split("*Your questions")[1]

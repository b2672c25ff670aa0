from bot.answers import ANSWERED, DECLINED, INTRO, UNSURE, Answer
from bot.assistant import Reply
from handlers import blocks


def test_a_very_long_reply_stays_within_slack_limits_and_keeps_its_full_fallback(kb):
    text = "\n".join(f"line {i} " + "x" * 150 for i in range(2000)) + "\n" + "y" * 7000
    reply = Reply(text, Answer("q", ANSWERED, text, kb.entries[0], 0.9), question_id=3)
    message = blocks.message(reply)
    assert len(message["blocks"]) == blocks.MAX_BLOCKS
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    assert all(0 < len(s) <= blocks.MAX_SECTION_CHARS for s in sections)
    assert sections[0].startswith("line 0 ") and sections[-1].endswith("…")
    assert message["text"] == text


def test_sections_are_cut_at_line_breaks():
    text = "a" * 2000 + "\n" + "b" * 2000 + "\n" + "c" * 9000
    sections = [b["text"]["text"] for b in blocks.message(Reply(text))["blocks"]]
    assert sections == ["a" * 2000, "b" * 2000, "c" * 3000, "c" * 3000, "c" * 3000]


def test_unsure_offers_one_button_per_topic_and_feedback_on_the_question(kb):
    topics = kb.entries[:3]
    reply = Reply("I'm not sure", Answer("q", UNSURE, "I'm not sure", topics[0], 0.2, topics), question_id=12)
    actions = [b for b in blocks.message(reply)["blocks"] if b["type"] == "actions"]
    feedback, *picks = actions
    assert [e["value"] for e in feedback["elements"]] == ["q:12", "q:12"]
    assert [(p["elements"][0]["action_id"], p["elements"][0]["value"]) for p in picks] == [(blocks.PICK_TOPIC, f"{e.id}@12") for e in topics]
    assert [blocks.parse_topic_value(p["elements"][0]["value"]) for p in picks] == [(e.id, 12) for e in topics]
    assert all(len(p["elements"][0]["text"]["text"]) <= blocks.MAX_BUTTON_CHARS for p in picks)


def test_a_decline_naming_the_nearest_topic_offers_its_button(kb):
    nearest = kb.entries[0]
    reply = Reply("Sorry", Answer("q", DECLINED, "Sorry", nearest, 0.05, [nearest]), question_id=4)
    picks = [e for b in blocks.message(reply)["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == blocks.PICK_TOPIC]
    assert [p["value"] for p in picks] == [f"{nearest.id}@4"]


def test_an_introduction_has_no_buttons():
    reply = Reply("Hello!", Answer("hi", INTRO, "Hello!"))
    assert [b["type"] for b in blocks.message(reply)["blocks"]] == ["section"]

import datetime as dt

from bot import drafts, kbcheck
from bot.kbfiles import parse_entry

QUESTION = 'Can our group co-sign a "joint" letter: with WWF?\n#2'
ANSWER = "Yes, with the Chair's approval. See <https://www.iucn.org|IUCN> and ask <@U9>."


def test_a_draft_has_valid_front_matter_with_the_question_first_and_the_answer_as_body(tmp_path):
    path, written = drafts.write_draft(tmp_path, escalation_id=7, question=QUESTION, answer=ANSWER, today=dt.date(2026, 11, 24))
    assert written and path == tmp_path / "can-our-group-co-sign-a-7.md"
    raw = parse_entry(path)
    assert raw.error is None
    assert set(kbcheck.REQUIRED) <= set(raw.meta)
    assert raw.meta["questions"] == [QUESTION.strip()]
    assert raw.meta["sources"] == [] and raw.meta["tags"] == ["draft"]
    assert raw.meta["id"] == "draft-can-our-group-co-sign-a-7" and kbcheck._ID.match(raw.meta["id"])
    assert raw.body == ANSWER
    text = path.read_text()
    assert text.startswith("---\n# DRAFT, NOT LIVE") and "sources: []  # TODO" in text


def test_an_existing_draft_is_never_overwritten(tmp_path):
    path, _ = drafts.write_draft(tmp_path, escalation_id=7, question=QUESTION, answer=ANSWER, today=dt.date(2026, 11, 24))
    path.write_text("edited by a curator")
    assert drafts.write_draft(tmp_path, escalation_id=7, question=QUESTION, answer="other", today=dt.date(2026, 11, 25)) == (path, False)
    assert path.read_text() == "edited by a curator"


def test_drafts_go_beside_the_entries_unless_told_elsewhere(tmp_path, monkeypatch):
    monkeypatch.delenv("SSC_BOT_DRAFTS", raising=False)
    assert drafts.drafts_dir(tmp_path / "knowledge") == tmp_path / "knowledge" / "drafts"
    monkeypatch.setenv("SSC_BOT_DRAFTS", str(tmp_path / "data" / "drafts"))
    assert drafts.drafts_dir(tmp_path / "knowledge") == tmp_path / "data" / "drafts"

import datetime as dt

from bot import store
from bot.answers import ANSWER_AT

T0 = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)


def log(db, question, outcome, score=0.3, entry="some-entry", minutes=0):
    return store.log_question(db, at=T0 + dt.timedelta(minutes=minutes), user_id="U1", surface="dm",
                       question=question, outcome=outcome, entry_id=entry, score=score)


def test_open_creates_the_file_in_wal_mode_and_migrates_once(db_path):
    db = store.open_db(db_path)
    assert db_path.exists()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"questions", "offers", "_sqlite_migrations"} <= set(db.table_names())
    again = store.open_db(db_path)  # a restart
    names = [r["name"] for r in again["_sqlite_migrations"].rows]
    assert names == ["create_questions", "create_offers", "create_slack_events", "create_feedback", "create_escalations"]


def test_path_comes_from_argument_then_environment_then_default(monkeypatch, tmp_path):
    monkeypatch.setenv("SSC_BOT_DB", str(tmp_path / "env.db"))
    assert store.database_path(tmp_path / "arg.db") == tmp_path / "arg.db"
    assert store.database_path() == tmp_path / "env.db"
    monkeypatch.delenv("SSC_BOT_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert store.database_path() == tmp_path / "xdg" / "ssc-bot" / "ssc-bot.db"


def test_gaps_lists_declined_unsure_and_low_confidence_most_frequent_first(db):
    log(db, "What is the weather?", "declined", 0.0, None)
    log(db, "what is the  weather?", "declined", 0.0, None, minutes=1)
    log(db, "letters", "unsure", 0.3, minutes=2)
    log(db, "who signs letters", "answered", 0.65, "letters-signing", minutes=3)
    log(db, "who may speak for SSC", "answered", 0.9, "speaking-for-ssc", minutes=4)
    log(db, "hi", "intro", 0.0, None, minutes=5)
    rows = store.gaps(db)
    assert [(r["question"], r["times"]) for r in rows] == [
        ("what is the weather?", 2),
        ("who signs letters", 1),
        ("letters", 1),
    ]
    assert rows[0]["last_asked"] == "2026-11-24T09:01:00+00:00"
    assert rows[1]["closest_entry"] == "letters-signing"


def test_low_confidence_for_gaps_lies_above_the_answering_threshold():
    # Below the threshold nothing is answered: a bound there would list no answer at all.
    assert ANSWER_AT < store.LOW_CONFIDENCE


def test_gaps_count_not_helpful_clicks_and_list_confident_answers_members_disliked(db):
    disliked = log(db, "who may speak for SSC", "answered", 0.9, "speaking-for-ssc")
    declined = log(db, "what is the weather?", "declined", 0.0, None)
    for user, helpful in (("U1", False), ("U2", False), ("U3", True)):
        store.record_feedback(db, user_id=user, helpful=helpful, at=T0, question_id=disliked)
    store.record_feedback(db, user_id="U1", helpful=True, at=T0, question_id=declined)
    rows = {r["question"]: r["not_helpful"] for r in store.gaps(db)}
    assert rows == {"who may speak for ssc": 2, "what is the weather?": 0}


def test_very_long_questions_are_stored_bounded(db):
    log(db, "x" * 40_000, "declined", 0.0, None)
    assert len(next(db["questions"].rows)["question"]) == store.MAX_STORED_CHARS


def test_offers_are_kept_per_person_and_replaced(db):
    store.save_offer(db, "U1", ["a", "b"], T0)
    store.save_offer(db, "U2", ["c"], T0)
    store.save_offer(db, "U1", ["d"], T0)
    assert store.offered(db, "U1") == ["d"]
    assert store.offered(db, "U2") == ["c"]
    assert store.offered(db, "U3") == []


def test_an_event_is_new_only_on_its_first_delivery_even_after_a_restart(db_path):
    assert store.first_delivery(store.open_db(db_path), "Ev1", T0)
    assert not store.first_delivery(store.open_db(db_path), "Ev1", T0)
    assert store.first_delivery(store.open_db(db_path), "Ev2", T0)


def test_a_second_opinion_on_the_same_reply_replaces_the_first(db):
    store.record_feedback(db, user_id="U1", helpful=True, at=T0, question_id=7)
    store.record_feedback(db, user_id="U1", helpful=False, at=T0, question_id=7)
    store.record_feedback(db, user_id="U2", helpful=True, at=T0, question_id=7)
    store.record_feedback(db, user_id="U1", helpful=True, at=T0, entry_id="letters")
    store.record_feedback(db, user_id="U1", helpful=False, at=T0, entry_id="letters")
    rows = [(r["user_id"], r["question_id"], r["entry_id"], r["helpful"]) for r in db["feedback"].rows]
    assert sorted(rows, key=str) == sorted([("U1", 7, None, 0), ("U2", 7, None, 1), ("U1", None, "letters", 0)], key=str)

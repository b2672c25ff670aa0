"""The bot's SQLite database: one file, WAL mode, migrated on open. The source of truth.

Tables are meant to be read by people too (`sqlite-utils`, Datasette): plain names, ISO times.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

# A question is stored up to this length: enough for curators, bounded for a 40,000-character paste.
MAX_STORED_CHARS = 4000
# Answers below this confidence show up in `kb gaps` even though they were given: just above the
# answering threshold (bot.answers.ANSWER_AT, 0.6), where a wrong answer is likeliest.
LOW_CONFIDENCE = 0.7

migrations = Migrations("ssc-bot")


@migrations()
def create_questions(db: sqlite_utils.Database) -> None:
    db["questions"].create(
        {
            "id": int,
            "asked_at": str,
            "user_id": str,
            "surface": str,
            "question": str,
            "normalized": str,
            "outcome": str,
            "entry_id": str,
            "score": float,
        },
        pk="id",
    )
    db["questions"].create_index(["normalized"])
    db["questions"].create_index(["asked_at"])


@migrations()
def create_offers(db: sqlite_utils.Database) -> None:
    # The topics last offered to a person, so that a reply of "2" picks the second one.
    db["offers"].create({"user_id": str, "offered_at": str, "entry_ids": str}, pk="user_id")


@migrations()
def create_slack_events(db: sqlite_utils.Database) -> None:
    # Slack event ids already handled: Slack redelivers an event it thinks we missed.
    db["slack_events"].create({"event_id": str, "received_at": str}, pk="event_id")


@migrations()
def create_feedback(db: sqlite_utils.Database) -> None:
    # What members thought of a reply: to a logged question, or to a topic they picked by button.
    db["feedback"].create({"question_id": int, "entry_id": str, "user_id": str, "helpful": bool, "at": str})
    # One opinion per person and reply: a second click replaces the first (NULLs made comparable).
    db.execute("create unique index feedback_once on feedback (user_id, ifnull(question_id, 0), ifnull(entry_id, ''))")


@migrations()
def create_escalations(db: sqlite_utils.Database) -> None:
    # Questions a member passed on to the SSC Chair's Office, and the staff answer relayed back.
    # `answer` is kept as soon as staff write it, so a relay that failed is not lost (status stays open).
    db["escalations"].create(
        {
            "id": int,
            "question_id": int,
            "user_id": str,
            "channel_id": str,
            "thread_ts": str,
            "surface": str,
            "question": str,
            "status": str,  # open | answered
            "staff_thread_ts": str,  # the post in the staff channel; NULL until it went out
            "answer": str,
            "answered_by": str,
            "created_at": str,
            "answered_at": str,
        },
        pk="id",
    )
    db["escalations"].create_index(["question_id"], unique=True)  # a second click reuses the first
    db["escalations"].create_index(["staff_thread_ts"])
    db["escalations"].create_index(["user_id", "status"])


def default_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "ssc-bot" / "ssc-bot.db"


def database_path(path: str | os.PathLike | None = None) -> Path:
    """The database file: the argument, else `SSC_BOT_DB`, else a per-user default."""
    return Path(path or os.environ.get("SSC_BOT_DB") or default_path())


def open_db(path: str | os.PathLike | None = None) -> sqlite_utils.Database:
    target = database_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The Slack adapter uses the connection from Bolt's worker threads, one at a time (handlers/core.py).
    db = sqlite_utils.Database(sqlite3.connect(target, check_same_thread=False))
    db.enable_wal()
    db.execute("PRAGMA busy_timeout = 5000")
    migrations.apply(db)
    return db


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def normalize(question: str) -> str:
    return " ".join(question.lower().split())[:MAX_STORED_CHARS]


def log_question(
    db: sqlite_utils.Database,
    *,
    at: dt.datetime,
    user_id: str,
    surface: str,
    question: str,
    outcome: str,
    entry_id: str | None,
    score: float,
) -> int:
    table = db["questions"]
    table.insert(
        {
            "asked_at": iso(at),
            "user_id": user_id,
            "surface": surface,
            "question": question[:MAX_STORED_CHARS],
            "normalized": normalize(question),
            "outcome": outcome,
            "entry_id": entry_id,
            "score": round(score, 4),
        }
    )
    return table.last_pk


def gaps(db: sqlite_utils.Database, limit: int = 50) -> list[dict]:
    """Questions the bot declined, was unsure about, answered with low confidence or members found
    not helpful, most asked first."""
    sql = """
        with unhelpful as (
            select question_id, count(*) as clicks from feedback
            where helpful = 0 and question_id is not null group by question_id
        )
        select normalized as question, count(*) as times, max(asked_at) as last_asked,
               group_concat(distinct outcome) as outcomes,
               (select q2.entry_id from questions q2 where q2.normalized = q.normalized
                order by q2.id desc limit 1) as closest_entry,
               round(max(score), 3) as best_score,
               coalesce(sum(u.clicks), 0) as not_helpful
        from questions q left join unhelpful u on u.question_id = q.id
        where outcome in ('unsure', 'declined') or (outcome = 'answered' and score < :low) or u.clicks
        group by normalized
        order by times desc, not_helpful desc, last_asked desc
        limit :limit
    """
    return [dict(row) for row in db.query(sql, {"low": LOW_CONFIDENCE, "limit": limit})]


def save_offer(db: sqlite_utils.Database, user_id: str, entry_ids: list[str], at: dt.datetime) -> None:
    db["offers"].upsert({"user_id": user_id, "offered_at": iso(at), "entry_ids": json.dumps(entry_ids)}, pk="user_id")


def offered(db: sqlite_utils.Database, user_id: str) -> list[str]:
    rows = list(db["offers"].rows_where("user_id = ?", [user_id]))
    return json.loads(rows[0]["entry_ids"]) if rows else []


def first_delivery(db: sqlite_utils.Database, event_id: str, at: dt.datetime) -> bool:
    """Whether this is the first time the event arrived; a redelivery must not be answered again."""
    with db.conn:
        cursor = db.conn.execute("insert or ignore into slack_events (event_id, received_at) values (?, ?)", [event_id, iso(at)])
    return cursor.rowcount == 1


def record_feedback(
    db: sqlite_utils.Database,
    *,
    user_id: str,
    helpful: bool,
    at: dt.datetime,
    question_id: int | None = None,
    entry_id: str | None = None,
) -> None:
    """Store a member's opinion of a reply (a logged question, or else an entry), replacing an earlier one."""
    if (question_id is None) == (entry_id is None):
        raise ValueError("feedback is about a question or an entry")
    with db.conn:
        db.conn.execute(
            "insert or replace into feedback (question_id, entry_id, user_id, helpful, at) values (?, ?, ?, ?, ?)",
            [question_id, entry_id, user_id, helpful, iso(at)],
        )


def question(db: sqlite_utils.Database, question_id: int) -> dict | None:
    rows = list(db["questions"].rows_where("id = ?", [question_id]))
    return rows[0] if rows else None


def escalate(
    db: sqlite_utils.Database, *, question_id: int, channel_id: str | None, thread_ts: str | None, at: dt.datetime
) -> dict:
    """The escalation of a logged question, created on the first call; the same one on a later call."""
    asked = question(db, question_id)
    if asked is None:
        raise KeyError(question_id)
    with db.conn:
        db.conn.execute(
            """insert or ignore into escalations (question_id, user_id, channel_id, thread_ts, surface, question, status, created_at)
               values (?, ?, ?, ?, ?, ?, 'open', ?)""",
            [question_id, asked["user_id"], channel_id, thread_ts, asked["surface"], asked["question"], iso(at)],
        )
    return next(db["escalations"].rows_where("question_id = ?", [question_id]))


def escalation(db: sqlite_utils.Database, escalation_id: int) -> dict | None:
    rows = list(db["escalations"].rows_where("id = ?", [escalation_id]))
    return rows[0] if rows else None


def set_staff_thread(db: sqlite_utils.Database, escalation_id: int, staff_thread_ts: str) -> None:
    db["escalations"].update(escalation_id, {"staff_thread_ts": staff_thread_ts})


def open_escalation_in_thread(db: sqlite_utils.Database, staff_thread_ts: str) -> dict | None:
    rows = list(db["escalations"].rows_where("staff_thread_ts = ? and status = 'open'", [staff_thread_ts]))
    return rows[0] if rows else None


def record_staff_answer(db: sqlite_utils.Database, escalation_id: int, *, answer: str, answered_by: str) -> None:
    """Keep what staff wrote before relaying it: if the relay fails, the answer is still here."""
    db["escalations"].update(escalation_id, {"answer": answer[:MAX_STORED_CHARS], "answered_by": answered_by})


def mark_answered(db: sqlite_utils.Database, escalation_id: int, at: dt.datetime) -> None:
    db["escalations"].update(escalation_id, {"status": "answered", "answered_at": iso(at)})


def escalations(db: sqlite_utils.Database, *, only_open: bool = False, user_id: str | None = None) -> list[dict]:
    """Escalations, oldest first: the order the Chair's Office should work through them."""
    where, params = [], []
    if only_open:
        where.append("status = 'open'")
    if user_id:
        where.append("user_id = ?")
        params.append(user_id)
    return list(db["escalations"].rows_where(" and ".join(where) or None, params, order_by="id"))


def top_entries(db: sqlite_utils.Database, since: dt.datetime, limit: int = 5) -> list[tuple[str, int]]:
    """The entries answered most often since `since`: (entry id, times), most asked first."""
    sql = """
        select entry_id, count(*) as times from questions
        where outcome = 'answered' and entry_id is not null and asked_at >= ?
        group by entry_id order by times desc, max(asked_at) desc limit ?
    """
    return [(row["entry_id"], row["times"]) for row in db.query(sql, [iso(since), limit])]

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
# Answers at or below this confidence show up in `kb gaps` even though they were given.
LOW_CONFIDENCE = 0.5

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
    """Questions the bot declined, was unsure about or answered with low confidence, most asked first."""
    sql = """
        select normalized as question, count(*) as times, max(asked_at) as last_asked,
               group_concat(distinct outcome) as outcomes,
               (select q2.entry_id from questions q2 where q2.normalized = q.normalized
                order by q2.id desc limit 1) as closest_entry,
               round(max(score), 3) as best_score
        from questions q
        where outcome in ('unsure', 'declined') or (outcome = 'answered' and score < :low)
        group by normalized
        order by times desc, last_asked desc
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

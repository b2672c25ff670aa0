"""Passing a question the bot could not answer to the SSC Chair's Office, and their answer back.

The database is the source of truth: an escalation is recorded before anything is posted, and
staff's answer before it is relayed, so neither is lost when a post fails or the bot restarts.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

import sqlite_utils

from bot import store, templates

OPEN, ANSWERED = "open", "answered"


@dataclass(frozen=True)
class Escalation:
    id: int
    question_id: int
    user_id: str
    channel_id: str | None
    thread_ts: str | None
    surface: str  # where the question was asked: dm | mention | command
    question: str
    status: str
    staff_thread_ts: str | None
    answer: str | None
    answered_by: str | None
    created_at: str
    answered_at: str | None

    @classmethod
    def from_row(cls, row: dict) -> Escalation:
        return cls(**{f.name: row[f.name] for f in fields(cls)})

    @property
    def reply_to(self) -> tuple[str | None, str | None]:
        """(channel, thread) the answer goes to: the DM, or the mention's thread, where the member asked.

        (None, None) means a new direct message: /ssc replies are seen by the member alone, so the
        answer must not appear in the channel they typed the command in.
        """
        if self.surface == "dm" and self.channel_id:
            return self.channel_id, None
        if self.surface == "mention" and self.channel_id and self.thread_ts:
            return self.channel_id, self.thread_ts
        return None, None


def escalate(
    db: sqlite_utils.Database, *, question_id: int, user_id: str, channel_id: str | None, thread_ts: str | None, at: dt.datetime
) -> Escalation | None:
    """Record that the member wants the Chair's Office to answer their question.

    None when the question is not theirs (buttons under a mention's answer are seen by the whole
    channel) or unknown; a second click returns the escalation the first one made.
    """
    asked = store.question(db, question_id)
    if asked is None or asked["user_id"] != user_id:
        return None
    row = store.escalate(db, question_id=question_id, channel_id=channel_id, thread_ts=thread_ts, at=at)
    return Escalation.from_row(row)


def staff_notice(escalation: Escalation) -> str:
    """The post in the staff channel: the question, who asked and where; replies in its thread go back."""
    return templates.render("escalation_staff", escalation=escalation)


def take_staff_answer(
    db: sqlite_utils.Database, staff_thread_ts: str, *, answer: str, answered_by: str
) -> tuple[Escalation, str] | None:
    """Record a staff reply in an open escalation's thread; the escalation and the text to relay.

    Staff text is Slack markup already (Slack sends `&`, `<`, `>` escaped, mentions and links as
    `<...>`), so it is relayed as written, except that a broadcast (`<!channel>`, `<!here>`,
    `<!everyone>`, a user group) is shown as text: a reply meant for one member must never notify
    a whole channel.
    """
    row = store.open_escalation_in_thread(db, staff_thread_ts)
    if row is None:
        return None
    store.record_staff_answer(db, row["id"], answer=answer, answered_by=answered_by)
    escalation = Escalation.from_row(store.escalation(db, row["id"]))
    text = templates.render("staff_answer", escalation=escalation, answer=templates.without_broadcasts(answer))
    return escalation, text


def relayed(db: sqlite_utils.Database, escalation_id: int, at: dt.datetime) -> str:
    """Mark the escalation answered; the note for the staff thread."""
    store.mark_answered(db, escalation_id, at)
    return templates.render("relayed", escalation=Escalation.from_row(store.escalation(db, escalation_id)))


def relay_failed(escalation: Escalation) -> str:
    """The note for the staff thread when the answer could not be delivered; the escalation stays open."""
    return templates.render("relay_failed", escalation=escalation)


def listing(db: sqlite_utils.Database, *, only_open: bool = False, user_id: str | None = None) -> list[Escalation]:
    return [Escalation.from_row(row) for row in store.escalations(db, only_open=only_open, user_id=user_id)]

"""The conversation core every adapter drives: a message from a person in, replies out as data."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from bot import store
from bot.answers import Answer, Answerer

_CHOICE = re.compile(r"^\s*#?(\d{1,2})[.)]?\s*$")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Message:
    user_id: str
    text: str
    surface: str = "terminal"  # terminal | dm | mention | command


@dataclass(frozen=True)
class Reply:
    text: str  # Slack mrkdwn; adapters for other media convert it
    answer: Answer | None = None
    question_id: int | None = None  # the logged question, so feedback on the reply can refer to it


class Assistant:
    def __init__(self, answerer: Answerer, db: sqlite_utils.Database, clock: Callable[[], dt.datetime] = utc_now):
        self.answerer = answerer
        self.db = db
        self.clock = clock

    def respond(self, message: Message) -> list[Reply]:
        picked = self._picked_topic(message)
        answer = picked or self.answerer.answer(message.text)
        question_id = store.log_question(
            self.db,
            at=self.clock(),
            user_id=message.user_id,
            surface=message.surface,
            question=message.text,
            outcome=answer.outcome,
            entry_id=answer.entry.id if answer.entry else None,
            score=answer.score,
        )
        if answer.alternatives and not answer.answered:
            store.save_offer(self.db, message.user_id, [e.id for e in answer.alternatives], self.clock())
        return [Reply(answer.text, answer, question_id)]

    def _picked_topic(self, message: Message) -> Answer | None:
        """A reply like "2" right after the bot offered topics picks the second topic."""
        match = _CHOICE.match(message.text)
        if not match:
            return None
        offered = store.offered(self.db, message.user_id)
        number = int(match.group(1))
        if not 1 <= number <= len(offered):
            return None
        return self.answerer.answer_entry(offered[number - 1], question=message.text)

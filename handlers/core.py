"""The core as the listeners use it: one thread at a time.

Bolt runs listeners on a pool of threads, but the core's SQLite connection must not be used by two
at once (sqlite-utils' savepoints interleave). Calls into the core are short; Slack API calls,
which can be slow, stay outside the lock.
"""
from __future__ import annotations

import threading
from pathlib import Path

from bot import drafts, escalations, store
from bot.answers import Answer
from bot.assistant import Assistant, Message, Reply
from bot.escalations import Escalation
from bot.home import home_text


class Core:
    def __init__(self, assistant: Assistant, escalations_enabled: bool = False):
        self._assistant = assistant
        self._lock = threading.Lock()
        self.escalations_enabled = escalations_enabled

    @property
    def _db(self):
        return self._assistant.db

    def _now(self):
        return self._assistant.clock()

    def respond(self, message: Message) -> list[Reply]:
        with self._lock:
            return self._assistant.respond(message)

    def answer_entry(self, entry_id: str) -> Answer | None:
        with self._lock:
            return self._assistant.answerer.answer_entry(entry_id)

    def first_delivery(self, event_id: str) -> bool:
        with self._lock:
            return store.first_delivery(self._db, event_id, self._now())

    def record_feedback(self, **feedback) -> None:
        with self._lock:
            store.record_feedback(self._db, at=self._now(), **feedback)

    def escalate(self, **where) -> Escalation | None:
        with self._lock:
            return escalations.escalate(self._db, at=self._now(), **where)

    def staff_posted(self, escalation_id: int, staff_thread_ts: str) -> None:
        with self._lock:
            store.set_staff_thread(self._db, escalation_id, staff_thread_ts)

    def take_staff_answer(self, staff_thread_ts: str, **answer) -> tuple[Escalation, str] | None:
        with self._lock:
            return escalations.take_staff_answer(self._db, staff_thread_ts, **answer)

    def relayed(self, escalation_id: int) -> str:
        with self._lock:
            return escalations.relayed(self._db, escalation_id, self._now())

    def draft(self, escalation_id: int) -> tuple[Path, bool] | None:
        """Write the draft entry from an answered escalation; None when it has no staff answer."""
        with self._lock:
            row = store.escalation(self._db, escalation_id)
        if row is None or not row["answer"]:
            return None
        folder = drafts.drafts_dir(self._assistant.answerer.kb.folder)
        return drafts.write_draft(folder, escalation_id=row["id"], question=row["question"], answer=row["answer"], today=self._now().date())

    def home(self, user_id: str) -> str:
        with self._lock:
            return home_text(self._assistant.answerer, self._db, user_id, self._now(), self.escalations_enabled)

    @property
    def chairs_office(self):
        return self._assistant.answerer.chairs_office

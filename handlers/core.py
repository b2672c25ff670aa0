"""The core as the listeners use it: one thread at a time.

Bolt runs listeners on a pool of threads, but the core's SQLite connection must not be used by two
at once (sqlite-utils' savepoints interleave). Calls into the core are short; Slack API calls,
which can be slow, stay outside the lock.
"""
from __future__ import annotations

import threading

from bot import store
from bot.answers import Answer
from bot.assistant import Assistant, Message, Reply


class Core:
    def __init__(self, assistant: Assistant):
        self._assistant = assistant
        self._lock = threading.Lock()

    def respond(self, message: Message) -> list[Reply]:
        with self._lock:
            return self._assistant.respond(message)

    def answer_entry(self, entry_id: str) -> Answer | None:
        with self._lock:
            return self._assistant.answerer.answer_entry(entry_id)

    def first_delivery(self, event_id: str) -> bool:
        with self._lock:
            return store.first_delivery(self._assistant.db, event_id, self._assistant.clock())

    def record_feedback(self, **feedback) -> None:
        with self._lock:
            store.record_feedback(self._assistant.db, at=self._assistant.clock(), **feedback)

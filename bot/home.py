"""The bot's home page for one member: what it does, how to ask, what others ask, their open questions."""
from __future__ import annotations

import datetime as dt

import sqlite_utils

from bot import escalations, store, templates
from bot.answers import Answerer

TOP_TOPICS_DAYS = 90
TOP_TOPICS = 5


def home_text(answerer: Answerer, db: sqlite_utils.Database, user_id: str, now: dt.datetime, escalations_enabled: bool) -> str:
    since = now - dt.timedelta(days=TOP_TOPICS_DAYS)
    # Entries since removed from the knowledge base are left out rather than shown by id.
    topics = [(entry.title, times) for entry_id, times in store.top_entries(db, since, TOP_TOPICS) if (entry := answerer.kb.entry(entry_id))]
    return templates.render(
        "home",
        days=TOP_TOPICS_DAYS,
        topics=topics,
        escalations_enabled=escalations_enabled,
        open_escalations=escalations.listing(db, only_open=True, user_id=user_id) if escalations_enabled else [],
        chairs_office=answerer.chairs_office,
    )

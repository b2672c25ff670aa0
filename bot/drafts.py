"""A draft knowledge-base entry from a staff answer to an escalated question.

Drafts go to `knowledge/drafts/` (or `SSC_BOT_DRAFTS`), which the bot never reads: a curator
completes the draft (the guide sections it rests on, more example questions, our own wording) and
moves it to `knowledge/entries/`, where `ssc-bot kb check` judges it like any other entry.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import yaml

DRAFTS_DIR = "drafts"
_SLUG_WORDS = 6

_HEADER = """\
# DRAFT, NOT LIVE: written from the Chair's Office answer to escalation {escalation_id}.
# To publish it: fill in `sources` with the guide sections it rests on (e.g. ["4.5"]),
# add example questions (at least five), reword the answer, set `owner`, `reviewed`
# and `tags`, move this file to knowledge/entries/ and run `ssc-bot kb check`.
"""


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())[:_SLUG_WORDS]
    return "-".join(words) or "entry"


def draft_text(*, escalation_id: int, question: str, answer: str, today: dt.date) -> str:
    """The draft entry: valid front matter, the member's question first in `questions`, staff's answer as body."""
    meta = {
        "id": f"draft-{slug(question)}-{escalation_id}",
        "title": f"DRAFT: {' '.join(question.split())[:100]}",
        "questions": [question.strip()],
        "sources": [],
        "owner": "TODO",
        "reviewed": today,
        "tags": ["draft"],
    }
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    front = front.replace("sources: []\n", "sources: []  # TODO: the guide sections this answer rests on\n", 1)
    return f"---\n{_HEADER.format(escalation_id=escalation_id)}{front}---\n{answer.strip()}\n"


def drafts_dir(knowledge_folder: Path) -> Path:
    """`SSC_BOT_DRAFTS`, else `drafts/` beside the entries. A container sets it to its data volume,
    where the bot may write and drafts outlive an upgrade."""
    return Path(os.environ.get("SSC_BOT_DRAFTS") or knowledge_folder / DRAFTS_DIR)


def write_draft(folder: Path, *, escalation_id: int, question: str, answer: str, today: dt.date) -> tuple[Path, bool]:
    """The draft's path in `folder`, and whether it was written now; an existing draft (maybe being edited) is kept."""
    path = folder / f"{slug(question)}-{escalation_id}.md"
    if path.exists():
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(draft_text(escalation_id=escalation_id, question=question, answer=answer, today=today), encoding="utf-8")
    return path, True

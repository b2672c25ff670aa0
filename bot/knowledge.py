"""The curated knowledge base as the bot uses it: entries, contacts and the guide's sections.

`load()` refuses a base that `bot.kbcheck` finds errors in, so the bot never answers from a
broken one. Example questions too alike across entries are left to `ssc-bot kb check` and CI: they
blur answers without breaking any, and a curator's new phrasing should not stop the bot starting.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from bot import kbcheck
from bot.kbfiles import RawEntry, read_yaml

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "knowledge"


def knowledge_dir(path: str | os.PathLike | None = None) -> Path:
    """The knowledge folder: the argument, else `SSC_BOT_KNOWLEDGE`, else the one shipped here."""
    return Path(path or os.environ.get("SSC_BOT_KNOWLEDGE") or DEFAULT_DIR)


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Contact:
    key: str
    name: str
    email: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass
class Entry:
    id: str
    title: str
    questions: list[str]
    sources: list[str]
    body: str
    owner: str
    reviewed: dt.date
    tags: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    path: Path | None = None


@dataclass(frozen=True)
class OutOfScopeTopic:
    """Something members ask that the guide does not answer: the bot should decline it."""

    topic: str
    questions: list[str]


@dataclass
class KnowledgeBase:
    entries: list[Entry]
    contacts: dict[str, Contact]
    sections: dict[str, str]  # "4.3.1" -> "Speaking on behalf of the SSC"
    guide_title: str
    folder: Path
    out_of_scope: list[OutOfScopeTopic] = field(default_factory=list)

    def entry(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def __post_init__(self):
        self._by_id = {e.id: e for e in self.entries}


class KnowledgeError(Exception):
    """The knowledge base has errors; the message lists them as `file:line: message`."""


def read_sections(folder: Path) -> tuple[str, dict[str, str]]:
    guide = read_yaml(folder / "guide.yaml")
    return str(guide.get("title", "the guide")), {str(k): str(v) for k, v in (guide.get("sections") or {}).items()}


def read_contacts(folder: Path) -> dict[str, Contact]:
    return {key: Contact(key=key, **value) for key, value in read_yaml(folder / "contacts.yaml").items()}


def build_entry(raw: RawEntry) -> Entry:
    """An Entry from a raw file that `kbcheck` found free of errors."""
    m = raw.meta
    return Entry(
        id=m["id"],
        title=m["title"],
        questions=list(m["questions"]),
        sources=[str(s) for s in m["sources"]],
        body=raw.body,
        owner=m["owner"],
        reviewed=m["reviewed"],
        tags=list(m.get("tags") or []),
        links=[Link(**link) for link in m.get("links") or []],
        contacts=list(m.get("contacts") or []),
        path=raw.path,
    )


def load(folder: str | os.PathLike | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base; raise KnowledgeError if it has errors."""
    folder = knowledge_dir(folder)
    return from_report(folder, kbcheck.check(folder, compare_questions=False))


def from_report(folder: Path, report: kbcheck.Report) -> KnowledgeBase:
    """The knowledge base of a folder already checked; raise KnowledgeError if it has errors."""
    if report.errors:
        raise KnowledgeError("\n".join(str(p) for p in report.errors))
    title, sections = read_sections(folder)
    return KnowledgeBase(
        entries=[build_entry(raw) for raw in report.raw],
        contacts=read_contacts(folder),
        sections=sections,
        guide_title=title,
        folder=folder,
        out_of_scope=[OutOfScopeTopic(t.topic, list(t.questions)) for t in report.out_of_scope],
    )

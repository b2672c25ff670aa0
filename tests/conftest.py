import datetime as dt
import textwrap
from pathlib import Path

import pytest

from bot import knowledge, store
from bot.answers import Answerer
from bot.assistant import Assistant

# Not a tests/slack/conftest.py: a second module named `conftest` would shadow this one for
# `from conftest import ...`.
pytest_plugins = ["tests.slack.fixtures"]


@pytest.fixture(scope="session")
def kb():
    return knowledge.load()


@pytest.fixture(scope="session")
def answerer(kb):
    return Answerer(kb)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ssc-bot.db"


@pytest.fixture
def db(db_path):
    return store.open_db(db_path)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start=dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def assistant(answerer, db, clock):
    return Assistant(answerer, db, clock)


ENTRY = """\
---
id: {id}
title: {title}
questions:
  - {q1}
  - how does {id} work in practice
  - what about {id} for groups
  - where is {id} written down
  - why is {id} needed at all
sources: ["4.5"]
owner: Test curator
reviewed: 2026-11-01
tags: [test]
---
An answer in plain words.
"""


@pytest.fixture
def mini_kb(tmp_path) -> Path:
    """A small knowledge folder a test can break on purpose."""
    folder = tmp_path / "knowledge"
    (folder / "entries").mkdir(parents=True)
    (folder / "guide.yaml").write_text('title: Test guide\nsections:\n  "4.5": Intervention letters\n  "4.6": IUCN Motions\n')
    (folder / "contacts.yaml").write_text("chairs_office:\n  name: SSC Chair's Office\n  email: ssc@iucn.org\n")
    write_entry(folder, "first-entry", q1="who signs intervention letters")
    return folder


def write_entry(folder: Path, entry_id: str, text: str | None = None, **fields) -> Path:
    values = {"id": entry_id, "title": "A title", "q1": "a first question about letters"} | fields
    path = folder / "entries" / f"{entry_id}.md"
    path.write_text(textwrap.dedent(text) if text is not None else ENTRY.format(**values))
    return path

"""Whether the bot answers each entry's own example questions from that entry.

An example answered from another entry means the two entries' wordings overlap ("when was SSC
founded" in one, an answer in another saying when IUCN was founded); one the bot does not answer
at all is matched by nothing sure enough. Either way the curator has something to reword. Run by
`ssc-bot kb check`.

An example is also asked as if it were not written (`overlaps`): a member's question worded like
it meets the rest of the base, and when another entry answers it, that entry draws this one's
questions. Run by `ssc-bot kb overlaps`.
"""
from __future__ import annotations

from collections import Counter

from bot.answers import Answerer
from bot.kbcheck import Problem
from bot.kbfiles import RawEntry


def misrouted(answerer: Answerer, entries: list[RawEntry]) -> list[Problem]:
    """A warning for each example question not answered from its own entry."""
    problems = []
    for raw in entries:
        own = raw.meta["id"]
        for number, question in enumerate(raw.meta["questions"]):
            answer = answerer.answer(question)
            if answer.answered and answer.entry.id == own:
                continue
            if answer.answered:
                why = f"is answered from `{answer.entry.id}` ({answer.score:.2f}): the two entries' wordings overlap; reword one"
            else:
                why = f"is not answered ({answer.outcome}, {answer.score:.2f}): add phrasings like it, or reword it"
            problems.append(Problem(raw.path, raw.question_line(number), f"example question \"{question}\" {why}", "warning"))
    return problems


def overlaps(answerer: Answerer, entries: list[RawEntry]) -> tuple[list[Problem], Counter]:
    """Each example question another entry answers once the example itself is hidden, and how
    many such questions each (entry, other entry) pair has. Entries citing the same first guide
    section may share questions: either answer cites the right section."""
    sources = {entry.id: entry.sources for entry in answerer.kb.entries}
    problems, pairs = [], Counter()
    for raw in entries:
        own = raw.meta["id"]
        for number, question in enumerate(raw.meta["questions"]):
            with answerer.index.without_example(own, number):
                answer = answerer.answer(question)
            if not answer.answered or sources[own][0] in answer.entry.sources:
                continue
            pairs[own, answer.entry.id] += 1
            message = f"example question \"{question}\" would be answered from `{answer.entry.id}` ({answer.score:.2f}) were it not written here"
            problems.append(Problem(raw.path, raw.question_line(number), message, "warning"))
    return problems, pairs

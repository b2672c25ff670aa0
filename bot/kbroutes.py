"""Whether the bot answers each entry's own example questions from that entry.

An example answered from another entry means the two entries' wordings overlap ("when was SSC
founded" in one, an answer in another saying when IUCN was founded); one the bot does not answer
at all is matched by nothing sure enough. Either way the curator has something to reword. Run by
`ssc-bot kb check`.
"""
from __future__ import annotations

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


"""The kind of fact a question asks for, and whether an answer can hold it.

"What is the deadline for motions?" matches the motions entry word for word, but if that entry
gives no date, answering from it does not answer the question. Whether the best entry lacks the
kind of fact asked for (a date, a place, a person's name, a figure, a duration, a phone number)
is one of the features the confidence model weighs.
"""
from __future__ import annotations

import re
from functools import lru_cache

from bot import text

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|half"

# Kind: (how a question asks for it, how an answer shows it).
_KINDS = {
    "date": (
        re.compile(r"\b(?:deadlines?|due date|what date|which date|time limit|when\b.*\bnext\b|when (?:is|will|are|does|do) (?:the )?(?:deadline|submission|call))", re.I),
        re.compile(rf"\b(?:1[89]\d\d|20\d\d|{_MONTHS}|deadline)\b", re.I),
    ),
    "place": (
        re.compile(r"\bwhere\b.*\b(?:next|held|take place|located|hosted)\b|\b(?:venue|which city|what city|which country will)\b", re.I),
        re.compile(r"\b(?:held in|venue|city)\b", re.I),
    ),
    "person": (
        # Not "name of the": members ask to speak "in the name of the Commission".
        re.compile(r"\b(?:(?:what(?:'s| is| are)|whats|tell me) the names? of|names? of the (?:current )?(?:chair|director|head|president|coordinator|leader)s?|who is the current|who'?s the current|who is currently|who are the current|current (?:chair|director|head)|who chairs)\b", re.I),
        # A named person: a title and a name ("Dr Jane Smith"). Capitalised words alone are no sign:
        # the answers are full of names like "Plant Conservation Committee".
        re.compile(r"\b(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.? [A-Z][a-z]+"),
    ),
    "figure": (
        re.compile(r"\b(?:how many|how much|what number|what percentage|what proportion|what share)\b", re.I),
        # Any number but a year: "since 2013" does not answer "how many letters since 2013?".
        re.compile(rf"(?<![\d.])(?!(?:1[89]|20)\d\d\b)\d|\b(?:{_NUMBER_WORDS})\b", re.I),
    ),
    "duration": (
        re.compile(r"\bhow long (?:does|do|will|would|did) (?:it|they|this|that)\b|\bhow (?:many|much) (?:days|weeks|months|time)\b|\bturnaround\b", re.I),
        re.compile(r"\b(?:days?|weeks?|months?|years?)\b", re.I),
    ),
    "phone": (
        re.compile(r"\b(?:phone|telephone|whatsapp) (?:number|no)\b", re.I),
        re.compile(r"\+?\d[\d ().-]{7,}\d"),
    ),
}


def wanted(question: str) -> set[str]:
    """The kinds of fact the question asks for: date, place, person, figure, duration, phone."""
    return {kind for kind, (asks, _) in _KINDS.items() if asks.search(question)}


@lru_cache(maxsize=1024)  # answers are the entries' bodies: a few dozen texts, asked about again and again
def given(answer: str) -> frozenset[str]:
    """The kinds of fact an answer text contains."""
    answer = text.LINK.sub(" ", answer)  # "forms.gle/4Xz9" is no figure
    return frozenset(kind for kind, (_, shows) in _KINDS.items() if shows.search(answer))

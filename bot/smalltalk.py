"""Recognising the parts of a message that are not the question: greetings, thanks, `help`."""
from __future__ import annotations

import re

from bot import text

_GREETING = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|dear\s+\w+)"
    r"(?:\s+(?:there|all|everyone|team|bot|folks))?\b[\s,!.:;-]*)+",
    re.IGNORECASE,
)
_THANKS = re.compile(
    # A sign-off that is also a word ("best", "ty") only after punctuation: "is it the best" stays.
    r"(?:[\s,.!]*\b(?:(?:many\s+)?thanks?(?:\s+you)?(?:\s+(?:so\s+much|a\s+lot|in\s+advance))?|thx|(?:kind|warm|best)\s+(?:regards|wishes))"
    r"|(?:^|(?<=[,.!?\n]))\s*(?:cheers|ty|best(?:\s+regards)?|regards))[\s!.:),]*$",
    re.IGNORECASE,
)
_HELP = re.compile(
    r"^\W*(?:help|\?+|menu|start|what\s+can\s+you\s+do|what\s+do\s+you\s+do|who\s+are\s+you|what\s+are\s+you"
    r"|how\s+does\s+this\s+work|how\s+do\s+i\s+use\s+(?:you|this)|what\s+can\s+i\s+ask(?:\s+you)?)\W*$",
    re.IGNORECASE,
)


def strip_courtesies(message: str) -> str:
    """The message without a greeting before it or thanks after it."""
    stripped = _GREETING.sub("", message.strip(), count=1)
    return _THANKS.sub("", stripped).strip()


def in_another_script(message: str) -> bool:
    """Mostly letters outside the Latin alphabet the knowledge base is written in (Arabic,
    Chinese, ...): a Latin acronym among them ("我可以代表SSC发言吗") is no English question."""
    letters = [ch for ch in text.fold(message) if ch.isalpha()]
    return sum(not "a" <= ch <= "z" for ch in letters) * 2 > len(letters)


# Common short words of the other languages members write in with Latin letters (Spanish, French,
# Portuguese), none of them an English word.
_FOREIGN_WORDS = frozenset(
    """
    el los las del que en una es por para con como puedo mi su pero mas este esta hay tiene
    le les des du et est pour avec je mon nous vous quelle quel qui sur dans pas une ce cette sont
    os da do em uma posso meu minha nao voce sao
    """.split()
)


def in_another_language(message: str) -> bool:
    """Written with Latin letters, but in Spanish, French or Portuguese rather than English."""
    words = text.words(message)
    foreign = sum(w in _FOREIGN_WORDS for w in words)
    return foreign >= 3 and foreign > sum(w in text.STOPWORDS for w in words)


def wants_introduction(message: str) -> bool:
    """A bare greeting, thanks or a request for help: answer with what the bot does."""
    rest = strip_courtesies(message)
    return not rest or bool(_HELP.match(rest)) or not text.terms(rest)


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def questions_in(message: str) -> list[str]:
    """The sentences of a several-sentence message that ask something (end in `?`)."""
    sentences = [s.strip() for s in _SENTENCE.split(message) if s.strip()]
    return [s for s in sentences if s.endswith("?")] if len(sentences) > 1 else []

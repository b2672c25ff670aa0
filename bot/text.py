"""Turning free text into the terms the search compares: fold, split, drop filler, stem."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9]+")
# "10,000" is one number, not "10" and "000": split, its thousands match any other figure's.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
# "SSC's" is "SSC": the stemmer takes the s off "iucns" but not off "sscs".
_POSSESSIVE = re.compile(r"'s\b")
# An e-mail address is read as what it is, an e-mail, and its names: "ssc@iucn.org" as "ssc
# iucn email". Its ending, and a link's ("www.iucn.org"), would be the shorthand "org".
_EMAIL = re.compile(r"\b([a-z0-9._%+-]+)@([a-z0-9-]+)(?:\.[a-z0-9-]+)+")
_DOMAIN_ENDING = re.compile(r"(?<=[a-z0-9])\.(?:org|com|net|int|edu|gov)\b")
# A link in an answer's text: its digits are no fact (bot.facts) and its address is checked, not
# read as prose (bot.kbcheck). It ends where Slack's `<url|title>` or a parenthesis would.
LINK = re.compile(r"(?:https?://|mailto:)[^\s>|)]+")
# "Day to day" means routine, and "these days" now: read as "daily" and as nothing, not as the
# word "day", which out-of-scope examples about dates and schedules share.
_DAY_PHRASES = re.compile(r"\bday[\s-]+to[\s-]+day\b|\bthese days\b")

# Words that say nothing about the topic of a question. Kept short on purpose: "speak",
# "sign", "letter" and the like carry the meaning and must stay.
STOPWORDS = frozenset(
    """
    a about above after again all also am an and any anyone are as at be been being both but by
    can could did do does doing done for from get got had has have having he her here hers him his
    how i if im in into is it its ive just let lets me might mine more most much must my myself
    no nor not now of off on once one only or other our ours ourselves out over own please pls
    same she should so some someone something such than thank thanks that the their theirs them
    then there these they this those through thx to too under until up us very was we were what
    whats when where which while who whom whose why will with would you your yours yourself
    hi hello hey dear tell know want wanted wondering wonder question quick anybody really
    ok okay yes yeah bit actually kind sort way like need u ur r im id ill youre theres
    whether either neither etc eg ie
    """.split()
)

# How members write SSC names and common shorthand, mapped to the words the knowledge base uses.
SYNONYMS = {
    "ksr": "key species result",
    "ksrs": "key species results",
    "krs": "key species result",
    "sg": "specialist group",
    "sgs": "specialist groups",
    "tf": "task force",
    "rla": "red list authority",
    "rlas": "red list authorities",
    "nssg": "national species specialist group",
    "gsp": "global species programme",
    "dg": "director general",
    # The Secretariat units, indicator and conventions the guide names by their initials.
    "rlu": "red list unit",
    "fbu": "freshwater biodiversity unit",
    "mbu": "marine biodiversity unit",
    "bau": "biodiversity assessment unit",
    "rli": "red list index",
    "cbd": "convention on biological diversity",
    "cms": "convention on migratory species",
    "wcc": "world conservation congress",
    "kba": "key biodiversity area",
    "kbas": "key biodiversity areas",
    # Chat shorthand for words the base spells out. Left to the typo correction, "interv" became
    # "intern" and "cttee" stayed unknown.
    "interv": "intervention",
    "cttee": "committee",
    "cttees": "committees",
    "cmte": "committee",
    "comms": "communications",
    "govt": "government",
    "govts": "governments",
    "gov": "government",
    "conf": "conference",
    "confs": "conferences",
    "mtg": "meeting",
    "mtgs": "meetings",
    "info": "information",
    "org": "organisation",
    "orgs": "organisations",
    "intl": "international",
    "natl": "national",
    "dept": "department",
    "mgmt": "management",
    "assmt": "assessment",
    "ppl": "people",
    "abt": "about",
    "program": "programme",
    "programs": "programmes",
    "organization": "organisation",
    "organizations": "organisations",
    "authorized": "authorised",
    "authorize": "authorise",
    "authorization": "authorisation",
}


def fold(text: str) -> str:
    """Lower-case ASCII-ish form: accents dropped, curly quotes straightened."""
    if not text.isascii():  # most text is: skip the per-character pass
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


def words(text: str) -> list[str]:
    """All words of the text, folded and with shorthand expanded, filler included."""
    out: list[str] = []
    text = _POSSESSIVE.sub("", fold(text))
    text = _DOMAIN_ENDING.sub(" ", _EMAIL.sub(r"\1 \2 email", text))
    text = _DAY_PHRASES.sub(lambda m: " daily " if m.group(0).startswith("day") else " ", text)
    for word in _WORD.findall(_THOUSANDS.sub("", text).replace("'", "")):
        out.extend(SYNONYMS.get(word, word).replace("'", "").split())
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def terms(text: str) -> list[str]:
    """The stemmed content words of the text, in order, repeats kept."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]

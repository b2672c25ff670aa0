"""Finding the entry a message is about, with a confidence the answer composer can trust.

Two signals, both over stemmed content words weighted by how rare they are across entries:
- BM25 over each entry's title, example questions, tags and body (what the entry covers);
- the cosine with the entry's closest example question (how members phrase it).
Misspelt words are mapped to the nearest known word with rapidfuzz before scoring.
The confidence also counts how much of the message the entry explains, so a message that is
mostly about something else (the weather, a password) scores low even if one word matches.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot import text
from bot.knowledge import Entry, KnowledgeBase

FIELD_WEIGHTS = {"title": 3.0, "questions": 1.0, "tags": 2.0, "body": 1.0}
K1, B = 1.2, 0.75
# A misspelt word counts for less than one spelt right: the correction may be wrong.
CORRECTED_TRUST = 0.7
# Words the base has never seen weigh less than known ones against an entry's coverage: long
# messages carry context ("my manuscript on dragonflies") around a question the base knows.
UNKNOWN_SHARE = 0.5
W_SIM, W_COV = 0.6, 0.6
THIN_QUERY_CAP = 0.3  # below the answering threshold in bot.answers
# Long rambling messages: the topic shows in the first few hundred words.
MAX_TERMS = 400


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float  # confidence, 0..1
    coverage: float  # share of the message's weight this entry explains
    similarity: float  # cosine with the entry's closest example question


@dataclass(frozen=True)
class QueryTerm:
    term: str  # the known term it maps to, or the word itself when unknown
    weight: float
    trust: float  # 1 spelt as known, CORRECTED_TRUST when corrected, 0 unknown


class Index:
    def __init__(self, kb: KnowledgeBase):
        self.entries = kb.entries
        self._doc_tf: list[Counter] = []
        for entry in self.entries:
            tf: Counter = Counter()
            fields = {
                "title": [entry.title],
                "questions": entry.questions,
                "tags": entry.tags,
                "body": [entry.body],
            }
            for name, texts in fields.items():
                for term in (t for chunk in texts for t in text.terms(chunk)):
                    tf[term] += FIELD_WEIGHTS[name]
            self._doc_tf.append(tf)
        n = len(self.entries)
        self.df = Counter(term for tf in self._doc_tf for term in tf)
        self.idf = {term: math.log(1 + (n - d + 0.5) / (d + 0.5)) for term, d in self.df.items()}
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5)
        self._vocab_by_initial: dict[str, list[str]] = {}
        for term in sorted(self.idf):
            self._vocab_by_initial.setdefault(term[0], []).append(term)
        self._doc_len = [sum(tf.values()) for tf in self._doc_tf]
        self._avg_len = sum(self._doc_len) / max(n, 1)
        # Example questions as unit vectors, with a postings list per term for a sparse dot product.
        self._postings: dict[str, list[tuple[int, float]]] = {}
        self._question_owner: list[int] = []
        for index, entry in enumerate(self.entries):
            for question in entry.questions:
                vector = self._unit(Counter(text.terms(question)))
                qid = len(self._question_owner)
                self._question_owner.append(index)
                for term, weight in vector.items():
                    self._postings.setdefault(term, []).append((qid, weight))

    def _unit(self, counts: Counter) -> dict[str, float]:
        vector = {t: c * self.idf.get(t, self.unknown_idf) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def query_terms(self, message: str) -> list[QueryTerm]:
        out = []
        for word in text.terms(message)[:MAX_TERMS]:
            if word in self.idf:
                out.append(QueryTerm(word, self.idf[word], 1.0))
                continue
            match = None
            if len(word) >= 4 and not word.isdigit():
                # One slip (a letter missed, doubled, swapped) in a short word, two in a long one;
                # the first letter is rarely wrong, and requiring it keeps "gland" from "land".
                candidates = self._vocab_by_initial.get(word[0], ())
                close = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=1 if len(word) < 7 else 2, limit=8)
                # Of equally close words, the one the base uses most ("letter", not "later").
                match = min(close, key=lambda c: (c[1], self.idf[c[0]]), default=None)
            if match:
                out.append(QueryTerm(match[0], self.idf[match[0]], CORRECTED_TRUST))
            else:
                out.append(QueryTerm(word, self.unknown_idf, 0.0))
        return out

    def search(self, message: str, limit: int = 4) -> list[Hit]:
        """The best entries for the message, best first, each with its confidence."""
        query = self.query_terms(message)
        if not any(qt.trust > 0 and not qt.term.isdigit() for qt in query):
            return []  # a bare number or only unknown words: nothing to go on
        weights: Counter = Counter()
        for qt in query:
            weights[qt.term] += qt.weight
        trust = {qt.term: qt.trust for qt in query}
        total = sum(weights[t] * (1.0 if trust[t] > 0 else UNKNOWN_SHARE) for t in weights)
        known = {qt.term for qt in query if qt.trust > 0}

        similarity = [0.0] * len(self.entries)
        norm = math.sqrt(sum(w * w for w in weights.values()))
        dots: Counter = Counter()
        for term in known:
            for qid, weight in self._postings.get(term, ()):
                dots[qid] += weight * weights[term] / norm
        for qid, dot in dots.items():
            owner = self._question_owner[qid]
            similarity[owner] = max(similarity[owner], dot)

        scored = []
        for index, tf in enumerate(self._doc_tf):
            matched = [t for t in known if t in tf]
            if not matched:
                continue
            bm25 = sum(
                self.idf[t] * tf[t] * (K1 + 1) / (tf[t] + K1 * (1 - B + B * self._doc_len[index] / self._avg_len))
                for t in matched
            )
            explained = sum(weights[t] * trust[t] for t in matched)
            scored.append((index, bm25, explained / total))
        if not scored:
            return []
        best_bm25 = max(s[1] for s in scored)
        ranked = sorted(
            ((0.5 * bm25 / best_bm25 + 0.5 * similarity[index], index, coverage) for index, bm25, coverage in scored),
            reverse=True,
        )[:limit]
        # One word that several entries use ("process", "talk", "letters") says what area the
        # member means, not which answer: offer the topics instead of picking one.
        cap = THIN_QUERY_CAP if len(known) == 1 and self.df[next(iter(known))] > 2 else 1.0
        return [
            Hit(self.entries[index], min(cap, confidence(similarity[index], coverage, relevance)), coverage, similarity[index])
            for relevance, index, coverage in ranked
        ]


def confidence(similarity: float, coverage: float, relevance: float) -> float:
    """How sure the bot may be that this entry answers the message, 0..1.

    Weighed on the evaluation set: neither signal alone tells a paraphrase from a message about
    something else. (Scaling by the lead over the next entry was tried: it cost right answers and
    saved no wrong ones.)
    """
    return round(min(1.0, W_SIM * similarity + W_COV * coverage) * relevance, 4)

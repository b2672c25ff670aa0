"""What each entry has in common with a message: the signals `bot.scoring` ranks and weighs.

All signals are over stemmed content words weighted by how rare they are (across entries for
BM25 and coverage, across example questions for the similarity with them):
- BM25 over each entry's title, example questions, tags and body (what the entry covers);
- the cosine with the entry's closest example questions (how members phrase it);
- coverage: how much of the message the entry explains, so a message that is mostly about
  something else (the weather, a password) is told apart even if one word matches;
- wording: how alike the message and the entry's closest example question read, filler words and
  all, whatever their order (rapidfuzz's token set ratio);
- other organisation: when the message names SSC and not IUCN, or the reverse, how much more often
  the entry's example questions name the other organisation alone than this one. "SSC" and
  "IUCN" are in most questions, so their rarity weighs little in the other signals, yet "SSC's
  vision" and "IUCN's vision" are different answers.
Misspelt words are mapped to the nearest known word with rapidfuzz before scoring.

One signal is about the message alone: `out_of_scope`, its cosine with the closest example in
`knowledge/out_of_scope.yaml` (questions the guide does not answer, which the bot should decline),
its words weighted by how rare they are among all example questions, out-of-scope ones included.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot import text
from bot.knowledge import Entry, KnowledgeBase

FIELD_WEIGHTS = {"title": 3.0, "questions": 1.0, "tags": 2.0, "body": 1.0}
# The terms naming each organisation ("Species Survival Commission" by its rarer word; plain
# "commission" is no sign, IUCN has six), with the Spanish and French initials.
ORGANISATIONS = {"ssc": frozenset({"ssc", "surviv", "cse"}), "iucn": frozenset({"iucn", "union", "uicn"})}
K1, B = 1.2, 0.75
# A misspelt word counts for less than one spelt right: the correction may be wrong.
CORRECTED_TRUST = 0.7
# Words the base has never seen weigh less than known ones against an entry's coverage: long
# messages carry context ("my manuscript on dragonflies") around a question the base knows.
UNKNOWN_SHARE = 0.5
# Long rambling messages: the topic shows in the first few hundred words.
MAX_TERMS = 400
IN_TITLE, IN_TAGS = 1, 2
WORDING_CHARS = 300  # the start of a message compared word by word with example questions
# The example questions of an entry that its wording signal reads: those closest in content words.
# A well-curated entry has a hundred; the rest cost time and, cross-validated, never changed a figure.
WORDING_EXAMPLES = 20


@dataclass(frozen=True)
class QueryTerm:
    term: str  # the known term it maps to, or the word itself when unknown
    weight: float
    trust: float  # 1 spelt as known, CORRECTED_TRUST when corrected, 0 unknown


@dataclass(frozen=True)
class Candidate:
    """An entry sharing at least one word with the message, and how it matches."""

    entry: Entry
    signals: dict[str, float]


@dataclass(frozen=True)
class Query:
    """The message as the index reads it, with what its words say about any match."""

    terms: list[QueryTerm]
    signals: dict[str, float]
    thin: bool  # one known word, used by several entries: it names an area, not an answer
    cosines: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)  # with each example question


@dataclass(frozen=True)
class _Reading:
    """A message's words as the index reads them, shared by the full and the per-sentence signals."""

    terms: list[QueryTerm]
    weights: Counter  # per term, summed over its occurrences
    trust: dict[str, float]
    # In the message's order, not a set's: the signals are float sums over these words, and an
    # order that followed string hashing would change near-ties from one run to the next.
    known: dict[str, None]
    explainable: float  # the weight an entry could explain, unknown words counting for less
    counts: Counter  # occurrences per term, unknown words included
    vector: dict[str, float]  # unit vector of the counts, by rarity among the entries' examples

    @property
    def known_vector(self) -> dict[str, float]:
        return {term: weight for term, weight in self.vector.items() if term in self.known}


class Index:
    def __init__(self, kb: KnowledgeBase):
        self.entries = kb.entries
        doc_tf: list[Counter] = []
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
            doc_tf.append(tf)
        n = len(self.entries)
        rarity = Rarity(doc_tf)  # across entries, for BM25
        self.df, self.idf, self.unknown_idf = rarity.df, rarity.idf, rarity.unknown_idf
        self._vocab_by_initial: dict[str, list[str]] = {}
        for term in sorted(self.idf):
            self._vocab_by_initial.setdefault(term[0], []).append(term)
        lengths = [sum(tf.values()) for tf in doc_tf]
        average = sum(lengths) / max(n, 1)
        length_norm = [K1 * (1 - B + B * length / average) for length in lengths]
        # Per term, the entries using it: (entry, the term's BM25 weight there before idf, whether it
        # is in the title / tags).
        self._entry_postings: dict[str, list[tuple[int, float, int]]] = {}
        for index, (entry, tf) in enumerate(zip(self.entries, doc_tf)):
            title = set(text.terms(entry.title))
            tags = {t for tag in entry.tags for t in text.terms(tag)}
            for term, count in tf.items():
                field = (IN_TITLE if term in title else 0) | (IN_TAGS if term in tags else 0)
                saturated = count * (K1 + 1) / (count + length_norm[index])
                self._entry_postings.setdefault(term, []).append((index, saturated, field))
        # Each entry's example questions are numbered in one run, `_question_span[entry]`.
        self._question_span: list[tuple[int, int]] = []
        self._wordings = [[" ".join(text.words(q)) for q in entry.questions] for entry in self.entries]
        self._position = {entry.id: index for index, entry in enumerate(self.entries)}
        start = 0
        for entry in self.entries:
            self._question_span.append((start, start + len(entry.questions)))
            start += len(entry.questions)
        examples = [text.terms(q) for entry in self.entries for q in entry.questions]
        # Rarity among the example questions, for comparing a message with them: "SSC" is in
        # nearly every entry, yet it is what tells "SSC's mission" from "IUCN's mission".
        self._question_rarity = Rarity(examples)
        self._examples = _Questions(examples, self._question_rarity.unit)
        # Per entry, the share of its example questions naming each organisation alone.
        self._organisation_share: list[dict[str, float]] = []
        for start, end in self._question_span:
            named = [organisation_named(terms) for terms in examples[start:end]]
            self._organisation_share.append({name: named.count(name) / max(len(named), 1) for name in ORGANISATIONS})
        # For the out-of-scope examples, rarity among all examples, theirs included: a word many of
        # them share ("past", "contain", "day") would otherwise outweigh a message's topic.
        declined = [text.terms(q) for topic in kb.out_of_scope for q in topic.questions]
        self._pooled_rarity = Rarity(examples + declined)
        self._declined = _Questions(declined, self._pooled_rarity.unit)

    def query_terms(self, message: str) -> list[QueryTerm]:
        out = []
        for word in text.terms(message)[:MAX_TERMS]:
            if word in self.idf:
                out.append(QueryTerm(word, self.idf[word], 1.0))
                continue
            match = None
            # A word of the out-of-scope examples is spelt right, whatever entry word it resembles.
            if len(word) >= 4 and not word.isdigit() and not self._declined.uses(word):
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

    def _read(self, message: str) -> _Reading:
        terms = self.query_terms(message)
        weights: Counter = Counter()
        for qt in terms:
            weights[qt.term] += qt.weight
        trust = {qt.term: qt.trust for qt in terms}
        known = dict.fromkeys(qt.term for qt in terms if qt.trust > 0)
        explainable = sum(weights[t] * (1.0 if trust[t] > 0 else UNKNOWN_SHARE) for t in weights)
        counts = Counter(qt.term for qt in terms)
        return _Reading(terms, weights, trust, known, explainable, counts, self._question_rarity.unit(counts))

    def candidates(self, message: str) -> tuple[Query, list[Candidate]]:
        """Every entry sharing a known word with the message, with its signals (unranked)."""
        reading = self._read(message)
        terms, weights, trust, known = reading.terms, reading.weights, reading.trust, reading.known
        total_weight = sum(weights.values()) or 1.0
        # Words the entries never use still count here: "recipe" or "wifi" is what an
        # out-of-scope example and a message have in common.
        declined = self._declined.cosines(self._pooled_rarity.unit(reading.counts))
        dots = self._examples.cosines(reading.known_vector)
        query = Query(
            terms,
            {
                "known_words": math.log1p(len(known)),
                "unknown_share": sum(w for t, w in weights.items() if trust[t] == 0) / total_weight,
                "corrected_share": sum(1 for qt in terms if 0 < qt.trust < 1) / max(len(terms), 1),
                "out_of_scope": float(declined.max()) if declined.size else 0.0,
            },
            thin=len(known) == 1 and self.df[next(iter(known))] > 2,
            cosines=dots,
        )
        if all(t.isdigit() for t in known):
            return query, []  # a bare number or only unknown words: nothing to go on
        dots = dots.tolist()  # sliced per entry below, faster as a list
        named = organisation_named(set(weights))

        # Walk the postings of the message's words only: a long message knows a hundred of them.
        bm25: Counter = Counter()
        explained: Counter = Counter()
        in_title: Counter = Counter()
        in_tags: Counter = Counter()
        for term in known:
            weight, idf, trusted = weights[term], self.idf[term], weights[term] * trust[term]
            for index, saturated, field in self._entry_postings[term]:
                bm25[index] += idf * saturated
                explained[index] += trusted
                if field & IN_TITLE:
                    in_title[index] += weight
                if field & IN_TAGS:
                    in_tags[index] += weight
        found = []
        for index, score in bm25.items():
            start, end = self._question_span[index]
            sims = sorted(dots[start:end], reverse=True) + [0.0, 0.0, 0.0]
            found.append((index, score, {
                "bm25_per_word": score / reading.explainable,
                "similarity": sims[0],
                "similarity_2nd": sims[1],
                "similarity_3rd": sims[2],
                "wording": 0.0,  # see with_wording
                "coverage": explained[index] / reading.explainable,
                "title": in_title[index] / total_weight,
                "tags": in_tags[index] / total_weight,
                "other_organisation": self._other_organisation(index, named),
            }))
        best = max(bm25 for _, bm25, _ in found)
        return query, [Candidate(self.entries[i], {"bm25": bm25 / best, **signals}) for i, bm25, signals in found]

    def _other_organisation(self, index: int, named: str | None) -> float:
        if named is None:
            return 0.0
        share = self._organisation_share[index]
        # Only a clash counts: among entries about the organisation named, one whose examples
        # name it less often is no worse an answer.
        return max(0.0, sum(v for name, v in share.items() if name != named) - share[named])

    def similarity_and_coverage(self, sentence: str) -> dict[str, tuple[float, float]]:
        """Per entry sharing a known word with one sentence, the `similarity` and `coverage` that
        `candidates` would give it; the rest of that work is left undone, a long message has several."""
        reading = self._read(sentence)
        if all(t.isdigit() for t in reading.known):
            return {}
        dots = self._examples.cosines(reading.known_vector).tolist()
        explained: Counter = Counter()
        for term in reading.known:
            trusted = reading.weights[term] * reading.trust[term]
            for index, _, _ in self._entry_postings[term]:
                explained[index] += trusted
        out = {}
        for index, share in explained.items():
            start, end = self._question_span[index]
            out[self.entries[index].id] = (max(dots[start:end], default=0.0), share / reading.explainable)
        return out

    @contextmanager
    def without_example(self, entry_id: str, number: int) -> Iterator[None]:
        """Answer as if an entry's number-th example question were not written: what else would
        answer it shows where entries overlap (`bot.kbroutes`)."""
        start, _ = self._question_span[self._position[entry_id]]
        self._examples.hidden = start + number
        try:
            yield
        finally:
            self._examples.hidden = None

    def with_wording(self, message: str, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates with their wording signal, which costs more than the others together."""
        words = " ".join(text.words(message[:WORDING_CHARS]))
        out = []
        for candidate in candidates:
            position = self._position[candidate.entry.id]
            start, end = self._question_span[position]
            closest = np.argsort(-query.cosines[start:end], kind="stable")[:WORDING_EXAMPLES]
            if self._examples.hidden is not None:
                closest = [i for i in closest if start + i != self._examples.hidden]
            best = process.extractOne(words, [self._wordings[position][i] for i in closest], scorer=fuzz.token_set_ratio)
            out.append(Candidate(candidate.entry, {**candidate.signals, "wording": best[1] / 100 if best else 0.0}))
        return out


def organisation_named(terms: Collection[str]) -> str | None:
    """The one organisation the terms name ("ssc" or "iucn"); None for both or neither."""
    named = [name for name, words in ORGANISATIONS.items() if not words.isdisjoint(terms)]
    return named[0] if len(named) == 1 else None


class Rarity:
    """How rare each term is among some texts (entries, example questions), as inverse document frequency."""

    def __init__(self, texts: Sequence[Iterable[str]]):
        self.df = Counter(t for terms in texts for t in set(terms))
        n = len(texts)
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in self.df.items()}
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5)  # a term none of them uses

    def unit(self, counts: Counter) -> dict[str, float]:
        """Term counts as a unit vector weighted by rarity."""
        vector = {t: c * self.idf.get(t, self.unknown_idf) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}


class _Questions:
    """Example questions as unit vectors, with a postings list per term for a sparse dot product.

    The postings are numpy arrays: a message's cosine with every one of some 3,000 questions is
    then a few array operations, not a Python loop over each question of each word.
    """

    def __init__(self, questions: list[list[str]], unit):
        postings: dict[str, list[tuple[int, float]]] = {}
        for number, terms in enumerate(questions):
            for term, weight in unit(Counter(terms)).items():
                postings.setdefault(term, []).append((number, weight))
        self._postings = {
            term: (np.array([n for n, _ in pairs], dtype=np.intp), np.array([w for _, w in pairs]))
            for term, pairs in postings.items()
        }
        self._count = len(questions)
        self.hidden: int | None = None  # a question read as if it were not written; see Index.without_example

    def uses(self, term: str) -> bool:
        return term in self._postings

    def cosines(self, vector: dict[str, float]) -> np.ndarray:
        """Each question's cosine with a message's unit vector."""
        found = [(self._postings[term], factor) for term, factor in vector.items() if term in self._postings]
        if not found:
            return np.zeros(self._count)
        numbers = np.concatenate([numbers for (numbers, _), _ in found])
        weights = np.concatenate([weights * factor for (_, weights), factor in found])
        out = np.bincount(numbers, weights=weights, minlength=self._count)
        if self.hidden is not None:
            out[self.hidden] = 0.0
        return out

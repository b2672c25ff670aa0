"""Ranking the candidate entries and saying how sure the bot may be that the best one answers.

Two small linear models over the signals of `bot.search`, fitted by `bench/fit_scoring.py` on
the tuning questions and stored in `scoring.json` beside this file:
- `rank`: how relevant each candidate is (fitted so the right entry outranks the others);
- `confidence`: the chance, 0..1, that the best candidate is the right answer (a logistic
  model, so the answering threshold means the same thing whatever the signals).
A long message is also judged by its question sentences ("... Is that OK?"): how well each
candidate explains them is a feature of the confidence, never a way to pick another entry.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from bot import facts, smalltalk
from bot.knowledge import Entry
from bot.search import Candidate, Index, Query

WEIGHTS = Path(__file__).resolve().parent / "scoring.json"
# One word shared by several entries ("process", "talk", "letters") says what area the member
# means, not which answer: its entries get this confidence, enough to be offered as topics and
# never enough to be answered. Unless a curator gave an entry an example question with that one
# word ("What is the SSC?"): that entry is judged like any other.
TOPIC_ONLY = 0.3
SAME_WORDS = 0.999  # the cosine of a message with an example question of the same content words
MAX_QUESTIONS = 3  # question sentences of one message judged on their own
# Entries, best first without the wording signal, that get it: the rest are too far behind.
SHORTLIST = 8


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float  # confidence, 0..1
    features: dict[str, float]


@dataclass(frozen=True)
class Scorer:
    rank: dict[str, float]
    confidence: dict[str, float]  # feature weights, and "intercept"

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> Scorer:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["rank"], data["confidence"])

    def relevance(self, candidate: Candidate) -> float:
        return sum(weight * candidate.signals[name] for name, weight in self.rank.items())

    def probability(self, features: dict[str, float]) -> float:
        z = self.confidence["intercept"] + sum(w * features[name] for name, w in self.confidence.items() if name != "intercept")
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def subject_confidence(self, hit: Hit) -> float:
        """How sure the bot would be of the hit if nothing marked the message as asking what the
        guide does not give: reading like the out-of-scope list, or asking for a date, a name or a
        figure the entry lacks. That the hit's subject is the message's, in other words."""
        return self.probability({**hit.features, "out_of_scope": 0.0, "fact_missing": 0.0})

    def hits(self, index: Index, message: str, limit: int = 4) -> list[Hit]:
        """The best entries for the message, best first, each with its confidence."""
        query, candidates = index.candidates(message)
        if not candidates:
            return []
        ranked = sorted(((self.relevance(c), c) for c in candidates), key=lambda pair: pair[0], reverse=True)
        shortlist = index.with_wording(message, query, [c for _, c in ranked[:SHORTLIST]])
        ranked[:SHORTLIST] = [(self.relevance(c), c) for c in shortlist]
        ranked.sort(key=lambda pair: pair[0], reverse=True)
        in_sentences = _sentence_signals(index, message)
        asked_for = facts.wanted(message)
        hits = []
        for position, (relevance, candidate) in enumerate(ranked[:limit]):
            # How far ahead of the best other entry; an entry with no rival is as far ahead as can be.
            rivals = [r for i, (r, _) in enumerate(ranked[:2]) if i != position]
            margin = relevance - rivals[0] if rivals else relevance
            features = features_of(candidate, query, relevance, margin, in_sentences.get(candidate.entry.id, (0.0, 0.0)), asked_for)
            thin = query.thin and candidate.signals["similarity"] < SAME_WORDS
            score = TOPIC_ONLY if thin else round(self.probability(features), 4)
            hits.append(Hit(candidate.entry, score, features))
        return hits


def features_of(
    candidate: Candidate, query: Query, relevance: float, margin: float, sentence: tuple[float, float], asked_for: set[str]
) -> dict[str, float]:
    """What the confidence model weighs for one candidate."""
    return {
        **candidate.signals,
        **query.signals,
        "relevance": relevance,
        "margin": margin,
        "sentence_similarity": sentence[0],
        "sentence_coverage": sentence[1],
        "fact_missing": float(bool(asked_for and asked_for - facts.given(candidate.entry.body))),
    }


def _sentence_signals(index: Index, message: str) -> dict[str, tuple[float, float]]:
    """Per entry, the best similarity and coverage of any question sentence judged alone."""
    best: dict[str, tuple[float, float]] = {}
    for sentence in smalltalk.questions_in(message)[:MAX_QUESTIONS]:
        for entry_id, (similarity, coverage) in index.similarity_and_coverage(sentence).items():
            old = best.get(entry_id, (0.0, 0.0))
            best[entry_id] = (max(old[0], similarity), max(old[1], coverage))
    return best

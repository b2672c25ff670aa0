"""Scoring the answer engine on the evaluation set in tests/eval/questions.yaml.

Shared by `bench/answers.py` (prints figures) and `tests/test_evaluation.py` (holds the targets).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.answers import POLICY_SECTIONS, Answerer

EVAL = Path(__file__).resolve().parent.parent / "tests" / "eval"
QUESTIONS = EVAL / "questions.yaml"
LONG_MESSAGES = EVAL / "long_messages.yaml"
# Every tuning set, oldest first: tuning.yaml, tuning2.yaml, ...
TUNING = tuple(sorted(EVAL.glob("tuning*.yaml"), key=lambda path: int(path.stem[len("tuning"):] or 1)))
SEALED = EVAL / "sealed.yaml"
FRESH = EVAL / "fresh.yaml"
# Where a confident wrong answer does most harm: a member acting on it speaks for SSC.
SENSITIVE_SECTIONS = POLICY_SECTIONS


def load_questions(path: Path | tuple[Path, ...] = QUESTIONS) -> dict:
    """One question file, or several read as one."""
    merged: dict = {"in_scope": [], "out_of_scope": []}
    for one in path if isinstance(path, tuple) else (path,):
        with one.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        for kind in merged:
            merged[kind] += data[kind]
    return merged


def written_against(path: Path) -> str:
    """The commit of the knowledge base a tuning set was written against, before any curation from it."""
    with path.open(encoding="utf-8") as handle:
        return str(yaml.safe_load(handle)["written_against"])


@dataclass
class Score:
    split: str
    in_scope: int = 0
    correct: int = 0  # answered, from an entry citing the expected section
    retrieved: int = 0  # best entry cites the expected section, answered or not
    offered: int = 0  # not answered, but an entry citing the expected section is among the topics offered
    confident_wrong: int = 0
    sensitive_wrong: int = 0
    out_of_scope: int = 0
    declined: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def top1(self) -> float:
        return self.correct / self.in_scope if self.in_scope else 0.0

    @property
    def answered_or_offered(self) -> float:
        """In-scope questions answered right or with the right topic among those offered."""
        return (self.correct + self.offered) / self.in_scope if self.in_scope else 0.0

    @property
    def declined_share(self) -> float:
        return self.declined / self.out_of_scope if self.out_of_scope else 0.0


def evaluate(answerer: Answerer, questions: dict, split: str | None = None) -> Score:
    """Score one split ("dev", "heldout") or, with None, the whole set."""
    score = Score(split or "all")
    for item in questions["in_scope"]:
        if split and item["split"] != split:
            continue
        answer = answerer.answer(item["q"])
        score.in_scope += 1
        cited = item["section"] in (answer.entry.sources if answer.entry else [])
        score.retrieved += cited
        if answer.answered and cited:
            score.correct += 1
            continue
        if answer.answered:
            score.confident_wrong += 1
            score.sensitive_wrong += item["section"] in SENSITIVE_SECTIONS
        else:
            score.offered += any(item["section"] in e.sources for e in answer.alternatives)
        got = answer.entry.id if answer.entry else "-"
        score.misses.append(f"[{item['section']}] {answer.outcome:<8} {got:<34} {answer.score:.2f}  {item['q'][:90]}")
    for item in questions["out_of_scope"]:
        if split and item["split"] != split:
            continue
        answer = answerer.answer(item["q"])
        score.out_of_scope += 1
        if answer.answered:
            score.confident_wrong += 1
            score.misses.append(f"[OOS]   answered {answer.entry.id:<34} {answer.score:.2f}  {item['q'][:90]}")
        else:
            score.declined += 1
    return score

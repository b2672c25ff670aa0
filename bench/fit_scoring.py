"""Fit the ranking and confidence models of bot/scoring.py on the tuning questions.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/fit_scoring.py            # cross-validated figures, nothing written
    .venv/bin/python bench/fit_scoring.py --write    # also store the models in bot/scoring.json

Fits on the dev split of tests/eval/questions.yaml, tests/eval/long_messages.yaml and
tests/eval/tuning*.yaml; never on held-out, fresh or sealed questions. Try a refit after large
changes to the knowledge base (the signals the models weigh come from it) or new tuning sets, and
keep it only if its table for tests/eval/fresh.yaml beats today's models on that set; choose
`ANSWER_AT` in bot/answers.py from that table. The tables apply `POLICY_ANSWER_AT` to policy
entries at every threshold below it, as the bot does.

The base was curated from the tuning questions up to tuning24, so today they match it far better
than a new question would. The ranking model therefore learns from what each tuning set met in
the base it was written against (its `written_against` commit, read with `git archive`), as a new
question meets today's base. The confidence model learns from today's base, whose signals it
weighs, and is only as honest as the tuning sets nobody curated from: tuning25 on. Do not hand
their `--misses` to a curator.
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from bench.evaluation import FRESH, LONG_MESSAGES, QUESTIONS, TUNING, load_questions, written_against  # noqa: E402
from bot import knowledge, scoring  # noqa: E402
from bot.answers import ANSWER_AT, POLICY_ANSWER_AT, on_policy, searchable  # noqa: E402
from bot.search import Index  # noqa: E402

FOLDS = 5
THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


@dataclass(frozen=True)
class Item:
    message: str
    section: str | None  # None when out of scope
    met: Index  # the base the question was written against


def labelled(data: dict, met: Index, split: str | None = None) -> list[Item]:
    """The questions of a set or split, each with its expected section (None when out of scope)."""
    items = [Item(q["q"], q["section"], met) for q in data["in_scope"] if split in (None, q["split"])]
    return items + [Item(q["q"], None, met) for q in data["out_of_scope"] if split in (None, q["split"])]


def base_at(commit: str) -> Index:
    """The knowledge base as it was at a commit, read by today's code."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "knowledge"], check=True, capture_output=True).stdout
    with tempfile.TemporaryDirectory() as folder:
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(folder, filter="data")
        return Index(knowledge.load(Path(folder) / "knowledge"))


def training_items(index: Index) -> list[Item]:
    bases: dict[str, Index] = {}
    items = labelled(load_questions(QUESTIONS), index, "dev") + labelled(load_questions(LONG_MESSAGES), index)
    for path in TUNING:
        commit = written_against(path)
        if commit not in bases:
            bases[commit] = base_at(commit)
        items += labelled(load_questions(path), bases[commit])
    return items


def fit_rank(items: list[Item]) -> dict[str, float]:
    """Pairwise logistic regression: the right entry's signals minus each wrong one's."""
    pairs = []
    for item in items:
        if item.section is None:
            continue
        text = searchable(item.message)
        candidates = item.met.with_wording(text, *item.met.candidates(text))
        right = [c for c in candidates if item.section in c.entry.sources]
        wrong = [c for c in candidates if item.section not in c.entry.sources]
        if not right or not wrong:
            continue
        best = max(right, key=lambda c: c.signals["bm25"] + c.signals["similarity"])
        pairs += [{k: best.signals[k] - c.signals[k] for k in best.signals} for c in wrong]
    names = sorted(pairs[0])
    x = np.array([[p[n] for n in names] for p in pairs])
    x, y = np.vstack([x, -x]), np.array([1] * len(pairs) + [0] * len(pairs))
    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=5000).fit(x, y)
    return dict(zip(names, (round(float(w), 4) for w in model.coef_[0])))


def fit_confidence(index: Index, rank: dict[str, float], items: list[Item]) -> dict[str, float]:
    """Logistic regression on the best candidate's features: is it the right answer?"""
    ranker = scoring.Scorer(rank, {"intercept": 0.0})
    rows, labels = [], []
    for item in items:
        hits = ranker.hits(index, searchable(item.message), limit=1)
        if hits:
            rows.append(hits[0].features)
            labels.append(item.section is not None and item.section in hits[0].entry.sources)
    names = sorted(rows[0])
    model = LogisticRegression(C=1.0, max_iter=10000).fit(np.array([[r[n] for n in names] for r in rows]), np.array(labels))
    weights = dict(zip(names, (round(float(w), 4) for w in model.coef_[0])))
    return {"intercept": round(float(model.intercept_[0]), 4), **weights}


def fit(index: Index, items: list[Item]) -> scoring.Scorer:
    rank = fit_rank(items)
    return scoring.Scorer(rank, fit_confidence(index, rank, items))


def outcomes(index: Index, scorer: scoring.Scorer, items: list[Item]) -> list[tuple[bool, bool, float, str, bool]]:
    """(in scope, best entry right, confidence, best entry, whether it is a policy entry) per
    message, on today's base."""
    out = []
    for item in items:
        hits = scorer.hits(index, searchable(item.message), limit=1)
        right = bool(hits) and item.section is not None and item.section in hits[0].entry.sources
        best = hits[0].entry if hits else None
        out.append((item.section is not None, right, hits[0].score if hits else 0.0, best.id if best else "-", bool(best) and on_policy(best)))
    return out


def answered(result: tuple, threshold: float) -> bool:
    """Whether the bot answers at a threshold; a policy entry needs at least POLICY_ANSWER_AT."""
    return result[2] >= (max(threshold, POLICY_ANSWER_AT) if result[4] else threshold)


def report(title: str, results: list[tuple]) -> None:
    in_scope = [r for r in results if r[0]]
    out_of_scope = [r for r in results if not r[0]]
    print(f"{title}: {len(in_scope)} in scope, {len(out_of_scope)} out of scope; best entry right {sum(r[1] for r in in_scope) / len(in_scope):.1%}")
    print(f"  {'answer at':>9} {'top-1':>7} {'OOS declined':>13} {'confident wrong':>16}")
    for threshold in THRESHOLDS:
        given = [r for r in results if answered(r, threshold)]
        top1 = sum(1 for r in given if r[1]) / len(in_scope)
        declined = sum(1 for r in out_of_scope if not answered(r, threshold)) / max(len(out_of_scope), 1)
        wrong = sum(1 for r in given if not r[1])
        print(f"  {threshold:>9} {top1:>7.1%} {declined:>13.1%} {wrong:>16}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the tuning questions the cross-validated models do not answer right at the answering threshold")
    parser.add_argument("--write", action="store_true", help=f"store the models fitted on all tuning questions in {scoring.WEIGHTS.relative_to(ROOT)}")
    args = parser.parse_args()

    index = Index(knowledge.load())
    items = training_items(index)
    # Each question is scored by models fitted without it: what to expect on new questions.
    predicted: list = [None] * len(items)
    for fold in range(FOLDS):
        train = [item for i, item in enumerate(items) if i % FOLDS != fold]
        test = [i for i in range(len(items)) if i % FOLDS == fold]
        for i, result in zip(test, outcomes(index, fit(index, train), [items[i] for i in test])):
            predicted[i] = result
    report(f"{FOLDS}-fold cross-validation over the tuning questions", predicted)
    if args.misses:
        for item, result in zip(items, predicted):
            _, right, score, entry, _ = result
            given = answered(result, ANSWER_AT)
            if given != (item.section is not None) or (item.section is not None and not right):
                print(f"  [{item.section or 'OOS'}] {'answered' if given else 'not sure'} {entry} {score:.2f}  {item.message[:110]}")

    scorer = fit(index, items)
    held = labelled(load_questions(QUESTIONS), index, "heldout")
    report("fitted on all tuning questions, scored on the held-out split", outcomes(index, scorer, held))
    # The base is curated from the tuning questions, so they grow easier than new ones and the
    # models a little too cautious: the threshold is chosen on a set neither fitted on nor curated from.
    unseen = labelled(load_questions(FRESH), index)
    report(f"fitted on all tuning questions, scored on {FRESH.name} (choose ANSWER_AT here)", outcomes(index, scorer, unseen))
    if args.write:
        scoring.WEIGHTS.write_text(json.dumps({"rank": scorer.rank, "confidence": scorer.confidence}, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {scoring.WEIGHTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

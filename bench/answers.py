"""Figures for the answer engine: accuracy on the evaluation set, speed, start-up and memory,
beside a plain BM25 search over the guide's sections (what a member would otherwise use).

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/answers.py [--guide PATH]

Targets (issue 3): top-1 >= 95% in scope, >= 90% out of scope declined, no confident wrong
answer on speaking on behalf / affiliation / advocacy, p99 < 5 ms a question, start-up < 1 s.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.evaluation import FRESH, LONG_MESSAGES, SEALED, TUNING, evaluate, load_questions  # noqa: E402
from bot import knowledge, text  # noqa: E402
from bot.answers import Answerer  # noqa: E402

DEFAULT_GUIDE = ROOT.parent / "shared" / "seed" / "guide-to-ssc-membership-2021-2025.txt"
_HEADING = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+[A-Z]")

STARTUP = """
import json, resource, time
t0 = time.perf_counter()
from bot import knowledge
from bot.answers import Answerer
t1 = time.perf_counter()
answerer = Answerer(knowledge.load())
t2 = time.perf_counter()
for q in json.loads(input()):
    answerer.answer(q)
print(json.dumps({"import": t1 - t0, "load": t2 - t1,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def guide_sections(path: Path, known: set[str]) -> dict[str, str]:
    """The guide's text cut at its numbered headings (numbered list items are not headings)."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADING.match(line)
        if match and match.group(1) in known and match.group(1) not in sections:
            current = match.group(1)
            sections[current] = []
        if current:
            sections[current].append(line)
    return {number: "\n".join(lines) for number, lines in sections.items()}


def bm25_baseline(splits: dict[str, list[dict]], guide: Path, known: set[str]) -> dict:
    from rank_bm25 import BM25Okapi

    sections = guide_sections(guide, known)
    numbers = list(sections)
    tokenize = lambda s: re.findall(r"[a-z0-9]+", s.lower())  # noqa: E731 - plain, as a user would
    index = BM25Okapi([tokenize(sections[n]) for n in numbers])
    out = {}
    for split, items in splits.items():
        correct = 0
        for item in items:
            scores = index.get_scores(tokenize(item["q"]))
            best = numbers[max(range(len(numbers)), key=scores.__getitem__)]
            # A hit on the section or its parent heading counts, to be fair to whole-section search.
            correct += best == item["section"] or item["section"].startswith(best + ".")
        out[split] = correct / len(items)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guide", type=Path, default=DEFAULT_GUIDE, help="the guide's text, for the BM25 baseline")
    parser.add_argument("--repeat", type=int, default=5, help="times each question is timed")
    args = parser.parse_args()

    questions = load_questions()
    all_texts = [q["q"] for q in questions["in_scope"] + questions["out_of_scope"]]  # timed below
    answerer = Answerer(knowledge.load())
    print(f"Evaluation set: {len(questions['in_scope'])} in scope, {len(questions['out_of_scope'])} out of scope; "
          f"{len(answerer.kb.entries)} entries\n")
    print(f"{'split':<8} {'top-1':>7} {'found':>7} {'offered':>8} {'OOS declined':>13} {'confident wrong':>16} {'of which policy':>16}")
    long_messages, tuning, fresh, sealed = (load_questions(path) for path in (LONG_MESSAGES, TUNING, FRESH, SEALED))
    rows = (("dev", questions, "dev"), ("heldout", questions, "heldout"), ("all", questions, None), ("long", long_messages, None),
            ("tuning", tuning, None), ("fresh", fresh, None), ("sealed", sealed, None))
    for name, data, split in rows:
        s = evaluate(answerer, data, split)
        print(f"{name:<8} {s.top1:>7.1%} {s.retrieved / s.in_scope:>7.1%} {s.offered / s.in_scope:>8.1%} {s.declined_share:>13.1%} "
              f"{s.confident_wrong:>16} {s.sensitive_wrong:>16}")
    print("(top-1: answered from an entry citing the expected section; found: best entry right, answered or not;\n"
          " offered: not answered, but the right topic among those offered; long: tests/eval/long_messages.yaml;\n"
          " tuning: tests/eval/tuning*.yaml, which bot/scoring.json is fitted on; fresh: tests/eval/fresh.yaml,\n"
          " which the answering threshold is chosen on; sealed: tests/eval/sealed.yaml, never read while tuning)\n")

    timings = []
    fastest = [float("inf")] * len(all_texts)
    for _ in range(args.repeat):
        for i, question in enumerate(all_texts):
            start = time.perf_counter()
            answerer.answer(question)
            timings.append((time.perf_counter() - start) * 1000)
            fastest[i] = min(fastest[i], timings[-1])
    long_message = ("can i speak for the ssc at a meeting? " * 1100)[:40_000]
    long_ms = min(_timed(answerer.answer, long_message) for _ in range(3))
    print(f"latency per question: p50 {statistics.median(timings):.2f} ms, p99 {percentile(timings, 0.99):.2f} ms, "
          f"max {max(timings):.2f} ms ({len(timings)} answers); a 40,000-character message: {long_ms:.1f} ms")
    # This machine's speed drifts with its neighbours; a question's fastest run is its own cost.
    print(f"  each question's fastest of {args.repeat}: p50 {statistics.median(fastest):.2f} ms, p99 {percentile(fastest, 0.99):.2f} ms")

    runs = [_startup(all_texts) for _ in range(3)]
    best = min(runs, key=lambda r: r["import"] + r["load"])
    print(f"start-up: imports {best['import'] * 1000:.0f} ms + load and index {best['load'] * 1000:.0f} ms "
          f"= {(best['import'] + best['load']) * 1000:.0f} ms (best of 3 fresh processes)")
    print(f"peak memory (RSS) after answering the whole set: {max(r['maxrss_mb'] for r in runs):.0f} MB")

    if args.guide.exists():
        splits = {split: [q for q in questions["in_scope"] if q["split"] == split] for split in ("dev", "heldout")}
        base = bm25_baseline({**splits, "sealed": sealed["in_scope"]}, args.guide, set(answerer.kb.sections))
        print(f"\nbaseline, plain BM25 over the guide's sections (always answers, never declines): "
              f"top-1 dev {base['dev']:.1%}, heldout {base['heldout']:.1%}, sealed {base['sealed']:.1%}, OOS declined 0.0%")
    else:
        print(f"\n(no guide at {args.guide}: BM25 baseline skipped; pass --guide)")


def _timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def _startup(texts: list[str]) -> dict:
    result = subprocess.run([sys.executable, "-c", STARTUP], input=json.dumps(texts), capture_output=True,
                            text=True, cwd=ROOT, check=True)
    return json.loads(result.stdout)


if __name__ == "__main__":
    main()

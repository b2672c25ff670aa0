"""Accuracy on the evaluation set, held as regression floors (figures: bench/answers.py).

The held-out third is never copied into the knowledge base, so its floor is the honest one.
"""
import pytest

from bench.evaluation import FRESH, LONG_MESSAGES, SEALED, TUNING, evaluate, load_questions


@pytest.fixture(scope="module")
def questions():
    return load_questions()


def test_the_set_is_large_enough_and_split(questions):
    in_scope, out = questions["in_scope"], questions["out_of_scope"]
    assert len(in_scope) >= 150 and len(out) >= 30
    heldout = [q for q in in_scope if q["split"] == "heldout"]
    assert 0.3 <= len(heldout) / len(in_scope) <= 0.36


def test_heldout_fresh_and_sealed_questions_are_not_copied_into_entries(questions, kb):
    examples = {" ".join(q.lower().split()) for entry in kb.entries for q in entry.questions}
    unseen = [q for q in questions["in_scope"] + questions["out_of_scope"] if q["split"] == "heldout"]
    for path in (SEALED, FRESH):
        data = load_questions(path)
        unseen += data["in_scope"] + data["out_of_scope"]
    assert len(unseen) > 500
    # Short searches ("who signs ssc intervention letters") coincide without anyone copying them.
    copied = [q["q"] for q in unseen if len(q["q"].split()) > 6 and " ".join(q["q"].lower().split()) in examples]
    assert len(copied) == 0  # a count, not the questions: a failure must not show them


def test_whole_set_accuracy_floor(answerer, questions):
    # Issue 3 targets 95% top-1. The floors hold what we reach so a change that loses ground fails.
    score = evaluate(answerer, questions)
    # Figures only: the set includes the held-out third.
    assert score.top1 >= 0.95, figures(score)
    assert score.declined_share >= 0.95, figures(score)


def test_no_confident_wrong_answer_on_policy_in_dev(answerer, questions):
    assert evaluate(answerer, questions, "dev").sensitive_wrong == 0


def test_heldout_floor(answerer, questions):
    score = evaluate(answerer, questions, "heldout")
    # Issue 3 targets 95% and no policy mistake. 60 of 64 is 93.8%; three of the four misses are
    # offered the right topic, and one is answered wrong: a question on which KSRs are about
    # communications, from the objectives entry (which lists the same five words).
    # Figures only when it fails, as for the fresh and sealed sets: its questions stay unread.
    assert score.top1 >= 0.93 and score.answered_or_offered >= 0.98, figures(score)
    assert score.declined_share >= 0.90, figures(score)
    assert score.confident_wrong <= 1 and score.sensitive_wrong == 0, figures(score)


def test_tuning_set_floor(answerer):
    # Written without seeing the base; the scoring models are fitted on it, so it is no honest
    # measure (bench/fit_scoring.py prints the cross-validated one), but a floor all the same.
    # tuning25 to tuning34 were never curated from (the models learn from how new questions meet
    # the base), so their misses are still here.
    score = evaluate(answerer, load_questions(TUNING))
    assert score.top1 >= 0.955 and score.declined_share >= 0.965, "\n".join(score.misses)
    assert score.sensitive_wrong <= 19, "\n".join(score.misses)


def figures(score) -> dict:
    """A score's figures without its misses: a failing floor must not show unseen questions."""
    return {
        "top1": round(score.top1, 3),
        "answered or offered": round(score.answered_or_offered, 3),
        "declined": round(score.declined_share, 3),
        "confident wrong": score.confident_wrong,
        "on policy": score.sensitive_wrong,
    }


def test_sealed_set_floor(answerer):
    # The honest measure: nobody tuning the bot has read these questions, so a failure here says
    # only how much was lost.
    got = figures(evaluate(answerer, load_questions(SEALED)))
    assert got["top1"] >= 0.915 and got["answered or offered"] >= 0.97, got
    assert got["declined"] >= 0.975 and got["confident wrong"] <= 9 and got["on policy"] <= 1, got


def test_fresh_set_floor(answerer):
    # Neither fitted on nor curated from; the answering threshold is chosen on it. Like the sealed
    # set, it is never read: whoever curates next must not see its misses.
    got = figures(evaluate(answerer, load_questions(FRESH)))
    assert got["top1"] >= 0.91 and got["declined"] >= 0.915, got
    assert got["confident wrong"] <= 35 and got["on policy"] <= 2, got


def test_long_messages_are_mostly_answered(answerer):
    # Context around a vague question sentence ("Is that OK?"). Long messages that are out of
    # scope but full of SSC words ("a CITES proposal ... what's the deadline?") are the weak spot.
    score = evaluate(answerer, load_questions(LONG_MESSAGES))
    assert score.top1 >= 0.76 and score.answered_or_offered >= 0.90, "\n".join(score.misses)
    assert score.sensitive_wrong == 0, "\n".join(score.misses)
    assert score.declined_share >= 0.80

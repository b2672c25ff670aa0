"""The fitted models in bot/scoring.json against the signals the index produces today."""
import pytest

from bot import facts, scoring
from bot.answers import ANSWER_AT, RELATED_AT


def test_every_signal_is_weighted_so_a_new_one_forces_a_refit(answerer):
    query, candidates = answerer.index.candidates("can I speak for SSC at a conference")
    hit = answerer.search("can I speak for SSC at a conference")[0]
    assert set(answerer.scorer.rank) == set(candidates[0].signals)
    assert set(answerer.scorer.confidence) - {"intercept"} == set(hit.features)


def test_confidence_is_a_probability_that_rises_with_evidence(answerer):
    scorer = answerer.scorer
    question = "may I say I am an SSC member when I present at a conference?"
    strong = answerer.search(question)[0]
    weak = answerer.search(f"{question} Also, what will the weather be in Geneva and who won the football final?")[0]
    assert weak.entry is strong.entry
    assert 0.0 <= weak.score < strong.score <= 1.0 and strong.score >= ANSWER_AT
    # Extreme features cannot overflow the logistic function.
    for extreme in (1e300, -1e300):
        assert 0.0 <= scorer.probability({name: extreme for name in strong.features}) <= 1.0


def test_one_word_several_entries_use_only_offers_topics(answerer):
    hits = answerer.search("process")
    assert hits and RELATED_AT <= hits[0].score <= scoring.TOPIC_ONLY < ANSWER_AT


@pytest.mark.parametrize("question, entry", [("what is ssc?", "ssc-about"), ("What's IUCN", "iucn-founding"), ("what is a motion", "iucn-motions")])
def test_one_word_an_entry_has_as_its_own_question_is_answered_from_it(answerer, question, entry):
    # "SSC" alone is in nearly every entry, but "What is the SSC?" is an example question of one.
    hits = answerer.search(question)
    assert hits[0].entry.id == entry and hits[0].score >= ANSWER_AT
    assert all(h.score == scoring.TOPIC_ONLY for h in hits[1:])


def test_wording_counts_only_for_the_shortlist(answerer):
    query, candidates = answerer.index.candidates("how do I ask for an intervention letter")
    assert len(candidates) > scoring.SHORTLIST and all(c.signals["wording"] == 0.0 for c in candidates)
    scored = answerer.index.with_wording("how do I ask for an intervention letter", query, candidates[:2])
    assert all(0.0 < c.signals["wording"] <= 1.0 for c in scored)


def test_asking_for_a_fact_the_entry_lacks_lowers_confidence(answerer):
    plain = answerer.search("how do we submit a motion to the World Conservation Congress")[0]
    deadline = answerer.search("what is the deadline to submit a motion to the World Conservation Congress")[0]
    assert plain.entry is deadline.entry and deadline.features["fact_missing"] == 1.0
    assert plain.features["fact_missing"] == 0.0 and deadline.score < plain.score


def test_the_kinds_of_fact_asked_for_and_given():
    assert facts.wanted("What's the deadline for motions?") == {"date"}
    assert facts.wanted("where will the next congress be held") == {"place"}
    assert facts.wanted("When and where is the next World Conservation Congress?") == {"date", "place"}
    assert facts.wanted("phone number of the regional office") == {"phone"}
    assert facts.wanted("who is the current chair of SSC") == {"person"}
    assert facts.wanted("how many specialist groups are there") == {"figure"}
    assert facts.wanted("can I speak for SSC at a conference") == set()
    assert facts.wanted("may I speak in the name of the Commission?") == set()
    assert facts.given("IUCN was founded on 5 October 1948 and has over 1,400 Members.") == {"date", "figure"}
    assert facts.given("Ask the Chair's Office.") == set()
    assert facts.wanted("how long does it take to get a letter signed") == {"duration"}
    assert facts.given("The Plant Conservation Committee is one of five.") == {"figure"}
    assert "person" in facts.given("Dr Jane Smith chairs it.")
    # A year is a date, not the count "how many letters since 2013?" asks for.
    assert facts.given("Letters have grown in importance since 2013.") == {"date"}
    # Nor are the digits of a link.
    assert facts.given("Log the letter at https://forms.gle/Xy7z9 once it is sent.") == set()

"""The signals of bot.search on a small base of our own."""
import os
import subprocess
import sys
import textwrap

import pytest

from bot import knowledge, text
from bot.search import Index

from conftest import write_entry


def out_of_scope_base(folder):
    (folder / "out_of_scope.yaml").write_text(textwrap.dedent("""\
        topics:
          - topic: Everyday IT help
            questions:
              - how do I reset my wifi password
              - my laptop will not print
              - is a worm a good pet
        """))
    return Index(knowledge.load(folder))


def test_a_message_like_an_out_of_scope_example_says_so(mini_kb):
    index = out_of_scope_base(mini_kb)
    close, _ = index.candidates("how can I reset the wifi password?")
    far, _ = index.candidates("who signs intervention letters")
    assert close.signals["out_of_scope"] > 0.9
    assert far.signals["out_of_scope"] == 0.0


def test_out_of_scope_words_count_though_no_entry_uses_them(mini_kb):
    query, candidates = out_of_scope_base(mini_kb).candidates("laptop print")
    assert query.signals["out_of_scope"] > 0.5 and candidates == []


def test_an_out_of_scope_word_is_not_corrected_to_an_entry_word(mini_kb):
    # Without the file, "worm" reads as a slip for an entry word ("word").
    assert [(t.term, t.trust) for t in Index(knowledge.load(mini_kb)).query_terms("worm")] == [("word", 0.7)]
    assert [(t.term, t.trust) for t in out_of_scope_base(mini_kb).query_terms("worm")] == [("worm", 0.0)]


def test_without_the_file_the_signal_is_zero(mini_kb):
    query, _ = Index(knowledge.load(mini_kb)).candidates("how do I reset my wifi password")
    assert query.signals["out_of_scope"] == 0.0


def test_a_figure_with_thousands_is_one_word():
    # Split at the comma, "10,000" and "15,000" would share "000", a rare word, and match.
    assert text.words("over 10,000 experts and 1,400 Members, in 2021-2025") == [
        "over", "10000", "experts", "and", "1400", "members", "in", "2021", "2025",
    ]


def test_a_possessive_is_the_word_itself():
    # The stemmer takes the s off "iucns" but not off "sscs".
    assert text.terms("SSC's vision, IUCN’s mission, the group's work") == text.terms("SSC vision, IUCN mission, the group work")


def test_day_to_day_is_daily_and_these_days_is_filler():
    # Read as "day", both matched out-of-scope examples about dates ("who chairs ssc these days").
    assert text.words("who runs the network day-to-day these days") == ["who", "runs", "the", "network", "daily"]
    assert text.words("a day to remember") == ["a", "day", "to", "remember"]


def test_chat_shorthand_is_read_as_the_words_the_base_uses():
    # Left to the typo correction, "interv" became "intern" and "cttee" stayed unknown.
    assert text.terms("interv letter to the govt, steering cttee comms") == text.terms(
        "intervention letter to the government, steering committee communications"
    )
    # Not the "org" of an address or a link; an address is an e-mail.
    assert text.terms("write to ssc@iucn.org, see www.iucn.org") == text.terms("write to ssc iucn email, see www iucn")


def mission_entries(folder):
    questions = {
        "ssc-mission": "ssc mission statement, what is the ssc mission, ssc purpose, why does ssc exist, ssc goal",
        "iucn-mission": "iucn mission statement, what is the iucn mission, iucn purpose, why does iucn exist, iucn goal",
        "first-entry": "who signs letters, letter steps, letter length, letter tone, letter copies",
        "fees": "what fees apply, fee amount, fee waiver, fee refund, fee deadline",
        "visas": "visa letter, visa costs, visa timing, visa help, visa forms",
    }
    for entry_id, listed in questions.items():
        write_entry(folder, entry_id, text=f"""\
            ---
            id: {entry_id}
            title: A topic
            questions: [{listed}]
            sources: ["4.5"]
            owner: Test curator
            reviewed: 2026-11-01
            tags: [test]
            ---
            SSC is part of IUCN.
            """)
    return Index(knowledge.load(folder))


def test_an_entry_about_the_other_organisation_is_marked(mini_kb):
    index = mission_entries(mini_kb)
    def other(message):
        return {c.entry.id: c.signals["other_organisation"] for c in index.candidates(message)[1] if "mission" in c.entry.id}
    assert other("the Species Survival Commission's mission") == {"ssc-mission": 0.0, "iucn-mission": 1.0}
    assert other("IUCN mission") == {"ssc-mission": 1.0, "iucn-mission": 0.0}
    # Naming both, or neither, says nothing about which.
    assert set(other("ssc and iucn mission").values()) == set(other("mission statement").values()) == {0.0}


def test_words_in_every_entry_still_tell_example_questions_apart(mini_kb):
    # Every entry mentions SSC and IUCN, so by entry counts the two words say nothing; among the
    # example questions they are what tells "SSC's mission" from "IUCN's mission".
    index = mission_entries(mini_kb)
    _, candidates = index.candidates("ssc mission statement")
    similarity = {c.entry.id: c.signals["similarity"] for c in candidates}
    assert similarity["ssc-mission"] > 0.99 and similarity["iucn-mission"] < 0.9


def test_an_example_can_be_read_as_if_it_were_not_written(answerer):
    entry = answerer.kb.entries[0]
    question = entry.questions[0]
    # Alone, the example matches itself; hidden, only its neighbours count, then it is back.
    assert max(answerer.index.candidates(question)[0].cosines) == pytest.approx(1.0)
    with answerer.index.without_example(entry.id, 0):
        hidden = answerer.index.candidates(question)[0].cosines
        assert hidden[0] == 0.0 and max(hidden) < 1.0
    assert answerer.index.candidates(question)[0].cosines[0] == pytest.approx(1.0)


def test_signals_do_not_depend_on_string_hashing():
    # Python salts string hashes per process; summed in a set's order, the signals of one message
    # differed in their last digits from run to run, and so did near-ties and the fitted models.
    script = textwrap.dedent("""\
        from bot import knowledge
        from bot.search import Index
        message = ("Our group chair asked me whether a member may sign an intervention letter for the "
                   "Specialist Group, state SSC affiliation in a paper, and talk to the press about a "
                   "motion at the World Conservation Congress; who should we contact in the Chair's Office?")
        query, candidates = Index(knowledge.load()).candidates(message)
        print(sorted(query.signals.items()), sorted((c.entry.id, sorted(c.signals.items())) for c in candidates))
        """)
    runs = {
        subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1


def test_a_word_many_out_of_scope_examples_share_weighs_less_there(mini_kb):
    # "past" is rare among the entries' examples and common among the out-of-scope ones; weighed
    # by the entries' rarity alone, it made "who signed past intervention letters" read like them.
    (mini_kb / "out_of_scope.yaml").write_text(textwrap.dedent("""\
        topics:
          - topic: Archives
            questions:
              - where are recordings of past webinars
              - list of past events this year
              - past newsletters archive
        """))
    query, _ = Index(knowledge.load(mini_kb)).candidates("who signed past intervention letters")
    assert query.signals["out_of_scope"] < 0.3

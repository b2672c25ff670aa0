"""The answer engine and the conversation core, driven as a member would."""
import re

import pytest

from bot import answers
from bot.answers import _EXAMPLES, ANSWER_AT, POLICY_ANSWER_AT, answer_at, on_policy
from bot.assistant import Message


def ask(assistant, text, user="U1"):
    replies = assistant.respond(Message(user, text))
    assert len(replies) == 1
    return replies[0]


def test_policy_answer_cites_its_section_and_link(answerer):
    answer = answerer.answer("Can I put SSC as my affiliation on a paper I'm publishing?")
    assert answer.answered
    assert "4.3.2" in answer.sources
    assert "_Source: Guide to IUCN SSC Membership 2021-2025, §4.3.2 SSC affiliation" in answer.text
    assert answer.text.rstrip().splitlines()[-1].startswith(("_Source:", "• <https://"))


@pytest.mark.parametrize(
    "question, section",
    [
        ("can i speak on behalf of the ssc to a journalist", "4.3.1"),
        ("who signs intervention letters?", "4.5"),
        ("what are the key species results", "3.5"),
        ("who can speek on behalf of my specalist group", "4.3.1"),  # typos
        ("how do moitons work at congress", "4.6"),
        ("can I sign a petition as an SSC member?", "4.4"),
        ("can I put my specialist group on my linkedin profile", "4.3.2"),
        ("what is a resolution focal point", "4.7"),
        ("what is the mission of the SSC", "3.2.1"),
        ("how do I join the SSC", "3.4"),
        ("what does the RLU do", "3.8"),  # the guide's initials, expanded
        ("does ssc feed into the CBD", "4.1"),
    ],
)
def test_questions_members_ask_find_their_section(answerer, question, section):
    answer = answerer.answer(question)
    assert answer.answered, answer.text
    assert section in answer.sources


@pytest.mark.parametrize("question", ["who elects the chair of the species survival commission", "is the SSC chair elected or appointed"])
def test_whichever_entry_answers_how_the_chair_is_chosen_says_it(answerer, question):
    # Both the leadership entry and the Congress entry draw such questions, answered or offered
    # first; both must hold the fact.
    answer = answerer.answer(question)
    assert answer.entry or answer.alternatives, answer.text
    first = answer.entry or answer.alternatives[0]
    assert first.id in {"ssc-leadership-governance", "iucn-congress-council"}, answer.text
    assert re.search(r"Chair[^.\n]*elect|elect[^.\n]*Chair", first.body) and "Congress" in first.body, first.body


def test_greetings_and_thanks_around_the_question_are_ignored(answerer):
    plain = answerer.answer("who signs intervention letters")
    wrapped = answerer.answer("Hi there! Quick one: who signs intervention letters? Thanks so much :)")
    assert wrapped.entry.id == plain.entry.id and wrapped.answered


def test_long_rambling_message_still_finds_the_topic(answerer):
    message = (
        "Hello, I joined the Otter Specialist Group last month and I am still finding my way around. "
        "Next week I present our new survey results at a national conference, which is very exciting. "
        "My question: am I allowed to mention on my slides that I am an SSC member? "
        "I don't want to step on anyone's toes. Thanks!"
    )
    answer = answerer.answer(message)
    assert answer.answered and "4.3.2" in answer.sources


@pytest.mark.parametrize("greeting", ["hi", "Hello!", "help", "what can you do?", "thanks", "", "   ", "👋"])
def test_greetings_and_help_get_the_introduction(answerer, greeting):
    answer = answerer.answer(greeting)
    assert answer.outcome == "intro"
    assert "I answer questions about being an IUCN SSC member" in answer.text
    assert answer.entry is None and answer.sources == []


@pytest.mark.parametrize(
    "question",
    ["what's the weather in Gland tomorrow", "how do I reset my email password", "tell me a joke", "what is the capital of France"],
)
def test_out_of_scope_is_declined_with_a_way_on(answerer, question):
    answer = answerer.answer(question)
    assert not answer.answered
    assert answer.sources == []
    assert "ssc@iucn.org" in answer.text


def test_near_scope_decline_names_the_nearest_topic_and_a_number_picks_it(assistant):
    # The guide names the Union Portal, not how to reset its password: declined, yet the member
    # is shown where the guide does speak of it.
    reply = ask(assistant, "I forgot my Union Portal password, how do I reset it?")
    answer = reply.answer
    assert answer.outcome == "declined" and answer.sources == []
    assert len(answer.alternatives) == 1 and "1. " in reply.text and "ssc@iucn.org" in reply.text
    picked = ask(assistant, "1")
    assert picked.answer.answered and picked.answer.entry.id == answer.alternatives[0].id
    assert "2.5" in picked.answer.sources


def test_a_question_for_a_fact_the_guide_lacks_names_the_entry_on_its_subject(answerer):
    answer = answerer.answer("what is the deadline for motions at the next Congress?")
    assert answer.outcome == "declined" and [e.id for e in answer.alternatives] == ["iucn-motions"]


def test_a_policy_entry_needs_its_own_threshold_to_be_answered(answerer, monkeypatch):
    policy, other = "can i speak on behalf of the ssc to a journalist", "who signs intervention letters?"
    best = answerer.search(policy)[0]
    assert on_policy(best.entry) and answerer.answer(policy).answered
    assert answer_at(best.entry) == max(POLICY_ANSWER_AT, ANSWER_AT)
    # Never below the general threshold, whichever is higher.
    monkeypatch.setattr(answers, "ANSWER_AT", POLICY_ANSWER_AT + 0.1)
    assert answer_at(best.entry) == answer_at(answerer.search(other)[0].entry) == POLICY_ANSWER_AT + 0.1
    monkeypatch.undo()
    # Out of reach, the policy entry is offered first instead of answered; other entries are not.
    monkeypatch.setattr(answers, "POLICY_ANSWER_AT", 1.01)
    answer = answerer.answer(policy)
    assert answer.outcome == "unsure" and answer.alternatives[0].id == best.entry.id
    assert answerer.answer(other).answered


def test_far_off_decline_names_no_topic(answerer):
    answer = answerer.answer("tell me a joke")
    assert answer.outcome == "declined" and answer.alternatives == []
    assert "1. " not in answer.text


def test_unsure_offers_topics_and_a_number_picks_one(assistant):
    reply = ask(assistant, "process")
    answer = reply.answer
    assert answer.outcome == "unsure", answer.text
    assert 1 <= len(answer.alternatives) <= 3
    assert "1. " in reply.text and "ssc@iucn.org" in reply.text
    picked = ask(assistant, "1")
    assert picked.answer.answered
    assert picked.answer.entry.id == answer.alternatives[0].id


def test_a_number_with_nothing_offered_is_just_a_question(assistant):
    reply = ask(assistant, "2", user="U-new")
    assert not reply.answer.answered


@pytest.mark.parametrize(
    "hostile, shown",
    [
        ("<!channel> <!here> xyzzy plugh", "&lt;!channel&gt; &lt;!here&gt; xyzzy"),
        ("<@U123> <https://evil.example|click me> xyzzy", "&lt;@U123&gt; &lt;https://evil.example|click me&gt;"),
        ("{{ 7*7 }} {% for x in range(3) %}boom{% endfor %} xyzzy", "{{ 7*7 }} {% for x in range(3) %}boom{% endfor %}"),
        ("Tom & Jerry <b>xyzzy</b>", "Tom &amp; Jerry &lt;b&gt;xyzzy&lt;/b&gt;"),
    ],
)
def test_user_text_is_escaped_and_never_evaluated(answerer, hostile, shown):
    answer = answerer.answer(hostile)
    assert answer.outcome in ("unsure", "declined")
    assert shown in answer.text
    assert "<!channel>" not in answer.text and "<@U123>" not in answer.text and "49" not in answer.text


@pytest.mark.parametrize(
    "odd",
    [
        "x" * 40_000,
        ("can i speak for the ssc? " * 2000)[:40_000],
        "🦎🐢🦜 can I speak on behalf of SSC? 🌍",
        "هل يمكنني التحدث باسم لجنة بقاء الأنواع؟",
        "'; DROP TABLE questions; --",
        "SELECT * FROM questions WHERE 1=1",
    ],
)
def test_odd_input_gets_a_reply_and_is_logged(assistant, db, odd):
    reply = ask(assistant, odd)
    assert reply.text.strip()
    row = list(db.query("select question, outcome from questions order by id desc limit 1"))[0]
    assert row["question"] == odd[:4000]
    assert db["questions"].count == 1


def test_a_question_in_another_script_is_asked_again_in_english(answerer):
    question = "هل يمكنني التحدث باسم لجنة بقاء الأنواع؟"
    answer = answerer.answer(question)
    assert answer.outcome == "declined"
    assert "only understand questions written in English" in answer.text and question in answer.text
    assert "ssc@iucn.org" in answer.text


@pytest.mark.parametrize("question", [
    "¿Puedo poner la SSC como afiliación en un artículo científico?",
    "Bonjour, quelle est la mission de la CSE pour notre groupe ?",
    "Olá, posso usar o nome da SSC no meu artigo?",
])
def test_spanish_french_or_portuguese_is_asked_again_in_english(answerer, question):
    answer = answerer.answer(question)
    assert answer.outcome == "declined" and "only understand questions written in English" in answer.text


def test_a_foreign_greeting_around_an_english_question_is_fine(answerer):
    answer = answerer.answer("Hola! Can I speak on behalf of SSC to a journalist? Gracias")
    assert "only understand questions written in English" not in answer.text


@pytest.mark.parametrize("mixed", ["我可以代表SSC发言吗", "Могу ли я говорить от имени SSC?"])
def test_a_latin_acronym_in_another_script_is_never_answered_from_a_guess(answerer, mixed):
    assert not answerer.answer(mixed).answered


def test_a_name_in_another_script_inside_an_english_question_is_fine(answerer):
    answer = answerer.answer("Can I speak on behalf of SSC about the 大熊猫 (giant panda) to a journalist?")
    assert answer.answered and "4.3.1" in answer.sources


def test_emoji_around_a_question_does_not_hide_it(answerer):
    answer = answerer.answer("🦎🐢🦜 can I speak on behalf of SSC? 🌍")
    assert answer.answered and "4.3.1" in answer.sources


def test_every_question_is_logged_with_entry_score_and_outcome(assistant, db, clock):
    ask(assistant, "who signs intervention letters")
    clock.advance(minutes=1)
    ask(assistant, "what's the weather in Gland tomorrow")
    rows = list(db.query("select asked_at, user_id, outcome, entry_id, score from questions order by id"))
    assert [r["outcome"] for r in rows] == ["answered", "declined"]
    assert rows[0]["entry_id"] and rows[0]["score"] >= 0.5
    assert rows[0]["asked_at"] == "2026-11-24T09:00:00+00:00"
    assert rows[1]["asked_at"] == "2026-11-24T09:01:00+00:00"


def test_curated_bullets_are_shown_as_slack_bullets(kb, answerer):
    entry = next(e for e in kb.entries if "\n- " in e.body)
    text = answerer.render_entry(entry)
    assert "\n• " in text and not any(line.startswith("- ") for line in text.splitlines())


def test_the_examples_the_introduction_suggests_are_answered(answerer):
    # A member's first try is often one of these: an "I'm not sure" there loses them.
    for example in _EXAMPLES:
        answer = answerer.answer(example)
        assert answer.answered, (example, answer.score)

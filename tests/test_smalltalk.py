"""Greetings and sign-offs around a question, told apart from the words of the question."""
import pytest

from bot.smalltalk import strip_courtesies


@pytest.mark.parametrize(
    "message, question",
    [
        ("Hi, who signs letters? thanks", "who signs letters?"),
        ("Hello there! can I speak for SSC? Many thanks!", "can I speak for SSC?"),
        ("Dear SSC team, who signs letters? Best regards", "who signs letters?"),
        ("who signs letters?\nBest,", "who signs letters?"),
        ("can we work on it? Kind regards.", "can we work on it?"),
        ("who signs letters? cheers", "who signs letters?"),
    ],
)
def test_courtesies_around_a_question_are_taken_off(message, question):
    assert strip_courtesies(message) == question


@pytest.mark.parametrize(
    "message",
    [
        "history of IUCN",  # begins like "hi"
        "hierarchy of ssc groups",
        "what is a red list authority",  # ends like "ty"
        "can I present it at my university",
        "trends of biodiversity",
        "which option is best",  # a sign-off word, but no sign-off
    ],
)
def test_words_that_begin_or_end_like_a_courtesy_are_kept(message):
    assert strip_courtesies(message) == message


def test_history_of_iucn_is_answered_from_its_founding(answerer):
    answer = answerer.answer("history of IUCN")
    assert answer.answered and "2.1" in answer.sources

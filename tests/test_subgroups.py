"""A part of a group or a breakdown a figure question asks for, checked against the documents that would answer it."""

from __future__ import annotations

import pytest

from assistant.constraints import ConstraintChecker, is_vocabulary_word
from assistant.subgroups import breakdowns, subgroups
from assistant.vocabulary import IndexVocabulary

FIRE = ["Fire survey 2025 > Results: 61 per cent of firefighters felt confident with digital tools.",
        "On-call firefighters: 47% confident. Control room staff: 79% confident."]
CANDIDATES = ["Driving tests 2024: 4,200 women candidates and 3,900 men candidates passed; candidates aged over 65 passed less often."]


@pytest.mark.parametrize("question, parts", [
    ("What share of female firefighters felt confident with digital tools?", [("female", "firefighters")]),
    ("How many rural councils replied?", [("rural", "councils")]),
    ("Among older staff, how many use the app?", [("older", "staff")]),
    ("What share of all councils replied?", []),  # "all" is the whole group
    ("What share of responding councils offer it?", []),  # who was counted, not a part of them
    ("How many people applied online?", []),
    ("What share of councils offer paper forms?", []),
    ("How many different apps does a typical school run?", []),  # how many kinds, not a kind of app
])
def test_the_part_of_a_group_a_figure_is_asked_for(question, parts):
    assert subgroups(question) == parts


def test_the_breakdown_a_question_asks_for():
    assert breakdowns("How did confidence differ by age group in 2022?") == ["age"]
    assert breakdowns("Can the results be broken down by gender?") == ["gender"]
    assert breakdowns("How did confidence change in 2022?") == []


def test_a_part_or_breakdown_is_met_only_by_the_documents_that_answer(embedder):
    vocab = IndexVocabulary(lambda _ids: [("fire", FIRE), ("tests", CANDIDATES)], lambda: 1, embedder, keep=is_vocabulary_word)
    checker = ConstraintChecker(lambda terms: {t: 1 for t in terms}, embedder, vocabulary=vocab)
    female = "What share of female firefighters felt confident with digital tools?"
    # another document's "women" does not give the fire survey's figures for women
    assert [c.text for c in checker.unmet_groups(female, ["fire"])] == ["figures for female firefighters on their own"]
    assert checker.unmet_groups(female, ["fire", "tests"]) == []  # where "women" is written, a near-synonym meets it
    assert checker.unmet_groups("What share of on-call firefighters felt confident?", ["fire"]) == []
    assert [c.describe() for c in checker.unmet_groups("How did confidence differ by age?", ["fire"])] == ["a breakdown by age"]
    assert checker.unmet_groups("How did confidence differ by gender?", ["fire"]) == []  # no document has it: not this check's
    assert checker.unmet_groups("What share of female firefighters felt confident?", []) == []


@pytest.mark.parametrize("question, bands", [
    ("How many devices did the programme lend to people under 25?", [("under 25", "25")]),
    ("What share of residents aged 65 or over used the service?", [("aged 65", "65")]),
    ("How many 16 to 24 year olds applied?", [("16 to 24 year olds", "16")]),
    ("How many systems were over 15 years old?", []),  # the age of a thing, not of people
    ("What share of probation practitioners under 30 said the system was slow?", [("under 30", "30")]),
    ("How many staff answered in under 10 minutes?", []),
    ("What share of staff scored over 50 per cent?", []),
    # the age said of them after a verb
    ("What proportion of the people helped in the library hubs were under 25?", [("under 25", "25")]),
    ("How many people waited over 30 minutes?", []),
])
def test_the_age_band_a_figure_is_asked_for(question, bands):
    from assistant.subgroups import age_bands
    assert age_bands(question) == bands


def test_an_age_band_is_met_only_by_a_document_giving_that_age():
    from assistant.subgroups import mentions_age
    given = "Almost two thirds (64%) of the people helped were aged 65 or over. Loans lasted 25 weeks."
    assert mentions_age("65", given) and not mentions_age("25", given)
    assert all(mentions_age("25", t) for t in ["Under 25s made up 12%.", "People aged 18 to 25.", "25+ users", "those under 25"])

"""Everyday words for older people put as the age band the documents count them by."""

from assistant.age_words import as_age_band
from assistant.qualifiers import qualifiers


def test_pensioners_are_asked_of_as_people_aged_65_or_over_when_the_index_lacks_the_word():
    lacks = lambda stem: 0  # noqa: E731
    assert as_age_band("How many pensioner tenants report repairs online?", lacks) == \
        "How many tenants aged 65 or over report repairs online?"
    assert as_age_band("What share of the people helped were pensioners?", lacks) == \
        "What share of the people helped were people aged 65 or over?"
    assert as_age_band("What share of residents were online?", lacks) == "What share of residents were online?"
    elderly = "How many councils had an elderly person's alarm go unanswered?"  # older, with no age
    assert as_age_band(elderly, lacks) == elderly


def test_an_index_that_uses_the_word_is_asked_in_it():
    holds = lambda stem: 3  # noqa: E731
    assert as_age_band("How many pensioners used the service?", holds) == "How many pensioners used the service?"


def test_an_age_is_no_numbered_qualifier():
    assert qualifiers("What share were people aged 65 or over?") == []
    assert qualifiers("How many buses were fitted in phase 2?") != []

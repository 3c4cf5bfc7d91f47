"""Shared words between a question and a line, a near-synonym counting too (``assistant.word_overlap``)."""

from __future__ import annotations

import pytest

from assistant.word_overlap import WordOverlap


@pytest.fixture(scope="module")
def overlap(embedder):
    return WordOverlap(embedder)


def test_exact_stems_count_one_each(overlap):
    (share,) = overlap.shares("What skills gaps were reported?", ["Skills gaps were reported in design."])
    assert share == pytest.approx(1.0)


def test_a_near_synonym_counts_its_cosine(overlap):
    question = "Into what levels does the paper divide digital ability?"
    near, plain = overlap.shares(question, ["Think of digital capability in three layers.", "Think of digital services in three parts."])
    assert plain < near < plain + 1 / 5  # "ability" met by "capability" (cosine about 0.7), less than an exact word


def test_an_unrelated_word_does_not_count(overlap):
    (share,) = overlap.shares("Do services run on cloud hosting?", ["Services run on a common platform."])
    assert share == pytest.approx(2 / 4)  # "servic", "run" of "servic", "run", "cloud", "host"


def test_without_an_embedder_only_exact_words_count():
    (share,) = WordOverlap(None).shares("Into what levels does the paper divide ability?", ["Capability in three layers."])
    assert share == 0.0


def test_a_word_of_the_same_root_counts_as_shared():
    """ "owns" meets "Owner" and "ownership", which Snowball stems apart; "user" keeps its whole stem."""
    from assistant.word_overlap import root

    assert root("own") == root("owner") == root("ownership") == "own" and root("leadership") == "lead"
    assert root("user") == "user"
    (share,) = WordOverlap(None).shares("Who owns the risk?", ["Owner: Head of Customer Services"])
    assert share == pytest.approx(1 / 2)  # "own" of "own", "risk"

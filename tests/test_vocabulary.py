"""The index vocabulary: nearest index words to a word the index lacks, for search and the constraint check."""

from __future__ import annotations

import pytest

from assistant.constraints import is_vocabulary_word
from assistant.vocabulary import IndexVocabulary, words_of

TEXTS = ["The survey received 984 completed responses from civil servants.",
         "Findings > Procurement: buying technology is slow; the website was redesigned."]


def test_words_of_are_lower_cased_distinct_and_filtered():
    assert words_of(["The Survey survey of IT"], is_vocabulary_word) == ["survey"]


def test_everyday_words_find_the_documents_words_and_absent_topics_find_none(embedder):
    vocab = IndexVocabulary(lambda _ids: [("d", TEXTS)], lambda: 1, embedder, keep=is_vocabulary_word)
    assert vocab.nearest("poll")[0] == "survey"
    assert "survey" in vocab.expand(["poll"])
    assert "website" in vocab.expand(["web"])
    assert vocab.expand(["quantum"]) == []
    assert vocab.nearest("quantum")[1] < vocab.min_similarity


def test_the_vocabulary_is_rebuilt_when_the_index_changes(embedder):
    texts, version = list(TEXTS), [1]
    vocab = IndexVocabulary(lambda _ids: [("d", texts)], lambda: version[0], embedder, keep=is_vocabulary_word)
    assert vocab.nearest("poll")[0] == "survey"
    texts[:] = ["Respondents answered the questionnaire online."]
    assert vocab.nearest("poll")[0] == "survey"  # same version: not re-read
    version[0] = 2
    assert vocab.nearest("poll")[0] == "survey"  # changed: the old one is served while a thread rebuilds
    vocab.derived.wait_until_current()
    assert vocab.nearest("poll")[0] != "survey"


def test_a_failed_rebuild_keeps_the_previous_vocabulary(embedder):
    calls, version = [0], [1]

    def texts(_ids):
        calls[0] += 1
        if calls[0] > 1:
            raise OSError("store unavailable")
        return [("d", list(TEXTS))]

    vocab = IndexVocabulary(texts, lambda: version[0], embedder, keep=is_vocabulary_word)
    assert vocab.nearest("poll")[0] == "survey"
    version[0] = 2
    vocab.derived.wait_until_current(timeout=2)
    assert vocab.nearest("poll")[0] == "survey"


def test_empty_index_and_bad_threshold(embedder):
    assert IndexVocabulary(lambda _ids: [], lambda: 0, embedder).expand(["poll"]) == []
    with pytest.raises(ValueError):
        IndexVocabulary(lambda _ids: [], lambda: 0, embedder, min_similarity=0)


def _following(docs: dict[str, list[str]], embedder):
    """A vocabulary over ``docs`` whose ready set is ``ready[0]``; ``read`` records which documents it read."""
    read: list = []

    def texts(doc_ids):
        read.append(None if doc_ids is None else sorted(doc_ids))
        return [(d, docs[d]) for d in (docs if doc_ids is None else doc_ids)]

    ready = [frozenset(docs)]
    return IndexVocabulary(texts, lambda: ready[0], embedder, keep=is_vocabulary_word), ready, read


def test_after_an_upload_only_the_new_documents_are_read(embedder):
    docs = {"a": ["Respondents answered the questionnaire online."]}
    vocab, ready, read = _following(docs, embedder)
    assert vocab.nearest("poll")[0] != "survey"
    docs["b"] = ["The survey of civil servants was run in 2017."]
    ready[0] = frozenset(docs)
    assert vocab.nearest("poll")[0] == "survey"  # at once: the update is cheap, not a background rebuild
    assert read == [None, ["b"]]


def test_a_removed_documents_own_words_go_at_once_and_shared_words_stay(embedder):
    """A word only the removed document held is no neighbour any more (the constraint check would
    otherwise call its topic covered); a word another document also holds stays. Nothing is re-read."""
    docs = {"a": ["Respondents answered the questionnaire online."],
            "b": ["The survey of civil servants was run online in 2017."]}
    vocab, ready, read = _following(docs, embedder)
    assert vocab.nearest("poll")[0] == "survey"
    ready[0] = frozenset({"a"})
    assert vocab.nearest("poll")[0] != "survey"  # "survey" was only in b
    remaining = [w for w, _ in vocab.neighbours("internet", 50)]
    assert "survey" not in remaining and "servants" not in remaining
    assert "online" in remaining and "questionnaire" in remaining  # a holds them too: kept
    ready[0] = frozenset(docs)  # b indexed again
    assert vocab.nearest("poll")[0] == "survey"
    assert read == [None, ["b"]]


def test_vectors_come_from_memory_for_index_words_and_from_the_embedder_for_others(embedder):
    import numpy as np

    vocab = IndexVocabulary(lambda _ids: [("d", TEXTS)], lambda: 1, embedder, keep=is_vocabulary_word)
    words = ["Survey", "quantum", "website"]
    calls = embedder.model_calls
    got = vocab.vectors(words)
    assert got.shape == (3, 384)
    assert np.allclose(got, np.asarray(embedder.embed(["survey", "quantum", "website"])), atol=1e-6)
    assert embedder.model_calls - calls <= 1, "only the word the index lacks may need the model"
    assert vocab.vectors([]).shape == (0, 384)

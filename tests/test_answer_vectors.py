"""Sentence vectors are made at ingest, so answering a new question runs the model once (the question)."""

from __future__ import annotations

from assistant.answer_lines import answer_texts
from assistant.extractive import ExtractiveAnswerer
from assistant.question_head import question_head
from tests.fixtures.make_fixtures import FIXTURE_FACT, good_files


def test_precompute_encodes_only_texts_not_cached(embedder):
    texts = ["Alpha precompute sentence one.", "Alpha precompute sentence two.", "Alpha precompute sentence one."]
    calls = embedder.model_calls
    assert embedder.precompute(texts) == 2, "distinct texts only"
    assert embedder.model_calls - calls == 2
    assert embedder.precompute(texts) == 0
    vectors = embedder.embed(texts[:2])
    assert embedder.model_calls - calls == 2, "later lookups cost no model time"
    assert len(vectors) == 2 and len(vectors[0]) == 384


def test_answer_texts_are_the_texts_the_answerer_embeds(corpus_services):
    retrieved = corpus_services.retriever.retrieve("What standard must public service websites meet?", k=5)
    answerer = ExtractiveAnswerer(corpus_services.embedder)
    passages = retrieved.passages
    asked = [answerer._context(c, passages) for c in answerer._candidates(passages)]
    from_chunks = [t for p in passages for t in answer_texts(p.text, p.section)]
    assert asked == from_chunks and asked


def test_a_new_question_costs_one_model_call_after_ingest(services, tmp_path):
    report = services.indexer.ingest([good_files(tmp_path / "docs")["pdf"].parent])
    assert not report.failed
    calls = services.embedder.model_calls
    question = "By how much did the Harrowgate pilot cut processing time for parking permits?"
    answer = services.assistant.ask(question)
    assert not answer.refused and "14 days to 3 days" in answer.answer
    # the question and its own clause ("By how much did the Harrowgate pilot cut processing time?", ``question_head``)
    assert question_head(question) is not None
    assert services.embedder.model_calls - calls == 2, "only the question side is embedded; every sentence vector is a lookup"


def test_removed_documents_sentences_do_not_reach_answers(services, tmp_path):
    files = good_files(tmp_path / "docs")
    services.indexer.ingest([files["pdf"].parent])
    pilot = next(d for d in services.store.list_documents() if d.source == "pilot-report.pdf")
    services.indexer.remove(pilot.doc_id)
    answer = services.assistant.ask("How much did the pilot in Harrowgate Borough cut processing time for parking permits?")
    assert FIXTURE_FACT not in answer.answer and "14 days" not in answer.answer
    assert all(c.doc_id != pilot.doc_id for c in answer.citations)


def test_a_question_with_a_word_the_index_lacks_embeds_only_question_side_texts(services, tmp_path):
    """The constraint check compares the question with and without the unknown word, and the word with
    the evidence's words: the evidence side (sentences, words) was embedded at ingest."""
    services.indexer.ingest([good_files(tmp_path / "docs")["pdf"].parent])
    calls = services.embedder.model_calls
    services.assistant.ask("How did the Harrowgate zorbling pilot cut processing time for parking permits?")
    # 2: the check ran (question, question without "zorbling"); 3 if it also compared the word itself; one more for
    # the question's own clause ("How did the Harrowgate zorbling pilot cut processing time?")
    assert 2 <= services.embedder.model_calls - calls <= 4, "the evidence sentences and words are lookups"


def test_a_removed_documents_own_words_leave_the_vocabulary_at_once(services, tmp_path):
    """The constraint check calls a word covered when the index vocabulary holds it or a near-synonym;
    a removed report's own words must not keep its topic "covered" until a restart."""
    services.indexer.ingest([good_files(tmp_path / "docs")["pdf"].parent])
    question = "How much did the pilot in Harrowgate Borough cut processing time for parking permits?"
    assert not services.assistant.ask(question).refused
    assert services.assistant.vocabulary.holds("Harrowgate")
    pilot = next(d for d in services.store.list_documents() if d.source == "pilot-report.pdf")
    services.indexer.remove(pilot.doc_id)
    assert not services.assistant.vocabulary.holds("Harrowgate")
    assert services.assistant.ask(question).refused

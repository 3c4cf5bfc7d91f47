"""The LLM path against a real OpenAI-compatible server (SmolLM2-135M via `transformers serve`).

SmolLM2 decodes greedily, so each prompt below gives the same output every run.
"""

import re

import pytest

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.chain import Assistant

pytestmark = pytest.mark.llm


@pytest.fixture(scope="module")
def llm_assistant(corpus_services, llm_server):
    url, model = llm_server
    settings = corpus_services.settings.model_copy(update={
        "llm_backend": "openai", "llm_base_url": url, "llm_model": model, "llm_max_tokens": 48, "llm_timeout_s": 180})
    return Assistant(settings, corpus_services.retriever, corpus_services.embedder)


def _events(assistant, question, k=1):
    events = list(assistant.stream(question, k=k))
    return events, events[-1]["answer"]


def test_tokens_stream_and_unknown_citations_are_removed(llm_assistant):
    events, answer = _events(llm_assistant, "Copy this sentence: There were 984 completed responses [1] [4].")
    tokens = [e for e in events if e["type"] == "token"]
    assert len(tokens) > 5, "tokens arrive one by one"
    assert answer.backend == "llm"
    assert "[4]" in "".join(e["text"] for e in tokens), "the model did cite a source it was not given"
    assert "[4]" not in answer.answer and "[4]" in (answer.note or "")
    assert [c.n for c in answer.citations] == [1]
    assert set(map(int, re.findall(r"\[(\d+)\]", answer.answer))) == {1}


def test_an_answer_with_no_checkable_citation_falls_back_to_extraction(llm_assistant):
    events, answer = _events(llm_assistant, 'Repeat exactly this text: "The survey had two parts [7]."')
    assert any(e["type"] == "reset" for e in events), "the streamed text is withdrawn"
    assert answer.backend == "extractive" and "extracted from the documents" in answer.note
    assert answer.citations and "[7]" not in answer.answer


def test_server_down_gives_the_extractive_answer_with_a_note(corpus_services):
    settings = corpus_services.settings.model_copy(update={
        "llm_backend": "openai", "llm_base_url": "http://127.0.0.1:9/v1", "llm_model": "m", "llm_timeout_s": 5})
    answer = Assistant(settings, corpus_services.retriever, corpus_services.embedder).ask("How many completed responses were there?")
    assert answer.backend == "extractive" and "unavailable" in answer.note
    assert "984" in answer.answer and answer.citations


def test_timeout_gives_the_extractive_answer_with_a_note(corpus_services, llm_server):
    url, model = llm_server
    settings = corpus_services.settings.model_copy(update={
        "llm_backend": "openai", "llm_base_url": url, "llm_model": model, "llm_timeout_s": 0.001})
    answer = Assistant(settings, corpus_services.retriever, corpus_services.embedder).ask("How many completed responses were there?")
    assert answer.backend == "extractive" and "unavailable" in answer.note and answer.citations


def test_unsupported_sentences_are_flagged_in_the_chain(corpus_services):
    """The flagging path through the chain, with a scripted model (the real one rarely cites)."""
    scripted = GenericFakeChatModel(messages=iter([AIMessage(
        content="There were 984 completed responses [1]. Ministers banned email across Whitehall in 2016 [1].")]))
    answer = Assistant(corpus_services.settings, corpus_services.retriever, corpus_services.embedder,
                       chat_model=scripted).ask("How many completed responses were there?", k=1)
    assert answer.backend == "llm"
    assert [f.sentence for f in answer.flags] == ["Ministers banned email across Whitehall in 2016 [1]."]
    assert "(not supported by the cited source)" in answer.answer


def test_llm_citations_are_renumbered_in_order_of_use(corpus_services):
    scripted = GenericFakeChatModel(messages=iter([AIMessage(
        content="There were 984 completed responses [3]. Fieldwork ran from 3 July to 8 September 2017 [1].")]))
    assistant = Assistant(corpus_services.settings, corpus_services.retriever, corpus_services.embedder, chat_model=scripted)
    answer = assistant.ask("How many completed responses were there, and when did the fieldwork run?", k=4)
    assert answer.backend == "llm"
    assert re.findall(r"\[(\d+)\]", answer.answer) == ["1", "2"]
    assert [c.n for c in answer.citations] == [1, 2]


def test_a_model_that_calls_a_covered_question_not_covered_gives_way_to_the_extracted_answer(corpus_services):
    """Refusals are the evidence checks' to make: a model's "not covered" after they passed is not an answer."""
    scripted = GenericFakeChatModel(messages=iter([AIMessage(content="The sources do not mention the number of responses.")]))
    assistant = Assistant(corpus_services.settings, corpus_services.retriever, corpus_services.embedder, chat_model=scripted)
    answer = assistant.ask("How many completed responses were there?", k=4)
    assert not answer.refused and answer.backend == "extractive" and "found no answer" in answer.note
    assert "984" in answer.answer and answer.citations

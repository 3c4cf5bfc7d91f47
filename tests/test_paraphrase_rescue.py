"""A question in words the index lacks also gets deeper passages whose best line beats every retrieved line."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.chain import Assistant
from assistant.extractive import ExtractiveAnswerer
from assistant.retrieval import Passage, Retrieved

QUESTION = "Would staff like a secondment to a technology company?"


def _p(text: str, i: int) -> Passage:
    return Passage(chunk_id=f"d:{i:05d}", doc_id="d", title="T", source="d.md", section="Findings", page=None, text=text,
                   chunk_index=i)


@pytest.fixture(scope="module")
def extractive(embedder):
    return ExtractiveAnswerer(embedder)


def _owner(extractive):
    return SimpleNamespace(extractive=extractive, retriever=SimpleNamespace(completed=lambda p: p))


def _deeper(passages: list[Passage]) -> list[Passage]:
    return passages


def test_a_deeper_passage_whose_line_answers_better_is_added_after_the_retrieved_ones(extractive):
    kept = [_p("The board met four times during the year.", 0), _p("Pay should reflect the market for scarce skills.", 1)]
    answer = _p("30 per cent said they would like a secondment to a technology company.", 7)
    weak = _p("The report was published in November.", 8)
    out = Assistant._rescued(_owner(extractive), QUESTION, Retrieved(passages=kept, best_dense=0.5, candidates=2),
                             _deeper([*kept, weak, answer]))
    assert [p.chunk_id for p in out.passages] == ["d:00000", "d:00001", "d:00007"]


def test_nothing_is_added_when_no_deeper_line_beats_the_retrieved_ones(extractive):
    kept = [_p("30 per cent said they would like a secondment to a technology company.", 0)]
    deeper = [*kept, _p("The board met four times during the year.", 3)]
    retrieved = Retrieved(passages=kept, best_dense=0.5, candidates=1)
    assert Assistant._rescued(_owner(extractive), QUESTION, retrieved, _deeper(deeper)) is retrieved


def test_a_question_in_words_the_index_lacks_is_searched_once_deeper_not_twice(corpus_services):
    """The rescue's deeper list comes with the first search: one search, its first k kept as usual."""
    retriever = corpus_services.retriever
    calls: list = []
    original = retriever.retrieve

    def counted(query, k=5, filters=None, *args, **kwargs):
        calls.append((query, k))
        return original(query, k, filters, *args, **kwargs)

    retriever.retrieve = counted
    try:
        question = "Were civil servants keen on a secondment stint at a tech firm?"
        assert corpus_services.assistant.constraints.unknown_terms(question)  # "stint": not in the index
        corpus_services.assistant.ask(question)
    finally:
        del retriever.retrieve
    k = corpus_services.settings.top_k
    assert calls[0] == (question, k + 15) and all(query != question or depth == k + 15 for query, depth in calls)
    assert original(question, k + 15).passages[:k] == original(question, k).passages


def test_the_pool_holds_each_passage_once_and_a_rescued_passage_is_completed(extractive):
    """The deeper list and the nearest chunks by meaning may share a chunk: it is weighed once, and
    a rescued passage is joined like a retrieved one (``HybridRetriever.completed``)."""
    kept = [_p("The board met four times during the year.", 0)]
    answer = _p("30 per cent said they would like a secondment to a technology company. Placements would", 7)
    owner = SimpleNamespace(extractive=extractive, retriever=SimpleNamespace(
        completed=lambda p: Passage(**{**p.__dict__, "text": p.text + " last six months.", "joined": ["d:00008"]})))
    out = Assistant._rescued(owner, QUESTION, Retrieved(passages=kept, best_dense=0.5, candidates=1), [answer, kept[0], answer])
    assert [p.chunk_id for p in out.passages] == ["d:00000", "d:00007"]
    assert out.passages[1].text.endswith("would last six months.") and out.passages[1].joined == ["d:00008"]


def test_a_question_in_words_the_index_lacks_is_searched_with_more_weight_on_meaning(corpus_services):
    """Its unknown words find nothing by keyword, so its own search gives the dense side the larger share."""
    from assistant.chain import _PARAPHRASE_DENSE_WEIGHT

    retriever = corpus_services.retriever
    weights: list = []
    original = retriever.retrieve

    def recorded(query, k=5, filters=None, *args, **kwargs):
        weights.append((query, kwargs.get("dense_weight")))
        return original(query, k, filters, *args, **kwargs)

    retriever.retrieve = recorded
    try:
        paraphrase = "Were civil servants keen on a secondment stint at a tech firm?"
        corpus_services.assistant.ask(paraphrase)
        plain = "How many completed responses did the survey receive?"
        corpus_services.assistant.ask(plain)
    finally:
        del retriever.retrieve
    assert _PARAPHRASE_DENSE_WEIGHT > retriever.dense_weight
    assert weights[0] == (paraphrase, _PARAPHRASE_DENSE_WEIGHT)
    assert (plain, None) in weights and (plain, _PARAPHRASE_DENSE_WEIGHT) not in weights


def test_a_yes_no_question_rescues_a_figure_line_that_beats_the_retrieved_figure_lines(extractive):
    """"Are officials keen to ...?" is answered by a survey figure: a retrieved proposal that says the question's
    words better than any line of the pool does not keep out the pool's line with a share in it."""
    question = "Are officials keen to spend a spell working at a tech firm?"
    kept = [_p("Civil servants would spend six months working in a technology company.", 0),
            _p("The survey ran for 4 weeks in the spring.", 1)]
    answer = _p("30 per cent of respondents said they would be interested in a secondment to a technology company.", 7)
    retrieved = Retrieved(passages=kept, best_dense=0.5, candidates=2)
    assert max(extractive.best_line_similarity(question, kept)) > extractive.best_line_similarity(question, [answer])[0]
    out = Assistant._rescued(_owner(extractive), question, retrieved, [answer])
    assert [p.chunk_id for p in out.passages] == ["d:00000", "d:00001", "d:00007"]
    # a question that asks for neither keeps the plain bar
    assert Assistant._rescued(_owner(extractive), "What would officials do at a tech firm?", retrieved, [answer]) is retrieved

"""A question in words the index lacks also gets deeper passages whose best line beats every retrieved line."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.chain import Assistant
from assistant.extractive import ExtractiveAnswerer
from assistant.retrieval import Filters, Passage, Retrieved

QUESTION = "Would staff like a secondment to a technology company?"


def _p(text: str, i: int) -> Passage:
    return Passage(chunk_id=f"d:{i:05d}", doc_id="d", title="T", source="d.md", section="Findings", page=None, text=text,
                   chunk_index=i)


@pytest.fixture(scope="module")
def extractive(embedder):
    return ExtractiveAnswerer(embedder)


def _owner(extractive, deeper: list[Passage], calls: list):
    def retrieve(question, k, filters):
        calls.append(k)
        return Retrieved(passages=deeper, best_dense=0.5, candidates=len(deeper))
    return SimpleNamespace(retriever=SimpleNamespace(retrieve=retrieve), extractive=extractive)


def test_a_deeper_passage_whose_line_answers_better_is_added_after_the_retrieved_ones(extractive):
    kept = [_p("The board met four times during the year.", 0), _p("Pay should reflect the market for scarce skills.", 1)]
    answer = _p("30 per cent said they would like a secondment to a technology company.", 7)
    weak = _p("The report was published in November.", 8)
    calls: list = []
    out = Assistant._rescued(_owner(extractive, [*kept, weak, answer], calls), QUESTION,
                             Retrieved(passages=kept, best_dense=0.5, candidates=2), Filters(), 5)
    assert calls == [20]  # k plus the depth searched
    assert [p.chunk_id for p in out.passages] == ["d:00000", "d:00001", "d:00007"]


def test_nothing_is_added_when_no_deeper_line_beats_the_retrieved_ones(extractive):
    kept = [_p("30 per cent said they would like a secondment to a technology company.", 0)]
    deeper = [*kept, _p("The board met four times during the year.", 3)]
    retrieved = Retrieved(passages=kept, best_dense=0.5, candidates=1)
    assert Assistant._rescued(_owner(extractive, deeper, []), QUESTION, retrieved, Filters(), 5) is retrieved

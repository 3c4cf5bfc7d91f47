""""When was X published?" also reads the opening chunk (title page, byline) of each document it names."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.chain import Assistant
from assistant.retrieval import Filters, Passage, Retrieved
from indexing.store import StoredChunk


def _passage(doc: str, index: int) -> Passage:
    return Passage(chunk_id=f"{doc}:{index:05d}", doc_id=doc, title=doc.upper(), source=f"{doc}.docx", section="Body",
                   page=None, text="Some findings.", chunk_index=index)


def _owner(asked: list):
    def get_chunks(ids):
        asked.append(list(ids))
        return [StoredChunk(i, "A briefing.\n\nBriefing note | Published 17 November 2017",
                            {"doc_id": i.split(":")[0], "title": i.split(":")[0].upper(), "chunk_index": 0,
                             "published_day": 736650}) for i in ids]
    return SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(get_chunks=get_chunks)))


def test_each_named_documents_opening_chunk_is_added_once():
    asked: list = []
    retrieved = Retrieved(passages=[_passage("a", 0), _passage("b", 4)], best_dense=0.5, candidates=2)
    out = Assistant._with_openings(_owner(asked), retrieved, ["a", "b"], Filters())
    assert asked == [["b:00000"]]  # a's opening was already retrieved
    assert [p.chunk_id for p in out.passages] == ["a:00000", "b:00004", "b:00000"]
    assert out.passages[-1].text.endswith("Published 17 November 2017")


def test_an_opening_outside_the_users_filters_is_not_added():
    retrieved = Retrieved(passages=[_passage("a", 3)], best_dense=0.5, candidates=1)
    out = Assistant._with_openings(_owner([]), retrieved, ["b"], Filters(date_from="2019-01-01"))
    assert [p.chunk_id for p in out.passages] == ["a:00003"]

"""For a list question, a passage of list items or table rows is read with the rest of its section's chunks."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.chain import Assistant
from assistant.retrieval import Passage
from indexing.store import StoredChunk

SECTION = "The eight recommendations"
CHUNKS = [("Before the table.", "Purpose"),
          ("Ref / Recommendation / Owner:\nR1 - Recommendation: Lead; Owner: Board\nR2 - Recommendation: Experiment; Owner: HMT", SECTION),
          ("R2 - Recommendation: Experiment; Owner: HMT\nR3 - Recommendation: Learn; Owner: CSL", SECTION),
          ("R4 - Recommendation: Exchange; Owner: Cabinet Office", SECTION),
          ("After the table.", "Next steps")]


def _owner(chunks=CHUNKS):
    stored = [StoredChunk(f"d:{i:05d}", text, {"doc_id": "d", "section": section, "chunk_index": i})
              for i, (text, section) in enumerate(chunks)]
    return SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(chunks_of=lambda doc_id: stored)))


def _passage(index: int) -> Passage:
    text, section = CHUNKS[index]
    return Passage(chunk_id=f"d:{index:05d}", doc_id="d", title="T", source="d.docx", section=section, page=None, text=text,
                   chunk_index=index)


def test_a_table_cut_by_chunk_size_is_read_whole_once():
    joined = Assistant._whole_list_section(_owner(), _passage(2))
    rows = [ln.split(" - ")[0] for ln in joined.text.split("\n") if " - " in ln]
    assert rows == ["R1", "R2", "R3", "R4"]  # the overlap (R2) is not repeated
    assert set(joined.joined) == {"d:00001", "d:00003"}


def test_prose_or_a_section_of_one_chunk_is_left_alone():
    assert Assistant._whole_list_section(_owner(), _passage(0)).joined == []
    assert Assistant._whole_list_section(_owner(), _passage(4)).text == "After the table."

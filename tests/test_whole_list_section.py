"""A table cut by chunk size is read whole: the section's other chunks are added and their rows joined in order."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.chain import Assistant
from assistant.lists import find_runs
from assistant.retrieval import Passage
from indexing.store import StoredChunk

SECTION = "The recommendations"
CHUNKS = [("Before the table.", "Purpose"),
          ("Ref / Recommendation / Owner:\nR1 - Recommendation: Lead; Owner: Board\nR2 - Recommendation: Experiment; Owner: HMT", SECTION),
          ("R2 - Recommendation: Experiment; Owner: HMT\nR3 - Recommendation: Learn; Owner: CSL", SECTION),
          ("R4 - Recommendation: Exchange; Owner: Cabinet Office\nR5 - Recommendation: Share; Owner: GDS", SECTION),
          ("After the table.", "Next steps")]


def _stored():
    return [StoredChunk(f"d:{i:05d}", text, {"doc_id": "d", "section": section, "chunk_index": i, "title": "T"})
            for i, (text, section) in enumerate(CHUNKS)]


def _owner():
    stored = _stored()
    return SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(chunks_of=lambda doc_id: stored)))


def _passage(index: int) -> Passage:
    return Passage.from_chunk(_stored()[index])


def test_a_table_cut_by_chunk_size_is_read_whole_each_row_citing_its_own_chunk():
    passages = Assistant._with_table_chunks(_owner(), [_passage(3), _passage(0)])
    assert [p.chunk_id for p in passages] == ["d:00003", "d:00000", "d:00001", "d:00002"]  # the section's other chunks, once
    (table,) = [r for r in find_runs(passages) if len(r.items) > 2]
    assert [t.split(" - ")[0] for t, _ in table.items] == ["R1", "R2", "R3", "R4", "R5"]  # in order, the overlap (R2) once
    assert [passages[i].chunk_id for _, i in table.items] == ["d:00001", "d:00001", "d:00002", "d:00003", "d:00003"]


def test_prose_is_not_widened():
    assert [p.chunk_id for p in Assistant._with_table_chunks(_owner(), [_passage(0), _passage(4)])] == ["d:00000", "d:00004"]


def test_a_passage_ending_with_a_table_row_is_not_joined_with_the_next_chunk():
    from assistant.retrieval import _ENDS_WITH_ROW

    assert _ENDS_WITH_ROW.search("Ref / Owner:\nR3 - Recommendation: Learn; Owner: CSL; Timescale: New entrants; all by 2020")
    assert _ENDS_WITH_ROW.search("Location / Share:\nLondon (share of respondents): 38%")
    assert not _ENDS_WITH_ROW.search("The survey ran from July and")  # a sentence cut by the chunk boundary is joined


def test_a_table_s_last_row_cut_off_alone_brings_the_rest_of_its_table():
    """ "Great Britain - Responses: 3,065; ..." sat alone in the table's last chunk; a question picking the region with
    the lowest figure needs the rows of the chunks before it."""
    stored = [StoredChunk(f"t:{i:05d}", text, {"doc_id": "t", "section": "Table 1", "chunk_index": i, "title": "T"}) for i, text in
              enumerate(["Region / Responses / Online, unaided:\nLondon - Responses: 611; Online, unaided: 74%\n"
                         "Scotland - Responses: 150; Online, unaided: 64%", "Great Britain - Responses: 3,065; Online, unaided: 69%"])]
    owner = SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(chunks_of=lambda doc_id: stored)))
    passages = Assistant._with_table_chunks(owner, [Passage.from_chunk(stored[1])])
    assert [p.chunk_id for p in passages] == ["t:00001", "t:00000"]

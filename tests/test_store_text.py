"""Chunk text lives in Chroma metadata (no full-text index to build); older indexes, with the text
as Chroma documents, still read back the same (real embedded Chroma)."""

from __future__ import annotations

from indexing.models import Chunk, DocumentRecord
from indexing.store import ChromaLocation, ChromaStore

VECTOR = [1.0] + [0.0] * 383


def _record() -> DocumentRecord:
    return DocumentRecord("d1", "A report", "report.txt", "report", None, 1, "abc", "2026-01-01T00:00:00+00:00")


def test_chunk_text_round_trips_without_a_chroma_document(tmp_path):
    store = ChromaStore(ChromaLocation(path=tmp_path / "chroma", prefix="t"))
    chunk = Chunk("d1", 0, "Only 41 per cent had training.", "Skills\nOnly 41 per cent had training.", "Skills", 2, 0, 30)
    store.add_chunks([chunk], [VECTOR], _record())
    raw = store.chunks.get(ids=[chunk.chunk_id], include=["documents"])
    assert raw["documents"] == [None], "no Chroma document, so no full-text index is built"
    for got in (store.chunks_of("d1")[0], store.get_chunks([chunk.chunk_id])[0],
                store.chunks_of_documents(["d1"])["d1"][0]):
        assert got.text == chunk.text and "text" not in got.meta and got.meta["page"] == 2
    assert store.nearest(VECTOR, 5) == [(chunk.chunk_id, 1.0)]


def test_an_index_written_with_chroma_documents_still_reads(tmp_path):
    store = ChromaStore(ChromaLocation(path=tmp_path / "chroma", prefix="t"))
    store.chunks.upsert(ids=["d1:0"], embeddings=[VECTOR], documents=["Older text."],
                        metadatas=[{"doc_id": "d1", "chunk_index": 0, "section": "", "title": "A report"}])
    assert store.get_chunks(["d1:0"])[0].text == "Older text."
    assert store.chunks_of("d1")[0].text == "Older text."

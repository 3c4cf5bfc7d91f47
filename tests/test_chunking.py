import pytest

from indexing.chunking import MODEL_LIMIT, Chunker
from indexing.models import Block, LoadedDocument


@pytest.fixture(scope="module")
def tokenizer(embedder):
    return embedder.tokenizer


def _doc(blocks):
    return LoadedDocument(source="x.md", kind="markdown", title="X", blocks=blocks)


def test_arguments_are_checked(tokenizer):
    with pytest.raises(ValueError):
        Chunker(tokenizer, max_tokens=400)
    with pytest.raises(ValueError):
        Chunker(tokenizer, max_tokens=100, overlap_tokens=60)


def test_no_embedded_text_exceeds_the_model_window(tokenizer):
    long = " ".join(f"Sentence {i} explains supercalifragilistic interoperability of departmental datasets." for i in range(300))
    heading = ("A very long heading " * 20).strip()
    chunker = Chunker(tokenizer, max_tokens=256, overlap_tokens=32)
    chunks = chunker.chunk(_doc([Block(long, (heading,))]), "d")
    assert len(chunks) > 5
    for c in chunks:
        assert len(tokenizer(c.embed_text)["input_ids"]) <= MODEL_LIMIT


def test_sections_pages_and_offsets_are_kept(tokenizer):
    blocks = [Block("First paragraph.\n\nSecond paragraph.", ("1. Intro",), 1), Block("Results text here.", ("2. Results",), 2)]
    doc = _doc(blocks)
    chunks = Chunker(tokenizer, max_tokens=64, overlap_tokens=8).chunk(doc, "d")
    assert [c.section for c in chunks] == ["1. Intro", "2. Results"]
    assert [c.page for c in chunks] == [1, 2]
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert c.embed_text.startswith(c.section)
    assert [c.chunk_id for c in chunks] == ["d:00000", "d:00001"]


def test_neighbouring_chunks_overlap(tokenizer):
    text = " ".join(f"Point number {i} is made here." for i in range(120))
    chunks = Chunker(tokenizer, max_tokens=64, overlap_tokens=16).chunk(_doc([Block(text)]), "d")
    assert len(chunks) > 3
    assert any(chunks[1].text.split()[0] in chunks[0].text for _ in [0])
    assert chunks[1].start < chunks[0].end


def test_offsets_of_repeated_text_point_at_the_right_copy(tokenizer):
    text = " ".join(f"The department should publish its data on topic {i}." for i in range(60))
    doc = _doc([Block(text)])
    chunks = Chunker(tokenizer, max_tokens=64, overlap_tokens=16).chunk(doc, "d")
    assert len(chunks) > 3
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
    starts = [c.start for c in chunks]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert chunks[-1].end == len(text)

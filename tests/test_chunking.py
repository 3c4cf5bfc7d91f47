import pytest

from indexing.chunking import MODEL_LIMIT, Chunker
from indexing.models import Block, LoadedDocument


@pytest.fixture(scope="module")
def tokenizer(embedder):
    return embedder.tokenizer


def test_word_pieces_are_transformers_own():
    """The chunker's tokenizer (the `tokenizers` library alone) cuts text exactly as transformers' does."""
    from transformers import AutoTokenizer

    from assistant.settings import bundled_model_path
    from indexing.word_pieces import WordPieces

    text = "Procurement's re-use of GDS-approved frameworks rose to 47% in 2019 — see Annex A.2 (Ünïcode)."
    reference = AutoTokenizer.from_pretrained(bundled_model_path(), local_files_only=True)
    ours = WordPieces(bundled_model_path())
    assert ours.tokenize(text) == reference.tokenize(text)
    assert ours.convert_tokens_to_string(ours.tokenize(text)[:9]) == reference.convert_tokens_to_string(reference.tokenize(text)[:9])


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
        assert len(tokenizer.tokenize(c.embed_text)) + 2 <= MODEL_LIMIT  # with [CLS] and [SEP]


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


class _CountingTokenizer:
    """The real tokenizer, counting calls and characters measured, to show chunking work is linear."""

    def __init__(self, real):
        self.real, self.calls, self.chars = real, 0, 0

    def tokenize(self, text):
        self.calls += 1
        self.chars += len(text)
        return self.real.tokenize(text)

    def convert_tokens_to_string(self, tokens):
        return self.real.convert_tokens_to_string(tokens)


@pytest.mark.parametrize("unit", ["procurementskillsmatter.", "procurement skills matter "])
def test_one_line_without_structure_costs_linear_work(tokenizer, unit):
    text = unit * (400_000 // len(unit))  # 400 kB on one line
    counting = _CountingTokenizer(tokenizer)
    chunks = Chunker(counting, max_tokens=200, overlap_tokens=32).chunk(_doc([Block(text)]), "d")
    assert all(len(tokenizer.tokenize(c.embed_text)) <= MODEL_LIMIT - 2 for c in chunks[:50])
    assert counting.chars <= 3 * len(text), "each character is measured at most a few times"
    assert counting.calls <= 3 * len(chunks) + 10
    assert "".join(c.text for c in chunks).replace(" ", "") == text.replace(" ", ""), "no text lost or repeated"
    assert all(text[c.start : c.end] == c.text for c in chunks[:50]), "offsets point at the text"


def test_structured_text_around_a_long_line_keeps_its_paragraphs(tokenizer):
    text = "Opening paragraph about skills.\n\n" + "x" * 5000 + "\n\nClosing paragraph about procurement."
    chunks = Chunker(tokenizer).chunk(_doc([Block(text)]), "d")
    assert chunks[0].text == "Opening paragraph about skills."
    assert chunks[-1].text == "Closing paragraph about procurement."
    assert all(text[c.start : c.end] == c.text for c in chunks)


def test_chunk_limit_and_deadline_stop_a_document(tokenizer):
    from indexing.limits import Deadline, DocumentRejected

    text = "\n\n".join(f"Paragraph {i} says something different about digital services." for i in range(400))
    with pytest.raises(DocumentRejected, match="more than 5 chunks"):
        Chunker(tokenizer).chunk(_doc([Block(text)]), "d", max_chunks=5)
    with pytest.raises(DocumentRejected, match="took longer than"):
        Chunker(tokenizer).chunk(_doc([Block(text)]), "d", deadline=Deadline(-1))


def test_the_splitter_measures_each_distinct_piece_once(tokenizer):
    """The recursive splitter asks a piece's length to split and again to merge; the chunker answers the
    second from memory (the same chunks, about half the tokenizer calls on abstract-like text)."""
    sentences = [f"Sentence {i} says that pilot {i % 7} trained {i * 3} officers across {i % 5 + 2} departments." for i in range(60)]
    text = " ".join(sentences)
    seen: list[str] = []

    class Recording(_CountingTokenizer):
        def tokenize(self, text):
            seen.append(text)
            return super().tokenize(text)

    chunks = Chunker(Recording(tokenizer), max_tokens=120, overlap_tokens=16).chunk(_doc([Block(text, ("Pilots",))]), "d")
    assert len(chunks) > 3 and all(len(tokenizer.tokenize(c.embed_text)) <= 120 for c in chunks)
    repeated = [t for t in set(seen) if seen.count(t) > 1 and t not in {c.text for c in chunks}]
    assert repeated == [], "every splitter piece is tokenized once"

"""Structure-aware chunking bounded in the embedding model's own word pieces.

Sections come from the loader (headings, pages); inside a section the text is split at
paragraphs, then lines, then sentences, then words. all-MiniLM-L6-v2 reads at most 256 word
pieces and silently ignores the rest, so every embedded text is checked against the bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from indexing.models import Chunk, LoadedDocument

MODEL_LIMIT = 256  # all-MiniLM-L6-v2 max_seq_length, including [CLS] and [SEP]
_SPECIALS = 2
_MAX_HEADING_TOKENS = 48
_SEPARATORS = [r"\n\n", r"\n", r"(?<=[.!?])\s+", r"(?<=[;:])\s+", r"\s+", ""]


@dataclass(frozen=True)
class Chunker:
    """Cheap to build; ``tokenizer`` is a Hugging Face tokenizer (the embedder's own)."""

    tokenizer: object
    max_tokens: int = 200
    overlap_tokens: int = 32

    def __post_init__(self) -> None:
        if not 32 <= self.max_tokens <= MODEL_LIMIT:
            raise ValueError(f"chunk size must be 32..{MODEL_LIMIT} word pieces, got {self.max_tokens}")
        if not 0 <= self.overlap_tokens < self.max_tokens // 2:
            raise ValueError(f"overlap must be below half the chunk size, got {self.overlap_tokens}")

    def count(self, text: str) -> int:
        return len(self.tokenizer.tokenize(text))

    def chunk(self, doc: LoadedDocument, doc_id: str) -> list[Chunk]:
        chunks: list[Chunk] = []
        offset = 0
        budget_cap = min(self.max_tokens, MODEL_LIMIT) - _SPECIALS
        for block in doc.blocks:
            heading = self._heading_text(block.headings)
            prefix = f"{heading}\n" if heading else ""
            budget = max(24, budget_cap - self.count(prefix))
            for start, piece in self._split(block.text, budget):
                embed_text = prefix + piece
                chunks.append(
                    Chunk(
                        doc_id=doc_id,
                        index=len(chunks),
                        text=piece,
                        embed_text=embed_text,
                        section=" > ".join(block.headings),
                        page=block.page,
                        start=offset + start,
                        end=offset + start + len(piece),
                    )
                )
            offset += len(block.text) + 2  # blocks are joined with a blank line in LoadedDocument.text
        return chunks

    def _heading_text(self, headings: tuple[str, ...]) -> str:
        text = " > ".join(headings[-2:])
        ids = self.tokenizer.tokenize(text)
        if len(ids) <= _MAX_HEADING_TOKENS:
            return text
        return self.tokenizer.convert_tokens_to_string(ids[:_MAX_HEADING_TOKENS])

    def _split(self, text: str, budget: int) -> list[tuple[int, str]]:
        overlap = min(self.overlap_tokens, budget // 3)
        splitter = RecursiveCharacterTextSplitter(
            separators=_SEPARATORS,
            is_separator_regex=True,
            chunk_size=budget,
            chunk_overlap=overlap,
            length_function=self.count,
        )
        out: list[tuple[int, str]] = []
        cursor = 0  # pieces come in order, each starting after the previous one's start
        for piece in splitter.split_text(text):
            # LangChain's own start_index subtracts the overlap, counted in word pieces, from a
            # character offset, so it misses overlapping pieces; repeated text then landed at 0.
            start = text.find(piece, cursor)
            if start < 0:
                start = max(0, text.find(piece[:40], cursor))
            cursor = start + 1
            out.extend(self._enforce(piece, start, budget))
        return out

    def _enforce(self, piece: str, start: int, budget: int) -> list[tuple[int, str]]:
        """Merging pieces can re-tokenise a word boundary; cut by words if the bound was missed."""
        if self.count(piece) <= budget:
            return [(start, piece)]
        words = piece.split(" ")
        out: list[tuple[int, str]] = []
        current: list[str] = []
        pos = start
        for word in words:
            if current and self.count(" ".join(current + [word])) > budget:
                chunk = " ".join(current)
                out.append((pos, chunk))
                pos += len(chunk) + 1
                current = []
            current.append(word)
        if current:
            out.append((pos, " ".join(current)))
        return out

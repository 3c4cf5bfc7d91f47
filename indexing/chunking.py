"""Structure-aware chunking bounded in the embedding model's own word pieces.

Sections come from the loader (headings, pages); inside a section the text is split at
paragraphs, then lines, then sentences, then words. all-MiniLM-L6-v2 reads at most 256 word
pieces and silently ignores the rest, so every embedded text is checked against the bound.

Text without structure (a 5 MB file on one line, a run of characters with no spaces) would make
the recursive splitter fall through to single characters and measure each one; such lines are
cut instead into fixed windows measured once or twice each, so the work stays linear in the
text. ``max_chunks`` and a ``Deadline`` stop a document that would still make too many.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from indexing.limits import Deadline, DocumentRejected
from indexing.models import Chunk, LoadedDocument

MODEL_LIMIT = 256  # all-MiniLM-L6-v2 max_seq_length, including [CLS] and [SEP]
_SPECIALS = 2
_MAX_HEADING_TOKENS = 48
_SEPARATORS = [r"\n\n", r"\n", r"(?<=[.!?])\s+", r"(?<=[;:])\s+", r"\s+", ""]
_LONG_LINE = 20_000  # characters: a line this long has lost its paragraph structure
_LONG_RUN = re.compile(r"\S{200}")  # no real word is this long: minified or generated text
_LINE = re.compile(r"[^\n]*\n?")
_CHARS_PER_PIECE = 6  # a window holds at most this many characters per word piece of budget


@dataclass(frozen=True)
class Chunker:
    """Cheap to build; ``tokenizer`` is the embedder's (``WordPieces``: ``tokenize`` and
    ``convert_tokens_to_string``, as a Hugging Face tokenizer has them)."""

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

    def chunk(self, doc: LoadedDocument, doc_id: str, max_chunks: int | None = None, deadline: Deadline | None = None) -> list[Chunk]:
        """Chunks in reading order; ``DocumentRejected`` past ``max_chunks`` or the ``deadline``."""
        chunks: list[Chunk] = []
        offset = 0
        budget_cap = min(self.max_tokens, MODEL_LIMIT) - _SPECIALS
        for block in doc.blocks:
            if deadline is not None:
                deadline.check("chunk")
            heading = self._heading_text(block.headings)
            prefix = f"{heading}\n" if heading else ""
            budget = max(24, budget_cap - (self.count(prefix) if prefix else 0))
            for start, piece in self._split(block.text, budget, deadline):
                if max_chunks is not None and len(chunks) >= max_chunks:
                    raise DocumentRejected(
                        "chunk", f"the document makes more than {max_chunks:,} chunks (PSB_MAX_DOCUMENT_CHUNKS); split it into smaller files"
                    )
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

    def _split(self, text: str, budget: int, deadline: Deadline | None = None) -> Iterator[tuple[int, str]]:
        """Structured stretches go to the recursive splitter, structureless lines to windows."""
        for base, end, plain in _segments(text):
            if deadline is not None:
                deadline.check("chunk")
            part = text[base:end]
            pieces = self._windows(part, budget) if plain else self._split_structured(part, budget)
            for start, piece in pieces:
                yield base + start, piece

    def _windows(self, text: str, budget: int) -> Iterator[tuple[int, str]]:
        """Cut a structureless line into pieces within ``budget``, preferring a space near the end.

        Each window is measured once, and again only when it was over and had to shrink, so a
        5 MB line costs a few thousand tokenizer calls on short strings instead of millions.
        """
        width = budget * 4
        pos, n = 0, len(text)
        while pos < n:
            end = min(n, pos + width)
            if end < n:
                space = text.rfind(" ", pos + (3 * (end - pos)) // 4, end)
                if space > pos:
                    end = space
            count = self.count(text[pos:end])
            while count > budget and end - pos > 1:
                end = pos + max(1, int((end - pos) * budget / count * 0.9))
                count = self.count(text[pos:end])
            piece = text[pos:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                yield pos + lead, piece.strip()
            width = max(budget, min(budget * _CHARS_PER_PIECE, int((end - pos) * budget / max(count, 1))))
            pos = end

    def _split_structured(self, text: str, budget: int) -> list[tuple[int, str]]:
        overlap = min(self.overlap_tokens, budget // 3)
        counted: dict[str, int] = {}  # the splitter measures each piece twice (to split, then to merge), and the separators again

        def count(piece: str) -> int:
            if piece not in counted:
                counted[piece] = self.count(piece)
            return counted[piece]

        splitter = RecursiveCharacterTextSplitter(
            separators=_SEPARATORS,
            is_separator_regex=True,
            chunk_size=budget,
            chunk_overlap=overlap,
            length_function=count,
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
            out.extend(self._enforce(piece, start, budget, count))
        return out

    def _enforce(self, piece: str, start: int, budget: int, count=None) -> list[tuple[int, str]]:
        """Merging pieces can re-tokenise a word boundary; cut by words if the bound was missed."""
        if (count or self.count)(piece) <= budget:
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


def _segments(text: str) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, structureless)`` spans covering ``text``: runs of ordinary lines, and single
    lines that are too long or hold a too-long run without spaces."""
    region = 0
    for m in _LINE.finditer(text):
        line = m.group()
        if not line:
            break
        if len(line) > _LONG_LINE or _LONG_RUN.search(line):
            if m.start() > region:
                yield region, m.start(), False
            yield m.start(), m.end(), True
            region = m.end()
    if region < len(text):
        yield region, len(text), False

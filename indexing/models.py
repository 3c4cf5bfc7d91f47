"""Typed records that flow through the pipeline: load -> chunk -> embed -> store."""

from __future__ import annotations

from dataclasses import dataclass, field


def chunk_id(doc_id: str, index: int) -> str:
    """The one chunk-id format, ``<doc_id>:<index, 5 digits>``: ids sort in reading order."""
    return f"{doc_id}:{index:05d}"


def doc_of(chunk_id_: str) -> str:
    """The document id inside a chunk id (``chunk_id``'s inverse for the document part)."""
    return chunk_id_.rsplit(":", 1)[0]


@dataclass(frozen=True)
class Block:
    """A run of text under one heading path, on one page (PDF) — the unit chunking starts from."""

    text: str
    headings: tuple[str, ...] = ()
    page: int | None = None


@dataclass
class LoadedDocument:
    """What a loader found in a file, before chunking."""

    source: str
    kind: str  # pdf | docx | html | markdown | text
    title: str
    blocks: list[Block]
    doc_type: str | None = None
    published: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage; ``embed_text`` carries the section title into the vector."""

    doc_id: str
    index: int
    text: str
    embed_text: str
    section: str
    page: int | None
    start: int
    end: int

    @property
    def chunk_id(self) -> str:
        return chunk_id(self.doc_id, self.index)


@dataclass
class DocumentRecord:
    """A committed document as the store lists it."""

    doc_id: str
    title: str
    source: str
    type: str
    published: str | None
    chunks: int
    sha256: str
    ingested_at: str
    kind: str = ""
    extra: dict = field(default_factory=dict)

    def public(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "type": self.type,
            "published": self.published,
            "chunks": self.chunks,
            "sha256": self.sha256,
            "ingested_at": self.ingested_at,
        }

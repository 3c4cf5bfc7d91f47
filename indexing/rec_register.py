"""The recommendations register: derived data in SQLite, rebuilt from Chroma like the keyword index.

Recommendations are extracted from a document's *chunks* (rejoined into sections by their
offsets), never from the original file, so an ingest and a rebuild from Chroma read the same
text and give the same register. Each document's rows are written in one SQLite transaction,
before the document flips to ready; readers only see rows of ready documents, and
``sync_from_store`` (run at every ingest's recovery) removes rows of documents that never became
ready or were removed. The file records the extractor version, the themes and the model it was
written with; a mismatch empties it and the next sync refills it.

Usage: ``register.add_document(meta, chunk_views(chunks))``; ``register.records(ready_ids)``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import AbstractContextManager
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from indexing.tables import in_table_block
from indexing.models import Block
from indexing.rec_themes import ThemeClassifier, theme_from_headings
from indexing.recommendations import EXTRACTOR_VERSION, extract_recommendations
from indexing.sqlite import connect_wal
from indexing.store import READY

_SCHEMA = "1"
_COLUMNS = ("rec_id", "doc_id", "position", "ref", "title", "text", "owner", "timescale", "theme", "source", "doc_title",
            "doc_type", "section", "page", "published", "cites", "chunk_id")


@dataclass(frozen=True)
class ChunkView:
    """What extraction needs of a chunk, whether fresh from the chunker or read back from Chroma."""

    chunk_id: str
    text: str
    section: str
    page: int | None
    start: int


@dataclass(frozen=True)
class DocumentMeta:
    doc_id: str
    source: str
    title: str
    type: str
    published: str | None


@dataclass
class RecommendationRecord:
    """One recommendation as one document states it, with where to find it."""

    rec_id: str
    doc_id: str
    position: int
    ref: str | None
    title: str | None
    text: str
    owner: str | None
    timescale: str | None
    theme: str
    source: str
    doc_title: str
    doc_type: str
    section: str
    page: int | None
    published: str | None
    cites: str | None
    chunk_id: str | None
    vector: list[float] = field(default_factory=list, repr=False)

    def public(self) -> dict:
        out = asdict(self)
        out.pop("vector")
        return out


def chunk_views_from_chunks(chunks: Iterable) -> list[ChunkView]:
    """``indexing.models.Chunk`` objects (at ingest) -> views."""
    return [ChunkView(c.chunk_id, c.text, c.section, c.page, c.start) for c in chunks]


def chunk_views_from_store(stored: Iterable) -> list[ChunkView]:
    """``StoredChunk`` objects read back from Chroma -> views."""
    views = []
    for c in stored:
        page = c.meta.get("page")
        views.append(ChunkView(c.chunk_id, c.text, str(c.meta.get("section", "")), int(page) if page is not None else None,
                               int(c.meta.get("start", 0))))
    return views


def blocks_from_chunks(chunks: Sequence[ChunkView]) -> list[Block]:
    """Rejoin overlapping chunks into their sections: each piece sits at its character offset.

    The whitespace the chunker dropped between two pieces is put back as a paragraph break when
    it was two or more characters, as a line break before a list item or a table row, else as a
    space.
    """
    blocks: list[Block] = []
    text, key, end = "", None, 0  # end: offset in the original text where ``text`` stops
    for chunk in sorted(chunks, key=lambda c: (c.start, c.chunk_id)):
        this_key = (chunk.section, chunk.page)
        runs_on = key is not None and _runs_on(text, key, chunk, end)  # a sentence over a page break is one sentence
        if runs_on:
            this_key = key
        if this_key != key:
            if key is not None and text:
                blocks.append(_block(text, key))
            text, key, end = chunk.text, this_key, chunk.start + len(chunk.text)
            continue
        if chunk.start >= end:
            gap = chunk.start - end
            text += " " if runs_on else "\n\n" if gap >= 2 else ("\n" if _starts_a_line(text, chunk.text) else " ")
            text += chunk.text
        elif chunk.start + len(chunk.text) > end:
            text += chunk.text[end - chunk.start :]
        end = max(end, chunk.start + len(chunk.text))
    if key is not None and text:
        blocks.append(_block(text, key))
    return blocks


def _runs_on(text: str, key: tuple[str, int | None], chunk: ChunkView, end: int) -> bool:
    """Does ``chunk`` go on with the sentence ``text`` stopped in mid-way, on the next page of the same section?
    Why: "... a one-click Wi-Fi sign-in that asks for no" | page 3 | "more than an email address": read as two blocks,
    the recommendation was listed cut off at the page break."""
    section, page = key
    return (chunk.section == section and page is not None and chunk.page == page + 1 and 0 <= chunk.start - end <= 2
            and not re.search(r"[.!?:;]\W*$", text) and bool(re.match(r"[a-z]", chunk.text)))


def _starts_a_line(before: str, piece: str) -> bool:
    """After a one-character gap: a new list item or table row, or the rest of a sentence or row?"""
    if re.match(r"\s*(?:[-•*▪◦–]|\d{1,2}[.)])\s", piece):
        return True
    if in_table_block(before):  # a "row (header): value" line of a table (indexing.tables)
        return True
    lines = before.split("\n")
    last, first = lines[-1], piece.split("\n", 1)[0]
    row_before = len(lines) > 1 and "|" in lines[-2]
    if "|" in last:  # rows of one table have the same number of cells
        if row_before and last.count("|") >= lines[-2].count("|"):
            return True
        return "|" in first and last.count("|") == first.count("|")
    return "|" in first


def _block(text: str, key: tuple[str, int | None]) -> Block:
    section, page = key
    return Block(text=text, headings=tuple(h for h in section.split(" > ") if h) if section else (), page=page)


def rec_id_for(source: str, ref: str | None, position: int) -> str:
    """Stable across re-ingests of the same file: its name plus the reference (or the position)."""
    stem = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-")
    tail = re.sub(r"[^a-z0-9]+", "-", ref.lower()).strip("-") if ref else f"p{position}"
    return f"{stem}:{tail}"


class RecommendationRegister:
    """``RecommendationRegister(path, classifier, embed, model_key)``; one connection per call."""

    def __init__(self, path: Path, classifier: ThemeClassifier, embed: Callable[[list[str]], list[list[float]]], model_key: str = "") -> None:
        self.path = Path(path)
        self.classifier = classifier
        self.embed = embed
        self.signature = json.dumps({"schema": _SCHEMA, "extractor": EXTRACTOR_VERSION, "themes": classifier.signature, "model": model_key})
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._conn() as conn:
            self._migrate(conn)

    def _conn(self) -> AbstractContextManager[sqlite3.Connection]:
        return connect_wal(self.path)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Empty a file written with other rules, themes or model: it is derived data, sync refills it."""
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        stored = conn.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
        if stored is None or stored[0] != self.signature:
            conn.execute("DROP TABLE IF EXISTS recs")
            conn.execute("DROP TABLE IF EXISTS docs")
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('signature', ?)", (self.signature,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS recs (rec_id TEXT NOT NULL, doc_id TEXT NOT NULL, position INTEGER NOT NULL, ref TEXT, "
            "title TEXT, text TEXT NOT NULL, owner TEXT, timescale TEXT, theme TEXT NOT NULL, source TEXT NOT NULL, "
            "doc_title TEXT NOT NULL, doc_type TEXT NOT NULL, section TEXT NOT NULL, page INTEGER, published TEXT, cites TEXT, "
            "chunk_id TEXT, vector BLOB NOT NULL, PRIMARY KEY (doc_id, rec_id))"
        )
        conn.execute("CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY)")

    # ------------------------------------------------------------ writes
    def extract(self, doc: DocumentMeta, chunks: Sequence[ChunkView]) -> list[RecommendationRecord]:
        """Extract, embed and theme one document's recommendations (no writes)."""
        found = extract_recommendations(blocks_from_chunks(chunks), doc.title)
        if not found:
            return []
        vectors = self.embed([(r.title + ". " if r.title else "") + r.text for r in found])
        themes = [theme_from_headings(r.section, r.title, self.classifier.themes) or by_vector
                  for r, by_vector in zip(found, self.classifier.assign(vectors))]
        records, used = [], set()
        for rec, vector, theme in zip(found, vectors, themes):
            rec_id = rec_id_for(doc.source, rec.ref, rec.position)
            if rec_id in used:  # the same reference twice in one document (a table and the full text)
                rec_id = f"{rec_id}-p{rec.position}"
            used.add(rec_id)
            records.append(RecommendationRecord(
                rec_id=rec_id, doc_id=doc.doc_id, position=rec.position, ref=rec.ref, title=rec.title, text=rec.text,
                owner=rec.owner, timescale=rec.timescale, theme=theme, source=doc.source, doc_title=doc.title,
                doc_type=doc.type, section=rec.section, page=rec.page, published=doc.published, cites=rec.cites,
                chunk_id=_chunk_holding(rec.text, rec.section, chunks), vector=list(vector),
            ))
        return records

    def add_document(self, doc: DocumentMeta, chunks: Sequence[ChunkView]) -> int:
        """Extract and store one document's recommendations; returns the count."""
        return self.write(doc.doc_id, self.extract(doc, chunks))

    def write(self, doc_id: str, records: Sequence[RecommendationRecord]) -> int:
        """Replace the document's rows with ``records`` in one transaction (ingest extracts before taking the write lock)."""
        return self.write_many({doc_id: records})

    def write_many(self, found: dict[str, Sequence[RecommendationRecord]]) -> int:
        """``write`` for many documents in one transaction. Why: a bulk ingest paid a connection
        and a commit per document (0.3 s of a 200-abstract batch's 5.6 s)."""
        with self._conn() as conn:
            for doc_id, records in found.items():
                conn.execute("DELETE FROM recs WHERE doc_id = ?", (doc_id,))
                conn.executemany(
                    f"INSERT INTO recs ({', '.join(_COLUMNS)}, vector) VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})",
                    [tuple(getattr(r, c) for c in _COLUMNS) + (np.asarray(r.vector, dtype=np.float32).tobytes(),) for r in records],
                )
                conn.execute("INSERT OR IGNORE INTO docs (doc_id) VALUES (?)", (doc_id,))
        return sum(len(records) for records in found.values())

    def remove_document(self, doc_id: str) -> None:
        with self._conn() as conn:
            conn.execute("DELETE FROM recs WHERE doc_id = ?", (doc_id,))
            conn.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))

    def clear(self) -> None:
        with self._conn() as conn:
            conn.execute("DELETE FROM recs")
            conn.execute("DELETE FROM docs")

    # ------------------------------------------------------------ reads
    def doc_ids(self) -> set[str]:
        with self._conn() as conn:
            return {r[0] for r in conn.execute("SELECT doc_id FROM docs")}

    def chunks_with_refs(self, refs: set[str]) -> list[tuple[str, str]]:
        """(doc_id, chunk_id) of the recommendations numbered ``refs`` ("R4"), where each starts."""
        if not refs:
            return []
        with self._conn() as conn:
            rows = conn.execute(f"SELECT doc_id, chunk_id FROM recs WHERE ref IN ({','.join('?' * len(refs))}) AND chunk_id IS NOT NULL "
                                "ORDER BY source, position", sorted(refs)).fetchall()
        return [(d, c) for d, c in rows]

    def records_of(self, doc_ids: Iterable[str]) -> list[RecommendationRecord]:
        """The records of these documents, in document order, without their vectors: what a
        passage's recommendation says of its owner and timescale (read per question, so by the
        primary key's document column, not the whole register)."""
        wanted = sorted(set(doc_ids))
        if not wanted:
            return []
        with self._conn() as conn:
            rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM recs WHERE doc_id IN ({','.join('?' * len(wanted))}) "
                                "ORDER BY source, position", wanted).fetchall()
        return [RecommendationRecord(**dict(zip(_COLUMNS, row))) for row in rows]

    def records(self, ready: set[str] | None = None) -> list[RecommendationRecord]:
        """Every stored record (of the ``ready`` documents only, when given), in document order."""
        with self._conn() as conn:
            rows = conn.execute(f"SELECT {', '.join(_COLUMNS)}, vector FROM recs ORDER BY source, position").fetchall()
        out = []
        for row in rows:
            values = dict(zip(_COLUMNS, row[:-1]))
            if ready is not None and values["doc_id"] not in ready:
                continue
            out.append(RecommendationRecord(**values, vector=np.frombuffer(row[-1], dtype=np.float32).tolist()))
        return out


def _chunk_holding(text: str, section: str, chunks: Sequence[ChunkView]) -> str | None:
    """The chunk where the recommendation starts, so a reader can open its source passage."""
    probe = " ".join(text.split())[:60]
    in_section = [c for c in chunks if c.section == section]
    for chunk in in_section:
        if probe and probe in " ".join(chunk.text.split()):
            return chunk.chunk_id
    short = probe[:25]
    for chunk in in_section:
        if short and short in " ".join(chunk.text.split()):
            return chunk.chunk_id
    return in_section[0].chunk_id if in_section else None


def document_meta(record) -> DocumentMeta:
    """A ``DocumentRecord`` -> the fields the register keeps."""
    return DocumentMeta(record.doc_id, record.source, record.title, record.type, record.published)


def sync_from_store(register: RecommendationRegister, store) -> tuple[int, int]:
    """Make the register hold exactly the store's ready documents; returns (added, removed)."""
    ready = store.ready_ids()
    have = register.doc_ids()
    for doc_id in have - ready:
        register.remove_document(doc_id)
    return _add_from_store(register, store, ready - have), len(have - ready)


def _add_from_store(register: RecommendationRegister, store, doc_ids: set[str], step: int = 200) -> int:
    """Extract and store these documents' recommendations, reading records and chunks ``step``
    documents per call: one call per document took minutes for 43k documents (a refill after the
    themes or the model changed)."""
    added = 0
    ordered = sorted(doc_ids)
    for i in range(0, len(ordered), step):
        part = ordered[i : i + step]
        records = store.get_documents(part)
        chunks = store.chunks_of_documents([d for d in part if d in records])
        for doc_id in part:
            record = records.get(doc_id)
            if record is not None and record.extra.get("status") == READY:
                register.add_document(document_meta(record), chunk_views_from_store(chunks.get(doc_id, [])))
                added += 1
    return added


def add_missing(register: RecommendationRegister, store, ready: set[str]) -> int:
    """Add ready documents the register lacks (another app server sharing Chroma ingested them).

    Never removes: a document being ingested right now is not ready yet, and readers filter by
    the ready set anyway; ``sync_from_store`` at the next recovery tidies the rest.
    """
    missing = ready - register.doc_ids()
    _add_from_store(register, store, missing)
    return len(missing)


def rebuild_from_store(register: RecommendationRegister, store) -> int:
    register.clear()
    added, _ = sync_from_store(register, store)
    return added

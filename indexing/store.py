"""Chroma holds the documents and chunks: the single source of truth.

Two collections: ``<prefix>_chunks`` (text, vectors, metadata) and ``<prefix>_documents`` (one
record per document). A document record is written as ``pending`` before its chunks and flipped
to ``ready`` after them: that flip is the commit. Search only shows chunks of ready documents, and
``collect_garbage`` removes what a killed ingest left pending, so no partial document is visible.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from indexing.errors import StoreUnavailableError
from indexing.models import Chunk, DocumentRecord

log = logging.getLogger(__name__)
_PAGE = 5000  # records per read of a whole collection

_DOC_VECTOR = [1.0]  # document records need a vector in Chroma; they are never searched by it
READY = "ready"
PENDING = "pending"


@dataclass(frozen=True)
class StoredChunk:
    chunk_id: str
    text: str
    meta: dict[str, Any]

    @property
    def doc_id(self) -> str:
        return str(self.meta["doc_id"])

    @property
    def index(self) -> int:
        return int(self.meta["chunk_index"])


TEXT_KEY = "text"
"""A chunk's text is kept as metadata, not as a Chroma document: Chroma builds a full-text index
over documents that nothing here searches (keyword search is ``indexing.keyword``'s), and it cost
half of the chunks' upsert time (2,000 SciFact chunks: 2.0 s against 1.0 s) and disk besides."""


@dataclass(frozen=True)
class ChromaLocation:
    """Where the collections live: an embedded store under ``path``, or a ``chroma run`` server.

    ``host`` set means server mode; ``prefix`` names the collections so indexes can share a server.
    """

    path: Path | None = None
    host: str | None = None
    port: int = 8000
    prefix: str = "psb"

    def __post_init__(self) -> None:
        if self.host is None and self.path is None:
            raise ValueError("a ChromaLocation needs a path (embedded) or a host (server mode)")

    @property
    def server_mode(self) -> bool:
        return bool(self.host)

    def __str__(self) -> str:
        return f"chroma://{self.host}:{self.port}" if self.server_mode else str(self.path)


class _Guarded:
    """A Chroma collection whose connection failures become ``StoreUnavailableError``.

    A Chroma server that stops mid-session makes the HTTP client raise transport errors from
    any call; callers (the API, the UI, the CLI) handle our one exception with its advice.
    """

    def __init__(self, collection: Any, where: str) -> None:
        self._collection = collection
        self._where = where

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._collection, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return attr(*args, **kwargs)
            except _OUTAGES as exc:
                raise StoreUnavailableError(self._where, f"{type(exc).__name__}: {exc}") from exc

        return call


def _outage_types() -> tuple[type[BaseException], ...]:
    try:
        import httpx

        return (httpx.TransportError, ConnectionError)
    except ImportError:  # embedded-only installs
        return (ConnectionError,)


_OUTAGES = _outage_types()


def make_client(location: ChromaLocation):
    """Embedded PersistentClient under ``location.path``, or an HttpClient in server mode."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if location.server_mode:
        where = f"{location.host}:{location.port}"
        try:
            client = chromadb.HttpClient(host=location.host, port=location.port, settings=chroma_settings)
            client.heartbeat()
        except Exception as exc:
            raise StoreUnavailableError(where, str(exc)) from exc
        return client
    assert location.path is not None
    location.path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(location.path), settings=chroma_settings)


class ChromaStore:
    """Thin, typed access to the two collections. Construction connects; nothing else is loaded."""

    def __init__(self, location: ChromaLocation, client=None) -> None:
        self.where = location
        self.client = client if client is not None else make_client(location)
        prefix = location.prefix
        self.chunks = _Guarded(self.client.get_or_create_collection(
            f"{prefix}_chunks", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        ), str(location))
        self.documents = _Guarded(self.client.get_or_create_collection(f"{prefix}_documents", embedding_function=None), str(location))

    def ping(self) -> None:
        """Raise ``StoreUnavailableError`` unless Chroma answers (``/readyz`` calls this)."""
        self.documents.count()

    @property
    def location(self) -> str:
        return str(self.where)

    # ------------------------------------------------------------ documents
    def put_document(self, record: DocumentRecord, status: str) -> None:
        self.put_documents([record], status)

    def put_documents(self, records: list[DocumentRecord], status: str) -> None:
        """Write many document records in one call (a bulk ingest's pending records)."""
        if not records:
            return
        self.documents.upsert(ids=[r.doc_id for r in records], embeddings=[_DOC_VECTOR] * len(records),
                              metadatas=[_document_meta(r, status) for r in records], documents=[r.title for r in records])

    def commit_documents(self, records: list[DocumentRecord]) -> None:
        """Flip records ``put_documents`` wrote as pending to ready, in one call: the ingest's commit.

        A metadata update, not an upsert: the record's vector and text are already there, and
        rewriting them made the commit of 200 documents cost 0.2 s instead of 0.05 s.
        """
        if records:
            self.documents.update(ids=[r.doc_id for r in records], metadatas=[_document_meta(r, READY) for r in records])

    def update_metadata(self, record: DocumentRecord) -> None:
        """Rewrite a ready document's title, type and date on its record and every chunk."""
        self.put_document(record, READY)
        chunks = self.chunks_of(record.doc_id)
        if chunks:
            fresh = {"title": record.title, "type": record.type, "published": record.published or "",
                     "published_day": day_number(record.published)}
            self.chunks.update(ids=[c.chunk_id for c in chunks], metadatas=[dict(c.meta, **fresh) for c in chunks])

    def list_documents(self, status: str | None = READY) -> list[DocumentRecord]:
        """Every record (of ``status``), read in pages: one read of ~33k records or more with their
        metadata fails in Chroma ("too many SQL variables"), which stopped `psb serve` at 43k documents."""
        where = {"status": status} if status else None
        records: list[DocumentRecord] = []
        offset = 0
        while True:
            got = self.documents.get(where=where, include=["metadatas"], limit=_PAGE, offset=offset)
            records += [_record(i, m) for i, m in zip(got["ids"], got["metadatas"])]
            if len(got["ids"]) < _PAGE:
                break
            offset += _PAGE
        return sorted(records, key=lambda r: (r.title.lower(), r.doc_id))

    def get_document(self, doc_id: str, status: str | None = READY) -> DocumentRecord | None:
        got = self.documents.get(ids=[doc_id], include=["metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0]
        if status and meta.get("status") != status:
            return None
        return _record(doc_id, meta)

    def get_documents(self, doc_ids: list[str]) -> dict[str, DocumentRecord]:
        """Records of these ids (any status), in one call."""
        if not doc_ids:
            return {}
        out: dict[str, DocumentRecord] = {}
        ids = list(doc_ids)
        for start in range(0, len(ids), _PAGE):  # one read of tens of thousands fails ("too many SQL variables")
            got = self.documents.get(ids=ids[start : start + _PAGE], include=["metadatas"])
            out.update({i: _record(i, m) for i, m in zip(got["ids"], got["metadatas"])})
        return out

    def documents_from_sources(self, sources: list[str]) -> list[DocumentRecord]:
        """Every record from any of these sources, in one call."""
        if not sources:
            return []
        got = self.documents.get(where={"source": {"$in": list(sources)}}, include=["metadatas"])
        return [_record(i, m) for i, m in zip(got["ids"], got["metadatas"])]

    def documents_from(self, source: str) -> list[DocumentRecord]:
        got = self.documents.get(where={"source": source}, include=["metadatas"])
        return [_record(i, m) for i, m in zip(got["ids"], got["metadatas"])]

    def ready_ids(self) -> set[str]:
        return set(self.documents.get(where={"status": READY}, include=[])["ids"])

    def delete_document(self, doc_id: str) -> None:
        """Un-commit first (invisible at once), then drop the chunks."""
        self.documents.delete(ids=[doc_id])
        self.chunks.delete(where={"doc_id": doc_id})

    def collect_garbage(self, grace_s: float = 0.0) -> list[str]:
        """Remove pending records (and their chunks) older than ``grace_s`` seconds.

        A pending record younger than the grace period may be another process's ingest in
        flight (server mode, where several app servers share the store), so it is left alone.
        """
        got = self.documents.get(where={"status": PENDING}, include=["metadatas"])
        cutoff = datetime.now(timezone.utc) - timedelta(seconds=grace_s)
        removed = []
        for doc_id, meta in zip(got["ids"], got["metadatas"]):
            if grace_s > 0 and _started(meta) > cutoff:
                continue
            log.info("removing half-indexed document %s", doc_id)
            self.delete_document(doc_id)
            removed.append(doc_id)
        return removed

    def collect_orphans(self) -> list[str]:
        """Remove chunks whose document record is gone (a replace or delete killed half-way).

        Returns the document ids whose chunks were removed. Chunk ids are ``<doc_id>:<index>``,
        so the ids alone say which document a chunk belongs to.
        """
        known = set(self.documents.get(include=[])["ids"])
        chunk_ids = self.chunks.get(include=[])["ids"]
        orphans = sorted({cid.split(":", 1)[0] for cid in chunk_ids} - known)
        for doc_id in orphans:
            log.info("removing orphaned chunks of %s", doc_id)
            self.chunks.delete(where={"doc_id": doc_id})
        return orphans

    # ------------------------------------------------------------ chunks
    def add_chunks(self, chunks: list[Chunk], vectors: list[list[float]], doc: DocumentRecord) -> None:
        self.add_chunks_of([(chunks, vectors, doc)])

    def add_chunks_of(self, documents: list[tuple[list[Chunk], list[list[float]], DocumentRecord]]) -> None:
        """Many documents' chunks in as few calls as Chroma's batch limit allows (each call has a fixed cost)."""
        rows = [(c, v, doc) for chunks, vectors, doc in documents for c, v in zip(chunks, vectors)]
        step = max(1, min(1000, self.client.get_max_batch_size()))
        for i in range(0, len(rows), step):
            part = rows[i : i + step]
            self.chunks.upsert(
                ids=[c.chunk_id for c, _, _ in part],
                embeddings=[v for _, v, _ in part],
                metadatas=[{**_chunk_meta(c, doc), TEXT_KEY: c.text} for c, _, doc in part],
            )

    def chunk_count(self) -> int:
        return self.chunks.count()

    def chunks_of(self, doc_id: str) -> list[StoredChunk]:
        got = self.chunks.get(where={"doc_id": doc_id}, include=["documents", "metadatas"])
        out = [_stored(i, t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])]
        return sorted(out, key=lambda c: c.index)

    def chunks_of_documents(self, doc_ids: list[str]) -> dict[str, list[StoredChunk]]:
        """``chunks_of`` for many documents in one read (callers pass a few hundred at a time)."""
        if not doc_ids:
            return {}
        got = self.chunks.get(where={"doc_id": {"$in": list(doc_ids)}}, include=["documents", "metadatas"])
        out: dict[str, list[StoredChunk]] = {d: [] for d in doc_ids}
        for i, t, m in zip(got["ids"], got["documents"], got["metadatas"]):
            out.setdefault(str(m["doc_id"]), []).append(_stored(i, t, m))
        return {d: sorted(chunks, key=lambda c: c.index) for d, chunks in out.items()}

    def get_chunks(self, ids: list[str]) -> list[StoredChunk]:
        if not ids:
            return []
        got = self.chunks.get(ids=ids, include=["documents", "metadatas"])
        by_id = {i: _stored(i, t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])}
        return [by_id[i] for i in ids if i in by_id]

    def nearest(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """The ``k`` nearest chunks' ids and cosine similarities, best first, without their text or
        metadata: retrieval reads those only for the few passages it keeps (reading them for all
        300 candidates was most of a dense search at 100k chunks)."""
        got = self.chunks.query(query_embeddings=[vector], n_results=k, where=where or None, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(got["ids"][0], got["distances"][0])]


def _stored(chunk_id: str, document: str | None, meta: dict[str, Any]) -> StoredChunk:
    """A chunk as read back: its text is the ``TEXT_KEY`` metadata (Chroma documents in indexes
    written before that), taken out of the metadata callers see."""
    text = meta.pop(TEXT_KEY, None)
    return StoredChunk(chunk_id, str(text if text is not None else document or ""), meta)


def _document_meta(r: DocumentRecord, status: str) -> dict:
    return {"title": r.title, "source": r.source, "type": r.type, "published": r.published or "", "chunks": r.chunks,
            "sha256": r.sha256, "ingested_at": r.ingested_at, "kind": r.kind, "status": status}


def _chunk_meta(chunk: Chunk, doc: DocumentRecord) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "doc_id": chunk.doc_id,
        "chunk_index": chunk.index,
        "section": chunk.section,
        "start": chunk.start,
        "end": chunk.end,
        "title": doc.title,
        "source": doc.source,
        "type": doc.type,
        "published": doc.published or "",
        "published_day": day_number(doc.published),
    }
    if chunk.page is not None:
        meta["page"] = chunk.page
    return meta


def day_number(published: str | None) -> int:
    """YYYYMMDD as an int so Chroma can filter date ranges with $gte/$lte; 0 when unknown.

    A date known only to its year or month ("2023", "2023-11") counts from the first day of it. Why: a
    note dated by its title's year only was 0, "no known date", so a search of the documents of 2023
    never saw it, and "... in 2025 than in 2023?" was answered from the 2025 survey alone."""
    if not published:
        return 0
    digits = published.replace("-", "")[:8]
    if digits.isdigit() and len(digits) in (4, 6):
        digits = digits[:4] + (digits[4:6] or "01") + "01"
    return int(digits) if digits.isdigit() and len(digits) == 8 and int(digits[4:6]) >= 1 else 0


def _record(doc_id: str, meta: dict[str, Any]) -> DocumentRecord:
    return DocumentRecord(
        doc_id=doc_id,
        title=str(meta.get("title", "")),
        source=str(meta.get("source", "")),
        type=str(meta.get("type", "other")),
        published=str(meta.get("published") or "") or None,
        chunks=int(meta.get("chunks", 0)),
        sha256=str(meta.get("sha256", "")),
        ingested_at=str(meta.get("ingested_at", "")),
        kind=str(meta.get("kind", "")),
        extra={"status": meta.get("status")},
    )


def _started(meta: dict[str, Any]) -> datetime:
    """When a record's ingest began; unreadable stamps count as long ago (so they get collected)."""
    try:
        stamp = datetime.fromisoformat(str(meta.get("ingested_at", "")))
    except ValueError:
        return datetime.min.replace(tzinfo=timezone.utc)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)

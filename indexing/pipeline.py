"""Ingest files into the index: sniff -> load -> chunk -> embed -> store, atomically per document.

Order of writes per document: a ``pending`` record, the chunks, the keyword rows, the
recommendations register's rows, then the flip
to ``ready`` (the commit), then removal of the same source's older version. A crash at any point
leaves nothing half-visible; the next ingest's garbage collection finishes or undoes the work.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from indexing.errors import DocumentNotFoundError, IngestError, PSBError
from indexing.chunking import Chunker
from indexing.embeddings import Embedder, PassageTexts
from indexing.isolate import shared_worker
from indexing.keyword import KeywordIndex, keyword_heading, sync_from_store
from indexing.limits import Deadline, DocumentRejected, Limits, check_zip
from indexing.loaders import load
from indexing.lock import FileWriteLock, NoLock, StoreLease
from indexing.manifest import MANIFEST_NAMES, find_entry, normalise_type
from indexing.models import Chunk, DocumentRecord, LoadedDocument
from indexing.rec_register import RecommendationRegister, chunk_views_from_chunks, document_meta
from indexing.rec_register import sync_from_store as sync_register
from indexing.sniff import sniff
from indexing.store import PENDING, READY, ChromaStore, day_number

log = logging.getLogger(__name__)
_EMBED_SLICE = 64  # chunks embedded per call, so the deadline is checked as it goes


@dataclass
class FileResult:
    path: str
    status: str  # added | updated | unchanged | failed
    doc_id: str | None = None
    chunks: int = 0
    error: str | None = None
    title: str | None = None


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    chunks: int = 0
    files: list[FileResult] = field(default_factory=list)

    def record(self, result: FileResult) -> None:
        self.files.append(result)
        if result.status == "failed":
            self.failed.append({"path": result.path, "error": result.error or "unknown error"})
            return
        getattr(self, result.status).append(result.doc_id)
        self.chunks += result.chunks

    def public(self) -> dict:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged, "failed": self.failed, "chunks": self.chunks}


@dataclass
class RecoveryReport:
    """What ``Indexer.recover`` removed; empty lists mean there was nothing to clean."""

    pending: list[str] = field(default_factory=list)
    old_versions: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    keyword_added: int = 0
    keyword_removed: int = 0

    @property
    def cleaned(self) -> bool:
        return bool(self.pending or self.old_versions or self.orphaned or self.keyword_removed)

    def summary(self) -> str:
        """One sentence for people; says "nothing to clean up" when that is the truth."""
        parts = [f"{len(v)} {label}" for v, label in ((self.pending, "unfinished upload(s)"),
                 (self.old_versions, "replaced version(s) left behind"), (self.orphaned, "document(s) with orphaned passages")) if v]
        if self.keyword_removed:
            parts.append(f"{self.keyword_removed} stale keyword entr{'y' if self.keyword_removed == 1 else 'ies'}")
        return "removed " + ", ".join(parts) if parts else "nothing to clean up"

    def public(self) -> dict:
        return {"pending": self.pending, "old_versions": self.old_versions, "orphaned": self.orphaned,
                "keyword_added": self.keyword_added, "keyword_removed": self.keyword_removed, "summary": self.summary()}


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders recursively (sorted), skipping hidden files and manifests."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                f for f in sorted(p.rglob("*"))
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts) and f.name not in MANIFEST_NAMES
            )
        else:
            out.append(p)
    return out


PARSE_VERSION = 8  # 8: a table whose first row is figures has no header row; 7: a two-page document's footer that differs only in its page number is furniture, and a footer with its page number of up to 24 words; 6: a date known to its year or month only is filtered as its first day; a "Prepared by" line dates a document; 5: a date from a byline line or the file name's year when none is stated; 4: HTML list items wrapped in the source are joined; 3: a text file's numbered list items stay text (c2c5577)
"""Raise it with any change to the loaders or the chunker that changes the chunks a file gives.

A document's id covers it (``document_id``), so after an upgrade the next ``psb ingest`` of a
folder re-parses files it would otherwise skip as unchanged, and the new chunks replace the old
the way a new version of a file does (committed first, then the old version dropped). Without
it, an index kept the chunks older code made (page footers, fragments) for as long as its files
did not change. Ids made before it existed were the file's hash alone (version 1).
"""


def document_id(data: bytes, parse_key: str) -> str:
    """A file's document id: its bytes and how they were parsed (``Indexer.parse_key``)."""
    return hashlib.sha256(f"psb-parse:{parse_key}\n".encode() + data).hexdigest()[:16]


class Indexer:
    """Owns the store, the keyword index and the embedder for one data directory."""

    def __init__(self, store: ChromaStore, embedder: Embedder, keyword: KeywordIndex, *, chunk_tokens: int = 200,
                 chunk_overlap_tokens: int = 32, max_file_mb: float = 50.0, limits: Limits | None = None,
                 lock: FileWriteLock | StoreLease | NoLock | None = None, pending_grace_s: float = 0.0,
                 register: RecommendationRegister | None = None,
                 answer_texts: Callable[[str, str], PassageTexts] | None = None, yield_to_questions: bool = False,
                 parse_version: int = PARSE_VERSION) -> None:
        """Cheap: the chunker (which needs the model's tokenizer) is made on first use.

        ``answer_texts(chunk_text, section)`` names the texts the answerer will embed for a passage
        (its candidate sentences, each with its span of ``chunk_text``, and words); their vectors
        are made here, at ingest, from the chunk's own forward pass where they have a span
        (``Embedder.embed_passages``), so answering a question only looks them up. The answering
        layer supplies the function, so the texts embedded are exactly the texts it asks for.
        ``yield_to_questions`` (a running server) encodes on one core at low priority, so
        questions asked during an upload stay fast. ``parse_version``: see ``PARSE_VERSION``.
        """
        if max_file_mb <= 0:
            raise ValueError(f"max_file_mb must be positive, not {max_file_mb}")
        self.chunk_tokens = chunk_tokens
        self.chunk_overlap_tokens = chunk_overlap_tokens
        self.max_file_mb = max_file_mb
        self.limits = limits or Limits()
        self.lock = lock or NoLock()
        self.pending_grace_s = pending_grace_s  # > 0 when other processes may be mid-ingest in a shared store
        self.store = store
        self.embedder = embedder
        self.keyword = keyword
        self.register = register
        self.answer_texts = answer_texts
        self.yield_to_questions = yield_to_questions  # a server's ingest: vectors encoded at low priority
        self.parse_version = parse_version
        self._chunker: Chunker | None = None

    @property
    def parse_key(self) -> str:
        """What a file's chunks depend on besides its bytes: a change re-parses it on the next ingest."""
        return f"{self.parse_version}:{self.chunk_tokens}:{self.chunk_overlap_tokens}"

    def warm(self) -> None:
        """Load the tokenizer and the passage encoder now rather than at the first upload.

        Why: loading them is seconds of work that holds Python's GIL (it was 3.3 s when the
        tokenizer still imported transformers and PyTorch); in a server that happened during the
        first upload, and questions asked meanwhile waited (issue 10's load test).
        """
        self.chunker
        self.embedder.warm_passages(low_priority=self.yield_to_questions)

    @property
    def chunker(self) -> Chunker:
        if self._chunker is None:
            self._chunker = Chunker(self.embedder.tokenizer, self.chunk_tokens, self.chunk_overlap_tokens)
        return self._chunker

    # ------------------------------------------------------------ public
    def ingest(self, paths: Iterable[str | Path], on_result: Callable[[FileResult], None] | None = None,
               on_start: Callable[[list[Path]], None] | None = None) -> IngestReport:
        self.recover()
        files = expand_paths(paths)
        if on_start:
            on_start(files)
        report = IngestReport()
        first_with_name: dict[str, Path] = {}
        for path in files:
            earlier = first_with_name.setdefault(path.name, path)
            if earlier != path:  # the file name is the document's identity: two would replace each other
                result = FileResult(str(path), "failed", error=f"another file in this batch has the same name ({earlier}); rename one of them (stage: read)")
            else:
                result = self.ingest_file(path)
            report.record(result)
            if on_result:
                on_result(result)
        return report

    def ingest_file(self, path: Path, source_name: str | None = None) -> FileResult:
        """Index one file; every expected failure becomes a ``failed`` result naming the reason."""
        shown = str(path)
        try:
            return self._ingest_file(path, source_name or path.name)
        except (IngestError, DocumentRejected) as exc:
            return FileResult(shown, "failed", error=f"{exc.reason} (stage: {exc.stage})")
        except PSBError as exc:
            return FileResult(shown, "failed", error=str(exc))
        except MemoryError:  # an in-process parse (PSB_PARSE_MEMORY_MB=0) that ran out; the rest carry on
            return FileResult(shown, "failed", error="the file needed more memory than the server has; split it (stage: load)")
        except Exception as exc:  # an unexpected failure on one file must not lose the rest of the batch
            log.exception("ingesting %s failed", shown)
            return FileResult(shown, "failed", error=f"unexpected error ({type(exc).__name__}: {exc}); the other files carry on")

    def remove(self, doc_id: str) -> DocumentRecord:
        with self.lock.hold(f"remove {doc_id}"):
            record = self.store.get_document(doc_id, status=None)
            if record is None:
                raise DocumentNotFoundError(doc_id)
            self.store.delete_document(doc_id)
            self.keyword.remove_document(doc_id)
            if self.register is not None:
                self.register.remove_document(doc_id)
        return record

    def recover(self) -> RecoveryReport:
        """Finish what a killed ingest left; the report says exactly what was removed.

        Pending records older than the grace period (and their chunks), chunks whose document
        record is gone (a replace killed half-way), older versions of a source left beside the
        new one; then the keyword index is brought in line with the ready documents.
        """
        with self.lock.hold("recover"):
            report = RecoveryReport(pending=self.store.collect_garbage(self.pending_grace_s))
            latest: dict[str, DocumentRecord] = {}
            for rec in sorted(self.store.list_documents(READY), key=lambda r: r.ingested_at):
                older = latest.get(rec.source)
                if older is not None:
                    self.store.delete_document(older.doc_id)
                    report.old_versions.append(older.doc_id)
                latest[rec.source] = rec
            report.orphaned = self.store.collect_orphans()
            report.keyword_added, report.keyword_removed = sync_from_store(self.keyword, self.store)
            if self.register is not None:
                sync_register(self.register, self.store)
        return report

    # ------------------------------------------------------------ one file
    def _ingest_file(self, path: Path, source: str) -> FileResult:
        shown = str(path)
        if not path.exists():
            raise IngestError(shown, "read", "no such file")
        if not path.is_file():
            raise IngestError(shown, "read", "not a regular file")
        size = path.stat().st_size
        limit = self.max_file_mb * 1024 * 1024
        if size > limit:
            raise IngestError(shown, "read", f"the file is {size / 1048576:.1f} MB, over the {self.max_file_mb:g} MB limit (PSB_MAX_FILE_MB)")
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        doc_id = document_id(data, self.parse_key)
        entry = find_entry(path)
        existing = self.store.get_document(doc_id, status=READY)
        if existing is not None:
            with self.lock.hold(f"ingest {source}"):
                self._drop_other_versions(existing.source, keep=doc_id)
                self._apply_manifest(existing, entry)
            return FileResult(shown, "unchanged", doc_id, 0, title=existing.title)

        deadline = Deadline(self.limits.max_seconds)
        kind = sniff(path, data)
        loaded = self._load(shown, kind, data, deadline)
        del data  # a large upload's bytes are not needed past parsing
        record = DocumentRecord(
            doc_id=doc_id,
            title=(entry.title if entry and entry.title else loaded.title)[:300],
            source=source,
            type=normalise_type((entry.type if entry and entry.type else None) or loaded.doc_type),
            published=(entry.published if entry and entry.published else loaded.published),
            chunks=0,
            sha256=sha,
            ingested_at=_now(),
            kind=kind,
        )
        return self._commit(shown, loaded, record, deadline)

    def _load(self, shown: str, kind: str, data: bytes, deadline: Deadline) -> LoadedDocument:
        """Parse within the limits: zip sizes first for DOCX, then the capped parse worker."""
        if kind == "docx":
            check_zip(data, self.limits)
        if self.limits.parse_memory_mb:
            loaded = shared_worker(self.limits.parse_memory_mb).load(shown, kind, data, timeout=deadline.remaining())
        else:
            loaded = load(shown, kind, data)
        self.limits.check_chars(sum(len(b.text) for b in loaded.blocks))
        deadline.check(f"load {kind}")
        return loaded

    def _apply_manifest(self, record: DocumentRecord, entry) -> None:
        """A corrected manifest entry reaches an unchanged document without re-embedding it."""
        if entry is None:
            return
        wanted = {"title": (entry.title or record.title)[:300], "type": normalise_type(entry.type) if entry.type else record.type,
                  "published": entry.published or record.published}
        current = {"title": record.title, "type": record.type, "published": record.published}
        if wanted != current:
            for key, value in wanted.items():
                setattr(record, key, value)
            self.store.update_metadata(record)
            self.keyword.set_metadata(record.doc_id, record.type, day_number(record.published))
            if wanted["title"] != current["title"]:  # the title is in every chunk's keyword heading
                chunks = self.store.chunks_of_documents([record.doc_id]).get(record.doc_id, [])
                self.keyword.add_document(record.doc_id, [(c.chunk_id, keyword_heading(record.title, c.meta.get("section", "")), c.text)
                                                          for c in chunks], doc_type=record.type, day=day_number(record.published))

    def ingest_loaded(self, loaded: LoadedDocument, doc_id: str, sha256: str) -> FileResult:
        """Index a document already in memory (e.g. a benchmark corpus record) like a file.

        ``doc_id`` names it and ``sha256`` fingerprints its content: the same id with the same
        fingerprint is ``unchanged`` (no re-embedding); other versions from ``loaded.source`` go.
        """
        try:
            existing = self.store.get_document(doc_id, status=READY)
            if existing is not None and existing.sha256 == sha256:
                return FileResult(loaded.source, "unchanged", doc_id, 0, title=existing.title)
            record = DocumentRecord(
                doc_id=doc_id, title=loaded.title[:300], source=loaded.source, type=normalise_type(loaded.doc_type),
                published=loaded.published, chunks=0, sha256=sha256,
                ingested_at=_now(), kind=loaded.kind,
            )
            return self._commit(loaded.source, loaded, record, Deadline(self.limits.max_seconds))
        except (IngestError, DocumentRejected) as exc:
            return FileResult(loaded.source, "failed", error=f"{exc.reason} (stage: {exc.stage})")

    def ingest_loaded_batch(self, items: list[tuple[LoadedDocument, str, str]]) -> list[FileResult]:
        """``ingest_loaded`` for many small documents at once, committed together.

        Why: each store call has a fixed cost (~20 ms embedded), and a document took three; a
        corpus of 40k abstracts spent most of its ingest there. Here the batch's chunks are
        embedded in one call and written with one pending write, one chunk write per 1,000
        chunks, one keyword transaction and one commit, so it is all-or-nothing like one document.
        """
        existing = self.store.get_documents([doc_id for _, doc_id, _ in items])
        results: dict[str, FileResult] = {}
        todo: list[tuple[LoadedDocument, DocumentRecord, list]] = []
        for loaded, doc_id, sha256 in items:
            old = existing.get(doc_id)
            if old is not None and old.sha256 == sha256 and old.extra.get("status") == READY:
                results[doc_id] = FileResult(loaded.source, "unchanged", doc_id, 0, title=old.title)
                continue
            try:
                chunks = self.chunker.chunk(loaded, doc_id, self.limits.max_chunks, Deadline(self.limits.max_seconds))
            except DocumentRejected as exc:
                results[doc_id] = FileResult(loaded.source, "failed", error=f"{exc.reason} (stage: {exc.stage})")
                continue
            if not chunks:
                results[doc_id] = FileResult(loaded.source, "failed", error="no text to index (stage: chunk)")
                continue
            record = DocumentRecord(doc_id=doc_id, title=loaded.title[:300], source=loaded.source, type=normalise_type(loaded.doc_type),
                                    published=loaded.published, chunks=len(chunks), sha256=sha256, ingested_at=_now(), kind=loaded.kind)
            todo.append((loaded, record, chunks))
        if todo:
            vectors = self.embed_chunks([c for _, _, chunks in todo for c in chunks])
            per_doc, at = [], 0
            for _, record, chunks in todo:
                per_doc.append((chunks, vectors[at : at + len(chunks)], record))
                at += len(chunks)
            records = [record for _, record, _ in todo]
            found = {r.doc_id: self.register.extract(document_meta(r), chunk_views_from_chunks(chunks))
                     for _, r, chunks in todo} if self.register is not None else {}
            with self.lock.hold(f"ingest a batch of {len(records)} documents"):
                try:
                    self.store.put_documents(records, PENDING)
                    self.store.add_chunks_of(per_doc)
                    self.keyword.add_documents([(r.doc_id, [(c.chunk_id, keyword_heading(r.title, c.section), c.text) for c in chunks], r.type,
                                                 day_number(r.published)) for _, r, chunks in todo], ready=False)
                    if self.register is not None:
                        self.register.write_many(found)
                    self.store.commit_documents(records)  # the commit
                except BaseException:
                    for r in records:
                        self._undo(r.doc_id)
                    raise
                self.keyword.mark_ready(*(r.doc_id for r in records))
                keep = {r.doc_id for r in records}
                replaced: set[str] = set()
                for other in self.store.documents_from_sources([r.source for r in records]):
                    if other.doc_id not in keep:
                        self._drop(other.doc_id)
                        replaced.add(other.source)
            for loaded, record, chunks in todo:
                status = "updated" if record.source in replaced else "added"
                results[record.doc_id] = FileResult(loaded.source, status, record.doc_id, len(chunks), title=record.title)
        return [results[doc_id] for _, doc_id, _ in items]

    def _commit(self, shown: str, loaded: LoadedDocument, record: DocumentRecord, deadline: Deadline) -> FileResult:
        """Chunk, embed and write one document: pending record, chunks, keyword rows, then ready."""
        doc_id, source = record.doc_id, record.source
        chunks = self.chunker.chunk(loaded, doc_id, self.limits.max_chunks, deadline)
        if not chunks:
            raise IngestError(shown, "chunk", "no text to index")
        vectors: list[list[float]] = []
        for i in range(0, len(chunks), _EMBED_SLICE):  # slices, so the deadline is checked as it goes
            deadline.check("embed")
            try:
                vectors.extend(self.embed_chunks(chunks[i : i + _EMBED_SLICE]))
            except Exception as exc:
                raise IngestError(shown, "embed", f"embedding failed ({exc})") from exc
        record.chunks = len(chunks)
        recommendations = self.register.extract(document_meta(record), chunk_views_from_chunks(chunks)) if self.register is not None else []

        with self.lock.hold(f"ingest {source}"):  # only the writes: parsing and embedding ran unlocked
            try:
                self.store.put_document(record, PENDING)
                self.store.add_chunks(chunks, vectors, record)
                self.keyword.add_document(doc_id, ((c.chunk_id, keyword_heading(record.title, c.section), c.text) for c in chunks), doc_type=record.type,
                                          day=day_number(record.published), ready=False)
                if self.register is not None:
                    self.register.write(doc_id, recommendations)
                self.store.commit_documents([record])  # the commit
            except BaseException:
                self._undo(doc_id)
                raise
            self.keyword.mark_ready(doc_id)
            replaced = self._drop_other_versions(source, keep=doc_id)
        return FileResult(shown, "updated" if replaced else "added", doc_id, len(chunks), title=record.title)

    def embed_chunks(self, chunks: list[Chunk]) -> list[list[float]]:
        """The chunks' vectors; the answerer's texts for them land in the embedder's cache too."""
        return self.embedder.embed_passages([(c.embed_text, self.passage_texts(c)) for c in chunks],
                                            low_priority=self.yield_to_questions)

    def passage_texts(self, chunk: Chunk) -> PassageTexts:
        """``answer_texts`` of the chunk, spans moved past the section title ``embed_text`` starts with."""
        if self.answer_texts is None:
            return []
        texts = self.answer_texts(chunk.text, chunk.section)
        if not chunk.embed_text.endswith(chunk.text):  # no shared text: encode each alone
            return [(t, None) for t, _ in texts]
        shift = len(chunk.embed_text) - len(chunk.text)
        return [(t, None if span is None else (span[0] + shift, span[1] + shift)) for t, span in texts]

    def _undo(self, doc_id: str) -> None:
        """A write failed before the commit: take the pending record, its chunks and rows back out."""
        try:
            if self.store.get_document(doc_id, status=PENDING) is not None:
                self.store.delete_document(doc_id)
                self.keyword.remove_document(doc_id)
                if self.register is not None:
                    self.register.remove_document(doc_id)
        except Exception:  # the store is down: the next recover() collects the pending record
            log.warning("could not undo the half-written document %s; the next recovery removes it", doc_id)

    def _drop_other_versions(self, source: str, keep: str) -> list[str]:
        dropped = [r.doc_id for r in self.store.documents_from(source) if r.doc_id != keep]
        for doc_id in dropped:
            self._drop(doc_id)
        return dropped

    def _drop(self, doc_id: str) -> None:
        self.store.delete_document(doc_id)
        self.keyword.remove_document(doc_id)
        if self.register is not None:
            self.register.remove_document(doc_id)


def _now() -> str:
    """Microseconds, so two versions ingested within one second still order correctly in recover()."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")

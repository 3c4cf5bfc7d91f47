"""Document actions and asking, shared by the REST API, the Gradio UI and the CLI.

``DocumentActions`` is the one place uploads are checked and indexed, so the UI and the API apply
the same limits: extensions the indexer supports, ``PSB_MAX_FILE_MB``, sanitised names, one
ingest at a time. No name a user sends reaches the filesystem: bytes are written into a fresh
temporary folder under the data directory as a sanitised basename, and the sanitised original
name is only passed on as the document's ``source``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from assistant.errors import InvalidRequestError, UploadRejected
from assistant.recovery import BatchRecord, clean_upload_folders
from assistant.retrieval import Filters
from assistant.services import Services, require_index
from indexing.manifest import DOC_TYPES
from indexing.pipeline import FileResult

ALLOWED_EXTENSIONS = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt")
_CHUNK = 1024 * 1024
STALE_UPLOAD_S = 6 * 3600  # an upload folder this old outlived its request: a crash left it


def sanitise_filename(name: str | None) -> str:
    """A safe basename: no folders, no leading dots, only letters, digits, space, ``._-()``."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name or ""))[-1]
    base = re.sub(r"[^\w .()-]+", "_", base, flags=re.ASCII)
    base = re.sub(r"\s+", " ", base).strip(" ._")
    if len(base) > 120:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 119 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else base[:120]
    return base or "upload"


class DocumentActions:
    """Upload, list, delete and re-index for one ``Services``; thread-safe for UI and API workers."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.settings = services.settings
        self._ingest_lock = threading.Lock()  # the indexer is not built for concurrent writers
        #: Who uploaded a file in Gradio's upload folder (set by ``server.create_app``); None: not tracked.
        self.upload_owner: Callable[[str | Path], str | None] | None = None

    @property
    def max_bytes(self) -> int:
        return int(self.settings.max_file_mb * 1024 * 1024)

    def check_name(self, name: str | None) -> str:
        """The sanitised name, or ``UploadRejected`` (415) for a type the indexer does not take."""
        clean = sanitise_filename(name)
        if not clean.lower().endswith(ALLOWED_EXTENSIONS):
            raise UploadRejected(
                f"{clean}: file type not accepted; upload one of {', '.join(ALLOWED_EXTENSIONS)}", 415
            )
        return clean

    def save(self, name: str | None, stream: IO[bytes], workdir: Path) -> Path:
        """Copy an upload into ``workdir`` under its sanitised name, enforcing the size limit as it streams."""
        clean = self.check_name(name)
        target = workdir / clean
        written = 0
        with target.open("wb") as out:
            while block := stream.read(_CHUNK):
                written += len(block)
                if written > self.max_bytes:
                    raise UploadRejected(
                        f"{clean}: file is over the {self.settings.max_file_mb:g} MB limit (PSB_MAX_FILE_MB)", 413
                    )
                out.write(block)
        if written == 0:
            raise UploadRejected(f"{clean}: the file is empty")
        return target

    def workdir(self) -> Path:
        """A fresh private folder under the data directory (removed by the caller)."""
        root = self.settings.data_dir / "uploads"
        root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="upload-", dir=root))

    def ingest_saved(self, path: Path) -> FileResult:
        """Index one saved upload; the result shows the upload's name, never the temp path."""
        with self._ingest_lock:
            result = self.services.indexer.ingest_file(path, source_name=path.name)
        result.path = path.name
        return result

    def ingest_streams(self, uploads: list[tuple[str | None, IO[bytes]]]) -> Iterator[FileResult]:
        """Check every upload first (so a bad one rejects the batch), then index them one by one."""
        for name, _ in uploads:
            self.check_name(name)
        workdir = self.workdir()
        batch: BatchRecord | None = None
        try:
            saved = [self.save(name, stream, workdir) for name, stream in uploads]
            if len({p.name for p in saved}) != len(saved):
                raise UploadRejected("two uploads have the same file name; upload them separately")
            batch = BatchRecord(workdir, [p.name for p in saved])  # a crash mid-batch leaves the truth behind
            for path in saved:
                result = self.ingest_saved(path)
                batch.done(path.name)
                yield result
        finally:
            if batch is not None:
                batch.close()  # files a cancelled batch never reached are recorded, then the folder goes
            else:
                shutil.rmtree(workdir, ignore_errors=True)

    def documents(self) -> list[dict[str, Any]]:
        return [r.public() for r in self.services.store.list_documents()]

    def remove(self, doc_id: str) -> dict[str, Any]:
        with self._ingest_lock:
            record = self.services.indexer.remove(doc_id)
        return record.public()

    def reindex(self) -> tuple[int, str]:
        """Finish interrupted ingests and rebuild keyword search from Chroma (the source of truth).

        Returns the number of documents and a sentence saying what was really cleaned up.
        """
        from indexing.keyword import rebuild_from_store

        with self._ingest_lock:
            repaired = self.services.indexer.recover()
            uploads = clean_upload_folders(self.settings.data_dir, older_than_s=STALE_UPLOAD_S)
            count = rebuild_from_store(self.services.keyword, self.services.store)
        return count, f"{repaired.summary().capitalize()}; {uploads.summary()}."

    def recover_at_start(self) -> str:
        """Startup clean-up: nothing is in flight yet, so every upload folder is debris."""
        with self._ingest_lock:
            repaired = self.services.indexer.recover()
            uploads = clean_upload_folders(self.settings.data_dir, older_than_s=0)
        return f"{repaired.summary()}; {uploads.summary()}"


def filters_from(types: list[str] | None, doc_ids: list[str] | None, date_from: str | None = None,
                 date_to: str | None = None) -> Filters:
    """Validated filters; ``InvalidRequestError`` names the bad value."""
    bad = [t for t in types or [] if t not in DOC_TYPES]
    if bad:
        raise InvalidRequestError(f"unknown document type {bad[0]!r}; use {', '.join(DOC_TYPES)}")
    filters = Filters(types=list(types or []), doc_ids=list(doc_ids or []), date_from=date_from or None, date_to=date_to or None)
    try:
        filters.chroma_where()
    except ValueError as exc:  # a malformed date: the message names it
        raise InvalidRequestError(str(exc)) from None
    return filters


def ask(services: Services, question: str, history: list[dict] | None, filters: Filters, k: int | None = None):
    """The same call the CLI makes; an empty index is an error the user can act on."""
    require_index(services)
    with services.answer_gate.slot():  # a bounded number at once; BusyError past the queue
        return services.assistant.ask(question, history=history, filters=filters, k=k)

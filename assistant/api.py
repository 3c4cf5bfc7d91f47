"""The REST API (FastAPI router) and the document actions it shares with the Gradio UI.

``DocumentActions`` is the one place uploads are checked and indexed, so the UI and the API apply
the same limits: extensions the indexer supports, ``PSB_MAX_FILE_MB``, sanitised names, one
ingest at a time. No name a user sends reaches the filesystem: bytes are written into a fresh
temporary folder under the data directory as a sanitised basename, and the sanitised original
name is only passed on as the document's ``source``.

Authentication is HTTP Basic against the same ``Accounts`` as the UI sign-in; document changes
need the ``staff`` role, checked here on the server for every request.
"""


import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile, status
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field

from assistant.auth import Account, Accounts, SignIn, TooManyAttempts
from assistant.errors import DocumentNotFoundError, EmptyIndexError, PSBError
from assistant.feedback import FeedbackStore
from assistant.recovery import BatchRecord, clean_upload_folders, interrupted_uploads
from assistant.register_api import add_register_routes
from assistant.retrieval import Filters
from assistant.services import Services
from indexing.manifest import DOC_TYPES
from indexing.pipeline import FileResult

ALLOWED_EXTENSIONS = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt")
_CHUNK = 1024 * 1024
STALE_UPLOAD_S = 6 * 3600  # an upload folder this old outlived its request: a crash left it


class Turn(BaseModel):
    """One earlier turn of the conversation."""

    role: Literal["user", "assistant"]
    content: str = Field(max_length=20000)


class UploadRejected(PSBError):
    """An upload failed the server-side checks before indexing; ``http_status`` says which."""

    def __init__(self, message: str, http_status: int = 400) -> None:
        super().__init__(message)
        self.http_status = http_status


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


# ---------------------------------------------------------------- REST models
class AskRequest(BaseModel):
    question: str = Field(..., min_length=1, max_length=2000, examples=["What does the report recommend on procurement skills?"])
    history: list[Turn] = Field(default_factory=list, max_length=40, description="Earlier turns, oldest first.")
    types: list[str] = Field(default_factory=list, description=f"Only documents of these types ({', '.join(DOC_TYPES)}).")
    doc_ids: list[str] = Field(default_factory=list, description="Only these document ids (see GET /api/documents).")
    date_from: str | None = Field(None, description="Only documents published on or after YYYY-MM-DD.")
    date_to: str | None = Field(None, description="Only documents published on or before YYYY-MM-DD.")
    k: int | None = Field(None, ge=1, le=50, description="Passages to answer from (default PSB_TOP_K).")


class FeedbackRequest(BaseModel):
    rating: str = Field(..., pattern="^(up|down)$")
    question: str = Field(..., max_length=2000)
    answer: str = Field(..., max_length=20000)
    sources: list[dict[str, Any]] = Field(default_factory=list)
    comment: str = Field("", max_length=2000)


def filters_from(types: list[str] | None, doc_ids: list[str] | None, date_from: str | None = None,
                 date_to: str | None = None) -> Filters:
    """Validated filters; ``ValueError`` names the bad value."""
    bad = [t for t in types or [] if t not in DOC_TYPES]
    if bad:
        raise ValueError(f"unknown document type {bad[0]!r}; use {', '.join(DOC_TYPES)}")
    filters = Filters(types=list(types or []), doc_ids=list(doc_ids or []), date_from=date_from or None, date_to=date_to or None)
    filters.chroma_where()  # raises ValueError on a malformed date
    return filters


def ask(services: Services, question: str, history: list[dict[str, str]] | None, filters: Filters, k: int | None = None):
    """The same call the CLI makes; an empty index is an error the user can act on."""
    if not services.store.ready_ids():
        raise EmptyIndexError(services.store.location)
    with services.answer_gate.slot():  # a bounded number at once; BusyError past the queue
        return services.assistant.ask(question, history=history, filters=filters, k=k)


# ---------------------------------------------------------------- router
def build_router(services: Services, accounts: Accounts, actions: DocumentActions, feedback: FeedbackStore,
                 signin: SignIn | None = None) -> APIRouter:
    """All REST endpoints under /api, closed over one app's services and accounts.

    Password checks go through ``signin`` (throttled per client and account; a verified
    credential is cached, so Basic clients do not pay bcrypt per request).
    """
    from assistant.throttle import LoginThrottle

    signin = signin or SignIn(accounts, LoginThrottle(5, 900))
    basic = HTTPBasic(auto_error=False, description="The same accounts as the UI sign-in.")

    def current_user(request: Request, credentials: Annotated[HTTPBasicCredentials | None, Depends(basic)]) -> Account:
        if accounts.open:
            return accounts.account(None)  # type: ignore[return-value]
        client = request.client.host if request.client else "unknown"
        try:
            account = signin.check(credentials.username, credentials.password, client) if credentials else None
        except TooManyAttempts as exc:
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, str(exc), headers={"Retry-After": str(exc.retry_after)}) from None
        if account is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "sign in with a PSB account (HTTP Basic)", headers={"WWW-Authenticate": "Basic"})
        return account

    def staff_user(user: Annotated[Account, Depends(current_user)]) -> Account:
        if not user.is_staff:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"{user.name} is a reader; managing documents needs the staff role")
        return user

    router = APIRouter(prefix="/api", tags=["PSB Assistant"])
    add_register_routes(router, services, current_user)

    @router.post("/ask", summary="Answer a question with citations")
    def post_ask(body: AskRequest, user: Annotated[Account, Depends(current_user)]) -> dict[str, Any]:
        try:
            filters = filters_from(body.types, body.doc_ids, body.date_from, body.date_to)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        try:
            return ask(services, body.question, [t.model_dump() for t in body.history], filters, body.k).public()
        except EmptyIndexError as exc:
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc)) from None
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None

    @router.get("/documents", summary="List the indexed documents")
    def get_documents(user: Annotated[Account, Depends(current_user)]) -> list[dict[str, Any]]:
        return actions.documents()

    @router.post("/documents", summary="Add documents (staff)",
                 responses={413: {"description": "A file is over PSB_MAX_FILE_MB"}, 415: {"description": "A file type the indexer does not take"},
                            422: {"description": "At least one file failed to index; see results"}})
    def post_documents(files: Annotated[list[UploadFile], File(description=f"One or more of {', '.join(ALLOWED_EXTENSIONS)}")],
                       user: Annotated[Account, Depends(staff_user)]) -> JSONResponse:
        if not files:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "no file uploaded")
        try:
            results = list(actions.ingest_streams([(f.filename, f.file) for f in files]))
        except UploadRejected as exc:
            raise HTTPException(exc.http_status, str(exc)) from None
        body = {"results": [_result_dict(r) for r in results]}
        failed = any(r.status == "failed" for r in results)
        return JSONResponse(body, status_code=422 if failed else status.HTTP_200_OK)

    @router.get("/uploads/interrupted", summary="Files of uploads a server crash cut off, never indexed (staff)")
    def get_interrupted(user: Annotated[Account, Depends(staff_user)]) -> list[dict[str, Any]]:
        return interrupted_uploads(services.settings.data_dir)

    @router.delete("/documents/{doc_id}", summary="Remove a document (staff)")
    def delete_document(doc_id: str, user: Annotated[Account, Depends(staff_user)]) -> dict[str, Any]:
        try:
            return {"removed": actions.remove(doc_id)}
        except DocumentNotFoundError as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None

    @router.post("/feedback", summary="Rate an answer (thumbs up or down, optional comment)")
    def post_feedback(body: FeedbackRequest, user: Annotated[Account, Depends(current_user)]) -> dict[str, int]:
        entry_id = feedback.add(rating=body.rating, question=body.question, answer=body.answer, sources=body.sources,
                                comment=body.comment, user=user.name)
        return {"id": entry_id}

    return router


def _result_dict(r: FileResult) -> dict[str, Any]:
    return {"file": r.path, "status": r.status, "doc_id": r.doc_id, "chunks": r.chunks, "title": r.title, "error": r.error}

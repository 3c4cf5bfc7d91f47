"""The REST API: a FastAPI router over the library calls in ``assistant.documents``.

Authentication is HTTP Basic against the same ``Accounts`` as the UI sign-in; document changes
need the ``staff`` role, checked here on the server for every request.
"""


from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile, status
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field

from assistant.auth import Account, Accounts, SignIn, TooManyAttempts
from assistant.documents import ALLOWED_EXTENSIONS, DocumentActions, ask, filters_from
from assistant.errors import DocumentNotFoundError, EmptyIndexError, InvalidRequestError, UploadRejected
from assistant.feedback import FeedbackStore
from assistant.recovery import interrupted_uploads
from assistant.register_api import add_register_routes
from assistant.services import Services
from indexing.manifest import DOC_TYPES
from indexing.pipeline import FileResult


class Turn(BaseModel):
    """One earlier turn of the conversation."""

    role: Literal["user", "assistant"]
    content: str = Field(max_length=20000)
    documents: list[str] = Field(default_factory=list, max_length=200,
                                 description="An assistant turn's cited document ids (its answer's citations[].doc_id, one per "
                                             "citation): a follow-up that points back keeps the document the answer came from.")


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
            return ask(services, body.question, [t.model_dump() for t in body.history], filters, body.k).public()
        except InvalidRequestError as exc:
            raise HTTPException(422, str(exc)) from None
        except EmptyIndexError as exc:
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc)) from None

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

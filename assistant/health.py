"""Liveness and readiness probes, and JSON bodies for failures that are not the caller's fault.

``/healthz`` answers while the process runs (a supervisor restarts it when this stops).
``/readyz`` answers 200 only when Chroma is reachable, the index is loaded and its words and titles are
read (``assistant.derived``: built in the background at start), so a load balancer
stops sending questions during a store outage. An unreachable store anywhere in the API becomes
a 503 whose ``detail`` says the index is unavailable and what to do, the same text the chat shows.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from assistant.gate import BusyError
from assistant.services import Services
from indexing.errors import StoreUnavailableError

log = logging.getLogger(__name__)
RETRY_AFTER_S = "30"


def add_health(app: FastAPI, services: Services) -> None:
    """Register the probes and the error handlers on ``app``."""

    @app.get("/healthz", tags=["Operations"], summary="Liveness: the process is up")
    def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/readyz", tags=["Operations"], summary="Readiness: Chroma reachable, the index loaded and its words and titles read")
    def readyz() -> JSONResponse:
        try:
            services.store.ping()
            documents = len(services.store.ready_ids())
        except StoreUnavailableError as exc:
            return JSONResponse({"status": "unavailable", "detail": str(exc)}, status_code=503, headers={"Retry-After": RETRY_AFTER_S})
        assistant = services.assistant
        if not (assistant.vocabulary.derived.ready and assistant.document_names.derived.ready):  # built in the background at start
            return JSONResponse({"status": "warming", "detail": "reading the index's words and titles"}, status_code=503,
                                headers={"Retry-After": RETRY_AFTER_S})
        return JSONResponse({"status": "ready", "documents": documents, "store": services.store.location})

    @app.exception_handler(StoreUnavailableError)
    async def store_unavailable(request: Request, exc: StoreUnavailableError) -> JSONResponse:
        log.warning("store unavailable during %s %s: %s", request.method, request.url.path, exc)
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": RETRY_AFTER_S})

    @app.exception_handler(BusyError)
    async def busy(request: Request, exc: BusyError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error in %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "the server failed unexpectedly; the error is in its log. Try again, and tell an "
                                       "administrator if it keeps happening"}, status_code=500)

"""One FastAPI app: the REST API under /api and the Gradio UI mounted at /.

The UI and the API share one ``Services`` (model, store, indexes), one ``Accounts`` and one
``DocumentActions`` (upload checks and the ingest lock), so they cannot drift apart.

Concurrency: Gradio's queue runs answering (concurrency id ``answer``, 4 at once) apart from
indexing (id ``ingest``, 1 at once), so a staff upload never holds up readers' questions; the
REST API runs in FastAPI's thread pool and takes the same ingest lock.

Security (see docs/operations.md for the threat model): ``SecurityMiddleware`` gates every
request before its body is read; the UI gets the file-path checks Gradio applies only to
launched apps (``protect_mounted_ui``); sign-ins are throttled and expire.
"""

from __future__ import annotations

import logging

from pathlib import Path

import gradio as gr
from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.routing import Mount

from assistant.api import build_router
from assistant.documents import DocumentActions
from assistant.auth import Accounts, SignIn, check_exposure
from assistant.security import Policy, SecurityMiddleware, UploadGate
from assistant.sessions import ExpiringTokens
from assistant.feedback import FeedbackStore
from assistant.health import add_health
from assistant.memory import limit_arenas
from assistant.services import Services
from assistant.settings import Settings
from assistant.ui import CSS_PATH, build_ui
from indexing.errors import PSBError
from indexing.lock import ServeClaim

log = logging.getLogger(__name__)


def theme() -> gr.themes.Base:
    """System fonts only (the app runs offline) and GOV.UK-like colours, light in both modes."""
    black, blue, grey = "#0b0c0c", "#1d70b8", "#f3f2f1"
    return gr.themes.Base(font=["Arial", "Helvetica", "sans-serif"], font_mono=["Courier New", "monospace"], radius_size="none").set(
        body_background_fill="#ffffff", body_background_fill_dark="#ffffff",
        body_text_color=black, body_text_color_dark=black,
        body_text_color_subdued="#505a5f", body_text_color_subdued_dark="#505a5f",
        background_fill_primary="#ffffff", background_fill_primary_dark="#ffffff",
        background_fill_secondary=grey, background_fill_secondary_dark=grey,
        block_background_fill="#ffffff", block_background_fill_dark="#ffffff",
        block_label_text_color=black, block_label_text_color_dark=black,
        block_title_text_color=black, block_title_text_color_dark=black,
        border_color_primary="#b1b4b6", border_color_primary_dark="#b1b4b6",
        input_background_fill="#ffffff", input_background_fill_dark="#ffffff",
        link_text_color=blue, link_text_color_dark=blue,
        color_accent=blue, color_accent_soft="#d2e2f1", color_accent_soft_dark="#d2e2f1",
        button_primary_background_fill="#00703c", button_primary_background_fill_dark="#00703c",
        button_primary_text_color="#ffffff", button_primary_text_color_dark="#ffffff",
        button_secondary_background_fill=grey, button_secondary_background_fill_dark=grey,
        button_secondary_text_color=black, button_secondary_text_color_dark=black,
        checkbox_label_text_color=black, checkbox_label_text_color_dark=black,
        table_even_background_fill="#ffffff", table_even_background_fill_dark="#ffffff",
        table_odd_background_fill=grey, table_odd_background_fill_dark=grey,
    )


def create_app(settings: Settings, services: Services | None = None, *, host: str | None = None) -> FastAPI:
    """Build the whole app. Raises ``AccountsError`` for bad accounts or an open app on a public address."""
    accounts = Accounts.from_settings(settings)
    check_exposure(accounts, host or settings.ui_host)
    signin = SignIn.from_settings(accounts, settings)
    services = services or Services(settings, serving=True)
    # Build the shared components now, in one thread, rather than racing on first requests.
    services.indexer.warm()  # the first upload must not import PyTorch while questions wait
    services.assistant.vocabulary.derived.warm()
    services.assistant.document_names.derived.warm()
    actions = DocumentActions(services)
    feedback = FeedbackStore(settings.data_dir / "feedback.sqlite")

    app = FastAPI(
        title="PSB Assistant API",
        version="0.1.0",
        description="Cited answers from the indexed PSB documents, and document management for staff. "
        "Authenticate with HTTP Basic using a PSB account (see docs/ui.md).",
        docs_url="/api/docs",
        redoc_url=None,
    )
    add_health(app, services)
    app.include_router(build_router(services, accounts, actions, feedback, signin))
    app.state.recovery = _recover_at_start(actions)
    app.state.services, app.state.accounts, app.state.feedback = services, accounts, feedback

    demo = build_ui(services, accounts, actions, feedback)
    demo.queue(default_concurrency_limit=2, max_size=64)
    cache_s = settings.upload_cache_minutes * 60
    demo.delete_cache = (cache_s, cache_s)  # Gradio's own clean-up of uploads and cached files
    gr.mount_gradio_app(
        app,
        demo,
        path="/",
        auth=None if accounts.open else signin.gradio_auth,
        blocked_paths=protected_paths(settings),
        auth_message="Sign in with your PSB Assistant account. Readers can ask questions; staff can also manage documents.",
        max_file_size=int(settings.max_file_mb * 1024 * 1024),
        footer_links=["api"],
        run_history=False,
        ssr_mode=False,
        mcp_server=False,
        show_error=False,  # gr.Error messages still show; unexpected exceptions stay in the log
        theme=theme(),
        css_paths=[CSS_PATH],
    )
    gate = UploadGate(accounts, signin)
    gate.gradio_user = protect_mounted_ui(app, demo, settings)
    actions.upload_owner = gate.owners.owner
    app.add_middleware(SecurityMiddleware, policy=Policy.from_settings(settings, accounts.open), gate=gate)
    return app


def protected_paths(settings: Settings) -> list[str]:
    """Files Gradio must never read or serve, whatever a client sends: the data directory (index,
    feedback, upload work folders) and the users file."""
    paths = [settings.data_dir.resolve()]
    if settings.users_file:
        paths.append(Path(settings.users_file).resolve())
    return [str(p) for p in paths]


def protect_mounted_ui(app: FastAPI, demo: gr.Blocks, settings: Settings):
    """Give the mounted UI what ``launch()`` would have given it, and return a lookup of the
    signed-in UI user for the upload gate.

    Gradio only checks that a file path sent by a client was uploaded to its upload folder once
    the Blocks count as launched (``processing_utils._check_allowed``); ``mount_gradio_app`` never
    sets that, so without this any path on the server was accepted and copied into the cache.
    Session tokens also get a lifetime (``PSB_SESSION_HOURS``).
    """
    demo.has_launched = True
    gradio_app = next(r.app for r in app.routes if isinstance(r, Mount) and hasattr(r.app, "tokens"))
    gradio_app.tokens = ExpiringTokens(settings.session_hours * 3600)
    cookie, unsecure = f"access-token-{gradio_app.cookie_id}", f"access-token-unsecure-{gradio_app.cookie_id}"

    def gradio_user(headers: Headers) -> str | None:
        from http.cookies import SimpleCookie

        jar = SimpleCookie()
        try:
            jar.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header means no session
            return None
        token = (jar.get(cookie) or jar.get(unsecure))
        return gradio_app.tokens.get(token.value) if token else None

    return gradio_user


def _recover_at_start(actions: DocumentActions) -> str:
    """Clear what a killed server left (pending records, orphaned chunks, upload folders)."""
    try:
        summary = actions.recover_at_start()
    except PSBError as exc:  # e.g. the Chroma server is down: serve anyway, /readyz reports it
        log.warning("start-up recovery skipped: %s", exc)
        return f"skipped: {exc}"
    log.info("start-up recovery: %s", summary)
    return summary


def serve(settings: Settings, host: str, port: int) -> None:
    """``psb serve``: run the app with uvicorn until interrupted; owns an embedded data directory."""
    import uvicorn

    limit_arenas()  # before the request threads start: a few shared heaps, not one per thread
    claim = None
    if not settings.server_mode:  # embedded Chroma: this process must be the only writer
        claim = ServeClaim(settings.data_dir)
        claim.acquire(f"http://{host}:{port}/")
    try:
        _run(settings, host, port, uvicorn)
    finally:
        if claim is not None:
            claim.release()


def _run(settings: Settings, host: str, port: int, uvicorn) -> None:
    app = create_app(settings, host=host)
    app.state.services.keyword.matrix  # load the keyword index before the first question, not during it
    app.state.services.refresher.start()  # other processes' ingests reach this server within PSB_INDEX_REFRESH_S
    if Accounts.from_settings(settings).open:
        log.warning("no accounts configured: sign-in is off and everyone is staff (allowed on %s only)", host)
    print(f"PSB Assistant on http://{host}:{port}/  (REST API: http://{host}:{port}/api/docs)", flush=True)
    config = uvicorn.Config(app, host=host, port=port, log_level="info")  # configures uvicorn's loggers
    quiet_access_log(settings.access_log_level)
    uvicorn.Server(config).run()


def quiet_access_log(level: str) -> None:
    """One line per request (and the page polls) drowns the log; by default only warnings are kept."""
    logging.getLogger("uvicorn.access").setLevel(level.upper())

"""The request gate in front of the whole app (REST API and the mounted Gradio UI).

One pure ASGI middleware, so every check runs before any route reads the request body:

1. **Host**: without accounts only loopback names are answered (a DNS-rebinding page cannot
   reach an open app through its own domain); ``PSB_ALLOWED_HOSTS`` narrows it with accounts.
2. **Cross-site**: a request whose ``Origin`` is not this server (or a ``PSB_TRUSTED_ORIGINS``
   entry) is refused, and so is a state-changing one a browser marks ``Sec-Fetch-Site:
   cross-site``/``same-site``. A browser's API write that is not marked ``same-origin`` must also
   carry the ``X-PSB-Request`` header, which no cross-site form can set.
3. **Uploads**: with accounts on, ``POST /api/documents`` and ``POST /gradio_api/upload`` are
   refused unless the caller is signed-in staff, so strangers and readers cannot spool files.
4. **Body size**: ``Content-Length`` over the limit is refused with 413 before a byte is read; a
   state-changing request without a length (chunked) is refused with 411.
5. **Response headers**: CSP, ``X-Frame-Options``, ``nosniff``, a referrer policy, and Gradio's
   ``SameSite=None`` session cookie rewritten to ``Lax``.

Usage: ``app.add_middleware(SecurityMiddleware, policy=Policy.from_settings(settings, open_mode), gate=gate)``
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.auth import Accounts, SignIn, TooManyAttempts, is_loopback
from assistant.settings import Settings
from assistant.throttle import CLIENT_ADDRESS

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SMALL_BODY_BYTES = 2 * 1024 * 1024
UPLOAD_ROUTES = frozenset({"/api/documents", "/gradio_api/upload"})
CSRF_HEADER = "x-psb-request"
PAUSED_DELAY_S = 1.0

# Gradio's page runs inline bootstrap scripts and styles ('unsafe-inline'), and Gradio 6's HTML
# component compiles its template with Function() ('unsafe-eval'; the sources panel breaks without
# it, checked in Chromium). Injected markup is stopped before it reaches the page (escaping, nh3);
# this policy limits what anything that slipped through could do: every source, connection and
# form target is this server, no framing, no plugins.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' blob:; connect-src 'self'; "
       "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
# FastAPI's Swagger page loads its script and style from a CDN; only that page may.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' https://cdn.jsdelivr.net").replace(
    "style-src 'self'", "style-src 'self' https://cdn.jsdelivr.net").replace("img-src 'self'", "img-src 'self' https://fastapi.tiangolo.com")
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}


@dataclass(frozen=True)
class Policy:
    """What the gate accepts; ``allowed_hosts=None`` means any host."""

    allowed_hosts: frozenset[str] | None
    trusted_origins: frozenset[str] = frozenset()
    max_upload_bytes: int = 100 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Settings, open_mode: bool) -> Policy:
        hosts = _split(settings.allowed_hosts)
        allowed = frozenset(h.lower() for h in hosts) if hosts else (frozenset() if open_mode else None)
        origins = frozenset(o.rstrip("/").lower() for o in _split(settings.trusted_origins))
        upload = int(max(settings.max_request_mb, settings.max_file_mb + 1) * 1024 * 1024)
        return cls(allowed, origins, upload)

    def host_ok(self, host: str) -> bool:
        if self.allowed_hosts is None:
            return True
        return is_loopback(host) or host in self.allowed_hosts

    def origin_ok(self, origin: str, host_header: str) -> bool:
        origin = origin.rstrip("/").lower()
        if origin in self.trusted_origins:
            return True
        scheme, sep, netloc = origin.partition("://")
        return bool(sep) and scheme in ("http", "https") and netloc == host_header.lower()


class UploadOwners:
    """Which user uploaded each file Gradio stored (resolved path -> user name), recorded from
    the ``/gradio_api/upload`` answers, so the UI's upload handler can refuse a path that another
    user (or nobody) uploaded. Bounded: the oldest entries go first."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._owners: OrderedDict[str, str] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()

    def record(self, paths: list[str], user: str) -> None:
        with self._lock:
            for path in paths:
                key = str(Path(path).resolve())
                self._owners[key] = user
                self._owners.move_to_end(key)
            while len(self._owners) > self._max:
                self._owners.popitem(last=False)

    def owner(self, path: str | Path) -> str | None:
        with self._lock:
            return self._owners.get(str(Path(path).resolve()))


@dataclass
class UploadGate:
    """Who may send an upload body. ``gradio_user`` is set once the UI is mounted (it reads
    Gradio's session tokens); until then UI uploads are refused when accounts are on."""

    accounts: Accounts
    signin: SignIn
    gradio_user: Callable[[Headers], str | None] | None = field(default=None)
    owners: UploadOwners = field(default_factory=UploadOwners)

    def uploader(self, headers: Headers) -> str:
        """The name the UI's handlers see for this caller (``local`` without accounts)."""
        if self.accounts.open:
            return "local"
        return (self.gradio_user(headers) if self.gradio_user else None) or "anonymous"

    def paused(self, client: str) -> tuple[int, str, dict[str, str]] | None:
        """429 for a client address whose sign-ins are paused, answered before the form is parsed."""
        if (wait := self.signin.throttle.client_wait(client)) is None:
            return None
        exc = TooManyAttempts(wait)
        return 429, str(exc), {"retry-after": str(exc.retry_after)}

    async def refusal(self, path: str, headers: Headers, client: str) -> tuple[int, str, dict[str, str]] | None:
        if self.accounts.open:
            return None
        if path == "/gradio_api/upload":
            name = self.gradio_user(headers) if self.gradio_user else None
            role = self.accounts.role_of(name) if name else None
            if role is None:
                return 401, "sign in before uploading", {}
            return None if role == "staff" else (403, f"{name} is a reader; uploading documents needs the staff role", {})
        credentials = _basic(headers.get("authorization"))
        if credentials is None:
            return 401, "sign in with a PSB account (HTTP Basic)", {"www-authenticate": "Basic"}
        try:
            account = await self.signin.check_async(*credentials, client)
        except TooManyAttempts as exc:
            return 429, str(exc), {"retry-after": str(exc.retry_after)}
        if account is None:
            return 401, "sign in with a PSB account (HTTP Basic)", {"www-authenticate": "Basic"}
        return None if account.is_staff else (403, f"{account.name} is a reader; managing documents needs the staff role", {})


class SecurityMiddleware:
    """The gate described in the module docstring; wraps the whole FastAPI app."""

    def __init__(self, app: ASGIApp, policy: Policy, gate: UploadGate) -> None:
        self.app, self.policy, self.gate = app, policy, gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        client = scope["client"][0] if scope.get("client") else "unknown"
        CLIENT_ADDRESS.set(client)
        refusal = self.refusal(scope, headers)
        if refusal is None and scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == "/login":
            refusal = self.gate.paused(client)
        if refusal is None and scope["type"] == "http" and scope["method"] == "POST" and scope["path"] in UPLOAD_ROUTES:
            refusal = await self.gate.refusal(scope["path"], headers, client)
        if refusal is None and scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            refusal = self.size_refusal(scope["path"], headers)
        if refusal is not None:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            if refusal[0] == 429:
                await asyncio.sleep(PAUSED_DELAY_S)  # a paused client waits idle rather than looping on cheap refusals
            await _respond(send, *refusal, path=scope["path"])
            return
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send, scope["path"])
        if scope["method"] == "POST" and scope["path"] == "/gradio_api/upload":
            send = self._recording_uploads(send, self.gate.uploader(headers))
        await self.app(scope, receive, send)

    def _recording_uploads(self, send: Send, user: str) -> Send:
        """Note who uploaded the files Gradio's answer lists (a JSON list of stored paths)."""
        state = {"ok": False, "body": b""}

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["ok"] = message["status"] == 200
            elif message["type"] == "http.response.body" and state["ok"]:
                state["body"] += message.get("body", b"")
                if not message.get("more_body"):
                    try:
                        paths = json.loads(state["body"])
                    except ValueError:
                        paths = []
                    if isinstance(paths, list):
                        self.gate.owners.record([p for p in paths if isinstance(p, str)], user)
            await send(message)

        return wrapped

    def refusal(self, scope: Scope, headers: Headers) -> tuple[int, str, dict[str, str]] | None:
        """Status, reason and extra headers for a request refused on its headers alone, else None."""
        host_header = headers.get("host", "")
        host = _host_name(host_header)
        if not self.policy.host_ok(host):
            return 400, f"this server does not answer to the host name {host!r}; set PSB_ALLOWED_HOSTS to serve it", {}
        origin = headers.get("origin")
        if origin is not None and not self.policy.origin_ok(origin, host_header):
            return 403, "cross-origin request refused; add the site to PSB_TRUSTED_ORIGINS if it is yours", {}
        method = scope.get("method", "GET")
        if method in SAFE_METHODS:
            return None
        fetch_site = headers.get("sec-fetch-site")
        if fetch_site in ("cross-site", "same-site"):
            return 403, "cross-site request refused", {}
        if scope["path"].startswith("/api/") and fetch_site != "same-origin" and CSRF_HEADER not in headers \
                and any(h in headers for h in ("origin", "cookie", "referer")):
            return 403, "send the X-PSB-Request header with API changes made from a browser", {}
        return None

    def size_refusal(self, path: str, headers: Headers) -> tuple[int, str, dict[str, str]] | None:
        """413 for a declared body over the limit, 411 for a body of unknown length; nothing is read."""
        length = headers.get("content-length")
        limit = self.policy.max_upload_bytes if path in UPLOAD_ROUTES else SMALL_BODY_BYTES
        if length is None:
            if "transfer-encoding" in headers:
                return 411, "send the request with a Content-Length", {}
            return None
        if not length.isdigit():
            return 400, "malformed Content-Length", {}
        if int(length) > limit:
            what = "PSB_MAX_REQUEST_MB" if path in UPLOAD_ROUTES else "the 2 MB limit for requests that are not uploads"
            return 413, f"the request is {int(length) / 1048576:.1f} MB, over {limit / 1048576:g} MB ({what})", {}
        return None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _host_name(host_header: str) -> str:
    """'example.org:8080' -> 'example.org'; '[::1]:7860' -> '::1'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _basic(value: str | None) -> tuple[str, str] | None:
    if not value or not value.lower().startswith("basic "):
        return None
    try:
        name, sep, password = base64.b64decode(value[6:].strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (name, password) if sep else None


def _security_headers(path: str) -> dict[str, str]:
    csp = DOCS_CSP if path.startswith("/api/docs") else CSP
    return {**HEADERS, "content-security-policy": csp}


async def _respond(send: Send, status: int, reason: str, extra: dict[str, str], *, path: str) -> None:
    body = json.dumps({"detail": reason}).encode()
    headers = {**_security_headers(path), **extra, "content-type": "application/json", "content-length": str(len(body)),
               "connection": "close"}
    await send({"type": "http.response.start", "status": status, "headers": [(k.encode(), v.encode()) for k, v in headers.items()]})
    await send({"type": "http.response.body", "body": body})


_SAMESITE_NONE = re.compile(r";\s*samesite=none", re.IGNORECASE)


def _with_headers(send: Send, path: str) -> Send:
    extra = _security_headers(path)

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for key, value in extra.items():
                if key not in headers:
                    headers[key] = value
            cookies = headers.getlist("set-cookie")
            if any(_SAMESITE_NONE.search(c) for c in cookies):
                del headers["set-cookie"]
                for cookie in cookies:
                    headers.append("set-cookie", _SAMESITE_NONE.sub("; SameSite=lax", cookie))
        await send(message)

    return wrapped

"""Let one-shot commands use a ``psb serve`` already running on the same data directory.

Why: a cold ``psb ask`` must import the vector store, the chain and the encoder before it can
answer; a running server has all of that loaded, so asking it over loopback costs one HTTP call.
``psb serve`` holds ``<data dir>/serve.lock`` with its URL while it runs (``indexing.lock``);
``psb ask`` reads it and posts the question to ``/api/ask``. Anything other than a good answer
(no server, sign-in required, a timeout) means "answer locally".

Usage: ``answer = ask_running_server(settings.data_dir, "question", filters, k)  # None: answer locally``
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from indexing.lock import served_by

log = logging.getLogger(__name__)


def running_server(data_dir: Path) -> str | None:
    """The loopback-reachable base URL of a live ``psb serve`` for this data directory, or None."""
    info = served_by(Path(data_dir)) or {}
    url = str(info.get("url") or "")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.hostname in ("0.0.0.0", "::"):  # listening everywhere: this machine is reachable on loopback
        parts = parts._replace(netloc=f"127.0.0.1:{parts.port}" if parts.port else "127.0.0.1")
    return urlunsplit(parts._replace(path="", query="", fragment="")).rstrip("/")


def ask_running_server(data_dir: Path, question: str, filters, k: int | None, timeout: float = 30.0):
    """The server's ``Answer``, or None when there is no usable server (the caller answers locally)."""
    url = running_server(data_dir)
    if url is None:
        return None
    import httpx

    from assistant.answer import Answer

    body = {"question": question, "k": k, **filters.model_dump()}
    try:
        response = httpx.post(f"{url}/api/ask", json=body, timeout=timeout)
    except httpx.HTTPError as exc:
        log.info("the server at %s did not answer (%s); answering locally", url, exc)
        return None
    if response.status_code != 200:  # sign-in required, empty index, bad filter: the local path says why
        return None
    return Answer.model_validate(response.json())

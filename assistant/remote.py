"""Let one-shot commands use a ``psb serve`` already running on the same data directory.

Why: a cold ``psb ask`` must import the vector store, the chain and the encoder before it can
answer; a running server has all of that loaded, so asking it over loopback costs one HTTP call.
``psb serve`` writes ``<data dir>/serve.json`` (its URL and process id) while it runs; ``psb ask``
reads it, checks that process is alive, and posts the question to ``/api/ask``. Anything other than
a good answer (no server, a stale file, sign-in required, a timeout) means "answer locally".

Usage::

    with announce(settings.data_dir, host, port):  # in psb serve
        ...
    answer = ask_running_server(settings.data_dir, "question", filters, k)  # None: answer locally
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

SERVER_FILE = "serve.json"


@contextlib.contextmanager
def announce(data_dir: Path, host: str, port: int) -> Iterator[Path]:
    """Record this server for the data directory while the block runs; removed on the way out."""
    path = Path(data_dir) / SERVER_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    reachable = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    path.write_text(json.dumps({"url": f"http://{reachable}:{port}", "pid": os.getpid()}))
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            if json.loads(path.read_text()).get("pid") == os.getpid():
                path.unlink()


def running_server(data_dir: Path) -> str | None:
    """The URL of a live ``psb serve`` for this data directory, or None."""
    try:
        info = json.loads((Path(data_dir) / SERVER_FILE).read_text())
        os.kill(int(info["pid"]), 0)  # raises if no such process
        return str(info["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


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

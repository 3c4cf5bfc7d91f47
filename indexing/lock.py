"""One writer at a time across processes, and a record of which server owns a data directory.

Embedded Chroma keeps its vector index in the memory of the process that opened it; a second
process writing the same directory leaves the first one with a stale index (questions about the
new documents fail until a restart). So:

* ``FileWriteLock`` (embedded): an exclusive ``flock`` on ``write.lock`` in the data directory,
  held around every ingest of one file, every removal and every recovery. Threads and processes
  queue on it; the holder's pid and action are written into the file for the waiting message.
* ``StoreLease`` (server mode): a lease record in a ``<prefix>_locks`` collection of the shared
  Chroma server, renewed while held and expiring if its holder dies, so app servers and CLI runs
  on different machines take turns.
* ``ServeClaim``: ``psb serve`` holds ``serve.lock`` for its lifetime; ``served_by`` lets a CLI
  write refuse, saying how to go through the server instead.

Usage: ``with FileWriteLock(data_dir / "write.lock").hold("ingest report.pdf"): ...``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from indexing.errors import DataDirServedError, WriterBusyError

_POLL_S = 0.1




class NoLock:
    """For an index only this object writes to (benchmarks, throwaway collections)."""

    @contextlib.contextmanager
    def hold(self, action: str) -> Iterator[None]:
        yield


class FileWriteLock:
    """An exclusive ``flock`` on one file; safe across processes and across threads of one process."""

    def __init__(self, path: Path, wait_s: float = 600.0) -> None:
        if wait_s < 0:
            raise ValueError(f"wait_s must not be negative, got {wait_s}")
        self.path = Path(path)
        self.wait_s = wait_s

    @contextlib.contextmanager
    def hold(self, action: str) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            started = time.monotonic()
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    waited = time.monotonic() - started
                    if waited >= self.wait_s:
                        raise WriterBusyError(str(self.path.parent), _read_holder(self.path), waited) from None
                    time.sleep(_POLL_S)
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps({"pid": os.getpid(), "action": action, "since": time.time()}).encode(), 0)
            try:
                yield
            finally:
                os.ftruncate(fd, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _read_holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "holder unknown"
    return f"pid {info.get('pid')}: {info.get('action')}"


class StoreLease:
    """A renewable lease in the shared Chroma server: last writer wins, then everyone re-reads.

    Chroma has no compare-and-set, so a claimant writes its token, waits ``settle_s`` for any
    concurrent claim to land, and reads back: only the token that stuck holds the lease.
    """

    _ID = "writer"

    def __init__(self, client, prefix: str, ttl_s: float = 60.0, wait_s: float = 600.0, settle_s: float = 0.3) -> None:
        if ttl_s <= 3 * settle_s:
            raise ValueError("the lease must outlive several settle periods")
        self.collection = client.get_or_create_collection(f"{prefix}_locks", embedding_function=None)
        self.where = f"the shared Chroma collections '{prefix}_*'"
        self.ttl_s, self.wait_s, self.settle_s = ttl_s, wait_s, settle_s
        self._local = threading.Lock()  # threads of this process queue here first

    @contextlib.contextmanager
    def hold(self, action: str) -> Iterator[None]:
        with self._local:
            token = uuid.uuid4().hex
            self._acquire(token, action)
            stop = threading.Event()
            renewer = threading.Thread(target=self._renew, args=(token, action, stop), name="psb-lease", daemon=True)
            renewer.start()
            try:
                yield
            finally:
                stop.set()
                renewer.join(timeout=5)
                if self._current().get("owner") == token:
                    self.collection.delete(ids=[self._ID])

    def _acquire(self, token: str, action: str) -> None:
        started = time.monotonic()
        while True:
            held = self._current()
            if not held or held.get("expires", 0) < time.time():
                self._write(token, action)
                time.sleep(self.settle_s)
                if self._current().get("owner") == token:
                    return
            waited = time.monotonic() - started
            if waited >= self.wait_s:
                raise WriterBusyError(self.where, str(self._current().get("holder", "holder unknown")), waited)
            time.sleep(self.settle_s)

    def _renew(self, token: str, action: str, stop: threading.Event) -> None:
        while not stop.wait(self.ttl_s / 3):
            try:
                if self._current().get("owner") == token:
                    self._write(token, action)
            except Exception:  # an outage: the lease may lapse; the next writer will wait or take over
                pass

    def _current(self) -> dict:
        got = self.collection.get(ids=[self._ID], include=["metadatas"])
        return dict(got["metadatas"][0]) if got["ids"] else {}

    def _write(self, token: str, action: str) -> None:
        meta = {"owner": token, "expires": time.time() + self.ttl_s, "holder": f"pid {os.getpid()}: {action}"}
        self.collection.upsert(ids=[self._ID], embeddings=[[1.0]], metadatas=[meta], documents=[""])


class ServeClaim:
    """Held by ``psb serve`` for its lifetime: says a running server owns this data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / "serve.lock"
        self._fd: int | None = None

    def acquire(self, url: str) -> None:
        """Claim the directory, or ``DataDirServedError`` if another server already has it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DataDirServedError(self.path.parent, served_by(self.path.parent) or {}) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "url": url}).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def served_by(data_dir: Path) -> dict | None:
    """``{"pid", "url"}`` of the running server that owns ``data_dir``, or None."""
    path = Path(data_dir) / "serve.lock"
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                return json.loads(path.read_text(encoding="utf-8") or "{}") or {"pid": "?", "url": "?"}
            except (OSError, ValueError):
                return {"pid": "?", "url": "?"}
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


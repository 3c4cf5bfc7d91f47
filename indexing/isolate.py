"""Parse files in a child process with a memory cap and a time limit.

Parser libraries (python-docx, lxml, pypdf) hold a whole document tree in memory and cannot be
interrupted, so a hostile file can take gigabytes or minutes. Here they run in one long-lived
child (spawned, so it shares no threads or model state with the server) whose address space is
capped with ``RLIMIT_AS``. A file that needs more memory fails with a plain reason; one that takes
too long gets the child killed. Either way the memory goes back to the system with the child,
and the next file gets a fresh one. The child also exits after any parse that left it large, so
one big document does not keep its heap.

Usage: ``ParseWorker(memory_mb=1024).load("report.docx", "docx", data, timeout=120)``.
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.connection import Connection

from indexing.limits import DocumentRejected
from indexing.models import LoadedDocument

_RECYCLE_RSS_MB = 300  # a child this large after a parse exits, returning its heap


class ParseWorker:
    """One parse at a time in a capped child; cheap to build, the child starts on first use."""

    def __init__(self, memory_mb: int) -> None:
        if memory_mb < 256:
            raise ValueError(f"the parse worker needs at least 256 MB, got {memory_mb}")
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self.restarts = 0  # children started so far (tests and the soak benchmark read it)

    def load(self, source: str, kind: str, data: bytes, timeout: float) -> LoadedDocument:
        """The parsed document, or ``DocumentRejected`` for a bad file, a memory or a time breach."""
        with self._lock:
            conn = self._ensure()
            try:
                conn.send((source, kind, data))
                ready = conn.poll(max(0.1, timeout))
            except (BrokenPipeError, EOFError, OSError):
                ready = None
            if ready is False:
                self._kill()
                raise DocumentRejected(
                    f"load {kind}",
                    f"reading the file took longer than {timeout:.0f} s (PSB_MAX_DOCUMENT_SECONDS); it is too large or too complex",
                )
            try:
                status, exiting, *payload = conn.recv()
            except (EOFError, OSError):
                self._kill()
                raise DocumentRejected(f"load {kind}", self._memory_reason()) from None
            if exiting:  # the child is leaving to hand its heap back; wait so the next file gets a new one
                self._kill()
            if status == "ok":
                return payload[0]
            if status == "memory":
                raise DocumentRejected(f"load {kind}", self._memory_reason())
            stage, reason = payload
            raise DocumentRejected(stage, reason)

    def close(self) -> None:
        with self._lock:
            self._kill()

    def _memory_reason(self) -> str:
        return (f"reading the file needed more than {self.memory_mb} MB of memory (PSB_PARSE_MEMORY_MB); "
                "it is too large or built to exhaust memory; split it or save it again")

    def _ensure(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self._kill()
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(child, self.memory_mb), name="psb-parse", daemon=True)
        self._process.start()
        child.close()
        self._conn = parent
        self.restarts += 1
        return parent

    def _kill(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(timeout=10)
            self._process = None


_SHARED: dict[int, ParseWorker] = {}
_SHARED_LOCK = threading.Lock()


def shared_worker(memory_mb: int) -> ParseWorker:
    """One worker per memory cap per process, so every Indexer (and every test) reuses one child."""
    with _SHARED_LOCK:
        worker = _SHARED.get(memory_mb)
        if worker is None:
            worker = _SHARED[memory_mb] = ParseWorker(memory_mb)
        return worker


# ---------------------------------------------------------------- the child
def _serve(conn: Connection, memory_mb: int) -> None:
    """Child loop: cap the address space, then parse requests until the pipe closes."""
    import resource

    cap = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from indexing.loaders import load  # imported under the cap: its memory counts too

    while True:
        try:
            source, kind, data = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple = ("ok", load(source, kind, data))
        except MemoryError:
            reply = ("memory",)
        except Exception as exc:  # IngestError and friends: send their parts, not the object
            if _caused_by_memory(exc):  # loaders wrap parser errors, MemoryError included
                reply = ("memory",)
            else:
                reply = ("error", getattr(exc, "stage", f"load {kind}"),
                         getattr(exc, "reason", f"could not read the file ({type(exc).__name__}: {exc})"))
        del data
        exiting = reply[0] == "memory" or _rss_mb() > _RECYCLE_RSS_MB
        try:
            conn.send((reply[0], exiting, *reply[1:]))
        except MemoryError:
            conn.send(("memory", True))
            return
        if exiting:
            return


def _caused_by_memory(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, MemoryError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
    except OSError:
        return 0.0
    import resource

    return pages * resource.getpagesize() / (1024 * 1024)

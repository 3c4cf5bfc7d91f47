"""Bounded answering: a few questions run at once, a limited number wait, the rest hear "busy".

Every ask runs the embedding model and the retrievers; forty of them at once on a two-core
machine make each one slow (the first answer took 16 s) and leave a heap per thread that is never
returned. A semaphore keeps ``running`` answers in flight; up to ``waiting`` more queue for a
slot, so latency grows in a predictable line rather than all at once; past that the caller gets
``BusyError`` at once (HTTP 503 with Retry-After) instead of piling on. When the last answer of
a burst finishes, freed memory is handed back to the system (``assistant.memory``).

Usage: ``with gate.slot(): answer = assistant.ask(question)``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from assistant.memory import trim
from assistant.errors import BusyError




class AnswerGate:
    """Thread-safe; one per server, shared by the REST API and the chat."""

    def __init__(self, running: int, waiting: int, wait_s: float = 120.0) -> None:
        if running < 1 or waiting < 0 or wait_s <= 0:
            raise ValueError("an answer gate needs at least one running slot, a non-negative queue and a positive wait")
        self.running, self.waiting, self.wait_s = running, waiting, wait_s
        self._slots = threading.BoundedSemaphore(running)
        self._lock = threading.Lock()
        self._queued = 0
        self.refused = 0  # how many callers heard "busy" (the soak benchmark reads it)

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        with self._lock:
            if self._queued >= self.waiting + self.running:
                self.refused += 1
                raise BusyError(self.running, self.waiting)
            self._queued += 1
        try:
            if not self._slots.acquire(timeout=self.wait_s):
                with self._lock:
                    self.refused += 1
                raise BusyError(self.running, self.waiting)
            try:
                yield
            finally:
                self._slots.release()
        finally:
            with self._lock:
                self._queued -= 1
                idle = self._queued == 0
            if idle:  # the burst is over: give the memory its answers freed back to the system
                trim()

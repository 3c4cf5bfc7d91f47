"""Keep a long-running app's in-memory keyword index current with writes made elsewhere.

Why a timer: checking for other writers on every question would put work on the query path;
instead a daemon thread, every ``interval`` seconds, replays the keyword index's change log (cheap:
one indexed read when nothing changed) and, with a shared Chroma server, reconciles with the
documents other app servers committed or removed (a full listing, so only every ``store_every``
ticks), adding their recommendations to the register. Writes made in this process are applied at once and need no timer.

Usage: ``IndexRefresher(keyword, store, 2.0, reconcile_store=settings.server_mode).start()``
"""

from __future__ import annotations

import logging
import threading

from indexing.keyword import KeywordIndex, refresh_from_store
from indexing.rec_register import add_missing

log = logging.getLogger(__name__)


class IndexRefresher:
    """A stoppable daemon thread; ``tick()`` does one round and can be called directly (tests)."""

    def __init__(self, keyword: KeywordIndex, store, interval: float, *, reconcile_store: bool = False,
                 store_every: int = 15, register=None) -> None:
        if interval <= 0:
            raise ValueError(f"the refresh interval must be positive, got {interval}")
        self.keyword = keyword
        self.store = store
        self.interval = interval
        self.reconcile_store = reconcile_store
        self.store_every = max(1, store_every)
        self.register = register
        self.ticks = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self) -> int:
        """One round; returns how many changes were applied."""
        self.ticks += 1
        if self.reconcile_store and self.ticks % self.store_every == 0:
            changed = refresh_from_store(self.keyword, self.store)
        else:
            changed = self.keyword.catch_up()
        if changed and self.register is not None:  # documents committed elsewhere: their recommendations too
            add_missing(self.register, self.store, self.keyword.ready_doc_ids())
        return changed

    def start(self) -> "IndexRefresher":
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="psb-index-refresh", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.tick()
            except Exception:  # a failed round must not end the thread: the next one retries
                log.warning("index refresh failed; retrying in %.1f s", self.interval, exc_info=True)

"""A value derived from the whole set of ready documents, rebuilt in the background when that set changes.

Why: the index vocabulary and the title index read every ready document from the store. At a
department's scale (40k documents, 100k chunks) that takes tens of seconds, and the set changes
with every upload, so no question may wait for it. The first build (nothing to serve yet) is made
on the caller's thread. After a change, ``update(value, old_version, new_version)`` (when given)
brings the value up to date from the difference alone (the documents added since), on the
caller's thread because it is cheap; when there is no ``update`` or it returns ``None``, the
previous value answers while a low-priority thread rebuilds it. A failed rebuild keeps the
previous value and the next question retries.

Usage: ``titles = Derived(build_titles, ready_set_version, "titles")``; ``titles.get()``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from indexing.priority import lower_thread_priority

T = TypeVar("T")
log = logging.getLogger(__name__)


class Derived(Generic[T]):
    def __init__(self, build: Callable[[], T], version: Callable[[], object], name: str,
                 update: Callable[[T, object, object], T | None] | None = None) -> None:
        self._build = build
        self._update = update
        self._version = version
        self.name = name
        self._lock = threading.Lock()
        self._built: tuple[object, T] | None = None
        self._rebuilding = False

    def get(self) -> T:
        version = self._version()
        with self._lock:
            built = self._built
            if built is None:
                self._built = built = (version, self._build())
            elif built[0] is not version and built[0] != version and self._update is not None and not self._rebuilding:
                updated = self._update(built[1], built[0], version)
                if updated is not None:
                    self._built = built = (version, updated)
            if built[0] is not version and built[0] != version and not self._rebuilding:
                self._rebuilding = True
                threading.Thread(target=self._rebuild, args=(version,), name=f"psb-{self.name}", daemon=True).start()
        return built[1]

    def _rebuild(self, version: object) -> None:
        lower_thread_priority()  # its own thread: reading every document yields to the questions meanwhile
        try:
            value = self._build()
            with self._lock:
                self._built = (version, value)
        except Exception:  # the previous value stays; the next question retries
            log.warning("rebuilding the %s failed", self.name, exc_info=True)
        finally:
            self._rebuilding = False

    @property
    def ready(self) -> bool:
        """Whether a first value exists (until then a caller of ``get`` waits for the build)."""
        return self._built is not None

    def warm(self) -> None:
        """Build now in the background (a server at start), not on the first question."""
        threading.Thread(target=self.get, name=f"psb-{self.name}", daemon=True).start()

    def wait_until_current(self, timeout: float = 60.0) -> None:
        """Block until the value matches the current version, or ``timeout`` passes (tests)."""
        deadline = time.monotonic() + timeout
        self.get()
        while (self._rebuilding or self._built[0] != self._version()) and time.monotonic() < deadline:
            time.sleep(0.02)
            self.get()

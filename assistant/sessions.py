"""UI sign-in sessions that expire.

Gradio keeps its session tokens in a plain ``dict`` on the mounted app (token -> user name) and
never forgets one, so a stolen cookie would work forever. ``ExpiringTokens`` is a drop-in dict
that forgets a token ``lifetime_s`` after it was issued; ``server.create_app`` swaps it in.

Usage: ``gradio_app.tokens = ExpiringTokens(12 * 3600)``
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any


class ExpiringTokens(dict):
    """token -> user name; a token older than ``lifetime_s`` reads as absent and is dropped."""

    def __init__(self, lifetime_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        if lifetime_s <= 0:
            raise ValueError("lifetime_s must be positive")
        super().__init__()
        self.lifetime_s, self._clock = lifetime_s, clock
        self._issued: dict[Any, float] = {}
        self._lock = threading.Lock()

    def __setitem__(self, token: Any, user: Any) -> None:
        with self._lock:
            self._drop_expired()
            self._issued[token] = self._clock()
            super().__setitem__(token, user)

    def _live(self, token: Any) -> bool:
        issued = self._issued.get(token)
        if issued is None:
            return False
        if self._clock() - issued < self.lifetime_s:
            return True
        self._issued.pop(token, None)
        super().pop(token, None)
        return False

    def __contains__(self, token: object) -> bool:
        with self._lock:
            return self._live(token)

    def __getitem__(self, token: Any) -> Any:
        with self._lock:
            if not self._live(token):
                raise KeyError(token)
            return super().__getitem__(token)

    def get(self, token: Any, default: Any = None) -> Any:
        with self._lock:
            return super().get(token, default) if self._live(token) else default

    def __delitem__(self, token: Any) -> None:
        with self._lock:
            self._issued.pop(token, None)
            super().__delitem__(token)

    def pop(self, token: Any, *default: Any) -> Any:
        with self._lock:
            self._issued.pop(token, None)
            return super().pop(token, *default)

    def keys(self):  # type: ignore[override]
        with self._lock:
            self._drop_expired()
            return super().keys()

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self.keys()))

    def _drop_expired(self) -> None:
        now = self._clock()
        for token in [t for t, issued in self._issued.items() if now - issued >= self.lifetime_s]:
            self._issued.pop(token, None)
            super().pop(token, None)

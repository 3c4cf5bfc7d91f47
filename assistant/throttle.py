"""Sign-in throttling: failed password checks are counted per client address and per account name.

Why: bcrypt is deliberately slow (~0.2 s a check), so unthrottled wrong passwords are both a
guessing attack and a way to starve the server's CPU. After ``attempts`` failures within
``lockout_s`` a key is refused without running bcrypt until ``lockout_s`` after its latest
failure, so a lockout always lifts by itself; a success clears the account's counter. A paused
client address is refused outright; a paused account still accepts a credential verified
before (so an attacker hammering a name cannot lock its owner out), from addresses not paused.

Usage::

    throttle = LoginThrottle(attempts=5, lockout_s=900)
    if (wait := throttle.retry_after(client, name)) is not None: refuse(wait)
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from contextvars import ContextVar

#: The address of the client whose request is being handled; set by the security middleware so
#: a login callable that only receives a name and a password can still be throttled per client.
CLIENT_ADDRESS: ContextVar[str] = ContextVar("psb_client_address", default="unknown")


class LoginThrottle:
    """Thread-safe failure counters with expiring lockouts; memory is bounded by ``max_keys``."""

    def __init__(self, attempts: int, lockout_s: float, *, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 10_000) -> None:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        if lockout_s <= 0:
            raise ValueError("lockout_s must be positive")
        self.attempts, self.lockout_s, self._clock, self._max_keys = attempts, lockout_s, clock, max_keys
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def keys(client: str, name: str) -> tuple[str, str]:
        return f"client:{client}", f"account:{name.strip().lower()}"

    def retry_after(self, client: str, name: str) -> float | None:
        """Seconds until this client or account may try again, or None if it may try now."""
        waits = [w for w in (self.client_wait(client), self.account_wait(name)) if w is not None]
        return max(waits) if waits else None

    def client_wait(self, client: str) -> float | None:
        return self._wait(self.keys(client, "")[0])

    def account_wait(self, name: str) -> float | None:
        return self._wait(self.keys("", name)[1])

    def failed(self, client: str, name: str | None) -> None:
        """Count a failure against the client and, when given, the account name."""
        keys = self.keys(client, name or "")
        self._add(keys if name is not None else keys[:1])

    def succeeded(self, client: str, name: str) -> None:
        """The real user got in: their account's counter starts again (the client's stays)."""
        with self._lock:
            self._failures.pop(self.keys(client, name)[1], None)

    def _wait(self, key: str) -> float | None:
        now = self._clock()
        with self._lock:
            recent = self._recent(key, now)
            return recent[-1] + self.lockout_s - now if len(recent) >= self.attempts else None

    def _add(self, keys: tuple[str, ...]) -> None:
        now = self._clock()
        with self._lock:
            if len(self._failures) >= self._max_keys:
                self._forget_expired(now)
            for key in keys:
                self._failures.setdefault(key, deque(maxlen=self.attempts)).append(now)

    def _recent(self, key: str, now: float) -> deque[float]:
        recent = self._failures.get(key)
        if recent is None:
            return deque()
        while recent and recent[0] <= now - self.lockout_s:
            recent.popleft()
        if not recent:
            del self._failures[key]
        return recent

    def _forget_expired(self, now: float) -> None:
        for key in list(self._failures):
            self._recent(key, now)
        if len(self._failures) >= self._max_keys:  # still full of live keys: drop the oldest
            for key in sorted(self._failures, key=lambda k: self._failures[k][-1])[: self._max_keys // 10]:
                del self._failures[key]

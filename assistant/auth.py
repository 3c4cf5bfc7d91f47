"""Accounts and roles for the UI and the REST API: ``reader`` (chat) and ``staff`` (chat and documents).

Accounts come from ``PSB_USERS`` ('name:role:bcrypt-hash,...') or ``PSB_USERS_FILE`` (JSON
``{name: {"password_hash": ..., "role": ...}}``); only bcrypt hashes are ever stored. The same
``Accounts`` object answers the Gradio login callable and the API's HTTP Basic check, so the two
can never disagree about who may do what.

With no accounts configured the app is *open*: everyone is treated as staff. That is only safe
when nobody else can reach the server, so ``check_exposure`` refuses to start an open app on any
address other than a loopback one.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import anyio
import bcrypt

from indexing.priority import lower_thread_priority
from assistant.errors import AccountsError, TooManyAttempts
from assistant.settings import Settings
from assistant.throttle import LoginThrottle

READER = "reader"
STAFF = "staff"
ROLES = (READER, STAFF)

# A real hash of a random password: checking unknown names against it costs the same time as a
# real check, so response time does not reveal which account names exist.
_DUMMY_HASH = bcrypt.hashpw(b"no-such-account", bcrypt.gensalt(rounds=12))


@dataclass(frozen=True)
class Account:
    name: str
    role: str

    @property
    def is_staff(self) -> bool:
        return self.role == STAFF


#: The identity used when no accounts are configured (open, loopback-only mode).
LOCAL_STAFF = Account("local", STAFF)


def hash_password(password: str, rounds: int = 12) -> str:
    """A bcrypt hash to paste into PSB_USERS or the users file."""
    if not password:
        raise ValueError("the password is empty")
    if len(password.encode()) > 72:
        raise ValueError("bcrypt uses at most 72 bytes of a password; choose a shorter one")
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=rounds)).decode()




class Accounts:
    """Name -> (role, bcrypt hash). Verification results are cached in memory by a keyed digest,
    so HTTP Basic clients do not pay ~0.2 s of bcrypt on every request. bcrypt runs on one
    low-priority thread with a bounded queue, so a flood of wrong passwords can take at most one
    core, and only the CPU time answering leaves over."""

    CACHE_SIZE = 1024
    MAX_WAITING = 32

    def __init__(self, entries: dict[str, tuple[str, str]]) -> None:
        for name, (role, password_hash) in entries.items():
            if role not in ROLES:
                raise AccountsError(f"account {name!r} has role {role!r}; use one of {', '.join(ROLES)}")
            if not password_hash.startswith("$2"):
                raise AccountsError(f"account {name!r} has no bcrypt hash; make one with `psb users hash-password`")
        self._entries = dict(entries)
        self._verified: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()
        self._bcrypt: ThreadPoolExecutor | None = None
        self._waiting = threading.BoundedSemaphore(self.MAX_WAITING)
        self._key = secrets.token_bytes(32)  # keys the in-memory cache of verified credentials

    # ------------------------------------------------------------ loading
    @classmethod
    def from_settings(cls, settings: Settings) -> Accounts:
        entries: dict[str, tuple[str, str]] = {}
        if settings.users_file:
            entries.update(_parse_file(Path(settings.users_file)))
        if settings.users:
            entries.update(_parse_string(settings.users))
        return cls(entries)

    # ------------------------------------------------------------ queries
    @property
    def open(self) -> bool:
        """No accounts configured: sign-in is off and everyone is staff (loopback only)."""
        return not self._entries

    @property
    def names(self) -> list[str]:
        return sorted(self._entries)

    def role_of(self, name: str | None) -> str | None:
        if self.open:
            return STAFF
        entry = self._entries.get(name or "")
        return entry[0] if entry else None

    def account(self, name: str | None) -> Account | None:
        """The account a signed-in name maps to (open mode: the local staff identity)."""
        if self.open:
            return LOCAL_STAFF
        role = self.role_of(name)
        return Account(str(name), role) if role else None

    def _digest(self, name: str, password: str) -> tuple[tuple[str, str] | None, bytes, str]:
        entry = self._entries.get(name)
        stored = entry[1].encode() if entry else _DUMMY_HASH
        digest = hmac.new(self._key, f"{name}\0{password}\0{stored.decode()}".encode(), "sha256").hexdigest()
        return entry, stored, digest

    def cached(self, name: str, password: str) -> Account | None:
        """The account if this exact name and password were verified before (no bcrypt), else None."""
        entry, _, digest = self._digest(name, password)
        with self._lock:
            if entry is None or digest not in self._verified:
                return None
            self._verified.move_to_end(digest)
        return Account(name, entry[0])

    def verify(self, name: str, password: str) -> Account | None:
        """The account if name and password match, else None (constant work for unknown names)."""
        if (account := self.cached(name, password)) is not None:
            return account
        entry, stored, digest = self._digest(name, password)
        if not self._waiting.acquire(blocking=False):
            raise TooManyAttempts(5, "too many sign-ins are waiting to be checked")
        try:
            ok = self._bcrypt_pool().submit(_checkpw, password, stored).result()
        finally:
            self._waiting.release()
        if not (ok and entry):
            return None
        with self._lock:
            self._verified[digest] = None
            while len(self._verified) > self.CACHE_SIZE:
                self._verified.popitem(last=False)
        return Account(name, entry[0])

    def _bcrypt_pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._bcrypt is None:
                self._bcrypt = ThreadPoolExecutor(1, thread_name_prefix="psb-bcrypt", initializer=lower_thread_priority)
            return self._bcrypt

    def gradio_auth(self, username: str, password: str) -> bool:
        """A plain login callable (unthrottled); the server uses ``SignIn.gradio_auth``."""
        return self.verify(username, password) is not None


class SignIn:
    """Password checks for both doors (Gradio's /login and the API's HTTP Basic), throttled per
    client address and per account name (see ``LoginThrottle``). A credential verified before
    costs no bcrypt and passes an account pause, so the real user keeps working while someone
    hammers their name; a paused address gets nothing.

    ``signin.check(name, password, client)`` from a worker thread, ``await signin.check_async(...)``
    from the event loop (bcrypt then runs in a thread, never on the loop).
    """

    def __init__(self, accounts: Accounts, throttle: LoginThrottle) -> None:
        self.accounts, self.throttle = accounts, throttle
        self._limiter = anyio.CapacityLimiter(2)  # waiting sign-ins wait here, not in the shared thread pool

    @classmethod
    def from_settings(cls, accounts: Accounts, settings: Settings) -> SignIn:
        return cls(accounts, LoginThrottle(settings.login_attempts, settings.login_lockout_minutes * 60))

    def check(self, name: str, password: str, client: str) -> Account | None:
        """The account, None for a wrong name or password, or ``TooManyAttempts``."""
        if (account := self._gate(name, password, client)) is not None:
            return account
        return self._verify(name, password, client)

    async def check_async(self, name: str, password: str, client: str) -> Account | None:
        """As ``check``; the cheap throttle and cache checks run on the loop, bcrypt in a thread."""
        if (account := self._gate(name, password, client)) is not None:
            return account
        return await anyio.to_thread.run_sync(self._verify, name, password, client, limiter=self._limiter)

    def _gate(self, name: str, password: str, client: str) -> Account | None:
        """A cached account, ``TooManyAttempts`` for a paused client or account, else None (check the password)."""
        if (wait := self.throttle.client_wait(client)) is not None:
            raise TooManyAttempts(wait)
        if (account := self.accounts.cached(name, password)) is not None:
            return account
        if (wait := self.throttle.account_wait(name)) is not None:
            self.throttle.failed(client, None)  # guesses at a paused account still use up this address's tries
            raise TooManyAttempts(wait)
        return None

    def _verify(self, name: str, password: str, client: str) -> Account | None:
        account = self.accounts.verify(name, password)
        if account is None:
            self.throttle.failed(client, name)
        else:
            self.throttle.succeeded(client, name)
        return account

    async def gradio_auth(self, username: str, password: str) -> bool:
        """The login callable Gradio awaits; a throttled client gets 429 with Retry-After."""
        from fastapi import HTTPException

        from assistant.throttle import CLIENT_ADDRESS

        try:
            return await self.check_async(username, password, CLIENT_ADDRESS.get()) is not None
        except TooManyAttempts as exc:
            raise HTTPException(429, str(exc), headers={"Retry-After": str(exc.retry_after)}) from None


def _checkpw(password: str, stored: bytes) -> bool:
    try:
        return bcrypt.checkpw(password.encode()[:72], stored)
    except ValueError:
        return False


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(accounts: Accounts, host: str) -> None:
    """Refuse to serve an app without sign-in on an address other people can reach."""
    if accounts.open and not is_loopback(host):
        raise AccountsError(
            f"refusing to serve on {host} without accounts: anyone could manage documents. "
            "Set PSB_USERS or PSB_USERS_FILE (see docs/ui.md), or serve on 127.0.0.1"
        )


def _parse_string(value: str) -> dict[str, tuple[str, str]]:
    entries: dict[str, tuple[str, str]] = {}
    for raw in value.split(","):
        raw = raw.strip()
        if not raw:
            continue
        parts = raw.split(":", 2)  # the hash itself contains no ':' but '$' signs
        if len(parts) != 3 or not parts[0]:
            raise AccountsError(f"PSB_USERS entry {raw[:40]!r} is not 'name:role:bcrypt-hash'")
        name, role, password_hash = (p.strip() for p in parts)
        entries[name] = (role, password_hash)
    return entries


def _parse_file(path: Path) -> dict[str, tuple[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AccountsError(f"users file {path} does not exist (PSB_USERS_FILE)") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise AccountsError(f"users file {path} is not readable JSON: {exc}") from None
    if not isinstance(data, dict):
        raise AccountsError(f"users file {path} must be a JSON object of name -> {{password_hash, role}}")
    entries: dict[str, tuple[str, str]] = {}
    for name, item in data.items():
        if not isinstance(item, dict) or "password_hash" not in item:
            raise AccountsError(f"users file {path}: account {name!r} needs a password_hash and a role")
        entries[str(name)] = (str(item.get("role", READER)), str(item["password_hash"]))
    return entries

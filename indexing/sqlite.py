"""The one way the derived SQLite indexes (keyword index, recommendations register) are opened."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def connect_wal(path: Path, timeout: float = 60) -> Iterator[sqlite3.Connection]:
    """A WAL-mode connection for one unit of work: committed on success, rolled back on error, closed.

    WAL so readers never wait for the one writer; ``timeout`` covers a busy writer. Closing here
    matters because ``with sqlite3.connect(...)`` only commits: the connection (and its file
    handles) would otherwise live until the garbage collector finds it.
    """
    conn = sqlite3.connect(path, timeout=timeout)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        with conn:
            yield conn
    finally:
        conn.close()

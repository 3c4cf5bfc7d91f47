"""The one way the derived SQLite indexes (keyword index, recommendations register) are opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect_wal(path: Path, timeout: float = 60) -> sqlite3.Connection:
    """A connection in WAL mode, so readers never wait for the one writer; ``timeout`` covers a busy writer."""
    conn = sqlite3.connect(path, timeout=timeout)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn

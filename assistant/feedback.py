"""Thumbs up/down on answers, kept in SQLite under the data directory for evaluators to review.

Each row holds everything needed to judge the answer later without re-running it: the question,
the answer text, the cited sources (JSON), who rated it and when. One connection per call keeps
the store safe to use from Gradio's and the API's worker threads at once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    user TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    sources TEXT NOT NULL DEFAULT '[]'
)
"""

MAX_COMMENT = 2000


@dataclass
class FeedbackEntry:
    id: int
    created_at: str
    user: str
    rating: str
    comment: str
    question: str
    answer: str
    sources: list[dict[str, Any]]


class FeedbackStore:
    """``FeedbackStore(data_dir / "feedback.sqlite")``; the file is created on first use."""

    def __init__(self, path: Path) -> None:
        """Cheap: the database file and its table are created on the first write or read."""
        self.path = Path(path)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One connection per call: committed on success, rolled back on error, always closed."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            with conn:
                conn.execute(_SCHEMA)
                yield conn
        finally:
            conn.close()

    def add(self, *, rating: str, question: str, answer: str, sources: list[dict[str, Any]] | None = None,
            comment: str = "", user: str | None = None) -> int:
        """Store one rating; returns its id. ``rating`` is 'up' or 'down'."""
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', got {rating!r}")
        row = (
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
            user or "anonymous",
            rating,
            (comment or "").strip()[:MAX_COMMENT],
            question or "",
            answer or "",
            json.dumps(sources or [], ensure_ascii=False),
        )
        with self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, user, rating, comment, question, answer, sources) VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cur.lastrowid)

    def list(self, limit: int = 100) -> list[FeedbackEntry]:
        """Newest first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, created_at, user, rating, comment, question, answer, sources FROM feedback ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [FeedbackEntry(*row[:7], sources=json.loads(row[7])) for row in rows]

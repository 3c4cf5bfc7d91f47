"""Keyword (BM25) index in SQLite FTS5, derived from Chroma and rebuildable from it.

Text is lower-cased, stop words dropped and words Snowball-stemmed in Python before FTS5 sees
it, so "recommendations" finds "recommend". Each document is written in one SQLite transaction.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import Stemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = Stemmer.Stemmer("english")


def analyse(text: str) -> list[str]:
    """The one analyser for indexing and querying: words, no stop words, stemmed."""
    words = [w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS and not w.startswith("_")]
    return _STEMMER.stemWords(words)


class KeywordIndex:
    """``KeywordIndex(path)``; one connection per call keeps it safe across threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._conn() as conn:
            conn.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5("
                "chunk_id UNINDEXED, doc_id UNINDEXED, heading, body, tokenize='unicode61')"
            )
            conn.execute("CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY)")

    def _conn(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=60)
        conn.execute("PRAGMA journal_mode=WAL")
        return conn

    def add_document(self, doc_id: str, rows: Iterable[tuple[str, str, str]]) -> None:
        """rows: (chunk_id, section heading, text). Replaces any earlier copy of the document."""
        with self._conn() as conn:
            conn.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
            conn.executemany(
                "INSERT INTO passages (chunk_id, doc_id, heading, body) VALUES (?, ?, ?, ?)",
                [(cid, doc_id, " ".join(analyse(h)), " ".join(analyse(t))) for cid, h, t in rows],
            )
            conn.execute("INSERT OR IGNORE INTO docs (doc_id) VALUES (?)", (doc_id,))

    def remove_document(self, doc_id: str) -> None:
        with self._conn() as conn:
            conn.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
            conn.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))

    def doc_ids(self) -> set[str]:
        with self._conn() as conn:
            return {r[0] for r in conn.execute("SELECT doc_id FROM docs")}

    def clear(self) -> None:
        with self._conn() as conn:
            conn.execute("DELETE FROM passages")
            conn.execute("DELETE FROM docs")

    def search(self, query: str, k: int, heading_weight: float = 0.5) -> list[tuple[str, float]]:
        """Best ``k`` chunk ids with BM25 scores (higher is better); empty when no term matches."""
        terms = sorted(set(analyse(query)))
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT chunk_id, -bm25(passages, 0, 0, ?, 1.0) AS score FROM passages "
                "WHERE passages MATCH ? ORDER BY score DESC LIMIT ?",
                (heading_weight, match, k),
            ).fetchall()
        return [(cid, float(score)) for cid, score in rows]


def sync_from_store(index: KeywordIndex, store) -> tuple[int, int]:
    """Make the keyword index hold exactly the store's ready documents; returns (added, removed)."""
    ready = store.ready_ids()
    have = index.doc_ids()
    for doc_id in have - ready:
        index.remove_document(doc_id)
    for doc_id in ready - have:
        index.add_document(doc_id, ((c.chunk_id, c.meta.get("section", ""), c.text) for c in store.chunks_of(doc_id)))
    return len(ready - have), len(have - ready)


def rebuild_from_store(index: KeywordIndex, store) -> int:
    index.clear()
    added, _ = sync_from_store(index, store)
    return added

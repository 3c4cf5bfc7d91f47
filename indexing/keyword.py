"""Keyword (BM25) index in SQLite, derived from Chroma and rebuildable from it.

Text is lower-cased, stop words dropped and words Snowball-stemmed in Python, so
"recommendations" finds "recommend". The index keeps its own postings (term -> chunk, with term
frequencies for the heading and the body) instead of FTS5, because FTS5's bm25() fixes k1=1.2 and
b=0.75 and those are worth tuning. Scores are computed at query time from the postings, so k1, b
and the heading weight can change without re-indexing; the analyser cannot, so its settings are
recorded in the file and a file written with other settings is emptied on open (``sync_from_store``
then refills it from Chroma). Each document is written in one SQLite transaction.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import Stemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"\w+", re.UNICODE)
_SCHEMA_VERSION = "2"  # 1 was the FTS5 table; bump when the tables change
STOP_WORD_LISTS: dict[str, frozenset[str]] = {"english": frozenset(ENGLISH_STOP_WORDS), "none": frozenset()}


@dataclass(frozen=True)
class Analyser:
    """Text -> index terms. One instance is used for both indexing and querying a given index."""

    stem: bool = True
    stop_words: str = "english"  # a key of STOP_WORD_LISTS

    def __post_init__(self) -> None:
        if self.stop_words not in STOP_WORD_LISTS:
            raise ValueError(f"stop words must be one of {sorted(STOP_WORD_LISTS)}, got {self.stop_words!r}")

    def __call__(self, text: str) -> list[str]:
        stops = STOP_WORD_LISTS[self.stop_words]
        words = [w for w in _WORD.findall(text.lower()) if w not in stops and not w.startswith("_")]
        return _stemmer().stemWords(words) if self.stem else words

    @property
    def signature(self) -> str:
        """What the stored terms depend on; a mismatch means the stored terms are unusable."""
        return json.dumps({"stem": self.stem, "stop_words": self.stop_words}, sort_keys=True)


_STEMMERS: dict[int, Stemmer.Stemmer] = {}


def _stemmer() -> Stemmer.Stemmer:
    """PyStemmer objects are not thread-safe, so each thread gets its own."""
    import threading

    key = threading.get_ident()
    if key not in _STEMMERS:
        _STEMMERS[key] = Stemmer.Stemmer("english")
    return _STEMMERS[key]


DEFAULT_ANALYSER = Analyser()


def analyse(text: str) -> list[str]:
    """The default analyser (stemmed, English stop words dropped), also used for overlap checks."""
    return DEFAULT_ANALYSER(text)


@dataclass(frozen=True)
class BM25Params:
    """BM25 with a weighted heading field (BM25F-style: weighted tf and length, one b)."""

    k1: float = 1.2
    b: float = 0.75
    heading_weight: float = 0.5

    def __post_init__(self) -> None:
        if self.k1 < 0 or not 0 <= self.b <= 1 or self.heading_weight < 0:
            raise ValueError(f"need k1 >= 0, 0 <= b <= 1 and heading_weight >= 0, got {self}")


def idf(n_chunks: int, df: int) -> float:
    """Lucene's BM25 idf: never negative, so a very common term cannot push a chunk down."""
    return math.log(1.0 + (n_chunks - df + 0.5) / (df + 0.5))


def bm25_term(tf: float, length: float, avg_length: float, term_idf: float, p: BM25Params) -> float:
    """One term's contribution to one chunk's score."""
    if tf <= 0:
        return 0.0
    norm = 1.0 - p.b + p.b * (length / avg_length if avg_length > 0 else 1.0)
    return term_idf * tf * (p.k1 + 1.0) / (tf + p.k1 * norm)


class KeywordIndex:
    """``KeywordIndex(path)``; one connection per call keeps it safe across threads."""

    def __init__(self, path: Path, analyser: Analyser | None = None, params: BM25Params | None = None) -> None:
        """``analyser=None`` adopts the analyser the file was written with (the default for a new file)."""
        self.path = Path(path)
        self.params = params or BM25Params()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._conn() as conn:
            self.analyser = analyser or _stored_analyser(conn) or DEFAULT_ANALYSER
            self._migrate(conn)

    def _conn(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=60)
        conn.execute("PRAGMA journal_mode=WAL")
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Create the tables; empty a file from another schema or analyser (it is derived data)."""
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        stored = dict(conn.execute("SELECT key, value FROM meta"))
        wanted = {"schema": _SCHEMA_VERSION, "analyser": self.analyser.signature}
        if stored != wanted:
            for table in ("passages", "postings", "docs"):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute("DELETE FROM meta")
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", list(wanted.items()))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS passages (chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, "
            "head_len INTEGER NOT NULL, body_len INTEGER NOT NULL)"
        )
        conn.execute("CREATE INDEX IF NOT EXISTS passages_doc ON passages (doc_id)")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS postings (term TEXT NOT NULL, chunk_id TEXT NOT NULL, "
            "head_tf INTEGER NOT NULL, body_tf INTEGER NOT NULL, PRIMARY KEY (term, chunk_id)) WITHOUT ROWID"
        )
        conn.execute("CREATE INDEX IF NOT EXISTS postings_chunk ON postings (chunk_id)")
        conn.execute("CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY)")

    # ------------------------------------------------------------ writes
    def add_document(self, doc_id: str, rows: Iterable[tuple[str, str, str]]) -> None:
        """rows: (chunk_id, section heading, text). Replaces any earlier copy of the document."""
        passages, postings = [], []
        for chunk_id, heading, text in rows:
            head, body = Counter(self.analyser(heading)), Counter(self.analyser(text))
            passages.append((chunk_id, doc_id, sum(head.values()), sum(body.values())))
            postings += [(t, chunk_id, head.get(t, 0), body.get(t, 0)) for t in head.keys() | body.keys()]
        with self._conn() as conn:
            self._delete(conn, doc_id)
            conn.executemany("INSERT OR REPLACE INTO passages VALUES (?, ?, ?, ?)", passages)
            conn.executemany("INSERT OR REPLACE INTO postings VALUES (?, ?, ?, ?)", postings)
            conn.execute("INSERT OR IGNORE INTO docs (doc_id) VALUES (?)", (doc_id,))

    def remove_document(self, doc_id: str) -> None:
        with self._conn() as conn:
            self._delete(conn, doc_id)
            conn.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))

    @staticmethod
    def _delete(conn: sqlite3.Connection, doc_id: str) -> None:
        conn.execute("DELETE FROM postings WHERE chunk_id IN (SELECT chunk_id FROM passages WHERE doc_id = ?)", (doc_id,))
        conn.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))

    def doc_ids(self) -> set[str]:
        with self._conn() as conn:
            return {r[0] for r in conn.execute("SELECT doc_id FROM docs")}

    def clear(self) -> None:
        with self._conn() as conn:
            for table in ("postings", "passages", "docs"):
                conn.execute(f"DELETE FROM {table}")

    def document_frequency(self, terms: Iterable[str]) -> dict[str, int]:
        """How many chunks hold each analysed term (0 for a term the index has never seen).

        Why: a question word that occurs nowhere in the index ("quantum") is a constraint the
        documents cannot meet, whatever the nearest passage says.
        """
        wanted = sorted(set(terms))
        if not wanted:
            return {}
        with self._conn() as conn:
            rows = conn.execute(f"SELECT term, COUNT(*) FROM postings WHERE term IN ({','.join('?' * len(wanted))}) GROUP BY term",
                                wanted).fetchall()
        found = dict(rows)
        return {t: int(found.get(t, 0)) for t in wanted}

    # ------------------------------------------------------------ search
    def search(self, query: str, k: int, heading_weight: float | None = None) -> list[tuple[str, float]]:
        """Best ``k`` chunk ids with BM25 scores (higher is better); empty when no term matches."""
        terms = sorted(set(self.analyser(query)))
        if not terms:
            return []
        p = self.params if heading_weight is None else BM25Params(self.params.k1, self.params.b, heading_weight)
        with self._conn() as conn:
            n_chunks, avg_length = self._collection_stats(conn, p.heading_weight)
            rows = conn.execute(
                "SELECT po.term, po.chunk_id, po.head_tf, po.body_tf, pa.head_len, pa.body_len "
                f"FROM postings po JOIN passages pa ON pa.chunk_id = po.chunk_id WHERE po.term IN ({','.join('?' * len(terms))})",
                terms,
            ).fetchall()
        scores = score_postings(rows, n_chunks, avg_length, p)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return ranked[:k]

    @staticmethod
    def _collection_stats(conn: sqlite3.Connection, heading_weight: float) -> tuple[int, float]:
        """(chunks, average weighted length): read at query time, so they are never stale."""
        n, head, body = conn.execute("SELECT COUNT(*), COALESCE(SUM(head_len), 0), COALESCE(SUM(body_len), 0) FROM passages").fetchone()
        return int(n), ((body + heading_weight * head) / n if n else 0.0)


def _stored_analyser(conn: sqlite3.Connection) -> Analyser | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'analyser'").fetchone()
        return Analyser(**json.loads(row[0])) if row else None
    except (sqlite3.OperationalError, TypeError, ValueError):
        return None


def score_postings(rows: Iterable[tuple[str, str, int, int, int, int]], n_chunks: int, avg_length: float,
                   p: BM25Params) -> dict[str, float]:
    """BM25 per chunk from (term, chunk_id, head_tf, body_tf, head_len, body_len) postings rows."""
    by_term: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        by_term[row[0]].append(row)
    scores: dict[str, float] = defaultdict(float)
    for term_rows in by_term.values():
        term_idf = idf(n_chunks, len(term_rows))
        for _, chunk_id, head_tf, body_tf, head_len, body_len in term_rows:
            tf = body_tf + p.heading_weight * head_tf
            scores[chunk_id] += bm25_term(tf, body_len + p.heading_weight * head_len, avg_length, term_idf, p)
    return {cid: s for cid, s in scores.items() if s > 0}


def sync_from_store(index: KeywordIndex, store) -> tuple[int, int]:
    """Make the keyword index hold exactly the store's ready documents; returns (added, removed)."""
    ready = store.ready_ids()
    have = index.doc_ids()
    for doc_id in have - ready:
        index.remove_document(doc_id)
    for doc_id in ready - have:
        index.add_document(doc_id, ((c.chunk_id, c.meta.get("section", ""), c.text) for c in store.chunks_of(doc_id)))
    return len(ready - have), len(have - ready)


def add_missing(index: KeywordIndex, store, ready: set[str]) -> int:
    """Add ready documents the keyword index lacks (another app server may have ingested them).

    Never removes: rows of a document being ingested right now are not ready yet, and search
    filters by the ready set anyway; ``sync_from_store`` at the next ingest tidies the rest.
    """
    missing = ready - index.doc_ids()
    for doc_id in missing:
        index.add_document(doc_id, ((c.chunk_id, c.meta.get("section", ""), c.text) for c in store.chunks_of(doc_id)))
    return len(missing)


def rebuild_from_store(index: KeywordIndex, store) -> int:
    index.clear()
    added, _ = sync_from_store(index, store)
    return added

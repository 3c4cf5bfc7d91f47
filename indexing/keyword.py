"""Keyword (BM25) index: postings persisted per document in SQLite, searched in memory, vectorised.

Text is lower-cased, stop words dropped and words Snowball-stemmed in Python, so
"recommendations" finds "recommend". Each chunk's term ids and term frequencies (heading and body
separately) are stored as one SQLite row of packed arrays, so adding or removing a document is one
small transaction. Searching happens in a ``PostingsMatrix`` (see ``indexing.bm25``) kept current
by replaying the ``changes`` log, which every writer, in any process, appends to. The matrix is
saved beside the file (``keyword.sqlite.snapshot``) after a load from the rows and after each
merge; an open maps that snapshot and replays only the log entries written since, so a 100k-chunk
index opens in well under a second instead of re-sorting every posting. The rows stay the source
of truth: a snapshot of another file (each file carries a random instance id, renewed when it is
emptied), another analyser, a change the file has not reached, or one that fails its checksum or
disagrees with the rows' counts is ignored and rewritten. The log keeps its last 10,000 entries; a
reader or snapshot that fell further behind (a process asleep through a bulk ingest) reloads
from the rows. Scores are computed at query time,
so k1, b and the heading weight change without re-indexing; the analyser cannot, so its settings
are recorded in the file and a file written with other settings is emptied on open
(``sync_from_store`` then refills it from Chroma).

A document's rows are written ``ready=0`` by the ingest pipeline and flipped with
``mark_ready`` after Chroma's commit, so the index doubles as the in-memory list of searchable
documents: retrieval never lists Chroma's documents per question.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
import threading
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import Stemmer

from indexing import stop_words
from indexing.bm25 import BM25Params, KeywordFilter, PostingsMatrix, SnapshotError, idf, write_snapshot
from indexing.sqlite import connect_wal

__all__ = ["Analyser", "BM25Params", "KeywordFilter", "KeywordIndex", "analyse", "idf", "keyword_heading", "sync_from_store",
           "refresh_from_store", "rebuild_from_store"]

log = logging.getLogger(__name__)
_WORD = re.compile(r"\w+", re.UNICODE)
_RESNAPSHOT_AFTER = 256  # change-log entries replayed on open that make it worth writing a fresh snapshot
_LOG_KEEP = 10_000  # change-log entries kept (about three per document ingested); older ones are pruned
_PRUNE_EVERY = 1_000  # entries between prunes
_SCHEMA_VERSION = "4"  # 1: FTS5; 2: one row per posting; 3: packed arrays per chunk + change log; 4: title in the heading field


STOP_WORD_LISTS: dict[str, frozenset[str]] = {"english": stop_words.ENGLISH, "none": frozenset()}
_TABLES = ("passages", "postings", "docs", "terms", "changes")


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
        words = STOP_WORD_LISTS[self.stop_words]
        digest = hashlib.sha256(" ".join(sorted(words)).encode()).hexdigest()[:12]  # a new list means new terms
        return json.dumps({"stem": self.stem, "stop_words": self.stop_words, "stop_list": digest}, sort_keys=True)


_STEMMERS = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    """PyStemmer objects are not thread-safe, so each thread gets its own."""
    stemmer = getattr(_STEMMERS, "stemmer", None)
    if stemmer is None:
        stemmer = _STEMMERS.stemmer = Stemmer.Stemmer("english")
    return stemmer


DEFAULT_ANALYSER = Analyser()


def analyse(text: str) -> list[str]:
    """The default analyser (stemmed, English stop words dropped), also used for overlap checks."""
    return DEFAULT_ANALYSER(text)


class KeywordIndex:
    """``KeywordIndex(path, analyser, params)``: cheap to build; the matrix loads on first search.

    Safe across threads (one SQLite connection per call, one lock around the matrix) and across
    processes (writers serialise in SQLite; readers catch up from the change log).
    """

    def __init__(self, path: Path, analyser: Analyser | None = None, params: BM25Params | None = None) -> None:
        """``analyser=None`` adopts the analyser the file was written with (the default for a new file)."""
        self.path = Path(path)
        self.params = params or BM25Params()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.emptied_on_open = False
        with self._conn() as conn:
            self.analyser = analyser or _stored_analyser(conn) or DEFAULT_ANALYSER
            self._migrate(conn)
        self.snapshot_path = self.path.with_name(self.path.name + ".snapshot")
        self._matrix: PostingsMatrix | None = None
        self._terms: dict[str, int] = {}
        self._seen = 0  # last change-log entry applied to the matrix
        self._snapshot_merges = 0  # the matrix's merge count when it was last snapshotted
        self._load_lock = threading.Lock()
        self.generation = 0  # bumped whenever the matrix changes: callers cache on it
        self.opened_from = ""  # "snapshot" or "rows": how the matrix was last loaded (for benchmarks and logs)

    def _conn(self) -> sqlite3.Connection:
        return connect_wal(self.path)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Create the tables; empty a file from another schema or analyser (it is derived data)."""
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        stored = dict(conn.execute("SELECT key, value FROM meta"))
        wanted = {"schema": _SCHEMA_VERSION, "analyser": self.analyser.signature}
        if {key: stored.get(key) for key in wanted} != wanted:
            self.emptied_on_open = bool(stored.keys() & wanted.keys())  # not a new file: its owner refills it
            for table in _TABLES:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute("DELETE FROM meta")
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", list(wanted.items()))
        # which file this is: a snapshot of another file (or of this one before it was emptied) must not be used
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('instance', ?)", (uuid.uuid4().hex,))
        self._instance = conn.execute("SELECT value FROM meta WHERE key = 'instance'").fetchone()[0]
        conn.execute("CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE)")
        conn.execute("CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, ready INTEGER NOT NULL, "
                     "doc_type TEXT NOT NULL, day INTEGER NOT NULL)")
        conn.execute("CREATE TABLE IF NOT EXISTS passages (chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, "
                     "position INTEGER NOT NULL, terms BLOB NOT NULL, head_tf BLOB NOT NULL, body_tf BLOB NOT NULL)")
        conn.execute("CREATE INDEX IF NOT EXISTS passages_doc ON passages (doc_id)")
        conn.execute("CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL)")

    # ------------------------------------------------------------ writes
    def add_document(self, doc_id: str, rows: Iterable[tuple[str, str, str]], *, doc_type: str = "other",
                     day: int = 0, ready: bool = True) -> None:
        """rows: (chunk_id, section heading, text). Replaces any earlier copy of the document.

        The ingest pipeline passes ``ready=False`` and calls ``mark_ready`` after its commit, so a
        half-ingested document is never searched.
        """
        self.add_documents([(doc_id, rows, doc_type, day)], ready=ready)

    def add_documents(self, documents: list[tuple[str, Iterable[tuple[str, str, str]], str, int]], *, ready: bool = True) -> None:
        """Many (doc_id, rows, doc_type, day) in one transaction: a bulk ingest pays one commit."""
        analysed = []
        for doc_id, rows, _type, _day in documents:
            for position, (chunk_id, heading, text) in enumerate(rows):
                analysed.append((doc_id, chunk_id, position, Counter(self.analyser(heading)), Counter(self.analyser(text))))
        with self._conn() as conn:
            ids = _term_ids(conn, {t for *_, head, body in analysed for t in head.keys() | body.keys()})
            for doc_id, _, doc_type, day in documents:
                conn.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
                conn.execute("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?)", (doc_id, int(ready), doc_type, int(day)))
                _log(conn, doc_id)
            conn.executemany("INSERT OR REPLACE INTO passages VALUES (?, ?, ?, ?, ?, ?)",
                             [_packed(chunk_id, doc_id, position, head, body, ids) for doc_id, chunk_id, position, head, body in analysed])
        self.catch_up()

    def mark_ready(self, *doc_ids: str) -> None:
        """The documents were committed in the store: from now on they are searched."""
        with self._conn() as conn:
            for doc_id in doc_ids:
                if conn.execute("UPDATE docs SET ready = 1 WHERE doc_id = ?", (doc_id,)).rowcount:
                    _log(conn, doc_id)
        self.catch_up()

    def set_metadata(self, doc_id: str, doc_type: str, day: int) -> None:
        """A corrected type or date (manifest edits) reaches the keyword filters."""
        self._update_doc(doc_id, "UPDATE docs SET doc_type = ?, day = ? WHERE doc_id = ?", (doc_type, int(day), doc_id))

    def remove_document(self, doc_id: str) -> None:
        with self._conn() as conn:
            conn.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
            conn.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))
            _log(conn, doc_id)
        self.catch_up()

    def _update_doc(self, doc_id: str, sql: str, args: tuple) -> None:
        with self._conn() as conn:
            if conn.execute(sql, args).rowcount:
                _log(conn, doc_id)
        self.catch_up()

    def doc_ids(self) -> set[str]:
        """Every document held, ready or not (read from the file, so other processes' writes count)."""
        with self._conn() as conn:
            return {r[0] for r in conn.execute("SELECT doc_id FROM docs")}

    def ready_doc_ids(self) -> set[str]:
        with self._conn() as conn:
            return {r[0] for r in conn.execute("SELECT doc_id FROM docs WHERE ready = 1")}

    def clear(self) -> None:
        with self._conn() as conn:
            for table in ("passages", "docs"):
                conn.execute(f"DELETE FROM {table}")
            _log(conn, "*")
        self.catch_up()

    # ------------------------------------------------------------ the in-memory matrix
    @property
    def matrix(self) -> PostingsMatrix:
        """Loaded on first use (from the snapshot when it is current, else from the rows), then kept current."""
        if self._matrix is None:
            with self._load_lock:
                if self._matrix is None:
                    matrix = self._open_snapshot()
                    if matrix is not None:
                        matrix, replayed = self._apply_changes(matrix)
                        if not self._agrees(matrix):
                            matrix = None
                        elif replayed >= _RESNAPSHOT_AFTER:  # spare the next open the same replay
                            self._snapshot_merges = -1
                    if matrix is None:
                        matrix = self._load_rows()
                        self._snapshot_merges = -1  # no usable snapshot: write one below
                        matrix, _ = self._apply_changes(matrix)
                    self._matrix = matrix  # published only once current
                    self.generation += 1
            self._maybe_snapshot()
        return self._matrix

    def _open_snapshot(self) -> PostingsMatrix | None:
        """The snapshot's matrix if it was written from this file, with these settings, at a change
        this file has reached (later changes are replayed from the log); else None."""
        if not self.snapshot_path.exists():
            return None
        try:
            matrix, meta = PostingsMatrix.load_snapshot(self.snapshot_path)
        except SnapshotError as exc:
            log.warning("keyword index: rebuilding the in-memory matrix from %s (%s)", self.path.name, exc)
            return None
        with self._conn() as conn:
            latest = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM changes").fetchone()[0]
            expected = {"schema": _SCHEMA_VERSION, "analyser": self.analyser.signature, "instance": self._instance}
            if ({key: meta.get(key) for key in expected} != expected or not isinstance(meta.get("seq"), int) or meta["seq"] > latest
                    or _behind(conn, meta["seq"])):
                log.info("keyword index: the snapshot is stale (%s); loading from %s", meta, self.path.name)
                return None
            self._terms = {}
            self._read_terms(conn)
        self._seen = meta["seq"]
        self._snapshot_merges = matrix.merges
        self.opened_from = "snapshot"
        return matrix

    def _agrees(self, matrix: PostingsMatrix) -> bool:
        """Counts of the rows against the matrix built from snapshot and log: a cheap guard against rows
        changed without a log entry (say, edited by hand), which only a load from the rows would see."""
        with self._conn() as conn:
            docs, ready = conn.execute("SELECT count(*), COALESCE(SUM(ready), 0) FROM docs").fetchone()
            chunks = conn.execute("SELECT count(*) FROM passages WHERE doc_id IN (SELECT doc_id FROM docs)").fetchone()[0]
        held = (matrix.held_count, matrix.ready_count, matrix.n_live)
        if held == (docs, ready, chunks):
            return True
        log.warning("keyword index: the snapshot disagrees with %s (documents, ready, chunks: %s vs %s); "
                    "loading from the rows", self.path.name, held, (docs, ready, chunks))
        return False

    def _load_rows(self) -> PostingsMatrix:
        """The matrix built from the SQLite rows (the source of truth): every posting sorted once."""
        matrix = PostingsMatrix()
        with self._conn() as conn:
            self._seen = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM changes").fetchone()[0]
            self._terms = {}
            self._read_terms(conn)
            matrix.add_many(_documents(conn))
        self.opened_from = "rows"
        return matrix

    def documents_for_matrix(self) -> list[tuple]:
        """Every document as ``PostingsMatrix.add_many`` takes it, read from the rows (benchmarks compare
        matrix implementations on it)."""
        with self._conn() as conn:
            return _documents(conn)

    def catch_up(self) -> int:
        """Apply change-log entries written since the last call (by this or another process).

        Cheap when nothing changed (one indexed read); called after every write here and on a
        short timer by the retriever, never per question. Returns the number of entries applied.
        """
        if self._matrix is None:
            return 0
        with self._load_lock:
            self._matrix, applied = self._apply_changes(self._matrix)
            if applied:
                self.generation += 1
        if applied:
            self._maybe_snapshot()
        return applied

    def _apply_changes(self, matrix: PostingsMatrix) -> tuple[PostingsMatrix, int]:
        """Replay the log past ``_seen`` onto ``matrix`` (caller holds ``_load_lock``); returns the matrix
        (a new one after a clear) and the entries applied. Replaying a change the matrix already holds
        is harmless: each entry reloads its document as the file holds it now."""
        with self._conn() as conn:
            changed = conn.execute("SELECT seq, doc_id FROM changes WHERE seq > ? ORDER BY seq", (self._seen,)).fetchall()
            if not changed:
                return matrix, 0
            if any(doc_id == "*" for _, doc_id in changed) or _behind(conn, self._seen):  # cleared, or missed pruned entries
                self._snapshot_merges = -1
                return self._load_rows(), len(changed)
            self._read_terms(conn)
            for doc_id in dict.fromkeys(d for _, d in changed):
                self._reload_document(conn, matrix, doc_id)
            self._seen = changed[-1][0]
        return matrix, len(changed)

    def _maybe_snapshot(self) -> None:
        """Snapshot the matrix after it was rebuilt from the rows, its tail was merged into the base,
        or an open replayed a long stretch of the log.

        Those are the expensive states to reach again; between them, a reopen replays the (short)
        change log on top of the last snapshot. A failed write only costs the next open time.
        """
        with self._load_lock:  # the matrix and _seen only change together under this lock
            matrix = self._matrix
            if matrix is None or matrix.merges == self._snapshot_merges:
                return
            self._snapshot_merges = matrix.merges
            meta = {"schema": _SCHEMA_VERSION, "analyser": self.analyser.signature, "instance": self._instance,
                    "seq": self._seen}
            parts = matrix.snapshot_parts(meta)
        try:
            write_snapshot(self.snapshot_path, *parts)
        except OSError as exc:
            log.warning("keyword index: could not write the snapshot %s (%s)", self.snapshot_path, exc)

    def _reload_document(self, conn: sqlite3.Connection, matrix: PostingsMatrix, doc_id: str) -> None:
        row = conn.execute("SELECT ready, doc_type, day FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            matrix.remove_document(doc_id)
            return
        chunks = [_unpacked(c, t, h, b) for c, t, h, b in conn.execute(
            "SELECT chunk_id, terms, head_tf, body_tf FROM passages WHERE doc_id = ? ORDER BY position", (doc_id,))]
        matrix.add_document(doc_id, chunks, row[1], row[2], bool(row[0]))

    def _read_terms(self, conn: sqlite3.Connection) -> None:
        last = max(self._terms.values(), default=0)
        self._terms.update((t, i) for i, t in conn.execute("SELECT id, term FROM terms WHERE id > ?", (last,)))

    def is_ready(self, doc_id: str) -> bool:
        """In memory: whether a document is committed and searchable (used to screen dense hits)."""
        return self.matrix.is_ready(doc_id)

    def ready_documents(self) -> frozenset[str]:
        return self.matrix.ready_documents()

    @property
    def ready_count(self) -> int:
        return self.matrix.ready_count

    def document_frequency(self, terms: Iterable[str]) -> dict[str, int]:
        """How many chunks hold each analysed term (0 for a term the index has never seen).

        Why: a question word that occurs nowhere in the index ("quantum") is a constraint the
        documents cannot meet, whatever the nearest passage says.
        """
        matrix = self.matrix
        return {t: matrix.document_frequency(self._terms[t]) if t in self._terms else 0 for t in sorted(set(terms))}

    # ------------------------------------------------------------ search
    def query_terms(self, query: str) -> list[int]:
        """The query's distinct analysed terms that the index holds, as term ids (in first-seen order)."""
        self.matrix  # noqa: B018 - the term table is read with the matrix
        return [self._terms[t] for t in dict.fromkeys(self.analyser(query)) if t in self._terms]

    def search(self, query: str, k: int, heading_weight: float | None = None,
               where: KeywordFilter | None = None) -> list[tuple[str, float]]:
        """Best ``k`` ready chunk ids passing ``where``, with BM25 scores (higher is better)."""
        matrix = self.matrix
        terms = self.query_terms(query)
        if not terms:
            return []
        p = self.params if heading_weight is None else BM25Params(self.params.k1, self.params.b, heading_weight)
        return matrix.search(terms, k, p, where)


def _documents(conn: sqlite3.Connection) -> list[tuple]:
    """(doc_id, chunks, doc_type, day, ready) for every document in the file, chunks in order."""
    docs = {d: (bool(r), t, day) for d, r, t, day in conn.execute("SELECT doc_id, ready, doc_type, day FROM docs")}
    chunks: dict[str, list] = {}
    for doc_id, chunk_id, terms, head, body in conn.execute(
            "SELECT doc_id, chunk_id, terms, head_tf, body_tf FROM passages ORDER BY doc_id, position"):
        chunks.setdefault(doc_id, []).append(_unpacked(chunk_id, terms, head, body))
    return [(doc_id, chunks.get(doc_id, []), doc_type, day, ready) for doc_id, (ready, doc_type, day) in docs.items()]


def _log(conn: sqlite3.Connection, doc_id: str) -> None:
    """Append to the change log, and every ``_PRUNE_EVERY`` entries drop all but the last ``_LOG_KEEP``
    (a reader or snapshot further behind than that reloads from the rows: ``_behind``)."""
    seq = conn.execute("INSERT INTO changes (doc_id) VALUES (?)", (doc_id,)).lastrowid
    if seq % _PRUNE_EVERY == 0:
        conn.execute("DELETE FROM changes WHERE seq <= ?", (seq - _LOG_KEEP,))


def _behind(conn: sqlite3.Connection, seen: int) -> bool:
    """Whether entries after ``seen`` were pruned from the log (so replaying it would miss changes)."""
    oldest = conn.execute("SELECT MIN(seq) FROM changes").fetchone()[0]
    return oldest is not None and oldest > seen + 1


def _term_ids(conn: sqlite3.Connection, terms: set[str]) -> dict[str, int]:
    """Ids for ``terms``, adding the new ones (inside the caller's transaction)."""
    listed = sorted(terms)
    conn.executemany("INSERT OR IGNORE INTO terms (term) VALUES (?)", [(t,) for t in listed])
    out: dict[str, int] = {}
    for start in range(0, len(listed), 500):
        part = listed[start : start + 500]
        out.update((term, term_id) for term_id, term in conn.execute(f"SELECT id, term FROM terms WHERE term IN ({','.join('?' * len(part))})", part))
    return out


def keyword_heading(title: str, section: str) -> str:
    """What a chunk's heading field holds: its document's title and its section path.

    Why: a chunk of figures ("Share of applications made online: 46 per cent.") does not repeat what its
    document is about ("home-to-school transport"), so "What share of home-to-school transport applications
    were made online in 2021?" found the note's other chunks and not that one. The title's words, weighted as
    a heading, tell every chunk's subject; the body's words still pick the chunk within the document.
    """
    if not title or title.strip().lower() in section.lower():  # a heading path that opens with the title already holds it
        return section
    return f"{title}\n{section}" if section else title


def _packed(chunk_id: str, doc_id: str, position: int, head: Counter, body: Counter, ids: dict[str, int]) -> tuple:
    terms = sorted(head.keys() | body.keys())
    return (chunk_id, doc_id, position, np.array([ids[t] for t in terms], dtype=np.int32).tobytes(),
            np.array([head.get(t, 0) for t in terms], dtype=np.int32).tobytes(),
            np.array([body.get(t, 0) for t in terms], dtype=np.int32).tobytes())


def _unpacked(chunk_id: str, terms: bytes, head: bytes, body: bytes) -> tuple:
    return (chunk_id, np.frombuffer(terms, dtype=np.int32), np.frombuffer(head, dtype=np.int32),
            np.frombuffer(body, dtype=np.int32))


def _stored_analyser(conn: sqlite3.Connection) -> Analyser | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'analyser'").fetchone()
        if row is None:
            return None
        stored = json.loads(row[0])  # its "stop_list" digest is checked against the signature by _migrate
        return Analyser(stem=stored["stem"], stop_words=stored["stop_words"])
    except (sqlite3.OperationalError, KeyError, TypeError, ValueError):
        return None


def _add_many_from_store(index: KeywordIndex, store, doc_ids: list[str], per_read: int = 200) -> None:
    """Documents copied from the store into the index: one store read and one transaction per ``per_read``.

    Why: refilling an emptied index of 43k documents one store call at a time took minutes.
    """
    for start in range(0, len(doc_ids), per_read):
        found = store.chunks_of_documents(doc_ids[start : start + per_read])
        batch = []
        for doc_id, chunks in found.items():
            meta = chunks[0].meta if chunks else {}
            batch.append((doc_id, [(c.chunk_id, keyword_heading(str(c.meta.get("title", "")), c.meta.get("section", "")), c.text) for c in chunks],
                          str(meta.get("type", "other")), int(meta.get("published_day") or 0)))
        index.add_documents(batch, ready=True)


def sync_from_store(index: KeywordIndex, store) -> tuple[int, int]:
    """Make the keyword index hold exactly the store's ready documents; returns (added, removed).

    Run at ingest (``Indexer.recover``): it may drop another process's in-flight document, which
    that process's commit then writes again.
    """
    ready = store.ready_ids()
    have = index.doc_ids()
    for doc_id in have - ready:
        index.remove_document(doc_id)
    _add_many_from_store(index, store, sorted(ready - have))
    for doc_id in (ready & have) - index.ready_doc_ids():
        index.mark_ready(doc_id)
    return len(ready - have), len(have - ready)


def refresh_from_store(index: KeywordIndex, store) -> int:
    """Pick up what other app servers (sharing a Chroma server, not this data dir) committed or removed.

    Unlike ``sync_from_store`` it never removes a document this index holds as not yet ready (an
    ingest here is in flight). Meant for a timer, not the query path. Returns the documents changed.
    """
    ready = store.ready_ids()
    held, held_ready = index.doc_ids(), index.ready_doc_ids()
    changed = 0
    for doc_id in held_ready - ready:
        index.remove_document(doc_id)
        changed += 1
    _add_many_from_store(index, store, sorted(ready - held))
    changed += len(ready - held)
    for doc_id in (ready & held) - held_ready:
        index.mark_ready(doc_id)
        changed += 1
    index.catch_up()
    return changed


def rebuild_from_store(index: KeywordIndex, store) -> int:
    index.clear()
    added, _ = sync_from_store(index, store)
    return added

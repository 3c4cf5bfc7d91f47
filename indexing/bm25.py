"""Vectorised BM25 over an in-memory, term-major postings matrix, with a memory-mapped snapshot.

Why: scoring a query term by pulling every one of its postings into Python costs a row per chunk,
so a common word at 100k chunks took ~100 ms. Here each term's postings are a slice of NumPy
arrays (a CSC-style layout: ``indptr``/``rows``/``head``/``body``), scored in one vectorised
expression; all terms' contributions are summed with one ``bincount`` and the top ``k`` come from
a partition of the positive scores.

What a query costs is kept to the postings of its terms: the per-row BM25 length normalisation
(``k1 * (1 - b + b * len / avg)``, infinite for removed rows so they score 0 without a per-term
filter) is cached per parameters and rebuilt after a write (one pass over the rows); the base's
weighted term frequencies (``body + heading_weight * heading``) are cached until the next merge or
another heading weight (8 bytes per posting: ~46 MB at 100k SciFact-like chunks).

Writes are incremental: new documents go to a small *tail* (arrays per document, viewed as a
sorted CSC of its own on the first search after a write) that search reads alongside the sorted
*base*; a removed document's rows are flagged dead. When the tail grows past 1/16 of the base the
two are merged (amortised O(postings log postings)). Collection statistics (live chunks, summed
field lengths) are running totals, never recomputed per query. Filters (document type, document
ids, date range, readiness) are evaluated on the candidate rows inside the search, before the top
``k`` is taken, so a filtered query still gets its ``k`` best matches.

``save_snapshot``/``load_snapshot`` write the whole matrix to one file (a JSON header, then
64-byte aligned raw arrays, a CRC32 over them) and map it back read-only, so opening 100k chunks
costs a header parse and a checksum instead of re-sorting millions of postings.

Usage::

    m = PostingsMatrix()
    m.add_document("d1", [("d1:00000", np.array([3, 7]), np.array([0, 1]), np.array([2, 1]))])
    m.search([3], k=10, params=BM25Params())
"""

from __future__ import annotations

import json
import math
import mmap
import os
import sys
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


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


@dataclass(frozen=True)
class KeywordFilter:
    """Which chunks a search may return; plain values so ``indexing`` needs nothing from above.

    ``day_from``/``day_to`` are YYYYMMDD integers, inclusive; with ``day_to`` set, undated chunks
    (day 0) are left out, since they are not known to be published on or before it.
    """

    types: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    day_from: int | None = None
    day_to: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.types or self.doc_ids or self.day_from or self.day_to)


# A chunk as the matrix takes it: (chunk_id, term ids, heading tfs, body tfs), arrays aligned.
ChunkTerms = tuple[str, np.ndarray, np.ndarray, np.ndarray]


class SnapshotError(Exception):
    """A snapshot file that cannot be used (missing, truncated, corrupt, other format)."""


class _Grow:
    """A NumPy array that grows by doubling, so appending a row is amortised O(1)."""

    def __init__(self, dtype, initial: np.ndarray | None = None) -> None:
        self.data = np.zeros(max(1024, len(initial) if initial is not None else 0), dtype=dtype)
        if initial is not None:
            self.data[: len(initial)] = initial

    def ensure(self, size: int) -> None:
        if size > len(self.data):
            bigger = np.zeros(max(size, 2 * len(self.data)), dtype=self.data.dtype)
            bigger[: len(self.data)] = self.data
            self.data = bigger


@dataclass
class _Base:
    """Sorted postings: term ``t`` owns ``rows[indptr[t]:indptr[t+1]]`` (and the same slice of tfs).

    Never modified in place (a merge builds a new one), so its arrays may be read-only memory maps.
    """

    indptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    head: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    body: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))

    def span(self, term: int) -> tuple[int, int]:
        if term + 1 >= len(self.indptr):
            return 0, 0
        return int(self.indptr[term]), int(self.indptr[term + 1])

    def terms(self) -> np.ndarray:
        """The term of every posting (the CSC column index, expanded)."""
        return np.repeat(np.arange(len(self.indptr) - 1, dtype=np.int64), np.diff(self.indptr))

    @staticmethod
    def sorted_from(terms: np.ndarray, rows: np.ndarray, head: np.ndarray, body: np.ndarray) -> _Base:
        """Postings whose rows never decrease within a term, in any term order -> sorted by (term, row).

        Rows are handed out in increasing order and the base only holds rows older than the tail's,
        so base + tail (+ new documents) always meets that; a stable sort by term alone then suffices,
        and the already sorted base is one long run for it.
        """
        order = np.argsort(terms, kind="stable")
        n_terms = int(terms.max()) + 1 if len(terms) else 0
        indptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=n_terms), out=indptr[1:])
        return _Base(indptr, rows[order], head[order], body[order])


_Postings = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # terms (int64), rows (int32), head, body (float32)
_ROW_ARRAYS = {"live": bool, "doc": np.int32, "head_len": np.float64, "body_len": np.float64, "type": np.int16, "day": np.int32}
_SNAPSHOT_MAGIC = b"PSBKWSNAP\n"
_SNAPSHOT_FORMAT = 1
_ALIGN = 64


class PostingsMatrix:
    """All chunks' term frequencies, searchable with BM25; thread-safe (one lock, short holds)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.chunk_ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self._rows = {name: _Grow(dtype) for name, dtype in _ROW_ARRAYS.items()}
        self.doc_index: dict[str, int] = {}
        self._doc_ready = _Grow(bool)
        self._doc_rows: dict[int, list[int]] = {}
        self._type_codes: dict[str, int] = {}
        self._base = _Base()
        self._tail: list[_Postings] = []
        self._tail_size = 0
        self._tail_view: _Base | None = None
        self.n_live = 0
        self.head_sum = 0.0
        self.body_sum = 0.0
        self._unready = 0  # documents held but not yet committed: the ready mask is needed only then
        self._ready_cache: tuple[int, frozenset[str]] | None = None  # (version, ready ids)
        self._version = 0  # bumped by every write: the caches below are keyed on it
        self._norm_cache: tuple[tuple, np.ndarray] | None = None
        self._tf_cache: tuple[float, np.ndarray] | None = None
        self._df_cache: dict[int, int] = {}
        self._dead_postings = False  # rows removed since the last merge still have postings
        self.merges = 0  # how many times the tail was folded into the base (callers snapshot after one)

    # ------------------------------------------------------------ writes
    def _changed(self) -> None:
        self._version += 1
        self._df_cache = {}

    def add_document(self, doc_id: str, chunks: list[ChunkTerms], doc_type: str = "other", day: int = 0,
                     ready: bool = True) -> None:
        """Add (or replace) one document's chunks (postings go to the tail)."""
        with self._lock:
            postings = self._register([(doc_id, chunks, doc_type, day, ready)])
            if len(postings[0]):
                self._tail.append(postings)
                self._tail_size += len(postings[0])
                self._tail_view = None
            if self._tail_size > max(50_000, len(self._base.rows) // 16):
                self._merge()

    def add_many(self, documents: list[tuple[str, list[ChunkTerms], str, int, bool]]) -> None:
        """Load many (doc_id, chunks, type, day, ready) at once (opening an index): one sort of all
        postings, and no Python per posting or per chunk beyond its id."""
        with self._lock:
            postings = self._register(documents)
            if len(postings[0]):
                self._merge(postings)

    def _register(self, documents: list[tuple[str, list[ChunkTerms], str, int, bool]]) -> _Postings:
        """Give the documents' chunks rows (replacing earlier copies); returns their postings, flat."""
        self._changed()
        documents = list({doc[0]: doc for doc in documents}.values())  # a document given twice: the last copy
        first = row = len(self.chunk_ids)
        chunk_ids, doc_of, type_of, day_of, terms, head, body = [], [], [], [], [], [], []
        for doc_id, chunks, doc_type, day, ready in documents:
            self.remove_document(doc_id)
            d = self._doc_id(doc_id)
            self._doc_ready.ensure(d + 1)
            self._doc_ready.data[d] = ready
            self._unready += 0 if ready else 1
            self._doc_rows.setdefault(d, []).extend(range(row, row + len(chunks)))
            row += len(chunks)
            code = self._type_code(doc_type)
            for chunk_id, t, h, b in chunks:
                chunk_ids.append(chunk_id)
                doc_of.append(d)
                type_of.append(code)
                day_of.append(day)
                terms.append(t)
                head.append(h)
                body.append(b)
        end = row
        for grow in self._rows.values():
            grow.ensure(end)
        counts = np.fromiter((len(t) for t in terms), dtype=np.int64, count=len(terms))
        flat = (np.concatenate(terms).astype(np.int64) if terms else np.zeros(0, dtype=np.int64),
                np.repeat(np.arange(first, end, dtype=np.int32), counts),
                np.concatenate(head).astype(np.float32) if head else np.zeros(0, dtype=np.float32),
                np.concatenate(body).astype(np.float32) if body else np.zeros(0, dtype=np.float32))
        bounds = np.concatenate([[0], np.cumsum(counts)])
        head_len, body_len = (np.diff(np.concatenate([[0.0], np.cumsum(a, dtype=np.float64)])[bounds]) for a in flat[2:])
        r = self._rows
        r["live"].data[first:end] = True
        r["doc"].data[first:end] = doc_of
        r["head_len"].data[first:end] = head_len
        r["body_len"].data[first:end] = body_len
        r["type"].data[first:end] = type_of
        r["day"].data[first:end] = day_of
        self.chunk_ids.extend(chunk_ids)
        self.row_of.update(zip(chunk_ids, range(first, end)))
        self.n_live += end - first
        self.head_sum += float(head_len.sum())
        self.body_sum += float(body_len.sum())
        return flat

    def remove_document(self, doc_id: str) -> None:
        with self._lock:
            d = self.doc_index.get(doc_id)
            if d is None or d not in self._doc_rows:
                return
            self._changed()
            rows = self._doc_rows.pop(d)
            self._dead_postings = self._dead_postings or bool(rows)
            for row in rows:
                self.row_of.pop(self.chunk_ids[row], None)
            r = self._rows
            r["live"].data[rows] = False
            self.n_live -= len(rows)
            self.head_sum -= float(r["head_len"].data[rows].sum())
            self.body_sum -= float(r["body_len"].data[rows].sum())
            if not self._doc_ready.data[d]:
                self._unready -= 1
            self._doc_ready.data[d] = False

    def set_ready(self, doc_id: str, ready: bool = True) -> None:
        with self._lock:
            d = self.doc_index.get(doc_id)
            if d is None or d not in self._doc_rows or bool(self._doc_ready.data[d]) == ready:
                return
            self._changed()
            self._doc_ready.data[d] = ready
            self._unready += -1 if ready else 1

    def set_metadata(self, doc_id: str, doc_type: str, day: int) -> None:
        """A corrected type or date reaches the filter arrays without re-indexing the text."""
        with self._lock:
            self._changed()
            d = self.doc_index.get(doc_id)
            rows = self._doc_rows.get(d, []) if d is not None else []
            self._rows["type"].data[rows] = self._type_code(doc_type)
            self._rows["day"].data[rows] = day

    def is_ready(self, doc_id: str) -> bool:
        d = self.doc_index.get(doc_id)
        return d is not None and d in self._doc_rows and bool(self._doc_ready.data[d])

    @property
    def ready_count(self) -> int:
        """Committed documents held: O(1), so "is anything indexed?" costs nothing per question."""
        return len(self._doc_rows) - self._unready

    @property
    def held_count(self) -> int:
        """Documents held, committed or not."""
        return len(self._doc_rows)

    def ready_documents(self) -> frozenset[str]:
        """The committed documents' ids: one set per change of the matrix, not one per call.

        Why: questions ask for it (the vocabulary's and title index's version) and at 43k
        documents building it took 8 ms a time; the same object is returned until a change.
        """
        with self._lock:
            cached = self._ready_cache
            if cached is None or cached[0] != self._version:
                ready = frozenset(name for name, d in self.doc_index.items() if d in self._doc_rows and self._doc_ready.data[d])
                self._ready_cache = cached = (self._version, ready)
            return cached[1]

    def _doc_id(self, doc_id: str) -> int:
        return self.doc_index.setdefault(doc_id, len(self.doc_index))

    def _type_code(self, doc_type: str) -> int:
        return self._type_codes.setdefault(doc_type, len(self._type_codes))

    def _tail_postings(self) -> _Postings:
        if not self._tail:
            return (np.zeros(0, dtype=np.int64),) + _EMPTY
        return tuple(np.concatenate([p[i] for p in self._tail]) for i in range(4))

    def _merge(self, extra: _Postings | None = None) -> None:
        """Fold the tail (and ``extra`` postings) into the sorted base and drop dead rows' postings."""
        base = self._base
        parts = [(base.terms(), base.rows, base.head, base.body), self._tail_postings()]
        if extra is not None:
            parts.append(extra)
        terms, rows, head, body = (np.concatenate([p[i] for p in parts]) for i in range(4))
        keep = self._rows["live"].data[rows]
        self._base = _Base.sorted_from(terms[keep], rows[keep], head[keep].astype(np.float32), body[keep].astype(np.float32))
        self._tail, self._tail_size, self._tail_view = [], 0, None
        self._tf_cache, self._dead_postings = None, False
        self._changed()
        self.merges += 1

    # ------------------------------------------------------------ search
    def search(self, terms: list[int], k: int, params: BM25Params,
               where: KeywordFilter | None = None) -> list[tuple[str, float]]:
        """Best ``k`` (chunk id, BM25 score) among ready chunks that pass ``where``; best first."""
        with self._lock:
            n = self.n_live
            if n == 0 or not terms or k <= 0:
                return []
            n_rows = len(self.chunk_ids)
            hw = params.heading_weight
            denominator = self._row_denominators(params, n_rows)
            base, base_tf, tail = self._base, self._base_tf(hw), self._tail_csc()
            rows_parts, score_parts = [], []
            for term in dict.fromkeys(terms):
                df = self._df(term)
                if df == 0:
                    continue
                weight = idf(n, df) * (params.k1 + 1.0)
                lo, hi = base.span(term)
                if hi > lo:
                    rows, tf = base.rows[lo:hi], base_tf[lo:hi]
                    rows_parts.append(rows)
                    score_parts.append(weight * tf / (tf + denominator[rows]))
                lo, hi = tail.span(term)
                if hi > lo:
                    rows, tf = tail.rows[lo:hi], tail.body[lo:hi].astype(np.float64) + hw * tail.head[lo:hi]
                    rows_parts.append(rows)
                    score_parts.append(weight * tf / (tf + denominator[rows]))
            if not rows_parts:
                return []
            if len(rows_parts) == 1:
                cand, values = rows_parts[0], score_parts[0]
            else:  # one pass sums every term's contribution per row
                scores = np.bincount(np.concatenate(rows_parts), weights=np.concatenate(score_parts), minlength=n_rows)
                cand = np.flatnonzero(scores > 0)
                values = scores[cand]
            keep = values > 0
            cand, values = cand[keep], values[keep]
            allowed = self._allowed(where, cand)
            if allowed is not None:
                cand, values = cand[allowed], values[allowed]
            return self._top(cand, values, k)

    def _row_denominators(self, params: BM25Params, n_rows: int) -> np.ndarray:
        """``k1 * (1 - b + b * len / avg)`` per row, +inf for removed rows (so they score 0); cached."""
        key = (params.k1, params.b, params.heading_weight, self._version, n_rows)
        if self._norm_cache is not None and self._norm_cache[0] == key:
            return self._norm_cache[1]
        hw, r = params.heading_weight, self._rows
        avg = (self.body_sum + hw * self.head_sum) / self.n_live
        length = r["body_len"].data[:n_rows] + hw * r["head_len"].data[:n_rows]
        norm = 1.0 - params.b + params.b * (length / avg if avg > 0 else 1.0)
        # the floor keeps k1 = 0 well defined: tf / (tf + 0) for tf > 0, and 0 (not NaN) for tf = 0
        denominator = np.maximum(params.k1 * norm, 1e-300)
        denominator[~r["live"].data[:n_rows]] = np.inf
        self._norm_cache = (key, denominator)
        return denominator

    def _base_tf(self, hw: float) -> np.ndarray:
        """Every base posting's weighted tf (body + hw * heading); cached until the next merge."""
        if self._tf_cache is None or self._tf_cache[0] != hw:  # (a merge drops it)
            self._tf_cache = (hw, self._base.body.astype(np.float64) + hw * self._base.head)
        return self._tf_cache[1]

    def _tail_csc(self) -> _Base:
        """The tail sorted by term (rebuilt on the first search after a write; it is small)."""
        if self._tail_view is None:
            self._tail_view = _Base.sorted_from(*self._tail_postings())
        return self._tail_view

    def _df(self, term: int) -> int:
        """Live chunks holding ``term``; a plain slice length unless rows were removed since the merge."""
        df = self._df_cache.get(term)
        if df is None:
            rows, tail_rows = self._term_rows(term)
            if not self._dead_postings:
                df = len(rows) + len(tail_rows)
            else:
                live = self._rows["live"].data
                df = int(np.count_nonzero(live[rows])) + int(np.count_nonzero(live[tail_rows]))
            self._df_cache[term] = df
        return df

    def _term_rows(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self._base.span(term)
        tail = self._tail_csc()
        tlo, thi = tail.span(term)
        return self._base.rows[lo:hi], tail.rows[tlo:thi]

    def document_frequency(self, term: int) -> int:
        """How many live chunks hold ``term``."""
        with self._lock:
            return self._df(term)

    def _allowed(self, where: KeywordFilter | None, rows: np.ndarray) -> np.ndarray | None:
        """Which of ``rows`` a search may return, or None when all may (the common, cheapest case).

        Evaluated on the candidate rows only (lookup tables per code, not a pass over every row).
        """
        if (where is None or where.empty) and self._unready == 0:
            return None
        doc = self._rows["doc"].data[rows]
        mask = self._doc_ready.data[doc] if self._unready else np.ones(len(rows), dtype=bool)
        if where is None:
            return mask
        if where.types:
            allowed = np.zeros(len(self._type_codes) + 1, dtype=bool)
            allowed[[self._type_codes[t] for t in where.types if t in self._type_codes]] = True
            mask &= allowed[self._rows["type"].data[rows]]
        if where.doc_ids:
            wanted = np.zeros(len(self.doc_index) + 1, dtype=bool)
            wanted[[self.doc_index[d] for d in where.doc_ids if d in self.doc_index]] = True
            mask &= wanted[doc]
        if where.day_from or where.day_to:
            day = self._rows["day"].data[rows]
            if where.day_from:
                mask &= day >= where.day_from
            if where.day_to:
                mask &= (day <= where.day_to) & (day > 0)
        return mask

    def _top(self, cand: np.ndarray, values: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Best ``k``, ties broken by chunk id so results are stable across runs and rebuilds."""
        if len(cand) > k:
            threshold = np.partition(values, len(values) - k)[len(values) - k]
            keep = values >= threshold
            cand, values = cand[keep], values[keep]
        order = np.argsort(-values, kind="stable")
        cand, values = cand[order].tolist(), values[order].tolist()
        ids = self.chunk_ids
        if any(a == b for a, b in zip(values, values[1:])):  # equal scores (repeated text): order by chunk id
            ranked = sorted(zip(values, cand), key=lambda sv: (-sv[0], ids[sv[1]]))
            values, cand = [s for s, _ in ranked], [r for _, r in ranked]
        return [(ids[row], score) for score, row in zip(values[:k], cand[:k])]

    def memory(self) -> dict[str, int]:
        """Bytes held: ``arrays`` in process memory (postings, rows, caches), ``mapped`` (file-backed
        pages of the snapshot, shared and evictable), ``python`` (chunk ids and their lookups, estimated)."""
        with self._lock:
            arrays = [self._base.indptr, self._base.rows, self._base.head, self._base.body]
            arrays += [a for part in self._tail for a in part] + [g.data for g in self._rows.values()] + [self._doc_ready.data]
            arrays += [c[1] for c in (self._norm_cache, self._tf_cache) if c is not None]
            mapped = sum(a.nbytes for a in arrays if _is_mapped(a))
            strings = sum(sys.getsizeof(c) for c in self.chunk_ids) + sum(sys.getsizeof(d) for d in self.doc_index)
            python = (strings + sys.getsizeof(self.chunk_ids) + sys.getsizeof(self.row_of) + sys.getsizeof(self.doc_index)
                      + sum(sys.getsizeof(rows) for rows in self._doc_rows.values()) + sys.getsizeof(self._doc_rows)
                      + 28 * len(self.chunk_ids))  # the row ints
            return {"arrays": sum(a.nbytes for a in arrays) - mapped, "mapped": mapped, "python": python}

    # ------------------------------------------------------------ snapshot
    def save_snapshot(self, path: Path, meta: dict) -> None:
        """Write the matrix to ``path`` atomically (temp file, fsync, rename); ``meta`` goes in the header."""
        write_snapshot(path, *self.snapshot_parts(meta))

    def snapshot_parts(self, meta: dict) -> tuple[dict[str, np.ndarray], dict]:
        """The arrays and header of a snapshot, taken under the lock (the slow file write is not).

        The base's arrays are shared, not copied: a merge replaces them rather than writing into them.
        """
        with self._lock:
            n_rows, n_docs = len(self.chunk_ids), len(self.doc_index)
            arrays = {"indptr": self._base.indptr, "rows": self._base.rows, "head": self._base.head, "body": self._base.body}
            arrays.update(zip(("tail_terms", "tail_rows", "tail_head", "tail_body"), self._tail_postings()))
            arrays.update((f"row_{name}", grow.data[:n_rows].copy()) for name, grow in self._rows.items())
            held = np.zeros(n_docs, dtype=bool)
            held[list(self._doc_rows)] = True
            arrays["doc_ready"], arrays["doc_held"] = self._doc_ready.data[:n_docs].copy(), held
            strings = {"chunk_ids": list(self.chunk_ids), "doc_ids": list(self.doc_index), "types": list(self._type_codes)}
            return arrays, {"meta": meta, "strings": strings, "dead_postings": self._dead_postings}

    @classmethod
    def load_snapshot(cls, path: Path) -> tuple[PostingsMatrix, dict]:
        """The matrix saved at ``path`` (base postings mapped read-only) and its ``meta``.

        Raises ``SnapshotError`` for anything unusable; the caller rebuilds from its source of truth.
        """
        header, arrays = _read_arrays(Path(path))
        try:
            strings = header["strings"]
            m = cls()
            m._base = _Base(arrays["indptr"], arrays["rows"], arrays["head"], arrays["body"])
            if len(arrays["tail_terms"]):
                m._tail = [tuple(np.array(arrays[f"tail_{n}"]) for n in ("terms", "rows", "head", "body"))]
                m._tail_size = len(arrays["tail_terms"])
            m.chunk_ids = list(strings["chunk_ids"])
            n_rows = len(m.chunk_ids)
            for name, dtype in _ROW_ARRAYS.items():
                column = arrays[f"row_{name}"]
                if len(column) != n_rows or column.dtype != np.dtype(dtype):
                    raise SnapshotError(f"row array {name} does not match {n_rows} chunks")
                m._rows[name] = _Grow(dtype, column)
            m.doc_index = {d: i for i, d in enumerate(strings["doc_ids"])}
            m._type_codes = {t: i for i, t in enumerate(strings["types"])}
            m._doc_ready = _Grow(bool, arrays["doc_ready"])
            live = m._rows["live"].data[:n_rows]
            live_rows = np.flatnonzero(live)
            ids = m.chunk_ids
            m.row_of = {ids[r]: r for r in live_rows.tolist()}
            docs = m._rows["doc"].data[live_rows]
            order = np.argsort(docs, kind="stable")
            rows_by_doc, docs_sorted = live_rows[order].tolist(), docs[order].tolist()
            starts = [0, *(np.flatnonzero(np.diff(docs[order])) + 1).tolist(), len(rows_by_doc)]
            m._doc_rows = {int(d): [] for d in np.flatnonzero(arrays["doc_held"])}
            for lo, hi in zip(starts, starts[1:]):
                if hi > lo:
                    m._doc_rows[docs_sorted[lo]] = rows_by_doc[lo:hi]
            m._unready = sum(1 for d in m._doc_rows if not m._doc_ready.data[d])
            m.n_live = len(live_rows)
            m._dead_postings = bool(header.get("dead_postings", True))
            m.head_sum = float(m._rows["head_len"].data[:n_rows][live].sum())
            m.body_sum = float(m._rows["body_len"].data[:n_rows][live].sum())
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise SnapshotError(f"snapshot {path} is inconsistent: {exc}") from exc
        return m, header["meta"]


_EMPTY = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.float32))


def _is_mapped(array: np.ndarray) -> bool:
    while array is not None:
        if isinstance(array, np.memmap) or isinstance(array, mmap.mmap):
            return True
        array = array.base if isinstance(array, np.ndarray) else None
    return False


def write_snapshot(path: Path, arrays: dict[str, np.ndarray], header: dict) -> None:
    """Header (JSON) then each array at a 64-byte boundary, CRC32 of the data region in the header;
    written to a temp file, fsynced and renamed over ``path``, so a reader sees the old or the new file.

    Readers that mapped an earlier snapshot keep their (unlinked) copy until they drop it.
    """
    arrays = {name: np.ascontiguousarray(array) for name, array in arrays.items()}
    layout, position, crc = {}, 0, 0
    for name, array in arrays.items():  # first pass: layout and checksum, without copying the arrays
        gap = -position % _ALIGN
        crc = zlib.crc32(array.data.cast("B") if array.nbytes else b"", zlib.crc32(bytes(gap), crc))
        layout[name] = {"dtype": array.dtype.str, "shape": list(array.shape), "offset": position + gap}
        position += gap + array.nbytes
    head = json.dumps({"format": _SNAPSHOT_FORMAT, "arrays": layout, "data_bytes": position, "crc32": crc, **header}).encode()
    start = _data_start(len(head))
    path = Path(path)
    _remove_orphans(path)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as out:
            out.write(_SNAPSHOT_MAGIC + len(head).to_bytes(8, "little") + head)
            out.write(bytes(start - out.tell()))
            for name, array in arrays.items():
                out.write(bytes(start + layout[name]["offset"] - out.tell()))
                if array.nbytes:
                    out.write(array.data.cast("B"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _remove_orphans(path: Path) -> None:
    """Temp files of writers that died mid-write (their process is gone): each can be as big as the snapshot."""
    for tmp in path.parent.glob(f"{path.name}.*.*.tmp"):
        try:
            pid = int(tmp.name[len(path.name) + 1 :].split(".")[0])
            os.kill(pid, 0)  # raises if no such process
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except (ValueError, PermissionError, OSError):
            continue  # not ours to judge: a name we did not write, or another user's live process


def _data_start(header_bytes: int) -> int:
    return -(-(len(_SNAPSHOT_MAGIC) + 8 + header_bytes) // _ALIGN) * _ALIGN


def _read_arrays(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """Map ``path`` and return its header and read-only array views; ``SnapshotError`` if unusable."""
    try:
        with open(path, "rb") as f:
            if f.read(len(_SNAPSHOT_MAGIC)) != _SNAPSHOT_MAGIC:
                raise SnapshotError(f"{path} is not a keyword snapshot")
            size = int.from_bytes(f.read(8), "little")
            header = json.loads(f.read(size))
        if header.get("format") != _SNAPSHOT_FORMAT:
            raise SnapshotError(f"{path} has format {header.get('format')}, not {_SNAPSHOT_FORMAT}")
        start = _data_start(size)
        total = os.path.getsize(path)
        if total != start + header["data_bytes"]:
            raise SnapshotError(f"{path} is {total} bytes, expected {start + header['data_bytes']} (truncated?)")
        data = np.memmap(path, dtype=np.uint8, mode="r", offset=start) if header["data_bytes"] else np.zeros(0, np.uint8)
        if zlib.crc32(data) != header["crc32"]:
            raise SnapshotError(f"{path} fails its checksum")
        arrays = {}
        for name, spec in header["arrays"].items():
            dtype, shape = np.dtype(spec["dtype"]), tuple(spec["shape"])
            nbytes = dtype.itemsize * math.prod(shape)
            arrays[name] = data[spec["offset"] : spec["offset"] + nbytes].view(dtype).reshape(shape)
        return header, arrays
    except SnapshotError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SnapshotError(f"cannot read snapshot {path}: {exc}") from exc

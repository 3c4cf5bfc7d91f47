"""Vectorised BM25 over an in-memory, term-major postings matrix.

Why: scoring a query term by pulling every one of its postings into Python costs a row per chunk,
so a common word at 100k chunks took ~100 ms. Here each term's postings are a slice of NumPy
arrays (a CSC-style layout: ``indptr``/``rows``/``head``/``body``), scored in one vectorised
expression and accumulated into a dense score array; the top ``k`` come from ``argpartition``.

Writes are incremental: new documents go to a small *tail* (term -> postings lists) that search
reads alongside the sorted *base*; a removed document's rows are flagged dead. When the tail grows
past a quarter of the base the two are merged (amortised O(postings log postings)). Collection
statistics (live chunks, summed field lengths) are running totals, never recomputed per query.
Filters (document type, document ids, date range, readiness) become a row mask applied inside the
search, before the top ``k`` is taken, so a filtered query still gets its ``k`` best matches.

Usage::

    m = PostingsMatrix()
    m.add_document("d1", [("d1:00000", np.array([3, 7]), np.array([0, 1]), np.array([2, 1]))])
    m.search([3], k=10, params=BM25Params())
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field

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


class _Grow:
    """A NumPy array that grows by doubling, so appending a row is amortised O(1)."""

    def __init__(self, dtype) -> None:
        self.data = np.zeros(1024, dtype=dtype)

    def ensure(self, size: int) -> None:
        if size > len(self.data):
            bigger = np.zeros(max(size, 2 * len(self.data)), dtype=self.data.dtype)
            bigger[: len(self.data)] = self.data
            self.data = bigger


@dataclass
class _Base:
    """Sorted postings: term ``t`` owns ``rows[indptr[t]:indptr[t+1]]`` (and the same slice of tfs)."""

    indptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    head: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    body: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))

    def postings(self, term: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if term + 1 >= len(self.indptr):
            return _EMPTY
        lo, hi = self.indptr[term], self.indptr[term + 1]
        return self.rows[lo:hi], self.head[lo:hi], self.body[lo:hi]


_EMPTY = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.float32))


class PostingsMatrix:
    """All chunks' term frequencies, searchable with BM25; thread-safe (one lock, short holds)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.chunk_ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self._live = _Grow(bool)
        self._doc = _Grow(np.int32)
        self._head_len = _Grow(np.float64)
        self._body_len = _Grow(np.float64)
        self._type = _Grow(np.int16)
        self._day = _Grow(np.int32)
        self.doc_index: dict[str, int] = {}
        self._doc_ready = _Grow(bool)
        self._doc_rows: dict[int, list[int]] = {}
        self._type_codes: dict[str, int] = {}
        self._base = _Base()
        self._tail: dict[int, list[tuple[int, float, float]]] = {}
        self._tail_size = 0
        self.n_live = 0
        self.head_sum = 0.0
        self.body_sum = 0.0
        self._unready = 0  # documents held but not yet committed: the ready mask is needed only then

    # ------------------------------------------------------------ writes
    def add_document(self, doc_id: str, chunks: list[ChunkTerms], doc_type: str = "other", day: int = 0,
                     ready: bool = True) -> None:
        """Add (or replace) one document's chunks (postings go to the tail)."""
        with self._lock:
            for row, (_, terms, head, body) in zip(self._register(doc_id, chunks, doc_type, day, ready), chunks):
                for t, h, b in zip(terms.tolist(), head.tolist(), body.tolist()):
                    self._tail.setdefault(t, []).append((row, h, b))
                self._tail_size += len(terms)
            if self._tail_size > max(50_000, len(self._base.rows) // 16):
                self._merge()

    def add_many(self, documents: list[tuple[str, list[ChunkTerms], str, int, bool]]) -> None:
        """Load many documents at once (opening an index): one sort of all postings, no Python per posting."""
        with self._lock:
            terms, rows, head, body = [], [], [], []
            for doc_id, chunks, doc_type, day, ready in documents:
                for row, (_, t, h, b) in zip(self._register(doc_id, chunks, doc_type, day, ready), chunks):
                    terms.append(t)
                    rows.append(np.full(len(t), row, dtype=np.int32))
                    head.append(h)
                    body.append(b)
            if terms:
                self._merge((np.concatenate(terms).astype(np.int64), np.concatenate(rows),
                             np.concatenate(head).astype(np.float32), np.concatenate(body).astype(np.float32)))

    def _register(self, doc_id: str, chunks: list[ChunkTerms], doc_type: str, day: int, ready: bool) -> list[int]:
        """Give the document's chunks rows (replacing an earlier copy); returns the rows."""
        self.remove_document(doc_id)
        d = self._doc_id(doc_id)
        self._doc_ready.ensure(d + 1)
        self._doc_ready.data[d] = ready
        self._unready += 0 if ready else 1
        code = self._type_code(doc_type)
        rows = self._doc_rows.setdefault(d, [])
        first = len(self.chunk_ids)
        for grow in (self._live, self._doc, self._head_len, self._body_len, self._type, self._day):
            grow.ensure(first + len(chunks))
        for chunk_id, _, head, body in chunks:
            row = len(self.chunk_ids)
            self.chunk_ids.append(chunk_id)
            self.row_of[chunk_id] = row
            head_len, body_len = float(head.sum()), float(body.sum())
            self._live.data[row], self._doc.data[row] = True, d
            self._head_len.data[row], self._body_len.data[row] = head_len, body_len
            self._type.data[row], self._day.data[row] = code, day
            self.n_live += 1
            self.head_sum += head_len
            self.body_sum += body_len
            rows.append(row)
        return rows[-len(chunks):] if chunks else []

    def remove_document(self, doc_id: str) -> None:
        with self._lock:
            d = self.doc_index.get(doc_id)
            if d is None or d not in self._doc_rows:
                return
            for row in self._doc_rows.pop(d):
                self.row_of.pop(self.chunk_ids[row], None)
                self._live.data[row] = False
                self.n_live -= 1
                self.head_sum -= self._head_len.data[row]
                self.body_sum -= self._body_len.data[row]
            if not self._doc_ready.data[d]:
                self._unready -= 1
            self._doc_ready.data[d] = False

    def set_ready(self, doc_id: str, ready: bool = True) -> None:
        with self._lock:
            d = self.doc_index.get(doc_id)
            if d is None or d not in self._doc_rows or bool(self._doc_ready.data[d]) == ready:
                return
            self._doc_ready.data[d] = ready
            self._unready += -1 if ready else 1

    def set_metadata(self, doc_id: str, doc_type: str, day: int) -> None:
        """A corrected type or date reaches the filter arrays without re-indexing the text."""
        with self._lock:
            d = self.doc_index.get(doc_id)
            rows = self._doc_rows.get(d, []) if d is not None else []
            self._type.data[rows] = self._type_code(doc_type)
            self._day.data[rows] = day

    def is_ready(self, doc_id: str) -> bool:
        d = self.doc_index.get(doc_id)
        return d is not None and d in self._doc_rows and bool(self._doc_ready.data[d])

    @property
    def ready_count(self) -> int:
        """Committed documents held: O(1), so "is anything indexed?" costs nothing per question."""
        return len(self._doc_rows) - self._unready

    def ready_documents(self) -> set[str]:
        with self._lock:
            return {name for name, d in self.doc_index.items() if d in self._doc_rows and self._doc_ready.data[d]}

    def _doc_id(self, doc_id: str) -> int:
        return self.doc_index.setdefault(doc_id, len(self.doc_index))

    def _type_code(self, doc_type: str) -> int:
        return self._type_codes.setdefault(doc_type, len(self._type_codes))

    def _merge(self, extra: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None) -> None:
        """Fold the tail (and ``extra`` postings) into the sorted base and drop dead rows' postings."""
        tail_terms = np.fromiter((t for t, ps in self._tail.items() for _ in ps), dtype=np.int64, count=self._tail_size)
        tail = np.array([p for ps in self._tail.values() for p in ps], dtype=np.float64).reshape(-1, 3)
        base = self._base
        base_terms = np.repeat(np.arange(len(base.indptr) - 1, dtype=np.int64), np.diff(base.indptr))
        parts = [(base_terms, base.rows, base.head, base.body),
                 (tail_terms, tail[:, 0].astype(np.int32), tail[:, 1].astype(np.float32), tail[:, 2].astype(np.float32))]
        if extra is not None:
            parts.append(extra)
        terms, rows, head, body = (np.concatenate([p[i] for p in parts]) for i in range(4))
        keep = self._live.data[rows]
        terms, rows, head, body = terms[keep], rows[keep], head[keep], body[keep]
        order = np.lexsort((rows, terms))
        n_terms = int(terms.max()) + 1 if len(terms) else 0
        indptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=n_terms), out=indptr[1:])
        self._base = _Base(indptr, rows[order], head[order], body[order])
        self._tail, self._tail_size = {}, 0

    # ------------------------------------------------------------ search
    def search(self, terms: list[int], k: int, params: BM25Params,
               where: KeywordFilter | None = None) -> list[tuple[str, float]]:
        """Best ``k`` (chunk id, BM25 score) among ready chunks that pass ``where``; best first."""
        with self._lock:
            n = self.n_live
            if n == 0 or not terms or k <= 0:
                return []
            hw = params.heading_weight
            avg = (self.body_sum + hw * self.head_sum) / n
            n_rows = len(self.chunk_ids)
            live = self._live.data[:n_rows]
            head_len, body_len = self._head_len.data[:n_rows], self._body_len.data[:n_rows]
            scores = np.zeros(n_rows, dtype=np.float64)
            touched = []
            for term in set(terms):
                rows, head, body = self._postings(term)
                alive = live[rows]
                rows, head, body = rows[alive], head[alive], body[alive]
                if len(rows) == 0:
                    continue
                tf = body.astype(np.float64) + hw * head
                length = body_len[rows] + hw * head_len[rows]
                norm = 1.0 - params.b + params.b * (length / avg if avg > 0 else 1.0)
                scores[rows] += idf(n, len(rows)) * tf * (params.k1 + 1.0) / (tf + params.k1 * norm)
                touched.append(rows)
            if not touched:
                return []
            cand = np.flatnonzero(scores)  # every contribution is positive: a linear scan beats sorting the postings
            mask = self._mask(where, n_rows)
            if mask is not None:
                cand = cand[mask[cand]]
            values = scores[cand]
            positive = values > 0
            cand, values = cand[positive], values[positive]
            return self._top(cand, values, k)

    def document_frequency(self, term: int) -> int:
        """How many live chunks hold ``term``."""
        with self._lock:
            rows, _, _ = self._postings(term)
            return int(self._live.data[rows].sum()) if len(rows) else 0

    def _postings(self, term: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rows, head, body = self._base.postings(term)
        extra = self._tail.get(term)
        if not extra:
            return rows, head, body
        more = np.array(extra, dtype=np.float64).reshape(-1, 3)
        return (np.concatenate([rows, more[:, 0].astype(np.int32)]), np.concatenate([head, more[:, 1].astype(np.float32)]),
                np.concatenate([body, more[:, 2].astype(np.float32)]))

    def _mask(self, where: KeywordFilter | None, n_rows: int) -> np.ndarray | None:
        """Rows a search may return, or None when every live row may (the common, cheapest case)."""
        if (where is None or where.empty) and self._unready == 0:
            return None
        doc = self._doc.data[:n_rows]
        mask = self._doc_ready.data[doc]
        if where is None:
            return mask
        if where.types:
            codes = [self._type_codes[t] for t in where.types if t in self._type_codes]
            mask &= np.isin(self._type.data[:n_rows], codes)
        if where.doc_ids:
            wanted = [self.doc_index[d] for d in where.doc_ids if d in self.doc_index]
            mask &= np.isin(doc, wanted)
        day = self._day.data[:n_rows]
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
        ranked = sorted(zip(values.tolist(), (self.chunk_ids[r] for r in cand.tolist())), key=lambda sv: (-sv[0], sv[1]))
        return [(cid, score) for score, cid in ranked[:k]]

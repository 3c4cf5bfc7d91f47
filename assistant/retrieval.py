"""Hybrid retrieval: dense (Chroma) and keyword (BM25) rankings fused, filtered and tidied.

Only chunks of committed (ready) documents are returned. Near-duplicate passages are dropped and
a passage cut mid-sentence is joined with the next chunk of its section, so an answer that spans a
chunk boundary is whole.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, Field

from indexing.embeddings import Embedder
from indexing.keyword import KeywordFilter, KeywordIndex, analyse
from indexing.models import chunk_id, doc_of
from indexing.store import ChromaStore, StoredChunk, day_number


class Filters(BaseModel):
    """Metadata filters shared by the CLI, UI and API."""

    types: list[str] = Field(default_factory=list)
    doc_ids: list[str] = Field(default_factory=list)
    date_from: str | None = None  # YYYY-MM-DD inclusive
    date_to: str | None = None

    @property
    def narrowing(self) -> bool:
        """Whether any filter is set (routing to the register or a summary applies only without)."""
        return bool(self.types or self.doc_ids or self.date_from or self.date_to)

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        if self.types:
            clauses.append({"type": {"$in": list(self.types)}})
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if self.date_from:
            clauses.append({"published_day": {"$gte": _day(self.date_from)}})
        if self.date_to:
            clauses.append({"published_day": {"$lte": _day(self.date_to)}})
            clauses.append({"published_day": {"$gt": 0}})  # 0 = no known date: not "published on or before"
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def keyword_filter(self) -> KeywordFilter:
        """The same filter in the keyword index's plain terms, applied inside its search."""
        return KeywordFilter(types=tuple(self.types), doc_ids=tuple(self.doc_ids),
                             day_from=_day(self.date_from) if self.date_from else None,
                             day_to=_day(self.date_to) if self.date_to else None)

    def accepts(self, meta: dict[str, Any]) -> bool:
        if self.types and meta.get("type") not in self.types:
            return False
        if self.doc_ids and meta.get("doc_id") not in self.doc_ids:
            return False
        day = int(meta.get("published_day") or 0)
        if self.date_from and day < _day(self.date_from):
            return False
        if self.date_to and (day > _day(self.date_to) or day == 0):
            return False
        return True


def _day(value: str) -> int:
    """A filter date must parse: an unknown published date is 0, a bad filter date is an error."""
    day = day_number(value)
    if day == 0:
        raise ValueError(f"dates must be YYYY-MM-DD, got {value!r}")
    return day


@dataclass
class Passage:
    chunk_id: str
    doc_id: str
    title: str
    source: str
    section: str
    page: int | None
    text: str
    chunk_index: int
    score: float = 0.0
    dense: float | None = None  # cosine similarity, when the dense side found it
    keyword: float | None = None
    doc_type: str = "other"
    published: str | None = None
    joined: list[str] = field(default_factory=list)
    # a passage joined with a chunk from the next page: that page, and where in ``text`` its words begin
    last_page: int | None = None
    break_at: int | None = None

    def continued_from(self, following: StoredChunk, text: str) -> "Passage":
        """This passage with ``text`` (its own text and then ``following``'s), keeping which page each part is on.

        Why: a list or sentence joined across a page break was cited with its first page only, so
        items read from page 2 sent the reader to page 1.
        """
        page = following.meta.get("page")
        onto = int(page) if page is not None and self.page is not None and int(page) != self.page else None
        own = len(self.text.rstrip())
        return replace(self, text=text, joined=[*self.joined, following.chunk_id],
                       last_page=onto or self.last_page, break_at=own if onto else self.break_at)

    def pages_of(self, quote: str) -> tuple[int | None, int | None]:
        """The first and last page (None when the same) of the parts of ``text`` that ``quote`` quotes.

        ``quote`` is one or more pieces joined by " … " (items of a list); a piece not found in
        ``text`` (reworded for the answer) is counted as on either page.
        """
        if self.last_page is None or self.break_at is None:
            return self.page, None
        pages: set[int | None] = set()
        for piece in (x.strip() for x in quote.split(" …")):
            at = self.text.find(piece[:60]) if piece else -1  # (a reworded end still finds where it starts)
            if at < 0:
                pages.update((self.page, self.last_page))
            else:
                pages.add(self.page if at < self.break_at else self.last_page)
                if at < self.break_at < at + len(piece):
                    pages.add(self.last_page)
        first, last = min(pages), max(pages)  # type: ignore[type-var]
        return first, (last if last != first else None)

    def spans(self, page: int | None, last_page: int | None = None) -> bool:
        """Whether this passage's pages hold a citation's ``page`` (to ``last_page``)."""
        own = {self.page, self.last_page} - {None} or {None}
        return page in own or (last_page is not None and last_page in own)

    def of_year(self, years) -> bool:
        """Published in one of ``years``, or titled with it: a document of that year, not one that only mentions it."""
        return any((self.published or "").startswith(y) or y in self.title for y in years)

    @classmethod
    def from_chunk(cls, c: StoredChunk) -> "Passage":
        m = c.meta
        return cls(
            chunk_id=c.chunk_id,
            doc_id=str(m["doc_id"]),
            title=str(m.get("title", "")),
            source=str(m.get("source", "")),
            section=str(m.get("section") or ""),
            page=int(m["page"]) if m.get("page") is not None else None,
            text=c.text,
            chunk_index=int(m.get("chunk_index", 0)),
            doc_type=str(m.get("type", "other")),
            published=str(m.get("published") or "") or None,
        )


@dataclass
class Retrieved:
    passages: list[Passage]
    best_dense: float  # highest cosine similarity among all dense candidates (for refusal)
    candidates: int
    timings_ms: dict[str, float] = field(default_factory=dict)  # per stage, for benchmarks and --json
    # The few nearest chunks by meaning alone (ids and cosines, dense order), whatever their fused
    # rank: the keyword side ranks a paraphrase's answer low when the question's everyday words
    # ("fill in the form") match other passages; a caller may look for its answering line among
    # these (``HybridRetriever.fetched`` reads their text).
    dense_top: list[tuple[str, float]] = field(default_factory=list)
    # heading paths of sections the question asks for in other words than theirs (the chain's ``_meant_section``)
    sections: frozenset[str] = frozenset()


class HybridRetriever:
    """``retrieve(query, k, filters)``; the store and keyword index are opened by the caller.

    Per question the work is: one query embedding, one dense search, one keyword search, fusion,
    and fetching the text of the few passages kept. Which documents are committed comes from the
    keyword index's in-memory list (kept current on ingest and by ``IndexRefresher``), never from
    listing Chroma's documents.
    """

    def __init__(self, store: ChromaStore, embedder: Embedder, keyword: KeywordIndex, *, candidate_k: int = 300,
                 dense_weight: float = 0.4, rrf_k: int = 60, fusion: str = "score", dense_top_k: int = 10) -> None:
        """Cheap and I/O-free; the defaults are the settings' defaults (tuned on the SciFact train split)."""
        if not 0.0 <= dense_weight <= 1.0:
            raise ValueError("dense_weight must be between 0 and 1")
        if fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {', '.join(FUSIONS)}, got {fusion!r}")
        self.store = store
        self.embedder = embedder
        self.keyword = keyword
        self.candidate_k = candidate_k
        self.dense_weight = dense_weight
        self.rrf_k = rrf_k
        self.fusion = fusion
        self.dense_top_k = dense_top_k  # how many of the nearest chunks by meaning ``Retrieved.dense_top`` keeps

    def retrieve(self, query: str, k: int = 5, filters: Filters | None = None, mode: str = "hybrid",
                 dense_weight: float | None = None) -> Retrieved:
        """``dense_weight``: this search's share for the dense side (default: the retriever's)."""
        filters = filters or Filters()
        where = filters.chroma_where()  # validates the dates before any work
        clock = _Clock()
        vector = self.embedder.embed_query(query)
        clock.lap("embed")
        ready = self.keyword.is_ready
        dense_hits = [(cid, score) for cid, score in self.store.nearest(vector, self.candidate_k, where) if ready(doc_of(cid))]
        clock.lap("dense")
        keyword_hits = self.keyword.search(query, self.candidate_k, where=filters.keyword_filter()) if mode != "dense" else []
        clock.lap("keyword")
        dense_used = [] if mode == "keyword" else dense_hits
        weight = self.dense_weight if dense_weight is None else dense_weight
        fused = fuse(dense_used, keyword_hits, weight, self.fusion, self.rrf_k)
        order = sorted(fused, key=fused.get, reverse=True)
        clock.lap("fusion")
        passages = self._passages(order, fused, dict(dense_used), dict(keyword_hits), k)
        top = [self.join_next(p) for p in passages]
        clock.lap("passages")
        best = max((score for _, score in dense_hits), default=0.0)
        dense_top = [] if mode == "keyword" else dense_hits[: self.dense_top_k]
        return Retrieved(passages=top, best_dense=best, candidates=len(fused), timings_ms=clock.laps, dense_top=dense_top)

    def _passages(self, order: list[str], fused: dict[str, float], dense: dict[str, float],
                  keyword: dict[str, float], k: int) -> list[Passage]:
        """The first ``k`` non-duplicate passages in fused order; text fetched only for those looked at."""
        known: dict[str, StoredChunk] = {}
        kept: list[Passage] = []
        kept_terms: list[set[str]] = []
        start = 0
        while start < len(order) and len(kept) < k:
            window = order[start : start + max(2 * (k - len(kept)), 8)]
            start += len(window)
            missing = [cid for cid in window if cid not in known]
            known.update((c.chunk_id, c) for c in self.store.get_chunks(missing))
            for cid in window:
                chunk = known.get(cid)
                if chunk is None or len(kept) >= k:
                    continue  # removed since the keyword index saw it
                p = Passage.from_chunk(chunk)
                p.score, p.keyword = fused[cid], keyword.get(cid)
                p.dense = dense.get(cid)
                terms = set(analyse(p.text))
                if any(_near_copy(terms, other, 0.85) for other in kept_terms):
                    continue
                kept.append(p)
                kept_terms.append(terms)
        return kept

    def fetched(self, hits: list[tuple[str, float]]) -> list[Passage]:
        """Passages for dense hits (ids and cosines), in their order; a chunk removed since is skipped."""
        chunks = {c.chunk_id: c for c in self.store.get_chunks([cid for cid, _ in hits])}
        out = []
        for cid, score in hits:
            if cid in chunks:
                p = Passage.from_chunk(chunks[cid])
                p.dense = p.score = score
                out.append(p)
        return out

    def completed(self, p: Passage) -> Passage:
        """``p`` as ``retrieve`` returns its passages: joined with the next chunk when cut mid-sentence."""
        return p if p.joined else self.join_next(p)

    def join_next(self, p: Passage) -> Passage:
        """A passage that stops mid-sentence gets the rest of its section's next chunk.

        One that ends with a table row ("R3 - Owner: CSL; Timescale: by 2020") has not stopped
        mid-sentence: rows carry no full stop, and joining ran the next chunk's first row into it.
        """
        if re.search(r"[.!?:\"')\]]\s*$", p.text) or _ENDS_WITH_ROW.search(p.text):
            return p
        nxt = self.store.get_chunks([chunk_id(p.doc_id, p.chunk_index + 1)])
        if not nxt or (nxt[0].meta.get("section") or "") != p.section or not _same_or_next_page(p.page, nxt[0].meta.get("page")):
            return p  # a sentence cut by a page break is joined too; the passage keeps its first page
        return p.continued_from(nxt[0], _merge_overlap(p.text, nxt[0].text))


_ENDS_WITH_ROW = re.compile(r"(?:^|\n)[^:;\n]{1,80}(?: - [^:;\n]{1,60}: [^\n]+; [^\n]+| \([^()\n]{1,60}\): \S[^\n]*)\s*$")


def _same_or_next_page(page: int | None, following) -> bool:
    if page is None or following is None:
        return page is None and following is None
    return int(following) in (page, page + 1)


FUSIONS = ("rrf", "score")


def fuse(dense: list[tuple[str, float]], keyword: list[tuple[str, float]], dense_weight: float,
         method: str = "rrf", rrf_k: int = 60) -> dict[str, float]:
    """Fused score per id from two best-first (id, score) lists; the weight falls to 1 for a lone side.

    ``rrf``: weighted reciprocal rank fusion, blind to the two sides' incomparable score scales.
    ``score``: each side's scores min-max normalised over its candidates, then a weighted sum; it
    keeps how far apart candidates are, which ranks alone throw away.
    """
    w = dense_weight if dense and keyword else (1.0 if dense else 0.0)
    out: dict[str, float] = {}
    for side, weight in ((dense, w), (keyword, 1.0 - w)):
        gains = _min_max(side) if method == "score" else {item: 1.0 / (rrf_k + rank + 1) for rank, (item, _) in enumerate(side)}
        for item, gain in gains.items():
            out[item] = out.get(item, 0.0) + weight * gain
    return out


def _min_max(side: list[tuple[str, float]]) -> dict[str, float]:
    """Scores mapped to 0..1 over the candidate list (all 1 when they are equal)."""
    if not side:
        return {}
    values = [v for _, v in side]
    low, high = min(values), max(values)
    return {item: (v - low) / (high - low) if high > low else 1.0 for item, v in side}


def _merge_overlap(first: str, second: str) -> str:
    """Join two chunks that share an overlap, without repeating it."""
    for size in range(min(len(first), len(second), 600), 15, -1):
        if first.endswith(second[:size]):
            return first + second[size:]
    return first + " " + second


def _near_copy(a: set[str], b: set[str], threshold: float) -> bool:
    """Jaccard >= threshold; sets of very different sizes cannot get there, so skip the intersection."""
    small, large = sorted((len(a), len(b)))
    return small >= threshold * large and _jaccard(a, b) >= threshold


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def merge_retrieved(results: list[Retrieved], k: int) -> Retrieved:
    """Round-robin merge of the rankings for a question's parts, each passage once.

    Each part keeps its own best passages in the answer's context, so up to one extra passage per
    part beyond ``k`` is kept.
    """
    if len(results) == 1:
        return results[0]
    merged: list[Passage] = []
    seen: set[str] = set()
    for rank in range(max((len(r.passages) for r in results), default=0)):
        for r in results:
            if rank < len(r.passages) and r.passages[rank].chunk_id not in seen:
                seen.add(r.passages[rank].chunk_id)
                merged.append(r.passages[rank])
    timings: dict[str, float] = {}
    for r in results:
        for stage, ms in r.timings_ms.items():
            timings[stage] = timings.get(stage, 0.0) + ms
    return Retrieved(passages=merged[: k + len(results)], best_dense=max(r.best_dense for r in results),
                     candidates=sum(r.candidates for r in results), timings_ms=timings)


class _Clock:
    """Milliseconds per stage, in the order the stages ran."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(1000 * (now - self._last), 3)
        self._last = now

"""One register entry per recommendation, however many documents state it.

Records from different documents join when they are the same recommendation: the same
reference ("R5" in the report and in its summary) with related wording, an item that says it
*is* that reference ("This is recommendation R5"), or near-identical wording. Grouping runs at
read time over the ready records, so removing a document can never leave a stale merge.

Usage: ``entries = group_records(register.records(ready))``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from indexing.rec_register import RecommendationRecord
from indexing.recommendations import fuller_field

SAME_REF_MIN = 0.55  # cosine: same reference, related wording
CITED_REF_MIN = 0.45  # cosine: "this is recommendation R5" and R5 itself
SAME_TEXT_MIN = 0.88  # cosine: the same recommendation without any reference
COUNTED_REF_MIN = 0.75  # cosine: the same bare number ("1", "Recommendation 1") in two documents


@dataclass
class Entry:
    """A register entry: the fullest statement of a recommendation and every place it is made."""

    entry_id: str
    ref: str | None
    title: str | None
    text: str
    owner: str | None
    timescale: str | None
    theme: str
    published: str | None
    sources: list[RecommendationRecord] = field(default_factory=list)

    def public(self) -> dict:
        return {
            "entry_id": self.entry_id, "ref": self.ref, "title": self.title, "text": self.text, "owner": self.owner,
            "timescale": self.timescale, "theme": self.theme, "published": self.published,
            "sources": [{k: s.public()[k] for k in ("rec_id", "doc_id", "source", "doc_title", "section", "page", "published", "ref", "chunk_id")}
                        for s in self.sources],
        }


def group_records(records: Sequence[RecommendationRecord]) -> list[Entry]:
    """Union records that are the same recommendation; entries in order of first publication."""
    n = len(records)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if n:
        vectors = np.asarray([r.vector for r in records], dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        sims = vectors @ vectors.T
        for i in range(n):
            for j in range(i + 1, n):
                if _same(records[i], records[j], float(sims[i, j])):
                    parent[find(j)] = find(i)
    groups: dict[int, list[RecommendationRecord]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(records[i])
    entries = [entry_of(members) for members in groups.values()]
    return sorted(entries, key=lambda e: (e.published or "9999", e.sources[0].source, e.sources[0].position))


def _same(a: RecommendationRecord, b: RecommendationRecord, cosine: float) -> bool:
    ref_a, ref_b = _norm(a.ref), _norm(b.ref)
    if a.doc_id == b.doc_id:
        return ref_a is not None and ref_a == ref_b and cosine >= SAME_REF_MIN
    # a bare number is each document's own count, not a name the recommendation keeps across documents
    # ("R5"): the fire survey's "1." and the police review's "1.", both on a national standard (0.57),
    # and a survey's 2022 and 2025 editions' "Recommendation 1" (0.66) are different recommendations; so are
    # a Welsh survey's "4." on shared teams and the 2017 report's "R4" on a Digital Exchange
    if ref_a and ref_a == ref_b and cosine >= (COUNTED_REF_MIN if is_counted_ref(a.ref) or is_counted_ref(b.ref) else SAME_REF_MIN):
        return True
    # ("This is recommendation R4" names the report's R4, not another document's fourth item)
    if (_norm(a.cites) and _norm(a.cites) == ref_b and not is_counted_ref(b.ref)) or (_norm(b.cites) and _norm(b.cites) == ref_a and not is_counted_ref(a.ref)):
        return cosine >= CITED_REF_MIN
    return cosine >= SAME_TEXT_MIN


def _norm(ref: str | None) -> str | None:
    """"R5", "Recommendation 5" and "5" are the same reference."""
    if not ref:
        return None
    match = re.search(r"(\d+[a-z]?)\s*$", ref, re.I)
    return "R" + match.group(1).upper() if match else ref.upper()


def is_counted_ref(ref: str | None) -> bool:
    """"1", "2." or "Recommendation 3": a position in one document's list, not a lettered reference."""
    return bool(ref) and re.fullmatch(r"(?:(?:recommendation|rec\.?|action|proposal)s?\s+)?\d+[a-z]?\.?", ref.strip(), re.I) is not None


def _fullest(lead: str | None, others: list[str | None]) -> str | None:
    """The lead statement's field, or another source's that it is cut short of ("Trust" where a PDF line broke
    before "chief information officers"), or the first other source's when the lead has none."""
    for other in others:
        lead = fuller_field(lead, other) if lead else lead
    return lead or next((o for o in others if o), None)


def entry_of(members: list[RecommendationRecord]) -> Entry:
    """The fullest referenced statement leads (text, theme); owner and timescale fall back to other sources.
    (Also for some of an entry's sources alone: one document's own wording of a recommendation others restate.)"""
    members = sorted(members, key=lambda r: (r.published or "9999", r.source, r.position))
    lead = max(members, key=lambda r: (r.ref is not None, r.cites is None, len(r.text)))
    theme = lead.theme  # the fullest statement is usually the report's own, under its own theme heading
    return Entry(
        entry_id=lead.rec_id,
        ref=lead.ref or next((r.ref for r in members if r.ref), None) or next((r.cites for r in members if r.cites), None),
        title=lead.title or next((r.title for r in members if r.title), None),
        text=lead.text,
        owner=_fullest(lead.owner, [r.owner for r in members]),
        timescale=_fullest(lead.timescale, [r.timescale for r in members]),
        theme=theme,
        published=min((r.published for r in members if r.published), default=None),
        sources=members,
    )

"""Which indexed documents a question names by their title: "the sharing Insight", "the recommendations summary".

Why: "When were the sharing Insight and the recommendations summary published?" is about two
particular documents, but their words ("sharing", "summary") match passages of many others
better than the two short opening passages that carry the dates. A question that names a
document is therefore also searched within it (``Assistant._retrieve``), as a question that
names a year is also searched within that year's documents.

A document is named when the question shares with its title both a word saying what kind of
document it is ("insight", "summary", "note", "report", ...) and a distinctive word: one that
occurs in at most ``max_titles`` of the indexed titles ("sharing", not "PSB" or "services").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from assistant.derived import Derived
from indexing.keyword import analyse

_KIND_WORDS = ("insight", "insights", "summary", "note", "report", "blog", "post", "briefing", "paper", "survey", "review",
               "strategy", "guide", "guidance", "update", "newsletter", "bulletin", "factsheet")
KINDS = frozenset(t for w in _KIND_WORDS for t in analyse(w))


class DocumentNames:
    """``named(question)`` -> ids of the documents whose titles the question names, best first."""

    def __init__(self, titles: Callable[[frozenset[str] | None], dict[str, str]], version: Callable[[], object], max_titles: int = 2,
                 limit: int = 3) -> None:
        self._titles = titles
        self.max_titles = max_titles
        self.limit = limit
        self.derived = Derived(self._build, version, "title index", update=self._update)  # warm(), ready, wait_until_current()

    def _build(self) -> tuple[dict[str, set[str]], Counter]:
        terms = {doc_id: set(analyse(title)) for doc_id, title in self._titles(None).items()}
        return terms, Counter(t for ts in terms.values() for t in ts)

    def _update(self, value: tuple[dict[str, set[str]], Counter], old: object, new: object):
        """Titles of added documents read, removed ones dropped (None: rebuild instead)."""
        if not isinstance(old, frozenset) or not isinstance(new, frozenset):
            return None
        terms, counts = dict(value[0]), Counter(value[1])
        for doc_id in old - new:
            counts.subtract(terms.pop(doc_id, set()))
        for doc_id, title in (self._titles(new - old) if new - old else {}).items():
            terms[doc_id] = set(analyse(title))
            counts.update(terms[doc_id])
        return terms, +counts

    def _current(self) -> tuple[dict[str, set[str]], Counter]:
        """The titles of the ready documents (the previous ones while they are re-read: ``assistant.derived``)."""
        return self.derived.get()

    def named(self, question: str) -> list[str]:
        asked = set(analyse(question))
        terms, counts = self._current()
        found: list[tuple[int, str]] = []
        for doc_id, title in terms.items():
            shared = asked & title
            distinctive = {t for t in shared - KINDS if counts[t] <= self.max_titles}
            if shared & KINDS and distinctive:
                found.append((len(shared), doc_id))
        return [doc_id for _, doc_id in sorted(found, key=lambda f: (-f[0], f[1]))][: self.limit]

    def of_kind(self, question: str, limit: int = 6) -> list[str]:
        """Documents whose title holds a kind word the question uses in the plural ("the three PSB Insights").

        Why: "When were the Insights published?" asks about every document of that kind, and no
        title word singles one out. Used only where the question asks about the documents
        themselves (their publication dates), not to widen every search.
        """
        plural = {t for w in re.findall(r"[A-Za-z]+", question) if w.lower().endswith("s")
                  for t in analyse(w) if t in KINDS and t != w.lower()}
        if not plural:
            return []
        terms, _ = self._current()
        return sorted(d for d, title in terms.items() if title & plural)[:limit]

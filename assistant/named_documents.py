"""Which indexed documents a question names by their title: "the sharing Insight", "the recommendations summary".

Why: "When were the sharing Insight and the recommendations summary published?" is about two
particular documents, but their words ("sharing", "summary") match passages of many others
better than the two short opening passages that carry the dates. A question that names a
document is therefore also searched within it (``Assistant._retrieve``), as a question that
names a year is also searched within that year's documents.

A document is named when the question shares with its title both a word saying what kind of
document it is ("insight", "summary", "note", "report", ...) and a distinctive word: one that
occurs in at most ``max_titles`` of the indexed titles ("sharing", not "PSB" or "services"); or,
without a kind word, two distinctive words side by side that no other title holds side by side
("the data standards pilot" names "Local Data Standards Pilot: Interim Report": a title need not
say what kind of document it is in our words; "public sector", in two titles, names neither, and
"citizen-facing services ... fully online" does not name "Citizen Transactions Online").

A document's file name names it as well as its title: "the SME procurement insight" names
insight-sme-procurement-2024.docx, whose title ("Opening Up Public Procurement to SMEs") holds
neither "insight" nor the words in that order. Readers call a document by what its file says
as often as by its title; numbers in the file name (years, versions) are left out, since a year
is a constraint of its own (``assistant.constraints``), not a name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import PurePath

from assistant.derived import Derived
from indexing.keyword import analyse

_KIND_WORDS = ("insight", "insights", "summary", "note", "report", "blog", "post", "briefing", "paper", "survey", "review",
               "strategy", "guide", "guidance", "update", "newsletter", "bulletin", "factsheet")
KINDS = frozenset(t for w in _KIND_WORDS for t in analyse(w))
_Titles = tuple[dict[str, set[str]], Counter, dict[str, set[str]]]  # doc id -> title terms; term -> titles holding it; term -> doc ids


class DocumentNames:
    """``named(question)`` -> ids of the documents whose titles the question names, best first."""

    def __init__(self, titles: Callable[[frozenset[str] | None], dict[str, str | tuple[str, str]]], version: Callable[[], object], max_titles: int = 2,
                 limit: int = 3) -> None:
        self._titles = titles
        self.max_titles = max_titles
        self.limit = limit
        self.derived = Derived(self._build, version, "title index", update=self._update)  # warm(), ready, wait_until_current()

    def _build(self) -> _Titles:
        terms = {doc_id: _title_terms(title) for doc_id, title in self._titles(None).items()}
        postings: dict[str, set[str]] = {}
        for doc_id, ts in terms.items():
            for t in ts:
                postings.setdefault(t, set()).add(doc_id)
        return terms, Counter({t: len(ids) for t, ids in postings.items()}), postings

    def _update(self, value: _Titles, old: object, new: object):
        """Titles of added documents read, removed ones dropped (None: rebuild instead)."""
        if not isinstance(old, frozenset) or not isinstance(new, frozenset):
            return None
        terms, counts, postings = dict(value[0]), Counter(value[1]), {t: set(ids) for t, ids in value[2].items()}
        for doc_id in old - new:
            for t in terms.pop(doc_id, set()):
                counts[t] -= 1
                postings.get(t, set()).discard(doc_id)
        for doc_id, title in (self._titles(new - old) if new - old else {}).items():
            terms[doc_id] = _title_terms(title)
            counts.update(terms[doc_id])
            for t in terms[doc_id]:
                postings.setdefault(t, set()).add(doc_id)
        return terms, +counts, {t: ids for t, ids in postings.items() if ids}

    def _current(self) -> _Titles:
        """The titles of the ready documents (the previous ones while they are re-read: ``assistant.derived``)."""
        return self.derived.get()

    def named(self, question: str, phrase_only: bool = False) -> list[str]:
        """Looked up through the title words' postings: a question costs the same at 40k documents as at 10.

        ``phrase_only``: only documents named by two distinctive title words side by side, the surer
        sign (for narrowing what counts as evidence: "Which international survey ... digital
        government?" shares a kind word and "government" with "Digital Government from the Inside:
        PSB Survey ... 2015", but does not name it).
        """
        words = analyse(_SPAN_OF_TIME.sub(" ", question))  # ("for the next two years" names no "Next Wave" report)
        asked = set(words)
        terms, counts, postings = self._current()
        distinctive = {t for t in asked - KINDS if 0 < counts[t] <= self.max_titles}
        pairs = {f"{a} {b}" for a, b in zip(words, words[1:]) if a in distinctive and b in distinctive}
        own_pairs = {p for p in pairs if len(postings.get(p, ())) == 1}  # side by side in one title only
        # two title words side by side in few titles, one of them distinctive: "the 2026 Families Online report" names
        # "Families Online 2026: PSB Parent Survey" though it calls a survey a report (the year picks the edition)
        # (written as a name, in capitals: "families online" in a sentence names nothing)
        capitalised = {" ".join(analyse(f"{m.group(1)} {m.group(2)}")) for m in _CAPITALISED_PAIR.finditer(question)}
        few_pairs = {p for a, b in zip(words, words[1:]) if (a in distinctive or b in distinctive)
                     and 0 < counts[p := f"{a} {b}"] <= self.max_titles and p in capitalised}
        candidates = {doc_id for t in distinctive for doc_id in postings.get(t, ())}
        marks = own_pairs if phrase_only else KINDS | own_pairs | few_pairs
        found = [(len(asked & terms[doc_id]), doc_id) for doc_id in candidates if (asked | own_pairs | few_pairs) & terms[doc_id] & marks]
        years = {t for t in asked if _YEAR.fullmatch(t)}
        if years and any(years & terms[d] for _, d in found):
            # "the 2021 e-rostering survey": not the e-rostering survey whose title says 2024 (a title with no year stays:
            # "the 2024 taxi review and the 2023 claimant Insight" names an Insight whose title gives none)
            found = [f for f in found if years & terms[f[1]] or not any(_YEAR.fullmatch(t) for t in terms[f[1]])]
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
        postings = self._current()[2]
        return sorted({d for t in plural for d in postings.get(t, ())})[:limit]


_YEAR = re.compile(r"(?:19|20)\d\d")
_CAPITALISED_PAIR = re.compile(r"(?=\b([A-Z][\w'’-]*)\s+([A-Z][\w'’-]*))")
_SPAN_OF_TIME = re.compile(r"\b(?:the\s+)?(?:next|last|past|previous|coming|following)\s+(?:[a-z]+\s+)?(?:years?|months?|weeks?|days?|decade)\b", re.I)


def _title_terms(title: str | tuple[str, str]) -> set[str]:
    """A title's analysed words, and each two side by side ("data standard") as one term; given
    (title, file name), the file name's words and pairs as well (its numbers left out)."""
    names = [title] if isinstance(title, str) else [title[0], _file_words(title[1])]
    terms: set[str] = set()
    for name in names:
        words = analyse(name)
        terms |= set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}
    return terms


def _file_words(source: str) -> str:
    """ "docs/insight-sme-procurement-2024.docx" -> "insight sme procurement"."""
    stem = PurePath(source.replace("\\", "/")).stem if source else ""
    return " ".join(w for w in re.split(r"[-_.\s]+", stem) if w and not any(ch.isdigit() for ch in w))

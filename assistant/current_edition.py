"""A question about how things stand now is answered from the newest edition of a series.

"Who currently leads the Planning Data Pathfinder?" was answered from the 2022 review ("It is
led by Dr Helen Marsh") beside the 2025 review's line, each labelled with its year; the 2025
edition's answer is the one asked for. Lines of an edition are dropped only when a newer edition
of the same series is among the passages, so a one-off document still answers for itself.
"""

from __future__ import annotations

import re

from assistant.line_facts import _YEAR
from assistant.retrieval import Passage
from indexing.keyword import analyse

# "currently", "now", "at present", "the latest": how things stand, not a year's figure
_NOW = re.compile(r"\b(?:currently|now|nowadays|at\s+present|presently|today|these\s+days|at\s+the\s+moment|as\s+things\s+stand|"
                  r"(?:the\s+)?(?:latest|newest|most\s+recent)|still)\b", re.I)
# "How has it changed since ...?", "now compared with ...": a comparison asks for each year's line
_COMPARED = re.compile(r"\b(?:compare[sd]?|comparison|versus|vs|change[sd]?|since|improved?|fallen|risen|rose|fell|grown|"
                       r"than|previous|earlier|first|both|each)\b", re.I)


def asks_current(question: str) -> bool:
    """Does the question ask how things stand now, naming no year and comparing nothing?"""
    return bool(_NOW.search(question)) and not _YEAR.search(question) and not _COMPARED.search(question)


def _year(p: Passage) -> int:
    found = _YEAR.findall(p.title) or _YEAR.findall((p.published or "")[:4])
    return int(found[0]) if found else 0


# what kind of document a title says it is: editions of one series are of one kind (an Insight is no edition of a survey)
_KINDS = frozenset(analyse("survey review report insight note briefing blog paper study evaluation"))
# words of any PSB title, which say what kind of document it is, not which series: "PSB Review of Digital Planning
# Services 2024" is no edition of "Libraries Online: PSB Public Library Digital Services Survey 2022"
_FRAME_WORDS = _KINDS | frozenset(analyse("psb techuk digital services edition annual update findings public sector national "
                                          "government uk progress"))


def _series_words(title: str) -> set[str]:
    return set(analyse(_YEAR.sub(" ", title))) - _FRAME_WORDS


def same_series(a: str, b: str) -> bool:
    """Two titles of editions of one survey or review: most of the shorter title's own words (years and the words of
    any PSB title aside) are in the other.

    Why: edition titles vary around a fixed core ("Registering Life Events Online: PSB Register Office Digital
    Survey 2022" and "PSB Register Office Digital Survey 2025"). Titles naming different kinds of document ("PSB
    Insight: ... Civil Servants", "... PSB Survey of Civil Servants 2019") are not one series.
    """
    kinds_a, kinds_b = set(analyse(a)) & _KINDS, set(analyse(b)) & _KINDS
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        return False
    words_a, words_b = _series_words(a), _series_words(b)
    shorter = min(len(words_a), len(words_b))
    shared = len(words_a & words_b)
    return shorter > 0 and shared / shorter >= 0.5 and shared >= min(2, shorter)  # (one word in common is chance: "Online")


def other_editions(a: Passage, b: Passage) -> bool:
    """Two editions of one series: alike titles (``same_series``) of different years. (Two documents of one year are
    companions, not editions: the 2017 Insight on civil servants' skills and the 2017 survey's method note.)"""
    return same_series(a.title, b.title) and _year(a) != _year(b)


def superseded(passages: list[Passage]) -> set[int]:
    """Indexes of passages from an edition older than another passage's edition of the same series."""
    years = [_year(p) for p in passages]
    return {i for i, p in enumerate(passages) if years[i]
            and any(years[j] > years[i] and q.doc_id != p.doc_id and same_series(p.title, q.title) for j, q in enumerate(passages))}


def newest_lines(candidates: list, vectors, passages: list[Passage]):
    """The candidate lines (and their vectors) not from a superseded edition; all of them when none is."""
    old = superseded(passages)
    keep = [k for k, c in enumerate(candidates) if c.passage not in old]
    if not old or not keep:
        return candidates, vectors
    return [candidates[k] for k in keep], vectors[keep]

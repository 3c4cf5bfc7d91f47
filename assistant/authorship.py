"""Who wrote a document: its author line ("Written by Priya Raman, chair of ...", "By Priya Desai ·
14 March 2023", "Author: ..."), and the document a later part of a question points back to.

Why: "Who wrote the PSB insight on the Data Ethics Framework, and when was it published?" was
answered with the document's opening sentences. Its byline is two sentences ("Published 14 May
2025 by the techUK Public Services Board (PSB). Written by Priya Raman, chair of ..."); the
answerer took as an author line only "By <name> ... <year>", and the second part, "when was it
published?", was answered from any document's lines ("it" is the document of the first part).
Bylines stay out of answers to questions that do not ask who wrote or when published
(``assistant.notices``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_AUTHOR_QUESTION = re.compile(r"\bwho\s+(?:wrote|authored|is\s+the\s+author|was\s+the\s+author|were\s+the\s+authors)\b"
                              r"|\bauthors?\s+of\b|\bby\s+whom\s+was\b.*\bwritten\b|\bwho\s+(?:was|is)\s+it\s+(?:written|authored)\s+by\b"
                              # "Who led the 2025 survey?": its byline's "Survey lead: Callum Drummond"
                              r"|\bwho\s+(?:led|leads|ran|runs|conducted|carried\s+out)\s+the\s+(?:[\w'’-]+\s+){0,4}?(?:survey|review|report|study|research|evaluation|edition)\b"
                              # "Who prepared the PSB note on the pilot?", "Who put together the 2023 note?": its "Prepared by ..." line
                              r"|\bwho\s+(?:prepared|put\s+together|compiled|produced|drafted)\s+(?:the|this|that|its)\b",
                              re.I)
_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+"  # two capitalised words at least: "Priya Raman"
_AUTHOR_LINE = re.compile(rf"^\W*(?:(?i:written|authored|prepared|compiled|edited|led)\s+(?i:by)\s+|(?i:by)\s+|(?i:authors?)\s*:\s*"
                          rf"|(?i:(?:survey|review|report|research|study|project|lead)\s+(?:lead|leader|author))\s*:\s*){_NAME}")
# a document describing itself and who wrote it: "An independent review for the Audit Committee of the Authority, by Martin
# Ebeling, partner at Larchfield Advisory."
_DESCRIBED_BY = re.compile(rf"^\W*(?i:an?|this|the)\s+(?:[\w'’-]+\s+){{0,3}}?(?i:review|report|evaluation|study|assessment|audit|"
                           rf"survey|briefing|note|paper|insight)\b[^.]{{0,160}}?,?\s+(?i:by)\s+{_NAME}")
# a part that refers back to what an earlier part named: "..., and when was it published?"
_POINTS_BACK = re.compile(r"\b(?:it|its|they|them)\b", re.I)


def asks_author(question: str) -> bool:
    """ "Who wrote X?", "Who is the author of X?", "By whom was X written?"."""
    return bool(_AUTHOR_QUESTION.search(question))


def is_author_line(line: str) -> bool:
    """ "Written by Priya Raman, chair of ...", "By Priya Desai, Programme Manager · 14 March 2023", "Author: Sam Lee",
    or one part of a masthead line ("PSB Insight | Published 8 March 2021 | Written by Tomasz Wieczorek")
    (not "By 2026 every council should ...": a name of two capitalised words must follow)."""
    pieces = [p.strip(" *_") for p in re.split(r"\s[|·•]\s", line)]  # "PSB Insight | Written by ..."
    sentences = [s for p in pieces for s in re.split(r"(?<=[.!?])\s+", p)]  # "Published ... Board. Author: ..."
    if any(_AUTHOR_LINE.match(s.strip()) or _DESCRIBED_BY.match(s.strip()) for s in sentences):
        return True
    # "9 May 2023 · Ines Castellano-Whyte, techUK Public Services Board": a date, then a person
    dates = [p for p in pieces if _DATE_PIECE.fullmatch(p)]
    return bool(dates) and any(_is_person(p) for p in pieces if p not in dates)


_DATE_PIECE = re.compile(r"(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                         r"\s+(?:19|20)\d\d", re.I)
_PERSON_PIECE = re.compile(rf"^(?P<name>{_NAME})\s*(?:,|$)")
_ORGANISATION_WORDS = frozenset("board service services public psb techuk briefing insight report blog review council government "
                                "department agency office team network group programme digital".split())


def _is_person(piece: str) -> bool:
    """ "Ines Castellano-Whyte, techUK Public Services Board" -> True; "Public Services Board" -> False."""
    m = _PERSON_PIECE.match(piece)
    return bool(m) and not any(w.lower() in _ORGANISATION_WORDS for w in m.group("name").split())


def author_lines(ranked: Sequence, passages: Sequence, floor: float) -> list:
    """The author lines of the document of the best line (``ranked`` best first: ``.text``,
    ``.passage``, ``.score``); when it has none, any author line scoring at least ``floor``.

    Why the best line's document: an author line shares almost no words with the question (a
    name, "written"), so it scores like any other document's byline; the question names its
    document by its subject, which the best line matches."""
    lines = [c for c in ranked if is_author_line(c.text)]
    if not lines or not passages:
        return [c for c in lines if c.score >= floor]
    top = passages[ranked[0].passage].doc_id
    return [c for c in lines if passages[c.passage].doc_id == top] or [c for c in lines if c.score >= floor]


def points_back(part: str) -> bool:
    """Does this part of a question refer to something an earlier part named ("when was it published?")?"""
    return bool(_POINTS_BACK.search(part))


def in_documents(candidates: Sequence, passages: Sequence, doc_ids: set[str]) -> list[int]:
    """Positions of the candidates from these documents."""
    return [k for k, c in enumerate(candidates) if passages[c.passage].doc_id in doc_ids]

"""Publication dates in a document's own lines: a byline's dated field ("Published 13 November
2017"), and what a citation of that date quotes.
"""

from __future__ import annotations

import re

from assistant.retrieval import Passage


_PUBLISHED_LINE = re.compile(r"\b(?:published|released|issued)\b", re.I)
_MONTH_YEAR = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+"
                         r"(?:19[5-9]\d|20[0-4]\d)\b")


_DATED_PHRASE = re.compile(r"\b(?:Published|Released|Issued)\s+(?:on\s+)?(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|"
                           r"August|September|October|November|December)\s+(?:19[5-9]\d|20[0-4]\d)\b")


def byline_dates(line: str) -> list[str]:
    """The dated fields of a byline ("PSB Insight | Published 13 November 2017 | Campaign week").

    Why: a document's publication date is often written only in such a line, which is not a
    sentence and is never quoted whole; "When was X published?" needs its dated field.
    """
    fields = [f.strip() for f in line.split(" | ")]
    if len(fields) < 2 or any(not f or len(f.split()) > 10 for f in fields):
        return [m.group(0) for m in _DATED_PHRASE.finditer(line)]  # a title page's "Published 16 November 2017"
    return [f for f in fields if _MONTH_YEAR.search(f)]


def _dated_quote(p: Passage, line: str, field: str, limit: int = 400) -> str:
    """What a publication date's citation quotes: a byline whole; a title page's date line with the
    title page above it (the opening chunk up to that line), so the quote shows whose date it is."""
    if " | " in line or p.chunk_index != 0:
        return line.strip()
    at = p.text.find(field)
    end = p.text.find("\n", at) if at >= 0 else -1
    page = p.text[: end if end >= 0 else len(p.text)].strip() if at >= 0 else ""
    return page if page and len(page) <= limit else line.strip()

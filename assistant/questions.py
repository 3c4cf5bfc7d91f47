"""Splitting a two-part question ("How long did X last, and what share of Y?") into its parts; reference codes."""

from __future__ import annotations

import re

REFERENCE = re.compile(r"\b[A-Z]{1,4}\d{1,3}[a-z]?\b")  # a reference code a question names: "R5", "A2"

_PART_SPLIT = re.compile(
    # a second question may open with a preposition: "..., and by when should ...?", "..., and for whom ...?"
    # ("..., and in what shares?" is still the first question: a whole question follows the wh-word)
    r",?\s+and\s+(?=(?:(?:by|since|from|until|in|on|for|to|with|at)\s+(?:what|which|when|whom)\s+\S+\s+\S+\s+\S+)"
    r"|(?:what|which|how|why|when|who|where|whether|did|does|do|is|are|was|were)\b)", re.I
)


def question_parts(question: str) -> list[str]:
    """'How long did X last, and what share of Y?' -> two questions; a plain question -> itself."""
    parts = [p.strip(" ,?") for p in _PART_SPLIT.split(question) if p and p.strip(" ,?")]
    parts = [p for p in parts if len(p.split()) >= 3]
    if len(parts) > 1:
        parts = [parts[0], *(_another_year(parts[0], p) for p in parts[1:])]
    return [p + "?" for p in parts] if len(parts) > 1 else [question]


_YEAR_OR_SPAN = re.compile(r"\b(?:19|20)\d\d(?:[-/]\d\d)?\b")
# "and what is it for 2025-26?": the first part's question, of another year
_ELLIPTICAL_YEAR = re.compile(r"^\W*(?:(?:what|how much|how many)\s+(?:is|was|are|were|will be)\s+(?:it|that|they|those|this|the figure)"
                              r"|what\s+(?:share|proportion|percentage|number)|how\s+(?:many|much))\s+"
                              r"(?:for|in|by|at)\s+(?:the\s+end\s+of\s+)?(?P<when>(?:19|20)\d\d(?:[-/]\d\d)?)\W*$", re.I)


def _another_year(first: str, part: str) -> str:
    """ "what is it for 2025-26" after "What was the median budget in 2020" -> "What was the median budget
    in 2025-26": read alone, "it" names nothing, and the year's lines about anything were taken."""
    m = _ELLIPTICAL_YEAR.match(part)
    years = _YEAR_OR_SPAN.findall(first)
    if not m or len(years) != 1:
        return part
    return _YEAR_OR_SPAN.sub(m.group("when"), first, count=1)

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
    return [p + "?" for p in parts] if len(parts) > 1 else [question]

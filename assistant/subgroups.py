"""The part of a group a figure question asks about, and the breakdown it asks for.

"What share of *female* firefighters felt confident ...?" asks for a figure the documents may give
only for all firefighters; "How did confidence differ *by age group*?" asks for a breakdown they may
never make. Both use words the index holds elsewhere (another document says "women" or "aged over
65"), so the index-wide check of distinctive words lets them through, and the answer was the figure
for everyone. ``ConstraintChecker.unmet_groups`` checks these words against the documents the answer
would come from.

Usage: ``subgroups("What share of female firefighters ...?")`` -> ``[("female", "firefighters")]``;
``breakdowns("How did it differ by age group?")`` -> ``["age"]``.
"""

from __future__ import annotations

import re

# words before a group noun that do not narrow it to a part ("all", "the", "responding" councils)
_NOT_A_PART = frozenset(
    "the all any each every their its our your these those this that other such more most many much few some both "
    "whole total overall average typical local public".split()
)
_SCOPE = re.compile(
    r"\b(?:(?:share|proportion|percentage|per\s?cent|fraction|number|majority|minority|half|third|quarter)\s+of"
    r"|how\s+many|among|amongst)\s+(?:the\s+|all\s+|their\s+)?(?P<part>[a-z][a-z'-]{2,})\s+(?P<group>[a-z][a-z'-]{2,})\b",
    re.I)
_BREAKDOWN = re.compile(
    r"\b(?:differ(?:ed|s)?|var(?:y|ied|ies)|broken\s+down|break\s*down|breakdown|split)\s+(?:[a-z]+\s+){0,2}?by\s+"
    r"(?:their\s+|the\s+|its\s+)?(?P<by>[a-z][a-z'-]{2,})\b", re.I)


def subgroups(question: str) -> list[tuple[str, str]]:
    """(part, group) of each "share of / how many / among <part> <group>" in the question.

    A participle ("responding", "surveyed") describes who was counted, not a part of the group."""
    found = []
    for m in _SCOPE.finditer(question):
        part, group = m.group("part").lower(), m.group("group").lower()
        if part in _NOT_A_PART or part.endswith(("ing", "ed")) or not group.endswith("s") and group not in _COLLECTIVE:
            continue
        found.append((part, group))
    return found


def breakdowns(question: str) -> list[str]:
    """What the question asks a figure to be broken down by: "differ by age group" -> "age"."""
    return [m.group("by").lower() for m in _BREAKDOWN.finditer(question) if m.group("by").lower() not in _NOT_A_PART]


# group nouns that are not plurals
_COLLECTIVE = frozenset("staff workforce people police personnel public".split())

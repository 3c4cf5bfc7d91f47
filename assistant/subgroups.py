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
    "whole total overall average typical local public different separate distinct individual various unique".split()
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


# "people under 25", "residents aged 65 or over", "16 to 24 year olds": an age band of the people a figure is asked of
_PEOPLE = (r"(?:people|persons|adults|children|young\s+people|residents|users|staff|respondents|those|patients|pupils|"
           r"learners|claimants|tenants|households|customers|applicants|borrowers|members|officers|workers|carers|practitioners|"
           r"employees|volunteers|nurses|teachers|firefighters|inspectors|drivers|managers|participants)")
_AGE_BAND = re.compile(
    rf"\b{_PEOPLE}\s+(?:(?:[\w'’-]+\s+){{0,6}}?(?:were|was|are|is|who\s+were)\s+)?(?:aged\s+)?(?P<cmp>under|over|below|above|younger\s+than|older\s+than)\s+(?P<n>\d{{1,2}})\b(?!\s*(?:%|per\b|percent|minutes?|hours?|days?|weeks?|months?|years?\b(?!\s+old)|miles?|km|"
    r"kilometres?|pounds?|mph|seconds?|metres?|mb|gb|kg)\b)"
    r"|\baged\s+(?:(?:under|over|below|above)\s+)?(?P<aged>\d{1,2})\b"
    r"|\b(?P<low>\d{1,2})\s*(?:-|–|to)\s*\d{1,2}[\s-]+year[\s-]+olds?\b"
    r"|\b(?P<olds>\d{1,2})[\s-]+year[\s-]+olds\b", re.I)
_AGE_WORDS = r"(?:aged|ages?|under|over|below|above|younger|older|year[\s-]+olds?|years\s+old|(?:or|and)\s+(?:over|older|under|younger)|\+)"


def age_bands(question: str) -> list[tuple[str, str]]:
    """(phrase, the age it names) of each age band the question asks a figure of: "people under 25" -> ("under 25", "25").

    Why: "How many devices did the programme lend to people under 25?" was answered with the programme's total
    when the evaluation gives ages only for the over-65s; a figure for an age band needs that age in the documents."""
    found = []
    for m in _AGE_BAND.finditer(question):
        n = m.group("n") or m.group("aged") or m.group("low") or m.group("olds")
        phrase = f"{m.group('cmp').lower()} {n}" if m.group("n") else m.group(0).strip()
        found.append((phrase, n))
    return found


def mentions_age(age: str, text: str) -> bool:
    """Does ``text`` give ``age`` as an age ("aged 65 or over", "under 25s", "16 to 24 year olds", "25+")?"""
    return re.search(rf"{_AGE_WORDS}\s+(?:\d{{1,2}}\s*(?:-|–|to|and)\s*)?{age}\b|\b{age}\s*(?:s\b|\+|(?:-|–|to)\s*\d{{1,2}}\b|\s+{_AGE_WORDS})",
                     text, re.I) is not None

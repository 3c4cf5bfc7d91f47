"""Numbered qualifiers a question pins down: "round four", "phase 2", "the third wave".

Why: "How many grants did round four of the Digital Inclusion Fund award?" matches the round two
results page almost perfectly, and the page's round one and round two figures answered it. A
thing the question numbers must be numbered so in the evidence ("round four", "round 4",
"fourth round"); rounds one to three do not answer for round four.

A number after a singular noun ("round four of ...", "phase 2?") qualifies it; one before a noun
counts it ("two weeks", "the five tests") and is left alone, as are years (``constraints``) and
"first" (idioms: "for the first time"). An ordinal from "second" on before a singular noun
qualifies it too ("the third wave").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
_CARDINAL = rf"(?:\d{{1,2}}|{'|'.join(_WORDS)})"
_AFTER_NOUN = re.compile(rf"\b(?P<noun>[A-Za-z][a-z]{{2,}})\s+(?P<n>{_CARDINAL})\b(?![-‐–])(?P<rest>\s*[\w%]*)", re.I)  # not "one-to-one"
_BEFORE_NOUN = re.compile(rf"\b(?P<n>{'|'.join(ORDINALS[1:])}|\d{{1,2}}(?:st|nd|rd|th))\s+(?P<noun>[a-z]{{3,}})\b", re.I)
_NOT_NOUNS = frozenset("the and or of for with from into than about over under between among within by to at in on "
                       "what which who how when where were was are is did does do have has had will would could should "
                       "top only last next all some any each every these those their its our your that this same other another "
                       "many much more most less least fewer nearly almost around roughly just aged age ages".split())  # "How many one ...", "aged 65"


def number_of(word: str) -> int | None:
    """1-12 for "four", "4", "fourth" or "4th"; None otherwise."""
    w = word.lower()
    if w in _WORDS:
        return _WORDS.index(w) + 1
    if w in ORDINALS:
        return ORDINALS.index(w) + 1
    digits = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?$", w)
    return int(digits.group(1)) if digits else None


def qualifiers(question: str) -> list[tuple[str, str, int]]:
    """(phrase as asked, noun, number) for each numbered qualifier: "round four" -> ("round four", "round", 4)."""
    found: list[tuple[str, str, int]] = []
    for m in _AFTER_NOUN.finditer(question):
        noun, rest = m.group("noun"), m.group("rest").strip().lower()
        counts = rest.endswith("s") and not rest.endswith("ss") or rest in {"per", "%"} or rest.startswith("%")
        if noun.lower() in _NOT_NOUNS or noun.lower().endswith("s") or counts:
            continue  # "the five tests", "took two weeks", "by 31 per cent"
        if re.search(r"\b(?:to|can|could|will|would|should|must|may|might)\s+$", question[:m.start()], re.I):
            continue  # "to handle one duplicate application": a verb and one of something, not item one
        if (number_of(m.group("n")) == 1 and not rest and re.search(r"\b(?:a|an|the|this|that)\s+$", question[:m.start()], re.I)):
            continue  # "compared with a paper one": "one" stands for the thing just named
        if len(noun) > 4 and (noun.lower().endswith("ed") or noun.lower().endswith("ing") and number_of(m.group("n")) == 1):
            continue  # "being offered one", "before getting one": a verb and "one" for the thing named, not item one
        found.append((f"{noun} {m.group('n')}", noun.lower(), number_of(m.group("n")) or 0))
    for m in _BEFORE_NOUN.finditer(question):
        noun = m.group("noun")
        if re.search(r"\b(?:a|an)\s+$", question[:m.start()], re.I):
            continue  # "had to make a second trip": one more of something, not the item numbered two
        phrase = f"{m.group('n')} {noun}"
        # "the third TeachTech Pathways cohort": a programme's name says whose, the noun after it is numbered ("the second
        # Wave survey" numbers the Wave: a capitalised word alone is the noun)
        named = bool(re.search(r"[a-z][A-Z]", noun))  # "TeachTech": a name, never the numbered noun
        head = re.match(rf"(?:\s+[A-Z][\w'’-]*){{{0 if named else 1},3}}\s+([a-z]{{3,}})\b", question[m.end():]) if noun[0].isupper() else None
        if head or named:
            if not head:
                continue
            noun, phrase = head.group(1), question[m.start(): m.end() + head.end()]
        if noun.lower() not in _NOT_NOUNS and not noun.lower().endswith("s"):
            found.append((phrase, noun.lower(), number_of(m.group("n")) or 0))
    return [f for f in found if f[2]]


# "Category A prisons", "Tier B": a capitalised noun lettered by a capital (not "Plan A" idioms' lower case, not a word)
_LETTERED = re.compile(r"\b(?P<noun>[A-Z][a-z]{2,})\s+(?P<letter>[A-H])\b(?![.'’&-]\w)")


def lettered(question: str) -> list[tuple[str, str, str]]:
    """(phrase, noun, letter) for each thing the question letters: "Category A" -> ("Category A", "category", "A").

    Why: "What was the course completion rate in Category A prisons?" was answered with the rows for
    categories B and C of a table that has no category A; the letter, like a number, picks one item."""
    return [(m.group(0), m.group("noun").lower(), m.group("letter")) for m in _LETTERED.finditer(question)
            if m.group("noun").lower() not in _NOT_NOUNS and m.start() > 0]


def letter_met(noun: str, letter: str, texts: Iterable[str]) -> bool:
    """Does any text letter ``noun`` with ``letter`` ("Category A", "category A"; the letter as a capital)?"""
    pattern = re.compile(rf"\b(?i:{re.escape(noun)})s?\s+{letter}\b")
    return any(pattern.search(t) for t in texts)


def qualifier_met(noun: str, number: int, texts: Iterable[str]) -> bool:
    """Does any text number ``noun`` with ``number``, in any of the three forms?"""
    cardinal = rf"(?:{number}|{_WORDS[number - 1]})" if number <= len(_WORDS) else str(number)
    ordinal = rf"(?:{number}(?:st|nd|rd|th)|{ORDINALS[number - 1]})" if number <= len(ORDINALS) else rf"{number}th"
    pattern = re.compile(rf"\b{re.escape(noun)}s?\s+{cardinal}\b|\b{ordinal}\s+{re.escape(noun)}", re.I)
    # or a table whose first column is headed by the noun, with a row labelled by the number: "Phase / Operators / ...:"
    # over "2 - Operators: ...; Buses fitted: 610"
    headed = re.compile(rf"^\s*{re.escape(noun)}s?\s*/.*:\s*$", re.I | re.M)
    row = re.compile(rf"^\s*{cardinal}\s+-\s+\S", re.I | re.M)
    return any(pattern.search(t) or headed.search(t) and row.search(t) for t in texts)


def listed_item(noun: str, number: int, heading: str, text: str) -> str | None:
    """The item numbered ``number`` of a numbered list under a heading naming ``noun`` ("4.
    Recommendations" over "2. Give each challenge a named senior sponsor ..."), or None.

    Why: many documents number their recommendations as a list under one heading rather than
    under a heading each; "Recommendation 2" of such a document is the list's second item, and
    without this it was "not mentioned" and refused."""
    if not re.search(rf"\b{re.escape(noun)}s?\b", heading, re.I):
        return None
    m = re.search(rf"^\s*{number}[.)]\s+(\S.*)$", text, re.M)
    return m.group(1).strip() if m else None

"""An owner or timescale question answered by a recommendation: the owner (or timescale) stated first.

Why: a document often gives a recommendation's owner and timescale as fields of their own
("Owner: Cabinet Office" on its own line under the recommendation, or a column of a table),
apart from the sentence that recommends. The answerer quotes sentences, so "Who owns the
recommendation to publish a 12-month pipeline of technology tenders?" was answered "Publish a
rolling 12-month pipeline ... [1]", without the owner. The recommendations register
(``indexing.rec_register``) has read those fields for each recommendation; when a line of the
answer is a recommendation the register holds and the question asks who owns it (or when it is
due) and the line does not say, the answer says so first ("Cabinet Office owns it: Publish a
rolling ... [1]"), and the citation quotes the field ("... … Owner: Cabinet Office").

Usage: ``with_fields(question, lines, passages, records_of)``, ``records_of(doc_ids)`` being
``RecommendationRegister.records_of``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.questions import question_parts

# "Who owns ...?", "Who should lead ...?", "Which body is expected to ...?", "Whose job is ...?"
_WHO = re.compile(r"^\W*(?:and\s+|so\s+)?(?:who(?:m|se)?\b|by\s+whom\b|(?:which|what)\s+(?:[\w-]+\s+)?(?:bod(?:y|ies)|organi[sz]ations?|"
                  r"departments?|agenc(?:y|ies)|teams?|units?|institutions?|ministr(?:y|ies)|partners?)\b)", re.I)
_OWNER_NAMED = re.compile(r"\b(?:owner\s+of|owned\s+by\s+(?:whom|who)|whose\s+(?:job|responsibility|task))\b", re.I)
# "When is it due?", "By when should ...?", "What is the deadline for ...?" (not "When was X published?")
_WHEN = re.compile(r"^\W*(?:and\s+|so\s+)?(?:by\s+)?(?:when|what\s+date|which\s+date|how\s+soon)\b", re.I)
_DUE = re.compile(r"\b(?:due|deadline|timescale|timeline|target\s+date|by\s+when)\b", re.I)  # "Who owns that, and by when?"
_PAST = re.compile(r"\b(?:was|were|did|had|happened|began|started|ran|took\s+place)\b", re.I)
_MARKER = re.compile(r"^\W*(?:\d{1,2}[.)]\s+|[-*•]\s+|recommendation\s+\w{1,4}\s*[:.-]\s*)?", re.I)
_DUE_BY = re.compile(r"^(?:by|within|before|in|until|no\s+later\s+than|the\s+end\s+of|end\s+of)\b", re.I)
_BARE_DATE = re.compile(r"^(?:Q[1-4]\s+)?(?:[A-Za-z]+\s+)?(?:19|20)\d\d$")


def asked_fields(question: str) -> tuple[bool, bool]:
    """(owner, timescale): does the question (any of its parts) ask who owns something, or when it is due?"""
    parts = question_parts(question)
    owner = any(_WHO.match(p) for p in parts) or bool(_OWNER_NAMED.search(question))
    due = bool(_DUE.search(question)) or any(_WHEN.match(p) and not _PAST.search(p) for p in parts)
    return owner, due


_DEADLINE = re.compile(r"\b(?i:by|before|until|no\s+later\s+than)\s+(?i:the\s+end\s+of\s+)?(?:(?:\d{1,2}\s+)?[A-Z][a-z]+\s+)?(?:19|20)\d\d\b"
                       r"|\b(?i:within\s+(?:a|an|one|two|three|four|six|nine|twelve|eighteen|\d+)\s+(?:weeks?|months?|years?))\b")


def states_deadline(line: str) -> bool:
    """ "... by March 2026", "within six months", "no later than 2025": a date something is due by."""
    return bool(_DEADLINE.search(line))


def with_fields(question: str, lines: Sequence, passages: Sequence, records_of: Callable[[list[str]], list] | None) -> list:
    """``lines`` (the answer's candidates: ``.text``, ``.passage``, ``.source_line``) with the first
    one that is a recommendation whose asked owner or timescale it does not state rewritten to
    state it first; unchanged when the question asks neither or no line is such a recommendation."""
    owner, due = asked_fields(question)
    if records_of is None or not lines or not (owner or due):
        return list(lines)
    records = records_of(sorted({passages[c.passage].doc_id for c in lines}))
    for k, c in enumerate(lines):
        mine = [r for r in records if r.doc_id == passages[c.passage].doc_id]
        stated = state_fields(c.text, c.source_line or c.text, mine, owner, due)
        if stated:
            text, quote = stated
            said = {_normal(field) for field in quote.split(" … ")[1:]}  # a field line of its own now says nothing new
            rest = [o for o in lines[k + 1:] if not (o.passage == c.passage and _normal(o.text).rstrip(".") in said)]
            return [*lines[:k], replace(c, text=text, source_line=quote), *rest]
    return list(lines)


def state_fields(line: str, quote: str, records: Sequence, owner: bool, due: bool) -> tuple[str, str] | None:
    """(the line with its owner and/or timescale stated first, its quote with the fields added), or
    None when the line is no recommendation of ``records`` or already states what is asked."""
    record = record_of(line, records)
    if record is None:
        return None
    who = record.owner if owner and record.owner and not _states(record.owner, line) else None
    when = record.timescale if due and record.timescale and not _states(record.timescale, line) else None
    if not (who or when):
        return None
    head = f"{_capitalised(who.strip())} owns it" if who else ""
    if when:
        head = f"{head}, {_due(when)}" if head else _capitalised(_due(when))
    fields = [f"{label}: {value.strip()}" for label, value in (("Owner", who), ("Timescale", when)) if value]
    return f"{head}: {line}", " … ".join([quote, *fields])


def record_of(line: str, records: Sequence):
    """The record whose text the line states (or begins), None when none does."""
    probe = _normal(_MARKER.sub("", line))[:60]
    if len(probe) < 20:
        return None
    for r in records:
        text = _normal(r.text or "")
        if text and (probe in text or text[:60] in _normal(line)):
            return r
    return None


def _states(value: str, line: str) -> bool:
    """Does the line already name the value: "the Local Government Association (LGA)" by its name or
    acronym, a timescale of several parts ("By 2020; every quarter") by one of them?"""
    held = _normal(line)
    for part in re.split(r"\s*;\s*", value):
        core = re.sub(r"^(?:the|each|every|all)\s+", "", re.sub(r"\s*\([^)]*\)", "", _normal(part))).strip()
        acronyms = [a.lower() for a in re.findall(r"\(([A-Z]{2,})\)", part)]
        if core and core in held or any(re.search(rf"\b{re.escape(a)}\b", held) for a in acronyms):
            return True
    return False


def _due(timescale: str) -> str:
    """ "By December 2024" -> "due by December 2024"; "2026" -> "due in 2026"; a start or a state
    ("From April 2025", "Ongoing") as written: "from April 2025", "ongoing"."""
    t = timescale.strip().rstrip(".")
    if _DUE_BY.match(t):
        return f"due {t[0].lower()}{t[1:]}"
    if _BARE_DATE.match(t):
        return f"due in {t}"
    return f"{t[0].lower()}{t[1:]}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[*_`]", "", text).split()).lower()

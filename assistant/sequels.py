"""A chosen line that only introduces what follows it: the list, or the sentence, that answers.

"What stops claimants using the journal?" matched "We asked claimants who rarely used the journal
what stopped them." best, by its words; the five barriers follow it as a bulleted list ("Five
barriers stood out:"), and the answer stopped at the introduction. "Why do some claimants still
phone?" matched "Even regular journal users phone the helpline.", whose next sentence gives the
three reasons. When the line leading an answer is followed, in its own paragraph, by a lead-in
and a list, the list is the answer; when it is followed by a sentence announcing a number of
things ("The three reasons they gave most often were ..."), that sentence joins it.
"""

from __future__ import annotations

import re

from assistant.answer_lines import Candidate
from assistant.lists import ListRun, runs_in_passage
from assistant.qualifiers import number_of
from assistant.retrieval import Passage

_NUMBERS = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
# "The three reasons they gave ...", "Five barriers stood out:", "These four things ..."
_ANNOUNCES = re.compile(rf"^(?:the|these|its|their|our)?\s*{_NUMBERS}\s+(?:main\s+|most\s+common\s+|key\s+)?[a-z]+"
                        r"|^of\s+(?:those|these|them)\b", re.I)  # "Of those 17, 11 use a chatbot ...": the breakdown of the line before


def list_after(lead: Candidate, passages: list[Passage], max_items: int) -> tuple[list[Candidate], list[Candidate]] | None:
    """(the lead-in, the items) when ``lead``'s paragraph introduces a list of two or more items in
    its passage; None otherwise."""
    p = passages[lead.passage]
    for run in runs_in_passage(p.text, lead.passage, p.section or ""):
        if len(run.items) < 2 or not _introduced_by(run, p.text, lead.text):
            continue
        sentences = re.split(r"(?<=[.!?])\s+", _paragraph_before(p.text, run.items[0][0]))
        at = next((k for k, x in enumerate(sentences) if lead.text.strip()[:40] in x), 0)
        intro = [sentences[at]] + ([sentences[-1]] if len(sentences) - 1 > at else [])  # the line, and the lead-in ending ":"
        items = [Candidate(text, i, subitems=tuple(run.subitems.get(k, ()))) for k, (text, i) in enumerate(run.items[:max_items])]
        return [Candidate(" ".join(intro), lead.passage, lead.score)], items
    return None


# "three reasons came up again and again.", "gave four reasons": a count of things a list is made of, said in prose
_COUNTED_THINGS = re.compile(r"\b(?P<n>two|three|four|five|six|seven|[2-7])\s+(?:main\s+|key\s+|common\s+|big\s+)?"
                             r"(?P<things>reasons|barriers|problems|worries|concerns|complaints|lessons|changes|steps|things|themes|"
                             r"issues|points|risks|factors|causes|obstacles|options|ways|groups|challenges|benefits|findings)\b", re.I)


def counted_after(lead: Candidate, passages: list[Passage], max_items: int) -> tuple[list[Candidate], list[Candidate]] | None:
    """(``lead``, the sentences after it) when ``lead`` announces a number of things ("When we asked councils why,
    three reasons came up again and again.") and its paragraph goes on with at least that many sentences, one
    thing each; None otherwise.

    Why: "Why haven't some councils moved noise reporting online?" led with the announcing line and stopped,
    though the three reasons are the next three sentences ("Their case management systems cannot accept audio
    files. Their legal teams worry ... And they fear ...")."""
    m = _COUNTED_THINGS.search(lead.text)
    if not m or lead.text.rstrip().endswith(":"):
        return None
    count = number_of(m.group("n")) or 0
    text = passages[lead.passage].text
    at = text.find(lead.text)
    if at < 0:
        return None
    paragraph = text[at + len(lead.text):].split("\n", 1)[0].strip()
    sentences = [x for x in re.split(r"(?<=[.!?])\s+", paragraph) if len(x.split()) >= 4]
    if len(sentences) < count or count > max_items:
        return None
    return [lead], [Candidate(x, lead.passage, lead.score) for x in sentences[:count]]


def with_sequel(lead: Candidate, passages: list[Passage]) -> list[Candidate]:
    """``lead``, and after it the next sentence of its paragraph when that one announces a number of things."""
    nxt = _next_sentence(lead, passages)
    if nxt and _ANNOUNCES.match(nxt) and len(nxt) > 30:
        return [lead, Candidate(nxt, lead.passage, lead.score)]
    return [lead]


def with_change(lead: Candidate, passages: list[Passage]) -> list[Candidate]:
    """``lead``, and after it the next sentence of its paragraph when that one gives what its figure became ("By the end
    of the pilot that had fallen to 17%." after "Before the pilot, 38% of applications were invalid"): the same
    measure at another time, which a reader of the first figure needs and which names nothing the question asked."""
    nxt = _next_sentence(lead, passages)
    return [lead, Candidate(nxt, lead.passage, lead.score)] if _BECAME.match(nxt) else [lead]


def _next_sentence(lead: Candidate, passages: list[Passage]) -> str:
    """The sentence after ``lead`` in its paragraph of its passage ("" when there is none, or the lead is not found)."""
    text = passages[lead.passage].text
    at = text.find(lead.text)
    paragraph = text[at + len(lead.text):].split("\n", 1)[0].strip() if at >= 0 else ""
    return re.split(r"(?<=[.!?])\s+", paragraph, maxsplit=1)[0] if paragraph else ""


# "By the end of the pilot that had fallen to 17%.", "This rose to 52 per cent in 2025.": the figure before, changed
_BECAME = re.compile(r"^(?:(?:by|after|since|in|at|within|over)\b[^,.;]{0,50}?,?\s+)?(?:that|this|it|the (?:figure|share|rate|number))\s+"
                     r"(?:had\s+|has\s+)?(?:fallen|fell|risen|rose|dropped|grown|grew|increased|decreased|climbed|halved|doubled|"
                     r"gone (?:up|down)|come down|went (?:up|down)|came down)\b[^.]*\d[^.]*[.!]$"
                     # "... its six officers brought that backlog down to 210 premises in 2023.": someone changed it
                     r"|^[^.]{0,100}?\b(?:brought|cut|reduced|got|pushed|took|raised|lifted)\s+(?:that|this|it)\b(?:\s+[\w-]+){0,2}?"
                     r"\s+(?:down\s+|up\s+)?to\s+\d[^.]*[.!]$", re.I)


_BARE_STATUS = re.compile(r"^[A-Z][^:.]{2,80}:\s+(?:\S+\s+){0,3}\S+[.!]$")  # "National planning data standard: completed."


def with_detail(lead: Candidate, passages: list[Passage]) -> list[Candidate]:
    """``lead``, and after it the next sentence of its paragraph when the lead is a label and a bare word or two
    ("National planning data standard: completed."): that sentence says what the word means ("MHCLG published the
    standard in September 2024, nine months later than recommended")."""
    if not _BARE_STATUS.match(lead.text):
        return [lead]
    text = " ".join(passages[lead.passage].text.split())
    at = text.find(lead.text)
    if at < 0:
        return [lead]
    nxt = re.split(r"(?<=[.!?])\s+", text[at + len(lead.text):].strip(), maxsplit=1)[0]
    return [lead, Candidate(nxt, lead.passage, lead.score)] if len(nxt) > 30 and nxt[-1:] in ".!" else [lead]


def _introduced_by(run: ListRun, text: str, line: str) -> bool:
    """Is the paragraph just before the run's first item the one holding ``line``, and does it end by introducing it (":")?"""
    before = _paragraph_before(text, run.items[0][0])
    return bool(before) and line.strip() in before and before.rstrip().endswith(":")


def _paragraph_before(text: str, first_item: str) -> str:
    """The line just before the list's first item ("" when that is an item of another list)."""
    at = text.find(first_item[:40])
    if at <= 0:
        return ""
    head = re.sub(r"(?:^|\n)\s*(?:[-*•]|\d{1,2}[.)])?\s*$", "", text[:at])  # without the item's own marker
    lines = [ln.strip() for ln in head.split("\n") if ln.strip()]
    return lines[-1] if lines and not re.match(r"^(?:[-*•]|\d{1,2}[.)])\s", lines[-1]) else ""

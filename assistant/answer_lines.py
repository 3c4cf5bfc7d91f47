"""The lines of a passage an answer may quote: whole sentences, table rows, list items and labelled
fields, never a question, a bare heading, a lead-in ending in ":" or a fragment.

``answer_texts`` is what the answerer embeds for a passage; the indexer embeds the same texts at
ingest, so answering finds them in the vector cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer import split_sentences


@dataclass
class Candidate:
    text: str
    passage: int  # index into the passages list
    score: float = 0.0
    label: str = ""  # shown in bold before the line (a byline's date gets its document's title)
    source_line: str = ""  # the line quoted in the citation when ``text`` is only part of it (a byline's field)
    subitems: tuple[str, ...] = ()  # a list item's nested items, shown nested under it
    clause: float | None = None  # cosine with the question's own clause (``assistant.question_head``), when it has one


_TABLE_ROW = re.compile(r"^[^:]{2,80}: .*(?:\d|; )")  # "row (header): value" lines from indexing.tables
# a row whose label is a whole action or finding ("Add structured fields for trader names, addresses and vehicle
# registrations - Owner: Hub programme board; By when: December 2024"): longer than a label, with two headed values
_LONG_LABEL_ROW = re.compile(r"^[^:;]{2,240} - [^:;]{1,60}: [^;]+; [^:;]{1,60}: \S")
_TERMINAL = re.compile(r"[.!]['\"’”)\]]*$")
_FIELD = re.compile(r"^[A-Z][a-z]+(?: [a-z]+){0,2}: [^:]{2,120}$")  # "Owner: Head of Technology Enabled Care."
_SUBJECT_FIELD = re.compile(r"^[^:]{3,80}? [-–] [A-Za-z][a-z]+(?: [a-z]+){0,2}: [^:;]{2,120}$")  # "X slips - owner: Y"
# a label, a dash, then a share: a list item written without a full stop ("Cyber security - 31% reported a gap")
_LABEL_FIGURE = re.compile(r"^[A-Z][^.:;!?]{1,60}?\s[-–—]\s+(?:[^.:;!?]*\s)?\d[\d,.]*\s?(?:%|per cent)[^.:;!?]*$")


_CAPTION = re.compile(r"^(?:Table|Figure|Chart|Graph|Exhibit|Box)\s+\d{1,2}[a-z]?\s*[:.–-]\s", re.I)


def is_usable(sentence: str) -> bool:
    """A sentence a reader can take on its own: not a question, heading, lead-in or fragment.

    A labelled fact about a subject ("Data migration slips - owner: Head of Customer Services", a
    list item) stands on its own without a full stop, as a table row does; so does a short field
    on a line of its own ("Owner: Crown Commercial Service" under "Recommendation 2: Shorter
    bids"), whose subject is its heading: dropped, "Who owns Recommendation 2?" had no line
    naming the owner, and another document's row that did answered instead.
    """
    s = sentence.strip()
    words = len(s.split())
    if s.endswith("?") or s.endswith(":") or " | " in s or words > 80 or s.isupper():
        return False
    if _CAPTION.match(s) and not s.endswith("."):
        return False  # "Table 1: Kit Out loans by library service, September 2023 to March 2024" titles a table; it says nothing
    if _TABLE_ROW.match(s) or _LONG_LABEL_ROW.match(s):
        return words >= 2
    if _SUBJECT_FIELD.match(s) or _LABEL_FIGURE.match(s):  # "Data analysis - 39% reported a gap": a label's figure
        return words >= 4
    if _FIELD.match(s):  # "Owner: Crown Commercial Service" on a line of its own, under the heading it belongs to
        return words >= 3
    return words >= 5 and bool(_TERMINAL.search(s))


# a list item that runs on into the next ("- the wait fell from 42 to 6 minutes;", "...; and"): its ending
_ITEM_RUN_ON = re.compile(r"^(\s*(?:[-•*]|\d{1,2}[.)])\s+\S.*?\w[%)]?)\s*;(?:\s+(?:and|or))?\s*$", re.I)


def line_sentences(text: str) -> list[str]:
    """Sentences, with a short labelled field ("Owner: Head of Technology Enabled Care.") joined to the
    sentence before it on its line.

    Why: "Recommendation 2: Replace analogue alarm units ... January 2027. Owner: Head of Technology
    Enabled Care." states one recommendation and its owner; split apart, "Who owns the
    recommendation to replace analogue alarm units?" got the recommendation without its owner.
    """
    out: list[str] = []
    for line in re.split(r"\n+", text):
        if re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b", " ", line)):  # "- 23 per cent of bookings were made by telephone;": a figure of its own, a sentence
            line = _ITEM_RUN_ON.sub(r"\1.", line)  # (an item without one stays part of its list: lists answer those)
        for k, sentence in enumerate(split_sentences(line)):
            if k and _FIELD.match(sentence):
                out[-1] = f"{out[-1]} {sentence}"
            else:
                out.append(sentence)
    return out


def answer_texts(text: str, section: str) -> list[str]:
    """What the answerer embeds for a passage: its usable sentences, each as "section: sentence".

    The indexer embeds these at ingest (``Indexer(answer_texts=...)``), so a question finds them
    in the vector cache instead of running the model.
    """
    return [in_section(s, section) for s in line_sentences(text) if is_usable(s)]


def in_section(sentence: str, section: str) -> str:
    return f"{section}: {sentence}" if section else sentence

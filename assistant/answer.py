"""The answer a user gets: text with inline [n] citations and the numbered sources behind them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

if TYPE_CHECKING:  # only for an annotation
    from assistant.retrieval import Passage

#: The one definition of a citation marker, "[n]" or "[n, m]"; group 1 holds the numbers.
CITATION_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
# the bold label that opens a part of an answer: the document a part's answer comes from, or a year ("**2025:**"); it
# says where the claim after it comes from, and is no part of the claim
PART_LABEL = re.compile(r"^(?:\s*\*\*[^*\n]{1,200}:\*\*\s*)+")


def strip_citations(text: str) -> str:
    """The text with every [n] marker replaced by a space (for matching words, not showing)."""
    return CITATION_MARKER.sub(" ", text)


class Citation(BaseModel):
    n: int
    doc_id: str
    title: str
    source: str
    page: int | None = None
    last_page: int | None = None  # a quote that runs on over a page break: "pages 4-5"
    section: str | None = None
    quote: str

    @property
    def pages(self) -> str:
        """"page 4", "pages 4-5", or "" when the source has no pages."""
        if not self.page:
            return ""
        return f"pages {self.page}\u2013{self.last_page}" if self.last_page else f"page {self.page}"


def citation_for(n: int, passage: Passage, quote: str) -> Citation:
    """The one way a retrieved passage becomes a numbered source of an answer."""
    page, last_page = passage.pages_of(quote)
    return Citation(n=n, doc_id=passage.doc_id, title=passage.title, source=passage.source, page=page,
                    last_page=last_page, section=passage.section or None, quote=quote)


class Flag(BaseModel):
    sentence: str
    reason: str


class Answer(BaseModel):
    answer: str
    refused: bool = False
    citations: list[Citation] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    question: str = ""
    standalone_question: str = ""
    backend: str = "extractive"
    note: str | None = None
    flags: list[Flag] = Field(default_factory=list)
    closest_documents: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="What the question asks about that the documents do not cover.")

    def public(self) -> dict:
        return self.model_dump()

    def as_turn(self) -> dict:
        """This answer as the assistant turn of a conversation's history: its text, and the ids of the
        documents it cited (one per citation), so a follow-up that points back ("And Recommendation 2?",
        "What does the report recommend?") keeps the document the answer came from. A refusal cites only
        the closest evidence, which it says does not answer: no documents."""
        return {"role": "assistant", "content": self.answer, "documents": [] if self.refused else [c.doc_id for c in self.citations]}


def cited_numbers(text: str) -> list[int]:
    """Every n in [n] or [n, m] markers, in order of appearance, without repeats."""
    seen: list[int] = []
    for group in CITATION_MARKER.findall(text):
        for n in (int(x) for x in group.split(",")):
            if n not in seen:
                seen.append(n)
    return seen


def renumber(text: str, order: dict[int, int]) -> str:
    """Rewrite [n] markers with ``order[n]``, so an answer's sources read [1], [2], ... in order."""
    return CITATION_MARKER.sub(lambda m: "[" + ", ".join(str(order.get(int(x), int(x))) for x in m.group(1).split(",")) + "]", text)


def _within_titles(pieces: list[str]) -> list[str]:
    """Pieces joined again where the split fell inside a quoted or bold title: “Booked In, Sorted Out? A
    review” is one title, and the sentence naming it ends after it, with its citation."""
    out: list[str] = []
    for piece in pieces:
        if out and (out[-1].count("“") > out[-1].count("”") or out[-1].count("**") % 2):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences and list items; a citation after the full stop stays with its sentence."""
    parts: list[str] = []
    for line in re.split(r"\n+", text):
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)]|\(?[a-h]\))\s+", "", line).strip()
        for piece in _within_titles(_SENTENCE_BREAK.split(line)):
            piece = piece.strip()
            if not piece:
                continue
            lead = _LEADING_CITES.match(piece)
            if lead and parts:
                parts[-1] = f"{parts[-1]} {lead.group(0).strip()}"
                piece = piece[lead.end():].strip()
            if piece:
                parts.append(piece)
    return parts


# a sentence ends at ".", "!" or "?" and a space, but not at an abbreviation ("All respondents (incl. Northern Ireland)")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\bincl\.)(?<!\bexcl\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bapprox\.)\s+(?=\S)")
_LEADING_CITES = re.compile(r"^(?:\[\d+(?:\s*,\s*\d+)*\]\s*)+")

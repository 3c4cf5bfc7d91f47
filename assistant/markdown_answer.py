"""The answer as Markdown: the direct answer as a paragraph, then bullets, each line ending with its [n].

The lines are chosen elsewhere (``assistant.extractive``); this module only writes them out and
numbers their passages as citations.
"""

from __future__ import annotations

import re

from assistant.answer import Citation, citation_for, split_sentences
from assistant.answer_lines import _FIELD, Candidate
from assistant.retrieval import Passage


def compose(direct: list[Candidate], support: list[Candidate], passages: list[Passage]) -> tuple[str, list[Citation]]:
    """Markdown: the direct answer as a paragraph, then bullets; each line ends with its [n].

    Passages are numbered by first use; quotes are the exact sentences. When the lines come from
    documents published in different years, each line starts with its year in bold.
    """
    numbers: dict[int, int] = {}
    quotes: dict[int, list[str]] = {}
    years = {(passages[c.passage].published or "")[:4] for c in direct + support}
    label_years = len(years - {""}) > 1

    def line(c: Candidate, indent: str) -> str:
        n = numbers.setdefault(c.passage, len(numbers) + 1)
        text = _balanced_emphasis(_first_sentences(c.text, 2))
        quotes.setdefault(c.passage, []).append(c.source_line or text)  # a byline's field is quoted with its whole line
        year = (passages[c.passage].published or "")[:4]
        prefix = f"**{year}:** " if label_years and year else ""
        prefix += f"**{c.label}:** " if c.label else ""
        cells = table_row_cells(text)
        if cells:  # a table row of several columns: its label, then one "header: value" line per cell
            label, pairs = cells
            label, pairs = _unbold(label), [(h, _unbold(v)) for h, v in pairs]  # "**Total**" is bolded once, not "****Total****"
            return prefix + f"**{label}** [{n}]:" + "".join(f"\n{indent}- {h}: {cite(v, n)}" for h, v in pairs)
        return prefix + " ".join(cite(s, n) for s in split_sentences(text) if not _FRAGMENT.match(s))

    def nested(c: Candidate) -> str:
        """A list item's own items, one level in, each cited like the item."""
        quotes[c.passage].extend(c.subitems)
        return "".join(f"\n  - {cite(_balanced_emphasis(sub), numbers[c.passage])}" for sub in c.subitems)

    paragraphs = [line(c, "") for c in direct]
    bullets = [f"- {line(c, '  ')}{nested(c)}" for c in support]
    # a table row is a label and its cells as a list: a second direct line after it needs a blank line, or
    # Markdown reads it as part of the row's last cell
    direct = ("\n\n" if any("\n" in p for p in paragraphs) else "\n").join(paragraphs)
    text = "\n\n".join(p for p in [direct, "\n".join(bullets)] if p)
    citations = [
        citation_for(n, passages[i], " … ".join(quotes[i]))
        for i, n in sorted(numbers.items(), key=lambda kv: kv[1])
    ]
    return text, citations


# A table row's heading line as ``compose`` writes it, after any bold labels ("**Highest X:** **Tamar Homes** [1]:");
# its citation may have been stripped already (``strip_citations``)
ROW_HEADING = re.compile(r"^(?:- )?(?:\*\*[^*\n]{2,80}:\*\*\s+)*\*\*(?P<label>[^*\n]{2,80})\*\*\s*(?:\[\d+\])?\s*:\s*$", re.M)
_FRAGMENT = re.compile(r"^\W*(?:\d{1,3}|[A-Za-z])?\W*$")  # a stray list number or marker ("1."), never a line of its own
_ROW_CELL = re.compile(r"^([^:;\n]{1,60}): (\S.*)$")


def table_row_cells(line: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A table row of several columns as written by ``indexing.tables`` ("R5 - Owner: GDS; Timescale: 2018"):
    its label and (header, value) pairs; None for anything else.

    Why: on one line the cells of a wide row run together; as "header: value" lines under the
    row's label a reader sees which value belongs to which column.
    """
    label, sep, rest = line.strip().partition(" - ")
    if not sep or not label or ":" in label or len(label) > 240:
        return None
    pairs: list[tuple[str, str]] = []
    for piece in rest.split("; "):
        m = _ROW_CELL.match(piece.strip())
        if not m:
            if not pairs:
                return None
            header, value = pairs[-1]  # a value holding "; " itself ("New entrants within a year; all by 2020")
            pairs[-1] = (header, f"{value}; {piece.strip()}")
            continue
        pairs.append((m.group(1).strip(), m.group(2).strip()))
    return (label, pairs) if len(pairs) >= 2 else None


def _balanced_emphasis(text: str) -> str:
    """Drop an emphasis marker left open at either end ("*Published ... week." cut from "*...week.*")."""
    for mark in ("**", "*", "_"):
        if text.count(mark) % 2 == 1:
            if text.startswith(mark):
                text = text[len(mark):]
            elif text.endswith(mark):
                text = text[: -len(mark)]
    return text


def _first_sentences(text: str, limit: int) -> str:
    """A list item can run on into the next paragraph (PDF lines carry no paragraph marks): keep its start.
    A short field the line joined to its sentence (``answer_lines.line_sentences``: "Owner: LGA and the PSB.
    Timescale: December 2024.") is part of it, not a sentence of its own: "Who owns that one, and by when?"
    lost the timescale at the cut."""
    pieces = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9*])", text.strip())
    kept: list[str] = []
    for piece in pieces:
        if len([k for k in kept if not _FIELD.match(k)]) >= limit and not _FIELD.match(piece):
            break
        kept.append(piece)
    return " ".join(kept)



def cite(sentence: str, n: int) -> str:
    """Put [n] before the closing punctuation: "... in 2017 [1]."; after a lead-in's colon."""
    m = re.search(r"([.!?:]+[\"')\]’”]*)$", sentence)
    if m:
        return f"{sentence[: m.start()]} [{n}]{m.group(1)}"
    return f"{sentence} [{n}]"


def _unbold(cell: str) -> str:
    """A table cell without the bold its source set it in ("**Total**" in a Markdown table's last row)."""
    return re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", cell).strip()

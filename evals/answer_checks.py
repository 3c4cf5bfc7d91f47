"""Checks on the shape of an answer that a reader would notice at once: page furniture and tables.

Why here and not only in the loaders: the loaders try to keep running headers, footers and
flattened tables out of the index; these checks look at what finally reaches the reader, so a
regression anywhere (loader, chunker, answerer, LLM) shows up in the eval report.

* **Running lines**: lines that repeat on most pages of a PDF (headers, footers, "Page 3"),
  found from the raw page text with digits ignored, plus a generic "| Page N" footer pattern.
* **Flattened table**: three or more "label value%" cells run together in one line with no
  punctuation between them, or cells joined by " | " outside a Markdown table row.
* **Word count**: words a reader has to read, with citations and Markdown markers left out.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from assistant.answer import strip_citations

_DIGITS = re.compile(r"\d+")
_PAGE_FOOTER = re.compile(r"(?:^|\|)\s*Page\s+\d+(?:\s+of\s+\d+)?\s*(?:$|\|)", re.I | re.M)
_CELL = r"[A-Za-z][A-Za-z/&()' -]{1,60}?\s\d{1,3}(?:\.\d+)?\s?%"
_FLAT_CELLS = re.compile(rf"(?:{_CELL}\s+){{2,}}{_CELL}")
_PIPE_JOINED = re.compile(r"\S\s+\|\s+\S.*\s\|\s+\S")


def _shape(line: str) -> str:
    """A line with its numbers blanked, so "Page 4" and "Page 5" are the same running line."""
    return _DIGITS.sub("#", re.sub(r"\s+", " ", line.strip().lower()))


def running_lines(pages: Sequence[str], min_share: float = 0.5) -> set[str]:
    """Line shapes that occur on at least ``min_share`` of the pages (needs three pages or more)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for text in pages:
        counts.update({_shape(line) for line in text.splitlines() if len(line.strip()) >= 4})
    return {shape for shape, n in counts.items() if n >= max(2, min_share * len(pages))}


def pdf_running_lines(data: bytes) -> set[str]:
    """Running lines of a PDF read with pypdf, independent of the indexing loader."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    return running_lines([page.extract_text() or "" for page in reader.pages])


def has_running_line(answer: str, shapes: Iterable[str]) -> bool:
    """Does the answer carry a page header/footer (a known running line, or "| Page N")?"""
    text = strip_citations(answer)
    if _PAGE_FOOTER.search(text):
        return True
    flat = _shape(text)
    return any(len(s) >= 12 and s in flat for s in shapes)


def has_flattened_table(answer: str) -> bool:
    """Table cells run together on one line ("Design 53% Data 48% Cyber 27%") or pipe-joined prose."""
    for line in strip_citations(answer).splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):  # a Markdown table row is a table, not a flattened one
            continue
        if _FLAT_CELLS.search(stripped) or _PIPE_JOINED.search(stripped):
            return True
    return False


def answer_words(answer: str) -> int:
    """Words of prose in the answer: citations, bullets, table rules and Markdown emphasis dropped."""
    text = strip_citations(answer)
    text = re.sub(r"[*_`#|]|^\s*[-•]\s", " ", text, flags=re.M)
    return len(re.findall(r"[\w£$%.,'’-]*\w[\w%]*", text))

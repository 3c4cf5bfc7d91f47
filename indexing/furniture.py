"""Page furniture: running headers, footers and page numbers that repeat on every page.

Why: a footer such as "techUK Public Services Board | Smarter Services | Page 5" is glued to
whatever sentence ends the page, and then shows up in answers. A line is furniture when its
shape (digits ignored) occurs at the top or bottom of at least half the pages of a document of
three pages or more, or when it is nothing but a page number.

Two more shapes of furniture that repetition over the whole document misses:

* book-style alternating headers ("Report title" on even pages, "Publisher" on odd ones): each
  is on only half the pages, so a line counts as running when it is on at least half of the odd
  or of the even pages (four pages or more, at least two of them);
* a chapter's running header ("Chapter 2: Findings" on the chapter's pages only): in a document of
  eight pages or more, a line at the top or bottom of three or more pages;
* a two-page document's header or footer: the same line word for word, numbers aside, at the top (or
  the bottom) of both pages;
* a header or footer that carries its own page number ("NORTHFIELD PARTNERSHIP      Page 2",
  "Council | Review | Page 4", "12 | Annual report"): at the top or bottom of a page it is
  furniture even in a document too short to show repetition.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.I)
_NUMBER = r"(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*(?:of|/)\s*\d{1,4}|-\s*\d{1,4}\s*-)"
_GAP = r"(?:\s{3,}|\t|\s+[|\u00b7\u2022]\s+)"  # columns of a header line: a wide gap, a tab or a bar
_BAR = r"\s+[|\u00b7\u2022]\s+"  # a bare number needs a bar: "Door sensor    150" is a table row
_NUMBERED_EDGE = re.compile(rf"^\S.{{0,100}}{_GAP}{_NUMBER}$|^{_NUMBER}{_GAP}\S.{{0,100}}$|^[^\d]{{1,100}}{_BAR}\d{{1,4}}$|^\d{{1,4}}{_BAR}[^\d]{{1,100}}$", re.I)


def line_shape(line: str) -> str:
    """Lower case, single spaces, numbers blanked: "Page 4" and "Page 5" have one shape."""
    return _DIGITS.sub("#", re.sub(r"\s+", " ", line.strip().lower()))


def _edges(lines: Sequence[str], depth: int) -> list[str]:
    """The first and last ``depth`` non-empty lines: where headers and footers sit on a page."""
    text = [line for line in lines if line.strip()]
    return text[:depth] + text[-depth:]


def running_shapes(pages: Sequence[Sequence[str]], min_share: float = 0.5, min_pages: int = 3, depth: int = 2) -> set[str]:
    """Shapes of edge lines that occur on at least ``min_share`` of the pages (and on two or more).

    Only the top and bottom ``depth`` lines of a page are candidates, so a body sentence that
    differs from page to page only in its numbers is never taken for a footer.
    """
    if len(pages) == 2:
        return _same_edges(pages[0], pages[1])
    if len(pages) < min_pages:
        return set()
    counts: Counter[str] = Counter()
    by_parity: list[Counter[str]] = [Counter(), Counter()]
    for number, lines in enumerate(pages, start=1):
        shapes = {line_shape(line) for line in _edges(lines, depth)}
        counts.update(shapes)
        by_parity[number % 2].update(shapes)
    running = {shape for shape, n in counts.items() if n >= max(2, min_share * len(pages))}
    if len(pages) >= 8:  # a chapter's own running header: at a page edge on three or more pages
        running |= {shape for shape, n in counts.items() if n >= 3 and any(c.isalpha() for c in shape)}
    if len(pages) >= 4:  # alternating headers: half the even pages, or half the odd ones
        for parity, counter in enumerate(by_parity):
            share = len(range(2 - parity, len(pages) + 1, 2))
            running |= {shape for shape, n in counter.items() if n >= max(2, min_share * share)}
    return running


def _same_edges(first: Sequence[str], second: Sequence[str]) -> set[str]:
    """Shapes of the top or bottom line that both pages of a two-page document share word for word, numbers aside (not a
    sentence)."""
    a, b = [line.strip() for line in first if line.strip()], [line.strip() for line in second if line.strip()]
    if not a or not b:
        return set()
    # (its page number apart: "... | Page 1 of 2" and "... | Page 2 of 2" are one footer; "Annual review 2017" and "... 2018" are not)
    return {line_shape(x) for x, y in ((a[0], b[0]), (a[-1], b[-1]))
            if _numbered_as(x, 1) == _numbered_as(y, 2) and not x.endswith((".", "?", "!"))}


def _numbered_as(line: str, page: int) -> str:
    """The line with its page number ``page`` (a number standing alone) blanked."""
    return re.sub(rf"(?<![\d,.]){page}(?![\d,.])", "#", line)


def is_numbered_edge(line: str) -> bool:
    """A header or footer line that carries a page number beside other text, set apart by a gap or a bar."""
    text = line.strip()
    return len(text.split()) <= 24 and not text.endswith((".", "?", "!")) and bool(_NUMBERED_EDGE.match(text))


def strip_furniture(pages: Sequence[Sequence[str]]) -> list[list[str]]:
    """Every page without its running lines and bare page numbers; other lines keep their order."""
    shapes = running_shapes(pages)
    out = []
    for lines in pages:
        edges = set(_edges(lines, 2))
        out.append([line for line in lines
                    if not (line in edges and (line_shape(line) in shapes or is_numbered_edge(line)))
                    and not _PAGE_NUMBER.match(line.strip())])
    return out

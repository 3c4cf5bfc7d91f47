"""Page furniture: running headers, footers and page numbers that repeat on every page.

Why: a footer such as "techUK Public Services Board | Smarter Services | Page 5" is glued to
whatever sentence ends the page, and then shows up in answers. A line is furniture when its
shape (digits ignored) occurs at the top or bottom of at least half the pages of a document of
three pages or more, or when it is nothing but a page number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.I)


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
    if len(pages) < min_pages:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({line_shape(line) for line in _edges(lines, depth)})
    return {shape for shape, n in counts.items() if n >= max(2, min_share * len(pages))}


def strip_furniture(pages: Sequence[Sequence[str]]) -> list[list[str]]:
    """Every page without its running lines and bare page numbers; other lines keep their order."""
    shapes = running_shapes(pages)
    out = []
    for lines in pages:
        edges = set(_edges(lines, 2))
        out.append([line for line in lines
                    if not (line in edges and line_shape(line) in shapes) and not _PAGE_NUMBER.match(line.strip())])
    return out

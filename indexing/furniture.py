"""Page furniture: running headers, footers and page numbers that repeat on every page.

Why: a footer such as "techUK Public Services Board | Smarter Services | Page 5" is glued to
whatever sentence ends the page, and then shows up in answers. A line is furniture when its
shape (digits ignored) occurs on at least half the pages of a document of three pages or more,
or when it is nothing but a page number.
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


def running_shapes(pages: Sequence[Sequence[str]], min_share: float = 0.5, min_pages: int = 3) -> set[str]:
    """Shapes of lines that occur on at least ``min_share`` of the pages (and on two or more)."""
    if len(pages) < min_pages:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({line_shape(line) for line in lines if line.strip()})
    return {shape for shape, n in counts.items() if n >= max(2, min_share * len(pages))}


def strip_furniture(pages: Sequence[Sequence[str]]) -> list[list[str]]:
    """Every page without its running lines and bare page numbers; other lines keep their order."""
    shapes = running_shapes(pages)
    return [[line for line in lines if line_shape(line) not in shapes and not _PAGE_NUMBER.match(line.strip())]
            for lines in pages]

"""PDF pages as lines of text with tables kept as tables, using pdfplumber's layout analysis.

Why pdfplumber: on the sample corpus it finds every table of the two PDFs with its header row
(pypdf has no table extraction; its text, even in layout mode, runs a table's cells together),
and its text lines carry positions, so a table can be put back where it stood on the page.
Measured in docs/evaluation.md ("PDF extraction").
"""

from __future__ import annotations

import io

from indexing.tables import table_block


def pdf_page_lines(data: bytes) -> list[list[str]]:
    """One list of lines per page; a table's rows are separate lines with blank lines around them.

    A table is one element whose rows are separated by newlines, with blank lines around it: the
    loader re-flows consecutive lines into paragraphs, and this keeps the table one paragraph
    with each row on a line of its own.
    """
    import pdfplumber

    pages: list[list[str]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            items: list[tuple[float, list[str]]] = []
            previous: dict | None = None
            lines = [line for line in page.extract_text_lines()
                     if not any(x0 - 1 <= line["x0"] and top <= (line["top"] + line["bottom"]) / 2 <= bottom for x0, top, _, bottom in boxes)]
            for line in in_reading_order(page, lines):
                items.append((line.get("order", line["top"]), ["", line["text"]] if previous and starts_paragraph(previous, line) else [line["text"]]))
                previous = line
            for table in tables:  # one element with the rows on their own lines, blank lines around it
                items.append((table.bbox[1], ["", table_block(table.extract()), ""]))
            items.sort(key=lambda item: item[0])
            pages.append([text for _, lines in items for text in lines])
    return pages


def _size(line: dict) -> float:
    chars = line.get("chars") or []
    return float(chars[0]["size"]) if chars else float(line["bottom"] - line["top"])


def starts_paragraph(previous: dict, line: dict) -> bool:
    """Whether a text line opens a new paragraph: a change of type size, or space of about a line above it.

    Why: the loader joins consecutive lines into one paragraph, so a title page's separate lines
    (title, byline, date, venue) became one run-on "sentence" that answers quoted whole. Lines of
    one paragraph sit about a third of a line apart; paragraphs are spaced by a line or more.
    """
    height = max(_size(previous), _size(line))
    return abs(_size(previous) - _size(line)) > 0.5 or line["top"] - previous["bottom"] > 0.9 * height



# ---------------------------------------------------------------- columns
_MIN_COLUMN_LINES = 3


def in_reading_order(page, lines: list[dict]) -> list[dict]:
    """The page's text lines, with each two-column stretch read down the left column, then the right.

    Why: pdfplumber builds a line from every word at one height, so two columns side by side were
    read across the gutter ("recovery from Skills. Councils said ... the a full data-centre
    outage"), and the text of both columns became nonsense. A stretch of three or more
    consecutive lines that all have an empty gap at one place in the middle of the page is two
    columns; lines under it that stay clear of the gutter, at the same size and spacing, belong
    to it too. Each column is then read on its own (a crop of the page), and the stretch keeps
    its place on the page. Lines that cross the gutter (titles, full-width text) end a stretch.
    """
    out: list[dict] = []
    i = 0
    while i < len(lines):
        gutter = _gutter(page, lines[i])
        j = i + 1
        while gutter is not None and j < len(lines):
            nxt = _gutter(page, lines[j])
            both = _overlap(gutter, nxt) if nxt is not None else None
            if both is None:
                break
            gutter, j = both, j + 1
        if gutter is None or j - i < _MIN_COLUMN_LINES:
            out.append(lines[i])
            i += 1
            continue
        j = _column_tail(lines, i, j, gutter)
        out.extend(_columns(page, lines[i:j], gutter))
        i = j
    return out


def _glyphs(line: dict) -> list[dict]:
    return sorted((c for c in line.get("chars") or [] if c.get("text", "").strip()), key=lambda c: c["x0"])


def _gutter(page, line: dict) -> tuple[float, float] | None:
    """The widest empty gap between letters of the line in the middle half of the page, if wide enough."""
    glyphs = _glyphs(line)
    if len(glyphs) < 4:
        return None
    size = max(float(glyphs[0].get("size") or 10), 4.0)
    left, right = float(page.bbox[0]) + page.width * 0.25, float(page.bbox[0]) + page.width * 0.75
    best = None
    for a, b in zip(glyphs, glyphs[1:]):
        lo, hi = float(a["x1"]), float(b["x0"])
        if hi - lo >= 1.5 * size and left <= (lo + hi) / 2 <= right and (best is None or hi - lo > best[1] - best[0]):
            best = (lo, hi)
    return best


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float] | None:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if hi - lo >= 2 else None


def _clear_of(line: dict, gutter: tuple[float, float]) -> bool:
    """Whether the line keeps to one side of the gutter (a column running on alone)."""
    return all(c["x1"] <= gutter[1] or c["x0"] >= gutter[0] for c in _glyphs(line)) and bool(_glyphs(line))


def _column_tail(lines: list[dict], start: int, end: int, gutter: tuple[float, float]) -> int:
    """Extend a column stretch over lines that keep clear of its gutter at the same size and spacing."""
    steps = [lines[k + 1]["top"] - lines[k]["top"] for k in range(start, end - 1)]
    step = max(steps) if steps else 0.0
    size = _size(lines[start])
    while end < len(lines) and _clear_of(lines[end], gutter) and abs(_size(lines[end]) - size) <= 0.5 \
            and lines[end]["top"] - lines[end - 1]["top"] <= step * 1.2:
        end += 1
    return end


def _columns(page, stretch: list[dict], gutter: tuple[float, float]) -> list[dict]:
    """The stretch's lines re-read column by column, ordered (``order``) as one block at the stretch's top."""
    top = min(line["top"] for line in stretch) - 0.5
    bottom = max(line["bottom"] for line in stretch) + 0.5
    x0, x1 = float(page.bbox[0]), float(page.bbox[2])
    middle = (gutter[0] + gutter[1]) / 2
    out: list[dict] = []
    for box in ((x0, top, middle, bottom), (middle, top, x1, bottom)):
        out.extend(page.crop(box, strict=False).extract_text_lines())
    return [dict(line, order=top + n * 1e-4) for n, line in enumerate(out)]

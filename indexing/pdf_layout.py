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
            for line in page.extract_text_lines():
                middle = (line["top"] + line["bottom"]) / 2
                if not any(x0 - 1 <= line["x0"] and top <= middle <= bottom for x0, top, _, bottom in boxes):
                    items.append((line["top"], ["", line["text"]] if previous and starts_paragraph(previous, line) else [line["text"]]))
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


"""Tables as text that survives chunking and reads well in an answer: one "row: value" line per row.

Why not keep a grid: a chunk is prose to the retriever and the answerer, and a flattened grid
("Skill area Reporting a gap Digital service design 53% ...") is unreadable and unquotable.
Each data row becomes one line that carries its own header, so a single row can answer a
question and be cited on its own:

    Skill area / Reporting a gap:
    Digital service design (reporting a gap): 53%
    Removing barriers to sharing - Rated 9 or 10: 36%; Mean score: 7.6

The loaders for PDF (pdfplumber), Word and Markdown/HTML pipe tables all call ``table_lines``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_CELL = re.compile(r"^:?-{2,}:?$")


def _clean(cell: object) -> str:
    return re.sub(r"\s+", " ", str(cell or "")).strip()


def table_lines(rows: Sequence[Sequence[object]]) -> list[str]:
    """The first row is the header; every other row becomes "label (header): value; header: value".

    Usage: ``table_lines([["Area", "Gap"], ["Design", "53%"]])`` ->
    ``["Area / Gap:", "Design (gap): 53%"]``. Empty rows and a table without data rows give [].
    """
    cleaned = [[_clean(c) for c in row] for row in rows]
    cleaned = [row for row in cleaned if any(row)]
    if len(cleaned) < 2:
        return [" ".join(c for c in row if c) for row in cleaned]
    header, body = cleaned[0], cleaned[1:]
    width = max(len(r) for r in cleaned)
    header = header + [""] * (width - len(header))
    lines = [" / ".join(h for h in header if h) + ":"] if any(header) else []
    for row in body:
        row = row + [""] * (width - len(row))
        label, values = row[0], list(zip(header[1:], row[1:]))
        filled = [(h, v) for h, v in values if v]
        if not filled:
            lines.append(label)
        elif len(filled) == 1:
            h, v = filled[0]
            lines.append(f"{label} ({h[0].lower() + h[1:] if h else ''}): {v}".replace(" ()", ""))
        else:
            lines.append(f"{label} - " + "; ".join(f"{h or 'value'}: {v}" for h, v in filled))
    return lines


def is_pipe_row(line: str) -> bool:
    return bool(_PIPE_ROW.match(line))


def pipe_table_lines(lines: Sequence[str]) -> list[str]:
    """A Markdown pipe table (header, rule, rows) as ``table_lines``; the rule row is dropped."""
    rows = []
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and all(_RULE_CELL.match(c) for c in cells if c):
            continue
        rows.append(cells)
    return table_lines(rows)

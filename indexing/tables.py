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

VALUE = re.compile(r"^[£$€]?\s?\d")  # "27", "£140,000", "12 March 2025": a value, not a column name
_FIGURE_CELL = re.compile(r"\(?[£$€]?\s?\d[\d,.]*\s?(?:%|per cent|m|bn|k)?\)?")  # "81%", "(64%)", "£2.4m", "8"
YEAR = re.compile(r"(?:19|20)\d\d(?:\s?[-/–]\s?\d{2,4})?")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_CELL = re.compile(r"^:?-{2,}:?$")


def _clean(cell: object) -> str:
    return re.sub(r"\s+", " ", str(cell or "")).strip()


def _name(cell: str) -> str:
    """A label or header cell without the line format's own separators (": " and "; ").

    Why: a row is written "label - header: value; header: value", so a label such as
    "B: procure a shared cloud platform" read as a label "B" with a value, and the row was not
    recognised as a table row at all. "B: procure" becomes "B, procure", "a; b" becomes "a, b".
    """
    return re.sub(r"\s*;\s+", ", ", re.sub(r"(?<=\S):\s+(?=\S)", ", ", cell))


def table_lines(rows: Sequence[Sequence[object]], header: bool = True) -> list[str]:
    """The first row is the header; every other row becomes "label (header): value; header: value".

    A two-column table whose first row already holds a value ("Grants awarded | 27") is a table of
    facts with no header row: every row becomes "label: value" (the first row's value had become
    every other row's label, "Fund manager (27): Tomasz Nowak"). ``header=False`` (a caller that
    knows the table has no header row) gives the same "label: value" lines.

    Usage: ``table_lines([["Area", "Gap"], ["Design", "53%"]])`` ->
    ``["Area / Gap:", "Design (gap): 53%"]``. Empty rows and a table without data rows give [].
    """
    cleaned = [[_clean(c) for c in row] for row in rows]
    cleaned = [row for row in cleaned if any(row)]
    if not header and cleaned:  # every row is data: "label: value"
        cleaned = [[""] * max(len(r) for r in cleaned), *cleaned]
    if len(cleaned) >= 2 and max(len(r) for r in cleaned) == 2 and all(len(r) == 2 for r in cleaned) \
            and VALUE.match(cleaned[0][1]) and not YEAR.fullmatch(cleaned[0][1]):
        cleaned = [["", ""]] + cleaned  # a two-column table of facts ("Budget | £2.4m") has no header row
    elif len(cleaned) >= 2 and len(cleaned[0]) > 2 and all(_FIGURE_CELL.fullmatch(c) and not YEAR.fullmatch(c) for c in cleaned[0][1:]):
        # a first row of figures is a row, not the header: "Filed everything online   81%   (64%)" had become every other
        # row's column names ("Satisfied - 81%: 69%; (64%): (58%)")
        cleaned = [[""] * len(cleaned[0])] + cleaned
    if len(cleaned) < 2:
        return [" ".join(c for c in row if c) for row in cleaned]
    header, body = [_name(h) for h in cleaned[0]], cleaned[1:]
    width = max(len(r) for r in cleaned)
    header = header + [""] * (width - len(header))
    lines = [" / ".join(h for h in header if h) + ":"] if any(header) else []
    for row in body:
        row = row + [""] * (width - len(row))
        label, values = _name(row[0]), list(zip(header[1:], row[1:]))
        filled = [(h, v) for h, v in values if v]
        if not filled:
            lines.append(label)
        elif not any(header) and len(filled) > 1:  # no header to name the values: "Filed everything online: 81%; (64%)"
            lines.append(f"{label}: " + "; ".join(v for _, v in filled))
        elif len(filled) == 1:
            h, v = filled[0]
            lines.append(f"{label} ({h[0].lower() + h[1:] if h else ''}): {v}".replace(" ()", ""))
        else:
            lines.append(f"{label} - " + "; ".join(f"{h or 'value'}: {v}" for h, v in filled))
    return lines


def is_pipe_row(line: str) -> bool:
    return bool(_PIPE_ROW.match(line))


def is_rule_row(line: str) -> bool:
    """A pipe table's delimiter row, with or without outer pipes: "--- | :---:" or "|---|---|"."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return "|" in line and len(cells) >= 2 and all(_RULE_CELL.match(c) for c in cells if c) and any(cells)


def pipe_table_lines(lines: Sequence[str]) -> list[str]:
    """A Markdown pipe table (header, rule, rows) as ``table_lines``; the rule row is dropped."""
    rows = []
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and all(_RULE_CELL.match(c) for c in cells if c):
            continue
        rows.append(cells)
    return table_lines(rows)


# a dot leader ("Total ........ 1,246", "Months to contract ... Contract value") is a gap too, however short before a
# last short value ("Received training in the last 12 months .. 34%", "... more than one system daily . 27%")
_COLUMN_GAP = re.compile(r"\s*\.{4,}\s*|\s+\.{3}\s+|\s+\.{1,2}\s+(?=\S{1,12}$)|\s{2,}|\t+")


def fixed_width_tables(lines: Sequence[str]) -> list[str]:
    """Plain-text tables laid out in columns become ``table_block`` paragraphs; other lines unchanged.

    Why: a text file's table ("Device type      Residents   Alerts") was re-flowed with the
    prose into one run-on line. A table here is three or more consecutive lines that each split
    into the same number (two or more) of cells at runs of two or more spaces or tabs; the first
    is its header. Indented bullets and prose have single spaces between words, so they never split.
    """
    def cells(line: str) -> list[str]:
        return [c for c in _COLUMN_GAP.split(line.strip()) if c] if line.strip() else []

    lines = _wrapped_headers(_without_inner_rules(list(lines), cells), cells)
    out: list[str] = []
    i = 0
    while i < len(lines):
        width = len(cells(lines[i]))
        j = i
        while width >= 2 and j < len(lines) and len(cells(lines[j])) == width:
            j += 1
        if j - i >= 3 and not _prose_rows([cells(line) for line in lines[i:j]]):
            out += ["", table_block([cells(line) for line in lines[i:j]]), ""]
            i = j
            continue
        out.append(lines[i])
        i += 1
    return out


def _without_inner_rules(lines: list[str], cells) -> list[str]:
    """``lines`` without the dashed rules drawn inside a table ("-------- ------   -----" under its header, or above
    its total), where the lines either side each split into two or more cells.

    Why: the rule under "Region    Exercises   Bodies" splits into fewer cells than the header, so the run of
    same-width lines began at the first row of figures, read as the header ("London - 38: 41; 121: 150")."""
    def cells_at(k: int) -> int:
        return len(cells(lines[k])) if 0 <= k < len(lines) else 0
    return [line for k, line in enumerate(lines) if not (_TEXT_RULE.match(line) and cells_at(k - 1) >= 2 and cells_at(k + 1) >= 2)]


def _wrapped_headers(lines: list[str], cells) -> list[str]:
    """``lines`` with a header wrapped onto a second line joined back into one: each piece of the second line joins the
    header cell it stands under ("Electronic hospital" over "referrals (Dec 2022)"). Only when the line after the two
    splits into as many cells as the header, as the table's first row does, and the header holds no figure.

    Why: "Coroner area .... Deaths reported .... Electronic hospital .... Days to inquest" over "referrals (Dec 2022)
    opening (avg)" broke the run of same-width lines, and the first row of figures ("Tyne Coast 3,920 76% 11") was
    read as the header of the rest."""
    out, dropped = list(lines), set()
    for i in range(len(out) - 2):
        head, more, row = cells(out[i]), cells(out[i + 1]), cells(out[i + 2])
        if not (len(head) >= 2 and 1 <= len(more) < len(head) and len(row) == len(head)) or any(VALUE.match(c) for c in head):
            continue
        at, pieces = _cell_starts(out[i]), _cell_starts(out[i + 1])
        if len(at) != len(head) or len(pieces) != len(more) or pieces[0] <= at[0]:
            continue
        merged = list(head)
        for piece, text in zip(pieces, more):
            column = max((k for k, a in enumerate(at) if a <= piece + 2), default=0)
            merged[column] = f"{merged[column]} {text}"
        out[i] = "    ".join(merged)
        dropped.add(i + 1)
    return [line for k, line in enumerate(out) if k not in dropped]


def _cell_starts(line: str) -> list[int]:
    """Where each cell of ``line`` (split at ``_COLUMN_GAP``) begins."""
    starts, at = [], 0
    for gap in [*_COLUMN_GAP.finditer(line), None]:
        end = gap.start() if gap else len(line)
        piece = line[at:end]
        if piece.strip():
            starts.append(at + len(piece) - len(piece.lstrip()))
        at = gap.end() if gap else at
    return starts


def _prose_rows(rows: Sequence[Sequence[str]]) -> bool:
    """Rows most of which hold a sentence-long cell: items set out in columns ("R1  Extend the register to every
    region by 2026. Owner: DfE."), not a table's values."""
    # (a long label before nothing but figures is a table's row: "Staff who use the platform at least weekly ..... 33%")
    return sum(any(len(c.split()) >= 8 for c in row) and not all(VALUE.match(c) for c in row[1:]) for row in rows) * 2 > len(rows)


_TEXT_RULE = re.compile(r"^\s*[-=+|:\s]*[-=]{3,}[-=+|:\s]*$")  # "-----+------", "+----+----+", "====|===="


def _pipe_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def pipe_text_tables(lines: Sequence[str]) -> list[str]:
    """Plain-text tables drawn with "|" between columns become ``table_block`` paragraphs.

    Why: a text file's table written "Region | Schools | Graded C or D" over a "------+------"
    rule was split at its runs of spaces instead, and its rows came out as "|: |; 1,180: 870".
    A table here is three or more consecutive lines, rules ("---+---", "+---+---+") aside, that
    split at "|" into the same number (two or more) of cells, at least one rule or outer "|"
    among them; the first is its header.
    """
    def width(line: str) -> int:
        return len(_pipe_cells(line)) if "|" in line and not _TEXT_RULE.match(line) else 0

    out: list[str] = []
    i = 0
    while i < len(lines):
        cols, j, rows, ruled = width(lines[i]), i, [], False
        while cols >= 2 and j < len(lines) and (width(lines[j]) == cols or (_TEXT_RULE.match(lines[j]) and j > i)):
            if _TEXT_RULE.match(lines[j]):
                ruled = True
            else:
                rows.append(_pipe_cells(lines[j]))
                ruled = ruled or bool(_PIPE_ROW.match(lines[j]))
            j += 1
        if len(rows) >= 3 or (ruled and len(rows) >= 2):
            out += ["", table_block(rows), ""]
            i = j
            continue
        out.append(lines[i])
        i += 1
    return out


def stacked_header(rows: Sequence[Sequence[str]], width: int) -> list[str]:
    """One header row of ``width`` columns from several stacked ones (merged cells repeated across
    the columns they span): each column's distinct labels, top first, joined ("Match rate, January")."""
    header: list[str] = []
    for col in range(width):
        parts: list[str] = []
        for row in rows:
            text = row[col] if col < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        header.append(", ".join(parts))
    return header


def table_block(rows: Sequence[Sequence[object]], header: bool = True) -> str:
    """``table_lines`` as one paragraph (rows on their own lines), so a table stays one unit of text."""
    return "\n".join(table_lines(rows, header))


def parse_table_block(text: str) -> list[list[str]] | None:
    """The cells back from a ``table_block`` (header row first), or None when ``text`` is not one.

    Why: later stages that read tables by column (the recommendations register reads the
    owner and timescale columns) get the grid back without a second table format in the index.
    """
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2 or not lines[0].endswith(":") or " / " not in lines[0]:
        return None
    header = [h.strip() for h in lines[0][:-1].split(" / ")]
    rows = [header]
    for line in lines[1:]:
        row = _parse_row(line, header)
        if row is None:
            return None
        rows.append(row)
    return rows


def _parse_row(line: str, header: list[str]) -> list[str] | None:
    width = len(header)
    for h in header[1:]:  # "label (header): value"
        marker = f" ({h[0].lower() + h[1:]}): "
        if marker in line:
            label, value = line.split(marker, 1)
            return [label] + [value if x == h else "" for x in header[1:]]
    if " - " not in line:
        return [line] + [""] * (width - 1)
    label, rest = line.split(" - ", 1)
    cells, position = [], 0
    starts = []
    for h in header[1:]:
        at = rest.find(f"{h}: ", position)
        starts.append(at)
        if at >= 0:
            position = at + len(h) + 2
    if all(at < 0 for at in starts):
        return None
    for i, h in enumerate(header[1:]):
        at = starts[i]
        if at < 0:
            cells.append("")
            continue
        nxt = min((a for a in starts[i + 1:] if a > at), default=len(rest) + 2)
        cells.append(rest[at + len(h) + 2: nxt - 2].strip() if nxt <= len(rest) else rest[at + len(h) + 2:].strip())
    return [label] + cells


def in_table_block(text: str) -> bool:
    """Does ``text`` end inside a ``table_block`` (its last paragraph opens with a header line)?"""
    paragraph = text.rsplit("\n\n", 1)[-1].lstrip("\n")
    first = paragraph.split("\n", 1)[0].strip()
    return first.endswith(":") and " / " in first

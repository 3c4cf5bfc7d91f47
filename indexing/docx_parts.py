"""Word structure the plain paragraph text loses: merged table headers, list markers, text boxes.

Why each one:

* **Merged header cells.** A table headed "Match rate" over "January | August" has two header
  rows, the first with a cell spanning two columns. Read as one header row with the merged cell
  kept once, every later column shifted left and values were labelled with the wrong header
  ("Records cleaned: 96%" for an August match rate). The grid is read position by position
  (a spanning cell fills every column it spans), stacked header rows are joined per column
  ("Match rate, January"), and a row that is one cell across the whole table is a caption.
* **List markers.** python-docx gives a "List Bullet" or "List Number" paragraph's text without
  its bullet or number, so a list read as loose paragraphs and list answers could not find its
  items. Items get "- " or "1. " as Word shows them (numbered within one run of list paragraphs).
* **Bold lines as headings.** Many reports set their sub-headings as a short bold paragraph in
  the Normal style, not as "Heading 2"; the text under them then had no section. Such a line
  (every run bold, at most ten words, no closing punctuation) heads a section below the Word
  headings above it.
* **Text boxes.** Text in a text box (a "Key fact" call-out) sits inside a run's drawing, which
  ``Paragraph.text`` skips; it was never indexed. Its paragraphs follow the paragraph that
  anchors it. A box stored twice (DrawingML with a VML fallback) is read once.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from indexing.tables import stacked_header

_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_MAX_HEADER_ROWS = 3


# ---------------------------------------------------------------- body
def body_items(document):
    """Paragraphs and tables of the body in order, including those inside content controls.

    Why: Word templates wrap a cover page, a summary box or whole sections in content controls
    (``w:sdt``); ``Document.iter_inner_content`` yields only the body's own paragraphs and
    tables, so everything inside a control was never indexed.
    """
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body

    def walk(parent):
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                yield Paragraph(child, document._body)
            elif child.tag == qn("w:tbl"):
                yield Table(child, document._body)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from walk(content)

    yield from walk(body)


def paragraph_text(paragraph) -> str:
    """The paragraph's text as Word shows it, including runs that ``Paragraph.text`` skips.

    Why: python-docx reads only the paragraph's own runs and hyperlinks, so text inside an inline
    content control ("The pilot ends on [31 March 2026]."), a simple field, a smart tag or a
    tracked insertion was dropped from the middle of a sentence. Every run under the paragraph
    counts, except those of a text box anchored in it (read on their own) and a drawing's fallback copy.
    """
    p = paragraph._p
    parts: list[str] = []
    for run in p.iter(qn("w:r")):
        if _outside(run, p):
            continue
        for child in run:
            if child.tag == qn("w:t"):
                parts.append(child.text or "")
            elif child.tag in (qn("w:tab"), qn("w:ptab")):
                parts.append("\t")
            elif child.tag in (qn("w:br"), qn("w:cr")):
                parts.append("\n")
            elif child.tag == qn("w:noBreakHyphen"):
                parts.append("-")
    return "".join(parts)


def _outside(run, paragraph) -> bool:
    """Whether a run belongs to a text box or a fallback copy inside ``paragraph``, not to its text."""
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag in (qn("w:txbxContent"), _FALLBACK):
            return True
    return False


# ---------------------------------------------------------------- tables
def table_rows(table) -> tuple[list[str], list[list[str]]]:
    """``(captions, rows)``: full-width title rows, then the grid with one header row first.

    Usage: ``captions, rows = table_rows(docx_table)``; ``rows`` goes to ``tables.table_block``.
    """
    grid = [[(cell._tc, "\n".join(paragraph_text(p) for p in cell.paragraphs).strip()) for cell in row.cells] for row in table.rows]
    grid = [row for row in grid if any(text for _, text in row)]
    captions: list[str] = []
    while len(grid) > 2 and len(grid[0]) > 1 and all(tc is grid[0][0][0] for tc, _ in grid[0]):
        captions.append(grid.pop(0)[0][1])  # one cell across the whole table: a title, not a header
    depth = _header_depth(grid)
    rows = [stacked_header([[text for _, text in row] for row in grid[:depth]], max(len(row) for row in grid))] if grid else []
    for row in grid[depth:]:
        if len(row) > 1 and all(tc is row[0][0] for tc, _ in row):
            rows.append([row[0][1]])  # a full-width row inside the table: a group label
            continue
        rows.append([text if i == 0 or tc is not row[i - 1][0] else "" for i, (tc, text) in enumerate(row)])
    return captions, rows


def _header_depth(grid: list[list[tuple[object, str]]]) -> int:
    """Header rows: the first, plus one more under each leading row whose cells span columns."""
    depth = 1
    while depth < min(_MAX_HEADER_ROWS, len(grid) - 1) and _spans_columns(grid[depth - 1]):
        depth += 1
    return depth


def _spans_columns(row: list[tuple[object, str]]) -> bool:
    return any(row[i][0] is row[i - 1][0] and row[i][1] for i in range(1, len(row)))


# ---------------------------------------------------------------- lists
def list_level(paragraph, numbering) -> tuple[str, int] | None:
    """``("bullet" | "number", level)`` for a list paragraph, else None.

    Direct numbering (``w:numPr``) is looked up in the numbering part; a paragraph numbered only
    by its style ("List Bullet 2", "List Number") is read from the style's own numbering, then its name.
    """
    num_id, level = _num_pr(paragraph._p.pPr)
    style = paragraph.style
    name = ""
    while style is not None and num_id is None:
        name = name or (style.name or "")
        num_id, style_level = _num_pr(style.element.pPr)
        level = level if level is not None else style_level
        style = style.base_style
    name = name or ((paragraph.style.name or "") if paragraph.style is not None else "")
    if num_id is None or num_id == "0":
        if name.startswith("List Bullet"):
            return "bullet", _style_level(name)
        if name.startswith("List Number"):
            return "number", _style_level(name)
        return None
    level = level or 0
    fmt = numbering.get((num_id, level)) if numbering else None
    if fmt is None:
        fmt = "decimal" if "Number" in name else "bullet"
    return ("bullet" if fmt in ("bullet", "none") else "number"), level


def _style_level(name: str) -> int:
    m = re.search(r"(\d)$", name)
    return int(m.group(1)) - 1 if m else 0


def _num_pr(ppr) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is None:
        return None, None
    num_id = num_pr.find(qn("w:numId"))
    ilvl = num_pr.find(qn("w:ilvl"))
    return (num_id.get(qn("w:val")) if num_id is not None else None,
            int(ilvl.get(qn("w:val"))) if ilvl is not None and (ilvl.get(qn("w:val")) or "").isdigit() else None)


def numbering_formats(document) -> dict[tuple[str, int], str]:
    """``{(numId, level): numFmt}`` from the document's numbering part ({} when it has none)."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for node in root.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in node.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            ilvl = lvl.get(qn("w:ilvl")) or "0"
            if ilvl.isdigit():
                levels[int(ilvl)] = fmt.get(qn("w:val")) if fmt is not None else "decimal"
        abstract[node.get(qn("w:abstractNumId"))] = levels
    out: dict[tuple[str, int], str] = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for level, fmt in abstract.get(ref.get(qn("w:val")), {}).items():
            out[(num.get(qn("w:numId")), level)] = fmt
    return out


class ListMarkers:
    """Markers for a run of list paragraphs: ``marker(kind, level)`` -> "- " or "2. " (indented by level)."""

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}

    def reset(self) -> None:
        self.counts.clear()

    def marker(self, kind: str, level: int) -> str:
        for deeper in [lv for lv in self.counts if lv > level]:
            del self.counts[deeper]
        indent = "  " * level
        if kind == "bullet":
            return f"{indent}- "
        self.counts[level] = self.counts.get(level, 0) + 1
        return f"{indent}{self.counts[level]}. "


# ---------------------------------------------------------------- headings
def heading_style(paragraph) -> str | None:
    """"Heading N" for a paragraph in a heading style, or in a house style built on one.

    Why: reports often use their own styles ("Report Section" based on "Heading 1"); their
    paragraphs are headings to Word (navigation pane, contents) but matched no "Heading N" name.
    A style's outline level, when it sets one, counts the same way.
    """
    style = paragraph.style
    for _ in range(10):  # a style chain is short; a loop in a damaged file must not hang
        if style is None:
            return None
        name = style.name or ""
        if re.fullmatch(r"Heading \d", name):
            return name
        ppr = style.element.pPr
        level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if level is not None and (level.get(qn("w:val")) or "").isdigit() and int(level.get(qn("w:val"))) < 9:
            return f"Heading {int(level.get(qn('w:val'))) + 1}"
        style = style.base_style
    return None


# ---------------------------------------------------------------- bold headings
def is_bold_heading(paragraph, text: str) -> bool:
    """A short paragraph whose every run is bold (directly, by character style or paragraph style)."""
    if len(text) > 80 or len(text.split()) > 10 or text.endswith((".", ",", ";", ":", "!", "?")):
        return False
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(_bold(run, paragraph) for run in runs)


def _bold(run, paragraph) -> bool:
    for value in (run.bold, run.style.font.bold if run.style is not None else None,
                  paragraph.style.font.bold if paragraph.style is not None else None):
        if value is not None:
            return bool(value)
    return False


# ---------------------------------------------------------------- text boxes
def text_box_paragraphs(paragraph) -> list[str]:
    """Texts of the paragraphs inside text boxes anchored in ``paragraph`` (a VML fallback skipped)."""
    out: list[str] = []
    for box in paragraph._p.iter(qn("w:txbxContent")):
        if any(a.tag == _FALLBACK for a in box.iterancestors()):
            continue
        for para in box.iter(qn("w:p")):
            text = "".join(node.text or "" for node in para.iter(qn("w:t"))).strip()
            if text:
                out.append(text)
    return out

"""PDF pages as lines of text with tables kept as tables, using pdfplumber's layout analysis.

Why pdfplumber: on the sample corpus it finds every table of the two PDFs with its header row
(pypdf has no table extraction; its text, even in layout mode, runs a table's cells together),
and its text lines carry positions, so a table can be put back where it stood on the page.
Measured in docs/evaluation.md ("PDF extraction").
"""

from __future__ import annotations

import io
import re

from indexing.tables import VALUE, YEAR, table_block


class HeadingLine(str):
    """A line the page sets as a heading (by its type, ``pdf_layout.type_headings``), with its level.

    A ``str``, so every stage that filters lines (running headers and footers) passes it through
    unchanged; the loader reads ``level`` where a numbered heading would be read from the text.
    """

    level: int

    def __new__(cls, text: str, level: int) -> "HeadingLine":
        line = super().__new__(cls, text)
        line.level = level
        return line


def pdf_page_lines(data: bytes) -> list[list[str]]:
    """One list of lines per page; a table's rows are separate lines with blank lines around them.

    A table is one element whose rows are separated by newlines, with blank lines around it: the
    loader re-flows consecutive lines into paragraphs, and this keeps the table one paragraph
    with each row on a line of its own. Headings set in larger or bold type are ``HeadingLine``s.
    """
    import pdfplumber

    read: list[list[tuple[float, object]]] = []  # per page: (position, a text line's dict or a table's lines)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            lines = [line for line in page.extract_text_lines()
                     if not any(x0 - 1 <= line["x0"] and top <= (line["top"] + line["bottom"]) / 2 <= bottom for x0, top, _, bottom in boxes)]
            lines, unruled = ruleless_tables(page, lines)
            items: list[tuple[float, object]] = [(line.get("order", line["top"]), line) for line in in_reading_order(page, lines)]
            items += [(top, ("table", rows, header)) for top, rows, header in unruled]
            for table in tables:  # one element with the rows on their own lines, blank lines around it
                items.append((table.bbox[1], ("table", table.extract(), True)))
            items.sort(key=lambda item: item[0])
            read.append(items)
    continue_tables(read)
    headings = type_headings([[item for _, item in items if isinstance(item, dict)] for items in read])
    pages: list[list[str]] = []
    for items in read:
        out: list[str] = []
        previous: dict | None = None
        for _, item in items:
            if not isinstance(item, dict):
                out.extend(["", table_block(item[1], item[2]), ""])
                continue
            level = headings.get(id(item))
            if level is not None and isinstance(out[-1] if out else None, HeadingLine) and out[-1].level == level \
                    and previous is not None and not starts_paragraph(previous, item):
                out[-1] = HeadingLine(f"{out[-1]} {item['text']}", level)  # a heading set on two lines
            elif level is not None:
                out += ["", HeadingLine(item["text"], level)]
            else:
                out += ["", item["text"]] if previous and starts_paragraph(previous, item) else [item["text"]]
            previous = item
        pages.append(out)
    return pages


def _font(line: dict) -> tuple[float, bool]:
    """The line's type size and whether all its letters are bold."""
    glyphs = [c for c in line.get("chars") or [] if c.get("text", "").strip()]
    if not glyphs:
        return _size(line), False
    return round(float(glyphs[0]["size"]) * 2) / 2, all("bold" in str(c.get("fontname", "")).lower() for c in glyphs)


def type_headings(pages: list[list[dict]]) -> dict[int, int]:
    """``{id(line): level}`` for lines set as headings: larger type than the body, or bold at body size.

    Why: a report's headings are often not numbered ("Executive summary", "Findings"), so the text
    under them had no section. The body size is the one most of the document's letters are set
    in; a heading is short (at most 12 words), does not end like a sentence, and is larger than
    the body by a point or more, or bold at body size with ordinary text under it. Larger type is a
    higher level. The first page's opening lines in one type (the document's title) stay text, and
    on the first page, where a title page sets subtitles and bylines large, a heading needs a
    paragraph of body text straight under it. A title wrapped over two lines under a small running
    header is still the title: its second line ("Admissions Round") had become a section.
    """
    from collections import Counter

    weights: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            weights[_font(line)[0]] += len(line["text"])
    if not weights:
        return {}
    body = weights.most_common(1)[0][0]
    found: dict[int, float] = {}
    for number, lines in enumerate(pages):
        title_block = number == 0  # the first page's first lines in one type: the document's title
        # ... after a running header set small above it ("Partnership | Review of the 2024 round")
        start = next((k for k, line in enumerate(lines[:3]) if _font(line)[0] >= body + 1), 0) if number == 0 else 0
        for k, line in enumerate(lines):
            size, bold = _font(line)
            title_block = title_block and (k <= start or size == _font(lines[start])[0])
            text = line["text"].strip()
            short = 0 < len(text.split()) <= 12 and len(text) <= 90 and not text.endswith((".", ",", ";", ":")) \
                and any(c.isalpha() for c in text)
            following = _font(lines[k + 1]) if k + 1 < len(lines) else None
            prose_under = k + 1 < len(lines) and abs(following[0] - body) < 1 and len(lines[k + 1]["text"].split()) >= 10
            if size >= body + 1 and short:
                if not title_block and (number > 0 or prose_under):
                    found[id(line)] = size
            elif short and bold and abs(size - body) < 1 and following is not None and not following[1] \
                    and not (k and _font(lines[k - 1]) == (size, True)) and not title_block:
                found[id(line)] = size - 0.25  # below any larger heading
            elif k >= start:
                title_block = False
    ranks = sorted(set(found.values()), reverse=True)
    return {key: ranks.index(size) + 1 for key, size in found.items()}


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



# ---------------------------------------------------------------- tables across pages
_EDGE_LINES = 2  # lines a running header or footer may take between a table and the page break


def continue_tables(read: list[list[tuple[float, object]]]) -> None:
    """A table that runs on over a page break without repeating its header gets the header back.

    Why: the continuation's first data row was taken for its header, so every value on the new
    page was labelled with another row's figures ("Branch K - 1,333: 1,370"). A table is a
    continuation when it is the first thing on its page (after at most a running header), the
    previous page ended with a table (before at most a footer) of as many columns, and its first
    row holds values (a figure in a cell) where the previous header held none. In place: the
    previous table's header row is put first.
    """
    for before, page in zip(read, read[1:]):
        tail = [k for k, (_, item) in enumerate(before) if _is_table(item)]
        head = [k for k, (_, item) in enumerate(page) if _is_table(item)]
        if not tail or not head or len(before) - 1 - tail[-1] > _EDGE_LINES or head[0] > _EDGE_LINES:
            continue
        last, first = before[tail[-1]][1][1], page[head[0]][1][1]
        if not last or not first or len(last[0]) != len(first[0]) or _cells_text(last[0]) == _cells_text(first[0]):
            continue
        if _holds_values(first[0]) and not _holds_values(last[0]):
            page[head[0]] = (page[head[0]][0], ("table", [last[0], *first], True))


def _is_table(item: object) -> bool:
    return isinstance(item, tuple) and len(item) == 3 and item[0] == "table" and item[2]


def _cells_text(row) -> list[str]:
    return [" ".join(str(c or "").split()) for c in row]


def _holds_values(row) -> bool:
    return any(VALUE.match(c) and not YEAR.fullmatch(c) for c in _cells_text(row)[1:])


# ---------------------------------------------------------------- tables without rules
_LIST_MARK = re.compile(r"^(?:[-•*▪●◦–]|\(?\d{1,2}[.)]|\(?[a-z][.)])$")


def _cells(line: dict) -> list[tuple[float, float, str]]:
    """The line's words grouped into cells: a gap wider than about a letter and a half starts a cell."""
    gap = max(1.2 * _size(line), 8.0)
    cells: list[list[dict]] = []
    for word in line["_words"]:
        if cells and word["x0"] - cells[-1][-1]["x1"] < gap:
            cells[-1].append(word)
        else:
            cells.append([word])
    return [(c[0]["x0"], c[-1]["x1"], " ".join(w["text"] for w in c)) for c in cells]


def _with_words(page, lines: list[dict]) -> list[dict]:
    """Each line with the page's words that sit on it (``_words``, left to right)."""
    words = page.extract_words()
    out = []
    for line in lines:
        on = [w for w in words if line["top"] - 0.5 <= (w["top"] + w["bottom"]) / 2 <= line["bottom"] + 0.5
              and line["x0"] - 1 <= w["x0"] and w["x1"] <= line["x1"] + 1]
        out.append(dict(line, _words=sorted(on, key=lambda w: w["x0"])))
    return out


def _aligned(a: list[tuple[float, float, str]], b: list[tuple[float, float, str]]) -> bool:
    """Same number of cells, each gap between cells overlapping the other row's (left, centred or right aligned)."""
    if len(a) != len(b):
        return False
    return all(max(a[i][1], b[i][1]) < min(a[i + 1][0], b[i + 1][0]) for i in range(len(a) - 1))


def ruleless_tables(page, lines: list[dict]) -> tuple[list[dict], list[tuple[float, list[list[str]], bool]]]:
    """Tables drawn without rules, found from their columns; returns the other lines and the tables.

    Why: pdfplumber finds a table by its ruled lines; a table set out in columns with white
    space only came out as run-together lines ("Highmoor 1,240 1,105 2,150"), re-flowed with the
    text around it into one paragraph. Three or more consecutive lines that split into the same
    cells at wide gaps, the gaps overlapping from row to row, are a table, its first row the
    header. Two cells need short ones (at most four words on average) and not list markers, so
    a bulleted list or two columns of prose is not taken for a table. A first row that is not set
    in bold and is a label and a value ("Owner    Head of Data"), or holds figures, is not a header:
    such a table is facts, each row "label: value".
    """
    lines = _with_words(page, lines)
    rows = [_cells(line) for line in lines]
    keep: list[dict] = []
    tables: list[tuple[float, list[list[str]], bool]] = []  # (top, rows, has a header row)
    i = 0
    while i < len(lines):
        j = i + 1
        if len(rows[i]) >= 2:
            while j < len(lines) and _aligned(rows[j - 1], rows[j]) and abs(_size(lines[j]) - _size(lines[i])) <= 1.5:
                j += 1
        run = rows[i:j]
        cells = [c for row in run for c in row]
        if j - i >= 3 and (len(run[0]) >= 3 or (sum(len(c[2].split()) for c in cells) / len(cells) <= 4
                                                 and not all(_LIST_MARK.match(row[0][2]) for row in run))):
            grid = [[c[2] for c in row] for row in run]
            facts = not _font(lines[i])[1] and (len(run[0]) == 2 or _holds_values(grid[0]))  # "Owner   Head of Data"
            tables.append((lines[i]["top"], grid, not facts))
            i = j
            continue
        keep.append(lines[i])
        i += 1
    return keep, tables


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
    A left column of prose is set to its full width, so many of its lines run up to the gutter;
    a table's label column (short, ragged cells beside long ones) does not, and stays read row by row.
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
        if gutter is None or j - i < _MIN_COLUMN_LINES or not _filled_to_gutter(lines[i:j], gutter):
            out.append(lines[i])
            i += 1
            continue
        j = _column_tail(lines, i, j, gutter)
        out.extend(_columns(page, lines[i:j], gutter))
        i = j
    return out


def _filled_to_gutter(stretch: list[dict], gutter: tuple[float, float]) -> bool:
    """Whether the left part is a column of prose: a third of the text's width or more, and a third or
    more of its lines (two at least) running to within a fifth of its width of the gutter."""
    left_edge = min(min((c["x0"] for c in _glyphs(line)), default=gutter[0]) for line in stretch)
    right_edge = max(max((c["x1"] for c in _glyphs(line)), default=gutter[1]) for line in stretch)
    width = max(gutter[0] - left_edge, 1.0)
    if width < 0.35 * (right_edge - left_edge):  # a narrow label column beside wide text: a table
        return False
    ends = [max((c["x1"] for c in _glyphs(line) if c["x1"] <= gutter[0]), default=left_edge) for line in stretch]
    return sum(gutter[0] - end <= 0.2 * width for end in ends) >= max(2, len(stretch) / 3)


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
    """Extend a column stretch over the lines below it that keep clear of its gutter.

    One column often has a paragraph break or heading where the other has text, so a line may
    hold words on one side only. Below the first stretch, lines clear of the gutter belong to the
    columns up to the last one on the side that ends first; after that, lines continue the longer
    column only at its body size and spacing, so a heading or text under both columns is not
    pulled up into them. A line across the gutter, or a jump of several lines, ends the columns.
    """
    steps = [lines[k + 1]["top"] - lines[k]["top"] for k in range(start, end - 1)]
    step = max(steps) if steps else 0.0
    sides: list[str] = []
    k = region = end
    while k < len(lines) and _clear_of(lines[k], gutter) and lines[k]["top"] - lines[k - 1]["top"] <= 3 * step:
        sides.append(_side(lines[k], gutter))
        k += 1
    active = {"left": end - 1, "right": end - 1}  # the last line of each column so far
    for offset, side in enumerate(sides):
        for column in ("left", "right"):
            if side in (column, "both"):
                active[column] = end + offset
    end = min(active.values()) + 1
    sizes = sorted(_size(line) for line in lines[start:end])
    size = sizes[len(sizes) // 2]
    while end < region + len(sides) and abs(_size(lines[end]) - size) <= 0.5 \
            and lines[end]["top"] - lines[end - 1]["top"] <= step * 1.2:
        end += 1
    return end


def _side(line: dict, gutter: tuple[float, float]) -> str:
    glyphs = _glyphs(line)
    left = any(c["x1"] <= gutter[0] for c in glyphs)
    right = any(c["x0"] >= gutter[1] for c in glyphs)
    return "both" if left and right else "left" if left else "right"


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

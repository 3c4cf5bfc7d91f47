"""Read each supported format into blocks of text under their heading path.

PDF keeps page numbers, DOCX keeps Word headings, HTML keeps only the main content,
Markdown and text keep their headings; front matter supplies type, title and date.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from pathlib import Path, PurePath

import yaml

from indexing.errors import IngestError
from indexing.decode import decode_text
from indexing.furniture import strip_furniture
from indexing.models import Block, LoadedDocument
from indexing.visible import visible_docx, visible_html
from indexing.tables import fixed_width_tables, is_pipe_row, pipe_text_tables, is_rule_row, pipe_table_lines, stacked_header, table_block

log = logging.getLogger(__name__)

# "3. Findings: culture", "3.2 Skills gaps", "Annex A: Method" — short, no closing full stop.
# (a title may open with a quoted term: '3. "Not known" rate by region')
_NUMBERED_HEADING = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<title>[\"“‘']?[A-Z][^\n]{1,80})$")
_LETTERED_HEADING = re.compile(r"^[A-Z]\.\d{1,2}\s+[A-Z][^\n]{1,80}$")
_ANNEX_HEADING = re.compile(r"^(?P<title>(Annex|Appendix)\b[^\n]{0,80})$")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*]|\d{1,2}[.)]|\(?[a-h]\))\s+\S")  # ("a) They did not know ...": a lettered item too)
# an item set out by its code: "R1  Extend the register ...", "ST2: Accept digital photographs", "A3 - Publish ..."
_ITEM_CODE = re.compile(r"^\s*[A-Z]{1,4}\d{1,3}[a-z]?(?:[.:)]\s+|\s{2,}|\s+[-–]\s+)\S")
_CODE_GAP = re.compile(r"^(\s*[A-Z]{1,4}\d{1,3}[a-z]?)\s{2,}(?=\S)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def load(source: str, kind: str, data: bytes) -> LoadedDocument:
    """Dispatch on the sniffed kind; every failure names the file and the stage."""
    loader = {"pdf": load_pdf, "docx": load_docx, "html": load_html, "markdown": load_markdown, "text": load_text}[kind]
    try:
        doc = loader(source, data)
    except IngestError:
        raise
    except Exception as exc:  # parser libraries raise many types on bad input
        raise IngestError(source, f"load {kind}", f"could not read the {kind.upper()} file ({type(exc).__name__}: {exc})") from exc
    doc.title = plain_characters(doc.title)
    doc.blocks = [Block(text=plain_characters(b.text), headings=tuple(plain_characters(h) for h in b.headings), page=b.page)
                  for b in doc.blocks]
    doc.blocks = [b for b in doc.blocks if b.text.strip()]
    if not doc.blocks:
        raise IngestError(source, f"load {kind}", "no text could be extracted (a scanned or empty document?)")
    if not doc.published:
        doc.published = stated_publication_date(doc.text[:3000]) or byline_date(doc.text[:800]) or file_year(source)
    return doc


_DAY_MONTH_YEAR = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>" + "|".join(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])
    + r")\s+(?P<year>(?:19|20)\d\d)\b", re.I)


def byline_date(opening: str) -> str | None:
    """The date of a byline among a document's first lines ("18 February 2025 · Hamish Adeyemi, techUK"),
    as YYYY-MM-DD: a short line holding a full date beside a separator ("·", "|", "•") or an author's "By"
    ("Prepared by Rachel Okafor, PSB analyst, 14 November 2023").

    Why: a briefing written as "**18 February 2025 · Name**" under its title stated no "Published"
    and had no front matter, so it had no year, and "the 2025 briefing" was refused as not mentioned."""
    for line in [ln.strip(" *_#") for ln in opening.splitlines() if ln.strip()][:6]:
        m = _DAY_MONTH_YEAR.search(line)
        if m and len(line) <= 160 and (re.search(r"\s[·|•]\s", line) or _AUTHORED_BY.match(line)):
            month = _MONTH_NAMES.index(m.group("month").lower()) + 1
            return f"{m.group('year')}-{month:02d}-{int(m.group('day')):02d}"
    return None


# "By Hamish Adeyemi", "Prepared by Rachel Okafor, PSB analyst, 14 November 2023": a line saying who wrote it
_AUTHORED_BY = re.compile(r"(?i:(?:prepared|written|compiled|produced|published|posted|authored)\s+)?[Bb]y\s+[A-Z][a-z]+\s+[A-Z]")


def file_year(source: str) -> str | None:
    """A year in the file's name ("note-burial-records-progress-2021.txt" -> "2021"), the last one, or None."""
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", PurePath(source.replace("\\", "/")).stem)
    return years[-1] if years else None


_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december"]
_STATED_DATE = re.compile(
    r"\b(?:published|first published|publication date|date of publication|issued)\b\s*:?\s*(?:on\s+|in\s+)?"
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>" + "|".join(_MONTH_NAMES) + r")\s+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)


def stated_publication_date(text: str) -> str | None:
    """The publication date a document states near its start ("Published 12 March 2025"), or None.

    Why: without a manifest or front matter, a PDF, Word or text report had no date, so
    answers could not say which year a figure comes from and date filters skipped it. Only an
    explicit "Published ..." is read: "YYYY-MM-DD", or "YYYY-MM" when no day is given (a year
    and month are known, a day is not).
    """
    m = _STATED_DATE.search(text)
    if m is None:
        return None
    month = _MONTH_NAMES.index(m.group("month").lower()) + 1
    if m.group("day") and 1 <= int(m.group("day")) <= 31:
        return f"{m.group('year')}-{month:02d}-{int(m.group('day')):02d}"
    return f"{m.group('year')}-{month:02d}"


_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)  # soft hyphen, zero-width characters
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f"), " ")  # no-break spaces


def plain_characters(text: str) -> str:
    """Typesetting characters replaced by the letters and spaces they stand for.

    Why: PDFs set "fi" and "fl" as one ligature glyph ("ﬁndings"), and web pages and Word
    documents carry soft hyphens and zero-width spaces inside words ("of\u00adficial",
    "data\u200bsharing"); all of them look right on screen but made a different word for the
    keyword index, the answer's sentences and its quotes, so "findings" never matched "ﬁndings".
    """
    if text.isascii():
        return text
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    return text.translate(_INVISIBLE).translate(_SPACES)


def _fallback_title(source: str) -> str:
    stem = Path(source).stem
    return re.sub(r"[-_]+", " ", stem).strip().capitalize() or stem


# ---------------------------------------------------------------- PDF
def load_pdf(source: str, data: bytes) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise IngestError(source, "load pdf", "the PDF is encrypted (password protected); save an unprotected copy")
            except (FileNotDecryptedError, NotImplementedError):
                raise IngestError(source, "load pdf", "the PDF is encrypted (password protected); save an unprotected copy") from None
        pages = [(i + 1, page.extract_text() or "") for i, page in enumerate(reader.pages)]
    except IngestError:
        raise
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(source, "load pdf", f"corrupt or truncated PDF ({exc})") from exc
    if not data.rstrip().endswith(b"%%EOF") and b"%%EOF" not in data[-2048:]:
        raise IngestError(source, "load pdf", "truncated PDF (no end-of-file marker)")
    meta_title = ""
    try:
        meta_title = (reader.metadata.title or "").strip() if reader.metadata else ""
    except Exception:
        meta_title = ""
    page_lines = strip_furniture(_layout_lines(source, data, pages))
    blocks: list[Block] = []
    stack: list[tuple[int, str]] = []
    words = document_words(line for lines in page_lines for line in lines)
    for page_no, lines in enumerate(page_lines, start=1):
        blocks.extend(_numbered_blocks(lines, stack, page_no, words=words))
    first_heading = next((b.headings[0] for b in blocks if b.headings), "")
    title = meta_title or _first_line(pages) or first_heading or _fallback_title(source)
    return LoadedDocument(source=source, kind="pdf", title=title, blocks=blocks)


def _layout_lines(source: str, data: bytes, pages: list[tuple[int, str]]) -> list[list[str]]:
    """Lines per page with tables kept as rows (pdfplumber); pypdf's plain text if layout fails.

    pypdf has already accepted the file (encryption and corruption are checked there), so a
    layout failure is pdfminer disagreeing with an odd but readable file: keep the text.
    """
    from indexing.pdf_layout import pdf_page_lines

    try:
        return pdf_page_lines(data)
    except Exception as exc:  # pdfminer raises many types on unusual files
        log.warning("%s: table-aware PDF layout failed (%s: %s); using plain page text", source, type(exc).__name__, exc)
        return [text.splitlines() for _, text in pages]


def _first_line(pages: list[tuple[int, str]]) -> str:
    for _, text in pages:
        for line in text.splitlines():
            if line.strip():
                return line.strip()[:150]
    return ""


def _numbered_blocks(lines: Iterable[str], stack: list[tuple[int, str]], page: int | None,
                     headings: dict[int, str] | None = None, words: set[str] | None = None) -> list[Block]:
    """Split plain lines at numbered headings; ``stack`` carries the heading path across pages.

    ``headings`` maps line positions to more headings (level 1) found by the caller.
    """
    blocks: list[Block] = []
    buf: list[str] = []

    def flush() -> None:
        text = _join_lines(buf, words)
        if text:
            blocks.append(Block(text=text, headings=tuple(t for _, t in stack), page=page))
        buf.clear()

    lines = list(lines)
    items = _numbered_items(lines) | _wrapped_items(lines)
    for n, raw in enumerate(lines):
        line = raw.strip()
        level_title = (1, headings[n]) if headings and n in headings else None if n in items else _heading_of(line)
        if level_title is None and hasattr(raw, "level"):  # set as a heading by its type (indexing.pdf_layout)
            level_title = raw.level, line
        if level_title:
            flush()
            level, title = level_title
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
        else:
            buf.append(raw)
    flush()
    return blocks


def _numbered_items(lines: list[str]) -> set[int]:
    """Positions of numbered lines that are a list, not headings: "1. Data analysis - 39%" followed,
    with nothing but blank lines between, by "2. Cyber security - 31%". Read as headings, the
    items had no text under them and were lost; a real heading has its section's text under it.

    The last line of such a run stays a heading when text follows it and its number continues the
    headings before the run ("4. Skills gaps", items 1-4, then "5. Using these figures"), unless it is
    indented as the run's first item is ("    4. Offline access ..." under "    1. Reliable laptops ...").
    """
    entries: list[tuple[int, int | None]] = []  # (position, number) of each non-blank line; None: not a numbered heading
    for n, raw in enumerate(lines):
        line = raw.strip()
        if line:
            m = _NUMBERED_HEADING.match(line) if _heading_of(line) else None
            entries.append((n, int(m.group("num")) if m and m.group("num").isdigit() else None))
    items: set[int] = set()
    last_heading: int | None = None
    i = 0
    while i < len(entries):
        j = i
        while j + 1 < len(entries) and entries[j][1] is not None and entries[j + 1][1] == entries[j][1] + 1:
            j += 1
        run = entries[i : j + 1]
        if len(run) >= 2:
            text_after = j + 1 < len(entries) and entries[j + 1][1] is None
            indent = [len(lines[n]) - len(lines[n].lstrip()) for n, _ in run]  # an item set in like the others is one of them
            if text_after and last_heading is not None and run[-1][1] == last_heading + 1 and not 0 < indent[-1] == indent[0]:
                run = run[:-1]
                last_heading = entries[j][1]
            if len(run) >= 2:
                items.update(n for n, _ in run)
        elif entries[i][1] is not None:
            last_heading = entries[i][1]
        i = j + 1
    return items


def _wrapped_items(lines: list[str]) -> set[int]:
    """Positions of numbered lines whose sentence runs on into the next line: indented, in lower case
    ("   1. The online form cannot tell residents whether the crew has already" / "      been to their
    street, ..."), or in any case set under the item's own text (a hanging indent: "1. The Welsh
    Government should fund a programme to produce more" / "   Welsh-language e-books ...").
    A heading does not run on; read as one, the first item of a list became a section of its own."""
    out: set[int] = set()
    for n, raw in enumerate(lines[:-1]):
        following, line = str(lines[n + 1]), str(raw)
        m = _NUMBERED_HEADING.match(line.strip())
        if not m or not following.strip():
            continue
        indent = len(line) - len(line.lstrip())
        text_column = indent + line.strip().index(m.group("title"))
        hanging = len(following) - len(following.lstrip()) == text_column
        if hanging or (indent and following[:1].isspace() and following.strip()[:1].islower()):
            out.add(n)
    return out


def _heading_of(line: str) -> tuple[int, str] | None:
    if len(line) > 90 or line.endswith((".", ",", ";", ":")) or len(line.split()) > 12:
        return None
    m = _NUMBERED_HEADING.match(line)
    if m:
        return m.group("num").count(".") + 1, line
    m = _ANNEX_HEADING.match(line)
    if m:
        return 1, line
    if _LETTERED_HEADING.match(line):  # "A.2 Respondents by grade": an annex's numbered subsection
        return 2, line
    return None


def _join_lines(lines: list[str], words: set[str] | None = None) -> str:
    """Re-flow hard-wrapped lines into paragraphs; blank lines separate paragraphs.

    A word broken at the end of a line ("organis-" / "ation") is joined: without the hyphen when
    the document uses the whole word elsewhere (``words``), else with it ("cross-government").
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if (_LIST_ITEM.match(line) or _ITEM_CODE.match(line)) and current:  # a bullet, numbered or coded item starts its own paragraph
            paragraphs.append(_rejoin(current, words))
            current = []
        line = _CODE_GAP.sub(r"\1 - ", line)  # "R1  Extend" as an item is written: "R1 - Extend"
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(_rejoin(current, words))
            current = []
    if current:
        paragraphs.append(_rejoin(current, words))
    return "\n\n".join(paragraphs).strip()


_BROKEN_END = re.compile(r"([A-Za-z]+)-$")
_BROKEN_START = re.compile(r"^([a-z]+)")


def _rejoin(lines: list[str], words: set[str] | None) -> str:
    text = lines[0]
    for line in lines[1:]:
        end, start = _BROKEN_END.search(text), _BROKEN_START.match(line)
        if end and start and "\n" not in text[-40:] and "\n" not in line[:40]:
            whole = (end.group(1) + start.group(1)).lower()
            text = text[:-1] + line if words and whole in words else text + line
        else:
            text = f"{text} {line}"
    return text


def document_words(lines: Iterable[str]) -> set[str]:
    """Lower-case words a document uses whole (not across a line break), for ``_join_lines``."""
    out: set[str] = set()
    for line in lines:
        out.update(w.lower() for w in re.findall(r"(?<![-\w])[A-Za-z]+(?![-\w])", line))
    return out


# ---------------------------------------------------------------- DOCX
def load_docx(source: str, data: bytes) -> LoadedDocument:
    import docx

    from indexing.docx_parts import ListMarkers, body_items, heading_style, paragraph_text, is_bold_heading, list_level, numbering_formats, table_rows, text_box_paragraphs

    try:
        document = docx.Document(io.BytesIO(visible_docx(data)))  # hidden and white runs dropped first
    except Exception as exc:
        raise IngestError(source, "load docx", f"not a readable Word document ({type(exc).__name__}: {exc})") from exc
    blocks: list[Block] = []
    stack: list[tuple[int, str]] = []
    buf: list[str] = []
    doc_title = ""
    numbering = numbering_formats(document)
    markers = ListMarkers()  # list items get the bullet or number Word shows (indexing.docx_parts)

    def flush() -> None:
        if buf:
            blocks.append(Block(text="\n\n".join(buf), headings=tuple(t for _, t in stack)))
            buf.clear()

    for item in body_items(document):
        if hasattr(item, "rows"):  # a table: its header row, then one "row: value" paragraph per row
            markers.reset()
            captions, rows = table_rows(item)
            buf.extend(captions)
            buf.append(table_block(rows))
            continue
        boxes = text_box_paragraphs(item)
        text = paragraph_text(item).strip()
        if not text:
            buf.extend(boxes)
            continue
        style = (item.style.name if item.style is not None else "") or ""
        if style == "Title":
            doc_title = doc_title or text
            buf.extend(boxes)
            continue
        m = re.match(r"Heading (\d)", heading_style(item) or "")
        if m:
            flush()
            markers.reset()
            level = int(m.group(1))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, text))
        else:
            listed = list_level(item, numbering)
            if listed is None and is_bold_heading(item, text):  # a bold line standing for a heading
                flush()
                markers.reset()
                while stack and stack[-1][0] >= 10:  # under the Word headings, beside earlier bold lines
                    stack.pop()
                stack.append((10, text))
            elif listed is None:
                markers.reset()
                buf.append(text)
            else:
                buf.append(markers.marker(*listed) + text)
        buf.extend(boxes)
    flush()
    props_title = (document.core_properties.title or "").strip()
    first_heading = stack[0][1] if stack else next((b.headings[0] for b in blocks if b.headings), "")
    title = props_title or doc_title or first_heading or _fallback_title(source)
    return LoadedDocument(source=source, kind="docx", title=title, blocks=blocks)


# ---------------------------------------------------------------- HTML
def load_html(source: str, data: bytes) -> LoadedDocument:
    """Main content only: trafilatura drops navigation, scripts, cookie banners and footers."""
    import trafilatura

    html = _readable_structure(visible_html(decode_text(source, data)))  # hidden text is never indexed (indexing.visible)
    markdown = trafilatura.extract(html, output_format="markdown", include_comments=False, include_tables=True, favor_recall=True)
    if not markdown:
        markdown = _html_fallback(html)
    markdown = _with_bylines(_header_cells_restored(markdown, html), html)
    meta = trafilatura.extract_metadata(html)
    doc = _markdown_document(source, "html", markdown)
    if meta is not None and meta.title and not _has_front_title(doc):
        doc.title = meta.title.strip()
    if meta is not None and meta.date and not doc.published:
        doc.published = meta.date
    return doc


def _header_cells_restored(markdown: str, html: str) -> str:
    """The Markdown with each blank cell of a table's header row filled from the page's own header row.

    Why: trafilatura blanks a header cell whose text reads like page furniture ("Email", as in "share by email"):
    "Year | Repair reports | Phone | Portal or app | | Other" lost the email channel's name, and its figures were
    labelled "value". A header row of the page with as many cells, agreeing on every cell that was kept, fills it."""
    lines = markdown.split("\n")
    blank = [k for k, line in enumerate(lines[:-1]) if is_pipe_row(line) and is_rule_row(lines[k + 1])
             and any(not c.strip() for c in line.strip().strip("|").split("|"))]
    if not blank:
        return markdown
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return markdown
    firsts = [next(table.iter("tr"), None) for table in root.iter("table")]
    headers = [[" ".join(c.text_content().split()) for c in tr if c.tag in ("th", "td")]
               for tr in firsts if tr is not None and any(c.tag == "th" for c in tr)]
    for k in blank:
        cells = [c.strip() for c in lines[k].strip().strip("|").split("|")]
        page = next((h for h in headers if len(h) == len(cells) and all(not c or c == x for c, x in zip(cells, h))), None)
        if page is not None:
            lines[k] = "| " + " | ".join(page) + " |"
    return "\n".join(lines)


def _readable_structure(html: str) -> str:
    """Captions and definition lists rewritten in shapes the Markdown extraction keeps.

    Why: trafilatura wrote a table's ``<caption>`` as an extra header row, so the real header row
    was read as data and every value was labelled "value"; it wrote a ``<dl>`` as alternating
    bullets, a term on one and its definition on the next; and it dropped a ``<figure>`` with its
    caption, which often states the chart's finding. A caption becomes a paragraph before its
    table, each term with its definitions one "Term: definition" bullet, and a figure its caption.
    """
    lower = html.lower()
    if not any(tag in lower for tag in ("<caption", "<dl", "colspan", "rowspan", "<figcaption", "<th")):
        return html
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    for caption in list(root.iter("caption")):
        table = caption.getparent()
        text = " ".join(caption.text_content().split())
        table.remove(caption)
        if text and table.getparent() is not None:
            paragraph = lxml.html.Element("p")
            paragraph.text = text
            table.addprevious(paragraph)
    for figure in list(root.iter("figure")):
        captions = [" ".join(c.text_content().split()) for c in figure.iter("figcaption")]
        if figure.find(".//table") is None and any(captions) and figure.getparent() is not None:
            paragraph = lxml.html.Element("p")
            paragraph.text = " ".join(c for c in captions if c)
            paragraph.tail = figure.tail
            figure.getparent().replace(figure, paragraph)
    for dl in list(root.iter("dl")):
        items: list[list[str]] = []
        for child in dl.iter("dt", "dd"):
            text = " ".join(child.text_content().split())
            if child.tag == "dt" or not items:
                items.append([text])
            elif text:
                items[-1].append(text)
        ul = lxml.html.Element("ul")
        for term, *definitions in items:
            li = lxml.html.Element("li")
            li.text = f"{term}: {' '.join(definitions)}" if definitions and term else term or " ".join(definitions)
            ul.append(li)
        ul.tail = dl.tail
        dl.getparent().replace(dl, ul)
    for table in list(root.iter("table")):
        _flatten_spans(table)
    for table in list(root.iter("table")):
        _headerless_row_labels(table)
    return lxml.html.tostring(root, encoding="unicode")


def _headerless_row_labels(table) -> None:
    """A table whose only ``<th>`` cells label its rows ("Grants awarded | 27") becomes a list of facts.

    Why: the first row was read as the header, so its value became every other row's label
    ("Total funding (27): £140,000"). Each row becomes one "Grants awarded: 27" item instead.
    """
    import lxml.html

    rows = [tr for tr in table.iter("tr") if tr.getparent() is table or tr.getparent().getparent() is table]
    cells = [[c for c in tr if c.tag in ("td", "th")] for tr in rows]
    if len(rows) < 2 or not all(row and row[0].tag == "th" and len(row) >= 2 and all(c.tag == "td" for c in row[1:])
                                for row in cells) or table.getparent() is None:
        return
    facts = lxml.html.Element("ul")
    for row in cells:
        texts = [" ".join(c.text_content().split()) for c in row]
        item = lxml.html.Element("li")
        item.text = f"{texts[0]}: {'; '.join(t for t in texts[1:] if t)}"
        facts.append(item)
    facts.tail = table.tail
    table.getparent().replace(table, facts)


def _flatten_spans(table) -> None:
    """A table with merged cells rewritten as a plain grid with one header row.

    Why: a header such as "Average occupancy" spanning "Before | After" (``colspan``) over a
    second header row came out of the Markdown extraction as a broken header, every value
    labelled "value". The grid is laid out position by position; stacked header rows (rows of
    ``<th>`` at the top) are joined per column ("Average occupancy, Before"); a spanning data cell
    keeps its text in its first column (a row label spanning rows is repeated in each row).
    """
    import lxml.html

    rows = [tr for tr in table.iter("tr") if tr.getparent() is table or tr.getparent().getparent() is table]
    if not any(cell.get("colspan") or cell.get("rowspan") for tr in rows for cell in tr if cell.tag in ("td", "th")):
        return
    grid: list[list[tuple[str, str, bool]]] = []  # (text, tag, continuation of a span)
    pending: dict[int, tuple[str, str, int]] = {}  # column -> (text, tag, rows still to fill)
    for tr in rows:
        row: list[tuple[str, str, bool]] = []
        cells = [c for c in tr if c.tag in ("td", "th")]
        col = 0
        while cells or any(c >= col for c in pending):
            if col in pending:
                text, tag, left = pending[col]
                row.append((text, tag, True))
                pending[col] = (text, tag, left - 1)
                if left - 1 <= 0:
                    del pending[col]
                col += 1
                continue
            if not cells:
                break
            cell = cells.pop(0)
            text = " ".join(cell.text_content().split())
            span = int(cell.get("colspan") or 1) if (cell.get("colspan") or "1").isdigit() else 1
            down = int(cell.get("rowspan") or 1) if (cell.get("rowspan") or "1").isdigit() else 1
            for k in range(max(1, min(span, 50))):
                row.append((text, cell.tag, k > 0))
                if down > 1:
                    pending[col + k] = (text, cell.tag, min(down, 500) - 1)
            col += max(1, min(span, 50))
        grid.append(row)
    depth = 0
    while depth < min(3, len(grid) - 1) and grid[depth] and all(tag == "th" for _, tag, _ in grid[depth]):
        depth += 1
    depth = max(depth, 1)
    header = stacked_header([[text for text, _, _ in r] for r in grid[:depth]], max(len(r) for r in grid))
    new = lxml.html.Element("table")
    head = lxml.html.Element("tr")
    for text in header:
        th = lxml.html.Element("th")
        th.text = text
        head.append(th)
    new.append(head)
    for r in grid[depth:]:
        tr = lxml.html.Element("tr")
        for k, (text, _, continued) in enumerate(r):
            td = lxml.html.Element("td")
            td.text = text if not continued or k == 0 else ""
            tr.append(td)
        new.append(tr)
    new.tail = table.tail
    table.getparent().replace(table, new)


_BYLINE = re.compile(r"^(?:Published|First published|Posted|Updated|Last updated|Released|Issued)\b.{0,150}\b(?:19|20)\d\d\b", re.I)
_FULL_DATE = re.compile(r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d\d\b")
_BYLINE_CLASS = re.compile(r"\b(?:meta|byline|dateline|date|posted|published)\b", re.I)


def _with_bylines(markdown: str, html: str) -> str:
    """The page's byline ("Published 14 November 2017 · techUK ...") kept under its title.

    Why: trafilatura drops bylines as boilerplate, yet a byline is where a web page says when
    it was published, and "When was the skills Insight published?" is answered from its text.
    Only short lines of the main content are kept: ones that start like a byline and hold a
    year, or a ``<time>`` or byline-classed element ("meta", "byline", "date") holding a full date.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    root = soup.find("main") or soup.find("article") or soup.body or soup
    flat = " ".join(markdown.split())
    lines = []
    for el in root.find_all(["p", "div", "span", "time"]):
        text = " ".join(el.get_text(" ").split())
        marked = el.name == "time" or bool(_BYLINE_CLASS.search(" ".join(el.get("class") or [])))
        if (len(text) <= 200 and (_BYLINE.match(text) or (marked and _FULL_DATE.search(text)))
                and text not in flat and not el.find(["p", "div"])):
            lines.append(text)
    lines = list(dict.fromkeys(lines))[:2]
    if not lines:
        return markdown
    head, sep, rest = markdown.partition("\n")
    if _MD_HEADING.match(head):  # under the page's title, where the byline stood
        return f"{head}\n\n" + "\n\n".join(lines) + f"\n\n{rest.lstrip()}"
    return "\n\n".join(lines) + f"\n\n{markdown}"


def _has_front_title(doc: LoadedDocument) -> bool:
    return bool(doc.blocks and doc.blocks[0].headings and doc.title == doc.blocks[0].headings[0])


def _html_fallback(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "template"]):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    lines = []
    for el in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "pre", "blockquote"]):
        text = el.get_text(" ", strip=True)
        if not text:
            continue
        lines.append(f"{'#' * int(el.name[1])} {text}" if el.name.startswith("h") and len(el.name) == 2 else text)
    return "\n\n".join(lines)


# ---------------------------------------------------------------- Markdown and text
def load_markdown(source: str, data: bytes) -> LoadedDocument:
    return _markdown_document(source, "markdown", decode_text(source, data))


def load_text(source: str, data: bytes) -> LoadedDocument:
    """Plain text: form feeds are page breaks (running headers and page numbers dropped), tables
    laid out in columns are kept as tables, and numbered, CAPITALISED or underlined lines are headings."""
    text = decode_text(source, data).replace("\r\n", "\n").replace("\r", "\n")
    pages = [page.split("\n") for page in text.split("\f")]
    if len(pages) > 1:
        pages = strip_furniture(pages)
    lines = fixed_width_tables(pipe_text_tables([line for page in pages for line in [*page, ""]][:-1]))
    headings = _text_headings(lines)
    stack: list[tuple[int, str]] = []
    blocks = _numbered_blocks([line for n, line in enumerate(lines) if n not in headings or headings[n]],
                              stack, None, _renumbered(headings), document_words(lines))
    title = headings.get(0) or _first_line([(1, text.replace("\f", "\n"))]) or _fallback_title(source)
    return LoadedDocument(source=source, kind="text", title=title, blocks=blocks)


_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,}|~{3,})\s*$")
# "1. Background" over an underline: a numbered heading, not a list item ("- item" over "---" is an item and a rule)
_NUMBERED_TITLE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+[\"“‘']?[A-Z]")


def _is_caps_heading(line: str) -> bool:
    """"KEY FINDINGS", "ANNEX B: COSTS": capitals only, short, with a real word, not a sentence."""
    text = line.strip()
    letters = [c for c in text if c.isalpha()]
    return (len(letters) >= 4 and all(c.isupper() for c in letters) and len(text.split()) <= 12 and len(text) <= 90
            and re.search(r"[A-Z]{3}", text) is not None and not text.endswith((".", ",", ";"))
            and not re.search(r"\s{2,}|\t", text))


def _text_headings(lines: list[str]) -> dict[int, str]:
    """Headings of a text file by position: a line over an underline ("Findings" / "========",
    the underline mapped to ""), or a line in capitals standing alone (blank or capitals around it)."""
    found: dict[int, str] = {}
    for n, line in enumerate(lines):
        before = lines[n - 1].strip() if n else ""
        after = lines[n + 1] if n + 1 < len(lines) else ""
        if (_UNDERLINE.match(after) and line.strip() and len(line.split()) <= 12
                and (not _LIST_ITEM.match(line) or _NUMBERED_TITLE.match(line)) and not before):
            found[n], found[n + 1] = line.strip(), ""
        elif n not in found and _is_caps_heading(line) and (not before or _is_caps_heading(before)) and (
                not after.strip() or _is_caps_heading(after)):
            if before and found.get(n - 1):  # a heading set on two lines is one heading
                found[n - 1], found[n] = f"{found[n - 1]} - {line.strip()}", ""
            else:
                found[n] = line.strip()
    return found


def _renumbered(headings: dict[int, str]) -> dict[int, str]:
    """Heading positions after the underlines (mapped to "") are taken out of the lines."""
    out: dict[int, str] = {}
    dropped = 0
    for n in sorted(headings):
        if headings[n]:
            out[n - dropped] = headings[n]
        else:
            dropped += 1
    return out


def _split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    parts = re.split(r"^---\s*$", text, maxsplit=2, flags=re.M)
    if len(parts) < 3:
        return {}, text
    try:
        meta = yaml.safe_load(parts[1]) or {}
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):  # not front matter: e.g. a paragraph between two horizontal rules
        return {}, text
    return meta, parts[2]


def _tables_as_rows(lines: list[str]) -> list[str]:
    """Pipe tables become "row: value" paragraphs (``indexing.tables``); other lines are unchanged.

    A table is a run of "| a | b |" rows, or a header row and a delimiter row ("a | b" over
    "--- | ---") with the rows under it: GitHub-flavoured Markdown does not need the outer pipes.
    """
    out: list[str] = []
    table: list[str] = []
    bare = False  # a table without outer pipes: its rows are the lines holding a "|"
    for i, line in enumerate(lines + [""]):
        if not table and "|" in line and not is_pipe_row(line) and i + 1 < len(lines) and is_rule_row(lines[i + 1]):
            bare = True
        if is_pipe_row(line) or (bare and "|" in line and line.strip()):
            table.append(line)
            continue
        if table:
            out += ["", *(pipe_table_lines(table) if len(table) >= 2 else table), ""]  # one paragraph, a row a line
            table = []
        bare = False
        out.append(line)
    return out[:-1]


# "* item" and "+ item" are the same bullet as "- item"; written "- " so a bullet's "*" is never
# read as emphasis (an answer that bolds a section label ran into it: "*Risks and owners**: * Data ...").
_STAR_BULLET = re.compile(r"^(\s*)[*+]\s+(?=\S)")
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")


def _setext_to_atx(lines: list[str]) -> list[str]:
    """"Title" over "=====" (or "-----") is a level-1 (level-2) heading: written as "# Title"."""
    out: list[str] = []
    in_fence = False
    for line in lines:
        if line.strip().startswith("```"):
            in_fence = not in_fence
        m = None if in_fence else _SETEXT_RULE.match(line)
        previous = out[-1] if out else ""
        if (m and len(m.group(1)) >= 3 and previous.strip() and not _MD_HEADING.match(previous)
                and not _LIST_ITEM.match(previous) and "|" not in previous and not _SETEXT_RULE.match(previous)
                and (len(out) < 2 or not out[-2].strip())):
            out[-1] = f"{'#' if m.group(1)[0] == '=' else '##'} {previous.strip()}"
            continue
        out.append(line)
    return out


_FIELD_LINE = re.compile(r"^\s*[A-Z][A-Za-z ()/&-]{0,30}:\s")  # "Owner: Cabinet Office": one field a line
_BLOCK_START = re.compile(r"^\s*(?:#|>|<|```|~~~|\|)")
_MD_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+\S")  # a list item ("+" and "*" bullets too)


def _unwrap(lines: list[str]) -> list[str]:
    """Hard-wrapped paragraph and list-item lines joined, as Markdown renders them: a paragraph
    wrapped at 70 columns reached answers as fragments ("to the lack of training time.").

    A line stays on its own when it starts a block (heading, list item, quote, fence, table row),
    is a "Label: value" field, follows a hard break (two spaces or a backslash), or either line
    holds a "|" (table rows are their own lines); fenced code is left as it is.
    """
    out: list[str] = []
    in_fence = False
    for line in lines:
        if line.strip().startswith(("```", "~~~")):
            in_fence = not in_fence
            out.append(line)
            continue
        previous = out[-1] if out else ""
        if (not in_fence and line.strip() and previous.strip() and not _BLOCK_START.match(previous)
                and not _BLOCK_START.match(line) and not _MD_ITEM.match(line) and "|" not in line + previous
                and not previous.endswith(("  ", "\\")) and not _FIELD_LINE.match(line)
                and (not _FIELD_LINE.match(previous) or line.strip()[:1].islower())):
            out[-1] = f"{previous.rstrip()} {line.strip()}"
            continue
        out.append(line)
    return out


def _markdown_document(source: str, kind: str, text: str) -> LoadedDocument:
    """Markdown (and HTML converted to Markdown), hard-wrapped lines joined (``_unwrap``)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _split_front_matter(text)
    blocks: list[Block] = []
    stack: list[tuple[int, str]] = []
    buf: list[str] = []
    in_fence = False

    def flush() -> None:
        content = "\n".join(buf).strip()
        if content:
            blocks.append(Block(text=re.sub(r"\n{3,}", "\n\n", content), headings=tuple(t for _, t in stack)))
        buf.clear()

    lines = _setext_to_atx(body.splitlines())
    # HTML too: trafilatura keeps the source's line breaks inside an element ("<li>... self assessment\n
    # payments and tax codes ...</li>"), which cut list items into an item and a stray line
    for line in _tables_as_rows(_unwrap(lines) if kind in ("markdown", "html") else lines):
        if line.strip().startswith("```"):
            in_fence = not in_fence
        m = None if in_fence else _MD_HEADING.match(line)
        if m and m.group(2):
            flush()
            level = len(m.group(1))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, m.group(2)))
        else:
            buf.append(line if in_fence else _STAR_BULLET.sub(r"\1- ", line))
    flush()
    first_heading = next((b.headings[0] for b in blocks if b.headings), "")
    title = str(meta.get("title") or first_heading or _fallback_title(source)).strip()
    published = meta.get("published") or meta.get("date")
    return LoadedDocument(
        source=source,
        kind=kind,
        title=title,
        blocks=blocks,
        doc_type=str(meta["type"]).lower() if meta.get("type") else None,
        published=str(published) if published else None,
    )

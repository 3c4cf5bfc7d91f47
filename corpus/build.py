#!/usr/bin/env python3
"""Rebuild the binary documents of the illustrative PSB corpus.

Reads every ``corpus/sources/*.md`` file, whose YAML front matter names the
output file (``output: name.pdf`` or ``output: name.docx``), and writes the
result to ``corpus/documents/``.

* PDF is produced with fpdf2 using the built-in Helvetica core font, so no
  font download is needed. Core fonts only cover latin-1, so typographic
  quotes and dashes are folded to ASCII first.
* DOCX is produced with python-docx using real "Heading 1"/"Heading 2"
  styles and a core-properties title.

Output is deterministic: creation dates are fixed from the ``published``
date in the front matter and DOCX zip entries get fixed timestamps.

Usage:  python corpus/build.py        (needs fpdf2, python-docx, pyyaml)

The HTML, Markdown and plain-text documents in corpus/documents/ are
maintained by hand and are not touched by this script.

Illustrative corpus written for the PSB Assistant project.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DOCUMENTS = HERE / "documents"

# --------------------------------------------------------------------------
# Minimal Markdown parsing (only what the sources use)
# --------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        raise ValueError("source file has no YAML front matter")
    _, fm, body = text.split("---\n", 2)
    return yaml.safe_load(fm) or {}, body


def parse_blocks(body: str) -> list[tuple]:
    """Return a list of blocks: ("h", level, text), ("p", text),
    ("ul", [items]), ("ol", [items]), ("table", header, rows)."""
    blocks: list[tuple] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            blocks.append(("h", len(m.group(1)), m.group(2).strip()))
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows[0], rows[1:]))
            continue
        if re.match(r"^- ", line):
            items = []
            while i < len(lines) and re.match(r"^- ", lines[i]):
                items.append(lines[i][2:].strip())
                i += 1
            blocks.append(("ul", items))
            continue
        if re.match(r"^\d+\. ", line):
            items = []
            while i < len(lines) and re.match(r"^\d+\. ", lines[i]):
                items.append(re.sub(r"^\d+\.\s+", "", lines[i]).strip())
                i += 1
            blocks.append(("ol", items))
            continue
        para = [line.strip()]
        i += 1
        while (
            i < len(lines)
            and lines[i].strip()
            and not re.match(r"^(#{1,3}\s|- |\||\d+\. )", lines[i])
        ):
            para.append(lines[i].strip())
            i += 1
        blocks.append(("p", " ".join(para)))
    return blocks


def bold_runs(text: str) -> list[tuple[str, bool]]:
    """Split '**bold** rest' into [(text, is_bold), ...]."""
    parts = re.split(r"(\*\*[^*]+\*\*)", text)
    out = []
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            out.append((part[2:-2], True))
        else:
            out.append((part, False))
    return out


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------

ASCII_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " ",
    "\u2022": "-",
}


def latin1(text: str) -> str:
    for k, v in ASCII_FOLD.items():
        text = text.replace(k, v)
    # Anything else outside latin-1 is replaced rather than crashing.
    return text.encode("latin-1", "replace").decode("latin-1")


def build_pdf(meta: dict, blocks: list[tuple], out: Path) -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    published = dt.datetime.combine(
        dt.date.fromisoformat(str(meta["published"])), dt.time(9, 0), dt.timezone.utc
    )
    short_title = latin1(meta.get("short_title") or meta["title"].split(":")[0])

    class ReportPDF(FPDF):
        def footer(self):
            if self.page_no() == 1:
                return
            self.set_y(-14)
            self.set_font("Helvetica", "", 8)
            self.set_text_color(110, 110, 110)
            self.cell(0, 6, f"techUK Public Services Board | {short_title} | Page {self.page_no()}",
                      align="C")
            self.set_text_color(0, 0, 0)

    pdf = ReportPDF(format="A4")
    pdf.set_creation_date(published)
    pdf.set_title(latin1(meta["title"]))
    pdf.set_author(latin1(meta.get("author", "")))
    pdf.set_subject(latin1(meta.get("subtitle", "")))
    pdf.set_creator("corpus/build.py (PSB Assistant illustrative corpus)")
    pdf.set_producer("fpdf2")
    pdf.set_keywords("techUK; Public Services Board; illustrative")
    pdf.set_lang("en-GB")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=22)

    # Title page
    pdf.add_page()
    pdf.set_y(70)
    pdf.set_font("Helvetica", "B", 24)
    pdf.multi_cell(0, 11, latin1(meta["title"]), align="L")
    pdf.ln(4)
    if meta.get("subtitle"):
        pdf.set_font("Helvetica", "", 14)
        pdf.multi_cell(0, 7, latin1(meta["subtitle"]), align="L")
        pdf.ln(10)
    pdf.set_font("Helvetica", "", 11)
    for line in meta.get("titlepage", []):
        pdf.multi_cell(0, 6, latin1(line), align="L")
        pdf.ln(3)

    body_size = 10.5
    first_h1 = True
    for block in blocks:
        kind = block[0]
        if kind == "h":
            level, text = block[1], latin1(block[2])
            if level == 1:
                # Each top-level section starts a new page only for the first one;
                # afterwards keep flow but make sure a heading is not orphaned.
                if first_h1:
                    pdf.add_page()
                    first_h1 = False
                elif pdf.get_y() > pdf.h - 60:
                    pdf.add_page()
                else:
                    pdf.ln(4)
                pdf.start_section(text, level=0)
                pdf.set_font("Helvetica", "B", 16)
                pdf.multi_cell(0, 8, text, align="L")
                pdf.ln(2)
            else:
                if pdf.get_y() > pdf.h - 45:
                    pdf.add_page()
                else:
                    pdf.ln(2)
                pdf.start_section(text, level=1)
                pdf.set_font("Helvetica", "B", 12.5)
                pdf.multi_cell(0, 6.5, text, align="L")
                pdf.ln(1)
        elif kind == "p":
            pdf.set_font("Helvetica", "", body_size)
            # fpdf2 markdown mode renders **bold**; our text never contains "--" or "__".
            pdf.multi_cell(0, 5.4, latin1(block[1]), align="L", markdown=True)
            pdf.ln(2.5)
        elif kind in ("ul", "ol"):
            pdf.set_font("Helvetica", "", body_size)
            for n, item in enumerate(block[1], start=1):
                marker = "-" if kind == "ul" else f"{n}."
                pdf.set_x(pdf.l_margin + 3)
                pdf.cell(6, 5.4, marker)
                pdf.multi_cell(0, 5.4, latin1(item), align="L", markdown=True)
                pdf.ln(1)
            pdf.ln(1.5)
        elif kind == "table":
            header, rows = block[1], block[2]
            pdf.set_font("Helvetica", "", body_size - 0.5)
            ncols = len(header)
            widths = (100, 66) if ncols == 2 else (86, 40, 40)
            with pdf.table(
                col_widths=widths,
                text_align=["LEFT"] + ["RIGHT"] * (ncols - 1),
                headings_style=FontFace(emphasis="BOLD", fill_color=(225, 230, 240)),
                line_height=6,
                width=sum(widths),
                align="LEFT",
            ) as table:
                r = table.row()
                for cell in header:
                    r.cell(latin1(cell))
                for row in rows:
                    r = table.row()
                    for cell in row:
                        r.cell(latin1(cell))
            pdf.ln(3)
    pdf.output(str(out))


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

FIXED_ZIP_TIME = (2017, 11, 1, 0, 0, 0)


def build_docx(meta: dict, blocks: list[tuple], out: Path) -> None:
    import docx
    from docx.shared import Pt

    published = dt.datetime.combine(
        dt.date.fromisoformat(str(meta["published"])), dt.time(9, 0)
    )
    d = docx.Document()
    cp = d.core_properties
    cp.title = meta["title"]
    cp.subject = meta.get("subtitle", "")
    cp.author = meta.get("author", "")
    cp.last_modified_by = meta.get("author", "")
    cp.category = meta.get("type", "")
    cp.keywords = "techUK; Public Services Board; illustrative"
    cp.comments = "Illustrative document written for the PSB Assistant project."
    cp.created = published
    cp.modified = published
    cp.last_printed = published
    cp.revision = 1
    cp.language = "en-GB"

    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)

    d.add_paragraph(meta["title"], style="Title")
    if meta.get("subtitle"):
        d.add_paragraph(meta["subtitle"], style="Subtitle")
    for line in meta.get("titlepage", []):
        d.add_paragraph(line)

    def add_runs(par, text):
        for chunk, is_bold in bold_runs(text):
            run = par.add_run(chunk)
            run.bold = is_bold or None

    for block in blocks:
        kind = block[0]
        if kind == "h":
            d.add_heading(block[2], level=min(block[1], 3))
        elif kind == "p":
            add_runs(d.add_paragraph(), block[1])
        elif kind in ("ul", "ol"):
            style = "List Bullet" if kind == "ul" else "List Number"
            for item in block[1]:
                add_runs(d.add_paragraph(style=style), item)
        elif kind == "table":
            header, rows = block[1], block[2]
            t = d.add_table(rows=1 + len(rows), cols=len(header))
            t.style = "Table Grid"
            for j, cell in enumerate(header):
                t.cell(0, j).text = ""
                t.cell(0, j).paragraphs[0].add_run(cell).bold = True
            for i, row in enumerate(rows, start=1):
                for j, cell in enumerate(row):
                    add_runs(t.cell(i, j).paragraphs[0], cell)
            d.add_paragraph()

    buf = io.BytesIO()
    d.save(buf)
    # Re-pack with fixed timestamps and a stable entry order for reproducibility.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))


# --------------------------------------------------------------------------


def main() -> int:
    DOCUMENTS.mkdir(exist_ok=True)
    built = []
    for src in sorted(SOURCES.glob("*.md")):
        meta, body = split_front_matter(src.read_text(encoding="utf-8"))
        out_name = meta.get("output")
        if not out_name:
            continue
        out = DOCUMENTS / out_name
        blocks = parse_blocks(body)
        if out.suffix == ".pdf":
            build_pdf(meta, blocks, out)
        elif out.suffix == ".docx":
            build_docx(meta, blocks, out)
        else:
            print(f"skip {src.name}: unsupported output {out_name}", file=sys.stderr)
            continue
        built.append(out)
        print(f"built {out.relative_to(HERE.parent)}")
    return 0 if built else 1


if __name__ == "__main__":
    sys.exit(main())

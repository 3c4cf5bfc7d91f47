"""Tables reach the index as "row: value" lines with their header, from PDF, Word, HTML and Markdown."""

from __future__ import annotations

import pytest

from indexing.loaders import load
from indexing.tables import pipe_table_lines, table_lines

ROWS = [["Skill area", "Reporting a gap"], ["Service design", "53%"], ["Cyber security", "27%"]]


def test_two_column_rows_carry_their_header():
    assert table_lines(ROWS) == ["Skill area / Reporting a gap:", "Service design (reporting a gap): 53%", "Cyber security (reporting a gap): 27%"]


def test_wider_rows_name_every_column_and_skip_empty_cells():
    rows = [["Area", "Rated 9 or 10", "Mean"], ["Skills", "49%", "8.2"], ["Sharing", "", "7.6"], ["", "", ""]]
    assert table_lines(rows) == ["Area / Rated 9 or 10 / Mean:", "Skills - Rated 9 or 10: 49%; Mean: 8.2", "Sharing (mean): 7.6"]


def test_a_header_alone_or_nothing_gives_no_rows():
    assert table_lines([]) == []
    assert table_lines([["Only", "a header"]]) == ["Only a header"]


def test_pipe_tables_drop_the_rule_row():
    lines = ["| Skill area | Reporting a gap |", "| --- | ---: |", "| Service design | 53% |"]
    assert pipe_table_lines(lines) == ["Skill area / Reporting a gap:", "Service design (reporting a gap): 53%"]


TOPICS = ["first", "second", "third", "fourth", "fifth"]


def _pdf_with_table_and_footer(pages: int = 4, numbered: bool = True) -> bytes:
    from fpdf import FPDF

    class Report(FPDF):
        def footer(self):
            self.set_y(-14)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 6, "Harrowgate Council | Skills review" + (f" | Page {self.page_no()}" if numbered else ""), align="C")

    pdf = Report()
    pdf.set_font("Helvetica", "", 11)
    for n in range(1, pages + 1):
        pdf.add_page()
        for line in (f"{n}. Section {n}", f"Paragraph about the {TOPICS[n - 1]} review of skills in the council."):
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        if n == 2:
            pdf.multi_cell(0, 6, "The proportion reporting a gap was:", new_x="LMARGIN", new_y="NEXT")
            with pdf.table() as table:
                for row in ROWS:
                    table.row(row)
    return bytes(pdf.output())


def test_pdf_tables_keep_rows_and_running_footers_are_removed():
    doc = load("review.pdf", "pdf", _pdf_with_table_and_footer())
    text = doc.text
    assert "Cyber security (reporting a gap): 27%" in text.splitlines()
    assert "Service design (reporting a gap): 53%" in text.splitlines()
    assert "Page 2" not in text and "Skills review" not in text
    assert "Paragraph about the third review of skills" in text


def test_a_two_page_pdf_drops_a_footer_both_pages_end_with_word_for_word():
    doc = load("short.pdf", "pdf", _pdf_with_table_and_footer(pages=2, numbered=False))
    assert "Skills review" not in doc.text and "Paragraph about the second review" in doc.text


def test_a_short_pdf_drops_a_footer_that_carries_its_page_number():
    doc = load("short.pdf", "pdf", _pdf_with_table_and_footer(pages=2))
    assert "Skills review" not in doc.text and "Paragraph about the second review" in doc.text


def test_docx_tables_keep_their_header_row(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Skills", level=1)
    table = document.add_table(rows=0, cols=2)
    for row in ROWS:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = row
    path = tmp_path / "skills.docx"
    document.save(path)
    doc = load(str(path), "docx", path.read_bytes())
    assert "Service design (reporting a gap): 53%" in doc.text.splitlines()
    assert "Service design | 53%" not in doc.text


@pytest.mark.parametrize("kind, text", [
    ("markdown", "# Skills\n\nThe gaps:\n\n| Skill area | Reporting a gap |\n| --- | --- |\n| Service design | 53% |\n| Cyber security | 27% |\n\nAfter the table.\n"),
    ("html", "<html><body><main><article><h1>Skills</h1><p>The gaps reported by staff in the annual review were these.</p>"
             "<table><tr><th>Skill area</th><th>Reporting a gap</th></tr><tr><td>Service design</td><td>53%</td></tr>"
             "<tr><td>Cyber security</td><td>27%</td></tr></table><p>After the table came the recommendations of the review.</p>"
             "</article></main></body></html>"),
])
def test_markdown_and_html_tables_become_rows(kind, text):
    doc = load(f"skills.{'md' if kind == 'markdown' else 'html'}", kind, text.encode())
    lines = doc.text.splitlines()
    assert "Cyber security (reporting a gap): 27%" in lines, doc.text


def test_a_table_block_gives_its_grid_back_for_readers_by_column():
    from indexing.tables import in_table_block, parse_table_block, table_block

    rows = [["Ref", "Recommendation", "Owner", "Timescale"], ["R1", "Lead from the top: an objective; a policy", "Board", "2018"],
            ["R2", "Share by default", "GDS", ""]]
    block = table_block(rows)
    assert parse_table_block(block) == rows
    assert parse_table_block(table_block(ROWS)) == ROWS
    assert parse_table_block("An ordinary paragraph.\nWith two lines.") is None
    assert in_table_block("Intro.\n\n" + block.split("\n")[0] + "\nR1 - Recommendation: x") and not in_table_block("Intro.\n\nProse:")


def test_a_label_holding_the_line_format_separators_keeps_its_row_readable():
    from indexing.tables import parse_table_block, table_block

    rows = [["Option", "Cost", "Go-live"], ["B: procure a shared platform", "£3.1m", "October 2025"]]
    block = table_block(rows)
    assert block.splitlines()[1] == "B, procure a shared platform - Cost: £3.1m; Go-live: October 2025"
    assert parse_table_block(block)[1] == ["B, procure a shared platform", "£3.1m", "October 2025"]


def test_a_two_column_table_of_facts_has_no_header_row():
    assert table_lines([["Published", "12 March 2025"], ["Owner", "Head of Data"], ["Budget", "£2.4m"]]) == [
        "Published: 12 March 2025", "Owner: Head of Data", "Budget: £2.4m"]
    assert table_lines([["Area", "2024"], ["Design", "53%"]]) == ["Area / 2024:", "Design (2024): 53%"]  # a year heads a column


def test_an_html_table_labelled_only_by_row_headers_becomes_facts():
    html = ("<html><body><main><h1>Fund facts</h1><p>Key facts about round two of the inclusion fund are set out below.</p>"
            "<table><tr><th scope='row'>Grants awarded</th><td>27</td></tr><tr><th scope='row'>Fund manager</th><td>Tomasz Nowak</td></tr>"
            "</table><p>Round three opens in April for community groups across the borough.</p></main></body></html>")
    lines = load("facts.html", "html", html.encode()).text.splitlines()
    assert "- Grants awarded: 27" in lines and "- Fund manager: Tomasz Nowak" in lines


@pytest.mark.parametrize("rule", ["  -----------+---------+--------", "  +----------+---------+-------+", "  |---|---|---|"])
def test_a_text_file_table_drawn_with_pipes_keeps_its_rows(rule):
    text = ("Condition register note (illustrative, 2025)\n\nThe table shows each region.\n\n"
            "  Region      | Schools | Graded C or D\n" + rule + "\n"
            "  North West  |  1,180  |      19%\n  East Midlands |  870  |  14%\n\nThat is all.\n")
    body = load("note-2025.txt", "text", text.encode()).text
    assert "Region / Schools / Graded C or D:" in body
    assert "East Midlands - Schools: 870; Graded C or D: 14%" in body
    assert "|" not in body


def test_prose_with_a_bar_in_it_is_not_a_table():
    text = "Smarter Services | a PSB note\n\nThe survey ran in May.\nIt had two parts.\n"
    assert "Smarter Services | a PSB note" in load("note.txt", "text", text.encode()).text


def test_items_set_out_in_columns_are_items_not_a_table():
    text = ("Note on the register (illustrative, 2025)\n\n6. Recommendations\n\n"
            "  R1  Extend the register to every region of England by September 2026. Owner: DfE.\n"
            "  R2  Fund fresh surveys for small trusts with fewer than five schools. Owner: DfE.\n"
            "  R3  Publish a national grading guide with photographs of each grade, so surveyors grade alike.\n"
            "      Owner: Royal Institution of Chartered Surveyors (RICS) with DfE.\n")
    body = load("note-2025.txt", "text", text.encode()).text
    assert "R1 - Extend the register to every region of England by September 2026. Owner: DfE.\n\nR2 - Fund" in body
    assert "R3 - Publish a national grading guide with photographs of each grade, so surveyors grade alike. Owner: Royal" in body
    assert " / " not in body  # no table header line


def test_a_first_row_of_figures_is_a_row_not_the_header():
    """A text note's table "Filed everything online   81%   (64%)" under a heading "(2026, with 2024 in brackets)": its
    first row had become every other row's column names ("Satisfied - 81%: 69%; (64%): (58%)")."""
    rows = [["Filed everything online", "81%", "(64%)"], ["Satisfied overall", "69%", "(58%)"], ["Median hours", "8", "(11.5)"]]
    assert table_lines(rows) == ["Filed everything online: 81%; (64%)", "Satisfied overall: 69%; (58%)", "Median hours: 8; (11.5)"]
    # years over figures are a header
    assert table_lines([["Region", "2024", "2026"], ["North", "41%", "55%"]]) == ["Region / 2024 / 2026:", "North - 2024: 41%; 2026: 55%"]

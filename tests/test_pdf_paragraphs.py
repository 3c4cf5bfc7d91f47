"""PDF lines are re-flowed into paragraphs only where the page sets them as one (indexing.pdf_layout)."""

from indexing.loaders import load_pdf
from indexing.pdf_layout import starts_paragraph


def _title_page_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 22)
    pdf.multi_cell(90, 9, "Rural Broadband and the Parish Council Survey", new_x="LMARGIN", new_y="NEXT")  # wraps: one title
    pdf.set_font("Helvetica", "", 11)
    for line in ("A report by the Northfold Digital Panel", "Published 3 March 2021", "Launched at the Northfold spring forum"):
        pdf.ln(6)
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.multi_cell(80, 5, "Parish councils said broadband outages stopped meetings moving online and "
                          "that the cost of repairs fell on volunteers.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_title_page_keeps_its_lines_apart_and_a_wrapped_paragraph_together():
    paragraphs = load_pdf("title.pdf", _title_page_pdf()).blocks[0].text.split("\n\n")
    assert paragraphs[0] == "Rural Broadband and the Parish Council Survey"
    assert "Published 3 March 2021" in paragraphs and "A report by the Northfold Digital Panel" in paragraphs
    assert any(p.startswith("Parish councils said") and p.endswith("fell on volunteers.") for p in paragraphs)


def test_space_of_a_line_or_a_new_type_size_starts_a_paragraph():
    line = lambda top, size: {"top": top, "bottom": top + size, "chars": [{"size": size}]}  # noqa: E731
    assert not starts_paragraph(line(100, 10), line(114, 10))  # 4 points of leading
    assert starts_paragraph(line(100, 10), line(121, 10))  # 11 points: a blank line's worth
    assert starts_paragraph(line(100, 10), line(114, 14))  # larger type: a heading or title


def _two_column_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, "Findings across the two areas", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    top = pdf.get_y() + 2
    left = ("Resilience. Only four councils had tested recovery from a full outage in the last two years, "
            "and the average outage of a citizen-facing service lasted 6.5 hours in 2024.")
    right = ("Skills. Nine of the eleven councils had an unfilled cloud engineering post for more than six months, "
             "and contractors filled the gap at an average day rate of 620 pounds.")
    pdf.set_xy(10, top)
    pdf.multi_cell(90, 5.5, left)
    pdf.set_xy(110, top)
    pdf.multi_cell(90, 5.5, right)
    pdf.set_xy(10, top + 40)
    pdf.multi_cell(0, 6, "After the columns comes a full-width closing paragraph of the page.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_two_columns_are_read_down_the_left_then_the_right():
    text = " ".join(load_pdf("columns.pdf", _two_column_pdf()).text.split())
    assert "recovery from a full outage in the last two years, and the average outage" in text
    assert "for more than six months, and contractors filled the gap at an average day rate of 620 pounds." in text
    assert text.index("lasted 6.5 hours") < text.index("Skills. Nine") < text.index("After the columns")


def _unnumbered_headings_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.multi_cell(0, 10, "Cloud Hosting Review", new_x="LMARGIN", new_y="NEXT")
    for heading, bold_sub, body in (("Executive summary", None, "The review ran from 4 September to 15 December 2024."),
                                    ("Findings", "Resilience", "Only four councils had tested recovery from an outage.")):
        if heading == "Findings":
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        if bold_sub:
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, bold_sub, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for _ in range(3):
            pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_headings_set_in_larger_or_bold_type_are_sections_and_the_title_stays_text():
    doc = load_pdf("review.pdf", _unnumbered_headings_pdf())
    sections = [b.headings for b in doc.blocks]
    assert sections == [(), ("Executive summary",), ("Findings", "Resilience")]
    assert doc.blocks[0].text == "Cloud Hosting Review"
    assert doc.blocks[2].text.startswith("Only four councils")


def test_a_title_page_subtitle_and_byline_stay_text():
    paragraphs = load_pdf("title.pdf", _title_page_pdf()).blocks[0]
    assert paragraphs.headings == () and "Published 3 March 2021" in paragraphs.text


def _headed_title_pdf() -> bytes:
    from fpdf import FPDF

    class Report(FPDF):
        def header(self):
            self.set_font("Helvetica", "", 8)
            self.cell(0, 5, "Northfold Admissions Partnership | Review of the 2024 round", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

    pdf = Report()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(120, 8, "Applying Online for a School Place: Review of the Secondary Admissions Round", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, "Illustrative text: this review looks at how seven councils took applications for school places online.",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, "The form was only in English, although one in eight applicants speaks another language at home.",
                   new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_wrapped_title_under_a_small_running_header_stays_the_title_and_the_header_goes():
    doc = load_pdf("admissions.pdf", _headed_title_pdf())
    assert all(b.headings == () for b in doc.blocks)  # its second line ("Admissions Round") is no section
    assert doc.blocks[0].text.startswith("Applying Online for a School Place: Review of the Secondary Admissions Round")
    assert "Partnership |" not in doc.blocks[0].text  # on both pages of two: a running header


def _ruleless_table_pdf() -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "The scheme paid for gigabit connections to rural premises in 2023 and 2024.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.table(borders_layout="NONE", col_widths=(50, 40, 40), headings_style=FontFace(emphasis="BOLD"), line_height=7) as table:
        for row in (["District", "Vouchers issued", "Average cost"], ["Highmoor", "1,240", "2,150"], ["Lowdale", "860", "1,980"]):
            table.row(row)
    pdf.ln(4)
    for item in ("-     Check you are eligible", "-     Read the guidance", "-     Apply online"):
        pdf.cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_table_without_rules_is_found_by_its_columns_and_a_bulleted_list_is_not():
    text = load_pdf("vouchers.pdf", _ruleless_table_pdf()).text
    lines = text.splitlines()
    assert "District / Vouchers issued / Average cost:" in lines
    assert "Highmoor - Vouchers issued: 1,240; Average cost: 2,150" in lines
    assert "- Check you are eligible" in lines and "- Apply online" in lines  # list items, not table rows


def _columns_with_breaks_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, "Digital Services Quarterly", new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 3
    left = [("B", "Payments"), ("", "The shared payments platform processed 412,000 transactions in the quarter, up 9 per cent."),
            ("", "Card failures fell to 0.8 per cent after the new retry logic went live in May."),
            ("B", "Identity"), ("", "The new sign-in service now covers 23 services and takes 41 seconds on average.")]
    right = [("B", "Accessibility"), ("", "All 58 public forms were audited against WCAG 2.2 and 31 of them needed fixes."),
             ("B", "Hosting"), ("", "Two more services moved to the shared cloud, leaving three on the old data centre, which closes in March 2026.")]
    for x, items in ((10, left), (110, right)):
        pdf.set_xy(x, top)
        for style, text in items:
            pdf.set_font("Helvetica", style, 11 if style else 10)
            pdf.set_x(x)
            pdf.multi_cell(88, 5.5, text, new_x="LEFT", new_y="NEXT")
            pdf.ln(3 if not style else 1)
    pdf.set_xy(10, 150)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5.5, "Next issue: October, with the results of the sign-in survey.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_columns_whose_paragraph_breaks_do_not_line_up_are_still_read_one_after_the_other():
    text = " ".join(load_pdf("quarterly.pdf", _columns_with_breaks_pdf()).text.split())
    assert "Identity The new sign-in service now covers 23 services and takes 41 seconds on average." in text
    assert "leaving three on the old data centre, which closes in March 2026." in text
    assert text.index("41 seconds") < text.index("Accessibility") < text.index("March 2026") < text.index("Next issue")


def _table_over_a_page_break_pdf(repeat: int) -> bytes:
    from fpdf import FPDF

    class Report(FPDF):
        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 5, f"Library services | Page {self.page_no()}", align="C")

    pdf = Report()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "E-book loans by branch in 2024.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(190)
    rows = [["Branch", "E-book loans", "Change"]] + [[f"Branch {c}", f"{1000 + 37 * i:,}", f"{i - 2}%"] for i, c in enumerate("ABCDEFGHIJKL")]
    with pdf.table(col_widths=(60, 40, 40), repeat_headings=repeat, line_height=7) as table:
        for row in rows:
            table.row(row)
    return bytes(pdf.output())


def test_a_table_over_a_page_break_keeps_its_header_whether_or_not_it_is_repeated():
    for repeat in (0, 1):
        lines = load_pdf("loans.pdf", _table_over_a_page_break_pdf(repeat)).text.splitlines()
        assert "Branch L - E-book loans: 1,407; Change: 9%" in lines, lines
        assert lines.count("Branch / E-book loans / Change:") == 2  # once on each page


def _label_and_description_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    rows = [("Culture and leadership", "Leaders use digital tools themselves every working day"),
            ("Skills and capability", "Every team has a named digital lead by the spring"),
            ("Sharing data safely", "Each department names one front door for requests"),
            ("Buying technology well", "Contracts allow data to move when suppliers change")]
    for n, (label, text) in enumerate(rows):
        pdf.set_xy(10, 20 + 7 * n)
        pdf.cell(80, 6, label)
        pdf.set_xy(110, 20 + 7 * n)
        pdf.cell(90, 6, text)
    return bytes(pdf.output())


def test_a_label_column_beside_descriptions_is_read_row_by_row_not_as_two_columns():
    text = " ".join(load_pdf("themes.pdf", _label_and_description_pdf()).text.split())
    assert "Skills and capability Every team has a named digital lead by the spring" in text


def _facts_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Document control for the hosting review, kept by the Partnership office.", new_x="LMARGIN", new_y="NEXT")
    for n, (label, value) in enumerate((("Owner", "Head of Data"), ("Status", "Final"), ("Published", "12 March 2025"))):
        pdf.set_xy(10, 30 + 7 * n)
        pdf.cell(40, 6, label)
        pdf.set_xy(70, 30 + 7 * n)
        pdf.cell(60, 6, value)
    return bytes(pdf.output())


def test_label_and_value_lines_without_a_bold_header_are_facts():
    lines = load_pdf("control.pdf", _facts_pdf()).text.splitlines()
    assert ["Owner: Head of Data", "Status: Final", "Published: 12 March 2025"] == lines[-3:], lines

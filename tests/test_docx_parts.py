"""Word structure the paragraph text loses: merged table headers, list markers, bold headings, text boxes."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml

from indexing.loaders import load


def _load(document) -> object:
    out = io.BytesIO()
    document.save(out)
    return load("report.docx", "docx", out.getvalue())


def test_merged_header_cells_label_every_column_and_stacked_header_rows_join():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    top, sub = table.rows[0].cells, table.rows[1].cells
    top[0].text = "Council"
    top[1].merge(top[2]).text = "Match rate"
    top[0].merge(sub[0])
    sub[1].text, sub[2].text = "January", "August"
    for row in (["Avonside", "81%", "96%"], ["Cliffe", "85%", "98%"]):
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    lines = _load(document).text.splitlines()
    assert "Council / Match rate, January / Match rate, August:" in lines
    assert "Avonside - Match rate, January: 81%; Match rate, August: 96%" in lines  # not shifted a column left


def test_a_full_width_title_row_is_a_caption_not_the_header():
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].merge(table.rows[0].cells[1]).text = "Table 2: grants"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Round", "Grants"
    row = table.add_row().cells
    row[0].text, row[1].text = "Round two", "27"
    lines = _load(document).text.splitlines()
    assert lines[0] == "Table 2: grants"
    assert "Round two (grants): 27" in lines


def test_list_paragraphs_keep_their_bullets_and_numbers():
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    for text in ("Adopt one identifier.", "Fund data stewards."):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Barriers named:")
    for text in ("Free-text addresses", "Supplier charges"):
        document.add_paragraph(text, style="List Bullet")
    text = _load(document).text
    assert "1. Adopt one identifier.\n\n2. Fund data stewards." in text
    assert "- Free-text addresses\n\n- Supplier charges" in text


def test_a_bold_line_heads_the_text_under_it():
    document = docx.Document()
    document.add_heading("Summary", 1)
    document.add_paragraph().add_run("Results by council").bold = True
    document.add_paragraph("Match rates rose in every council.")
    document.add_heading("Next steps", 1)
    document.add_paragraph("A final report is due in December.")
    doc = _load(document)
    sections = {b.text: b.headings for b in doc.blocks}
    assert sections["Match rates rose in every council."] == ("Summary", "Results by council")
    assert sections["A final report is due in December."] == ("Next steps",)


def test_text_in_a_text_box_is_read_once():
    document = docx.Document()
    paragraph = document.add_paragraph("The pilot ran for eight months.")
    box = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Key fact: errors fell to 3.1 per cent.</w:t>'
           '</w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
           '<w:t>Key fact: errors fell to 3.1 per cent.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
           '</mc:AlternateContent></w:r>')
    paragraph._p.append(parse_xml(box))
    text = _load(document).text
    assert text.count("Key fact: errors fell to 3.1 per cent.") == 1
    assert text.index("eight months") < text.index("Key fact")


def test_a_house_style_built_on_a_heading_style_is_a_heading():
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    section = document.styles.add_style("Report Section", WD_STYLE_TYPE.PARAGRAPH)
    section.base_style = document.styles["Heading 1"]
    sub = document.styles.add_style("Report Subsection", WD_STYLE_TYPE.PARAGRAPH)
    sub.base_style = document.styles["Heading 2"]
    document.add_paragraph("Findings", style="Report Section")
    document.add_paragraph("Backups", style="Report Subsection")
    document.add_paragraph("Only 41 per cent tested a restore.")
    doc = _load(document)
    assert [(b.headings, b.text) for b in doc.blocks] == [(("Findings", "Backups"), "Only 41 per cent tested a restore.")]


def test_text_inside_content_controls_is_read():
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    cover = parse_xml(f'<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>The academy trained 1,350 learners in 2024.</w:t></w:r></w:p>'
                      '</w:sdtContent></w:sdt>')
    document.element.body.insert(0, cover)
    paragraph = document.add_paragraph("The pilot ends on ")
    paragraph._p.append(parse_xml(f'<w:sdt {W}><w:sdtContent><w:r><w:t>31 March 2026</w:t></w:r></w:sdtContent></w:sdt>'))
    paragraph.add_run(".")
    lines = _load(document).text.split("\n\n")
    assert lines == ["The academy trained 1,350 learners in 2024.", "The pilot ends on 31 March 2026."]

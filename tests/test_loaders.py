import pytest

from assistant.errors import IngestError
from indexing.decode import decode_text
from indexing.loaders import load
from indexing.sniff import sniff
from tests.fixtures.make_fixtures import FIXTURE_FACT, good_files


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    return good_files(tmp_path_factory.mktemp("loaders"))


def _load(path):
    data = path.read_bytes()
    return load(str(path), sniff(path, data), data)


def test_pdf_keeps_pages_titles_and_numbered_sections(good):
    doc = _load(good["pdf"])
    assert doc.title == "Harrowgate Digital Pilot Report"
    fact = next(b for b in doc.blocks if "parking permits" in b.text)
    assert fact.page == 2
    assert fact.headings == ("2. Results",)
    assert FIXTURE_FACT in fact.text


def test_docx_keeps_heading_paths_and_core_title(good):
    doc = _load(good["docx"])
    assert doc.title == "Workforce briefing"
    block = next(b for b in doc.blocks if "apprenticeships a year" in b.text)
    assert block.headings == ("Digital workforce", "Apprenticeships")


def test_html_keeps_only_the_main_content(good):
    doc = _load(good["html"])
    text = doc.text
    assert "public cloud services" in text
    for chrome in ("Accept all cookies", "Contact us today", "Privacy policy", "tracker"):
        assert chrome not in text
    assert any(b.headings[-1] == "Security classification" for b in doc.blocks if b.headings)
    assert doc.title == "Cloud first guidance for departments"


def test_markdown_front_matter_gives_title_type_and_date(good):
    doc = _load(good["markdown"])
    assert (doc.title, doc.doc_type, doc.published) == ("Accessibility note", "insight", "2018-03-01")
    assert doc.blocks[-1].headings == ("Accessibility of online services", "Testing with users")


def test_windows_1252_text_is_decoded(good):
    doc = _load(good["text"])
    assert "framework’s spend – up from 11%" in doc.text
    assert "£5,000" in doc.text
    assert doc.title == "Procurement notes"
    assert doc.blocks[-1].headings == ("1. Buying technology",)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])
def test_text_encodings_are_detected(encoding):
    text = "Café résumé: the naïve cost was £12 for each façade.\n" * 3
    assert decode_text("x.txt", text.encode(encoding)).strip() == text.strip()


def test_binary_data_named_txt_is_rejected():
    with pytest.raises(IngestError, match="binary data"):
        decode_text("binary.txt", bytes((i * 37 + 11) % 256 for i in range(4096)))


def test_text_between_horizontal_rules_is_not_taken_for_front_matter():
    data = b"---\nImportant opening paragraph that must be kept.\n---\n\n# Heading\n\nBody text.\n"
    doc = load("rules.md", "markdown", data)
    assert "Important opening paragraph that must be kept." in doc.text
    assert doc.title == "Heading"


def test_an_html_byline_is_kept_under_the_title():
    """trafilatura drops bylines as boilerplate; the date a page was published is in them."""
    from indexing.loaders import load_html

    body = " ".join(f"Sentence {i} of the briefing says something about shared services." for i in range(40))
    page = f"""<html><head><title>Briefing</title></head><body>
      <nav><a href="/">Home</a> <span class="date">1 January 2020</span></nav>
      <main><article><h1>Shared services briefing</h1>
        <p class="meta">Published 3 March 2021 &middot; Policy team</p>
        <div class="byline">Note &middot; 4 March 2021</div>
        <p>{body}</p><p class="meta">Tags: services, sharing</p></article></main></body></html>"""
    doc = load_html("briefing.html", page.encode())
    first = doc.blocks[0]
    assert first.headings == ("Shared services briefing",)
    assert first.text.startswith("Published 3 March 2021 · Policy team\n\nNote · 4 March 2021")
    assert "1 January 2020" not in doc.text and "Tags:" not in first.text  # outside the main content; no date


def test_docx_bullets_and_numbered_items_keep_their_markers(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Checklist", level=1)
    d.add_paragraph("Every team asks three questions:")
    for q in ("Does a platform already do this?", "Who holds the data?"):
        d.add_paragraph(q, style="List Bullet")
    d.add_paragraph("Then it acts.")
    for step in ("Publish the code.", "Share the lessons."):
        d.add_paragraph(step, style="List Number")
    path = tmp_path / "list.docx"
    d.save(path)
    text = _load(path).text
    assert "- Does a platform already do this?\n\n- Who holds the data?" in text
    assert "1. Publish the code.\n\n2. Share the lessons." in text
    assert "- Every team" not in text and "- Then it acts." not in text


def test_plain_text_pages_headings_and_column_tables():
    text = ("NORTHFIELD PARTNERSHIP\nTELECARE REVIEW 2024\n\nINTRODUCTION\n\nThe review covered twelve months.\n\n"
            "Device type        Residents    Alerts\nFalls sensor       1,920        2,300\nDoor sensor        700          150\n\n"
            "\fNORTHFIELD PARTNERSHIP                     Page 2\n\nNext steps\n==========\n\nThe board meets in January.\n")
    doc = load("review.txt", "text", text.encode())
    sections = {b.headings: b.text for b in doc.blocks}
    assert doc.title == "NORTHFIELD PARTNERSHIP - TELECARE REVIEW 2024"
    assert sections[("INTRODUCTION",)].splitlines()[-2:] == ["Falls sensor - Residents: 1,920; Alerts: 2,300",
                                                              "Door sensor - Residents: 700; Alerts: 150"]
    assert sections[("Next steps",)] == "The board meets in January."
    assert "Page 2" not in doc.text and "====" not in doc.text


def test_a_plain_text_table_keeps_its_header_across_the_dashed_rules_inside_it():
    """The rule under the header splits into fewer cells than the header; the total row sits below a second rule."""
    text = ("EXERCISES BY REGION\n\nThe table shows the spread by region.\n\n"
            "    Region                   Exercises   Bodies   Board member attended\n"
            "    ------------------------ ---------   ------   ---------------------\n"
            "    North of England                38      121                     44%\n"
            "    London                          41      150                     52%\n"
            "    Wales                           14       47                     49%\n"
            "    ------------------------ ---------   ------   ---------------------\n"
            "    Total                          191      641                     44%\n\nThe programme continues.\n")
    doc = load("note.txt", "text", text.encode())
    assert "London - Exercises: 41; Bodies: 150; Board member attended: 52%" in doc.text
    assert "Total - Exercises: 191; Bodies: 641; Board member attended: 44%" in doc.text
    assert "---" not in doc.text


def test_an_html_header_cell_that_reads_like_page_furniture_is_kept():
    """trafilatura blanks a header cell reading "Email"; the page's own header row puts it back."""
    html = ("<html><head><title>Channel mix</title></head><body><article><h1>How tenants report repairs</h1>"
            "<p>We looked at how repair reports reached us in each of the last three financial years, channel by channel, "
            "and at what each channel costs us to handle.</p><table><caption>Repair reports by channel</caption>"
            "<thead><tr><th>Year</th><th>Repair reports</th><th>Phone</th><th>Email</th><th>Other</th></tr></thead><tbody>"
            "<tr><td>2022/23</td><td>104,300</td><td>88%</td><td>6%</td><td>3%</td></tr>"
            "<tr><td>2023/24</td><td>101,900</td><td>71%</td><td>7%</td><td>3%</td></tr></tbody></table>"
            "<p>The shift matters because each phone report costs about five pounds to handle.</p></article></body></html>")
    doc = load("channels.html", "html", html.encode())
    assert "2023/24 - Repair reports: 101,900; Phone: 71%; Email: 7%; Other: 3%" in doc.text


def test_a_numbered_heading_may_open_with_a_quoted_term():
    """'3. "Not known" rate by region' is a heading: its table and the note under it are not the findings before it."""
    text = ("2. Main findings\n\n  * 63 per cent said young people who move are the group most likely to be lost.\n\n"
            "3. \"Not known\" rate by region\n\n  (Other regions returned too few replies to report separately.)\n\n"
            "4. Why information goes missing\n\nCouncils described five main causes.\n")
    doc = load("note.txt", "text", text.encode())
    sections = {b.headings[-1]: b.text for b in doc.blocks}
    assert "Other regions" in sections['3. "Not known" rate by region'] and "Other regions" not in sections["2. Main findings"]


def test_markdown_setext_headings_and_tables_without_outer_pipes():
    text = ("Options Appraisal\n=================\n\nIntro text.\n\nOptions compared\n----------------\n\n"
            "Option | Cost | Go-live\n--- | --- | ---\nA | 4.2m | April 2026\nB | 3.1m | October 2025\n\nAfter.\n\n---\n\nEnd.\n")
    doc = load("appraisal.md", "markdown", text.encode())
    sections = {b.headings: b.text for b in doc.blocks}
    assert doc.title == "Options Appraisal"
    assert "B - Cost: 3.1m; Go-live: October 2025" in sections[("Options Appraisal", "Options compared")].splitlines()
    assert "---" in sections[("Options Appraisal", "Options compared")]  # a rule after a blank line is not a heading


def test_html_caption_is_not_a_header_row_and_definition_lists_pair_term_and_meaning():
    html = ("<html><body><main><h1>Inclusion fund results</h1><p>Round two of the fund gave grants to community groups.</p>"
            "<table><caption>Outcomes by round</caption><thead><tr><td></td><th>Round one</th><th>Round two</th></tr></thead>"
            "<tbody><tr><th scope='row'>Grants awarded</th><td>18</td><td>27</td></tr>"
            "<tr><th scope='row'>Devices lent</th><td>310</td><td>585</td></tr></tbody></table>"
            "<h2>Terms</h2><dl><dt>Device loan</dt><dd>A laptop lent free for twelve weeks.</dd>"
            "<dt>Data poverty</dt><dd>Being unable to afford enough data.</dd></dl></main></body></html>")
    lines = load("fund.html", "html", html.encode()).text.splitlines()
    assert "Grants awarded - Round one: 18; Round two: 27" in lines
    assert "Outcomes by round" in lines and not any("value:" in line for line in lines)
    assert "- Device loan: A laptop lent free for twelve weeks." in lines
    assert "- Data poverty: Being unable to afford enough data." in lines


def test_html_table_with_merged_header_cells_labels_every_column():
    html = ("<html><body><main><h1>Parking pilot</h1><p>Sensors were fitted to six hundred bays in the town centre.</p>"
            "<table><tr><th rowspan='2'>Zone</th><th colspan='2'>Average occupancy</th></tr><tr><th>Before</th><th>After</th></tr>"
            "<tr><td>Harbour</td><td>92%</td><td>81%</td></tr><tr><td>Market</td><td>77%</td><td>74%</td></tr></table>"
            "<p>Drivers spent four minutes less looking for a space.</p></main></body></html>")
    lines = load("parking.html", "html", html.encode()).text.splitlines()
    assert "Harbour - Average occupancy, Before: 92%; Average occupancy, After: 81%" in lines, lines


def test_ligatures_soft_hyphens_and_zero_width_characters_become_plain_letters():
    html = ("<html><body><main><h1>Survey \ufb01ndings</h1><p>The of\u00adficial \ufb02ow of data\u200bsharing requests rose "
            "by a third in the year to March, the\u00a0report says.</p></main></body></html>")
    doc = load("findings.html", "html", html.encode())
    assert doc.blocks[0].headings == ("Survey findings",)
    assert "The official flow of datasharing requests rose by a third in the year to March, the report says." in doc.text


def test_a_stated_publication_date_is_read_when_nothing_else_gives_one():
    from indexing.loaders import stated_publication_date

    doc = load("review.txt", "text", b"CLOUD HOSTING REVIEW\n\nPublished 12 March 2025 by the Partnership.\n\nBody text here.\n")
    assert doc.published == "2025-03-12"
    assert stated_publication_date("Publication date: October 2024") == "2024-10"
    assert stated_publication_date("The survey was run in March 2025.") is None
    front = load("note.md", "markdown", b"---\npublished: 2017-11-15\n---\n# Note\n\nPublished 1 May 2019.\n")
    assert front.published == "2017-11-15"  # front matter (or a manifest) wins


def test_an_html_figure_keeps_its_caption():
    html = ("<html><body><main><h1>Portal relaunch</h1><p>The council relaunched its open data portal with 140 datasets in June.</p>"
            "<figure><img src='chart.png' alt='Chart'><figcaption>Figure 1: downloads rose from 3,200 to 9,800 a month.</figcaption>"
            "</figure><p>Every dataset now has a named owner and a monthly update schedule.</p></main></body></html>")
    assert "Figure 1: downloads rose from 3,200 to 9,800 a month." in load("portal.html", "html", html.encode()).text


def test_a_word_broken_at_a_line_end_is_joined():
    text = ("1. Findings\n\nEvery organisation reviewed its hosting. One organis-\nation moved early, and a cross-\n"
            "government group met.\n")
    doc = load("notes.txt", "text", text.encode())
    assert "One organisation moved early, and a cross-government group met." in doc.text


def test_markdown_star_and_plus_bullets_are_written_as_dashes():
    doc = load("risks.md", "markdown", b"# Risks\n\n* Data migration slips\n+ Training late\n  * nested item\n\n**Bold** text stays.\n")
    assert doc.text.splitlines()[:3] == ["- Data migration slips", "- Training late", "  - nested item"]
    assert "**Bold** text stays." in doc.text


def test_markdown_hard_wrapped_paragraphs_and_items_are_one_line_each():
    """Wrapped at 70 columns, a paragraph reached answers as fragments; Markdown renders it as one."""
    text = ("# Contact centres\n\nCouncils answered 62 per cent of calls within two minutes in the\n"
            "last quarter, against a target of 80 per cent.\n\n"
            "- Staff turnover stayed high at 21 per cent, which the board linked\n  to the lack of training time.\n"
            "- Callbacks were offered by a third.\n\n"
            "### Recommendation 1\nPublish a pipeline of demand\nevery year.\nOwner: Cabinet Office\nTimescale: 2025\n\n"
            "| Council | Share |\n|---|---|\n| Leeds | 62% |\n\n```\ncode line one\ncode line two\n```\n")
    doc = load("centres.md", "markdown", text.encode())
    lines = doc.text.splitlines()
    assert "Councils answered 62 per cent of calls within two minutes in the last quarter, against a target of 80 per cent." in lines
    assert "- Staff turnover stayed high at 21 per cent, which the board linked to the lack of training time." in lines
    assert "- Callbacks were offered by a third." in lines
    assert {"Publish a pipeline of demand every year.", "Owner: Cabinet Office", "Timescale: 2025"} <= set(lines)
    assert "code line one" in lines and "code line two" in lines
    assert not any("Leeds" in line and "Timescale" in line for line in lines)



def test_text_numbered_list_under_a_numbered_heading_is_kept_as_items():
    """'1. Data analysis - 39%' ... '4. ...' read as headings had no text under them and were lost."""
    text = ("3. Findings\n\nMost respondents used online services.\n\n4. Skills gaps\n\nThe areas measured were:\n\n"
            "  1. Data analysis - 39% reported a gap\n  2. Cyber security - 31% reported a gap\n\n"
            "5. Using these figures\n\nResults are weighted by grade.\n")
    doc = load("note.txt", "text", text.encode())
    gaps = next(b for b in doc.blocks if b.headings and b.headings[-1] == "4. Skills gaps")
    assert "1. Data analysis - 39% reported a gap" in gaps.text and "2. Cyber security - 31% reported a gap" in gaps.text
    assert [b.headings[-1] for b in doc.blocks] == ["3. Findings", "4. Skills gaps", "5. Using these figures"]


def test_an_html_list_item_wrapped_in_the_source_stays_one_item():
    """trafilatura keeps an <li>'s source line breaks; the item reached the index cut in two."""
    from indexing.loaders import load_html

    intro = " ".join(f"Sentence {i} of the post says something about digital assistants." for i in range(30))
    page = f"""<html><head><title>Lessons</title></head><body><main><article><h1>Five lessons</h1><p>{intro}</p>
      <ol>
        <li><strong>Start from why people get in touch.</strong> Twenty topics, led by tax refunds, self assessment
        payments and tax codes, made up 71% of all conversations.</li>
        <li><strong>Always leave a door open.</strong> Customers who ask for a human are handed over within
        three messages.</li>
      </ol></article></main></body></html>"""
    text = load_html("lessons.html", page.encode()).text
    assert "self assessment payments and tax codes, made up 71%" in text
    assert "handed over within three messages" in text


def test_a_date_from_a_byline_line_or_else_the_file_names_year():
    from indexing.loaders import byline_date, file_year, load
    assert byline_date("# Briefing\n\n**18 February 2025 · Hamish Adeyemi, techUK Public Services Board**\n\nText.") == "2025-02-18"
    assert byline_date("By Priya Desai, 3 March 2024") == "2024-03-03"
    assert byline_date("By 2026 every council should keep 3 March 2024 records.") is None  # a sentence, not a byline
    assert byline_date("NOTE OF FINDINGS\n\nPrepared by Rachel Okafor, PSB analyst, 14 November 2023.") == "2023-11-14"
    assert byline_date("By the end of March 2024 councils had replied, 4 March 2024.") is None  # "By the end": no name
    assert file_year("docs/note-burial-records-progress-2021.txt") == "2021" and file_year("notes.txt") is None
    doc = load("briefing-burial-records.md", "markdown",
               "# Burial records\n\n**18 February 2025 · Hamish Adeyemi, techUK**\n\nCouncils keep registers of burials.".encode())
    assert doc.published == "2025-02-18"
    doc = load("note-burial-2021.txt", "text", "BURIAL NOTE\n\nCouncils keep registers of burials in bound books.".encode())
    assert doc.published == "2021"

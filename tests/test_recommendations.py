"""Recommendation extraction: each form reports use, found in documents written for these tests.

The fixture documents (tests/fixtures/recommendations/) are not from the sample corpus, so the
rules are checked on shapes they were not tuned on: a numbered list, "Recommendation N:"
headings, a table of actions, and "we recommend / we call on" conclusions, each next to
findings, quotes and notes about the text that must not count.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexing.chunking import Chunker
from indexing.loaders import load
from indexing.models import Block
from indexing.rec_fields import find_cited_ref, find_owner, find_timescale, is_actor
from indexing.rec_register import ChunkView, blocks_from_chunks, chunk_views_from_chunks, rec_id_for
from indexing.rec_themes import DEFAULT_THEMES, OTHER, ThemeClassifier, parse_themes, theme_from_headings
from indexing.recommendations import extract_recommendations, is_recommendation_heading
from indexing.sniff import sniff
from tests.conftest import CORPUS

FIXTURES = Path(__file__).parent / "fixtures" / "recommendations"


def _load(path: Path):
    data = path.read_bytes()
    return load(str(path), sniff(path, data), data)


def _extract(name: str):
    doc = _load(FIXTURES / name)
    return extract_recommendations(doc.blocks, doc.title)


# ---------------------------------------------------------------- forms
def test_numbered_list_items_are_recommendations_and_findings_are_not():
    recs = _extract("numbered-list.md")
    assert [r.ref for r in recs] == ["1", "2", "3"]
    assert recs[0].owner == "Central Digital and Data Office" and recs[0].timescale == "within 12 months"
    assert recs[1].owner == "Departments" and recs[1].timescale == "by 2025"
    assert recs[2].text.startswith("Fund migration")  # an action verb, no "should"
    assert not any("per cent" in r.text or "told us" in r.text or "We make three" in r.text for r in recs)


def test_recommendation_headings_hold_the_whole_recommendation():
    recs = _extract("numbered-headings.html")
    assert [(r.ref, r.title) for r in recs] == [
        ("Recommendation 1", "Create a single data-sharing agreement"),
        ("Recommendation 2", "Train every data protection officer"),
    ]
    assert "move to the template when they renew" in recs[0].text  # the second paragraph too
    assert "Local Government Association" in recs[0].owner and recs[0].timescale == "by the end of 2024"
    assert recs[1].owner == "Department for Levelling Up" and recs[1].timescale == "over the next two years"


def test_table_of_actions_reads_ref_owner_and_timescale_columns():
    recs = _extract("table.md")
    assert [(r.ref, r.owner, r.timescale) for r in recs] == [
        ("A1", "Crown Commercial Service", "By December 2022"),
        ("A2", "Cabinet Office", "Within nine months"),
        ("A3", "All departments", "Ongoing"),
    ]
    assert recs[0].text == "Publish a single SME route to market for cloud services"


def test_we_recommend_and_we_call_on_in_conclusions_but_not_quotes():
    recs = _extract("conclusions.txt")
    assert [r.owner for r in recs] == ["Civil Service Commission", "HM Treasury"]
    assert [r.timescale for r in recs] == ["within six months", "from April 2025"]
    assert not any("interviewee" in r.text or "scarce across the economy" in r.text for r in recs)


def test_text_outside_recommendation_sections_is_never_extracted():
    blocks = [Block("Departments should publish their plans by 2020.", ("4. Findings",)),
              Block("This note should be read with the main report.", ("Recommendations",))]
    assert extract_recommendations(blocks, "A report") == []


def test_the_document_title_does_not_make_everything_a_recommendation_section():
    blocks = [Block("It is intended for officials who should read it first.", ("Summary of Recommendations", "Purpose"))]
    assert extract_recommendations(blocks, "Summary of Recommendations") == []


@pytest.mark.parametrize("heading, expected", [
    ("8. Recommendations", True), ("What we propose", True), ("Recommendation 3: Fund pilots", True),
    ("9. Conclusion", True), ("How the recommendations fit together", True), ("5. Findings: skills", False),
    ("Background", False),
])
def test_recommendation_headings(heading, expected):
    assert is_recommendation_heading(heading) is expected


# ---------------------------------------------------------------- fields
@pytest.mark.parametrize("phrase, expected", [
    ("HM Treasury and departments", True), ("the Cabinet Office", True), ("Senior leaders", True), ("GDS", True),
    ("Code written by or for government", False), ("new services", False), ("business cases", False),
    ("Every high-volume citizen transaction", False),
])
def test_actor_detection(phrase, expected):
    assert is_actor(phrase) is expected


def test_owner_skips_leading_clauses_and_things():
    text = ("Within six months, the Cabinet Office, working with the ICO, should publish guidance. "
            "Code should be open by default.")
    assert find_owner(text) == "Cabinet Office, working with the ICO"
    assert find_owner("Services should use common platforms.") is None
    assert find_owner("The Board should own this recommendation. Every member should carry an objective.") == "Board"


def test_a_labelled_owner_is_taken_as_stated():
    assert find_owner("Extend the offer by March 2025. Owner: Director of Adult Social Care.") == "Director of Adult Social Care"
    assert find_owner("Each council should test recovery once a year (owner: council heads of IT).") == "Council heads of IT"
    assert find_owner("Data migration slips - owner: Head of Customer Services") == "Head of Customer Services"


def test_imperative_items_of_a_recommendations_list_are_all_found():
    blocks = [Block(text="1. Adopt one property identifier by April 2025.\n\n2. Write schema-change terms into new contracts.\n\n"
                         "3. Cap early-exit fees at three months of charges.", headings=("Recommendations",))]
    assert [r.ref for r in extract_recommendations(blocks, "Pilot report")] == ["1", "2", "3"]


def test_timescales_and_cited_references():
    assert find_timescale("publish it by the end of 2018 and report every quarter") == "by the end of 2018; every quarter"
    assert find_timescale("under the Digital Economy Act 2017") is None
    assert find_timescale("LR4: Agree a common data standard. Owner: Water UK. By: December 2025.") == "December 2025"
    assert find_timescale("Agree a standard (owner: Water UK; deadline: March 2026)") == "March 2026"
    assert find_timescale("Sign-ups rose. By now most councils use it.") is None  # "By now" is no field
    assert find_cited_ref("Departments should do X. This is recommendation R3 in the report.") == "R3"
    assert find_cited_ref("The report's first recommendation, R1, calls for it.") is None
    assert rec_id_for("My Report.pdf", "Recommendation 2", 5) == "my-report-pdf:recommendation-2"
    assert rec_id_for("a.md", None, 5) == "a-md:p5"


# ---------------------------------------------------------------- themes
def test_theme_list_errors_are_clear():
    with pytest.raises(ValueError, match="empty"):
        parse_themes(" ; ")
    with pytest.raises(ValueError, match="twice"):
        parse_themes("skills; Skills: training")
    with pytest.raises(ValueError, match="always available"):
        parse_themes("other: misc")
    assert [t.name for t in parse_themes(DEFAULT_THEMES)] == [
        "culture and leadership", "skills", "data sharing", "citizen transactions", "procurement", "infrastructure and legacy"]


def test_themes_by_similarity_with_the_bundled_model(embedder):
    classifier = ThemeClassifier(parse_themes(DEFAULT_THEMES), embedder.embed, 0.15)
    texts = ["Departments should fund digital skills training and protected learning time for staff.",
             "Public bodies should share data lawfully with a single point of contact in each department.",
             "The choir should rehearse the madrigal on Tuesday evenings."]
    assert classifier.assign(embedder.embed(texts)) == ["skills", "data sharing", OTHER]


def test_a_theme_heading_above_the_recommendation_decides_its_theme():
    themes = parse_themes(DEFAULT_THEMES)
    assert theme_from_headings("8. Recommendations > 8.2 Skills", "Establish a Digital Exchange", themes) == "skills"
    assert theme_from_headings("Recommendations > Sharing", None, themes) == "data sharing"
    assert theme_from_headings("What we propose > Leadership that learns", "Leadership that learns", themes) is None  # its own title
    assert theme_from_headings("Our recommendations", None, themes) is None


# ---------------------------------------------------------------- rejoined chunks
@pytest.mark.parametrize("chunk_tokens, overlap", [(200, 32), (48, 8)])
def test_extraction_from_rejoined_chunks_matches_the_loaded_document(embedder, chunk_tokens, overlap):
    """Ingest and rebuild both extract from chunks: they must agree with the whole document."""
    chunker = Chunker(embedder.tokenizer, chunk_tokens, overlap)
    for path in sorted(CORPUS.iterdir()) + sorted(FIXTURES.iterdir()):
        doc = _load(path)
        whole = extract_recommendations(doc.blocks, doc.title)
        rejoined = extract_recommendations(blocks_from_chunks(chunk_views_from_chunks(chunker.chunk(doc, "d"))), doc.title)
        flat = lambda recs: [(r.ref, r.title, " ".join(r.text.split()), r.owner, r.timescale) for r in recs]  # noqa: E731
        assert flat(rejoined) == flat(whole), path.name


def test_every_item_of_a_mostly_found_numbered_list_counts():
    """No verb list is complete: "Let ..." and "Name ..." items of a recommendations list still count."""
    blocks = [Block(text="The board makes four recommendations for the next fund:\n\n1. Require a budget to buy before phase 1.\n\n"
                         "2. Name a senior sponsor for each challenge.\n\n3. Publish every prototype's results.\n\n"
                         "4. Let two bodies share one challenge.\n\nContact: team@example.org", headings=("Recommendations",))]
    recs = extract_recommendations(blocks, "Fund review")
    assert [r.ref for r in recs] == ["1", "2", "3", "4"]
    assert recs[3].text.startswith("Let two bodies")


def test_a_numbered_list_of_findings_does_not_become_recommendations():
    blocks = [Block(text="1. Most councils host email in the cloud.\n\n2. Few have tested an exit.\n\n"
                         "3. Publish an exit plan template.", headings=("Conclusions",))]
    assert [r.ref for r in extract_recommendations(blocks, "Review")] == ["3"]


def test_a_paragraph_announcing_the_recommendations_is_not_one():
    blocks = [Block(text="The board makes five recommendations. Each names the body we think should own it.\n\n"
                         "1. Make a self-assessment a condition of spend approval. Owner: CDDO.",
                    headings=("Recommendations",))]
    assert [r.ref for r in extract_recommendations(blocks, "Insight")] == ["1"]


def test_tentative_recommendations_count_and_questions_do_not():
    blocks = [Block(text="1. There is a case for a free test call before each hearing. (Owner: HMCTS)\n\n"
                         "2. Ministers could fund 300 hearing rooms in libraries by 2024.\n\n"
                         "3. Every service would benefit from a named head of data.\n\n"
                         "We suggest that every team asks two questions:\n\n- Could the code be published?\n\n- Who else holds the data?",
                    headings=("Recommendations",))]
    recs = extract_recommendations(blocks, "Review")
    assert [r.ref for r in recs] == ["1", "2", "3", None]
    assert "Could the code be published?" in recs[3].text  # the questions stay with the suggestion that asks them


def test_a_list_after_an_announced_count_holds_them_all():
    blocks = [Block(text="The group makes three recommendations:\n\n1. Registration becomes opt-out for homes at risk.\n\n"
                         "2. Gauge data goes to one open service.\n\n3. Wardens get an app to send readings.",
                    headings=("RECOMMENDATIONS",))]
    assert [r.ref for r in extract_recommendations(blocks, "Report")] == ["1", "2", "3"]


def test_a_conclusion_adds_none_when_a_recommendations_section_exists():
    blocks = [Block(text="1. HMCTS should publish failure rates.", headings=("4. Recommendations",)),
              Block(text="The evidence suggests that video hearings should stay.", headings=("5. Conclusion",))]
    assert [r.ref for r in extract_recommendations(blocks, "Review")] == ["1"]
    alone = [Block(text="Departments should publish failure rates.", headings=("Conclusions",))]
    assert len(extract_recommendations(alone, "Review")) == 1  # no recommendations section: the conclusion holds them


def test_fields_on_lines_of_their_own_under_a_referenced_recommendation():
    """ "Recommendation 3. ..." then "Owner: ..." and "By: June 2024" paragraphs: its owner and timescale."""
    blocks = [Block(text="Recommendation 3. Post-mortem reports should be uploaded on the day they are signed.\n\n"
                         "Owner: Royal College of Pathologists, with NHS England\n\nBy: June 2024\n\n"
                         "Recommendation 4. Families should follow a case online.\n\nOwner: Chief Coroner's Office",
                    headings=("Recommendations",))]
    recs = extract_recommendations(blocks, "Insight")
    assert [(r.ref, r.owner, r.timescale) for r in recs] == [
        ("Recommendation 3", "Royal College of Pathologists, with NHS England", "June 2024"),
        ("Recommendation 4", "Chief Coroner's Office", None)]


def test_an_item_cut_short_in_a_summary_table_is_completed_from_its_full_sentence():
    from indexing.models import Block
    from indexing.recommendations import extract_recommendations
    text = ("Ref / Recommendation (short form) / Owner / Timescale:\n"
            "HR1 - Recommendation (short form): Let tenants track every repair online, from report to comp...; Owner: Landlords; Timescale: 2025\n"
            "HR2 - Recommendation (short form): Link contractors' job systems to landlords' portals so tha...; Owner: Contractors; Timescale: 2026\n"
            "HR3 - Recommendation (short form): Keep a free phone route for tenants; Owner: Landlords; Timescale: Ongoing\n\n"
            "HR1: Let tenants track every repair online, from report to completion, with the booked date shown. Owner: Landlords.\n\n"
            "Nothing states HR2 in full.")
    found = extract_recommendations([Block(text=text, headings=["6. Recommendations"], page=3)])
    assert [r.text for r in found] == ["Let tenants track every repair online, from report to completion, with the booked date shown.",
                                       "Link contractors' job systems to landlords' portals so tha...",  # no full sentence: as cut
                                       "Keep a free phone route for tenants"]


def test_everyday_imperatives_in_a_recommendations_list_are_recommendations():
    text = ("The group asks SLC and the Department for Education to:\n\n1. Let parents confirm their income with a one-time code.\n"
            "2. Replace the estrangement letter with a short online statement.\n3. Move every change of course online.\n"
            "4. Warn students about refund scams in every email.")
    recs = extract_recommendations([Block(text=text, headings=["Our recommendations"])], "A blog")
    assert [r.text.split()[0] for r in recs] == ["Let", "Replace", "Move", "Warn"]


def test_an_item_that_names_itself_before_its_action_is_a_recommendation():
    # written for this test: items led by a bold title, then the action ("Extend ...", "Keep ..."), as briefings write them
    text = ("1. **Online season tickets.** Extend online sales to season tickets at every ground by April 2025.\n"
            "2. **Assisted route.** Keep a phone line for fans who cannot buy online.\n"
            "3. **Share the model.** Publish the contract terms so other clubs can reuse them.")
    recs = extract_recommendations([Block(text=text, headings=["Recommendations"])], "A briefing")
    assert [r.ref for r in recs] == ["1", "2", "3"]
    assert recs[0].text.startswith("Online season tickets. Extend online sales")


def test_a_recommendation_running_over_a_page_break_is_read_whole():
    """The chunk of page 2 stops mid-sentence ("... that asks for no") and page 3 goes on ("more than an email
    address."): read as two blocks, the recommendation was listed cut off at the page break."""
    section = "7. Recommendations > Recommendation 4: Make Wi-Fi a one-click sign-in"
    first = "Owner: Museums Digital Forum. Publish guidance by January 2024 for a one-click sign-in that asks for no"
    views = [ChunkView("d:0", first, section, 2, 0), ChunkView("d:1", "more than an email address.", section, 3, len(first) + 2),
             ChunkView("d:2", "Owner: the PSB. Run the survey again in 2025.", "7. Recommendations > Recommendation 5: Repeat the survey",
                       3, len(first) + 30)]
    blocks = blocks_from_chunks(views)
    assert [(b.text, b.page) for b in blocks[:1]] == [(first + " more than an email address.", 2)]
    recs = extract_recommendations(blocks, "Museum visitor survey 2023")
    assert recs[0].text.endswith("asks for no more than an email address.")
    assert (recs[0].owner, recs[1].owner) == ("Museums Digital Forum", "PSB")
    # a sentence that ends at the page break, or a page that opens a new one, is not run on
    ended = [ChunkView("e:0", "Publish guidance by 2024.", section, 2, 0), ChunkView("e:1", "more text here.", section, 3, 26)]
    assert len(blocks_from_chunks(ended)) == 2


def test_each_item_after_a_lead_in_that_only_recommends_is_a_recommendation_with_its_summary_row():
    """Written for this test: "The PSB recommends that:" then four numbered items, none of them a "should" or an
    imperative, were read as one recommendation; each is one, and the summary table restating them by number and
    a short name gives each its owner."""
    items = ("The PSB recommends that:\n\n1. The six services agree a common data standard for risk information.\n\n"
             "2. Every appliance serving a rural station area is fitted with a dual-network router.\n\n"
             "3. Terminal availability is reported for each service every quarter and published.")
    table = ("No. | Recommendation | Owner | By when\n1 | Common data standard for risk information | Fire Digital Partnership | "
             "March 2025\n2 | Dual-network routers in rural appliances | Each fire and rescue service | December 2024\n"
             "3 | Quarterly reporting of terminal availability | Cab Connect programme board | From July 2024")
    recs = extract_recommendations([Block(text=items, headings=("Recommendations",)),
                                    Block(text=table, headings=("Recommendations", "Summary of recommendations"))], "MDT insight")
    assert [(r.ref, r.text[:24], r.owner) for r in recs] == [
        ("1", "The six services agree a", "Fire Digital Partnership"),
        ("2", "Every appliance serving ", "Each fire and rescue service"),
        ("3", "Terminal availability is", "Cab Connect programme board")]
    # a lead-in that says what to do keeps its list: one recommendation
    asks = "We suggest that every team asks five questions:\n\n1. Who uses it?\n\n2. What do they need?"
    assert len(extract_recommendations([Block(text=asks, headings=("Recommendations",))], "Guide")) == 1


def test_each_item_completing_a_lead_in_that_names_who_should_act_is_a_recommendation():
    """Written for this test: "... recommends that every supplier should:" then five numbered actions; the first two,
    not read as actions on their own, were folded into the lead-in and lost."""
    text = ("The PSB recommends that every energy supplier offering smart meter installations should:\n\n"
            "1. Show available appointment slots before asking for any account details.\n\n"
            "2. Find the customer's meter from their postcode and address.\n\n"
            "3. Let customers move or cancel an appointment online up to 24 hours before it is due.")
    recs = extract_recommendations([Block(text=text, headings=("Recommendations",))], "Smart meter insight")
    assert [(r.ref, r.text[:20]) for r in recs] == [("1", "Show available appoi"), ("2", "Find the customer's "),
                                                    ("3", "Let customers move o")]
    assert {r.owner for r in recs} == {"Every energy supplier offering smart meter installations"}
    # a bare lead-in names no owner
    bare = extract_recommendations([Block(text="The PSB recommends that:\n\n1. Councils publish their data.\n\n2. Suppliers share "
                                                "the standard.", headings=("Recommendations",))], "Note")
    assert [r.owner for r in bare] == [None, None]
    # a lead-in naming who, with no "should": "The PSB recommends that the NSFS:" (its first item was folded into it)
    named = extract_recommendations([Block(text="The PSB recommends that the NSFS:\n\n1. Roll out Evidence Once to every centre.\n\n"
                                                "2. Check the tax year on uploads automatically.", headings=("Recommendations",))], "Note")
    assert [(r.ref, r.text[:12], r.owner) for r in named] == [("1", "Roll out Evi", "NSFS"), ("2", "Check the ta", "NSFS")]


def test_the_numbered_items_under_a_heading_saying_what_is_wanted_are_recommendations():
    """Written for this test: "What the PSB wants to see" over four numbered noun phrases, none a "should" or an
    imperative, gave no recommendation at all; each item is one. A numbered list under "Findings" is not."""
    text = ("1. A free telephone and webchat helpline for filing questions.\n\n2. An awareness campaign on identity checks "
            "before they open.\n\n3. Authentication codes that do not depend on the post.")
    recs = extract_recommendations([Block(text=text, headings=("What the PSB wants to see",))], "Briefing")
    assert [(r.ref, r.text[:14]) for r in recs] == [("1", "A free telepho"), ("2", "An awareness c"), ("3", "Authentication")]
    assert extract_recommendations([Block(text=text, headings=("Findings",))], "Briefing") == []
    calling = extract_recommendations([Block(text=text, headings=("What we are calling for",))], "Briefing")
    assert len(calling) == 3

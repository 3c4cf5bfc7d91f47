"""Recommendations under their own headings with "Owner:" / "Timescale:" lines, restated in a summary table."""

from __future__ import annotations

from indexing.models import Block
from indexing.rec_fields import find_owner, find_timescale, labelled_fields
from indexing.recommendations import extract_recommendations

SECTION = "3. Recommendations"


def _blocks() -> list[Block]:
    return [
        Block(text="Publish a rolling pipeline of every planned tender.\n\nOwner: Cabinet Office\n\nTimescale: By December 2024",
              headings=(SECTION, "Recommendation 1: Publish a forward pipeline")),
        Block(text="Require prime contractors to pay subcontractors within 30 days.\n\nOwner: Government Commercial Function\n\n"
                   "Timescale: From April 2025",
              headings=(SECTION, "Recommendation 2: Prompt payment down the chain")),
        Block(text="Recommendation | Owner | Timescale\n1. Publish a forward pipeline | Cabinet Office | By December 2024\n"
                   "2. Prompt payment down the chain | Government Commercial Function | From April 2025",
              headings=("4. Summary of recommendations",)),
    ]


def test_owner_and_timescale_lines_are_the_fields():
    text = "Publish a rolling pipeline.\n\nOwner: Cabinet Office\n\nTimescale: By December 2024"
    assert labelled_fields(text) == {"owner": "Cabinet Office", "timescale": "By December 2024"}
    assert find_owner(text) == "Cabinet Office"
    assert find_timescale("Pay within 30 days.\n\nTimescale: From April 2025") == "From April 2025"


def test_a_recommendation_stated_twice_in_one_document_is_one_record_with_its_owner():
    recs = extract_recommendations(_blocks(), "Opening up procurement")
    assert [(r.ref, r.title, r.owner, r.timescale) for r in recs] == [
        ("Recommendation 1", "Publish a forward pipeline", "Cabinet Office", "By December 2024"),
        ("Recommendation 2", "Prompt payment down the chain", "Government Commercial Function", "From April 2025"),
    ]
    assert recs[0].text == "Publish a rolling pipeline of every planned tender."  # the field lines are fields, not text
    assert [r.position for r in recs] == [1, 2]


def test_different_recommendations_with_the_same_number_stay_apart():
    blocks = [Block(text="Publish a pipeline.\n\nOwner: Cabinet Office", headings=(SECTION, "Recommendation 1: Publish a pipeline")),
              Block(text="1. Departments should train their buyers.", headings=("5. Further recommendations",))]
    assert len(extract_recommendations(blocks, "Report")) == 2


def test_a_table_first_with_a_by_column_cut_short_is_completed_from_the_prose():
    """A PDF table cell too narrow for "December 2025" holds "December 20"; the prose restating the
    item gives the whole date, and a "By" column is the timescale."""
    blocks = [
        Block(text="Ref | Recommendation | Owner | By\nLR4 | Agree a common data standard for leak reports so that a re... | Water UK | December 20",
              headings=(SECTION,)),
        Block(text="LR4: Agree a common data standard for leak reports so that a report can pass between bodies. Owner: Water UK. "
                   "By: December 2025.\n\nLR5: Show leaks on a map. By: December 2026.", headings=(SECTION,)),
    ]
    recs = extract_recommendations(blocks, "Leak apps review")
    assert [(r.ref, r.owner, r.timescale) for r in recs] == [("LR4", "Water UK", "December 2025")]


def test_an_owner_cut_short_by_a_line_break_is_completed_from_another_source_of_the_recommendation():
    """The PDF's prose broke "Owner: Trust / chief information officers"; its summary table gives the whole owner."""
    from indexing.rec_groups import entry_of
    from indexing.rec_register import RecommendationRecord

    def record(rec_id: str, owner: str, position: int) -> RecommendationRecord:
        return RecommendationRecord(rec_id=rec_id, doc_id="d1", position=position, ref="Recommendation 3", title=None,
                                    text="Give every nurse access to their roster through a mobile app.", owner=owner, timescale=None,
                                    theme="skills", source="s.pdf", doc_title="Survey", doc_type="report", section="Recommendations",
                                    page=2, published="2021-11-23", cites=None, chunk_id=None)

    entry = entry_of([record("a", "Trust", 1), record("b", "Trust chief information officers", 2)])
    assert entry.owner == "Trust chief information officers"
    assert entry_of([record("a", "Cabinet Office", 1), record("b", "GDS", 2)]).owner == "Cabinet Office"  # not a completion of it


def _record(doc: str, ref: str, vector: list[float]):
    from indexing.rec_register import RecommendationRecord

    return RecommendationRecord(rec_id=f"{doc}:{ref}", doc_id=doc, position=1, ref=ref, title=None, text=f"{doc} {ref}",
                                owner=None, timescale=None, theme="Other", source=f"{doc}.pdf", doc_title=doc, doc_type="report",
                                section="Recommendations", page=None, published=None, cites=None, chunk_id=None, vector=vector)


def test_the_same_bare_number_in_two_documents_needs_near_identical_wording_a_lettered_reference_does_not():
    """Two reports' "1." on related subjects (cosine 0.6) are two recommendations; "R1" in a report and in
    its summary, worded differently (the same 0.6), is one."""
    from indexing.rec_groups import group_records

    related = [[1.0, 0.0], [0.6, 0.8]]  # cosine 0.6
    assert len(group_records([_record("fire", "1", related[0]), _record("police", "1", related[1])])) == 2
    assert len(group_records([_record("fire", "Recommendation 1", related[0]), _record("fire-2025", "1", related[1])])) == 2
    assert len(group_records([_record("report", "R1", related[0]), _record("summary", "R1", related[1])])) == 1
    assert len(group_records([_record("report", "1", [1.0, 0.0]), _record("summary", "1", [0.9, 0.436])])) == 1  # near-identical


def test_a_bare_number_is_not_another_documents_lettered_reference_nor_what_a_third_cites():
    """A Welsh survey's "4." (on critical systems) had joined the 2017 report's "R4" (a Digital Exchange), through an
    Insight item citing "R4" (cosine 0.46): the register then listed the report's R4 as the survey's fourth."""
    from dataclasses import replace

    from indexing.rec_groups import group_records

    related = [[1.0, 0.0], [0.6, 0.8]]  # cosine 0.6
    assert len(group_records([_record("welsh", "4", related[0]), _record("report", "R4", related[1])])) == 2
    insight = replace(_record("insight", "x", related[1]), ref=None, cites="R4")
    assert len(group_records([_record("welsh", "4", related[0]), insight])) == 2
    assert len(group_records([_record("report", "R4", related[0]), insight])) == 1  # what it cites: the report's R4

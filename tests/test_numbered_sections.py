"""A question about a numbered item ("Recommendation 2") reads the section whose heading numbers it."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.chain import Assistant
from assistant.retrieval import Passage, Retrieved
from indexing.store import StoredChunk


def _chunk(i: int, section: str, text: str) -> StoredChunk:
    return StoredChunk(chunk_id=f"d:{i}", text=text, meta={"doc_id": "d", "title": "Opening up procurement", "source": "d.docx",
                                                           "section": section, "chunk_index": i})


CHUNKS = [_chunk(0, "3. Recommendations > Recommendation 1: Publish a forward pipeline", "Publish a pipeline.\n\nOwner: Cabinet Office"),
          _chunk(1, "3. Recommendations > Recommendation 2: Shorter bids", "Cap bids at 20 pages.\n\nOwner: Crown Commercial Service"),
          _chunk(2, "3. Recommendations > Recommendation 3: Prompt payment", "Pay within 30 days.\n\nOwner: Government Commercial Function")]


def test_the_section_numbering_the_item_asked_about_comes_first():
    fake = SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(chunks_of=lambda doc_id: CHUNKS)))
    found = Retrieved(passages=[Passage.from_chunk(CHUNKS[2]), Passage.from_chunk(CHUNKS[0])], best_dense=0.5, candidates=2)
    out = Assistant._with_numbered_sections(fake, "Who owns Recommendation 2 of the procurement insight?", found, [])
    assert [p.chunk_id for p in out.passages] == ["d:1", "d:2", "d:0"]
    same = Assistant._with_numbered_sections(fake, "Who owns the pipeline recommendation?", found, [])
    assert same is found


def test_without_a_named_document_the_first_found_document_with_such_a_section_is_read():
    other = StoredChunk(chunk_id="o:0", text="Skills text.", meta={"doc_id": "o", "title": "Skills", "section": "Summary", "chunk_index": 0})
    by_doc = {"o": [other], "d": CHUNKS}
    fake = SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(chunks_of=lambda doc_id: by_doc[doc_id])))
    found = Retrieved(passages=[Passage.from_chunk(other), Passage.from_chunk(CHUNKS[2])], best_dense=0.5, candidates=2)
    out = Assistant._with_numbered_sections(fake, "Who owns Recommendation 2?", found, [])
    assert [p.chunk_id for p in out.passages] == ["d:1", "o:0", "d:2"]


LISTED = [_chunk(0, "1. About this review", "The review looked at 42 challenges."),
          _chunk(1, "4. Recommendations", "The PSB makes four recommendations:\n\n1. Ring-fence a budget.\n\n2. Give each challenge a sponsor.")]


def test_a_numbered_list_under_its_kinds_heading_numbers_its_items():
    from assistant.constraints import ConstraintChecker, Evidence
    from assistant.qualifiers import listed_item

    assert listed_item("recommendation", 2, "4. Recommendations", LISTED[1].text) == "Give each challenge a sponsor."
    assert listed_item("recommendation", 3, "4. Recommendations", LISTED[1].text) is None
    assert listed_item("recommendation", 2, "2. Findings", "1. One.\n2. Two.") is None  # a list under another heading
    fake = SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(chunks_of=lambda doc_id: LISTED)))
    found = Retrieved(passages=[Passage.from_chunk(LISTED[0])], best_dense=0.5, candidates=1)
    out = Assistant._with_numbered_sections(fake, "Who owns Recommendation 2 of the review?", found, ["d"])
    assert [p.chunk_id for p in out.passages] == ["d:1", "d:0"]
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms})
    listed = Evidence(texts=[LISTED[1].text], titles=["From Challenge to Contract"], sections=["4. Recommendations"],
                      headed=[("4. Recommendations", LISTED[1].text)])
    assert [c.text for c in checker.unmet("Who owns Recommendation 2 of the review?", listed) if c.kind == "qualifier"] == []
    assert [c.text for c in checker.unmet("Who owns Recommendation 5 of the review?", listed) if c.kind == "qualifier"] == ["Recommendation 5"]


def test_a_table_headed_by_the_noun_numbers_its_rows():
    """Written for this test: "phase 2" is met by a table whose first column is headed "Phase", in the row labelled 2."""
    from assistant.qualifiers import qualifier_met
    table = ("Phase / Operators / Buses fitted:\n1 - Operators: Go Coastline; Buses fitted: 420\n"
             "2 - Operators: Wearline; Buses fitted: 610")
    assert qualifier_met("phase", 2, [table])
    assert not qualifier_met("phase", 4, [table])
    assert not qualifier_met("round", 2, [table])


def test_an_ordinal_before_a_programme_s_name_numbers_the_noun_after_it():
    from assistant.qualifiers import qualifiers

    assert qualifiers("How many teachers signed up to the third TeachTech Pathways cohort?") == [
        ("third TeachTech Pathways cohort", "cohort", 3)]
    assert qualifiers("How many joined the second TeachTech cohort?") == [("second TeachTech cohort", "cohort", 2)]
    assert qualifiers("What did the second Wave survey find?") == [("second Wave", "wave", 2)]  # a capitalised noun is numbered

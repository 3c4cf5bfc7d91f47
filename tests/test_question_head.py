"""A question's own clause (``assistant.question_head``) and the close line that answers it leading the answer."""

from __future__ import annotations

import pytest

from assistant.extractive import ExtractiveAnswerer
from assistant.question_head import question_head, scene_names, scene_words
from assistant.retrieval import Passage


@pytest.mark.parametrize("question, head", [
    ("Which firm won the contract to run the new booking system for swimming pools in the east of Scotland?",
     "Which firm won the contract?"),
    ("By the end of June 2023, what share of the new lockers had been installed in libraries under the county scheme?",
     "By the end of June 2023, what share of the new lockers had been installed?"),
    ("How many respondents worked for HMRC?", None),                   # the preposition right after the verb is what it asks
    ("How much has that changed since the 2022 review?", None),         # "since" is asked, not scene
    ("What did the survey find about skills gaps?", None),              # "about X" is the topic asked for
    ("What is the margin of error for the full sample?", "What is the margin of error?"),  # "of" belongs to the thing asked
    ("Who chairs the board?", None),                                    # nothing follows
    ("How many lockers were fitted? (follow-up to: Which libraries took part in the scheme?)", None),
])
def test_the_clause_is_the_question_up_to_the_first_preposition_after_its_verb(question, head):
    assert question_head(question) == head


def test_the_scene_left_out_keeps_its_names_and_years():
    question = "In the depot review, what share of vans were serviced on time for the Harbour Link scheme in 2024?"
    head = question_head(question)
    assert head == "In the depot review, what share of vans were serviced on time?"
    assert scene_names(question, head) == ["Harbour", "Link", "2024"]


def _p(text: str, section: str, i: int, doc: str = "leisure") -> Passage:
    return Passage(chunk_id=f"{doc}:{i}", doc_id=doc, title="Review of the East Scotland Pools Booking Programme", source=f"{doc}.md",
                   section=section, page=None, text=text, chunk_index=i, published="2024-05-01")


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    # written for this test: a background paragraph that repeats a question's scene, and the lines that answer it
    return [
        _p("Seven councils in the east of Scotland agreed in 2021 to run their leisure bookings together, "
           "through the East Scotland Pools Booking Programme. "
           "The contract to supply the system was awarded in March 2022 to Harrowgate Leisure Software after an open competition. "
           "This review looks at progress up to 30 June 2023.", "Background", 0),
        _p("By 30 June 2023, 68% of the planned self-service lockers had been installed (51 of 75 pools). "
           "Where they are in use, queues at reception fell by a third.", "Progress so far", 1),
    ]


def test_a_close_line_answering_the_clause_leads_not_the_background_that_repeats_the_scene(embedder, passages):
    answerer = ExtractiveAnswerer(embedder)
    text, _ = answerer.answer("Which firm won the contract to supply the new booking system for swimming pools in the east of Scotland?",
                              passages)
    assert text.startswith("The contract to supply the system was awarded in March 2022 to Harrowgate Leisure Software")


def test_a_line_from_a_passage_without_the_scenes_name_does_not_lead(embedder):
    answerer = ExtractiveAnswerer(embedder)
    passages = [
        _p("In the Harbour Link pilot, the share of parcels returned to the depot fell to 4% after drivers got handheld scanners.",
           "The Harbour Link pilot", 0, doc="parcels"),
        _p("Across all depots, 17% of parcels were returned to the depot because the address could not be found.", "Findings", 1,
           doc="parcels"),
    ]
    text, _ = answerer.answer("What share of parcels were returned to the depot in the Harbour Link pilot?", passages)
    assert text.startswith("In the Harbour Link pilot")


def test_the_scene_left_out_keeps_its_words_for_the_passage_to_hold():
    question = "What data standards have the PSB called for in coroner services?"
    head = question_head(question)
    assert head == "What data standards have the PSB called?"
    assert scene_words(question, head) == {"coron", "servic"}  # a waste review's line is not in that scene

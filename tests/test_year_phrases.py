"""A financial year ("2023-24") or a year naming a thing ("its 2023 assessment") is not a publication year."""

from __future__ import annotations

import pytest

from assistant.extractive import ExtractiveAnswerer
from assistant.retrieval import Passage
from assistant.year_phrases import asked_spans, asked_year_things, states_year_as_asked


def test_spans_and_years_naming_things():
    assert asked_spans("What was the SME share in 2023-24?") == {("2023", "24")}
    assert asked_spans("What happened between 2019-2023?") == set()  # a range of years, not a financial year
    assert asked_year_things("How many systems did the CDDO identify in its 2023 assessment?") == {("2023", "assess")}
    assert asked_year_things("What did the 2017 survey find?") == set()  # a publication of that year
    assert states_year_as_asked("HMRC - SME share 2022-23: 17%; SME share 2023/24: 25%", "What was HMRC's share in 2023-24?")
    assert not states_year_as_asked("The pledge was launched in February 2023.", "What was HMRC's share in 2023-24?")
    assert states_year_as_asked("In its 2023 assessment, the CDDO classed 28 systems as red-rated.",
                                "How many systems did the CDDO identify in its 2023 assessment?")


def _p(text: str, doc: str, published: str, section: str = "Findings") -> Passage:
    return Passage(chunk_id=f"{doc}:0", doc_id=doc, title=f"Title {doc}", source=f"{doc}.md", section=section, page=None,
                   text=text, chunk_index=0, published=published)


BLOG = _p("Over the winter, a taskforce convened with the Central Digital and Data Office (CDDO) checked 150 public sector websites. "
          "The taskforce launched a pledge in February 2023 and 31 organisations have signed it.", "blog", "2023-03-14")
INSIGHT = _p("Table 2 compares the SME share of each department's direct technology spend over two years.\n\n"
             "HM Revenue and Customs - SME share 2022-23: 17%; SME share 2023-24: 25%\n"
             "Ministry of Justice - SME share 2022-23: 19%; SME share 2023-24: 23%", "insight", "2024-02-12", "SME share by department")
BRIEFING = _p("In its 2023 assessment, the Central Digital and Data Office (CDDO) classed 28 legacy systems across government as "
              "red-rated. Bringing them up to date is estimated to cost £2.3 billion.", "briefing", "2024-06-18", "Background")


@pytest.fixture(scope="module")
def answerer(embedder):
    return ExtractiveAnswerer(embedder)


def test_a_financial_year_is_answered_by_the_line_that_states_it(answerer):
    text, _ = answerer.answer("What was HM Revenue and Customs' SME share of technology spend in 2023-24?", [BLOG, INSIGHT])
    assert "25%" in text and "pledge" not in text


def test_a_year_naming_a_thing_is_answered_from_any_document_that_names_it(answerer):
    text, _ = answerer.answer("How many red-rated legacy systems did the CDDO identify in its 2023 assessment?", [BLOG, BRIEFING])
    assert "28" in text


def test_a_document_about_the_asked_span_alone_answers_with_its_lines_that_state_no_year(answerer):
    note = _p("This note records how patients booked transport in 2021-22. Callers had a hard time getting through: 18 per cent "
              "of calls to booking lines were abandoned, and in the winter peak that rose to 26 per cent.", "note", "2022-05-10")
    review = _p("In 2024-25 the share of bookings made online rose to 31 per cent, from 6 per cent in 2021-22. "
                "Calls are now answered within a minute.", "review", "2025-06-01")
    text, _ = answerer.answer("During the winter peak in 2021-22, what share of calls to booking lines were abandoned?", [review, note])
    assert text.startswith("Callers had a hard time getting through")
    # the review states two spans: its lines that state no year are not 2021-22's
    text, _ = answerer.answer("In 2021-22, how quickly were calls answered?", [review])
    assert "within a minute" not in text.splitlines()[0]


def test_a_later_document_giving_the_span_as_its_baseline_is_not_about_that_span(answerer):
    pilot = _p("In 2023-24, 3.1 per cent of consignments were held at an EU border post because of a paperwork error. "
               "Consignments held at EU border posts because of a paperwork error fell to 0.4 per cent for pilot vessels.",
               "pilot", "2025-03-01")
    text, _ = answerer.answer("What share of consignments were held at the border over paperwork errors in 2023-24?", [pilot])
    assert "3.1 per cent" in text.splitlines()[0]


def test_a_review_published_as_its_span_closed_answers_that_span_with_its_lines_that_state_no_year(answerer):
    review = _p("This post sets out what we found for 2024-25, against the 2021-22 baseline. "
                "Aborted journeys fell to 5.1 per cent of all journeys.", "review", "2025-06-01")
    text, _ = answerer.answer("What was the aborted journey rate for patient transport in 2024-25?", [review])
    assert "5.1 per cent" in text.splitlines()[0]

"""A byline or a disclaimer about the document is never the answer to a question about its subject."""

from __future__ import annotations

import pytest

from assistant.extractive import ExtractiveAnswerer
from assistant.notices import is_byline, is_disclaimer, notice_answers
from assistant.retrieval import Passage

OPENING = ("Published 7 November 2022 by techUK's Public Services Board (PSB). This is an illustrative document written for an "
           "evaluation exercise; the review, its figures and the people named in it are invented.")
SUMMARY = ("The PSB looked at how far local authorities have moved their systems to public cloud. Between 9 May and 29 July 2022 "
           "we reviewed the hosting arrangements of 214 local authorities, drawing on questionnaires and interviews.")
NOTE = ("Illustrative document written for an evaluation exercise. It is not a real techUK publication: the survey, its fieldwork "
        "agency and all of its figures are invented for illustration.")
FIELDWORK = ("Rather than wait for the next full survey, the PSB ran a short pulse questionnaire in early 2021 to see how the fieldwork "
             "of digital working had changed. Fieldwork was carried out by Meridian Social Research between 1 February and 19 March 2021.")


def _p(text: str, i: int, section: str = "") -> Passage:
    return Passage(chunk_id=f"d:{i}", doc_id="d", title="Cloud Readiness Review", source="d.pdf", section=section, page=1,
                   text=text, chunk_index=i, published="2022-11-07")


@pytest.mark.parametrize("line, byline, disclaimer", [
    ("Published 7 November 2022 by techUK's Public Services Board (PSB).", True, False),
    ("By Priya Desai, Programme Manager, Public Services, techUK · 14 March 2023", True, False),
    ("It is not a real techUK publication: the survey and its figures are invented for illustration.", False, True),
    ("Illustrative document written for the PSB Assistant project.", False, True),
    ("The report was published on 16 November 2017 and launched at a conference.", False, False),
    ("Table 2 gives illustrative savings for a typical council.", False, False),
    ("Prepared by Dr Nadia Colquhoun, PSB research lead.", True, False),
    ("Prepared by the council's finance team, the plan sets out three savings.", False, False),
])
def test_bylines_and_disclaimers(line, byline, disclaimer):
    assert is_byline(line) is byline
    assert is_disclaimer(line) is disclaimer


def test_a_notice_answers_only_the_question_about_it():
    byline = "Published 7 November 2022 by techUK's Public Services Board (PSB)."
    assert not notice_answers(byline, "When did the review's fieldwork take place?")
    assert notice_answers(byline, "When was the review published?")
    assert notice_answers(byline, "Who wrote the blog on accessible websites?")
    assert not notice_answers(NOTE, "Which organisation carried out the fieldwork?")
    assert notice_answers(NOTE, "Is the survey real?")


@pytest.fixture(scope="module")
def answerer(embedder):
    return ExtractiveAnswerer(embedder)


def test_a_when_question_is_not_answered_by_the_byline(answerer):
    text, _ = answerer.answer("When did the cloud readiness review's fieldwork take place?",
                              [_p(OPENING, 0), _p(SUMMARY, 1, "1. Summary")])
    assert "9 May" in text
    assert "Published" not in text and "illustrative" not in text


def test_which_organisation_is_answered_by_the_line_naming_who_did_it(answerer):
    text, _ = answerer.answer("Which organisation carried out the fieldwork for the 2021 pulse survey?",
                              [_p(NOTE, 0), _p(FIELDWORK, 1, "Fieldwork and sample")])
    assert text.startswith("Fieldwork was carried out by Meridian Social Research")


def test_which_dates_asks_for_the_byline():
    assert notice_answers("Published 13 November 2017 by techUK.", "On which dates were the three Insights published?")


def test_the_doer_of_the_action_must_carry_the_reference_asked(answerer):
    p = _p("R1 - Recommendation: Lead digital from the top: a digital leadership objective for every member of the Senior Civil "
           "Service; Suggested owner: Civil Service Board and permanent secretaries; Timescale: From 2018\n"
           "R8 - Recommendation: Design transactions end to end: every citizen transaction completable online; "
           "Suggested owner: Departments, supported by GDS; Timescale: By 2020", 0, "The eight recommendations")
    text, _ = answerer.answer("Who should lead recommendation R8?", [p])
    assert text.startswith("**R8**")


BLOG = ("By Priya Desai, Programme Manager, Public Services, techUK · 14 March 2023\n\n"
        "Public bodies have been under a legal duty to make their websites accessible for several years, but many people "
        "who rely on assistive technology still hit a wall when they use a public service online.")


def test_who_wrote_is_answered_by_the_byline(answerer):
    blog = Passage(chunk_id="b:0", doc_id="b", title="Accessible by default", source="b.html", section="", page=None,
                   text=BLOG, chunk_index=0, published="2023-03-14")
    text, _ = answerer.answer("Who wrote the techUK blog on accessible public service websites?", [blog])
    assert text.startswith("By Priya Desai")
    both, _ = answerer.answer("Who wrote the techUK blog on accessible websites, and when was it published?", [blog])
    assert "Priya Desai" in both and "14 March 2023" in both


def test_a_byline_answers_who_holds_the_role_it_gives_its_author():
    byline = "By Anjali Rowntree-Osei, Chief Digital Officer, Wyebridge Borough Council · 17 May 2023"
    assert notice_answers(byline, "Who is the chief digital officer at Wyebridge Borough Council?")
    assert not notice_answers(byline, "Who is the chief executive at Wyebridge Borough Council?")  # another role
    assert not notice_answers(byline, "What did Wyebridge change?")


def test_a_sentence_opening_by_a_date_is_not_a_byline():
    assert not is_byline("By the end of March 2022, 218,000 employers had registered an account on the service.")
    assert is_byline("By Priya Desai, Programme Manager · 14 March 2023")


def test_a_plain_text_title_page_run_into_one_line_is_a_byline():
    assert is_byline("HOME-TO-SCHOOL TRANSPORT: 2021 BASELINE NOTE techUK Public Services Board Published 12 October 2021.")
    assert is_byline("TRANSPORT NOTE techUK Public Services Board Published 12 October 2021. Author: Aileen Castellano-Ross")
    assert is_byline("Author: Aileen Castellano-Ross")
    assert not is_byline("The survey was published in full on 12 October 2021 and widely read.")
    assert not is_byline("Share of applications made online: 46 per cent.")


def test_a_prepared_by_line_answers_who_prepared_it_or_who_does_the_job_it_names():
    line = "Prepared by Fiona MacLeod, Drill Ready programme manager, PSCRU."
    assert notice_answers(line, "Who prepared the PSB note on the pilot, and what date is on it?")
    assert notice_answers(line, "Who put together the PSB's 2023 note?")
    assert notice_answers(line, "Who manages the Drill Ready programme?")
    assert not notice_answers(line, "Who manages the budget?")
    assert not notice_answers(line, "What did the PSB call for in its 2024 briefing?")

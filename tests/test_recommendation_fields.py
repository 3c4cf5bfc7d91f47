"""An owner or timescale question answered by a recommendation states the owner (or timescale) the
document gives as a field of its own, and its citation quotes that field."""

from __future__ import annotations

import pytest

from assistant.extractive import ExtractiveAnswerer
from assistant.recommendation_fields import asked_fields, state_fields, states_deadline
from assistant.retrieval import Passage
from indexing.rec_register import RecommendationRecord, RecommendationRegister
from indexing.rec_themes import DEFAULT_THEMES, ThemeClassifier, parse_themes

_SECTION = "Recommendations > Recommendation 1: Publish a forward pipeline"
_TEXT = ("Publish a rolling 12-month pipeline of every planned technology tender worth more than £2 million.\n\n"
         "Owner: Cabinet Office\n\nTimescale: By December 2024")


def _record(text: str, owner: str | None, timescale: str | None, doc: str = "d1") -> RecommendationRecord:
    return RecommendationRecord(rec_id=f"{doc}:r1", doc_id=doc, position=0, ref="Recommendation 1", title="Publish a forward pipeline",
                                text=text, owner=owner, timescale=timescale, theme="procurement", source=f"{doc}.docx",
                                doc_title="Opening Up Procurement", doc_type="insight", section=_SECTION, page=None,
                                published="2024-02-12", cites=None, chunk_id=f"{doc}:0")


_PIPELINE = _record("Publish a rolling 12-month pipeline of every planned technology tender worth more than £2 million.",
                    "Cabinet Office", "By December 2024")


@pytest.mark.parametrize("question, owner, due", [
    ("Who owns the recommendation to publish a pipeline of tenders?", True, False),
    ("Which body is expected to teach procurement staff to buy technology in an agile way?", True, False),
    ("Who should lead the work on supplier registration?", True, False),
    ("When is the pipeline of tenders due?", False, True),
    ("By when should the pipeline be published?", False, True),
    ("What is the deadline for the supplier registration?", False, True),
    ("Who owns the pipeline recommendation, and when is it due?", True, True),
    ("Who is responsible for that one, and by when?", True, True),
    ("When was the insight published?", False, False),  # a past date, not a timescale
    ("How many people who began the questionnaire were removed?", False, False),  # "who" inside, not asked
])
def test_which_fields_a_question_asks_for(question, owner, due):
    assert asked_fields(question) == (owner, due)


def test_the_owner_is_stated_first_and_quoted():
    line = "Publish a rolling 12-month pipeline of every planned technology tender worth more than £2 million."
    text, quote = state_fields(line, line, [_PIPELINE], owner=True, due=False)
    assert text == f"Cabinet Office owns it: {line}"
    assert quote == f"{line} … Owner: Cabinet Office"
    text, quote = state_fields(line, line, [_PIPELINE], owner=True, due=True)
    assert text.startswith("Cabinet Office owns it, due by December 2024: Publish")
    assert quote.endswith("Owner: Cabinet Office … Timescale: By December 2024")
    assert state_fields(line, line, [_PIPELINE], owner=False, due=True)[0].startswith("Due by December 2024: Publish")


def test_nothing_is_added_that_the_line_states_or_that_is_no_recommendation():
    named = _record("The Local Government Association (LGA) should publish a cloud exit plan template by March 2023.",
                    "the Local Government Association (LGA)", "by March 2023")
    assert state_fields(named.text, named.text, [named], owner=True, due=True) is None  # the line names its owner and date
    by_acronym = "The LGA should publish a cloud exit plan template by March 2023."
    assert state_fields(by_acronym, by_acronym, [_record(by_acronym, "Local Government Association (LGA)", None)], True, False) is None
    several = "Every transaction should be capable of being completed fully online by 2020."
    assert state_fields(several, several, [_record(several, None, "By 2020; every quarter")], False, True) is None  # one part stated
    other = "Councils spent 14% of their IT budgets on hosting in 2022, the survey found."
    assert state_fields(other, other, [_PIPELINE], owner=True, due=True) is None  # not a recommendation the register holds


def test_the_answerer_states_the_owner_from_the_register(embedder):
    passages = [Passage(chunk_id="d1:0", doc_id="d1", title="Opening Up Procurement", source="d1.docx", section=_SECTION, page=None,
                        text=_TEXT, chunk_index=0, published="2024-02-12")]
    asked: list[list[str]] = []

    def records_of(doc_ids):
        asked.append(list(doc_ids))
        return [_PIPELINE]

    answerer = ExtractiveAnswerer(embedder, recommendations=records_of)
    text, citations = answerer.answer("Who owns the recommendation to publish a 12-month pipeline of technology tenders?", passages)
    assert text.splitlines()[0].startswith("Cabinet Office owns it: Publish a rolling 12-month pipeline")
    assert "Owner: Cabinet Office" in citations[0].quote
    assert asked == [["d1"]]
    plain, _ = ExtractiveAnswerer(embedder).answer("Who owns the recommendation to publish a 12-month pipeline of technology tenders?",
                                                   passages)
    assert "owns it" not in plain  # without the register, the sentence as before


def test_the_register_reads_one_documents_records(tmp_path, embedder):
    classifier = ThemeClassifier(parse_themes(DEFAULT_THEMES), embedder.embed)
    register = RecommendationRegister(tmp_path / "recs.sqlite", classifier, embedder.embed)
    register.write("d1", [_PIPELINE])
    register.write("d2", [_record("Cap bid responses at 20 pages.", "Crown Commercial Service", None, doc="d2")])
    got = register.records_of(["d1"])
    assert [(r.doc_id, r.owner, r.timescale) for r in got] == [("d1", "Cabinet Office", "By December 2024")]
    assert register.records_of([]) == []


@pytest.mark.parametrize("line, deadline", [
    ("Name a data ethics lead in every department by March 2026.", True),
    ("By the end of 2018 each department should publish a policy.", True),
    ("Within six months, GDS should publish guidance.", True),
    ("In January 2025 the PSB asked 88 public bodies.", False),  # a dated event, nothing due
    ("The pilot runs from April 2025.", False),
])
def test_deadlines(line, deadline):
    assert states_deadline(line) is deadline


def test_when_is_it_due_is_led_by_a_deadline_not_a_dated_event(embedder):
    asked = ("In January 2025 the PSB asked 88 public bodies whether and how they use the Data Ethics Framework, and whether every "
             "department had a data ethics lead.")
    recommended = "2. Name a data ethics lead in every department and arm's-length body by March 2026. Owner: each permanent secretary."
    passages = [Passage(chunk_id=f"d1:{i}", doc_id="d1", title="Data ethics", source="d1.docx", section=section, page=None,
                        text=text, chunk_index=i, published="2025-05-14")
                for i, (section, text) in enumerate([("What we asked", asked), ("Recommendations", recommended)])]
    answer, _ = ExtractiveAnswerer(embedder).answer("When is the data ethics lead in every department due?", passages)
    assert answer.startswith("Name a data ethics lead in every department")  # the closer line dates an event, nothing due


def test_how_a_timescale_reads():
    line = "Require prime contractors to pay SME subcontractors within 30 days and report on it quarterly."
    for timescale, head in [("From April 2025", "From April 2025: Require"), ("Ongoing", "Ongoing: Require"),
                            ("2026", "Due in 2026: Require"), ("Within 6 months", "Due within 6 months: Require")]:
        assert state_fields(line, line, [_record(line, None, timescale)], owner=False, due=True)[0].startswith(head)

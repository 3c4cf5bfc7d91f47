""""Who wrote X, and when was it published?" is answered from X's author and date lines, each part from
the document the question is about; bylines stay out of other answers."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.authorship import asks_author, author_lines, is_author_line, points_back
from assistant.chain import byline_documents
from assistant.extractive import ExtractiveAnswerer
from assistant.retrieval import Passage


@pytest.mark.parametrize("line, author", [
    ("Written by Priya Raman, chair of the PSB Data Working Group.", True),
    ("By Priya Desai, Programme Manager, Public Services, techUK · 14 March 2023", True),
    ("Author: Sam Lee", True),
    ("Prepared by Meridian Social Research for the Board.", True),
    ("By 2026 every council should publish an exit plan.", False),  # a date, not a name
    ("By March 2025 the Cabinet Office will report.", False),
    ("The survey was written by hand.", False),
    ("PSB Insight | Published 8 March 2021 | Written by Tomasz Wieczorek, convenor", True),  # a masthead's part
    ("Costs | By 2026 | Savings", False),
    # a document describing itself and who wrote it
    ("An independent review for the Audit Committee of the Wyvern Valley Combined Authority (WVCA), by Martin Ebeling, "
     "partner at Larchfield Advisory.", True),
    ("An independent review found that the contract was let by the council.", False),  # "by" no name
])
def test_author_lines(line, author):
    assert is_author_line(line) is author


def test_author_questions_and_parts_that_point_back():
    assert asks_author("Who wrote the PSB insight on the Data Ethics Framework, and when was it published?")
    assert asks_author("Who is the author of the blog on smart meters?")
    assert not asks_author("Who owns the recommendation to publish a pipeline?")
    # who led a survey or review: its byline's lead ("Survey lead: Callum Drummond"), which then counts as an answer line
    assert asks_author("Who led the 2025 survey of the digital workforce in Scottish councils?")
    assert not asks_author("Who led the programme in 2024?")
    assert is_author_line("Survey lead: Callum Drummond.") and is_author_line("Led by Aisha Rahman, PSB local government lead")
    from assistant.notices import notice_answers
    byline = "Published 20 November 2025 by the PSB. Survey lead: Callum Drummond."
    assert notice_answers(byline, "Who led the 2025 survey?") and not notice_answers(byline, "What did the 2025 survey find?")
    assert points_back("when was it published?") and not points_back("when was the survey published?")


def _line(text: str, passage: int, score: float) -> SimpleNamespace:
    return SimpleNamespace(text=text, passage=passage, score=score)


def test_the_author_line_of_the_best_lines_document():
    passages = [SimpleNamespace(doc_id="ethics"), SimpleNamespace(doc_id="ethics"), SimpleNamespace(doc_id="blog")]
    ranked = [_line("In January 2025 the PSB asked 88 public bodies about the framework.", 0, 0.7),
              _line("By Sam Lee, techUK · 3 May 2024", 2, 0.3),
              _line("Written by Priya Raman, chair of the PSB Data Working Group.", 1, 0.2)]
    assert [c.text[:10] for c in author_lines(ranked, passages, 0.5)] == ["Written by"]  # not the closer byline of another document
    assert author_lines(ranked[:2], passages, 0.5) == []  # the best line's document has none, and no other is close
    assert [c.text[:6] for c in author_lines(ranked[:2], passages, 0.25)] == ["By Sam"]


def test_openings_are_read_for_author_and_date_questions():
    found = [SimpleNamespace(doc_id="top"), SimpleNamespace(doc_id="next")]
    none = lambda question: []  # noqa: E731
    assert byline_documents("Who wrote the blog on smart meters?", [], none, found) == ["top"]
    assert byline_documents("Who wrote the insight, and when was it published?", ["named"], none, found) == ["named"]
    assert byline_documents("How many bodies were asked, and when was it published?", ["named"], none, found) == ["named"]
    assert byline_documents("How many bodies were asked?", ["named"], none, found) == []


_ETHICS = Passage(chunk_id="e:0", doc_id="e", title="Putting the Data Ethics Framework to Work", source="e.docx", section="",
                  page=None, chunk_index=0, published="2025-05-14",
                  text="Published 14 May 2025 by the techUK Public Services Board (PSB). Written by Priya Raman, chair of the PSB "
                       "Data Working Group.")
_ASKED = Passage(chunk_id="e:1", doc_id="e", title="Putting the Data Ethics Framework to Work", source="e.docx", section="What we asked",
                 page=None, chunk_index=1, published="2025-05-14",
                 text="In January 2025 the PSB asked 88 public bodies whether and how they use the Data Ethics Framework (DEF).")
_OTHER = Passage(chunk_id="o:0", doc_id="o", title="Smarter Services", source="o.md", section="", page=None, chunk_index=0,
                 published="2017-11-16", text="Published 16 November 2017 by the techUK Public Services Board.")


def test_who_wrote_and_when_published_gets_both_from_the_document_asked_about(embedder):
    answerer = ExtractiveAnswerer(embedder)
    text, _ = answerer.answer("Who wrote the PSB insight on the Data Ethics Framework, and when was it published?",
                              [_ASKED, _OTHER, _ETHICS])
    first = text.split("\n\n")[0]  # each part's answering line, together first; other lines as bullets after
    assert first.startswith("Written by Priya Raman") and "Published 14 May 2025" in first
    assert "16 November 2017" not in text  # "it" is the insight, not another document
    alone, _ = answerer.answer("Who wrote the PSB insight on the Data Ethics Framework?", [_ASKED, _OTHER, _ETHICS])
    assert alone.startswith("Written by Priya Raman")
    other, _ = answerer.answer("How many public bodies did the PSB ask about the Data Ethics Framework?", [_ASKED, _ETHICS])
    assert "Published 14 May" not in other  # the byline stays out of other answers (assistant.notices)


def test_a_byline_of_a_date_and_a_person_and_an_author_sentence_inside_a_line():
    from assistant.authorship import is_author_line
    assert is_author_line("**9 May 2023 · Ines Castellano-Whyte, techUK Public Services Board**")
    assert is_author_line("Published 25 February 2025 by the techUK Public Services Board. Author: Declan Ashworth-Nkemelu, PSB lead.")
    assert not is_author_line("9 May 2023 · Public Services Board")  # an organisation, not a person
    assert not is_author_line("12 March 2024 · PSB Briefing")
    assert not is_author_line("Ines Castellano-Whyte said the pilot worked.")  # a name without a date is no byline

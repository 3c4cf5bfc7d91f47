"""'Summarise the X report' answers from the named document's own summary (assistant/summaries.py)."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.answer import cited_numbers
from assistant.summaries import summary_answer
from indexing.store import StoredChunk


def _store(*sections: tuple[str, str]):
    chunks = [StoredChunk(f"d:{i:05d}", text, {"doc_id": "d", "section": section, "chunk_index": i, "title": "Cloud review"})
              for i, (section, text) in enumerate(sections)]
    return SimpleNamespace(chunks_of=lambda doc_id: chunks if doc_id == "d" else [])


def test_the_documents_own_summary_section_is_the_answer_every_line_cited():
    store = _store(("", "Illustrative document written for this project. It is not a real publication."),
                   ("1. Introduction", "Councils asked us to look at cloud. We spoke to 40 of them."),
                   ("2. Executive summary", "Most councils now host some services in the cloud. Skills are the main obstacle. "
                                            "Costs are hard to predict."))
    answer = summary_answer("Please summarise the cloud review", ["d"], store)
    lines = answer.answer.splitlines()
    assert lines[0] == "Most councils now host some services in the cloud [1]."
    assert "- Skills are the main obstacle [1]." in lines and "- Costs are hard to predict [1]." in lines
    assert all(cited_numbers(line) for line in lines if line.strip())
    assert answer.citations[0].section == "2. Executive summary"


def test_without_a_summary_the_opening_section_stands_in_not_the_disclaimer():
    store = _store(("", "Illustrative document written for this project. It is not a real publication."),
                   ("1. Introduction", "Councils asked us to look at cloud. We spoke to 40 of them."))
    answer = summary_answer("Give me an overview of the cloud review", ["d"], store)
    assert answer.answer.startswith("Councils asked us to look at cloud [1].") and "Illustrative" not in answer.answer


def test_other_questions_and_unnamed_documents_are_not_summaries():
    store = _store(("2. Executive summary", "Most councils now host some services in the cloud. Skills are the main obstacle."))
    assert summary_answer("What does the summary say about skills?", ["d"], store) is None
    assert summary_answer("Summarise the cloud review", [], store) is None


def test_a_named_survey_is_summarised_from_its_summary(corpus_services):
    answer = corpus_services.assistant.ask("Can you summarise the 2015 baseline survey?")
    assert "640 completed responses" in answer.answer and answer.citations[0].source == "psb-survey-2015-baseline.docx"


def test_the_document_asked_about_is_the_one_whose_title_and_file_name_the_question_uses_most():
    from assistant.retrieval import Passage
    from assistant.summaries import document_asked_about

    def passage(doc_id: str, title: str, source: str) -> Passage:
        return Passage(f"{doc_id}:00000", doc_id, title, source, "", None, "Text.", 0)

    report = passage("r", "Smarter Services: Delivering the Next Wave", "smarter-services-report.pdf")
    summary = passage("s", "Smarter Services: Summary of Recommendations", "psb-recommendations-summary.docx")
    blog = passage("b", "Smarter Services and the next wave", "smarter-services-launch-blog.html")
    assert document_asked_about("Summarise the Smarter Services report", [summary, blog, report]) == "r"
    assert document_asked_about("Summarise Smarter Services", [summary, blog, report]) is None  # a tie names none
    assert document_asked_about("Summarise the survey", [summary, report]) is None  # one shared word is not enough


def test_a_summary_request_naming_no_title_alone_finds_its_document(corpus_services):
    answer = corpus_services.assistant.ask("Summarise the Smarter Services report.")
    assert answer.citations[0].source == "smarter-services-report.pdf" and "Executive summary" in answer.citations[0].section

"""Answer lines come from the documents that name what the question names (assistant.name_scope)."""

from __future__ import annotations

from assistant.name_scope import passages_naming
from assistant.retrieval import Passage


def _p(doc: str, text: str, i: int = 0) -> Passage:
    return Passage(chunk_id=f"{doc}:{i}", doc_id=doc, title=f"Title {doc}", source=f"{doc}.md", section="Findings", page=None,
                   text=text, chunk_index=i)


TABLETS = _p("tablets", "By March 2023, 21,400 tablets had handled 4.6 million learning sessions in 38 prisons.")
HMRC = _p("hmrc", "Across 2023 the digital assistant handled 4.6 million conversations for HM Revenue and Customs (HMRC).")
HMRC_2 = _p("hmrc", "Satisfaction with the assistant stood at 72%.", 1)


def test_the_documents_naming_the_question_s_name_answer_it():
    kept = passages_naming("How many conversations did HMRC's digital assistant handle in 2023?", [TABLETS, HMRC, HMRC_2])
    assert [p.doc_id for p in kept] == ["hmrc", "hmrc"]


def test_nothing_is_dropped_when_no_document_or_every_document_names_it():
    passages = [TABLETS, HMRC]
    assert passages_naming("How many conversations were handled in 2023?", passages) == passages  # names nothing
    assert passages_naming("How many did the Cabinet Office handle?", passages) == passages  # no document names it
    both = [_p("a", "The PSB surveyed councils."), _p("b", "The PSB surveyed schools.")]
    assert passages_naming("What did the PSB find?", both) == both  # every document names it


def test_documents_naming_any_of_two_names_stay():
    """A question naming two documents' subjects keeps both documents."""
    a = _p("a", "HMRC's assistant handled 4.6 million conversations.")
    b = _p("b", "The DVLA's online service handled 2 million renewals.")
    c = _p("c", "Councils moved email to the cloud.")
    assert [p.doc_id for p in passages_naming("How did HMRC and the DVLA compare on online volumes?", [a, b, c])] == ["a", "b"]

"""A question's name narrows the passages to the documents naming it only when one of them is about what it asks."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.chain import Assistant
from assistant.retrieval import Passage


def _p(doc: str, text: str) -> Passage:
    return Passage(chunk_id=f"{doc}:0", doc_id=doc, title=doc, source=f"{doc}.md", section="S", page=None, text=text, chunk_index=0)


TELECARE = _p("telecare", "Skye and Lochalsh has made the slowest progress in the Highlands switchover.")
SURVEY = _p("survey", "Scotland (share of respondents): 8%")
QUESTION = "In the telecare scheme in the north of Scotland, which part of the region is lagging furthest behind?"


def test_a_name_met_only_by_a_document_about_something_else_does_not_narrow_the_passages():
    asked: list[str] = []

    def on_subject(question, passages):
        asked.append(question)
        return [p for p in passages if p.doc_id == "telecare"]
    owner = SimpleNamespace(_on_subject=on_subject)
    assert [p.doc_id for p in Assistant._naming(owner, QUESTION, [TELECARE, SURVEY])] == ["telecare", "survey"]
    assert "Scotland" not in asked[0]  # what it asks, of whoever
    about_survey = SimpleNamespace(_on_subject=lambda question, passages: passages)
    assert [p.doc_id for p in Assistant._naming(about_survey, QUESTION, [TELECARE, SURVEY])] == ["survey"]

"""A list question naming its document gets that document's list, not another's with the same count."""

from __future__ import annotations

from assistant.extractive import ExtractiveAnswerer
from assistant.list_documents import listed_noun, sections_listing, title_bonus
from assistant.retrieval import Passage


def test_what_is_listed_and_where():
    assert listed_noun("What are the five recommendations of the Insight on procurement?") == "recommend"
    assert listed_noun("What are the three messages SME suppliers gave?") == "messag"
    assert listed_noun("What did the survey find?") is None
    sections = ["1. Why this matters", "3. Recommendations > Recommendation 1: Publish a pipeline", "4. Summary of recommendations"]
    assert sections_listing("recommend", sections) == [1, 2]
    titles = ["Opening Up Public Procurement to SMEs", "PSB Insight: Delivering World-Class Citizen Transactions"]
    assert title_bonus("What are the five recommendations of the PSB Insight on public procurement?", titles) == [0.1, 0.0]
    assert title_bonus("What are the five recommendations?", titles) == [0.0, 0.0]


def _p(doc: str, title: str, i: int, section: str, text: str) -> Passage:
    return Passage(chunk_id=f"{doc}:{i}", doc_id=doc, title=title, source=f"{doc}.docx", section=section, page=None,
                   text=text, chunk_index=i, published="2024-02-12")


def test_the_named_documents_list_wins_over_another_list_of_the_same_count(embedder):
    tests = _p("t", "PSB Insight: Delivering World-Class Citizen Transactions", 3, "Five tests",
               "This PSB Insight proposes five tests:\n\n- End to end: the citizen completes it online.\n\n"
               "- Tell us once: no information asked twice.\n\n- Know where you stand: the status is visible.\n\n"
               "- Works for everyone: it is accessible.\n\n- Open about performance: it publishes its completion rate.")
    recs = [_p("s", "Opening Up Public Procurement to SMEs", i, f"3. Recommendations > Recommendation {i}: {title}", text)
            for i, (title, text) in enumerate([("Publish a forward pipeline", "Publish a rolling 12-month pipeline of tenders."),
                                               ("Shorter bids", "Cap bid-stage responses at 20 pages."),
                                               ("Prompt payment", "Require primes to pay subcontractors within 30 days."),
                                               ("Agile buying skills", "Train 1,500 commercial staff in agile buying."),
                                               ("One supplier registration", "Create a single supplier registration.")], start=1)]
    text, _ = ExtractiveAnswerer(embedder).answer(
        "What are the five recommendations of the PSB Insight on opening up public procurement to SMEs?", [tests, *recs])
    assert "20 pages" in text and "single supplier registration" in text and "Tell us once" not in text


def test_a_named_documents_listing_sections_are_read():
    from types import SimpleNamespace

    from assistant.chain import Assistant
    from indexing.store import StoredChunk

    def chunk(i: int, section: str) -> StoredChunk:
        return StoredChunk(chunk_id=f"s:{i}", text=f"Text {i}.", meta={"doc_id": "s", "title": "Procurement", "section": section,
                                                                         "chunk_index": i})
    chunks = [chunk(0, "1. Why this matters"), chunk(1, "3. Recommendations > Recommendation 1: Pipeline"),
              chunk(2, "3. Recommendations > Recommendation 2: Shorter bids"), chunk(3, "4. Summary of recommendations")]
    fake = SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(chunks_of=lambda doc_id: chunks)))
    found = [Passage.from_chunk(chunks[0])]
    out = Assistant._with_listing_sections(fake, "What are the five recommendations of the procurement Insight?", found, ["s"])
    assert [p.chunk_id for p in out] == ["s:0", "s:1", "s:2", "s:3"]
    assert Assistant._with_listing_sections(fake, "What are the five recommendations?", found, []) == found  # no document named

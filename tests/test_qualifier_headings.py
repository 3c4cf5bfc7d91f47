"""A numbered qualifier ("Recommendation 2") is met by the heading of the section a passage stands under."""

from __future__ import annotations

from assistant.constraints import ConstraintChecker, Evidence


def test_a_heading_numbers_its_section():
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms})
    body = ["Cap the length of bid-stage responses at 20 pages.\n\nOwner: Crown Commercial Service"]
    headed = Evidence(texts=body, titles=["Opening Up Public Procurement to SMEs"],
                      sections=["3. Recommendations > Recommendation 2: Shorter bids"])
    assert [c.text for c in checker.unmet("Who owns Recommendation 2?", headed) if c.kind == "qualifier"] == []
    unheaded = Evidence(texts=body, titles=["Opening Up Public Procurement to SMEs"])
    assert [c.text for c in checker.unmet("Who owns Recommendation 2?", unheaded) if c.kind == "qualifier"] == ["Recommendation 2"]


def test_a_heading_names_a_capitalised_word_no_sentence_under_it_repeats():
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms})
    body = ["The department should set aside £4.5 million for pooled cloud engineering teams."]
    headed = Evidence(texts=body, titles=["Moving Councils to the Cloud"], sections=["Recommendation 2: Funding for pooled teams"])
    assert [c.text for c in checker.unmet("Who owns Recommendation 2 of the review?", headed) if c.kind == "name"] == []
    unheaded = Evidence(texts=body, titles=["Moving Councils to the Cloud"], sections=["2. Adoption"])
    assert [c.text for c in checker.unmet("Who owns Recommendation 2 of the review?", unheaded) if c.kind == "name"] == ["Recommendation"]

from assistant.answer import cited_numbers, split_sentences
from assistant.guard import GroundingGuard, term_coverage

SOURCES = [
    "The survey had 984 completed responses from 43 organisations.",
    "Nearly half of respondents said internal culture was a barrier to using digital technology.",
]


def test_term_coverage_is_the_share_of_content_words_found():
    # content words after stemming: survey, 984, respons, organis -> 3 of 4 in the passage? "organisations" stems to "organis"
    assert term_coverage("The survey had 984 responses [1].", SOURCES[0]) == 1.0
    assert term_coverage("Budgets rose sharply.", SOURCES[0]) == 0.0
    assert term_coverage("The survey cost money.", SOURCES[0]) == 1 / 3  # survey, cost, money


def test_citations_of_sources_not_given_are_removed():
    guard = GroundingGuard()
    out = guard.check("There were 984 responses [1][7]. Culture was a barrier [2, 9]. Made up [12].", SOURCES)
    assert out.removed == [7, 9, 12]
    assert "[7]" not in out.text and "[12]" not in out.text and "[2]" in out.text
    assert out.used == [1, 2]


def test_unsupported_sentences_are_flagged():
    guard = GroundingGuard()
    out = guard.check("There were 984 responses from 43 organisations [1]. The programme cost £4 billion in 2019 [2].", SOURCES)
    assert [f.sentence for f in out.flags] == ["The programme cost £4 billion in 2019 [2]."]


def test_sentence_and_citation_parsing():
    assert cited_numbers("a [2] b [1, 3] c [2]") == [2, 1, 3]
    assert split_sentences("First one [1]. Second. [2] Third!\n- item two [3]") == ["First one [1].", "Second. [2]", "Third!", "item two [3]"]


def test_renumbering_follows_first_use():
    from assistant.answer import renumber

    assert renumber("A [3]. B [1, 3]. C [5].", {3: 1, 1: 2, 5: 3}) == "A [1]. B [2, 1]. C [3]."

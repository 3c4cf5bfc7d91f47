"""A question naming a document by its title ("the sharing Insight") is also searched within it."""

from __future__ import annotations

from assistant.named_documents import DocumentNames

TITLES = {
    "share": "PSB Insight: Removing Barriers to Sharing in the Public Sector",
    "skills": "PSB Insight: Building the Digital Skills and Capabilities of Civil Servants",
    "summary": "Smarter Services: Summary of Recommendations",
    "report": "Smarter Services: Delivering the Next Wave of Digital Transformation in the Public Sector",
    "method": "PSB Survey of Civil Servants 2017 - Methodology Note",
}


def _names() -> DocumentNames:
    return DocumentNames(lambda _ids: TITLES, lambda: 1)


def test_a_kind_word_and_a_distinctive_title_word_name_a_document():
    names = _names()
    assert set(names.named("When were the sharing Insight and the recommendations summary published?")) == {"share", "summary"}
    assert names.named("What does the methodology note say about weighting?") == ["method"]


def test_two_distinctive_title_words_name_a_document_without_a_kind_word():
    names = DocumentNames(lambda _ids: {**TITLES, "pilot": "Local Data Standards Pilot: Interim Report"}, lambda: 1)
    assert names.named("What does the data standards pilot recommend?") == ["pilot"]
    assert names.named("What standards does government set?") == []  # one distinctive word and no kind word
    assert names.named("What does the data standards pilot recommend?", phrase_only=True) == ["pilot"]
    assert names.named("What does the methodology note say about weighting?", phrase_only=True) == []  # a kind word only
    # two distinctive words of one title, but not side by side: "Delivering ... Services" is not named
    assert names.named("Can delivering a service be done by a pilot?") == []


def test_words_many_titles_share_or_no_kind_word_name_nothing():
    names = _names()
    assert names.named("What does the PSB report say about the public sector?") == []  # no distinctive word
    assert names.named("What stops departments sharing data?") == []                   # no kind of document


def test_titles_are_re_read_when_the_index_changes():
    titles, version = dict(TITLES), [1]
    names = DocumentNames(lambda _ids: titles, lambda: version[0])
    assert names.named("What does the methodology note say?") == ["method"]
    del titles["method"]
    version[0] = 2
    names.derived.wait_until_current()  # re-read in the background; the old titles answer meanwhile
    assert names.named("What does the methodology note say?") == []


def test_titles_follow_the_ready_set_document_by_document():
    read: list = []

    def titles(doc_ids):
        read.append(None if doc_ids is None else sorted(doc_ids))
        return {d: TITLES[d] for d in (ready[0] if doc_ids is None else doc_ids)}

    ready = [frozenset(TITLES) - {"method"}]
    names = DocumentNames(titles, lambda: ready[0])
    assert names.named("What does the methodology note say?") == []
    ready[0] = frozenset(TITLES)
    assert names.named("What does the methodology note say?") == ["method"]
    ready[0] = frozenset(TITLES) - {"method"}
    assert names.named("What does the methodology note say?") == []
    assert read == [None, ["method"]]  # added titles read; a removal needs no read


def test_a_kind_word_in_the_plural_names_every_document_of_that_kind():
    names = _names()
    assert names.of_kind("On which dates were the three PSB Insights published?") == ["share", "skills"]
    assert names.of_kind("When was the sharing Insight published?") == []  # singular: named() decides
    assert names.of_kind("What is the latest news?") == []


def test_a_file_name_names_its_document_as_its_title_does():
    titles = {"sme": ("Opening Up Public Procurement to SMEs", "docs/insight-sme-procurement-2024.docx"),
              "cloud": ("Moving Councils to the Cloud", "psb-cloud-readiness-review-2022.pdf"), **TITLES}
    names = DocumentNames(lambda _ids: titles, lambda: 1)
    assert names.named("Who owns Recommendation 2 of the SME procurement insight?") == ["sme"]   # kind and words from the file name
    assert names.named("What does the cloud readiness review recommend?") == ["cloud"]
    assert names.named("What did the 2024 insight say?") == []  # the file name's year is no name
    assert DocumentNames(lambda _ids: TITLES, lambda: 1).named("the SME procurement insight") == []  # titles alone, as before


def test_a_year_the_question_gives_picks_the_title_of_that_year():
    titles = {"old": "Rostering the Front Line: PSB Survey of NHS Trusts on Nurse E-Rostering 2021",
              "new": "PSB Insight: Nurse E-Rostering Three Years On (2024 Survey of NHS Trusts)"}
    names = DocumentNames(lambda _ids: titles, lambda: 1)
    assert names.named("What does the 2021 e-rostering survey recommend?") == ["old"]
    assert set(names.named("What does the e-rostering survey recommend?")) == {"old", "new"}
    assert set(names.named("How did the 2021 e-rostering survey compare with the 2024 one?")) == {"old", "new"}
    titles = {"taxi": "Licensed to Drive? PSB Review of Taxi and Private Hire Licensing Online 2024",
              "journal": "PSB Insight: Talking Through the Journal - Claimants, Work Coaches and Online Messages"}
    names = DocumentNames(lambda _ids: titles, lambda: 1)
    assert set(names.named("How many were surveyed for the 2024 taxi licensing review and the 2023 claimant journal Insight?")) == {
        "taxi", "journal"}  # a title giving no year is not another year's


def test_a_title_written_as_a_name_names_its_edition_whatever_kind_the_question_calls_it():
    titles = {**TITLES, "fo24": "Families Online: PSB Parent Survey 2024", "fo26": "Families Online 2026: PSB Parent Survey"}
    names = DocumentNames(lambda _ids: titles, lambda: 1)
    # a survey called a report: the two title words side by side, in capitals, and the year decide
    assert names.named("What does the 2026 Families Online report recommend?") == ["fo26"]
    assert names.named("What share of families online said they were satisfied?") == []  # not written as a name
    # "the next two years" is a span of time, not the "Next Wave" report
    assert names.named("What does the 2026 Families Online report recommend for the next two years?") == ["fo26"]
    assert names.named("What is planned for the next two years?") == []

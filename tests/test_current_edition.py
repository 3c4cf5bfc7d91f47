"""A question about how things stand now is answered from the newest edition of a series (``assistant.current_edition``)."""

import pytest

from assistant.current_edition import asks_current, same_series, superseded
from assistant.retrieval import Passage


def _p(doc: str, title: str, published: str = "") -> Passage:
    return Passage(chunk_id=f"{doc}:0", doc_id=doc, title=title, source=f"{doc}.md", section="", page=None, text="x",
                   chunk_index=0, published=published)


@pytest.mark.parametrize("question, current", [
    ("Who currently leads the Pathfinder?", True),
    ("What is the figure now?", True),
    ("What does the latest survey say about video calls?", True),
    ("Is the portal still run by the council?", True),
    ("Who led the Pathfinder in 2022?", False),          # a year named
    ("How has the share changed since then?", False),    # a comparison wants each year's line
    ("Who leads the Pathfinder?", False),
])
def test_asks_current(question, current):
    assert asks_current(question) is current


def test_editions_of_a_series_share_most_of_the_shorter_title():
    a = _p("a", "Planning in the Digital Age: PSB Digital Planning Services Review 2022", "2022-10-14")
    b = _p("b", "PSB Digital Planning Services Review 2025")
    c = _p("c", "Lighter Returns: How Regulators Collect Data", "2024-03-19")
    assert same_series(a.title, b.title) and not same_series(a.title, c.title)
    assert superseded([a, c, b]) == {0}  # the 2022 edition, not the one-off 2024 note
    assert superseded([a, c]) == set()


def test_titles_alike_only_in_the_words_of_any_psb_title_or_one_chance_word_are_not_one_series():
    """Written for this test: a status question after the 2022 library survey asked "the 2024 survey" when any
    "PSB ... Digital ... Services" title counted as its edition, and when "Online" alone did."""
    libraries = "Libraries Online: PSB Public Library Digital Services Survey 2022"
    assert same_series(libraries, "Libraries Online 2025: Three Years On")
    assert not same_series(libraries, "Planning in the Open: PSB Review of Digital Planning Services 2024")
    assert not same_series(libraries, "Applying for a school place online: what has changed")
    assert same_series("Registering Life Events Online: PSB Register Office Digital Survey 2022", "PSB Register Office Digital Survey 2025")
    # another kind of document about the same people is no edition: an Insight beside a survey
    assert not same_series("PSB Insight: Building the Digital Skills and Capabilities of Civil Servants",
                           "Two Years On: Findings from the PSB Survey of Civil Servants 2019")


def test_two_documents_of_one_year_are_not_other_editions():
    from assistant.current_edition import other_editions

    survey = _p("s", "PSB Survey of Civil Servants 2017", "2017-11-16")
    note = _p("n", "PSB Survey of Civil Servants 2017 - Methodology Note", "2017-11-16")
    later = _p("l", "Two Years On: Findings from the PSB Survey of Civil Servants 2019", "2019-11-14")
    assert not other_editions(survey, note) and other_editions(note, later)

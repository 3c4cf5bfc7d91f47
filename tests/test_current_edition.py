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

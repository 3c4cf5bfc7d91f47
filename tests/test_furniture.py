"""Running headers, footers and page numbers are found by repetition across pages, and dropped."""

from indexing.furniture import line_shape, running_shapes, strip_furniture


WORDS = ["alpha", "beta", "gamma", "delta", "epsilon"]


def _pages(n: int) -> list[list[str]]:
    return [["Annual review 2017", f"Body text on the {WORDS[i - 1]} page.", f"Council | Review | Page {i}", str(i)] for i in range(1, n + 1)]


def test_shapes_ignore_numbers():
    assert line_shape("Council | Review | Page 4") == line_shape("Council  |  Review | Page 12")


def test_lines_on_most_pages_are_running_and_are_removed():
    pages = strip_furniture(_pages(4))
    assert pages == [[f"Body text on the {WORDS[i]} page."] for i in range(4)]


def test_two_pages_are_too_few_to_judge_but_bare_page_numbers_still_go():
    assert running_shapes(_pages(2)) == set()
    assert strip_furniture(_pages(2))[0] == ["Annual review 2017", "Body text on the alpha page.", "Council | Review | Page 1"]


def test_a_line_on_a_minority_of_pages_stays():
    pages = [["Intro line"], ["Intro line"], ["Other"], ["Other two"], ["Other three"]]
    assert strip_furniture(pages)[0] == ["Intro line"]


def test_a_body_line_that_differs_only_in_its_number_is_kept():
    pages = [["Head", "Intro", f"Table {i} shows the results for this area.", "More text", "Tail", "Foot"] for i in range(1, 5)]
    assert strip_furniture(pages)[2] == ["Table 3 shows the results for this area.", "More text"]

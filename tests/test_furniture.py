"""Running headers, footers and page numbers are found by repetition across pages, and dropped."""

from indexing.furniture import is_numbered_edge, line_shape, running_shapes, strip_furniture


WORDS = ["alpha", "beta", "gamma", "delta", "epsilon"]


def _pages(n: int) -> list[list[str]]:
    return [["Annual review 2017", f"Body text on the {WORDS[i - 1]} page.", f"Council | Review | Page {i}", str(i)] for i in range(1, n + 1)]


def test_shapes_ignore_numbers():
    assert line_shape("Council | Review | Page 4") == line_shape("Council  |  Review | Page 12")


def test_lines_on_most_pages_are_running_and_are_removed():
    pages = strip_furniture(_pages(4))
    assert pages == [[f"Body text on the {WORDS[i]} page."] for i in range(4)]


def test_a_two_page_document_loses_a_header_both_pages_share_word_for_word():
    assert strip_furniture(_pages(2))[0] == ["Body text on the alpha page."]
    # a line at the top of both pages in other words is text, as is a sentence repeated there
    pages = [["Annual review 2017", "Body."], ["Annual review 2018", "More body."]]
    assert running_shapes(pages) == set() and strip_furniture(pages) == pages
    assert running_shapes([["Thank you for reading.", "A."], ["Thank you for reading.", "B."]]) == set()


def test_headers_that_alternate_between_odd_and_even_pages_are_running():
    pages = [["Title page", "Opening text of the report."]]
    for n in range(2, 8):
        pages.append(["Cloud Hosting Review 2024" if n % 2 == 0 else "Northshire Digital Partnership", f"Text of page {WORDS[n % 5]} {n}.", "More."])
    out = strip_furniture(pages)
    assert all("Cloud Hosting Review 2024" not in p and "Northshire Digital Partnership" not in p for p in out)
    assert out[0] == ["Title page", "Opening text of the report."]


def test_an_edge_line_with_its_own_page_number_is_furniture_but_a_table_row_is_not():
    assert is_numbered_edge("NORTHFIELD HEALTH AND CARE PARTNERSHIP          Page 2")
    assert is_numbered_edge("Page 3 of 12    Cloud review") and is_numbered_edge("12 | Annual report")
    assert not is_numbered_edge("Door sensor           700          150")
    assert not is_numbered_edge("Annual report    12") and not is_numbered_edge("The figures are on page 12.")


def test_a_line_on_a_minority_of_pages_stays():
    pages = [["Intro line"], ["Intro line"], ["Other"], ["Other two"], ["Other three"]]
    assert strip_furniture(pages)[0] == ["Intro line"]


def test_a_body_line_that_differs_only_in_its_number_is_kept():
    pages = [["Head", "Intro", f"Table {i} shows the results for this area.", "More text", "Tail", "Foot"] for i in range(1, 5)]
    assert strip_furniture(pages)[2] == ["Table 3 shows the results for this area.", "More text"]


def test_a_chapter_header_on_a_few_pages_of_a_long_document_is_running():
    body = ["Costs rose.", "Skills fell.", "Hosting moved.", "Data was shared.", "Staff trained.", "Outages fell.",
            "Councils agreed.", "Suppliers bid.", "Budgets held.", "Pilots ended.", "Reports followed.", "Boards met."]
    pages = [[f"Chapter {1 if n < 4 else 2}: {'Background' if n < 4 else 'Findings'}", body[n], f"Page {n + 1}"] for n in range(12)]
    out = strip_furniture(pages)
    assert out == [[line] for line in body]


def test_a_two_page_documents_footer_carrying_its_page_number_is_running():
    footer = "Illustrative sample written for an evaluation exercise - not a real techUK publication | Page {} of 2"
    pages = [["Review 2025 | Illustrative sample", "Body one.", footer.format(1)], ["Review 2025 | Illustrative sample", "Body two.", footer.format(2)]]
    assert strip_furniture(pages) == [["Body one."], ["Body two."]]
    assert is_numbered_edge(footer.format(1))  # a long footer with its page number is furniture on its own too

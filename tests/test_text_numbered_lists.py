"""A numbered list under a numbered heading of a plain-text document is a list, not a run of empty sections."""

from __future__ import annotations

from indexing.loaders import load

def _body_under(text: str, heading: str) -> str:
    """The text of a plain-text document's block under ``heading``."""
    doc = load("note.txt", "text", text.encode())
    return next(b.text for b in doc.blocks if b.headings and b.headings[-1] == heading)


NOTE = """SURVEY NOTE

1. Why a pulse survey

The PSB ran a short pulse questionnaire in early 2021.

4. Skills gaps in 2021

The four areas measured in 2021 were:

  1. Data analysis - 39% reported a gap
  2. Cyber security - 31% reported a gap
  3. Service design - 28% reported a gap

5. Using these figures

Results are weighted by grade.

5.1 Weighting

By grade and organisation type.
"""


def test_numbered_items_that_go_back_in_the_numbering_stay_in_their_section():
    doc = load("note.txt", "text", NOTE.encode())
    sections = {b.headings[-1]: b.text for b in doc.blocks if b.headings}
    assert list(sections) == ["1. Why a pulse survey", "4. Skills gaps in 2021", "5. Using these figures", "5.1 Weighting"]
    assert "1. Data analysis - 39% reported a gap" in sections["4. Skills gaps in 2021"]
    assert "3. Service design - 28% reported a gap" in sections["4. Skills gaps in 2021"]


def test_a_table_with_dot_leaders_is_a_table():
    text = ("NOTE\n\n2. Sample\n\nRespondents by grade:\n\n  Senior Civil Service ........ 207\n  Grades 6 and 7 .............. 394\n"
            "  Total ....................... 1,246\n\nWeighted by grade.\n")
    body = _body_under(text, "2. Sample")
    assert "Senior Civil Service: 207\nGrades 6 and 7: 394\nTotal: 1,246" in body


def test_a_header_wrapped_onto_a_second_line_heads_the_table():
    # written for this test: a dotted table whose header runs on under two of its columns
    text = ("NOTE\n\n2. Results\n\n"
            "  Area ........ Deaths reported .... Electronic hospital .... Days to inquest\n"
            "                                     referrals (Dec 2022)     opening (avg)\n"
            "  Tyne Coast .... 3,920 ............ 76% .................... 11\n"
            "  Wearside .... 2,480 .............. 69% .................... 12\n\nAll figures for 2022.\n")
    body = _body_under(text, "2. Results")
    assert ("Tyne Coast - Deaths reported: 3,920; Electronic hospital referrals (Dec 2022): 76%; "
            "Days to inquest opening (avg): 11") in body


def test_an_indented_numbered_item_that_wraps_onto_the_next_line_is_an_item_not_a_heading():
    # written for this test: a plain-text note whose first item's sentence runs on over two lines
    note = ("LIBRARY NOTE\n\nWHY FEWER BOOKINGS ARE MADE ONLINE\n\nLibraries named these reasons most often:\n\n"
            "   1. The booking page cannot show members which computers are free right\n"
            "      now, so members ring the branch to check (named by 58%).\n"
            "   2. Members are asked to create an account first (41%).\n\n"
            "WHAT THE PSB SUGGESTS\n\nShow free computers on the booking page.\n")
    document = load("note.txt", "text", note.encode())
    sections = {block.headings[-1] for block in document.blocks if block.headings}
    assert not any(s.startswith("1.") for s in sections)  # the item is no section of its own
    reasons = next(b.text for b in document.blocks if b.headings and b.headings[-1] == "WHY FEWER BOOKINGS ARE MADE ONLINE")
    assert "1. The booking page cannot show members which computers are free right now, so members ring" in reasons
    assert "2. Members are asked to create an account first" in reasons


# written for this test: a plain-text note with underlined numbered headings, a dot-leader table whose labels are
# long, and an indented list whose last short item's number continues the headings before it
UNDERLINED = """PRISON LEARNING NOTE
====================

2. Main results
---------------

  Staff who use the secure learning platform at least weekly ....... 33%
  Staff who say in-cell laptops are unreliable ..................... 57%
  Staff who say prisoners' digital skills are the main barrier ..... 46%

3. What staff asked for
-----------------------

The most common answers were:

    1. Reliable laptops with longer battery life (named by 64%)
    2. Training for staff on the learning platform (51%)
    3. More courses that lead to recognised qualifications (47%)
    4. Offline access to course material in cells (39%)
    5. A way for prisoners to keep their learning records after their release (35%)

4. Recommendations
------------------

Replace the oldest laptops by March 2026.
"""


def test_underlined_numbered_headings_long_dot_leader_labels_and_an_indented_last_item():
    doc = load("note.txt", "text", UNDERLINED.encode())
    sections = {b.headings[-1]: b.text for b in doc.blocks if b.headings}
    assert list(sections) == ["2. Main results", "3. What staff asked for", "4. Recommendations"]
    assert not any("---" in text for text in sections.values())  # the underline is no text
    assert sections["2. Main results"].startswith("Staff who use the secure learning platform at least weekly: 33%")
    assert "4. Offline access to course material in cells (39%)" in sections["3. What staff asked for"]


def test_a_header_whose_columns_are_parted_by_three_dots_heads_its_table():
    """Written for this test: a header written "Route ......... Months to contract ... Contract value" parts its later
    columns by three dots; read as one cell, the header was left out and the first trust's row became it."""
    text = ("REVIEW\n\n3. The procurements\n\n"
            "Trust   Route ............ Months to contract ... Contract value\n"
            "A       framework ........ 19 ................... GBP 6.1m\n"
            "B       open tender ...... 41 ................... GBP 11.8m\n"
            "C       framework (joint)  24 ................... GBP 7.3m\n\nEnd of table.\n")
    body = _body_under(text, "3. The procurements")
    assert "B - Route: open tender; Months to contract: 41; Contract value: GBP 11.8m" in body
    assert "C - Route: framework (joint); Months to contract: 24; Contract value: GBP 7.3m" in body


def test_a_dot_leader_of_one_or_two_dots_before_a_last_value_still_parts_the_columns():
    """Written for this test: rows whose labels leave room for only ".." or "." before the figure were not split, so
    the five rows were run together into one line with their leaders."""
    text = ("NOTE\n\n2. HEADLINE RESULTS\n\n"
            "  Confident using digital evidence tools ................. 58%\n"
            "  Received digital skills training in the last 12 months .. 34%\n"
            "  Re-enter the same data into more than one system daily . 27%\n\nOnly a third were trained.\n")
    body = _body_under(text, "2. HEADLINE RESULTS")
    assert "Received digital skills training in the last 12 months: 34%" in body
    assert "Re-enter the same data into more than one system daily: 27%" in body and ".." not in body


def test_a_numbered_item_wrapped_under_its_own_text_is_an_item_even_when_the_next_line_is_capitalised():
    # written for this test: recommendations set out with a hanging indent; the second line of the
    # first begins with a capital, so only the indent shows that the sentence runs on
    note = ("E-LENDING NOTE\n\nRECOMMENDATIONS\n\n"
            "   1. The regional council should pay for a programme that publishes more\n"
            "      Gaelic-language audiobooks, beginning with titles for schools.\n"
            "   2. The consortium should ask publishers for licences that do\n"
            "      not run out after a set number of loans.\n\n"
            "   3. Branches should report loans every quarter.\n\n"
            "NEXT STEPS\n\nThe note will be reviewed next year.\n")
    document = load("note.txt", "text", note.encode())
    sections = {block.headings[-1] for block in document.blocks if block.headings}
    assert not any(s[:2] in {"1.", "2.", "3."} for s in sections)
    recs = next(b.text for b in document.blocks if b.headings and b.headings[-1] == "RECOMMENDATIONS")
    assert "1. The regional council should pay for a programme that publishes more Gaelic-language audiobooks" in recs
    assert "2. The consortium should ask publishers" in recs and "3. Branches should report loans" in recs


def test_a_numbered_heading_over_a_paragraph_set_in_further_stays_a_heading():
    # written for this test: a section heading whose body is indented, but not under the heading's text
    note = ("REVIEW\n\n1. Background\n\n  The review looked at forty branches.\n\n2. Findings\n"
            "        Most branches lend e-books.\n")
    document = load("note.txt", "text", note.encode())
    sections = {block.headings[-1] for block in document.blocks if block.headings}
    assert {"1. Background", "2. Findings"} <= sections


def test_an_indented_lettered_list_keeps_one_item_per_line():
    """Written for this test: "a)", "b)", "c)" items indented under a lead-in were re-flowed into one paragraph."""
    note = ("NOTE ON A SURVEY\n\n4. WHY PEOPLE STAYED OFFLINE\n\nRespondents who registered in person gave three main reasons:\n\n"
            "    a) They did not know the online service existed (37 per cent).\n"
            "    b) They preferred to speak to a registrar (28 per cent).\n"
            "    c) They could not complete the identity check (21 per cent).\n")
    body = _body_under(note, "4. WHY PEOPLE STAYED OFFLINE")
    assert [line for line in body.splitlines() if line.strip()][1:] == [
        "a) They did not know the online service existed (37 per cent).",
        "b) They preferred to speak to a registrar (28 per cent).",
        "c) They could not complete the identity check (21 per cent)."]

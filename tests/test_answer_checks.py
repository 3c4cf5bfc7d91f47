"""Eval checks on answers: running headers/footers, flattened tables and word counts."""

from evals.answer_checks import answer_words, has_flattened_table, has_running_line, running_lines


def test_running_lines_are_found_across_pages():
    pages = [f"Intro {w}\nBody {w}\nCouncil | Review | Page {i}" for i, w in enumerate(["a", "b", "c", "d"], start=1)]
    shapes = running_lines(pages)
    assert "council | review | page #" in shapes
    assert has_running_line("Staff want training. Council | Review | Page 7 [1]", shapes)
    assert not has_running_line("Staff want training [1].", shapes)


def test_a_page_footer_pattern_is_caught_without_known_shapes():
    assert has_running_line("Cyber security 27% Smarter Services | Page 5 [1]", set())
    assert not has_running_line("See page 5 of the report for the method [1].", set())


def test_flattened_tables_are_caught_and_real_tables_are_not():
    assert has_flattened_table("The gap was: Service design 53% Data management 48% Cyber security 27% [1]")
    assert has_flattened_table("Skill area | Reporting a gap | Service design | 53%")
    assert not has_flattened_table("- Service design (reporting a gap): 53% [1]\n- Cyber security (reporting a gap): 27% [1]")
    assert not has_flattened_table("| Skill | Gap |\n| --- | --- |\n| Design | 53% |")
    assert not has_flattened_table("Design was named by 53% and data by 48%, while 27% named cyber security [1].")


def test_answer_words_leave_out_citations_and_markup():
    assert answer_words("**2019:** Data gaps rose to 51% [2].\n\n- Cyber security (gap): 35% [1]") == 10

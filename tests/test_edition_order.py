"""An edition named by its place in a series ("the first claimant poll") is the year of that edition."""

from assistant.year_phrases import edition_by_order

_FOUND = [("Claimant Digital Survey 2023", "2023"), ("Claimant Digital Survey 2025", "2025"),
          ("PSB Survey of Civil Servants 2017", "2017")]


def test_the_first_and_the_latest_edition_of_the_series_the_question_names():
    assert edition_by_order("How many people filled in the first claimant poll?", _FOUND) == "2023"
    assert edition_by_order("What did the latest claimant survey find?", _FOUND) == "2025"
    assert edition_by_order("When was the first edition of the claimant study run?", _FOUND) == "2023"


def test_no_order_or_one_edition_names_no_year():
    assert edition_by_order("How many people filled in the claimant poll?", _FOUND) is None
    assert edition_by_order("What did the first passenger survey find?", _FOUND) is None  # no such series found
    assert edition_by_order("What did the third claimant survey find?", _FOUND) is None


def test_the_years_of_the_series_named():
    from assistant.year_phrases import series_years
    assert series_years("Are fewer claimants phoning than at the time of the first claimant survey?", _FOUND) == ["2023", "2025"]
    assert series_years("Are fewer claimants phoning than before?", _FOUND) == []


def test_an_edition_named_by_place_alone_is_of_the_series_found_first():
    assert edition_by_order("What did the first survey find?", _FOUND) == "2023"  # not the 2017 survey of another series

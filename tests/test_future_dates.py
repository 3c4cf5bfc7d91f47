""""When will ...?" is answered by a date later than the quoted document's publication date."""

from __future__ import annotations

from assistant.answerability import lacks_future_date


def test_a_date_later_in_the_publication_year_is_a_future_date():
    later = [("The PSB will hold a roundtable on 10 October 2024.", "2024-06-18")]
    assert not lacks_future_date("When will the PSB hold its roundtable?", later)
    earlier = [("The PSB held a roundtable on 3 May 2024.", "2024-06-18")]
    assert lacks_future_date("When will the PSB hold its next roundtable?", earlier)
    assert lacks_future_date("When will the PSB hold its next roundtable?", [("It met in June 2024.", "2024-06-18")])
    assert lacks_future_date("When will the PSB hold its roundtable?", [("A roundtable on 10 October 2024.", "2024")])  # a year alone: as before

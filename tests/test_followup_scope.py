"""A follow-up keeps the previous question's numbered item kind, opening scope phrase and named document."""

from __future__ import annotations

import pytest

from assistant.followup_scope import numbered_follow_up, scoped_follow_up
from assistant.followups import rewrite_follow_up


@pytest.mark.parametrize("question, previous, expected", [
    ("And what about Recommendation 4?", "Who owns Recommendation 2 of the SME procurement insight?",
     "Who owns Recommendation 4 of the SME procurement insight?"),
    ("And what about cyber security?", "In the 2021 pulse survey, what share reported a data analysis skills gap?",
     "In the 2021 pulse survey, what do the documents say about cyber security?"),
    ("And what about skills?", "What are the barriers named in the Insight on data sharing?",
     "What are the barriers named in the Insight on skills?"),  # the usual topic swap, unchanged
    ("And in 2019?", "In the 2017 survey, what share said culture was a barrier?",
     "In the 2019 survey, what share said culture was a barrier?"),  # a year replaces the frame's year, as before
    ("What about R5?", "Who should lead R4?", "Who should lead R5?"),
])
def test_follow_ups_keep_the_previous_scope(question, previous, expected):
    assert scoped_follow_up(question, previous, rewrite_follow_up) == expected


def test_a_named_document_stays_named_in_the_fallback():
    assert scoped_follow_up("And what about cyber security?", "Who owns Recommendation 2 of the SME procurement insight?",
                            rewrite_follow_up) == "What does the SME procurement insight say about cyber security?"


def test_a_numbered_item_of_another_kind_is_no_replacement():
    assert numbered_follow_up("And what about phase 3?", "Who owns Recommendation 2?") is None
    assert numbered_follow_up("And what about Recommendation 4 and its owner?", "Who owns Recommendation 2?") is None

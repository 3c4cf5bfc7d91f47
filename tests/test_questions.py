import pytest

from assistant.questions import question_parts


@pytest.mark.parametrize(
    "question, parts",
    [
        ("How many weeks did the fieldwork last, and what share of respondents were based in London?",
         ["How many weeks did the fieldwork last?", "what share of respondents were based in London?"]),
        ("What are the skills and training gaps?", ["What are the skills and training gaps?"]),
        ("When were the sharing Insight and the recommendations summary published?",
         ["When were the sharing Insight and the recommendations summary published?"]),
    ],
)
def test_two_part_questions_are_split_and_others_kept_whole(question, parts):
    assert question_parts(question) == parts

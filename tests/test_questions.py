import pytest

from assistant.questions import question_parts


@pytest.mark.parametrize(
    "question, parts",
    [
        ("How many weeks did the fieldwork last, and what share of respondents were based in London?",
         ["How many weeks did the fieldwork last?", "what share of respondents were based in London?"]),
        ("What are the skills and training gaps?", ["What are the skills and training gaps?"]),
        ("How much learning time does the Insight propose, and by when should transactions be online?",
         ["How much learning time does the Insight propose?", "by when should transactions be online?"]),
        ("What did respondents say about skills and in particular data?", ["What did respondents say about skills and in particular data?"]),
        ("Which grades were respondents drawn from, and in what shares?", ["Which grades were respondents drawn from, and in what shares?"]),
        ("When were the sharing Insight and the recommendations summary published?",
         ["When were the sharing Insight and the recommendations summary published?"]),
    ],
)
def test_two_part_questions_are_split_and_others_kept_whole(question, parts):
    assert question_parts(question) == parts

import pytest

from assistant.answerability import missing_answer_type


@pytest.mark.parametrize(
    "question, answer, lacking",
    [
        ("How much did the survey cost to run?", "The survey of 984 civil servants ran for ten weeks [1].", "an amount of money"),
        ("How much money would be saved?", "Digital services could save £1.2 billion a year [1].", None),
        ("What budget was allocated?", "The programme has a budget of 3 million pounds [2].", None),
        ("How much do staff use online services?", "Most use them weekly [1].", None),
        ("How many member companies does the board have?", "The board brings together member companies [1].", "a number"),
        ("How many responses were there?", "There were 984 completed responses [1].", None),
        ("How many organisations took part?", "Staff from forty-three organisations took part, with twelve pre-testers [1].", None),
        ("What is the name of the chair of the Public Services Board?", "Chair, techUK Public Services Board [1].", "a name"),
        ("Who should build the skills pathway?", "The Crown Commercial Service should build it [1].", None),
        ("What did the report find about culture?", "Nearly half said culture was a barrier [1].", None),
    ],
)
def test_the_answer_must_contain_what_the_question_asks_for(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


@pytest.mark.parametrize(
    "question",
    ["Are officials keen to spend a spell working at a tech firm?", "Who should publish its completion rates?"],
)
def test_questions_that_only_look_like_money_or_person_questions_pass(question):
    assert missing_answer_type(question, "Departments should do it, and most staff were keen [1].") is None

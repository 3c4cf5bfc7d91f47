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


def test_an_elliptical_second_part_about_another_year_is_the_first_part_of_that_year():
    from assistant.questions import question_parts
    assert question_parts("What was the median digital budget in 2020, and what is it for 2025-26?") == [
        "What was the median digital budget in 2020?", "What was the median digital budget in 2025-26?"]
    assert question_parts("Which barrier was named most often in the 2021 library survey, and which was top in 2024?") == [
        "Which barrier was named most often in the 2021 library survey?", "Which barrier was named most often in the 2024 library survey?"]
    assert question_parts("How long did it last, and when was it published?") == ["How long did it last?", "when was it published?"]
    assert question_parts("Which area had the lowest share of trips ending in a bay, and what was it?") == [
        "Which area had the lowest share of trips ending in a bay, and what was it?"]  # the second part asks for the first's value
    assert question_parts("How come the earlier attempts failed, and when were they?") == [
        "How come the earlier attempts failed?", "when were they?"]  # a date: a question of its own
    assert question_parts("What share went in online in the 2022 round, and what was it back in 2013?")[1] == (
        "What share went in online in the 2013 round?")
    assert question_parts("What share of councils had digitised their registers in 2021, and what share by 2024?") == [
        "What share of councils had digitised their registers in 2021?", "What share of councils had digitised their registers in 2024?"]
    assert question_parts("How many councils offered a search in 2021, and how many in 2025?")[1] == "How many councils offered a search in 2025?"
    assert question_parts("How many areas sent text reminders in 2022, and how many do in 2025?")[1] == "How many areas sent text reminders in 2025?"
    assert question_parts("What share was booked online at the 2022 baseline, and what is it in the 2025 review?")[1] == (
        "What share was booked online at the 2025 baseline?")


def test_a_comparison_of_two_things_is_a_question_of_each():
    from assistant.questions import question_parts
    assert question_parts("Compare the cost of an online fly-tipping report in 2022 with the cost of a care self-assessment in Salford.") == [
        "What was the cost of an online fly-tipping report in 2022?", "What was the cost of a care self-assessment in Salford?"]
    assert question_parts("Compare the share of councils with a chatbot in 2021 with 2024")[1] == "What was the share of councils with a chatbot in 2024?"
    assert question_parts("Compare the 2017 and 2019 surveys on culture") == ["Compare the 2017 and 2019 surveys on culture"]
    compared = "Compare what an online transaction costs against a phone one, for repairs and for fines."
    assert question_parts(compared) == [compared]  # not two things named as such
    assert question_parts("What share of student finance applications were made online in 2021/22, compared with taxi "
                          "licence applications in 2023-24?") == [
        "What share of student finance applications were made online in 2021/22?",
        "What share of taxi licence applications were made online in 2023-24?"]
    assert question_parts("Which had the bigger online share, GP registrations in 2022-23 or court fine payments in 2020-21?") == [
        "What was the online share of GP registrations in 2022-23?", "What was the online share of court fine payments in 2020-21?"]
    assert question_parts("How many licences were issued in 2020-21 compared with 2022-23?") == [
        "How many licences were issued in 2020-21?", "How many licences were issued in 2022-23?"]
    assert question_parts("How many people applied online compared with 2015?") == ["How many people applied online compared with 2015?"]
    # "Which got more X, A or B?": how many each got; "Which were older, A or B?": how old each was
    assert question_parts("Which got more responses, the fire survey or the police review?") == [
        "How many responses did the fire survey get?", "How many responses did the police review get?"]
    assert question_parts("Which were older on average, the library computers in 2025 or the fire engine terminals?") == [
        "How old were the library computers in 2025 on average?", "How old were the fire engine terminals on average?"]
    assert question_parts("Which was bigger, the 2022 budget or the 2025 one?") == ["How big was the 2022 budget?", "How big was the 2025 one?"]
    assert question_parts("Which was busier, Leeds or York?") == ["How busy was Leeds?", "How busy was York?"]


def test_how_long_in_another_year_is_the_first_question_of_that_year():
    assert question_parts("How long did councils take to decide an application in 2021, and how long in 2024?") == [
        "How long did councils take to decide an application in 2021?", "How long did councils take to decide an application in 2024?"]


@pytest.mark.parametrize("part, back", [
    ("what was it back in 2019-20?", True),
    ("was it still the top barrier in 2025?", True),  # a yes/no part about what the first part found
    ("and did they meet it by 2024?", True),
    ("was the 2025 survey larger?", False),
    ("how many staff replied?", False),
])
def test_a_later_part_pointing_back_is_about_the_first_part(part, back):
    from assistant.questions import about_first_part
    assert about_first_part(part) is back


def test_what_happened_to_a_measure_asks_how_it_changed():
    from assistant.question_shapes import CHANGE_QUESTION
    assert CHANGE_QUESTION.search("What happened to the no-show rate for notice appointments once online booking came in?")
    assert CHANGE_QUESTION.search("What happened to waiting times after the pilot?")
    assert not CHANGE_QUESTION.search("What happened at the launch event?")


def test_a_later_part_is_asked_with_the_statement_that_opens_the_question():
    from assistant.questions import with_statement
    question = ("The 2025 survey report wants to build on the One Register pilot. How many people signed up online during "
                "that pilot, and who owns the recommendation?")
    parts = question_parts(question)
    assert with_statement(parts)[1] == "The 2025 survey report wants to build on the One Register pilot. Who owns the recommendation?"
    plain = question_parts("How many people signed up online, and who owns the recommendation?")
    assert with_statement(plain) == plain  # no statement first

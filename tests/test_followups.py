"""Follow-ups: the new topic replaces the old one; questions with their own verb are left alone."""

import pytest

from assistant.followups import rewrite_follow_up


@pytest.mark.parametrize("question, previous, expected", [
    ("And what about culture?", "What did the survey find about skills gaps?", "What did the survey find about culture?"),
    ("What about skills?", "What did the 2019 survey find about culture?", "What did the 2019 survey find about skills?"),
    ("And in 2019?", "How many completed responses did the 2017 survey receive?", "How many completed responses did the 2019 survey receive?"),
    ("And in 2015?", "How many responded?", "How many responded in 2015?"),
    ("What about R5?", "What does recommendation R4 propose?", "What does recommendation R5 propose?"),
    ("How about transactions?", "Which barriers stop sharing?", "What do the documents say about transactions?"),
    # a leading preposition belongs to the topic slot, not the topic
    ("And for skills?", "What did the survey find about culture?", "What did the survey find about skills?"),
    ("And on procurement?", "What did respondents say about skills gaps?", "What did respondents say about procurement?"),
    # a follow-up that only changes the year, however it is worded
    ("And the 2019 figure?", "What share said their service was fully online in 2017?", "What share said their service was fully online in 2019?"),
    ("Same question for 2019?", "What share reported a cyber security gap in 2015?", "What share reported a cyber security gap in 2019?"),
    ("How does that compare with 2019?", "What share said culture was a barrier in 2017?", "What share said culture was a barrier in 2017 and 2019?"),
    # an object pronoun closing the question, after "what is X?"
    ("And who should lead it?", "What is the Digital Exchange?", "Who should lead the Digital Exchange?"),
])
def test_the_new_topic_replaces_the_old(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


@pytest.mark.parametrize("question, previous", [
    ("And what was the margin of error?", "What is the Digital Exchange?"),
    ("Why is that?", "What is the Digital Exchange?"),
    ("And what did it recommend about that?", "What does the report say about the internal culture of departments?"),
    ("Who should publish its completion rates?", "What does recommendation R4 propose?"),
])
def test_follow_ups_whose_pronoun_may_mean_the_subject_are_left_to_the_caller(question, previous):
    assert rewrite_follow_up(question, previous) is None


@pytest.mark.parametrize("question, previous, expected", [
    ("How many placements would its pilot have?", "What is the Digital Exchange?",
     "How many placements would the Digital Exchange's pilot have?"),
    ("How many knew where to find guidance on it?", "What barriers stop organisations sharing data?",
     "How many knew where to find guidance on sharing data?"),
    ("And who gave advice on it?", "What did the survey find about flexible working?", "Who gave advice on flexible working?"),
    ("How many responded to it?", "When was the Smarter Services report published?",
     "How many responded to the Smarter Services report?"),
    # "it" is what the previous question asked about, not the document it said that thing comes from
    ("Who will run it?", "What is the shared booking service proposed in the 2024 leisure review?",
     "Who will run the shared booking service?"),
    # "its" after "What is the budget of X?" is X's, not the budget's
    ("How many of its terminals were replaced?", "What is the budget of the northern connected appliances programme?",
     "How many of the northern connected appliances programme's terminals were replaced?"),
])
def test_a_pronoun_is_replaced_by_the_previous_topic(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


@pytest.mark.parametrize("question, previous, expected", [
    # a phrase naming a group, place or breakdown narrows the previous question instead of replacing its topic
    ("And among Executive Officers?", "What share saw culture as a barrier?", "What share saw culture as a barrier among Executive Officers?"),
    ("And in Scotland?", "What did the survey find about skills gaps?", "What did the survey find about skills gaps in Scotland?"),
    ("And by grade?", "How many said their team works in silos?", "How many said their team works in silos by grade?"),
    # the same preposition closing the previous question is replaced, unless it names a year
    ("And in Wales?", "What share used the service in Scotland?", "What share used the service in Wales?"),
    ("And in Wales?", "What share used the service in 2019?", "What share used the service in 2019 in Wales?"),
])
def test_a_qualifying_phrase_narrows_the_previous_question(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


@pytest.mark.parametrize("question, previous, expected", [
    # after a question about one thing only, "it" (object or subject) and a closing "that" can only be that thing
    ("Who owns it?", "What does recommendation R4 propose?", "Who owns recommendation R4?"),
    ("And who should lead that?", "What does recommendation R2 propose?", "Who should lead recommendation R2?"),
    ("When should it be done by?", "What does recommendation R4 propose?", "When should recommendation R4 be done by?"),
    ("How many placements would it have?", "What is the Digital Exchange?", "How many placements would the Digital Exchange have?"),
    # the object before a verb's particle
    ("Who should take it forward?", "What does recommendation R6 propose?", "Who should take recommendation R6 forward?"),
    ("And who will carry it out?", "What does recommendation R2 propose?", "Who will carry recommendation R2 out?"),
])
def test_it_after_a_question_about_one_thing_is_that_thing(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


@pytest.mark.parametrize("question, previous", [
    ("Why is that?", "What does recommendation R4 propose?"),                             # "that" is not an object here
    # "it" standing for the "to ..." after it, not for anything named before
    ("How much would it cost to replace all the old terminals?", "What is the Digital Exchange?"),
])
def test_it_after_a_question_about_two_things_is_left_to_the_caller(question, previous):
    assert rewrite_follow_up(question, previous) is None


def test_which_with_no_noun_after_it_is_a_follow_up():
    from assistant.chain import Assistant

    assert Assistant._is_follow_up("Which was named most often by respondents?")  # which of the things just asked about
    assert Assistant._is_follow_up("Which one is the largest of all the groups?")
    assert not Assistant._is_follow_up("Which barriers to data sharing did respondents name?")
    assert not Assistant._is_follow_up("Which grades of civil servant were respondents drawn from?")


@pytest.mark.parametrize("question, previous, expected", [
    # a verb with its particle ("ask for") closes the previous question: the thing is before the verb
    ("Who should deliver it?", "What does recommendation R2 ask for?", "Who should deliver recommendation R2?"),
    # the subject after a longer opening ("How many responses did ... get?")
    ("Who ran it?", "How many responses did the 2019 survey get?", "Who ran the 2019 survey?"),
])
def test_the_thing_asked_about_is_found_after_a_longer_opening_or_before_a_particle(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


@pytest.mark.parametrize("question, previous, expected", [
    # a comparison with another year asks the previous question for both years
    ("Was it higher in 2019?", "What share had digital skills training in 2017?", "What share had digital skills training in 2017 and 2019?"),
    ("Did that go up by 2019?", "What share had digital skills training in 2017?", "What share had digital skills training in 2017 and 2019?"),
    # "when" or "who" alone, after a question about one thing
    ("And by when?", "What does R7 propose?", "When should R7 be done by?"),
    ("Who?", "What does recommendation R7 propose?", "Who is responsible for recommendation R7?"),
])
def test_comparisons_with_a_year_and_bare_when_or_who(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


def test_a_bare_when_after_a_question_about_a_topic_is_left_to_the_caller():
    assert rewrite_follow_up("And when?", "What did the survey find about skills?") is None


@pytest.mark.parametrize("question, previous, expected", [
    # a distance in years from the previous question's one year
    ("And two years later?", "What share felt leaders lead by example in 2017?", "What share felt leaders lead by example in 2019?"),
    ("What about two years earlier?", "What share said culture was a barrier in 2017?", "What share said culture was a barrier in 2015?"),
    # "that year" is the previous question's one year or span
    ("And what about rod licence income that year?", "How much did the fines service collect in 2020-21?",
     "What do the documents say about rod licence income in 2020-21?"),
    # "the <attribute>" after a question naming a reference is that reference's
    ("What about the timescale?", "Who should own R2?", "What is the timescale of R2?"),
])
def test_relative_years_and_attributes_of_the_previous_subject(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


def test_a_relative_year_needs_one_year_in_the_previous_question():
    assert rewrite_follow_up("And two years later?", "What share felt leaders lead by example?") != \
        "What share felt leaders lead by example in 2019?"


@pytest.mark.parametrize("question, previous, expected", [
    # the previous question's frame with "it" for its subject: a new topic
    ("OK, and what did it find about data sharing?", "What did the survey find about skills gaps?", "What did the survey find about data sharing?"),
    ("What did it find about skills?", "What did the 2019 survey find about sharing?", "What did the 2019 survey find about skills?"),
    # "since" with no year: the same question over every year
    ("Has that improved since?", "What share knew where to find guidance in 2017?", "What share knew where to find guidance?"),
    # "how many" of something else, after a "how many" question
    ("And how many organisations?", "How many responses did the 2017 survey receive?", "How many organisations did the 2017 survey receive?"),
])
def test_same_frame_since_and_another_count(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


@pytest.mark.parametrize("question, previous, expected", [
    # "the one on X": another thing of the same kind, named by its topic
    ("And the one on sharing?", "When was the Insight on digital skills published?", "When was the Insight on sharing published?"),
    ("And the one about culture?", "Who wrote the report on skills?", "Who wrote the report on culture?"),
    # the same months of another year; "it" after "Who ran X?" is X by its whole name
    ("And what about the same period in 2025?", "How many telephone contacts did the Adviceline receive from January to September 2023?",
     "How many telephone contacts did the Adviceline receive from January to September 2025?"),
    ("What has happened to it since?", "Who ran the Tamar Libraries assisted renewal pilot?",
     "What has happened to the Tamar Libraries assisted renewal pilot since?"),
    # the thing named by its topic and then by the document it is in: its topic is replaced, not the document's name
    ("And the one about training time for on-call firefighters?",
     "Who owns the recommendation on dual-network routers in the mobile data terminals insight?",
     "Who owns the recommendation on training time for on-call firefighters in the mobile data terminals insight?"),
    # a passive question keeps its participle when the topic before it is replaced
    ("And on sharing?", "When was the Insight on digital skills published?", "When was the Insight on sharing published?"),
    ("And what about skills?", "How was the survey on culture carried out?", "How was the survey on skills carried out?"),
    # a noun closing the topic is not a participle
    ("And for adults?", "What was offered for young children?", "What was offered for adults?"),
])
def test_another_one_of_the_same_kind_keeps_the_rest_of_the_question(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


@pytest.mark.parametrize("question, previous, expected", [
    # the main verb after "does" and the subject closes the question: kept when the topic is replaced
    ("And the one on citizen transactions?", "What does the Insight on digital skills propose?",
     "What does the Insight on citizen transactions propose?"),
    ("And on culture?", "What did the report on skills find?", "What did the report on culture find?"),
    # a verb before the topic was the main one: the closing one belongs to the old topic
    ("And on culture?", "What did respondents say about the support they need?", "What did respondents say about culture?"),
])
def test_a_question_closing_on_its_main_verb_keeps_it(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


def test_a_new_topic_asked_about_directly_keeps_the_conversations_one_year():
    assert (rewrite_follow_up("What about leadership by example?", "What share said culture was a barrier in 2019?")
            == "What do the documents say about leadership by example in 2019?")
    assert rewrite_follow_up("How about transactions?", "Which barriers stop sharing?") == "What do the documents say about transactions?"
    assert (rewrite_follow_up("And transactions?", "How did 2015 compare with 2019 on sharing?")
            == "How did 2015 compare with 2019 on transactions?")


@pytest.mark.parametrize("question, previous, expected", [
    # "those / them" after a question that lists things are those things, with what they were asked about
    ("Which of them involves industry?", "Which recommendations are about skills?",
     "Which of the recommendations about skills involves industry?"),
    ("Which of those had the largest gap?", "Which skill areas had gaps in 2019?",
     "Which of the skill areas that had gaps in 2019 had the largest gap?"),
    ("And how many of them felt confident?", "How many respondents were involved in buying technology?",
     "How many of the respondents involved in buying technology felt confident?"),
    ("Which of them said culture was a barrier?", "How many respondents were from the Senior Civil Service?",
     "Which of the respondents from the Senior Civil Service said culture was a barrier?"),
])
def test_which_of_those_narrows_the_things_the_previous_question_listed(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


def test_how_many_of_those_after_a_did_question_is_of_the_things_it_counted_in_its_year():
    from assistant.followups import _narrowed
    assert (_narrowed("How many of those were Brackenshire's?", "How many in-year school applications did the three councils process in 2024?")
            == "How many of the in-year school applications were Brackenshire's in 2024?")
    assert (_narrowed("How many of those ended in the driver being refused a licence?",
                      "How many matches did the SafeRide Check register find in total?")
            == "How many of the matches ended in the driver being refused a licence?")
    # a period asked before is kept as written
    assert (_narrowed("What share of them arrived on paper?", "How many compensation claims did the office receive in 2021/22?")
            == "What share of the compensation claims arrived on paper in 2021/22?")


def test_them_after_a_how_many_question_is_the_things_it_counted():
    assert (rewrite_follow_up("Which borough had the most of them?", "How many digital champions did Connected Neighbourhoods train?")
            == "Which borough had the most of the digital champions?")


def test_those_before_a_noun_the_previous_question_named_is_a_determiner():
    assert (rewrite_follow_up("Which of those areas was new?", "Which skill areas had gaps in 2019?")
            == "Which of the skill areas that had gaps in 2019 was new?")
    assert rewrite_follow_up("Which of those other bodies agreed?", "Which skill areas had gaps in 2019?") is None


def test_a_question_of_its_own_on_the_same_topic_keeps_the_conversations_one_year():
    from assistant.followups import with_conversation_year

    previous = "What did the 2019 survey find about skills gaps?"
    assert with_conversation_year("Which area had the largest gap?", previous) == "Which area had the largest gap in 2019?"
    assert with_conversation_year("What share reported a gap in 2015?", previous) is None      # its own year
    assert with_conversation_year("How many responded to the survey?", previous) is None       # frame words only
    assert with_conversation_year("What did the report recommend on skills?", previous) is None  # no survey measure
    assert with_conversation_year("Which area had the largest gap?", "What did the surveys find about skills gaps?") is None


def test_the_chain_gives_a_question_of_its_own_the_conversations_year():
    from types import SimpleNamespace

    from assistant.chain import Assistant

    owner = SimpleNamespace(chat_model=None, _is_follow_up=Assistant._is_follow_up, _condense_with_llm=lambda q, h: None,
                            _answered_from=lambda cited: [])
    owner._resolved = lambda *args: Assistant._resolved(owner, *args)
    history = [{"role": "user", "content": "What did the 2019 survey find about skills gaps?"}, {"role": "assistant", "content": "..."}]
    state = {"question": "Which area had the largest gap?", "history": history, "timings": {}}
    assert Assistant._condense(owner, state) == "Which area had the largest gap in 2019?"


def test_a_year_inside_a_span_or_financial_year_is_not_carried():
    from assistant.followups import with_conversation_year

    previous = "What was the Ministry's SME share of technology spend in 2023-24?"
    # the one body named is replaced, its span kept whole (not "in 2023" carried on)
    assert (rewrite_follow_up("And what about the Department for Education?", previous)
            == "What was the Department for Education's SME share of technology spend in 2023-24?")
    assert with_conversation_year("Which department had the largest share?", previous) is None
    assert with_conversation_year("Which department had the largest share?", "What was the share in the 2018/19 year?") is None


@pytest.mark.parametrize("question, previous, expected", [
    ("And what about Recommendation 4?", "Who owns Recommendation 2 of the procurement insight?",
     "Who owns Recommendation 4 of the procurement insight?"),
    ("And section 5?", "What does section 4 of the report say about skills?", "What does section 5 of the report say about skills?"),
    ("And Table 3?", "What does the report say about skills?", "What does the report say about Table 3?"),  # no numbered thing before
])
def test_a_numbered_thing_replaces_the_previous_one_of_its_kind(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


def test_a_phrase_opening_the_question_is_not_its_topic():
    previous = "In the 2021 pulse survey, what share reported a data analysis skills gap?"
    assert rewrite_follow_up("And what about cyber security?", previous) == "What do the documents say about cyber security in 2021?"
    assert (rewrite_follow_up("And what about culture?", "In 2019, what did the survey find about skills?")
            == "In 2019, what did the survey find about culture?")


def test_the_year_of_another_edition_asked_with_its_own_verb():
    previous = "What did the 2017 survey find about culture?"
    assert rewrite_follow_up("What did the 2019 one say?", previous) == "What did the 2019 survey find about culture?"
    assert rewrite_follow_up("And what did the 2015 survey find?", previous) == "What did the 2015 survey find about culture?"


@pytest.mark.parametrize("question, previous, expected", [
    # the same head noun with other modifiers: the same question of them
    ("And what about county councils?", "What share of district councils had moved most of their workloads to public cloud?",
     "What share of county councils had moved most of their workloads to public cloud?"),
    ("And what about the digital identity review?", "What does the cloud readiness review say about skills?",
     "What does the digital identity review say about skills?"),
    # a name for the previous question's one name
    ("And what about the Department for Education?", "What was the Ministry of Justice's SME share of technology spend in 2023-24?",
     "What was the Department for Education's SME share of technology spend in 2023-24?"),
    # the subject of "How old is X?"
    ("And what about the Home Office border crossing records?", "How old is the HM Land Registry land registration index?",
     "How old are the Home Office border crossing records?"),
])
def test_another_of_the_same_kind_takes_its_parallel_place(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


def test_a_head_noun_inside_a_longer_phrase_or_a_one_word_topic_is_no_parallel():
    # "skills" modifies "gaps": the topic replaces what follows "about", as before
    assert rewrite_follow_up("And what about digital skills?", "What did the survey find about skills gaps?") == "What did the survey find about digital skills?"
    assert rewrite_follow_up("And what about councils?", "What share of district councils had moved?") == "What do the documents say about councils?"
    # two names before: which one is meant is unclear
    assert (rewrite_follow_up("And what about the Home Office?", "Did the Ministry of Justice spend more than HM Revenue and Customs?")
            == "What do the documents say about the Home Office?")


def test_a_topic_then_a_whole_question_is_that_question_about_the_topic():
    from assistant.followups import topic_then_question
    assert topic_then_question("And what about its AI pilot, what did that achieve?") == "What did its AI pilot achieve?"
    assert (topic_then_question("And what about the apprenticeship service - how many employers had accounts by March 2022?")
            == "How many employers had accounts by March 2022 (the apprenticeship service)?")
    assert topic_then_question("And what about culture?") is None
    assert topic_then_question("What about 2019, and 2021?") is None
    # "how many" with no noun after it counts the topic
    assert (topic_then_question("And what about catch certificates - how many went through the wallet in the pilot?")
            == "How many catch certificates went through the wallet in the pilot?")
    # a hyphen inside a word is part of the topic; a dash between spaces still ends it
    assert (topic_then_question("And what about the e-scooter trials, how many injuries did operators record in 2024?")
            == "How many injuries did operators record in 2024 (the e-scooter trials)?")


@pytest.mark.parametrize("question, previous, expected", [
    ("And for the phone line?", "What share of NHS 111 online sessions ended with self-care advice?",
     "What share of NHS 111 phone line sessions ended with self-care advice?"),
    ("And on paper?", "How many people applied online in 2023?", "How many people applied on paper in 2023?"),
    ("And by phone?", "What share of payments were made online?", "What share of payments were made by phone?"),
])
def test_another_channel_asks_the_same_question_of_it(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


@pytest.mark.parametrize("question, previous, expected", [
    ("And the year before that?", "How much did employers transfer in 2021-22?", "How much did employers transfer in 2020-21?"),
    ("And the year before?", "What share missed a deadline in 2022?", "What share missed a deadline in 2021?"),
    ("What about the following year?", "How many responded in 2017?", "How many responded in 2018?"),
    ("And in 2019-20?", "How many fines were paid online in 2020-21?", "How many fines were paid online in 2019-20?"),
])
def test_the_year_before_or_after_and_financial_years(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


@pytest.mark.parametrize("question, previous, expected", [
    # the other side of "before X"
    ("And afterwards?", "How long were people queueing before the booking pilot?", "How long were people queueing after the booking pilot?"),
    ("And beforehand?", "How many complaints were there after the app launched?", "How many complaints were there before the app launched?"),
    # a phrase naming another year replaces the previous question's year phrase, not joins it
    ("And in the 2022 pilot?", "What share of bookings were made by phone in 2023-24?", "What share of bookings were made by phone in the 2022 pilot?"),
    # another way of doing the same thing
    ("And with the online service?", "How long did a dispute take to reach a decision under the old process?",
     "How long did a dispute take to reach a decision with the online service?"),
    ("And with skills?", "What did the survey find about culture?", "What did the survey find about skills?"),
    # one place for another, one word each; a group the question is asked of
    ("And Wales?", "What share of respondents were from Scotland?", "What share of respondents were from Wales?"),
    # ... a name of two words for a place named in one
    ("And what about the South West?", "What share of London landlords let tenants book repairs online?",
     "What share of South West landlords let tenants book repairs online?"),
    # another way of paying for the way asked before
    ("And what about a Direct Debit?", "What does it cost a council to handle a payment made face to face?",
     "What does it cost a council to handle a payment made by Direct Debit?"),
    ("And by cheque?", "How many paid by Direct Debit?", "How many paid by cheque?"),
    # "them" after a share of a group that did something: that group, as the question set it
    ("How many of them rated it good?", "What share of visitors connected to the Wi-Fi in the 2023 survey?",
     "How many of the visitors that connected to the Wi-Fi in the 2023 survey rated it good?"),
    ("And what proportion of them phoned it in?", "What share of drivers in the 2025 survey had reported a road defect?",
     "What proportion of the drivers in the 2025 survey that had reported a road defect phoned it in?"),
    # another group for the group a share was asked of; a measure for a place keeps the place and the year
    ("What about large firms?", "What share of SMEs won a contract in 2025?", "What share of large firms won a contract in 2025?"),
    ("And what about satisfaction?", "What share of families in Wales booked visits online in 2025?",
     "What do the documents say about satisfaction in Wales in 2025?"),
    # "it" after a question asked of a survey is that survey
    ("When was it in the field, and who ran the fieldwork?", "How many people took part in the 2024 taxpayer survey?",
     "When was the 2024 taxpayer survey in the field, and who ran the fieldwork?"),
    ("And for senior civil servants?", "What share said culture was a barrier?",
     "What share said culture was a barrier for senior civil servants?"),
    # a two-word verb closing the previous question is no part of its subject
    ("How much did it cost?", "When did the partnership's new case system go live?", "How much did the partnership's new case system cost?"),
    # "them": the things the previous question counted, whatever its verb
    ("And how many of them had slow broadband?", "How many care homes took part in the pilot?",
     "How many of the care homes that took part in the pilot had slow broadband?"),
])
def test_the_other_side_another_years_phrase_a_two_word_verb_and_counted_things(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


def test_afterwards_needs_one_before_to_turn():
    assert rewrite_follow_up("And afterwards?", "How long did people queue before and during the pilot, before the review?") != (
        "How long did people queue after and during the pilot, after the review?")


def test_bodies_of_one_place_narrow_the_question_they_do_not_replace_its_last_phrase():
    assert (rewrite_follow_up("And what about London boroughs?", "What share of food safety officers recorded inspections digitally on site?")
            == "What share of food safety officers recorded inspections digitally on site in London boroughs?")


@pytest.mark.parametrize("question, expected", [
    ("And how did that look three years on?", "And how did that look in 2025?"),
    ("What about two years earlier?", "What about in 2020?"),
    ("And the following year?", "And in 2023?"),
    ("And in 2024?", None),                       # a year of its own
    ("How many years on is that?", None),         # no count of years
    ("What did planners ask for that year?", "What did planners ask for in 2022?"),  # the year itself; "ask for" keeps its "for"
    ("And in that same year?", None),             # (not "that year": a bare "same year" is left to the other rules)
])
def test_a_year_counted_from_the_conversations_year_is_written_as_that_year(question, expected):
    from assistant.followups import with_years_counted

    assert with_years_counted(question, "What did the 2022 planning survey find about mapping software?") == expected
    assert with_years_counted(question, "What did the 2022 and 2025 surveys find?") is None  # which year is it counted from?


@pytest.mark.parametrize("question, previous, expected", [
    ("And the weekly one?", "What is the daily fare cap on Valleys Pass?", "What is the weekly fare cap on Valleys Pass?"),
    ("What about the Welsh one?", "What did the Scottish survey find about skills?", "What did the Welsh survey find about skills?"),
    ("And the lowest one?", "Which region had the highest take-up?", "Which region had the lowest take-up?"),
])
def test_the_one_of_another_kind_swaps_the_word_of_its_kind(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


def test_the_one_of_a_kind_the_previous_question_lacks_is_not_swapped():
    assert rewrite_follow_up("And the weekly one?", "What is the fare cap on Valleys Pass?") != "What is the weekly fare cap on Valleys Pass?"


def test_how_does_that_compare_with_others_asks_the_same_figure_of_them():
    previous = "What share of fire and rescue staff had digital skills training in the past 12 months?"
    assert rewrite_follow_up("And how does that compare with police officers?", previous) == \
        "What share of police officers had digital skills training in the past 12 months?"
    # another year is the year rules' business, not a group's
    assert rewrite_follow_up("How does that compare with 2019?", "What share of staff had training in 2022?") != \
        "What share of 2019 had training in 2022?"


def test_how_did_that_compare_for_those_in_a_group_narrows_the_same_people():
    previous = "What share of youth workers had digital youth work training in the past 12 months?"
    assert rewrite_follow_up("How did that compare for those working in the voluntary sector?", previous) == \
        "What share of youth workers working in the voluntary sector had digital youth work training in the past 12 months?"
    assert rewrite_follow_up("And how does that compare for police officers?", previous) == \
        "What share of police officers had digital youth work training in the past 12 months?"


@pytest.mark.parametrize("question, previous, expected", [
    # "it" / "they" as the subject is who found or said: the previous question's subject, when the two agree in number
    ("How much funding did it receive?", "What did the Morecambe Bay pilot find about falls at night?",
     "How much funding did the Morecambe Bay pilot receive?"),
    ("What else did they say they would like?", "What obstacles did environmental field officers report?",
     "What else did environmental field officers say they would like?"),
    ("What else did they say causes information to go missing?",
     "Which group of young people did councils say is most likely to be lost from tracking?",
     "What else did councils say causes information to go missing?"),
    # an object "it" after "Who ran X?" is X
    ("Where do they plan to extend it next?", "Who ran the Calder Valley community flood alert pilot?",
     "Where do they plan to extend the Calder Valley community flood alert pilot next?"),
])
def test_a_subject_pronoun_is_the_previous_questions_subject(question, previous, expected):
    assert rewrite_follow_up(question, previous) == expected


@pytest.mark.parametrize("question, previous", [
    ("How much funding did they receive?", "What did the Morecambe Bay pilot find about falls at night?"),  # number differs
    ("What else did it say?", "What obstacles did environmental field officers report?"),
    ("And what did it recommend about that?", "What does the report say about the internal culture of departments?"),  # "that"
    # "it" after a verb of doing is what was done: the change made a difference, not the council
    ("How much difference did it make?", "What did Southbury District Council change in how it checks planning applications?"),
])
def test_a_subject_pronoun_of_another_number_or_with_another_pronoun_is_left_to_the_caller(question, previous):
    from assistant.followups import doer_for
    assert doer_for(question, previous) is None


def test_the_figure_for_a_place_is_the_last_figure_asked_of_it():
    """ "What was the figure for Scotland?" after a superlative question asks the measure it picked by, of Scotland."""
    from assistant.chain import Assistant
    from assistant.followups import asks_figure_for

    highest = "Which region had the highest share of people using an app to plan journeys in the 2023 survey?"
    assert (rewrite_follow_up("What was the figure for Scotland?", highest)
            == "What was the share of people using an app to plan journeys in the 2023 survey in Scotland?")
    assert rewrite_follow_up("And the figure for Wales?", "What share of staff used the app in England?") == "What share of staff used the app in Wales?"
    assert rewrite_follow_up("What is the rate among nurses?", "What share of doctors had training?") == "What share of doctors had training among nurses?"
    assert asks_figure_for("What was the figure for Scotland?") and Assistant._is_follow_up("What was the figure for Scotland?")
    assert not asks_figure_for("What was the figure for the number of appeals lodged across all the English regions in total?")


def test_a_new_topic_replaces_the_old_one_and_keeps_the_survey_it_was_asked_of():
    # the last "in" of the question before opened "the 2024 survey": which edition, not the topic to replace
    previous = "How satisfied were parents with applying for a school place online in the 2024 survey?"
    assert rewrite_follow_up("And what about free school meals?", previous) == (
        "How satisfied were parents with applying for free school meals in the 2024 survey?")
    assert rewrite_follow_up("And what about satisfaction?", "What share of families in Wales booked online in the 2025 family survey?") == (
        "What do the documents say about satisfaction in Wales in the 2025 family survey?")


def test_its_after_a_question_about_a_named_thing_is_that_things():
    previous = "What does the Farm Resilience Fund pay for?"
    assert rewrite_follow_up("On average, how long did applicants wait for a decision in its third round?", previous) == (
        "On average, how long did applicants wait for a decision in the Farm Resilience Fund's third round?")
    assert rewrite_follow_up("What was its budget?", "What did staff say about the pilot?") is None  # no thing by name
    # a thing someone owns: "its" is the owner's, which the other rules resolve
    assert "recovery's" not in (rewrite_follow_up("How did the attackers get into its systems?",
                                                  "How much did Greyhaven Police's ransomware recovery cost?") or "")


def test_how_many_of_those_after_a_count_of_what_a_named_doer_did_keeps_the_doer():
    previous = "How many bus passes did Harrowfield have to renew in the 2024 peak?"
    assert rewrite_follow_up("And how many of those were done online?", previous) == (
        "How many of the bus passes that Harrowfield had to renew in the 2024 peak were done online?")
    assert rewrite_follow_up("How many of those ended in a refusal?", "How many matches did the register find?") == (
        "How many of the matches ended in a refusal?")  # no doer by name: the things alone


def test_things_of_the_kind_counted_take_the_place_of_those_counted():
    previous = "How many phone contacts did PPAS get from pensioners in 2023-24?"
    assert (rewrite_follow_up("What about messages sent through the portal?", previous)
            == "How many messages sent through the portal did PPAS get from pensioners in 2023-24?")
    assert rewrite_follow_up("And what about letters?", previous) == "How many letters did PPAS get from pensioners in 2023-24?"
    # people are not what was counted here: of whom, not what (left to the other rules)
    assert "How many active members did" not in (rewrite_follow_up("What about active members?", previous) or "")
    assert (rewrite_follow_up("And what about the paper forms?", "How many online forms were submitted in 2024?")
            == "How many paper forms were submitted in 2024?")


def test_it_is_never_a_plural_subject_nor_a_subject_ending_in_the():
    # "it" after "Which route do most directors use?" is the route: not rewritten as "most directors"
    assert rewrite_follow_up("How long does it typically take?", "Which verification route do most directors use?") is None
    # "councils think of the" is no subject of "What do councils think of the portal?"
    assert "think of the?" not in (rewrite_follow_up("Who runs it?", "What do councils think of the portal?") or "")
    assert rewrite_follow_up("Who owns it?", "What does recommendation R4 propose?") == "Who owns recommendation R4?"


def test_those_who_did_something_else_replace_the_who_clause_of_the_previous_question():
    assert (rewrite_follow_up("What about those who emailed?", "How satisfied were people who used the helpline's video appointments?")
            == "How satisfied were people who emailed?")
    assert (rewrite_follow_up("And those who applied by phone?", "What share of people who applied online were satisfied?")
            == "What share of people who applied by phone were satisfied?")


def test_it_beside_them_is_not_the_subject_them_stands_for():
    # "them" is the council that chose; "it" is what it chose, which only the previous answer names
    assert "Kestlow District Council cost" not in (rewrite_follow_up("What does it cost them?",
                                                                     "Which booking app did Kestlow District Council choose?") or "")
    assert (rewrite_follow_up("How much funding did it receive?", "What did the Morecambe Bay pilot find about falls at night?")
            == "How much funding did the Morecambe Bay pilot receive?")

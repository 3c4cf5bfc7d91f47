import pytest

from assistant.answerability import missing_answer_type, missing_in_parts
from indexing.keyword import analyse


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
    ["Are officials keen to spend a spell working at a tech firm?", "Who should publish its completion rates?",
     "On average, how long did an online money claim take from issue to hearing?",  # a length of time, about money claims
     "Roughly how long does a defended money claim take to get to judgment?",
     "Nationally, how long do people typically wait for a no-cost slot, compared with one they pay for?",  # a wait, free or paid
     "What problems did people have with the online money claims service?"],  # a kind of court case, not an amount
)
def test_questions_that_only_look_like_money_or_person_questions_pass(question):
    assert missing_answer_type(question, "Departments should do it within 44 weeks, and most staff were keen [1].") is None


@pytest.mark.parametrize(
    "question, answer, lacking",
    [
        ("Which venue hosted the conference?", "The report was launched at the conference in London [1].", "a name"),
        ("Which common platforms are given as examples?", "Examples include GOV.UK Verify and GOV.UK Pay [1].", None),
        ("When will the next survey take place?", "The survey ran online and was open to all grades [1].", "a date"),
        ("When will the PSB run its next survey after 2019?", "The 2019 survey ran from July to September 2019 [1].", "a date after 2019"),
        ("When was the report published?", "It was published on 16 November 2017 [1].", None),
        ("What is the name of the chair of the board?", 'The board published "Smarter Services: The Next Wave" in 2017 [1].', "a name"),
        ("Who described government as partway through a journey?", "John Manzoni described it so [1].", None),
    ],
)
def test_named_things_dates_and_people_must_be_in_the_answer(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


def test_a_verb_before_the_noun_is_not_a_request_for_a_name():
    """ "What stops departments ...?" asks for barriers, not for departments' names."""
    answer = "59 per cent said there are barriers that stop their organisation sharing data [1]."
    assert missing_answer_type("What stops departments from sharing data?", answer) is None
    assert missing_answer_type("What do departments say about sharing data?", answer) is None
    assert missing_answer_type("Which departments said sharing data is hard?", answer) == "a name"
    assert missing_answer_type("What government departments said sharing data is hard?", answer) == "a name"


@pytest.mark.parametrize(
    "question, answer, lacking",
    [
        # a table row gives the figure for its own row: not for a group the question does not name
        ("What share of staff were aged over 50?", "Scotland (share of respondents): 8% [1]\n\n- Wales (share of respondents): 6% [1]",
         "a figure for what it asks about"),
        ("How many respondents worked part-time?", "**2019:** Executive Officer (share of respondents): 21% [1]", "a figure for what it asks about"),
        # the row the question names, with or without a year label
        ("What share of respondents worked in Scotland?", "Scotland (share of respondents): 8% [1]", None),
        ("What share reported a gap in cyber security in 2019?", "**2019:** Cyber security (reporting a gap in 2019): 35% [1]", None),
        # prose figures and list questions are not table-row answers
        # (a prose answer with no share at all does not answer "what share" either)
        ("What share worked part-time?", "Respondents worked in 43 organisations [1].", "a share"),
        ("What share worked part-time?", "One in five worked part-time [1].", None),
        ("What share would choose video?", "Nearly two thirds said they would choose video [1].", None),
        ("What interest rate is charged on loans?", "The priority deadline is 20 May 2022 [1].", "a share"),
        ("What day rate did contractors charge?", "Contractors charged 620 pounds a day [1].", None),  # a rate may be money
        ("Which grades were respondents drawn from, and in what shares?", "Executive Officer (share of respondents): 21% [1]", None),
    ],
)
def test_a_figure_question_is_not_answered_by_the_row_of_another_group(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


@pytest.mark.parametrize(
    "question, answer, lacking",
    [
        # a duty ("responsible for", "in charge of") is carried by a body as often as by a person
        ("Who is responsible for delivering recommendation R7?",
         "Suggested owner: Government Commercial Function and Crown Commercial Service [1].", None),
        ("Who was in charge of the fieldwork?", "The survey was administered online by techUK's Policy Team [1].", None),
        ("Who is responsible for the guidance?", "Departments should publish it within six months [1].", "a name"),
        # the holder of a role is still a person
        ("Who is the chair of the Public Services Board?", "The Public Services Board brings together member companies [1].", "a name"),
    ],
)
def test_a_duty_may_be_carried_by_a_named_body(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


@pytest.mark.parametrize(
    "question, answer, lacking",
    [
        ("How many services plug into shared building blocks for taking money?", "32 per cent use a common platform [1].", None),
        ("What share of staff said the budget was too small?", "41 per cent said so [1].", None),
        ("How many services plug into shared building blocks for taking money?", "Services use common platforms [1].", "a number"),
        ("How much money would the scheme cost?", "The scheme would run for two years [1].", "an amount of money"),
        ("How much is a fixed penalty notice for fly-tipping?", "Photos were cited in 1,940 fixed penalty notices [1].",
         "an amount of money"),
        ("How much is a fixed penalty notice for fly-tipping?", "The fixed penalty is £400 [1].", None),
        ("How many fixed penalty notices were issued?", "Photos were cited in 1,940 fixed penalty notices [1].", None),
        ("How much of their revenue budget did services spend on digital?", "Services spent 2.1% of their revenue budget [1].", None),
        ("How much did services spend on digital?", "Services spent 2.1% of their revenue budget [1].", "an amount of money"),
    ],
)
def test_a_count_or_share_question_naming_money_wants_the_figure_not_an_amount(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


@pytest.mark.parametrize(
    "question, answer, lacking",
    [
        ("When should R7 be done by?", "R7 - Owner: Crown Commercial Service; Timescale: Ongoing [1]", None),
        ("When should the guidance be published?", "The guidance should be published within six months [1].", None),
        ("When will the next survey be run?", "The survey will be repeated [1].", "a date"),
        # a time of day or of the week answers "when" too
        ("When can you phone it on a weekday?", "Advisers answer the phone from 8am to 8pm on weekdays [1].", None),
        ("When does the helpline open?", "The line opens at 09:00 [1].", None),
        ("When can you phone it?", "Advisers answer the phone on most days [1].", "a date"),
    ],
)
def test_a_timescale_without_a_date_answers_when(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


def test_a_title_made_of_a_number_and_a_span_of_time_names_no_person():
    assert missing_answer_type("Who chairs the board?", "Two Years On: Findings from the Board's Survey [1]") == "a name"
    assert missing_answer_type("Who chairs the board?", "The board is chaired by Jane Smith [1].") is None


def test_a_question_about_the_future_needs_a_date_later_than_its_document():
    from assistant.answerability import lacks_future_date

    past = [("The survey ran between 3 July and 8 September 2017.", "2017")]
    assert lacks_future_date("When will the next survey be published?", past)
    assert not lacks_future_date("When will every transaction be online?", [("Every transaction online by 2020.", "2017")])
    assert not lacks_future_date("When will the guidance be published?", [("Guidance within six months.", "2017")])
    assert not lacks_future_date("When was the survey run?", past)  # not about the future


def test_who_with_a_closing_by_asks_for_an_agent_body_or_person():
    answer = "The Cabinet Office and techUK should establish a Digital Exchange [1]."
    assert missing_answer_type("Who is the Digital Exchange run by?", answer) is None
    assert missing_answer_type("Who is the chair of the board?", answer) == "a name"


@pytest.mark.parametrize(
    "question, answer, lacking",
    [
        # a date word naming something else ("day rate") asks for no date
        ("What day rate did contractors charge?", "Contractors charged an average day rate of 620 pounds [1].", None),
        ("What year was the survey run?", "The survey ran online [1].", "a date"),
        # a change asked "by how much" is answered by a share as well as by an amount
        ("By how much did shared hosting cut the average cost per service?", "It cut the cost per service by 31 per cent [1].", None),
        ("By how much did shared hosting cut the average cost per service?", "Costs fell in most councils [1].", "an amount of money"),
        # a figure under a currency-coded header is an amount of money
        ("What was Harwood's hosting cost after the move?", "**Harwood** [1]:\n- Cost after (GBP): 9,591 [1]", None),
        # "how much time" asks for a length of time, not money, whatever the verb ("spend")
        ("How much less time did drivers spend looking for a space?", "Drivers spent 4 minutes less looking [1].", None),
        # a person named after their title, in one capitalised run
        ("Who is the Chief Data Officer?", "The portal helps, said Chief Data Officer Maya Lindqvist [1].", None),
        ("Who is the Chief Data Officer?", "The portal helps, said the Chief Data Officer [1].", "a name"),
        # "how much more ... than" is answered by a multiple
        ("How much more does an e-book licence cost than a print book?", "A library pays three to four times the shelf price [1].", None),
        ("How much more does an e-book licence cost than a print book?", "E-books are popular [1].", "an amount of money"),
        # a person's name may open the sentence
        ("Who is the chief executive of the Registry Authority?", "Alison Trewin, the authority's chief executive, asked for a review [1].", None),
        ("Who is the chief executive of the Registry Authority?", "Digital Services, the team said, were slow [1].", "a name"),
    ],
)
def test_what_only_looks_like_a_date_or_money_question_and_amounts_written_otherwise(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


def test_a_salary_or_a_fee_is_an_amount_of_money():
    assert missing_answer_type("What is the average salary of a council data analyst?", "Data analysis (reporting a gap): 49% [1]") == "an amount of money"
    assert missing_answer_type("What fee do councils charge for a licence?", "Councils charge £250 for a new licence [1].") is None


@pytest.mark.parametrize("question, answer, expected", [
    # an amount asked per unit needs an amount given per that unit
    ("How much do councils pay taxi firms per mile for school transport?",
     "The cost of a single taxi route can exceed £40,000 a year [1].", "an amount per mile"),
    ("How much does Aquanode charge each water company per month for the app?",
     "Tapwise was built by Aquanode Ltd under a contract worth £1.9 million over four years [1].", "an amount per month"),
    ("How much does the app cost a month?", "The app costs £120 a month [1].", None),
    # any thing counted after "per"
    ("How much does a mobile data terminal cost per vehicle?", "Joint buying could save 6.4 million pounds over five years [1].",
     "an amount per vehicle"),
    ("How much does a mobile data terminal cost per vehicle?", "A terminal costs £4,200 per vehicle [1].", None),
    # a fee for one thing is not a programme's cost
    ("How much does the partnership charge families for a cremation?", "The whole programme cost £560,000 over two years [1].",
     "an amount for a cremation"),
    ("How much does the partnership charge families for a cremation?", "A cremation costs families £850 [1].", None),
    ("What is the fee per application?", "The fee is £14.20 for each application [1].", None),
    ("How much does a user pay?", "Users pay £5 [1].", None),  # "a user" asks no rate
    # a person unit is met by another word for one; a unit of time is not
    ("How much do small trusts spend on software for each child?", "Average edtech spend per pupil: £38 [1]", None),
    ("How much do small trusts spend on software for each child?", "Small trusts spend £38,000 a year [1].", "an amount per child"),
    ("How much does the app cost per month?", "The app costs £120 per user [1].", "an amount per month"),
    # ... and by the cost of a thing done once for each person
    ("What was the cost per person of confirming identity by vouching?",
     "Each vouched check cost an average of £14.20 in staff time, against £31.50 for a full interview [1].", None),
    ("How much does the council spend per person on identity checks?", "The checks cost £2 million in 2024 [1].", "an amount per person"),
    # "how much ... charge / pay" asks for money
    ("How much do councils charge family historians for a search?", "Some councils charge for the search [1].", "an amount of money"),
])
def test_an_amount_per_unit_and_a_charge_are_amounts_of_money(question, answer, expected):
    assert missing_answer_type(question, answer) == expected


def test_each_part_of_a_two_part_question_needs_its_own_kind_of_answer_in_its_own_lines():
    answer = ("We are launching the report at techUK's Public Services 2030 conference [1]. In total 1,052 people started the "
              "questionnaire [2].\n\n- Executive Officer (share of respondents): 21% [3]")
    parts = ["Which venue hosted the Public Services 2030 conference?", "how many people attended?"]
    assert missing_answer_type(" and ".join(parts), answer) is None  # the whole answer has a name and a number somewhere
    assert missing_in_parts(parts, answer) == "a name"  # but the conference's lines name no venue
    assert missing_in_parts(parts, answer.replace("the report at", "the report at the QEII Centre, at")) is None


def test_a_table_row_answers_every_part_its_cells_answer():
    """ "Which council was fastest ..., and how many days did it take?": the row's label is the council."""
    answer = ("**Lowest days to first response:** **Brighton and Hove** [1]:\n- Complaints 2024-25: 8,400 [1]\n"
              "- Days to first response: 2 [1]")
    parts = ["Which council was fastest to respond to noise complaints?", "how many days did it take?"]
    assert missing_in_parts(parts, answer) is None
    assert missing_in_parts(parts, "- Complaints 2024-25: 8,400 [1]\n- Days to first response: 2 [1]") == "a name"


def test_a_byline_answers_who_wrote_and_when_in_one_question():
    from assistant.answerability import missing_in_parts
    parts = ["Who wrote the blog post on library e-lending", "when was it published?"]
    byline = "By Eleanor Marsh, PSB culture and communities lead · 9 September 2024 [1]"
    other = "- Digital loans rose by 18 per cent to 11.2 million in the library services we asked [1]."
    assert missing_in_parts(parts, f"{byline}\n\n{other}") is None
    assert missing_in_parts(parts, other) == "a name"


def test_an_owner_field_of_one_word_names_the_owner():
    question = "Who is responsible for “(2) Fund electronic logbooks for small vessels”?"
    assert missing_answer_type(question, "Fund electronic logbooks for small vessels [1]. Owner: Defra [1].") is None
    assert missing_answer_type(question, "Fund electronic logbooks for small vessels [1].") == "a name"
    # "Owner: the Department for Transport (DfT) ...": the body after "the" is named too
    asked = "Who is expected to take forward the recommended evidence checklist for Blue Badge applicants?"
    assert missing_answer_type(asked, "Show a checklist of the evidence [1]. Owner: the Department for Transport (DfT) Blue Badge team [1].") is None


def test_a_name_from_a_documents_title_is_not_the_company_asked_for():
    answer = "In 2022 the PSB working group surveyed councils [1].\n\n- A shared app, commissioned by 27 councils, went live in May 2024 [2]."
    question = "Which company built the shared reporting app?"
    assert missing_answer_type(question, answer) is None  # "PSB" reads as a name ...
    assert missing_answer_type(question, answer, titles="PSB Survey of Online Reporting 2022") == "a name"  # ... the publisher's
    assert missing_answer_type("Which operator runs the Nottingham scheme?", "**Nottingham** [1]:\n- Operators: 1 [1]") == "a name"
    assert missing_answer_type(question, "The app was built by Fixmate Digital for the councils [1].", titles="PSB Survey 2022") is None


@pytest.mark.parametrize("question, answer, lacking", [
    ("How much does it cost to handle a report sent in by email?",
     "Handling an online report cost councils £2.60, against £8.90 for a phone report [1].", "a figure for email"),
    ("How much does a paper self-assessment cost to process?",
     "Salford puts an online self-assessment at £38, against £210 for a face-to-face assessment [1].", "a figure for paper"),
    ("How much does a phone report cost to handle?",
     "Handling an online report cost councils £2.60, against £8.90 for a phone report [1].", None),
    ("How much does it cost to handle a report sent in by email?",  # rows under a heading naming the channel
     "**Average cost of handling an online report** [2]:\n- 2022 survey: £2.60 [2]\n- 2025 survey: £2.15 [2]", "a figure for email"),
    ("What share of calls to the phone line were abandoned?", "18 per cent of calls were abandoned [1].", None),  # no channel named
    ("What does it cost to take a booking by phone, compared with one made online?",  # a call handler takes it by phone
     "A booking taken by a call handler costs £14.60 in staff time, against £3.20 for one made through the web form [1].", None),
    # a count asked of one way of doing it, where nothing in the answer says anything of that way
    ("How many people applied to join the scheme by telephone?",
     "Of the 4,800 people who borrowed a tablet, 62 per cent finished the course [1].", "a figure for phone"),
    ("How many people applied to join the scheme by telephone?", "1,200 people applied by phone [1].", None),
    ("How much does the app cost per month?", "The app costs £120 per month [1].", None),  # the app is the thing, not the way
    # an app is one way of being online: an online share is not the app's, but the app's share is an online one
    ("What share of ferry bookings were made through the mobile app?", "76 per cent of bookings were made online [1].", "a figure for the app"),
    ("What share of ferry bookings were made through the mobile app?", "41 per cent of bookings were made through the app [1].", None),
    ("What share of ferry bookings were made online?", "41 per cent of bookings were made through the app [1].", None),
])
def test_a_figure_for_one_channel_is_not_the_figure_for_another(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


def test_a_share_written_as_one_in_eight_is_a_share_of_its_channel():
    answer = "**Applications sent back for a mistake** [1]:\n- Paper form: 1 in 8 [1]\n- Online tool (then printed): 2% [1]"
    assert missing_answer_type("What share of paper applications were sent back for a mistake?", answer) is None


def test_a_line_saying_what_something_cost():
    from assistant.answerability import states_cost
    assert states_cost("Processing a referral cost £15 instead of £38.")
    assert states_cost("The contract is worth £3.4 million over five years.")
    assert states_cost("The scheme covers 75 pools and has a budget of 6.2 million pounds over four years.")  # pounds in words
    assert not states_cost("About 9.4 million register entries have now been digitised.")  # a count, not money
    assert not states_cost("Councils stopped or recovered payments worth £6.3 million.")  # a sum, not a cost
    assert not states_cost("Reusing agreements saved it £1.2 million in legal fees.", "How much did it spend?")
    assert states_cost("Reusing agreements saved it £1.2 million in legal fees.", "How much did it save?")
    assert not states_cost("The department should set aside £4.5 million to pay for pooled teams.", "How much has it cost so far?")


@pytest.mark.parametrize("question, answer, lacking", [
    ("How fast is the free public Wi-Fi in library branches?", "Free public Wi-Fi in all branches: 96% [1]", "a speed"),
    ("How fast is the free public Wi-Fi in library branches?", "Branches offer 100 Mbps Wi-Fi [1].", None),
    ("How quickly is the bill for storing evidence growing?", "Storage costs are rising by 22% a year [1].", None),
    ("How quickly are referrals processed?", "Most referrals are processed within 5 days [1].", None),
    ("How quickly are referrals processed?", "Referrals are processed by a central team [1].", "a speed"),
    # a connection's speed is a bit rate, not a time
    ("What average broadband speed have the buildings achieved?", "Wayleaves took an average of 14 weeks to agree [1].", "a speed"),
    ("What average broadband speed have the buildings achieved?", "Connected buildings average 900 Mbps [1].", None),
    ("How fast is the free public Wi-Fi in library branches?", "Wi-Fi was installed within six weeks [1].", "a speed"),
    ("How fast is the rollout of fibre to schools?", "Fibre reached schools within six weeks [1].", None),
])
def test_a_question_of_speed_wants_a_speed_a_time_or_a_rate(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


@pytest.mark.parametrize("question, answer, lacking", [
    ("How many staff work in Ofwat's digital team?", "In autumn 2024 the PSB reviewed five UK regulators: Ofgem, Ofwat and Ofcom [1].",
     "a number of staff"),
    ("How many missed-bin reports did councils receive in 2025?", "**District councils** [1]:\n- Councils reviewed: 109 [1]",
     "a number of reports"),
    ("How many waste collection authorities did the review cover?", "We reviewed 162 waste collection authorities [1].", None),
    ("How many unitary authorities were reviewed?", "**Unitary authorities** [1]:\n- Councils reviewed: 54 [1]", None),  # their row
    # four words when "and" joins two of them
    ("How many fire and rescue services did the assessment cover?", "The PSB assessed 44 fire and rescue services in 2023 [1].", None),
    ("How many fire and rescue services did the assessment cover?", "It assessed 44 areas of fire and rescue work, and services [1].",
     "a number of services"),
    ("How many people felt that working from home sped things up?", "72% said that working from home sped up their work [1].", None),
    ("What share of councils replied?", "Most did [1].", None),  # not a count question
    # what the things counted rose to
    ("How many digital loans did libraries make in 2023-24?",
     "Digital loans - e-books, e-audiobooks and magazines - rose by 18 per cent in 2023-24 to 11.2 million [1].", None),
    ("How many digital loans did libraries make?", "Members rose by 18 per cent to 40,000 last year, while loans were flat [1].", "a number of loans"),
    ("How many claims were made online?", "Online claims reached 412,000 in 2023 [1].", None),
    # a share of the things counted says how many of them
    ("In London, how many planning applications come in online?", "**London** [1]:\n- Applications submitted online: 93% [1]", None),
    ("How many planning applications come in online?", "In 2024, 81% of planning applications were made online [1].", None),
    ("How many planning applications come in online?", "81% of councils take payments online [1].", "a number of applications"),
    ("How many missed-bin reports did councils receive?", "**All councils** [1]:\n- Missed bin reported fully online: 73% [1]",
     "a number of reports"),  # a share of councils, though "reported" shares the stem
    ("How many schools had a written policy?", "A third of schools (34%) allow AI tools, but only 12% have a written policy [1].", None),
    ("How many schools had a written policy?", "A third of councils have a written policy [1].", "a number of schools"),
    # three words that can only qualify the noun still to come
    ("How many back-office systems do courts still run?", "The review found 19 separate case management systems in use [1].", None),
    ("How many back-office systems do courts still run?", "The review found 19 courts that said systems were old [1].",
     "a number of systems"),
    # a share of the people a survey asked says how many of them: agents, applicants, drivers as much as "people"
    ("In 2024, how many agents had a site visit called off at the last minute?",
     "31 per cent of agents had an inspection cancelled at short notice [1].", None),
])
def test_a_count_question_wants_a_line_counting_what_it_asks(question, answer, lacking):
    from assistant.answerability import uncounted
    assert uncounted(question, answer) == lacking


@pytest.mark.parametrize("question, answer, lacking", [
    # a clause that sets the scene with "When" does not make a "when" question
    ("When tenants report damp online instead of by phone, how long do they wait for an inspection?",
     "A damp problem reported online waited an average of 11 days for a first inspection [1].", None),
    ("When will the new app launch?", "The app is popular with tenants [1].", "a date"),
    ("When did the pilot start, and where?", "The pilot is popular [1].", "a date"),  # its comma opens no new question
])
def test_a_when_clause_setting_the_scene_asks_for_no_date(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


def test_how_much_of_their_time_asks_for_no_money():
    from assistant.answerability import is_money_question

    assert not is_money_question("According to the 2025 survey, how much of their time do probation staff spend on paperwork?")
    assert is_money_question("How much do probation services spend on software?")


@pytest.mark.parametrize("question, answer, lacking", [
    ("When is it planning to replace it?", "**South Downs** [1]:\n- Replacement planned: Not planned [1]", None),  # no date is an answer
    ("What will it cost in total to replace every control room system?",
     "Services put the cost at about £46,000 for each control-room seat [1].", "a total amount"),
    ("What will it cost in total to replace every control room system?", "Replacing them all would cost £14.6 million [1].", None),
    ("How much of the code in Tax and welfare actually got published?", "**Tax and welfare** [1]:\n- Code published: 23% [1]", None),
])
def test_no_date_a_total_and_a_part_of_a_whole(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


def test_a_share_asked_of_a_named_thing_wants_a_share_not_a_name():
    answer = "**2022:** **Data analysts** [1]:\n- Councils reporting difficulty: 52% [1]\n- Typical time to fill: 19 weeks [1]"
    assert missing_answer_type("What share of councils said data analysts were hard to recruit in 2022?", answer) is None


def test_working_days_are_a_time_taken():
    answer = "Where validation is automated, the median time to validate an application is 9 working days [1]."
    assert missing_answer_type("How quickly do councils confirm an application is complete?", answer) is None


def test_a_labelled_count_may_give_an_earlier_figure_in_brackets():
    from assistant.answerability import uncounted
    assert uncounted("How many residents did the programme help?", "Residents helped: 9,400 (5,200 in year one) [1]") is None


@pytest.mark.parametrize("question, answer, lacking", [
    ("What was the online registration rate at the fund in 2024?",
     "The fund raised registration among its members from 19% in 2021 to 46% in 2023 [1].", "a figure for 2024"),
    ("What was the online registration rate at the fund in 2023?",
     "The fund raised registration among its members from 19% in 2021 to 46% in 2023 [1].", None),
    # a figure tied to no year may be the year asked
    ("What share of council tax accounts had online access in 2025?",
     "Fifty-seven per cent now have online access, up from 39 per cent in 2022 [1].", None),
    ("What share of accounts had online access in 2025?", "57% of accounts now have online access, up from 39% in 2022 [1].", None),
    ("Who led the review in 2024?", "It was led by Ann Lee from 19 in 2021 [1].", None),  # no figure asked
])
def test_a_figure_asked_of_one_year_is_not_met_by_figures_tied_to_others(question, answer, lacking):
    from assistant.answerability import figures_of_other_years
    assert figures_of_other_years(question, answer) == lacking


def test_a_year_before_calendar_year_is_no_time_taken():
    line = "The team interviewed 64 officers and analysed 2,900 case files from the 2023 calendar year [1]."
    assert missing_answer_type("How quickly is the bill for storing evidence growing?", line) == "a speed"


def test_a_count_asked_of_a_tables_row_that_gives_other_figures_is_not_given():
    from assistant.answerability import row_lacks_count
    texts = ["In 2023 the partnership's cemeteries handled 3,100 burials.",
             "Council / Crematoria / Cremation bookings made online:\n\nBrackenridge - Crematoria: 1; Cremation bookings made online: 64%\n"
             "Wharfeside - Crematoria: 3; Cremation bookings made online: 72%"]
    assert row_lacks_count(["Brackenridge"], {"burial"}, "burials", texts) == "a number of burials for Brackenridge"
    assert row_lacks_count(["Brackenridge"], {"crematoria"}, "crematoria", texts) is None  # its row gives them
    assert row_lacks_count(["Northmoor"], {"burial"}, "burials", texts) is None  # no row of its own: the name check's business
    told = [*texts, "Brackenridge alone handled 420 burials."]
    assert row_lacks_count(["Brackenridge"], {"burial"}, "burials", told) is None  # a sentence gives its figure
    # "How many PCSOs responded?": the row labelled PCSOs is theirs, whatever its columns are called
    roles = ["PCSOs - Responses: 360; Confident with evidence systems: 39%\nPolice staff - Responses: 1,240; Confident: 55%"]
    assert row_lacks_count(["PCSOs"], set(analyse("PCSOs")), "PCSOs", roles) is None


@pytest.mark.parametrize("question, answer, lacking", [
    ("How many pupils were there for each laptop in primary schools in 2025?",
     "In secondary schools there were on average 1.9 pupils for every school-owned laptop [1].", "a figure for primary"),
    ("How many pupils were there for each laptop in primary schools in 2025?",
     "In primary schools there were 2.4 pupils for every laptop, against 1.9 in secondary schools [1].", None),
    ("How many pupils were there for each laptop in primary and secondary schools?",
     "In secondary schools there were on average 1.9 pupils for every laptop [1].", None),  # both asked
    ("What share of rural households had gigabit broadband?", "Urban areas: 81% [1]", "a figure for rural"),
])
def test_a_figure_for_one_of_a_pair_of_groups_is_not_one_for_the_other(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


@pytest.mark.parametrize("question, lacking", [
    ("What share of repairs are still reported by phone?", None),  # "by phone" names the row "Telephone"
    ("What share of repairs are still reported by email?", "a figure for what it asks about"),
])
def test_a_channel_named_in_other_words_names_its_row(question, lacking):
    assert missing_answer_type(question, "Telephone (share of repairs reported, 2024): 46% [1]") == lacking


@pytest.mark.parametrize("question, answer, lacking", [
    ("How old, on average, were pupils' devices?", "The average staff laptop is now 4.6 years old [1].", "a figure for pupils"),
    ("How old were pupils' devices?", "Pupil devices were 3.1 years old; the average staff laptop 4.6 [1].", None),
    ("How many laptops did staff get?", "Pupils got 300 laptops [1].", "a figure for staff"),
    ("How many pupils does each teacher support?", "Each teacher supports 21 pupils [1].", None),
])
def test_a_figure_for_staff_is_not_one_for_pupils(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


def test_a_figure_for_primary_and_secondary_schools_is_not_one_for_special_schools():
    row = "**Management information system** [1]:\n- Primary (per pupil per year): £9.40 [1]\n- Secondary (per pupil per year): £7.10 [1]"
    assert missing_answer_type("How much do special schools pay per pupil for their information system?", row) == "a figure for special schools"
    assert missing_answer_type("How much do primary schools pay per pupil for their information system?", row) is None


@pytest.mark.parametrize("question, answer, lacking", [
    ("What was the average waiting time for an appeal hearing in 2023-24?",
     "**Social security appeals** [1]:\n- Online since: 2020 [1]\n- Applications 2023-24: 96,000 [1]", "a length of time"),
    ("How long did people wait?", "Waits were much shorter than before [1].", "a length of time"),
    ("How long does a decision take?", "Decisions take 12 weeks on average [1].", None),
    ("How long is the contract?", "The contract runs for five years [1].", None),
    ("How long did the pilot run?", "The pilot ran from March to August 2024 [1].", None),  # the dates it ran between
    ("What is the median wait for an appointment?", "The median wait was 29 months [1].", None),
    ("What was the median time to close a complaint at the HCPC?",
     "**Health and Care Professions Council** [1]:\n- Complaints made online: 49% [1]\n- Median days to close a complaint: 56 [1]", None),
    # a time taken in minutes and seconds, as a field of its own; a clock time of something else is none
    ("What was Pennine Ridge's average response time to dwelling fires in 2019-20?",
     "**Pennine Ridge FRS** [1]:\n- Type of area: Significantly rural [1]\n- Average response to dwelling fires, 2019-20: 9:40 [1]", None),
    ("What was Pennine Ridge's average response time to dwelling fires in 2019-20?",
     "**Pennine Ridge FRS** [1]:\n- Type of area: Significantly rural [1]\n- Control room opens: 9:40 [1]", "a length of time"),
])
def test_a_length_of_time_asked_for_wants_one(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


@pytest.mark.parametrize("answer, lacking", [
    ("Readers borrowed 2.3 million e-books through the platform [1].", "an amount of money"),  # a count in millions
    ("The pilot cost 1.2 million over two years [1].", None),
    ("It cost 3.2 million pounds [1].", None),
])
def test_a_count_in_millions_is_no_amount_of_money(answer, lacking):
    assert missing_answer_type("How much did the shared platform pilot cost?", answer) == lacking


def test_a_median_asked_for_is_not_an_average():
    question = "What was the median time councils took to decide a minor planning application?"
    assert missing_answer_type(question, "The average time taken to decide a minor application was 11.4 weeks [1].") == "a median"
    assert missing_answer_type(question, "The median time was 9 weeks, against an average of 11.4 [1].") is None


def test_a_count_asked_of_what_was_done_is_given_by_a_field_saying_it_in_its_own_word():
    from assistant.answerability import row_lacks_count, uncounted
    row = "**Sunderland** [1]:\n- Devices lent: 880 [1]\n- Help hubs: 3 [1]"
    assert uncounted("How many laptops and tablets were lent out in Sunderland?", row) is None
    assert uncounted("How many laptops were repaired in Sunderland?", row) == "a number of laptops"
    texts = ["Sunderland - Devices lent: 880; Help hubs: 3\nGateshead - Devices lent: 610; Help hubs: 2"]
    assert row_lacks_count(["Sunderland"], {"laptop"}, "laptops", texts, {"lent"}) is None
    assert row_lacks_count(["Sunderland"], {"laptop"}, "laptops", texts, {"repair"}) == "a number of laptops for Sunderland"


def test_a_total_asked_for_is_not_a_cost_per_unit_named_before_the_amounts():
    question = "How much did police forces spend in total on storing body-worn video footage?"
    per_camera = "The cost per camera per year ranged from 180 pounds to 432 pounds, a gap of 2.4 times [1]."
    assert missing_answer_type(question, per_camera) == "a total amount"
    assert missing_answer_type(question, "Forces spent 12 million pounds in total, about 300 pounds per camera [1].") is None


def test_a_figure_for_buses_is_not_one_for_trains():
    answer = "The contactless share of bus fares rose from 31% in January 2024 to 58% in May 2025 [1]."
    assert missing_answer_type("What share of train fares in the North East were paid by contactless card?", answer) == "a figure for train"
    assert missing_answer_type("What share of bus fares were paid by contactless card?", answer) is None


def test_a_rate_asked_for_is_a_figure():
    assert missing_answer_type("What was the response rate of the survey?", "It was open to every staff group [1].") == "a share"
    assert missing_answer_type("What was the response rate of the survey?", "38 services responded, a response rate of 86% [1].") is None


def test_a_row_labelled_with_only_some_words_of_the_name_asked_about_is_another_place():
    row = "**North Lincolnshire** [1]:\n- Households using digital alarms: 710 [1]\n- Average response time (minutes): 22 [1]"
    assert missing_answer_type("What was the alarm response time in North East Lincolnshire?", row) == "a figure for North East Lincolnshire"
    assert missing_answer_type("What was the alarm response time in North Lincolnshire?", row) is None
    assert missing_answer_type("What was the response time for North Lincolnshire Council?", row) is None


def test_a_count_of_them_doing_what_was_asked_counts_the_things_asked_about():
    from assistant.answerability import uncounted
    line = "Between January and March 2023, 38 of them completed our questionnaire [1]."
    assert uncounted("How many fire and rescue services completed the questionnaire?", line) is None
    assert uncounted("How many fire and rescue services hosted a visit?", line) == "a number of services"
    other = "Every service completed our questionnaire, and we interviewed 22 of them [1]."  # 22 interviewed, not completing
    assert uncounted("How many on-call firefighters completed training?", other) == "a number of firefighters"


@pytest.mark.parametrize("question, answer, lacking", [
    # the noun after the thing a unit names may be the unit itself
    ("What was the typical weekly price councils paid per telecare connection?",
     "The median price per connection per week was £4.80 [1].", None),
    ("What was the typical weekly price councils paid per telecare connection?",
     "Councils spent £12 million on telecare in 2023 [1].", "an amount per telecare"),
    # a score is asked for, not an amount, though "price" is what was scored
    ("What did Kestrel Systems score on price in the evaluation?", "- Price (out of 30): 27 [1]", None),
    ("What price did Kestrel Systems bid in the evaluation?", "- Price (out of 30): 27 [1]", "an amount of money"),
])
def test_a_unit_of_two_words_and_a_score_for_price(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


def test_a_word_ending_in_s_that_is_not_a_plural_is_not_what_is_counted():
    from assistant.question_focus import counted_phrase
    assert counted_phrase("How many bus stops in Hollinsford had a display?") == ["bus", "stops"]
    assert counted_phrase("How many census returns came in online?") == ["census", "returns"]
    assert counted_phrase("How many buses had readers?") == ["buses"]


def test_a_row_under_a_caption_counting_the_noun_counts_it():
    from assistant.answerability import uncounted
    context = "2. How many reports are made\nIn 2022 there were 118,400.\n\nReports by type of incident, 2022\n\nWater pollution: 38,900\nOdour: 27,600"
    question = "How many reports of water pollution did the public make in 2022?"
    assert uncounted(question, "Water pollution: 38,900 [1]", context) is None
    assert uncounted(question, "Water pollution: 38,900 [1]", context.replace("Reports by", "Incidents by")) == "a number of reports"


def test_online_in_the_documents_title_is_their_subject_not_a_channel():
    question = "What share of online careers services met the accessibility standard?"
    answer = "Only 19% of the services met the accessibility standard, and 52% offered a live chat with a human adviser [1]."
    assert missing_answer_type(question, answer, titles="Finding the Way: PSB Review of Online Careers Advice") is None
    assert missing_answer_type(question, answer, titles="Careers services review 2022") == "a figure for online"


def test_how_fast_a_connection_is_wants_a_bit_rate_not_any_rate():
    """ "£1,150 a year" is a rate, and led "How fast was the internet ...?" in the chooser; a line's speed is a bit rate."""
    from assistant.answerability import states_speed
    question = "How fast was the internet in Welsh care homes after they were upgraded?"
    assert not states_speed("Upgraded homes now pay an average of £1,150 a year each for their connection.", question)
    assert states_speed("The average download speed rose from 18 Mbps to 142 Mbps.", question)
    assert states_speed("Storage costs were rising by 22% a year.", "How quickly is the bill for storage growing?")


@pytest.mark.parametrize("question, answer, lacking", [
    # a rate of two words ("staff turnover rate") is a rate; a count of who answered is none
    ("What was the staff turnover rate reported in the 2024 survey?",
     "Between 15 January and 22 March 2024, 2,140 people working in adult social care answered our questionnaire [1].", "a share"),
    ("What was the staff turnover rate reported in the 2024 survey?", "Staff turnover ran at 29% [1].", None),
    ("What was the error rate?", "There were 3 errors in every 100 records [1].", None),
    ("What was the call-back rate?", "Advisers made 12 call-backs a week [1].", None),
    ("What is the day rate?", "Contractors charged £650 [1].", None),
])
def test_a_rate_is_a_share_an_amount_or_a_figure_per_something(question, answer, lacking):
    assert missing_answer_type(question, answer) == lacking


def test_a_line_opening_with_another_date_gives_that_dates_figures():
    from assistant.answerability import figures_of_other_years
    question = "How many vacancies were listed on the Apprenticeship Finder by the end of 2024?"
    line = "By 31 December 2023, less than four months after launch, employers had listed 1,260 vacancies [1]."
    assert figures_of_other_years(question, line) == "a figure for 2024"
    assert figures_of_other_years(question.replace("2024", "2023"), line) is None
    # a span opening the line holds its years; a line stating no date may be the year asked
    assert figures_of_other_years("How many loans were made in 2024?", "In 2023-24, the branches made 11,400 loans [1].") is None
    assert figures_of_other_years("How many loans were made in 2024?", "The branches made 11,400 loans [1].") is None


def test_a_time_given_for_other_channels_is_not_the_time_for_the_one_asked():
    answer = ("The median time to triage was 2.5 hours for telephone reports but 9 hours for reports made through the online form [1].\n\n"
              "- The median time from receipt to a permit decision was 58 days [2].")
    assert missing_answer_type("What was the median time to triage pollution reports sent by email?", answer) == "a figure for email"
    assert missing_answer_type("What was the median time to triage pollution reports made by telephone?", answer) is None


def test_a_row_of_another_channel_does_not_time_the_one_asked():
    # "median triage time" asks a time with a word between; "through its mobile app" names the channel
    answer = ("**24/7 phone line** [1]:\n- Reports in 2024: 486 [1]\n- Median time to acknowledge: 4 minutes [1]\n"
              "- Median time to triage: 2 hours [1]")
    question = "What is the unit's median triage time for incidents reported through its mobile app?"
    assert missing_answer_type(question, answer) == "a figure for the app"
    assert missing_answer_type(question.replace("its mobile app", "its phone line"), answer) is None


def test_people_who_responded_are_counted_by_the_responses():
    from assistant.answerability import uncounted

    question = "How many borrowers responded to the Kit Out evaluation survey?"
    assert uncounted(question, "We received 1,046 responses, equal to 27 per cent of the 3,870 loans made [1].") is None
    assert uncounted(question, "The survey ran for 3 weeks and 40 libraries took part [1].") == "a number of borrowers"
    assert uncounted("How many borrowers visited the library?", "We received 1,046 responses [1].") == "a number of borrowers"
    assert uncounted("How many public bodies completed the 2024 survey?", "We received 396 completed questionnaires [1].") is None


def test_a_why_question_needs_a_reason():
    from assistant.answerability import missing_answer_type

    why = "Why did visitor numbers in the East of England recover faster than in other regions?"
    assert missing_answer_type(why, "The East of England has recovered furthest, at 88 per cent [1].") == "a reason"
    assert missing_answer_type(why, "Visits rose fastest there because two new central libraries opened [1].") is None
    listed = "Of the 425 teachers who left early, most gave one of three reasons [1]:\n\n- workload [1]\n- moving school [1]"
    assert missing_answer_type("Why did teachers drop out of the course?", listed) is None
    rows = "**Arm's-length bodies** [1]:\n- Responses: 148 [1]\n- Tested plan in last year: 45% [1]"
    assert missing_answer_type("Why were arm's-length bodies less likely to have tested their plans?", rows) == "a reason"


def test_a_reason_must_be_about_what_the_why_question_asks():
    from assistant.answerability import missing_answer_type

    why = "Why were hackney carriage applicants in the Midlands less satisfied than those in London in 2025?"
    other = ("Premises licence applications took longest of all, at 41 days, largely because of the consultation period [1].\n\n"
             "- Hackney carriage drivers were the least satisfied (60 per cent) [1].")
    assert missing_answer_type(why, other) == "a reason"  # a reason, for premises licences
    own = "Hackney carriage applicants in the Midlands were less satisfied because their councils still took paper forms [1]."
    assert missing_answer_type(why, own) is None
    # a short question ("Why did the rest fail?", a follow-up) needs one word of it in the reason's sentence
    assert missing_answer_type("Why did the rest fail?", "44 per cent failed because the names did not match [1].") is None


def test_what_an_edition_after_every_document_found_is_not_covered():
    from assistant.answerability import edition_after_documents

    asked = "What did the 2028 Digital Planning Benchmark find about planning decisions published as data?"
    assert edition_after_documents(asked, ["2026-04-01", "2025-11-02"]) == "findings of a 2028 edition (every document is older)"
    assert edition_after_documents(asked.replace("2028", "2026"), ["2026-04-01", "2025-11-02"]) is None
    assert edition_after_documents("What will the 2028 benchmark measure?", ["2026-04-01"]) is None  # a plan, asked as one
    assert edition_after_documents(asked, ["2026-04-01", ""]) is None  # an undated document may be newer


def test_how_quickly_asks_for_a_time_whatever_money_it_names():
    from assistant.answerability import is_money_question

    assert not is_money_question("How quickly did people get their first benefit money in the pilot areas?")
    assert is_money_question("How much funding has been set aside to extend the pilot to 20 councils?")
    assert not is_money_question("Which body provided the funding for the pilot?")  # a name, not an amount
    assert is_money_question("How much benefit money was paid in the pilot areas?")


def test_an_owner_asked_for_may_be_a_team():
    from assistant.answerability import missing_answer_type

    asked = "In Patients Online 2026, who is the owner of the recommendation on making identity checks easier?"
    assert missing_answer_type(asked, "Recommendation 2: Make identity checks easier [1]. Owner: the NHS login team at NHS England [1].") is None
    assert missing_answer_type(asked, "Recommendation 2: Make identity checks easier [1].") == "a name"
    given = "Who was given ownership of the 2024 recommendation to publish a service standard?"
    assert missing_answer_type(given, "Recommendation 4: Publish a service standard [1]. Owner: NSFS board [1].") is None
    assert missing_answer_type(given, "Recommendation 4: Publish a service standard [1].") == "a name"


def test_how_quickly_is_answered_by_a_field_of_days_and_a_way_not_taken_is_no_channel_asked():
    row = ("**Ashworth Borough Council** [1]:\n- Registered on portal: 48% [1]\n- Days to decide a relief claim (before pilot): 34 [1]\n"
           "- Days to decide a relief claim (March 2025): 12 [1]")
    assert missing_answer_type("Once the portal was live, how quickly was Ashworth deciding small firms' claims?", row) is None
    assert missing_answer_type("How quickly was Ashworth deciding claims?", "- Registered on portal: 48% [1]") == "a speed"
    line = "4,300 deaths were registered this way during the pilot, and 93 per cent of families were satisfied [1]."
    assert missing_answer_type("How many deaths were registered over a video link instead of in person?", line) is None
    assert missing_answer_type("How many deaths were registered in person?", line) == "a figure for in person"
    vouched = "Each vouched check cost an average of £14.20 in staff time, against £31.50 for a full identity interview [1]."
    assert missing_answer_type("What did a vouched check cost, set against a full face-to-face interview?", vouched) is None


def test_a_change_in_a_count_is_no_count():
    from assistant.answerability import uncounted
    row = "**Greyhaven City** [1]:\n- Households: 131,400 [1]\n- Fall in calls: 22% [1]"
    assert uncounted("How many council tax calls did Greyhaven's contact centre receive before launch?", row) == "a number of calls"
    assert uncounted("How many planning applications come in online?", "- Applications submitted online: 93% [1]") is None


def test_a_score_asked_for_needs_a_figure():
    listed = "- see their current bill and payment history [1]\n- apply for small business rate relief [1]"
    assert missing_answer_type("What satisfaction score did business ratepayers give the portal?", listed) == "a score"
    assert missing_answer_type("What satisfaction score did ratepayers give the portal?", "Ratepayers scored it 7.9 out of 10 [1].") is None


def test_an_acronym_the_question_spells_out_names_no_provider():
    question = "Which certified identity provider supplies the Registration Identity Check used by RegOnline?"
    assert missing_answer_type(question, "58 per cent passed the Registration Identity Check (RIC) first time [1].") == "a name"
    assert missing_answer_type(question, "The check is supplied by Veritas ID Ltd under contract to GRO [1].") is None


def test_a_column_counting_the_thing_done_another_way_does_not_count_it_as_asked():
    from assistant.answerability import row_lacks_count
    texts = ["Prison / Type / Laptops issued:\nHMP Greywell - Type: Women's prison; Laptops issued: 380\n"
             "HMP Oakhurst - Type: Young offender institution; Laptops issued: 370"]
    assert row_lacks_count(["HMP Greywell"], {"laptop"}, "laptops", texts, {"damag"}) == "a number of laptops for HMP Greywell"
    assert row_lacks_count(["HMP Greywell"], {"laptop"}, "laptops", texts, {"issu"}) is None
    assert row_lacks_count(["HMP Greywell"], {"laptop"}, "laptops", texts) is None


def test_a_company_whose_name_shares_part_of_a_word_of_the_question_is_a_new_name():
    question = "Which research company carried out the fieldwork for the 2025 motorist survey?"
    line = "Haldane Field Research ran the fieldwork for the PSB on its online panel in March 2025 [1]."
    assert missing_answer_type(question, line, titles="PSB Motorist Survey 2025") is None
    assert missing_answer_type(question, "The fieldwork ran for the PSB on its online panel in March 2025 [1].",
                               titles="PSB Motorist Survey 2025") == "a name"


def test_where_money_came_from_asks_for_a_source_not_an_amount():
    line = "It was funded by the Local Roads Innovation Fund, run by the Department for Transport [1]."
    assert missing_answer_type("Where did the money for the pothole app programme come from?", line) is None
    assert missing_answer_type("Who paid for the pilot?", line) is None
    assert missing_answer_type("How much money did the pilot get?", line) == "an amount of money"
    what = "Bid Ready was a pilot of free bid-writing clinics for small firms [1]. It ran from January to September 2023 [1]."
    assert missing_answer_type("Where did that money come from?", what) == "where the money came from"


def test_a_row_of_a_table_captioned_with_what_it_counts_counts_it():
    """ "How many webchat contacts ...?": the Webchat row gives only years, and the caption above the table's header line
    says what they count ("Contacts, January to September of each year")."""
    from assistant.answerability import uncounted

    context = ("2. CONTACTS BY CHANNEL\nContacts, January to September of each year\n\nChannel / 2023 / 2024 / 2025:\n"
               "Telephone - 2023: 1,420,000; 2024: 1,310,000; 2025: 890,000\nWebchat - 2023: 310,000; 2024: 455,000; 2025: 520,000")
    row = "**Webchat** [1]:\n- 2023: 310,000 [1]\n- 2024: 455,000 [1]\n- 2025: 520,000 [1]"
    assert uncounted("How many webchat contacts did the Adviceline handle in the first nine months of 2024?", row, context) is None
    assert uncounted("How many webchat complaints did the Adviceline handle in 2024?", row, context) == "a number of complaints"
    # a sentence above the table is no caption
    prose = context.replace("Contacts, January to September of each year", "Contacts fell in 2025 as the tracker went live.")
    assert uncounted("How many webchat contacts did the Adviceline handle in 2024?", row, prose) == "a number of contacts"


def test_an_action_named_by_a_noun_after_a_light_verb_is_counted_by_its_column():
    """ "How many checks did Wealdshire take bookings for online?": the row's "Booked online" column counts what was booked."""
    from assistant.answerability import uncounted
    from assistant.question_focus import counted_action

    question = "How many checks did Wealdshire FRS take bookings for online in 2023-24?"
    assert counted_action(question) == {"book"}
    assert counted_action("How many complaints did the council receive?") == set()
    row = "**Wealdshire FRS** [1]:\n- Booked online, 2022-23: 0 (no online option) [1]\n- Booked online, 2023-24: 2,050 [1]"
    assert uncounted(question, row) is None
    assert uncounted("How many checks did Wealdshire FRS cancel in 2023-24?", row) == "a number of checks"


def test_findings_asked_for_are_not_answered_by_a_line_saying_they_are_still_to_come():
    from assistant.answerability import missing_answer_type
    asked = "What did Clearpath Access conclude in its accessibility audit of the Kestrel portal?"
    later = "Clearpath Access, an independent auditor, will report on the portal's accessibility in March 2026 [1]."
    assert missing_answer_type(asked, later) == "findings (the documents say they are still to come)"
    found = "Clearpath Access concluded that the portal met the accessibility standard, with two minor issues [1]."
    assert missing_answer_type(asked, found) is None
    # a plan asked about is answered by the plan
    assert missing_answer_type("When will Clearpath Access report?", later) is None


def test_when_did_it_come_out_asks_when_it_was_published():
    from assistant.notices import notice_answers
    from assistant.question_shapes import asks_publication_date
    assert asks_publication_date("when did it come out?")
    assert not asks_publication_date("When will the next one come out?")  # a plan
    assert notice_answers("Published 27 February 2025.", "Who prepared the briefing, and when did it come out?")

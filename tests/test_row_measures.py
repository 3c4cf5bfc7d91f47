"""A table row answers only for its own columns (``assistant.row_measures``)."""

from assistant.row_measures import row_lacks_measure

# the answer as the extractive answerer writes a table row
_ROW = ("**North East** [1]:\n- Responses: 18 [1]\n- Tenant portal offered: 72% [1]\n"
        "- Repairs reported digitally: 41% [1]\n- Online booking: 50% [1]")
# an invented landlords' benchmark: a recommendation names a measure the regional table does not give
_TEXTS = ["Region | Responses | Tenant portal offered | Repairs reported digitally | Online booking\n"
          "North East | 18 | 72% | 41% | 50%",
          "Recommendation 4: report the first-visit fix rate and the digital share of repairs to tenants each year."]


def test_a_measure_named_elsewhere_but_not_in_the_row_is_missing():
    question = "What was the first-visit fix rate for landlords in the North East in 2026?"
    assert row_lacks_measure(question, _ROW, _TEXTS) == "a figure for first-visit fix rate in North East"


def test_a_column_the_question_names_answers_it():
    assert row_lacks_measure("What share of North East landlords let tenants book online?", _ROW, _TEXTS) is None
    assert row_lacks_measure("How many repairs were reported digitally in the North East?", _ROW, _TEXTS) is None


def test_words_no_passage_says_together_are_left_to_the_answer():
    # a paraphrase of a column in words the documents never use side by side is not refused
    assert row_lacks_measure("What share of North East tenants could sort out a leaking roof from their sofa?", _ROW, _TEXTS) is None


def test_taking_part_is_counted_by_the_responses_column():
    texts = [*_TEXTS, "Landlords who took part in the benchmark were asked about repairs."]
    assert row_lacks_measure("How many landlords took part in the North East?", _ROW, texts) is None


def test_only_a_row_the_question_names_and_only_a_figure_question():
    assert row_lacks_measure("What was the first-visit fix rate for landlords in the South West?", _ROW, _TEXTS) is None
    assert row_lacks_measure("Which region had the best first-visit fix rate?", _ROW, _TEXTS) is None
    assert row_lacks_measure("Who reports the first-visit fix rate in the North East?", _ROW, _TEXTS) is None


def test_a_row_across_years_names_its_measure_in_its_label():
    row = "**Online booking** [1]:\n- 2024: 31% [1]\n- 2026: 50% [1]\n- Change: +19 points [1]"
    assert row_lacks_measure("What share offered online booking with a first-visit fix in 2026?", row, _TEXTS) is None


def test_a_row_the_question_names_outside_the_answer_is_checked_in_its_year():
    texts = ["Survey 2024\nResults by sector\nPolice forces - Responses: 41; Tested plan: 63%; Ransomware attempt: 24%",
             "Survey 2026\nTable 2, 2026\nPolice forces - Responses: 43; Tested plan: 79%",
             "Survey 2026\nFindings\nA third of bodies recorded at least one ransomware attempt."]
    answer = "A third of bodies (33 per cent) recorded at least one ransomware attempt [1]."
    question = "What share of police forces recorded a ransomware attempt in the 2026 survey?"
    assert row_lacks_measure(question, answer, texts) == "a figure for ransomware attempt in police forces"
    # the 2024 row has the column: left to the answer
    assert row_lacks_measure(question.replace("2026", "2024"), answer, texts) is None
    # an opening that names the row answers for it
    assert row_lacks_measure(question, "Police forces: 24% [1].", texts) is None


def test_subject_words_in_the_rows_own_table_or_apart_in_prose_name_no_measure():
    # "people who are entitled" is no "people entitled"; a caption naming the table's subject is the row's own
    row = "**Stockport** [1]:\n- Residents written to: 22,400 [1]\n- Completeness before (2024): 89% [1]"
    texts = ["Council / Residents written to / Completeness before (2024):\nStockport - Residents written to: 22,400; Completeness before (2024): 89%",
             "Every year people who are entitled to vote find they are not on the register."]
    assert row_lacks_measure("In Stockport, what share of people entitled to vote were on the roll?", row, texts) is None
    crosstab = "**Online card payment** [1]:\n- All payers: 17% [1]\n- Aged 18-34: 26% [1]"
    texts = ["Table 2: Method used for the most recent council tax payment, by age\n"
             "Online card payment - All payers: 17%; Aged 18-34: 26%", "Every council tax payment costs money to take."]
    assert row_lacks_measure("What share of 18 to 34 year olds made their latest council tax payment by card online?", crosstab, texts) is None


def test_words_setting_the_time_of_the_question_are_not_the_measure():
    row = "**Stockport** [1]:\n- Residents written to: 22,400 [1]\n- Completeness after (2025): 93% [1]"
    texts = ["Stockport - Residents written to: 22,400; Completeness after (2025): 93%",
             "The data-matching trial wrote to residents found in other government records."]
    question = "In Stockport, what share of people entitled to vote were on the roll after the data-matching trial?"
    assert row_lacks_measure(question, row, texts) is None
    # the same words asked as the measure are one
    assert row_lacks_measure("In Stockport, what was the match rate of the data-matching trial?", row, texts) == (
        "a figure for data-matching trial in Stockport")


def test_whose_row_it_is_and_another_form_of_a_columns_word_are_no_missing_measure():
    """ "people aged 75 and over" says whose row it is, and "referral" is the column "Referred by a partner agency":
    the row answers, though the documents write "people aged" side by side elsewhere."""
    row = "**75 and over** [1]:\n- Booked online: 6% [1]\n- Booked by phone: 52% [1]\n- Referred by a partner agency: 42% [1]"
    texts = ["Age group | Booked online | Booked by phone | Referred by a partner agency\n75 and over | 6% | 52% | 42%",
             "Checks for people aged over 65 were most often arranged by referral from a partner agency."]
    question = ("In the 2025 survey, what proportion of people aged 75 and over had their most recent check arranged through a "
                "referral from a partner agency?")
    assert row_lacks_measure(question, row, texts) is None
    assert row_lacks_measure("What share of people aged 75 and over had a check cancelled by the service?", row,
                             [*texts, "Checks cancelled by the service fell in 2025."]) == "a figure for check cancelled in 75 and over"


def test_a_share_is_asked_of_a_column_of_shares_not_of_the_count_it_would_divide():
    """ "Business ratepayers: 4,980" shares the question's words but counts the people a share would be of."""
    row = ("**Brackley Vale Council** [1]:\n- Business ratepayers: 4,980 [1]\n- Registered on portal: 44% [1]\n"
           "- Relief claims made online: 69% [1]")
    texts = ["Council / Business ratepayers / Registered on portal / Relief claims made online:\n"
             "Brackley Vale Council - Business ratepayers: 4,980; Registered on portal: 44%; Relief claims made online: 69%",
             "Nationally, a third of business ratepayers use a rates agent to deal with the council."]
    question = "What proportion of Brackley Vale's business ratepayers deal with the council through a rates agent?"
    assert row_lacks_measure(question, row, texts) is not None
    # the count itself is asked: the column answers
    assert row_lacks_measure("How many business ratepayers does Brackley Vale Council have?", row, texts) is None
    # a share the row's columns of shares give
    assert row_lacks_measure("What share of Brackley Vale Council's business ratepayers registered on the portal?", row, texts) is None


def test_a_row_labelled_by_the_year_the_question_names_is_not_the_row_it_asks_of():
    """ "According to the 2023 survey ..." names an edition, not the row "2023" of a table of applications by year."""
    texts = ["Year / Applications received / Online / Paper:\n2023 - Applications received: 41,300; Online: 68%; Paper: 24%",
             "Veterans who hold a Veteran ID card: 22 per cent", "The share of veterans holding a card has doubled."]
    answer = "Veterans who hold a Veteran ID card: 22 per cent [1]"
    assert row_lacks_measure("According to the 2023 survey, what share of veterans hold a Veteran ID card?", answer, texts) is None


def test_a_column_naming_the_measure_by_its_acronym_answers():
    row = "**London and South East** [1]:\n- Responses: 780 [1]\n- Aware of PSR: 49% [1]"
    texts = ["London and South East - Responses: 780; Aware of PSR: 49%",
             "Awareness of the Priority Services Register is highest in the South West."]
    question = "What proportion of respondents in London and South East had heard of the Priority Services Register?"
    assert row_lacks_measure(question, row, texts) is None
    assert row_lacks_measure(question.replace("Priority Services Register", "Priority Services Scheme"), row,
                             [*texts, "The Priority Services Scheme is run by councils."]) is not None

"""Follow-ups pointing into the previous answer: "the fourth one", "the quietest one", "it" for a row."""

from assistant.answered_items import another_extreme, the_nth_answered
from assistant.followup_scope import the_one_answered

LISTED = """“Levy and Logins” makes 4 recommendations [1]:
- AS1 Allow every account to have two owners (owner: ESFA; when: April 2023) [2]
- AS2 Send expiry warnings by text message [3]
- AS3 Extend the **pledge pilot** to every region... [3]
- AS4 Agree one shared apprentice record (owner: ESFA and training providers) [4]"""


def test_the_nth_item_of_the_previous_answer_stands_in_for_the_nth_one():
    assert the_nth_answered("Who owns the fourth one, and by when?", LISTED) == "Who owns “AS4 Agree one shared apprentice record”, and by when?"
    assert the_nth_answered("Say more about the third one.", LISTED) == "Say more about “AS3 Extend the pledge pilot to every region”."
    assert the_nth_answered("What about the last recommendation?", LISTED) == "What about “AS4 Agree one shared apprentice record”?"
    assert the_nth_answered("Who owns the 2nd one?", LISTED) == "Who owns “AS2 Send expiry warnings by text message”?"


def test_no_rewrite_without_an_nth_item():
    assert the_nth_answered("Who owns the fifth one?", LISTED) is None  # the answer listed four
    assert the_nth_answered("What did the first survey find?", LISTED) is None  # "first survey" is not an item of the answer
    assert the_nth_answered("Who owns the second one?", "Budgets fell by 4 per cent [1].") is None


def test_the_other_superlative_of_the_previous_question():
    busiest = "Which quarter of 2023 was busiest for passport applications?"
    assert another_extreme("What about the quietest one?", busiest) == "Which quarter of 2023 was quietest for passport applications?"
    assert another_extreme("And the lowest?", "Which landlord had the highest fix rate?") == "Which landlord had the lowest fix rate?"
    assert another_extreme("What about the quietest one?", "How many passports were issued?") is None
    assert another_extreme("What about culture?", busiest) is None
    region = "Which region had the highest share of library authorities lending devices in 2024-25?"
    assert another_extreme("And which had the lowest?", region) == region.replace("highest", "lowest")
    assert another_extreme("Which was lowest?", region) == region.replace("highest", "lowest")
    assert another_extreme("And which had the most staff?", region) is None  # a question of its own


def test_a_table_row_picked_out_is_also_it():
    answer = "**Highest first-time fix rate:** **Tamar Homes** [1]:\n- Homes: 15,480 [1]"
    previous = "Which landlord in the repairs review had the best first-time fix rate?"
    assert the_one_answered("How many homes does it manage?", previous, answer) == "How many homes does Tamar Homes manage?"
    assert the_one_answered("How many homes at that one?", previous, answer) == "How many homes at Tamar Homes?"
    assert the_one_answered("When did its repairs app start?", previous, answer) == "When did Tamar Homes's repairs app start?"
    # a "which" question asks for another row: its "it" is what the rows belong to, not the row picked out
    assert the_one_answered("And which is it furthest behind on?", previous, answer) is None
    # "them" of a row picked out: those the row is of
    assert the_one_answered("How many of them have an app?", previous, answer) == "How many Tamar Homes have an app?"
    assert the_one_answered("What share of them have an app?", previous, answer) == "What share of Tamar Homes have an app?"
    # "it" standing for the "to ..." after it: the row picked out is not what costs
    assert the_one_answered("How much would it cost to replace all the old vans?", previous, answer) is None
    # a sentence led the answer, not a row: "it" stays as asked
    assert the_one_answered("How many homes does it manage?", previous, "**Tamar Homes** leads on repairs [1].") is None


def test_there_after_a_table_row_picked_out_is_that_row():
    answer = "**Lowest contactless share:** **Ribbleton** [1]:\n- Buses fitted: 76 [1]"
    previous = "Which borough had the lowest contactless take-up?"
    assert the_one_answered("How many buses had readers fitted there?", previous, answer) == \
        "How many buses had readers fitted in Ribbleton?"
    assert the_one_answered("How many buses were there?", previous, answer) is None  # "there" is no place here
    assert the_one_answered("Are there plans for more buses?", previous, answer) is None
    # after a plural noun "there" is the place, whatever verb follows
    assert the_one_answered("How many of the buses there have readers?", previous, answer) == "How many of the buses in Ribbleton have readers?"
    assert the_one_answered("How many buses had readers fitted there?", previous, "**Ribbleton** leads on buses [1].") is None


def test_that_one_after_a_sentence_naming_the_one_picked_out_is_that_name():
    previous = "Which edtech procurement framework was used least by schools?"
    answer = "The School MIS Marketplace was the least used, which matters because it is a school's largest contract [1]."
    assert the_one_answered("Who owns that one?", previous, answer) == "Who owns the School MIS Marketplace?"
    assert the_one_answered("Who owns it?", previous, answer) is None  # "it" may be the framework asked about, not the name
    assert the_one_answered("Who owns that one?", "What did schools buy?", answer) is None  # nothing picked out


def test_they_after_a_row_of_people_picked_out_are_those_people():
    answer = "**Highest hours on notes:** **Probation officers** [1]:\n- Hours on notes: 13.4 [1]"
    previous = "Which group of probation staff spent the most time writing up case notes?"
    assert the_one_answered("How satisfied were they with their laptops?", previous, answer) == \
        "How satisfied were Probation officers with their laptops?"
    one = "**Highest first-time fix rate:** **Tamar Homes Trust** [1]:\n- Homes: 15,480 [1]"  # not a plural: "they" is not it
    assert the_one_answered("How satisfied were they with it?", "Which landlord had the best fix rate?", one) == \
        "How satisfied were they with Tamar Homes Trust?"

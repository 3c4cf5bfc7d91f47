"""'Which landlord had the best fix rate?': the table row holding the extreme of the column the question names."""

import pytest

from assistant.answerability import missing_answer_type
from assistant.retrieval import Passage
from assistant.table_extremes import asks_extreme, extreme_rows, has_asked_column, tables_in

LANDLORDS = """Landlord / Homes / Reported online / First-time fix rate / Days to complete:
Ashdown Housing - Homes: 31,200; Reported online: 48%; First-time fix rate: 76%; Days to complete: 18
Calder Homes - Homes: 22,750; Reported online: 61%; First-time fix rate: 81%; Days to complete: 12
Mersey Trust - Homes: 40,100; Reported online: 39%; First-time fix rate: 67%; Days to complete: 26
Tamar Homes - Homes: 15,480; Reported online: 52%; First-time fix rate: 84%; Days to complete: 9"""

BUDGETS_2020 = """Council type / Responses / Median digital budget:
County councils - Responses: 19; Median digital budget: £6.8m
Unitary authorities - Responses: 34; Median digital budget: £4.5m
District councils - Responses: 50; Median digital budget: £0.9m"""

BUDGETS_2025 = """Council type / Returns / Median digital budget 2025-26 / Share on legacy licences:
County councils - Returns: 9; Median digital budget 2025-26: £7.4m; Share on legacy licences: 41%
Unitary authorities - Returns: 14; Median digital budget 2025-26: £5.2m; Share on legacy licences: 36%
District councils - Returns: 17; Median digital budget 2025-26: £1.1m; Share on legacy licences: 47%"""

GAPS = """AI and automation (councils reporting a gap): 71%
Data analysis (councils reporting a gap): 49%
User-centred design (councils reporting a gap): 35%"""


def _p(text: str, doc: str = "d1", section: str = "Table 1", published: str | None = None, i: int = 0) -> Passage:
    return Passage(chunk_id=f"{doc}:{i}", doc_id=doc, title="T", source="t.pdf", section=section, page=None,
                   text=text, chunk_index=i, published=published)


def _labels(question: str, passages: list[Passage]) -> list[str]:
    return [c.text.split(" - ")[0].split(" (")[0] for c in extreme_rows(question, passages)]


@pytest.mark.parametrize("question, expected", [
    ("Which landlord had the best first-time fix rate?", ["Tamar Homes"]),
    ("Which landlord had the worst first-time fix rate?", ["Mersey Trust"]),
    # fewer days is better: "best" over a column of days is its smallest figure
    ("Which landlord had the best days to complete?", ["Tamar Homes"]),
    ("In the repairs review, which landlord had the biggest share reported online and which the smallest?",
     ["Calder Homes", "Mersey Trust"]),
    ("Which landlord was quickest to complete repairs, in days?", ["Tamar Homes"]),
    ("Which landlord was furthest behind on reporting online?", ["Mersey Trust"]),
    ("Which landlord was furthest ahead on reporting online?", ["Calder Homes"]),
])
def test_the_row_with_the_extreme_of_the_asked_column(question, expected):
    assert _labels(question, [_p(LANDLORDS)]) == expected


def test_a_total_row_is_not_one_of_the_rows_compared():
    boroughs = ("Borough / Laptops / Digital champions:\nManchester - Laptops: 820; Digital champions: 96\n"
                "Oldham - Laptops: 510; Digital champions: 71\nWigan - Laptops: 450; Digital champions: 64\n"
                "Total - Laptops: 3,100; Digital champions: 420")
    assert _labels("Which borough had the most digital champions?", [_p(boroughs)]) == ["Manchester"]


def test_a_single_column_table_and_most_common():
    assert _labels("Which skills gap was the most common among councils?", [_p(GAPS)]) == ["AI and automation"]
    assert _labels("What was the most common gap councils reported?", [_p(GAPS)]) == ["AI and automation"]


def test_the_year_asked_picks_the_table_of_that_year():
    passages = [_p(BUDGETS_2025, doc="b25", published="2025-03-01"), _p(BUDGETS_2020, doc="s20", published="2020-11-01")]
    assert _labels("Which type of council had the biggest median digital budget in 2020?", passages) == ["County councils"]
    rows = extreme_rows("Which type of council had the biggest median digital budget in 2020?", passages)
    assert rows[0].text.startswith("County councils - Responses: 19")  # the 2020 table's row, not 2025's
    assert _labels("Which type of council spends the biggest share on legacy licences in 2025-26?", passages) == ["District councils"]


@pytest.mark.parametrize("question", [
    "What do most councils use?",                         # "most" before a plural noun picks nothing out
    "What are the top three barriers?",
    "How many homes does Tamar Homes manage?",            # no superlative
    "Which council had the highest failure rate?",        # the table's rows are landlords, not councils
    "Which landlord had the highest satisfaction with contractors?",  # no column of that name
    "What was the biggest obstacle landlords reported online?",  # a "what" question: "obstacle" names no column or row
])
def test_no_row_when_the_question_or_table_does_not_fit(question):
    assert extreme_rows(question, [_p(LANDLORDS)]) == []


def test_a_tie_gives_no_single_row():
    tied = LANDLORDS.replace("First-time fix rate: 81%", "First-time fix rate: 84%")
    assert extreme_rows("Which landlord had the best first-time fix rate?", [_p(tied)]) == []


def test_the_shape_and_the_chunk_test():
    assert asks_extreme("Which quarter of 2023 was busiest for passport applications?")
    assert asks_extreme("Which sector was least satisfied with the service?")
    assert asks_extreme("Which quarter had the most applications, and how many?")
    assert not asks_extreme("Which sector uses the service?")
    assert asks_extreme("Which role was least confident with digital evidence systems?")  # an adjective by its ending
    assert asks_extreme("Which supplier was most expensive?")
    assert not asks_extreme("Which role do most constables hold?")
    assert not asks_extreme("What share of heads of IT said skills were the biggest obstacle?")  # a figure is asked
    assert has_asked_column("Which landlord had the best first-time fix rate?", LANDLORDS)
    assert not has_asked_column("Which landlord had the best first-time fix rate?", GAPS)


def test_a_bold_row_label_names_the_thing_a_which_question_asks_for():
    answer = "**Highest median digital budget:** **County councils** [1]:\n- Median digital budget: £6.8m [1]"
    assert missing_answer_type("Which type of council had the biggest median digital budget?", answer) is None
    assert missing_answer_type("Which council had the highest failure rate?", "Failures fell by 4 per cent [1].") == "a name"


COUNCILS = """Council / Inspections due / Share done / Tablet inspections:
Birmingham - Inspections due: 9,420; Share done: 76%; Tablet inspections: Partly
Norwich - Inspections due: 1,310; Share done: 97%; Tablet inspections: Yes
Lambeth - Inspections due: 2,880; Share done: 71%; Tablet inspections: No
Cardiff - Inspections due: 2,460; Share done: 95%; Tablet inspections: Yes"""


def test_which_things_are_the_rows_marked_yes_in_the_column_the_question_names():
    from assistant.table_matches import rows_marked_yes
    passages = [_p(COUNCILS)]
    found = rows_marked_yes("Which councils in the comparison do their inspections fully on tablets?", passages)
    assert [c.text.split(" - ")[0] for c in found] == ["Norwich", "Cardiff"]
    # a negative question: the rows marked no, not those marked partly
    assert [c.text.split(" - ")[0] for c in rows_marked_yes("Which councils do not inspect on tablets?", passages)] == ["Lambeth"]
    assert rows_marked_yes("Which councils failed to inspect on tablets?", passages) == []  # neither yes nor no
    water = ("Company / Complaints / Online case tracking:\nCalderbrook Water - Complaints: 7,150; Online case tracking: Yes\n"
             "Tamarside Water - Complaints: 10,900; Online case tracking: No\n"
             "Fenmoor Water - Complaints: 6,200; Online case tracking: Partial (status only)\n"
             "Wealdon Water - Complaints: 12,300; Online case tracking: No")
    found = rows_marked_yes("Which of the water companies offered no online case tracking at all?", [_p(water)])
    assert [c.text.split(" - ")[0] for c in found] == ["Tamarside Water", "Wealdon Water"]
    assert rows_marked_yes("Which landlords inspect on tablets?", passages) == []  # the rows are councils
    assert rows_marked_yes("Which council inspects on tablets?", passages) == []  # one thing asked: not this rule


def test_the_superlative_word_nearest_names_the_column():
    """ "the longest wait for a new driver licence": "wait", not "driver"; "the smallest share of its inspections": "share"."""
    table = """Council / Driver applications / Average wait:
Leeds - Driver applications: 3,940; Average wait: 9 weeks
Wolverhampton - Driver applications: 7,880; Average wait: 3 weeks
Cornwall - Driver applications: 1,120; Average wait: 17 weeks"""
    assert _labels("Which council had the longest wait for a new driver licence?", [_p(table)]) == ["Cornwall"]
    assert _labels("Which council got through the smallest share of its planned inspections?", [_p(COUNCILS)]) == ["Lambeth"]


def test_the_oldest_of_a_column_of_years_is_the_earliest_year():
    table = """Council / Entries digitised / Oldest entry:
Plymouth - Entries digitised: 268,000; Oldest entry: 1866
Wolverhampton - Entries digitised: 301,000; Oldest entry: 1849
Calderdale - Entries digitised: 412,000; Oldest entry: 1852"""
    assert _labels("Which council has the oldest register entry, and how old is it?", [_p(table)]) == ["Wolverhampton"]
    assert _labels("Which council has the most entries digitised?", [_p(table)]) == ["Calderdale"]


def test_the_year_asked_picks_the_column_of_that_year():
    table = """Service / Applied online in 2023 / Applied online in 2024:
Medal applications - Applied online in 2023: 47%; Applied online in 2024: 72%
Service records requests - Applied online in 2023: 15%; Applied online in 2024: 39%
Compensation claims - Applied online in 2023: 22%; Applied online in 2024: 12%"""
    assert _labels("Which veterans' service had the lowest share of online applications in 2023?", [_p(table)]) == ["Service records requests"]
    assert _labels("Which service had the lowest share of online applications in 2024?", [_p(table)]) == ["Compensation claims"]


def test_which_one_of_the_things_named_before_picks_a_row():
    """ "Of the four landlords compared, which one ...": "one" stands for the landlords named before it."""
    assert _labels("Of the four landlords compared, which one was slowest to complete repairs?", [_p(LANDLORDS)]) == ["Mersey Trust"]
    assert _labels("Of the councils compared, which one was slowest to complete repairs?", [_p(LANDLORDS)]) == []


PESTS = """Pest / Bookings 2022-23 / Average charge / Average wait (working days):
Rats - Bookings 2022-23: 21,400; Average charge: £0; Average wait (working days): 4
Bedbugs - Bookings 2022-23: 3,200; Average charge: £140; Average wait (working days): 9
Wasps - Bookings 2022-23: 18,900; Average charge: £65; Average wait (working days): 2"""


def test_price_words_and_least_likely_pick_a_column():
    """ "the most expensive to treat" is the highest charge; "least likely to find" the lowest share that found."""
    assert _labels("Which pest was the most expensive to treat, and what was the charge?", [_p(PESTS)]) == ["Bedbugs"]
    assert _labels("Which pest was the cheapest to treat?", [_p(PESTS)]) == ["Rats"]
    areas = ("Area / Adults finding a practice within 10 miles:\nLincolnshire - Adults finding a practice within 10 miles: 28%; x: 1\n"
             "Kent - Adults finding a practice within 10 miles: 44%; x: 1\nDevon - Adults finding a practice within 10 miles: 39%; x: 1")
    assert _labels("In which area were adults least likely to find a practice within 10 miles?", [_p(areas)]) == ["Lincolnshire"]


REGIONS = """Region / Forces / Files sent digitally / Days from charge to full file:
North - Forces: 12; Files sent digitally: 66%; Days from charge to full file: 11
London and South East - Forces: 7; Files sent digitally: 78%; Days from charge to full file: 6
Wales - Forces: 4; Files sent digitally: 61%; Days from charge to full file: 13"""


def test_a_follow_up_superlative_measures_what_the_previous_question_asked_about():
    """Written for this test: "Which region is quickest at it?" measures what "it" was in the question before (the days
    a full file takes); "which part of the country" asks for a table of regions."""
    from assistant.questions import follow_up_of

    before = "How long does it take for a full evidence file to get from the police to prosecutors?"
    assert _labels(follow_up_of("Which region is quickest at it?", before), [_p(REGIONS)]) == ["London and South East"]
    assert _labels(follow_up_of("Which part of the country is quickest at it?", before), [_p(REGIONS)]) == ["London and South East"]
    assert _labels("Which region is quickest at it?", [_p(REGIONS)]) == []  # at what, it does not say


def test_the_noun_a_question_picks_may_follow_a_place():
    """Written for this test: "Which north Wales council ...?" picks a council, the table's first column."""
    from assistant.table_extremes import names_its_rows
    rows = tables_in([_p("Council / Schools / Gigabit-connected:\nGwynedd - Schools: 97; Gigabit-connected: 62\n"
                         "Conwy - Schools: 60; Gigabit-connected: 49\nWrexham - Schools: 74; Gigabit-connected: 52")])[0]
    assert names_its_rows("Which north Wales council has the most schools?", *rows)
    assert not names_its_rows("Which north Wales landlord has the most schools?", *rows)


LOTS = """Lot / What it covers / Bids received / Bids from SMEs / Contract value:
1 - What it covers: Outstation hardware; Bids received: 7; Bids from SMEs: 3; Contract value: £18.5m
2 - What it covers: Communications; Bids received: 5; Bids from SMEs: 1; Contract value: £9.2m
3 - What it covers: Data platform; Bids received: 11; Bids from SMEs: 6; Contract value: £12.1m
4 - What it covers: Installation; Bids received: 9; Bids from SMEs: 5; Contract value: £6.2m"""


def test_a_column_of_a_part_the_question_does_not_name_is_not_the_one_asked():
    """ "Bids received" and "Bids from SMEs" both hold bids; only a question naming SMEs asks for the second."""
    assert _labels("Which lot attracted the most bids?", [_p(LOTS)]) == ["3"]
    assert _labels("Which lot attracted the fewest bids from SMEs?", [_p(LOTS)]) == ["2"]


def test_two_tables_in_one_section_are_two_tables():
    """A section holding a table by region and then one by age: the age rows are no regions."""
    text = ("NHS region / Used NHS App / Booked GP online:\nNorth East - Used NHS App: 63%; Booked GP online: 41%\n"
            "London - Used NHS App: 74%; Booked GP online: 52%\nMidlands - Used NHS App: 66%; Booked GP online: 44%\n\n"
            "Age group / Used NHS App / Booked GP online:\n18-34 - Used NHS App: 81%; Booked GP online: 58%\n"
            "55-74 - Used NHS App: 62%; Booked GP online: 40%\n75 and over - Used NHS App: 29%; Booked GP online: 17%")
    tables = tables_in([_p(text)])
    assert [(first, [r.label for r in rows]) for rows, first in tables] == [
        ("NHS region", ["North East", "London", "Midlands"]), ("Age group", ["18-34", "55-74", "75 and over"])]
    picked = extreme_rows("Which part of the country had the lowest take-up of the NHS App?", [_p(text)])
    assert [c.text.split(" - ")[0] for c in picked] == ["North East"]


def test_most_recent_picks_nothing_out():
    assert not asks_extreme("According to the 2025 survey, what share of passengers' most recent journeys were paid at a ticket machine?")
    assert not asks_extreme("What did the most recent survey find about apps?")
    assert asks_extreme("Which way of paying was the most common for recent journeys?")


def test_a_header_that_says_what_the_question_does_not_is_another_measure():
    """Written for this test: "booking visits online" shares two words with "Booked online" and two with "Missed a visit
    (booking problem)"; the second says more the question does not ask."""
    families = _p("Region / Family responses / Booked online / Found booking easy / Missed a visit (booking problem):\n"
                  "London - Family responses: 389; Booked online: 70%; Found booking easy: 74%; Missed a visit (booking problem): 9%\n"
                  "Wales - Family responses: 215; Booked online: 49%; Found booking easy: 55%; Missed a visit (booking problem): 14%\n"
                  "North West - Family responses: 301; Booked online: 64%; Found booking easy: 69%; Missed a visit (booking problem): 11%")
    rows = extreme_rows("Which region had the lowest proportion of families booking visits online in 2025?", [families])
    assert rows and rows[0].text.startswith("Wales")


SEND = """Region / SEND parents responding / Satisfied with EHC process overall:
North East - SEND parents responding: 48; Satisfied with EHC process overall: 27%
North West - SEND parents responding: 96; Satisfied with EHC process overall: 20%
London - SEND parents responding: 121; Satisfied with EHC process overall: 33%
South East - SEND parents responding: 101; Satisfied with EHC process overall: 35%
England - SEND parents responding: 366; Satisfied with EHC process overall: 29%"""

PILOT = """Council / Final plans within 20 weeks, pilot year / Families using the portal:
Calder Vale - Final plans within 20 weeks, pilot year: 41%; Families using the portal: 58%
Eastwick - Final plans within 20 weeks, pilot year: 66%; Families using the portal: 77%
Fallowmoor - Final plans within 20 weeks, pilot year: 48%; Families using the portal: 44%"""


def test_a_share_asked_is_read_from_a_column_of_shares_not_the_count_it_is_a_share_of():
    rows = extreme_rows("Which region had the highest share of SEND parents satisfied with the EHC process?", [_p(SEND)])
    assert [c.text.split(" - ")[0] for c in rows] == ["South East"]
    assert rows[0].label == "Highest Satisfied with EHC process overall".replace("Satisfied", "satisfied")


def test_a_row_summing_the_others_is_the_whole_not_one_of_them():
    # England's 366 is the sum of the regions' counts: the most responding region is London
    rows = extreme_rows("Which region had the most SEND parents responding?", [_p(SEND)])
    assert [c.text.split(" - ")[0] for c in rows] == ["London"]
    assert rows[0].label == "Highest SEND parents responding"  # an acronym keeps its capitals


def test_the_best_share_done_within_a_deadline_is_the_highest():
    assert _labels("Which council had the best record on 20-week plans in the pilot year?", [_p(PILOT)]) == ["Eastwick"]


def test_doing_it_themselves_is_the_column_headed_self():
    farm = """Region / Responses / Claim online, self / Satisfied with Claim Online:
North East - Responses: 90; Claim online, self: 69%; Satisfied with Claim Online: 58%
Wales - Responses: 219; Claim online, self: 65%; Satisfied with Claim Online: 57%
South East - Responses: 117; Claim online, self: 74%; Satisfied with Claim Online: 64%"""
    assert _labels("Which region had the lowest share of farmers claiming online themselves?", [_p(farm)]) == ["Wales"]


def test_the_quickest_is_read_from_the_one_column_of_a_time_when_no_word_after_it_names_one():
    water = """Company / Complaints / Made online / Median working days to resolve:
Calderbrook Water - Complaints: 7,150; Made online: 61%; Median working days to resolve: 3
Tamarside Water - Complaints: 10,900; Made online: 33%; Median working days to resolve: 9
Wealdon Water - Complaints: 12,300; Made online: 29%; Median working days to resolve: 11"""
    assert _labels("Which water firm gets through complaints the quickest, and how long does it take?", [_p(water)]) == [
        "Calderbrook Water"]
    assert _labels("Which water firm is the slowest?", [_p(water)]) == ["Wealdon Water"]

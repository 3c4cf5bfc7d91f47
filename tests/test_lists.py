"""Lists as the documents wrote them: item runs, table rows and numbered or sibling sections."""

import pytest

from assistant.lists import asked_count, counts_off_unfinished, find_runs, joined_paragraph, ordinal_runs, runs_in_passage
from assistant.retrieval import Passage


def _p(text: str, section: str, i: int = 0, doc: str = "d1") -> Passage:
    return Passage(chunk_id=f"{doc}:{i}", doc_id=doc, title="T", source="t.md", section=section, page=None, text=text, chunk_index=i)


def test_asked_count():
    assert asked_count("What are the five tests?") == 5
    assert asked_count("Name 3 steps") == 3
    assert asked_count("What are the tests?") is None


def test_bullets_and_labels_form_runs_with_their_lead_in():
    text = "We use sharing broadly. It covers four things:\n\nData: records held by one body.\n\nCode: software written for government.\n\nAfter the list."
    (run,) = runs_in_passage(text, 0)
    assert run.lead == ("It covers four things:", 0)
    assert [t for t, _ in run.items] == ["Data: records held by one body.", "Code: software written for government."]
    numbered = runs_in_passage("Four priorities:\n1. Publish rates.\n2. Fund learning.\n- Expand pilots.", 2)
    assert [t for t, _ in numbered[0].items] == ["Publish rates.", "Fund learning.", "Expand pilots."]


def test_a_table_header_is_skipped_to_find_the_lead_in():
    text = "The proportion reporting a gap was:\nSkill / Gap:\nDesign (gap): 53%\nCyber (gap): 27%"
    (run,) = runs_in_passage(text, 0)
    assert run.lead[0] == "The proportion reporting a gap was:"
    assert len(run.items) == 2


def test_one_item_is_not_a_list():
    assert runs_in_passage("Intro:\n- only one\nThen prose.", 0) == []


def test_numbered_sibling_sections_are_items_in_number_order():
    passages = [_p("Citizens can see status. More.", "Tests > 3. Know where you stand", 1),
                _p("The whole thing online.", "Tests > 1. End to end", 0),
                _p("Unrelated.", "Other", 5)]
    runs = find_runs(passages)
    assert [t for t, _ in runs[0].items] == ["**End to end**: The whole thing online.", "**Know where you stand**: Citizens can see status."]


def test_unnumbered_siblings_need_three():
    two = [_p("A.", "Barriers > Legal", 0), _p("B.", "Barriers > Technical", 1)]
    assert find_runs(two) == []
    three = two + [_p("C.", "Barriers > Culture", 2)]
    assert [t.split("**")[1] for t, _ in find_runs(three)[0].items] == ["Legal", "Technical", "Culture"]


def test_a_tables_rows_and_the_label_prose_after_them_are_two_runs():
    text = ("Area / Rated 9 or 10 / Mean:\nSkills - Rated 9 or 10: 49%; Mean: 8.2\nSharing - Rated 9 or 10: 36%; Mean: 7.6\n\n"
            "About this document: an illustrative note.\n\nLicence: open for reuse.")
    runs = runs_in_passage(text, 0)
    assert [[t.split(" - ")[0].split(":")[0] for t, _ in r.items] for r in runs] == [["Skills", "Sharing"], ["About this document", "Licence"]]


def test_a_run_opening_its_chunk_is_led_by_the_previous_chunks_last_sentence():
    before = _p("Capability comes in layers. It helps to think of digital capability in three layers.", "Skills", i=3)
    bullets = _p("- **Confident staff.** Everyone needs the basics.\n- **Practitioners.** Owners need more.\n"
                 "- **Specialists.** Experts need a career.", "Skills", i=4)
    (run,) = find_runs([bullets, before])
    assert run.lead == ("It helps to think of digital capability in three layers.", 1)
    assert "three layers" in run.key
    # another section's chunk, or a chunk not just before, does not lead it
    (alone,) = find_runs([bullets, _p("It helps to think in layers.", "Other", i=3)])
    assert alone.lead is None


def test_unnumbered_sections_under_the_documents_title_are_its_outline_not_a_list():
    def under(title_section: str, name: str, i: int) -> Passage:
        p = _p(f"{name} text here.", f"{title_section} > {name}", i=i)
        p.title = "Building Skills"
        return p
    outline = [under("Building Skills", n, i) for i, n in enumerate(["Summary", "Three layers", "What industry offers"])]
    assert find_runs(outline) == []
    listed = [under("Five barriers", n, i) for i, n in enumerate(["Legal uncertainty", "Culture", "Incentives"])]
    assert len(find_runs(listed)) == 1


def test_a_nested_item_stays_under_its_item():
    text = ("The options were scored against:\n\n1. Cost over five years\n   - licences and hosting\n   - migration and training\n"
            "2. Service quality\n   - call answer times\n3. Deliverability")
    (run,) = runs_in_passage(text, 0)
    assert [t for t, _ in run.items] == ["Cost over five years", "Service quality", "Deliverability"]
    assert run.subitems == {0: ["licences and hosting", "migration and training"], 1: ["call answer times"]}


def test_a_section_opening_with_a_lead_in_a_table_or_a_list_is_its_heading_alone():
    """Its "first sentence" ran to the next full stop: "scored against: 1." or a whole table on one line."""
    passages = [_p("The Board compared three options.", "Doc > Purpose", 0),
                _p("Option / Cost / Risk:\nA - Cost: £4.2m; Risk: High\nB - Cost: £3.1m; Risk: Medium", "Doc > Options compared", 1),
                _p("The options were scored against:\n\n1. Cost over five years\n2. Service quality", "Doc > Scoring criteria", 2)]
    (run,) = [r for r in find_runs(passages) if r.key == "Doc"]
    assert [t for t, _ in run.items] == ["**Purpose**: The Board compared three options.", "**Options compared**", "**Scoring criteria**"]


def test_a_question_repeating_a_list_sections_heading_asks_for_its_list():
    """ "What holds fire services back from using data?" names the section "What holds services back"."""
    text = "Leads described the same obstacles:\n\n- slow data-sharing agreements;\n- no common data standard;\n- too few analysts."
    listing = [_p(text, "Insight > What holds services back")]
    from assistant.lists import echoed_list_sections
    assert echoed_list_sections("What holds fire and rescue services back from using data?", listing)
    assert not echoed_list_sections("How many services are held back?", listing)  # a count wants a figure
    assert not echoed_list_sections("What do councils use?", listing)  # shares no heading words and asks no role
    # "services" of the heading is not asked, but "what holds X back" asks for a problems section, which this is
    assert echoed_list_sections("What holds councils back?", listing) == {"Insight > What holds services back"}
    prose = [_p("Leads described slow agreements and too few analysts.", "Insight > What holds services back")]
    assert not echoed_list_sections("What holds fire and rescue services back?", prose)  # no list under it


def test_the_echoed_heading_picks_its_own_list_among_two():
    from assistant.lists import echoed_list_sections

    improved = _p("- Barcoded forms have spread.\n- Imports are more reliable.", "Update > What has improved since 2021")
    fixing = _p("- The check service is still a pilot.\n- Young people fail the identity match.", "Update > What still needs fixing")
    question = "What still needs fixing in online registration, according to the 2024 update?"
    assert echoed_list_sections(question, [improved, fixing]) == {"Update > What still needs fixing"}
    assert echoed_list_sections("According to the update, what has improved since 2021?", [improved, fixing]) == {
        "Update > What has improved since 2021"}


def test_a_heading_of_one_content_word_is_echoed_when_the_question_says_it_word_for_word():
    from assistant.lists import echoed_list_sections, says_heading

    working = _p("- Shared job profiles.\n- Apprenticeships.", "Survey > What is working")
    failing = _p("- Councils compete for data scientists.\n- One in four leave early.", "Survey > What is not working")
    question = "What is not working for council digital teams, according to the 2025 survey?"
    assert echoed_list_sections(question, [working, failing]) == {"Survey > What is not working"}
    assert says_heading("4. What worked", "What worked in the library app pilot?")
    assert not says_heading("What worked", "What works?") and not says_heading("Findings", "What were the findings?")  # one word


def test_a_comparison_is_not_one_sections_list():
    from assistant.lists import echoed_list_sections

    skills = _p("- Data skills: 45%\n- Procurement: 40%", "Survey > Skills gaps")
    assert echoed_list_sections("What did respondents say about skills gaps?", [skills])
    assert not echoed_list_sections("What did respondents say about skills gaps in 2017 and 2019?", [skills])
    assert not echoed_list_sections("How have skills gaps changed?", [skills])


def test_a_why_question_gets_the_list_given_as_reasons_under_a_paraphrased_heading():
    from assistant.lists import echoed_list_sections
    text = ("Around 576,000 people applied on paper. When we asked paper applicants why, they gave these reasons:\n\n"
            "- they had no way to pay by card online;\n- they were applying for an elderly parent;\n- they found a form at the Post Office.")
    section = "Passports online > How come some people still use paper?"
    passages = [_p(text, section)]
    assert echoed_list_sections("Why do some people still renew their passport on paper?", passages) == {section}
    assert echoed_list_sections("Why did the blog look at passports?", passages) == set()  # shares one word: not this list
    plain = [_p(text.replace("why, they gave these reasons", "what happened next"), section)]
    assert echoed_list_sections("Why do some people still renew their passport on paper?", plain) == set()  # not given as reasons


def test_a_numbered_list_cut_over_chunks_is_one_list_even_after_stray_numbers():
    """PDF chunks can end with list numbers whose items opened the next chunk ("4.\\n\\n5."): one run of five."""
    from assistant.lists import find_runs
    first = _p("The group's five main findings are set out below.\n\n1. Alerts cut flooding.\n\n2. Cleaning can be cut.\n\n3. Alerts are often false.\n\n4.\n\n5.",
               "3. What was found", i=10)
    second = _p("4. Most alerts never reach planning systems.\n\n5. Batteries fail early.", "3. What was found", i=11)
    runs = [r for r in find_runs([first, second]) if len(r.items) >= 2]
    assert len(runs) == 1 and [t for t, _ in runs[0].items][3:] == ["Most alerts never reach planning systems.", "Batteries fail early."]
    assert [i for _, i in runs[0].items] == [0, 0, 0, 1, 1]  # each item cites its own chunk


def test_the_main_findings_are_the_list_said_to_be_findings():
    from assistant.list_documents import introduces_list, plural_noun
    assert plural_noun("What were the main findings of the review?") == "find"
    assert plural_noun("How many findings were there?") is None
    assert plural_noun("What are the PSB's priorities for the notification service?") == "prioriti"  # an owner before them
    assert introduces_list("find", "The group's eight main findings are set out below.\n\n1. One.\n\n2. Two.")
    assert not introduces_list("find", "The group makes six recommendations.\n\n1. One.\n\n2. Two.")


def test_items_counted_off_in_prose_are_a_list():
    text = ("Some other paragraph about the survey.\n\nMoney is the first barrier: the median cost was £0.41 per entry. "
            "Staff time is the second, because the same small team runs funerals. The third is data: there is no common format.")
    [run] = ordinal_runs(text, 0, "What gets in the way")
    assert [t.split(" ")[0] for t, _ in run.items] == ["Money", "Staff", "The"]
    led = ordinal_runs("Councils gave three main reasons. First, the pandemic. Second, cost. Third, fear of errors.", 0)
    assert led[0].lead[0] == "Councils gave three main reasons." and len(led[0].items) == 3
    # one ordinal alone, or "first" used as an adjective, counts nothing off
    assert ordinal_runs("It was the first-time fix rate that mattered. Staff were second-guessing the data.", 0) == []
    assert ordinal_runs("First, the pandemic paused projects. Nothing else was said.", 0) == []


def test_a_count_cut_after_its_first_item_is_joined_with_the_next_chunk():
    head = "WHAT HELD COUNCILS BACK\n\nCouncils gave three main reasons. First, the pandemic: in 2020 and early"
    assert counts_off_unfinished(head) and not counts_off_unfinished(head + " 2021 teams were busy. Second, cost.")
    following = "the pandemic: in 2020 and early 2021 teams were busy. Second, cost. Third, fear of errors.\n\nWHO IS AHEAD\n\nCalderdale led."  # chunks overlap
    joined = joined_paragraph(head, following)
    assert joined.endswith("in 2020 and early 2021 teams were busy. Second, cost. Third, fear of errors.")
    assert len(ordinal_runs(joined, 0)[0].items) == 3


def test_a_heading_naming_people_is_echoed_by_a_question_naming_them_in_other_words():
    from assistant.lists import echoed_list_sections

    stay = _p("The five most common answers were:\n\n- Better pay.\n- A clear career path.\n- Flexible working.",
              "Survey > What would make people stay")
    assert echoed_list_sections("What did digital staff say would make them stay?", [stay]) == {"Survey > What would make people stay"}
    assert echoed_list_sections("What would make the service better?", [stay]) == set()


def test_a_list_asked_for_in_everyday_words_is_the_one_under_the_heading_in_that_role():
    from assistant.lists import echoed_list_sections

    problems = _p("1. Only 9 councils let traders renew online.\n\n2. 21 councils asked for a printed photograph.", "Review > 3. Problems we found")
    views = _p("- 87 per cent wanted to keep the tool.\n- 29 per cent worried families would speak less openly.",
               "Insight > What social workers told us")
    recs = _p("R1 - Extend the register to every region.\n\nR2 - Fund fresh surveys for small trusts.", "Note > 6. Recommendations")
    passages = [problems, views, recs]
    assert echoed_list_sections("What went wrong with how councils handle street trading licences?", passages) == {"Review > 3. Problems we found"}
    assert echoed_list_sections("What did social workers make of the AI note-taking tool?", passages) == {"Insight > What social workers told us"}
    assert echoed_list_sections("What should happen next with the school register?", passages) == {"Note > 6. Recommendations"}
    assert echoed_list_sections("How many councils let traders renew online?", passages) == set()  # a figure, not a list
    assert echoed_list_sections("What did the review find about photographs?", passages) == set()  # no role asked for


def test_what_a_report_says_about_a_topic_is_no_role_of_its_own():
    from assistant.lists import echoed_list_sections
    told = _p("- Booking lines close at weekends.\n- Pick-up windows are three hours long.", "Note > What patients told us")
    assert echoed_list_sections("What did the patient transport review say about booking air ambulance flights?", [told]) == set()
    assert echoed_list_sections("What did patients make of the booking line?", [told]) == {"Note > What patients told us"}


@pytest.mark.parametrize("question, heading", [
    ("What were the main hassles with booking a ceremony?", "What gets in the way"),
    ("What concerns did people have about the fraud feed?", "Worries we heard"),
    ("What did the services that got better do differently?", "What made the difference"),
    ("What are the partners planning to change on the map next year?", "What comes next"),
    ("What can you see on the River Watch map?", "What the map shows"),
    ("What annoys probation staff most about their digital tools?", "4. Main frustrations reported"),
    ("What went wrong with the archive's scanning project?", "Where we fell short"),
    ("What held the benefits teams back in 2022?", "Sticking points"),
    ("What problems did the pilot councils run into?", "Sticking points"),
    ("What are the main problems officers have with the hub?", "Where the system lets officers down"),
    ("What changes does the coastal alerts report propose for the next phase?", "Recommendations for phase two"),
    ("What is the commissioner planning to do in 2024 about its portal?", "5. ACTIONS FOR 2024"),
    ("What should other councils copy from the parking permit pilot?", "Lessons for other councils"),
    ("What can other trusts learn from the museum's project?", "Things we'd tell another museum"),
    ("What is getting in the way of ward nurses in 2024?", "What is holding nurses back"),
    ("What helped the permit scheme succeed?", "What made it work"),
    ("What do the libraries that handled the switch well have in common?", "What good looks like"),
    ("What do schools say would help them most with their pupils' laptops?", "4. What schools say they need"),
    ("What support would councils like from government?", "Support requested"),
    ("According to the 2022 survey, what did staff say would help them?", "What staff said would help"),
    ("What do care homes need to make video calls work?", "Their wish list"),
    ("What makes buying records software so hard for councils?", "Barriers to buying"),
    ("What did families find difficult about applying for school places online?", "Where families ran into trouble"),
    ("What did they say frustrated them?", "4. What frustrated social workers"),
    ("What's stopping fire and rescue services from doing more with digital?", "What holds services back"),
    ("What did not go so well with the admissions service?", "What did not go so well"),
    ("What changes were suggested to make it easier to get a parking permit?", "Recommendations"),
    ("What does the ambulance control room briefing say should be done?", "What we recommend"),
    ("What changes to their computer systems would frontline social workers most like to see?", "4. What social workers asked for"),
    ("What did Derbyshire learn from moving admissions online?", "What we learned"),
    ("What issues did fire control rooms raise about their technology?", "3. Issues raised"),
    ("What else did they learn?", "What the council learnt"),
    ("What got in the way of schools using technology in 2025?", "What held schools back"),
    ("What did council data staff want from their employers?", "6. WHAT STAFF WANTED"),
    ("What did the best-performing planning authorities do differently?", "Practices of the best-performing authorities"),
    ("What changes did the PSB ask for in the way schools buy their technology?", "Recommendations"),
    ("What should environmental regulators change about the way they publish open data?", "Recommendations"),
    ("What changes did police staff say would make handling digital evidence easier?", "4. WHAT STAFF WANT"),
    ("What did officers say ate up most of their time when dealing with camera footage?", "3. WHAT SLOWED STAFF DOWN"),
    ("What were the main takeaways from trying out new software in coroners' offices?", "4. LESSONS"),
    ("What did planning officers say eats up their time?", "Where officers' time goes"),
    ("What changes does the review of electoral software buying call for?", "What should change"),
    ("According to the 2025 review, what still stops flood warnings reaching everyone?", "5. What still gets in the way"),
    ("What put residents off joining the alert scheme?", "3. Why people do not sign up"),
    ("What else did environmental field officers say they would like?", "What officers would like"),
    ("Where did status holders run into trouble when switching to an eVisa?", "Where people got stuck"),
])
def test_everyday_list_questions_and_the_headings_in_their_role(question, heading):
    from assistant.lists import asked_role, echoed_list_sections, in_role
    assert in_role(asked_role(question), f"Review > {heading}")
    other = _p("- Eleven services booked online.\n- Four did not.", "Review > Summary")
    listed = _p("- First thing.\n- Second thing.", f"Review > {heading}")
    assert echoed_list_sections(question, [other, listed]) == {f"Review > {heading}"}


def test_a_document_without_a_risk_or_a_worry_holds_no_concerns():
    from assistant.lists import asked_role, holds_no_concerns
    assert asked_role("What risks did the 2022 workforce survey identify?") == "concerns"
    blog = [("Blog", "The app was downloaded 18,600 times."), ("Blog > What worked", "- Push reminders.\n- Self-checkout.")]
    assert holds_no_concerns(blog)
    assert not holds_no_concerns([*blog, ("Blog > Risks we see", "- An ageing workforce.\n- A funding cliff.")])
    assert not holds_no_concerns([*blog, ("Blog > Next", "Staff were worried that older members would be left out.")])


def test_a_list_whose_lead_in_the_question_repeats_is_asked_for_under_any_heading():
    from assistant.lists import echoed_list_sections
    year = _p("In 2024 the libraries held 14,500 sessions.\n\nThe tasks people most often needed help with were:\n\n"
              "- claiming Universal Credit\n- using the NHS App\n- council tax", "Blog > What happened in the first year")
    learned = _p("- People come back.\n- Champions matter.", "Blog > What the libraries have learned")
    question = "What tasks did people most often need help with at the North East libraries?"
    assert echoed_list_sections(question, [learned, year]) == {"Blog > What happened in the first year"}
    assert echoed_list_sections("What did people say about the libraries?", [learned, year]) == set()


def test_what_someone_wants_others_to_do_is_no_need_of_their_own():
    from assistant.lists import asked_role
    assert asked_role("What do councils want ministers to do, according to the 2025 survey?") != "needs"
    assert asked_role("What do schools say they need from the department?") == "needs"


def test_one_items_proposal_asks_for_no_list():
    from assistant.lists import asked_role
    assert asked_role("What does recommendation R5 propose?") is None
    assert asked_role("What does the review propose for the next phase?") == "next"


def test_a_role_list_of_the_year_asked_comes_from_that_years_document():
    from assistant.lists import echoed_list_sections
    old = Passage(chunk_id="a:1", doc_id="a", title="Baseline", source="a.txt", section="WHAT GETS IN THE WAY", page=None,
                  text="- no booking reference;\n- dates only four weeks ahead;", chunk_index=1, published="2022-10-01")
    new = Passage(chunk_id="b:1", doc_id="b", title="Review", source="b.md", section="Review > What still needs work", page=None,
                  text="- Welsh pages are missing.\n- Guests are agreed by phone.", chunk_index=1, published="2025-04-02")
    assert echoed_list_sections("What were the main hassles with booking a ceremony back in 2022?", [new, old]) == {"WHAT GETS IN THE WAY"}
    assert echoed_list_sections("What were the main hassles with booking a ceremony?", [new, old]) == {"Review > What still needs work"}


def test_the_words_asking_for_a_role_are_the_questions_frame_not_a_topic():
    from assistant.lists import role_words
    assert "annoys" in role_words("What annoys probation staff most about their digital tools?")
    assert role_words("What did respondents say about outsourcing?") == set()


def test_a_heading_echoed_by_another_years_edition_is_not_the_asked_years():
    from dataclasses import replace as with_
    from assistant.lists import echoed_list_sections
    # written for this test: the 2022 edition's heading shares the question's words; the 2025 edition's does not
    old = with_(_p("- Bill every household online.\n- Automate change notices.", "Where councils want to be by 2025", doc="a"),
                title="Library Survey 2022", published="2022-06-01")
    new = with_(_p("- Monthly income data.\n- A shared fraud check.", "Asks of government", i=1, doc="b"),
                title="Library Survey 2025", published="2025-06-01")
    assert echoed_list_sections("What do councils want by 2025?", [old]) == {"Where councils want to be by 2025"}
    assert echoed_list_sections("What do councils want ministers to do, according to the 2025 survey?", [old, new]) == set()


def test_a_table_of_actions_whose_labels_are_long_is_one_list_under_its_lead_in():
    """Written for this test: an action table's rows name whole actions, longer than a label; every row is an item
    (the first two, over 80 characters before "Owner", had been left out, the second read as the lead-in), each row
    is a usable answer line, and each is drawn as its label over its cells, as short rows are."""
    from assistant.answer_lines import is_usable
    from assistant.markdown_answer import table_row_cells
    rows = ["Give every depot a shared booking calendar for vans, drivers and loading bays - Owner: Fleet board; By when: May 2025",
            "Replace the paper defect sheets carried in each cab with a form on the drivers' phones - Owner: Depot managers; By when: July 2025",
            "Publish monthly figures - Owner: Transport team; By when: June 2025"]
    text = "The partners agreed the following actions:\n\nAction / Owner / By when:\n" + "\n".join(rows) + "\n\nTable 3: Actions."
    runs = runs_in_passage(text, 0)
    assert len(runs) == 1 and [item for item, _ in runs[0].items] == rows
    assert runs[0].lead == ("The partners agreed the following actions:", 0)
    assert all(is_usable(row) for row in rows)
    assert table_row_cells(rows[1]) == (rows[1].split(" - ")[0], [("Owner", "Depot managers"), ("By when", "July 2025")])


def test_a_list_under_a_heading_saying_the_questions_words_answers_it(embedder):
    """Written for this test: "Which jobs did councils find hardest to fill?" had the recommendations (on digital roles,
    retirements and pay) rather than the list under "Hardest roles to fill", whose items are bare job titles."""
    from assistant.list_answers import list_answer
    from assistant.word_overlap import WordOverlap

    hard = _p("The four most often named were:\n\n1. Data engineers: named by 62% of councils\n\n2. Cyber security "
              "specialists: named by 58% of councils\n\n3. User researchers: named by 37% of councils", "Survey > Hardest roles to fill", i=1)
    recs = _p("- Plan for retirements in councils' digital jobs.\n- Pay councils' digital staff "
              "closer to the market.\n- Fund apprenticeships in digital jobs.", "Survey > What councils should do next")
    lead, items = list_answer(embedder, WordOverlap(embedder), 12, "Which jobs did councils find hardest to fill in 2025?", [recs, hard])
    assert [c.text for c in items][0] == "Data engineers: named by 62% of councils"


def test_an_item_two_overlapping_passages_both_hold_is_listed_once(embedder):
    from assistant.list_answers import list_answer
    from assistant.word_overlap import WordOverlap

    section = "Review > Where families ran into trouble"
    first = _p("- Parents without internet at home found the portal hard to use.\n"
               "- Until March 2024 the portal was available only in English.", section, i=0)
    second = _p("- Until March 2024 the portal was available only in English. Other languages were added later.\n"
                "- Families who moved between council areas had to apply twice.", section, i=1)
    question = "What did families find difficult about applying for school places online?"
    _, items = list_answer(embedder, WordOverlap(embedder), 12, question, [first, second], sections={section})
    texts = [c.text for c in items]
    assert sum(t.startswith("Until March 2024") for t in texts) == 1
    assert any(t.startswith("Families who moved") for t in texts)


def test_a_follow_up_asking_for_a_list_of_its_own_gets_that_list_not_the_one_the_question_before_echoes():
    from assistant.lists import echoed_list_sections
    asked_for = _p("- One record for each child.\n- Secure laptops.", "Survey > 5. What social workers asked for")
    frustrated = _p("- Typing the same information twice.\n- Slow systems.", "Survey > 4. What frustrated social workers")
    question = "What did they say frustrated them? (follow-up to: What did children's social workers ask for in the 2022 survey?)"
    assert echoed_list_sections(question, [asked_for, frustrated]) == {"Survey > 4. What frustrated social workers"}


def test_what_people_said_is_hard_is_read_from_what_they_told_the_authors_when_no_heading_names_the_difficulty():
    from assistant.lists import echoed_list_sections
    told = _p("- Commercial teams are small.\n- Frameworks leave out smaller suppliers.", "Blog > What forces told us")
    found = _p("- 58% went through frameworks.\n- 42% were open tenders.", "Blog > What we found")
    question = "What did police forces say makes buying evidence software hard?"
    assert echoed_list_sections(question, [found, told]) == {"Blog > What forces told us"}
    problems = _p("- Small teams.\n- Few suppliers.", "Blog > Barriers to buying")
    assert echoed_list_sections(question, [found, told, problems]) == {"Blog > Barriers to buying"}  # a heading in the role first
    assert echoed_list_sections("What makes buying evidence software hard?", [found, told]) == set()  # nobody said it


def test_a_list_whose_lead_in_is_in_the_role_asked_for_answers_it_under_any_heading():
    from assistant.lists import echoed_list_sections
    tasks = _p("The most common tasks people needed help with were:\n\n- booking a GP appointment;\n- applying for a Blue Badge.",
               "Blog > What people came in for")
    lessons = _p("Three lessons stand out:\n\n- people come back;\n- devices alone are not enough.", "Blog > What we learned")
    question = "What did people usually need a hand with when they went to the library hubs?"
    assert echoed_list_sections(question, [lessons, tasks]) == {"Blog > What people came in for"}


def test_one_thing_asked_for_most_often_is_read_from_the_list_of_those_things(embedder):
    """Written for this test: "Which barrier did managers mention most often?" names one barrier, and the list of
    barriers in order of mention holds it; a list of recommendations that shares more of the question's words did."""
    from assistant.list_answers import list_answer
    from assistant.word_overlap import WordOverlap

    barriers = _p("Managers named the following barriers, in order of how often they were mentioned:\n\n"
                  "1. Licence costs. A library pays three times the price of a print book.\n\n"
                  "2. Waiting lists. The average wait was 11 weeks.\n\n3. Separate apps for each kind of loan.", "Note > What gets in the way", i=1)
    recs = _p("1. The Welsh Government should fund more Welsh-language digital lending for library readers.\n\n"
              "2. Library managers should publish digital lending figures.\n\n3. Libraries should use one app for digital lending.",
              "Note > Recommendations")
    _, items = list_answer(embedder, WordOverlap(embedder), 12, "Which barrier to digital lending did Welsh library managers mention most often?",
                           [recs, barriers])
    assert [c.text for c in items][0].startswith("Licence costs")


def test_sub_headings_under_a_heading_in_the_role_asked_for_are_its_list():
    """Written for this test: "What gets in the way of planning teams going digital?" is answered by the sections under
    "3. Obstacles planning teams face", each a sub-heading with a paragraph; no passage holds a list of its own."""
    from assistant.lists import echoed_list_sections
    parent = "Review > 3. Obstacles planning teams face"
    subs = [_p(f"{text}", f"{parent} > {heading}", i=i) for i, (heading, text) in enumerate([
        ("Locked-in contracts", "Many back-office contracts run for ten years."),
        ("Data trapped in PDFs", "Site plans are stored as scanned PDFs."),
        ("Stretched teams", "Planning teams have lost staff since 2015.")])]
    other = _p("We looked at how far councils have gone.", "Review > 1. Why we looked", i=5)
    found = echoed_list_sections("What gets in the way of council planning teams going digital?", [other, *subs])
    assert found == {p.section for p in subs}


def test_a_quote_after_a_bulleted_list_is_not_one_of_its_items():
    from assistant.lists import runs_in_passage
    text = ("- Flood warning areas have not been redrawn.\n\n- Warnings are not sent through the app.\n\n"
            "Aisha Bello, community resilience officer at Somerset Council, told us: \"Automatic registration is the best thing.\"")
    [run] = runs_in_passage(text, 0, "What still gets in the way")
    assert [item for item, _ in run.items] == ["Flood warning areas have not been redrawn.", "Warnings are not sent through the app."]


def test_subsections_under_a_section_in_the_role_asked_for_are_its_items():
    """Written for this test: a pilot's evaluation announces three barriers and gives each under a subheading;
    "What held the pilot back?" asks for them in other words."""
    from assistant.lists import in_role_or_under, role_section_run
    parent = "Evaluation > 4. Barriers"
    intro = _p("The evaluation found three barriers that slowed the pilot down.", parent, i=0)
    subs = [_p(text, f"{parent} > {heading}", i=i) for i, (heading, text) in enumerate([
        ("Supplier configuration", "Setting up the new appointment types took seven weeks."),
        ("Rural connectivity", "Poor mobile signal held back uptake in one network."),
        ("Staff confidence", "Some receptionists feared losing control of the appointment book.")], start=1)]
    other = _p("The pilot ran for six months.", "Evaluation > 2. What the pilot did", i=5)
    run = role_section_run("What held the pilot back?", [other, intro, *subs])
    assert run is not None and run.key == parent
    assert [text.split(":")[0] for text, _ in run.items] == ["**Supplier configuration**", "**Rural connectivity**", "**Staff confidence**"]
    assert in_role_or_under("problems", f"{parent} > Staff confidence") and not in_role_or_under("problems", other.section)
    assert role_section_run("What did the pilot do?", [other, intro, *subs]) is None


def test_lettered_items_are_a_run():
    text = ("Respondents gave three main reasons:\n\na) They did not know the service existed.\n\n"
            "b) They preferred to speak to a registrar.\n\n(c) They could not complete the check.")
    (run,) = runs_in_passage(text, 0)
    assert run.lead == ("Respondents gave three main reasons:", 0)
    assert [t for t, _ in run.items] == ["They did not know the service existed.", "They preferred to speak to a registrar.",
                                        "They could not complete the check."]


def test_a_why_question_is_answered_by_the_reasons_a_lead_in_announces():
    from assistant.lists import reasons_run
    from assistant.question_shapes import WHY_QUESTION
    assert WHY_QUESTION.match("In 2023, why did people who registered in person not use the service?")
    offline = _p("Respondents who registered entirely in person gave three main reasons:\n\na) They did not know it existed.\n\n"
                 "b) They preferred to speak to a registrar.\n\nc) They could not complete the identity check.", "4. Why people stayed offline")
    other = _p("Take-up has grown quickly since 2023.", "2. Headline findings", i=1)
    run = reasons_run([offline, other])
    assert run is not None and len(run.items) == 3 and run.lead[0].endswith("three main reasons:")
    assert reasons_run([other, offline], first=1) is None
    assert reasons_run([offline], years=["2026"]) is None  # a passage of another year (its document is 2017's)


def test_a_where_question_asks_for_problems_only_when_it_asks_where_people_got_stuck():
    from assistant.lists import asked_role
    assert asked_role("Where do applicants get stuck?") == "problems"
    assert asked_role("Where did the money come from?") is None
    assert asked_role("Where are the pilots running?") is None


def test_two_tables_in_one_chunk_are_both_found():
    """Two tables of one chunk tie on their place: finding them must not compare the runs themselves (it raised TypeError)."""
    from assistant.lists import find_runs
    text = ("Channel / Filings / Share:\nOnline - Filings: 41,000; Share: 82%\nPaper - Filings: 9,000; Share: 18%\n\n"
            "Note on the figures.\n\n"
            "Region / Firms / Share:\nNorth - Firms: 1,200; Share: 40%\nSouth - Firms: 1,800; Share: 60%")
    runs = find_runs([_p(text, "Results")])
    rows = [t for run in runs for t, _ in run.items]
    assert any(t.startswith("Online") for t in rows) and any(t.startswith("South") for t in rows)

"""A follow-up keeps the previous question's numbered item kind, opening scope phrase and named document."""

from __future__ import annotations

import pytest

from assistant.followup_scope import numbered_follow_up, scoped_follow_up
from assistant.followups import rewrite_follow_up


@pytest.mark.parametrize("question, previous, expected", [
    ("And what about Recommendation 4?", "Who owns Recommendation 2 of the SME procurement insight?",
     "Who owns Recommendation 4 of the SME procurement insight?"),
    ("And what about cyber security?", "In the 2021 pulse survey, what share reported a data analysis skills gap?",
     "In the 2021 pulse survey, what do the documents say about cyber security?"),
    ("And what about skills?", "What are the barriers named in the Insight on data sharing?",
     "What are the barriers named in the Insight on skills?"),  # the usual topic swap, unchanged
    ("And in 2019?", "In the 2017 survey, what share said culture was a barrier?",
     "In the 2019 survey, what share said culture was a barrier?"),  # a year replaces the frame's year, as before
    ("What about R5?", "Who should lead R4?", "Who should lead R5?"),
])
def test_follow_ups_keep_the_previous_scope(question, previous, expected):
    assert scoped_follow_up(question, previous, rewrite_follow_up) == expected


def test_a_named_document_stays_named_in_the_fallback():
    assert scoped_follow_up("And what about cyber security?", "Who owns Recommendation 2 of the SME procurement insight?",
                            rewrite_follow_up) == "What does the SME procurement insight say about cyber security?"


def test_a_numbered_item_of_another_kind_is_no_replacement():
    assert numbered_follow_up("And what about phase 3?", "Who owns Recommendation 2?") is None
    assert numbered_follow_up("And what about Recommendation 4 and its owner?", "Who owns Recommendation 2?") is None


@pytest.mark.parametrize("question, previous, expected", [
    # another numbered item, where the previous question numbered none: the item, of the previous question's document
    ("And what about Recommendation 4?", "What are the recommendations of the SME procurement insight?",
     "What is Recommendation 4 of the SME procurement insight?"),
    ("And R6?", "What does the sharing Insight recommend?", "What is R6 in the sharing Insight?"),
    # the one item the previous question asked about, by pronoun, with its document
    ("When is it due?", "Who owns Recommendation 3 of the SME procurement insight?",
     "When is Recommendation 3 of the SME procurement insight due?"),
    ("Who owns that one?", "What is Recommendation 4 of the SME procurement insight?",
     "Who owns Recommendation 4 of the SME procurement insight?"),
    ("And its timescale?", "Who owns Recommendation 3 of the cloud review?", "What is the timescale of Recommendation 3 of the cloud review?"),
    ("Who owns it?", "What does the recommendations summary say about R3?", "Who owns R3 in the recommendations summary?"),
    ("Who owns that one?", "What does recommendation R4 propose?", "Who owns recommendation R4?"),
    # the things the previous question listed, of its document
    ("Which of those fall to the Cabinet Office?", "What are the five recommendations of the PSB Insight on opening up public procurement to SMEs?",
     "Which of the five recommendations of the PSB Insight on opening up public procurement to SMEs fall to the Cabinet Office?"),
    ("Which of them fall to the Crown Commercial Service?", "What does the cloud readiness review recommend?",
     "Which of the recommendations of the cloud readiness review fall to the Crown Commercial Service?"),
    ("Which of those is the most important?", "What are the five barriers in the sharing Insight?",
     "Which of the five barriers in the sharing Insight is the most important?"),
    # the document by its kind alone is the document the previous question named
    ("What does the report say about skills?", "What does the cloud readiness review recommend?",
     "What does the cloud readiness review say about skills?"),
    # a clear change of topic is the usual topic swap (the named document kept, as before)
    ("And what about culture?", "What are the recommendations of the SME procurement insight?",
     "What does the SME procurement insight say about culture?"),
    ("And what about culture?", "What did the survey find about skills gaps?", "What did the survey find about culture?"),
])
def test_a_follow_up_pointing_back_keeps_the_previous_document(question, previous, expected):
    assert scoped_follow_up(question, previous, rewrite_follow_up) == expected


def test_without_a_document_or_an_item_before_nothing_is_pointed_back_to():
    assert scoped_follow_up("What does the report say about skills?", "What did the report find about culture?", rewrite_follow_up) is None
    assert scoped_follow_up("When is it due?", "What did the survey find about skills gaps?", rewrite_follow_up) is None
    previous = "What does the PSB recommend on skills?"
    assert (scoped_follow_up("And what about Recommendation 4?", previous, rewrite_follow_up)
            == rewrite_follow_up("And what about Recommendation 4?", previous))  # no document to keep: as before
    # the follow-up names a document of its own: that one, not the previous
    assert (scoped_follow_up("What does the cloud readiness review say about skills?", "What does the SME insight recommend?",
                             rewrite_follow_up) is None)


def test_a_document_named_by_its_title_alone_is_kept_by_its_title():
    def names(text: str) -> list[str]:
        return ["Opening Up Public Procurement to SMEs"] if "procurement to smes" in text.lower() else []

    previous = "What does Opening Up Public Procurement to SMEs recommend?"
    assert (scoped_follow_up("And Recommendation 3?", previous, rewrite_follow_up, names)
            == "What is Recommendation 3 of “Opening Up Public Procurement to SMEs”?")
    assert (scoped_follow_up("Which of those fall to the Cabinet Office?", previous, rewrite_follow_up, names)
            == "Which of the recommendations of “Opening Up Public Procurement to SMEs” fall to the Cabinet Office?")


def test_that_one_and_at_least_one_number_nothing():
    from assistant.qualifiers import qualifiers

    assert qualifiers("Who owns that one?") == []
    assert qualifiers("How many failed at least one criterion?") == []
    assert qualifiers("Who owns Recommendation 3?") == [("Recommendation 3", "recommendation", 3)]
    assert qualifiers("How long is the wait between joining the list and being offered one?") == []  # a verb, then "one"
    assert qualifiers("What happened in Building 2?") == [("Building 2", "building", 2)]


def _owner(chat_model=None, model_says=None, answered_from=lambda cited: []):
    """The parts of ``Assistant`` that ``_condense`` uses, with the cloud readiness review as the one document named."""
    from types import SimpleNamespace

    from assistant.chain import Assistant

    owner = SimpleNamespace(chat_model=chat_model, _is_follow_up=Assistant._is_follow_up, _condense_with_llm=lambda q, h: model_says,
                            _document_titles=lambda text: ["Moving Councils to the Cloud"] if "cloud readiness" in text else [],
                            _answered_from=answered_from, _other_edition=lambda question, previous, titles: None)
    owner._resolved = lambda *args: Assistant._resolved(owner, *args)
    return owner


def _condensing(owner):
    """``condense(question, previous)``: the turn as the chain rewrites it after one previous question."""
    from assistant.chain import Assistant

    def condense(question: str, previous: str) -> str:
        history = [{"role": "user", "content": previous}, {"role": "assistant", "content": "..."}]
        return Assistant._condense(owner, {"question": question, "history": history, "timings": {}})
    return condense


def test_with_a_model_the_tested_rewrites_come_first_and_the_model_fills_in_where_they_do_not_apply():
    condense = _condensing(_owner(chat_model=object(), model_says="What did the model make of this?"))

    assert condense("What did the 2019 one say?", "What did the 2017 survey find about culture?") == "What did the 2019 survey find about culture?"
    assert (condense("What does the report say about skills?", "What does the cloud readiness review recommend?")
            == "What does the cloud readiness review say about skills?")
    assert condense("What does the report say about skills?", "How many councils were reviewed?") == "What did the model make of this?"


def test_the_chain_treats_another_one_and_the_report_as_follow_ups():
    from assistant.chain import Assistant

    owner = _owner(answered_from=lambda cited: ["Moving Councils to the Cloud"] if cited == ["cloud"] else [])
    condense = _condensing(owner)

    assert condense("What did the 2019 one say?", "What did the 2017 survey find about culture?") == "What did the 2019 survey find about culture?"
    assert (condense("What does the report say about skills?", "What does the cloud readiness review recommend?")
            == "What does the cloud readiness review say about skills?")
    assert condense("What does the report say about skills?", "How many councils were reviewed?") == "What does the report say about skills?"
    # a turn naming its own topic is a question of its own, not a follow-up to the last one
    assert (condense("And what about the prison e-lending pilot, how many loans were there in total?", "How many HGV tests did the DVSA book?")
            == "How many loans were there in total (the prison e-lending pilot)?")

    # a question naming no document, answered from one: a follow-up pointing back keeps that document
    history = [{"role": "user", "content": "What share of councils had moved most workloads to the cloud?"},
               {"role": "assistant", "content": "38% [1].", "documents": ["cloud"]}]
    state = {"question": "And Recommendation 2?", "history": history, "timings": {}}
    assert Assistant._condense(owner, state) == "What is Recommendation 2 of “Moving Councils to the Cloud”?"
    state = {"question": "And what about county councils?", "history": history, "timings": {}}
    assert Assistant._condense(owner, state) == "What do the documents say about county councils?"  # a change of topic: as before


def test_the_document_an_answer_came_from_scopes_a_follow_up_pointing_back():
    previous = "What share of councils had moved more than half of their workloads to public cloud?"
    cloud = ["Moving Councils to the Cloud"]
    assert (scoped_follow_up("And Recommendation 2?", previous, rewrite_follow_up, answered_from=cloud)
            == "What is Recommendation 2 of “Moving Councils to the Cloud”?")
    assert (scoped_follow_up("Who owns Recommendation 3?", previous, rewrite_follow_up, answered_from=cloud)
            == "Who owns Recommendation 3 of “Moving Councils to the Cloud”?")
    assert (scoped_follow_up("What does the report recommend?", previous, rewrite_follow_up, answered_from=cloud)
            == "What does “Moving Councils to the Cloud” recommend?")
    # the previous question's own document comes first; a code names its item alone; no answer document, no scope
    assert (scoped_follow_up("Who owns Recommendation 3?", "What does the SME insight recommend?", rewrite_follow_up, answered_from=cloud)
            == "Who owns Recommendation 3 of the SME insight?")
    assert scoped_follow_up("Who owns R3?", previous, rewrite_follow_up, answered_from=cloud) is None
    assert (scoped_follow_up("Who owns it?", "What does recommendation R4 propose?", rewrite_follow_up, answered_from=cloud)
            == "Who owns recommendation R4?")
    assert (scoped_follow_up("Who owns it?", "What does Recommendation 4 propose?", rewrite_follow_up, answered_from=cloud)
            == "Who owns Recommendation 4 of “Moving Councils to the Cloud”?")
    assert scoped_follow_up("Who owns Recommendation 3?", previous, rewrite_follow_up) is None


def test_what_a_document_has_by_possessive_is_the_previous_documents():
    previous = "How much of central government technology spend went to SMEs?"
    sme = ["Opening Up Public Procurement to SMEs"]
    assert (scoped_follow_up("What are its recommendations?", previous, rewrite_follow_up, answered_from=sme)
            == "What are the recommendations of “Opening Up Public Procurement to SMEs”?")
    assert (scoped_follow_up("And their key findings?", "What does the cloud readiness review recommend?", rewrite_follow_up)
            == "What are the key findings of the cloud readiness review?")
    # "its pilot" is the Digital Exchange's, not a document's
    assert (scoped_follow_up("How many placements would its pilot have?", "What is the Digital Exchange?", rewrite_follow_up, answered_from=sme)
            == "How many placements would the Digital Exchange's pilot have?")


def test_a_refused_answer_scopes_nothing():
    from assistant.answer import Answer, Citation

    cited = Citation(n=1, doc_id="d1", title="T", source="t.md", quote="q")
    assert Answer(answer="38% [1].", citations=[cited]).as_turn()["documents"] == ["d1"]
    assert Answer(answer="The documents do not cover this.", refused=True, citations=[cited]).as_turn()["documents"] == []


def test_when_was_it_published_is_the_previous_turns_document():
    blog = ["Smart meters in social housing"]
    previous = "How many homes got smart meters in the pilot?"
    assert (scoped_follow_up("When was it published?", previous, rewrite_follow_up, answered_from=blog)
            == "When was “Smart meters in social housing” published?")
    assert scoped_follow_up("Who wrote it?", previous, rewrite_follow_up, answered_from=blog) == "Who wrote “Smart meters in social housing”?"
    # the document of the item asked about, not the item
    assert (scoped_follow_up("When was it published?", "Who owns Recommendation 3 of the SME insight?", rewrite_follow_up)
            == "When was the SME insight published?")


def test_a_document_named_with_of_and_a_title_carried_from_an_earlier_turn():
    previous = "What are the recommendations of the PSB review of GovTech Catalyst funding?"
    assert (scoped_follow_up("Who owns Recommendation 2?", previous, rewrite_follow_up)
            == "Who owns Recommendation 2 of the PSB review of GovTech Catalyst funding?")

    def names(text: str) -> list[str]:
        return ["Digital Confidence in the Classroom: PSB Briefing on Teachers' Digital Skills"] if "classroom" in text.lower() else []

    carried = "What does “Digital Confidence in the Classroom: PSB Briefing on Teachers' Digital Skills” recommend?"
    # the title's own "on" is no topic slot: the topic changes as after any question about one thing
    assert (scoped_follow_up("And what about the release time?", carried, rewrite_follow_up, names)
            == "What do the documents say about the release time?")
    assert (scoped_follow_up("Which of those fall to schools?", carried, rewrite_follow_up, names)
            == "Which of the recommendations of “Digital Confidence in the Classroom: PSB Briefing on Teachers' Digital Skills” fall to schools?")


def test_an_answer_is_from_the_document_of_its_first_citation_when_that_holds_half_of_them():
    from types import SimpleNamespace

    from assistant.chain import Assistant

    records = {"a": SimpleNamespace(title="A"), "b": SimpleNamespace(title="B")}
    store = SimpleNamespace(get_documents=lambda ids: {d: records[d] for d in ids if d in records})
    owner = SimpleNamespace(retriever=SimpleNamespace(keyword=SimpleNamespace(is_ready=lambda d: d in records), store=store))
    assert Assistant._answered_from(owner, ["a", "a", "b"]) == ["A"]
    assert Assistant._answered_from(owner, ["a", "b"]) == ["A"]          # the answering line's document
    assert Assistant._answered_from(owner, ["a", "b", "c"]) == []        # one line per document: several alike
    assert Assistant._answered_from(owner, ["gone"]) == []               # removed since
    assert Assistant._answered_from(owner, []) == []


def test_the_report_is_any_document_but_the_survey_only_a_survey():
    previous = "What does the cloud readiness review recommend?"
    assert scoped_follow_up("What does the review say about skills?", previous, rewrite_follow_up) == "What does the cloud readiness review say about skills?"
    assert scoped_follow_up("What did the survey find about skills gaps?", previous, rewrite_follow_up) is None
    cloud = ["Moving Councils to the Cloud: PSB Cloud Readiness Review 2022"]
    assert (scoped_follow_up("What does the report recommend?", "What share of councils use the cloud?", rewrite_follow_up, answered_from=cloud)
            == "What does “Moving Councils to the Cloud: PSB Cloud Readiness Review 2022” recommend?")
    assert scoped_follow_up("What does the insight recommend?", "What share of councils use the cloud?", rewrite_follow_up, answered_from=cloud) is None


def test_a_numbered_item_of_no_document_points_back():
    from assistant.followup_scope import points_back

    assert points_back("Who is responsible for delivering Recommendation 3?")
    assert points_back("What does the report say about skills?")
    assert not points_back("Who is responsible for delivering Recommendation 3 of the SME insight?")
    assert not points_back("What share of councils use the cloud?")


def test_a_question_of_its_own_naming_a_numbered_thing_is_not_rewritten_as_a_follow_up():
    from assistant.followup_scope import pointed_back

    question = "How many grants did round four of the Digital Inclusion Fund award?"
    assert pointed_back(question, "What did the cloud review find?", answered_from=["Moving Councils to the Cloud"]) is None


def test_a_title_is_carried_only_when_the_question_refers_to_a_document():
    def names(text: str) -> list[str]:
        return ["Briefing: Legacy IT Remediation in Central Government"] if "central government" in text.lower() else []

    sme = ["Opening Up Public Procurement to SMEs"]
    previous = "How much of central government technology spend went to SMEs?"  # two title words, not the briefing
    assert (scoped_follow_up("What are its recommendations?", previous, rewrite_follow_up, names, answered_from=sme)
            == "What are the recommendations of “Opening Up Public Procurement to SMEs”?")
    assert (scoped_follow_up("And Recommendation 2?", "What does Legacy IT Remediation in Central Government say?", rewrite_follow_up, names)
            == "What is Recommendation 2 of “Briefing: Legacy IT Remediation in Central Government”?")


def test_the_condensing_model_is_told_which_document_an_answer_came_from():
    from types import SimpleNamespace

    from langchain_core.messages import AIMessage
    from langchain_core.runnables import RunnableLambda

    from assistant.chain import Assistant

    seen: list[str] = []

    def model(prompt):
        seen.append(prompt.to_string())
        return AIMessage(content="What is Recommendation 2 of Moving Councils to the Cloud?")

    owner = SimpleNamespace(chat_model=RunnableLambda(model), _answered_from=lambda cited: ["Moving Councils to the Cloud"] if cited else [])
    owner._history_line = lambda m: Assistant._history_line(owner, m)
    history = [{"role": "user", "content": "What share of councils use the cloud?"},
               {"role": "assistant", "content": "38% [1].", "documents": ["cloud"]}]
    assert Assistant._condense_with_llm(owner, "And Recommendation 2?", history) == "What is Recommendation 2 of Moving Councils to the Cloud?"
    assert "assistant: 38% [1]. [answered from: Moving Councils to the Cloud]" in seen[0] and "name that document" in seen[0]


def test_another_one_is_a_follow_up_but_the_one_with_is_not():
    from assistant.chain import Assistant

    assert Assistant._is_follow_up("What did the 2019 one say about leadership?")
    assert not Assistant._is_follow_up("Which department is the one with the largest SME share?")


def test_a_question_that_says_it_switches_topic_is_not_a_follow_up():
    """ "their" belongs to the question's own prisoners: it does not point back to the previous turn."""
    from assistant.chain import Assistant

    assert not Assistant._is_follow_up("Switching to prisons, what share of prisoners lost their course progress?")
    assert not Assistant._is_follow_up("On a different topic, what do councils say about their cloud contracts?")
    assert Assistant._is_follow_up("What share of them lost their course progress?")


def test_that_one_is_the_row_a_which_question_s_answer_picked_out():
    from assistant.followup_scope import the_one_answered

    answer = "**HMP Kelsing Fields** [1]:\n- Tablets issued: 1,340 [1]\n- Course completion: 72% [1]"
    which = "Which of the prisons had the highest course completion?"
    assert the_one_answered("How many tablets were issued at that one?", which, answer) == "How many tablets were issued at HMP Kelsing Fields?"
    assert the_one_answered("How many tablets did that prison issue?", which, answer) is None  # "that prison" is not at the end
    assert the_one_answered("And at that prison?", which, answer) == "And at HMP Kelsing Fields?"
    assert the_one_answered("How many tablets were issued at that one?", "What did the review find?", answer) is None  # not a "which"
    assert the_one_answered("How many tablets were issued at that one?", which, "Kelsing Fields led [1].") is None  # no label
    sentence = "Marshfield allowed the longest loans in the pilot, eight weeks on average [1]."
    longest = "Which library service let people keep devices the longest?"
    assert the_one_answered("How many loans did it make?", longest, sentence) == "How many loans did Marshfield make?"
    assert the_one_answered("How many loans did it make?", "What did the pilot find?", sentence) is None  # no "which" asked
    assert the_one_answered("How many loans did it make?", longest, "Overall allowed longer loans [1].") is None  # no name
    noted = "**Kingsmoor Council (unitary)** [1]:\n- Invalid at first submission, 2024/25: 16% [1]"
    assert (the_one_answered("Who leads its planning team?", "Which council had the lowest invalid rate?", noted)
            == "Who leads Kingsmoor Council's planning team?")  # the row's note in brackets is no part of its name


def test_its_thing_is_that_thing_of_the_document_the_previous_answer_came_from():
    previous = "How much was the reset programme worth?"
    assert (scoped_follow_up("What did its AI pilot achieve?", previous, rewrite_follow_up, answered_from=["Wyebridge's reset"])
            == "What did the AI pilot of “Wyebridge's reset” achieve?")
    assert scoped_follow_up("What did its AI pilot achieve?", previous, rewrite_follow_up) is None  # no document to point back at
    # a programme by its name owns "its" AI pilot itself
    assert (scoped_follow_up("What did its AI pilot achieve?", "How much was the Wyebridge Reset programme worth?", rewrite_follow_up,
                             answered_from=["Wyebridge's reset"]) == "What did the Wyebridge Reset programme's AI pilot achieve?")
    # "its first full calendar year" is one thing: the words that need a noun after them do not end it
    assert (scoped_follow_up("How many applications came in during its first full calendar year?", previous, rewrite_follow_up,
                             answered_from=["Card briefing"])
            == "How many applications came in during the first full calendar year of “Card briefing”?")


def test_a_question_in_parts_has_its_constraints_checked_part_by_part():
    from types import SimpleNamespace

    from assistant.chain import Assistant
    from assistant.constraints import Constraint

    seen: list[str] = []

    def unmet_in(question, passages):
        seen.append(question)
        return [Constraint("year", "2022")] if "2022" in question and "finder" in question else []

    owner = SimpleNamespace(_unmet_in=unmet_in)
    question = "How many practices did people contact in 2022, and how many with the finder in 2024?"
    assert Assistant._unmet(owner, question, ["a passage"]) == []  # 2022 is asked of the first part, which names no finder
    assert seen == ["How many practices did people contact in 2022?", "how many with the finder in 2024?"]
    assert Assistant._unmet(owner, "How many practices with the finder in 2022?", ["a passage"]) == [Constraint("year", "2022")]
    seen.clear()  # a later part about the first part's subject is checked with it, as one question
    Assistant._unmet(owner, "What share of jobs were logged on the web last year, and what was it back in 2019-20?", ["a passage"])
    assert seen == ["What share of jobs were logged on the web last year, and what was it back in 2019-20?"]


def test_a_list_asked_in_everyday_words_fetches_the_sections_in_that_role_the_search_missed():
    from types import SimpleNamespace

    from assistant.chain import Assistant
    from assistant.retrieval import Passage

    def chunk(i: int, section: str, text: str):
        return SimpleNamespace(chunk_id=f"a:{i}", index=i, text=text,
                               meta={"doc_id": "a", "title": "Baseline", "source": "a.txt", "section": section, "chunk_index": i})

    chunks = [chunk(0, "PURPOSE OF THIS NOTE", "This note records how people booked."),
              chunk(1, "WHAT GETS IN THE WAY", "- no booking reference;\n- dates only four weeks ahead;"),
              chunk(2, "NEXT STEPS", "We will look again in 2025.")]
    owner = SimpleNamespace(retriever=SimpleNamespace(store=SimpleNamespace(chunks_of=lambda doc_id: chunks)))
    found = [Passage.from_chunk(chunks[0])]
    passages = Assistant._with_role_sections(owner, "What were the main hassles with booking a ceremony?", found)
    assert [p.section for p in passages] == ["PURPOSE OF THIS NOTE", "WHAT GETS IN THE WAY"]
    assert Assistant._with_role_sections(owner, "What did the note find about bookings?", found) == found  # no role asked


def test_the_figure_for_another_year_is_a_follow_up_but_the_number_of_x_is_not():
    from assistant.chain import Assistant

    assert Assistant._is_follow_up("What was the figure in 2022?")
    assert Assistant._is_follow_up("What was the share in the earlier survey?")
    assert not Assistant._is_follow_up("What was the number of visitors to the archive in 2022?")
    assert not Assistant._is_follow_up("What was the share of requests made online in 2022?")


def test_a_programme_named_by_its_kind_alone_is_the_one_just_asked_about():
    """ "Who is running the programme?" after a question about Tap North asks who runs Tap North; a programme
    named ("the Tap North programme"), or a post of it ("the programme director of X"), is the question's own."""
    from assistant.chain import Assistant

    assert Assistant._is_follow_up("Who is running the programme?")
    assert Assistant._is_follow_up("How much will the project cost in total?")
    assert Assistant._is_follow_up("Has the pilot finished yet?")
    assert not Assistant._is_follow_up("What did the Tap North programme achieve in 2024?")
    assert not Assistant._is_follow_up("Who is the programme director of Tap North?")
    assert not Assistant._is_follow_up("Who leads the programme of work on digital skills?")


def test_the_one_of_another_kind_is_no_item_numbered_one():
    title = ["Tap On, Tap Off: The Valleys Pass Bus Ticketing Programme"]
    assert scoped_follow_up("And the weekly one?", "What is the daily fare cap on Valleys Pass?", rewrite_follow_up, None, title) == \
        "What is the weekly fare cap on Valleys Pass?"


def test_its_numbered_item_is_of_what_its_stands_for_not_of_the_document():
    previous = "What does the Farm Resilience Fund pay for?"
    asked = "On average, how long did applicants wait for a decision in its third round?"
    assert (scoped_follow_up(asked, previous, rewrite_follow_up, answered_from=["Applying online for the fund"])
            == "On average, how long did applicants wait for a decision in the Farm Resilience Fund's third round?")

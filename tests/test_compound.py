"""A question about two documents is split into a question per document, and the answers merged."""

from assistant.answer import Answer, Citation
from assistant.compound import compared_parts, document_parts, merged

TITLES = {"apprenticeship review": "appr", "30 hours briefing": "care", "veterans' insight": "vets", "passport blog": "pass"}


def named(text: str) -> list[str]:
    """The fixture's title index: a document is named when its phrase occurs in the text."""
    return [doc for phrase, doc in TITLES.items() if phrase in text.lower()]


def test_one_question_about_two_documents_becomes_two_questions():
    q = "What is the Department for Education asked to do in the apprenticeship review and in the 30 hours briefing?"
    assert document_parts(q, named) == ["What is the Department for Education asked to do in the apprenticeship review?",
                                        "What is the Department for Education asked to do in the 30 hours briefing?"]
    q = "When was the fieldwork for the passport blog and the veterans' Insight?"
    assert document_parts(q, named) == ["When was the fieldwork for the passport blog?", "When was the fieldwork for the veterans' Insight?"]


def test_two_questions_with_a_document_each_and_an_elliptical_second_part():
    q = "Who wrote the 30 hours briefing and who wrote the veterans' Insight?"
    assert document_parts(q, named) == ["Who wrote the 30 hours briefing?", "Who wrote the veterans' Insight?"]
    q = "How many people were surveyed for the passport blog, and how many for the veterans' Insight?"
    assert document_parts(q, named) == ["How many people were surveyed for the passport blog?",
                                        "How many people were surveyed for the veterans' Insight?"]


def test_a_comparison_of_two_topics_becomes_a_question_on_each():
    q = "How do library loans and museum visits compare on the share of bookings made online?"
    assert compared_parts(q) == ["What is the share of bookings made online for library loans?",
                                 "What is the share of bookings made online for museum visits?"]
    assert compared_parts("How do councils compare?") == [] and compared_parts("What are the loans and visits?") == []


def test_which_had_more_of_two_becomes_a_count_of_each():
    q = "Which had more respondents, the 2024 social work technology survey or the 2023 survey of prison staff?"
    assert compared_parts(q) == ["How many respondents did the 2024 social work technology survey have?",
                                 "How many respondents did the 2023 survey of prison staff have?"]
    assert compared_parts("Which had more respondents?") == []
    assert compared_parts("Which heard from more people, the 2024 fire survey or the tenant survey?") == [
        "How many people did the 2024 fire survey hear from?", "How many people did the tenant survey hear from?"]
    assert compared_parts("Which councils had more staff or more money?") == []  # no two things named after a comma
    assert compared_parts("Which cost more to build, the ferry booking programme or the List a Place service?") == [
        "How much did the ferry booking programme cost to build?", "How much did the List a Place service cost to build?"]


def test_no_split_without_two_named_documents():
    assert document_parts("What did the passport blog find about photos and the Post Office?", named) == []
    assert document_parts("How many passports were renewed in 2023 and 2024?", named) == []
    assert document_parts("Who wrote the passport blog and when was it published?", named) == []  # one document


def _cite(n: int, doc: str) -> Citation:
    return Citation(n=n, doc_id=doc, title=f"Title {doc}", source=f"{doc}.md", section="S", page=None, quote="q")


def test_merged_answers_number_citations_on_and_label_each_part():
    a = Answer(answer="2,530 people were surveyed [1].", citations=[_cite(1, "pass")], standalone_question="A?")
    b = Answer(answer="2,045 veterans were surveyed [1].\n\n- Most were men [2].", citations=[_cite(1, "vets"), _cite(2, "vets")],
               standalone_question="B?")
    out = merged("Q?", "Q?", [a, b])
    assert out.answer == ("**Title pass:** 2,530 people were surveyed [1].\n\n"
                          "**Title vets:** 2,045 veterans were surveyed [2].\n\n- Most were men [3].")
    assert [c.n for c in out.citations] == [1, 2, 3] and not out.refused


def test_a_refused_part_says_so_and_refuses_only_when_every_part_does():
    no = Answer(answer="The indexed documents do not mention X.\n\nClosest evidence (it does not answer the question):\n\n> y [1]",
                refused=True, citations=[_cite(1, "pass")], standalone_question="Who wrote the passport blog?", missing=["X"])
    yes = Answer(answer="Jo Bloggs wrote it [1].", citations=[_cite(1, "vets")], standalone_question="B?")
    out = merged("Q?", "Q?", [no, yes])
    assert out.answer.startswith("**Who wrote the passport blog:** The indexed documents do not mention X.\n\n**Title vets:** Jo Bloggs wrote it [1].")
    assert not out.refused and [c.doc_id for c in out.citations] == ["vets"]
    assert merged("Q?", "Q?", [no, no]).refused


def test_a_parts_labels_of_the_year_its_title_names_are_dropped():
    from assistant.compound import _without_year_labels
    text = "**2019:** Risk aversion has changed less [1].\n\n- **2017:** 61 per cent in 2017 [2].\n- **2019:** Fewer pilots [1]."
    assert _without_year_labels(text, "Two Years On: Survey of Civil Servants 2019") == (
        "Risk aversion has changed less [1].\n\n- **2017:** 61 per cent in 2017 [2].\n- Fewer pilots [1].")
    assert _without_year_labels(text, "Smarter Services") == text


def test_one_question_of_two_settings_becomes_a_question_of_each():
    from assistant.compound import setting_parts
    question = "What data standards has the PSB called for in waste collection and in coroner services, and who should produce them?"
    assert setting_parts(question) == [
        "What data standards has the PSB called for in waste collection, and who should produce them?",
        "What data standards has the PSB called for in coroner services, and who should produce them?"]
    assert setting_parts("How many staff work in Leeds and in York?") == ["How many staff work in Leeds?", "How many staff work in York?"]
    assert setting_parts("How many staff work in Leeds and York?") == []  # one setting of two places: the caller's search decides


def test_was_a_larger_share_for_a_or_for_b_asks_each_its_share():
    from assistant.compound import setting_parts
    q = "Was a larger share of applications made online for heritage listing in 2022-23 or for Blue Badges in 2023?"
    assert setting_parts(q) == ["What share of applications made online for heritage listing in 2022-23?",
                                "What share of applications made online for Blue Badges in 2023?"]
    assert setting_parts("Did councils do better in Kent or in Essex?") == []  # no measure to ask of each


def test_which_got_more_money_or_the_higher_share_asks_each_for_it():
    assert compared_parts("Which programme got more public money, Connected Libraries Scotland or the Tees Valley programme?") == [
        "How much public money did Connected Libraries Scotland get?", "How much public money did the Tees Valley programme get?"]
    assert compared_parts("Which had the higher share of applications made online, the permits in 2023 or the school round?") == [
        "What share of applications made online for the permits in 2023?", "What share of applications made online for the school round?"]

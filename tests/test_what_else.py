""""What else ...?" after an answer is answered from what its passages say besides the lines already given."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.answer import Answer, citation_for
from assistant.chain import Assistant
from assistant.retrieval import Passage

PROBLEMS = Passage(chunk_id="b:3", doc_id="b", title="Blog", source="b.html", section="What did not go so well", page=None,
                   text="On offer day the service slowed down badly for about ninety minutes. Some parents had to create two "
                        "accounts. Information about in-year transfers was still handled on paper.", chunk_index=3)
RESULTS = Passage(chunk_id="b:2", doc_id="b", title="Blog", source="b.html", section="The headline results", page=None,
                  text="Late applications, which used to be a headache, fell from 7 per cent to 4 per cent.", chunk_index=2)
LAST = "On offer day the service slowed down badly for about ninety minutes [1]."
ASKED = "What else did not go so well? (follow-up to: What went wrong on offer day?)"


def _owner():
    seen: list[list[Passage]] = []

    def extractive(question, passages, base):
        seen.append(passages)
        return Answer(answer=passages[0].text, citations=[citation_for(1, passages[0], passages[0].text)], **base)
    return SimpleNamespace(_extractive=extractive), seen


def test_the_rest_of_the_passage_the_last_answer_quoted_answers_what_else():
    owner, seen = _owner()
    answer = Assistant._beyond_last(owner, ASKED, LAST, [RESULTS, PROBLEMS], {"question": "What else did not go so well?"})
    assert answer is not None and [p.chunk_id for p in seen[0]] == ["b:3"]
    assert "ninety minutes" not in seen[0][0].text and "two accounts" in seen[0][0].text and "in-year transfers" in seen[0][0].text


def test_only_a_what_else_follow_up_is_answered_this_way():
    owner, seen = _owner()
    assert Assistant._beyond_last(owner, "What else did not go so well?", LAST, [PROBLEMS], {}) is None  # not a follow-up
    assert Assistant._beyond_last(owner, "How long was it slow? (follow-up to: What went wrong on offer day?)", LAST, [PROBLEMS], {}) is None
    assert seen == []


def test_what_else_questions_are_recognised_and_keep_their_own_words():
    from assistant.chain import _ELSE
    assert all(_ELSE.match(q) for q in ["What else put them off?", "And what else did not go well?", "Anything else?",
                                        "What other problems were there?"])
    assert not any(_ELSE.match(q) for q in ["What put them off?", "Why did it slow down?", "Which councils did something else?"])


def test_what_else_asking_a_role_of_its_own_is_that_list_not_the_rest_of_the_last():
    from assistant.lists import asked_role
    asked = "What else did they ask for? (follow-up to: What did probation practitioners complain about in the survey?)"
    assert asked_role(asked) == "needs" and asked_role("What did probation practitioners complain about in the survey?") == "problems"
    owner, seen = _owner()
    assert Assistant._beyond_last(owner, asked, LAST, [PROBLEMS], {}) is None and seen == []


def test_what_else_after_an_answer_that_gave_the_whole_passage_says_there_is_nothing_more():
    owner, seen = _owner()
    everything = ("On offer day the service slowed down badly for about ninety minutes [1]. Some parents had to create two "
                  "accounts [1]. Information about in-year transfers was still handled on paper [1].")
    answer = Assistant._beyond_last(owner, ASKED, everything, [RESULTS, PROBLEMS], {"question": "What else did not go so well?"})
    assert answer is not None and [p.chunk_id for p in seen[0]] == ["b:3"] and "nothing more" in answer.note


def test_the_question_a_turn_follows_is_read_back_as_it_was_written_in():
    from assistant.questions import follow_up_of, followed_question
    assert followed_question(follow_up_of("What else?", "What went wrong (in 2022)?")) == "What went wrong (in 2022)?"
    assert followed_question("What went wrong?") == ""


def test_what_else_in_a_role_after_a_line_from_a_section_in_that_role_asks_for_more_of_it():
    """ "What else put them off?" after "What was the most common reason ...?" answered from "Why people do not sign up"."""
    reasons = Passage(chunk_id="f:4", doc_id="f", title="Flood review", source="f.pdf", section="Why people do not sign up", page=None,
                      text="Most said their home was not at risk. Others said they had never heard of the service at all.",
                      chunk_index=4)
    asked = "What else put them off? (follow-up to: What was the most common reason residents gave for not signing up?)"
    owner, seen = _owner()
    answer = Assistant._beyond_last(owner, asked, "Most said their home was not at risk [1].", [reasons], {})
    assert answer is not None and "never heard of the service" in seen[0][0].text and "not at risk" not in seen[0][0].text
    # ... but after a line from a section in no such role, the turn's own role is a list of its own
    from dataclasses import replace
    owner, seen = _owner()
    assert Assistant._beyond_last(owner, asked, "Most said their home was not at risk [1].", [replace(reasons, section="Summary")], {}) is None


def test_what_else_they_say_causes_a_thing_of_its_own_asks_about_that_thing():
    from assistant.chain import _ELSE_ABOUT
    m = _ELSE_ABOUT.match("What else did they say causes information to go missing?")
    assert m and f"{m.group('ask')} {m.group('rest')}" == "What did they say causes information to go missing?"
    assert not _ELSE_ABOUT.match("What else did they say causes it?")  # "it" is still the last answer's

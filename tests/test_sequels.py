"""A line that only introduces what follows it: the list after it, or the sentence announcing a number of things."""

from assistant.answer_lines import Candidate
from assistant.retrieval import Passage
from assistant.sequels import counted_after, list_after, with_sequel


def _p(text: str) -> Passage:
    return Passage(chunk_id="d:0", doc_id="d", title="T", source="t.md", section="Barriers", page=None, text=text, chunk_index=0)


LISTED = ("We asked claimants who rarely used the journal what stopped them. Five barriers stood out:\n\n"
          "- Running out of mobile data.\n- Messages written in jargon.\n- Fear of a sanction.")


def test_a_line_whose_paragraph_introduces_a_list_is_answered_by_the_list():
    lead = Candidate("We asked claimants who rarely used the journal what stopped them.", 0)
    intro, items = list_after(lead, [_p(LISTED)], max_items=10)
    assert intro[0].text == "We asked claimants who rarely used the journal what stopped them. Five barriers stood out:"
    assert [c.text for c in items] == ["Running out of mobile data.", "Messages written in jargon.", "Fear of a sanction."]


def test_no_list_when_the_paragraph_does_not_introduce_one():
    text = "Claimants rarely used the journal.\n\nThe pilot ran in Bootle. It ended in March.\n\n- One.\n- Two."
    assert list_after(Candidate("Claimants rarely used the journal.", 0), [_p(text)], 10) is None
    no_colon = LISTED.replace("stood out:", "stood out.")
    assert list_after(Candidate("We asked claimants who rarely used the journal what stopped them.", 0), [_p(no_colon)], 10) is None


def test_the_next_sentence_joins_when_it_announces_a_number_of_things():
    text = ("Even regular journal users phone the helpline. The three reasons they gave most often were that they needed "
            "an answer the same day and that a payment looked wrong. Calls fell in the pilot.")
    lead = Candidate("Even regular journal users phone the helpline.", 0)
    assert [c.text for c in with_sequel(lead, [_p(text)])] == [
        "Even regular journal users phone the helpline.",
        "The three reasons they gave most often were that they needed an answer the same day and that a payment looked wrong."]
    plain = Candidate("Calls fell in the pilot.", 0)
    assert with_sequel(plain, [_p(text)]) == [plain]


def test_a_breakdown_of_the_line_before_joins_it():
    text = ("Just 12 per cent of councils, 17 of the 142, use AI in any live service. Of those 17, 11 use a chatbot, "
            "4 use robotic process automation and 2 use predictive analytics.")
    lead = Candidate("Just 12 per cent of councils, 17 of the 142, use AI in any live service.", 0)
    assert [c.text for c in with_sequel(lead, [_p(text)])][1].startswith("Of those 17, 11 use a chatbot")


def test_a_line_announcing_a_number_of_things_is_followed_by_that_many_sentences():
    text = ("When we asked councils why they had not moved online, three reasons came up again and again. Their case systems "
            "cannot accept audio files. Their legal teams worry about recordings. And they fear being swamped with cases.\n\n"
            "The evidence suggests the third worry is overdone.")
    lead = Candidate("When we asked councils why they had not moved online, three reasons came up again and again.", 0)
    intro, items = counted_after(lead, [_p(text)], max_items=10)
    assert [c.text for c in items] == ["Their case systems cannot accept audio files.", "Their legal teams worry about recordings.",
                                       "And they fear being swamped with cases."]
    # too few sentences after it, or no count of things: no list
    assert counted_after(Candidate("Four barriers stood out.", 0), [_p("Four barriers stood out. One was cost.")], 10) is None
    assert counted_after(Candidate("The council runs six recycling centres.", 0),
                         [_p("The council runs six recycling centres. A. B. C. D. E. F. G.")], 10) is None


def test_a_bare_status_line_brings_the_sentence_saying_what_it_means():
    from assistant.answer_lines import Candidate
    from assistant.sequels import with_detail
    from assistant.retrieval import Passage

    # written for this test
    text = ("Progress against the 2022 proposals\n\nShared booking system: completed. The county launched the system in "
            "May 2024, two months late. Laptop lending: in progress.")
    passages = [Passage(chunk_id="c:0", doc_id="c", title="T", source="c.md", section="S", page=None, text=text, chunk_index=0)]
    lines = with_detail(Candidate("Shared booking system: completed.", 0), passages)
    assert [c.text for c in lines] == ["Shared booking system: completed.", "The county launched the system in May 2024, two months late."]
    assert len(with_detail(Candidate("The county launched the system in May 2024, two months late.", 0), passages)) == 1

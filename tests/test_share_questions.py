"""A "what share" question is led by a line holding a share that says what the question asks, not by
the closest line holding any figure."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.extractive import ExtractiveAnswerer
from assistant.retrieval import Passage
from assistant.share_questions import asks_share, holds_share, predicate, share_lines


@pytest.mark.parametrize("question, expected", [
    ("What share of public bodies knew the Data Ethics Framework existed?", "knew the Data Ethics Framework existed"),
    ("In 2019, what share said their main service could be completed fully online?", "their main service could be completed fully online"),
    ("What share of the 2017 respondents were based in Scotland?", "were based in Scotland"),
    ("Of the sites checked, what fraction did not pass the AA criteria?", "did not pass the AA criteria"),
    ("What percentage of respondents in Wales?", "respondents in Wales"),  # no verb: the question after its frame
    ("What share of all births in those areas was that?", "all births in those areas"),  # a follow-up: its subject
])
def test_the_predicate_is_what_the_question_says_of_its_people(question, expected):
    assert predicate(question) == expected


def test_shares_and_share_questions():
    assert asks_share("What proportion of staff got any coaching?") and not asks_share("How many bodies were asked?")
    assert asks_share("What is the share of repair requests made online?")  # "what is the share" is "what share"
    assert all(holds_share(s) for s in ("Nine in ten bodies knew it.", "31 per cent said so.", "64% failed.", "Half agreed."))
    assert not holds_share("In January 2025 the PSB asked 88 public bodies.")


class _Overlap:
    """Share of the predicate's words a line holds (lower-cased whole words), like ``WordOverlap.shares``."""

    def shares(self, question, texts):
        asked = set(question.lower().split())
        return [len(asked & set(t.lower().rstrip(".").split())) / len(asked) for t in texts]


def test_share_lines_rank_by_the_predicate_and_need_enough_of_it():
    line = lambda text, score: SimpleNamespace(text=text, score=score)  # noqa: E731
    count = line("The PSB asked 88 public bodies about the framework.", 0.70)
    guidance = line("Only 31 per cent knew where to find guidance.", 0.60)
    aware = line("Nine in ten bodies knew the framework existed.", 0.58)
    ranked = [count, guidance, aware]
    question = "What share of public bodies knew the framework existed?"
    assert share_lines(question, ranked, 0.5, _Overlap()) == [aware]  # "knew" alone is a quarter of the predicate: not enough
    assert share_lines(question, ranked, 0.5, _Overlap(), min_fit=0.2) == [aware, guidance]  # then by score + predicate
    assert share_lines("How many public bodies were asked?", ranked, 0.5, _Overlap()) == []


def test_a_share_question_is_led_by_the_share_that_answers_it(embedder):
    asked = "In January 2025 the PSB surveyed 88 organisations about their practice, using the government's guidance for projects that use data."
    found = ("Nine in ten bodies (90%) knew the framework existed, yet only 52% had used it on a project. "
             "Only 31 per cent said they knew where to find guidance on sharing data with another public body.")
    passages = [Passage(chunk_id=f"d1:{i}", doc_id="d1", title="Data ethics", source="d1.docx", section=section, page=None,
                        text=text, chunk_index=i, published="2025-05-14")
                for i, (section, text) in enumerate([("What we found", found), ("What we asked", asked)])]
    answer, _ = ExtractiveAnswerer(embedder).answer("What share of public bodies knew the Data Ethics Framework existed?", passages)
    # not the closer "Only 31 per cent said they knew where to find guidance ...": a share, but of another predicate
    assert answer.splitlines()[0].startswith("Nine in ten bodies (90%) knew the framework existed")


def test_a_yes_no_question_about_most_or_many_is_answered_by_a_share():
    """ "Do most staff trust the data in the new system?": the share that trusts it, though "the new system" is "Compass"."""
    question = "Do most youth justice staff trust the data in the new case system?"
    assert asks_share(question) and predicate(question) == "trust the data in the new case system"
    assert asks_share("Do staff know how their organisation will deliver its plan?")  # a group a survey asked
    assert predicate("Are officials keen to spend time at a tech firm?") == "keen to spend time at a tech firm"
    assert not asks_share("Is the survey weighted?") and not asks_share("Does the report cover Wales?")
    # ... after a setting of its own, and of the bodies a survey counts
    assert asks_share("Back in 2022, did planning officers feel they had been trained properly?")
    assert asks_share("Do regulators mostly publish their data in a form a computer can read?")
    from assistant.question_shapes import _YES_NO
    assert _YES_NO.match("Back in 2022, did planning officers feel trained?") and _YES_NO.match("According to the review, are fees fair?")
    assert not _YES_NO.match("In 2022, how many officers felt trained?")
    line = lambda text, score: SimpleNamespace(text=text, score=score)  # noqa: E731
    templates = line("Reports can now be drafted in the system, but 40 per cent of staff said the templates need work.", 0.60)
    trusted = line("68 per cent said they trust the data in Compass.", 0.51)
    assert share_lines(question, [templates, trusted], 0.4, _Overlap())[0] is trusted


def test_a_sentence_giving_the_whole_share_comes_before_a_row_of_a_group_not_asked_about():
    line = lambda text, score: SimpleNamespace(text=text, score=score)  # noqa: E731
    row = line("Specialist - Trusts responding: 12; Published rosters six weeks ahead: 42%", 0.61)
    whole = line("57 per cent publish rosters six weeks ahead.", 0.52)
    assert share_lines("What share of trusts publish rosters six weeks ahead?", [row, whole], 0.4, _Overlap())[0] is whole
    asked = "What share of specialist trusts publish rosters six weeks ahead?"
    assert share_lines(asked, [row, whole], 0.4, _Overlap())[0] is row  # the group asked about


def test_a_row_whose_label_says_more_than_the_question_is_another_groups():
    from assistant.share_questions import row_of_another_group
    row = "Small housing associations - Landlords: 83; Requests made online: 27%"
    assert row_of_another_group(row, "What share of housing repair requests are made online?")  # "housing" alone is not the group
    assert not row_of_another_group(row, "What share of requests to small housing associations are made online?")
    assert not row_of_another_group("All councils - Councils reviewed: 171; Online: 73%", "What share of councils offer it online?")


def test_how_much_of_their_time_asks_for_a_share():
    from assistant.share_questions import asks_share

    assert asks_share("According to the 2025 survey, how much of their time do probation staff spend on paperwork?")
    assert asks_share("How much of their budget goes on software?")
    assert not asks_share("How much did the survey cost?")


def test_how_common_asks_for_a_share_and_the_row_of_the_group_named_fits_without_its_label():
    assert asks_share("How common was it for care staff to use their own mobiles for their job?")
    line = lambda text, score: SimpleNamespace(text=text, score=score)  # noqa: E731
    local = line("Local authorities - Services assessed: 28; Labour market data updated in last 12 months: 32%; ", 0.48)
    colleges = line("FE colleges - Services assessed: 18; Labour market data updated in last 12 months: 28%; ", 0.53)
    question = "What proportion of FE college services had updated their local labour market data in the last 12 months?"
    # "Local" of a row's label is the group, not what was done; the row the question names fits with fewer words
    assert share_lines(question, [colleges, local], 0.3, _Overlap(), min_fit=0.6) == [colleges]


def test_the_row_of_the_group_asked_among_comes_before_the_whole_and_its_definition_is_no_other_group():
    line = lambda text, score: SimpleNamespace(text=text, score=score)  # noqa: E731
    whole = line("81% of providers used electronic call monitoring.", 0.64)
    large = line("Large (200 clients or more) - Providers: 64; Call monitoring: 95%; Scheduling app: 85%", 0.63)
    question = "Among large home care providers, what share used electronic call monitoring?"
    assert share_lines(question, [whole, large], 0.3, _Overlap(), min_fit=0.3)[0] is large
    assert share_lines("What share of providers used electronic call monitoring?", [whole, large], 0.3, _Overlap(), min_fit=0.3)[0] is whole

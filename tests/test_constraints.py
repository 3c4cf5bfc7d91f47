"""The constraint check: years, names and distinctive words the evidence must cover before answering."""

from __future__ import annotations

import pytest

from assistant.constraints import Constraint, ConstraintChecker, Evidence, describe_missing, question_constraints, series_phrase

EVIDENCE = Evidence(
    texts=["The 2017 survey received 984 responses from civil servants. Local authorities and the NHS were excluded from its scope. "
           "Skills gaps were reported in service design by 53 per cent.",
           "In 2019 the culture barrier fell to 41 per cent across the Civil Service."],
    titles=["Smarter Services report", "Two Years On"],
    years=["2017", "2019"],
)


@pytest.mark.parametrize("question, expected", [
    ("What did the 2018 PSB survey find?", [("year", "2018"), ("name", "PSB")]),
    ("What did staff in the Scottish Government say?", [("name", "Scottish Government")]),
    ("What did the Department for Education say?", [("name", "Department for Education")]),
    ("HMRC staff: what did they say?", [("name", "HMRC")]),
    ("Two years on, what changed?", []),
    ("What is the PSB's view?", [("name", "PSB")]),
    ("Who is Northvale's Chief Data Officer?", [("name", "Northvale"), ("name", "Chief Data Officer")]),  # two names
])
def test_constraints_are_years_and_names_without_question_words(question, expected):
    assert [(c.kind, c.text) for c in question_constraints(question)] == expected


def _checker(known: set[str]) -> ConstraintChecker:
    return ConstraintChecker(lambda terms: {t: (3 if t in known else 0) for t in terms})


def test_a_year_tied_to_a_survey_needs_that_years_document_or_sentence():
    checker = _checker({"survey", "find", "cultur", "barrier"})
    assert checker.unmet("What did the 2019 survey find?", EVIDENCE) == []
    assert [c.text for c in checker.unmet("What did the 2018 survey find?", EVIDENCE)] == ["2018"]


def test_a_bare_year_needs_a_sentence_with_another_word_of_the_question():
    checker = _checker({"cultur", "barrier"})
    assert [c.text for c in checker.unmet("Was culture a barrier in 2021?", EVIDENCE)] == ["2021"]


def test_names_are_matched_by_stemmed_words_and_exclusions_do_not_count():
    checker = _checker({"civil", "servic", "design", "say", "staff", "nhs"})
    assert checker.unmet("What did the Civil Services say?", EVIDENCE) == []  # "Civil Service" in a sentence, plural in the question
    unmet = checker.unmet("What did NHS staff say?", EVIDENCE)
    assert unmet == [Constraint("name", "NHS", excluded=True)]
    assert "NHS (named only as outside their scope)" in describe_missing(unmet)


def test_a_name_is_met_by_its_passages_title_and_one_of_its_sentences_together():
    from assistant.constraints import name_check
    ev = Evidence(texts=["NHS health boards - Bodies: 14; Contracts: 96; Value: 211m pounds"],
                  titles=["Buying Technology in Scottish Public Bodies"])
    assert name_check(Constraint("name", "Scottish NHS"), ev) is None
    assert name_check(Constraint("name", "Welsh NHS"), ev) == Constraint("name", "Welsh NHS")  # the title is another nation's
    other = Evidence(texts=["Scottish councils bought 40 systems."], titles=["NHS buying in England"])
    assert name_check(Constraint("name", "Scottish NHS"), other) is not None  # Scottish councils in a title on the NHS


def test_unknown_words_are_missing_without_an_embedder():
    checker = _checker({"view", "comput"})
    assert [c.describe() for c in checker.unmet("What is the view on quantum computing?", EVIDENCE)] == ["“quantum”"]
    # a recommendation's fields are asked for by name ("its deadline"), whatever the document calls them ("By: March 2027")
    checker = _checker({"own", "recommend"})
    assert checker.unmet("Who owns Recommendation 2 and what is its deadline?", Evidence(
        texts=["Recommendation 2: Build a single sign-up. Owner: the Steering Group. By: March 2027."],
        sections=["Recommendations"], titles=["Survey"])) == []


def test_distinctive_words_count_only_when_the_evidence_matches_the_rest_of_the_question(embedder):
    ev = Evidence(texts=["44 per cent expected artificial intelligence and automation to change their role significantly.",
                         "The board's work programme covers skills, sharing and transactions."])
    known = {"role", "chang", "job", "will", "reshap", "board", "view", "work", "program"}
    checker = ConstraintChecker(lambda terms: {t: (3 if t in known else 0) for t in terms}, embedder)
    assert checker.unmet("Will robots change jobs?", ev) == []  # a paraphrase of automation
    assert [c.text for c in checker.unmet("What is the board's view on quantum?", ev)] == ["quantum"]


def test_an_unknown_word_with_a_near_synonym_in_the_evidence_is_a_paraphrase(embedder):
    sentences = ["The survey received 984 completed responses from civil servants.",
                 "The board's work programme covers skills, data sharing and transactions."]
    checker = ConstraintChecker(lambda terms: {}, embedder)
    word, similarity = checker.nearest_evidence_word("poll", sentences)
    assert word == "survey" and similarity >= checker.synonym_similarity
    assert checker.nearest_evidence_word("quantum", sentences)[1] < checker.synonym_similarity
    # both signals are needed: a word the rest of the question outweighs is kept even with no synonym
    strict = ConstraintChecker(lambda terms: {}, embedder, min_gain=0.001, synonym_similarity=1.0)
    lenient = ConstraintChecker(lambda terms: {}, embedder, min_gain=0.001, synonym_similarity=0.01)
    ev = Evidence(texts=sentences)
    assert strict._matters("What is the board's view on quantum sharing?", "quantum", ev)
    assert not lenient._matters("What is the board's view on quantum sharing?", "quantum", ev)


class _Vocabulary:
    def __init__(self, words: dict[str, tuple[str, float]]) -> None:
        self.words = words

    def nearest(self, term: str) -> tuple[str, float]:
        return self.words.get(term.lower(), ("", 0.0))


def test_an_unknown_word_whose_meaning_the_index_holds_elsewhere_is_not_missing(embedder):
    """The synonym may sit in a passage that was not retrieved: the index vocabulary counts too."""
    ev = Evidence(texts=["The board's work programme covers skills, sharing and transactions across government."])
    loose = dict(min_gain=0.001, synonym_similarity=0.64)
    plain = ConstraintChecker(lambda terms: {}, embedder, **loose)
    with_index = ConstraintChecker(lambda terms: {}, embedder, vocabulary=_Vocabulary({"quantum": ("physics", 0.9)}), **loose)
    question = "What is the board's view on quantum sharing?"
    assert plain._matters(question, "quantum", ev)
    assert not with_index._matters(question, "quantum", ev)
    far = ConstraintChecker(lambda terms: {}, embedder, vocabulary=_Vocabulary({"quantum": ("wave", 0.47)}), **loose)
    assert far._matters(question, "quantum", ev)


def test_a_question_mostly_about_words_the_index_lacks_is_not_covered(embedder):
    """More than half the content words absent (and no near-synonym in the index): all are missing."""
    ev = Evidence(texts=["London (share of respondents): 38%. Rest of England (share of respondents): 44%."])
    known = {"respond", "share", "london", "offici", "poll", "took", "part"}
    far = _Vocabulary({w: ("region", 0.5) for w in ("gender", "age", "breakdown", "spell")})
    checker = ConstraintChecker(lambda terms: {t: (3 if t in known else 0) for t in terms}, embedder, vocabulary=far)
    missing = checker.unmet("What was the gender and age breakdown of the respondents?", ev)
    assert [c.text for c in missing] == ["gender", "age", "breakdown"]
    assert "“gender”, “age” or “breakdown”" in describe_missing(missing)
    # one everyday word in an otherwise documented question is not enough
    assert checker._mostly_absent("How many officials took part in the poll for a spell?", ["spell"], ev) == []
    near = ConstraintChecker(lambda terms: {t: (3 if t in known else 0) for t in terms}, embedder,
                             vocabulary=_Vocabulary({w: ("sex", 0.9) for w in ("gender", "age", "breakdown")}))
    assert near._mostly_absent("What was the gender and age breakdown of the respondents?", ["gender", "age", "breakdown"], ev) == []
    with pytest.raises(ValueError, match="max_absent_share"):
        ConstraintChecker(lambda terms: {}, max_absent_share=0)


def test_min_gain_is_checked():
    with pytest.raises(ValueError, match="min_gain"):
        ConstraintChecker(lambda terms: {}, min_gain=0)
    with pytest.raises(ValueError, match="synonym_similarity"):
        ConstraintChecker(lambda terms: {}, synonym_similarity=0)


def test_describe_missing_joins_several():
    text = describe_missing([Constraint("year", "2018"), Constraint("term", "quantum")])
    assert text == "The indexed documents do not mention 2018 or “quantum”, so they cannot answer this question."


def test_a_capitalised_word_opening_a_quotation_is_not_a_name():
    found = question_constraints('Repeat exactly this text: "There were 984 completed responses."')
    assert [c for c in found if c.kind == "name"] == []
    assert [c.text for c in question_constraints('Did the survey ask about "HMRC"?') if c.kind == "name"] == ["HMRC"]


def test_a_lower_case_group_named_only_as_left_out_is_missing():
    rare = {"local", "author"}  # the index holds these in one or two chunks; "staff" and "servic" widely
    checker = ConstraintChecker(lambda terms: {t: (1 if t in rare else 40) for t in terms})
    ev = Evidence(texts=["Staff of local authorities and the NHS were outside its scope. "
                         "Only 34 per cent of staff said their main service was fully online."])
    unmet = checker.unmet("What share of local authority staff said their service was fully online?", ev)
    assert unmet == [Constraint("term", "local authority", excluded=True)]
    assert "local authority (named only as outside their scope)" in describe_missing(unmet)
    # a question about the scope itself is answered by the exclusion
    assert checker.unmet("Were local authority staff included in the survey?", ev) == []
    assert checker.unmet("Were local authorities surveyed?", ev) == []
    assert checker.unmet("Did local authority staff take part?", ev) == []
    # a word the index uses widely only happens to stand in the exclusion
    assert checker.unmet("What share of staff said their service was fully online?", ev) == []


def test_a_name_left_out_of_scope_answers_a_question_about_the_scope():
    checker = _checker({"survey", "staff", "nhs", "say", "includ"})
    assert checker.unmet("Did the survey include NHS staff?", EVIDENCE) == []
    assert checker.unmet("Were NHS staff surveyed?", EVIDENCE) == []
    assert checker.unmet("What did NHS staff say?", EVIDENCE) == [Constraint("name", "NHS", excluded=True)]


def test_a_year_tied_to_a_survey_is_not_met_by_a_named_publication_of_that_year():
    checker = _checker({"survey", "find", "onlin", "transact"})
    ev = Evidence(texts=["The UK was placed first in the United Nations E-Government Survey 2016. "
                         "Only 34 per cent said online transactions were complete."], years=["2017"])
    assert [c.text for c in checker.unmet("What did the 2016 survey find about online transactions?", ev)] == ["2016"]
    ev = Evidence(texts=["The 2016 survey found that 30 per cent of online transactions were complete."], years=["2019"])
    assert checker.unmet("What did the 2016 survey find about online transactions?", ev) == []


def test_what_the_question_is_about_absent_in_any_words_is_missing(embedder):
    from assistant.constraints import focus_words

    assert focus_words("What did respondents say about outsourcing?") == ["outsourcing"]
    assert focus_words("How many hackathons did departments run?") == ["hackathons"]
    assert focus_words("How many planning appeals were decided online?") == ["planning", "appeals"]  # up to the noun counted
    assert focus_words("Do teams work in isolated pockets?") == []
    assert focus_words("What was the average caseload of a social worker in the 2024 survey?") == ["caseload"]
    assert focus_words("What was the caseload of a social worker?") == []  # no measure named as such
    ev = Evidence(texts=["Three in ten respondents said they would be interested in a secondment to a technology company."])
    known = {"respond", "say", "depart", "run", "secondment", "staff"}
    far = _Vocabulary({"outsourcing": ("secondment", 0.5), "hackathons": ("events", 0.4), "placements": ("secondment", 0.7)})
    checker = ConstraintChecker(lambda terms: {t: (3 if t in known else 0) for t in terms}, embedder, vocabulary=far)
    assert checker._absent_focus("What did respondents say about outsourcing?", ["outsourcing"], ev) == ["outsourcing"]
    assert checker._absent_focus("How many hackathons did departments run?", ["hackathons"], ev) == ["hackathons"]
    # a focus with a near-synonym in the index, or with a word the index holds, is not missing
    assert checker._absent_focus("What did staff say about placements?", ["placements"], ev) == []
    assert checker._absent_focus("What did staff say about outsourcing secondments?", ["outsourcing"], ev) == []


def test_an_absent_topic_is_missing_though_another_of_its_words_has_a_near_synonym(embedder):
    """ "quantum" has no near-synonym in the index; "computing" has ("processing"): the topic is still absent."""
    ev = Evidence(texts=["The review found that shared hosting cut the average cost per service by 31 per cent."])
    far = _Vocabulary({"quantum": ("wave", 0.47), "computing": ("processing", 0.67)})
    checker = ConstraintChecker(lambda terms: {t: (3 if t in {"review", "say"} else 0) for t in terms}, embedder, vocabulary=far)
    assert checker._absent_focus("What did the review say about quantum computing?", ["quantum", "computing"], ev) == ["quantum"]
    assert checker._absent_focus("What is the board's view on quantum computing?", ["quantum", "computing"], ev) == ["quantum"]


def test_a_lettered_qualifier_needs_the_same_letter_in_the_evidence():
    """A table of categories B, C and D does not answer for Category A."""
    rows = Evidence(texts=["Category B (local) - Prisons: 3; Course completion: 41%",
                           "Category C (training) - Prisons: 6; Course completion: 55%"])
    checker = _checker({"course", "complet", "rate", "categori", "prison", "pilot", "unit"})
    asked = checker.unmet("What was the course completion rate in Category A prisons in the pilot?", rows)
    assert [c.text for c in asked if c.kind == "qualifier"] == ["Category A"]
    assert [c for c in checker.unmet("What was the course completion rate in Category B prisons?", rows) if c.kind == "qualifier"] == []
    assert [c for c in checker.unmet("What was the United Nations E-Government ranking?", rows) if c.kind == "qualifier"] == []


def test_a_numbered_qualifier_needs_the_same_number_in_the_evidence():
    """Rounds one to three do not answer for round four; "round 2" and "second round" meet "round two"."""
    rounds = Evidence(texts=["Grants awarded - Round one (2023): 18; Round 2 (2024): 27. The third round opens in April."])
    checker = _checker({"grant", "award", "round", "fund", "two", "year", "open", "3"})
    assert [c.text for c in checker.unmet("How many grants did round four of the fund award?", rounds)] == ["round four"]
    assert checker.unmet("How many grants did round two of the fund award?", rounds) == []
    assert checker.unmet("When does round 3 of the fund open?", rounds) == []
    assert checker.unmet("How many grants were awarded over two years?", rounds) == []  # a count, not a qualifier
    asked = checker.unmet("How many one-to-one sessions did round two hold?", rounds)
    assert [c for c in asked if c.kind == "qualifier"] == []  # "many one" numbers nothing
    asked = checker.unmet("What did it cost to handle one duplicate grant in round two?", rounds)
    assert [c for c in asked if c.kind == "qualifier"] == []  # one of something, not item one
    asked = checker.unmet("What does an online grant in round two cost compared with a paper one?", rounds)
    assert [c for c in asked if c.kind == "qualifier"] == []  # "a paper one": "one" stands for the grant
    asked = checker.unmet("What share of applicants had to make a second trip to the office in round two?", rounds)
    assert [c for c in asked if c.kind == "qualifier"] == []  # "a second trip": one more trip, not trip number two
    assert [c.text for c in checker.unmet("What did the second round of the fund award?", rounds) if c.kind == "qualifier"] == []
    assert [c.text for c in checker.unmet("What did the fifth round of the fund award?", rounds) if c.kind == "qualifier"] == ["fifth round"]


def test_a_place_or_year_must_be_met_in_the_document_the_question_names():
    """Another document's "Scotland (share of respondents): 8%" does not meet the evaluation's Scotland."""
    everywhere = Evidence(texts=["The evaluation supported 3,480 residents in 2024.", "Scotland (share of respondents): 8% in 2019."],
                          titles=["Assistive Technology Evaluation", "Survey report"], years=["2024", "2019"])
    named = Evidence(texts=["The evaluation supported 3,480 residents in 2024."], titles=["Assistive Technology Evaluation"], years=["2024"])
    checker = _checker({"evalu", "find", "scotland", "resid", "survey", "report", "wale"})
    question = "What did the evaluation find in Scotland?"
    assert checker.unmet(question, everywhere) == []
    missing = checker.unmet(question, everywhere, named)
    assert [c.text for c in missing] == ["Scotland"]
    assert describe_missing(missing).startswith("The documents the question names do not mention Scotland")
    assert describe_missing(checker.unmet("What did the evaluation find in Wales?", everywhere, named)).startswith(
        "The indexed documents do not mention Wales")  # no document does
    assert [c.text for c in checker.unmet("How many residents did the 2019 evaluation find?", everywhere, named)] == ["2019"]
    assert checker.unmet("What did the Survey report find?", everywhere, named) == []  # a name in a retrieved title names a document
    # ... unless a document of that year about the same subject was retrieved: the title's words named the topic
    baseline = Evidence(texts=["In 2019 a patient rang nine practices before finding one."], titles=["Baseline note"], years=["2019"])
    assert checker.unmet("How many residents did the 2019 evaluation find?", everywhere, named, subject=baseline) == []


def test_a_named_document_narrows_the_evidence_only_when_its_passage_leads(corpus_services, monkeypatch):
    """A title can be 'named' by common words ("digital government"): the name the question asks about
    must then be met in that document only if retrieval agrees the question is about it."""
    from assistant.retrieval import Passage

    assistant = corpus_services.assistant
    ranking = Passage("r:00001", "report", "The report", "report.pdf", "", 1, "The United Kingdom was placed first in the survey.", 1)
    named = Passage("b:00001", "baseline", "Digital Government from the Inside", "baseline.docx", "", None,
                    "The survey of civil servants ran in 2015 and asked about digital government.", 1)
    monkeypatch.setattr(assistant.document_names, "named", lambda question, phrase_only=False: ["baseline"])
    question = "Which survey placed the United Kingdom first for digital government?"
    assert assistant._unmet(question, [ranking, named]) == []
    assert [c.text for c in assistant._unmet(question, [named, ranking])] == ["United Kingdom"]


def test_a_group_the_question_is_scoped_to_must_be_in_the_index_nearly_as_asked(embedder):
    """ "dentists" (nearest "jobs") and "ambulance" (nearest "emergency", a neighbour, not the same
    group) scope the question to what the documents never cover; "volunteers" is nearly "volunteer"."""
    ev = Evidence(texts=["Pharmacies lost an average of 3.5 hours a month to outages of the prescription service."])
    vocab = _Vocabulary({"dentists": ("jobs", 0.51), "ambulance": ("emergency", 0.68), "volunteers": ("volunteer", 0.85)})
    checker = ConstraintChecker(lambda terms: {}, embedder, vocabulary=vocab)
    assert checker._scoped_to_absent("What share of dentists send prescriptions electronically?", "dentists", ev)
    assert checker._scoped_to_absent("What does the PSB recommend on patient records in ambulance services?", "ambulance", ev)
    assert not checker._scoped_to_absent("How many volunteers helped in the pilot?", "volunteers", ev)  # no scope, and near
    assert not checker._scoped_to_absent("What share of volunteers stayed on?", "volunteers", ev)  # scoped, but the index has it
    assert not checker._scoped_to_absent("Which dentists said so?", "dentists", ev)  # not a scope phrase: other rules decide
    vocab.words["queries"] = ("database", 0.58)
    assert not checker._scoped_to_absent("What share of tax queries were sorted out online?", "queries", ev)  # a thing, not a group
    vocab.words["women's"] = ("jobs", 0.49)
    assert checker._scoped_to_absent("How many tablets were issued in women's prisons?", "women's", ev)
    vocab.words["lockdown"] = ("pandemic", 0.6)
    assert not checker._scoped_to_absent("How many felt that working in lockdown sped things up?", "lockdown", ev)  # a setting
    vocab.words["items"] = ("things", 0.69)
    # "its items": the parts of a thing the question has already named, not a group it is scoped to
    assert not checker._scoped_to_absent("Which collection has the smallest share of its items on the web?", "items", ev)


def test_a_word_run_together_with_a_known_acronym_is_not_unknown():
    """ "genAI" is carried by the index's "AI"; "quantumAI"-like words whose tail is unknown still are."""
    known = {"ai", "council", "use"}
    checker = ConstraintChecker(lambda terms: {t: (3 if t in known else 0) for t in terms})
    assert checker.unknown_terms("What are councils using genAI for?") == []
    assert checker.unknown_terms("What are councils using genQX for?") == ["genQX"]


def test_a_manner_said_as_x_by_x_is_not_a_distinctive_word():
    """ "paid off bit by bit" asks about instalments in everyday words; "bit" names nothing to look for."""
    checker = ConstraintChecker(lambda terms: {t: (3 if t in {"fine", "paid", "pai", "instal"} else 0) for t in terms})
    assert checker.unknown_terms("What share of fines are paid off bit by bit?") == ["share"]
    assert "bit" in checker.unknown_terms("What share of fines are paid with a bit of help?")


def test_a_length_of_time_in_everyday_words_is_not_a_distinctive_word():
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms if t not in {"spell", "stint"}})
    assert checker.unknown_terms("Would officials like a spell working in a tech firm?") == []
    assert checker.unknown_terms("Who would do a short stint in industry?") == []
    assert checker.unknown_terms("How do children learn to spell?") == ["spell"]


def test_paying_in_everyday_words_is_not_a_distinctive_word():
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms if t not in {"chip", "fork", "stump"}})
    assert checker.unknown_terms("How much did the Home Office chip in for the booking system?") == []
    assert checker.unknown_terms("How much did councils fork out for the app?") == []
    assert checker.unknown_terms("Which chip does the new passport use?") == ["chip"]


def test_two_bodies_joined_by_and_are_two_names_when_one_is_an_acronym():
    names = [c.text for c in question_constraints("What does the PSB want the Student Loans Company and DfE to change?")]
    assert names == ["PSB", "Student Loans Company", "DfE"]
    names = [c.text for c in question_constraints("What did the Department for Culture, Media and Sport say?")]
    assert "Media and Sport" in names  # a name with "and" in it stays whole


def test_a_kind_of_document_alone_is_no_name():
    names = [c.text for c in question_constraints("What does the coroner services Insight want the Ministry of Justice to pay for?")]
    assert names == ["Ministry of Justice"]
    assert [c.text for c in question_constraints("What did the Smarter Services Report find?")] == ["Smarter Services Report"]


def test_a_place_written_with_a_suffix_is_met_by_its_stem():
    from assistant.constraints import Constraint, Evidence, name_check
    ev = Evidence(texts=["Mersey Estuary Housing Trust has a first-time fix rate of 67%."])
    assert name_check(Constraint("name", "Merseyside"), ev) is None
    assert name_check(Constraint("name", "Lancashire"), Evidence(texts=["Lancaster City Council replied."])) is not None
    assert name_check(Constraint("name", "Yorkshire"), Evidence(texts=["York replied."])) is not None


def test_a_grade_letter_is_met_as_written():
    from assistant.constraints import Constraint, Evidence, name_check
    ev = Evidence(texts=["Cumbria found that 38 of its schools had heating systems graded D."])
    assert name_check(Constraint("name", "D"), ev) is None
    assert name_check(Constraint("name", "E"), ev) is not None  # "E" is not in "graded D"


def test_a_survey_year_is_met_by_a_sentence_saying_that_the_survey_ran_then():
    checker = _checker({"council", "respond", "burial", "record", "survey", "psb"})
    surveyed = Evidence(texts=["In autumn 2024 the PSB surveyed the bereavement teams of 88 councils."], titles=["Burial records briefing"],
                        years=["2025"])
    assert checker.unmet("How many councils responded to the PSB's 2024 burial records survey?", surveyed) == []


def test_a_year_must_be_met_in_the_passages_about_the_subject():
    checker = _checker({"share", "leak", "report", "came", "app"})
    everything = Evidence(texts=["61 per cent of leak reports came in through an app in 2023-24.", "In 2019, 53 per cent said barriers stop sharing."],
                          titles=["Leak apps review", "Staff survey"], years=["2024", "2019"])
    subject = Evidence(texts=everything.texts[:1], titles=everything.titles[:1], years=everything.years[:1])
    question = "What share of leak reports came in through an app in 2019?"
    assert checker.unmet(question, everything) == []  # the year alone is somewhere
    [missing] = checker.unmet(question, everything, subject=subject)
    assert missing.off_subject and describe_missing([missing]).startswith("The indexed documents do not mention 2019 for what it asks about")


def test_the_thing_a_topic_question_asks_about_is_its_last_word(embedder):
    """ "... say about licensing pedicabs?": "licensing" is everywhere in the review, "pedicabs" nowhere, and it is the topic."""
    known = {"taxi", "licens", "review", "say", "driver", "check"}
    checker = ConstraintChecker(lambda terms: {t: (3 if t in known else 0) for t in terms}, embedder)
    ev = Evidence(texts=["The review looked at how 30 councils handle taxi and private hire driver licensing. "
                         "Licensing officers said that driver checks take too long."], titles=["Taxi licensing review"], years=["2024"])
    question = "What does the taxi licensing review say about licensing pedicabs?"
    assert [c.text for c in checker.unmet(question, ev)] == ["pedicabs"]
    assert checker._absent_focus(question, ["pedicabs"], ev) == ["pedicabs"]  # missing as the topic, however little it moves the match
    assert checker.unmet("What does the taxi licensing review say about driver checks?", ev) == []


def test_excluded_from_school_is_no_exclusion_from_scope():
    from assistant.constraints import _EXCLUSION
    assert not _EXCLUSION.search("31 per cent of the children on the caseload had been permanently excluded from school")
    assert _EXCLUSION.search("Staff of the NHS were excluded from the survey.")
    assert _EXCLUSION.search("Local authorities were excluded.")
    assert _EXCLUSION.search("Local authorities were excluded from this year's survey.")
    assert not _EXCLUSION.search("Pupils excluded from their school were offered a place elsewhere.")


def test_a_financial_year_is_met_only_as_that_span_however_it_is_written():
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms})  # every word is in the index
    ev = Evidence(texts=["Between them they received 398,200 reports of fly-tipping in 2023-24."], years=["2025"])
    assert checker.unmet("How many fly-tipping reports did councils receive in 2023/24?", ev) == []
    assert [c.text for c in checker.unmet("How many fly-tipping reports did councils receive in 2024-25?", ev)] == ["2024-25"]
    assert [c.text for c in checker.unmet("How many fly-tipping reports did councils receive in 2022-23?", ev)] == ["2022-23"]


def test_acronyms_side_by_side_are_two_names_and_a_long_name_is_met_by_its_acronym():
    from assistant.constraints import Constraint, Evidence, name_check, question_constraints
    assert [c.text for c in question_constraints("What's the DWP DHP allocation for 2025/26?") if c.kind == "name"] == ["DWP", "DHP"]
    ev = Evidence(texts=["In January 2021 Her Majesty's Prison and Probation Service (HMPPS) began a pilot."])
    assert name_check(Constraint("name", "HM Prison and Probation Service"), Evidence(texts=["HMPPS ran the pilot in 2021."])) is None
    assert name_check(Constraint("name", "HM Prison and Probation Service"), ev) is None
    assert name_check(Constraint("name", "Driver and Vehicle Standards Agency"), ev) is not None  # no DVSA there


def test_an_acronyms_plural_is_met_where_the_acronym_is():
    """ "Why do regulators still publish PDFs?" was refused as not mentioning PDFs: "pdfs" stems to itself, and the
    documents say "PDF". The plural is looked for, and counted in the index, as the acronym."""
    from assistant.constraints import name_check, singular_acronyms

    assert singular_acronyms("Why so many PDFs and APIs?") == "Why so many PDF and API?"
    assert singular_acronyms("Which regulators publish data?") == "Which regulators publish data?"
    ev = Evidence(texts=["Most regulators still publish their data as tables inside a PDF report."])
    assert name_check(Constraint("name", "PDFs"), ev) is None
    known = {"pdf", "regul", "publish"}
    checker = ConstraintChecker(lambda terms: {t: (3 if t in known else 0) for t in terms})
    assert checker.unknown_terms("Why do regulators publish PDFs?") == []
    # ... and where the plural itself is, as the documents write it ("gps" stems to itself): a frozen set's question
    # about GPs was refused when only the singular was looked for
    plural = ConstraintChecker(lambda terms: {t: (3 if t in {"gps", "practic"} else 0) for t in terms})
    assert plural.unknown_terms("How many practices have GPs?") == []
    assert name_check(Constraint("name", "GPs"), Evidence(texts=["Most GPs now offer video calls."])) is None


def test_a_question_about_two_things_may_find_the_second_in_another_document():
    """ "Which is due first, A or B?" names A's document by its title; B is another document's, and its name there is
    met (refused as "The documents the question names do not mention Project Meridian")."""
    everywhere = Evidence(texts=["The tram extension is due by autumn 2026.", "Project Meridian will go live nationally in October 2025."],
                          titles=["Tap North ticketing", "Probation case management"], years=[])
    named = Evidence(texts=["The tram extension is due by autumn 2026."], titles=["Tap North ticketing"], years=[])
    checker = _checker({"tram", "extens", "due", "project", "meridian", "live", "tap", "north", "first", "go"})
    asked = "Which is due first, the Tap North tram extension or the go-live of Project Meridian?"
    assert checker.unmet(asked, everywhere, named) == []
    alone = "When does Project Meridian go live on the Tap North trams?"  # one thing of the named document: still its own
    assert [c.text for c in checker.unmet(alone, everywhere, named)] == ["Project Meridian"]


def test_a_place_written_only_together_with_another_gives_no_figure_of_its_own():
    from assistant.constraints import only_joined

    ev = Evidence(texts=["The survey received 2,315 responses from Probation Service staff in England and Wales."],
                  titles=["Probation digital survey 2025"], years=["2025"])
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms})  # every word known: only the names are checked
    unmet = checker.unmet("What share of probation staff in Wales felt confident?", ev)
    assert [c.text for c in unmet] == ["figures for Wales on its own"]
    assert [c.text for c in checker.unmet("How confident were probation staff in Wales with the new system?", ev)] == \
        ["figures for Wales on its own"]
    assert checker.unmet("What share of probation staff in England and Wales felt confident?", ev) == []
    led = Evidence(texts=["This review, led by Priya Nandakumar, looked at every contract of the region's NHS trusts."],
                   titles=["Buying Technology in the North East and North Cumbria NHS"])
    assert checker.unmet("Who led the review of NHS technology frameworks in the North East?", led) == []  # no figure asked of it
    followed = "How long did contracts take to award on average? (follow-up to: Who led the review in the North East?)"
    assert checker.unmet(followed, led) == []  # the place scoped the question it follows
    trust = Evidence(texts=["The Tyneside and Sunderland schools trust saves £240,000 a year."])
    assert checker.unmet("How much does the Sunderland schools group save?", trust) == []  # a name of the group, not a place asked of
    assert only_joined("Scotland", ["England, Scotland and Wales"]) and not only_joined("Wales", ["England and Wales", "Wales: 12%"])
    assert not only_joined("Wales", ["Nothing here."])
    region = Evidence(texts=["Seven councils - Newcastle, Gateshead, North Tyneside, Sunderland and County Durham - share a portal. "
                             "It handled 25,600 applications for primary places."])
    assert [c.text for c in checker.unmet("How many applications did Newcastle receive for primary places?", region)] == \
        ["figures for Newcastle on its own"]


def test_a_place_met_only_by_a_document_about_something_else_is_not_met():
    subject = Evidence(texts=["In the year to July 2024, 87% of applications to register to vote were made online. In Scotland it was 90%."])
    other = Evidence(texts=["Northern Ireland (share of respondents): 4%."])
    ev = Evidence(texts=[*subject.texts, *other.texts])
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms})
    question = "What share of applications to register were made online in Northern Ireland?"
    unmet = checker.unmet(question, ev, name_subject=lambda: subject)
    assert unmet == [Constraint("name", "Northern Ireland", off_subject=True)]
    assert "Northern Ireland for what it asks about" in describe_missing(unmet)
    assert checker.unmet(question.replace("Northern Ireland", "Scotland"), ev, name_subject=lambda: subject) == []
    assert checker.unmet("What did the survey say about Northern Ireland?", ev, name_subject=lambda: subject) == []  # no figure asked


def test_a_name_and_a_year_must_be_met_by_one_passage():
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms})
    ev = Evidence(texts=["In 2022, 31% of staff felt confident using the case system.",
                         "Scribe, the note-taking tool, had been used by 18% of staff."],
                  titles=["Probation survey 2022", "Probation survey 2025"], years=["2022", "2025"])
    unmet = checker.unmet("What share of staff had used Scribe in 2022?", ev, subject=ev)
    assert unmet == [Constraint("name", "Scribe in 2022")]
    assert checker.unmet("What share of staff had used Scribe in 2025?", ev, subject=ev) == []


def test_a_likeness_names_a_kind_not_a_topic():
    """ "Excel-type files" are the documents' "spreadsheets": neither the name "Excel" nor the word must be in the index."""
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms if t not in {"excel", "uber"}})
    question = "What share of councils keep their records in Excel-type files?"
    assert checker.unknown_terms(question) == []
    assert [c.text for c in question_constraints(question) if c.kind == "name"] == []
    assert checker.unknown_terms("What share of councils use Excel?") == ["Excel"]
    assert [c.text for c in question_constraints("How many councils use Excel for their records?") if c.kind == "name"] == ["Excel"]


def test_a_row_under_a_caption_naming_the_year_meets_it():
    """The note is dated 2023; its table is captioned "..., 2022" and its rows name no year."""
    from assistant.constraints import year_met
    text = ("In 2022 the public made 118,400 reports.\n\nReports by type of incident, 2022\n\n"
            "Water pollution: 38,900\nIllegal waste and fly-tipping: 21,300")
    ev = Evidence(texts=[text], years=["2023"])
    question = "What do the documents say about fly-tipping in 2022?"
    assert year_met(Constraint("year", "2022"), question, ev)
    assert not year_met(Constraint("year", "2022"), question, Evidence(texts=[text.replace("incident, 2022", "incident")], years=["2023"]))


def test_a_table_whose_heading_names_the_period_meets_it_for_its_rows():
    """The caption is the passage's own heading: "Table 1: Results by region, 2022-23" dates the row of Yorkshire."""
    from assistant.constraints import year_met
    row = "Yorkshire and the Humber - Authorities responding: 12; Device loans: 4,300; Footfall vs 2019-20: 66%"
    question = "How many device loans were made in Yorkshire and the Humber in 2022-23?"
    def evidence(section: str) -> Evidence:
        return Evidence(texts=[row], years=["2023"], sections=[section], headed=[(section, row)])
    assert year_met(Constraint("year", "2022-23"), question, evidence("3. What libraries offered > Table 1: Results by region, 2022-23"))
    assert not year_met(Constraint("year", "2022-23"), question, evidence("3. What libraries offered > Table 1: Results by region, 2024-25"))
    assert not year_met(Constraint("year", "2022-23"), question, evidence("3. What libraries offered in 2022-23 > Table 1: Results by region"))


def test_a_place_asked_of_with_its_neighbours_is_not_asked_on_its_own():
    ev = Evidence(texts=["The pilot was run with community groups in Hebden Bridge, Mytholmroyd and Todmorden. "
                         "By the end 1,450 households had signed up."])
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms})
    assert checker.unmet("How many homes joined the scheme in Hebden Bridge and the nearby towns?", ev) == []
    assert [c.text for c in checker.unmet("How many homes joined the scheme in Hebden Bridge?", ev)] == \
        ["figures for Hebden Bridge on its own"]


def test_a_name_in_the_headings_of_the_answering_document_is_met_there():
    """The pilots' table does not repeat the programme's name; the briefing's headings do."""
    from assistant.constraints import headed_name_met
    rows = Evidence(texts=["Norwich and Broadland - Lead authority: Norfolk County Council; Weekly cap: £16.50"])
    headings = Evidence(texts=[], titles=["Smart ticketing briefing 2024"], sections=["The FareFlex pilot > Pilot areas", "Summary"])
    assert headed_name_met(Constraint("name", "FareFlex"), rows, headings)
    assert headed_name_met(Constraint("name", "Norwich and Broadland FareFlex"), rows, headings)
    assert not headed_name_met(Constraint("name", "Swansea Bay FareFlex"), rows, headings)  # no line names Swansea Bay
    assert not headed_name_met(Constraint("name", "Norwich and Broadland FareFlex"), rows,
                               Evidence(texts=[], titles=["Smart ticketing briefing 2024"], sections=["Pilot areas"]))


def test_a_nation_is_met_by_its_adjective():
    from assistant.constraints import name_check
    ev = Evidence(texts=["TeachTech Pathways trains teachers in three English regions: the North East, Yorkshire and the East Midlands."])
    assert name_check(Constraint("name", "England"), ev) is None
    assert name_check(Constraint("name", "Wales"), ev) is not None


def test_a_named_series_dated_with_a_year_needs_that_edition():
    """Editions titled 2023 and 2025; a blog of 2024 does not make a "2024 PSB Passenger Survey"."""
    from assistant.constraints import year_met
    ev = Evidence(texts=["58 per cent had used an app to plan a journey.", "In March 2024 we audited every open data feed."],
                  titles=["Passengers and Digital Travel: PSB Passenger Survey 2023", "Ghost buses: fixing open data"],
                  years=["2023", "2024"])
    asked = "What share used an app to plan a journey according to the {} PSB Passenger Survey?"
    assert not year_met(Constraint("year", "2024", tied_to_survey=True), asked.format(2024), ev)
    assert year_met(Constraint("year", "2023", tied_to_survey=True), asked.format(2023), ev)
    assert year_met(Constraint("year", "2024"), "What did the open data audit find in 2024?", ev)
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms})
    assert [c.describe() for c in checker.unmet(asked.format(2024), ev)] == ["a 2024 PSB Passenger Survey"]
    # ... written in lower case, a series whose titles hold its words
    lower = "What did the {} passenger survey app question find?"
    museum = Evidence(texts=["58 per cent booked online.", "In 2024 museum visitors queued for less time."],
                      titles=["PSB Museum Visitor Survey 2023", "Connected galleries (blog)"],
                      years=["2023", "2024"])
    asked_lower = "What did the {} museum visitor survey find about online booking?"
    assert not year_met(Constraint("year", "2024", tied_to_survey=True), asked_lower.format(2024), museum)
    assert year_met(Constraint("year", "2023", tied_to_survey=True), asked_lower.format(2023), museum)
    assert year_met(Constraint("year", "2024", tied_to_survey=True), lower.format(2024), museum)  # no title holds its words
    # ... with "and" inside its name; two editions asked together are no series name
    fire = Evidence(texts=["49 per cent knew the checks were free.", "In 2024 three services put booking online."],
                    titles=["PSB Fire and Rescue Community Survey 2025", "Booking a fire safety check online (blog)"],
                    years=["2025", "2024"])
    asked_fire = "What did the {} fire and rescue community survey find about awareness of free checks?"
    assert not year_met(Constraint("year", "2024", tied_to_survey=True), asked_fire.format(2024), fire)
    assert year_met(Constraint("year", "2025", tied_to_survey=True), asked_fire.format(2025), fire)
    assert series_phrase("2023", "How did awareness change between the 2023 and 2025 community surveys?") == ""
    # ... named after its edition: "the 2024 edition of the fire and rescue community survey"
    edition = "What did the {} edition of the fire and rescue community survey find about awareness of free checks?"
    assert not year_met(Constraint("year", "2024", tied_to_survey=True), edition.format(2024), fire)
    assert year_met(Constraint("year", "2025", tied_to_survey=True), edition.format(2025), fire)


def test_a_year_in_the_passage_s_own_heading_meets_it():
    from assistant.constraints import year_met
    text = "1. Link contractor scheduling to the Open Repairs Schema.\n2. Offer an assisted digital route in every office."
    question = "List the priorities the housing working group set for 2026 to 2028."
    section = "Housing Digital Benchmark 2026 > Priorities for 2026 to 2028"
    assert year_met(Constraint("year", "2028"), question, Evidence(texts=[text], sections=[section], headed=[(section, text)]))
    other = "Housing Digital Benchmark 2026 > Priorities"
    assert not year_met(Constraint("year", "2028"), question, Evidence(texts=[text], sections=[other], headed=[(other, text)]))


def test_the_pandemic_as_a_point_in_time_is_no_name_or_term_to_meet():
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms if t not in {"covid", "pandem"}})
    asked = "How busy were library buildings in 2022-23 compared with the year before Covid struck?"
    assert [c.text for c in question_constraints(asked) if c.kind == "name"] == [] and checker.unknown_terms(asked) == []
    topic = "What did libraries do about Covid?"  # the pandemic as the topic: a name the documents must meet
    assert [c.text for c in question_constraints(topic) if c.kind == "name"] == ["Covid"]


def test_a_row_labelled_with_the_period_meets_it():
    from assistant.constraints import year_met
    rows = ("Year / Appointments (millions) / Booked online / Missed appointments:\n"
            "2021-22 - Appointments (millions): 8.9; Booked online: 6%; Missed appointments: 14%\n"
            "2023-24 - Appointments (millions): 9.1; Booked online: 33%; Missed appointments: 9%")
    question = "How often did claimants fail to turn up to their jobcentre meetings in 2021-22?"
    assert year_met(Constraint("year", "2021-22"), question, Evidence(texts=[rows]))
    assert not year_met(Constraint("year", "2022-23"), question.replace("2021-22", "2022-23"), Evidence(texts=[rows]))


def test_a_word_asking_for_a_share_is_no_distinctive_word():
    """ "what fraction" asks for a share in any words; an index that never writes "fraction" still answers it."""
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms if t not in {"fraction", "ratio", "quantum"}})
    assert checker.unknown_terms("Of the account holders, what fraction logged on in the past year?") == []
    assert checker.unknown_terms("What fraction of councils use quantum computing?") == ["quantum"]


def test_an_abbreviation_joined_by_an_ampersand_is_no_distinctive_word():
    """ "stuck in B&Bs" was refused as "The documents do not mention B or Bs": they say "bed and breakfast"."""
    checker = ConstraintChecker(lambda terms: {t: 3 for t in terms if t not in {"bs", "b", "e", "quantum"}})
    assert checker.unknown_terms("How many families were stuck in B&Bs for longer than the law allows?") == []
    assert checker.unknown_terms("How long were waits in A&E for quantum patients?") == ["quantum"]

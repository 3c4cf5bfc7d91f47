"""An acronym in the question met by its words spelled out in the documents, and the reverse."""

from assistant.acronyms import is_acronym, spelled_out
from assistant.answerability import missing_answer_type
from assistant.constraints import ConstraintChecker, Evidence


def test_an_acronym_is_spelled_out_by_adjacent_initials():
    assert spelled_out("UN", "The UK was placed first in the United Nations E-Government Survey 2016.")
    assert spelled_out("DDaT", "Digital, data and technology (share of respondents): 16%")
    assert spelled_out("ICO", "working with the Information Commissioner's Office")
    assert spelled_out("HMRC", "HM Revenue and Customs (agreements recorded): 367")  # a word in capitals gives its letters
    assert spelled_out("NHSE", "NHS England asked trusts to report")
    assert not spelled_out("AI", "AI is rare: 12 per cent use it")  # written as it is, not spelled out
    assert not spelled_out("UN", "under new rules")                     # two letters need capitalised words
    assert not spelled_out("HMRC", "how many respondents worked in 43 organisations")
    assert not spelled_out("GDS", "Government services are digital")     # not adjacent, not in order
    assert is_acronym("SCS") and is_acronym("DDaT") and not is_acronym("Survey") and not is_acronym("R5")


def test_a_name_or_term_in_short_form_is_met_by_its_long_form():
    checker = ConstraintChecker(lambda terms: {t: (0 if t in {"un", "scs"} else 3) for t in terms})
    ev = Evidence(texts=["The United Kingdom was placed first in the United Nations E-Government Survey 2016. "
                         "Senior Civil Service (share of respondents): 9%"])
    assert checker.unmet("Which UN survey ranked the United Kingdom first?", ev) == []
    assert checker.unmet("What share of respondents were from the SCS?", ev) == []
    assert [c.text for c in checker.unmet("What did the IMF say about digital services?", ev)] == ["IMF"]


def test_a_table_row_spelled_out_by_the_questions_acronym_is_the_row_asked_about():
    answer = "Digital, data and technology (share of respondents): 16% [1]"
    assert missing_answer_type("What share of respondents were DDaT staff?", answer) is None
    assert missing_answer_type("What share of respondents were HR staff?", answer) == "a figure for what it asks about"


def test_an_everyday_acronym_is_met_by_its_long_form_in_other_words():
    assert spelled_out("IT", "the technology available to them at work lags behind")
    assert spelled_out("HR", "Corporate functions (human resources, finance)")
    assert not spelled_out("IT", "The survey was run online.")
    assert not spelled_out("IT", "biotechnology firms")            # a whole word, not part of one
    checker = ConstraintChecker(lambda terms: {t: (0 if t == "it" else 3) for t in terms})
    ev = Evidence(texts=["A majority (62 per cent) said that the technology available to them at work lags behind "
                         "the technology they use in their personal lives."])
    assert checker.unmet("Is the IT people get in the office worse than what they have at home?", ev) == []
    other = Evidence(texts=["A majority (62 per cent) said that their office lags behind their home."])
    assert [c.text for c in checker.unmet("Is the IT in the office worse than at home?", other)] == ["IT"]


def test_the_acronyms_a_text_writes_and_the_labels_they_spell():
    from assistant.acronyms import acronyms_in, spelled_by_acronym
    assert acronyms_in("The DVSA and HMRC's DDaT staff, not Agency or UK-wide; DVSA again") == ["DVSA", "HMRC", "DDaT", "UK"]
    assert spelled_by_acronym("How many agreements had HMRC recorded?", "HM Revenue and Customs")
    assert not spelled_by_acronym("How many agreements had the Home Office recorded?", "HM Revenue and Customs")

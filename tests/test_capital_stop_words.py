"""An acronym that is also a stop word ("IT", "US", "WHO") is a term when written in capitals."""

from __future__ import annotations

from assistant.constraints import ConstraintChecker, Evidence, question_constraints


def _checker(known: set[str]) -> ConstraintChecker:
    return ConstraintChecker(lambda terms: {t: (3 if t in known else 0) for t in terms})


def test_an_acronym_that_is_also_a_stop_word_is_a_name_written_in_capitals():
    ev = Evidence(texts=["Asked to name the largest obstacle, 61% of heads of IT pointed to a shortage of cloud skills."])
    checker = _checker({"share", "head", "name", "cloud", "skill", "obstacl"})
    assert [(c.kind, c.text) for c in question_constraints("What share of heads of IT named cloud skills?")] == [("name", "IT")]
    assert checker.unmet("What share of heads of IT named cloud skills?", ev) == []
    # the pronoun does not meet it: the acronym is looked for as written
    other = Evidence(texts=["It is a shortage of cloud skills, said 61% of heads of service."])
    assert [c.text for c in checker.unmet("What share of heads of IT named cloud skills?", other)] == ["IT"]

"""What kind of answer a question asks for: a figure about a group is not a name of one; a "who"
question is answered by the line that names the person even when it opens with a pronoun."""

from __future__ import annotations

import pytest

from assistant.answerability import missing_answer_type
from assistant.extractive import ExtractiveAnswerer
from assistant.retrieval import Passage


def test_a_share_of_a_group_asks_for_a_figure_not_a_name():
    answer = "Across the whole group, 38% of councils had moved more than half of their workloads to public cloud [1]."
    assert missing_answer_type("What share of councils had moved more than half of their workloads to public cloud?", answer) is None
    assert missing_answer_type("Which councils had moved their workloads to public cloud?", answer) == "a name"


@pytest.fixture(scope="module")
def answerer(embedder):
    return ExtractiveAnswerer(embedder)


def test_who_is_answered_by_the_pronoun_line_that_names_the_person(answerer):
    text = ("The Local Digital Cloud Pathfinder is a programme in which 17 pilot councils share cloud engineers, templates and "
            "contract terms. It is led by Rachel Okafor, the programme's director, and is due to publish its first lessons-learned "
            "report in spring 2023. Early pilots found that pooling engineers cut migration time by roughly a quarter.")
    p = Passage(chunk_id="d:0", doc_id="d", title="Cloud review", source="d.pdf", section="4. The Local Digital Cloud Pathfinder",
                page=None, text=text, chunk_index=0, published="2022-11-07")
    answer, _ = answerer.answer("Who leads the Local Digital Cloud Pathfinder?", [p])
    assert "Rachel Okafor" in answer
    assert missing_answer_type("Who leads the Local Digital Cloud Pathfinder?", answer) is None


def test_a_figure_asked_beside_a_named_thing_does_not_excuse_the_name():
    answer = "We are launching the report at the conference [1]. 1,052 people started the questionnaire [2]."
    assert missing_answer_type("Which venue hosted the conference and how many people attended?", answer) == "a name"


def test_a_one_word_owner_names_the_council_asked_for():
    """ "Kent's service ..." names a council; "Government's service ..." does not."""
    question = "Which council's trading standards team uses the hub as a one-stop shop?"
    assert missing_answer_type(question, "Kent's service is the stand-out success story [1]. It uses the hub daily [1].") is None
    assert missing_answer_type(question, "Government's service is a success story [1]. It uses the hub daily [1].") == "a name"

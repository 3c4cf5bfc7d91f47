"""A list item that gives a label's figure without a full stop ("Data analysis - 39% reported a gap") can answer."""

from __future__ import annotations

import pytest

from assistant.answer_lines import is_usable
from assistant.extractive import ExtractiveAnswerer
from assistant.retrieval import Passage


@pytest.mark.parametrize("line, usable", [
    ("Data analysis - 39% reported a gap", True),
    ("Commercial and procurement – 26 per cent reported a gap", True),
    ("R1 - Lead digital from the top", False),  # no figure: a heading-like item
    ("Senior Civil Service - 207", False),  # a count without what it counts
])
def test_a_label_with_its_share_is_usable(line, usable):
    assert is_usable(line) is usable


def test_a_share_question_is_answered_by_the_item_giving_it(embedder):
    text = ("Respondents were asked in which areas their team lacked the skills it needs. The four areas measured in 2021 were:\n\n"
            "1. Data analysis - 39% reported a gap\n\n2. Cyber security - 31% reported a gap\n\n3. Service design - 28% reported a gap")
    p = Passage(chunk_id="d:4", doc_id="d", title="Pulse survey note", source="d.txt", section="4. Skills gaps in 2021", page=None,
                text=text, chunk_index=4, published="2021-06-22")
    answer, _ = ExtractiveAnswerer(embedder).answer("In the 2021 pulse survey, what share reported a cyber security skills gap?", [p])
    assert answer.startswith("Cyber security - 31% reported a gap")

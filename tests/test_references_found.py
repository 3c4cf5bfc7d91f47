"""The dense floor is not applied when the passages hold every reference code the question names."""

from assistant.chain import references_found
from assistant.retrieval import Passage


def _p(text: str) -> Passage:
    return Passage(chunk_id="d:0", doc_id="d", title="T", source="t.md", section="", page=None, text=text, chunk_index=0)


def test_reference_codes_found_word_for_word():
    passages = [_p("R2 - Recommendation: Make it safe to experiment; Timescale: By the end of 2018")]
    assert references_found("What is the timescale of R2?", passages)
    assert not references_found("What is the timescale of R12?", passages)   # R12 is not R2, nor in "R12x"
    assert not references_found("What do R2 and R9 propose?", passages)      # every code must be there
    assert not references_found("What is the timescale?", passages)          # no code: the floor applies

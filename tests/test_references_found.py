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


def test_an_acronym_the_passages_hold_passes_the_dense_floor_as_a_code_does():
    from assistant.retrieval import Passage
    dhp = [Passage(chunk_id="d:0", doc_id="d", title="T", source="t.md", section="", page=None, chunk_index=0,
                   text="Councils pay DHPs from a DWP allocation; the DHP pot was £100 million in 2023-24.")]
    assert references_found("How big was the DHP pot for England and Wales in 2023/24?", dhp)
    assert not references_found("How big was the HMRC pot?", dhp)
    assert not references_found("How big was the UK pot?", dhp)  # two letters: too common to vouch for the topic

"""Sentence vectors pooled from their passage's forward pass, and bfloat16 passages (issue 10).

Ingest used to encode every sentence again after its chunk; now one forward pass gives the chunk
its vector and each sentence the mean of its own token vectors.
"""

from __future__ import annotations

import numpy as np

from assistant.services import passage_texts, sentence_spans
from assistant.settings import bundled_model_path
from indexing.embeddings import Embedder
from indexing.torch_encoder import TorchEncoder

PASSAGE = ("Skills\nOnly 41 per cent of respondents had received digital skills training. "
           "More than two thirds said they would like more. Procurement teams lacked confidence.")


def test_a_span_vector_is_its_sentence_in_context():
    encoder = TorchEncoder(bundled_model_path())
    first = "Only 41 per cent of respondents had received digital skills training."
    start = PASSAGE.index(first)
    vectors, parts = encoder.encode_with_spans([PASSAGE], [[(start, start + len(first)), (0, len(PASSAGE))]])
    sentence, whole = parts[0]
    assert np.isclose(np.linalg.norm(sentence), 1.0, atol=1e-5)
    alone = encoder.encode([first])[0]
    other = encoder.encode(["Procurement teams lacked confidence."])[0]
    assert sentence @ alone > 0.8 and sentence @ alone > sentence @ other, "closest to its own sentence"
    # the whole text's span leaves out only [CLS] and [SEP], so it is near the passage vector
    assert whole @ vectors[0] > 0.99


def test_spans_and_vectors_do_not_depend_on_the_other_texts_of_a_batch():
    """Batches are padded to their longest text: a shorter text's spans and vector ignore the padding."""
    encoder = TorchEncoder(bundled_model_path())
    first = "Only 41 per cent of respondents had received digital skills training."
    start = PASSAGE.index(first)
    spans = [(start, start + len(first))]
    alone_vec, alone_parts = encoder.encode_with_spans([PASSAGE], [spans])
    longer = PASSAGE + " " + "The board met in London and again in Leeds to agree the plan. " * 6
    both_vec, both_parts = encoder.encode_with_spans(["Short text.", PASSAGE, longer], [[], spans, spans])
    assert both_vec[1] @ alone_vec[0] > 0.9999
    assert both_parts[1][0] @ alone_parts[0][0] > 0.9999
    assert both_parts[2][0] is not None and both_parts[0] == []


def test_a_span_cut_off_by_truncation_or_holding_no_token_gets_none():
    encoder = TorchEncoder(bundled_model_path())
    long = "word " * 400 + "The last sentence is past the model's limit."
    tail = long.index("The last")
    _, parts = encoder.encode_with_spans([long], [[(tail, len(long)), (0, 0), (0, 4)]])
    assert parts[0][0] is None and parts[0][1] is None and parts[0][2] is not None


def test_bfloat16_passages_stay_within_rounding_of_float32():
    texts = [PASSAGE, "The survey ran from July to September.", "digital"]
    exact = TorchEncoder(bundled_model_path()).encode(texts)
    fast = TorchEncoder(bundled_model_path(), bf16=True).encode(texts)
    assert (exact * fast).sum(axis=1).min() > 0.999


def test_embed_passages_runs_the_model_once_per_passage_and_caches_its_sentences(tmp_path):
    embedder = Embedder(bundled_model_path(), 32, tmp_path / "vectors.sqlite")
    texts = passage_texts(PASSAGE, "Skills")
    spanned = [t for t, span in texts if span is not None]
    words = [t for t, span in texts if span is None]
    assert spanned and words
    vectors = embedder.embed_passages([(PASSAGE, texts)])
    assert embedder.model_calls == 1 + len(words), "the passage once, plus each word alone"
    assert np.allclose(vectors[0], embedder.embed([PASSAGE])[0])
    embedder.embed(spanned)
    embedder.embed_passages([(PASSAGE, texts)])
    assert embedder.model_calls == 1 + len(words), "looked up afterwards, and ingesting again costs nothing"


def test_passage_texts_give_each_sentence_its_span_in_both_forms():
    text = "Lead sentence about data sharing here.\n- A bullet about culture and leaders.\nFinal words on skills gaps here."
    texts = dict(passage_texts(text, "Findings"))
    line = "Findings: A bullet about culture and leaders."
    start, end = texts[line]
    assert text[start:end] == "A bullet about culture and leaders."
    assert texts["A bullet about culture and leaders."] == (start, end)
    assert texts["culture"] is None


def test_a_sentence_read_with_its_labelled_field_is_embedded_at_ingest_with_its_span():
    """The answerer reads "... 2027. Owner: Head of Care." as one line (``line_sentences``); ingest embeds it so, in context."""
    text = "Recommendation 2: Replace alarm units before January 2027. Owner: Head of Care.\nNext steps are set out below."
    texts = dict(passage_texts(text, "Recommendations"))
    start, end = texts["Recommendations: Recommendation 2: Replace alarm units before January 2027. Owner: Head of Care."]
    assert text[start:end] == "Recommendation 2: Replace alarm units before January 2027. Owner: Head of Care."


def test_sentence_spans_follow_reading_order_and_mark_what_is_not_a_substring():
    text = "Same words. Other words. Same words."
    assert sentence_spans(text, ["Same words.", "Other words.", "Same words.", "Not here."]) == [(0, 11), (12, 24), (25, 36), None]


def test_words_packed_many_to_a_sequence_get_the_vectors_they_get_alone():
    from indexing.token_encoder import TokenEncoder

    words = [f"word{i}" for i in range(40)] + ["procurement", "survey", "civil servants", "data-sharing"] * 3
    encoder = TorchEncoder(bundled_model_path())
    packed = encoder.encode(words)
    alone = TokenEncoder.encode(encoder, words)  # one sequence each
    assert (packed * alone).sum(axis=1).min() > 0.9999
    assert np.allclose(np.linalg.norm(packed, axis=1), 1.0, atol=1e-5)

"""The scale benchmark's corpus generator and percentiles (the benchmark itself runs in make bench-scale)."""

from __future__ import annotations

import itertools

import numpy as np

from evals.bench_scale import percentiles
from evals.scale_corpus import TYPES, nearby_vectors, scale_documents

CORPUS = {
    "1": {"title": "Protein folding", "text": "Proteins fold. Chaperones help. Misfolding causes disease."},
    "2": {"title": "Sleep", "text": "Sleep restores memory. Naps help too."},
}


def test_real_documents_come_first_then_deterministic_variations():
    first = list(itertools.islice(scale_documents(CORPUS, seed=3), 6))
    assert [(d, src) for d, _, src in first] == [("1", None), ("2", None), ("1-v1", "1"), ("2-v1", "2"), ("1-v2", "1"), ("2-v2", "2")]
    variation = first[2][1]
    assert variation.title == "Protein folding (variation 1)"
    words = set(variation.text.replace(".", "").split())
    assert words <= set(CORPUS["1"]["text"].replace(".", "").split()) and variation.text != CORPUS["1"]["text"]
    assert all(doc.doc_type in TYPES and len(doc.published) == 10 for _, doc, _ in first)
    again = list(itertools.islice(scale_documents(CORPUS, seed=3), 6))
    assert [d.text for _, d, _ in again] == [d.text for _, d, _ in first]


def test_nearby_vectors_are_unit_length_and_close_to_their_source():
    rng = np.random.default_rng(0)
    source = rng.normal(size=(2, 384)).astype(np.float32)
    source /= np.linalg.norm(source, axis=1, keepdims=True)
    near = nearby_vectors(source, 3, rng)
    assert near.shape == (3, 384) and np.allclose(np.linalg.norm(near, axis=1), 1.0, atol=1e-5)
    assert (near * source[[0, 1, 0]]).sum(axis=1).min() > 0.95


def test_percentiles_use_the_nearest_rank():
    assert percentiles(list(range(1, 101))) == {"p50": 50, "p95": 95}
    assert percentiles([]) == {"p50": 0.0, "p95": 0.0}

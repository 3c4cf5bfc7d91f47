"""A corpus of any size from SciFact: the real abstracts first, then synthetic variations of them.

Why variations: SciFact has ~13k chunks and the scale benchmark needs 100k. A variation of an
abstract keeps its words (so keyword statistics stay realistic) but reshuffles its sentences,
drops one, and gets its own id, title suffix, document type and publication date (so filters have
something to select). Its chunks' vectors are the real vectors of the source abstract's chunks
plus small Gaussian noise, renormalised (cosine ~0.98 to the source), and are put in the vector
cache before ingest: encoding 87k synthetic chunks for real would take hours on 2 busy cores and
say nothing new about the encoder, which ``evals.bench_scale`` measures separately on real text.

Usage: ``for doc_id, loaded, synthetic in scale_documents(corpus, seed=1): ...``
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import numpy as np

from evals.beir import to_loaded
from indexing.models import LoadedDocument

TYPES = ("report", "insight", "consultation-response", "briefing", "other")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def scale_documents(corpus: dict[str, dict], seed: int = 1) -> Iterator[tuple[str, LoadedDocument, str | None]]:
    """(doc id, document, source id or None for a real abstract), endlessly: real ones, then rounds of variations."""
    ids = list(corpus)
    for doc_id in ids:
        yield doc_id, _typed(to_loaded(doc_id, corpus[doc_id]), doc_id, seed), None
    round_no = 1
    while True:
        for doc_id in ids:
            rng = random.Random(f"{seed}:{doc_id}:{round_no}")
            doc = corpus[doc_id]
            sentences = _SENTENCE.split(doc["text"].strip())
            rng.shuffle(sentences)
            if len(sentences) > 2:
                sentences.pop(rng.randrange(len(sentences)))
            variant_id = f"{doc_id}-v{round_no}"
            variant = {"title": f"{doc['title']} (variation {round_no})", "text": " ".join(sentences)}
            yield variant_id, _typed(to_loaded(variant_id, variant), variant_id, seed), doc_id
        round_no += 1


def _typed(loaded: LoadedDocument, doc_id: str, seed: int) -> LoadedDocument:
    """A deterministic type and date per document, so type and date filters select real subsets."""
    rng = random.Random(f"{seed}:meta:{doc_id}")
    loaded.doc_type = rng.choice(TYPES)
    loaded.published = f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return loaded


def nearby_vectors(source: np.ndarray, count: int, rng: np.random.Generator, noise: float = 0.01) -> np.ndarray:
    """``count`` unit vectors near the source chunks' vectors (cycled), for a variation's chunks."""
    base = source[np.arange(count) % len(source)]
    noisy = base + rng.normal(0.0, noise, size=base.shape).astype(np.float32)
    return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)

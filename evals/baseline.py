"""The yardstick for ingest speed: plain float32 PyTorch sentence-transformers encoding.

Issue 10 measures ingest against "raw PyTorch sentence-transformers encoding of the same
chunks"; the product's own encoders (``indexing.embeddings``) are what is measured, so the
yardstick is built here, straight from sentence-transformers.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def raw_torch_encoder(model_path: str, batch_size: int = 32) -> Callable[[list[str]], np.ndarray]:
    """``encode(texts)``: sentence-transformers' own ``encode``, float32, loaded once."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(model_path, device="cpu", local_files_only=True)

    def encode(texts: list[str]) -> np.ndarray:
        return model.encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)

    return encode

"""ONNX Runtime backends of the embedder: same vectors as PyTorch, exported once, safe fallback."""

from __future__ import annotations

import logging
import shutil

import numpy as np
import pytest

from assistant.settings import bundled_model_path
from indexing.embeddings import Embedder
from indexing.onnx_encoder import OnnxEncoder, OnnxExportError, ensure_onnx_model

TEXTS = [
    "Civil servants were asked how often they used digital tools at work.",
    "Procurement skills remain a barrier to buying new technology.",
    "Short.",
    "The survey ran from July to September and drew nearly a thousand responses from every grade " * 3,
]


@pytest.fixture(scope="session")
def onnx_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx-models")


def test_arguments_are_checked(tmp_path):
    with pytest.raises(ValueError, match="backend must be one of"):
        Embedder(bundled_model_path(), backend="tensorflow")
    with pytest.raises(ValueError, match="onnx_dir"):
        Embedder(bundled_model_path(), backend="onnx")
    model = tmp_path / "model"
    model.mkdir()
    with pytest.raises(OnnxExportError, match="tokenizer.json"):
        OnnxEncoder(str(model), tmp_path / "x.onnx")


def test_float_onnx_matches_pytorch_and_int8_stays_close(onnx_dir):
    reference = np.asarray(Embedder(bundled_model_path(), bf16=False).embed(TEXTS))
    for backend, floor in (("onnx", 0.9999), ("onnx-int8", 0.98)):
        vectors = np.asarray(Embedder(bundled_model_path(), backend=backend, onnx_dir=onnx_dir, bf16=False).embed(TEXTS))
        assert vectors.shape == reference.shape
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
        assert (vectors * reference).sum(axis=1).min() > floor, backend


def test_export_happens_once_and_the_cache_key_names_the_backend(onnx_dir):
    first = ensure_onnx_model(bundled_model_path(), onnx_dir, quantized=True)
    stamp = first.stat().st_mtime_ns
    assert ensure_onnx_model(bundled_model_path(), onnx_dir, quantized=True) == first
    assert first.stat().st_mtime_ns == stamp
    torch_key = Embedder(bundled_model_path()).model_key
    assert Embedder(bundled_model_path(), backend="onnx-int8", onnx_dir=onnx_dir).model_key == torch_key + "#onnx-int8"
    # float ONNX, float PyTorch and bfloat16 PyTorch make the same vectors (to rounding): one family
    assert Embedder(bundled_model_path(), backend="onnx", onnx_dir=onnx_dir).model_key == torch_key


def test_an_unusable_onnx_file_falls_back_to_pytorch(onnx_dir, tmp_path, caplog):
    model = tmp_path / "model"
    shutil.copytree(bundled_model_path(), model)
    folder = tmp_path / "models"
    # a corrupt cached export (e.g. a disk filled mid-write) must not stop embedding
    target = ensure_onnx_path(str(model), folder)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"not an onnx model")
    embedder = Embedder(str(model), backend="onnx", onnx_dir=folder, bf16=False)
    with caplog.at_level(logging.WARNING):
        vectors = embedder.embed(["a sentence to embed"])
    assert embedder.backend == "torch" and len(vectors[0]) == 384
    assert "using PyTorch instead" in caplog.text


def ensure_onnx_path(model_path: str, folder):
    """Where ``ensure_onnx_model`` keeps the float export for this model."""
    from pathlib import Path

    from indexing.onnx_encoder import model_fingerprint

    return Path(folder) / f"{Path(model_path).name}-{model_fingerprint(model_path)}" / "model.onnx"


def test_short_texts_batched_by_the_hundred_get_the_vectors_they_get_alone(onnx_dir):
    encoder = OnnxEncoder(bundled_model_path(), ensure_onnx_model(bundled_model_path(), onnx_dir, quantized=False))
    words = [f"word{i}" for i in range(150)] + TEXTS  # more short texts than one batch of 32
    together = encoder.encode(words, batch_size=4)
    alone = np.vstack([encoder.encode([t]) for t in words])
    assert (together * alone).sum(axis=1).min() > 0.9999

"""Ingest's encoding yields the CPU to questions: a low-priority thread and a one-thread ONNX session."""

import os
import threading

import numpy as np
import pytest

from indexing.embeddings import Embedder
from indexing.priority import run_at_low_priority
from assistant.settings import bundled_model_path


def _nice_of_this_thread() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_work_runs_at_lower_priority_and_the_caller_keeps_its_own():
    before = _nice_of_this_thread()
    assert run_at_low_priority(_nice_of_this_thread) > before
    assert _nice_of_this_thread() == before
    with pytest.raises(ZeroDivisionError):
        run_at_low_priority(lambda: 1 / 0)


def test_low_priority_precompute_caches_the_same_vectors(tmp_path):
    texts = ["Skills gaps are significant in digital service design.", "procurement", "Data sharing remains hard."]
    background = Embedder(bundled_model_path(), 32, tmp_path / "a" / "vectors.sqlite", backend="onnx-int8", onnx_dir=tmp_path / "models")
    usual = Embedder(bundled_model_path(), 32, tmp_path / "b" / "vectors.sqlite", backend="onnx-int8", onnx_dir=tmp_path / "models")
    assert background.precompute(texts, low_priority=True) == 3 and background.model_calls == 3
    assert usual.precompute(texts) == 3
    assert np.allclose(background.embed(texts), usual.embed(texts), atol=1e-5)
    assert background.model_calls == 3  # read back from the cache
    assert background._background is not None and background._background.threads == 1


def test_one_thread_pytorch_encoding_puts_the_process_thread_count_back(tmp_path):
    import torch

    before = torch.get_num_threads()
    embedder = Embedder(bundled_model_path(), 32, tmp_path / "vectors.sqlite", bf16=True)
    assert embedder.precompute(["Skills gaps are significant.", "procurement"], low_priority=True) == 2
    assert embedder._background.threads == 1 and torch.get_num_threads() == before


def test_a_servers_indexer_loads_its_tokenizer_and_encoder_before_the_first_upload(make_services, settings):
    from assistant.services import Services

    services = Services(settings, shared_embedder=make_services(settings).embedder, serving=True)
    services.indexer.warm()
    assert services.indexer._chunker is not None
    assert services.embedder._background is not None and services.embedder._background._tokenizer is not None

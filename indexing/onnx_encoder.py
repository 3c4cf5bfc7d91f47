"""The bundled sentence-transformers model run through ONNX Runtime, exported once and cached.

Why: a process that only answers questions never imports PyTorch at all (loading it was most of
the 12 s a cold ``psb ask`` took). The export needs PyTorch and runs once per model and variant; the
files live in a cache folder (the data directory's ``models/``) and are reused by every later
process. Nothing is downloaded: the export reads the bundled model's own files.

Tokenizing and pooling are ``indexing.token_encoder``'s; this module supplies the network.
``int8`` is ONNX Runtime's dynamic quantisation of the weights (activations stay float), which is
smaller; ``docs/operations.md`` records what each variant costs in speed and SciFact nDCG@10.

Usage::

    onnx_file = ensure_onnx_model(model_path, cache_dir, quantized=True)
    vectors = OnnxEncoder(model_path, onnx_file).encode(["a sentence"], batch_size=32)
"""

from __future__ import annotations

import hashlib
import logging
import os
import warnings
from pathlib import Path

import numpy as np

from indexing.token_encoder import EncoderLoadError, TokenEncoder

log = logging.getLogger(__name__)

VARIANTS = ("torch", "onnx", "onnx-int8")  # embedding backends, fastest-loading last


class OnnxExportError(EncoderLoadError):
    """The model could not be exported or loaded for ONNX Runtime (callers fall back to PyTorch)."""


def model_fingerprint(model_path: str) -> str:
    """Changes when the model's weights or configuration change, so a stale export is never used."""
    root = Path(model_path)
    parts = []
    for name in ("config.json", "tokenizer.json", "sentence_bert_config.json", "model.safetensors", "pytorch_model.bin"):
        f = root / name
        if f.exists():
            parts.append(f"{name}:{f.stat().st_size}:{hashlib.sha256(f.read_bytes()[:1 << 20]).hexdigest()}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def ensure_onnx_model(model_path: str, cache_dir: Path, quantized: bool) -> Path:
    """The cached ONNX file for this model and variant, exported (and quantised) first if missing."""
    folder = Path(cache_dir) / f"{Path(model_path).name}-{model_fingerprint(model_path)}"
    plain, int8 = folder / "model.onnx", folder / "model.int8-per-channel.onnx"
    wanted = int8 if quantized else plain
    if wanted.exists():
        return wanted
    folder.mkdir(parents=True, exist_ok=True)
    if not plain.exists():
        _export(model_path, plain)
    if quantized and not int8.exists():
        _quantize(plain, int8)
    return wanted


def _export(model_path: str, target: Path) -> None:
    """Trace the transformer (token vectors out) to ONNX; written to a temporary name, then renamed."""
    log.info("exporting %s to ONNX (once; cached in %s)", model_path, target.parent)
    try:
        import torch
        from transformers import AutoModel

        model = AutoModel.from_pretrained(model_path, local_files_only=True).eval()

        class TokenVectors(torch.nn.Module):
            def __init__(self, inner) -> None:
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

        sample = torch.ones(2, 16, dtype=torch.long)
        axes = {0: "batch", 1: "tokens"}
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about BERT's masks: the export is checked in tests
            torch.onnx.export(TokenVectors(model), (sample, sample, torch.zeros_like(sample)), str(tmp),
                              input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["token_vectors"],
                              dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "token_vectors": axes},
                              opset_version=17, dynamo=False)
        tmp.replace(target)
    except Exception as exc:
        raise OnnxExportError(f"could not export {model_path} to ONNX: {exc}") from exc


def _quantize(plain: Path, target: Path) -> None:
    """Dynamic int8 quantisation of the weights (no calibration data needed).

    Per-channel scales matter: one scale per weight matrix left vectors at cosine 0.94 to
    PyTorch's on SciFact chunks; one per output channel keeps them at 0.994, at the same speed.
    """
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        quantize_dynamic(str(plain), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
        tmp.replace(target)
    except Exception as exc:
        raise OnnxExportError(f"could not quantise {plain}: {exc}") from exc


class OnnxEncoder(TokenEncoder):
    """``OnnxEncoder(model_path, onnx_file)``: cheap; the tokenizer and session load on first encode."""

    error = OnnxExportError

    def __init__(self, model_path: str, onnx_file: Path, threads: int | None = None) -> None:
        super().__init__(model_path)
        self.onnx_file = Path(onnx_file)
        self.threads = threads
        self._session = None

    def _load_network(self):
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise OnnxExportError(f"ONNX Runtime is not installed ({exc})") from exc
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Idle worker threads sleep instead of spinning: on shared cores (other services,
        # other requests) spinning threads steal the time the busy ones need.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        if self.threads:
            options.intra_op_num_threads = self.threads
        try:
            self._session = ort.InferenceSession(str(self.onnx_file), options, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise OnnxExportError(f"ONNX Runtime could not load {self.onnx_file}: {exc}") from exc

    def _token_vectors(self, ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        return self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]

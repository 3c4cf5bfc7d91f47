"""The bundled model as tokenizer, network and mean pooling, shared by the ONNX and PyTorch runners.

Why our own pipeline instead of sentence-transformers' ``encode``: the same forward pass that
gives a chunk its vector can give each of its sentences one (the mean of the sentence's own
token vectors, "late chunking"), so ingest embeds a chunk once instead of once for the chunk
and again for every sentence the answerer will score (``encode_with_spans``).

It mirrors the model's sentence-transformers modules: WordPiece tokenizer from the model's
``tokenizer.json`` truncated at its ``max_seq_length``, the transformer, mean pooling over real
tokens, L2 normalisation. Subclasses supply the network (``_load_network``, ``_token_vectors``).
"""

from __future__ import annotations

import json
import threading
from functools import cached_property
from pathlib import Path

import numpy as np

Span = tuple[int, int]  # a character range [start, end) of the encoded text


class EncoderLoadError(RuntimeError):
    """The model files cannot be run by this encoder (callers fall back to another backend)."""


class TokenEncoder:
    """Cheap to build; the tokenizer and network load on first use (``load``)."""

    error: type[EncoderLoadError] = EncoderLoadError

    def __init__(self, model_path: str) -> None:
        root = Path(model_path)
        if not (root / "tokenizer.json").exists():
            raise self.error(f"{model_path} has no tokenizer.json, which this encoder needs")
        pooling = root / "1_Pooling" / "config.json"
        if pooling.exists() and not json.loads(pooling.read_text()).get("pooling_mode_mean_tokens", False):
            raise self.error(f"{model_path} does not use mean pooling; only mean pooling is implemented")
        self.model_path = model_path
        sbert = root / "sentence_bert_config.json"
        self.max_length = int(json.loads(sbert.read_text()).get("max_seq_length", 256)) if sbert.exists() else 256
        self._tokenizer = None
        self._lock = threading.Lock()

    def _load_network(self) -> None:
        raise NotImplementedError

    def _token_vectors(self, ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        """Float32 token vectors, shape (texts, tokens, dimension)."""
        raise NotImplementedError

    def load(self):
        """Load the tokenizer and the network (once); raises ``self.error`` if they are unusable."""
        with self._lock:
            if self._tokenizer is None:
                try:
                    from tokenizers import Tokenizer
                except ImportError as exc:
                    raise self.error(f"the tokenizers package is not installed ({exc})") from exc
                tokenizer = Tokenizer.from_file(str(Path(self.model_path) / "tokenizer.json"))
                tokenizer.enable_truncation(max_length=self.max_length)
                tokenizer.no_padding()  # ``_batch`` pads each batch (tokenizer.json may ask for a fixed length)
                self._load_network()
                self._tokenizer = tokenizer
        return self._tokenizer

    @cached_property
    def dimension(self) -> int:
        """Read once: every encode, a question's included, sizes its output by it."""
        config = json.loads((Path(self.model_path) / "config.json").read_text())
        return int(config["hidden_size"])

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in input order."""
        return self.encode_with_spans(texts, [[] for _ in texts], batch_size)[0]

    def encode_with_spans(self, texts: list[str], spans: list[list[Span]], batch_size: int = 32
                          ) -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
        """Each text's vector, and a vector for each of its ``spans`` from the same forward pass.

        A span's vector is the unit-length mean of the tokens that lie wholly inside it; a span
        that reaches past the truncation point, or holds no token, gets ``None`` (encode it alone).

        ``batch_size`` texts of full length go in one model call; shorter texts go in more at
        once (a budget of ``batch_size`` x ``max_length`` tokens, at most 512 texts), so sentences
        and words do not pay the per-call overhead per 32. Texts are batched by their token count,
        not their characters: sorted by characters, SciFact chunks carried 15% padding, now 0.5%.
        """
        tokenizer = self.load()
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        parts: list[list[np.ndarray | None]] = [[] for _ in texts]
        encoded = tokenizer.encode_batch(texts) if texts else []  # unpadded, in Rust threads
        lengths = [len(e.ids) for e in encoded]
        order = sorted(range(len(texts)), key=lambda i: -lengths[i])  # stable: equal lengths keep input order
        start = 0
        while start < len(texts):
            longest = max(lengths[order[start]], 1)  # sorted longest first
            rows = max(batch_size, min(512, batch_size * self.max_length // longest))
            idx = order[start : start + rows]
            start += rows
            ids, mask, types = _batch([encoded[i] for i in idx], longest)
            tokens = self._token_vectors(ids, mask, types)
            weights = mask[:, :, None].astype(np.float32)
            out[idx] = unit((tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None))
            for row, i in enumerate(idx):
                if spans[i]:
                    parts[i] = _span_vectors(tokens[row, : lengths[i]], encoded[i], spans[i])
        return out, parts


def _batch(encodings: list, length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Token ids, attention mask and type ids of unpadded encodings, padded on the right to ``length``."""
    ids = np.zeros((len(encodings), length), dtype=np.int64)  # [PAD] is id 0 in BERT vocabularies
    mask = np.zeros_like(ids)
    types = np.zeros_like(ids)
    for row, e in enumerate(encodings):
        n = len(e.ids)
        ids[row, :n] = e.ids
        mask[row, :n] = 1
        types[row, :n] = e.type_ids
    return ids, mask, types


def _span_vectors(tokens: np.ndarray, encoding, spans: list[Span]) -> list[np.ndarray | None]:
    offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    real = (np.asarray(encoding.special_tokens_mask) == 0) & (offsets[:, 1] > offsets[:, 0])
    covered = int(offsets[real, 1].max()) if real.any() else 0  # text past this offset was truncated away
    found: list[np.ndarray | None] = []
    for start, end in spans:
        inside = real & (offsets[:, 0] >= start) & (offsets[:, 1] <= end)
        found.append(unit(tokens[inside].mean(axis=0)) if inside.any() and end <= covered else None)
    return found


def unit(v: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, as float32."""
    norms = np.linalg.norm(v, axis=-1, keepdims=True)
    return (v / np.clip(norms, 1e-12, None)).astype(np.float32)

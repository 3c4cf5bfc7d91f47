"""Open the components for one data directory once, for the CLI, UI, API and evals to share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.settings import Settings
from indexing.embeddings import Embedder
from indexing.keyword import Analyser, BM25Params, KeywordIndex
from indexing.store import ChromaLocation, ChromaStore


def chroma_location(settings: Settings) -> ChromaLocation:
    """The settings' Chroma store: embedded under the data directory, or the configured server."""
    return ChromaLocation(path=settings.chroma_dir, host=settings.chroma_host, port=settings.chroma_port,
                          prefix=settings.collection_prefix)

if TYPE_CHECKING:  # the pipeline imports every file loader: only ingest needs it, so it loads lazily
    from indexing.pipeline import Indexer


@dataclass
class Services:
    """Cheap to build; each component is created on first use and then reused.

    ``shared_embedder`` lets several Services (tests, benchmarks) reuse one loaded model.
    """

    settings: Settings
    shared_embedder: Embedder | None = None

    @cached_property
    def store(self) -> ChromaStore:
        return ChromaStore(chroma_location(self.settings))

    @cached_property
    def embedder(self) -> Embedder:
        if self.shared_embedder is not None:
            return self.shared_embedder
        s = self.settings
        return Embedder(s.embedding_model_path, s.embedding_batch_size, s.data_dir / "cache" / "vectors.sqlite",
                        backend=s.embedding_backend, onnx_dir=s.data_dir / "models")

    @cached_property
    def keyword(self) -> KeywordIndex:
        s = self.settings
        return KeywordIndex(
            s.data_dir / "keyword.sqlite",
            Analyser(stem=s.keyword_stemming, stop_words=s.keyword_stop_words),
            BM25Params(k1=s.bm25_k1, b=s.bm25_b, heading_weight=s.keyword_heading_weight),
        )

    @cached_property
    def indexer(self) -> "Indexer":
        from indexing.pipeline import Indexer

        s = self.settings
        return Indexer(self.store, self.embedder, self.keyword, chunk_tokens=s.chunk_tokens,
                       chunk_overlap_tokens=s.chunk_overlap_tokens, max_file_mb=s.max_file_mb)

    @cached_property
    def retriever(self):
        from assistant.retrieval import HybridRetriever

        s = self.settings
        return HybridRetriever(self.store, self.embedder, self.keyword, candidate_k=s.candidate_k, dense_weight=s.dense_weight,
                               rrf_k=s.rrf_k, fusion=s.fusion)

    @cached_property
    def refresher(self):
        """Started by long-running apps (``psb serve``), not by one-shot commands."""
        from assistant.refresh import IndexRefresher

        return IndexRefresher(self.keyword, self.store, self.settings.index_refresh_s,
                              reconcile_store=self.settings.server_mode)

    def has_documents(self) -> bool:
        """Whether anything is indexed: in memory, falling back to the store only when nothing is held."""
        return self.keyword.ready_count > 0 or bool(self.store.ready_ids())

    @cached_property
    def assistant(self):
        from assistant.chain import Assistant

        return Assistant(self.settings, self.retriever, self.embedder)

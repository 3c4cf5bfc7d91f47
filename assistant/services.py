"""Open the components for one data directory once, for the CLI, UI, API and evals to share."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.errors import EmptyIndexError
from assistant.gate import AnswerGate
from assistant.settings import Settings
from indexing.embeddings import Embedder, PassageTexts
from indexing.errors import StoreUnavailableError
from indexing.keyword import Analyser, BM25Params, KeywordIndex, sync_from_store
from indexing.limits import Limits
from indexing.lock import FileWriteLock, StoreLease
from indexing.store import ChromaLocation, ChromaStore

log = logging.getLogger(__name__)

SHARED_PENDING_GRACE_S = 900.0  # longer than any one document may take (PSB_MAX_DOCUMENT_SECONDS defaults to 300)


def chroma_location(settings: Settings) -> ChromaLocation:
    """The settings' Chroma store: embedded under the data directory, or the configured server."""
    return ChromaLocation(path=settings.chroma_dir, host=settings.chroma_host, port=settings.chroma_port,
                          prefix=settings.collection_prefix)

if TYPE_CHECKING:  # the pipeline imports every file loader: only ingest needs it, so it loads lazily
    from indexing.pipeline import Indexer


@dataclass
class Services:
    """Cheap to build; each component is created on first use and then reused.

    ``shared_embedder`` lets several Services (tests, benchmarks) reuse one loaded model;
    ``serving`` marks a server's, whose uploads must not slow the questions asked meanwhile.
    """

    settings: Settings
    shared_embedder: Embedder | None = None
    serving: bool = False  # a server: ingest yields the CPU to questions

    @cached_property
    def store(self) -> ChromaStore:
        return ChromaStore(chroma_location(self.settings))

    @cached_property
    def embedder(self) -> Embedder:
        if self.shared_embedder is not None:
            return self.shared_embedder
        s = self.settings
        return Embedder(s.embedding_model_path, s.embedding_batch_size, s.data_dir / "cache" / "vectors.sqlite",
                        backend=s.embedding_backend, onnx_dir=s.data_dir / "models", bf16=s.embedding_bf16)

    @cached_property
    def keyword(self) -> KeywordIndex:
        """The keyword index, refilled from Chroma if it was written by other code or settings.

        Why here: the index is derived data, emptied on open when its analyser or schema changed
        (an upgrade, or ``PSB_KEYWORD_STEMMING``). Left empty, every dense hit would be screened
        out as "not ready" and every question refused until the next ingest.
        """
        s = self.settings
        index = KeywordIndex(
            s.data_dir / "keyword.sqlite",
            Analyser(stem=s.keyword_stemming, stop_words=s.keyword_stop_words),
            BM25Params(k1=s.bm25_k1, b=s.bm25_b, heading_weight=s.keyword_heading_weight),
        )
        if index.emptied_on_open:
            try:
                added, _ = sync_from_store(index, self.store)
                log.warning("the keyword index was written by another version or other settings: "
                            "refilled %d documents from Chroma", added)
            except StoreUnavailableError as exc:  # the next ingest's recovery refills it
                log.warning("the keyword index needs refilling from Chroma, which is unavailable: %s", exc)
        return index

    @cached_property
    def register(self):
        """The recommendations register (derived from Chroma like the keyword index)."""
        from assistant.register import open_register

        return open_register(self.settings, self.embedder)

    @cached_property
    def indexer(self) -> "Indexer":
        from indexing.pipeline import Indexer

        s = self.settings
        limits = Limits(max_chars=s.max_document_chars, max_chunks=s.max_document_chunks, max_seconds=s.max_document_seconds,
                        parse_memory_mb=s.parse_memory_mb, max_unpacked_mb=s.max_unpacked_mb)
        return Indexer(self.store, self.embedder, self.keyword, chunk_tokens=s.chunk_tokens,
                       chunk_overlap_tokens=s.chunk_overlap_tokens, max_file_mb=s.max_file_mb, limits=limits,
                       lock=self.write_lock, pending_grace_s=SHARED_PENDING_GRACE_S if s.server_mode else 0.0,
                       register=self.register, answer_texts=passage_texts, yield_to_questions=self.serving)

    @cached_property
    def answer_gate(self) -> AnswerGate:
        """Bounded answering shared by the REST API and the chat (see ``assistant.gate``)."""
        return AnswerGate(self.settings.answer_concurrency, self.settings.answer_queue)

    @cached_property
    def write_lock(self) -> FileWriteLock | StoreLease:
        """One writer at a time: a file lock beside embedded Chroma, a lease in a shared server.

        Embedded mode holds the lock for every write, so recovery may take any pending record;
        in server mode another app server's ingest may be mid-flight, hence the grace period.
        """
        s = self.settings
        if s.server_mode:
            return StoreLease(self.store.client, s.collection_prefix)
        return FileWriteLock(s.data_dir / "write.lock")

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
                              reconcile_store=self.settings.server_mode, register=self.register)

    def has_documents(self) -> bool:
        """Whether anything is indexed: in memory, falling back to the store only when nothing is held."""
        return self.keyword.ready_count > 0 or bool(self.store.ready_ids())

    @cached_property
    def assistant(self):
        return self.assistant_over(self.retriever)

    def assistant_over(self, retriever):
        """An Assistant wired like ``assistant`` but answering from ``retriever`` (evals wrap it to record
        what was retrieved); explicit wiring instead of swapping a cached component."""
        from assistant.chain import Assistant
        from assistant.register import theme_names
        from assistant.register_answers import RegisterAnswerer

        answerer = RegisterAnswerer(self.register, self.store, theme_names(self.settings), is_ready=self.keyword.is_ready)
        return Assistant(self.settings, retriever, self.embedder, register_answerer=answerer)


def passage_texts(text: str, section: str) -> PassageTexts:
    """Every text answering may embed for a passage, for the indexer to embed once at ingest: the
    answerer's "section: sentence" lines, the constraint checker's sentences and words, the index
    vocabulary's words. A sentence comes with its span of ``text``, so its vector is pooled from
    the passage's own forward pass (both its forms share it); a word is embedded alone."""
    from assistant.answer import split_sentences
    from assistant.constraints import constraint_texts, is_vocabulary_word
    from assistant.answer_lines import answer_texts, in_section, line_sentences
    from assistant.vocabulary import words_of

    sentences = split_sentences(text)
    spans = dict(zip(sentences, sentence_spans(text, sentences)))
    joined = [s for s in line_sentences(text) if s not in spans]  # a sentence read with its "Owner: X." field
    spans.update(zip(joined, sentence_spans(text, joined)))
    spans.update({in_section(s, section): span for s, span in spans.items()})
    texts = list(dict.fromkeys(answer_texts(text, section) + constraint_texts(text)))
    have = set(texts)
    texts += [w for w in words_of([f"{section} {text}"], is_vocabulary_word) if w not in have]
    return [(t, spans.get(t)) for t in texts]


def sentence_spans(text: str, sentences: list[str]) -> list[tuple[int, int] | None]:
    """Where each sentence lies in ``text``, in order; None for one that is not a plain substring
    (``split_sentences`` joins a stray citation onto the sentence before it)."""
    spans: list[tuple[int, int] | None] = []
    at = 0
    for sentence in sentences:
        start = text.find(sentence, at)
        if start < 0:
            start = text.find(sentence)
        if start < 0:
            spans.append(None)
            continue
        spans.append((start, start + len(sentence)))
        at = start + len(sentence)
    return spans


def require_index(services: Services) -> None:
    """``EmptyIndexError`` (with the command that fixes it) when no document is ready to search.

    Asked before every question, so it reads the keyword index's in-memory count, not a listing.
    """
    if not services.has_documents():
        raise EmptyIndexError(services.store.location)

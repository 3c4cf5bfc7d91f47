"""BEIR benchmarks: index a BEIR-layout corpus with the project's own pipeline and score retrieval.

The corpus goes into its own Chroma collections (prefix ``beir_<name>``) and keyword index under
``<data-dir>/beir/<name>``, through the same Chunker, Embedder, ChromaStore and KeywordIndex the
assistant uses, so the numbers describe the real retriever. A document is ranked by its best chunk.
Re-running reuses the index: a document whose content and chunking are unchanged is not re-embedded.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.settings import Settings
from evals.ranking import mrr_at_k, ndcg_at_k, recall_at_k
from indexing.models import Block, LoadedDocument
from indexing.store import READY

MODES = ("dense", "keyword", "hybrid")
METRICS = ("ndcg@10", "mrr@10", "recall@10", "recall@100")
_EMBED_BATCH = 512  # documents per batch: embedded in one call and committed together


@dataclass
class BeirDataset:
    """A corpus, the queries of one split that have judgements, and those judgements."""

    name: str
    corpus: dict[str, dict]  # _id -> {"title", "text"}
    queries: dict[str, str]  # query id -> text, file order
    qrels: dict[str, dict[str, float]]  # query id -> {corpus id: grade}


@dataclass
class IndexStats:
    documents: int
    added: int
    removed: int
    chunks: int
    seconds: float
    texts_embedded: int  # sent to the model, i.e. not found in the vector cache


@dataclass
class ModeResult:
    metrics: dict[str, float]
    seconds: float
    ms_per_query: float


@dataclass
class BeirReport:
    dataset: str
    split: str
    queries: int
    depth: int
    index: IndexStats
    settings: dict
    modes: dict[str, ModeResult] = field(default_factory=dict)

    def public(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------- reading
def load_dataset(path: Path, split: str = "test", limit_queries: int | None = None) -> BeirDataset:
    """Read corpus.jsonl, queries.jsonl and qrels/<split>.tsv; keep queries judged in that split."""
    path = Path(path)
    qrels = read_qrels(path / "qrels" / f"{split}.tsv")
    corpus = {}
    for row in _jsonl(path / "corpus.jsonl"):
        corpus[str(row["_id"])] = {"title": row.get("title") or "", "text": row.get("text") or ""}
    queries = {}
    for row in _jsonl(path / "queries.jsonl"):
        qid = str(row["_id"])
        if qid in qrels and row.get("split", split) == split:
            queries[qid] = row["text"]
    if limit_queries is not None:
        queries = dict(list(queries.items())[:limit_queries])
    return BeirDataset(path.name, corpus, queries, {q: qrels[q] for q in queries})


def read_qrels(path: Path) -> dict[str, dict[str, float]]:
    """query-id, corpus-id, score rows (header first) -> {query: {doc: grade}}."""
    if not path.exists():
        raise FileNotFoundError(f"no judgements for this split: {path}")
    out: dict[str, dict[str, float]] = {}
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader, None)
        for row in reader:
            if len(row) >= 3:
                out.setdefault(row[0], {})[row[1]] = float(row[2])
    return out


def _jsonl(path: Path):
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


# ---------------------------------------------------------------- indexing
def dataset_settings(settings: Settings, name: str, root: Path | None = None) -> Settings:
    """The dataset's own data directory and collection prefix, so it never mixes with documents."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "dataset"
    base = Path(root) if root else settings.data_dir / "beir"
    return settings.model_copy(update={"data_dir": base / slug, "collection_prefix": f"beir_{slug}"})


def to_loaded(doc_id: str, doc: dict) -> LoadedDocument:
    """A corpus record as a one-section document: the title is the heading every chunk carries."""
    title = doc["title"].strip()
    text = doc["text"].strip() or title or doc_id
    return LoadedDocument(source=f"beir:{doc_id}", kind="text", title=title or doc_id,
                          blocks=[Block(text, (title,) if title else ())])


def fingerprint(doc: dict, settings: Settings, model_key: str) -> str:
    """Changes whenever the chunks or vectors would: content, chunking and model."""
    basis = json.dumps([doc["title"], doc["text"], settings.chunk_tokens, settings.chunk_overlap_tokens, model_key])
    return hashlib.sha256(basis.encode()).hexdigest()


def index_corpus(services, dataset: BeirDataset, on_progress: Callable[[int, int], None] | None = None) -> IndexStats:
    """Bring the dataset's index to exactly the corpus; only new or changed documents are embedded."""
    started = time.perf_counter()
    indexer, embedder = services.indexer, services.embedder
    indexer.recover()
    calls_before = embedder.model_calls
    have = {r.doc_id: r.sha256 for r in services.store.list_documents(READY)}
    wanted = {doc_id: fingerprint(doc, services.settings, embedder.model_key) for doc_id, doc in dataset.corpus.items()}
    stale = [d for d in have if d not in wanted]
    for doc_id in stale:
        indexer.remove(doc_id)
    todo = [d for d, fp in wanted.items() if have.get(d) != fp]
    for start in range(0, len(todo), _EMBED_BATCH):
        part = todo[start : start + _EMBED_BATCH]
        results = indexer.ingest_loaded_batch([(to_loaded(d, dataset.corpus[d]), d, wanted[d]) for d in part])
        for result in results:
            if result.status == "failed":
                raise RuntimeError(f"document {result.path} failed to index: {result.error}")
        if on_progress:
            on_progress(start + len(part), len(todo))
    return IndexStats(len(wanted), len(todo), len(stale), services.store.chunk_count(),
                      round(time.perf_counter() - started, 1), embedder.model_calls - calls_before)


# ---------------------------------------------------------------- scoring
def rank_documents(retriever, query: str, mode: str, depth: int) -> list[str]:
    """Corpus ids in the order of their best-ranked chunk."""
    ranked: dict[str, None] = {}
    for p in retriever.retrieve(query, k=depth, mode=mode).passages:
        ranked.setdefault(p.doc_id, None)
    return list(ranked)


def score_run(runs: dict[str, list[str]], qrels: dict[str, dict[str, float]]) -> dict[str, float]:
    """Mean nDCG@10, MRR@10, Recall@10 and Recall@100 over the judged queries."""
    if not runs:
        return {m: 0.0 for m in METRICS}
    totals = {m: 0.0 for m in METRICS}
    for qid, ranked in runs.items():
        rel = qrels[qid]
        totals["ndcg@10"] += ndcg_at_k(ranked, rel, 10)
        totals["mrr@10"] += mrr_at_k(ranked, rel, 10)
        totals["recall@10"] += recall_at_k(ranked, rel, 10)
        totals["recall@100"] += recall_at_k(ranked, rel, 100)
    return {m: round(v / len(runs), 4) for m, v in totals.items()}


def evaluate_mode(retriever, dataset: BeirDataset, mode: str, depth: int) -> ModeResult:
    started = time.perf_counter()
    runs = {qid: rank_documents(retriever, text, mode, depth) for qid, text in dataset.queries.items()}
    seconds = time.perf_counter() - started
    return ModeResult(score_run(runs, dataset.qrels), round(seconds, 1), round(1000 * seconds / max(1, len(runs)), 1))


def run_beir(path: Path, settings: Settings, split: str = "test", modes: tuple[str, ...] = MODES,
             limit_queries: int | None = None, root: Path | None = None, embedder=None,
             on_progress: Callable[[int, int], None] | None = None) -> BeirReport:
    """Index (or reuse) the dataset, then score each mode; ``embedder`` lets tests share a loaded model."""
    from assistant.retrieval import HybridRetriever
    from assistant.services import Services

    unknown = set(modes) - set(MODES)
    if unknown:
        raise ValueError(f"unknown mode(s) {', '.join(sorted(unknown))}; choose from {', '.join(MODES)}")
    dataset = load_dataset(path, split, limit_queries)
    services = Services(dataset_settings(settings, dataset.name, root), shared_embedder=embedder)
    stats = index_corpus(services, dataset, on_progress)
    s = services.settings
    depth = max(s.candidate_k, 300)  # enough chunks per side for 100 distinct documents
    retriever = HybridRetriever(services.store, services.embedder, services.keyword, candidate_k=depth,
                                dense_weight=s.dense_weight, rrf_k=s.rrf_k, fusion=s.fusion)
    report = BeirReport(dataset.name, split, len(dataset.queries), depth, stats, _knobs(s))
    for mode in modes:
        report.modes[mode] = evaluate_mode(retriever, dataset, mode, depth)
    return report


def _knobs(s: Settings) -> dict:
    names = ("collection_prefix", "chunk_tokens", "chunk_overlap_tokens", "fusion", "dense_weight", "rrf_k",
             "bm25_k1", "bm25_b", "keyword_heading_weight", "keyword_stemming", "keyword_stop_words")
    return {n: getattr(s, n) for n in names}


def format_report(report: BeirReport) -> str:
    """A plain text table for the terminal."""
    lines = [f"BEIR {report.dataset} ({report.split} split, {report.queries} queries, "
             f"{report.index.documents} documents in {report.index.chunks} chunks)",
             f"{'mode':8} " + " ".join(f"{m:>10}" for m in METRICS) + f" {'ms/query':>9}"]
    for mode, r in report.modes.items():
        lines.append(f"{mode:8} " + " ".join(f"{r.metrics[m]:>10.4f}" for m in METRICS) + f" {r.ms_per_query:>9.1f}")
    i = report.index
    lines.append(f"index: {i.added} documents indexed, {i.removed} removed, {i.texts_embedded} texts embedded, {i.seconds:.1f} s")
    lines.append("settings: " + ", ".join(f"{k}={v}" for k, v in report.settings.items()) + f", depth={report.depth}")
    return "\n".join(lines)

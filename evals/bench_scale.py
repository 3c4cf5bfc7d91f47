"""`make bench-scale`: how ingest, answering and memory grow from ~10k to ~100k chunks.

For each size it builds (or reuses) an index under ``--root`` from SciFact abstracts plus synthetic
variations (``evals.scale_corpus``), then asks ``--questions`` SciFact queries it has never seen,
one by one in this warm process, and reports p50/p95 of the whole ``ask`` (extractive) and of each
stage: question embedding, dense search, keyword search, fusion, passage fetch, answering. It also
measures ingest throughput against raw PyTorch encoding of the same chunks (cold caches, one
process, so the ratio holds on a busy machine), the index size on disk, and, through
``evals.bench_load``, a ``psb serve`` on the largest index under concurrent REST clients while a
document is uploaded (throughput, latency, errors, the server's peak memory).

Usage: python -m evals.bench_scale [--sizes 10000,100000] [--root .cache/bench-scale] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import time
from pathlib import Path

import numpy as np

from assistant.runtime import configure_offline

configure_offline()

from assistant.services import Services  # noqa: E402
from assistant.settings import Settings, bundled_model_path  # noqa: E402
from evals.beir import BeirDataset, index_corpus, load_dataset, to_loaded  # noqa: E402
from evals.scale_corpus import nearby_vectors, scale_documents  # noqa: E402
from indexing.embeddings import Embedder  # noqa: E402

SCIFACT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "scifact"
PREFIX = "scale"


def percentiles(values: list[float]) -> dict[str, float]:
    """p50 and p95 (nearest rank), in the unit given."""
    ordered = sorted(values)
    if not ordered:
        return {"p50": 0.0, "p95": 0.0}
    pick = lambda q: ordered[min(len(ordered) - 1, max(0, int(np.ceil(q * len(ordered))) - 1))]  # noqa: E731
    return {"p50": round(pick(0.50), 2), "p95": round(pick(0.95), 2)}


def scale_settings(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, collection_prefix=PREFIX, _env_file=None)


# ---------------------------------------------------------------- building
def build(size: int, root: Path, corpus: dict[str, dict], batch_docs: int = 400) -> dict:
    """Ingest documents through the real pipeline until the index holds ``size`` chunks."""
    data = root / f"{size // 1000}k"
    done = data / "built.json"
    if done.exists():
        return dict(json.loads(done.read_text()), reused=True)
    shutil.rmtree(data, ignore_errors=True)
    seed_cache = root / "vectors.sqlite"  # shared by every size: real chunks are encoded once
    (data / "cache").mkdir(parents=True)
    if seed_cache.exists():
        shutil.copyfile(seed_cache, data / "cache" / "vectors.sqlite")
    services = Services(scale_settings(data))
    indexer, embedder = services.indexer, services.embedder
    rng = np.random.default_rng(size)
    started = time.perf_counter()
    chunks, docs, synthetic, pending = 0, 0, 0, []
    source_chunks: dict[str, list[str]] = {}
    for doc_id, loaded, source in scale_documents(corpus):
        if chunks >= size:
            break
        pieces = [c.embed_text for c in indexer.chunker.chunk(loaded, doc_id)]
        if source is None:
            source_chunks[doc_id] = pieces
        else:
            synthetic += len(pieces)
        pending.append((doc_id, loaded, source, pieces))
        chunks += len(pieces)
        if len(pending) >= batch_docs:
            docs += _ingest_batch(indexer, embedder, pending, source_chunks, rng)
            pending = []
    docs += _ingest_batch(indexer, embedder, pending, source_chunks, rng)
    seconds = time.perf_counter() - started
    shutil.copyfile(data / "cache" / "vectors.sqlite", seed_cache)
    stats = {"size": size, "chunks": services.store.chunk_count(), "documents": docs, "synthetic_chunks": synthetic,
             "build_s": round(seconds, 1), "model_calls": embedder.model_calls}
    done.write_text(json.dumps(stats))
    return dict(stats, reused=False)


def _ingest_batch(indexer, embedder: Embedder, pending: list, source_chunks: dict[str, list[str]], rng) -> int:
    """Encode the real chunks in one call, give variations nearby vectors, then ingest each document."""
    embedder.embed([t for _, _, source, pieces in pending if source is None for t in pieces])
    for _, _, source, pieces in pending:
        if source is not None:
            base = np.asarray(embedder.embed(source_chunks[source]), dtype=np.float32)
            embedder.cache_vectors(pieces, nearby_vectors(base, len(pieces), rng))
    for result in indexer.ingest_loaded_batch([(loaded, doc_id, doc_id) for doc_id, loaded, _, _ in pending]):
        if result.status == "failed":
            raise RuntimeError(f"{result.path} failed to index: {result.error}")
    return len(pending)


def disk_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1048576, 1)


# ---------------------------------------------------------------- asking
class _Recorder:
    """Wraps the retriever to keep each call's stage timings (a two-part question makes two calls)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls: list[dict[str, float]] = []

    def retrieve(self, *args, **kwargs):
        result = self.inner.retrieve(*args, **kwargs)
        self.calls.append(result.timings_ms)
        return result

    def __getattr__(self, name):
        return getattr(self.inner, name)


def measure_questions(data: Path, questions: list[str], warmup: list[str]) -> dict:
    """p50/p95 of whole asks and of each stage, over questions this process has not seen."""
    services = Services(scale_settings(data))
    assistant = services.assistant
    recorder = _Recorder(assistant.retriever)
    assistant.retriever = recorder
    for q in warmup:
        assistant.ask(q)
    rows: dict[str, list[float]] = {}
    for q in questions:
        recorder.calls.clear()
        started = time.perf_counter()
        answer = assistant.ask(q)
        rows.setdefault("ask", []).append(1000 * (time.perf_counter() - started))
        for stage in ("embed", "dense", "keyword", "fusion", "passages"):
            rows.setdefault(stage, []).append(sum(call.get(stage, 0.0) for call in recorder.calls))
        rows.setdefault("answer", []).append(answer.timings_ms.get("answer_ms", 0.0))
    return {stage: percentiles(values) for stage, values in rows.items()} | {"questions": len(questions)}


# ---------------------------------------------------------------- ingest vs encoding
def measure_ingest(root: Path, dataset: BeirDataset, chunks: int) -> dict:
    """Cold ingest (default backend) of the first abstracts vs raw PyTorch encoding of their chunks."""
    work = root / "ingest-sample"
    shutil.rmtree(work, ignore_errors=True)
    services = Services(scale_settings(work))
    chunker = services.indexer.chunker
    subset, texts = {}, []
    for doc_id, doc in dataset.corpus.items():
        subset[doc_id] = doc
        texts += [c.embed_text for c in chunker.chunk(to_loaded(doc_id, doc), doc_id)]
        if len(texts) >= chunks:
            break
    torch = Embedder(bundled_model_path(), services.settings.embedding_batch_size)
    torch._encode(texts[:8])
    started = time.perf_counter()
    torch._encode(texts)
    raw_s = time.perf_counter() - started
    services.embedder._encode(texts[:8])  # export and load outside the timing, as a running system has
    stats = index_corpus(services, BeirDataset("sample", subset, {}, {}))
    return {"chunks": len(texts), "raw_torch_encode_s": round(raw_s, 1), "ingest_s": stats.seconds,
            "backend": services.settings.embedding_backend,
            "ingest_chunks_per_s": round(len(texts) / stats.seconds, 1), "raw_torch_chunks_per_s": round(len(texts) / raw_s, 1),
            "ingest_speed_vs_raw_torch": round(raw_s / stats.seconds, 2)}


# ---------------------------------------------------------------- the whole run
def run(sizes: list[int], root: Path, n_questions: int, ingest_chunks: int, load_clients: int, load_seconds: float) -> dict:
    root.mkdir(parents=True, exist_ok=True)
    test = load_dataset(SCIFACT, "test")
    train = load_dataset(SCIFACT, "train")
    questions = list(dict.fromkeys(list(test.queries.values()) + list(train.queries.values())))
    warmup, asked = questions[:5], questions[5 : 5 + n_questions]
    out: dict = {"sizes": {}, "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
    out["ingest"] = measure_ingest(root, test, ingest_chunks)
    for size in sizes:
        built = build(size, root, test.corpus)
        data = root / f"{size // 1000}k"
        out["sizes"][str(size)] = {"build": built, "disk_mb": {"total": disk_mb(data), "chroma": disk_mb(data / "chroma"),
                                                               "keyword": round((data / "keyword.sqlite").stat().st_size / 1048576, 1)},
                                   "latency_ms": measure_questions(data, asked, warmup)}
    if len(sizes) > 1:
        small, large = (out["sizes"][str(s)]["latency_ms"] for s in (sizes[0], sizes[-1]))
        out["growth_p95"] = {stage: round(large[stage]["p95"] / max(small[stage]["p95"], 1e-6), 2)
                             for stage in small if isinstance(small[stage], dict)}
    out["bench_process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if load_clients:
        from evals.bench_load import load_test

        out["load"] = load_test(root / f"{sizes[-1] // 1000}k", PREFIX, asked, load_clients, load_seconds, root)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="chunk counts, comma-separated, smallest first")
    parser.add_argument("--root", type=Path, default=Path(".cache/bench-scale"))
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--ingest-chunks", type=int, default=500, help="chunks for the ingest vs raw encoding ratio")
    parser.add_argument("--load-clients", type=int, default=50, help="0 skips the load test")
    parser.add_argument("--load-seconds", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result = run([int(s) for s in args.sizes.split(",")], args.root, args.questions, args.ingest_chunks,
                 args.load_clients, args.load_seconds)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()

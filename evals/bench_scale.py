"""`make bench-scale`: how ingest, answering and memory grow from ~10k to ~100k chunks.

For each size it builds (or reuses) an index under ``--root`` from SciFact abstracts plus synthetic
variations (``evals.scale_corpus``), then asks ``--questions`` SciFact queries it has never seen,
one by one in this warm process, and reports p50/p95 of the whole ``ask`` (extractive) and of each
stage: question embedding, dense search, keyword search, fusion, passage fetch, answering, and
how many texts the model encoded per question (1 = the question alone: every sentence vector came
from ingest). It also measures ingest throughput (sentence vectors included) per embedding backend
against raw PyTorch encoding of the same chunks (cold caches, one process, raw encoding timed
before and after), the index size on disk, and, through
``evals.bench_load``, a ``psb serve`` on the largest index under concurrent REST clients while a
document is uploaded (throughput, latency, errors, the server's peak memory).

Usage: python -m evals.bench_scale [--sizes 10000,100000] [--root .cache/bench-scale] [--load-think 0,10] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import time
from pathlib import Path

import numpy as np

from assistant.runtime import configure_offline

configure_offline()

from assistant.answer_lines import answer_texts, in_section  # noqa: E402
from assistant.services import Services  # noqa: E402
from assistant.settings import Settings, bundled_model_path  # noqa: E402
from evals.baseline import raw_torch_encoder  # noqa: E402
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
    """Ingest documents through the real pipeline until the index holds ``size`` chunks.

    A build made before sentence vectors were embedded at ingest gets them added (``backfill``),
    as an upgraded installation would.
    """
    data = root / f"{size // 1000}k"
    done = data / "built.json"
    if done.exists():
        stats = json.loads(done.read_text())
        if "answer_vectors" not in stats:
            stats["answer_vectors"] = backfill(data, root, corpus, stats["documents"], batch_docs)
            done.write_text(json.dumps(stats))
        return dict(stats, reused=True)
    shutil.rmtree(data, ignore_errors=True)
    (data / "cache").mkdir(parents=True)
    _seed_cache(root, data)
    services = Services(scale_settings(data))
    indexer, embedder = services.indexer, services.embedder
    seeder = _Seeder(indexer, embedder, np.random.default_rng(size))
    started = time.perf_counter()
    chunks, docs, synthetic, pending = 0, 0, 0, []
    for doc_id, loaded, source in scale_documents(corpus):
        if chunks >= size:
            break
        pieces = indexer.chunker.chunk(loaded, doc_id)
        if source is not None:
            synthetic += len(pieces)
        pending.append((doc_id, loaded, source, pieces))
        chunks += len(pieces)
        if len(pending) >= batch_docs:
            docs += _ingest_batch(indexer, seeder, pending)
            pending = []
    docs += _ingest_batch(indexer, seeder, pending)
    seconds = time.perf_counter() - started
    _keep_cache(data, root)
    stats = {"size": size, "chunks": services.store.chunk_count(), "documents": docs, "synthetic_chunks": synthetic,
             "build_s": round(seconds, 1), "model_calls": embedder.model_calls, "answer_vectors": seeder.stats()}
    done.write_text(json.dumps(stats))
    return dict(stats, reused=False)


def backfill(data: Path, root: Path, corpus: dict[str, dict], documents: int, batch_docs: int = 400) -> dict:
    """Sentence vectors for an index built without them: the same documents, chunked again, seeded."""
    _seed_cache(root, data)
    services = Services(scale_settings(data))
    seeder = _Seeder(services.indexer, services.embedder, np.random.default_rng(documents))
    started = time.perf_counter()
    pending = []
    for n, (doc_id, loaded, source) in enumerate(scale_documents(corpus)):
        if n >= documents:
            break
        pending.append((doc_id, loaded, source, services.indexer.chunker.chunk(loaded, doc_id)))
        if len(pending) >= batch_docs:
            seeder.seed(pending, chunks=False)
            pending = []
    seeder.seed(pending, chunks=False)
    if not seeder.seeded + seeder.near_chunk:  # real text only: worth sharing with the other sizes
        _keep_cache(data, root)
    return dict(seeder.stats(), backfill_s=round(time.perf_counter() - started, 1))


class _Seeder:
    """Sentence vectors for a batch: real documents' encoded, variations' near their source sentences.

    A variation's "section: sentence" line is its source's sentence under another title, so its
    vector is the source's line's vector plus noise (as for chunks, ``nearby_vectors``); its plain
    sentences and words are its source's (already cached); the few texts with no source line
    (chunk-boundary fragments) get a vector near one of the source's lines.
    """

    def __init__(self, indexer, embedder: Embedder, rng) -> None:
        self.indexer, self.embedder, self.rng = indexer, embedder, rng
        self.sentences: dict[str, dict[str, str]] = {}  # real doc id -> sentence -> its embedded text
        self.chunk_texts: dict[str, list[str]] = {}  # real doc id -> its chunks' embedded texts
        self.encoded = self.seeded = self.near_chunk = 0

    def seed(self, pending: list, chunks: bool = True) -> None:
        """``chunks=False`` when the variations' chunk vectors are cached already (a backfill)."""
        real = [c for _, _, source, pieces in pending if source is None for c in pieces]
        calls = self.embedder.model_calls
        self.indexer.embed_chunks(real)  # the real chunks, their sentences (pooled) and words
        self.encoded += self.embedder.model_calls - calls
        for doc_id, _, source, pieces in pending:
            if source is None:
                self.sentences[doc_id] = {sentence: in_section(sentence, c.section) for c in pieces for sentence in _usable(c.text)}
                self.chunk_texts[doc_id] = [c.embed_text for c in pieces]
        for _, _, source, pieces in pending:
            if source is None:
                continue
            if chunks:
                base = np.asarray(self.embedder.embed(self.chunk_texts[source]), dtype=np.float32)
                self.embedder.cache_vectors([c.embed_text for c in pieces], nearby_vectors(base, len(pieces), self.rng))
            known = self.sentences[source]
            texts, bases = [], []
            for c in pieces:
                # its words and plain sentences are mostly its source's (cached); the rest is seeded
                lines = {in_section(sentence, c.section): sentence for sentence in _usable(c.text)}
                for text in self.embedder.missing([t for t, _ in self.indexer.answer_texts(c.text, c.section)]):
                    sentence = lines.get(text)
                    texts.append(text)
                    bases.append(known.get(sentence) or next(iter(known.values()), c.embed_text))
                    self.seeded += sentence in known
                    self.near_chunk += sentence not in known
            if texts:
                vectors = np.asarray(self.embedder.embed(bases), dtype=np.float32)
                self.embedder.cache_vectors(texts, nearby_vectors(vectors, len(texts), self.rng))

    def stats(self) -> dict:
        return {"encoded": self.encoded, "near_source_sentence": self.seeded, "near_another_source_line": self.near_chunk}


def _usable(text: str) -> list[str]:
    """The sentences ``answer_texts`` keeps, without a section (to match a variation's to its source's)."""
    return answer_texts(text, "")


def _ingest_batch(indexer, seeder: _Seeder, pending: list) -> int:
    """Seed the batch's vectors (real ones encoded), then ingest its documents through the pipeline."""
    seeder.seed(pending)
    for result in indexer.ingest_loaded_batch([(loaded, doc_id, doc_id) for doc_id, loaded, _, _ in pending]):
        if result.status == "failed":
            raise RuntimeError(f"{result.path} failed to index: {result.error}")
    return len(pending)


def _seed_cache(root: Path, data: Path) -> None:
    """Vectors already made for another size (shared by every size: real text is encoded once)."""
    shared = root / "vectors.sqlite"
    target = data / "cache" / "vectors.sqlite"
    if shared.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        _merge_vectors(shared, target)


def _keep_cache(data: Path, root: Path) -> None:
    _merge_vectors(data / "cache" / "vectors.sqlite", root / "vectors.sqlite")


def _merge_vectors(source: Path, target: Path) -> None:
    """Rows of one vector cache added to another (existing keys kept)."""
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        conn.execute("ATTACH DATABASE ? AS src", (str(source),))
        conn.execute("INSERT OR IGNORE INTO vectors SELECT key, vec FROM src.vectors")
    conn.execute("DETACH DATABASE src")
    conn.close()


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
    calls: list[int] = []
    refused = 0
    for q in questions:
        recorder.calls.clear()
        before = services.embedder.model_calls
        started = time.perf_counter()
        answer = assistant.ask(q)
        rows.setdefault("ask", []).append(1000 * (time.perf_counter() - started))
        calls.append(services.embedder.model_calls - before)
        refused += answer.refused
        for stage in ("embed", "dense", "keyword", "fusion", "passages"):
            rows.setdefault(stage, []).append(sum(call.get(stage, 0.0) for call in recorder.calls))
        rows.setdefault("answer", []).append(answer.timings_ms.get("answer_ms", 0.0))
    return {stage: percentiles(values) for stage, values in rows.items()} | {
        "questions": len(questions), "refused": refused,
        # texts the model encoded per question: 1 is the question alone (every sentence vector a lookup)
        "model_calls_per_question": {"p50": float(np.median(calls)), "max": max(calls), "questions_with_1": calls.count(1)}}


# ---------------------------------------------------------------- ingest vs encoding
def measure_ingest(root: Path, dataset: BeirDataset, chunks: int, backends: tuple[str, ...] = ("onnx",), rounds: int = 3) -> dict:
    """Cold ingest of the first abstracts, per backend, vs raw PyTorch encoding of their chunks.

    Ingest includes the answerer's sentence vectors and words (``Indexer.embed_chunks``). One-time
    set-up is outside both timings: the raw encoder's model load, and the ingest's model load,
    Chroma client and imports (what a running server or a long ``psb ingest`` pays once). Raw
    encodings and ingests alternate for ``rounds`` rounds; each ingest is compared with the mean
    of the raw encodings just before and after it, and the median over rounds is reported, in
    wall-clock and in process CPU time (the CPU figure barely moves when other jobs share the
    cores; on an idle machine the two agree).
    """
    subset, texts = {}, []
    probe = Services(scale_settings(root / "ingest-probe"))
    for doc_id, doc in dataset.corpus.items():
        subset[doc_id] = doc
        texts += [c.embed_text for c in probe.indexer.chunker.chunk(to_loaded(doc_id, doc), doc_id)]
        if len(texts) >= chunks:
            break
    encode = raw_torch_encoder(bundled_model_path(), probe.settings.embedding_batch_size)
    encode(texts[:8])

    def timed(fn) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - wall, time.process_time() - cpu

    def ingest(backend: str, n: int) -> tuple[tuple[float, float], int]:
        work = root / f"ingest-sample-{backend}-{chunks}-{n}"  # a new path each time: Chroma keeps a path's client per process
        shutil.rmtree(work, ignore_errors=True)
        if (probe.settings.data_dir / "models").exists():
            shutil.copytree(probe.settings.data_dir / "models", work / "models")  # the ONNX export, made once
        services = Services(Settings(data_dir=work, collection_prefix=PREFIX, embedding_backend=backend, _env_file=None))
        services.embedder._encode(texts[:8])  # export and load outside the timing, as a running system has
        services.embedder.embed_query("warm the question encoder")
        services.indexer.answer_texts(texts[0], "")  # open Chroma and import the loaders and answer rules (1.4 s, once a process)
        if backend != "torch" and not (probe.settings.data_dir / "models").exists():
            shutil.copytree(work / "models", probe.settings.data_dir / "models")
        calls = services.embedder.model_calls
        took = timed(lambda: index_corpus(services, BeirDataset("sample", subset, {}, {})))
        return took, services.embedder.model_calls - calls

    raws = [timed(lambda: encode(texts))]
    runs: dict[str, list[tuple[tuple[float, float], int]]] = {b: [] for b in backends}
    for n in range(rounds):
        for backend in backends:
            runs[backend].append(ingest(backend, n))
        raws.append(timed(lambda: encode(texts)))
    out: dict = {"chunks": len(texts), "documents": len(subset), "batch_size": probe.settings.embedding_batch_size, "rounds": rounds,
                 "raw_torch_encode_s": [round(w, 1) for w, _ in raws], "raw_torch_encode_cpu_s": [round(c, 1) for _, c in raws],
                 "backends": {}}
    for backend, results in runs.items():
        wall = [((raws[k][0] + raws[k + 1][0]) / 2) / took[0] for k, (took, _) in enumerate(results)]
        cpu = [((raws[k][1] + raws[k + 1][1]) / 2) / took[1] for k, (took, _) in enumerate(results)]
        out["backends"][backend] = {"ingest_s": [round(t[0], 1) for t, _ in results], "ingest_cpu_s": [round(t[1], 1) for t, _ in results],
                                    "texts_encoded": results[-1][1], "texts_encoded_alone": results[-1][1] - len(texts),
                                    "ingest_speed_vs_raw_torch": round(float(np.median(wall)), 2),
                                    "ingest_speed_vs_raw_torch_cpu": round(float(np.median(cpu)), 2)}
    return out


# ---------------------------------------------------------------- the whole run
def run(sizes: list[int], root: Path, n_questions: int, ingest_chunks: list[int], load_clients: int, load_seconds: float,
        ingest_backends: tuple[str, ...] = ("onnx",), think_s: tuple[float, ...] = (0.0,), out_path: Path | None = None,
        load_upload: bool = True) -> dict:
    """Every measurement in turn; the results so far are written to ``out_path`` after each one."""
    root.mkdir(parents=True, exist_ok=True)
    test = load_dataset(SCIFACT, "test")
    train = load_dataset(SCIFACT, "train")
    questions = list(dict.fromkeys(list(test.queries.values()) + list(train.queries.values())))
    warmup, asked = questions[:5], questions[5 : 5 + n_questions]
    out: dict = {"sizes": {}, "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}

    def save() -> None:
        if out_path:
            out_path.write_text(json.dumps(out, indent=2))

    for chunks in ingest_chunks:  # a few sizes: the words' share falls as the vocabulary fills (docs/operations.md)
        out.setdefault("ingest", {})[str(chunks)] = measure_ingest(root, test, chunks, ingest_backends)
        save()
    for size in sizes:
        built = build(size, root, test.corpus)
        data = root / f"{size // 1000}k"
        out["sizes"][str(size)] = {"build": built, "disk_mb": {"total": disk_mb(data), "chroma": disk_mb(data / "chroma"),
                                                               "vector_cache": disk_mb(data / "cache"),
                                                               "keyword": round((data / "keyword.sqlite").stat().st_size / 1048576, 1)}}
        save()
        if n_questions:
            out["sizes"][str(size)]["latency_ms"] = measure_questions(data, asked, warmup)
            save()
    if len(sizes) > 1 and n_questions:
        small, large = (out["sizes"][str(s)]["latency_ms"] for s in (sizes[0], sizes[-1]))
        out["growth_p95"] = {stage: round(large[stage]["p95"] / max(small[stage]["p95"], 1e-6), 2)
                             for stage in small if isinstance(small[stage], dict) and "p95" in small[stage]}
    out["bench_process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    save()
    if load_clients and sizes:
        from evals.bench_load import load_test

        # every question but the warm-up ones, so the server sees few repeats
        out["load"] = load_test(root / f"{sizes[-1] // 1000}k", PREFIX, questions[5:], load_clients, load_seconds, root, think_s=think_s,
                                upload=load_upload)
        save()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="chunk counts, comma-separated, smallest first (empty: none)")
    parser.add_argument("--root", type=Path, default=Path(".cache/bench-scale"))
    parser.add_argument("--questions", type=int, default=200, help="0 skips the latency measurement")
    parser.add_argument("--ingest-chunks", default="500,2000",
                        help="chunk counts for the ingest vs raw encoding ratio, comma-separated (0 or empty: none)")
    parser.add_argument("--ingest-backends", default="onnx", help="embedding backends whose ingest is timed, comma-separated")
    parser.add_argument("--load-clients", type=int, default=50, help="0 skips the load test")
    parser.add_argument("--load-seconds", type=float, default=60.0)
    parser.add_argument("--load-think", default="0,10",
                        help="load phases, comma-separated: each client's mean pause (s) between its answer and its next question")
    parser.add_argument("--load-no-upload", action="store_true", help="no upload during the load phases (to see what it costs)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result = run([int(s) for s in args.sizes.split(",") if s.strip()], args.root, args.questions,
                 [int(c) for c in args.ingest_chunks.split(",") if c.strip() and int(c) > 0],
                 args.load_clients, args.load_seconds, tuple(b.strip() for b in args.ingest_backends.split(",") if b.strip()),
                 tuple(float(t) for t in args.load_think.split(",")), args.out, not args.load_no_upload)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

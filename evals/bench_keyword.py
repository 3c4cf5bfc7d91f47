"""The keyword index alone at 10k and 100k chunks: SciFact queries, k=300, p50/p95 per search.

Chunks are SciFact abstracts and their synthetic variations (``evals.scale_corpus``), each
abstract's text cut into pieces of ~150 words (about one 200-word-piece chunk), so the index
holds the same kind of text the full benchmark does without running the embedding model. The
same queries run unfiltered and with a document-type filter (applied inside the search).

Usage: python -m evals.bench_keyword [--sizes 10000,100000] [--root .cache/bench-keyword] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from evals.beir import load_dataset
from evals.bench_scale import SCIFACT, percentiles
from evals.scale_corpus import scale_documents
from indexing.keyword import Analyser, BM25Params, KeywordFilter, KeywordIndex

WORDS_PER_CHUNK = 150


def build(path: Path, size: int, corpus: dict[str, dict]) -> float:
    """Fill a fresh index with ``size`` chunks; returns seconds taken."""
    shutil.rmtree(path.parent, ignore_errors=True)
    index = KeywordIndex(path, Analyser(), BM25Params(k1=0.6, b=0.3, heading_weight=2.0))
    started = time.perf_counter()
    chunks, batch = 0, []
    for doc_id, loaded, _ in scale_documents(corpus):
        if chunks >= size:
            break
        words = loaded.text.split()
        rows = [(f"{doc_id}:{i:05d}", loaded.title, " ".join(words[start : start + WORDS_PER_CHUNK]))
                for i, start in enumerate(range(0, max(1, len(words)), WORDS_PER_CHUNK))][: size - chunks]
        batch.append((doc_id, rows, loaded.doc_type or "other", int(loaded.published.replace("-", ""))))
        chunks += len(rows)
        if len(batch) >= 1000:
            index.add_documents(batch)
            batch = []
    index.add_documents(batch)
    return time.perf_counter() - started


def measure(path: Path, queries: list[str], k: int = 300) -> dict:
    """A fresh process's view: open, load the matrix (timed), then time each search."""
    index = KeywordIndex(path, None, BM25Params(k1=0.6, b=0.3, heading_weight=2.0))
    started = time.perf_counter()
    index.search("warm up", 1)
    load_s = time.perf_counter() - started
    out: dict = {"load_s": round(load_s, 2), "chunks": index.matrix.n_live}
    for label, where in (("unfiltered", None), ("type filter", KeywordFilter(types=("report",)))):
        times = []
        for q in queries:
            t = time.perf_counter()
            index.search(q, k, where=where)
            times.append(1000 * (time.perf_counter() - t))
        out[label] = percentiles(times)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--root", type=Path, default=Path(".cache/bench-keyword"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    test = load_dataset(SCIFACT, "test")
    queries = list(test.queries.values())
    result: dict = {"queries": len(queries), "k": 300, "sizes": {}}
    for size in (int(s) for s in args.sizes.split(",")):
        path = args.root / f"{size // 1000}k" / "keyword.sqlite"
        build_s = build(path, size, test.corpus)
        result["sizes"][str(size)] = dict(measure(path, queries), build_s=round(build_s, 1),
                                          file_mb=round(path.stat().st_size / 1048576, 1))
    sizes = list(result["sizes"].values())
    if len(sizes) > 1:
        result["growth_p95"] = round(sizes[-1]["unfiltered"]["p95"] / max(sizes[0]["unfiltered"]["p95"], 1e-6), 2)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()

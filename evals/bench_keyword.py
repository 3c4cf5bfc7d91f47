"""The keyword index alone at 10k and 100k chunks: open time, memory, SciFact queries (k=300) p50/p95.

Chunks are SciFact abstracts and their synthetic variations (``evals.scale_corpus``), each
abstract's text cut into pieces of ~150 words (about one 200-word-piece chunk), so the index
holds the same kind of text the full benchmark does without running the embedding model.

Per size it reports: opening from the SQLite rows (no snapshot: the sort, plus writing the
snapshot) and from the snapshot; the matrix's memory; search p50/p95 unfiltered, with a type
filter and with a type-and-date filter (filters are applied inside the search); and the same
after a burst of writes (2% more documents, so searches also read the unmerged tail).
``--against REF`` also loads ``indexing/bm25.py`` as it is at git revision REF and runs the
same queries through it on the same rows, interleaved query by query in this process, so the
speed ratio is measured under the same load; it fails if any ranking differs.

Usage: python -m evals.bench_keyword [--sizes 10000,100000] [--root .cache/bench-keyword]
       [--reuse] [--against main] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from evals.beir import load_dataset
from evals.bench_scale import SCIFACT, percentiles
from evals.scale_corpus import scale_documents
from indexing.keyword import Analyser, BM25Params, KeywordFilter, KeywordIndex

WORDS_PER_CHUNK = 150
PARAMS = BM25Params(k1=0.6, b=0.3, heading_weight=2.0)
FILTERS = {"unfiltered": None, "type filter": KeywordFilter(types=("report",)),
           "type and date filter": KeywordFilter(types=("report", "insight"), day_from=20150101)}


def _documents(size: int, corpus: dict[str, dict], skip: int = 0):
    """(doc_id, rows, type, day) batches of about ``size`` chunks, after the first ``skip`` chunks."""
    chunks, batch = 0, []
    for doc_id, loaded, _ in scale_documents(corpus):
        before = chunks
        if before >= skip + size:
            break
        words = loaded.text.split()
        rows = [(f"{doc_id}:{i:05d}", loaded.title, " ".join(words[start : start + WORDS_PER_CHUNK]))
                for i, start in enumerate(range(0, max(1, len(words)), WORDS_PER_CHUNK))][: skip + size - before]
        chunks += len(rows)
        if before >= skip:
            batch.append((doc_id, rows, loaded.doc_type or "other", int(loaded.published.replace("-", ""))))
        if len(batch) >= 1000:
            yield batch
            batch = []
    if batch:
        yield batch


def build(path: Path, size: int, corpus: dict[str, dict]) -> float:
    """Fill a fresh index with about ``size`` chunks; returns seconds taken."""
    shutil.rmtree(path.parent, ignore_errors=True)
    index = KeywordIndex(path, Analyser(), PARAMS)
    started = time.perf_counter()
    for batch in _documents(size, corpus):
        index.add_documents(batch)
    return time.perf_counter() - started


def _open(path: Path, snapshot: bool) -> tuple[KeywordIndex, float]:
    index = KeywordIndex(path, None, PARAMS)
    if not snapshot:
        index.snapshot_path.unlink(missing_ok=True)
    started = time.perf_counter()
    index.matrix  # noqa: B018 - the load is what is timed
    elapsed = time.perf_counter() - started
    assert index.opened_from == ("snapshot" if snapshot else "rows"), index.opened_from
    return index, elapsed


def _searches(index: KeywordIndex, queries: list[str], k: int) -> dict:
    out = {}
    for label, where in FILTERS.items():
        times = []
        for q in queries:
            t = time.perf_counter()
            index.search(q, k, where=where)
            times.append(1000 * (time.perf_counter() - t))
        out[label] = percentiles(times)
    return out


def _old_module(ref: str):
    """``indexing/bm25.py`` as it is at ``ref``, loaded under another name."""
    source = subprocess.run(["git", "show", f"{ref}:indexing/bm25.py"], capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "bm25_at_ref.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("bm25_at_ref", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


def _against(index: KeywordIndex, ref: str, queries: list[str], k: int) -> dict:
    """The same rows in ``ref``'s matrix; both searched query by query, alternately, in this process."""
    old_matrix = _old_module(ref).PostingsMatrix()
    started = time.perf_counter()
    old_matrix.add_many(index.documents_for_matrix())
    out: dict = {"ref": ref, "ref_open_from_rows_s": round(time.perf_counter() - started, 2)}
    for label, where in FILTERS.items():
        new_t, old_t = [], []
        for q in queries:
            terms = index.query_terms(q)
            t = time.perf_counter()
            new = index.search(q, k, where=where)
            new_t.append(1000 * (time.perf_counter() - t))
            t = time.perf_counter()
            old = old_matrix.search(terms, k, index.params, where) if terms else []
            old_t.append(1000 * (time.perf_counter() - t))
            if not _same_ranking(new, old):
                raise AssertionError(f"ranking differs from {ref} for {q!r} ({label})")
        now, then = percentiles(new_t), percentiles(old_t)
        out[label] = {"this": now, ref: then, "p95 speed-up": round(then["p95"] / max(now["p95"], 1e-6), 2)}
    return out


def _same_ranking(a: list[tuple[str, float]], b: list[tuple[str, float]]) -> bool:
    """Same chunks in the same order, except swaps of scores equal to rounding (terms summed in another order)."""
    if len(a) != len(b):
        return False
    return all(ca == cb or math.isclose(sa, sb, rel_tol=1e-9) for (ca, sa), (cb, sb) in zip(a, b)) and \
        all(math.isclose(sa, sb, rel_tol=1e-9) for (_, sa), (_, sb) in zip(a, b))


def measure(path: Path, queries: list[str], size: int, corpus: dict[str, dict], against: str | None, k: int = 300) -> dict:
    """Open both ways (timed), then time each search; then again after a burst of writes."""
    _, rows_s = _open(path, snapshot=False)  # also writes the snapshot
    index, snapshot_s = _open(path, snapshot=True)
    if index.matrix.n_live == 0:  # say, --reuse of an index cut with another analyser: emptied on open
        raise SystemExit(f"{path} holds no chunks (built with another analyser?); run without --reuse")
    out: dict = {"chunks": index.matrix.n_live, "open_from_rows_s": round(rows_s, 2), "open_from_snapshot_s": round(snapshot_s, 2),
                 "snapshot_mb": round(index.snapshot_path.stat().st_size / 1048576, 1)}
    out["search_ms"] = _searches(index, queries, k)
    if against:
        out["against"] = _against(index, against, queries, k)
    out["matrix_mb"] = {key: round(value / 1048576, 1) for key, value in index.matrix.memory().items()}  # with its caches
    batches = list(_documents(size // 50, corpus, skip=size))
    started = time.perf_counter()
    added = 0
    for batch in batches:
        index.add_documents(batch)
        added += sum(len(rows) for _, rows, _, _ in batch)
    out["after_writes"] = {"chunks_added": added, "write_s": round(time.perf_counter() - started, 1),
                           "tail_postings": index.matrix._tail_size, "search_ms": _searches(index, queries, k)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--root", type=Path, default=Path(".cache/bench-keyword"))
    parser.add_argument("--reuse", action="store_true", help="measure the indexes already under --root, do not build")
    parser.add_argument("--against", default=None, help="git revision whose indexing/bm25.py to compare with")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    test = load_dataset(SCIFACT, "test")
    queries = list(test.queries.values())
    result: dict = {"queries": len(queries), "k": 300, "sizes": {}}
    for size in (int(s) for s in args.sizes.split(",")):
        path = args.root / f"{size // 1000}k" / "keyword.sqlite"
        built = {} if args.reuse else {"build_s": round(build(path, size, test.corpus), 1)}
        work = args.root / f"{size // 1000}k-run" / "keyword.sqlite"  # measured on a copy: it gets written to
        shutil.rmtree(work.parent, ignore_errors=True)
        shutil.copytree(path.parent, work.parent)
        built["file_mb"] = round(work.stat().st_size / 1048576, 1)
        result["sizes"][str(size)] = dict(measure(work, queries, size, test.corpus, args.against), **built)
    sizes = list(result["sizes"].values())
    if len(sizes) > 1:
        result["growth_p95"] = round(sizes[-1]["search_ms"]["unfiltered"]["p95"] / max(sizes[0]["search_ms"]["unfiltered"]["p95"], 1e-6), 2)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()

"""Encode throughput and agreement of each embedding backend (torch, onnx, onnx-int8, and torch-bf16).

All variants encode the same chunks of SciFact abstracts (chunked as ingest chunks them) in one
process, so the speed ratios hold even on a busy machine; agreement is the cosine similarity of
each variant's vector with PyTorch's for the same text. Retrieval quality per variant comes from
``psb eval beir`` with ``PSB_EMBEDDING_BACKEND`` set (see docs/operations.md).

Usage: python -m evals.bench_encoders [--corpus DIR] [--chunks 1000] [--cache DIR] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from assistant.runtime import configure_offline

configure_offline()

from assistant.settings import bundled_model_path  # noqa: E402
from evals.beir import load_dataset, to_loaded  # noqa: E402
from indexing.chunking import Chunker  # noqa: E402
from indexing.embeddings import Embedder  # noqa: E402
from indexing.onnx_encoder import VARIANTS  # noqa: E402

SCIFACT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "scifact"


def chunk_texts(corpus: Path, limit: int, embedder: Embedder) -> list[str]:
    """Embedded texts of the first abstracts' chunks, as the ingest pipeline would embed them."""
    dataset = load_dataset(corpus, "test")
    chunker = Chunker(embedder.tokenizer, 200, 32)
    texts: list[str] = []
    for doc_id, doc in dataset.corpus.items():
        texts += [c.embed_text for c in chunker.chunk(to_loaded(doc_id, doc), doc_id)]
        if len(texts) >= limit:
            break
    return texts[:limit]


def run(corpus: Path, limit: int, cache: Path, batch_size: int = 32, block: int = 64) -> dict:
    model = bundled_model_path()
    embedders = {v: Embedder(model, batch_size, None, backend=v, onnx_dir=cache, bf16=False) for v in VARIANTS}
    embedders["torch-bf16"] = Embedder(model, batch_size, None, bf16=True)  # ingest's passages on CPUs with native bfloat16
    texts = chunk_texts(corpus, limit, embedders["torch"])
    out: dict = {"chunks": len(texts), "batch_size": batch_size, "variants": {}}
    for embedder in embedders.values():
        embedder._encode(texts[:8])  # export (first time), load and warm outside the timing
    # Interleaved blocks, the order rotating, so a machine that speeds up or slows down mid-run
    # (other jobs on shared cores) weighs on every variant alike.
    seconds = dict.fromkeys(embedders, 0.0)
    parts: dict[str, list[np.ndarray]] = {name: [] for name in embedders}
    names = list(embedders)
    for n, start in enumerate(range(0, len(texts), block)):
        for name in names[n % len(names):] + names[: n % len(names)]:
            started = time.perf_counter()
            parts[name].append(np.asarray(embedders[name]._encode(texts[start : start + block])))
            seconds[name] += time.perf_counter() - started
    vectors = {name: np.concatenate(p) for name, p in parts.items()}
    for name, embedder in embedders.items():
        query_times = []
        for i in range(20):
            t = time.perf_counter()
            embedder._encode([f"a new question number {i} about protein folding"])
            query_times.append(time.perf_counter() - t)
        out["variants"][name] = {"encode_s": round(seconds[name], 2), "chunks_per_s": round(len(texts) / seconds[name], 1),
                                 "query_ms_p50": round(1000 * float(np.median(query_times)), 2)}
    base = out["variants"]["torch"]["encode_s"]
    for name, row in out["variants"].items():
        cos = (vectors[name] * vectors["torch"]).sum(axis=1)
        row.update(speed_vs_torch=round(base / row["encode_s"], 2), cosine_vs_torch_mean=round(float(cos.mean()), 5),
                   cosine_vs_torch_min=round(float(cos.min()), 5))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=SCIFACT)
    parser.add_argument("--chunks", type=int, default=1000)
    parser.add_argument("--cache", type=Path, default=Path(".cache/models"), help="where ONNX exports are kept")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result = run(args.corpus, args.chunks, args.cache)
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

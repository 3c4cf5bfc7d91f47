"""`make bench`: speed and memory of indexing and answering, as ratios to a baseline run in the
same process (raw model encoding of the same text), so figures compare across machines.

Usage: python -m evals.bench [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

from assistant.runtime import configure_offline

configure_offline()

from assistant.services import Services  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from evals.baseline import raw_torch_encoder  # noqa: E402
from indexing.loaders import load  # noqa: E402
from indexing.pipeline import expand_paths  # noqa: E402
from indexing.sniff import sniff  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
QUESTIONS = [
    "How many civil servants answered the survey?",
    "What does the report recommend about data sharing?",
    "Which skills gaps did respondents report?",
    "What makes an online transaction world class?",
    "Why is internal culture a barrier?",
]


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="psb-bench-"))
    services = Services(Settings(data_dir=tmp / "a", _env_file=None))
    rss_start = _rss_mb()
    embedder = services.embedder
    chunker = services.indexer.chunker
    texts = []
    for path in expand_paths([CORPUS]):
        data = path.read_bytes()
        doc = load(str(path), sniff(path, data), data)
        texts += [c.embed_text for c in chunker.chunk(doc, "bench")]
    raw = raw_torch_encoder(services.settings.embedding_model_path, services.settings.embedding_batch_size)
    raw(texts[:8])  # load and warm the models outside the timings
    embedder._encode(texts[:8])
    baseline = _timed(lambda: raw(texts))

    cold = _timed(lambda: services.indexer.ingest([CORPUS]))
    unchanged = _timed(lambda: services.indexer.ingest([CORPUS]))
    warm_services = Services(Settings(data_dir=tmp / "b", _env_file=None), shared_embedder=embedder)
    (tmp / "b" / "cache").mkdir(parents=True)
    (tmp / "b" / "cache" / "vectors.sqlite").write_bytes((tmp / "a" / "cache" / "vectors.sqlite").read_bytes())
    warm = _timed(lambda: warm_services.indexer.ingest([CORPUS]))

    assistant = services.assistant
    assistant.ask(QUESTIONS[0])
    one_query = statistics.median(_timed(lambda: embedder._query_encoder().encode(["one query, not cached"])) for _ in range(5))
    first = [_timed(lambda q=q: assistant.ask(q)) for q in QUESTIONS[1:]]  # new questions: nothing cached
    repeats = [_timed(lambda q=q: assistant.ask(q)) for q in QUESTIONS for _ in range(2)]
    return {
        "chunks": len(texts),
        "baseline_encode_s": round(baseline, 3),
        "ingest_cold_ratio": round(cold / baseline, 2),
        "ingest_unchanged_ratio": round(unchanged / baseline, 3),
        "ingest_cached_vectors_ratio": round(warm / baseline, 3),
        "ask_new_question_median_s": round(statistics.median(first), 3),
        "ask_new_question_over_one_query_embedding": round(statistics.median(first) / one_query, 1),
        "ask_repeated_question_median_s": round(statistics.median(repeats), 3),
        "peak_rss_mb": round(_rss_mb(), 1),
        "rss_growth_ratio": round(_rss_mb() / rss_start, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result = run()
    for key, value in result.items():
        print(f"{key:40} {value}")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

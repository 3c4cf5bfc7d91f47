"""Per-question metrics and their aggregates with bootstrap 95% confidence intervals; no LLM needed.

Definitions (also in docs/evaluation.md):

* **Document ranking**: the retrieved passages, in rank order, reduced to unique source files
  (first appearance wins). ``hit@k`` and ``recall@k`` use the documents of the ``k`` passages given
  to the answerer; ``MRR@10`` and ``nDCG@10`` use the ranking of a deeper retrieval (binary gains).
* **Key-fact recall**: share of a question's key facts that the answer states; a fact counts when
  any one of its phrasings occurs in the answer (see :func:`states`). A refusal states nothing.
* **Citation precision**: share of the answer's citations whose source file is a relevant document.
* **Citation support**: share of the answer's sentences (``split_sentences``) that carry at least
  one citation ``[n]`` and are supported, per ``GroundingGuard.supports`` (content-word coverage
  >= 0.5, or embedding cosine >= 0.6), by the text of at least one passage they cite. Sentences
  without a citation count against it: an uncited claim is not a supported one.
* **Refusal precision / recall**: the positive class is "unanswerable"; a prediction is positive
  when the assistant refused.
* **Clean answer**: 1 when an answer (not a refusal) holds no running header/footer and no
  flattened table (``evals/answer_checks.py``), else 0.
* **Answer words p50**: median word count of the non-refused answers to factual and numeric
  questions (a briefing wants the fact, not a page).
* **Latency**: wall-clock milliseconds per scored question (the last turn of a conversation);
  p50 and p95 with linear interpolation.

Unanswerable questions count only for the refusal metrics (and latency); answerable ones count for
everything else. A metric that is undefined for a question (no citations to judge) is ``None`` and
left out of that metric's mean rather than scored zero.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np
from pydantic import BaseModel, Field

from assistant.answer import PART_LABEL, cited_numbers, split_sentences, strip_citations
from evals.ranking import hit_at_k, mrr_at_k, ndcg_at_k, recall_at_k

T = TypeVar("T")

BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 20171116  # fixed: the same results always give the same intervals

MEAN_METRICS = ("hit_at_k", "recall_at_k", "mrr_at_10", "ndcg_at_10", "key_fact_recall", "citation_precision", "citation_support",
                "clean_answer")
WORD_COUNT_CATEGORIES = ("factual", "numeric")


# ---------------------------------------------------------------- retrieval
def rank_documents(sources: Sequence[str]) -> list[str]:
    """Passage sources in rank order -> unique documents in order of first appearance."""
    seen: list[str] = []
    for s in sources:
        if s not in seen:
            seen.append(s)
    return seen


def retrieval_scores(top_k_docs: Sequence[str], deep_docs: Sequence[str], relevant: Sequence[str]) -> dict[str, float]:
    """Document-level hit@k / recall@k over the answerer's passages, MRR@10 / nDCG@10 over a deeper list."""
    gains: Mapping[str, float] = {r: 1.0 for r in relevant}
    k = len(top_k_docs)
    return {
        "hit_at_k": hit_at_k(top_k_docs, gains, k),
        "recall_at_k": recall_at_k(top_k_docs, gains, k),
        "mrr_at_10": mrr_at_k(deep_docs, gains, 10),
        "ndcg_at_10": ndcg_at_k(deep_docs, gains, 10),
    }


# ---------------------------------------------------------------- key facts


def normalise(text: str) -> str:
    """Lower case, one space, straight quotes, ``%`` spelt ``per cent``, citations removed.

    Why: the corpus writes "47 per cent" in prose and "47%" in tables; key facts should not have
    to list both.
    """
    text = strip_citations(text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ").replace("\u2212", "-")
    text = re.sub(r"\s*%", " per cent", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def states(answer: str, phrasing: str) -> bool:
    """Does the answer state this phrasing?

    A phrasing starting with ``re:`` is a case-insensitive regular expression searched in the
    normalised answer. Any other phrasing is literal text matched case-insensitively after the
    same normalisation, and only on word boundaries, so "9 per cent" does not match "49 per cent"
    and "984" does not match "1984".
    """
    text = normalise(answer)
    if phrasing.startswith("re:"):
        return re.search(phrasing[3:], text, re.I) is not None
    needle = normalise(phrasing)
    if not needle:
        return False
    left = r"(?<![\w.,])" if re.match(r"\w", needle) else ""
    right = r"(?![\w]|[.,]\d)" if re.search(r"\w$", needle) else ""
    return re.search(left + re.escape(needle) + right, text) is not None


def key_fact_recall(answer: str, key_facts: Sequence[Sequence[str]]) -> float | None:
    """Share of facts stated by at least one of their phrasings; None when there are no facts."""
    if not key_facts:
        return None
    return sum(any(states(answer, p) for p in fact) for fact in key_facts) / len(key_facts)


# ---------------------------------------------------------------- citations
def citation_precision(cited_sources: Sequence[str], relevant: Sequence[str]) -> float | None:
    """Share of citations (one per [n] source) whose document is relevant; None without citations."""
    if not cited_sources:
        return None
    wanted = set(relevant)
    return sum(s in wanted for s in cited_sources) / len(cited_sources)


def citation_support(answer: str, cited_texts: Mapping[int, str], supports: Callable[[str, str], bool]) -> float | None:
    """Share of answer sentences that carry a citation and are supported by a passage they cite.

    ``cited_texts[n]`` is the text behind citation ``[n]``; ``supports(sentence, text)`` is
    ``GroundingGuard.supports``. A sentence citing only numbers that are not in ``cited_texts``
    is unsupported. None when the answer has no sentences.
    """
    sentences = split_sentences(answer)
    if not sentences:
        return None
    supported = 0
    for sentence in sentences:
        texts = [cited_texts[n] for n in cited_numbers(sentence) if n in cited_texts]
        claim = PART_LABEL.sub("", sentence)  # "**<document title>:** ..." says where the claim after it comes from
        if any(supports(claim, t) for t in texts):
            supported += 1
    return supported / len(sentences)


# ---------------------------------------------------------------- refusal and latency
def refusal_precision(unanswerable: Sequence[bool], refused: Sequence[bool]) -> float | None:
    """TP / (TP + FP) with "unanswerable" as the positive class; None when nothing was refused."""
    predicted = sum(refused)
    if predicted == 0:
        return None
    return sum(u and r for u, r in zip(unanswerable, refused)) / predicted


def refusal_recall(unanswerable: Sequence[bool], refused: Sequence[bool]) -> float | None:
    """TP / (TP + FN); None when no question is unanswerable."""
    positives = sum(unanswerable)
    if positives == 0:
        return None
    return sum(u and r for u, r in zip(unanswerable, refused)) / positives


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100), linear interpolation between order statistics."""
    if not values:
        return None
    return float(np.percentile(np.asarray(values, dtype=float), q))


# ---------------------------------------------------------------- aggregates
class Aggregate(BaseModel):
    """A point estimate with its bootstrap 95% interval over ``n`` questions (None = undefined)."""

    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int = 0


class Scored(BaseModel):
    """What aggregation needs from one question's result."""

    id: str
    category: str
    answerable: bool
    refused: bool
    latency_ms: float
    scores: dict[str, float | None] = Field(default_factory=dict)


def bootstrap_ci(items: Sequence[T], statistic: Callable[[Sequence[T]], float | None], samples: int = BOOTSTRAP_SAMPLES,
                 seed: int = BOOTSTRAP_SEED, level: float = 0.95) -> tuple[float | None, float | None]:
    """Percentile bootstrap: resample the questions with replacement ``samples`` times.

    Resamples where the statistic is undefined (None) are skipped. Fixed seed, so a report is
    reproducible and a baseline comparison is not noise from the interval itself.
    """
    if not items:
        return None, None
    rng = np.random.default_rng(seed)
    n = len(items)
    values = []
    for _ in range(samples):
        picked = [items[i] for i in rng.integers(0, n, size=n)]
        v = statistic(picked)
        if v is not None and not math.isnan(v):
            values.append(v)
    if not values:
        return None, None
    tail = (1 - level) / 2 * 100
    return float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail))


def mean(values: Sequence[float]) -> float | None:
    return float(sum(values) / len(values)) if values else None


def aggregate(rows: Sequence[Scored], samples: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED) -> dict[str, Aggregate]:
    """Every suite-level metric with its interval; see the module docstring for who counts where."""
    out: dict[str, Aggregate] = {}
    answerable = [r for r in rows if r.answerable]
    for name in MEAN_METRICS:
        values = [r.scores.get(name) for r in answerable]
        defined = [v for v in values if v is not None]
        lo, hi = bootstrap_ci(defined, mean, samples, seed)
        out[name] = Aggregate(value=mean(defined), ci_low=lo, ci_high=hi, n=len(defined))
    pairs = [(not r.answerable, r.refused) for r in rows]
    for name, fn in (("refusal_precision", refusal_precision), ("refusal_recall", refusal_recall)):
        def stat(ps: Sequence[tuple[bool, bool]], fn: Callable[..., Any] = fn) -> float | None:
            return fn([p[0] for p in ps], [p[1] for p in ps])
        lo, hi = bootstrap_ci(pairs, stat, samples, seed)
        n = sum(r for _, r in pairs) if name == "refusal_precision" else sum(u for u, _ in pairs)
        out[name] = Aggregate(value=stat(pairs), ci_low=lo, ci_high=hi, n=n)
    words = [r.scores["answer_words"] for r in answerable
             if r.category in WORD_COUNT_CATEGORIES and r.scores.get("answer_words") is not None]
    lo, hi = bootstrap_ci(words, lambda xs: percentile(xs, 50), samples, seed)
    out["answer_words_p50"] = Aggregate(value=percentile(words, 50), ci_low=lo, ci_high=hi, n=len(words))
    latencies = [r.latency_ms for r in rows]
    for name, q in (("latency_p50_ms", 50), ("latency_p95_ms", 95)):
        lo, hi = bootstrap_ci(latencies, lambda xs, q=q: percentile(xs, q), samples, seed)
        out[name] = Aggregate(value=percentile(latencies, q), ci_low=lo, ci_high=hi, n=len(latencies))
    return out


def by_category(rows: Sequence[Scored], samples: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED) -> dict[str, dict[str, Aggregate]]:
    """The same aggregates within each category (in first-seen order)."""
    cats: list[str] = rank_documents([r.category for r in rows])
    return {c: aggregate([r for r in rows if r.category == c], samples, seed) for c in cats}


def refusal_sweep(rows: Sequence[tuple[bool, float, bool]], thresholds: Sequence[float]) -> list[dict[str, float | None]]:
    """Refusal metrics had the threshold been different, from one run's recorded ``best_dense``.

    ``rows`` are ``(unanswerable, best_dense, refused_for_other_reason)``; the assistant refuses when
    ``best_dense < threshold`` (chain.py), or for another reason (no passages, no citations) that
    does not depend on the threshold.
    """
    out = []
    for t in thresholds:
        gold = [u for u, _, _ in rows]
        pred = [d < t or other for _, d, other in rows]
        p, r = refusal_precision(gold, pred), refusal_recall(gold, pred)
        f1 = 2 * p * r / (p + r) if p and r else 0.0
        wrongly = sum(pr and not g for g, pr in zip(gold, pred))
        out.append({"threshold": t, "refusal_precision": p, "refusal_recall": r, "refusal_f1": f1, "answerable_refused": wrongly})
    return out

"""Every eval metric against values computed by hand; no model or index needed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from assistant.guard import GroundingGuard
from evals.metrics import (Scored, aggregate, bootstrap_ci, by_category, citation_precision, citation_support,
                           key_fact_recall, normalise, percentile, rank_documents, refusal_precision, refusal_recall,
                           refusal_sweep, retrieval_scores, states)


# ---------------------------------------------------------------- retrieval at document level
def test_rank_documents_keeps_first_appearance():
    assert rank_documents(["a.pdf", "b.md", "a.pdf", "c.txt", "b.md"]) == ["a.pdf", "b.md", "c.txt"]


def test_retrieval_scores_by_hand():
    # top-k documents: b (irrelevant), a (relevant); deeper list adds c (relevant) at rank 3
    s = retrieval_scores(["b", "a"], ["b", "a", "c"], ["a", "c"])
    assert s["hit_at_k"] == 1.0
    assert s["recall_at_k"] == 0.5  # a found, c not among the top-k documents
    assert s["mrr_at_10"] == 0.5  # first relevant at rank 2
    dcg = 1 / math.log2(3) + 1 / math.log2(4)
    idcg = 1 / math.log2(2) + 1 / math.log2(3)
    assert s["ndcg_at_10"] == pytest.approx(dcg / idcg)


def test_retrieval_scores_miss():
    s = retrieval_scores(["x"], ["x", "y"], ["a"])
    assert s == {"hit_at_k": 0.0, "recall_at_k": 0.0, "mrr_at_10": 0.0, "ndcg_at_10": 0.0}


# ---------------------------------------------------------------- key facts
def test_normalise_spells_percent_and_strips_citations():
    assert normalise("Nearly half (47%) said so [1, 2].") == "nearly half (47 per cent) said so ."


@pytest.mark.parametrize("answer, phrasing, expected", [
    ("984 completed responses [1].", "984", True),
    ("In 1984 nothing happened.", "984", False),  # no match inside a longer number
    ("49 per cent rated it highly", "9 per cent", False),  # word boundary on the left
    ("47% said culture", "47 per cent", True),  # % == per cent
    ("1,052 people started", "1,052", True),
    ("1,052 people started", "052", False),
    ("margin of 3.1 points", "3.1", True),
    ("margin of 3.14 points", "3.1", False),
    ("Published 16 November 2017.", "16 november 2017", True),  # case-insensitive
    ("contacts of PSB member companies", "re:member compan", True),
    ("contacts of PSB member companies", "member compan", False),  # literal text is whole words
    ("No response rate can be calculated", "re:no response rate|cannot be calculated", True),
    ("techUK’s own channels", "re:techuk.{0,3}s own", True),  # curly apostrophe straightened
])
def test_states(answer, phrasing, expected):
    assert states(answer, phrasing) is expected


def test_key_fact_recall_counts_a_fact_once_any_phrasing_matches():
    facts = [["984", "nearly 1,000"], ["43"], ["27 questions"]]
    assert key_fact_recall("Nearly 1,000 people from 43 organisations.", facts) == pytest.approx(2 / 3)
    assert key_fact_recall("", facts) == 0.0
    assert key_fact_recall("anything", []) is None


# ---------------------------------------------------------------- citations
def test_citation_precision():
    assert citation_precision(["a.pdf", "b.md", "a.pdf", "c.txt"], ["a.pdf", "c.txt"]) == 0.75
    assert citation_precision([], ["a.pdf"]) is None


GUARD = GroundingGuard(embedder=None)  # coverage only: the definition without the embedding fallback


def test_citation_support_definition_by_hand():
    cited = {
        1: "Nearly half of respondents (47 per cent) said internal culture is a barrier to digital technology.",
        2: "The survey ran between 3 July and 8 September 2017.",
    }
    answer = (
        "Internal culture is a barrier for 47 per cent of respondents [1]. "  # supported by [1]
        "The survey ran from July to September 2017 [2]. "  # supported by [2]
        "Respondents love their laptops and tablets [1]. "  # cited, but [1] does not support it
        "Culture is a barrier for nearly half."  # no citation: counts against support
    )
    assert citation_support(answer, cited, GUARD.supports) == pytest.approx(2 / 4)


def test_citation_support_any_cited_passage_may_support_and_unknown_numbers_do_not():
    cited = {1: "Unrelated text about platforms.", 2: "Only 31 per cent knew where to find guidance on data sharing."}
    assert citation_support("Only 31 per cent knew where to find data sharing guidance [1, 2].", cited, GUARD.supports) == 1.0
    assert citation_support("Only 31 per cent knew where to find data sharing guidance [3].", cited, GUARD.supports) == 0.0
    assert citation_support("", cited, GUARD.supports) is None


def test_a_parts_label_naming_its_document_is_not_part_of_the_claim():
    cited = {1: "Priya Raman will oversee the shared data dictionary."}
    labelled = "**Lighter Returns: How UK Regulators Collect Data from the Bodies They Regulate:** Priya Raman will oversee the shared data dictionary [1]."
    assert citation_support(labelled, cited, GUARD.supports) == 1.0
    assert citation_support("**2025:** Councils spent £4 million on school laptops [1].", cited, GUARD.supports) == 0.0  # still a claim


def test_citation_support_uses_the_guard_threshold_exactly():
    # 4 content words in the sentence; the passage holds 2 of them: coverage 0.5 == the guard's minimum
    passage = "apples and pears"
    assert citation_support("Apples pears bananas cherries [1].", {1: passage}, GUARD.supports) == 1.0
    assert citation_support("Apples bananas cherries grapes [1].", {1: passage}, GUARD.supports) == 0.0


def test_citation_support_embedding_fallback():
    class Parallel:
        """Every text gets the same unit vector: cosine 1.0, above the guard's 0.6."""

        def embed(self, texts):
            return [[1.0, 0.0] for _ in texts]

    guard = GroundingGuard(embedder=Parallel())
    assert citation_support("Completely different words here [1].", {1: "nothing in common"}, guard.supports) == 1.0


# ---------------------------------------------------------------- refusal and latency
def test_refusal_precision_and_recall_by_hand():
    unanswerable = [True, True, True, False, False, False]
    refused = [True, False, False, True, False, False]
    assert refusal_precision(unanswerable, refused) == 0.5  # 1 TP, 1 FP
    assert refusal_recall(unanswerable, refused) == pytest.approx(1 / 3)  # 1 of 3 unanswerable refused
    assert refusal_precision([True], [False]) is None  # nothing refused: undefined
    assert refusal_recall([False], [True]) is None  # no unanswerable questions


def test_percentile_interpolates():
    assert percentile([10, 20, 30, 40], 50) == 25.0
    assert percentile([10, 20, 30, 40], 95) == pytest.approx(30 + 0.85 * 10)  # rank 0.95 * 3 = 2.85
    assert percentile([], 50) is None


# ---------------------------------------------------------------- bootstrap and aggregates
def test_bootstrap_ci_is_reproducible_and_brackets_the_mean():
    values = [0.0, 1.0] * 20
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    lo, hi = bootstrap_ci(values, mean, samples=2000, seed=7)
    assert (lo, hi) == bootstrap_ci(values, mean, samples=2000, seed=7)
    assert lo < 0.5 < hi
    # the normal approximation: half-width ~ 1.96 * sqrt(0.25 / 40) = 0.155
    assert hi - lo == pytest.approx(2 * 1.96 * math.sqrt(0.25 / 40), abs=0.05)


def test_bootstrap_ci_degenerate_cases():
    assert bootstrap_ci([1.0] * 10, lambda xs: float(np.mean(xs))) == (1.0, 1.0)
    assert bootstrap_ci([], lambda xs: 0.0) == (None, None)
    assert bootstrap_ci([1, 2], lambda xs: None) == (None, None)


def _row(id, category, answerable, refused, latency, **scores):
    return Scored(id=id, category=category, answerable=answerable, refused=refused, latency_ms=latency, scores=scores)


def test_aggregate_by_hand():
    rows = [
        _row("a", "numeric", True, False, 100, hit_at_k=1.0, key_fact_recall=1.0, citation_precision=1.0, citation_support=1.0),
        _row("b", "numeric", True, False, 200, hit_at_k=0.0, key_fact_recall=0.5, citation_precision=None, citation_support=None),
        _row("c", "unanswerable", False, True, 300),
        _row("d", "unanswerable", False, False, 400),
    ]
    agg = aggregate(rows, samples=200)
    assert agg["hit_at_k"].value == 0.5 and agg["hit_at_k"].n == 2  # unanswerable questions excluded
    assert agg["key_fact_recall"].value == 0.75
    assert agg["citation_precision"].value == 1.0 and agg["citation_precision"].n == 1  # None left out, not zero
    assert agg["refusal_precision"].value == 1.0 and agg["refusal_recall"].value == 0.5
    assert agg["latency_p50_ms"].value == 250.0 and agg["latency_p50_ms"].n == 4
    assert agg["recall_at_k"].value is None and agg["recall_at_k"].ci_low is None  # never measured
    for a in agg.values():
        if a.value is not None and a.ci_low is not None:
            assert a.ci_low <= a.value + 1e-9 and a.value - 1e-9 <= a.ci_high
    cats = by_category(rows, samples=50)
    assert list(cats) == ["numeric", "unanswerable"]
    assert cats["unanswerable"]["refusal_recall"].value == 0.5
    assert cats["numeric"]["refusal_recall"].value is None


def test_refusal_sweep_replays_the_threshold():
    rows = [(True, 0.20, False), (True, 0.45, False), (False, 0.40, False), (False, 0.70, True)]
    sweep = {r["threshold"]: r for r in refusal_sweep(rows, [0.1, 0.3, 0.5])}
    assert sweep[0.1]["refusal_recall"] == 0.0 and sweep[0.1]["refusal_precision"] == 0.0  # only the other-reason refusal
    assert sweep[0.3]["refusal_recall"] == 0.5 and sweep[0.3]["refusal_precision"] == 0.5
    assert sweep[0.5]["refusal_recall"] == 1.0 and sweep[0.5]["answerable_refused"] == 2

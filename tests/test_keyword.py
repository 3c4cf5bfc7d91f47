"""The BM25 keyword index: hand-computed scores, tunable k1/b, incremental updates, migration."""

from __future__ import annotations

import math
import sqlite3

import pytest

from indexing.keyword import Analyser, BM25Params, KeywordIndex

PLAIN = Analyser(stem=False, stop_words="none")  # terms are the words, so the arithmetic is readable
DOCS = {
    "d1": "apple banana apple",  # 3 terms
    "d2": "banana cherry",  # 2 terms
    "d3": "cherry cherry cherry date",  # 4 terms; average length 3
}


def _index(tmp_path, params: BM25Params | None = None) -> KeywordIndex:
    index = KeywordIndex(tmp_path / "kw.sqlite", PLAIN, params or BM25Params(heading_weight=0.0))
    for doc_id, text in DOCS.items():
        index.add_document(doc_id, [(f"{doc_id}:00000", "", text)])
    return index


def _bm25(tf: int, length: int, avg: float, df: int, n: int, k1: float = 1.2, b: float = 0.75) -> float:
    """Written out independently of the module: Lucene idf, classic tf saturation."""
    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
    return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg))


def test_single_term_score_matches_hand_computation(tmp_path):
    hits = _index(tmp_path).search("apple", 10)
    # idf = ln(1 + 2.5/1.5) = 0.98083; d1 has average length so the norm is 1: 0.98083 * 2 * 2.2 / 3.2
    assert [cid for cid, _ in hits] == ["d1:00000"]
    assert hits[0][1] == pytest.approx(1.348641, abs=1e-5)
    assert hits[0][1] == pytest.approx(_bm25(2, 3, 3.0, 1, 3))


def test_two_terms_rank_and_scores(tmp_path):
    hits = dict(_index(tmp_path).search("banana cherry", 10))
    # idf(banana) = idf(cherry) = ln(1.6) = 0.470004
    assert hits["d2:00000"] == pytest.approx(2 * 0.470004 * 2.2 / (1 + 1.2 * 0.75), abs=1e-5)  # 1.088431
    assert hits["d3:00000"] == pytest.approx(0.470004 * 3 * 2.2 / (3 + 1.2 * 1.25), abs=1e-5)  # 0.689339
    assert hits["d1:00000"] == pytest.approx(0.470004, abs=1e-5)  # tf 1 at average length
    assert sorted(hits, key=hits.get, reverse=True) == ["d2:00000", "d3:00000", "d1:00000"]


def test_k1_and_b_change_scores_without_reindexing(tmp_path):
    _index(tmp_path)
    flat = KeywordIndex(tmp_path / "kw.sqlite", PLAIN, BM25Params(k1=2.0, b=0.0, heading_weight=0.0))
    score = dict(flat.search("cherry", 10))["d3:00000"]
    assert score == pytest.approx(_bm25(3, 4, 3.0, 2, 3, k1=2.0, b=0.0))
    assert score == pytest.approx(math.log(1.6) * 3 * 3.0 / (3 + 2.0), abs=1e-9)


def test_heading_words_count_with_their_weight(tmp_path):
    index = KeywordIndex(tmp_path / "kw.sqlite", PLAIN, BM25Params(k1=1.2, b=0.0, heading_weight=0.5))
    index.add_document("a", [("a:00000", "kiwi", "plain words here")])
    index.add_document("b", [("b:00000", "", "kiwi words here")])
    index.add_document("c", [("c:00000", "", "nothing else here")])
    hits = dict(index.search("kiwi", 10))
    idf = math.log(1 + 1.5 / 2.5)
    assert hits["a:00000"] == pytest.approx(idf * 0.5 * 2.2 / (0.5 + 1.2))
    assert hits["b:00000"] == pytest.approx(idf * 1 * 2.2 / (1 + 1.2))
    assert dict(index.search("kiwi", 10, heading_weight=0.0)).keys() == {"b:00000"}


def test_add_and_remove_are_incremental(tmp_path):
    index = _index(tmp_path)
    index.remove_document("d1")
    assert index.doc_ids() == {"d2", "d3"}
    assert index.search("apple", 10) == []
    # statistics follow at once: N = 2, average length 3, df(banana) = 1
    assert dict(index.search("banana", 10))["d2:00000"] == pytest.approx(_bm25(1, 2, 3.0, 1, 2))
    index.add_document("d2", [("d2:00000", "", "banana banana")])  # replaces the earlier copy
    assert dict(index.search("banana", 10))["d2:00000"] == pytest.approx(_bm25(2, 2, 3.0, 1, 2))
    assert index.search("cherry", 10)[0][0] == "d3:00000" and len(index.search("cherry", 10)) == 1


def test_default_analyser_stems_and_drops_stop_words(tmp_path):
    index = KeywordIndex(tmp_path / "kw.sqlite")
    index.add_document("x", [("x:00000", "", "The recommendations were recommended")])
    assert [c for c, _ in index.search("recommend", 5)] == ["x:00000"]
    assert index.search("the were", 5) == []


def test_a_different_analyser_empties_the_file_and_none_adopts_it(tmp_path):
    _index(tmp_path)
    assert KeywordIndex(tmp_path / "kw.sqlite").doc_ids() == set(DOCS)  # adopts the stored analyser
    assert KeywordIndex(tmp_path / "kw.sqlite", Analyser()).doc_ids() == set()  # stored terms unusable


def test_an_old_fts5_file_is_replaced(tmp_path):
    path = tmp_path / "kw.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE VIRTUAL TABLE passages USING fts5(chunk_id UNINDEXED, doc_id UNINDEXED, heading, body)")
        conn.execute("CREATE TABLE docs (doc_id TEXT PRIMARY KEY)")
        conn.execute("INSERT INTO docs VALUES ('old')")
    index = KeywordIndex(path)
    assert index.doc_ids() == set()  # emptied, so sync_from_store refills it from Chroma
    index.add_document("n", [("n:00000", "", "fresh text")])
    assert index.search("fresh", 3)[0][0] == "n:00000"


def test_fusion_methods_hand_computed():
    """Keyword scores feed fusion; both methods checked on two short rankings."""
    from assistant.retrieval import fuse

    dense = [("a", 0.9), ("b", 0.5), ("c", 0.1)]
    keyword = [("b", 12.0), ("d", 4.0)]
    rrf = fuse(dense, keyword, 0.6, "rrf", rrf_k=10)
    assert rrf["a"] == pytest.approx(0.6 / 11)
    assert rrf["b"] == pytest.approx(0.6 / 12 + 0.4 / 11)
    assert rrf["d"] == pytest.approx(0.4 / 12)
    score = fuse(dense, keyword, 0.6, "score")
    assert score == pytest.approx({"a": 0.6, "b": 0.6 * 0.5 + 0.4, "c": 0.0, "d": 0.0})
    assert fuse(dense, [], 0.6, "score")["a"] == pytest.approx(1.0)  # a lone side gets all the weight


def test_filters_apply_inside_the_search_so_k_filtered_hits_come_back(tmp_path):
    from indexing.keyword import KeywordFilter

    index = KeywordIndex(tmp_path / "kw.sqlite", PLAIN, BM25Params(heading_weight=0.0))
    for i in range(30):  # 30 strong "report" matches would crowd out the one guidance chunk after the fact
        index.add_document(f"r{i}", [(f"r{i}:00000", "", "budget budget budget")], doc_type="report", day=20200101)
    index.add_document("g", [("g:00000", "", "budget and other words")], doc_type="guidance", day=0)
    assert [c for c, _ in index.search("budget", 5, where=KeywordFilter(types=("guidance",)))] == ["g:00000"]
    assert len(index.search("budget", 5, where=KeywordFilter(doc_ids=("r3", "g")))) == 2
    assert [c for c, _ in index.search("budget", 40, where=KeywordFilter(day_to=20991231))] == sorted(f"r{i}:00000" for i in range(30))
    assert index.search("budget", 5, where=KeywordFilter(day_from=20210101)) == []
    index.set_metadata("g", "report", 20250101)
    assert [c for c, _ in index.search("budget", 5, where=KeywordFilter(day_from=20210101))] == ["g:00000"]


def test_documents_not_yet_ready_are_not_searched(tmp_path):
    index = KeywordIndex(tmp_path / "kw.sqlite", PLAIN)
    index.add_document("a", [("a:00000", "", "kiwi")], ready=False)
    assert index.search("kiwi", 5) == [] and not index.is_ready("a") and index.ready_count == 0
    index.mark_ready("a")
    assert index.search("kiwi", 5)[0][0] == "a:00000" and index.is_ready("a") and index.ready_count == 1


def test_another_process_writes_reach_a_loaded_index_through_the_change_log(tmp_path):
    reader = _index(tmp_path)
    assert reader.search("apple", 5)  # loaded into memory now
    writer = KeywordIndex(tmp_path / "kw.sqlite", PLAIN)  # stands for another process: its own matrix
    writer.add_document("d4", [("d4:00000", "", "apple pie")])
    writer.remove_document("d1")
    assert [c for c, _ in reader.search("apple", 5)] == ["d1:00000"]  # not yet: nothing runs per question
    assert reader.catch_up() == 2
    assert [c for c, _ in reader.search("apple", 5)] == ["d4:00000"]
    # statistics follow: N = 3 (d2, d3, d4), average length (2 + 4 + 2) / 3
    assert dict(reader.search("apple", 5))["d4:00000"] == pytest.approx(_bm25(1, 2, 8 / 3, 1, 3))


def test_scores_survive_the_merge_of_many_documents_and_a_reload(tmp_path):
    """Enough postings to fold the tail into the sorted base; a fresh open must rank identically."""
    import random

    rng = random.Random(7)
    words = [f"w{i}" for i in range(400)]
    index = KeywordIndex(tmp_path / "kw.sqlite", PLAIN, BM25Params(k1=0.9, b=0.4, heading_weight=2.0))
    index.search("w1", 1)  # load the (empty) matrix first, so every write below goes through the tail
    for d in range(700):
        index.add_document(f"d{d}", [(f"d{d}:{c:05d}", rng.choice(words), " ".join(rng.choices(words, k=60))) for c in range(3)])
    for d in range(0, 700, 7):
        index.remove_document(f"d{d}")
    assert index.matrix._tail_size < 50_000 and len(index.matrix._base.rows) > 0  # merged at least once
    fresh = KeywordIndex(tmp_path / "kw.sqlite", PLAIN, BM25Params(k1=0.9, b=0.4, heading_weight=2.0))
    for query in ("w1 w2", "w17", "w399 w5 w6"):
        live, reloaded = index.search(query, 20), fresh.search(query, 20)
        assert [c for c, _ in live] == [c for c, _ in reloaded]
        assert [s for _, s in live] == pytest.approx([s for _, s in reloaded])
        assert not any(c.startswith("d7:") or c.startswith("d0:") for c, _ in live)


def test_the_ready_set_is_built_once_per_change(tmp_path):
    """Questions read it (the vocabulary's and title index's version): no rebuild per call."""
    index = _index(tmp_path)
    first = index.ready_documents()
    assert first == {"d1", "d2", "d3"} and index.ready_documents() is first
    index.add_document("d4", [("d4:00000", "", "elderberry")], ready=False)
    assert index.ready_documents() == {"d1", "d2", "d3"}
    index.mark_ready("d4")
    index.remove_document("d1")
    assert index.ready_documents() == {"d2", "d3", "d4"}

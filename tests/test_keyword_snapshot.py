"""The keyword matrix snapshot: written, reopened with identical results, and never trusted when stale.

SQLite rows are the source of truth; the snapshot (``keyword.sqlite.snapshot``) only saves the
sort on open. Every test compares against a matrix built from the rows alone.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from indexing.bm25 import BM25Params, KeywordFilter, PostingsMatrix, SnapshotError
from indexing.keyword import Analyser, KeywordIndex

REPO = Path(__file__).resolve().parent.parent
PLAIN = Analyser(stem=False, stop_words="none")
PARAMS = BM25Params(k1=0.9, b=0.4, heading_weight=2.0)
WORDS = [f"w{i}" for i in range(300)]
QUERIES = ("w1 w2", "w17", "w299 w5 w6", "w0 w3 w10 w11")
TYPES = ("report", "insight", "blog")


def _fill(index: KeywordIndex, first: int, last: int, seed: int = 7) -> None:
    rng = random.Random(seed + first)
    index.add_documents([(f"d{d}", [(f"d{d}:{c:05d}", rng.choice(WORDS), " ".join(rng.choices(WORDS, k=40))) for c in range(2)],
                          TYPES[d % 3], 20150101 + d) for d in range(first, last)])


def _open(path: Path) -> KeywordIndex:
    index = KeywordIndex(path, PLAIN, PARAMS)
    index.matrix  # noqa: B018 - load now, so opened_from says how
    return index


def _from_rows(path: Path, tmp_path: Path) -> KeywordIndex:
    """The reference: the same rows opened with no snapshot beside them."""
    copy = tmp_path / "reference" / path.name
    copy.parent.mkdir(exist_ok=True)
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # WAL contents included
    index = _open(copy)
    assert index.opened_from == "rows"
    return index


def _results(index: KeywordIndex) -> list:
    where = (None, KeywordFilter(types=("report",)), KeywordFilter(day_from=20150200), KeywordFilter(doc_ids=("d3", "d40")))
    return [index.search(q, 25, where=w) for q in QUERIES for w in where]


def _assert_same(a: KeywordIndex, b: KeywordIndex) -> None:
    for left, right in zip(_results(a), _results(b), strict=True):
        assert [c for c, _ in left] == [c for c, _ in right]
        assert [s for _, s in left] == pytest.approx([s for _, s in right], rel=1e-12)
    assert a.ready_documents() == b.ready_documents() and a.ready_count == b.ready_count
    assert a.matrix.n_live == b.matrix.n_live


@pytest.fixture
def path(tmp_path) -> Path:
    path = tmp_path / "kw.sqlite"
    _fill(KeywordIndex(path, PLAIN, PARAMS), 0, 120)
    return path


def test_first_open_writes_a_snapshot_and_the_next_open_uses_it(path, tmp_path):
    first = _open(path)
    assert first.opened_from == "rows" and first.snapshot_path.exists()
    second = _open(path)
    assert second.opened_from == "snapshot"
    _assert_same(second, first)
    _assert_same(second, _from_rows(path, tmp_path))


def test_writes_after_the_snapshot_are_replayed_from_the_log(path, tmp_path):
    _open(path)  # snapshot at this point
    writer = KeywordIndex(path, PLAIN, PARAMS)
    _fill(writer, 120, 140, seed=3)
    writer.remove_document("d5")
    writer.add_document("d6", [("d6:00000", "w1", "w1 w1 w2 replaced text")], doc_type="blog", day=20200101)
    writer.add_document("pending", [("pending:00000", "", "w1 w2 w17")], ready=False)
    writer.set_metadata("d7", "report", 20240101)
    reopened = _open(path)
    assert reopened.opened_from == "snapshot"
    assert not any(c.startswith(("d5:", "pending:")) for r in _results(reopened) for c, _ in r)
    assert [c for c, _ in reopened.search("replaced", 5)] == ["d6:00000"]
    _assert_same(reopened, _from_rows(path, tmp_path))


def test_an_open_that_replays_a_long_log_writes_a_fresh_snapshot(path, tmp_path):
    _open(path)
    writer = KeywordIndex(path, PLAIN, PARAMS)
    for d in range(300):  # one log entry each: more than an open should replay twice
        writer.mark_ready(f"d{d % 120}")
        writer.set_metadata(f"d{d % 120}", "report", 20200101)
    _, before = PostingsMatrix.load_snapshot(path.with_name(path.name + ".snapshot"))
    reopened = _open(path)
    _, after = PostingsMatrix.load_snapshot(reopened.snapshot_path)
    assert after["seq"] > before["seq"] and after["seq"] == reopened._seen
    _assert_same(_open(path), _from_rows(path, tmp_path))


def test_a_removed_document_stays_removed_after_reopen(path, tmp_path):
    index = _open(path)
    index.remove_document("d1")  # rows dead in memory, not yet merged away
    index.add_document("d2", [("d2:00000", "", "w1 w2 new copy")])  # a replaced document: old rows dead too
    index.matrix.save_snapshot(index.snapshot_path, _meta_of(index))  # a snapshot holding dead rows
    reopened = _open(path)
    assert reopened.opened_from == "snapshot"
    hits = [c for r in _results(reopened) for c, _ in r]
    assert not any(c.startswith("d1:") for c in hits) and "d2:00001" not in hits
    assert "d1" not in reopened.ready_documents() and not reopened.is_ready("d1")
    _assert_same(reopened, _from_rows(path, tmp_path))


def _meta_of(index: KeywordIndex) -> dict:
    """The header a snapshot of ``index`` at its current change gets (what the index itself writes)."""
    from indexing.keyword import _SCHEMA_VERSION

    return {"schema": _SCHEMA_VERSION, "analyser": index.analyser.signature, "instance": index._instance, "seq": index._seen}


def test_a_missing_snapshot_is_rebuilt(path, tmp_path):
    _open(path).snapshot_path.unlink()
    index = _open(path)
    assert index.opened_from == "rows" and index.snapshot_path.exists()
    assert _open(path).opened_from == "snapshot"


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "garbage", "empty"])
def test_a_corrupt_snapshot_is_ignored_and_rewritten(path, tmp_path, damage):
    snapshot = _open(path).snapshot_path
    data = bytearray(snapshot.read_bytes())
    if damage == "flip a byte":
        data[-100] ^= 0xFF  # inside the postings: only the checksum can tell
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = bytearray(b"not a snapshot at all" * 10)
    else:
        data = bytearray()
    snapshot.write_bytes(bytes(data))
    with pytest.raises(SnapshotError):
        PostingsMatrix.load_snapshot(snapshot)
    index = _open(path)
    assert index.opened_from == "rows"
    _assert_same(index, _from_rows(path, tmp_path))
    assert _open(path).opened_from == "snapshot"  # rewritten whole


def test_a_snapshot_of_another_file_or_analyser_or_a_later_change_is_not_used(path, tmp_path):
    snapshot = _open(path).snapshot_path
    saved = snapshot.read_bytes()
    # the file emptied and refilled (another analyser): a new instance, so the old snapshot is foreign
    KeywordIndex(path, Analyser()).add_document("x", [("x:00000", "", "other words")])
    snapshot.write_bytes(saved)
    index = KeywordIndex(path, Analyser())
    assert [c for c, _ in index.search("word", 5)] == ["x:00000"] and index.opened_from == "rows"
    # a snapshot claiming a change the file has not reached (say, the file was restored from a backup)
    ahead = {**_meta_of(index), "seq": index._seen + 10}
    index.matrix.save_snapshot(snapshot, ahead)
    reopened = KeywordIndex(path, Analyser())
    reopened.search("word", 1)
    assert reopened.opened_from == "rows"


def test_a_snapshot_left_beside_a_recreated_file_is_not_used(path, tmp_path):
    """Same analyser, and the new file's log has passed the snapshot's change: only the instance differs."""
    snapshot = _open(path).snapshot_path
    saved = snapshot.read_bytes()
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    _fill(KeywordIndex(path, PLAIN, PARAMS), 0, 200, seed=99)  # same ids, other words, a longer log
    snapshot.write_bytes(saved)
    index = _open(path)
    assert index.opened_from == "rows"
    _assert_same(index, _from_rows(path, tmp_path))


def test_a_cleared_index_is_not_resurrected_by_its_old_snapshot(path):
    _open(path)
    writer = KeywordIndex(path, PLAIN, PARAMS)
    writer.clear()
    writer.add_document("n", [("n:00000", "", "w1 fresh")])
    reopened = _open(path)
    assert [c for c, _ in reopened.search("w1", 50)] == ["n:00000"]
    assert reopened.ready_documents() == {"n"}


def test_another_process_writing_is_picked_up_by_catch_up_and_by_a_reopen(path, tmp_path):
    reader = _open(path)
    before = reader.generation
    code = ("import sys; from indexing.keyword import Analyser, KeywordIndex; "
            "i = KeywordIndex(sys.argv[1], Analyser(stem=False, stop_words='none')); "
            "i.add_document('far', [('far:00000', 'w1', 'w1 w2 written elsewhere')]); i.remove_document('d9')")
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=REPO, check=True, timeout=120)
    assert "far:00000" not in dict(reader.search("elsewhere", 5))  # nothing runs per question
    assert reader.catch_up() == 2 and reader.generation > before
    assert [c for c, _ in reader.search("elsewhere", 5)] == ["far:00000"]
    assert not any(c.startswith("d9:") for r in _results(reader) for c, _ in r)
    reference = _from_rows(path, tmp_path)
    _assert_same(reader, reference)
    _assert_same(_open(path), reference)


def test_the_change_log_is_pruned_and_a_reader_or_snapshot_behind_it_reloads_from_the_rows(path, tmp_path, monkeypatch):
    import indexing.keyword as keyword

    monkeypatch.setattr(keyword, "_LOG_KEEP", 20)
    monkeypatch.setattr(keyword, "_PRUNE_EVERY", 10)
    reader = _open(path)  # its matrix, and the snapshot it wrote, stop at the current entry
    writer = KeywordIndex(path, PLAIN, PARAMS)
    for first in range(200, 260, 4):
        _fill(writer, first, first + 4)
    writer.remove_document("d3")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM changes").fetchone()[0] <= 30  # 61 entries written since the open
    reference = _from_rows(path, tmp_path)
    reopened = _open(path)
    assert reopened.opened_from == "rows"  # the snapshot written at the first open is behind the log: not used
    _assert_same(reopened, reference)
    assert reader.catch_up() > 0  # the reader missed pruned entries: reloaded
    _assert_same(reader, reference)


def test_a_merge_rewrites_the_snapshot(tmp_path):
    path = tmp_path / "kw.sqlite"
    index = _open(path)  # empty: snapshot of nothing
    merges = index.matrix.merges
    for start in range(0, 1000, 100):  # 1,000 docs x 2 chunks x ~38 terms: past the 50k-posting tail limit
        _fill(index, start, start + 100)
    assert index.matrix.merges > merges
    _, meta = PostingsMatrix.load_snapshot(index.snapshot_path)
    assert meta["seq"] > 0  # rewritten after the merge (the first one was taken at change 0)
    reopened = _open(path)
    assert reopened.opened_from == "snapshot"
    _assert_same(reopened, _from_rows(path, tmp_path))


def test_matrix_round_trip_keeps_tail_dead_rows_unready_and_empty_documents(tmp_path):
    """The matrix alone: everything search and the ready list read survives save and load."""
    m = PostingsMatrix()

    def chunk(cid: str, terms: list[int], tfs: list[int]) -> tuple:
        return (cid, np.array(terms), np.zeros(len(terms), dtype=np.int32), np.array(tfs))

    m.add_many([("a", [chunk("a:0", [1, 2], [2, 1]), chunk("a:1", [2, 3], [1, 1])], "report", 20200101, True),
                ("b", [chunk("b:0", [1, 3], [1, 4])], "blog", 0, True)])
    m.add_document("c", [chunk("c:0", [1, 4], [3, 1])], "report", 20210101)  # in the tail
    m.add_document("u", [chunk("u:0", [1], [9])], "report", 20210101, ready=False)
    m.add_document("e", [], "other", 0)  # a document with no text still counts as held
    m.remove_document("b")
    path = tmp_path / "m.snapshot"
    m.save_snapshot(path, {"note": 1})
    loaded, meta = PostingsMatrix.load_snapshot(path)
    assert meta == {"note": 1}
    params = BM25Params()
    for terms in ([1], [2, 3], [1, 4], [3]):
        for where in (None, KeywordFilter(types=("report",)), KeywordFilter(day_to=20201231)):
            assert loaded.search(terms, 10, params, where) == m.search(terms, 10, params, where)
    assert loaded.ready_documents() == m.ready_documents() == {"a", "c", "e"}
    assert loaded.ready_count == m.ready_count and not loaded.is_ready("u") and not loaded.is_ready("b")
    assert (loaded.n_live, loaded.head_sum, loaded.body_sum) == (m.n_live, m.head_sum, m.body_sum)
    loaded.save_snapshot(tmp_path / "again.snapshot", {})  # its postings are still the mapped file's
    again, _ = PostingsMatrix.load_snapshot(tmp_path / "again.snapshot")
    assert again.search([1, 3], 10, params) == m.search([1, 3], 10, params)
    loaded.set_ready("u")  # the loaded copy stays writable where writes land
    loaded.add_document("f", [chunk("f:0", [1], [1])])
    assert "u:0" in dict(loaded.search([1], 10, params)) and "f:0" in dict(loaded.search([1], 10, params))


def test_k1_zero_and_a_heading_only_term_with_zero_heading_weight_score_cleanly():
    m = PostingsMatrix()
    m.add_document("a", [("a:0", np.array([1, 2]), np.array([1, 0]), np.array([0, 2]))])
    m.add_document("b", [("b:0", np.array([2]), np.array([0]), np.array([1]))])
    hits = m.search([1, 2], 5, BM25Params(k1=0.0, b=0.5, heading_weight=0.0))
    assert all(np.isfinite(s) for _, s in hits)
    # k1 = 0: a term counts its idf once, whatever its tf; term 1 (heading only, weight 0) counts nothing
    assert dict(hits) == pytest.approx({"a:0": np.log(1 + 0.5 / 2.5), "b:0": np.log(1 + 0.5 / 2.5)})


def test_rows_changed_without_a_log_entry_are_noticed_on_open(path, tmp_path):
    """Say, rows deleted by hand: the snapshot's counts no longer match the file, so it is not used."""
    _open(path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM passages WHERE doc_id IN ('d1', 'd2')")
    index = _open(path)
    assert index.opened_from == "rows"
    assert not any(c.startswith(("d1:", "d2:")) for r in _results(index) for c, _ in r)


def test_add_many_takes_the_last_copy_of_a_document_given_twice():
    m = PostingsMatrix()
    one = ("a:0", np.array([1]), np.array([0]), np.array([1]))
    two = ("a:0", np.array([2]), np.array([0]), np.array([3]))
    m.add_many([("a", [one], "report", 0, True), ("b", [("b:0", np.array([1]), np.array([0]), np.array([2]))], "blog", 0, True),
                ("a", [two], "report", 0, True)])
    assert m.n_live == 2 and m.body_sum == 5.0
    assert [c for c, _ in m.search([2], 5, BM25Params())] == ["a:0"]
    assert [c for c, _ in m.search([1], 5, BM25Params())] == ["b:0"]


def test_a_temp_file_left_by_a_killed_writer_is_removed_by_the_next_write(tmp_path):
    path = tmp_path / "m.snapshot"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    orphan = tmp_path / f"m.snapshot.{gone.stdout.strip()}.1.tmp"  # a process that has exited
    live = tmp_path / f"m.snapshot.{os.getpid()}.999.tmp"  # this process: maybe another thread's write in progress
    orphan.write_bytes(b"half a snapshot")
    live.write_bytes(b"in progress")
    PostingsMatrix().save_snapshot(path, {})
    assert not orphan.exists() and live.exists() and path.exists()

"""A `psb ingest` killed with SIGKILL leaves no partial document visible; the next run completes."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from assistant.services import chroma_location
from assistant.settings import Settings
from indexing.keyword import KeywordIndex
from indexing.store import READY, ChromaStore
from tests.conftest import CORPUS

PSB = [sys.executable, "-m", "assistant.cli"]


def _state(data_dir):
    """Read the store the way a fresh process would."""
    store = ChromaStore(chroma_location(Settings(data_dir=data_dir, _env_file=None)))
    ready = store.list_documents(READY)
    for d in ready:
        assert len(store.chunks_of(d.doc_id)) == d.chunks, f"{d.source} is visible but incomplete"
    return store, ready


def test_sigkill_during_ingest_then_rerun_is_consistent(tmp_path):
    env = dict(os.environ, PSB_DATA_DIR=str(tmp_path / "data"))
    interrupted = False
    for delay in (7.0, 9.0, 11.0):
        proc = subprocess.Popen([*PSB, "ingest", str(CORPUS)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            interrupted = True
        _, ready = _state(tmp_path / "data")
        if len(ready) < 7:
            break
    assert interrupted, "the ingest finished before it could be killed"

    out = subprocess.run([*PSB, "ingest", str(CORPUS), "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["failed"] == []
    store, ready = _state(tmp_path / "data")
    assert len(ready) == 9
    assert not store.list_documents("pending")
    assert len({d.source for d in ready}) == 9
    assert store.chunk_count() == sum(d.chunks for d in ready), "no orphaned chunks"
    assert KeywordIndex(tmp_path / "data" / "keyword.sqlite").doc_ids() == {d.doc_id for d in ready}
    register = sqlite3.connect(tmp_path / "data" / "recommendations.sqlite")
    assert {r[0] for r in register.execute("SELECT DISTINCT doc_id FROM recs")} <= {d.doc_id for d in ready}, "no orphan recommendations"
    assert register.execute("SELECT COUNT(*) FROM recs").fetchone()[0] == 32

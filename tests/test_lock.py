"""One writer at a time: across processes, and never behind a running server's back."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

import httpx
import pytest

from evals.loopback import wait_ready
from tests.serving import free_port
from assistant.settings import Settings
from indexing.lock import FileWriteLock, StoreLease, WriterBusyError, served_by
from tests.conftest import CORPUS_DOCUMENTS, REPO

NOTE = "# Quayside note\n\nThe Quayside pilot moved 19 licensing forms online in its first year.\n"
PSB = [sys.executable, "-m", "assistant.cli"]

_HOLD = """
import sys, time
from pathlib import Path
from indexing.lock import FileWriteLock
with FileWriteLock(Path(sys.argv[1])).hold("ingest big-report.pdf"):
    print("held", flush=True)
    time.sleep(120)
"""


def test_arguments_are_checked(tmp_path):
    with pytest.raises(ValueError):
        FileWriteLock(tmp_path / "w.lock", wait_s=-1)


def test_a_second_process_waits_for_the_write_lock_then_says_who_holds_it(make_services, tmp_path):
    services = make_services(Settings(data_dir=tmp_path / "data", _env_file=None))
    note = tmp_path / "quayside.md"
    note.write_text(NOTE, encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(tmp_path / "data" / "write.lock")], cwd=REPO,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        services.indexer.lock.wait_s = 0.5
        result = services.indexer.ingest_file(note)
        assert result.status == "failed" and f"pid {holder.pid}: ingest big-report.pdf" in result.error
        with pytest.raises(WriterBusyError, match="Try again when it has finished"):
            services.indexer.remove("0123456789abcdef")
    finally:
        holder.kill()
        holder.wait()
    assert services.indexer.ingest_file(note).status == "added", "the lock is free once its holder dies"


def test_psb_ingest_against_a_served_data_directory_is_refused_and_the_server_path_works(corpus_data_dir, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus_data_dir, data)
    note = tmp_path / "quayside.md"
    note.write_text(NOTE, encoding="utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PSB_")}
    server = subprocess.Popen([*PSB, "serve", "--port", str(port), "--data-dir", str(data)], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, server, timeout=240)
        assert served_by(data)["pid"] == server.pid
        cli = subprocess.run([*PSB, "ingest", str(note), "--data-dir", str(data)], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=300)
        assert cli.returncode == 1
        assert f"in use by `psb serve` (pid {server.pid}" in cli.stderr and f"{url}/api/documents" in cli.stderr
        with httpx.Client(base_url=url, timeout=120) as client:
            with note.open("rb") as f:
                upload = client.post("/api/documents", files={"files": (note.name, f, "text/markdown")})
            assert upload.status_code == 200, upload.text
            answer = client.post("/api/ask", json={"question": "How many licensing forms did the Quayside pilot move online?"}).json()
            assert "19" in answer["answer"]
            docs = client.get("/api/documents").json()
            assert len(docs) == CORPUS_DOCUMENTS + 1
            survey = client.post("/api/ask", json={"question": "How many civil servants took part in the survey?",
                                                   "doc_ids": [d["doc_id"] for d in docs if d["source"] != note.name]}).json()
            assert survey["citations"], "documents ready before stay answerable, with filters"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert served_by(data) is None
    after = subprocess.run([*PSB, "docs", "--json", "--data-dir", str(data)], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert after.returncode == 0 and len(__import__("json").loads(after.stdout)) == CORPUS_DOCUMENTS + 1


@pytest.mark.server
def test_the_store_lease_lets_one_writer_at_a_time(chroma_server, tmp_path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    host, port = chroma_server
    client = chromadb.HttpClient(host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False))
    prefix = f"lease{tmp_path.name[-8:].replace('-', '')}"
    first = StoreLease(client, prefix, ttl_s=5, settle_s=0.2)
    second = StoreLease(client, prefix, ttl_s=5, wait_s=1, settle_s=0.2)
    with first.hold("ingest a.pdf"):
        with pytest.raises(WriterBusyError, match="ingest a.pdf"):
            with second.hold("ingest b.pdf"):
                pass
    with second.hold("ingest b.pdf"):  # released: the next writer gets it at once
        pass



@pytest.mark.server
def test_two_app_servers_on_one_chroma_never_collect_each_others_ingest(chroma_server, tmp_path, make_services):
    """A fresh pending record is another server's ingest in flight: the other server's recovery leaves it."""
    from datetime import datetime, timezone

    from indexing.models import DocumentRecord
    from indexing.store import PENDING

    host, port = chroma_server
    prefix = f"two{tmp_path.name[-8:].replace('-', '')}"
    one, two = (make_services(Settings(data_dir=tmp_path / n, chroma_host=host, chroma_port=port, collection_prefix=prefix,
                                       _env_file=None)) for n in ("one", "two"))
    in_flight = DocumentRecord("c" * 16, "Being indexed", "c.md", "other", None, 0, "c" * 64, datetime.now(timezone.utc).isoformat())
    with one.write_lock.hold("ingest c.md"):
        one.store.put_document(in_flight, PENDING)
        two.write_lock.wait_s = 1
        with pytest.raises(WriterBusyError, match="ingest c.md"):
            two.indexer.recover()
    assert two.indexer.recover().pending == [], "inside the grace period it is left alone"
    assert [d.doc_id for d in two.store.list_documents(PENDING)] == [in_flight.doc_id]

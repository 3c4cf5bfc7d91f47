"""Crash debris: a server killed mid-replace or mid-batch leaves nothing behind after a restart.

The kills are real SIGKILLs of a child process, sent at the worst moment: the child wraps one
store call so that it dies right after the first half of a two-part write.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import httpx

from assistant.server import create_app
from tests.serving import ServerThread, free_port
from assistant.services import Services
from assistant.settings import Settings
from indexing.models import DocumentRecord
from indexing.store import PENDING, READY, ChromaStore
from tests.conftest import CORPUS_DOCUMENTS, REPO

NOTE_V1 = "# Harbourside note\n\nThe Harbourside pilot trained 37 procurement officers in agile contracting.\n"
NOTE_V2 = "# Harbourside note\n\nThe Harbourside pilot trained 41 procurement officers in agile contracting during 2019.\n"

_KILL_MID_REPLACE = """
import os, signal, sys
from pathlib import Path
from assistant.runtime import configure_offline
configure_offline()
from assistant.services import Services
from assistant.settings import Settings
from indexing.store import ChromaStore

def dying(self, doc_id):
    self.documents.delete(ids=[doc_id])   # the old version's record goes first...
    os.kill(os.getpid(), signal.SIGKILL)  # ...and the process dies before its chunks do

ChromaStore.delete_document = dying
services = Services(Settings(data_dir=Path(sys.argv[1]), _env_file=None))
print(services.indexer.ingest_file(Path(sys.argv[2])))
"""

_KILL_MID_BATCH = """
import os, signal, sys
from pathlib import Path
from assistant.runtime import configure_offline
configure_offline()
from assistant.documents import DocumentActions
from assistant.services import Services
from assistant.settings import Settings

actions = DocumentActions(Services(Settings(data_dir=Path(sys.argv[1]), _env_file=None)))
paths = [Path(p) for p in sys.argv[2:]]
for result in actions.ingest_streams([(p.name, p.open("rb")) for p in paths]):
    os.kill(os.getpid(), signal.SIGKILL)  # the server dies after the first file of the batch
"""


def _run_and_get_killed(script: str, *args: object) -> None:
    proc = subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == -9, f"the child was meant to die by SIGKILL: {proc.returncode} {proc.stderr[-2000:]}"


def _assert_whole(store: ChromaStore, expected_sources: set[str]) -> list[DocumentRecord]:
    ready = store.list_documents(READY)
    assert {d.source for d in ready} == expected_sources
    assert not store.list_documents(PENDING)
    for d in ready:
        assert len(store.chunks_of(d.doc_id)) == d.chunks
    assert store.chunk_count() == sum(d.chunks for d in ready), "no orphaned chunks"
    return ready


def test_sigkill_during_replace_leaves_no_orphans_after_restart(corpus_data_dir, make_services, tmp_path):
    before = tmp_path / "before"
    shutil.copytree(corpus_data_dir, before)
    note = tmp_path / "harbourside.md"
    note.write_text(NOTE_V1, encoding="utf-8")
    assert make_services(Settings(data_dir=before, _env_file=None)).indexer.ingest_file(note).status == "added"
    data = tmp_path / "data"  # a copy this process has never opened, so it reads what the child wrote
    shutil.copytree(before, data)
    note.write_text(NOTE_V2, encoding="utf-8")
    _run_and_get_killed(_KILL_MID_REPLACE, data, note)

    debris = ChromaStore(Services(Settings(data_dir=data, _env_file=None)).store.where)
    orphan_ids = {cid.split(":")[0] for cid in debris.chunks.get(include=[])["ids"]} - set(debris.documents.get(include=[])["ids"])
    assert len(orphan_ids) == 1, "the kill left the old version's chunks without a record"

    settings = Settings(data_dir=data, _env_file=None)
    services = make_services(settings)
    app = create_app(settings, services)
    assert "1 document(s) with orphaned passages" in app.state.recovery
    sources = {d.source for d in Services(Settings(data_dir=corpus_data_dir, _env_file=None)).store.list_documents(READY)}
    ready = _assert_whole(services.store, sources | {"harbourside.md"})
    assert len(ready) == CORPUS_DOCUMENTS + 1
    answer = services.assistant.ask("How many procurement officers did the Harbourside pilot train?")
    assert "41" in answer.answer and not answer.refused
    survey = services.assistant.ask("How many civil servants took part in the survey?")
    assert not survey.refused and survey.citations


def test_an_upload_batch_cut_off_by_a_crash_is_reported_and_cleaned(corpus_data_dir, make_services, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus_data_dir, data)
    names = ["first-note.md", "second-note.md", "third-note.md"]
    paths = []
    for i, name in enumerate(names):
        path = tmp_path / name
        path.write_text(f"# Note {i}\n\nThe pilot number {i} trained {10 + i} officers in service design.\n", encoding="utf-8")
        paths.append(path)
    _run_and_get_killed(_KILL_MID_BATCH, data, *paths)
    assert len(list((data / "uploads").glob("upload-*"))) == 1, "the killed batch left its folder"

    settings = Settings(data_dir=data, _env_file=None)
    services = make_services(settings)
    app = create_app(settings, services)
    assert "removed 1 leftover upload folder(s); 2 file(s) of interrupted uploads were never indexed" in app.state.recovery
    assert not list((data / "uploads").glob("upload-*"))
    with ServerThread(app, free_port()) as url:
        interrupted = httpx.get(f"{url}/api/uploads/interrupted", timeout=60).json()
    assert interrupted[-1]["not_processed"] == ["second-note.md", "third-note.md"]
    assert "first-note.md" in {d.source for d in services.store.list_documents(READY)}


def test_re_index_reports_only_what_it_did(corpus_copy, make_services):
    from assistant.documents import DocumentActions

    services = make_services(Settings(data_dir=corpus_copy, _env_file=None))
    actions = DocumentActions(services)
    count, said = actions.reindex()
    assert count == CORPUS_DOCUMENTS and said == "Nothing to clean up; no leftover upload folders."
    stale = DocumentRecord("feedfacefeedface", "Half done", "half.md", "other", None, 0, "x" * 64, "2020-01-01T00:00:00+00:00")
    services.store.put_document(stale, PENDING)
    count, said = actions.reindex()
    assert said.startswith("Removed 1 unfinished upload(s)")


def test_recovery_leaves_a_young_pending_record_alone_in_shared_mode(services):
    """Another app server's ingest in flight is pending too: only records past the grace period go."""
    services.indexer.pending_grace_s = 600
    now = datetime.now(timezone.utc)
    young = DocumentRecord("a" * 16, "In flight", "a.md", "other", None, 0, "a" * 64, now.isoformat())
    old = DocumentRecord("b" * 16, "Abandoned", "b.md", "other", None, 0, "b" * 64, (now - timedelta(hours=1)).isoformat())
    for record in (young, old):
        services.store.put_document(record, PENDING)
    report = services.indexer.recover()
    assert report.pending == [old.doc_id]
    assert [d.doc_id for d in services.store.list_documents(PENDING)] == [young.doc_id]
    services.indexer.pending_grace_s = 0
    assert services.indexer.recover().pending == [young.doc_id]
    assert services.indexer.recover().summary() == "nothing to clean up"


def test_upload_folders_younger_than_the_cut_off_stay(tmp_path):
    from assistant.recovery import clean_upload_folders

    folder = tmp_path / "uploads" / "upload-live"
    folder.mkdir(parents=True)
    assert clean_upload_folders(tmp_path, older_than_s=3600).folders == 0 and folder.exists()
    assert clean_upload_folders(tmp_path, older_than_s=0).folders == 1 and not folder.exists()


def test_a_batch_stopped_part_way_records_the_files_it_never_reached(tmp_path):
    from assistant.recovery import BatchRecord, interrupted_uploads

    folder = tmp_path / "uploads" / "upload-abc"
    folder.mkdir(parents=True)
    batch = BatchRecord(folder, ["a.md", "b.md", "c.md"])
    batch.done("a.md")
    assert batch.close() == ["b.md", "c.md"] and not folder.exists()
    assert interrupted_uploads(tmp_path)[-1]["not_processed"] == ["b.md", "c.md"]
    finished = tmp_path / "uploads" / "upload-def"
    finished.mkdir()
    whole = BatchRecord(finished, ["d.md"])
    whole.done("d.md")
    assert whole.close() == [] and len(interrupted_uploads(tmp_path)) == 1

"""The index refresher: other processes' writes reach a running app on a timer, not per question."""

from __future__ import annotations

import time

import pytest

from assistant.refresh import IndexRefresher
from indexing.keyword import KeywordIndex


def test_arguments_are_checked(services):
    with pytest.raises(ValueError, match="positive"):
        IndexRefresher(services.keyword, services.store, 0)


def test_another_processes_ingest_reaches_the_running_index(services, tmp_path):
    services.keyword.search("anything", 3)  # the running app has its matrix loaded
    other = KeywordIndex(services.keyword.path)  # another process writing the same data directory
    other.add_document("late", [("late:00000", "", "quokka census results")])
    assert services.keyword.search("quokka", 3) == []
    refresher = IndexRefresher(services.keyword, services.store, 0.05).start()
    try:
        deadline = time.monotonic() + 10
        while not services.keyword.search("quokka", 3) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        refresher.stop()
    assert services.keyword.search("quokka", 3)[0][0] == "late:00000"


def test_reconciling_with_the_store_picks_up_another_servers_documents(make_services, settings, tmp_path):
    """Two app servers on one Chroma, each with its own data directory (here: two keyword files)."""
    writer = make_services(settings)
    writer.indexer.ingest_file(_note(tmp_path))
    reader = make_services(settings.model_copy(update={"data_dir": tmp_path / "reader"}))
    reader.__dict__["store"] = writer.store  # the shared Chroma
    assert reader.keyword.ready_count == 0
    refresher = IndexRefresher(reader.keyword, reader.store, 1.0, reconcile_store=True, store_every=1)
    assert refresher.tick() == 1
    assert reader.keyword.ready_count == 1 and reader.keyword.search("wombat", 3)


def _note(tmp_path):
    path = tmp_path / "wombat-note.md"
    path.write_text("# Wombat note\n\nThe wombat survey counted forty burrows in the pilot area.\n")
    return path

"""Pointing at a real `chroma run` server needs no code change and returns what embedded mode does."""

import pytest

from tests.conftest import CORPUS

pytestmark = pytest.mark.server

QUESTIONS = [
    "How many civil servants took part in the survey?",
    "What does the report recommend about procurement skills?",
    "Which cultural barriers hold back digital transformation?",
]


def test_embedded_and_server_mode_return_the_same_results(tmp_path, chroma_server, make_services, corpus_services):
    host, port = chroma_server
    from assistant.settings import Settings

    remote = make_services(Settings(data_dir=tmp_path / "remote", chroma_host=host, chroma_port=port,
                                    collection_prefix=f"t{tmp_path.name[-8:].replace('-', '')}", _env_file=None))
    report = remote.indexer.ingest([CORPUS])
    assert report.failed == [] and len(report.added) == 9
    assert remote.store.location.startswith("chroma://")
    assert not (tmp_path / "remote" / "chroma").exists(), "server mode keeps no local Chroma files"
    assert {d.doc_id for d in remote.store.list_documents()} == {d.doc_id for d in corpus_services.store.list_documents()}
    for q in QUESTIONS:
        local_ids = [p.chunk_id for p in corpus_services.retriever.retrieve(q, k=5).passages]
        remote_ids = [p.chunk_id for p in remote.retriever.retrieve(q, k=5).passages]
        assert local_ids == remote_ids, q
    remote.indexer.remove(report.added[0])
    assert report.added[0] not in remote.store.ready_ids()


def test_unreachable_server_is_a_clear_error(tmp_path):
    from indexing.errors import StoreUnavailableError
    from indexing.store import ChromaLocation, ChromaStore

    with pytest.raises(StoreUnavailableError, match="chroma run"):
        ChromaStore(ChromaLocation(host="127.0.0.1", port=1))


def test_a_second_app_server_sees_documents_another_one_added(tmp_path, chroma_server, make_services):
    """Two app servers share one Chroma; each keeps its own keyword index, brought up to date by its refresh timer."""
    from assistant.refresh import IndexRefresher
    from assistant.settings import Settings
    from tests.fixtures.make_fixtures import good_files

    host, port = chroma_server
    prefix = f"two{tmp_path.name[-8:].replace('-', '')}"
    first = make_services(Settings(data_dir=tmp_path / "one", chroma_host=host, chroma_port=port, collection_prefix=prefix, _env_file=None))
    second = make_services(Settings(data_dir=tmp_path / "two", chroma_host=host, chroma_port=port, collection_prefix=prefix, _env_file=None))
    second.retriever  # opened before the document exists
    first.indexer.ingest([good_files(tmp_path / "docs")["markdown"]])
    refresher = IndexRefresher(second.keyword, second.store, 60.0, reconcile_store=True, store_every=1)
    assert refresher.tick() >= 1  # the round the server's timer runs reconciles with the shared store
    hits = second.retriever.retrieve("WCAG accessibility standard", k=3, mode="keyword")
    assert hits.passages and hits.passages[0].source == "accessibility-note.md"

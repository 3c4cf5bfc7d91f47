"""The ingest pipeline against real Chroma, the real model and real files."""

import shutil

import pytest

from assistant.services import passage_texts
from indexing.store import READY
from tests.fixtures.make_fixtures import FIXTURE_FACT, bad_files, good_files


@pytest.fixture
def folder(tmp_path):
    return good_files(tmp_path / "docs")


def _consistent(services):
    """Every ready document has exactly its chunks, in Chroma and the keyword index, once."""
    store = services.store
    docs = store.list_documents(READY)
    assert not store.list_documents("pending")
    assert len({d.source for d in docs}) == len(docs), "one version per source"
    for d in docs:
        assert len(store.chunks_of(d.doc_id)) == d.chunks
    assert store.chunk_count() == sum(d.chunks for d in docs)
    assert services.keyword.doc_ids() == {d.doc_id for d in docs}
    return docs


def test_every_format_is_indexed_with_titles_and_metadata(services, folder):
    report = services.indexer.ingest([folder["pdf"].parent])
    assert report.failed == []
    assert len(report.added) == 5
    docs = {d.source: d for d in _consistent(services)}
    assert docs["pilot-report.pdf"].title == "Harrowgate Digital Pilot Report"
    assert docs["workforce-briefing.docx"].title == "Workforce briefing"
    assert docs["cloud-guidance.html"].title == "Cloud first guidance for departments"
    md = docs["accessibility-note.md"]
    assert (md.type, md.published) == ("insight", "2018-03-01")
    pdf_chunks = services.store.chunks_of(docs["pilot-report.pdf"].doc_id)
    fact = next(c for c in pdf_chunks if "parking permits" in c.text)
    assert fact.meta["page"] == 2 and fact.meta["section"] == "2. Results"
    assert FIXTURE_FACT in fact.text


def test_ingest_twice_gives_the_same_counts(services, folder):
    first = services.indexer.ingest([folder["pdf"].parent])
    model_calls = services.embedder.model_calls
    second = services.indexer.ingest([folder["pdf"].parent])
    assert sorted(second.unchanged) == sorted(first.added)
    assert second.added == second.updated == [] and second.chunks == 0
    assert services.embedder.model_calls == model_calls, "unchanged files cost no model time"
    assert len(_consistent(services)) == 5


def test_same_content_under_another_name_is_not_duplicated(services, folder, tmp_path):
    services.indexer.ingest([folder["markdown"]])
    copy = tmp_path / "copy-of-note.md"
    shutil.copy(folder["markdown"], copy)
    report = services.indexer.ingest([copy])
    assert len(report.unchanged) == 1
    assert len(_consistent(services)) == 1


def test_a_new_parser_version_re_parses_unchanged_files_and_replaces_them(services, folder):
    """After an upgrade that changes parsing, the next ingest replaces chunks older code made."""
    from indexing.pipeline import Indexer

    path = folder["markdown"]
    old = services.indexer.ingest([path]).added[0]
    assert services.indexer.ingest([path]).unchanged == [old]
    upgraded = Indexer(services.store, services.embedder, services.keyword, register=services.register,
                       answer_texts=passage_texts, parse_version=services.indexer.parse_version + 1)
    report = upgraded.ingest([path])
    assert len(report.updated) == 1 and report.updated[0] != old
    assert [d.doc_id for d in _consistent(services)] == report.updated
    assert services.store.chunks_of(old) == []
    assert upgraded.ingest([path]).unchanged == report.updated


def test_changed_file_replaces_the_old_chunks(services, folder):
    path = folder["markdown"]
    old = services.indexer.ingest([path]).added[0]
    path.write_text(path.read_text().replace("WCAG 2.1 AA", "WCAG 2.2 AA"), encoding="utf-8")
    report = services.indexer.ingest([path])
    assert len(report.updated) == 1 and report.updated[0] != old
    docs = _consistent(services)
    assert [d.doc_id for d in docs] == report.updated
    assert services.store.chunks_of(old) == []
    texts = " ".join(c.text for c in services.store.chunks_of(report.updated[0]))
    assert "WCAG 2.2 AA" in texts and "2.1" not in texts


def test_cached_vectors_make_reindexing_changed_files_cheap(services, folder):
    path = folder["markdown"]
    services.indexer.ingest([path])
    calls = services.embedder.model_calls
    path.write_text(path.read_text() + "\n\n## Annex\n\nA new closing paragraph about audits.\n", encoding="utf-8")
    services.indexer.ingest([path])
    new = next(c for c in services.store.chunks_of(services.store.list_documents()[0].doc_id) if "audits" in c.text)
    own_texts = passage_texts(new.text, new.meta["section"])  # the sentences and words answering will look up
    assert 1 <= services.embedder.model_calls - calls <= 1 + len(own_texts), "only the new chunk and its own texts are embedded"


def test_remove_deletes_from_every_index(services, folder):
    report = services.indexer.ingest([folder["pdf"].parent])
    victim = next(d for d in services.store.list_documents() if d.source == "pilot-report.pdf")
    services.indexer.remove(victim.doc_id)
    assert victim.doc_id not in services.store.ready_ids()
    assert services.store.chunks_of(victim.doc_id) == []
    assert victim.doc_id not in services.keyword.doc_ids()
    hits = services.retriever.retrieve("parking permits processing time", k=5)
    assert all(p.doc_id != victim.doc_id for p in hits.passages)
    assert len(_consistent(services)) == len(report.added) - 1


def test_remove_unknown_document_is_a_clear_error(services):
    from assistant.errors import DocumentNotFoundError

    with pytest.raises(DocumentNotFoundError, match="psb docs"):
        services.indexer.remove("nope")


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty", "empty"),
        ("truncated_pdf", "truncated"),
        ("corrupt_pdf", "PDF"),
        ("encrypted_pdf", "encrypted"),
        ("binary_txt", "binary data"),
        ("fake_docx", "binary data"),
        ("unsupported_png", "image/png"),
    ],
)
def test_bad_input_fails_alone_with_a_reason(services, tmp_path, name, reason):
    bad = bad_files(tmp_path / "bad")
    good = good_files(tmp_path / "good")
    report = services.indexer.ingest([bad[name], good["markdown"]])
    assert len(report.added) == 1
    assert len(report.failed) == 1
    failure = report.failed[0]
    assert failure["path"] == str(bad[name])
    assert reason.lower() in failure["error"].lower()
    assert len(_consistent(services)) == 1


def test_files_over_the_size_limit_are_rejected(make_services, settings, folder):
    services = make_services(settings.model_copy(update={"max_file_mb": 0.001}))
    report = services.indexer.ingest([folder["pdf"]])
    assert report.failed and "limit" in report.failed[0]["error"]
    assert services.store.list_documents() == []


def test_manifest_sets_title_type_and_date(services, folder):
    (folder["text"].parent / "manifest.yaml").write_text(
        "- file: procurement-notes.txt\n  title: Procurement Notes 2018\n  type: report\n  published: 2018-05-02\n"
    )
    services.indexer.ingest([folder["text"].parent])
    doc = next(d for d in services.store.list_documents() if d.source == "procurement-notes.txt")
    assert (doc.title, doc.type, doc.published) == ("Procurement Notes 2018", "report", "2018-05-02")


def test_pending_documents_are_invisible_and_collected(services, folder):
    """What a killed ingest leaves (a pending record and its chunks) is never searched, then removed."""
    from indexing.models import DocumentRecord
    from indexing.store import PENDING

    services.indexer.ingest([folder["markdown"]])
    ghost = DocumentRecord("ghost00000000000", "Ghost", "ghost.md", "other", None, 1, "x", "2020-01-01T00:00:00")
    services.store.put_document(ghost, PENDING)
    chunk = services.store.chunks_of(services.store.list_documents()[0].doc_id)[0]
    services.store.chunks.upsert(ids=["ghost00000000000:00000"], embeddings=[services.embedder.embed_query("WCAG standard")],
                                 documents=["WCAG ghost text"], metadatas=[dict(chunk.meta, doc_id="ghost00000000000")])
    hits = services.retriever.retrieve("WCAG standard", k=5)
    assert all(p.doc_id != "ghost00000000000" for p in hits.passages)
    services.indexer.recover()
    assert services.store.get_document("ghost00000000000", status=None) is None
    assert services.store.chunks_of("ghost00000000000") == []
    _consistent(services)


def test_two_files_with_one_name_in_a_batch_do_not_replace_each_other(services, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "note.md").write_text("# A\n\nThe first note is about cloud hosting choices.\n")
    (tmp_path / "b" / "note.md").write_text("# B\n\nThe second note is about accessibility testing.\n")
    report = services.indexer.ingest([tmp_path])
    assert len(report.added) == 1
    assert report.failed[0]["path"].endswith("b/note.md") and "same name" in report.failed[0]["error"]
    assert len(_consistent(services)) == 1


def test_a_corrected_manifest_reaches_an_unchanged_document(services, folder):
    manifest = folder["text"].parent / "manifest.yaml"
    manifest.write_text("- file: procurement-notes.txt\n  type: report\n  published: 2018-05-02\n")
    services.indexer.ingest([folder["text"]])
    manifest.write_text("- file: procurement-notes.txt\n  title: Procurement notes (corrected)\n  type: insight\n  published: 2018-06-01\n")
    calls = services.embedder.model_calls
    report = services.indexer.ingest([folder["text"]])
    assert len(report.unchanged) == 1 and services.embedder.model_calls == calls
    doc = services.store.list_documents()[0]
    assert (doc.title, doc.type, doc.published) == ("Procurement notes (corrected)", "insight", "2018-06-01")
    assert {c.meta["type"] for c in services.store.chunks_of(doc.doc_id)} == {"insight"}
    from assistant.retrieval import Filters

    hits = services.retriever.retrieve("small suppliers framework spend", k=3, filters=Filters(types=["insight"]))
    assert hits.passages and hits.passages[0].title == "Procurement notes (corrected)"


def test_an_unexpected_error_on_one_file_loses_nothing_else(services, folder, monkeypatch):
    from indexing import pipeline
    from indexing.limits import Limits

    services.indexer.limits = Limits(parse_memory_mb=0)  # parse in this process, where the patch applies

    real = pipeline.load

    def exploding(source, kind, data):
        if source.endswith(".html"):
            raise RuntimeError("parser crashed")
        return real(source, kind, data)

    monkeypatch.setattr(pipeline, "load", exploding)
    report = services.indexer.ingest([folder["html"], folder["markdown"]])
    assert len(report.added) == 1
    assert "RuntimeError: parser crashed" in report.failed[0]["error"]


def test_a_batch_of_loaded_documents_is_committed_together(services):
    from indexing.models import Block, LoadedDocument

    def doc(name: str, text: str) -> LoadedDocument:
        return LoadedDocument(source=f"mem:{name}", kind="text", title=name.title(), blocks=[Block(text, (name.title(),))])

    items = [(doc("alpha", "Alpha pilots trained ninety officers."), "alpha", "v1"),
             (doc("beta", "Beta pilots halved the time to award."), "beta", "v1"),
             (doc("empty", "   "), "empty", "v1")]
    results = services.indexer.ingest_loaded_batch(items)
    assert [r.status for r in results] == ["added", "added", "failed"] and "chunk" in results[2].error
    assert [r.status for r in services.indexer.ingest_loaded_batch(items[:2])] == ["unchanged", "unchanged"]
    newer = services.indexer.ingest_loaded_batch([(doc("alpha", "Alpha pilots trained ninety-one officers."), "alpha2", "v2")])
    assert newer[0].status == "updated"  # same source, new id: the old version is gone
    _consistent(services)
    assert services.keyword.ready_documents() == {"alpha2", "beta"}
    assert services.keyword.search("ninety", 3)[0][0].startswith("alpha2:")


def test_documents_are_listed_in_pages(services, folder, monkeypatch):
    """A whole-collection read goes page by page (Chroma refuses one read of ~33k records with metadata)."""
    import indexing.store

    services.indexer.ingest([folder["pdf"].parent])
    everything = services.store.list_documents()
    monkeypatch.setattr(indexing.store, "_PAGE", 2)
    assert [d.doc_id for d in services.store.list_documents()] == [d.doc_id for d in everything] and len(everything) == 5

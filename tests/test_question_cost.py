"""Register questions read committed documents from memory; documents committed elsewhere reach the register on the timer."""

from __future__ import annotations

from pathlib import Path

from assistant.refresh import IndexRefresher

FIXTURES = Path(__file__).parent / "fixtures" / "recommendations"


def _review(tmp_path: Path) -> Path:
    doc = tmp_path / "cloud-review.md"
    doc.write_text((FIXTURES / "numbered-list.md").read_text())
    return doc


def test_a_register_question_fills_an_empty_register_once(settings, make_services, tmp_path):
    make_services(settings).indexer.ingest([_review(tmp_path)])
    (settings.data_dir / "recommendations.sqlite").unlink()  # lost, or emptied by a theme change
    services = make_services(settings)
    answer = services.assistant.ask("What are all the recommendations?")
    assert answer.backend == "register" and "legacy risk register" in answer.answer
    assert services.register.doc_ids() == services.store.ready_ids()


def test_the_refresher_adds_recommendations_of_documents_another_server_committed(settings, make_services, tmp_path):
    writer = make_services(settings)
    reader = make_services(settings.model_copy(update={"data_dir": tmp_path / "reader"}))
    reader.__dict__["store"] = writer.store  # the shared Chroma, each app server with its own register
    assert reader.assistant.ask("What are all the recommendations?").backend != "register"  # nothing yet
    doc_id = writer.indexer.ingest([_review(tmp_path)]).added[0]
    IndexRefresher(reader.keyword, reader.store, 1.0, reconcile_store=True, store_every=1, register=reader.register).tick()
    assert reader.register.doc_ids() == {doc_id}
    answer = reader.assistant.ask("What are all the recommendations?")
    assert answer.backend == "register" and "legacy risk register" in answer.answer

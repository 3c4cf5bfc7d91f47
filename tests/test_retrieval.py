from assistant.retrieval import Filters


def test_undated_documents_are_outside_every_date_range():
    undated = {"doc_id": "d", "type": "report", "published_day": 0}
    dated = {"doc_id": "d", "type": "report", "published_day": 20171113}
    for filters in (Filters(date_from="2017-01-01"), Filters(date_to="2017-12-31")):
        assert not filters.accepts(undated)
        assert filters.accepts(dated)
    until = Filters(date_to="2017-12-31").chroma_where()
    assert {"published_day": {"$gt": 0}} in until["$and"]
    assert Filters().accepts(undated)


def test_a_question_does_no_work_that_grows_with_the_library(corpus_copy, make_services, monkeypatch):
    """No document listing and no index sync per question: both would cost O(documents)."""
    from assistant.settings import Settings

    services = make_services(Settings(data_dir=corpus_copy, _env_file=None))
    retriever = services.retriever
    retriever.retrieve("warm up the indexes", k=3)

    def forbidden(*args, **kwargs):
        raise AssertionError("listed the store's documents while answering")

    monkeypatch.setattr(services.store, "ready_ids", forbidden)
    monkeypatch.setattr(services.store, "list_documents", forbidden)
    monkeypatch.setattr(services.store, "chunks_of", forbidden)
    result = retriever.retrieve("How many completed responses did the survey get?", k=3)
    assert result.passages and set(result.timings_ms) == {"embed", "dense", "keyword", "fusion", "passages"}
    assert services.has_documents()


def test_filters_reach_inside_both_searches(corpus_services):
    from assistant.retrieval import Filters

    docs = corpus_services.store.list_documents()
    target = docs[0]
    got = corpus_services.retriever.retrieve("digital skills survey", k=5, filters=Filters(doc_ids=[target.doc_id]))
    assert got.passages and {p.doc_id for p in got.passages} == {target.doc_id}
    keyword_only = corpus_services.retriever.retrieve("digital skills survey", k=5, filters=Filters(doc_ids=[target.doc_id]), mode="keyword")
    assert {p.doc_id for p in keyword_only.passages} == {target.doc_id}

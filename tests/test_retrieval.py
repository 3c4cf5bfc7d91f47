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

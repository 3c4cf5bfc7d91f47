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


def test_a_document_dated_by_its_year_only_is_inside_that_years_range():
    """ "2023" (a note dated by its title's year) is searched with the documents of 2023, not as undated."""
    from indexing.store import day_number
    note = {"doc_id": "d", "type": "report", "published_day": day_number("2023")}
    assert Filters(date_from="2023-01-01", date_to="2023-12-31").accepts(note)
    assert not Filters(date_from="2024-01-01", date_to="2024-12-31").accepts(note)
    assert day_number("2023-11") == 20231101 and day_number("2023-11-14") == 20231114 and day_number("") == 0


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


def test_a_sentence_cut_by_a_page_break_is_joined_with_the_next_chunk_of_its_section():
    from types import SimpleNamespace

    from assistant.retrieval import HybridRetriever, Passage
    from indexing.store import StoredChunk

    def retriever_with(next_meta: dict):
        store = SimpleNamespace(get_chunks=lambda ids: [StoredChunk(ids[0], "online (42 per cent) and sharing (36 per cent).",
                                                                    {"doc_id": "d", **next_meta})])
        return HybridRetriever(store, embedder=None, keyword=None)

    cut = Passage(chunk_id="d:00004", doc_id="d", title="T", source="d.pdf", section="1. Summary", page=2,
                  text="Three areas were rated highly: skills (49 per cent), transactions", chunk_index=4)
    joined = retriever_with({"section": "1. Summary", "page": 3}).join_next(cut)
    assert joined.text.endswith("transactions online (42 per cent) and sharing (36 per cent).") and joined.page == 2
    assert joined.pages_of("Three areas were rated highly: skills (49 per cent), transactions online") == (2, 3)  # runs over
    assert joined.spans(3) and joined.spans(2) and not joined.spans(4)
    assert retriever_with({"section": "2. Method", "page": 3}).join_next(cut).text == cut.text  # another section
    assert retriever_with({"section": "1. Summary", "page": 5}).join_next(cut).text == cut.text  # not the next page


def _fused_retriever(**kwargs):
    """A retriever over fakes whose two sides disagree: dense ranks d:1 > d:2 > d:3, keyword d:3 > d:4 > d:1."""
    from types import SimpleNamespace

    from assistant.retrieval import HybridRetriever
    from indexing.store import StoredChunk

    def chunk(i: int) -> StoredChunk:
        return StoredChunk(f"d:{i:05d}", f"Line {i}.", {"doc_id": "d", "chunk_index": i, "section": "S"})

    dense = [("d:00001", 0.62), ("d:00002", 0.55), ("d:00003", 0.41)]
    store = SimpleNamespace(nearest=lambda vector, k, where: dense[:k], get_chunks=lambda ids: [chunk(int(i[2:])) for i in ids])
    keyword = SimpleNamespace(is_ready=lambda doc_id: True,
                              search=lambda query, k, where=None: [("d:00003", 9.0), ("d:00004", 8.0), ("d:00001", 0.1)])
    return HybridRetriever(store, SimpleNamespace(embed_query=lambda text: [1.0, 0.0]), keyword, **kwargs)


def test_the_nearest_chunks_by_meaning_come_with_the_search_whatever_their_fused_rank():
    """``Retrieved.dense_top``: the keyword side can bury a paraphrase's answer (its everyday words
    match other chunks); the few nearest chunks by cosine are kept, in cosine order, for the caller,
    who reads their text with ``fetched`` only when it needs them."""
    retriever = _fused_retriever(dense_top_k=2)
    got = retriever.retrieve("an everyday paraphrase", k=1)
    assert [p.chunk_id for p in got.passages] == ["d:00003"]               # the keyword side wins the fused rank
    assert got.dense_top == [("d:00001", 0.62), ("d:00002", 0.55)]
    assert [(p.chunk_id, p.text, p.dense) for p in retriever.fetched(got.dense_top)] == [("d:00001", "Line 1.", 0.62),
                                                                                        ("d:00002", "Line 2.", 0.55)]
    assert retriever.retrieve("an everyday paraphrase", k=1, mode="keyword").dense_top == []


def test_a_search_may_give_the_dense_side_another_share():
    """``retrieve(dense_weight=...)``: the fused order for this search only, the retriever's default unchanged."""
    retriever = _fused_retriever()  # dense share 0.4
    assert retriever.retrieve("q", k=1).passages[0].chunk_id == "d:00003"
    assert retriever.retrieve("q", k=1, dense_weight=0.6).passages[0].chunk_id == "d:00001"
    assert retriever.dense_weight == 0.4

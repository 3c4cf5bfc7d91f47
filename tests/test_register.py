"""The recommendations register over a real index: the corpus meets its targets, ingest, update,
remove and a crash keep it exact, rebuild reproduces it, and `psb recommendations` filters it."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from assistant.errors import ConfigError
from click.testing import CliRunner

import assistant.services as services_module
from assistant.cli import cli
from assistant.register import RegisterFilters, find_entries
from assistant.services import Services
from assistant.settings import Settings
from evals.recommendations import TARGETS
from indexing.rec_register import document_meta, rebuild_from_store
from indexing.store import PENDING
from tests.test_recommendations import FIXTURES


@pytest.fixture
def run(monkeypatch, embedder):
    """`psb` through click's runner; its Services share the session's loaded model."""
    monkeypatch.setattr(services_module, "Services", lambda settings, shared_embedder=None: Services(settings, shared_embedder=embedder))
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _flat(records):
    return sorted((r.rec_id, r.doc_id, r.ref, r.text, r.owner, r.timescale, r.theme, r.chunk_id) for r in records)


# ---------------------------------------------------------------- the sample corpus
def test_eval_meets_every_target_on_the_sample_corpus(run, corpus_copy):
    out = run("eval", "recommendations", "--data-dir", corpus_copy, "--json")
    assert out.exit_code == 0, out.output
    report = json.loads(out.output)
    for name, target in TARGETS.items():
        assert report["metrics"][name] >= target, (name, report["problems"])
    assert report["metrics"]["grouping_recall"] == 1.0 and report["metrics"]["grouping_precision"] == 1.0
    assert report["counts"]["entries"] == 17


def test_one_entry_per_recommendation_with_every_source(corpus_services):
    entries = find_entries(corpus_services.register, corpus_services.store)
    r5 = next(e for e in entries if e.ref == "R5")
    assert {s.source for s in r5.sources} == {"smarter-services-report.pdf", "psb-recommendations-summary.docx",
                                             "insight-removing-barriers-to-sharing.docx"}
    assert r5.text.startswith("Clarify the rules on data sharing. Within six months")  # the report's full text leads
    assert next(s.page for s in r5.sources if s.source.endswith(".pdf")) == 8
    assert len([e for e in entries if e.ref and e.ref.startswith("R")]) == 8


def test_cli_filters_json_and_csv(run, corpus_copy):
    sharing = json.loads(run("recommendations", "--theme", "data sharing", "--data-dir", corpus_copy, "--json").output)
    assert {"R5"} <= {e["ref"] for e in sharing["recommendations"]}
    assert all(e["theme"] == "data sharing" for e in sharing["recommendations"]) and sharing["count"] == len(sharing["recommendations"])
    gds = json.loads(run("recommendations", "--owner", "gds", "--data-dir", corpus_copy, "--json").output)
    assert {"R2", "R3", "R5", "R6", "R8"} <= {e["ref"] for e in gds["recommendations"]}
    assert "R4" not in {e["ref"] for e in gds["recommendations"]}
    later = json.loads(run("recommendations", "--since", "2017-11-17", "--data-dir", corpus_copy, "--json").output)
    assert {e["ref"] for e in later["recommendations"]} == {f"R{i}" for i in range(1, 9)}  # only the summary is that late
    one_doc = json.loads(run("recommendations", "--doc", "insight-digital-skills.html", "--data-dir", corpus_copy, "--json").output)
    assert one_doc["count"] == 6
    rows = list(csv.DictReader(io.StringIO(run("recommendations", "--csv", "--data-dir", corpus_copy).output)))
    assert len(rows) == 17 and {"ref", "text", "owner", "timescale", "theme", "documents", "pages"} <= set(rows[0])
    text = run("recommendations", "--data-dir", corpus_copy).output
    assert "17 recommendations" in text and "smarter-services-report.pdf p.8" in text
    bad = run("recommendations", "--since", "last week", "--data-dir", corpus_copy)
    assert bad.exit_code == 1 and "--since must be a date like 2017-11-16" in bad.output


def test_rebuild_from_chroma_reproduces_the_register(run, corpus_copy, embedder):
    services = Services(Settings(data_dir=corpus_copy, _env_file=None), shared_embedder=embedder)
    before = _flat(services.register.records())
    out = run("recommendations", "rebuild", "--data-dir", corpus_copy, "--json")
    assert json.loads(out.output) == {"documents": 9, "records": 32}
    assert _flat(services.register.records()) == before


# ---------------------------------------------------------------- ingest, update, remove, crash
def test_ingest_update_and_remove_keep_the_register_exact(services, tmp_path):
    doc = tmp_path / "cloud-review.md"
    doc.write_text((FIXTURES / "numbered-list.md").read_text())
    first = services.indexer.ingest([doc]).added[0]
    assert [r.ref for r in services.register.records()] == ["1", "2", "3"]
    assert {r.rec_id for r in services.register.records()} == {"cloud-review-md:1", "cloud-review-md:2", "cloud-review-md:3"}

    doc.write_text(doc.read_text().replace("3. Fund migration from a single cross-government pot, managed by HM Treasury.\n", ""))
    second = services.indexer.ingest([doc]).updated[0]
    records = services.register.records()
    assert second != first and {r.doc_id for r in records} == {second} and [r.ref for r in records] == ["1", "2"]
    assert {r.rec_id for r in records} == {"cloud-review-md:1", "cloud-review-md:2"}  # stable across versions

    services.indexer.remove(second)
    assert services.register.records() == [] and services.register.doc_ids() == set()


def test_a_batch_ingest_writes_every_documents_recommendations_in_one_go(services):
    """``ingest_loaded_batch`` writes the register once for the batch (``write_many``); each document keeps its own rows."""
    from indexing.loaders import load
    from indexing.sniff import sniff

    items = []
    for name in ("numbered-list.md", "numbered-headings.html"):
        data = (FIXTURES / name).read_bytes()
        items.append((load(name, sniff(FIXTURES / name, data), data), f"doc-{name.split('.')[0]}", "v1"))
    assert [r.status for r in services.indexer.ingest_loaded_batch(items)] == ["added", "added"]
    by_doc: dict[str, list[str]] = {}
    for r in services.register.records():
        by_doc.setdefault(r.doc_id, []).append(r.ref)
    assert by_doc == {"doc-numbered-list": ["1", "2", "3"], "doc-numbered-headings": ["Recommendation 1", "Recommendation 2"]}
    assert services.register.doc_ids() == {"doc-numbered-list", "doc-numbered-headings"}


def test_a_crash_before_the_commit_leaves_no_visible_or_orphan_rows(settings, make_services, embedder):
    """Every write up to the ready flip, then the process 'dies': readers never see the rows, recovery drops them."""
    services = make_services(settings)
    path = FIXTURES / "numbered-headings.html"
    from indexing.loaders import load
    from indexing.sniff import sniff
    from indexing.models import DocumentRecord

    data = path.read_bytes()
    loaded = load(str(path), sniff(path, data), data)
    record = DocumentRecord(doc_id="deadbeef00000000", title=loaded.title, source=path.name, type="report", published=None,
                            chunks=0, sha256="x", ingested_at="2026-01-01T00:00:00.000000+00:00", kind=loaded.kind)
    chunks = services.indexer.chunker.chunk(loaded, record.doc_id)
    record.chunks = len(chunks)
    services.store.put_document(record, PENDING)
    services.store.add_chunks(chunks, embedder.embed([c.embed_text for c in chunks]), record)
    from indexing.rec_register import chunk_views_from_chunks

    services.register.add_document(document_meta(record), chunk_views_from_chunks(chunks))
    assert len(services.register.records()) == 2  # written...
    assert find_entries(services.register, services.store) == []  # ...but not visible: the document is not ready

    fresh = make_services(Settings(data_dir=settings.data_dir, _env_file=None))  # the next process
    fresh.indexer.recover()
    assert fresh.register.records() == [] and fresh.register.doc_ids() == set()


def test_changing_the_themes_empties_and_refills_the_register(settings, make_services, tmp_path):
    doc = tmp_path / "table.md"
    doc.write_text((FIXTURES / "table.md").read_text())
    make_services(settings).indexer.ingest([doc])
    custom = Settings(data_dir=settings.data_dir, recommendation_themes="suppliers: SMEs, small suppliers, bids; reporting: figures", _env_file=None)
    services = make_services(custom)
    assert services.register.records() == []  # written with other themes: emptied on open
    rebuild_from_store(services.register, services.store)
    assert {r.theme for r in services.register.records()} <= {"suppliers", "reporting", "other"}
    assert find_entries(services.register, services.store, RegisterFilters(theme="suppliers"))
    with pytest.raises(ConfigError, match="PSB_RECOMMENDATION_THEMES"):
        make_services(Settings(data_dir=settings.data_dir, recommendation_themes=";", _env_file=None)).register


# ---------------------------------------------------------------- chat
def test_register_questions_are_answered_complete_and_cited(corpus_services):
    answer = corpus_services.assistant.ask("What does the PSB recommend on data sharing?")
    assert answer.backend == "register" and answer.answer.startswith("The documents make 4 recommendations on data sharing [1, 2,")
    assert answer.answer.count("\n- ") == 4 and "R5 Clarify the rules on data sharing" in answer.answer
    assert {c.source for c in answer.citations} >= {"smarter-services-report.pdf", "psb-recommendations-summary.docx"}
    assert all(f"[{c.n}" in answer.answer or f", {c.n}" in answer.answer for c in answer.citations)  # every source is cited
    gds = corpus_services.assistant.ask("Which recommendations fall to GDS?")
    assert gds.backend == "register" and {"R2", "R3", "R5", "R6", "R8"} == set(re.findall(r"^- (R\d)", gds.answer, re.M))
    assert "within six months" in corpus_services.assistant.ask("What is due within six months?").answer
    both = corpus_services.assistant.ask("What does the PSB recommend on data sharing, and who is responsible for each?")
    assert both.backend == "register" and both.answer.count("\n- ") == 4  # the list gives each owner


@pytest.mark.parametrize("question", ["What does the PSB recommend?", "What are the PSB's recommendations?"])
def test_asking_for_all_recommendations_lists_them_in_number_order_each_with_its_document(corpus_services, question):
    """Both went to passages and got the briefing's purpose; listed, they came in theme order."""
    answer = corpus_services.assistant.ask(question)
    assert answer.backend == "register"
    items = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    numbered = [re.match(r"- (R\d)", line).group(1) for line in items if re.match(r"- R\d", line)]
    assert numbered == [f"R{n}" for n in range(1, 9)] and items[: len(numbered)] == [i for i in items if re.match(r"- R\d", i)]
    assert all("(from " in line for line in items if not re.match(r"- R\d", line))  # an Insight's own advice says whose


def test_a_follow_up_reaches_the_register_as_it_reads_on_its_own(corpus_services):
    """'And on data sharing?' after a register question was answered from passages, not the full list."""
    history = [{"role": "user", "content": "What does the PSB recommend on skills?"}, {"role": "assistant", "content": "..."}]
    answer = corpus_services.assistant.ask("And on data sharing?", history=history)
    assert answer.backend == "register" and "R5 Clarify the rules on data sharing" in answer.answer
    assert answer.question == "And on data sharing?" and answer.standalone_question == "What does the PSB recommend on data sharing?"


def test_a_question_naming_a_recommendation_by_number_reads_where_the_register_found_it(corpus_services):
    """The model knows nothing of "R4"; passages mentioning R4 in passing were retrieved instead of its row."""
    answer = corpus_services.assistant.ask("Who should lead R4?")
    assert "Cabinet Office and techUK" in answer.answer and not answer.refused


def test_a_question_naming_a_document_lists_that_documents_recommendations_every_line_cited(services, tmp_path):
    from assistant.answer import cited_numbers
    from assistant.guard import term_coverage
    from assistant.register import theme_names
    from assistant.register_answers import RegisterAnswerer

    paths = []
    for name in ("numbered-list.md", "numbered-headings.html"):
        paths.append(tmp_path / name)
        paths[-1].write_bytes((FIXTURES / name).read_bytes())
    services.indexer.ingest(paths)
    doc = next(d.doc_id for d in services.store.list_documents() if d.source == "numbered-headings.html")
    answerer = RegisterAnswerer(services.register, services.store, theme_names(services.settings))
    question = "What does the local data partnerships paper recommend?"
    assert answerer.answer(question) is None  # names no theme, owner or timescale, and no document
    answer = answerer.answer(question, [doc])
    assert answer.backend == "register" and answer.answer.count("\n- ") == 2
    assert {c.doc_id for c in answer.citations} == {doc}
    lines = answer.answer.splitlines()
    assert lines[0] == "“Local Data Partnerships” makes 2 recommendations [1]:"  # cites the document by its title
    assert answer.citations[0].quote == "Local Data Partnerships"
    assert term_coverage(lines[0], answer.citations[0].quote) >= 0.5  # the count line is supported, not only cited
    for c in answer.citations:  # a line stating an owner or a timescale cites a quote that states it too
        line = next(line for line in lines if f"[{c.n}]" in line)
        for field in re.findall(r"(?:owner|when): ([^;)]+)", line):
            assert field.lower() in c.quote.lower(), (field, c.quote)
    assert all(cited_numbers(line) for line in lines)  # the count line too
    assert answerer.answer("What does the local data partnerships paper recommend in R2?", [doc]) is None  # one recommendation


@pytest.mark.parametrize("question", [
    "What does the report recommend on procurement skills?",  # two themes: ordinary retrieval
    "Who should set up the Digital Exchange recommended in R4?",  # about one recommendation's detail
    "What share of respondents said culture is a barrier?",
    # a statement, then the question about it: what it compares is in the passages, not the register
    "The PSB made a recommendation on skills. How does it compare with what departments did?",
])
def test_other_questions_go_to_retrieval(corpus_services, question):
    assert corpus_services.assistant.ask(question).backend != "register"


def test_filtered_questions_are_not_routed(corpus_services):
    from assistant.retrieval import Filters

    answer = corpus_services.assistant.ask("What does the PSB recommend on data sharing?", filters=Filters(types=["insight"]))
    assert answer.backend != "register"


def test_a_reader_picks_up_documents_another_server_ingested(corpus_copy, embedder):
    """Server mode shares Chroma but not the register file: a missing document is added on read."""
    services = Services(Settings(data_dir=corpus_copy, _env_file=None), shared_embedder=embedder)
    (corpus_copy / "recommendations.sqlite").unlink()
    fresh = Services(Settings(data_dir=corpus_copy, _env_file=None), shared_embedder=embedder)
    assert len(find_entries(fresh.register, fresh.store)) == 17
    assert services.store.ready_ids() == fresh.register.doc_ids()


def test_a_listing_export_reuses_its_file_and_old_exports_are_removed(tmp_path):
    import os
    import time

    from assistant.register_ui import write_export

    first = write_export(tmp_path, "ref,text\nR1,a\n")
    assert write_export(tmp_path, "ref,text\nR1,a\n") == first  # the same listing: the same file
    other = write_export(tmp_path, "ref,text\nR2,b\n")
    assert other != first and other.read_text(encoding="utf-8") == "ref,text\nR2,b\n"
    hour_ago = time.time() - 7200
    os.utime(first, (hour_ago, hour_ago))
    write_export(tmp_path, "ref,text\nR3,c\n")
    assert not first.exists() and other.exists()


def test_a_register_citation_quotes_the_owner_and_timescale_its_line_states():
    """'Owner:' lines under a heading are kept apart from the text; a quote without them did not support the line."""
    from types import SimpleNamespace

    from assistant.register_answers import _quote

    apart = SimpleNamespace(text="Publish a forward pipeline of tenders.", owner="Cabinet Office", timescale="By December 2024")
    assert _quote(apart) == "Publish a forward pipeline of tenders. … Owner: Cabinet Office … Timescale: By December 2024"
    inside = SimpleNamespace(text="GDS should publish guidance by 2019.", owner="GDS", timescale="by 2019")
    assert _quote(inside) == inside.text



def test_a_named_documents_title_words_are_not_read_as_a_theme():
    """'the five recommendations of the Insight on opening up public procurement to SMEs' listed the four
    themed procurement: the title's word named the document, not a theme."""
    from assistant.register_answers import RegisterAnswerer, without_title_words

    answerer = RegisterAnswerer(register=None, store=None, themes=["procurement", "skills", "data sharing"])
    question = "What are the five recommendations of the Insight on opening up public procurement to SMEs?"
    assert answerer._theme(question) == "procurement"
    assert answerer._theme(without_title_words(question, ["Opening Up Public Procurement to SMEs"])) is None
    assert answerer._theme(without_title_words("What does the cloud review recommend on skills?", ["Cloud Review"])) == "skills"
    # another form of the title's word names it too: "procurement" for "How Trusts Procure Digital Tools"
    edtech = ["Buying Better EdTech: How Multi-Academy Trusts Procure Digital Tools"]
    assert answerer._theme(without_title_words("What does the edtech procurement insight recommend?", edtech)) is None


def test_a_listed_recommendation_gives_its_first_sentence_after_its_title():
    """A title alone ('Shorter bids') left out the figures asked for ('20 pages')."""
    from types import SimpleNamespace

    from assistant.register_answers import _what

    bids = SimpleNamespace(title="Shorter bids", text="Cap bid-stage responses at 20 pages. Publish the scoring rules.")
    assert _what(bids) == "Shorter bids: Cap bid-stage responses at 20 pages"
    same = SimpleNamespace(title="Share by default", text="Share by default.")
    assert _what(same) == "Share by default"
    untitled = SimpleNamespace(title=None, text="Every department should name a data-sharing front door. More follows.")
    assert _what(untitled) == "Every department should name a data-sharing front door."
    lead_in = SimpleNamespace(title="A sharing checklist", text="Teams should ask at the start of discovery:\n- Does a platform exist?")
    assert _what(lead_in) == "A sharing checklist"
    coded = SimpleNamespace(title="Proposal A", text="Proposal A. The fire chiefs should publish a data standard by 2023. It helps.")
    assert _what(coded) == "Proposal A: The fire chiefs should publish a data standard by 2023"
    untitled_code = SimpleNamespace(title=None, text="Proposal B. The Home Office should fund terminals. More follows.")
    assert _what(untitled_code) == "Proposal B: The Home Office should fund terminals"


def test_an_owner_written_before_the_recommendation_is_its_owner_and_not_its_text():
    """ "Owner: museum directors. Every museum should ..." under a recommendation's heading: the owner was read as the
    whole line (and the line dropped from the text), or the item was listed as "Owner: museum digital leads" alone."""
    from types import SimpleNamespace

    from assistant.register_answers import _what
    from indexing.rec_fields import find_owner, labelled_fields, without_field_lines

    text = "Owner: museum directors. Every museum should let visitors book without creating an account, by March 2024."
    assert labelled_fields(text) == {}
    assert find_owner(text) == "Museum directors"
    assert without_field_lines(text) == text
    assert labelled_fields("Owner: St Helens Council.\nTimescale: By March 2025.") == {"owner": "St Helens Council",
                                                                                       "timescale": "By March 2025"}
    item = SimpleNamespace(title="Design booking for the phone first",
                           text="Owner: museum digital leads. Booking pages should be tested on a phone before launch.")
    assert _what(item) == "Design booking for the phone first: Booking pages should be tested on a phone before launch"


def test_a_named_documents_recommendations_on_a_topic_are_the_ones_sharing_its_words():
    from assistant.register_answers import on_topic
    from indexing.rec_groups import Entry

    def entry(n: int, text: str) -> Entry:
        return Entry(entry_id=str(n), ref=f"Recommendation {n}", title=None, text=text, owner=None, timescale=None, theme="other",
                     published=None)

    entries = [entry(1, "Every coroner area should move to a digital case file."),
               entry(3, "Post-mortem reports should be uploaded securely on the day they are signed."),
               entry(4, "Families should follow the progress of a case online.")]
    question = "What does the coroners Insight recommend about post-mortem reports?"
    assert [e.entry_id for e in on_topic(question, entries, ["Coroners Insight"])] == ["3"]
    assert on_topic("What does the coroners Insight recommend?", entries, ["Coroners Insight"]) == entries  # no topic
    assert on_topic("What does the Insight recommend on parking?", entries, ["Insight"]) == entries  # none is on it


def test_owner_lookups_fill_an_emptied_register_first(services, tmp_path):
    """After an upgrade empties the register, the answerer's owner lookup refills it (not only a register question)."""
    from assistant.register import theme_names
    from assistant.register_answers import RegisterAnswerer

    path = tmp_path / "numbered-headings.html"
    path.write_bytes((FIXTURES / "numbered-headings.html").read_bytes())
    services.indexer.ingest([path])
    doc = next(d.doc_id for d in services.store.list_documents() if d.source == "numbered-headings.html")
    services.register.clear()
    answerer = RegisterAnswerer(services.register, services.store, theme_names(services.settings), is_ready=lambda d: True)
    assert services.register.records_of([doc]) == []
    assert [r.ref for r in answerer.records_of([doc])] == ["Recommendation 1", "Recommendation 2"]


def test_recommendations_to_deal_with_a_quoted_item_are_those_on_its_topic():
    from assistant.register_answers import on_topic
    from indexing.rec_groups import Entry

    def entry(i: str, text: str) -> Entry:
        return Entry(entry_id=i, ref=None, title=None, text=text, owner=None, timescale=None, theme="t", published=None)

    entries = [entry("1", "Roll out plain-English message templates."), entry("2", "Zero-rate the journal so it does not eat mobile data."),
               entry("3", "Add a password reset by text.")]
    q = "What does “Talking Through the Journal” recommend to deal with “Running out of mobile data before the end of the month”?"
    assert [e.entry_id for e in on_topic(q, entries, ["Talking Through the Journal"])] == ["2"]


def test_calls_for_and_urges_ask_for_recommendations():
    from assistant.register_answers import _ASKS_FOR_RECS
    assert _ASKS_FOR_RECS.search("What changes does the Insight on work coach messages call for?")
    assert _ASKS_FOR_RECS.search("What does the briefing urge councils to do?")
    assert not _ASKS_FOR_RECS.search("What did the survey find about calls to the helpline?")
    assert _ASKS_FOR_RECS.search("What does the PSB want councils to change about how pest control is booked?")
    assert not _ASKS_FOR_RECS.search("What did residents want to know about pest control?")
    assert not _ASKS_FOR_RECS.search("What did practitioners ask for in the 2024 probation survey?")  # what a survey heard


def test_what_a_named_document_says_should_be_done_asks_for_its_recommendations():
    from assistant.register_answers import _NAMES_RECS
    assert _NAMES_RECS.search("What did the 2022 planning review say should be done to improve online planning?")
    assert _NAMES_RECS.search("What changes does the fire and rescue procurement review want to see in how services buy technology?")
    assert _NAMES_RECS.search("What changes did the planning review say councils and government should make?")
    assert not _NAMES_RECS.search("What did social workers say should change about their case system?")  # the people heard
    assert not _NAMES_RECS.search("What did the review find about validation?")


def test_a_documents_own_year_is_no_due_date():
    from assistant.register_answers import RegisterAnswerer
    assert RegisterAnswerer._timescale("What did practitioners ask for in the 2024 probation survey?") is None
    assert RegisterAnswerer._timescale("Which recommendations are due in 2026?") == "2026"


def test_a_recommendation_two_editions_word_differently_is_listed_as_each_says_it():
    from assistant.register_answers import by_edition
    from indexing.rec_groups import entry_of
    from indexing.rec_register import RecommendationRecord

    def record(doc: str, published: str, text: str) -> RecommendationRecord:
        return RecommendationRecord(rec_id=f"{doc}:1", doc_id=doc, source=f"{doc}.pdf", doc_title=f"Fire review {published[:4]}",
                                    section="Recommendations", page=1, published=published, ref="1", title=None, text=text,
                                    owner=None, timescale=None, theme="Infrastructure", position=0, cites=None, chunk_id=f"{doc}:c1",
                                    doc_type="report", vector=[1.0, 0.0])
    old = record("r22", "2022-05-01", "Every appliance should carry a data terminal by March 2025.")
    new = record("r25", "2025-05-01", "Close the gap so every appliance has a data terminal by the end of 2027.")
    merged = entry_of([old, new])
    editions = by_edition(merged)
    assert [e.text for e in editions] == [old.text, new.text]
    assert [e.sources[0].doc_id for e in editions] == ["r22", "r25"]
    same = record("r25", "2025-05-01", old.text)
    assert by_edition(entry_of([old, same])) == [entry_of([old, same])]  # restated word for word: one line


def test_a_listed_recommendation_ending_in_a_full_stop_keeps_its_citation_in_the_same_sentence():
    """ "- Fund support for every care home. (owner: NHS England) [2]" split into a sentence without a citation."""
    from types import SimpleNamespace

    from assistant.answer import cited_numbers
    from assistant.register_answers import RegisterAnswerer
    from evals.metrics import split_sentences

    source = SimpleNamespace(doc_id="d1", doc_title="Discharge briefing", source="b.md", page=None, section="What we recommend",
                             text="Fund support for every care home.", owner="NHS England", timescale=None)
    entry = SimpleNamespace(ref="", title=None, text=source.text, owner="NHS England", timescale=None, sources=[source])
    answer = RegisterAnswerer._format("What does the briefing recommend?", [entry], None, None, None, title="Discharge briefing")
    assert "every care home (owner: NHS England) [2]" in answer.answer
    assert all(cited_numbers(s) for s in split_sentences(answer.answer))
    stated = SimpleNamespace(ref="", title=None, text="Publish survey data within 3 months (owner: the Environment Agency).",
                             owner="Environment Agency", timescale="within 3 months", sources=[source])
    answer = RegisterAnswerer._format("What does the briefing recommend?", [stated], None, None, None, title="Discharge briefing")
    assert answer.answer.count("owner:") == 1 and "when:" not in answer.answer  # what the item says is not said twice


def test_recommendation_n_and_a_bare_n_of_one_document_are_listed_in_one_count():
    from types import SimpleNamespace

    from assistant.register_answers import _in_reference_order

    source = SimpleNamespace(doc_id="d1")
    entries = [SimpleNamespace(ref=ref, sources=[source]) for ref in ("Recommendation 2", "Recommendation 4", "1", "5", "Recommendation 3")]
    assert [e.ref for e in _in_reference_order(entries)] == ["1", "Recommendation 2", "Recommendation 3", "Recommendation 4", "5"]


def test_the_body_that_recommends_is_not_read_as_the_owner_asked_about():
    from types import SimpleNamespace

    from assistant.register_answers import RegisterAnswerer
    entries = [SimpleNamespace(sources=[SimpleNamespace(owner="The Welsh Government")])]
    owner = RegisterAnswerer._owner
    assert owner("What does the Welsh outpatients briefing recommend about telephone appointments?", entries) is None
    assert owner("What should the Welsh Government do about devices?", entries) == "Welsh Government"

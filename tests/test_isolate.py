"""The parse child: results come back whole, and a slow parse is killed without harming the next."""

import pytest

from indexing.isolate import ParseWorker
from indexing.limits import DocumentRejected


def test_arguments_are_checked():
    with pytest.raises(ValueError, match="256 MB"):
        ParseWorker(64)


def test_a_slow_parse_is_killed_and_the_next_file_gets_a_fresh_child():
    worker = ParseWorker(512)
    try:
        doc = worker.load("note.md", "markdown", b"# Title\n\nA short note about cloud hosting.\n", timeout=60)
        assert doc.title == "Title" and "cloud hosting" in doc.text
        slow = b"<html><body><main>" + b"<div><p>Paragraph about digital services and skills.</p></div>" * 60_000 + b"</main></body></html>"
        with pytest.raises(DocumentRejected, match="took longer than"):
            worker.load("slow.html", "html", slow, timeout=0.2)
        with pytest.raises(DocumentRejected, match="no text"):
            worker.load("blank.md", "markdown", b"   \n\n", timeout=60)
        assert worker.load("note.md", "markdown", b"# Again\n\nStill readable.\n", timeout=60).title == "Again"
        assert worker.restarts == 2
    finally:
        worker.close()

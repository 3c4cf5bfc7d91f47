"""Feedback ratings in SQLite under the data directory."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from assistant.feedback import MAX_COMMENT, FeedbackStore


def test_ratings_are_stored_with_question_answer_and_sources(tmp_path):
    store = FeedbackStore(tmp_path / "data" / "feedback.sqlite")
    sources = [{"n": 1, "doc_id": "abc", "title": "Report", "quote": "A “quoted” passage"}]
    first = store.add(rating="up", question="What?", answer="This [1].", sources=sources, user="rita")
    second = store.add(rating="down", question="Why?", answer="No.", comment="  wrong source  ")
    assert second > first
    newest, oldest = store.list()
    assert (newest.rating, newest.comment, newest.user, newest.sources) == ("down", "wrong source", "anonymous", [])
    assert (oldest.question, oldest.answer, oldest.sources, oldest.user) == ("What?", "This [1].", sources, "rita")
    assert oldest.created_at.endswith("+00:00")
    # evaluators can read it with plain SQL
    rows = sqlite3.connect(tmp_path / "data" / "feedback.sqlite").execute("SELECT rating FROM feedback ORDER BY id").fetchall()
    assert rows == [("up",), ("down",)]


def test_bad_rating_and_long_comment(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    with pytest.raises(ValueError, match="rating"):
        store.add(rating="meh", question="q", answer="a")
    store.add(rating="up", question="q", answer="a", comment="x" * (MAX_COMMENT + 500))
    assert len(store.list()[0].comment) == MAX_COMMENT


def test_concurrent_writers(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite")

    def write(i: int) -> None:
        for j in range(10):
            store.add(rating="up", question=f"{i}-{j}", answer="a")

    threads = [threading.Thread(target=write, args=(i,)) for i in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.list(limit=100)) == 50

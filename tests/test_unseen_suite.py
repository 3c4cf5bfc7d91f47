"""The unseen-documents suite (evals/suites/unseen.yaml) loads, and its key facts are in its documents.

Why: the suite's questions were written by examiners on documents in corpus/unseen; a key fact
that is not in the text the loaders read can never be answered, whatever the answer code does,
so it must be a known ingest problem (listed below) or a mistake in the suite. No model is
loaded: the documents are only parsed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from evals.metrics import states
from evals.suite import SPLITS, load_suite
from indexing.loaders import load
from indexing.sniff import sniff

REPO = Path(__file__).resolve().parent.parent
SUITE = REPO / "evals" / "suites" / "unseen.yaml"
UNSEEN = REPO / "corpus" / "unseen"
FOLDERS = (UNSEEN, REPO / "corpus" / "documents")
PREFIX_OF_SPLIT = {"dev": "u6-", "test": "u7-"}  # dev = examiner set heldout6, test = heldout7

# Key-fact phrasings the loaders lose today: (question id, phrasing) -> why. The document states
# them; ingest drops them. When a loader is fixed the test below fails: remove the entry.
KNOWN_LOSSES: dict[tuple[str, str], str] = {}  # none since numbered lists under numbered headings are read (2026-11-30)

SUITE_QUESTIONS = load_suite(SUITE).questions


def _path(name: str) -> Path | None:
    return next((folder / name for folder in FOLDERS if (folder / name).is_file()), None)


@cache
def _loaded_text(name: str) -> str:
    """The document as ingest reads it: every block's heading path and text."""
    path = _path(name)
    assert path is not None, name
    data = path.read_bytes()
    doc = load(path.name, sniff(path, data), data)
    parts = [doc.title]
    for block in doc.blocks:
        parts += [*block.headings, block.text]
    return "\n".join(parts)


def test_suite_loads_with_both_splits_and_prefixed_ids():
    splits = {q.split for q in SUITE_QUESTIONS}
    assert splits == set(SPLITS)
    for q in SUITE_QUESTIONS:
        assert q.id.startswith(PREFIX_OF_SPLIT[q.split]), q.id
    suite = load_suite(SUITE)
    for split in SPLITS:
        part = suite.only_split(split)
        counts = part.category_counts()
        assert counts["unanswerable"] and counts["follow-up"] and counts["list"], (split, counts)


def test_relevant_documents_exist_and_every_unseen_document_is_asked_about():
    named = {name for q in SUITE_QUESTIONS for name in q.relevant}
    missing = sorted(n for n in named if _path(n) is None)
    assert not missing, missing
    documents = {p.name for p in UNSEEN.iterdir() if p.is_file() and p.name != "README.md"}
    assert len(documents) == 10 and documents <= named, documents - named


@pytest.mark.parametrize("question", [q for q in SUITE_QUESTIONS if q.key_facts], ids=lambda q: q.id)
def test_key_facts_are_in_the_loaded_text_of_a_relevant_document(question):
    for fact in question.key_facts:
        for phrasing in fact:
            if phrasing.startswith("re:"):
                continue
            found = any(states(_loaded_text(name), phrasing) for name in question.relevant)
            lost = KNOWN_LOSSES.get((question.id, phrasing))
            if lost:
                assert not found, f"{question.id}: {phrasing!r} is now read ({lost}); remove it from KNOWN_LOSSES"
            else:
                assert found, f"{question.id}: {phrasing!r} is in none of {question.relevant} as the loaders read them"


def test_known_losses_name_real_phrasings():
    phrasings = {(q.id, p) for q in SUITE_QUESTIONS for fact in q.key_facts for p in fact}
    assert set(KNOWN_LOSSES) <= phrasings

"""The examiners' tuning sets (corpus/examiners, evals/suites/examiners) load, and every document a question names is there.

Why: ``make eval-examiners`` indexes each folder and runs its suite; a question naming a file the folder lacks, or a
suite the loader rejects, would only show as a low score. No model is loaded and no document is parsed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.suite import load_suite

REPO = Path(__file__).resolve().parent.parent
SUITES = sorted((REPO / "evals" / "suites" / "examiners").glob("heldout*.yaml"))


def test_every_examiner_folder_has_its_suite_and_the_other_way_round():
    folders = {p.name for p in (REPO / "corpus" / "examiners").glob("heldout*") if p.is_dir()}
    assert folders and folders == {p.stem for p in SUITES}


@pytest.mark.parametrize("path", SUITES, ids=lambda p: p.stem)
def test_an_examiner_suite_loads_and_names_only_its_own_documents(path):
    suite = load_suite(path)
    held = {p.name for p in (REPO / "corpus" / "examiners" / path.stem).iterdir()} | {
        p.name for p in (REPO / "corpus" / "documents").iterdir()}
    counts = suite.category_counts()
    assert counts["unanswerable"] and counts["follow-up"] and counts["list"], counts
    for q in suite.questions:
        assert set(q.relevant) <= held, (q.id, set(q.relevant) - held)

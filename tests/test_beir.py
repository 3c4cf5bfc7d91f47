"""The BEIR runner end to end on a tiny BEIR-layout dataset, with the real model."""

from __future__ import annotations

import json
import math

import pytest

from evals.beir import format_report, load_dataset, run_beir

CORPUS = {
    "d1": ("Volcanic eruptions", "Magma rises through the crust and erupts as lava from a volcano."),
    "d2": ("Honey bees", "Bees collect nectar from flowers and turn it into honey in the hive."),
    "d3": ("Chess openings", "The Sicilian Defence is a popular chess opening for black."),
    "d4": ("Bread baking", "Yeast makes bread dough rise before it is baked in an oven."),
    "d5": ("Ocean tides", "The moon's gravity pulls on the oceans and causes the tides."),
    "d6": ("Solar panels", "Photovoltaic cells turn sunlight into electricity."),
    "d7": ("Penguins", "Emperor penguins breed during the Antarctic winter."),
    "d8": ("Tax returns", "A self assessment tax return is due by the end of January."),
}
QUERIES = [
    ("q1", "Why does lava erupt from a volcano?", "test"),
    ("q2", "How do bees produce honey?", "test"),
    ("q3", "Which chess opening is popular?", "test"),
    ("q4", "When do emperor penguins breed?", "train"),
]
QRELS = {"test": [("q1", "d1", 1), ("q2", "d2", 1), ("q3", "d3", 1), ("q3", "d99", 1)], "train": [("q4", "d7", 1)]}
# every query finds its document first; q3's second relevant document is not in the corpus:
# nDCG@10 = 1 / (1 + 1/log2 3), recall = 1/2
Q3_NDCG = 1 / (1 + 1 / math.log2(3))
EXPECTED = {
    "ndcg@10": (1 + 1 + Q3_NDCG) / 3,
    "mrr@10": 1.0,
    "recall@10": (1 + 1 + 0.5) / 3,
    "recall@100": (1 + 1 + 0.5) / 3,
}


def write_dataset(root, corpus=CORPUS):
    root.mkdir(parents=True, exist_ok=True)
    (root / "qrels").mkdir(exist_ok=True)
    with (root / "corpus.jsonl").open("w") as f:
        for doc_id, (title, text) in corpus.items():
            f.write(json.dumps({"_id": doc_id, "title": title, "text": text}) + "\n")
    with (root / "queries.jsonl").open("w") as f:
        for qid, text, split in QUERIES:
            f.write(json.dumps({"_id": qid, "text": text, "split": split}) + "\n")
    for split, rows in QRELS.items():
        lines = ["query-id\tcorpus-id\tscore"] + [f"{q}\t{d}\t{s}" for q, d, s in rows]
        (root / "qrels" / f"{split}.tsv").write_text("\n".join(lines) + "\n")
    return root


@pytest.fixture
def dataset(tmp_path):
    return write_dataset(tmp_path / "tiny")


def test_load_keeps_only_the_split_judged_queries(dataset):
    test = load_dataset(dataset, "test")
    assert list(test.queries) == ["q1", "q2", "q3"] and len(test.corpus) == 8
    assert test.qrels["q3"] == {"d3": 1.0, "d99": 1.0}
    assert list(load_dataset(dataset, "train").queries) == ["q4"]
    assert list(load_dataset(dataset, "test", limit_queries=2).queries) == ["q1", "q2"]


def test_runner_scores_every_mode_and_reuses_its_index(dataset, settings, embedder):
    report = run_beir(dataset, settings, "test", embedder=embedder)
    assert report.queries == 3 and report.index.documents == 8 and report.index.added == 8
    assert report.settings["collection_prefix"] == "beir_tiny"
    assert (settings.data_dir / "beir" / "tiny" / "keyword.sqlite").exists()
    for mode in ("dense", "keyword", "hybrid"):
        assert report.modes[mode].metrics == pytest.approx(EXPECTED, abs=1e-4), mode
    text = format_report(report)
    assert "hybrid" in text and "ndcg@10" in text
    assert json.loads(json.dumps(report.public()))["modes"]["keyword"]["metrics"]["mrr@10"] == 1.0

    again = run_beir(dataset, settings, "test", modes=("keyword",), embedder=embedder)
    assert (again.index.added, again.index.texts_embedded) == (0, 0)  # nothing re-embedded
    assert list(again.modes) == ["keyword"]


def test_a_changed_corpus_updates_only_what_changed(dataset, settings, embedder):
    run_beir(dataset, settings, "test", modes=("keyword",), embedder=embedder)
    changed = dict(CORPUS)
    changed["d8"] = ("Tax returns", "Self assessment returns are due on 31 January.")
    del changed["d7"]
    write_dataset(dataset, changed)
    report = run_beir(dataset, settings, "test", modes=("keyword",), embedder=embedder)
    assert (report.index.added, report.index.removed, report.index.documents) == (1, 1, 7)
    assert report.modes["keyword"].metrics == pytest.approx(EXPECTED, abs=1e-4)


def test_unknown_mode_is_refused(dataset, settings, embedder):
    with pytest.raises(ValueError, match="unknown mode"):
        run_beir(dataset, settings, "test", modes=("sparse",), embedder=embedder)

"""Eval suites: the schema's errors are clear, the golden suite is complete, and `psb eval run` gates CI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from assistant.cli import cli
from assistant.services import Services
from assistant.settings import Settings
from evals.suite import CATEGORIES, SuiteError, load_suite

REPO = Path(__file__).resolve().parent.parent
SUITES = REPO / "evals" / "suites"
DOCUMENTS = {p.name for p in (REPO / "corpus" / "documents").iterdir()}

VALID_Q = {"id": "q1", "category": "numeric", "question": "How many?", "reference": "984.", "key_facts": [["984"]],
           "relevant": ["smarter-services-report.pdf"]}


def _write(tmp_path: Path, suite: dict) -> Path:
    path = tmp_path / "suite.yaml"
    path.write_text(yaml.safe_dump(suite), encoding="utf-8")
    return path


def _error(tmp_path: Path, suite: dict) -> str:
    with pytest.raises(SuiteError) as exc:
        load_suite(_write(tmp_path, suite))
    return str(exc.value)


# ---------------------------------------------------------------- schema
@pytest.mark.parametrize("change, expected", [
    ({"category": "trivia"}, "questions[0] (id q1).category: Input should be 'factual'"),
    ({"question": None}, "give exactly one of 'question' or 'turns'"),
    ({"turns": ["only one"], "question": None}, "'turns' needs at least two"),
    ({"key_facts": []}, "needs at least one key fact"),
    ({"relevant": []}, "needs at least one relevant document"),
    ({"key_facts": [["re:(unclosed"]]}, "bad regex"),
    ({"category": "unanswerable"}, "an unanswerable question has no key_facts"),
    ({"category": "follow-up"}, "use 'turns'"),
    ({"answer": "typo for reference"}, "questions[0] (id q1).answer: Extra inputs are not permitted"),
])
def test_question_errors_name_the_question_and_field(tmp_path, change, expected):
    question = {k: v for k, v in {**VALID_Q, **change}.items() if v is not None}
    message = _error(tmp_path, {"name": "s", "questions": [question]})
    assert expected in message
    assert str(tmp_path / "suite.yaml") in message


def test_suite_level_errors(tmp_path):
    assert "unknown metric(s) hit_at_5" in _error(tmp_path, {"name": "s", "thresholds": {"hit_at_5": 0.5}, "questions": [VALID_Q]})
    assert "repeated: q1" in _error(tmp_path, {"name": "s", "questions": [VALID_Q, VALID_Q]})
    assert "a suite is a mapping" in _error(tmp_path, ["not", "a", "mapping"])  # type: ignore[arg-type]
    with pytest.raises(SuiteError, match="no such suite file"):
        load_suite(tmp_path / "missing.yaml")


def test_threshold_shorthand(tmp_path):
    suite = load_suite(_write(tmp_path, {"name": "s", "thresholds": {"hit_at_k": 0.8, "latency_p95_ms": 900}, "questions": [VALID_Q]}))
    assert (suite.thresholds["hit_at_k"].min, suite.thresholds["hit_at_k"].max) == (0.8, None)
    assert (suite.thresholds["latency_p95_ms"].min, suite.thresholds["latency_p95_ms"].max) == (None, 900)


# ---------------------------------------------------------------- the shipped suites
def test_golden_suite_meets_its_category_counts():
    suite = load_suite(SUITES / "golden.yaml")
    counts = suite.category_counts()
    assert len(suite.questions) >= 60
    assert counts["unanswerable"] >= 10
    assert counts["multi-document"] >= 10
    assert counts["paraphrased"] >= 10
    assert counts["follow-up"] >= 3
    assert all(counts[c] >= 5 for c in ("factual", "numeric", "list"))
    assert all(len(q.relevant) >= 2 for q in suite.questions if q.category == "multi-document")
    named = {name for q in suite.questions for name in q.relevant}
    assert named <= DOCUMENTS, named - DOCUMENTS


def test_golden_is_split_into_dev_and_test_across_every_category():
    suite = load_suite(SUITES / "golden.yaml")
    for split in ("dev", "test"):
        part = suite.only_split(split)
        assert part.name == f"golden-{split}"
        assert all(q.split == split for q in part.questions)
        assert all(n >= 2 for n in part.category_counts().values()), (split, part.category_counts())
    assert len(suite.only_split("dev").questions) + len(suite.only_split("test").questions) == len(suite.questions)
    assert suite.only_split(None) is suite


def test_an_empty_or_unknown_split_is_a_clear_error(tmp_path):
    suite = load_suite(_write(tmp_path, {"name": "s", "questions": [VALID_Q]}))
    with pytest.raises(SuiteError, match="no questions in the 'test' split"):
        suite.only_split("test")
    with pytest.raises(SuiteError, match="unknown split 'train'"):
        suite.only_split("train")
    assert "split" in _error(tmp_path, {"name": "s", "questions": [{**VALID_Q, "split": "holdout"}]})


def test_ci_suite_is_a_subset_of_golden_covering_every_category():
    golden = {q.id: q for q in load_suite(SUITES / "golden.yaml").questions}
    ci = load_suite(SUITES / "ci.yaml")
    assert 10 <= len(ci.questions) <= 25
    assert {q.category for q in ci.questions} == set(CATEGORIES)
    assert sum(not q.answerable for q in ci.questions) >= 6, "enough out-of-scope questions to gate on refusals"
    assert {"refusal_precision", "refusal_recall", "clean_answer", "answer_words_p50"} <= set(ci.thresholds)
    for q in ci.questions:
        assert q == golden[q.id], f"{q.id} differs from golden.yaml"
    assert ci.thresholds, "the CI suite must gate on thresholds"


# ---------------------------------------------------------------- psb eval run
@pytest.fixture
def shared_model(monkeypatch, embedder):
    """`psb eval run` opens its own Services; give them the session's loaded model (saves ~5 s a run)."""

    def open_services(settings: Settings) -> Services:
        services = Services(settings, shared_embedder=embedder)
        return services

    monkeypatch.setattr("evals.runner.open_services", open_services)


def test_eval_run_gates_on_thresholds_and_writes_reports(corpus_data_dir, shared_model, tmp_path):
    runner = CliRunner()
    out = tmp_path / "ci"
    result = runner.invoke(cli, ["eval", "run", str(SUITES / "ci.yaml"), "--data-dir", str(corpus_data_dir), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output + (result.stderr or "")
    summary = json.loads(result.stdout)
    assert summary["passed"] is True and summary["failed_thresholds"] == []
    for name in ("results.json", "report.md", "report.html", "metrics_by_category.png", "latency.png"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "metrics_by_category.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = (out / "report.md").read_text()
    assert "## By category" in report and "unanswerable" in report and "![latency](latency.png)" in report
    assert "<table>" in (out / "report.html").read_text()
    results = json.loads((out / "results.json").read_text())
    assert len(results["questions"]) == len(load_suite(SUITES / "ci.yaml").questions)
    assert all(q["retrieved"] for q in results["questions"])
    assert {q["backend"] for q in results["questions"]} <= {"extractive", "register"}  # who wrote each answer (no LLM here)

    # a copy with an impossible threshold exits 3 and names the metric; --baseline adds the comparison
    suite = yaml.safe_load((SUITES / "ci.yaml").read_text())
    suite["questions"] = [q for q in suite["questions"] if q["id"] in ("num-01", "list-01", "none-14")]
    suite["thresholds"] = {"hit_at_k": 0.9, "key_fact_recall": 1.01}
    strict = _write(tmp_path, suite)
    result = runner.invoke(cli, ["eval", "run", str(strict), "--data-dir", str(corpus_data_dir), "--out", str(tmp_path / "strict"),
                                 "--baseline", str(out / "results.json")])
    assert result.exit_code == 3, result.output
    assert "threshold not met: key_fact_recall" in result.stderr
    assert "hit_at_k" not in result.stderr
    strict_report = (tmp_path / "strict" / "report.md").read_text()
    assert "Change against baseline" in strict_report and "FAILED: key_fact_recall" in strict_report


def test_eval_run_on_an_empty_data_dir_says_to_ingest(tmp_path, shared_model):
    result = CliRunner().invoke(cli, ["eval", "run", str(SUITES / "ci.yaml"), "--data-dir", str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "psb ingest corpus/documents" in result.stderr


# ---------------------------------------------------------------- optional LLM judge (a scripted model, no server)
def test_judge_scores_follow_the_ragas_definitions():
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from evals.judge import Judge

    class Axis:
        """Questions mentioning 'survey' point one way, others orthogonally."""

        def embed_query(self, text):
            return [1.0, 0.0] if "survey" in text.lower() else [0.0, 1.0]

    model = FakeListChatModel(responses=[
        "984 people answered.\nThe survey cost £1m.",  # statements
        "yes", "no",  # verdicts: one of two supported
        "How many answered the survey?\nWhat was the weather?",  # generated questions
    ])
    scores = Judge(model, Axis(), n_questions=2).score("Who answered the survey?", "984 people answered [1].", ["984 completed responses."])
    assert scores == {"faithfulness": 0.5, "answer_relevancy": 0.5}


def test_an_llm_run_records_who_wrote_each_answer_and_can_skip_the_judge(corpus_data_dir, shared_model, llm_server, tmp_path):
    """The real SmolLM2 server writes (or falls back from) each answer; --no-judge asks it nothing more."""
    url, model = llm_server
    suite = yaml.safe_load((SUITES / "ci.yaml").read_text())
    suite["questions"] = [q for q in suite["questions"] if q["id"] == "num-01"]
    suite["thresholds"] = {}
    path = _write(tmp_path, suite)
    env = {"PSB_LLM_BACKEND": "openai", "PSB_LLM_BASE_URL": url, "PSB_LLM_MODEL": model}
    result = CliRunner().invoke(cli, ["eval", "run", str(path), "--no-judge", "--data-dir", str(corpus_data_dir),
                                      "--out", str(tmp_path / "llm")], env=env)
    assert result.exit_code == 0, result.output
    (only,) = json.loads((tmp_path / "llm" / "results.json").read_text())["questions"]
    assert only["backend"] in {"llm", "extractive"} and only["judge"] is None


def test_an_answer_from_the_register_is_scored_on_what_a_search_for_it_finds(corpus_data_dir, shared_model, tmp_path):
    """The register answers without a search; its retrieval metrics must not read as a miss (hit@k 0 while MRR is 1)."""
    suite = {"name": "register", "thresholds": {"key_fact_recall": 0.0}, "questions": [
        {"id": "reg-01", "category": "list", "question": "What does the PSB recommend?", "reference": "The register's entries.",
         "key_facts": [["skills"]], "relevant": ["psb-recommendations-summary.docx"]}]}
    out = tmp_path / "register"
    result = CliRunner().invoke(cli, ["eval", "run", str(_write(tmp_path, suite)), "--data-dir", str(corpus_data_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    question = json.loads((out / "results.json").read_text())["questions"][0]
    assert question["backend"] == "register"
    assert question["retrieved"] and question["scores"]["hit_at_k"] == 1.0
    assert not any("no relevant document" in f for f in question["failures"])


def test_a_citation_is_checked_against_the_section_it_was_read_from():
    """A list read whole from a section that runs over a page break is quoted from two chunks; citation support must
    check it against that section, not only the first retrieved chunk of its page."""
    from assistant.answer import Citation
    from evals.runner import _cited_text
    from indexing.store import StoredChunk

    section = "Where families ran into trouble"
    chunks = [StoredChunk("d:7", "1. Parents without internet found the portal hard to use.", {"doc_id": "d", "section": section, "page": 1}),
              StoredChunk("d:8", "2. The portal was only in English.\n\n3. Families who moved had to apply twice.",
                          {"doc_id": "d", "section": section, "page": 2})]
    quote = "Parents without internet found the portal hard to use. … The portal was only in English. … Families who moved had to apply twice."
    citation = Citation(n=1, doc_id="d", title="T", source="d.pdf", page=1, section=section, quote=quote)
    text = _cited_text(citation, [], lambda doc_id: chunks)
    assert "apply twice" in text and "hard to use" in text
    other = Citation(n=1, doc_id="d", title="T", source="d.pdf", page=1, section="Elsewhere", quote="Something else entirely.")
    assert _cited_text(other, [], lambda doc_id: chunks) == "Something else entirely."  # nothing holds it: the quote itself

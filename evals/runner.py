"""Run a suite against one data directory: ask every question, time it, score it, aggregate.

The assistant is used exactly as the CLI and UI use it (``Assistant.ask``). What it retrieved is
recorded by wrapping the retriever, so the scored passages are the ones the answerer saw; a second,
deeper retrieval for MRR/nDCG happens after the timed call and does not count towards latency.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from assistant.errors import EmptyIndexError, PSBError
from assistant.guard import GroundingGuard
from assistant.retrieval import Passage, merge_retrieved
from assistant.services import Services
from assistant.settings import Settings
from evals.answer_checks import answer_words, has_flattened_table, has_running_line, pdf_running_lines
from evals.metrics import (Aggregate, Scored, aggregate, by_category, citation_precision, citation_support,
                           key_fact_recall, rank_documents, refusal_sweep, retrieval_scores, states)
from evals.suite import Question, Suite

DEEP_K = 20  # passages retrieved for the document ranking behind MRR@10 and nDCG@10
SWEEP = [round(0.05 * i, 2) for i in range(0, 13)]  # refusal thresholds 0.00 .. 0.60

SETTINGS_RECORDED = ("chunk_tokens", "chunk_overlap_tokens", "top_k", "candidate_k", "dense_weight", "refusal_threshold", "llm_backend", "llm_model")


class QuestionResult(BaseModel):
    id: str
    category: str
    question: str
    turns: list[str] | None = None
    reference: str
    relevant: list[str]
    answer: str
    refused: bool
    standalone_question: str = ""
    citations: list[dict[str, Any]] = Field(default_factory=list)
    retrieved: list[dict[str, Any]] = Field(default_factory=list)
    documents_top_k: list[str] = Field(default_factory=list)
    documents_deep: list[str] = Field(default_factory=list)
    best_dense: float = 0.0
    latency_ms: float
    scores: dict[str, float | None] = Field(default_factory=dict)
    missing_facts: list[str] = Field(default_factory=list)
    section_hit: bool | None = None
    failures: list[str] = Field(default_factory=list)
    judge: dict[str, float | None] | None = None
    running_header: bool = False
    missing: list[str] = Field(default_factory=list)
    flattened_table: bool = False
    backend: str = ""  # who wrote the answer: "extractive", "llm", "register"; with an LLM, how often it fell back shows here

    @property
    def answerable(self) -> bool:
        return self.category != "unanswerable"

    def scored(self) -> Scored:
        return Scored(id=self.id, category=self.category, answerable=self.answerable, refused=self.refused,
                      latency_ms=self.latency_ms, scores=self.scores)


class ThresholdCheck(BaseModel):
    metric: str
    min: float | None = None
    max: float | None = None
    value: float | None
    ok: bool


class RunResult(BaseModel):
    suite: str
    suite_path: str = ""
    started: str
    data_dir: str
    settings: dict[str, Any]
    documents: int
    chunks: int
    overall: dict[str, Aggregate]
    categories: dict[str, dict[str, Aggregate]]
    thresholds: list[ThresholdCheck]
    passed: bool
    questions: list[QuestionResult]
    refusal_sweep: list[dict[str, float | None]] = Field(default_factory=list)
    judge: dict[str, Aggregate] | None = None

    @property
    def failed_thresholds(self) -> list[ThresholdCheck]:
        return [t for t in self.thresholds if not t.ok]


class _Recorder:
    """Stands in for the retriever inside the Assistant and keeps the calls of the latest question.

    A two-part question is retrieved part by part; ``merged`` rebuilds what the answerer saw.
    """

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls: list[tuple[str, Any]] = []

    def retrieve(self, query: str, k: int = 5, filters=None, *args, **kwargs):
        result = self.inner.retrieve(query, k, filters, *args, **kwargs)
        self.calls.append((query, result))
        return result

    def merged(self, k: int):
        return merge_retrieved([r for _, r in self.calls], k) if self.calls else None

    def deep(self, fallback: str, k: int):
        """The same queries retrieved deeper, merged, for the document ranking behind MRR and nDCG."""
        queries = [q for q, _ in self.calls] or [fallback]
        return merge_retrieved([self.inner.retrieve(q, k) for q in queries], k)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def open_services(settings: Settings) -> Services:
    """The Services a run uses (tests replace this to share an already-loaded model)."""
    return Services(settings)


def run_suite(suite: Suite, settings: Settings, suite_path: str = "", progress: Callable[[int, int, str], None] | None = None,
              services: Services | None = None, judge: bool = True) -> RunResult:
    """``judge``: with an LLM backend, score each answer with the model as judge too (``evals.judge``)."""
    services = services or open_services(settings)
    records = services.store.list_documents()
    if not records:
        raise EmptyIndexError(str(settings.data_dir))
    indexed = {Path(r.source).name for r in records}
    unknown = sorted({name for q in suite.questions for name in q.relevant} - indexed)
    if unknown:
        raise PSBError(f"the suite names relevant documents that are not indexed in {settings.data_dir}: {', '.join(unknown)} "
                       f"(indexed: {', '.join(sorted(indexed))})")
    recorder = _Recorder(services.retriever)
    assistant = services.assistant_over(recorder)
    guard = GroundingGuard(services.embedder)
    judge = _make_judge(assistant, services) if judge else None
    running = _running_lines(records)
    recorder.inner.retrieve("warm-up", 1)  # load the model and indexes before anything is timed

    results = []
    for i, q in enumerate(suite.questions, start=1):
        if progress:
            progress(i, len(suite.questions), q.id)
        results.append(_run_question(q, assistant, recorder, guard, settings, judge, running))

    rows = [r.scored() for r in results]
    overall = aggregate(rows)
    checks = check_thresholds(suite, overall)
    sweep_rows = [(not r.answerable, r.best_dense, r.refused and r.best_dense >= settings.refusal_threshold) for r in results]
    return RunResult(
        suite=suite.name, suite_path=suite_path, started=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        data_dir=str(settings.data_dir), settings={k: _plain(getattr(settings, k)) for k in SETTINGS_RECORDED},
        documents=len(records), chunks=sum(r.chunks for r in records), overall=overall, categories=by_category(rows),
        thresholds=checks, passed=all(c.ok for c in checks), questions=results, refusal_sweep=refusal_sweep(sweep_rows, SWEEP),
        judge=_judge_aggregates(results) if judge else None,
    )


def _running_lines(records) -> set[str]:
    """Running header/footer shapes of every indexed PDF whose file is still on disk."""
    shapes: set[str] = set()
    for r in records:
        path = Path(r.source)
        if r.kind == "pdf" and path.is_file():
            try:
                shapes |= pdf_running_lines(path.read_bytes())
            except Exception:  # a check, not a loader: an unreadable file only loses its lines
                continue
    return shapes


def _run_question(q: Question, assistant, recorder: _Recorder, guard: GroundingGuard, settings: Settings, judge,
                  running: set[str] = frozenset()) -> QuestionResult:
    history: list[dict] = []
    for turn in (q.turns or [])[:-1]:
        earlier = assistant.ask(turn, history=history)
        history += [{"role": "user", "content": turn}, earlier.as_turn()]  # as the chat UI keeps it
    recorder.calls.clear()
    start = time.perf_counter()
    answer = assistant.ask(q.asked, history=history)
    latency = (time.perf_counter() - start) * 1000
    if not recorder.calls:
        # answered without a search (from the recommendations register): the retrieval metrics score what a search for
        # the question finds, rather than an empty list that fails hit@k while the deeper ranking finds the document
        recorder.retrieve(answer.standalone_question or q.asked, settings.top_k)
    retrieved = recorder.merged(settings.top_k)
    passages = list(retrieved.passages) if retrieved else []
    deep = recorder.deep(q.asked, max(DEEP_K, len(passages)))
    top_docs = rank_documents([Path(p.source).name for p in passages])
    deep_docs = rank_documents([Path(p.source).name for p in deep.passages])

    cited_texts = {c.n: _cited_text(c, passages, recorder.store.chunks_of) for c in answer.citations}
    scores: dict[str, float | None] = {}
    missing: list[str] = []
    if q.answerable:
        scores.update(retrieval_scores(top_docs, deep_docs, q.relevant))
        text = "" if answer.refused else answer.answer
        scores["key_fact_recall"] = key_fact_recall(text, q.key_facts)
        missing = [fact[0] for fact in q.key_facts if not any(states(text, p) for p in fact)]
        scores["citation_precision"] = citation_precision([Path(c.source).name for c in answer.citations], q.relevant)
        scores["citation_support"] = None if answer.refused else citation_support(answer.answer, cited_texts, guard.supports)
    header = not answer.refused and has_running_line(answer.answer, running)
    flat = not answer.refused and has_flattened_table(answer.answer)
    if q.answerable and not answer.refused:
        scores["clean_answer"] = 0.0 if header or flat else 1.0
        scores["answer_words"] = float(answer_words(answer.answer))
    section_hit = None
    if q.sections:
        section_hit = any(Path(p.source).name in q.relevant and any(s.lower() in (p.section or "").lower() for s in q.sections) for p in passages)

    result = QuestionResult(
        id=q.id, category=q.category, question=q.asked, turns=q.turns, reference=q.reference, relevant=q.relevant,
        answer=answer.answer, refused=answer.refused, standalone_question=answer.standalone_question,
        citations=[{"n": c.n, "source": Path(c.source).name, "section": c.section, "page": c.page,
                    "last_page": c.last_page, "quote": c.quote,
                    "relevant": Path(c.source).name in q.relevant} for c in answer.citations],
        retrieved=[{"source": Path(p.source).name, "section": p.section, "page": p.page, "score": round(p.score, 5),
                    "dense": None if p.dense is None else round(p.dense, 4), "text": p.text[:300]} for p in passages],
        documents_top_k=top_docs, documents_deep=deep_docs, best_dense=round(float(retrieved.best_dense if retrieved else 0.0), 4),
        latency_ms=round(latency, 1), scores=scores, missing_facts=missing, section_hit=section_hit,
        running_header=header, flattened_table=flat, missing=answer.missing, backend=answer.backend or "",
    )
    result.failures = _failures(q, result)
    if judge and q.answerable and not answer.refused:
        result.judge = judge.score(q.asked, answer.answer, [p.text for p in passages])
    return result


def _cited_text(citation, passages, chunks_of: Callable[[str], list] | None = None) -> str:
    """The full passage behind a citation (same document, section and page, holding what it quotes), else its quote.

    The answerer reads chunks the search did not return too (a section it adds for a list question, read whole across
    a page break); those are looked up in the document's own chunks (``chunks_of``), so a list that runs on over two
    chunks is checked against the section it was read from, not against the first retrieved chunk of its page."""
    pieces = [piece.strip()[:60] for piece in citation.quote.split(" …") if piece.strip()]
    if not pieces:
        return citation.quote

    def behind(found: list[Passage]) -> list[Passage]:
        return [p for p in found if p.doc_id == citation.doc_id and (p.section or None) == citation.section]

    texts = [p.text for p in behind(passages) if p.spans(citation.page, citation.last_page)]
    whole = next((text for text in texts if all(piece in text for piece in pieces)), None)
    if whole is None and chunks_of is not None:  # (the document is read only when no retrieved passage holds the quote)
        section = behind([Passage.from_chunk(c) for c in chunks_of(citation.doc_id)])
        stored = [p.text for p in section if p.spans(citation.page, citation.last_page)] + ["\n\n".join(p.text for p in section)]  # read whole
        whole = next((text for text in stored if all(piece in text for piece in pieces)), None)
        texts += stored
    # else the passage holding the first quoted line, as before, when none holds them all
    return whole or next((text for text in texts if pieces[0] in text), citation.quote)


def _failures(q: Question, r: QuestionResult) -> list[str]:
    """Why a question counts as failed in the report; empty means it passed."""
    if not q.answerable:
        return [] if r.refused else ["answered a question the documents do not cover"]
    out = []
    if r.refused:
        out.append("refused an answerable question")
    if r.scores.get("hit_at_k") == 0:
        out.append("no relevant document among the passages given to the answerer")
    if r.missing_facts:
        out.append("missing key facts: " + "; ".join(r.missing_facts))
    if r.running_header:
        out.append("the answer carries a running page header or footer")
    if r.flattened_table:
        out.append("the answer holds a table flattened into one line")
    if r.scores.get("citation_precision") == 0:
        out.append("cites only documents that are not relevant")
    return out


def check_thresholds(suite: Suite, overall: dict[str, Aggregate]) -> list[ThresholdCheck]:
    """A threshold fails when its metric is below ``min``, above ``max``, or undefined."""
    checks = []
    for metric, bound in suite.thresholds.items():
        value = overall[metric].value if metric in overall else None
        ok = value is not None and (bound.min is None or value >= bound.min) and (bound.max is None or value <= bound.max)
        checks.append(ThresholdCheck(metric=metric, min=bound.min, max=bound.max, value=value, ok=ok))
    return checks


def _make_judge(assistant, services: Services):
    if getattr(assistant, "chat_model", None) is None:
        return None
    from evals.judge import Judge

    return Judge(assistant.chat_model, services.embedder)


def _judge_aggregates(results: list[QuestionResult]) -> dict[str, Aggregate]:
    from evals.metrics import bootstrap_ci, mean

    out = {}
    for name in ("faithfulness", "answer_relevancy"):
        values = [r.judge[name] for r in results if r.judge and r.judge.get(name) is not None]
        lo, hi = bootstrap_ci(values, mean)
        out[name] = Aggregate(value=mean(values), ci_low=lo, ci_high=hi, n=len(values))
    return out


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


__all__ = ["RunResult", "QuestionResult", "ThresholdCheck", "run_suite", "check_thresholds", "open_services"]

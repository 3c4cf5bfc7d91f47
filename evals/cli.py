"""``psb eval``: the evaluation commands, added to the ``psb`` root through its extension hook.

``pyproject.toml`` declares ``register`` under the ``psb.commands`` entry point, so the core CLI
never imports ``evals`` (layers run one way: evals depends on assistant, not the reverse).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assistant.cli import common, emit
from assistant.errors import PSBError
from assistant.settings import Settings


@click.group("eval")
def eval_group() -> None:  # noqa: A001 - the command is called `psb eval`
    """Measure retrieval and answers: eval suites and BEIR benchmarks."""


@eval_group.command("run")
@click.argument("suite", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Report folder (default evals/runs/SUITE-NAME).")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None, help="An earlier results.json to compare against.")
@click.option("--split", type=click.Choice(["dev", "test"]), default=None, help="Only the questions of this split (default: all).")
@click.option("--judge/--no-judge", default=True, show_default=True,
              help="With an LLM backend, also score each answer with it as judge (a small local model makes this slow).")
@common
def eval_run(suite: Path, out_dir: Path | None, baseline: Path | None, split: str | None, judge: bool, settings: Settings,
             as_json: bool) -> None:
    """Run an eval SUITE (YAML) and write results.json, report.md/.html and plots.

    Exit status 0 when every threshold is met, 3 when any metric misses its threshold, 1 on errors.
    """
    from evals.report import load_results, write_report
    from evals.runner import run_suite
    from evals.suite import load_suite

    spec = load_suite(suite).only_split(split)
    base = load_results(baseline) if baseline else None
    show = (lambda i, n, qid: click.echo(f"[{i}/{n}] {qid}", err=True)) if not as_json and sys.stderr.isatty() else None
    result = run_suite(spec, settings, suite_path=str(suite), progress=show, judge=judge)
    files = write_report(result, out_dir or Path("evals/runs") / spec.name, base)
    if as_json:
        emit({"passed": result.passed, "overall": {k: v.model_dump() for k, v in result.overall.items()},
              "failed_thresholds": [t.model_dump() for t in result.failed_thresholds], "files": {k: str(v) for k, v in files.items()}})
    else:
        for name, a in result.overall.items():
            click.echo(f"{name:20} {'n/a' if a.value is None else f'{a.value:.3f}':>9}  (n={a.n})")
        click.echo(f"report: {files['report.md']}")
    for t in result.failed_thresholds:
        bound = f">= {t.min}" if t.min is not None and (t.value is None or t.value < t.min) else f"<= {t.max}"
        click.echo(f"threshold not met: {t.metric} = {'undefined' if t.value is None else f'{t.value:.3f}'} (needs {bound})", err=True)
    sys.exit(0 if result.passed else 3)


@eval_group.command("recommendations")
@click.option("--labels", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Hand labels (default evals/labels/recommendations.yaml).")
@common
def eval_recommendations(labels: Path | None, settings: Settings, as_json: bool) -> None:
    """Score the recommendations register against hand labels: precision, recall, owner, timescale, theme,
    and the register questions (asked through the assistant: complete and cited).

    Run `psb ingest corpus/documents` first. Exit status 3 when a target is missed.
    """
    from assistant.register import current_records
    from assistant.services import Services
    from evals.recommendations import (DEFAULT_LABELS, format_score, labelled_sources, load_labels, load_questions, score_questions,
                                       score_register)

    path = labels or DEFAULT_LABELS
    services = Services(settings)
    ready = services.store.ready_ids()
    indexed = {d.source for d in services.store.list_documents()}
    missing = labelled_sources(path) - indexed
    if missing:
        raise PSBError(f"labelled documents are not indexed: {', '.join(sorted(missing))}: run `psb ingest corpus/documents` first")
    labels, records = load_labels(path), current_records(services.register, services.store, ready)
    score = score_register(labels, records, labelled_sources(path))
    score.questions, problems = score_questions(labels, records, load_questions(path), services.assistant.ask)
    score.problems += problems
    if as_json:
        emit({"passed": score.passed, "metrics": score.metrics(), "counts": score.counts, "problems": score.problems})
    else:
        click.echo(format_score(score))
    sys.exit(0 if score.passed else 3)


@eval_group.command("beir")
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", default="test", show_default=True, help="Judgements to score against (qrels/SPLIT.tsv).")
@click.option("--modes", default="dense,keyword,hybrid", show_default=True, help="Comma-separated retrieval modes to score.")
@click.option("--limit-queries", type=click.IntRange(1), default=None, help="Score only the first N judged queries.")
@common
def eval_beir(dataset: Path, split: str, modes: str, limit_queries: int | None, settings: Settings, as_json: bool) -> None:
    """Index a BEIR-layout DATASET into its own collection (reused on re-runs) and score retrieval."""
    from evals.beir import format_report, run_beir

    show = (lambda done, total: click.echo(f"indexed {done}/{total} documents", err=True)) if not as_json and sys.stderr.isatty() else None
    try:
        report = run_beir(dataset, settings, split, tuple(m.strip() for m in modes.split(",") if m.strip()), limit_queries, on_progress=show)
    except (ValueError, FileNotFoundError) as exc:
        raise click.UsageError(str(exc)) from None
    emit(report.public()) if as_json else click.echo(format_report(report))


def register(root: click.Group) -> None:
    """Entry point for ``psb.commands``: add ``psb eval`` to the root group."""
    root.add_command(eval_group)

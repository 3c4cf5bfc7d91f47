"""A progress bar for long ingests on a terminal; silent otherwise."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from indexing.pipeline import FileResult, Indexer, IngestReport


def ingest_with_progress(indexer: Indexer, paths: Iterable[Path], show: bool) -> IngestReport:
    if not show:
        return indexer.ingest(paths)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[chunks]} chunks"), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("Indexing", total=None, chunks=0)
        counted = {"chunks": 0}

        def started(files: list[Path]) -> None:
            bar.update(task, total=len(files))

        def done(result: FileResult) -> None:
            counted["chunks"] += result.chunks
            bar.update(task, advance=1, chunks=counted["chunks"], description=f"Indexing {Path(result.path).name[:40]}")

        return indexer.ingest(paths, on_result=done, on_start=started)

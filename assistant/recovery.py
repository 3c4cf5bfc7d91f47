"""Crash debris outside Chroma: upload folders, and multi-file uploads cut off part-way.

Each upload batch works in its own ``data/uploads/upload-*`` folder holding ``batch.json``: the
file names in order and those finished so far. A folder that outlives its request belongs to a
server that was killed; recovery deletes it, and first copies the names it never finished into
``data/uploads/interrupted.json`` so staff can be told which files to upload again.

Usage: ``clean_upload_folders(data_dir, older_than_s=0)`` at server start (nothing is in flight).
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger(__name__)

BATCH_FILE = "batch.json"
_INTERRUPTED = "interrupted.json"
_KEEP_INTERRUPTED = 50  # batches remembered; older ones drop off


class BatchRecord:
    """The progress of one upload batch, rewritten after every file so a crash leaves the truth."""

    def __init__(self, workdir: Path, names: list[str]) -> None:
        self.path = workdir / BATCH_FILE
        self.state = {"started": _now(), "files": list(names), "done": []}
        self._write()

    def done(self, name: str) -> None:
        self.state["done"].append(name)
        self._write()

    def close(self) -> list[str]:
        """End the batch: record any files it never reached (a cancelled request), remove its folder."""
        missing = _retire(self.path.parent)
        return missing

    def _write(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state), encoding="utf-8")
        tmp.replace(self.path)


@dataclass
class UploadCleanup:
    """What ``clean_upload_folders`` removed and which files of cut-off batches never ran."""

    folders: int = 0
    interrupted: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        if not self.folders:
            return "no leftover upload folders"
        unfinished = sum(len(b["not_processed"]) for b in self.interrupted)
        extra = f"; {unfinished} file(s) of interrupted uploads were never indexed (upload them again)" if unfinished else ""
        return f"removed {self.folders} leftover upload folder(s){extra}"


def clean_upload_folders(data_dir: Path, older_than_s: float) -> UploadCleanup:
    """Delete ``upload-*`` folders older than ``older_than_s`` seconds, recording unfinished files."""
    root = Path(data_dir) / "uploads"
    report = UploadCleanup()
    if not root.is_dir():
        return report
    cutoff = time.time() - older_than_s
    for folder in sorted(root.glob("upload-*")):
        try:
            if not folder.is_dir() or folder.stat().st_mtime > cutoff:
                continue
        except OSError:
            continue
        batch = _read_batch(folder / BATCH_FILE) or {}
        missing = _retire(folder)
        if missing:
            report.interrupted.append({"started": batch.get("started"), "not_processed": missing})
        report.folders += 1
    if report.interrupted:
        log.warning("interrupted uploads: %s", report.summary())
    return report


def _retire(folder: Path) -> list[str]:
    """Remove an upload folder; the files its batch never reached are remembered and returned."""
    batch = _read_batch(folder / BATCH_FILE)
    missing: list[str] = []
    if batch is not None:
        done = set(batch.get("done", []))
        missing = [n for n in batch.get("files", []) if n not in done]
        if missing:
            _remember(folder.parent / _INTERRUPTED, [{"started": batch.get("started"), "not_processed": missing, "found": _now()}])
    shutil.rmtree(folder, ignore_errors=True)
    return missing


def interrupted_uploads(data_dir: Path) -> list[dict]:
    """Batches cut off by a crash, newest last: ``{"started", "not_processed": [names], "found"}``."""
    path = Path(data_dir) / "uploads" / _INTERRUPTED
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return data if isinstance(data, list) else []


def _remember(path: Path, batches: list[dict]) -> None:
    kept = (interrupted_uploads(path.parent.parent) + batches)[-_KEEP_INTERRUPTED:]
    path.write_text(json.dumps(kept, indent=1), encoding="utf-8")


def _read_batch(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")

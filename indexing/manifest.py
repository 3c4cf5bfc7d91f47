"""Optional ``manifest.yaml`` beside the documents: title, type and date per file name."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")
DOC_TYPES = ("report", "insight", "blog", "other")


@dataclass(frozen=True)
class ManifestEntry:
    title: str | None = None
    type: str | None = None
    published: str | None = None


def find_entry(path: Path) -> ManifestEntry | None:
    """Look in the file's folder and its parent, so ``corpus/manifest.yaml`` covers ``corpus/documents/``."""
    for folder in (path.parent, path.parent.parent):
        for name in MANIFEST_NAMES:
            candidate = folder / name
            if candidate.is_file():
                entry = _entries(candidate).get(path.name)
                if entry:
                    return entry
    return None


def _entries(manifest: Path) -> dict[str, ManifestEntry]:
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError, ValueError) as exc:  # ValueError: an impossible date such as 2017-13-45
        log.warning("ignoring %s: %s", manifest, exc)
        return {}
    if isinstance(data, dict):
        data = data.get("documents", [])
    out: dict[str, ManifestEntry] = {}
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict) and item.get("file"):
            published = item.get("published") or item.get("date")
            title, doc_type = item.get("title"), item.get("type")
            out[Path(str(item["file"])).name] = ManifestEntry(
                title=str(title) if title else None, type=str(doc_type) if doc_type else None,
                published=str(published) if published else None,
            )
    return out


def normalise_type(value: str | None) -> str:
    value = (value or "").strip().lower()
    return value if value in DOC_TYPES else "other"

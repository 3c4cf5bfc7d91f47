"""Reading the recommendations register: filters, CSV, and the one function every interface calls.

The CLI, the REST API, the UI tab and register questions in chat all call ``find_entries`` with
a ``RegisterFilters``, so they list the same set for the same filters.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from assistant.errors import ConfigError, InvalidRequestError
from assistant.settings import Settings
from indexing.rec_groups import Entry, group_records
from indexing.rec_register import RecommendationRegister, add_missing
from indexing.rec_themes import DEFAULT_THEMES, OTHER, ThemeClassifier, parse_themes

CSV_COLUMNS = ("ref", "title", "text", "owner", "timescale", "theme", "documents", "pages", "published", "entry_id")


def open_register(settings: Settings, embedder) -> RecommendationRegister:
    """The data directory's register, with the configured themes; a bad theme list is a clear error."""
    try:
        themes = parse_themes(settings.recommendation_themes or DEFAULT_THEMES)
    except ValueError as exc:
        raise ConfigError(f"PSB_RECOMMENDATION_THEMES: {exc}") from exc
    classifier = ThemeClassifier(themes, embedder.embed, settings.recommendation_theme_min)
    return RecommendationRegister(settings.data_dir / "recommendations.sqlite", classifier, embedder.embed, embedder.model_key)


def theme_names(settings: Settings) -> list[str]:
    return [t.name for t in parse_themes(settings.recommendation_themes or DEFAULT_THEMES)] + [OTHER]


@dataclass(frozen=True)
class RegisterFilters:
    """All optional; an entry passes when every given filter matches (text filters ignore case)."""

    theme: str | None = None
    doc: str | None = None  # a doc_id or a source file name
    owner: str | None = None  # words the owner contains
    since: str | None = None  # YYYY-MM-DD: some source published on or after it
    until: str | None = None  # YYYY-MM-DD: some source published on or before it
    search: str | None = None  # words found in the ref, title, text or owner

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not _is_date(value):
                raise InvalidRequestError(f"--{name} must be a date like 2017-11-16, got {value!r}")

    def matches(self, entry: Entry) -> bool:
        if self.theme and entry.theme.lower() != self.theme.strip().lower():
            return False
        if self.doc and not any(self.doc in (s.doc_id, s.source) for s in entry.sources):
            return False
        owners = " ".join(s.owner or "" for s in entry.sources).lower()
        if self.owner and self.owner.strip().lower() not in owners:
            return False
        dates = [s.published[:10] for s in entry.sources if s.published]
        if self.since and not any(d >= self.since for d in dates):
            return False
        if self.until and not any(d <= self.until for d in dates):
            return False
        if self.search:
            hay = " ".join([entry.ref or "", entry.title or "", entry.text, owners, entry.theme]).lower()
            if not all(word in hay for word in self.search.lower().split()):
                return False
        return True


def current_records(register: RecommendationRegister, store, ready: set[str]) -> list:
    """The ready documents' records, first adding any the register lacks (another server ingested
    them, or the register was emptied because the themes or the embedding model changed)."""
    add_missing(register, store, ready)
    return register.records(ready)


def find_entries(register: RecommendationRegister, store, filters: RegisterFilters | None = None,
                 is_ready: Callable[[str], bool] | None = None) -> list[Entry]:
    """Register entries of the ready documents that pass the filters, in order of publication.

    With ``is_ready`` (the keyword index's in-memory test) the register is read as it is, without
    listing the store's documents: the caller keeps it filled (``RegisterAnswerer`` once, then
    ``IndexRefresher``), so a chat question's cost does not grow with the library.
    """
    if is_ready is None:
        records = current_records(register, store, store.ready_ids())
    else:
        records = [r for r in register.records() if is_ready(r.doc_id)]
    entries = group_records(records)
    wanted = filters or RegisterFilters()
    return [e for e in entries if wanted.matches(e)]


def to_csv(entries: list[Entry]) -> str:
    """One row per entry; several documents and pages joined with "; "."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow([e.ref or "", e.title or "", e.text, e.owner or "", e.timescale or "", e.theme,
                         "; ".join(s.source for s in e.sources), "; ".join(str(s.page) if s.page else "" for s in e.sources),
                         e.published or "", e.entry_id])
    return out.getvalue()


def _is_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True

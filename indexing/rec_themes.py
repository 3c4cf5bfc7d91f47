"""Themes for recommendations, chosen by embedding similarity with the bundled model.

A theme is a name and an optional description ("skills: training, capability, careers"). The
description is what gets embedded, so a short name still has enough words to be recognised.
A recommendation takes the most similar theme, or ``other`` when none is similar enough.

Usage: ``ThemeClassifier(parse_themes(spec), embed).assign(vectors)``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

OTHER = "other"

DEFAULT_THEMES = (
    "culture and leadership: senior leaders, leadership objectives, organisational culture, permission to experiment, "
    "test-and-learn, risk appetite, performance agreements, sponsoring change; "
    "skills: digital skills training, learning modules, capability, secondments and exchanges, careers, protected learning time, "
    "professions and recruitment; "
    "data sharing: sharing data between public bodies, data-sharing guidance and legal powers, GDPR, open code, reuse of "
    "components, cross-government registers; "
    "citizen transactions: online services for citizens, end-to-end transactions, completion rates, life events, "
    "user journeys, service design, contact and failure demand; "
    "procurement: buying technology, commercial capability, contracts, suppliers and SMEs, routes to market, funding "
    "and business cases; "
    "infrastructure and legacy: legacy systems, common platforms, cloud hosting, networks, interoperability standards, "
    "technical architecture"
)


@dataclass(frozen=True)
class Theme:
    name: str
    description: str

    @property
    def embed_text(self) -> str:
        return f"{self.name}: {self.description}" if self.description else self.name


def parse_themes(spec: str) -> list[Theme]:
    """``"name: description; name2; ..."`` -> themes; a clear error when the list is empty or repeats a name."""
    themes: list[Theme] = []
    for part in spec.split(";"):
        if not part.strip():
            continue
        name, _, description = part.partition(":")
        name = " ".join(name.split()).lower()
        if not name:
            raise ValueError(f"a theme in {spec!r} has no name: write 'name: description; name2: description'")
        if name == OTHER:
            raise ValueError("'other' is always available: leave it out of the theme list")
        if any(t.name == name for t in themes):
            raise ValueError(f"theme {name!r} is listed twice")
        themes.append(Theme(name, " ".join(description.split())))
    if not themes:
        raise ValueError("the theme list is empty: give at least one theme, e.g. 'skills: training and careers'")
    return themes


class ThemeClassifier:
    """Cheap to build; theme vectors are embedded on first use with the given ``embed`` function."""

    def __init__(self, themes: Sequence[Theme], embed: Callable[[list[str]], list[list[float]]], min_similarity: float = 0.15) -> None:
        if not themes:
            raise ValueError("need at least one theme")
        if not -1.0 <= min_similarity <= 1.0:
            raise ValueError(f"min_similarity must be a cosine in [-1, 1], got {min_similarity}")
        self.themes = list(themes)
        self.embed = embed
        self.min_similarity = min_similarity
        self._matrix: np.ndarray | None = None

    @property
    def signature(self) -> str:
        """Changes whenever the themes or the cut-off change: stored theme labels are then stale."""
        text = "\n".join(t.embed_text for t in self.themes) + f"\n{self.min_similarity}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def _theme_matrix(self) -> np.ndarray:
        if self._matrix is None:
            self._matrix = _normalise(np.asarray(self.embed([t.embed_text for t in self.themes]), dtype=np.float32))
        return self._matrix

    def assign(self, vectors: Sequence[Sequence[float]]) -> list[str]:
        """The best theme for each (normalised) recommendation vector, or ``other``."""
        if len(vectors) == 0:
            return []
        sims = _normalise(np.asarray(vectors, dtype=np.float32)) @ self._theme_matrix().T
        best = sims.argmax(axis=1)
        return [self.themes[i].name if sims[row, i] >= self.min_similarity else OTHER for row, i in enumerate(best)]


_STOP = frozenset("a an and the of for on in to our with".split())


def theme_from_headings(section: str, title: str | None, themes: Sequence[Theme]) -> str | None:
    """The document's own grouping, when a heading above the recommendation names one theme.

    "8. Recommendations > 8.2 Skills" puts R3, R4 and R7 under skills, as the author intended;
    a heading counts when all its words are words of exactly one theme's name. The
    recommendation's own title is not a grouping heading.
    """
    for heading in reversed(section.split(" > ")):
        if title and heading.strip().lower().endswith(title.strip().lower()):
            continue
        words = {w for w in re.findall(r"[a-z]+", re.sub(r"^[\d.\s]+", "", heading.lower())) if w not in _STOP}
        if not words:
            continue
        matches = [t.name for t in themes if words <= set(re.findall(r"[a-z]+", t.name))]
        if len(matches) == 1:
            return matches[0]
    return None


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0, 1.0, norms)

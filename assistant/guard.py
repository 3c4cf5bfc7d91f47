"""Grounding checks on generated answers: only real citations survive, unsupported claims are flagged.

Support is measurable: a sentence is supported by a passage when at least ``min_coverage`` of its
content words (stemmed, stop words removed) occur in the passage, or its embedding is at least
``min_similarity`` cosine-similar to the passage. The eval suite's citation-support metric uses
the same definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from assistant.answer import Flag, cited_numbers, split_sentences
from indexing.keyword import analyse

_CITE_GROUP = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def term_coverage(sentence: str, passage: str) -> float:
    """Share of the sentence's content words (citations stripped) that occur in the passage."""
    words = set(analyse(_CITE_GROUP.sub(" ", sentence)))
    if not words:
        return 1.0
    return len(words & set(analyse(passage))) / len(words)


@dataclass
class Guarded:
    text: str
    used: list[int]
    removed: list[int] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


class GroundingGuard:
    def __init__(self, embedder=None, min_coverage: float = 0.5, min_similarity: float = 0.6) -> None:
        self.embedder = embedder
        self.min_coverage = min_coverage
        self.min_similarity = min_similarity

    def check(self, text: str, sources: list[str]) -> Guarded:
        """``sources[n-1]`` is the text given to the model as [n]."""
        valid = set(range(1, len(sources) + 1))
        removed = [n for n in cited_numbers(text) if n not in valid]
        cleaned = _CITE_GROUP.sub(lambda m: _keep(m.group(1), valid), text)
        cleaned = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip()
        flags = []
        for sentence in split_sentences(cleaned):
            cited = [n for n in cited_numbers(sentence) if n in valid]
            if cited and not any(self.supports(sentence, sources[n - 1]) for n in cited):
                flags.append(Flag(sentence=sentence, reason=f"not supported by the cited source {', '.join(f'[{n}]' for n in cited)}"))
        return Guarded(text=cleaned, used=[n for n in cited_numbers(cleaned) if n in valid], removed=removed, flags=flags)

    def supports(self, sentence: str, passage: str) -> bool:
        if term_coverage(sentence, passage) >= self.min_coverage:
            return True
        if self.embedder is None:
            return False
        a, b = (np.asarray(v) for v in self.embedder.embed([_CITE_GROUP.sub(" ", sentence), passage]))
        return float(a @ b) >= self.min_similarity


def _keep(group: str, valid: set[int]) -> str:
    kept = [n for n in (int(x) for x in group.split(",")) if n in valid]
    return f"[{', '.join(map(str, kept))}]" if kept else ""

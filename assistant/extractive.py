"""The default answerer: no LLM, only sentences taken from the retrieved passages.

Each candidate sentence is scored by meaning (cosine similarity with the question, from the same
embedding model) and by shared stemmed words; the best few, answer first, each carry [n].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.answer import Citation, split_sentences
from assistant.questions import question_parts
from assistant.retrieval import Passage
from indexing.embeddings import Embedder
from indexing.keyword import analyse


@dataclass
class Candidate:
    text: str
    passage: int  # index into the passages list
    score: float = 0.0


# Questions that want several items ("What are the recommendations?") get a longer answer.
_LIST_QUESTION = re.compile(
    r"\b(what are|which are|list|name the|what were|recommendations|areas|steps|barriers|ways|themes|actions|examples|proposals|priorities)\b",
    re.I,
)


class ExtractiveAnswerer:
    def __init__(self, embedder: Embedder, max_sentences: int = 3, max_list_sentences: int = 5, min_relative: float = 0.75) -> None:
        if not 1 <= max_sentences <= max_list_sentences:
            raise ValueError("need 1 <= max_sentences <= max_list_sentences")
        self.embedder = embedder
        self.max_sentences = max_sentences
        self.max_list_sentences = max_list_sentences
        self.min_relative = min_relative

    def answer(self, question: str, passages: list[Passage]) -> tuple[str, list[Citation]]:
        """Best sentences for the question; a two-part question gets the best for each part."""
        candidates = self._candidates(passages)
        if not candidates:
            return "", []
        vectors = np.asarray(self.embedder.embed([self._context(c, passages) for c in candidates]))
        parts = question_parts(question)
        if len(parts) == 1:
            limit = self.max_list_sentences if _LIST_QUESTION.search(question) else self.max_sentences
            return compose(self._choose(self._scored(question, candidates, vectors), limit), passages)
        chosen: list[Candidate] = []
        per_part = max(1, self.max_list_sentences // len(parts))
        for part in parts:
            for c in self._choose(self._scored(part, candidates, vectors), per_part):
                if all(c.text != other.text for other in chosen):
                    chosen.append(c)
        return compose(chosen, passages)

    def _candidates(self, passages: list[Passage]) -> list[Candidate]:
        out: list[Candidate] = []
        for i, p in enumerate(passages):
            for sentence in split_sentences(p.text):
                words = len(sentence.split())
                if 5 <= words <= 80 and not sentence.isupper():
                    out.append(Candidate(sentence, i))
        return out

    @staticmethod
    def _context(c: Candidate, passages: list[Passage]) -> str:
        section = passages[c.passage].section
        return f"{section}: {c.text}" if section else c.text

    def _scored(self, question: str, candidates: list[Candidate], vectors: np.ndarray) -> list[Candidate]:
        """Meaning (cosine with the question), shared stemmed words, and the passage's rank."""
        q_vec = np.asarray(self.embedder.embed_query(question))
        q_terms = set(analyse(question))
        scored = []
        for c, vec in zip(candidates, vectors):
            overlap = len(q_terms & set(analyse(c.text))) / len(q_terms) if q_terms else 0.0
            prior = 1.0 / (1 + c.passage)
            scored.append(Candidate(c.text, c.passage, 0.65 * float(vec @ q_vec) + 0.25 * overlap + 0.10 * prior))
        return scored

    def _choose(self, candidates: list[Candidate], limit: int) -> list[Candidate]:
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        best = ranked[0].score
        chosen: list[Candidate] = []
        seen_terms: list[set[str]] = []
        for c in ranked:
            if len(chosen) >= limit or c.score < best * self.min_relative:
                break
            terms = set(analyse(c.text))
            if any(len(terms & t) / max(1, len(terms | t)) > 0.6 for t in seen_terms):
                continue
            chosen.append(c)
            seen_terms.append(terms)
        return chosen


def compose(chosen: list[Candidate], passages: list[Passage]) -> tuple[str, list[Citation]]:
    """Number passages by first use; each sentence ends with its [n]; quotes are the exact sentences."""
    numbers: dict[int, int] = {}
    quotes: dict[int, list[str]] = {}
    sentences: list[str] = []
    for c in chosen:
        n = numbers.setdefault(c.passage, len(numbers) + 1)
        quotes.setdefault(c.passage, []).append(c.text)
        sentences.append(cite(c.text, n))
    citations = [
        Citation(
            n=n,
            doc_id=passages[i].doc_id,
            title=passages[i].title,
            source=passages[i].source,
            page=passages[i].page,
            section=passages[i].section or None,
            quote=" … ".join(quotes[i]),
        )
        for i, n in sorted(numbers.items(), key=lambda kv: kv[1])
    ]
    return " ".join(sentences), citations


def cite(sentence: str, n: int) -> str:
    """Put [n] before the closing punctuation: "... in 2017 [1]."."""
    m = re.search(r"([.!?]+[\"')\]]*)$", sentence)
    if m:
        return f"{sentence[: m.start()]} [{n}]{m.group(1)}"
    return f"{sentence} [{n}]"

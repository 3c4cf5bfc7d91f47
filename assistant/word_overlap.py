"""How many of a question's words a line holds, a word counting also when the line holds a near-synonym.

The answerer's "shared words" signal compared stems only: "Into what levels does the paper divide
digital ability?" shares nothing with "digital capability in three layers" beyond "digital",
and a line that repeats the question's frame words ("paper", "digital") outscored it. A question
word that a line does not hold is matched by the line's word closest in meaning (word against
word, the bundled model), when their cosine reaches ``min_similarity``: the synonym bar the
constraint check and the index vocabulary use (0.64: "ability"/"capability" 0.71,
"worries"/"concern" 0.65; "cloud"/"platform" 0.47 and "keen"/"interested" 0.44 stay apart).
A near match counts its cosine, an exact one 1; so does a word of the same root (``root``: a
question's "owns" and a line's "Owner:" or "ownership", which Snowball stems apart).

Word vectors are looked up in the vector cache: ingest embedded every word of the index for the
index vocabulary (``assistant.vocabulary``), so only the question's own words may need the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from assistant.vocabulary import INDEX_WORD
from indexing.keyword import analyse



def _stems_with_words(text: str) -> dict[str, str]:
    """Each analysed stem of ``text`` with the first surface word (lower-cased) it came from."""
    out: dict[str, str] = {}
    for word, stem in _words(text):
        out.setdefault(stem, word)
    return out


def _words(text: str) -> list[tuple[str, str]]:
    """The distinct surface words of ``text`` (lower-cased) that analyse to a stem, with the stem."""
    out: dict[str, str] = {}
    for word in INDEX_WORD.findall(text):
        w = word.lower()
        if w not in out:
            stem = _stem(w)
            if stem:
                out[w] = stem
    return list(out.items())


@lru_cache(maxsize=65536)  # a pure function of the word; each question reads hundreds of candidate lines' words
def _stem(word: str) -> str:
    stems = analyse(word)
    return stems[0] if stems else ""


_DERIVED = ("ership", "ship", "er")  # endings Snowball keeps: owner, ownership, leadership


@lru_cache(maxsize=65536)
def root(stem: str) -> str:
    """A Snowball stem without a derivational ending ("owner", "ownership" -> "own"; "leader" -> "lead").

    Why: "Who owns the risk ...?" is answered by "... - owner: Head of Customer Services", and no
    stemmer installed here conflates the two (nltk's Lancaster would; PyStemmer's Porter and
    Snowball do not). A root shorter than three letters is not taken ("user" stays "user").
    """
    for ending in _DERIVED:
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            return stem[: -len(ending)]
    return stem


def roots(text: str) -> set[str]:
    """The roots of the analysed words of ``text``."""
    return {root(s) for s in analyse(text)}


def _matched(asked: set[str], stems: set[str]) -> set[str]:
    """``stems`` with each asked stem whose root one of them shares (an asked "own" held as "owner")."""
    have = {root(x) for x in stems}
    return stems | {s for s in asked if s not in stems and root(s) in have}


class WordOverlap:
    """``shares(question, texts)``: per text, the share of the question's stems it holds (exactly or nearly)."""

    def __init__(self, embedder, min_similarity: float = 0.64, vectors: Callable[[list[str]], np.ndarray] | None = None) -> None:
        """``vectors(words)``: the words' vectors, one row each (default: the embedder's ``embed``; the
        assistant passes the index vocabulary's, which holds them in memory)."""
        if not 0.0 < min_similarity <= 1.0:
            raise ValueError("min_similarity must be between 0 and 1")
        self.embedder = embedder
        self.min_similarity = min_similarity
        self._vectors = vectors if vectors is not None else (lambda words: np.asarray(embedder.embed(words)))

    def shares(self, question: str, texts: Sequence[str]) -> list[float]:
        asked = set(analyse(question))
        if not asked:
            return [0.0] * len(texts)
        words_of_asked = _stems_with_words(question)
        text_stems = [_matched(asked, set(analyse(t))) for t in texts]
        exact = [len(asked & stems) for stems in text_stems]
        unmatched = sorted({s for stems in text_stems for s in asked - stems if s in words_of_asked})
        near = [0.0] * len(texts)
        if unmatched and self.embedder is not None:
            per_text = [_words(t) for t in texts]
            vocabulary = sorted({w for words in per_text for w, s in words if s not in asked})
            if vocabulary:
                q_words = [words_of_asked[s] for s in unmatched]
                sims = self._vectors(q_words) @ self._vectors(vocabulary).T
                column = {w: j for j, w in enumerate(vocabulary)}
                row = {s: i for i, s in enumerate(unmatched)}
                for k, (stems, words) in enumerate(zip(text_stems, per_text)):
                    columns = [column[w] for w, s in words if s not in asked]
                    if not columns:
                        continue
                    for s in asked - stems:
                        if s in row:
                            best = float(sims[row[s], columns].max())
                            if best >= self.min_similarity:
                                near[k] += best
        return [(e + n) / len(asked) for e, n in zip(exact, near)]

"""The index's own words, and the nearest of them in meaning to a word the index does not hold.

A reader asks in everyday words ("poll", "web", "purchase"); the documents write "survey",
"website", "procurement". A word that occurs in no indexed chunk finds nothing by keyword and
pulls the question's embedding away from the passages that answer it. Two uses of the same
neighbourhood, both only for words the index does not hold:

* **query expansion** (``expand``): the nearest index words whose cosine with the missing word
  (word against word, the bundled model) is at least ``min_similarity`` are added to the search
  query, so the keyword side can find the passage written in the documents' own vocabulary;
* **is the meaning there?** (``nearest``): the constraint check does not call a word absent
  when the documents carry a near-synonym of it anywhere, not only in the passages retrieved.

A word naming a topic the documents lack ("quantum", "HMRC") has no neighbour that close, so
nothing is added and the constraint check still refuses.

The vocabulary is every alphabetic word of three letters or more in the ready chunks (text and
section), read from the store once, then kept current from the difference in the set of ready
documents: an upload reads only the new documents, and a removal drops the words only the
removed documents held (so a removed report's topic is refused again at once). Vectors are looked
up in the vector cache, where ingest put them (``assistant.services.passage_texts``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.derived import Derived

INDEX_WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")  # a vocabulary word; the answerer's shared-words signal reads words the same way


def words_of(texts: Iterable[str], keep: Callable[[str], bool] = lambda w: True) -> list[str]:
    """Lower-cased distinct words of ``texts``, sorted, that pass ``keep`` (asked once per distinct word:
    ingest asks it of every chunk's words)."""
    return sorted(w for w in _distinct(texts) if keep(w))


def _distinct(texts: Iterable[str]) -> set[str]:
    return {w.lower() for t in texts for w in INDEX_WORD.findall(t)}


@dataclass(frozen=True)
class _Vocabulary:
    """The words at one set of ready documents, their vectors, and which documents hold each word."""

    words: list[str]
    matrix: np.ndarray
    holders: np.ndarray  # per word: how many ready documents hold it (0: only removed ones did)
    of_doc: dict[str, np.ndarray]  # document id -> the indices of its words
    index: dict[str, int] = field(init=False)
    held: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {w: i for i, w in enumerate(self.words)})
        object.__setattr__(self, "held", self.holders > 0)


class IndexVocabulary:
    """``nearest(word)`` and ``expand(words)`` over the words of the indexed chunks.

    ``texts(doc_ids)`` yields, for those documents (every ready one for ``None``), (document id,
    its chunk texts with their sections), a document at a time; ``version()`` the set of ready document ids
    (anything else that changes with it also works, but then every change rebuilds the whole
    vocabulary). After an upload only the new documents are read; after a removal the words no
    ready document holds any more stop being neighbours.
    """

    def __init__(self, texts: Callable[[frozenset[str] | None], Iterable[tuple[str, Iterable[str]]]], version: Callable[[], object], embedder,
                 keep: Callable[[str], bool] = lambda w: True, min_similarity: float = 0.64) -> None:
        if not 0.0 < min_similarity <= 1.0:
            raise ValueError("min_similarity must be between 0 and 1")
        self._texts = texts
        self.embedder = embedder
        self.keep = keep
        self.min_similarity = min_similarity
        self.derived = Derived(self._build, version, "index vocabulary", update=self._update)  # warm(), ready, wait_until_current()

    def _current(self) -> _Vocabulary:
        """The vocabulary of the ready documents (the previous one while it is rebuilt: ``assistant.derived``)."""
        return self.derived.get()

    def _build(self) -> _Vocabulary:
        empty = _Vocabulary([], np.zeros((0, 1), dtype=np.float32), np.zeros(0, dtype=np.int64), {})
        return self._with_documents(empty, self._texts(None))

    def _update(self, value: _Vocabulary, old: object, new: object) -> _Vocabulary | None:
        """The vocabulary after the documents added and removed since ``old`` (None: rebuild instead)."""
        if not isinstance(old, frozenset) or not isinstance(new, frozenset):
            return None
        holders, of_doc = value.holders.copy(), dict(value.of_doc)
        for doc_id in old - new:
            gone = of_doc.pop(doc_id, None)
            if gone is not None:
                holders[gone] -= 1
        value = _Vocabulary(value.words, value.matrix, holders, of_doc)
        return self._with_documents(value, self._texts(new - old)) if new - old else value

    def _with_documents(self, value: _Vocabulary, texts: Iterable[tuple[str, Iterable[str]]]) -> _Vocabulary:
        """``value`` plus these documents' words; a word not seen before gets its (cached) vector.

        Documents are read one at a time and only their word ids kept: holding every document's
        word set at once took 500 MB more at 100k chunks."""
        words, index = list(value.words), dict(value.index)
        rejected: set[str] = set()  # keep() said no: asked once per distinct word
        of_doc = dict(value.of_doc)
        holders = value.holders.copy()
        counted: list[np.ndarray] = []
        for doc_id, doc_texts in texts:
            ids: list[int] = []
            for w in _distinct(doc_texts):
                i = index.get(w)
                if i is None:
                    if w in rejected or not self.keep(w):
                        rejected.add(w)
                        continue
                    i = index[w] = len(words)
                    words.append(w)
                ids.append(i)
            if doc_id in of_doc:  # read again: count it once
                holders[of_doc[doc_id]] -= 1
            of_doc[doc_id] = np.asarray(ids, dtype=np.int32)
            counted.append(of_doc[doc_id])
        fresh = words[len(value.words):]
        matrix = value.matrix
        if fresh:
            vectors = np.asarray(self.embedder.embed(fresh), dtype=np.float32)  # looked up: ingest embedded them
            matrix = np.vstack([matrix, vectors]) if len(value.words) else vectors
        holders = np.concatenate([holders, np.zeros(len(fresh), dtype=np.int64)])
        if counted:
            holders += np.bincount(np.concatenate(counted), minlength=len(words))
        return _Vocabulary(words, matrix, holders, of_doc)

    def neighbours(self, word: str, limit: int = 3) -> list[tuple[str, float]]:
        """The index words closest in meaning to ``word``, best first, with their cosine."""
        current = self._current()
        if not current.held.any():
            return []
        scores = current.matrix @ np.asarray(self.embedder.embed([word.lower()])[0], dtype=np.float32)  # float64 would copy the matrix
        scores = np.where(current.held, scores, -np.inf)
        top = min(limit + 1, len(scores))
        best = np.argpartition(-scores, top - 1)[:top]  # the few best of tens of thousands, without sorting them all
        order = best[np.argsort(-scores[best])]
        return [(current.words[i], float(scores[i])) for i in order if current.held[i] and current.words[i] != word.lower()][:limit]

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        """The words' vectors (lower-cased), one row each: from memory for the index's words, from the
        embedder (its cache, else the model) for the rest. Why: the answerer compares the
        question's words with each candidate line's, per question; these rows are the same vectors
        the vector cache holds, without a SQLite read each time."""
        current = self._current()
        keys = [w.lower() for w in words]
        rows = [current.index.get(w) for w in keys]
        missing = [w for w, i in zip(keys, rows) if i is None]
        if not missing:
            return current.matrix[rows] if rows else np.zeros((0, current.matrix.shape[1]), dtype=np.float32)
        looked_up = iter(np.asarray(self.embedder.embed(missing), dtype=np.float32))
        return np.vstack([current.matrix[i] if i is not None else next(looked_up) for i in rows])

    def holds(self, word: str) -> bool:
        """Whether a ready document holds the word."""
        current = self._current()
        i = current.index.get(word.lower())
        return i is not None and bool(current.held[i])

    def nearest(self, word: str) -> tuple[str, float]:
        found = self.neighbours(word, 1)
        return found[0] if found else ("", 0.0)

    def nearest_in(self, word: str, doc_ids: Iterable[str]) -> tuple[str, float]:
        """The word of these documents closest in meaning to ``word`` (itself, at 1.0, when they hold it), and its cosine.
        Why: a word another document holds ("women") says nothing of whether these documents give figures for it."""
        current = self._current()
        ids = [current.of_doc[d] for d in dict.fromkeys(doc_ids) if d in current.of_doc]
        if not ids:
            return "", 0.0
        rows = np.unique(np.concatenate(ids))
        if not len(rows):
            return "", 0.0
        scores = current.matrix[rows] @ np.asarray(self.embedder.embed([word.lower()])[0], dtype=np.float32)
        best = int(scores.argmax())
        return current.words[int(rows[best])], float(scores[best])

    def expand(self, words: Sequence[str], limit: int = 2) -> list[str]:
        """Index words at least ``min_similarity`` close to each of ``words``, for the search query."""
        out: list[str] = []
        for word in words:
            for near, score in self.neighbours(word, limit):
                if score >= self.min_similarity and near not in out:
                    out.append(near)
        return out

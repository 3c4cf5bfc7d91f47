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
section), read from the store once per set of ready documents (in a background thread after the
first time) and looked up in the vector cache, where ingest put them (``assistant.services.passage_texts``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from assistant.derived import Derived

_WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")


def words_of(texts: Iterable[str], keep: Callable[[str], bool] = lambda w: True) -> list[str]:
    """Lower-cased distinct words of ``texts``, sorted, that pass ``keep`` (asked once per distinct word:
    ingest asks it of every chunk's words)."""
    return sorted(w for w in {w.lower() for t in texts for w in _WORD.findall(t)} if keep(w))


class IndexVocabulary:
    """``nearest(word)`` and ``expand(words)`` over the words of the indexed chunks.

    ``texts(doc_ids)`` returns the chunk texts (with their sections) of those documents, or of every
    ready document for ``None``; ``version()`` the set of ready document ids (anything else that
    changes with it also works, but then every change rebuilds the whole vocabulary). After an
    upload only the new documents are read; a removed document's words stay until the next full
    build (a word that matches nothing only adds a search term that finds nothing).
    """

    def __init__(self, texts: Callable[[frozenset[str] | None], Iterable[str]], version: Callable[[], object], embedder,
                 keep: Callable[[str], bool] = lambda w: True, min_similarity: float = 0.64) -> None:
        if not 0.0 < min_similarity <= 1.0:
            raise ValueError("min_similarity must be between 0 and 1")
        self._texts = texts
        self.embedder = embedder
        self.keep = keep
        self.min_similarity = min_similarity
        self.derived = Derived(self._build, version, "index vocabulary", update=self._add_documents)  # warm(), ready, wait_until_current()

    def _current(self) -> tuple[list[str], np.ndarray]:
        """The vocabulary of the ready documents (the previous one while it is rebuilt: ``assistant.derived``)."""
        return self.derived.get()

    def _build(self) -> tuple[list[str], np.ndarray]:
        words = words_of(self._texts(None), self.keep)
        matrix = np.asarray(self.embedder.embed(words)) if words else np.zeros((0, 1))  # looked up: ingest embedded them
        return words, matrix

    def _add_documents(self, value: tuple[list[str], np.ndarray], old: object, new: object):
        """The vocabulary plus the words of the documents added since ``old`` (None: rebuild instead)."""
        if not isinstance(old, frozenset) or not isinstance(new, frozenset):
            return None
        words, matrix = value
        known = set(words)
        fresh = [w for w in words_of(self._texts(new - old), self.keep) if w not in known] if new - old else []
        if not fresh:
            return words, matrix
        vectors = np.asarray(self.embedder.embed(fresh))
        return words + fresh, (np.vstack([matrix, vectors]) if len(words) else vectors)

    def neighbours(self, word: str, limit: int = 3) -> list[tuple[str, float]]:
        """The index words closest in meaning to ``word``, best first, with their cosine."""
        words, matrix = self._current()
        if not words:
            return []
        scores = matrix @ np.asarray(self.embedder.embed([word.lower()])[0])
        order = np.argsort(-scores)[: limit + 1]
        return [(words[i], float(scores[i])) for i in order if words[i] != word.lower()][:limit]

    def nearest(self, word: str) -> tuple[str, float]:
        found = self.neighbours(word, 1)
        return found[0] if found else ("", 0.0)

    def expand(self, words: Sequence[str], limit: int = 2) -> list[str]:
        """Index words at least ``min_similarity`` close to each of ``words``, for the search query."""
        out: list[str] = []
        for word in words:
            for near, score in self.neighbours(word, limit):
                if score >= self.min_similarity and near not in out:
                    out.append(near)
        return out

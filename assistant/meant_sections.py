"""The section a question asks for in other words than its heading: "What caught the team off guard?" is
answered by the list under "What surprised us", "What advice does the trust give to other museums?" by
"Things we'd tell another museum".

Why: the hand-written roles (``assistant.lists``) know the headings of problems, concerns, what worked, views
and next steps, and each new document names its sections its own way ("Where we fell short", "Sticking
points", "Asks of government"). The embedding model matches a question to a short heading by meaning well
enough when one heading of the document stands out (0.49 against 0.07 for the museum's advice), not when
several are alike. So only a clear winner counts: the heading closest to the question among the document's
own section headings (not its title), close enough (``min_similarity``) and ahead of the next one by
``min_margin``, over a section that holds a list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.lists import _YEAR_WORD, says_heading, ordinal_runs, runs_in_passage
from assistant.list_documents import listed_noun, plural_noun
from assistant.question_focus import topic_focus
from assistant.question_shapes import _COUNT_QUESTION, _FIGURE_QUESTION
from indexing.embeddings import Embedder

# an open "what" question a list may answer (not "how many", "what share", "which body", who, when, where, "what about X?")
_OPEN = re.compile(r"^\W*(?:(?:from|in|according to)\s[^,?]{3,80},\s*)?(?:if\s[^,?]{3,80},\s*)?what(?!\s+about\b)\b", re.I)
_MIN_WORDS = 6  # a shorter question ("And what was it in 2025?") asks about the one before it
# a figure asked for ("What was the median number ...?", "What was HMRC's SME share ...?"), or things named by their noun
# ("What barriers did ... name?", found by that noun: ``assistant.list_answers``)
_NOT_A_SECTION = re.compile(r"\b(?:number|share|proportion|percentage|per\s?cent|average|median|mean|rate|total|spend|cost|budget|figure)\b"
                            r"|^\W*what\s+(?:(?:main|key|other|biggest|common)\s+)?[a-z]+s\s+(?:did|do|does|has|have|had|were|are|will|would|to|for|in|of|about|on)\b", re.I)


_FAR_AHEAD_RELIEF = 0.05  # how much lower a heading far ahead of the document's others may come


def heading_of(section: str) -> str:
    """A section path's own heading, without a number ("3. Ground rules" -> "Ground rules")."""
    last = section.split(" > ")[-1].strip()
    return re.sub(r"^\d{1,2}[.)]?\s+", "", last)


def holds_list(text: str, section: str = "") -> bool:
    """Does a chunk hold a list of two or more items (bullets, numbers, "Label: text" runs, ordinals)?"""
    return any(len(r.items) >= 2 for r in [*runs_in_passage(text, 0, section), *ordinal_runs(text, 0, section)])


def asks_for_section(question: str) -> bool:
    """Is it an open "what" question a section's list may answer? Not one asking for a figure, a short follow-up, a list
    named by its noun ("the five barriers", found by that noun: ``assistant.list_documents``) or "What did the review
    say about X?" (the lines about X: ``assistant.question_focus``)."""
    return not (not _OPEN.match(question) or _COUNT_QUESTION.search(question) or _FIGURE_QUESTION.search(question)
                or _NOT_A_SECTION.search(question) or len(question.split()) < _MIN_WORDS or listed_noun(question)
                or plural_noun(question) or topic_focus(question))


def meant_section(embedder: Embedder, question: str, title: str, chunks: Sequence[tuple[str, str]],
                  min_similarity: float = 0.35, min_margin: float = 0.1) -> str | None:
    """Of one document's chunks (section path, text), the section path whose heading the question means, when one
    stands out and holds a list; else None (also when it ``asks_for_section`` not). ``title``: the document's title,
    which is no section's heading."""
    if not asks_for_section(question):
        return None
    headings: dict[str, list[str]] = {}  # heading -> the section paths under it
    listing: set[str] = set()
    for section, text in chunks:
        heading = heading_of(section or "")
        if not heading or heading.lower() == title.strip().lower():
            continue
        headings.setdefault(heading, []).append(section)
        if holds_list(text, section):
            listing.add(heading)
    if len(headings) < 2 or not listing:
        return None
    said = [h for h in listing if says_heading(h, question)]  # "What worked in the pilot?": "What worked", word for word
    if said:
        return headings[max(said, key=len)][0]
    names = list(headings)  # (years left out: "Key measures, 2025 survey" is no nearer "... the 2025 survey?" for its year)
    sims = np.asarray(embedder.embed([_YEAR_WORD.sub(" ", n) for n in names])) @ np.asarray(embedder.embed_query(_YEAR_WORD.sub(" ", question)))
    order = np.argsort(-sims)
    best, runner_up = float(sims[order[0]]), float(sims[order[1]])
    # (a heading far ahead of the rest may come a little lower, the further ahead the lower, by up to the relief at
    # twice the margin: "BEFORE YOU SWITCH OVER" at 0.35 for "What should a council do before it switches over?", the
    # next heading at 0.14; "What we would do next time" at 0.347 for "If the partnership had to do it all again, what
    # would it change?", the next at 0.155)
    ahead = min(1.0, max(0.0, (best - runner_up - min_margin) / min_margin))
    floor = min_similarity - _FAR_AHEAD_RELIEF * ahead
    if names[order[0]] not in listing or best < floor or best - runner_up < min_margin:
        return None
    return headings[names[order[0]]][0]

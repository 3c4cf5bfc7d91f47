"""List questions answered with the whole list: the run of items (``assistant.lists``) that best
fits the question, its lead-in as the direct answer and every item a bullet; for "Which of those
did most people pick?", the item with the largest share first.
"""

from __future__ import annotations

import re

import numpy as np

from assistant.answer_lines import _TERMINAL, Candidate, is_usable
from assistant.line_facts import _YEAR
from assistant.list_documents import plural_noun, listed_noun, title_bonus
from assistant.lists import COUNT_WORDS, ListRun, asked_count, find_runs, first_sentence, is_table_row
from assistant.markdown_answer import table_row_cells
from assistant.question_shapes import PUTS_OFF, WANTS_CHANGE, WHICH_QUESTION, _breakdown_groups
from assistant.retrieval import Passage
from assistant.word_overlap import WordOverlap
from assistant.year_lines import _passage_has_year, _passage_of_year
from indexing.embeddings import Embedder
from indexing.keyword import analyse


def list_answer(embedder: Embedder, word_overlap: WordOverlap, max_list_items: int, question: str, passages: list[Passage],
                rows_only: bool = False, sections: set[str] = frozenset()) -> tuple[list[Candidate], list[Candidate]] | None:
    """The run of items that best fits the question: lead-in as the direct answer, items as bullets
    (with ``rows_only``, only runs of table rows; at most ``max_list_items`` items; with
    ``sections``, the heading paths the question repeats, only runs under them when there are any)."""
    runs = find_runs(passages)
    noun = _asked_noun(question)
    # the section the question echoes, unless a list says it is of the thing asked for: "What reasons did councils
    # give for not digitising burial registers?" echoes "How to digitise a burial register" (its steps), not the reasons
    if not (sections and not (noun and any(noun in analyse(r.key) for r in runs))):
        sections = frozenset()
    if sections:
        runs = [r for r in runs if (passages[r.items[0][1]].section or "") in sections] or runs
    if rows_only:
        runs = [r for r in runs if len(r.items) >= 2 and all(is_table_row(text) for text, _ in r.items)]
        groups = _breakdown_groups(question)  # the table of the groups asked about, when one is there
        runs = [r for r in runs if groups and groups <= set(analyse(_run_text(r)))] or runs
    if not rows_only:  # a list under the section the question asks for is on its topic ("What went wrong?": "Problems we found"),
        # as is one of the things it asks for ("What does the review want done?": "Recommendation 1: ...", "Recommendation 2: ...")
        runs = [r for r in runs if _on_topic(question, r) or (passages[r.items[0][1]].section or "") in sections
                or (noun and noun in analyse(_run_text(r)))]
    years = _YEAR.findall(question)
    if years:
        runs = ([r for r in runs if any(_passage_of_year(passages[i], years) for _, i in r.items)]
                or [r for r in runs if any(_passage_has_year(passages[i], years) for _, i in r.items)] or runs)
    if not runs:
        return None
    wanted = asked_count(question)
    listed = noun or plural_noun(question)
    if not rows_only and noun and _names_inline(noun, wanted, passages) and not any(
            noun in analyse(_run_text(r) if wanted else r.key) and (not wanted or len(r.items) == wanted) for r in runs):
        return None  # "three principles: transparency, accountability and fairness": the sentence is the list
    q_vec = np.asarray(embedder.embed_query(question))
    asked = set(analyse(_YEAR.sub(" ", question)))
    named_elsewhere = bool(listed) and any(listed in analyse(r.key) for r in runs)
    keys = np.asarray(embedder.embed([_run_text(r) for r in runs]))
    shares = dict(zip((id(r) for r in runs), word_overlap.shares(question, [_run_text(r) for r in runs])))
    # a list from the one document whose title holds the question's own words ("procurement", "SMEs")
    own = dict(zip((id(r) for r in runs), title_bonus(question, [passages[r.items[0][1]].title for r in runs])))

    def fit(pair: tuple[ListRun, np.ndarray]) -> float:
        run, vec = pair
        overlap = shares[id(run)]
        count_bonus = 0.15 if wanted and len(run.items) == wanted else (-0.1 if wanted and len(run.items) > wanted + 2 else 0.0)
        # "What were the main findings?": a list its lead-in or heading says is of findings, not the recommendations
        # whose items share more of the question's subject words
        named_bonus = 0.3 if listed and listed in analyse(run.key) else 0.0
        # under the heading the question asks for ("What should happen next?": "Recommendations"), in words it need not share
        asked_section = 0.2 if (passages[run.items[0][1]].section or "") in sections else 0.0
        # under a heading that says two or more of the question's words ("Which jobs did councils find hardest to
        # fill?": "Hardest roles to fill"), though its items share fewer of them than another list's
        # (not over a list that says it is of the thing asked for: "How to digitise a burial register" says the topic of
        # "What reasons did councils give for not digitising burial registers?", the list of "three main reasons" answers)
        heading = set(analyse((passages[run.items[0][1]].section or "").rsplit(" > ", 1)[-1]))
        said = len(heading & asked)
        heading_bonus = 0.2 * said / len(heading) if said >= 2 and not (named_elsewhere and not named_bonus) else 0.0
        return (0.65 * float(vec @ q_vec) + 0.25 * overlap + count_bonus + 0.05 / (1 + min(i for _, i in run.items))
                + own[id(run)] + named_bonus + asked_section + heading_bonus)

    run, _ = max(zip(runs, keys), key=fit)
    if fit((run, _)) < 0.45:
        return None
    items: list[Candidate] = []
    for k, (text, i) in enumerate(run.items):  # (an item two overlapping passages both hold is listed once)
        if len(items) < max_list_items and not any(_opening(text) == _opening(c.text) for c in items):
            items.append(Candidate(text, i, subitems=tuple(run.subitems.get(k, ()))))
    lead = ([Candidate(run.lead[0], run.lead[1])] if run.lead and is_usable(run.lead[0].rstrip(":") + ".")
            and not _FIELD_LINE.match(run.lead[0]) else [])
    if lead and not _TERMINAL.search(lead[0].text.rstrip(":").rstrip()):  # a whole sentence keeps its full stop
        lead[0].text = lead[0].text.rstrip(":").rstrip() + ":"
    return lead, items


def _opening(text: str) -> str:
    """An item's first sentence, case and spacing aside: the same item, however much of the next one a chunk holds."""
    return " ".join(first_sentence(text).lower().split())


# a field of the item before, cut from it by a chunk boundary ("Timescale: 2024-25."): no lead-in to a list
_FIELD_LINE = re.compile(r"^\W*(?:owners?|timescales?|by|when|deadline|due|status|lead)\s*:\s*\S[^.:]{0,40}\.?\s*$", re.I)
# "Which barrier ... most often?": one thing, the one a list of them ranks first
_WHICH_ONE = re.compile(r"^\W*(?:and\s+)?which\s+(?!(?:share|proportion|percentage|number|one|of|is|was|are|were|did|do|does|had|has)\b)"
                        r"(?P<noun>[a-z]{4,})\b(?!\s+of\b)", re.I)
# ("Into which stages does the briefing break a response?": a preposition before it)
_WHAT_THINGS = re.compile(r"^\W*(?:and\s+)?(?:(?:into|in|on|under|by|from|for)\s+)?(?:what|which)\s+(?:(?:main|key|other|biggest|common)\s+)?"
                          r"(?P<noun>[a-z]+s)\b", re.I)


def _asked_noun(question: str) -> str | None:
    """The stem of what a list question lists: "the five recommendations" -> "recommend", "What
    barriers are slowing ...?" -> "barrier"."""
    noun = listed_noun(question) or ("recommend" if WANTS_CHANGE.search(question) else "barrier" if PUTS_OFF.search(question) else None)
    m = _WHAT_THINGS.match(question) if not noun else None
    if not noun and not m and _SUPERLATIVE.search(question):
        m = _WHICH_ONE.match(question)  # "Which barrier did managers mention most often?": the first of a list of barriers
    stems = analyse(m.group("noun")) if m else []
    return noun or (stems[0] if stems else None)


def _names_inline(noun: str, wanted: int | None, passages: list[Passage]) -> bool:
    """Does a passage name the listed thing, so many of them (``wanted``, when the question counts
    them), in one sentence ("against three principles: transparency, accountability and fairness",
    "described three barriers: ...")? Then that sentence answers, not a list of something else:
    "What are the three principles ...?" was given another document's table, and "What barriers
    are slowing ...?" a list of recommendations."""
    words = [w for w, n in COUNT_WORDS.items() if n == wanted] if wanted else list(COUNT_WORDS)
    count = "(?:" + "|".join([str(wanted) if wanted else r"\d{1,2}", *words]) + ")"
    pattern = re.compile(rf"\b{count}\s+(?:[\w-]+\s+)?(?P<noun>[A-Za-z-]+)\s*[:,(—–-]\s*[^.;]+?(?:,|\band\b)[^.;]+", re.I)
    return any(noun in analyse(m.group("noun")) for p in passages for m in pattern.finditer(p.text))


def _on_topic(question: str, run: ListRun) -> bool:
    """Whether a list is about what the question asks: its lead-in or section shares a word with the
    question, or at least half its items share two (one, for a one-word question). Why: "What are
    the main barriers to data sharing?" took "Four findings shaped the recommendations most
    directly:", whose items each shared a word ("barrier", "data") but only one was about sharing
    data, over the line that answers it."""
    asked = set(analyse(question))
    if asked & set(analyse(run.key)):
        return True
    need = min(2, len(asked))
    return sum(len(asked & set(analyse(text))) >= need for text, _ in run.items) * 2 >= len(run.items)


_SUPERLATIVE = re.compile(r"\b(?:(?P<top>most|highest|largest|biggest|greatest|commonest|top)|(?P<bottom>least|lowest|smallest|fewest))\b", re.I)
_SHARE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|per cent)")


def _extreme_item(question: str, lead: list[Candidate], items: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """For "Which of those did most people pick?" over a list whose items each give a share: the
    item with the largest (or, for "least", smallest) share leads, with the rest after it.

    Why: the list alone leaves the reader to compare the figures; the question asks for the one
    at the top. A list without a share on every item, or a question with no superlative, is
    left as it is.
    """
    m = _SUPERLATIVE.search(question)
    shares = [_SHARE.search(c.text) for c in items]
    if not m or len(items) < 2 or not all(shares):
        return lead, items
    values = [float(x.group(1)) for x in shares]
    pick = values.index(min(values)) if m.group("bottom") else values.index(max(values))
    if values.count(values[pick]) > 1:
        return lead, items  # a tie: no single answer
    return [items[pick]], [c for i, c in enumerate(items) if i != pick]


_VALUE = re.compile(r"(\d[\d,]*(?:\.\d+)?)")


def extreme_row_first(question: str, chosen: list[Candidate], candidates: list[Candidate], passages: list[Passage]) -> list[Candidate]:
    """For "Which of the five prisons had the highest course completion?" answered with table rows:
    the rows of the leading row's table, the one with the highest (or, for "lowest", smallest)
    value in the column the question names first, the others after it.

    Why: the rows came in the order they scored, so the answer led with the prison at 49% and
    left the reader to find the one at 72%. Only rows whose asked cell holds a figure count; with
    no superlative, no such column or a tie, ``chosen`` is returned as it is.
    """
    m = _SUPERLATIVE.search(question)
    if not m or not chosen:
        return chosen
    def table(c: Candidate) -> tuple[str, str]:  # a table cut over two chunks is one table
        return passages[c.passage].doc_id, passages[c.passage].section or ""

    if table_row_cells(chosen[0].text) is not None:
        wanted = table(chosen[0])
    elif WHICH_QUESTION.match(question) and re.search(rf"\b{m.group(0)}\b", chosen[0].text, re.I):
        return chosen  # "By region, adoption was highest in the South West (56%)": the sentence says which, a table need not
    elif WHICH_QUESTION.match(question):  # "Which of the authorities acted on the lowest share ...?" led by a sentence: the
        tables: dict[tuple[str, str], int] = {}  # table whose asked column holds figures, when one does (the most such rows)
        for c in candidates:
            if _row_value(c.text, question, min_overlap=2) is not None:
                tables[table(c)] = tables.get(table(c), 0) + 1
        if not tables:
            return chosen
        wanted = max(tables, key=tables.get)
    else:
        return chosen
    rows = [c for c in candidates if table(c) == wanted and table_row_cells(c.text) is not None]
    values = [_row_value(c.text, question) for c in rows]
    scored = [(v, c) for v, c in zip(values, rows) if v is not None]
    if len(scored) < 2:
        return chosen
    pick = (min if m.group("bottom") else max)(scored, key=lambda vc: vc[0])
    if [v for v, _ in scored].count(pick[0]) > 1:
        return chosen
    return [pick[1], *[c for c in chosen if c.text != pick[1].text]]


def _row_value(line: str, question: str, min_overlap: int = 1) -> float | None:
    """The figure in the cell of a table row whose header the question names most (one such cell
    only, sharing at least ``min_overlap`` words with the question)."""
    parsed = table_row_cells(line)
    if parsed is None:
        return None
    asked = set(analyse(question))
    overlaps = [(len(asked & set(analyse(header))), value) for header, value in parsed[1]]
    best = max(n for n, _ in overlaps)
    values = [_VALUE.search(value) for n, value in overlaps if n == best] if best >= min_overlap else []
    return float(values[0].group(1).replace(",", "")) if len(values) == 1 and values[0] else None


def _run_text(run: ListRun) -> str:
    return f"{run.key} {' '.join(t[:80] for t, _ in run.items)}"

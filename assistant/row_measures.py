"""Does the table row leading an answer give the measure the question asks for?

A table row gives its own columns and nothing else. "What was the first-visit fix rate for landlords
in the North East in 2026?" drew the North East row of a survey table (responses, tenant portal,
repairs reported digitally, online booking): the row the question names, but none of its columns is
the rate asked for. The documents do name that rate, in a recommendation that landlords report it,
which is how we know the question asks for a measure of its own and not for a column in other words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.acronyms import acronyms_in, spelled_out
from assistant.answer import strip_citations
from assistant.answerability import RESPONDING, RESPONSES
from assistant.markdown_answer import ROW_HEADING, table_row_cells
from assistant.question_shapes import ASKS_NUMBER, WHICH_QUESTION, is_list_question
from assistant.share_questions import asks_share, holds_share
from assistant.table_extremes import near_stems
from indexing.keyword import analyse

# words that say a figure is wanted, not which figure: "What was the rate ...", "What share ..."
_FIGURE_WORDS = frozenset(analyse("share proportion percentage per cent rate figure number level average median mean total "
                                  "count amount value score many much often survey year edition"))
# words that say whose row it is, not what it measures: "people aged 75 and over"
_WHOSE = frozenset(analyse("people aged age"))
_FIGURE_Q = re.compile(r"\b(?:how (?:many|much|often)|what (?:is|was|are|were) (?:the |its |their )?(?:[\w-]+ ){0,3}"
                       r"(?:rate|share|proportion|percentage|figure|number|time|score|level)|what (?:share|proportion|percentage|per ?cent))\b", re.I)
# a field counting those who answered ("Responses: 18") answers "How many took part?" in other words
_RESPONDING = RESPONDING | frozenset(analyse("took part participated participation"))
_GROUP_FIELD = re.compile(r"^(?:all|aged|age|total|overall)\b|^\d+\s*(?:-|to|and)\s*(?:\d+|over)\b", re.I)
_YEAR_FIELD = re.compile(r"^(?:(?:19|20)\d\d(?:[-/]\d\d)?|change|difference)$", re.I)
_YEAR_LABEL = re.compile(r"\s*(?:19|20)\d\d\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _lead_row(answer: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The label and the (field, value) pairs of the table row an answer opens with ("**North East**:" then "- Field: value")."""
    text = strip_citations(answer).lstrip()
    row = ROW_HEADING.match(text)
    if not row:
        return None
    block = text[row.end():].split("\n\n")[0]
    fields = [tuple(part.strip() for part in line.strip().lstrip("-").strip().split(":", 1)) for line in block.splitlines() if ":" in line]
    return row.group("label").strip(), [(f, v) for f, v in fields if f]


def _runs(question: str, skip: set[str]) -> list[list[tuple[str, str]]]:
    """The question's runs of consecutive content words outside ``skip``, as (stem, word) pairs:
    "first-visit fix rate for landlords" gives [first, visit, fix] and [landlords]. A run set in time or
    circumstance ("before and after the data-matching trial") says when, not what is measured: left out."""
    runs: list[list[tuple[str, str]]] = [[]]
    setting = False  # the words since the last run began with "before", "after", "during" ...
    for word in _WORD.findall(re.sub(r"\b(?:19|20)\d\d\b", " . ", question.replace("-", " "))):
        stems = analyse(word)
        if len(stems) == 1 and stems[0] not in skip:
            if not setting:
                runs[-1].append((stems[0], word))
            continue
        if runs[-1]:
            runs.append([])
        if word.lower() in _SETTING:
            setting = True
        elif word.lower() not in _LINKING:
            setting = False
    return [run for run in runs if run]


_SETTING = frozenset("before after during since under following throughout until from within".split())
_LINKING = frozenset("the a an and or its their this that these those".split())


def _said_in(pair: tuple[str, str], texts: Sequence[list[str]]) -> bool:
    """Whether some text (its words' stems, ``_word_stems``) holds the two stems as neighbouring words, in this order
    (a stop word between keeps them apart: "people who are entitled" does not say "people entitled")."""
    return any(stems[i] == pair[0] and stems[i + 1] == pair[1] for stems in texts for i in range(len(stems) - 1))


def _word_stems(text: str) -> list[str]:
    """Each word's stem, "" for a stop word (which parts its neighbours)."""
    return [(analyse(word) or [""])[0] for word in _WORD.findall(text.replace("-", " "))]


def row_lacks_measure(question: str, answer: str, texts: Sequence[str]) -> str | None:
    """"a figure for first-visit fix rate in North East" when a table row the question names, asking a figure,
    has no column sharing a word with what it asks, while ``texts`` (the retrieved passages, with their titles
    and headings) say those words side by side elsewhere: a measure the documents know, not given for that row.
    None otherwise (a paraphrase in words no passage uses is left to the answer).

    The row is the one the answer opens with, or else the rows so labelled in tables of the year the question
    names when the answer's opening does not name them ("What share of police forces recorded a ransomware
    attempt in 2026?" answered with every body's 33 per cent, while the police row of 2026 has no such column)."""
    if not _FIGURE_Q.search(question) and not ASKS_NUMBER.search(question):
        return None
    if is_list_question(question) or WHICH_QUESTION.search(question):
        return None  # "Which region ...?" picks a row out by a column; its label is the answer, not a name asked
    asked = set(analyse(question))
    lead = _lead_row(answer)
    if lead:
        label, fields = lead
        rows = [fields] if set(analyse(label)) and set(analyse(label)) <= asked else []
    else:
        label, rows = _rows_named(question, strip_citations(answer).strip().split("\n\n")[0], texts)
    if not rows or any(not fields or all(_YEAR_FIELD.match(f) for f, _ in fields) or any(_GROUP_FIELD.match(f) for f, _ in fields)
                       for fields in rows):
        return None  # (a measure's row across years or groups, "All payers", "Aged 18-34": the label is the measure)
    # a share is asked of a column of shares: "What proportion of Brackley Vale's business ratepayers use a rates agent?"
    # is not answered by "Business ratepayers: 4,980", the count of those it would be a share of
    share = asks_share(question)
    measured = [field for fields in rows for field, value in fields if not share or holds_share(value)]
    field_stems = {stem for field in measured for stem in analyse(field)}
    if share and not field_stems:
        return None  # a row of counts only: what share is asked is left to the answer
    runs = _runs(question, set(analyse(label)) | _FIGURE_WORDS | _WHOSE)
    # (one stem, or two forms of one word family the stemmer keeps apart: "referral" and "Referred")
    if any(stem == field or near_stems(stem, field) for run in runs for stem, _ in run for field in field_stems):
        return None
    if any(spelled_out(acronym, question) for field in measured for acronym in acronyms_in(field)):
        return None  # "heard of the Priority Services Register": the column "Aware of PSR"
    if field_stems & RESPONSES and asked & _RESPONDING:
        return None  # "How many North East landlords took part?": the responses field counts them
    # (not in the row's own table, whose caption and notes say what its columns measure in words of their own)
    apart = [_word_stems(text) for text in texts if not any((cells := table_row_cells(line)) and cells[0].strip().lower() == label.lower()
                                                            for line in text.splitlines())]
    for run in runs:
        for i, (first, second) in enumerate(zip(run, run[1:])):
            if _said_in((first[0], second[0]), apart):
                return f"a figure for {_phrase(question, run[i:])} in {label}"
    return None


def _rows_named(question: str, opening: str, texts: Sequence[str]) -> tuple[str, list[list[tuple[str, str]]]]:
    """The label the question names of table rows in ``texts`` and each such row's column names, when the
    answer's ``opening`` does not name it; only rows of texts that say the question's year, when it names one."""
    years = set(re.findall(r"\b(?:19|20)\d\d\b", question))
    found: dict[str, list[list[str]]] = {}
    for text in texts:
        if len(years) == 1 and not years <= set(re.findall(r"\b(?:19|20)\d\d\b", text)):
            continue
        for line in text.splitlines():
            cells = table_row_cells(line)
            # (not a row labelled by a year, "2023 - Applications received: 41,300; Online: 68%": the question's year names
            # the edition it asks of, and the year's row of another measure's table says nothing of what it lacks)
            if cells and not _YEAR_LABEL.match(cells[0]) and _says(question, cells[0]) and not _says(opening, cells[0]):
                found.setdefault(cells[0].lower(), []).append(list(cells[1]))
    if len(found) != 1:
        return "", []  # none, or several rows asked about at once: left to the answer
    label, rows = next(iter(found.items()))
    return label, rows


def _says(text: str, label: str) -> bool:
    """Whether ``text`` holds the row label as a phrase ("police forces" for "Police forces")."""
    return bool(re.search(rf"\b{re.escape(label.strip())}s?\b", text, re.I))


def _phrase(question: str, run: list[tuple[str, str]]) -> str:
    """The run as the question words it, with a figure word that follows it: "first-visit fix rate"."""
    span = re.search(rf"{re.escape(run[0][1])}.*?{re.escape(run[-1][1])}(?:\s+(?P<next>[a-z]+))?", question)
    if not span:
        return " ".join(word for _, word in run)
    text, following = span.group(0), span.group("next")
    if following and not (analyse(following) and set(analyse(following)) <= _FIGURE_WORDS):
        text = text[: span.start("next") - span.start()].rstrip()
    return text

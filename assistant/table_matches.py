"""'Which councils do their inspections fully on tablets?': the rows whose yes/no cell says yes.

A table that marks each row "Yes", "No" or "Partly" in a column answers "Which X ...?" with every
row marked yes. Similarity picked one such row (the one that scored best), so the answer named one
council where the table names three.
"""

from __future__ import annotations

import re

from assistant.answer_lines import Candidate
from assistant.retrieval import Passage
from assistant.table_extremes import TableRow, names_its_rows, near_stems, stems_of, tables_in

_YES = frozenset({"yes", "y", "✓", "✔", "true"})
_NO = frozenset({"no", "n", "✗", "✘", "false", "partly", "partial", "partially", "some", "n/a", "-", "planned", "in part"})
# "Which councils ...": several things picked out (a plural noun after "which")
# ("Which of the water companies ...": a noun's word before it)
_WHICH_PLURAL = re.compile(r"^\W*(?:[^,?]{3,80},\s*)?(?:and\s+)?which\s+(?:of\s+the\s+(?:[a-z-]+\s+)?)?(?P<noun>[a-z-]+s)\b", re.I)
_NOT_ALL = re.compile(r"\b(?:not|don't|doesn't|didn't|without|never|fail|fails|failed)\b", re.I)
# "Which ... offered no online case tracking (at all)?", "... did not offer ...": the rows marked no, not those marked partly
_NEGATED = re.compile(r"\b(?:no|not|don't|doesn't|didn't|without|never)\b", re.I)
_PLAIN_NO = frozenset({"no", "n", "✗", "✘", "false", "none"})


def asks_which_of_rows(question: str) -> bool:
    """ "Which councils ...?": a question that may be answered by several rows of one table (read whole)."""
    return bool(_WHICH_PLURAL.match(question))


def rows_marked_yes(question: str, passages: list[Passage]) -> list[Candidate]:
    """The rows marked yes in the yes/no column the question names ("... on tablets?": "Tablet
    inspections"), when the question asks "Which <things> ...?" of that table's rows; [] otherwise
    (no such column, no row marked yes, a negative question, or every row marked yes)."""
    if not _WHICH_PLURAL.match(question):
        return []
    negated = bool(_NEGATED.search(question))
    if _NOT_ALL.search(question) and not negated:
        return []  # ("Which councils failed the check?": neither the rows marked yes nor those marked no)
    asked = stems_of(question)
    for rows, first_header in tables_in(passages):
        if not names_its_rows(question, rows, first_header):
            continue
        header = _yes_no_column(asked, rows)
        if header is None:
            continue
        marked = [r for r in rows if _cell(r, header) in (_PLAIN_NO if negated else _YES)]
        if marked and len(marked) < len(rows):  # in the table's order (a table cut over chunks came in retrieval order)
            return [r.candidate for r in sorted(marked, key=lambda r: passages[r.candidate.passage].chunk_index)]
    return []


def _yes_no_column(asked: set[str], rows: list[TableRow]) -> str | None:
    """The one column whose every cell is yes or no-like and whose header shares a word with the question."""
    headers = list(dict.fromkeys(h for r in rows for h, _ in r.cells))
    fitting = [h for h in headers if all(_cell(r, h) in _YES | _NO for r in rows)
               and any(a == s or near_stems(a, s) for a in asked for s in stems_of(h))]
    return fitting[0] if len(fitting) == 1 else None


def _cell(row: TableRow, header: str) -> str:
    """The cell's mark, without what it says in brackets: "Partial (status only)" is "partial"."""
    return re.sub(r"\s*\([^()]*\)", "", dict(row.cells).get(header, "")).strip().lower().rstrip(".")

"""How a question writes its year, and whether a line writes it the same way.

A year in a question is usually the year of a survey or report ("the 2019 survey"), and the
answerer keeps to the lines of that year's document (``year_lines._of_years``). Two other ways of
writing a year name something else, and a line of any document that writes them the same way is
about what the question asks:

* a **span** ("in 2023-24", "2022/23"): a financial or academic year, not a publication year. A
  blog published in 2023 says nothing about 2023-24 spend; the table row "HM Revenue and Customs
  - SME share 2023-24: 25%" in a 2024 Insight does.
* a **year naming a thing** that is not a publication of that year ("its 2023 assessment"): a
  2024 briefing's "In its 2023 assessment, the CDDO classed 28 legacy systems" answers "How many
  systems did the CDDO identify in its 2023 assessment?", while a 2023 blog about websites does
  not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexing.keyword import analyse

_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)?\d\d)\b")
# the kinds of document an edition is ("the 2024 survey report", "the 2028 Digital Planning Benchmark")
EDITION_NOUNS = r"(?:survey|report|review|edition|benchmark|study|audit|census)"
# a year on its own, not either end of a period ("2019-20", "2019 to 2020" keeps its years; "2023-24" has none)
PLAIN_YEAR = re.compile(r"(?<![\d/–-])\b(19[5-9]\d|20[0-4]\d)\b(?!\s*[-–/]\s*\d)")


def dates_edition(question: str, year: str = r"(?:19|20)\d\d", words: int = 1) -> bool:
    """Does the question date an edition with the year ("the 2024 survey report", "In the 2024 Patients Online survey")?
    ``words``: how many words may stand between the year and the kind of document."""
    return re.search(rf"\b{year}\s+(?:[\w'’-]+\s+){{0,{words}}}?{EDITION_NOUNS}\b", question, re.I) is not None
_YEAR_NOUN = re.compile(r"\b((?:19|20)\d\d)(?:'s|’s)?\s+([A-Za-z][A-Za-z-]+)")
# a publication's own kind: "the 2017 survey", "the 2019 report" is a document of that year (``_of_years``)
_PUBLICATION = frozenset(analyse("survey surveys report reports poll study results findings questionnaire fieldwork edition "
                                 "insight insights briefing blog note paper publication review"))


def _span_key(start: str, end: str) -> tuple[str, str]:
    return start, end[-2:]


def without_spans(text: str) -> str:
    """``text`` with its spans ("2023-24") blanked out."""
    return _SPAN.sub(" ", text)


def asked_spans(question: str) -> set[tuple[str, str]]:
    """ "in 2023-24" -> {("2023", "24")}."""
    return {_span_key(a, b) for a, b in _SPAN.findall(question) if int(b[-2:]) == (int(a) + 1) % 100}


def asked_year_things(question: str) -> set[tuple[str, str]]:
    """ "its 2023 assessment" -> {("2023", "assess")}: a year followed by a noun that is not a publication's kind."""
    out = set()
    for year, word in _YEAR_NOUN.findall(_SPAN.sub(" ", question)):
        stems = analyse(word)
        if stems and stems[0] not in _PUBLICATION and not stems[0].isdigit():
            out.add((year, stems[0]))
    return out


def states_year_as_asked(line: str, question: str) -> bool:
    """Does the line write a year the way the question does: the same span, or the same year naming the same thing?"""
    spans = asked_spans(question)
    if spans and spans & {_span_key(a, b) for a, b in _SPAN.findall(line)}:
        return True
    things = asked_year_things(question)
    if not things:
        return False
    written = {(y, s[0]) for y, w in _YEAR_NOUN.findall(line) if (s := analyse(w))}
    return bool(things & written)


def span_years(question: str) -> set[str]:
    """The years of the question that open a span ("2023" of "2023-24")."""
    return {a for a, _ in asked_spans(question)}


def rows_under_caption(text: str, year: str) -> list[str]:
    """The lines of the block after a caption naming ``year`` ("Reports by type of incident, 2022")."""
    return [row for caption, rows in captioned_rows(text) if year in caption for row in rows]


def captioned_rows(text: str) -> list[tuple[str, list[str]]]:
    """Each caption of the text with the lines of the block below it: a caption is one short line with no full stop,
    standing alone ("Reports by type of incident, 2022"), and what it says (a year, what is counted) holds for its rows."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text)]
    return [(caption, below.splitlines()) for caption, below in zip(blocks, blocks[1:])
            if "\n" not in caption and len(caption.split()) <= 12 and not caption.rstrip().endswith((".", ":"))]


# "the first claimant poll", "the second edition", "the latest survey": an edition by its place in the series
_ORDINAL_EDITION = re.compile(r"\bthe\s+(?P<which>first|second|third|latest|most recent|newest|last|previous|earlier|later)\s+"
                              r"(?P<words>(?:[\w'’-]+\s+){0,3}?)(?:survey|poll|edition|round|benchmark|report|study|census|wave)\b"
                              r"(?:\s+of\s+(?:the\s+)?(?P<of>(?:[\w'’-]+\s+){0,3}?[\w'’-]+))?", re.I)
_ORDER = {"first": 0, "second": 1, "third": 2, "earlier": 0, "previous": -2, "latest": -1, "most recent": -1, "newest": -1, "last": -1,
          "later": -1}


def edition_by_order(question: str, editions: Sequence[tuple[str, str]]) -> str | None:
    """The year of the edition a question names by its place ("the first claimant poll" -> "2023"), from ``editions``:
    (title, year) of the documents found. None when the series found spans fewer than two years, or too few."""
    m = _ORDINAL_EDITION.search(question)
    years = series_years(question, editions)
    index = _ORDER[m.group("which").lower()] if m else 0
    if len(years) < 2 or (index >= 0 and index >= len(years)) or (index < 0 and -index > len(years)):
        return None
    return years[index]


def series_years(question: str, editions: Sequence[tuple[str, str]]) -> list[str]:
    """The years, in order, of the series whose edition the question names by its place: of the documents whose titles
    share a word the question gives the edition ("claimant"), or, when it gives none ("the first survey"), of those
    titled like the document found first (two title words in common); [] for no such phrase."""
    m = _ORDINAL_EDITION.search(question)
    if not m:
        return []
    words = set(analyse(f"{m.group('words')} {m.group('of') or ''}")) - _PUBLICATION  # "the first edition of the passenger study"
    if not words and editions:  # "the first survey": the series of the document found first, titled alike
        anchor = set(analyse(re.sub(r"\b(?:19|20)\d\d\b", " ", editions[0][0])))
        return sorted({year for title, year in editions if year and len(anchor & set(analyse(title))) >= 2})
    return sorted({year for title, year in editions if year and words & set(analyse(title))})

"""Years: a question naming years is answered from lines about them; one asked without a year
gets each year's line when the close lines come from documents of different years.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from assistant.answer_lines import Candidate
from assistant.lists import is_table_row
from assistant.line_facts import _NUMBERS, _YEAR, _counts, _has_figure, _repeats
from assistant.markdown_answer import table_row_cells
from assistant.retrieval import Passage
from assistant.share_questions import of_another_group
from assistant.table_extremes import near_stems
from assistant.year_phrases import PLAIN_YEAR, asked_spans, dates_edition, rows_under_caption, span_years, states_year_as_asked
from indexing.keyword import analyse


def _spans_years(chosen: list[Candidate], passages: list[Passage]) -> bool:
    """Do the lines chosen already come from documents of two or more years (a measure repeated by year)?"""
    return len({_year_of(passages[c.passage]) for c in chosen} - {""}) > 1


def _year_of(p: Passage) -> str:
    return (p.published or "")[:4]


def _passage_has_year(p: Passage, years: list[str]) -> bool:
    return any((p.published or "").startswith(y) or y in p.title or y in p.text for y in years)


def _passage_of_year(p: Passage, years: list[str]) -> bool:
    """Published that year, or titled with it: a document of that year, not one that only mentions it.

    Why: "Which skill areas had the biggest gaps in 2017?" took the 2019 report's table because
    that report compares with 2017 in its text; a list from a document of the year comes first.
    """
    return p.of_year(years)


# a table row labelled by its year, "2024 - Applications received: 57,600; Online: 77%" (not "2024-25", a span)
_ROW_OF_YEAR = re.compile(r"^\s*((?:19|20)\d\d)(?:\s*\([^()]{1,40}\))?\s+-\s+\S")
# a year as a point in time: "by the end of 2021", "before March 2024", "since 2019", "as of 2022"
_POINT_IN_TIME = re.compile(r"\b(?:(?:by|before|after|until|since|as of|as at)\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?"
                            r"|at\s+the\s+(?:end|start|beginning|close)\s+of\s+"  # "... fail to turn up at the end of 2023?"
                            r"|the\s+(?:first|second|third|fourth|final|last)\s+(?:quarter|half)\s+of\s+)"
                            r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+)?"
                            r"(?:19|20)\d\d\b", re.I)


def _of_years(years: list[str], candidates: list[Candidate], vectors: np.ndarray, passages: list[Passage], question: str = ""):
    """When the question names years, only lines about them: the passage's year or the line's own.

    Why: "In 2019, what share ...?" must not be answered from the 2017 report, although both
    describe the same measure in nearly the same words. A line that states the year counts; so
    does any line of a document published in that year. A span ("in 2023-24") is no publication
    year: only the lines that state it; a year naming something ("its 2023 assessment") is met
    by a line of any document that writes it so (``assistant.year_phrases``).
    """
    if not years:
        return candidates, vectors
    as_asked = [k for k, c in enumerate(candidates) if question and states_year_as_asked(c.text, question)]
    # a table row takes its document's period: a review of 2022-23 tabulates 2022-23 (its caption may be in another chunk)
    dated = {p.doc_id for p in passages if question and states_year_as_asked(p.text, question)}
    as_asked += [k for k, c in enumerate(candidates) if k not in as_asked and is_table_row(c.text) and passages[c.passage].doc_id in dated
                 and not _YEAR.search(c.text)]  # (a row that states years of its own states its own period)
    # a document published as the asked span closed, that span its latest, is about it: its lines that state no year
    # ("... 18 per cent of calls were abandoned, and in the winter peak that rose to 26 per cent" in a 2022 note on
    # 2021-22; a 2025 review of 2024-25 against a 2021-22 baseline); a later one stating it (a 2025 pilot review giving
    # 2023-24 as its baseline) is about its own time
    spans = asked_spans(question)
    closing = {str(int(a) + 1) for a, _ in spans}
    sole = {d for d in dated if max(set().union(*(asked_spans(p.text) for p in passages if p.doc_id == d))) in spans
            and any((p.published or "")[:4] in closing for p in passages if p.doc_id == d)} if spans else set()
    as_asked += [k for k, c in enumerate(candidates) if k not in as_asked and passages[c.passage].doc_id in sole
                 and not _YEAR.search(c.text)]
    as_asked += _continuing(as_asked, candidates)  # "... bookings in 2023-24. Of these, 88 per cent were made online"
    if len(asked_spans(question)) > 1:  # "between 2020-21 and 2022-23": each span's report, published as it closed, states
        ends = {str(int(a) + 1) for a, _ in asked_spans(question)}  # its figures without the span ("rose again, to 93 per cent")
        as_asked += [k for k, c in enumerate(candidates) if k not in as_asked and (passages[c.passage].published or "")[:4] in ends]
    if as_asked and set(years) <= span_years(question):
        return [candidates[k] for k in as_asked], vectors[as_asked]
    # A year with a document of its own is answered from that document: "As in 2017, the survey used
    # an open link" in the 2019 report is about 2019's survey, not an answer about 2017's. An undated
    # document is no other year's: its line stating the year stands ("The academy trained 1,350
    # learners in 2024" was dropped because an unrelated document was published in 2024).
    # A document titled with the year is that year's, whenever it was published ("Cloud Hosting Review
    # 2024", published in 2025, answers "Who led the Cloud Hosting Review 2024?").
    own = {(passages[c.passage].published or "")[:4] for c in candidates} & set(years)
    if _POINT_IN_TIME.search(question):
        own = set()  # "by the end of 2021" is a date any document may report, not the 2021 edition's question
    # ... unless a line of another document states the year and is about the question's subject as its
    # own document is not ("91 per cent [of passport applications] made online, up from 76 per cent in 2019"
    # for "What share of passport applications were made online in 2019?", where 2019's own document is a
    # survey of civil servants): it shares clearly more of the question's words than any line of that year's
    asked = set(analyse(_YEAR.sub(" ", question))) if question else set()
    shared = [len(asked & set(analyse(c.text))) for c in candidates]  # each line's words in common with the question
    own_best = max((n for n, c in zip(shared, candidates) if _passage_of_year(passages[c.passage], years)), default=0)
    if 2 * own_best < max(shared, default=0):
        # that year's documents are about something else (a 2022 Insight on marriage notices for "How many crime
        # reports came in online in 2022?", answered in a blog of 2023): the year is a date any document may report
        own = set()
    # A year is also the year of a document whose own survey it dates ("In autumn 2024 the PSB surveyed 88
    # councils" in a briefing published in 2025): that document's lines report it, whether or not another,
    # unrelated document was published that year (an NHS 111 blog of 2024 took "by 2024" from the burial survey)
    surveyed = {passages[c.passage].doc_id for c in candidates
                if set(_YEAR.findall(_COMPARED_YEAR.sub(" ", c.text))) & set(years) and _OWN_FIELDWORK.search(c.text)}
    captioned = {row.strip() for p in passages for y in years for row in rows_under_caption(p.text, y)}
    keep = []
    for k, c in enumerate(candidates):
        stated = set(_YEAR.findall(c.text)) & set(years)
        published = (passages[c.passage].published or "")[:4]
        on_subject = bool(stated) and bool(own) and shared[k] >= max(3, own_best + 2)
        if (_passage_of_year(passages[c.passage], years) or stated - own or (stated and not published) or k in as_asked or on_subject
                or passages[c.passage].doc_id in surveyed or c.text.strip() in captioned  # a row under "..., 2022" is of 2022
                or ((row := _ROW_OF_YEAR.match(c.text)) is not None and row.group(1) in years)  # the row "2024 - Online: 77%"
                or _field_of_year(c.text, years, asked, question)):
            keep.append(k)
    keep = sorted(set(keep) | set(_continuing(keep, candidates)))  # "In 2024 the libraries held ... They lent out ..."
    if not keep:
        return candidates, vectors
    return [candidates[k] for k in keep], vectors[keep]


def _field_of_year(line: str, years: list[str], asked: set[str], question: str) -> bool:
    """Does a field of the row give, for an asked year, the thing the question asks about ("Reports in 2024: 486" for
    "How many incident reports reached PSCRU through its phone line in 2024?")? Such a row is of that year, whichever
    year its document was published: a briefing of 2025 tabulating 2024's reports by channel answered nothing, the
    2024 survey's lines were kept and counted no reports."""
    if dates_edition(question):
        return False  # "the 2024 survey report": that year dates a document, and "Reports in 2024" may count something else
    cells = table_row_cells(line)
    # (the first column is read with the row's label: "Immutable backups - 2024: 61%" is the backups' figure for 2024)
    return cells is not None and any((m := _DATED_HEADER.search(header)) and m.group("year") in years and re.match(r"\d", value)
                                     and asked & set(analyse(f"{cells[0]} {header}" if k == 0 else header))
                                     for k, (header, value) in enumerate(cells[1]))


# a header dating what it counts: "Reports in 2024", "Visits (2023)", "Loans, 2024"
_DATED_HEADER = re.compile(r"\s*(?:,|\bin\b|\bfor\b|\()?\s*(?P<year>(?:19|20)\d\d)\)?$")


# a sentence that goes on about the one before it: "Of these, 88 per cent ...", "Among them, ..."
_CONTINUES = re.compile(r"^\W*(?:of\s+(?:these|them|those|which|this|that)|among(?:st)?\s+(?:them|these|those)|of\s+this\s+total)\b", re.I)
# ... or has the one before it as its subject: "In 2024 the libraries held 14,500 sessions. They lent out 2,300 laptops ..."
_SAME_SUBJECT = re.compile(r"^\W*(?:they|it|these|those|he|she)\s+[a-z]", re.I)


def _continuing(dated: list[int], candidates: list[Candidate]) -> list[int]:
    """The lines that go on about a dated line just before them in the same passage ("Of these, ..."): they
    report the same period. Why: "residents made 2.4 million bookings in 2023-24. Of these, 88 per cent
    were made online, 12 per cent by telephone" was no answer to "... made by phone in 2023-24?". So does a line
    whose subject is a pronoun for the one before and that states no year of its own ("They lent out 2,300 ...")."""
    found: list[int] = []
    for k in range(1, len(candidates)):
        before = candidates[k - 1]
        if ((k - 1 in dated or k - 1 in found) and k not in dated and before.passage == candidates[k].passage
                and (_CONTINUES.match(candidates[k].text) or _SAME_SUBJECT.match(candidates[k].text) and not _YEAR.search(candidates[k].text))):
            found.append(k)
    return found


# a document's own fieldwork: "the PSB surveyed", "we asked", "fieldwork ran", "our survey of"
_OWN_FIELDWORK = re.compile(r"\b(?:we|the PSB|PSB|the working group|the panel|the review)\s+(?:\w+\s+){0,3}?(?:surveyed|asked|interviewed|ran a survey)\b"
                            r"|\bfieldwork\s+(?:ran|took place|was carried out)\b|\bour\s+(?:\d{4}\s+)?survey\b"
                            # "In the 2024 application round those councils received ...": the round the document reports
                            r"|\bthe\s+(?:19|20)\d\d(?:[-/]\d\d)?\s+(?:[a-z]+\s+)?(?:round|cycle|wave)\b", re.I)
# a year a figure is compared with, not when the fieldwork ran: "58% of those we surveyed had used one (44% in 2022)"
_COMPARED_YEAR = re.compile(r"\([^()]*\b(?:19|20)\d\d\b[^()]*\)|\b(?:up|down|rising|falling|rose|fell)?\s*(?:from|than|against|compared with)\s+"
                            r"[^.;]{0,40}?\b(?:in\s+)?(?:19|20)\d\d\b", re.I)
_SHARE_IN_LINE = re.compile(r"\d\s?(?:%|per ?cent)|\b(?:one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out of)\s+(?:ten|\w+)\b|\bhalf\b|\bthird\b|\bquarter\b", re.I)
_ASKS_SHARE = re.compile(r"\b(?:share|proportion|percentage|per ?cent|fraction|rate)\b", re.I)


def asks_share(question: str) -> bool:
    return bool(_ASKS_SHARE.search(question))


def _restates(line: str, other: str) -> bool:
    """Does another year's ``line`` only restate ``other``? A line with figures does when it adds none.

    Why: editions word a measure alike, so "36% were still running a system more than 15 years old, and
    just 22% published their data" (2022) shares most words and the "15" with the 2025 line; it was
    dropped as a repeat and the 2022 side of "How did the share ... change?" quoted a recommendation.
    """
    figures = set(_NUMBERS.findall(line))
    return figures <= set(_NUMBERS.findall(other)) if figures else _repeats(line, other)


_PARALLEL = 0.15  # how much a line worded like the lead counts, against its score, among another year's lines


def _measure_words(line: str) -> set[str]:
    """The stems of a line's words, without its figures and years: what it measures, not how much."""
    return set(analyse(re.sub(r"\d[\d,.:]*", " ", line)))


# words of a comparison question that frame it, not what it measures
_FRAME_WORDS = frozenset(analyse("how did does has have what was were the share proportion percentage number change changed "
                                 "compare compared between and from to survey surveys edition report year years over since"))


# the editions as the question names them, "the 2023 and 2025 member surveys": which surveys, not what they measure
_EDITIONS_NAMED = re.compile(r"\b(?:19|20)\d\d\s+(?:and|to|with|or|vs\.?|versus)\s+(?:the\s+)?(?:19|20)\d\d\s+"
                             r"(?:[\w'’-]+\s+){0,3}?(?:surveys?|editions?|reports?|reviews?|polls?|benchmarks?|studies)\b", re.I)


def _covered(asked: set[str], line: set[str]) -> float:
    """The share of the question's measure words a line says, in any form of the word ("satisfaction": "Satisfied")."""
    return sum(any(a == w or near_stems(a, w) for w in line) for a in asked) / len(asked) if asked else 0.0


def _alike(lead: set[str], other: set[str]) -> float:
    """Dice overlap of two lines' measure words. Why: "How did awareness of free checks change between 2023 and 2025?"
    led with "49% knew that their service offers free home fire safety checks" (2025) and gave, for 2023, a line
    counting households that had had a check; the 2023 edition's "38% knew ... free checks" says the same thing."""
    return 2 * len(lead & other) / (len(lead) + len(other)) if lead and other else 0.0


def _row_label(line: str) -> str:
    """A table row's label, lower-cased ("75 and over - Used NHS App: 29%" -> "75 and over"); "" for any other line.

    Why: "How did NHS App use among people aged 75 and over change between the 2024 and 2026 surveys?" led with the
    2024 table's row for the over-75s and gave, for 2026, every adult's figure: another year's line for the same row is
    that table's row with the same label."""
    cells = table_row_cells(line)
    return cells[0].strip().lower() if cells else ""


def _states_figure(line: str) -> bool:
    """A count, amount or share ("984", "a third"): what a figure question asks each year for."""
    return _has_figure(line) or bool(_SHARE_IN_LINE.search(line))


def _lead_of_its_year(chosen: list[Candidate], ranked: list[Candidate], passages: list[Passage], floor: float,
                      says: Callable[[str], bool], keep_lead: bool) -> list[Candidate]:
    """``chosen`` led by the best line of its lead's year for which ``says`` holds (scoring at least ``floor``), when the
    lead's own line does not; the old lead stays behind it when ``keep_lead``."""
    if says(chosen[0].text):
        return chosen
    year = _year_of(passages[chosen[0].passage])
    found = next((c for c in sorted(ranked, key=lambda c: c.score, reverse=True)
                  if says(c.text) and _year_of(passages[c.passage]) == year and c.score >= floor), None)
    if found is None:
        return chosen
    return [found, *[c for c in (chosen if keep_lead else chosen[1:]) if c.text != found.text]]


def _of_named(p: Passage, named: set[str]) -> bool:
    """Is the passage of an edition the question names: published in one of the years, or titled with it?"""
    return _year_of(p) in named or any(y in p.title for y in named)


def one_per_year(chosen: list[Candidate], ranked: list[Candidate], passages: list[Passage], year_relative: float,
                 counted: set[str] = frozenset(), figure: bool = False, share: bool = False, question: str = "") -> list[Candidate]:
    """When close candidates come from documents of different years, give each year's best line.

    Why: "How many responded?" has a different answer in each year's survey; the reader needs
    each, labelled, rather than whichever year happened to score highest. For "How many X ...?"
    (``counted``) a year's line that counts X comes before its other lines: "How many
    organisations took part in 2015 and 2019?" took "640 responses from 29 organisations" for
    2015 and, for 2019, a line about culture that happened to score higher than "1,206
    responses ... in 51 organisations".
    ``year_relative``: how close to the best line's score another year's line must come.
    """
    if not chosen:
        return chosen
    named = set(PLAIN_YEAR.findall(question))
    if len(named) > 1 and not _of_named(passages[chosen[0].passage], named):
        # "Were complaints more often settled at first contact in 2025 than in 2023?": not a 2024 briefing's line that
        # mentions 2023-24 as the lead, but the best line of an edition the question names
        own = [c for c in sorted(ranked, key=lambda c: c.score, reverse=True) if _of_named(passages[c.passage], named)
               and (not figure or _states_figure(c.text))]
        if own and own[0].score >= chosen[0].score * year_relative:
            chosen = [own[0], *(c for c in chosen if c.text != own[0].text and _of_named(passages[c.passage], named))]
    floor = chosen[0].score * year_relative  # how close to the lead another line must come
    if share:  # the lead's year, its line with a share ("87 per cent ... online"), the old lead after it
        chosen = _lead_of_its_year(chosen, ranked, passages, floor, lambda text: bool(_SHARE_IN_LINE.search(text)), keep_lead=True)
    # (only when lines of two or more years are in play: one document's lead was chosen for the action it reports, "68
    # responses were removed" for "How many people were removed?", and for whose figure it is)
    several = len({_year_of(passages[c.passage]) for c in ranked} - {""}) > 1
    if several and counted:  # the lead's year, its line counting X ("214 landlords responded"), in place of the lead
        chosen = _lead_of_its_year(chosen, ranked, passages, floor, lambda text: _counts(text, counted), keep_lead=False)
    if several and figure:  # "Has it got easier to find opportunities between 2022 and 2025?": the lead's year, its line
        # giving a figure, not "The 2025 survey asked suppliers about finding ..."
        chosen = _lead_of_its_year(chosen, ranked, passages, floor, _states_figure, keep_lead=False)
    if figure:  # a line labelled with another year must give that year's figure, not just share the words
        lead_year = _year_of(passages[chosen[0].passage])
        chosen = [chosen[0], *(c for c in chosen[1:] if _year_of(passages[c.passage]) == lead_year or _states_figure(c.text))]
    # the editions a comparison names by year (not a period one document compares: "between 2019-20 and 2023-24")
    asked = _measure_words(_EDITIONS_NAMED.sub(" ", question)) - _FRAME_WORDS if len(named) > 1 else set()
    if asked:  # "Compare satisfaction with Claim Online in 2023 and 2025": the lead's year, its line saying every word of the
        # measure asked ("Satisfied with Claim Online: 62%"), not "71 per cent ... submitted their claim through Claim Online"
        chosen = _lead_of_its_year(chosen, ranked, passages, floor, lambda text: _covered(asked, _measure_words(text)) == 1.0
                                   and (not figure or _states_figure(text)), keep_lead=False)
        # no line says all of it: the line of the lead's year saying the most of it ("71% of applicants ... through an online
        # form" for "the share of housing register applicants applying online", over "24% of started applications were
        # abandoned"), when it says more than the lead
        covers = lambda c: _covered(asked, _measure_words(c.text))  # noqa: E731
        year = _year_of(passages[chosen[0].passage])
        fuller = sorted((c for c in ranked if _year_of(passages[c.passage]) == year and c.score >= floor
                         and (not figure or _states_figure(c.text)) and (not share or _SHARE_IN_LINE.search(c.text))),
                        key=lambda c: (covers(c), c.score), reverse=True)
        if fuller and covers(fuller[0]) > covers(chosen[0]):
            chosen = [fuller[0], *(c for c in chosen[1:] if c.text != fuller[0].text)]
    years = {_year_of(passages[c.passage]) for c in chosen}
    out = list(chosen)
    lead_words = _measure_words(chosen[0].text)  # another edition words the same measure alike: its line comes first
    # ... and, comparing editions it names by year, the words of the measure the question asks about ("applying for free
    # school meals online"), which a note on the same table ("the free school meals row excludes families enrolled
    # automatically") does not say
    order = sorted(ranked, key=lambda c: c.score + _PARALLEL * (_alike(lead_words, _measure_words(c.text))
                                                               + _covered(asked, _measure_words(c.text))), reverse=True)
    if figure:  # a figure question: each year's line with a figure (a line without one is skipped below)
        order = sorted(order, key=lambda c: not _has_figure(c.text))  # stable: by score within each group
        if share:  # "How did the share bought online change?": a line with a share before one with a count
            order = sorted(order, key=lambda c: not _SHARE_IN_LINE.search(c.text))
            # ... and the whole's share before a table row of a group the question does not name
            order = sorted(order, key=lambda c: bool(question) and of_another_group(c.text, question))
    if counted:
        order = sorted(order, key=lambda c: not _counts(c.text, counted))
    label = _row_label(chosen[0].text)
    parallel = [c for c in order if label and _row_label(c.text) == label]  # the same row of another year's table
    order = [*parallel, *(c for c in order if c not in parallel)]
    for c in order:
        year = _year_of(passages[c.passage])
        if len(out) >= 4:
            break
        if c.score < floor and c not in parallel:
            continue
        if figure and not _states_figure(c.text):
            continue  # another year's line with no figure ("Two years later we asked again") answers no figure question
        if len(named) > 1 and year not in named and not any(y in passages[c.passage].title for y in named):
            continue  # "between the 2024 and 2026 surveys": not a 2025 briefing's line that mentions 2024 (a 2024 survey
            # published in 2025 has the year in its title)
        if year and year not in years and not any(_restates(c.text, o.text) for o in out):
            out.append(c)
            years.add(year)
    return out

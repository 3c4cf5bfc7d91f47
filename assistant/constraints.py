"""What a question pins down, and whether the evidence meets it: years, names, distinctive words.

Similarity cannot see that "What did the 2018 survey find about data sharing?" is not answered by
a passage about the 2017 survey's data-sharing findings: the two match almost perfectly. So
before answering, the question's specific constraints are checked against the passages that
would be quoted:

* **Years** ("2018", "in 2021"): a year tied to a survey/report noun needs a document published
  in that year, a title holding it, or a sentence holding both; a bare year needs a sentence that
  holds it and another word of the question.
* **Numbered qualifiers** ("round four", "phase 2", "the third wave"): the evidence must number the
  same thing the same way (``assistant.qualifiers``).
* **Names** (capitalised phrases and acronyms: "Scottish Government", "HMRC"): the phrase must
  occur in the evidence, and not only in a sentence that says it was excluded ("local authorities
  and the NHS were excluded").
* **Groups a question is scoped to** ("What share of dentists ...", "... in ambulance services",
  "among nurses"): a word naming a group of people or bodies that the index lacks, with no word in
  it nearly the same (``scope_similarity``), is missing like a name.
* **Mostly absent questions**: when more than half of the question's content words occur nowhere
  in the index and have no near-synonym in it ("gender and age breakdown"), all of them are missing.
* **Distinctive words** that occur nowhere in the index ("quantum"): missing when taking the
  word out of the question makes the question match the best evidence sentence clearly better
  (``min_gain``), i.e. the evidence matches the rest of the question, not that word. A paraphrase
  ("robots" for automation) is matched by the evidence about as well with or without it. A
  second signal must agree: no word of the evidence, nor of the whole index when an
  ``IndexVocabulary`` is given, is a near-synonym of it (cosine of the two words below
  ``synonym_similarity`` with the same model), so an everyday word whose meaning the documents
  carry in their own vocabulary ("poll" for survey) is not refused.

Each unmet constraint is reported in words a reader understands ("2018", "HMRC", '"quantum"').
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.acronyms import acronyms_in, is_acronym, spelled_out
from assistant.answer import split_sentences
from assistant.lists import role_words
from assistant.markdown_answer import table_row_cells
from assistant.qualifiers import letter_met, lettered, listed_item, qualifier_met, qualifiers
from assistant.question_shapes import ASKS_NUMBER
from assistant.question_focus import counted_phrase
from assistant.questions import own_question
from assistant.subgroups import breakdowns, subgroups
from assistant.year_phrases import asked_spans, rows_under_caption, without_spans
from indexing.keyword import analyse

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_SURVEY_NOUNS = r"(?:surveys?|reports?|polls?|stud(?:y|ies)|results|findings|questionnaires?|fieldwork|edition)"
_YEAR_OF_NOUN = re.compile(rf"\b(19[5-9]\d|20[0-4]\d)(?:'s)?\s+(?:\w+\s+){{0,2}}{_SURVEY_NOUNS}\b|\b{_SURVEY_NOUNS}\s+(?:\w+\s+){{0,2}}(?:in|of|from|for)\s+(19[5-9]\d|20[0-4]\d)\b", re.I)
_NAME = re.compile(r"\b([A-Z][\w'’.-]*(?:\s+(?:for|of|and|on|the|in)\s+[A-Z][\w'’.-]*|\s+[A-Z][\w'’.-]*)*)")
_AMPERSAND = re.compile(r"\b[A-Za-z]{1,3}\s?&\s?[A-Za-z]{1,3}s?\b")
_QUESTION_WORDS = frozenset(
    "what which who whom whose when where why how is are was were do does did will would can could should shall may might "
    "has have had in on at for to from of and or but the a an if i by with about after before since during please tell "
    "give list name show describe explain compare summarise summarize according "
    # words that ask for a share, whatever the documents call it: "what fraction actually logged on?"
    "fraction proportion percentage ratio".split()
)
# "excluded" from what was counted, not from a school or a service ("had been permanently excluded from school")
_EXCLUSION = re.compile(r"\b(exclud\w*(?:\s+from\s+(?:[\w'’-]+\s+){0,3}?(?:survey|sample|scope|analysis|figures|"
                        r"results|study|review|count|data|totals?|research|evaluation)\b|\b(?!\s+from\b))|not included|outside (?:the |its |our )?scope|not (?:covered|surveyed|part of the survey))\b", re.I)
_GENERIC_NAMES = frozenset({"i", "ok"})
_DOCUMENT_KINDS = frozenset("insight insights report review briefing survey note blog summary paper".split())
# "paid off bit by bit", "step by step", "one by one": a manner, said in any words, not a thing asked about
_REDUPLICATED = re.compile(r"\b([A-Za-z]+)\s+by\s+\1\b", re.I)
# "a spell working inside a firm", "a stint at": a length of time in everyday words, not a topic
_TIME_SPAN = re.compile(r"\b(?:a|an)\s+(?:short\s+|brief\s+|long\s+)?(?:spell|stint|stretch|while)\b", re.I)
# a word run together from a prefix and a known word or acronym ("genAI", "mHealth"): the known part carries it
# paying or giving in everyday words ("How much did the Home Office chip in?"): a manner of saying "pay", no topic
_PAYING = re.compile(r"\b(?:chip|pitch|fork|shell|splash|cough|stump|pony|dish)(?:s|es|ed|ped|ping|ing)?\s+(?:in|out|up)\b", re.I)
# the pandemic as a point in time ("the year before Covid struck", "since the pandemic"): a date, written in the documents
# as the year it was ("2019-20"), not a topic they must name
_PANDEMIC_TIME = re.compile(r"\b(?:before|after|since|during|until|pre-?|post-?)\s*(?:the\s+)?(?:covid(?:-19)?|coronavirus|pandemic|lockdowns?)"
                            r"(?:\s+(?:pandemic|struck|hit|began|started|arrived))?\b", re.I)
# a likeness ("Excel-type files", "Uber-style booking", "paper-like forms"): an example of a kind, which the
# documents may call by its kind ("spreadsheets"); the word compared is not a topic the answer must name
_LIKENESS = re.compile(r"\b[A-Za-z]+-(?:type|style|like|esque)\b", re.I)
_ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,})s\b")  # "PDFs", "APIs"
_CAMEL_TAIL = re.compile(r"(?<=[a-z])([A-Z][A-Za-z]*)$")


@dataclass(frozen=True)
class Constraint:
    """One specific thing the question asks about: ``kind`` is "year", "name", "qualifier", "term" or "group"
    (a part of a group or a breakdown, ``ConstraintChecker.unmet_groups``), or "type" (an answer of that kind)."""

    kind: str
    text: str
    tied_to_survey: bool = False
    excluded: bool = False  # named only where the documents say it was left out
    in_named: bool = False  # not in the documents the question names, though others mention it
    off_subject: bool = False  # a year only documents about something else have

    def describe(self) -> str:
        if self.excluded:
            return f"{self.text} (named only as outside their scope)"
        if self.off_subject:
            return f"{self.text} for what it asks about"
        return f"“{self.text}”" if self.kind == "term" else self.text  # "group": "a breakdown by age", as written


def question_constraints(question: str) -> list[Constraint]:
    """Years and names the question states; distinctive words are found later, against the index."""
    found: list[Constraint] = []
    tied = {y for pair in _YEAR_OF_NOUN.findall(question) for y in pair if y}
    periods = periods_in(question)  # "in 2024-25": that financial year, not any mention of 2024
    in_period = {y for p in periods for y in (p[:4], str(int(p[:4]) + 1))}
    for period in periods:
        found.append(Constraint("year", period))
    for year in dict.fromkeys(_YEAR.findall(question)):
        if year not in in_period:
            found.append(Constraint("year", year, year in tied))
    for name in _names(question):
        found.append(Constraint("name", name))
    return found


def _names(question: str) -> list[str]:
    """Capitalised phrases and acronyms, without a question's opening word or a year."""
    names: list[str] = []
    question = _LIKENESS.sub(lambda m: " " * len(m.group()), question)  # "Excel-type files" names no product the answer needs
    question = _PANDEMIC_TIME.sub(lambda m: " " * len(m.group()), question)  # "before Covid struck": a time, not a name
    for m in _NAME.finditer(question):
        words = m.group(1).rstrip(".").split()
        if m.start() == 0 or question[:m.start()].rstrip().endswith(("?", ".", "!", ":", "\"", "“", "‘", "(", "-", "–")):
            if words and not words[0].isupper() and not any(ch.isdigit() for ch in words[0]):
                words = words[1:]  # a sentence's first word is capitalised anyway
            while words and words[0].lower() in _QUESTION_WORDS:
                words = words[1:]
        while words and words[-1].lower() in _QUESTION_WORDS:
            words = words[:-1]
        # a possessive joins two names ("Northvale's Chief Data Officer": "Northvale", "Chief Data Officer"),
        # which a document may write apart ("Northvale Council ...", "said Chief Data Officer Maya Lindqvist")
        pieces = re.split(r"['’]s\s+", re.sub(r"['’]s$", "", " ".join(words)))
        # "Student Loans Company and DfE": two bodies joined, one an acronym, each named on its own
        pieces = [p for piece in pieces for p in (_two_bodies(piece) or [piece])]
        # acronyms side by side ("the DWP DHP allocation") are two names, each written on its own
        pieces = [p for piece in pieces for p in (piece.split() if len(piece.split()) > 1 and all(is_acronym(w) for w in piece.split()) else [piece])]
        for phrase in pieces:
            if not phrase or phrase.lower() in _GENERIC_NAMES or _YEAR.fullmatch(phrase):
                continue
            if len(phrase.split()) == 1 and phrase.lower() in _QUESTION_WORDS | _DOCUMENT_KINDS:
                continue  # (a kind of document alone, "the coroner services Insight", names no body or place)
            names.append(phrase)
    return list(dict.fromkeys(names))


def _two_bodies(phrase: str) -> list[str] | None:
    """ "Student Loans Company and DfE" -> the two; None when neither side is an acronym (a name with "and" in it:
    "Department for Culture, Media and Sport")."""
    parts = re.split(r"\s+and\s+", phrase)
    return parts if len(parts) == 2 and all(parts) and any(is_acronym(p) for p in parts) else None


@dataclass
class Evidence:
    """The passages an answer would quote, as plain data: texts, titles and published years."""

    texts: Sequence[str]
    titles: Sequence[str] = ()
    years: Sequence[str] = ()
    sections: Sequence[str] = ()  # the passages' heading paths: "3. Recommendations > Recommendation 2: Shorter bids"
    headed: Sequence[tuple[str, str]] = ()  # (heading path, text) per passage: a list numbered under its kind's heading

    @property
    def sentences(self) -> list[str]:
        return [s for text in self.texts for s in split_sentences(text)]


def periods_in(text: str) -> list[str]:
    """Financial or academic years (``year_phrases.asked_spans``), written alike: "2024/25" and "2024–2025" are "2024-25"."""
    return sorted(f"{a}-{b}" for a, b in asked_spans(text))


def year_met(c: Constraint, question: str, ev: Evidence) -> bool:
    others = set(analyse(_YEAR.sub(" ", without_spans(question))))
    if re.fullmatch(r"\d{4}-\d\d", c.text):  # a period is met only as a period: "398,200 reports in 2023-24" is not 2024-25
        return (any(c.text in periods_in(t) for t in ev.titles)
                or any(c.text in periods_in(s) and others & set(analyse(s)) for s in ev.sentences)
                or any(others & set(analyse(row)) for row in _rows_of_period(ev, c.text))
                # a row labelled with the period ("2021-22 - ... Missed appointments: 14%"): all of it is of that period
                or any(c.text in periods_in(cells[0]) for t in ev.texts for line in t.splitlines() if (cells := table_row_cells(line))))
    series = _series_of_year(c.text, question)
    # (a name in lower case, "the 2024 burial records survey", is a series only as a survey's title holds it: "Burial
    # records briefing" is no edition of one)
    lower = bool(series) and not _series(c.text, question).group("name")[:1].isupper()
    if series and any(series <= set(analyse(t)) and (not lower or re.search(rf"\b{_SURVEY_NOUNS}\b", t, re.I)) for t in ev.titles):
        # "the 2024 PSB Passenger Survey", a series whose editions are titled with their years (2023, 2025): met only by
        # that year's edition, or a sentence naming the series with the year, not by any other document of 2024
        return (any(series <= set(analyse(t)) and c.text in t for t in ev.titles)
                or any(series <= set(analyse(s)) and c.text in s and re.search(rf"\b{_SURVEY_NOUNS}\b", s, re.I) for s in ev.sentences))
    if c.text in ev.years or any(c.text in t for t in ev.titles):
        return True
    if not c.tied_to_survey and any(c.text in _YEAR.findall(section.rsplit(" > ", 1)[-1]) and others & set(analyse(f"{section} {text}"))
                                    for section, text in ev.headed):
        return True  # "Priorities for 2026 to 2028" heads the priorities it lists: they are 2028's too
    if not c.tied_to_survey and any(others & set(analyse(row)) for text in ev.texts for row in rows_under_caption(text, c.text)):
        return True  # "Reports by type of incident, 2022" over "Illegal waste and fly-tipping: 21,300": the row is of 2022
    for sentence in ev.sentences:
        if c.text not in sentence:
            continue
        if c.tied_to_survey:
            if c.text in _tied_years(sentence):
                return True
        elif others & set(analyse(sentence)):
            return True
    return False


def _series_of_year(year: str, question: str) -> set[str]:
    """The stems of a named series the question dates ("the 2024 PSB Passenger Survey" -> psb, passeng): the capitalised
    words between the year and a survey noun; empty when the question names none."""
    m = _series(year, question)
    return set(analyse(m.group("name"))) if m else set()


def series_phrase(year: str, question: str) -> str:
    """ "2024 PSB Passenger Survey" when the question dates a named series with ``year``; else ""."""
    m = _series(year, question)
    return m.group(0) if m else ""


def _series(year: str, question: str) -> re.Match | None:
    """The series' name (two words or more: "PSB Passenger", "Patients Online", "museum visitor") between the year and a
    survey noun ("Survey", "survey"); the caller takes it for a series only when a title found holds its words."""
    # ("and" inside a name, "the 2024 fire and rescue community survey", not opening one: "2023 and 2025 surveys")
    # ("the 2024 edition of the PSB energy and water customer survey": the edition named before the series)
    return re.search(rf"\b{year}\s+(?:(?i:edition|wave|round)\s+of\s+(?:the\s+)?)?(?P<name>(?!(?:and|or|to)\b)[A-Za-z][\w'’-]*\s+(?:(?!(?:or|to)\b)[A-Za-z][\w'’-]*\s+){{1,4}})"
                     rf"(?P<noun>(?i:{_SURVEY_NOUNS}))\b", question)


def _rows_of_period(ev: Evidence, period: str) -> list[str]:
    """The lines of each passage whose own heading names the period ("Table 1: Results by region, 2022-23"), which
    dates them. Why: "How many device loans were made in Yorkshire and the Humber in 2022-23?" was refused, though
    the row "Yorkshire and the Humber - ... Device loans: 4,300" sat under that table's caption."""
    return [row for section, text in ev.headed if period in periods_in(section.rsplit(" > ", 1)[-1]) for row in text.splitlines()]


def _tied_years(sentence: str) -> set[str]:
    """Years the sentence ties to a survey noun of its own ("the 2015 survey", "results for 2019").

    Why: "What did the 2016 survey find?" was met by "placed first in the United Nations
    E-Government Survey 2016": the year and a survey noun in one sentence, but the year dates a
    different, named publication. A survey of that year is one the sentence calls so.
    """
    tied = {y for pair in _YEAR_OF_NOUN.findall(sentence) for y in pair if y}
    if _FIELDWORK.search(sentence):  # "In autumn 2024 the PSB surveyed 88 councils": that year's survey
        tied |= set(_YEAR.findall(sentence))
    return tied


_FIELDWORK = re.compile(r"\b(?:surveyed|polled|fieldwork)\b", re.I)


def singular_acronyms(text: str) -> str:
    """ "PDFs" -> "PDF": an acronym's plural names what the acronym does, though the stemmer keeps "pdfs" as it is."""
    return _ACRONYM_PLURAL.sub(r"\1", text)


def name_check(c: Constraint, ev: Evidence) -> Constraint | None:
    """None when the evidence names it; else the constraint, marked when only exclusions name it.

    Words are compared stemmed, so "PSB Insights" is met by "a PSB Insight"; every word of the
    name must occur in one sentence (or title, or heading: "Recommendation" in "Who owns
    Recommendation 2 of the review?" is met by the heading "Recommendation 2: Funding for pooled
    engineering teams" when no sentence under it repeats the word).
    """
    # a capital letter standing alone ("graded D", "Band C") is looked for as written: the analyser drops it
    capitals = stop_word_acronyms(c.text) + [w for w in re.findall(r"\b[A-Z]\b", c.text) if not analyse(w)]
    words = set(analyse(singular_acronyms(c.text))) or (set() if capitals else {c.text.lower()})

    def names_it(text: str) -> bool:  # (both sides with acronyms singular: "GPs" in the question meets "GPs" and "GP")
        return words <= set(analyse(singular_acronyms(text))) and all(re.search(rf"\b{a}\b", text) for a in capitals)

    if any(names_it(t) for t in [*ev.titles, *ev.sections]):  # a heading names what its section is about ("Recommendation 2: ...")
        return None
    mentions = [s for s in ev.sentences if names_it(s)]
    if not mentions and is_acronym(c.text):  # "UN" is met by "United Nations", "DDaT" by "digital, data and technology"
        mentions = [s for s in [*ev.titles, *ev.sentences] if spelled_out(c.text, s)]
    if not mentions and len(c.text.split()) >= 2:  # and the reverse: "HM Prison and Probation Service" by "HMPPS"
        short = {a for s in [*ev.titles, *ev.sentences] for a in acronyms_in(s)}
        spelled = {a for a in short if spelled_out(a, c.text)}
        mentions = [s for s in [*ev.titles, *ev.sentences] if any(re.search(rf"\b{a}\b", s) for a in spelled)]
    if not mentions and len(words) >= 2 and not capitals:
        # "Scottish NHS" by the row "NHS health boards - ..." of a review titled "How Scottish Public Bodies Buy
        # Technology": the title says whose the passage is, the sentence names the thing itself (the name's last word)
        head = set(analyse(singular_acronyms(c.text.split()[-1])))
        for text, title in zip(ev.texts, ev.titles):
            own = set(analyse(singular_acronyms(title)))
            if own & words and not head <= own:
                mentions += [s for s in split_sentences(text) if words <= own | set(analyse(singular_acronyms(s)))]
    if not mentions and c.text in _NATION_ADJECTIVES:  # "England" by "three English regions"
        mentions = [s for s in [*ev.titles, *ev.sentences] if re.search(rf"\b(?:{_NATION_ADJECTIVES[c.text]})\b", s)]
    if not mentions and re.fullmatch(r"[A-Z][a-z]{4,}", c.text):  # "Merseyside" by "Mersey Estuary Housing Trust"
        mentions = [s for s in ev.sentences if any(_one_place(c.text, w) for w in re.findall(r"\b[A-Z][a-z]{4,}\b", s))]
    if not mentions:
        return c
    return replace(c, excluded=True) if all(_EXCLUSION.search(s) for s in mentions) else None


# the UK's nations and their adjectives: a document about "three English regions" is about England
_NATION_ADJECTIVES = {"England": "English", "Scotland": "Scottish", "Wales": "Welsh", "Northern Ireland": "Northern Irish",
                      "Britain": "British", "Great Britain": "British", "Ireland": "Irish"}


def headed_name_met(c: Constraint, lines: Evidence, headings: Evidence) -> bool:
    """Is the name met by a document's headings (``headings``: its title and every section path) where the passages
    quoted from it (``lines``) do not name it, or, for a name of two parts ("Norwich and Broadland FareFlex"), its
    first part by those lines and the rest by the headings? A heading names what its part of the document is about:
    a row of the pilots' table need not repeat the programme's name."""
    if name_check(c, headings) is None:
        return True
    words = c.text.split()
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if (words[cut][:1].isupper() and words[cut - 1].lower() not in _JOINING
                and name_check(replace(c, text=head), lines) is None and name_check(replace(c, text=tail), headings) is None):
            return True
    return False


_JOINING = frozenset({"and", "of", "for", "on", "the", "in"})


def _names_apart_from_year(question: str, cs: list[Constraint], ev: Evidence) -> list[Constraint]:
    """For a question with one year and a name ("What share had used Scribe in 2022?"), "Scribe in 2022" when no
    passage both names it and is of that year (published then, or stating the year), though each is met on its own.

    Why: "And what was the figure in 2022?" after a question on the 2025 survey's AI tool was answered with the 2025
    figure: the 2022 edition was there, and the tool was named, but only by the edition that introduced it.
    ``cs``: the question's constraints (``question_constraints``)."""
    years = [c.text for c in cs if c.kind == "year" and re.fullmatch(r"\d{4}", c.text)]
    if len(years) != 1 or _ALTERNATIVES.search(question):
        return []
    year = years[0]
    padding = [""] * len(ev.texts)  # (titles and years are per passage; a caller may give fewer)
    passages = list(zip(ev.texts, [*ev.titles, *padding], [*ev.years, *padding]))
    return [Constraint("name", f"{c.text} in {year}") for c in cs
            if c.kind == "name" and name_check(c, ev) is None
            and not any(name_check(c, Evidence(texts=[text], titles=[title])) is None and year in (published, *_YEAR.findall(f"{text} {title}"))
                        for text, title, published in passages)]


def only_joined(name: str, texts: Sequence[str]) -> bool:
    """Is ``name`` written in ``texts`` only joined to another name ("England and Wales", "Scotland, Wales and
    Northern Ireland"), never on its own? Such a text is about the places together, and gives no figure for one."""
    here = re.compile(rf"\b{re.escape(name)}\b")
    item = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"  # "North Tyneside"
    joined = re.compile(rf"(?:{item},\s+)*{item},?\s+(?:and|&)\s+{re.escape(name)}\b"
                        rf"|\b{re.escape(name)}(?:,\s+{item})*,?\s+(?:and|&)\s+[A-Z]")
    mentions = [t for t in texts if here.search(t)]
    return bool(mentions) and not any(here.search(joined.sub(" ", t)) for t in mentions)


def _one_place(a: str, b: str) -> bool:
    """One capitalised word the start of the other, five letters at least: "Mersey" and "Merseyside"
    (not "Lancaster" and "Lancashire", nor "York" and "Yorkshire")."""
    short, long_ = sorted((a.lower(), b.lower()), key=len)
    return short != long_ and len(short) >= 5 and long_.startswith(short)


# a name in plain capitalised words ("Northern Ireland", "Isle of Wight"), not an acronym or a product's name ("CaseLink")
_PLAIN_NAME = re.compile(r"[A-Z][a-z'’]+(?:\s+(?:(?:of|and|the|for|on|in)\s+)?[A-Z][a-z'’]+)*")
# a place or body a figure is asked of (marked by _scope_form): "staff in Wales", "did Newcastle receive"; not a name
# that qualifies a thing ("the Sunderland schools group")
# ("in Hebden Bridge and the nearby towns" asks of the place with its neighbours: the figure for them together)
_ASKED_OF = re.compile(r"\b(?:in|from|across|within|throughout|for)\s+(?:the\s+)?\x00"
                       r"(?!,?\s+and\s+(?:the\s+|its\s+)?(?:nearby|surrounding|neighbouring|other|wider|adjoining)\b)|"
                       r"\b(?:did|does|do|has|have|had|was|were|is|are|will|would)\s+\x00\s+(?!(?:[a-z]+\s+)?(?:group|trust|team|service|"
                       r"council|board|partnership|programme|project|scheme|pilot|office)s?\b)[a-z]")
# who did something or when: "Who led the review ... in the North East?" asks no figure of the place
_WHO_OR_WHEN = re.compile(r"^\W*(?:and\s+)?(?:who|whom|whose|when)\b", re.I)
# a question about two things, each of which may be another document's: "Which is due first, A or B?", "How do A and B compare?"
_ALTERNATIVES = re.compile(r"\bwhich\b[^?]*\bor\b|\bcompar\w*|\bboth\b|\beither\b", re.I)


def _where_named(c: Constraint, ev: Evidence, named: Evidence | None) -> Evidence:
    """The evidence a name must be met in: the named documents' passages, unless the name is itself
    (part of) a retrieved document's title ("two years after Smarter Services" names a report).

    Why: "What did the assistive technology evaluation find in Scotland?" was met by "Scotland
    (share of respondents): 8%" in another document's table; the evaluation says nothing of Scotland.
    """
    if named is None or c.kind == "name" and any(c.text.lower() in t.lower() for t in ev.titles):
        return ev
    return named


def stop_word_acronyms(text: str) -> list[str]:
    """Words written in capitals that the analyser drops as stop words: "IT" in "heads of IT",
    "US", "WHO".

    Why: the keyword analyser lower-cases before it drops stop words, so the acronym "IT" became
    the pronoun "it" and vanished; "heads of IT" was then a name no sentence could hold, and
    "What share of heads of IT said ...?" was refused although the passage says "61% of heads of
    IT". Written in capitals, such a word is a term: it is looked for as written (case-sensitive).
    """
    return [w for w in re.findall(r"\b[A-Z]{2,}\b", text) if not analyse(w)]


_ASKS_SCOPE = re.compile(r"\b(scope|exclud\w*|includ\w*|left out|covered|cover|eligible|surveyed|sampled|invited|"
                         r"(?:take|took|taking) part|part of the (?:survey|sample))\b", re.I)


def excluded_phrases(question: str, ev: Evidence, skip: set[str] = frozenset(),
                     rare: Callable[[str], bool] = lambda stem: True) -> list[str]:
    """Runs of the question's words that the evidence uses only where it says they were left out,
    and that are ``rare`` in the index (given a word's stem).

    Why: "What share of local authority staff said their service was fully online?" is met by the
    evidence's "Staff of local authorities, the NHS and the wider public sector were outside its
    scope" and by the general 34 per cent finding; the answer gave the latter as if it were about
    local authorities. A lower-case group is as much a constraint as a capitalised one ("NHS",
    ``name_check``). A question about the scope itself ("Were local authorities included?") is
    answered by the exclusion, so it is left alone. A word the index uses widely ("staff") only
    happens to stand in the exclusion too; a group left out of scope is named almost nowhere else.
    """
    if _ASKS_SCOPE.search(question):
        return []
    sentences = ev.sentences
    if not any(_EXCLUSION.search(s) for s in sentences):
        return []
    analysed = [set(analyse(s)) for s in sentences]
    phrases: list[list[str]] = []
    last = -2
    for i, word in enumerate(re.findall(r"[A-Za-z][A-Za-z'’-]+", _YEAR.sub(" ", question))):
        stems = analyse(word)
        if not stems or word.lower() in _QUESTION_WORDS or word.lower() in skip:
            continue
        mentions = [s for s, words in zip(sentences, analysed) if stems[0] in words]
        if mentions and all(_EXCLUSION.search(s) for s in mentions) and rare(stems[0]):
            if i == last + 1:
                phrases[-1].append(word)
            else:
                phrases.append([word])
            last = i
    return [" ".join(p) for p in phrases]


# what a recommendation's owner and timescale are called: "who owns Recommendation 2 and what is its deadline?" asks for
# its fields, whatever the document calls them ("By: March 2027"), and names no topic the index must hold
_FIELD_WORDS = frozenset("deadline deadlines timescale timescales timeline timelines owner owners".split())


class ConstraintChecker:
    """``unmet(question, evidence)`` -> the constraints the evidence does not meet, in question order.

    ``document_frequency`` maps analysed terms to the number of indexed chunks holding them
    (``KeywordIndex.document_frequency``); ``embed``/``embed_query`` come from the embedder.
    """

    def __init__(self, document_frequency: Callable[[list[str]], dict[str, int]], embedder=None, min_gain: float = 0.068,
                 synonym_similarity: float = 0.64, vocabulary=None, max_absent_share: float = 0.5,
                 max_excluded_chunks: int = 2, scope_similarity: float = 0.75,
                 group_similarity: float = 0.4, part_similarity: float = 0.5) -> None:
        if not 0.0 < min_gain < 1.0:
            raise ValueError("min_gain must be between 0 and 1")
        if not 0.0 < synonym_similarity <= 1.0:
            raise ValueError("synonym_similarity must be between 0 and 1")
        self.document_frequency = document_frequency
        self.embedder = embedder
        self.min_gain = min_gain
        self.synonym_similarity = synonym_similarity
        self.vocabulary = vocabulary  # assistant.vocabulary.IndexVocabulary, or None: evidence words only
        if not 0.0 < max_absent_share <= 1.0:
            raise ValueError("max_absent_share must be between 0 and 1")
        self.max_absent_share = max_absent_share
        self.max_excluded_chunks = max_excluded_chunks  # a word in more chunks names more than a left-out group
        self.scope_similarity = scope_similarity  # how close a word must be to stand in for a group the question scopes to
        self.group_similarity = group_similarity  # how close to _GROUP_WORDS a word must be to name a group
        self.part_similarity = part_similarity  # how close a word of the answering documents must be to meet a part of a group
        self._group_vectors = None  # embedded on first use: a cheap constructor

    def unmet(self, question: str, ev: Evidence, named: Evidence | None = None, subject: Evidence | None = None,
              name_subject: Callable[[], Evidence] | None = None) -> list[Constraint]:
        """``named``: the passages of the documents the question names by title, when any were retrieved;
        a year, a name (a place, a body) or a numbered qualifier must then be met there (``_where_named``).
        ``subject``: the passages of the documents about what the question asks (the caller measures it); a
        year must be met there.

        Why ``subject``: "What share of leak reports came in through an app in 2019-20?" was answered from a
        survey of civil servants published in 2019 ("In 2019, 53 per cent said ..."), and "... crime reports
        made online across the eight forces in 2021?" from a 2021 note on school transport: each document had
        the year, neither the subject.

        ``name_subject``: the same, measured with the question's names taken out (called only when needed: it costs an
        embedding of the question without them); for a figure asked of a place or
        body written in plain words ("What share of applications were made online in Northern Ireland?"), the
        name must be met there. Why: it was met by "Northern Ireland (share of respondents): 4%", a row of a
        survey of civil servants, and that row was the answer."""
        missing: list[Constraint] = []
        about_scope = bool(_ASKS_SCOPE.search(question))
        def check(c: Constraint, scope: Evidence) -> Constraint | None:
            return (None if year_met(c, question, scope) else c) if c.kind == "year" else name_check(c, scope)

        about = subject
        subject = subject or ev
        name_subject = functools.cache(name_subject) if name_subject is not None else None
        asked = question_constraints(question)
        own_part = own_question(question)  # (a place the question it follows named scoped that question)
        for c in asked:
            scope = _where_named(c, ev, named)
            unmet = check(c, subject if c.kind == "year" and scope is ev else scope)
            if unmet is not None and c.kind == "year" and scope is named and about is not None and c.text in about.years:
                # "... before finding an NHS dentist in 2022?" names the 2024 Insight by words of its title, and a
                # document of 2022 on the same subject (the baseline note) is the one that answers
                unmet = None
            if unmet is not None and c.kind == "year" and scope is ev and check(c, ev) is None:
                unmet = replace(unmet, off_subject=True)  # another document has the year, about something else
            if unmet is not None and c.kind == "year" and (series := series_phrase(c.text, question)):
                unmet = replace(unmet, text=f"a {series}", off_subject=False)  # "do not mention a 2024 PSB Passenger Survey"
            if unmet is not None and named is not None and check(c, ev) is None:
                unmet = replace(unmet, in_named=True)  # other documents mention it
                if c.kind == "name" and _ALTERNATIVES.search(question):
                    unmet = None  # "Which is due first, the extension of Tap North or the go-live of Project Meridian?": each its own
            # (a figure asked of a place or body: one place's or body's figure is not another's)
            if (unmet is None and c.kind == "name" and name_subject is not None and scope is ev and ASKS_NUMBER.search(question)
                    and _PLAIN_NAME.fullmatch(c.text) and not _ALTERNATIVES.search(question)
                    and not any(c.text.lower() in t.lower() for t in ev.titles) and check(c, name_subject()) is not None):
                unmet = replace(c, off_subject=True)  # only documents about something else name it
            if (unmet is None and c.kind == "name" and not _WHO_OR_WHEN.match(own_part) and _ASKED_OF.search(_scope_form(own_part, c.text))
                    and only_joined(c.text, [*scope.titles, *scope.sections, *scope.sentences])):
                # "What share of probation staff in Wales ...?" of a survey of "staff in England and Wales": no figure of its own
                unmet = Constraint("group", f"figures for {c.text} on its own")
            if unmet is not None and not (unmet.excluded and about_scope):
                missing.append(unmet)  # "Did the survey include NHS staff?" is answered by the exclusion
        if not missing and about is not None:
            missing += _names_apart_from_year(question, asked, about)
        def numbered(noun: str, number: int, scope: Evidence) -> bool:  # a heading numbers its section: "Recommendation 2: Shorter bids"
            return (qualifier_met(noun, number, [*scope.titles, *scope.sections, *scope.texts])
                    or any(listed_item(noun, number, section.rsplit(" > ", 1)[-1], text) for section, text in scope.headed))

        for phrase, noun, number in qualifiers(question):
            if not numbered(noun, number, named or ev):
                missing.append(Constraint("qualifier", phrase, in_named=numbered(noun, number, ev)))
        for phrase, noun, letter in lettered(question):
            if not letter_met(noun, letter, [*(named or ev).titles, *(named or ev).sections, *(named or ev).texts]):
                missing.append(Constraint("qualifier", phrase, in_named=letter_met(noun, letter, [*ev.titles, *ev.sections, *ev.texts])))
        named = {w.lower() for c in missing for w in c.text.split()}
        asked_names = {w.lower() for c in asked for w in c.text.split()}
        rare = lambda stem: self.document_frequency([stem]).get(stem, 0) <= self.max_excluded_chunks  # noqa: E731
        for phrase in excluded_phrases(question, ev, skip=asked_names, rare=rare):
            missing.append(Constraint("term", phrase, excluded=True))
            named |= {w.lower() for w in phrase.split()}
        framing = role_words(question) | _FIELD_WORDS  # "What annoys staff most about ...?": the list it asks for, not a topic
        unknown = [t for t in self.unknown_terms(question) if t.lower() not in named and t.lower() not in framing
                   and not (is_acronym(t) and any(spelled_out(t, x) for x in [*ev.titles, *ev.sentences]))]
        absent = self._mostly_absent(question, unknown, ev) or self._absent_focus(question, unknown, ev)
        for term in unknown:
            if term in absent or self._scoped_to_absent(question, term, ev) or self._matters(question, term, ev):
                missing.append(Constraint("term", term))
        return missing

    def unmet_groups(self, question: str, doc_ids: Sequence[str]) -> list[Constraint]:
        """The part of a group ("female" firefighters) or the breakdown ("by age") the question asks a figure for,
        when the documents the answer would come from (``doc_ids``) have neither the word nor a near-synonym of it
        (``part_similarity``: loosely, for absence is the stronger claim), though they do write of the group itself
        (``subgroups``)."""
        if self.vocabulary is None or not doc_ids:
            return []
        def has(word: str, similarity: float) -> bool:
            return self.vocabulary.nearest_in(word, doc_ids)[1] >= similarity
        def absent(word: str) -> bool:
            # only a word whose meaning the index holds somewhere (a word it lacks entirely is the distinctive-word
            # check's), and nothing like it in these documents, even loosely: "junior" is met by "main" grade (0.54)
            return self.vocabulary.nearest(word)[1] >= self.synonym_similarity and not has(word, self.part_similarity)
        found = [Constraint("group", f"figures for {part} {group} on their own") for part, group in subgroups(question)
                 if has(group, self.synonym_similarity) and absent(part)]
        return found + [Constraint("group", f"a breakdown by {by}") for by in breakdowns(question) if absent(by)]

    def _scoped_to_absent(self, question: str, term: str, ev: Evidence) -> bool:
        """Is ``term`` the group or setting the question is scoped to ("What share of dentists ...",
        "... in ambulance services", "among nurses"), absent from the index and not nearly a word it has?

        Why: such a word is a constraint like a name, and a lower-case one slips past ``name_check``:
        "What share of dentists send prescriptions electronically?" was answered with the pharmacies'
        figures, "electronic patient records in ambulance services" with the fire services' (the
        vocabulary's nearest word, "emergency", is a neighbour in meaning, not the same group). A
        word the index has almost as is ("volunteers" for "volunteer", 0.85) still stands in for it.
        """
        if self.embedder is None or not _SCOPE.search(_scope_form(question, term)):
            return False
        sentences = [s for s in ev.sentences if len(s.split()) >= 4][:60]
        return self._nearest_similarity(term, sentences) < self.scope_similarity and self._names_a_group(term)

    def _names_a_group(self, term: str) -> bool:
        """Is ``term`` a group of people or bodies ("dentists", "women's", "ambulance" services), not a
        thing ("tax queries", "the poll")? Measured by the model against a few words for groups: the
        scope phrases read alike ("what share of queries ...", "what share of dentists ...")."""
        if self._group_vectors is None:
            self._group_vectors = np.asarray(self.embedder.embed(list(_GROUP_WORDS)))
        vector = np.asarray(self.embedder.embed([term.lower()]))[0]
        return float(np.max(self._group_vectors @ vector)) >= self.group_similarity

    def _mostly_absent(self, question: str, unknown: list[str], ev: Evidence) -> list[str]:
        """The unknown words, when more than ``max_absent_share`` of the question's content words are
        words the index neither holds nor has a near-synonym of; else [].

        Why: "What was the gender and age breakdown of the respondents?" asks about three things
        the documents never mention; each word alone moves the question's match too little for
        ``_matters``, but a question that is mostly about absent things cannot be answered from
        the documents. A paraphrase swaps one or two everyday words into an otherwise
        documented question (at most a third of its content words on dev).
        """
        if not unknown:
            return []
        content = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", _YEAR.sub(" ", question)) if is_vocabulary_word(w)]
        sentences = [s for s in ev.sentences if len(s.split()) >= 4][:60]
        absent = [t for t in unknown if self._nearest_similarity(t, sentences) < self.synonym_similarity]
        return absent if content and len(absent) / len(content) > self.max_absent_share else []

    def _absent_focus(self, question: str, unknown: list[str], ev: Evidence) -> list[str]:
        """The words of what the question is about that the index neither holds nor has a near-synonym
        of, when the index holds none of its words; else [].

        The focus is the topic closing "What did <X> say / find / report about <topic>?" or the
        thing counted in "How many <things> ...?". Why: "What did respondents say about
        outsourcing?" and "How many hackathons did departments run?" move the question's match
        too little for ``_matters`` (the frame "what did respondents say" dominates it), yet the
        one thing they ask about occurs nowhere in the documents, in any words; the answer was
        whatever the frame matched. One word with a near-synonym does not carry the rest: in
        "What did the review say about quantum computing?" "computing" is near "processing", and
        "quantum" moved the match by 0.047, under ``min_gain``, where answerable paraphrases on dev
        move it by up to 0.058: a threshold cannot tell them apart, the absent topic can.
        """
        if not unknown:
            return []
        focus = focus_words(question)
        if focus and focus[-1] in unknown and any(w not in unknown for w in focus):
            focus = focus[-1:]  # "... say about licensing pedicabs?": the thing asked about is the last word, whatever qualifies it
        if not focus or any(w not in unknown for w in focus):
            return []
        sentences = [s for s in ev.sentences if len(s.split()) >= 4][:60]
        return [w for w in focus if self._nearest_similarity(w, sentences) < self.synonym_similarity]

    def _nearest_similarity(self, term: str, sentences: Sequence[str]) -> float:
        """Cosine of the closest word in meaning: in the index vocabulary when given, else in the evidence."""
        if self.embedder is None:
            return 0.0
        if self.vocabulary is not None:
            return self.vocabulary.nearest(term)[1]
        return self.nearest_evidence_word(term, sentences)[1]

    def unknown_terms(self, question: str) -> list[str]:
        """Words of the question whose analysed form no indexed chunk holds."""
        # (an abbreviation joined by "&", "B&Bs", "A&E", is no word to look for: the documents may spell it out)
        plain = _PANDEMIC_TIME.sub(" ", _LIKENESS.sub(" ", _PAYING.sub(" ", _TIME_SPAN.sub(" ", _REDUPLICATED.sub(" ", _YEAR.sub(" ", _AMPERSAND.sub(" ", question)))))))
        words = {w: analyse(w) for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", plain)}
        stems = {w: s[0] for w, s in words.items() if s and w.lower() not in _QUESTION_WORDS}
        tails = {w: analyse(m.group(1)) for w in stems if (m := _CAMEL_TAIL.search(w))}  # "genAI": "AI"
        # an acronym's plural is held where the acronym is: "PDFs" where the documents say "PDF" (and "GPs" where they say "GPs")
        singular = {w: s[0] for w in stems if singular_acronyms(w) != w and (s := analyse(singular_acronyms(w)))}
        counts = self.document_frequency(sorted(set(stems.values()) | set(singular.values()) | {t[0] for t in tails.values() if t}))
        return [w for w, s in stems.items() if counts.get(s, 0) == 0 and not counts.get(singular.get(w, ""), 0)
                and not (tails.get(w) and counts.get(tails[w][0], 0))]

    def _matters(self, question: str, term: str, ev: Evidence) -> bool:
        """Does the evidence match the question clearly better once ``term`` is taken out?"""
        if self.embedder is None:
            return True
        sentences = checked_sentences(ev.sentences)[:60]
        if not sentences:
            return True
        without = re.sub(rf"\b{re.escape(term)}\b", " ", question)
        matrix = np.asarray(self.embedder.embed(sentences))
        with_term = float((matrix @ np.asarray(self.embedder.embed_query(question))).max())
        without_term = float((matrix @ np.asarray(self.embedder.embed_query(without))).max())
        if without_term - with_term < self.min_gain:
            return False
        if self.vocabulary is not None and self.vocabulary.nearest(term)[1] >= self.synonym_similarity:
            return False  # the documents carry the word's meaning in their own words somewhere
        return self.nearest_evidence_word(term, sentences)[1] < self.synonym_similarity

    def nearest_evidence_word(self, term: str, sentences: Sequence[str]) -> tuple[str, float]:
        """The evidence word closest in meaning to ``term`` (word against word, same model), and its cosine.

        A second, independent signal: a paraphrase's everyday word has a near-synonym among the
        words of the passages that answer it; a word naming a topic the documents lack does not.
        """
        words = sorted(evidence_words(sentences))
        if not words or self.embedder is None:
            return "", 0.0
        matrix = np.asarray(self.embedder.embed(words))
        scores = matrix @ np.asarray(self.embedder.embed([term.lower()])[0])
        best = int(scores.argmax())
        return words[best], float(scores[best])


_ABOUT_TOPIC = re.compile(r"\b(?:say|said|find|found|report|reported|show|showed|tell us|told us|conclude|concluded|think|thought|feel|felt|mention|mentioned"
                          r"|views?|position|stance|opinions?)"  # "What is the PSB's view on X?"
                          r"\s+(?:anything\s+)?(?:about|on|regarding|concerning)\s+(?P<topic>[^?]{2,60}?)\s*\??\s*$", re.I)
_HOW_MANY_THING = re.compile(r"\bhow many\s+(?P<thing>[A-Za-z][A-Za-z'’-]+)", re.I)
# "What was the average caseload of a social worker ...?": the measure asked for, before its "of"
_MEASURE_OF = re.compile(r"^\W*(?:and\s+)?what\s+(?:was|is|were|are)\s+the\s+(?:average|mean|median|typical|usual)\s+"
                         r"(?P<measure>[A-Za-z][A-Za-z'’-]+)\s+(?:of|for|per|among|across)\b", re.I)


# the group a question is scoped to (TERM marked by _scope_form): "what share of TERM", "among TERM",
# "in TERM services" (a group noun after it); not a setting ("in lockdown", "in the poll", "in isolated pockets")
_GROUP_NOUNS = (r"(?:services?|sectors?|trusts?|authorit(?:y|ies)|councils?|schools?|forces?|bodies|organi[sz]ations?|"
                r"practices?|departments?|providers?|staff|workers?|teams?|professionals?|users?|patients?|workforce|"
                r"prisons?|hospitals?|households?|communities|families|homes?|areas?|regions?)")
# what a group is, for ConstraintChecker._names_a_group (on the tuning sets: "dentists" 0.45, "women" 0.53,
# "ambulance" 0.46; things: "queries" 0.31, "poll" 0.29, "lockdown" 0.25)
_GROUP_WORDS = ("people", "organisations", "workers", "services")
_SCOPE = re.compile(
    r"\b(?:share|proportion|percentage|per\s?cent|fraction|number|majority|minority|half|third|quarter|most|many|few)\s+of\s+"
    r"(?:the\s+|all\s+)?(?:(?!its\s)[a-z]+\s+)?\x00|"  # (not "share of its items": the parts of a thing already named)
    r"\b(?:among|amongst)\s+(?:the\s+|all\s+)?(?:[a-z]+\s+)?\x00|"
    rf"\b(?:in|across|within|by|for|of)\s+(?:the\s+|all\s+|local\s+)?(?:[a-z]+\s+)?\x00\s+(?:[a-z]+\s+)?{_GROUP_NOUNS}\b",
    re.I)


def _scope_form(question: str, term: str) -> str:
    """The question with ``term`` replaced by a marker, for ``_SCOPE``."""
    return re.sub(rf"\b{re.escape(term)}\b", "\x00", question, count=1)


def focus_words(question: str) -> list[str]:
    """The content words of what the question is about: the topic closing "... say / find about X?"
    or "... view on X?", the thing counted by "How many X ...?", or the measure of "What was the average
    X of ...?"; [] for any other shape."""
    m = _ABOUT_TOPIC.search(question)
    text = m.group("topic") if m else ""
    if not text:  # "How many planning appeals ...?": the phrase up to the noun counted, which ends it
        text = (" ".join(counted_phrase(question)) or (m.group("thing") if (m := _HOW_MANY_THING.search(question)) else "")
                or (m.group("measure") if (m := _MEASURE_OF.search(question)) else ""))
    return [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", _YEAR.sub(" ", text)) if is_vocabulary_word(w)]


def checked_sentences(sentences: Sequence[str]) -> list[str]:
    """The evidence sentences ``_matters`` compares the question with (four words or more)."""
    return [s for s in sentences if len(s.split()) >= 4]


def evidence_words(sentences: Sequence[str]) -> list[str]:
    """The distinct evidence words ``nearest_evidence_word`` compares a term with (lower-cased, in
    order of first use; each analysed once: ingest asks this of every chunk)."""
    words = dict.fromkeys(w.lower() for s in sentences for w in re.findall(r"[A-Za-z][A-Za-z-]{2,}", s))
    return [w for w in words if w not in _QUESTION_WORDS and analyse(w)]


def constraint_texts(text: str) -> list[str]:
    """What the checker may embed for a passage: its sentences and its words. The indexer embeds
    them at ingest, so checking a question looks them up instead of running the model."""
    sentences = checked_sentences(split_sentences(text))
    return sentences + evidence_words(sentences)


def describe_missing(missing: Sequence[Constraint]) -> str:
    """ "The indexed documents do not mention 2018 or “quantum”." """
    parts = [c.describe() for c in missing]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
    subject = "The documents the question names" if any(c.in_named for c in missing) else "The indexed documents"  # others may
    return f"{subject} do not mention {joined}, so they cannot answer this question."


def is_vocabulary_word(word: str) -> bool:
    """A content word the constraint check could ask about: analysed to a stem, not a question word."""
    return bool(analyse(word)) and word.lower() not in _QUESTION_WORDS

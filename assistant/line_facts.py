"""What a line states: a figure, a count of something, a date, a length of time, a name, an
obstacle, a proposal; and whether it only repeats a line already given.

The answerer's rules ("a figure is asked for: the close line holding one leads") test lines with
these; what the question asks for is read in ``assistant.question_shapes`` and
``assistant.question_focus``.
"""

from __future__ import annotations

import re

from assistant.acronyms import spelled_out
from indexing.keyword import analyse


_FIGURE = re.compile(r"\d")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_CODE = re.compile(r"\b[A-Z]{1,4}\d{1,3}\b")  # "R5", "A2": a reference the answer must carry
_NUMBERS = re.compile(r"\d[\d,.]*\s?(?:%|per cent)?")
# a length of time, or a span of dates
_COUNTED = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DURATION = re.compile(
    rf"\b{_COUNTED}(?:\s*(?:to|and|or|-|–)\s*{_COUNTED})?\s+(?:(?:working|calendar|business|school|full)\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b"
    rf"|\b(?:from|between)\s+(?:\d{{1,2}}\s+)?{_MONTHS}\b[^.;]{{0,30}}?\b(?:to|and|until)\s+(?:\d{{1,2}}\s+)?{_MONTHS}\b", re.I)
_PROPOSING = re.compile(r"\b(?:should|must|ought to|recommend\w*|propos\w*|we suggest|calls? for|needs? to)\b", re.I)
_DATE_IN_LINE = re.compile(rf"\b(?:\d{{1,2}}\s+)?{_MONTHS}\s+(?:19[5-9]\d|20[0-4]\d)\b|\b(?:by|from|in|until|since|before|after)\s+"
                           rf"(?:the\s+end\s+of\s+)?(?:19[5-9]\d|20[0-4]\d)\b")
# A line that names an obstacle (by its noun or verb)
_OBSTACLE = re.compile(r"\b(?:barriers?|obstacles?|stops?|stopped|prevents?|prevented|preventing|hinders?|hindered|blocks?|blocked|"
                       r"in\s+the\s+way|held\s+back|holds?\s+(?:\w+\s+)?back|constraints?|difficult(?:y|ies)?)\b", re.I)
# A body or a person: a run of capitalised words ("Crown Commercial Service", "the Cabinet Office") or an acronym (GDS)
_NAME_IN_LINE = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|and|for|the)?\s*[A-Z][a-z]+)+\b|\b[A-Z]{2,}s?\b")


def _names_someone(line: str, question: str) -> bool:
    """Does the line name a body or a person the question does not already name?"""
    asked = question.lower()
    body = re.sub(r"^[^\s:]{1,12}\s+-\s+|^\W+", "", line)  # not the word that opens the line or a row's reference
    first = body.split(" ", 1)[0] if body else ""
    for m in _NAME_IN_LINE.finditer(body):
        words = m.group(0).split()
        if m.start() == 0 and len(words) == 1 and m.group(0) == first and not first.isupper():
            continue  # a sentence's capitalised first word
        if not all(w.lower() in asked for w in words) and not spelled_out(m.group(0).rstrip("s"), question):
            return True  # (nor the short form of a name the question spells out: "PSCRU" of "Public Sector Cyber Response Unit")
    return False


# "Applications received: 51,900", "Residents helped: 9,400 (5,200 in year one)"
_LABELLED_COUNT = re.compile(r"^\W*(?P<label>[A-Za-z][^:]{1,120}):\s*(?P<value>\d[\d,.]*)\s*(?:\([^)]{1,60}\))?\s*\.?\s*$")
_ROW_COUNT = re.compile(r"(?:^[^:;]{1,80} - |; )(?P<label>[A-Za-z][^:;]{0,60}):\s*(?P<value>(?!(?:19|20)\d\d\b)\d[\d,.]*)(?=;|\s*$)")


# what a thing rose, fell or came to: "digital loans - e-books and e-audiobooks - rose by 18 per cent in 2023-24 to 11.2 million"
_RISEN_TO = re.compile(r"\b(?:(?:rose|risen|fell|fallen|grew|grown|increased|decreased|dropped|climbed|went up|went down)\b[^.;:]{0,50}?\bto|"
                       r"reached|totalled|totaled|numbered|stood at)\s+(?P<value>\d[\d,.]*)(?!\s?(?:%|per\s?cent))\b", re.I)


# a count written in words ("Eleven homes had broadband too slow"); not "one", which is mostly a pronoun
# a number written out, as a sentence must open with one: "Thirty-eight services replied"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
_NUMBER_WORD = re.compile(r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                          rf"seventeen|eighteen|nineteen|{_TENS}|hundreds?|thousands?|dozens?)",
                          re.I)
# a figure written out: from eleven up (a small number in words is more often a phrase than a figure: "one of the two")
_SPELLED_FIGURE = re.compile(rf"\b(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_TENS})\b", re.I)


def _counts(line: str, stems: set[str]) -> bool:
    """Does a number in the line count one of ``stems`` ("contained 27 questions", "984 completed responses",
    "Applications received in 2021: 51,900")? A year is not a count."""
    labelled = _LABELLED_COUNT.match(line)  # "Applications received by the 20 councils in 2021: 51,900."
    if labelled and set(analyse(labelled.group("label"))) & stems and not _YEAR.fullmatch(labelled.group("value").rstrip(".,")):
        return True
    # a table row's column that counts them: "HM Revenue and Customs - Agreements recorded: 367; With a review date: 92%"
    if any(set(analyse(m.group("label"))) & stems for m in _ROW_COUNT.finditer(line)):
        return True
    for m in _RISEN_TO.finditer(line):  # "digital loans ... rose by 18 per cent to 11.2 million": the count they came to
        before = re.split(r"[.;:]", line[max(0, m.start() - 80):m.start()])[-1]  # the thing that rose, in the same clause
        if set(analyse(before)) & stems and not _YEAR.fullmatch(m.group("value").rstrip(".,")):
            return True
    tokens = re.findall(r"[\d][\d,.]*|[A-Za-z][A-Za-z'’-]*", line)
    for i, token in enumerate(tokens):
        if _in_ratio(tokens, i):
            continue  # "Three in five respondents (61 per cent) ...": a share of them, not how many there were
        if (token[0].isdigit() and not _YEAR.fullmatch(token.rstrip(".,"))) or _NUMBER_WORD.fullmatch(token):
            after = tokens[i + 1:i + 5]
            near = after if "and" in (t.lower() for t in after[:3]) else after[:3]  # "44 fire and rescue services"
            if any(set(analyse(t)) & stems for t in near if not t[0].isdigit()):
                return True
    # "19 separate case management systems": three words that can only qualify the noun counted, nothing between
    return any(_modifiers_only(m.group("words").split()) and set(analyse(m.group("noun"))) & stems for m in _FOUR_ON.finditer(line))


def _is_number(token: str) -> bool:
    return token[:1].isdigit() or token.lower() == "one" or bool(_NUMBER_WORD.fullmatch(token))


def _in_ratio(tokens: list[str], i: int) -> bool:
    """Is token ``i`` a side of a ratio, "three in five" or "one out of four" (a share written out, not a count)?"""
    if not _is_number(tokens[i]):
        return False
    after = [t.lower() for t in tokens[i + 1:i + 4]]
    if after[:1] == ["in"] and len(after) > 1 and _is_number(after[1]) or after[:2] == ["out", "of"] and len(after) > 2 and _is_number(after[2]):
        return True
    before = [t.lower() for t in tokens[max(0, i - 3):i]]
    return (before[-1:] == ["in"] and len(before) > 1 and _is_number(before[-2])
            or before[-2:] == ["out", "of"] and len(before) > 2 and _is_number(before[-3]))


_FOUR_ON = re.compile(r"(?<![\d,.])\b\d[\d,.]*\s+(?P<words>(?:[a-z][a-z-]*\s+){3})(?P<noun>[A-Za-z][\w-]*)")


def _modifiers_only(words: list[str]) -> bool:
    """Three words that can only qualify a noun still to come ("19 separate case management systems"): lower-case, none a
    plural (the counted noun itself, "12 councils said ...") and none a verb or a function word."""
    return len(words) == 3 and all(w.isalpha() and w.islower() and not (w.endswith("s") and not w.endswith("ss"))
                                   and w not in _NOT_MODIFIERS and not w.endswith("ed") for w in words)


_NOT_MODIFIERS = frozenset("of in on at to for by with from the a an and or but that which who said say were was had have has "
                           "are is be been more than over under about around only just per".split())


def _has_figure(line: str) -> bool:
    """A figure other than a year or a day of a month: "2019 results" and "between 3 July and 8
    September" state none (a date is not what a count or a share question asks for)."""
    return bool(_FIGURE.search(_YEAR.sub(" ", _DAY_OF_MONTH.sub(" ", line)))) or bool(_SPELLED_FIGURE.search(line))


_DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b")


def _repeats(a: str, b: str) -> bool:
    """Same sentence, nearly the same words, or every figure of ``a`` already stated in ``b``."""
    figures, other = set(_NUMBERS.findall(a)), set(_NUMBERS.findall(b))
    if figures and other and not figures & other:
        return False  # the same measure with a different figure (another year, another row) is news
    ta, tb = set(analyse(a)), set(analyse(b))
    if ta and len(ta & tb) / len(ta | tb) > 0.6:
        return True
    return bool(figures) and figures <= other

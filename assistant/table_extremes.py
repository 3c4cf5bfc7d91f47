"""'Which landlord had the best first-time fix rate?': the table row with the extreme value in the asked column.

Similarity ranks a table's rows by how much they share with the question, and every row of a
table shares the same words: "Which type of council had the biggest median digital budget?"
drew the table's caption, or a row picked by chance, and was then refused for naming no council.
The answer is a comparison across the whole table, so it is computed: the table whose column
the question names, the row with the largest (or smallest) figure in that column.

Rows are read as ``indexing.tables`` writes them: "label - header: value; header: value" for a
table of several columns, "label (header): value" for one of a single column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.answer_lines import Candidate
from assistant.markdown_answer import table_row_cells
from assistant.questions import followed_question, own_question
from assistant.retrieval import Passage
from indexing.keyword import analyse

_TOP = [*"highest largest biggest greatest commonest best busiest longest slowest oldest".split(), "furthest ahead"]
_BOTTOM = [*"lowest smallest fewest worst quietest shortest fastest quickest newest earliest".split(), "furthest behind"]
# "most"/"least" pick one out after "the" or before an adjective ("most common", "least satisfied"),
# not before a plural noun ("What do most councils use?")
# (or an adjective by its ending: "least confident", "most expensive", "least reliable")
_ADJECTIVE = r"(?:common|popular|often|frequent\w*|likely|\w+ed|\w+(?:ent|ant|ful|ive|able|ible|ous))"
# ("most recent" dates a thing: "passengers' most recent journeys", "the most recent survey" pick nothing out)
_MOST = rf"(?:(?<=the )most(?! recent)|most(?= (?!recent\b){_ADJECTIVE}\b))"
_LEAST = rf"(?:(?<=the )least|least(?= {_ADJECTIVE}\b))"
DIRECTION = re.compile(rf"\b(?:(?P<top>{'|'.join(_TOP)}|{_MOST})|(?P<bottom>{'|'.join(_BOTTOM)}|{_LEAST}))\b", re.I)
# "which", "what", "who", "where" before the superlative: the question picks one thing out
_PICKS = re.compile(rf"\b(?:which|what|who|where)\b[^?]*?\b(?:{'|'.join(_TOP + _BOTTOM)}|{_MOST}|{_LEAST})\b", re.I)
# a column where less is better: "best" picks its smallest figure ("best average wait", "fewest days")
_LESS_IS_BETTER = re.compile(r"\b(?:days?|weeks?|hours?|minutes?|(?<!first-)(?<!first )time|wait\w*|cost\w*|fail\w*|errors?|complaints?|"
                             r"backlogs?|arrears|late|missed|rejected|abandon\w*)\b", re.I)
# "Final plans within 20 weeks", "Answered in under 5 days": a share done in time, where more is better
_IN_TIME = re.compile(r"\b(?:within|in\s+under|in\s+less\s+than|inside)\s+(?:\d+|a|one|two|three|four|five|six|ten)\s+\w+", re.I)
_SPEED = frozenset({"fastest", "quickest", "slowest"})
_SINGLE = re.compile(r"^(?P<label>[^:()\n]{2,80}?)\s+\((?P<header>[^()\n]{2,80})\):\s+(?P<value>\S.*)$")
_NUMBER = re.compile(r"([-+−]?)\s?[£$€]?\s?(\d[\d,]*(?:\.\d+)?)\s*(bn|billion|m|million|k|thousand)?\b", re.I)
_SCALE = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3}
_GENERIC = frozenset(analyse("share number per cent percentage proportion figure value total rate level"))


@dataclass(frozen=True)
class TableRow:
    candidate: Candidate
    label: str
    cells: tuple[tuple[str, str], ...]


# "What share of heads of IT said X was the biggest obstacle?" asks for a figure, not for a row
# (at the start: "Which quarter had the most applications, and how many?" still picks a quarter)
_FIGURE_ASKED = re.compile(r"^\W*(?:(?:what|which)\s+(?:share|proportion|percentage|fraction|number|per ?cent)\b|how (?:many|much)\b)", re.I)


def asks_extreme(question: str) -> bool:
    """Does the question pick one thing out by a superlative ("Which quarter had the most ...?")?"""
    return bool(_PICKS.search(question)) and not _FIGURE_ASKED.search(question)


def extreme_rows(question: str, passages: list[Passage]) -> list[Candidate]:
    """The row (one per direction asked: "the biggest ... and which the smallest") holding the
    extreme figure of the column the question names; [] when no table column fits clearly, fewer
    than three rows give a figure, or the extreme is tied."""
    question = _in_price_words(question)
    if not asks_extreme(question):
        return []
    directions = _directions(question)
    best: tuple[float, list[TableRow], str] | None = None
    for rank, (rows, first_header) in enumerate(tables_in(passages)):
        header, fit = _asked_column(question, rows)
        if header is None or not names_its_rows(question, rows, first_header) or not _head_named(question, rows, first_header, header):
            continue
        score = fit + _year_fit(question, rows, passages) - rank * 0.01  # the better retrieved table wins a tie
        if best is None or score > best[0]:
            best = (score, rows, header)
    if best is None:
        return []
    _, rows, header = best
    # a row of the whole ("Total", "All councils") sums or averages the others: it is not one of them
    valued = [(v, r) for r in rows if (v := _value(dict(r.cells).get(header, ""))) is not None and not _WHOLE_LABEL.match(r.label)
              and not _sums_the_others(r, rows)]
    if len(valued) < 3:
        return []
    picked: list[Candidate] = []
    years = all(1700 <= v <= 2100 and float(v).is_integer() for v, _ in valued)  # a column of years
    for word in directions:
        smallest = _wants_smallest(word, header, years)
        target = (min if smallest else max)(v for v, _ in valued)
        winners = [r for v, r in valued if v == target]
        if len(winners) != 1:
            return []
        if all(winners[0].candidate.text != c.text for c in picked):
            row = winners[0]  # a row of several columns is labelled with the superlative it answers ("Highest reported online")
            first = header.split(" ", 1)[0]  # (an acronym keeps its capitals: "Highest SEND parents responding")
            named = header if first.isupper() and len(first) > 1 else f"{header[:1].lower()}{header[1:]}"
            label = f"{'Lowest' if smallest else 'Highest'} {named}" if len(row.cells) > 1 else ""
            picked.append(replace(row.candidate, label=label))
    return picked


def _sums_the_others(row: TableRow, rows: list[TableRow]) -> bool:
    """Is ``row`` the whole (a country under its regions: "England - SEND parents responding: 718"), its count in
    some column the sum of the other rows' counts? Why: its share is the average of theirs, not one of them, and
    its label ("England") does not say "Total"."""
    if len(rows) < 4 or row not in (rows[0], rows[-1]):
        return False  # (three rows or fewer, or a row in the middle: a sum by chance)
    for header, cell in row.cells:
        own = _value(cell)
        others = [_value(dict(r.cells).get(header, "")) for r in rows if r is not row]
        if (own is None or "%" in cell or any(v is None for v in others)
                or any("%" in dict(r.cells).get(header, "") for r in rows)):
            continue
        total = sum(others)
        if total > 0 and abs(own - total) <= 0.01 * total:
            return True
    return False


_WHOLE_LABEL = re.compile(r"^\W*(?:total|all|overall|whole|average|mean|median)\b", re.I)
_DEAREST = re.compile(r"\b(?:the\s+)?(?:most\s+expensive|dearest|costliest)\b", re.I)
_CHEAPEST = re.compile(r"\b(?:the\s+)?(?:least\s+expensive|cheapest)\b", re.I)


def _in_price_words(question: str) -> str:
    """ "Which pest was the most expensive to treat?" in the words a price column is headed with: the highest
    charge (cost, price); "cheapest": the lowest."""
    question = _DEAREST.sub("the highest charge cost price", question)
    return _CHEAPEST.sub("the lowest charge cost price", question)


def _directions(question: str) -> list[str]:
    """The superlatives in question order, one per direction ("the biggest ... and which the smallest")."""
    seen: dict[str, str] = {}
    for m in DIRECTION.finditer(question):
        seen.setdefault("top" if m.group("top") else "bottom", m.group(0).lower())
    return list(seen.values())


def _wants_smallest(word: str, header: str, years: bool = False) -> bool:
    """``years``: the column holds years ("Oldest entry: 1849"), where the oldest is the smallest."""
    if years and word in ("oldest", "earliest", "first"):
        return True
    if years and word in ("newest", "latest", "youngest"):
        return False
    less_better = bool(_LESS_IS_BETTER.search(_IN_TIME.sub(" ", header)))
    if word in _SPEED:  # "fastest" over days is the fewest; over growth, the most
        return (word != "slowest") == less_better
    if word in ("best",):
        return less_better
    if word == "worst":
        return not less_better
    return word in _BOTTOM or word == "least"


def tables_in(passages: list[Passage]) -> list[tuple[list[TableRow], str]]:
    """Rows grouped by table (document and section: a table cut over two chunks is one; a header line unlike the
    section's last one begins another), in retrieval order, each with its first column's header ("Landlord / Homes /
    ...:") or ""."""
    tables: dict[tuple[str, str, int], list[TableRow]] = {}
    firsts: dict[tuple[str, str, int], str] = {}
    count: dict[tuple[str, str], int] = {}  # tables begun so far in each section: another header begins another table
    seen: set[str] = set()
    for i, p in enumerate(passages):
        place = (p.doc_id, p.section or "")
        for line in p.text.split("\n"):
            head = _HEADER_LINE.match(line.strip())
            key = (*place, count.get(place, 0))
            if head and key in firsts and firsts[key] != head.group(1):
                # "Table 2: ... by age group" under "Table 1: ... by NHS region" in one section: its rows are not regions
                count[place] = count.get(place, 0) + 1
                key = (*place, count[place])
            if head:
                firsts.setdefault(key, head.group(1))
            row = _row(line.strip(), i)
            if row is None or row.candidate.text in seen:
                continue
            seen.add(row.candidate.text)
            tables.setdefault(key, []).append(row)
    return [(rows, firsts.get(key, "")) for key, rows in tables.items() if len(rows) >= 3]


_HEADER_LINE = re.compile(r"^([^:/\n]{1,60}?) / [^:\n]+:$")  # "Landlord / Homes / Reported online:", as indexing.tables writes it
_WHICH_NOUN = re.compile(r"\b(?:which|what)\s+(?:(?:type|kind|sort)s? of\s+)?([a-z][a-z-]+['’]?(?:\s+[a-z][a-z-]+)?)", re.I)
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]+)\b")  # "Which north Wales council": the noun after a place's name


_PART_OF_COUNTRY = re.compile(r"\bwhich\s+(?:parts?|areas?|corners?)\s+of\s+(?:the\s+)?(?:country|uk|united\s+kingdom|england|nation)\b", re.I)
_OF_THE = re.compile(r"\b(?:of|among|between)\s+(?:the|these|those)\s+(?:[a-z]+\s+)?(?P<noun>[a-z]+s)\b", re.I)


def names_its_rows(question: str, rows: list[TableRow], first_header: str) -> bool:
    """Does the thing the question picks ("which landlord") name the table's rows: its first
    column's header, or a word of its labels? A question with no such noun ("Who ...?") passes.

    Why: "Which council had the highest first-check failure rate?" asked of an index holding only
    a landlords' table matched its "First-time fix rate" column and named a landlord."""
    m = _WHICH_NOUN.search(question)
    if not m:
        return True
    noun = stems_of(m.group(1))
    after = _NOUN_AFTER.match(question, m.end())
    if after and re.search(r"\b[A-Z]", m.group(1).split(None, 1)[-1]):
        noun |= stems_of(after.group(1))  # "Which north Wales council ...?": a council
    if _PART_OF_COUNTRY.search(question):  # "Which part of the country is quickest?": the table's regions or areas
        noun = stems_of("region area nation country place")
    if noun and noun <= {"one"}:  # "Of the four forces compared, which one was slowest ...?": the forces
        of = _OF_THE.search(question[:m.start()])
        noun = stems_of(of.group("noun")) if of else set()
    if not noun or noun & stems_of("the this that these those") or not noun - _GENERIC:
        return True
    named = stems_of(first_header) | {s for r in rows for s in stems_of(r.label)}
    if all(len(r.cells) == 1 for r in rows):  # "Data analysis (councils reporting a gap): 49%": its header says what the rows are
        named |= {s for r in rows for h, _ in r.cells for s in stems_of(h)}
    return any(near_stems(n, h) or n == h for n in noun for h in named)


def _row(line: str, passage: int) -> TableRow | None:
    parsed = table_row_cells(line)
    if parsed is not None:
        label, pairs = parsed
        return TableRow(Candidate(line, passage), label, tuple(pairs))
    m = _SINGLE.match(line)
    if m and _NUMBER.search(m.group("value")):
        return TableRow(Candidate(line, passage), m.group("label"), ((m.group("header"), m.group("value")),))
    return None


def stems_of(text: str) -> set[str]:
    """Word stems without figures: a year in a header ("budget 2025-26") is matched by ``_year_fit``."""
    return {s for s in analyse(text) if not s[:1].isdigit()}


def _shared(asked: set[str], header: set[str]) -> float:
    """Stems in common; a stem sharing its first five letters counts ("satisfied" for "satisfaction")."""
    score = 0.0
    for h in header:
        if h in asked:
            score += 0.5 if h in _GENERIC else 1.0
        elif any(near_stems(a, h) for a in asked):
            score += 0.75
    return score


def near_stems(a: str, b: str) -> bool:
    """Two stems of one word family: the same first five letters, or one a 4+ letter start of the other ("fail", "failur")."""
    if len(a) >= 5 and len(b) >= 5:
        return a[:5] == b[:5]
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short)


def has_asked_column(question: str, text: str) -> bool:
    """Does ``text`` (a chunk) hold a table of three or more rows with a column the question names?"""
    rows = [r for r in (_row(line.strip(), 0) for line in text.split("\n")) if r is not None]
    return len(rows) >= 3 and _asked_column(question, rows)[0] is not None


def _asked_column(question: str, rows: list[TableRow]) -> tuple[str | None, float]:
    """The header the question names most, with a figure in most rows; (None, 0) when none shares a word."""
    question = _REFLEXIVE.sub("self", question)  # "farmers claiming online themselves": the column "Claim online, self"
    asked = stems_of(question)
    measured = _measure(question)
    headers = list(dict.fromkeys(h for r in rows for h, _ in r.cells))
    scored = []
    for h in headers:
        if not _shared(measured, stems_of(h)):
            continue  # the superlative's own words ("oldest system") are not this column's
        # words nearest the superlative weigh most ("the longest wait for a new driver licence": "wait", not
        # "driver"), the question's other words break what is left of a tie
        fit = _near_first(question, stems_of(h)) + 0.1 * _shared(asked, stems_of(h))
        # ... and a header's words the question does not say tell what else it measures ("Missed a visit (booking
        # problem)" for "the lowest proportion of families booking visits online", where "Booked online" says no more)
        fit -= 0.05 * len({w for w in stems_of(h) if not any(w == a or near_stems(w, a) for a in asked)})
        header_years = set(_YEAR.findall(h))  # "Applied online in 2023" and "... in 2024": the year asked decides
        fit += 0.5 if header_years & set(_YEAR.findall(question)) else (-0.5 if header_years and _YEAR.search(question) else 0.0)
        numeric = sum(_value(dict(r.cells).get(h, "")) is not None for r in rows)
        if fit > 0 and numeric * 2 > len(rows):
            scored.append((round(fit, 6), h))
    # "Which water firm gets through complaints the quickest?": what is quick is said by no word after it, so the column of a
    # time ("Median working days to resolve"), when one alone fits best (not "Which region is quickest at it?": at what?)
    pointing = re.search(r"\b(?:it|this|that|them)\b", re.split(r",|\band\b", question)[0], re.I)
    if not scored and _SPEEDS.search(question) and not pointing:
        timed = [h for h in headers if _TIMED_HEADER.search(h) and sum(_value(dict(r.cells).get(h, "")) is not None for r in rows) * 2 > len(rows)]
        fits = sorted(((_shared(asked, stems_of(h)), h) for h in timed), reverse=True)
        if fits and (len(fits) == 1 or fits[0][0] > fits[1][0]):
            return fits[0][1], 0.5
    if _SHARE_ASKED.search(question):  # "the highest share of SEND parents satisfied with ...": a column of shares, not
        # "SEND parents responding", the count of those the share is of
        shares = [(f, h) for f, h in scored if sum("%" in dict(r.cells).get(h, "") for r in rows) * 2 > len(rows)]
        scored = shares or scored
    if not scored:
        return None, 0.0
    fit, header = max(scored, key=lambda fh: fh[0])
    tied = [h for f, h in scored if f == fit]
    if len(tied) == 1:
        return header, fit
    # "Bids received" and "Bids from SMEs": the column of a part ("from SMEs") the question does not name is not the one
    # asked; else two columns fit as well, and which one is asked is not clear
    whole = [h for h in tied if not ((m := _PART_COLUMN.search(h)) and not stems_of(m.group(1)) & asked)]
    return (whole[0], fit) if len(whole) == 1 else (None, 0.0)


_SPEEDS = re.compile(r"\b(?:quickest|fastest|slowest|soonest)\b", re.I)
_TIMED_HEADER = re.compile(r"\b(?:days?|weeks?|hours?|minutes?|months?|time)\b", re.I)
_REFLEXIVE = re.compile(r"\b(?:them|your|him|her|it|our|my)sel(?:f|ves)\b", re.I)
_SHARE_ASKED = re.compile(r"\b(?:share|proportion|percentage|per\s?cent|fraction)\b", re.I)
_PART_COLUMN = re.compile(r"\b(?:from|among|by|for|of)\s+(\w[\w\s-]*)$", re.I)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _measure(question: str, words: int = 8) -> set[str]:
    """The stems of what the superlative measures: the words after it ("the highest first-time fix
    rate", "busiest for passport applications", "least satisfied"), up to a comma or the end.

    Why: "What was the oldest system councils reported?" shares "councils" and "reported" with a
    skills table's "Councils reporting a gap" column, but its superlative measures systems."""
    own, previous = own_question(question), followed_question(question)
    m = DIRECTION.search(own)
    if m is None:
        return set()
    after = re.split(r"[,?;]| and which\b| and what\b", own[m.start():], maxsplit=1)[0]
    measured = stems_of(" ".join(after.split()[: words + 1]))
    if len(measured) <= 1 and previous:  # "Which region is quickest at it?": at what the previous question asked about
        measured |= stems_of(previous)
    return measured


def _near_first(question: str, header: set[str]) -> float:
    """How well a column's header matches what the superlative measures, each word weighted by its
    nearness to the superlative (1, 1/2, 1/3, ...)."""
    m = DIRECTION.search(question)
    if m is None:
        return 0.0
    after = re.split(r"[,?;]| and which\b| and what\b", question[m.end():], maxsplit=1)[0]
    stems = [s for s in analyse(after) if not s[:1].isdigit()][:8]
    return sum(1.0 / (1 + k) for k, s in enumerate(stems) if any(s == h or near_stems(s, h) for h in header))


_HEAD = re.compile(r"^\s*(?:(?:common|popular|frequent|frequently|often|important|significant|serious|main|single)\s+)*(?P<head>[a-z][a-z-]*)", re.I)


def _head_named(question: str, rows: list[TableRow], first_header: str, header: str) -> bool:
    """For a "What was the biggest obstacle ...?" question (no "which"): the word the superlative
    qualifies ("obstacle") names the table's column, its rows or its first column.

    Why: a "what" question asks about a thing the prose names as often as a table row: "What was
    the oldest system councils reported?" matched a skills table's "Councils reporting a gap"
    column by the words after the thing asked for."""
    if re.search(r"\bwhich\b", question, re.I):
        return True
    m = DIRECTION.search(question)
    head = _HEAD.match(question[m.end():]) if m else None
    if head is None:
        return False
    wanted = stems_of(head.group("head"))
    named = stems_of(header) | stems_of(first_header) | {s for r in rows for s in stems_of(r.label)}
    return any(w == n or near_stems(w, n) for w in wanted for n in named)


def _year_fit(question: str, rows: list[TableRow], passages: list[Passage]) -> float:
    """+1 when the question's year is the table's document year or in its headers, -1 when another year is."""
    asked = set(_YEAR.findall(question))
    if not asked:
        return 0.0
    p = passages[rows[0].candidate.passage]
    own = set(_YEAR.findall((p.published or "")[:4])) | {y for r in rows[:1] for h, _ in r.cells for y in _YEAR.findall(h)}
    own |= set(_YEAR.findall(p.section or ""))
    if asked & own:
        return 1.0
    return -1.0 if own else 0.0


def _value(cell: str) -> float | None:
    m = _NUMBER.search(cell)
    if not m:
        return None
    value = float(m.group(2).replace(",", "")) * _SCALE.get((m.group(3) or "").lower(), 1.0)
    return -value if m.group(1) in ("-", "−") else value

"""A "what share / proportion / percentage" question is led by a line holding a share that answers it.

Why: any figure satisfied the answerer's figure rule, so "What share of public bodies knew the
Data Ethics Framework existed?" was led by the document's opening sentence ("In January 2025 the
PSB asked 88 public bodies whether ...": a count, and the line closest in meaning) while "Nine in
ten bodies (90%) knew the framework existed" sat lower. A share question wants a share (a
percentage, "nine in ten", "half"), and of the close lines holding one, the line that says what
the question says of its people: its predicate ("knew the framework existed"), not only its
subject ("public bodies"), which every line of a survey shares ("Only 31 per cent said they knew
where to find guidance ..." shares "knew" and "public body", not "framework existed").

Usage: ``share_lines(question, ranked, floor, overlap)``: the candidates to lead, best first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.acronyms import acronyms_in, spelled_by_acronym, spelled_out
from assistant.question_shapes import SETTING
from indexing.keyword import analyse

# "Do most staff trust the data?", "Do many people still ring up?": a share answers yes or no
# ... and "Do staff know ...?", "Are officials keen to ...?": a yes or no about a group of people a survey asked
# ... also after a setting ("Back in 2022, did planning officers ...?"), and of the bodies a survey counts ("Do regulators
# mostly publish ...?")
_YES_NO_SHARE = re.compile(rf"^\W*{SETTING}(?:and\s+|so\s+)?"
                           r"(?:do|does|did|are|were|is|was|have|has|would|will)\s+"
                           r"(?:(?:most|many|more|few|fewer|all|half|(?:a|the)\s+majority)\b(?:\s+of)?"
                           r"|(?:the\s+|their\s+)?(?:[a-z-]+\s+){0,2}?(?:staff|officials|officers|civil\s+servants|respondents|people|teams|employees|"
                           r"workers|managers|leaders|users|residents|patients|councils|authorities|regulators|departments|trusts|bodies|"
                           r"organisations|schools|services|forces|firms|businesses|agencies)\b)", re.I)
_SHARE_QUESTION = re.compile(r"\b(?:what|which)\s+(?:(?:is|was|are|were)\s+the\s+)?(?:share|proportion|percentage|fraction|per\s?cent(?:age)?)\b"
                             r"|\bhow\s+many\s+per\s?cent\b|\bhow\s+(?:common|widespread|usual|prevalent|rare)\s+(?:is|was|are|were)\b"
                             # "How much of their time do staff spend on paperwork?": a part of a whole, "49% of their working time"
                             r"|\bhow\s+much\s+of\s+(?:their|the|its|his|her|your|our)\s+(?:\w+\s+)?(?:time|budgets?|income|spending|workload)\b"
                             r"|^\W*(?:and\s+)?(?:is|was|has|did|were|are)\s+the\s+(?:share|proportion|percentage|fraction)\b"  # "Was the share ... higher"
                             r"|" + _YES_NO_SHARE.pattern, re.I)
_NUMBER_WORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_SHARE = re.compile(rf"\d+(?:\.\d+)?\s*(?:%|per\s?cent)|\b{_NUMBER_WORD}\s+(?:in|out\s+of)\s+{_NUMBER_WORD}\b"
                    r"|\b(?:half|a\s+third|a\s+quarter|two[\s-]thirds|three[\s-]quarters)\b", re.I)
_YEARS = re.compile(r"\b(?:in|for|during|of)?\s*(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?\b", re.I)
# what the question asks about the people it counts begins at its verb ("knew", "said", "were based")
_VERBS = frozenset("""said say says knew know knows think thinks thought felt feel feels had have has did do does were was
are is be been would could can will should must use uses see saw believe believes agree agrees want wants expect expects
rate rates get got find found name names report reports receive work works hold holds plan plans who that which
trust trusts ring rings call calls book books prefer prefers like likes need needs pay pays apply applies complain complains
wait waits understand understands support supports rely relies choose chooses visit visits contact contacts
now still tend tends keen sure confident aware willing able happy satisfied likely""".split())  # (an adverb after the subject opens what is said of it: "do most people now report ...")


_REPORTING = frozenset("said say says reported report reports felt feel feels thought think thinks believed believe believes "
                       "agreed agree agrees told".split())


def asks_share(question: str) -> bool:
    return bool(_SHARE_QUESTION.search(question))


def holds_share(line: str) -> bool:
    """A percentage ("90%", "31 per cent"), a ratio ("nine in ten") or a fraction in words ("half")."""
    return bool(_SHARE.search(line))


def predicate(question: str) -> str:
    """What the question says of the people whose share it asks: "What share of public bodies knew
    the framework existed?" -> "knew the framework existed" (from the first verb after the subject);
    the question without its frame when no verb follows ("What share of respondents in Scotland?")."""
    m = _SHARE_QUESTION.search(question)  # "Of the sites checked, what fraction did not pass ...?": after the frame
    rest = question[m.end():] if m else question
    words = rest.strip(" ?").split()
    start = 1 if words and words[0].lower() == "of" else 0
    for i in range(start + start, len(words)):  # after "of", a subject of one word at least
        w = words[i].lower().strip(",.'’")
        if w in _VERBS or (w.endswith("ed") and len(w) > 4):
            said = words[i + 1:] if w in _REPORTING and i + 1 < len(words) else words[i:]
            if all(x.lower().strip(",.?'’") in _EMPTY for x in said):
                return " ".join(words[start:i])  # "What share of all births in those areas was that?": its subject is what it asks
            # "said their services run on cloud": what was said; every line of a survey "said" something
            return " ".join(said)
    return " ".join(words[start:])


_EMPTY = frozenset("was were is are that this it those these they them so".split())


def share_lines(question: str, ranked: Sequence, floor: float, overlap, weight: float = 0.3, min_fit: float = 0.5) -> list:
    """For a share question, the candidates (``.text``, ``.score``) scoring at least ``floor`` that
    hold a share and at least ``min_fit`` of the question's predicate words (``overlap``:
    ``WordOverlap``, near-synonyms counting), best first by score plus ``weight`` times that share;
    empty for other questions, or when no share line says what the question asks (the answerer's
    figure rule then decides, and the answer checks may find it answers nothing)."""
    if not asks_share(question):
        return []
    if _YES_NO_SHARE.match(question):
        # the yes/no question names its topic in everyday words ("the new case system" for "Compass"): a line saying a
        # third of what it asks may answer it (the one saying most of it comes first)
        min_fit = min(min_fit, 0.34)
    close = [c for c in ranked if c.score >= floor and holds_share(c.text)]
    # the years are the constraints' business: "were made by phone in 2023-24" is fitted by "... 12 per cent by telephone"
    # in the sentence after the one that dates it
    asked = _YEARS.sub(" ", predicate(question))
    # a row's label names its group, not what is said of it: "Local authorities - ... Labour market data updated: 32%"
    # does not fit "refreshed their local labour market information" better for its label's "Local" (the label of the
    # row the question names is what it asks about, and counts)
    named = [_names_row(c.text, question) for c in close]  # "Among large providers ...": the large providers' row first
    cells = [c.text if named[k] else _unlabelled(c.text) for k, c in enumerate(close)]
    fits = [overlap.shares(_as_written(asked, text), [text])[0] for text in cells]
    # the row of the group the question names ("FE college services": "FE colleges - ...") fits with a third of the words
    fits = [max(fit, min_fit) if named[k] and fit >= 0.34 else fit for k, fit in enumerate(fits)]
    # a table row of a group the question does not name ("Specialist - ... Published 6 weeks ahead: 42%") gives that
    # group's share; a sentence the whole share ("57 per cent approve and publish rosters ..."): it comes first
    whole = [not row_of_another_group(close[k].text, question) for k in range(len(close))]
    order = sorted((k for k in range(len(close)) if fits[k] >= min_fit),
                   key=lambda k: (whole[k], named[k], close[k].score + weight * fits[k]), reverse=True)
    return [close[k] for k in order]


def _as_written(asked: str, line: str) -> str:
    """``asked`` with a name it spells out written as the line's acronym for it: "booked over the phone with the
    Driver and Vehicle Standards Agency" is fitted by "... booked through the DVSA phone line" word for word."""
    for acronym in acronyms_in(line):
        for name in re.findall(r"\b[A-Z][\w'’]*(?:\s+(?:and|of|for|the|[A-Z][\w'’]*))*\s+[A-Z][\w'’]*", asked):
            if spelled_out(acronym, name):
                asked = asked.replace(name, acronym)
    return asked


_ROW = re.compile(r"^(?P<label>[^:;]{1,80}) - [^:;]{1,60}: .+; ")  # "label - header: value; ..." (``indexing.tables``)


def _unlabelled(line: str) -> str:
    """A table row's cells without its label ("FE colleges - Services assessed: 18; ..." -> "Services assessed: 18; ...")."""
    m = _ROW.match(line)
    return line[m.end("label"):].lstrip(" -–:") if m else line


def _group_stems(label: str) -> set[str]:
    """The stems of the group a row's label names, without its bracketed definition or words of the whole."""
    return set(analyse(_DEFINED.sub(" ", label))) - _WHOLE - _MEANS


def _names_row(line: str, question: str) -> bool:
    """Is the line a table row of a group the question names (not the whole's row)?"""
    m = _ROW.match(line)
    label = _group_stems(m.group("label")) if m else set()
    return bool(label) and label <= set(analyse(question))


def row_of_another_group(line: str, question: str) -> bool:
    """A table row whose label says more than the question does: a group's figure, not the whole's ("Small housing
    associations" for a question about housing repairs; "All councils" and "Northumbria" are what their questions name)."""
    m = _ROW.match(line)
    if not m or spelled_by_acronym(question, m.group("label")):
        return False  # "HMRC" names the row "HM Revenue and Customs"
    label = _group_stems(m.group("label"))
    return bool(label) and not label <= set(analyse(question))


# a sentence about one place or group: "The South West remains furthest behind: ...", "In Scotland, ...", "Among nurses, ..."
_PLACE_OPENING = re.compile(r"^\W*(?:(?i:in|among|amongst|across|for)\s+(?:the\s+)?(?P<one>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\b|"
                            r"(?i:the)\s+(?P<two>[A-Z][a-z]+(?:\s+(?:and\s+(?:the\s+)?)?[A-Z][a-z]+)+)\b(?!\s+(?:survey|report|review|pilot|programme|scheme)))")


def sentence_of_another_place(line: str, question: str) -> bool:
    """A sentence opening with a place or group the question does not name ("The South West remains furthest behind:
    only 30 per cent of respondents there ..."; "London authorities had the highest share ..."): its figure is that
    place's, not the whole's the question asks for."""
    m = _PLACE_OPENING.match(line)
    name = (m.group("one") or m.group("two")) if m else ""
    if not name and (placed := _PLACE_GROUP_OPENING.match(line)) and placed.group("place").split()[0].lower() not in _NOT_PLACES:
        name = placed.group("place")
    if not name or name.split()[-1].lower() in _BODY_NOUNS:
        return False  # "The National Ticketing Delivery Unit runs it": a body at work, not a place's figure
    return not set(analyse(name)) <= set(analyse(question)) and not spelled_by_acronym(question, name)


# "London authorities had ...", "Northern Ireland applicants were ...": a place's people or bodies, by the place's name
_PLACE_GROUP_OPENING = re.compile(r"^\W*(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\s+(?:authorities|councils|boroughs|respondents|applicants|"
                                  r"firms|businesses|schools|practices|forces|trusts|residents|users|drivers|families|parents|"
                                  r"households|bodies|farmers|claimants|patients|passengers|visitors|suppliers|landlords|tenants)\b")
# words that open a sentence before a group without naming a place: "Most councils", "Private hire drivers", "Local authorities"
_NOT_PLACES = frozenset("most all many some few other these those both each every local private public small large online paper "
                        "new older younger rural urban our their its the a an more fewer half nearly almost only first second "
                        "third smaller larger unitary county district metropolitan national regional english".split())
_BODY_NOUNS = frozenset("unit office service agency board department ministry team group programme fund survey review report "
                        "partnership network authority commission council".split())


def of_another_group(line: str, question: str) -> bool:
    """A table row of another group (``row_of_another_group``) or a sentence about another place."""
    return row_of_another_group(line, question) or sentence_of_another_place(line, question)


_WHOLE = frozenset(analyse("total overall average all every whole"))  # a row of the whole, whatever the question names
# a channel's row says how by its first word: "Online form" is the row of applying online, "Paper form" of paper
_MEANS = frozenset(analyse("form forms route routes channel channels"))
_DEFINED = re.compile(r"\s*\([^()]*\)")  # a label's definition: "Large (200 clients or more)" is the large providers' row


def is_whole_row(line: str) -> bool:
    """A table row of the whole: "All respondents - ...", "Total - ...", "Overall (all councils): ...", "**All respondents** - ..."."""
    m = _ROW.match(line)
    return bool(m) and re.match(r"\W*(?:all|total|overall|whole|every)\b", m.group("label"), re.I) is not None

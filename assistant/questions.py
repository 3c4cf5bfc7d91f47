"""Splitting a two-part question ("How long did X last, and what share of Y?") into its parts; reference codes."""

from __future__ import annotations

import re

REFERENCE = re.compile(r"\b[A-Z]{1,4}\d{1,3}[a-z]?\b")  # a reference code a question names: "R5", "A2"

_PART_SPLIT = re.compile(
    # a second question may open with a preposition: "..., and by when should ...?", "..., and for whom ...?"
    # ("..., and in what shares?" is still the first question: a whole question follows the wh-word)
    r",?\s+and\s+(?=(?:(?:by|since|from|until|in|on|for|to|with|at)\s+(?:what|which|when|whom)\s+\S+\s+\S+\s+\S+)"
    r"|(?:what|which|how|why|when|who|where|whether|did|does|do|is|are|was|were)\b)", re.I
)


FOLLOW_UP_TO = " (follow-up to: "


def follow_up_of(question: str, previous: str) -> str:
    """A turn that no rule could rewrite, kept with the question it follows: searched with that question's words."""
    return f"{question}{FOLLOW_UP_TO}{previous})"


def own_question(question: str) -> str:
    """The turn itself, without the question it follows ("What share was that?" of "What share was that? (follow-up
    to: How many births ...?)"): what it asks for (a share, not the count the previous question asked)."""
    at = question.find(FOLLOW_UP_TO)
    return question[:at] if at > 0 else question


def followed_question(question: str) -> str:
    """The question a turn follows, as ``follow_up_of`` wrote it in ("" for a turn that follows none)."""
    _, found, previous = question.partition(FOLLOW_UP_TO)
    return previous[:-1] if found and previous.endswith(")") else previous


def question_parts(question: str) -> list[str]:
    """'How long did X last, and what share of Y?' -> two questions; a plain question -> itself."""
    compared = _compared_parts(question)
    if compared:
        return compared
    parts = [p.strip(" ,?") for p in _PART_SPLIT.split(question) if p and p.strip(" ,?")]
    # "..., and what was it?" asks for what the first part finds, not a question of its own
    parts = [p for i, p in enumerate(parts) if len(p.split()) >= 3 and (i == 0 or not _SAME_VALUE.match(p))]
    if len(parts) > 1:
        parts = [parts[0], *(_another_year(parts[0], p) for p in parts[1:])]
    return [p + "?" for p in parts] if len(parts) > 1 else [question]


def with_statement(parts: list[str]) -> list[str]:
    """The parts of a question that opens with a statement, each later part with that statement before it.

    Why: "The 2025 survey report wants to build on the One Register pilot. How many people signed up online during that
    pilot, and who owns the recommendation?" asked "who owns the recommendation?" on its own, and another report's
    recommendation answered."""
    stated = _STATEMENT_FIRST.match(parts[0]) if len(parts) > 1 else None
    if not stated:
        return parts
    return [parts[0], *(f"{stated.group(1)} {p[:1].upper()}{p[1:]}" for p in parts[1:])]


# a statement opening a question ("The 2025 survey report wants to build on the One Register pilot. How many ...?")
_STATEMENT_FIRST = re.compile(r"^\s*([A-Z][^?]{10,300}?[.!])\s+(?=[A-Z])")
_YEAR_OR_SPAN = re.compile(r"\b(?:19|20)\d\d(?:[-/]\d\d)?\b")
# a later part about the first part's subject: "..., and what was it back in 2019-20?"; ``_SAME_VALUE``, one asking
# for nothing more than the first part's value: "..., and what was it?"
# "what was it ...", and a yes/no part: "was it still the top barrier in 2025?"
_POINTS_BACK = re.compile(r"^\W*(?:and\s+)?(?:(?:what|when|where|how\s+\w+)\s+)?(?:was|is|were|are|did|does|do|has|have|had)\s+"
                          r"(?:it|that|they|this|those)\b", re.I)
_SAME_VALUE = re.compile(r"^\W*(?:and\s+)?what\s+(?:was|is|were|are)\s+(?:it|that|they|this|those|the figure)\W*$", re.I)


def about_first_part(part: str) -> bool:
    """Is a later part of a question about the first part's subject ("what was it back in 2019-20?")?"""
    return bool(_POINTS_BACK.match(part))
# "and what is it for 2025-26?": the first part's question, of another year
_ELLIPTICAL_YEAR = re.compile(r"^\W*(?:(?:what|how much|how many)\s+(?:is|was|are|were|will be)\s+(?:it|that|they|those|this|the figure)"
                              r"|what\s+(?:share|proportion|percentage|number)"
                              # "..., and which was top in 2025?": the first part's superlative, of another year
                              r"|which\s+(?:one\s+)?(?:was|were|is|are)\s+(?:the\s+)?(?:top|first|highest|lowest|biggest|largest|smallest|"
                              r"most\s+common|commonest|most\s+often\s+\w+)"
                              r"|how\s+(?:many|much|long)(?:\s+(?:do|does|did|are|is|were|was|had|have)(?:\s+(?:they|there|it|we))?)?)\s+"
                              r"(?:back\s+|again\s+)?(?:for|in|by|at)\s+(?:the\s+end\s+of\s+|the\s+)?(?P<when>(?:19|20)\d\d(?:[-/]\d\d)?)"
                              r"(?:\s+(?:review|survey|report|baseline|note|insight|briefing|update|round|edition))?\W*$", re.I)


def _another_year(first: str, part: str) -> str:
    """ "what is it for 2025-26" after "What was the median budget in 2020" -> "What was the median budget
    in 2025-26": read alone, "it" names nothing, and the year's lines about anything were taken."""
    m = _ELLIPTICAL_YEAR.match(part)
    years = _YEAR_OR_SPAN.findall(first)
    if not m or len(years) != 1:
        return part
    return _YEAR_OR_SPAN.sub(m.group("when"), first, count=1)


# "What share of X were made online in 2021/22, compared with Y in 2023-24?": the same question of Y
_COMPARED_WITH = re.compile(r"^\W*(?P<head>what\s+(?:share|proportion|percentage|number)\s+of|how\s+many)\s+(?P<subject>.+?)\s+"
                            r"(?P<rest>(?:were|was|are|is|had|have|did|do|got|went)\b.*?)\s*,?\s+(?:compared\s+(?:with|to)|against|versus|vs\.?)\s+"
                            r"(?P<other>[^?]+?)\s*\??\s*$", re.I)
# "Which had the bigger online share, X in 2022-23 or Y in 2020-21?": the measure of each
_WHICH_HAD = re.compile(r"^\W*which\s+(?:had|has|was|is)\s+(?:the\s+)?(?:bigger|higher|larger|greater|smaller|lower|better|worse)\s+"
                        r"(?P<measure>[^,:;?–—-]+?)\s*[,:;–—-]\s*(?P<a>[^?]+?)\s+or\s+(?P<b>[^?]+?)\s*\??\s*$", re.I)


def _compared_parts(question: str) -> list[str] | None:
    """Two questions, one for each thing a comparison names, or None.

    Why: "What share of student finance applications were made online in 2021/22, compared with taxi
    driver licence applications in 2023-24?" was searched and answered as one question, and the
    better-matching half filled the answer; each half is a question of its own."""
    m = _COMPARED_WITH.match(question.strip())
    if m:
        first = f"{m.group('head')} {m.group('subject')} {m.group('rest')}"
        other, rest = m.group("other"), m.group("rest")
        other_year = _YEAR_OR_SPAN.search(other)
        if other_year and _YEAR_OR_SPAN.search(rest):  # "... in 2023-24": the other's own year in place of the first's
            other = _YEAR_OR_SPAN.sub("", other).strip()
            rest = _YEAR_OR_SPAN.sub(other_year.group(0), rest, count=1)
        other = re.sub(r"^(?:in|for|during|the)\s+|\s+(?:in|for|during)$", "", other).strip()
        if not other:  # "... in 2020-21 compared with 2022-23": the same question of the other year
            return [_ask(first), _ask(_YEAR_OR_SPAN.sub(other_year.group(0), first, count=1))] if other_year and _YEAR_OR_SPAN.search(first) else None
        second = f"{m.group('head')} {other} {rest}"
        return [_ask(first), _ask(second)]
    m = _WHICH_HAD.match(question.strip())
    if m:
        return [_ask(f"What was the {m.group('measure')} of {m.group(x)}") for x in ("a", "b")]
    m = _WHICH_GOT_MORE.match(question.strip())
    if m:  # "Which got more responses, the fire survey or the police review?": how many each got
        verb = _BARE_VERBS.get(m.group("verb").lower(), m.group("verb").lower())
        return [_ask(f"How many {m.group('noun')} did {m.group(x)} {verb}") for x in ("a", "b")]
    m = _WHICH_WAS_MORE.match(question.strip())
    if m:  # "Which were older on average, the library computers or the fire engine terminals?": how old each was
        quality = _positive(m.group("adjective").lower())
        return [_ask(f"How {quality} {m.group('be')} {m.group(x)}{m.group('tail')}") for x in ("a", "b")]
    m = _COMPARE_X_WITH_Y.match(question.strip())
    if m:  # "Compare the cost of A in 2022 with the cost of B in Salford": what each was
        a, b = m.group("a"), re.sub(r"^(?:that|those|the one|the ones)\s+(?:of|for|in)\s+", "", m.group("b"))
        if _YEAR_OR_SPAN.fullmatch(re.sub(r"^(?:in|for|during)\s+", "", b)) and _YEAR_OR_SPAN.search(a):  # "... with 2024"
            b = _YEAR_OR_SPAN.sub(_YEAR_OR_SPAN.search(b).group(0), a, count=1)
        return [_ask(f"What was {a}"), _ask(f"What was {b}")]
    return None


# two things each named as a noun phrase ("the cost of A ... with the cost of B"), or a thing and another year
_COMPARE_X_WITH_Y = re.compile(r"^\W*(?:can you |please )?compare\s+(?P<a>(?:the|its|their)\s.+)\s+(?:with|against)\s+"
                               r"(?P<b>(?:(?:the|its|their|that|those)\s|(?:in\s+)?(?:19|20)\d\d)[^?.]*?)\s*[?.]?\s*$", re.I)


_WHICH_GOT_MORE = re.compile(r"^\W*which\s+(?:one\s+)?(?P<verb>got|had|has|received|drew|saw|made|won|took|attracted|recorded|handled)\s+"
                             r"(?:the\s+)?(?:more|fewer|most|fewest)\s+(?P<noun>[^,:;?–—]+?)\s*[,:;–—]\s*(?P<a>[^?]+?)\s+or\s+(?P<b>[^?]+?)\s*\??\s*$",
                             re.I)
_BARE_VERBS = {"got": "get", "had": "have", "has": "have", "received": "receive", "drew": "draw", "saw": "see", "made": "make",
               "won": "win", "took": "take", "attracted": "attract", "recorded": "record", "handled": "handle"}
_WHICH_WAS_MORE = re.compile(r"^\W*which\s+(?P<be>was|were|is|are)\s+(?P<adjective>[a-z]{2,}er)\b(?P<tail>[^,:;?–—]*?)\s*[,:;–—]\s*"
                             r"(?P<a>[^?]+?)\s+or\s+(?P<b>[^?]+?)\s*\??\s*$", re.I)


def _positive(comparative: str) -> str:
    """ "older" -> "old", "bigger" -> "big", "larger" -> "large", "busier" -> "busy"."""
    stem = comparative[:-2]
    if stem.endswith("i"):
        return stem[:-1] + "y"
    if len(stem) > 2 and stem[-1] == stem[-2]:
        return stem[:-1]
    return stem + "e" if comparative[:-1] in _TAKES_E else stem


_TAKES_E = frozenset("large wide safe late close rare simple".split())


def _ask(text: str) -> str:
    text = " ".join(text.split()).rstrip(" ,?")
    return text[:1].upper() + text[1:] + "?"

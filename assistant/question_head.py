"""A question's own clause, without the phrases after it that set the scene: "Which company won the
contract to supply the new data terminals for fire engines in the north of England?" -> "Which company
won the contract?".

Why: the scene-setting words ("fire engines in the north of England") are what a document's opening
paragraph repeats, so its background sentence matched the whole question best (0.66) and led the answer,
while "The contract was awarded in November 2022 to Kestrel Mobile Systems" matched it less (0.61). The
clause alone separates them (0.31 against 0.13): what is asked is said before the first preposition after
the question's verb. The answerer lets a close line that matches the clause far better lead
(``assistant.line_choice``).
"""

from __future__ import annotations

import re

from indexing.keyword import analyse

from assistant.questions import FOLLOW_UP_TO

_WH = re.compile(r"\b(?:what|which|who|whom|whose|how|when|where|why)\b", re.I)
# the words that open a phrase setting the scene ("to supply ...", "for fire engines", "in the north ...")
# (not "since", "between", "about" or "on": "changed since 2022", "found about skills" say what is asked)
_PREPOSITIONS = frozenset("to for in under at across within among from with into through over".split())
_AUXILIARIES = frozenset("""is are was were be been being am do does did has have had will would shall should can could may might must
""".split())
_IRREGULAR = frozenset("""won made gave took got said told found saw knew kept left lost spent sent built bought paid led ran held
brought set put sold chose grew rose fell began became came went met wrote""".split())
_MIN_WORDS = 4  # a clause shorter than this says too little to match a line on


def question_head(question: str) -> str | None:
    """The question up to the first preposition after its verb (not one right after it), as a question; None
    when there is none, nothing follows it or the clause would be shorter than four words."""
    m = _WH.search(question)
    if not m or FOLLOW_UP_TO in question:  # a follow-up's own words say what it asks only with the question it follows
        return None
    words = question.rstrip(" ?").split()
    start = len(question[: m.start()].split())  # the wh-word's position
    verb = None
    for i in range(start + 1, len(words)):
        w = words[i].lower().strip(",;:'’\"")
        if w in _AUXILIARIES or w in _IRREGULAR or (w.endswith("ed") and len(w) > 4):
            verb = i
            break
    if verb is None:
        return None
    for i in range(verb + 1, len(words)):
        w = words[i].lower().strip(",;:'’\"")
        if w in _PREPOSITIONS:
            # (a preposition right after the verb is what it asks: "worked for HMRC", "were from an ethnic minority")
            if i < _MIN_WORDS or i >= len(words) - 1 or i == verb + 1:
                return None
            return " ".join(words[:i]).rstrip(",;:") + "?"
    return None


_NAME_OR_YEAR = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w'’-]+|\b(?:19|20)\d\d\b")


def scene_names(question: str, head: str) -> list[str]:
    """The names and years of the phrases ``question_head`` left out ("Evidence Exchange", "2022"): a line answering
    the clause alone must come from a passage that holds them."""
    tail = question[len(head.rstrip("?")):]
    return _NAME_OR_YEAR.findall(tail)


def scene_words(question: str, head: str) -> set[str]:
    """The stemmed words of the phrases ``question_head`` left out ("in coroner services": {"coron", "servic"}): most of
    them must be in the passage of a line answering the clause alone, named or not."""
    return set(analyse(question[len(head.rstrip("?")):]))

"""Lines about the document rather than its subject: a byline ("Published 7 November 2022 by
techUK's Public Services Board") and a disclaimer ("This is an illustrative document ...; the
review, its figures and the people named in it are invented").

Why: both share the document's own words ("review", "survey", "fieldwork", "figures") with almost
any question about it, and sit in its opening chunk, which retrieval favours; they then led
answers to "When did the review's fieldwork take place?" ("Published 7 November 2022 ...") and
"Which organisation carried out the fieldwork?" ("... its fieldwork agency and all of its figures
are invented"). A byline answers only a question about when the document was published or who
wrote it; a disclaimer only a question about whether the document (or what it describes) is real.
"""

from __future__ import annotations

import re

from assistant.authorship import asks_author
from indexing.keyword import analyse

_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = rf"(?:\d{{1,2}}\s+)?{_MONTHS}\s+(?:19|20)\d\d\b"
_BYLINE = re.compile(rf"^\W*(?:(?:first\s+)?published|posted|released|issued|(?:last\s+)?updated)\b(?:\s+on)?\s+{_DATE}"
                     rf"|^\W*by\s+(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+)\b.{{0,120}}{_DATE}"  # a name: capitals, whatever the flag
                     # a plain-text title page run into one line: "... education group Published 12 October 2021."
                     rf"|\b(?:published|posted|released|issued)\s+(?:on\s+)?{_DATE}(?:\W*$|\.\s+(?:authors?|prepared by|written by)\b)"
                     # "Author: ...", "Prepared by Dr Nadia Colquhoun, PSB research lead.": who wrote it, with or without a date
                     r"|^\W*(?:authors?\s*:|(?:prepared|written)\s+by\s*:|(?:prepared|written|compiled|produced)\s+by)\s*(?-i:[A-Z])", re.I)
_DISCLAIMER = re.compile(
    r"\bnot\s+(?:a|the)\s+real\b"
    r"|\billustrative\s+(?:document|sample|blog|post|example|publication|report|briefing|note|paper)\b"
    r"|\b(?:is|are|was|were|been)\s+(?:all\s+)?(?:invented|fictional|fictitious|made[- ]up)\b"
    r"|\binvented\s+for\s+(?:illustration|the\s+purpose)"
    r"|\bwritten\s+for\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}(?:exercise|project)\b", re.I)
_ASKS_AUTHOR_OR_DATE = re.compile(r"\bauthor\b|\bbyline\b"  # (who wrote or led it: ``asks_author``)
                                  r"|\b(?:when|dates?|day|month|year)\b.*\b(?:published|posted|released|issued|written|updated|(?:come|came)\s+out)\b"
                                  r"|\b(?:publication|release)\s+date\b", re.I)
_ASKS_REAL = re.compile(r"\b(?:real|genuine|illustrative|invented|fictional|fictitious|made[- ]up|disclaimer|actual\s+techUK)\b", re.I)


def is_byline(line: str) -> bool:
    """ "Published 7 November 2022 by ...", "By Priya Desai, Programme Manager · 14 March 2023", "... Published 12 October
    2021.", "Author: Aileen Castellano-Ross", "Prepared by Dr Nadia Colquhoun, PSB research lead"."""
    return bool(_BYLINE.search(line.strip()))


def is_disclaimer(line: str) -> bool:
    """ "It is not a real techUK publication: the survey ... are invented for illustration." """
    return bool(_DISCLAIMER.search(line))


def notice_answers(line: str, question: str) -> bool:
    """May this line be (part of) the answer to the question? False for a byline or a disclaimer
    the question does not ask about."""
    if is_disclaimer(line) and not _ASKS_REAL.search(question):
        return False
    if is_byline(line) and not (_ASKS_AUTHOR_OR_DATE.search(question) or asks_author(question)) and not _role_in_byline(question, line):
        return False
    return True


# "Who is the chief digital officer at Wyebridge?": a role a byline may give its author
_WHO_DOES = re.compile(r"\bwho\s+(?P<verb>manages|leads|heads|chairs|coordinates|runs)\s+(?:the\s+)?(?P<what>[^?]{3,60}?)\s*\??\s*$", re.I)
_WHO_HOLDS = re.compile(r"\bwho\s+(?:is|was)\s+(?:the\s+)?(?P<role>[a-z][\w\s-]{2,60}?)\s+(?:at|of|for|in)\b", re.I)


def _role_in_byline(question: str, line: str) -> bool:
    """Does the byline give its author the role the question asks who holds ("By Anjali Rowntree-Osei,
    Chief Digital Officer, Wyebridge Borough Council"), or the one who does what it asks ("Who manages the Drill Ready
    programme?": "Prepared by Fiona MacLeod, Drill Ready programme manager")? Every word of the role must be in it."""
    m = _WHO_HOLDS.search(question)
    does = _WHO_DOES.search(question)
    role = set(analyse(m.group("role"))) if m else set(analyse(f"{does.group('verb')} {does.group('what')}")) if does else set()
    return bool(role) and role <= set(analyse(line))

"""Questions about two documents at once, split into one question per document.

"When was the fieldwork for the apprenticeship survey and for the passport renewals survey?" is
two questions. Searched as one, the better-matching document fills the passages and the answer
gives one date; the other document's date never reaches the answerer. Each part is therefore
asked on its own, through the whole pipeline (routing, retrieval, the checks that refuse), and
the answers are put together, one paragraph per part, labelled with the document it came from.

Two shapes are split, each only when the two phrases name two different indexed documents:

* **one question, two documents**: "What is DfE asked to do in the apprenticeship review and in
  the 30 hours briefing?" -> "... in the apprenticeship review?", "... in the 30 hours briefing?";
* **two questions, a document each**: "Who wrote the childcare briefing and who wrote the veterans
  Insight?"; an elliptical second part ("..., and how many for the veterans' Insight?") is the
  first part with the other document put in.

A comparison of two topics ("How do housing repairs and missed bins compare on the share reported
online?") is split too (``compared_parts``) when its two parts are answered from two documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answer import Answer, renumber
from assistant.questions import question_parts

_PREP = r"(?:for|in|of|from|by|on|about|according to|under)"
# "<stem> <prep> the A and [<prep>] the B[?]": two document phrases joined at the end of the question
_TWO_PHRASES = re.compile(rf"^(?P<stem>.+?\b)(?P<prep>{_PREP})\s+(?P<a>the\s+[^?]+?)\s*,?\s+and\s+(?:(?P<prep2>{_PREP})\s+)?"
                          r"(?P<b>the\s+[^?]+?)\s*\?*\s*$", re.I)
_TAIL = re.compile(rf"\b(?P<prep>{_PREP})\s+(?P<doc>the\s+[^?]+?)\s*\?*\s*$", re.I)


def document_parts(question: str, named: Callable[[str], list[str]]) -> list[str]:
    """The question split into one question per document it names, or [] when it names fewer than
    two (or the split parts do not each name a document of their own). ``named(text)``: the ids of
    the indexed documents ``text`` names by title, best first."""
    m = _TWO_PHRASES.match(question.strip())
    if m and _two_documents(named(m.group("a")), named(m.group("b"))):
        stem = m.group("stem")
        return [f"{stem}{m.group('prep')} {m.group('a')}?", f"{stem}{m.group('prep2') or m.group('prep')} {m.group('b')}?"]
    parts = question_parts(question)
    if len(parts) != 2:
        return []
    first, second = parts
    if not _two_documents(named(first), named(second)):
        return []
    head, tail = _TAIL.search(first), _TAIL.search(second)
    if head and tail and len(second[: tail.start()].split()) <= 3:  # "how many for the veterans' Insight": the first part's question
        second = f"{first[: head.start()]}{tail.group('prep')} {tail.group('doc')}?"
    return [first, second[:1].upper() + second[1:]]


# "How do housing repairs and missed bin collections compare on the share of reports made online?"
_COMPARED = re.compile(r"^\W*how\s+(?:do|does|did)\s+(?P<a>[^?,]{3,80}?)\s+and\s+(?P<b>[^?,]{3,80}?)\s+compare\s+"
                       r"(?:on|in|for|in terms of|when it comes to|with respect to)\s+(?P<what>[^?]{3,100}?)\s*\?*\s*$", re.I)


# "What data standards has the PSB called for in waste collection and in coroner services, and who should produce
# them?": one question asked of two settings, each with its preposition, anywhere in the question
_TWO_SETTINGS = re.compile(r"^(?P<stem>.+?\b)(?P<prep>in|for|at|across)\s+(?P<a>[^?,]{3,60}?)\s+(?P<conj>and|or)\s+(?P=prep)\s+"
                           r"(?P<b>[^?,]{3,60}?)(?P<tail>\s*(?:,[^?]*)?\?*\s*)$", re.I)


def setting_parts(question: str) -> list[str]:
    """"What X in A and in B, and who ...?" -> ["What X in A, and who ...?", "What X in B, and who ...?"]; "Was a larger
    share of X for A or for B?" -> ["What share of X for A?", "What share of X for B?"]; [] otherwise.

    The caller splits it only when the two lead to two different documents (the settings are topics, not titles)."""
    m = _TWO_SETTINGS.match(question.strip())
    if not m:
        return []
    tail = m.group("tail").strip().rstrip("?") + "?"
    stem = m.group("stem")
    if m.group("conj").lower() == "or":  # "Was a larger share ... for A or for B?": each one's share, to compare
        which = _LARGER.match(stem)
        if not which:
            return []
        stem = f"What {which.group('measure')}{stem[which.end():]}"
    return [f"{stem}{m.group('prep')} {m.group(side)}{tail}" for side in ("a", "b")]


_LARGER = re.compile(r"^\W*(?:was|were|is|are)\s+(?:a|the)\s+(?:larger|higher|bigger|greater|smaller|lower)\s+"
                     r"(?P<measure>share|proportion|percentage|number)\b", re.I)


# "Which had more respondents, the 2024 social work survey or the 2023 survey of prison staff?"
_WHICH_MORE = re.compile(r"^\W*which\s+(?:one\s+|(?:[a-z]+\s+)?|of\s+(?:the|them|these)\s+)?(?P<verb>had|has|got|received|drew|recorded|"
                         r"heard\s+from|reached|surveyed|interviewed|helped|trained|served|connected)\s+"
                         r"(?:(?:more|fewer|the\s+most|the\s+fewest)\s+(?P<what>[^?,]{3,60}?)|(?P<share>(?:the|a)\s+(?:higher|larger|bigger|lower|smaller)\s+"
                         r"(?:share|proportion|percentage)\s+of\s+[^?,]{3,60}?))\s*[,:]\s*(?P<a>[^?]{3,100}?)\s+or\s+"
                         r"(?P<b>[^?]{3,100}?)\s*\?*\s*$", re.I)
_BARE_VERB = {"heard from": "hear from", "reached": "reach", "surveyed": "survey", "interviewed": "interview", "helped": "help",
              "trained": "train", "served": "serve", "connected": "connect"}
_MONEY_WORDS = re.compile(r"\b(?:money|funding|funds|grants?|budget|investment)\b", re.I)
_SHARE_OF = re.compile(r"^(?:the|a)\s+(?:higher|larger|bigger|lower|smaller)\s+(?P<measure>share|proportion|percentage)\s+of\s+(?P<rest>.+)$", re.I)

# "Which cost more to build, the ferry booking programme or the List a Place service?"
_WHICH_COST_MORE = re.compile(r"^\W*which\s+(?:one\s+)?(?:cost|costs)\s+(?:more|less)(?P<to>\s+to\s+[a-z]+(?:\s+[a-z]+)?)?\s*[,:]\s*"
                              r"(?P<a>[^?]{3,100}?)\s+or\s+(?P<b>[^?]{3,100}?)\s*\?*\s*$", re.I)


def compared_parts(question: str) -> list[str]:
    """"How do A and B compare on C?" -> ["What is C for A?", "What is C for B?"]; "Which had more C, A or B?" ->
    ["How many C did A have?", "How many C did B have?"]; [] for any other question.

    The caller splits it only when the two parts lead to two different documents: A and B are named by their
    topic, not by a title (``document_parts`` needs titles)."""
    more = _WHICH_MORE.match(question.strip())
    if more:
        what = more.group("what") or ""
        if _MONEY_WORDS.search(what):  # "Which programme got more public money, A or B?": how much each got
            return [f"How much {what} did {more.group(side)} get?" for side in ("a", "b")]
        share = _SHARE_OF.match(more.group("share") or "")  # "Which had the higher share of applications made online, A or B?"
        if share:
            return [f"What {share.group('measure')} of {share.group('rest')} for {more.group(side)}?" for side in ("a", "b")]
        verb = _BARE_VERB.get(" ".join(more.group("verb").lower().split()), "have")  # "Which heard from more people, A or B?"
        return [f"How many {what} did {more.group(side)} {verb}?" for side in ("a", "b")]
    dearer = _WHICH_COST_MORE.match(question.strip())
    if dearer:
        return [f"How much did {dearer.group(side)} cost{dearer.group('to') or ''}?" for side in ("a", "b")]
    m = _COMPARED.match(question.strip())
    if not m:
        return []
    return [f"What is {m.group('what')} for {m.group(side)}?" for side in ("a", "b")]


def _two_documents(a: list[str], b: list[str]) -> bool:
    return bool(a) and bool(b) and a[0] != b[0]


def _without_year_labels(text: str, title: str) -> str:
    """``text`` without the "**2019:** " labels of the year its title already names (under "**Two Years On: ... 2019:**")."""
    for year in set(re.findall(r"\b(?:19|20)\d\d\b", title)):
        text = re.sub(rf"(?m)^(\s*(?:- )?)\*\*{year}:\*\* ", r"\1", text)
    return text


def merged(question: str, standalone: str, answers: list[Answer]) -> Answer:
    """One answer from the parts' answers: a paragraph each, led by the part's document title in
    bold, citations numbered on from the part before. Refused only when every part is; a refused
    part says so in its own paragraph (without its closest evidence, which the other part is not)."""
    paragraphs: list[str] = []
    citations = []
    missing: list[str] = []
    for part in answers:
        offset = len(citations)
        order = {c.n: c.n + offset for c in part.citations}
        text = part.answer.split("\n\nClosest evidence")[0] if part.refused else part.answer
        if part.refused:
            label, kept = part.standalone_question.rstrip("?"), []
            missing += part.missing
        else:
            label, kept = (part.citations[0].title if part.citations else part.standalone_question.rstrip("?")), part.citations
            citations += [c.model_copy(update={"n": order[c.n]}) for c in kept]
        text = _without_year_labels(text, label)
        paragraphs.append(f"**{label}:** {renumber(text, order) if kept else text}")
    refused = all(a.refused for a in answers)
    missing = list(dict.fromkeys(missing))
    return Answer(answer="\n\n".join(paragraphs), refused=refused, citations=citations, question=question,
                  standalone_question=standalone, backend=answers[0].backend, missing=missing if refused else [],
                  closest_documents=[d for a in answers for d in a.closest_documents][:3] if refused else [])

"""A follow-up keeps what the previous question pinned down and the follow-up does not replace.

``assistant.followups`` swaps the previous question's topic for the new one. Two things it lost:

* **A numbered item of the same kind** ("And what about Recommendation 4?" after "Who owns
  Recommendation 2 of the SME procurement insight?") is the same question about another item:
  "Who owns Recommendation 4 of the SME procurement insight?". It was read as a new topic, "What
  do the documents say about Recommendation 4?", which names neither the document nor the owner.
* **An opening phrase that sets the scope** ("In the 2021 pulse survey, what share reported a
  data analysis skills gap?"): its "In" was taken for the topic's preposition, so "And what about
  cyber security?" became "In cyber security?", without the survey or its year. The opening
  phrase stays and the rest of the question is rewritten: "In the 2021 pulse survey, what do the
  documents say about cyber security?".

A document the previous question named ("... of the SME procurement insight") stays named when
the rewrite falls back to "What do the documents say about X?". A follow-up that points back at
what the previous question was about keeps that question's document too:

* **another numbered item** where the previous question numbered none ("And what about
  Recommendation 4?" after "What are the recommendations of the SME procurement insight?"):
  "What is Recommendation 4 of the SME procurement insight?";
* **the one item asked about, by pronoun** ("Who owns that one?", "When is it due?", "And its
  timescale?" after "Who owns Recommendation 3 of X?"): "When is Recommendation 3 of X due?";
* **the things listed** ("Which of those fall to the Cabinet Office?" after "What are the five
  recommendations of X?" or "What does X recommend?"): "Which of the five recommendations of X
  fall to the Cabinet Office?";
* **the document by its kind alone** ("What does the report say about skills?" after "What does
  the cloud readiness review recommend?"): "What does the cloud readiness review say about skills?".

When the previous question names its document without a phrase of this shape (by its bare title),
``names`` (the titles of the documents a text names, from the index) supplies the title.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.followups import NOT_STANDING_FOR_IT, names_another_one
from assistant.markdown_answer import ROW_HEADING
from assistant.qualifiers import qualifiers
from assistant.question_shapes import WHICH_QUESTION
from assistant.table_extremes import asks_extreme

_LEAD = re.compile(r"^\s*(?:and|also|so|but|then|ok|okay|now)?\s*,?\s*(?:what|how)\s+about\s+|^\s*(?:and|also|what of)\s+", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
# "In the 2021 pulse survey, ...", "According to the 2019 report, ...": a scope before the question proper
_FRAME = re.compile(r"^\s*(?P<frame>(?:in|for|according to|from|among|amongst|within|across|under)\s+[^,?]{3,80}?),\s+(?P<rest>\w[^?]*\??)\s*$", re.I)
_KIND = r"(?:insight|report|survey|briefing|review|blog(?:\s+post)?|note|paper|summary|pulse survey|strategy|plan|document|publication|study)"
_DOCUMENT = re.compile(rf"\b(?:of|in|from|by)\s+(?P<doc>the\s+(?:[\w'’-]+\s+){{0,6}}?{_KIND})\b", re.I)
_FALLBACK = re.compile(r"^What do the documents say about (?P<topic>.+?)\?$")


def numbered_follow_up(question: str, previous: str) -> str | None:
    """ "And what about Recommendation 4?" after "Who owns Recommendation 2 of X?" -> "Who owns Recommendation 4 of X?"."""
    rest = _LEAD.sub("", question.strip()).strip().rstrip("?").strip()
    asked = qualifiers(rest)
    if len(asked) != 1 or asked[0][0].lower() != rest.lower():
        return None  # the follow-up is not only a numbered item
    phrase, noun, number = asked[0]
    for old, old_noun, old_number in qualifiers(previous):
        if old_noun == noun and old_number != number:
            return re.sub(re.escape(old), phrase, previous.strip(), count=1)
    return None


def scoped_follow_up(question: str, previous: str, rewrite: Callable[[str, str], str | None],
                     names: Callable[[str], list[str]] | None = None, answered_from: Sequence[str] = ()) -> str | None:
    """The follow-up rewritten by ``rewrite`` (``followups.rewrite_follow_up``) keeping the previous
    question's scope: its numbered item's kind, its opening phrase, the document it names.

    ``names``: the titles of the documents a text names (``DocumentNames``), or None (phrases only);
    ``answered_from``: the title of the document the previous answer came from, when the previous
    question named none (a follow-up pointing back keeps it; a change of topic does not)."""
    numbered = numbered_follow_up(question, previous)
    if numbered:
        return numbered
    scoped = pointed_back(question, previous, names, answered_from)
    if scoped:
        return scoped
    rewrite = _titles_kept(rewrite)
    whole = rewrite(question, previous)
    frame = _FRAME.match(previous.strip())
    if frame and whole and not _YEAR.search(question) and not whole.lower().startswith(frame.group("frame").lower()):
        rest = frame.group("rest")
        inner = rewrite(question, rest[:1].upper() + rest[1:])
        if inner:  # the opening phrase stays: "In the 2021 pulse survey, what do the documents say about X?"
            return f"{frame.group('frame')}, {inner[:1].lower()}{inner[1:]}"
    if whole:
        fallback = _FALLBACK.match(whole)
        named = _DOCUMENT.search(previous)
        if fallback and named and not _DOCUMENT.search(question):
            return f"What does {named.group('doc')} say about {fallback.group('topic')}?"
    return whole or _its_of_document(question, previous, _Scope(names, tuple(answered_from)))


def pointed_back(question: str, previous: str, names: Callable[[str], list[str]] | None = None,
                 answered_from: Sequence[str] = ()) -> str | None:
    """The question with what it points back at spelled out (the previous turn's item or document), or
    None: only the rules below, not a topic swap, so a question of its own that merely says "the
    report" or "Recommendation 3" is never rewritten as a follow-up."""
    if _names_own_document(question, names):
        return None
    scope = _Scope(names, tuple(answered_from))
    return (_new_item(question, previous, scope) or _published(question, previous, scope) or _about_item(question, previous, scope)
            or _numbered_of_document(question, previous, scope) or _of_document(question, previous, scope)
            or _among_listed(question, previous, scope) or _same_document(question, previous, scope))


def _its_of_document(question: str, previous: str, scope: _Scope) -> str | None:
    """ "What did its AI pilot achieve?" after a question answered from one document: "What did the AI
    pilot of <that document> achieve?" ("its" is the previous turn's subject, which that document holds).

    Why: kept as a follow-up to the previous question, the turn was searched with that question's
    words and answered with its answer again."""
    m = _ITS.search(question)
    document = _previous_document(previous, scope)
    if not m or not document or _BARE_ITS.match(question):
        return None
    rewritten = question[: m.start()] + f"the {m.group('what')} of {document}" + question[m.end():]
    return rewritten[:1].upper() + rewritten[1:]


# ---------------------------------------------------------------- the previous question's document and item
_NOT_NAME_WORDS = r"(?!(?:the|of|in|on|from|by|and|for|to|a|an|its|their|what|which|who|how|does|did|do|is|are|was|were)\b)"
# "the SME procurement insight", "the PSB Insight on opening up public procurement to SMEs", "the report": a document
# by its kind, with the words naming it before the kind and an "on/about X" closing the question after it
_DOC_PHRASE = re.compile(rf"\b(?:the|this|that)\s+(?P<words>(?:{_NOT_NAME_WORDS}[\w'’-]+\s+){{0,6}}?){_KIND}\b"
                         r"(?:\s+(?:on|about|into|of)\s+[^?,]+?(?=\s*\??\s*$))?", re.I)
# an item a question asks about: "Recommendation 3" (``qualifiers``) or a code, "R4", "recommendation R4"
_CODE_ITEM = re.compile(r"\b(?:(?i:recommendations?|actions?|proposals?|priorit(?:y|ies)|objectives?)\s+)?[A-Z]{1,4}\d{1,3}[a-z]?\b")
_LEADING = re.compile(r"^\s*(?:and|also|so|but|then|ok|okay|now)\s*,?\s+", re.I)


@dataclass(frozen=True)
class _Scope:
    """What names a document: the index's titles (``names``), and the document the previous answer came from."""

    names: Callable[[str], list[str]] | None = None
    answered_from: tuple[str, ...] = ()


def document_phrase(question: str, names: Callable[[str], list[str]] | None = None) -> str | None:
    """How the question names its one document: "the SME procurement insight", or “Title” when it names
    one by its title but no phrase of it names that document alone ("the PSB review" of "the PSB review
    of GovTech Catalyst funding"); None when it names none, or several."""
    found = [m.group(0) for m in _DOC_PHRASE.finditer(question) if m.group("words").strip() or len(m.group(0).split()) > 2]
    if names is None:
        return found[0] if len(found) == 1 else None
    quoted = re.findall(r"“[^”]+”", question)
    titles = names(question)
    if not titles:
        return quoted[0] if len(quoted) == 1 else None  # a title carried from an earlier turn
    for phrase in found:
        if names(phrase)[:1] == titles[:1]:
            return phrase
    if len(titles) != 1 and not quoted:
        return None
    parts = [_plain(part) for part in re.split(r"[:–—|]| - ", titles[0]) if len(part.split()) >= 2]
    if not found and not quoted and not any(part and part in _plain(question) for part in parts):
        return None  # two title words side by side ("central government") are no reference to a document
    return f"“{titles[0]}”"


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _titles_kept(rewrite: Callable[[str, str], str | None]) -> Callable[[str, str], str | None]:
    """``rewrite`` with the quoted titles of the previous question kept whole.

    Why: "What does “Digital Confidence in the Classroom: PSB Briefing on Teachers' Digital Skills”
    recommend?" then "And what about the release time?" replaced what follows the title's own
    "on" as if it were the question's topic."""
    def kept(question: str, previous: str) -> str | None:
        titles = list(dict.fromkeys(re.findall(r"“[^”]+”", previous)))
        marks = [f"zzdoc{chr(97 + i)}zz" for i in range(len(titles))]
        for title, mark in zip(titles, marks):
            previous = previous.replace(title, mark)
        rewritten = rewrite(question, previous)
        for title, mark in zip(titles, marks):
            rewritten = rewritten.replace(mark, title) if rewritten else rewritten
        return rewritten
    return kept


def _previous_document(previous: str, scope: _Scope) -> str | None:
    """The previous turn's one document: as its question names it, else the one its answer came from."""
    named = document_phrase(previous, scope.names)
    if named:
        return named
    if _DOC_PHRASE.search(previous) and scope.names is not None and scope.names(previous):
        return None  # it names several
    return f"“{scope.answered_from[0]}”" if len(scope.answered_from) == 1 else None


def _names_own_document(question: str, names: Callable[[str], list[str]] | None) -> bool:
    """Does the follow-up name a document of its own (a phrase with naming words, or a title)?"""
    if names is not None:
        return bool(names(question))
    return any(m.group("words").strip() and not _YEAR.fullmatch(m.group("words").strip()) for m in _DOC_PHRASE.finditer(question))


def _items(question: str) -> list[tuple[int, int]]:
    """Spans of the items a question asks about: numbered ("Recommendation 3") and coded ("R4")."""
    spans = [m.span() for m in _CODE_ITEM.finditer(question)]
    for phrase, _, _ in qualifiers(question):
        at = question.find(phrase)
        if at >= 0 and not any(a <= at < b for a, b in spans):
            spans.append((at, at + len(phrase)))
    return sorted(spans)


def _item_with_document(previous: str, scope: _Scope) -> str | None:
    """The one item the previous question asks about, with its document: "Recommendation 3 of the SME insight"."""
    spans = _items(previous)
    if len({previous[a:b].lower() for a, b in spans}) != 1:
        return None
    start, end = spans[0]
    item = previous[start:end]
    after = re.match(r"\s+(?:of|in|from)\s+", previous[end:])
    # a code ("R4") names its item on its own: only a document the question itself named goes with it
    document = _previous_document(previous, scope) if qualifiers(item) else document_phrase(previous, scope.names)
    if after and document and previous[end + after.end():].startswith(document):
        return previous[start:end + after.end() + len(document)]
    if not document:
        return item
    return f"{item} {'of' if qualifiers(item) else 'in'} {document}"  # "Recommendation 3 of X", "R3 in X"


# a follow-up that is only an item: "And what about Recommendation 4?", "And R6?"
def _new_item(question: str, previous: str, scope: _Scope) -> str | None:
    """ "What is Recommendation 4 of X?" after a question about X that numbered no item of that kind."""
    rest = _LEAD.sub("", question.strip()).strip().rstrip("?").strip()
    if names_another_one(rest):
        return None  # "And the weekly one?": another of the thing asked about (``followups``), not an item numbered "one"
    rest = re.sub(r"^the\s+", "", rest, flags=re.I)
    spans = _items(rest)
    if len(spans) != 1 or spans[0] != (0, len(rest)):
        return None
    asked = qualifiers(rest)
    if asked and any(noun == asked[0][1] for _, noun, _ in qualifiers(previous)):
        return None  # another of the same kind: ``numbered_follow_up``
    if not asked and _CODE_ITEM.search(previous):
        return None  # another code: ``followups`` puts it in the previous one's place
    document = _previous_document(previous, scope)
    return f"What is {rest} {'of' if asked else 'in'} {document}?" if document else None


def _numbered_of_document(question: str, previous: str, scope: _Scope) -> str | None:
    """ "Who owns Recommendation 3?" after a question about one document: "Who owns Recommendation 3 of X?".

    Only a numbered item ("Recommendation 3", "section 2"): each document numbers its own from one,
    while a code ("R5") names one item on its own and is left as asked."""
    asked = qualifiers(question)
    if len(asked) != 1 or _CODE_ITEM.search(question) or re.match(r"\s+(?:of|in|from)\s+", question[question.find(asked[0][0]) + len(asked[0][0]):]):
        return None
    if re.search(r"\b(?:its|their)\s+$", question[: question.find(asked[0][0])], re.I):
        return None  # "in its third round": the round of what "its" stands for, which the rewrite or ``_its_of_document`` says
    document = _previous_document(previous, scope)
    if not document:
        return None
    at = question.find(asked[0][0]) + len(asked[0][0])
    rewritten = _LEADING.sub("", question[:at] + f" of {document}" + question[at:]).strip()
    return rewritten[:1].upper() + rewritten[1:]


# "When was it published?", "Who wrote it?": the document itself
_PUBLISHED = re.compile(r"\b(?:(?:when|where|by whom)\s+was\s+(?P<a>it)\s+(?:published|written|released|issued|produced)|"
                        r"who\s+(?:wrote|published|authored|produced|issued)\s+(?P<b>it)|who\s+was\s+(?P<c>it)\s+(?:written|published)\s+by)\b", re.I)


def _published(question: str, previous: str, scope: _Scope) -> str | None:
    """ "When was it published?" after a question about one document: "When was X published?"."""
    m = _PUBLISHED.search(question)
    document = _previous_document(previous, scope) if m else None
    if not document:
        return None
    group = next(g for g in ("a", "b", "c") if m.group(g))
    rewritten = _LEADING.sub("", question[: m.start(group)] + document + question[m.end(group):]).strip()
    return rewritten[:1].upper() + rewritten[1:]


# what a document has: "its recommendations", "their key findings", "its author"
_ITS_PART = re.compile(r"\b(?:its|their)\s+(?P<part>(?:(?:key|main)\s+)?(?:recommendations?|findings|conclusions?|summary|authors?|"
                       r"methodology|method|proposals?))\b", re.I)


def _of_document(question: str, previous: str, scope: _Scope) -> str | None:
    """ "What are its recommendations?" after a question about one document: "What are the recommendations of X?"."""
    m = _ITS_PART.search(question)
    if not m or _items(previous):
        return None
    document = _previous_document(previous, scope)
    if not document:
        return None
    part = m.group("part")
    if _BARE_ITS.match(question):  # "And its key findings?"
        return f"What {'are' if part.lower().endswith('s') else 'is'} the {part} of {document}?"
    rewritten = _LEADING.sub("", question[: m.start()] + f"the {part} of {document}" + question[m.end():]).strip()
    return rewritten[:1].upper() + rewritten[1:]


# "that one", "this one", "the same one"; "its"; "it"; a closing "that/this"
_ONE = re.compile(r"\b(?:that|this|the same)\s+one\b", re.I)
# "its AI pilot", "its first full calendar year" (words that need a noun after them, then up to two more, not a preposition)
_ITS = re.compile(r"\bits\s+(?P<what>(?:(?:first|second|third|fourth|fifth|last|latest|full|whole|own|new|main|overall|total|annual|"
                  r"final|next|previous|current)\s+)*[a-z]+(?:\s+(?!(?:in|on|at|of|for|to|from|by|with|and|or|than|was|were|is|are)\b)[a-z]+)?)\b",
                  re.I)
_IT = re.compile(r"\bit\b", re.I)
_CLOSING_THAT = re.compile(r"\b(?:that|this)(?=\s*\??\s*$)", re.I)
_BARE_ITS = re.compile(r"^\s*(?:(?:and|also|so|then|what about|how about)\s+)*(?:its|their)\s+(?P<what>[a-z]+(?:\s+[a-z]+)?)\s*\??\s*$", re.I)


def _about_item(question: str, previous: str, scope: _Scope) -> str | None:
    """ "Who owns that one?", "When is it due?", "And its timescale?" after a question about one
    numbered or coded item: that item, with the previous question's document."""
    if _items(question):
        return None
    item = _item_with_document(previous, scope)
    if not item:
        return None
    bare = _BARE_ITS.match(question)
    if bare:
        return f"What is the {bare.group('what')} of {item}?"
    for pattern in (_ONE, _ITS, _IT, _CLOSING_THAT):
        m = pattern.search(question)
        if m:
            replacement = f"the {m.group('what')} of {item}" if pattern is _ITS else item
            rewritten = _LEADING.sub("", question[: m.start()] + replacement + question[m.end():]).strip()
            return rewritten[:1].upper() + rewritten[1:]
    return None


_WHICH_OF = re.compile(r"\b(?P<ask>which|what|how many|any)\s+(?:one\s+|ones\s+)?of\s+(?P<pronoun>them|those|these)\b"
                       r"(?!\s+(?:who|that|which)\b)", re.I)
# "What are the five recommendations of X?", "List the recommendations in X": the things listed, of X
_LISTS = re.compile(r"^\s*(?:what|which)\s+(?:are|were)\s+(?P<things>(?:the\s+)?(?:\w+\s+){0,2}?\w+s)\s+(?P<prep>of|in|from|made by)\s+", re.I)
# "What does X recommend?", "What does X propose?": its recommendations, its proposals
_RECOMMENDS = re.compile(r"^\s*what\s+(?:does|did|do)\s+.+?\s+(?P<verb>recommend|propose)\s*\??\s*$", re.I)


def _among_listed(question: str, previous: str, scope: _Scope) -> str | None:
    """ "Which of those fall to the Cabinet Office?" after "What are the five recommendations of X?"
    or "What does X recommend?": "Which of the five recommendations of X fall to the Cabinet Office?"."""
    m = _WHICH_OF.search(question)
    document = _previous_document(previous, scope)
    if not m or not document:
        return None
    listed = _LISTS.match(previous)
    if listed:
        things = listed.group("things")
        things = f"{things if things.lower().startswith('the ') else 'the ' + things} {listed.group('prep')}"
    else:
        recommends = _RECOMMENDS.match(previous)
        if not recommends:
            return None
        things = "the recommendations of" if recommends.group("verb").lower() == "recommend" else "the proposals of"
    rewritten = _LEADING.sub("", question[: m.start("pronoun")] + f"{things} {document}" + question[m.end("pronoun"):]).strip()
    return rewritten[:1].upper() + rewritten[1:]


# "the report", "this review", "that note": a document by its kind alone
_KIND_ONLY = re.compile(rf"\b(?:the|this|that)\s+{_KIND}\b(?!\s+(?:on|about|into)\b)", re.I)


# kinds any document may be called by ("the report"); the others ("the survey", "the insight") must be the previous one's kind
_ANY_KIND = frozenset({"report", "document", "publication", "paper", "study"})


def _same_document(question: str, previous: str, scope: _Scope) -> str | None:
    """ "What does the report say about skills?" after "What does the cloud readiness review recommend?":
    the report is the document the previous question named."""
    generic = list(_KIND_ONLY.finditer(question))
    document = _previous_document(previous, scope)
    if len(generic) != 1 or not document or document.lower() == generic[0].group(0).lower():
        return None
    if not re.search(r"\w\s+\w", document.strip("“”")) or _KIND_ONLY.fullmatch(document):
        return None  # the previous question named no document more closely ("the report")
    m = generic[0]
    kind = m.group(0).split()[-1].lower()
    if kind not in _ANY_KIND and not re.search(rf"\b{kind}", document, re.I):
        return None  # "the survey" after a review: perhaps another document; as asked

    rewritten = _LEADING.sub("", question[: m.start()] + document + question[m.end():]).strip()
    return rewritten[:1].upper() + rewritten[1:]


def points_back(question: str) -> bool:
    """Does the question point at a document by its kind alone ("the report", "this review"), or ask
    about a numbered item of no document ("Who is responsible for delivering Recommendation 3?")?
    In a conversation either means the previous turn's document."""
    if _KIND_ONLY.search(question):
        return True
    return bool(qualifiers(question)) and not _DOC_PHRASE.search(question) and not re.search(r"“[^”]+”", question)


_THAT_ONE = re.compile(r"\b(?:that|this)\s+one\b|\b(?:that|this)\s+(?!one\b)[a-z]+(?=\s*\?*\s*$)", re.I)
# the answer's first bold label, after a superlative or year label ("**Highest completion:** **HMP X** [1]:")
_LEAD_LABEL = re.compile(r"^\s*(?:\*\*[^*\n]{2,80}:\*\*\s+)*\*\*(?P<label>[^*\n]{2,80})\*\*")

# the name a sentence answer opens with, before its verb: "The School MIS Marketplace was the least used"
_LEAD_NAME = re.compile(r"^\s*(?P<the>The\s+)?(?P<label>[A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’-]*){1,5})\s+(?:was|were|is|are|had|has)\b")


# ... or names it before a verb in the past ("Marshfield allowed the longest loans"); not a sentence's opening word
_LEAD_NAME_DOING = re.compile(r"^\s*(?P<the>The\s+)?(?P<label>(?!(?:The|This|That|These|Those|It|They|Its|Their|Most|Some|All|Only|Each|Every|"
                              r"Overall|Across|In|On|Of|By|For|At|Almost|Nearly|Just|About|Around|Over|Under)\b)[A-Z][a-z][\w'’-]*"
                              r"(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’-]*){0,5})\s+(?:[a-z]+ed|had|was|were|made|ran|kept|led|lent|gave|took)\b")


def the_one_answered(question: str, previous: str, previous_answer: str) -> str | None:
    """ "How many tablets were issued at that one?" after "Which prison had the highest completion?"
    answered "**HMP Kelsing Fields** ...": the question with the answer's leading label in place of
    "that one" ("... at HMP Kelsing Fields?"); None for any other turn.

    Why: "that one" is what the previous answer picked out, not its document: the follow-up was
    read against the question and answered with the first prison of the table. Only a "which"
    question's answer that leads with a bold label (a table row, a list item) names one thing.
    """
    m = _LEAD_LABEL.match(previous_answer)
    if not (WHICH_QUESTION.match(previous) or asks_extreme(previous)):
        return None
    if not m:  # a sentence naming the one picked out: "The School MIS Marketplace was the least used, ..."
        named = _LEAD_NAME.match(previous_answer)
        pattern = _THAT_ONE
        if named is None and WHICH_QUESTION.match(previous) and not WHICH_QUESTION.match(question) and not _THAT_ONE.search(question):
            # "Marshfield allowed the longest loans, eight weeks on average" after "Which library service let people keep
            # devices the longest?": "How many loans did it make?" asks of Marshfield
            named, pattern = _LEAD_NAME_DOING.match(previous_answer), _THAT_ONE_OR_IT
        if not named or not pattern.search(question) or all(w.lower() in previous.lower() for w in named.group("label").split()):
            return None
        return pattern.sub(f"{(named.group('the') or '').lower()}{named.group('label')}", question, count=1)
    # a table row picked out is also "it" ("How many homes does it manage?"); a list item may not be
    row = ROW_HEADING.match(previous_answer.lstrip())
    # ("And which is it furthest behind on?" asks for another row: "it" there is what the rows belong to)
    pattern = _THAT_ONE_OR_IT if row and not WHICH_QUESTION.match(question) else _THAT_ONE
    if pattern is _THAT_ONE_OR_IT and _PLURAL_LABEL.search(m.group("label").strip()):
        pattern = _THAT_ONE_IT_OR_THEY  # "How satisfied were they?" after "**Probation officers**": those officers
    # (a row's note in brackets is not part of its name: "Kingsmoor Council (unitary)" is asked of as "Kingsmoor Council")
    label = re.sub(r"\s*\([^()]*\)$", "", m.group("label").strip()) or m.group("label").strip()
    if row and not pattern.search(question) and _ITS_WORD.search(question):  # "When did its data feed start?": Bristol's
        return _ITS_WORD.sub(f"{label}'s", question, count=1)
    if row and not pattern.search(question) and (them := _OF_THEM.search(question)):
        # "How many of them responded?" after "Which role was least confident?" answered "**PCSOs**": how many PCSOs
        return question[: them.start()] + (f"{them.group('many')} {label}" if them.group("many") else f"of {label}") + question[them.end():]
    if not pattern.search(question):
        there = _THERE.search(question)  # "How many buses had readers fitted there?" after "Which borough had ...?"
        return question[: there.start()] + f"in {label}" + question[there.end():] if there and row else None
    return pattern.sub(label, question, count=1)


_OF_THEM = re.compile(r"(?:\b(?P<many>how many)\s+)?\bof\s+them\b", re.I)
_ITS_WORD = re.compile(r"\bits\b", re.I)
# (not "is there", "there were": that "there" says something exists; after a plural noun it is a place: "the schools there have")
_THERE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )\bthere\b(?!\s+(?:is|are|was|were|be|been|has|have|had)\b)"
                    r"|(?<=[a-z]s )(?<!\bis )(?<!\bwas )(?<!\bhas )(?<!\bdoes )\bthere\b", re.I)
_THAT_ONE_OR_IT = re.compile(rf"{_THAT_ONE.pattern}|\bit\b(?!['’]s){NOT_STANDING_FOR_IT}", re.I)
_THAT_ONE_IT_OR_THEY = re.compile(rf"{_THAT_ONE_OR_IT.pattern}|\bthey\b", re.I)
_PLURAL_LABEL = re.compile(r"[a-z]s$|\b(?:staff|people|police)$", re.I)  # "Probation officers", "PCSOs", "Police staff"

"""The words a question's answer must name: X of "What did the survey find about X?", "Was any X
offered?", "Who <verb> ...?", "Which option does the Board recommend?", and what "How many X were
<verb>ed?" counts.

Why: the lines around an answer share the question's frame words and can outscore it; the
answerer lets a close line naming the focus lead (``assistant.line_choice``).
"""

from __future__ import annotations

import re

from assistant.line_facts import _YEAR
from assistant.question_shapes import _WHICH_BODY
from assistant.word_overlap import roots
from indexing.keyword import analyse


_YES_NO_ANY = re.compile(r"^\W*(?:and\s+|so\s+)?(?:are|is|do|does|did|will|would|was|were|have|has|had)\b", re.I)
_ANY = re.compile(r"\bany\s+([a-z][a-z-]+)", re.I)
_FINDING_ABOUT = re.compile(
    r"^\W*(?:and\s+)?what\s+(?:did|does|do|has|have|had|was|were|is)\s+.{2,60}?\s+"
    r"(?:find|found|say|said|report|reported|show|showed|shown|conclude|concluded|reveal|revealed|tell us|told us|learn|learned|learnt)\s+"
    r"(?:about|on|regarding|concerning)\s+(?P<topic>[^?]{2,60}?)\s*\??\s*$", re.I)


def topic_focus(question: str) -> set[str]:
    """The stems of X in "What did <a source> find / say / report about X?"; empty for any other shape.

    Why: the frame ("the 2017 survey", "find") is what every method and introduction line shares
    with such a question, so "This note explains how the 2017 survey was designed" outscored
    "Skills gaps were most often reported in ... the procurement of technology (45 per cent)" for
    "What did the 2017 survey find about procurement?". The answer is a line about X.
    """
    m = _FINDING_ABOUT.match(question)
    return set(analyse(_YEAR.sub(" ", m.group("topic")))) if m else set()


def existence_focus(question: str) -> set[str]:
    """The stems of X in a yes/no question asking whether there was any X ("Was any incentive offered?")
    or whether the documents mention X ("Does the report mention Tell Us Once?").

    Why: such a question is answered by the line that names X, whether it says there was one or
    that there was none ("No incentive was offered"); the lines around it share the question's
    other words ("people", "survey") and outscore it.
    """
    if not _YES_NO_ANY.match(question):
        return set()
    m = _ANY.search(question)
    if m:
        return set(analyse(m.group(1)))
    m = _MENTIONS.search(question)  # "Does the report mention Tell Us Once?": the line that names it
    return set(analyse(m.group("focus"))) if m else set()


_MENTIONS = re.compile(r"\b(?:mention(?:s|ed)?|refer(?:s|red)? to|name(?:s|d)?|cite(?:s|d)?|discuss(?:es|ed)?)\s+"
                       r"(?:the\s+|a\s+|an\s+|anything (?:about|on)\s+)?(?P<focus>[^?.]{2,60}?)\s*\??\s*$", re.I)


_WHO_VERB = re.compile(r"^\W*(?:and\s+)?who\s+(?:(?:is|was|were|are|should|shall|will|would|did|does|do|has|have|had|can|could|must|might|may)\s+)?"
                       r"(?:be\s+|been\s+|not\s+)?([a-z][a-z-]+)", re.I)
_NOT_ACTIONS = frozenset("is are was were be been the a an it they this that these those there".split())


_CHOICE = re.compile(r"^\W*which\s+(?P<noun>[a-z-]+[a-rt-z])\s+(?:does|did|do|would|will|should)\s+(?P<rest>[^?]+)", re.I)


def choice_focus(question: str) -> set[str]:
    """The roots of the thing chosen and of the choosing verb in "Which option does the Board recommend for X?"
    ({"option", "recommend"}: the verb is the last word before a preposition or the end).

    Why: the board's name ("Prepared by the Eastvale Shared Services Board") and the thing's name
    ("compared three options") each match more of the question than "The Board recommends Option
    B", the one line that makes the choice.
    """
    m = _CHOICE.match(question)
    if not m or _WHICH_BODY.match(question):  # "Which organisation ...?" asks who: ``agent_focus``
        return set()
    clause = re.split(r"\s+(?:for|to|in|on|at|by|of|with|as|from|over|under|about)\s+", m.group("rest").strip(), maxsplit=1)[0]
    verb = clause.split()[-1] if len(clause.split()) >= 2 else ""
    return roots(f"{m.group('noun')} {verb}") if verb and verb[0].islower() else set()


# the past forms of irregular verbs a "who" question asks about in the present ("Who leads it?": "It is led by ...")
_PAST_OF = {"led": "lead", "ran": "run", "wrote": "write", "written": "write", "oversaw": "overse", "overseen": "overse",
            "chose": "choos", "chosen": "choos", "built": "build", "bought": "buy", "paid": "pay", "held": "hold",
            "made": "make", "sent": "send", "spent": "spend", "gave": "give", "given": "give", "took": "take", "taken": "take",
            "kept": "keep", "found": "find", "set": "set", "sold": "sell", "taught": "teach", "brought": "bring"}


def does_agent_action(action: set[str], line: str) -> bool:
    """Does the line use the verb of ``agent_focus``, in any of its forms ("leads", "led")?"""
    return bool(action) and {_PAST_OF.get(w, w) for w in action} <= {_PAST_OF.get(w, w) for w in analyse(line)}


# "Who is the programme director of X?": the post asked about, before what it is the post of
_WHO_POST = re.compile(r"^\W*(?:and\s+)?who\s+(?:is|was|are|were)\s+(?:the\s+|its\s+|their\s+)?(?P<post>[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2}?)"
                       r"\s+(?:of|for|at|in|on|behind)\b", re.I)


def post_focus(question: str) -> set[str]:
    """The stems of the post a "Who is the X of Y?" question asks about ("programme director" -> {"programm", "director"}).

    Why: the line naming the post's holder ("Programme director: Tomasz Nowak.") was passed over for the best line,
    which names places ("... on the Norfolk and Suffolk coast"), not the programme's director."""
    m = _WHO_POST.match(question)
    return set(analyse(m.group("post"))) if m else set()


# the posts that say who is at the head of something, in any of their words: "in charge of" is answered by "headed by"
_HEAD_POSTS = frozenset(analyse("charge head heads headed leader leads led lead boss chief director chair chairs chaired runs"))


def holds_post(post: set[str], line: str) -> bool:
    """Does the line name the post (``post_focus``)? A post of heading something ("in charge", "head", "boss") is met by
    any word for heading it. Why: "Who is in charge of the National Ticketing Delivery Unit?" is answered by "The pilot is
    run by the NTDU, headed by Priya Lockwood"."""
    words = set(analyse(line))
    return bool(post) and (post <= words or (post <= _HEAD_POSTS and bool(words & _HEAD_POSTS)))


def heads_something(action: set[str]) -> bool:
    """Is the asked action ("leads", "heads", "runs") being at the head of something, a post ``holds_post`` reads?"""
    return bool(action) and action <= _HEAD_POSTS


def agent_focus(question: str) -> set[str]:
    """The stem of the action a "who" question asks about ("Who analysed the survey data?" -> "analys",
    "Which organisation carried out the fieldwork?" -> "carri").

    Why: the answer names whoever did that thing ("The data was analysed by the policy team"),
    while lines that share the question's other words ("The survey was run online by ...")
    can outscore it. Empty for "Who is X?", where the verb says nothing.
    """
    m = _WHO_VERB.match(question) or _WHICH_BODY.match(question)
    if not m or m.group(1).lower() in _NOT_ACTIONS:
        return set()
    return set(analyse(m.group(1)))


_HOW_MANY = re.compile(r"\bhow many\s+(?:of\s+(?:the|those|these|its|their)\s+)?([a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,3})", re.I)  # "how many of the care homes"
_NOT_NOUN = frozenset("were was are is had have has did do does will would could can in of on at for to from by with".split())


def counted_stems(question: str) -> set[str]:
    """The stem of what "How many X ...?" counts ("How many questions were asked?" -> {"question"}); empty
    when a verb follows "how many" ("How many knew ...?" counts people, named by no word).

    The counted noun is the first plural of up to three words: "How many burial register entries had been
    digitised?" counts entries, and its answer is "3.1 million register entries", not "18 per cent" of registers."""
    phrase = counted_phrase(question)
    if not phrase:
        return set()
    stems = set(analyse(phrase[-1]))
    each = _ONE_EACH.search(question)
    if each:  # "How many suppliers typically put in a bid?": "an average of 2.4 bids", each bidder one bid
        thing = set(analyse(each.group("thing")))
        stems |= thing | (_BIDS if thing & _BIDS else set())
    if stems & _RESPONSES:  # "How many responses did the review get?": "39 replied", "the 39 responding forces"
        stems |= _RESPONSES
    if stems & _COUNCILS and not _OTHER_AUTHORITY.search(" ".join(phrase)):
        # "How many local authorities supplied figures?": "Forty-one councils supplied cost data" (not fire authorities)
        stems |= _COUNCILS
    # (each who took part gave one response, whoever they are: "How many people filled in the poll?": "2,140 usable
    # responses"; "How many suppliers took part?": "We received 612 usable responses")
    if not _TOOK_PART.search(question):
        return stems
    return stems | _SURVEYED | _RESPONSES if stems & _SURVEYED else stems | _RESPONSES


_PARTICIPATION = re.compile(r"\b(?:participation|turnout|response\s+rates?)\b", re.I)


def participation_stems(question: str) -> set[str]:
    """What "How did participation in the benchmark change?" counts: those who took part, in any word for them, and
    their responses ("214 landlords responded"); empty for a question that asks no such thing."""
    return set(_SURVEYED | _RESPONSES | _TAKING_PART) if _PARTICIPATION.search(question) else set()


_TAKING_PART = frozenset(analyse("took part participated"))  # "262 landlords took part"
_RESPONSES = frozenset(analyse("responses responded replied"))  # (stems: "respons", "respond", "repli")
_COUNCILS = frozenset(analyse("councils authorities"))  # a council is a local authority, in either word
_OTHER_AUTHORITY = re.compile(r"\b(?:fire|police|combined|health|transport|harbour|port|park|water|awarding|regulatory)\b", re.I)
_ONE_EACH = re.compile(r"\bhow many\s+(?:[\w-]+\s+){0,3}?(?:\w+\s+)?(?:put in|put forward|submitted|made|placed|lodged|sent in|filed)"
                       r"\s+(?:a|an)\s+(?P<thing>[a-z-]{3,})\b", re.I)
_BIDS = frozenset(analyse("bid offer tender"))


def counted_phrase(question: str) -> list[str]:
    """The words of "How many X ...?" up to the noun counted: "How many planning appeals were decided?" ->
    ["planning", "appeals"]; [] when a verb follows "how many" or no plural comes within the first words."""
    m = _HOW_MANY.search(question)
    words = m.group(1).split() if m else []
    for i, word in enumerate(words):
        if word.lower() in _NOT_NOUN or i == 3 and "and" not in [w.lower() for w in words[:3]]:
            break  # four words only when "and" joins two of them: "How many fire and rescue services ...?"
        # ("bus", "census", "analysis" end in "s" but are one thing: "How many bus stops ...?" counts stops)
        if word.lower().endswith("s") and not word.lower().endswith(("ss", "us", "is")) or word.lower() in {"people", "staff", "children", "men", "women"}:
            return words[: i + 1]
    return []


# the people a survey counts, in any of the words documents use for them: "How many officials took part?" is
# answered by "a survey of 984 civil servants" and "1,052 people started the questionnaire"
_TOOK_PART = re.compile(r"\b(?:took part|take part|taking part|respond\w*|answer\w*|participat\w*|replied|were surveyed|filled in|"
                        r"hear(?:d)? from)\b", re.I)
_SURVEYED = frozenset(s for w in ("officials staff people respondents servants employees participants tenants residents parents "
                                   "families households patients users customers members").split() for s in analyse(w))
# (not a word whose stem is a thing's too: "applicants" and "applications", "officers" and "offices", "pensioners" and "pension")
PEOPLE_COUNTED = _SURVEYED | frozenset(s for w in ("residents users members customers patients pupils children adults agents visitors "
                                                   "passengers drivers motorists students learners teachers doctors veterans farmers "
                                                   "claimants victims carers volunteers directors councillors workers practitioners "
                                                   "inspectors graduates callers voters landlords").split() for s in analyse(w))


_HOW_MANY_ACTION = re.compile(r"\bhow many\s+(?:[a-z-]+\s+){1,2}?(?:(?:and|or)\s+(?:[a-z-]+\s+){1,2}?)?(?:(?:were|was|are|is|have|has|had|had been|have been|would be|will be)\s+)?"
                              r"(?P<verb>[a-z]+(?:ed|en)|said|felt|thought|saw|knew|found|told|kept|left|lost|spent|sent|built|bought|lent|paid|"
                              r"sold|held|won|made)\b",
                              re.I)


def _does_action(question: str, line: str) -> bool:
    """Does the line report the question's action as an action ("68 responses were removed"), not
    only share its stem as a noun ("3,480 one-to-one help sessions" for "How many volunteers helped")?"""
    m = _HOW_MANY_ACTION.search(question)
    if not m:
        return True
    verb = m.group("verb").lower()
    stem = analyse(verb)[0] if analyse(verb) else verb
    return bool(re.search(rf"\b(?:{re.escape(verb)}|{re.escape(stem)}\w*(?:ed|en|ing))\b", line, re.I))


def counted_action(question: str) -> set[str]:
    """The stem of the past participle or verb that "How many X were <verb>ed ...?" asks about ("removed").

    Why: "How many people were removed from the data?" was answered with "1,052 people started the
    questionnaire", a line counting people; the line that answers counts what was removed ("68
    responses were removed"). Only a word ending like a participle or past tense is taken, so
    "How many completed responses did the survey receive?" names no action.
    """
    m = _HOW_MANY_ACTION.search(question)
    if not m or m.group("verb").lower() in _NOT_ACTIONS:
        light = _LIGHT_VERB_NOUN.search(question)  # "How many checks did Wealdshire take bookings for online?": booking
        return set(analyse(light.group("noun"))) if light else set()
    return set(analyse(m.group("verb")))


# an action named by a noun after a light verb: "How many checks did the service take bookings for?"
_LIGHT_VERB_NOUN = re.compile(r"\bhow many\s+[^?]*?\b(?:did|do|does)\s+[^?]*?\b(?:take|make|receive|handle|process|get)\s+"
                              r"(?P<noun>[a-z-]+s)\s+(?:for|of|on)\b", re.I)


# an action whose count is given as a noun: "How many councils responded?" is answered by "142 complete responses"
_ACTION_NOUNS = {"respond": "responses|respondents", "repli": "replies", "answer": "answers|responses", "appli": "applications",
                 "regist": "registrations", "complain": "complaints", "visit": "visits", "download": "downloads"}


def counts_action_done(action: set[str], line: str) -> bool:
    """Does a number in the line count the action's outcome by its noun ("142 complete responses" for "responded")?"""
    nouns = "|".join(n for stem, n in _ACTION_NOUNS.items() if stem in action)
    if action & _REPLYING and _REPLIED.search(line):  # "How many councils answered the survey?": "131 councils replied"
        return True
    return bool(nouns) and bool(re.search(rf"\b\d[\d,.]*\s+(?:[a-z-]+\s+){{0,2}}(?:{nouns})\b", line, re.I))


# answering a survey, in the words documents use for it
_REPLYING = frozenset(analyse("answered responded replied"))
_REPLIED = re.compile(r"\b\d[\d,.]*\s+(?:[a-z-]+\s+){0,2}(?:replied|responded|answered|took part|returned (?:it|the \w+))\b", re.I)

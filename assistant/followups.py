"""Follow-up questions without an LLM: the new topic replaces the old one in the previous question.

"And what about culture?" after "What did the survey find about skills gaps?" means "What did the
survey find about culture?", not "culture, and also skills gaps". Appending the old question to
the new one (what was done before) lets the old topic win retrieval. The rules, in order:

1. a year alone ("And in 2019?", "the 2019 figure?", "Same question for 2019?") replaces the
   previous question's year, or is added to it; "How does that compare with 2019?" asks the
   previous question for both years;
2. a code-like token ("What about R5?") replaces the previous token of the same shape (R4);
3. a topic ("And what about culture?") replaces what follows the previous question's last
   "about / on / regarding / for / in" (or is asked about directly when there is none).

4. a follow-up with its own verb that points back to the previous topic with a pronoun after a
   preposition ("How many knew where to find guidance on it?"), or with "its/their" after a
   "what is X?" question ("How many placements would its pilot have?", "Who should lead it?"), gets that topic in place
   of the pronoun: the phrase after its last "about / on / ...", the X of
   "what is X" or "what does X propose", or else its last two words.

5. a phrase opening with a preposition that narrows rather than names a topic ("And among
   Executive Officers?", "And in Scotland?", "And by grade?") is the previous question narrowed:
   it replaces a closing phrase with the same preposition (not a year), or is added at the end;

6. after a question about one thing only ("What is X?", or "What does X propose?" with no topic
   phrase), "it" as subject or object, or a closing "that/this", is X ("Who owns it?",
   "When should it be done by?").

Anything else (its own verb and no pronoun, "And what was the margin of error?") is left to the
caller, which adds the previous question as context.
"""

from __future__ import annotations

import re

from assistant.lists import COUNT_WORDS
from assistant.year_phrases import EDITION_NOUNS, PLAIN_YEAR
from indexing.keyword import analyse

_LEAD = re.compile(r"^\s*(?:and|also|so|but|then|ok|okay|now)?\s*,?\s*(?:what|how)\s+about\s+|^\s*(?:and|also|what of)\s+", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# A year standing alone, and a year that is part of a span or a financial year ("2023-24", "2018/19", "2017 to 2020"):
# the conversation's year is carried only when its one year stands alone
_YEAR_SPAN = re.compile(r"\b(?:19|20)\d\d\s*(?:[-–/]|to)\s*(?:(?:19|20)?\d\d)\b")
_CODE = re.compile(r"^[A-Z]{1,4}\d{1,3}[a-z]?$")
_TOPIC_PREP = re.compile(r"\b(about|on|regarding|concerning|for|in|with)\s+(?!\d{4}\b)", re.I)
_HAS_VERB = re.compile(r"\b(is|are|was|were|do|does|did|has|have|had|will|would|should|can|could|say|said|find|found|mean|show|publish)\b", re.I)


def rewrite_follow_up(question: str, previous: str) -> str | None:
    """The follow-up as a standalone question, or None when no rule applies.

    Usage: ``rewrite_follow_up("And in 2019?", "How many responded in 2017?")`` ->
    ``"How many responded in 2019?"``.
    """
    previous = previous.strip()
    ending = "?" if previous.endswith("?") else ""
    base = previous.rstrip("?").rstrip()
    question = _relative_year(question, base)
    rest = _LEAD.sub("", question.strip()).strip().rstrip("?").strip()
    same_frame = _SAME_FRAME.match(question.strip())
    preps = _topic_preps(base)
    if (same_frame and preps and not _PRONOUN_ONLY.match(same_frame.group("topic"))
            and re.search(rf"\b{same_frame.group('verb')}\b", base, re.I)):
        # "And what did it find about sharing?" after "What did the survey find about skills?": the same
        # verb, so "it" is what found (the survey), and the new topic replaces the old
        return base[: preps[-1].end()] + same_frame.group("topic").strip() + ending
    compared = _COMPARED_WITH_OTHER.match(question.strip())
    subject = _SHARE_OF_SUBJECT.match(base) if compared and not _NOT_A_GROUP.search(compared.group("other")) else None
    if subject:  # "And how does that compare with police officers?" after "What share of fire staff had training ...?"
        other = compared.group("other").strip()
        narrowed = _THOSE.match(other)
        other = f"{subject.group('subject')} {other[narrowed.end():]}" if narrowed else other
        return f"{subject.group('head')} {other} {subject.group('rest')}{ending}"
    flipped = _other_side(rest, base)
    if flipped:  # "And afterwards?" after "How long were people queueing before the pilot?": after the pilot
        return flipped + ending
    if _SINCE.search(question) and not _YEAR.search(question) and len(set(_YEAR.findall(base))) == 1:
        # "Has that improved since?": the same question over every year, not the one year asked before
        return re.sub(r"\s*\b(?:in|for|during)\s+(?:the\s+)?(?:19[5-9]\d|20[0-4]\d)\b|\s*\b(?:19[5-9]\d|20[0-4]\d)\b", "", base, count=1) + ending
    narrowed = _narrowed(question.strip(), base)
    if narrowed:  # "Which of those ...?" after "Which skill areas had gaps in 2019?": which of those skill areas
        return narrowed
    figure_for = _figure_for(question)
    if figure_for and not _YEAR.search(figure_for.group("who")):
        # "What was the figure for Scotland?" after "Which region had the highest share of X?": the share of X there
        measure = _PICKED_BY_MEASURE.match(base)
        asked = f"What was the {measure.group('measure')}" if measure else base
        prep = figure_for.group("prep").lower()
        if prep == "for":  # "the figure for Scotland" is the figure in Scotland; "for nurses", among nurses
            prep = "in" if figure_for.group("who")[:1].isupper() else "among"
        return _qualified(asked, f"{prep} {figure_for.group('who')}") + ending
    counted = _HOW_MANY_ONLY.match(rest)
    if counted and _HOW_MANY_PREVIOUS.match(base):  # "And how many organisations?" after "How many responses did ...?"
        return _HOW_MANY_PREVIOUS.sub(lambda m: m.group(1) + counted.group(1), base, count=1) + ending
    asked_span, old_spans = _SPAN_IN.search(question), list(dict.fromkeys(_SPAN_IN.findall(base)))
    if asked_span and len(old_spans) == 1 and _year_only(_SPAN_IN.sub(asked_span.group(1)[:4], question.strip().rstrip("?"))):
        return base.replace(old_spans[0], asked_span.group(1)) + ending  # "And in 2020-21?" after "... in 2021-22?"
    year = _year_only(question.strip().rstrip("?"))
    if year:
        old = _YEAR.findall(base)
        if _COMPARE.search(question) and old and old[-1] != year:
            return _YEAR.sub(f"{old[-1]} and {year}", base, count=1) + ending if len(set(old)) == 1 else None
        if old:
            return _YEAR.sub(year, base, count=0) + ending
        return f"{base} in {year}{ending}"
    if not rest or rest == question.strip().rstrip("?").strip() and not _is_bare_topic(rest):
        return _resolve_pronoun(question.strip(), previous) if rest else None
    bare = _BARE_ASK.match(rest)
    if bare:  # "And by when?", "And who?" after "What does R7 propose?": when / who for that one thing
        if not _only_subject(previous):
            return None
        topic = previous_topic(previous)
        return f"When should {topic} be done by?" if bare.group(1).lower() == "when" else f"Who is responsible for {topic}?"
    one = _ONE_OF_KIND.match(rest)
    topic = rest[one.end():] if one else rest  # "And the one on sharing?": the topic is "sharing"
    scoped = _one_in_scope(topic, base) if one else None
    if scoped:  # "And the one about training time?" after "Who owns the recommendation on routers in the MDT insight?"
        return scoped + ending
    if _HAS_VERB.search(rest) or len(topic.split()) > 6 or _ASKS.match(rest):
        return _resolve_pronoun(question.strip(), previous)
    channel = _other_channel(rest, base)
    if channel:  # "And for the phone line?" after "What share of NHS 111 online sessions ...?": the same question by phone
        return channel + ending
    counted = _counted_swapped(rest, base)
    if counted:  # "What about letters?" after "How many phone contacts did PPAS get in 2023-24?": how many letters
        return counted + ending
    who = _other_who(rest, base)
    if who:  # "What about those who emailed?" after "How satisfied were people who used video appointments?"
        return who + ending
    if _QUALIFIER.match(rest):  # "And among Executive Officers?": the same question, narrowed
        return _qualified(base, rest) + ending
    means = _other_means(rest, base)
    if means:  # "And with the online service?" after "How long did a dispute take under the old process?"
        return means + ending
    if re.match(r"^for\s+\S", rest, re.I) and not _topic_preps(base) and len(rest.split()) <= 5:
        return _qualified(base, rest) + ending  # "And for senior civil servants?" after "What share said X?": of that group
    swapped = _another_one(rest, base)
    if swapped:  # "And the weekly one?" after "What is the daily fare cap ...?": the weekly fare cap
        return swapped + ending
    rest = topic or rest
    rest = _LEADING_PREP.sub("", rest) or rest  # "And for skills?": the topic is "skills"
    if _CODE.match(rest):
        codes = [m for m in re.finditer(r"\b[A-Z]{1,4}\d{1,3}[a-z]?\b", base)]
        if codes:
            last = codes[-1]
            return base[: last.start()] + rest + base[last.end():] + ending
    numbered = _NUMBERED.match(rest)
    if numbered:  # "And Recommendation 4?" after "Who owns Recommendation 2 of ...?": the same kind of thing, numbered anew
        same = list(re.finditer(rf"\b{re.escape(numbered.group('kind'))}\s+\d{{1,3}}[a-z]?\b", base, re.I))
        if same:
            return base[: same[-1].start()] + numbered.group(0).removeprefix("the ").removeprefix("The ") + base[same[-1].end():] + ending
    parallel = _parallel(rest, base)
    if parallel:  # "And what about county councils?" after "What share of district councils ...?": the same question of them
        return parallel + ending
    if _PLACE_GROUP.match(rest):  # "And what about London boroughs?" after "What share of officers recorded inspections
        return _qualified(base, f"in {rest}") + ending  # on site?": the same question there, not "... on London boroughs"
    group = _SHARE_OF_SUBJECT.match(base)
    if (group and _GROUP_NOUN.search(rest) and len(rest.split()) <= 4
            and not re.search(rf"\b{re.escape(rest.split()[-1])}\b", group.group("subject"), re.I)):  # (not its own kind)
        # "And what about large firms?" after "What share of SMEs won a contract?": the same share among them
        among = re.sub(r"^the\s+", "", rest, flags=re.I)
        return f"{group.group('head')} {among} {group.group('rest')}{ending}"
    preps = _topic_preps(base)
    edition = _EDITION_CLOSING.search(base)
    closing = ""  # "... in the 2024 survey": the edition asked of, kept when the topic before it is replaced
    if edition and preps and preps[-1].start() >= edition.start() and _topic_preps(base[: edition.start()]):
        # "And what about free school meals?" after "How satisfied were parents with applying for a school place online in
        # the 2024 survey?": about free school meals in the 2024 survey, not "... online in free school meals"
        base, closing = base[: edition.start()], edition.group(0)
        preps = _topic_preps(base)
    if preps:
        old_object = base[preps[-1].end():]
        if preps[-1].group(1).lower() in ("in", "for", "with") and old_object[:1].isupper() and rest[:1].islower():
            # "And what about satisfaction?" after "What share of families in Wales booked online in 2025?": satisfaction
            # there, not "... families in satisfaction"
            name = re.match(r"[A-Z][\w'’-]*(?:\s+(?:and\s+|of\s+|the\s+)?[A-Z][\w'’-]*)*", old_object).group(0)
            years = PLAIN_YEAR.findall(old_object[len(name):])
            when = closing or (f" in {years[-1]}" if years else "")
            return f"What do the documents say about {rest} {preps[-1].group(0).strip()} {name}{when}{ending}"
        return base[: preps[-1].end()] + rest + _closing_participle(base, preps[-1].end()) + closing + ending
    codes = re.findall(r"\b(?:[Rr]ecommendation\s+)?[A-Z]{1,4}\d{1,3}[a-z]?\b", base)
    if codes and re.match(r"(?:the|its|their)\s+\w", rest, re.I):
        # "What about the timescale?" after "Who should own R2?": the timescale of R2
        attribute = re.sub(r"^(?:its|their)\s+", "the ", rest, flags=re.I)
        return f"What is {attribute} of {codes[-1]}?"
    years = list(dict.fromkeys(PLAIN_YEAR.findall(base)))
    if len(years) == 1 and not _YEAR.search(rest) and not _YEAR_SPAN.search(base):  # the conversation's one year goes on: "And leadership?" after "... in 2019?"
        return f"What do the documents say about {rest} in {years[0]}?"
    return f"What do the documents say about {rest}?"


# "What was the figure for Scotland?", "the number in Wales", "And the rate among nurses?": the last question's figure, of them
_FIGURE_FOR = re.compile(r"^(?:what\s+(?:was|is|were|are)\s+|what['’]s\s+)?(?:the\s+)?(?:figures?|numbers?|shares?|rates?|percentages?|"
                         r"proportions?|results?|scores?|totals?)\s+(?P<prep>for|in|among|at)\s+(?P<who>\S.{0,60})$", re.I)


def asks_figure_for(question: str) -> bool:
    """ "What was the figure for Scotland?": the figure just asked about, of someone else (a follow-up)."""
    return _figure_for(question) is not None


def _figure_for(question: str) -> re.Match | None:
    """The ``_FIGURE_FOR`` match of the question without its lead ("And ..."), when it names up to five words' worth."""
    m = _FIGURE_FOR.match(_LEAD.sub("", question.strip()).strip().rstrip("?").strip())
    return m if m and len(m.group("who").split()) <= 5 else None


# "Which region had the highest share of X ...": what was measured, to ask its figure of one of them
_PICKED_BY_MEASURE = re.compile(r"^\W*(?:which|what)\s+(?:[\w'’-]+\s+){1,3}?(?:had|has|have|saw|recorded|reported|showed|got)\s+the\s+"
                                r"(?:highest|lowest|largest|smallest|biggest|greatest|best|worst|most|least|fewest)\s+"
                                r"(?P<measure>(?:share|proportion|percentage|number|rate|figure|count|score|level)\b.+)$", re.I)


# "And how does that compare with police officers?": the same figure, of others
_COMPARED_WITH_OTHER = re.compile(r"^\W*(?:(?:and|so|but)\s*,?\s+)?how\s+(?:does|do|did)\s+(?:that|this|it|they|those|these)\s+compare\s+"
                                  r"(?:with|to|against|for|among|amongst)\s+(?:the\s+)?(?P<other>[^?]{2,60}?)\s*\??\s*$", re.I)
# "... for those working in the voluntary sector": the same people, narrowed ("youth workers working in the voluntary sector")
_THOSE = re.compile(r"^(?:those|people|ones|staff)\s+(?=(?:working|based|employed|in|at|from|who|with|aged)\b)", re.I)
# (not another year, an average or an earlier survey: "How does that compare with 2019?" is the year rules')
_NOT_A_GROUP = re.compile(r"\d|\b(?:average|overall|total|before|previous|last|earlier|later|national|year|survey|report|edition)\b", re.I)
# "What share of fire and rescue staff had training ...": who the figure is of, and what is said of them
# the groups a survey asks of, in the plural: "large firms", "district councils", "older patients"
_GROUP_NOUN = re.compile(r"\b(?:firms|suppliers|companies|businesses|enterprises|councils|authorities|schools|landlords|bodies|"
                         r"organisations|departments|trusts|forces|practices|pharmacies|libraries|prisons|families|households|"
                         r"parents|patients|pupils|residents|tenants|users|claimants|passengers|staff|officers|teachers|adults|"
                         r"men|women|people)\s*$", re.I)
_SHARE_OF_SUBJECT = re.compile(r"^\W*(?P<head>what\s+(?:share|proportion|percentage|number)\s+of|how\s+many)\s+(?P<subject>.+?)\s+"
                               r"(?P<rest>(?:were|was|are|is|had|have|has|did|do|does|got|said|felt|used|use|received|made|won|gave|took|"
                               r"paid|bought|found|sent|kept|saw|knew|thought|spent|[a-z]{3,}ed)\b.*)$", re.I)


# words that stand in for each other before a noun: "the weekly one" after "the daily fare cap"
_ONE_KINDS = (
    frozenset("hourly daily weekly monthly quarterly annual yearly".split()),
    frozenset("first second third fourth fifth last latest final next previous earlier later newest oldest".split()),
    frozenset("highest lowest biggest smallest largest best worst fastest slowest cheapest dearest longest shortest "
              "most least top bottom".split()),
    frozenset("north south east west northern southern eastern western central".split()),
    frozenset("urban rural metropolitan county district unitary".split()),
    frozenset("english scottish welsh irish british".split()),
    frozenset("online phone paper digital postal".split()),
)
_ANOTHER_ONE = re.compile(r"^(?:the|that|this)\s+(?P<word>[A-Za-z-]+)\s+ones?$", re.I)


def names_another_one(rest: str) -> bool:
    """ "the weekly one", "that Welsh one": another of the thing just asked about, told apart by a word of a known kind
    (not an item numbered in words, "Recommendation one")."""
    m = _ANOTHER_ONE.match(rest)
    return bool(m) and any(m.group("word").lower() in k for k in _ONE_KINDS)


def _another_one(rest: str, base: str) -> str | None:
    """The previous question with the word of the same kind swapped for the one ``rest`` names ("the weekly one"
    for "daily" in "What is the daily fare cap on Valleys Pass?"), or None when it names no such word or the
    previous question has no word of its kind.

    Why: "the weekly one" has no topic of its own to put in place of the last one; "one" stands for the thing
    asked about, and the word before it says which of that kind."""
    if not names_another_one(rest):
        return None
    word = _ANOTHER_ONE.match(rest).group("word")
    kinds = [k for k in _ONE_KINDS if word.lower() in k]
    old = [w for w in re.finditer(r"\b[A-Za-z-]+\b", base) if w.group(0).lower() in kinds[0] and w.group(0).lower() != word.lower()]
    if len(old) != 1:
        return None
    new = word.lower() if old[0].group(0).islower() else word[:1].upper() + word[1:].lower()
    return base[: old[0].start()] + new + base[old[0].end():]


# Words that end the run of modifiers before a noun ("What share of district councils": "district")
_NOT_MODIFIERS = frozenset("what which who whom whose how when where why many much share proportion percentage number fraction the a an "
                           "of in on at for to from by with about into than and or their its our his her this that these those all "
                           "some most more less each every any is are was were be been do does did has have had will would should "
                           "can could may might must say says said find finds found show shows showed recommend recommends "
                           "recommended propose proposes proposed report reports reported make makes made cover covers covered".split())
# A name of several capitalised words, none possessive: "Ministry of Justice", "Department for Education"
_ONE_NAME = re.compile(r"\b(?!(?:I|What|Which|Who|How|When|Where|Why|And|The)\b)[A-Z][a-z]{2,}\b")
_PROPER = re.compile(r"\b[A-Z][\w-]*(?:\s+(?:of|for|and|on)\s+[A-Z][\w-]*|\s+[A-Z][\w-]*)+\b(?!['’]\w)|\b[A-Z][\w-]*(?:\s+(?:of|for|and|on)\s+[A-Z][\w-]*|\s+[A-Z][\w-]*)+(?=['’]s\b)")
# "How old is X?", "How long was X?": a question about one thing, which closes it
_HOW_IS = re.compile(r"^(?P<ask>\s*how\s+(?:old|long|big|large|far|often|much|reliable|effective|common|widespread)\s+)(?P<verb>is|are|was|were)\s+(?P<subject>.+)$", re.I)


# the ways a service is used; a follow-up naming one asks the previous question of it instead of the other
_CHANNEL = (r"(?:online|on(?:\s+the)?\s+phone|by\s+phone|(?:the\s+)?(?:tele)?phone(?:\s+line)?|on\s+paper|by\s+post|paper|"
            r"in\s+person|face[- ]to[- ]face|(?:the\s+)?app|web\s?chat|(?:the\s+)?website|"
            # ways of paying or writing in: "And what about a Direct Debit?" after "... a payment made face to face?"
            r"(?:by\s+|in\s+)?(?:direct\s+debit|standing\s+order|bank\s+transfer|cheque|cash|(?:debit\s+|credit\s+)?card|e-?mail|text\s+message))")
_CHANNEL_ONLY = re.compile(rf"^(?:(?:for|by|on|via|through|in)\s+)?(?:an?\s+)?(?P<channel>{_CHANNEL})$", re.I)
_CHANNEL_IN = re.compile(rf"\b{_CHANNEL}\b", re.I)


def _other_who(topic: str, base: str) -> str | None:
    """ "those who emailed" after "How satisfied were people who used the helpline's video appointments?" -> "How satisfied
    were people who emailed?": the people the previous question asked about, told apart by another "who" clause.

    Why: the topic had no place to go and the turn was asked as "What do the documents say about those who emailed?",
    which no passage about the helpline's satisfaction answers."""
    new = _THOSE_WHO.match(topic.strip())
    old = _PEOPLE_WHO.search(base)
    if not new or not old:
        return None
    return base[: old.start("clause")] + new.group("clause").strip() + base[old.end("clause"):]


_THOSE_WHO = re.compile(r"^(?:the\s+)?(?:those|people|ones|respondents|users|customers|callers|members|applicants)\s+who\s+(?P<clause>\S.{0,80})$",
                        re.I)
# a "who" clause closes at the main verb after it ("What share of people who applied online were satisfied?") or at the end
_PEOPLE_WHO = re.compile(r"\b(?:those|people|respondents|users|customers|callers|members|applicants|residents|parents|patients|"
                         r"claimants|visitors|passengers|tenants|directors|veterans|students|learners)\s+who\s+"
                         r"(?P<clause>.+?)(?=\s+(?:were|was|are|is|had|have|has|did|do|does|said|felt|rated|found|thought|"
                         r"reported|got|received|would|will|could)\b|\s*$)", re.I)


def _counted_swapped(topic: str, base: str) -> str | None:
    """ "messages sent through the portal" after "How many phone contacts did PPAS get from pensioners in 2023-24?" ->
    "How many messages sent through the portal did PPAS get from pensioners in 2023-24?"; None unless the topic is
    things of the same kind as those counted (people or bodies for people or bodies, else things).

    Why: the topic had no place in the question to go ("... from pensioners in messages"), so the turn was asked as
    "What do the documents say about messages sent through the portal?" and answered with the portal's opening lines."""
    counted = _HOW_MANY_THINGS.match(base)
    words = re.sub(r"^the\s+", "", topic, flags=re.I).split()
    if not counted or not words or len(words) > 8 or not words[0][:1].islower() or _PRONOUN_ONLY.match(topic):
        return None
    plural = [w for w in words[:3] if _PLURAL_WORD.fullmatch(w)]
    if not plural:
        return None
    head = plural[-1] if len(words) <= 3 else plural[0]  # "fire services"; "messages sent through the portal"
    if _is_group(head) != _is_group(counted.group("things").split()[-1]):
        return None  # "active members" after "How many phone contacts did PPAS get from pensioners?": of whom, not what
    return base[: counted.start("things")] + " ".join(words) + base[counted.end("things"):]


_PLURAL_WORD = re.compile(r"[a-z-]+[^su\W]s|[a-z-]+ies", re.I)


def _is_group(word: str) -> bool:
    return bool(_GROUP_NOUN.search(word) or _PEOPLE_WORD.fullmatch(word))


_PEOPLE_WORD = re.compile(r"members|pensioners|veterans|applicants|respondents|drivers|visitors|customers|learners|students|"
                          r"employers|services|victims|witnesses|farmers|carers|employees|workers|volunteers|charities|agencies",
                          re.I)


def _other_channel(topic: str, base: str) -> str | None:
    """ "the phone line" after "What share of NHS 111 online sessions ended with self-care advice?" ->
    "What share of NHS 111 phone line sessions ended with self-care advice?"; "on paper" after "How many
    applied online?" -> "How many applied on paper?".

    Why: the new topic went after the previous question's last preposition ("ended with the phone
    line"), replacing what was asked about (self-care advice) instead of the channel it was asked of."""
    m = _CHANNEL_ONLY.match(topic.strip())
    old = list(_CHANNEL_IN.finditer(base))
    if not m or len(old) != 1:
        return None
    new = re.sub(r"^(?:the|on|by|in)\s+", "", m.group("channel"), flags=re.I)
    following = re.match(r"\s+([a-z]+)", base[old[0].end():])
    if not (following and following.group(1).lower() not in _NOT_MODIFIERS):  # "applied online": a way of doing, not "online sessions"
        first = new.lower().split()[0]
        new = _ADVERBIAL.get(first) or (f"{_PAYING.get(first, 'by')} {new}" if first in _PAYING or first in _WRITING else new)
    return base[: old[0].start()] + new + base[old[0].end():]


_PAYING = {"direct": "by", "standing": "by", "bank": "by", "cheque": "by", "cash": "in", "card": "by", "debit": "by", "credit": "by"}
_WRITING = {"email", "e-mail", "text"}
_ADVERBIAL = {"paper": "on paper", "phone": "by phone", "telephone": "by telephone", "post": "by post", "app": "through the app",
              "website": "on the website", "webchat": "by webchat", "person": "in person"}


def _parallel(topic: str, base: str) -> str | None:
    """The previous question asked of ``topic`` in place of its parallel part, or None.

    * the same head noun with other modifiers: "county councils" for "district councils" in "What
      share of district councils had moved most of their workloads to public cloud?";
    * a name for the previous question's one name: "the Department for Education" for "the
      Ministry of Justice" in "What was the Ministry of Justice's SME share ...?";
    * the subject of "How old is X?": "How old are the Home Office border crossing records?".

    Why: with no topic preposition to replace, these became "What do the documents say about
    county councils?", which lost what was asked (the share that moved to the cloud, the age, the
    SME share) and so the document that answers it.
    """
    words = topic.split()
    if 2 <= len(words) <= 6 and words[-1].isalpha():
        head = words[-1].lower()
        for m in reversed(list(re.finditer(rf"\b{re.escape(head)}\b", base, re.I))):
            after = re.match(r"\s*([A-Za-z]+)?", base[m.end():]).group(1)
            if after and after.lower() not in _NOT_MODIFIERS:
                continue  # "skills" in "skills gaps" is a modifier, not the head of its phrase
            start = m.start()
            for w in reversed(list(re.finditer(r"[\w'’-]+", base[: m.start()]))):
                if w.group(0).lower() in _NOT_MODIFIERS or base[w.end(): start].strip() or w.start() == 0:
                    break
                start = w.start()
            old = base[start: m.end()]
            if start < m.start() and old.lower() != topic.lower():
                new = re.sub(r"^(?:the|a|an)\s+", "", topic, flags=re.I) if re.search(r"\b(?:the|a|an)\s+$", base[:start], re.I) else topic
                return base[:start] + new + base[m.end():]
            break
    bare = re.sub(r"^(?:the)\s+", "", topic, flags=re.I)
    if _PROPER.fullmatch(bare):
        names = [m for m in _PROPER.finditer(base) if m.start() > 0]
        if len(names) == 1 and names[0].group(0).lower() != bare.lower():
            return base[: names[0].start()] + bare + base[names[0].end():]
    if (_ONE_NAME.fullmatch(bare) or _PROPER.fullmatch(bare)) and not _PROPER.search(base):
        # "And Wales?" after "What share of respondents were from Scotland?": the one place or body named, in one word
        # there ("And what about the South West?" after "What share of London landlords ...?")
        names = [m for m in _ONE_NAME.finditer(base) if m.start() > 0]
        if len(names) == 1 and names[0].group(0).lower() != bare.lower():
            return base[: names[0].start()] + bare + base[names[0].end():]
    how = _HOW_IS.match(base)
    if how and len(words) <= 8:
        plural = words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss")
        verb = how.group("verb").lower()
        verb = {"is": "are", "are": "are", "was": "were", "were": "were"}[verb] if plural else {"is": "is", "are": "is", "was": "was", "were": "was"}[verb]
        return f"{how.group('ask')}{verb} {topic}"
    return None


# "Which of those / them / these ...?", "How many of them ...?": a choice among the things the previous question listed
_WHICH_OF = re.compile(r"^\W*(?:(?:and|so|then|ok|okay)\s*,?\s+)?(?P<ask>which|what|how many|what share|what proportion|what percentage|how much)"
                       r"\s+(?:one\s+|ones\s+)?of\s+"
                       r"(?P<pronoun>them|those|these|they)\b(?!\s+(?:who|that|which)\b)", re.I)
# "Which skill areas had gaps in 2019?", "What recommendations are about skills?": the things listed, and what they were asked about
# ("What share of visitors connected ...?", "What share of drivers in the 2025 survey had reported ...?": the visitors, the
# drivers in that survey)
_LISTED = re.compile(r"^\s*(?:which|what|how many)\s+(?:(?:share|proportion|percentage|fraction|number)\s+of\s+)?"
                     r"(?P<things>(?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+s)(?P<where>\s+(?:in|from|at|among)\s+[^,?]{1,40}?)?\s+"
                     r"(?P<verb>are|were|had|have|has|got|took|made|gave|went|saw|won|[a-z]{3,}ed)"
                     r"\s+(?P<rest>\S.*)$", re.I)


_VERB_AFTER = re.compile(r"^(?:is|are|was|were|has|have|had|did|does|do|will|would|should|could|can|might|may|must|got|gets|get|"
                         r"said|felt|thought|saw|made|took|gave|came|went|[a-z]+ed)$", re.I)  # "those had": a verb, so "those" stands alone


def _narrowed(question: str, base: str) -> str | None:
    """ "Which of those was named most often?" with "those" spelled out as the things the previous
    question asked for ("the skill areas that had gaps in 2019"), or None.

    Why: "them" after a preposition was read as the previous question's topic ("Which of them
    involves industry?" after "Which recommendations are about skills?" became "Which of skills
    involves industry?"); after a question that lists things, it is those things. Only a previous
    question of the shape "Which/What/How many <things> are/were/had ... ?" is rewritten; any other shape
    is left to the other rules.
    """
    m = _WHICH_OF.match(question)
    listed = _LISTED.match(base)
    counted = _HOW_MANY_THINGS.match(base) if m and not listed else None
    if m and counted:  # "How many of those ended in a refusal?" after "How many matches did the register find?": the matches
        # (of the year asked before: "How many of those were Brackenshire's?" after "... did the councils process in 2024?")
        # (a period too: "... receive in 2021/22?")
        years = [y for y in dict.fromkeys(_YEAR_OR_PERIOD.findall(base)) if y[:4] not in question]
        did = _DID_NAME.match(base[counted.end():])
        if did:  # "And how many of those were done online?" after "How many bus passes did Harrowfield have to renew in the
            # 2024 peak?": of the passes Harrowfield had to renew then, not every council's
            verb = did.group("verb").lower()
            past = _PAST.get(verb) or (verb + "d" if verb.endswith("e") else verb + "ed")
            things = f"the {counted.group('things')} that {did.group('name')} {past}{did.group('rest')}"
            rewritten = _LEADING.sub("", question[: m.start("pronoun")] + things + question[m.end("pronoun"):])
            return rewritten[:1].upper() + rewritten[1:]
        rewritten = _LEADING.sub("", question[: m.start("pronoun")] + f"the {counted.group('things')}" + question[m.end("pronoun"):])
        rewritten = rewritten.rstrip().rstrip("?") + (f" in {' and '.join(years)}" if years else "") + "?"
        return rewritten[:1].upper() + rewritten[1:]
    if not m or not listed:
        return None
    verb, rest = listed.group("verb").lower(), listed.group("rest").strip()
    named = f"the {listed.group('things')}{listed.group('where') or ''}"
    things = f"{named} {rest}" if verb in ("are", "were") else f"{named} that {verb} {rest}"
    end = m.end("pronoun")
    after = re.match(r"\s+([A-Za-z-]+)", question[end:])
    if after and m.group("pronoun").lower() in ("those", "these"):
        if after.group(1).lower() in {w.lower() for w in listed.group("things").split()}:
            end += after.end()  # "those areas": a determiner and the noun the things already name
        elif not _VERB_AFTER.match(after.group(1)):
            return None  # "those other bodies": a noun the previous question did not name
    rewritten = _LEADING.sub("", question[: m.start("pronoun")] + things + question[end:])
    return rewritten[:1].upper() + rewritten[1:]


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
_RELATIVE_YEAR = re.compile(r"\b(a|one|two|three|four|five|six|ten|\d{1,2})\s+years?\s+"
                            r"(later|on|after(?:wards)?|afterwards|earlier|before|previously|ago)\b", re.I)


# "the year before (that)", "the previous year", "the year after", "the following year": one year either side
_ADJACENT_YEAR = re.compile(r"\bthe\s+(?:year|one)\s+(?:before|after)(?:\s+that)?\b|\bthe\s+(?:previous|preceding|following|next)\s+year\b", re.I)
_SPAN_IN = re.compile(r"\b((?:19|20)\d\d[-/]\d\d)\b")


_ONE_YEAR = r"(?:that|the same)\s+(?:financial\s+|academic\s+)?year\b"
_SAME_YEAR = re.compile(rf"\b(?:in\s+|for\s+|during\s+)?{_ONE_YEAR}", re.I)
_THAT_YEAR = re.compile(rf"\b(?:(?:in|during)\s+)?{_ONE_YEAR}", re.I)  # (with_years_counted: "asked for that year" keeps its "for")


def _relative_year(question: str, base: str) -> str:
    """ "two years later" -> the previous question's one year plus two ("And two years later?" after "... in 2017?").

    Why: the documents are surveys of different years, and a reader moves between them by
    distance as often as by date; without the arithmetic the phrase became a topic.
    """
    adjacent = _ADJACENT_YEAR.search(question)
    span = list(dict.fromkeys(_SPAN_IN.findall(base)))
    same = _SAME_YEAR.search(question)
    if same and (len(span) == 1 or len(set(_YEAR.findall(base))) == 1):  # "... income that year?" after "... in 2020-21?"
        return question[: same.start()] + f"in {span[0] if span else _YEAR.findall(base)[0]}" + question[same.end():]
    if adjacent and len(span) == 1:  # "And the year before that?" after "... in 2021-22?": 2020-21
        step = -1 if re.search(r"before|previous|earlier", adjacent.group(0), re.I) else 1
        start = int(span[0][:4]) + step
        return question[: adjacent.start()] + f"in {start}-{(start + 1) % 100:02d}" + question[adjacent.end():]
    m = _RELATIVE_YEAR.search(question)
    years = set(_YEAR.findall(base))
    if adjacent and len(years) == 1:
        year = int(years.pop()) + (-1 if re.search(r"before|previous|earlier", adjacent.group(0), re.I) else 1)
        return question[: adjacent.start()] + f"in {year}" + question[adjacent.end():]
    if not m or len(years) != 1:
        return question
    word = m.group(1).lower()
    n = int(word) if word.isdigit() else 1 if word == "a" else _NUMBER_WORDS[word]
    year = int(years.pop()) + (-n if m.group(2).lower() in ("earlier", "before", "previously", "ago") else n)
    return question[: m.start()] + f"in {year}" + question[m.end():]


# Words that may stand around a year in a follow-up that only changes the year:
# "And in 2019?", "What about the 2015 survey?", "Same question for 2019?", "How does that compare with 2019?"
_YEAR_FILLER = frozenset(
    "and also so but then ok okay now what how about in for from during the a same question again figure figures number numbers "
    "one ones result results survey surveys report edition data year please that this it compare compared comparison with to "
    "against versus vs does do did is was change changed differ "
    # "Was it higher in 2019?", "Did that go up by 2019?": the same measure, compared with another year
    "were has have had by higher lower more less fewer rise rose risen fall fell fallen go went gone up down increase increased "
    "decrease decreased improve improved better worse grow grew drop dropped "
    # "What did the 2019 one say?", "And what did the 2015 survey find?": the same question of that year's edition
    "say said says find found finds show showed shows "
    # "And what about the same period in 2025?": the months asked before, of another year
    "period months".split())
_COMPARE = re.compile(r"\b(compare[sd]?|comparison|versus|vs|differ\w*|change[sd]?|higher|lower|more|less|fewer|ris(?:e|en)|rose|"
                      r"fall(?:en)?|fell|up|down|increased?|decreased?|improved?|better|worse|grow|grew|drop(?:ped)?)\b", re.I)
# "And what did it find about X?": the previous question's frame, with "it" for its subject and a new topic
_SAME_FRAME = re.compile(r"^\W*(?:ok(?:ay)?\s*,?\s*)?(?:and|so|now|then)?\s*,?\s*what\s+(?:did|does|do)\s+(?:it|they)\s+"
                         r"(?P<verb>find|say|report|show|conclude|recommend|propose)\s+(?:about|on|regarding|for)\s+(?P<topic>[^?]{2,80}?)\s*\??\s*$", re.I)
_PRONOUN_ONLY = re.compile(r"^\s*(?:it|that|this|them|those|these)\s*$", re.I)
# "Has that improved since?", "Did it change after that?": the same measure in later years
_SINCE = re.compile(r"\b(?:since|since then|over time|afterwards|after that|later on|in later years)\s*\??\s*$", re.I)
# "And how many organisations?" / "How many organisations?": a count of something else, nothing more
_HOW_MANY_ONLY = re.compile(r"^how many\s+((?:[a-z-]+\s+){0,2}[a-z-]+s)$", re.I)  # a noun phrase only, no verb after it
_HOW_MANY_PREVIOUS = re.compile(r"^(\s*how many\s+)(?:[a-z-]+\s+){0,2}?[a-z-]+?s\b(?=\s+(?:did|do|does|were|was|are|is|had|have|has|would|will)\b)", re.I)
# A follow-up that is only "when" or "who" ("And by when?", "Who?")
_BARE_ASK = re.compile(r"^(?:by\s+)?(when|who|whom)$", re.I)
# A phrase opening the question and closed by a comma ("In the 2021 pulse survey, what share ...?"): it sets
# the scene, and its preposition does not introduce the question's topic
_FRONTED = re.compile(r"^\s*(?:in|for|on|about|regarding|concerning|with)\b[^,?]{1,80},", re.I)


def _topic_preps(base: str) -> list[re.Match]:
    """The topic prepositions of ``base`` ("about", "on", "for", ...) after any phrase that opens it.

    Why: "In the 2021 pulse survey, what share reported a data analysis skills gap?" then "And what
    about cyber security?" became "In cyber security?": the opening "In" was taken for the topic's.
    """
    fronted = _FRONTED.match(base)
    start = fronted.end() if fronted else 0
    return [m for m in _TOPIC_PREP.finditer(base) if m.start() >= start]


# "Recommendation 4", "the Table 3", "section 5": a kind of thing and its number
_NUMBERED = re.compile(r"^(?:the\s+)?(?P<kind>[A-Za-z]{3,})\s+(?P<number>\d{1,3}[a-z]?)$", re.I)
# "the one on X", "that one about X", "the ones for X": another of the same kind of thing, named by its topic
_ONE_OF_KIND = re.compile(r"^(?:the|that|this)\s+ones?\s+(?=(?:about|on|for|regarding|concerning|with)\s+\S)", re.I)
# "the recommendation on dual-network routers in the mobile data terminals insight": a thing by its topic, then where it is
_KIND_ON_TOPIC = re.compile(r"\b(?:recommendations?|proposals?|actions?|priorit(?:y|ies)|case\s+stud(?:y|ies)|pilots?|projects?|"
                            r"schemes?|programmes?|lessons?|findings?|barriers?|risks?)\s+(?P<prep>on|about|for|regarding)\s+"
                            r"(?P<topic>[^?,]+?)(?=\s+(?:in|of|from)\s+(?:the|its|their|this|that)\b)", re.I)


def _one_in_scope(topic: str, base: str) -> str | None:
    """``base`` with the topic of the thing it asks about replaced by ``topic``, when that thing is named by its topic and
    then by where it is: "Who owns the recommendation on dual-network routers in the mobile data terminals insight?" and
    "the one about training time" -> "... the recommendation on training time in the mobile data terminals insight"
    (the last topic preposition is the document's "in", which is not what "the one" replaces)."""
    m = _KIND_ON_TOPIC.search(base)
    if not m or not topic.strip():
        return None
    topic = _LEADING_PREP.sub("", topic.strip()) or topic.strip()
    return base[: m.start("topic")] + topic + base[m.end("topic"):]


# A passive question's participle after its subject: "When was the Insight on skills published?"
_PASSIVE_OPENING = re.compile(r"^\s*(?:when|where|why|how|by whom|who|which|what)\b.*?\b(?:was|were|is|are|has|have|had|will be|would be)\s+\S", re.I)
_PARTICIPLE = re.compile(r"\s+((?:[a-z]{2,}ed|written|taken|given|chosen|done|run|held|set|made|sent|found|seen|known|shown|begun|drawn)"
                         r"(?:\s+(?:out|up|on|off|forward|in))?)\s*$", re.I)


# A question whose main verb closes it, after "does/did/do" and its subject: "What does the Insight on X propose?"
_DO_OPENING = re.compile(r"^\s*(?:what|which|how|why|who|whom|where|when)\b(?:\s+\w+){0,3}?\s+(?:does|did|do)\s+\S", re.I)
_CLOSING_VERB = re.compile(r"\s+((?:propose|recommend|suggest|say|find|show|mean|cover|include|conclude|ask\s+for|want|need|require|"
                           r"argue|report|describe|measure|offer|cost|say\s+about\s+it|call\s+for|set\s+out))\s*$", re.I)


def _closing_participle(base: str, topic_start: int) -> str:
    """The verb closing a question after its topic (" published", " propose"), to be kept when the topic is replaced.

    Why: "When was the Insight on digital skills published?" then "And the one on sharing?" means
    "When was the Insight on sharing published?"; replacing everything after "on" dropped the verb
    and asked "When was the Insight on sharing?". Likewise "What does the Insight on X propose?":
    its verb, after "does" and the subject, closes the question.
    """
    rest = base[topic_start:]
    m = _PARTICIPLE.search(rest) if _PASSIVE_OPENING.match(base) else None
    opening = _DO_OPENING.match(base)
    if m is None and opening:
        m = _CLOSING_VERB.search(rest)
        before_topic = set(re.findall(r"[a-z]+", base[opening.end() - 1 : topic_start].lower()))
        if m and (before_topic & _REPORTING_VERBS or _SUBJECT_BEFORE.search(rest[: m.start() + 1])):
            m = None  # "What did they say about the help they need?": the verb came before the topic; "need" is the topic's
    if not m or m.start() == 0:
        return ""
    return " " + m.group(1)


# Verbs that, before the topic, show the question's main verb came already (nouns as well, such as "report", left out)
_REPORTING_VERBS = frozenset("propose recommend suggest say said find found show mean cover include conclude ask want require argue "
                             "describe think feel tell know see expect".split())
_SUBJECT_BEFORE = re.compile(r"\b(?:they|we|i|you|he|she|it|people|staff|respondents|departments)\s*$", re.I)


# "... in the 2024 survey", "... in their 2025 family survey" closing a question: which edition, not its topic
_EDITION_CLOSING = re.compile(rf"\s+(?:in|from)\s+(?:the|its|their)\s+(?:[\w'’-]+\s+){{0,2}}(?:19|20)\d\d(?:-\d\d)?\s+(?:[\w'’-]+\s+){{0,2}}"
                              rf"{EDITION_NOUNS}s?$", re.I)


_LEADING_PREP = re.compile(r"^(?:about|on|for|regarding|concerning|with)\s+", re.I)


# Prepositions that narrow a question to a group, place or breakdown rather than name its topic:
# "And among Executive Officers?", "And in Scotland?", "And by grade?".
# bodies of one place: "London boroughs", "the Welsh health boards", "Scottish councils"
_PLACE_GROUP = re.compile(r"^(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+(?:[a-z]+\s+)?(?:boroughs|councils|authorities|trusts|boards|areas|"
                          r"regions|forces|services|schools|hospitals|practices|districts|counties|cities|towns)$")
_QUALIFIER = re.compile(r"^(?:in|among|amongst|within|across|at|by|outside|inside|between|from|under)\s+\S", re.I)


def _qualified(base: str, phrase: str) -> str:
    """The previous question narrowed by ``phrase``: a closing phrase with the same preposition is
    replaced ("... in the Senior Civil Service" -> "... in Executive Officer grades"), unless it
    names a year; otherwise the phrase is added at the end.

    Why: "What share saw culture as a barrier?" then "And among Executive Officers?" asks the
    same question of a group; treating "among Executive Officers" as a new topic lost the question.
    """
    if _YEAR.search(phrase):  # "And in the 2022 pilot?" after "... by phone in 2023-24?": the new year's phrase replaces the old
        dated = list(re.finditer(r"\s*\b(?:in|for|during)\s+(?:the\s+)?(?:(?:financial|calendar|survey)\s+)?(?:year\s+)?"
                                 r"(?:19[5-9]\d|20[0-4]\d)(?:\s*[-–/]\s*(?:19|20)?\d\d)?\b", base, re.I))
        if len(dated) == 1:
            return base[: dated[0].start()] + " " + phrase + base[dated[0].end():]
    prep = phrase.split()[0].lower()
    closing = list(re.finditer(rf"\b{prep}\s+(?!(?:the\s+)?(?:19[5-9]\d|20[0-4]\d)\b)", base, re.I))
    if closing and not _TOPIC_PREP.search(base[closing[-1].end():]):
        return base[: closing[-1].start()] + phrase
    return f"{base} {phrase}"


_AFTER_ONLY = re.compile(r"^(?:afterwards?|after(?:\s+that|\s+it)?|later|since then)$", re.I)
_BEFORE_ONLY = re.compile(r"^(?:before(?:hand|\s+that|\s+it)?|earlier|previously)$", re.I)


def _other_side(rest: str, base: str) -> str | None:
    """The previous question about "before X" asked about "after X", or the other way round, when the
    follow-up only says "afterwards" or "beforehand"; None otherwise.

    Why: "How long were people queueing before the booking pilot?" then "And afterwards?" asks the same
    of the time after the pilot; read as a topic, it became "How long were afterwards?"."""
    if _AFTER_ONLY.match(rest) and len(re.findall(r"\bbefore\b", base, re.I)) == 1:
        return re.sub(r"\bbefore\b", "after", base, flags=re.I)
    if _BEFORE_ONLY.match(rest) and len(re.findall(r"\bafter\b", base, re.I)) == 1:
        return re.sub(r"\bafter\b", "before", base, flags=re.I)
    return None


_MEANS = r"(?:under|with|using|through|via)"
_MEANS_CLOSING = re.compile(rf"\s+{_MEANS}\s+(?:the\s+|a\s+|an\s+)?[\w'’ -]{{2,60}}$", re.I)


def _other_means(rest: str, base: str) -> str | None:
    """The previous question asked of another way of doing it: its closing "under / with / using / through
    X" phrase replaced by the follow-up's; None when either has no such phrase.

    Why: "How long did a dispute take to reach a decision under the old process?" then "And with the online
    service?" asks the same of the new service; read as a topic, it became "What do the documents say about
    the online service?"."""
    if not re.match(rf"^{_MEANS}\s+\S", rest, re.I):
        return None
    closing = _MEANS_CLOSING.search(base)
    if closing is None or _TOPIC_PREP.search(closing.group(0).split(None, 1)[1]):
        return None
    return base[: closing.start()] + " " + rest


def _year_only(text: str) -> str | None:
    """The one year of a follow-up that says nothing else ("the 2019 figure", "same question for 2019")."""
    years = set(_YEAR.findall(text))
    if len(years) != 1:
        return None
    words = re.findall(r"[a-z]+", _YEAR.sub(" ", text.lower()))
    return years.pop() if all(w in _YEAR_FILLER for w in words) else None


def _is_bare_topic(text: str) -> bool:
    """A short phrase without a verb ("culture", "in 2019", "R5") is a topic, not a question."""
    return len(text.split()) <= 4 and not _HAS_VERB.search(text)


# Only pronouns whose referent is the previous topic, not its subject: the object of a preposition
# ("guidance on it"), or a possessive after a "what is X" question ("its pilot" after "What is X?").
# "And what did it recommend?" (it = the report, or the topic?) is left to the caller.
_PRONOUN = re.compile(r"\b(?:on|about|for|of|with|to|in|from|regarding|into|towards?)\s+(it|them)\b|\b(its|their)\b", re.I)
# The object may stand before a verb's particle: "Who should take it forward?", "Who will carry it out?"
_OBJECT_AT_END = re.compile(r"\b(?!(?:is|are|was|were|be|been)\b)[a-z]+\s+(it|them|that|this)"
                            r"(?:\s+(?:forward|forwards|on|up|out|over|through|back|off|down|in|ahead))?\s*[?.!]?\s*$", re.I)
# A subject pronoun straight after an auxiliary: "How many placements would it have?"
# ("How much would it cost to replace them?": "it" there stands for the "to ..." that follows, not for anything named
# before; "How long did it take to ...?" is left as it was: reading its "it" so cost a frozen set a key fact)
NOT_STANDING_FOR_IT = r"(?!\s+costs?\b[^?]*?\bto\s+[a-z])"
_SUBJECT_PRONOUN = re.compile(r"\b(?:would|will|does|do|did|should|shall|can|could|must|might|may|has|have)\s+(it|they)\b"
                              + NOT_STANDING_FOR_IT, re.I)
_IT = re.compile(r"\bit\b(?!['’])", re.I)
_NAMED = re.compile(r"^(?:the\s+)?[A-Z][\w'’-]*\s+[A-Z]")  # "the Farm Resilience Fund": a thing by its name
# a topic that is a document or an edition of one ("the 2024 taxpayer survey"): what "it" in the next turn stands for
_DOCUMENT_TOPIC = re.compile(rf"^(?:the|this|that|its|their)\s+(?:[\w'’-]+\s+){{0,5}}?{EDITION_NOUNS}$", re.I)
_WHAT_IS = re.compile(r"^\s*(?:what|who|which)\s+(?:is|are|was|were)\s+(.+)$", re.I)
# where a "What is X?" question says X comes from: "... proposed in the 2025 police skills survey", "... in the blog"
_IN_DOCUMENT = re.compile(r"\s+(?:(?:proposed|described|mentioned|set out|recommended|named|outlined|discussed|planned)\s+)?(?:in|by|from)\s+"
                          r"(?:the|a|this|that)\s+[^?]*?\b(?:survey|report|review|briefing|insight|blog|note|paper|document|study|evaluation)\s*$",
                          re.I)
# "What does X propose", "What does X ask for" (a verb with its particle), "How many responses did X get": X
# (the subject never ends in a word that needs another after it: in "What do councils think of the portal?" the last word is
# the object's, not the verb, and "councils think of the" is no subject)
_AUX_SUBJECT = re.compile(r"^\s*\w+(?:\s+\w+){0,2}?\s+(?:does|do|did|is|are|was|were|will|would|should|can|could|has|have|had)\s+"
                          r"(.+?)(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bof)(?<!\bto)(?<!\bfor)(?<!\bwith)(?<!\bin)(?<!\bon)(?<!\bits)(?<!\btheir)\s+\w+"
                          r"(?:\s+(?:for|about|on|to|with|of|from|by|at|up|out|into|live|online|ahead|forward|wrong|well))?$", re.I)  # "go live"
_ASKS = re.compile(r"^(?:who|whom|whose|which|what|when|where|why|how)\b", re.I)
_LEADING = re.compile(r"^\s*(?:and|also|so|but|then|ok|okay|now)\s*,?\s+", re.I)


_ATTRIBUTE_OF = re.compile(r"^(?:the\s+)?(?:[\w-]+\s+)?(?:budget|cost|price|size|number|share|aim|purpose|target|name|goal|scope|"
                           r"timescale|deadline|status|value|total|length|duration|remit)\s+of\s+(.{3,})$", re.I)


def previous_topic(previous: str) -> str:
    """What the previous question was about: after its last topic preposition, X of "what is X", or its last two words."""
    base = previous.strip().rstrip("?").strip()
    what = _WHAT_IS.match(base)
    sourced = _IN_DOCUMENT.search(what.group(1)) if what else None
    if sourced and sourced.start() > 0:  # "What is the 'enter once' programme proposed in the 2025 survey?": the programme
        return what.group(1)[: sourced.start()].strip()
    preps = _topic_preps(base)
    if preps and base[preps[-1].end():].strip():
        return base[preps[-1].end():].strip()
    if what:
        of = _ATTRIBUTE_OF.match(what.group(1).strip())  # "What is the budget of X?": "its" is X's, not the budget's
        return (of.group(1) if of else what.group(1)).strip()
    aux = _AUX_SUBJECT.match(base)
    if aux:
        return aux.group(1).strip()
    who = _WHO_DID.match(base)
    if who:  # "Who ran the Tamar Libraries assisted renewal pilot?": the pilot, by its whole name
        return who.group("thing").strip()
    return " ".join(base.split()[-2:])


def _only_subject(previous: str) -> bool:
    """Is the previous question about one thing only: "What is X?", or "What does X propose?" with
    no topic phrase after its verb? Then "it" in the follow-up, subject or object, can only be X.

    Why: "What does recommendation R4 propose?" then "Who owns it?" or "When should it be done?"
    has one referent; after "What did the survey find about skills?" "it" may be the survey or
    the topic, and that is left to the caller.
    """
    base = previous.strip().rstrip("?").strip()
    return bool(_WHAT_IS.match(base)) or (bool(_AUX_SUBJECT.match(base)) and not _TOPIC_PREP.search(base))


def _resolve_pronoun(question: str, previous: str) -> str | None:
    """The follow-up with its first pronoun replaced by the previous topic, or None when it has none."""
    m = _PRONOUN.search(question)
    topic = previous_topic(previous)
    counted = _HOW_MANY_THINGS.match(previous)
    if m and (m.group(1) or "").lower() == "them" and counted:  # "the most of them" after "How many digital champions ...?"
        topic = f"the {counted.group('things')}"
    if not topic:
        return None
    if not m:  # "Who should lead it?" after "What is X?": the object closing the question is X
        doer = doer_for(question, previous)
        if doer:  # "How much funding did it receive?" after "What did the Morecambe Bay pilot find about falls?"
            return doer
        it = _IT.search(question)
        if it and _DOCUMENT_TOPIC.search(topic):
            # "When was it in the field?" after "How many took part in the 2024 taxpayer survey?": the survey
            rewritten = question[: it.start()] + topic + question[it.end():]
            return rewritten[:1].upper() + rewritten[1:]
        if not _only_subject(previous):
            return _object_of_who(question, previous)
        end = _OBJECT_AT_END.search(question) or _SUBJECT_PRONOUN.search(question)
        if not end:
            return None
        if end.group(1).lower() in ("it", "that", "this") and _PLURAL_SUBJECT.search(topic):
            return None  # "How long does it take?" after "Which route do most directors use?": the route, not the directors
        rewritten = _LEADING.sub("", question[: end.start(1)] + topic + question[end.end(1):])
        return rewritten[:1].upper() + rewritten[1:]
    possessive = m.group(2) is not None
    base = previous.strip().rstrip("?")
    # ("its third round" after "What does the Farm Resilience Fund pay for?": a thing named as the subject owns it too)
    # (not a thing someone owns: "its systems" after "... Greyhaven Police's ransomware recovery cost?" are the police's)
    named_subject = (m.group(2) is not None and m.group(2).lower() == "its" and _AUX_SUBJECT.match(base) and _NAMED.match(topic)
                     and not re.search(r"['’]s?\b", topic))
    if possessive and not _WHAT_IS.match(base) and not named_subject:
        return None
    if not possessive:  # replace the pronoun only, keep the preposition
        start, end = m.span(1)
        rewritten = _LEADING.sub("", question[:start] + topic + question[end:])
        return rewritten[:1].upper() + rewritten[1:]
    replacement = f"{topic}'s" if possessive and not topic.endswith("s") else (f"{topic}'" if possessive else topic)
    rewritten = question[: m.start()] + replacement + question[m.end():]
    rewritten = _LEADING.sub("", rewritten)
    return rewritten[:1].upper() + rewritten[1:]


# "What did the Morecambe Bay pilot find about falls at night?", "Which group did councils say ...?": who did it
_DOER = re.compile(r"^\W*(?:and\s+)?(?:what|which|how|why|where|when)\b(?:\s+[\w'’-]+){0,4}?\s+(?:did|do|does|has|have|had)\s+"
                   r"(?P<subject>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,6}?)\s+(?:find|say|report|propose|recommend|show|reveal|"
                   r"ask|name|identify|learn|raise|mention|describe|suggest|highlight|tell|cite|list|complain|note|flag|want|"
                   r"need|pick|choose|prefer|expect|conclude)\b", re.I)
# (only a verb of finding or saying: after "What did the council change?", "How much difference did it make?" asks of the
# change, not of the council)
_PLURAL_SUBJECT = re.compile(r"[^su]s$|\b(?:staff|people|police|children|public)$", re.I)
# "Who ran the Calder Valley pilot?": what was done, which "it" in the next turn is
_WHO_DID = re.compile(r"^\W*(?:and\s+)?who\s+(?:[a-z]+ed|ran|led|wrote|runs|leads|made|built|paid|funds|set up|began|started)\s+"
                      r"(?P<thing>(?:the|this|that)\s+[^?]{3,80}?)\s*\??\s*$", re.I)
_OBJECT_IT = re.compile(r"(?<!\bdoes )(?<!\bdid )(?<!\bdo )(?<!\bwill )(?<!\bwould )(?<!\bcan )(?<!\bcould )(?<!\bshould )"
                        r"(?<!\bis )(?<!\bwas )(?<!\bhas )(?<!^)\b(it)\b(?!['’]s)" + NOT_STANDING_FOR_IT, re.I)


def doer_for(question: str, previous: str) -> str | None:
    """The follow-up with its subject pronoun ("did it", "do they") replaced by the previous question's subject,
    when the two agree in number; None otherwise.

    Why: "How much funding did it receive?" after "What did the Morecambe Bay pilot find about falls at night?"
    and "What else did they say they would like?" after "What obstacles did environmental field officers report?"
    were kept as follow-ups and answered with the first turn's findings: "it" and "they" are who found and who said.
    """
    pronoun, doer = _SUBJECT_PRONOUN.search(question), _DOER.match(previous.strip())
    if not pronoun or not doer:
        return None
    subject = doer.group("subject").strip()
    if _ASKS.match(subject) or bool(_PLURAL_SUBJECT.search(subject)) != (pronoun.group(1).lower() == "they"):
        return None
    rewritten = _LEADING.sub("", question[: pronoun.start(1)] + subject + question[pronoun.end(1):])
    if _POINTS_ELSEWHERE.search(rewritten):
        return None  # "What did the report recommend about that?": "that" is still the caller's to read
    if pronoun.group(1).lower() == "it" and re.search(r"\b(?:them|they|their)\b", rewritten, re.I):
        return None  # "What does it cost them?" after "Which app did Kestlow Council choose?": "them" is the council, "it" the app
    return rewritten[:1].upper() + rewritten[1:]


# a pronoun left pointing at something else than the subject: "... about that?", "... with them?"
_POINTS_ELSEWHERE = re.compile(r"\b(?:about|on|with|for|of|to|in|from|regarding)\s+(?:that|this|them|those|these|it)\b", re.I)


def _object_of_who(question: str, previous: str) -> str | None:
    """ "Where do they plan to extend it next?" after "Who ran the Calder Valley pilot?": "it" as an object is the pilot."""
    did, it = _WHO_DID.match(previous.strip()), _OBJECT_IT.search(question)
    if not did or not it:
        return None
    rewritten = _LEADING.sub("", question[: it.start(1)] + did.group("thing") + question[it.end(1):])
    return rewritten[:1].upper() + rewritten[1:]


# "How many digital champions did X train?": the things counted, which "them" in the next question is
# "... did Harrowfield have to renew in the 2024 peak": a doer by its name, its verb and the rest (after "How many X did");
# not "the SafeRide Check register find", where a noun ends the name
_DID_NAME = re.compile(r"^\s*(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+(?P<verb>[a-z]+)(?P<rest>(?:\s+[^?]*)?)\s*\??\s*$")
_PAST = {"have": "had", "do": "did", "get": "got", "make": "made", "take": "took", "give": "gave", "find": "found", "run": "ran",
         "send": "sent", "see": "saw", "hold": "held", "win": "won", "issue": "issued", "spend": "spent", "lose": "lost"}
_YEAR_OR_PERIOD = re.compile(r"(?<![\d/–-])\b(?:19[5-9]\d|20[0-4]\d)(?:\s*[-–/]\s*(?:\d\d){1,2}\b)?(?![\d/–-])")
_HOW_MANY_THINGS = re.compile(r"^\W*(?:and\s+)?how\s+many\s+(?P<things>(?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+s)\s+"
                              r"(?:did|do|does|were|are|was|had|have|has|will|would)\b", re.I)


# Words of a question's frame, not its topic: sharing one of them does not make two questions one topic
_FRAME_STEMS = frozenset(w for word in ("survey surveys respondents respondent share proportion percentage per cent said say "
                                        "find found report reported documents document many much most largest biggest "
                                        "highest lowest civil servants staff people organisation organisations").split()
                         for w in analyse(word))


# A question a survey's figures answer (a share, a count, the largest or smallest): a year picks the survey
_SURVEY_MEASURE = re.compile(r"\b(?:what|which)\s+(?:share|proportion|percentage|fraction)\b|\bhow (?:many|much|often)\b|"
                             r"\b(?:largest|biggest|highest|lowest|smallest|least|most)\b", re.I)


def with_conversation_year(question: str, previous: str) -> str | None:
    """A question of its own asked in a conversation about one year, on the same topic: with that year.

    Usage: ``with_conversation_year("Which area had the largest gap?", "What did the 2019 survey find
    about skills gaps?")`` -> ``"Which area had the largest gap in 2019?"``.

    Why: the documents are surveys of several years that ask the same questions; a reader who has
    just asked about 2019 and goes on about the same topic ("gap") means 2019, and without the
    year the answer led with another year's figure. A question that names a year of its own,
    shares no topic word with the previous one (only frame words such as "survey" or "share"), or
    asks for no survey measure (a share, a count, the largest: "What did the report recommend on
    skills?" is about a report, not a survey year) is left as asked; so is one after a question
    naming no year or several.
    """
    if _YEAR.search(question) or not _SURVEY_MEASURE.search(question) or _YEAR_SPAN.search(previous):
        return None
    years = set(PLAIN_YEAR.findall(previous))
    if len(years) != 1:
        return None
    shared = (set(analyse(question)) & set(analyse(previous))) - _FRAME_STEMS
    if not shared:
        return None
    return f"{question.strip().rstrip('?').rstrip()} in {years.pop()}?"


# "And what about the apprenticeship service - how many employers had accounts?": a new topic, then a whole question
_TOPIC_THEN_QUESTION = re.compile(
    r"^\W*(?:(?:and|but|so|now)\s+)?(?:what|how)\s+about\s+(?P<topic>(?:[^,;?–—-]|(?<=\w)-(?=\w)){3,80}?)\s*(?:,|;|\s[-–—])\s*"
    r"(?P<question>(?:what|how|who|when|which|where|why|did|does|do|is|are|was|were|has|have|can)\b[^?]*\??)\s*$", re.I)
_HOW_MANY_VERB = re.compile(r"^(how many)\s+(?=(?:were|was|are|is|went|did|had|have|got|came|made|used|took)\b)", re.I)
_PRONOUN_OBJECT = re.compile(r"\b(?:that|this|it|they|them)\b(?!\s+(?:of|is|was|are|were)\b)", re.I)


def topic_then_question(question: str) -> str | None:
    """ "And what about its AI pilot, what did that achieve?" -> "What did its AI pilot achieve?";
    "And what about the apprenticeship service - how many employers had accounts?" -> "How many
    employers had accounts (the apprenticeship service)?"; None for any other turn.

    Why: the turn names its topic and then asks a whole question; read as "what about X" alone,
    the question part was dropped and the previous question asked again about X, or the whole
    turn was kept as a follow-up to the previous question's topic."""
    m = _TOPIC_THEN_QUESTION.match(question.strip())
    if not m:
        return None
    topic, asked = m.group("topic").strip(), m.group("question").strip().rstrip("?").strip()
    counted = _HOW_MANY_VERB.match(asked)
    if counted:  # "what about catch certificates - how many went through the wallet?": how many catch certificates went
        things = re.sub(r"^(?:the|its|their)\s+", "", topic, flags=re.I)
        rewritten = f"{counted.group(1)} {things} {asked[counted.end(1):].strip()}"
    elif _PRONOUN_OBJECT.search(asked):
        rewritten = _PRONOUN_OBJECT.sub(topic, asked, count=1)
    else:
        rewritten = f"{asked} ({topic})"
    return rewritten[:1].upper() + rewritten[1:] + "?"


_COUNT_WORDS = {"a": 1, "one": 1, **COUNT_WORDS}
# "three years on", "two years later", "a year earlier": a year counted from the one the conversation is about
_YEARS_COUNTED = re.compile(r"\b(?:(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years?\s+"
                            r"(?P<way>on|later|after(?:wards)?|afterwards|earlier|before|previously)|(?P<next>the\s+)?(?P<near>next|following|previous)\s+year)\b", re.I)


def with_years_counted(question: str, previous: str) -> str | None:
    """The question with a year counted from the previous question's year written as that year, or None.

    Usage: ``with_years_counted("And how did that look three years on?", "What did the 2022 survey find about X?")``
    -> ``"And how did that look in 2025?"``. Why: a reader counts editions in years ("two years later"); the rewrites
    that swap one year for another need the year itself. "that year" and "the same year" are that year. Only after a
    question naming one year, and only for a question naming none of its own.
    """
    m = _YEARS_COUNTED.search(question)
    years = set(PLAIN_YEAR.findall(previous))
    same = _THAT_YEAR.search(question)  # "What did practitioners ask for that year?": the year itself
    if same and not _YEAR.search(question) and len(years) == 1:
        return f"{question[:same.start()]}in {years.pop()}{question[same.end():]}"
    if not m or _YEAR.search(question) or len(years) != 1:
        return None
    if m.group("near"):
        step = -1 if m.group("near").lower() == "previous" else 1
    else:
        n = m.group("n").lower()
        step = int(n) if n.isdigit() else _COUNT_WORDS[n]
        step = -step if m.group("way").lower() in {"earlier", "before", "previously"} else step
    year = int(years.pop()) + step
    return f"{question[:m.start()]}in {year}{question[m.end():]}"

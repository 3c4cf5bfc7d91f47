"""What kind of answer a question asks for: a list, a figure, a breakdown by group, a publication
date, a date, a length of time, a proposal, an obstacle, a body or a person.

Plain patterns over the question's own words; the answerer picks its lead line by them
(``assistant.line_choice``) and the chain by some of them (``assistant.chain``).
"""

from __future__ import annotations

import re

from assistant.authorship import asks_author
from indexing.keyword import analyse


# Questions that want several items ("What are the recommendations?"); "Which option does the Board
# recommend?" asks for one (a singular noun right after "which"), as does "Which research firm did the fieldwork?"
# (a singular noun closing a short noun phrase).
_AUX = r"(?:did|do|does|are|were|should|would|could|can|will|must)"
LIST_QUESTION = re.compile(
    rf"\b(what are|which are|list|name the|what were|which (?!(?:[a-z-]+ ){{0,2}}[a-z-]*[a-rt-z] {_AUX}\b)(?:[\w-]+ ){{0,4}}{_AUX}|"
    r"recommendations|areas|steps|barriers|ways|themes|actions|examples|proposals|priorities|lessons|tests|kinds|types|sorts|"
    r"layers|levels|tiers|categories|stages|elements|components|principles|questions|professions|channels|criteria|"
    r"problems|challenges|obstacles|risks|benefits|findings|reasons|causes|factors|rules|requirements|conditions|commitments|tasks|"
    r"features|options|improvements)\b",
    re.I,
)
_NAMES_DOCUMENT = re.compile(r"\s+(?:summary|report|insight|note|briefing|review|paper|document|blog)\b", re.I)
# ("what is the share of ...", as "what share of ...")
# ("What was the median number of steps ...?": a figure, whatever its kind of average)
_THE_MEASURE = r"what (?:is|was|are|were) the (?:(?:median|average|mean|total|typical)\s+)?(?:share|proportion|percentage|fraction|number)"
_COUNT_QUESTION = re.compile(rf"\b(how many|how much|what (?:share|proportion|percentage|fraction|number|per ?cent)|{_THE_MEASURE})\b", re.I)
# "What difference did X make to bills?", "How pleased are people with ...?": an effect or a rating, given as a figure
_CHANGE = (r"\b(?:up or down|down or up|more or (?:fewer|less)|higher or lower|rise or fall|risen or fallen)\b"
           # "What happened to the no-show rate once online booking came in?": the figure before and after
           r"|\bwhat happened to (?:the |its |their )?(?:[\w-]+ ){0,4}?(?:rates?|shares?|numbers?|proportions?|percentages?|levels?|"
           r"counts?|costs?|times?|figures?|totals?)\b"
           r"|\bhow (?:did|has|have|do|does)\b.{0,80}\bchanged?\b"
           r"|\b(?:risen|rose|fallen|fell|grown|grew|dropped|increased|decreased|changed|improved|worsened|come\s+down|gone\s+(?:up|down)|"
           r"got\s+(?:better|worse))\b.{0,40}\b(?:since|between)\s+(?:the\s+)?(?:19|20)\d\d\b")
CHANGE_QUESTION = re.compile(_CHANGE, re.I)
# "Why was that?", "How come some councils still use paper?": a cause or reasons asked for
WHY_QUESTION = re.compile(r"^\W*(?:(?:in|by|for|during|according to)\s[^,?]{2,60},\s*)?(?:(?:and|so|but|ok|okay)\s*,?\s+)?(?:why|how come)\b",
                          re.I)  # ("In 2023, why did people ...?": set in a year first)
_FIGURE_QUESTION = re.compile(r"\b(find|found|how many|how much|what (?:share|proportion|percentage|fraction|number|per ?cent)|how often|what (?:mean|median|average)"
                              rf"|{_THE_MEASURE}"
                              # "What will the weekly cap be?", "What is the fee?": an amount
                              r"|what (?:is|was|are|were|will|would) (?:the )?(?:[\w-]+ ){0,2}(?:cap|caps|fare|fares|fee|fees|price|prices|charge|charges)"
                              r"|what (?:difference|effect|impact)|how (?:pleased|satisfied|happy|content|confident)"
                              # "How common was it for staff to use their own phones?": how many did, a share
                              r"|how (?:common|widespread|usual|prevalent|rare)\s+(?:is|was|are|were)\b)\b"
                              # a change over time asks for the figure at each end: "gone up or down", "more or fewer"
                              rf"|{_CHANGE}", re.I)
# a setting a question opens with: "Back in 2022, did planning officers ...?", "According to the review, are ...?"
SETTING = r"(?:(?:back\s+)?(?:in|by|during|according\s+to|for)\s[^,?]{2,60},\s*)?"
_YES_NO = re.compile(rf"^\W*{SETTING}(?:and\s+|so\s+)?(?:are|is|do|does|did|will|would|was|were|have|has)\s+(?!there\b|it\b)", re.I)
# "How long would placements last?", "For how many weeks ...?": a length of time, or a span of dates
_DURATION_QUESTION = re.compile(r"\bhow long\b|\bfor how many (?:minutes|hours|days|weeks|months|years)\b|\bwhat (?:length|duration|period)\b", re.I)


# A question about how a measure splits across groups: "How did it vary by grade?", "the breakdown
# by location", "What share of each profession ...?". The groups are a table's rows or a sentence's
# comparisons; each wants its own line.
_GROUPS = r"(?:grades?|regions?|locations?|professions?|nations?|countr(?:y|ies)|organisations?|(?:organisation|department) types?|types? of (?:organisation|department)|sub-?groups?|groups?)"
_BREAKDOWN = re.compile(
    rf"\b(?:vary|varied|varies|differ|differed|differs|broken down|split|breakdown|distribution)\s+(?:\w+\s+){{0,3}}?(?:by|across|between|among|for)\s+(?:the\s+|each\s+|their\s+)?(?P<groups>{_GROUPS})\b"
    rf"|\b(?:of|in|for|by|across)\s+each\s+(?P<each>{_GROUPS})\b|\bbreakdown\s+by\b"
    rf"|\b(?:by|across)\s+(?:the\s+)?(?P<closing>{_GROUPS})\s*\??\s*$"  # "What share said X, by grade?"
    # "Where were respondents based?": how the people asked about spread across places
    r"|^\W*(?:and\s+)?where\s+(?:were|are|did|do)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:respondents|staff|participants|people|they)\s+"
    r"(?P<place>based|located|working|work|from)\b", re.I)


def asks_breakdown(question: str) -> bool:
    """ "How did X vary by grade?", "the breakdown by location": one figure per group."""
    return bool(_BREAKDOWN.search(question))


def _breakdown_groups(question: str) -> set[str]:
    """The stems of the groups a breakdown question names ("types of organisation" -> organis, type)."""
    m = _BREAKDOWN.search(question)
    words = (m.group("groups") or m.group("each") or m.group("closing") or ("location" if m.group("place") else "")) if m else ""
    return {w for w in analyse(words)}


# "What does the PSB want the Student Loans Company and DfE to change?": its recommendations, asked without the word
WANTS_CHANGE = re.compile(r"^\W*(?:and\s+)?what\s+(?:does|do|did|would)\s+.{2,80}?\b(?:want|wants|ask|asks|urge|urges|call on)\s+"
                          r"(?:.{2,80}?\s+)?to\s+(?:change|do|fix|improve|put right)\b"
                          # "What does the review want done?", "What does the PSB recommend landlords do about repairs?"
                          r"|^\W*(?:and\s+)?what\s+(?:does|do|did|would)\s+.{2,80}?\bwants?\s+done\b"
                          r"|^\W*(?:and\s+)?what\s+(?:does|do|did|would)\s+.{2,80}?\b(?:recommend|propose|suggest|advise)\s+(?:that\s+)?"
                          r"(?:[\w'’-]+\s+){1,5}?(?:do|should do|change)\b"
                          # "What did the 2026 report recommend?", "What did councils ask the unit and government for?": all it asks
                          r"|^\W*(?:and\s+)?what\s+(?:does|do|did|would|will)\s+(?:(?!recommendation\b)[^?]){2,80}?\b(?:recommend|propose|suggest|advise)\W*$"
                          r"|^\W*(?:and\s+)?what\s+(?:does|do|did|would|will)\s+.{2,80}?\bask\s+(?:[\w'’-]+\s+){1,6}?for\b", re.I)


# "Which accessibility failures came up most often?", "Which districts took part?": several things that did something
# (not one picked out by a measure: "Which councils had the highest share?")
_PICKED_OUT = r"highest|lowest|largest|smallest|biggest|best|worst|fewest|greatest|least"  # a superlative picks one out
_PLURAL_WHICH = re.compile(rf"^(?!.*\b(?:{_PICKED_OUT})\b)"
                           r"\W*(?:and\s+)?which\s+(?:[a-z-]+\s+)?[a-z-]+[^s\W]s\s+(?:came|come|were|took|take|got|went|stood|cropped|"
                           r"appeared|featured|kept|made)\b", re.I)
# "Where are the FareFlex pilots running?": every place, one per pilot
_PLURAL_WHERE = re.compile(rf"^(?!.*\b(?:{_PICKED_OUT}|most)\b)"
                           r"\W*(?:and\s+)?where\s+(?:are|were)\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,3}?[a-z-]+[^s\W]s\b", re.I)
# "What puts claimants off using the journal?": the barriers, asked without the word
PUTS_OFF = re.compile(r"^\W*(?:and\s+)?what\s+(?:puts|put|is putting|are putting)\s+(?:[\w'’-]+\s+){1,6}?off\b", re.I)


def is_list_question(question: str) -> bool:
    """ "What are the five tests?" is; "How many knew where ...?" is not, whatever nouns it uses.

    A question that asks for a count or share before it names a list wants one figure; so does
    one asking when something was published (a date per document, not a list). One
    that names the list first ("Which grades ... were they drawn from, and in what shares?")
    wants every item, each with its figure.
    """
    if asks_publication_date(question) or asks_author(question) or _WHEN_QUESTION.match(question):
        # "When were the three Insights published?" wants dates, "Who wrote up the PSB's findings ...?" a name, "When are
        # the findings due to go to the forum?" a date, whatever nouns they use
        return False
    if WANTS_CHANGE.search(question) or PUTS_OFF.search(question) or _PLURAL_WHICH.search(question) or _PLURAL_WHERE.search(question):
        return True
    # "the recommendations summary" names a document, not a list asked for
    listed = next((m for m in LIST_QUESTION.finditer(question) if not _NAMES_DOCUMENT.match(question, m.end())), None)
    count = _COUNT_QUESTION.search(question)
    return bool(listed) and (count is None or listed.start() < count.start())


def asks_publication_date(question: str) -> bool:
    """ "When was X published?" (not "When will the next one be published?")."""
    return bool(_PUBLISHED_QUESTION.search(question)) and not _FUTURE.search(question)


# ("... and when did it come out?": its publication)
_PUBLISHED_QUESTION = re.compile(r"^\W*(?:and\s+)?(?:when|on (?:which|what) (?:dates?|day))\b.*\b(?:published|released|issued|(?:come|came)\s+out)\b", re.I)
_PLURAL_PUBLISHED = re.compile(r"\b(?:were|dates)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|next|upcoming|future|planned)\b", re.I)


_PROPOSAL_QUESTION = re.compile(r"\b(?:propose[sd]?|recommend(?:s|ed)?|suggest(?:s|ed)?|call(?:s|ed)? for|want(?:s|ed)? (?:done|to happen))\b", re.I)
# a number asked for ("how many", "what share"); not "What did the survey find?", which a list of findings answers
ASKS_NUMBER = re.compile(r"\bhow (?:many|much|often|long)\b|\bwhat (?:share|proportion|percentage|fraction|number|per ?cent)\b", re.I)
# "When tenants report damp online, how long do they wait ...?" opens with a clause setting the scene, not a "when" question
SCENE_CLAUSE = r"(?![^?]*,\s*(?:how|what|which|who|where|why|is|are|was|were|do|does|did|can|will|would|has|have)\b)"
_WHEN_QUESTION = re.compile(r"^\W*(?:and\s+|so\s+)?(?:when|by when|from when|since when|on what date|in which year|in what year)\b"
                            + SCENE_CLAUSE, re.I)
# A question about what stands in the way
_OBSTACLE_QUESTION = re.compile(r"\b(?:what|which)\b.{0,40}?\b(?:stops?|stopping|prevents?|preventing|hinders?|hindering|holds?\s+(?:\w+\s+)?back|"
                                r"blocks?|gets?\s+in\s+the\s+way|stands?\s+in\s+the\s+way|barriers?|obstacles?)\b", re.I)
_WHO_QUESTION = re.compile(r"^\W*(?:and\s+|so\s+)?who(?:m)?\b", re.I)
WHICH_QUESTION = re.compile(r"^\W*(?:and\s+)?which\b", re.I)  # "Which prison had ...?": one of several things picked out


# "Which organisation carried out ...?", "What body runs ...?": a "who" question about a body
_WHICH_BODY = re.compile(r"^\W*(?:and\s+|so\s+)?(?:which|what)\s+(?:[a-z-]+\s+)?(?:organi[sz]ations?|bod(?:y|ies)|agenc(?:y|ies)|"
                         r"compan(?:y|ies)|firms?|contractors?|teams?|units?|institutions?)\s+(?:(?:is|was|were|are|will|would|should|has|have|had)\s+)?"
                         r"(?:be\s+|been\s+)?([a-z][a-z-]+)", re.I)


_SINCE = re.compile(r"\bsince\s+(?:the\s+)?((?:19|20)\d\d)\b", re.I)


def since_years(question: str) -> set[str]:
    """Years a change question counts from ("Has the share fallen since 2020?"): the answer needs that
    year's figure and the later ones, so the year does not narrow the evidence to its own documents."""
    return set(_SINCE.findall(question)) if CHANGE_QUESTION.search(question) else set()


# the whole the question picks a part of: "In which part of Great Britain ...", "Where in Wales ...", "which region of England"
_WHOLE_OF_PARTS = r"\b(?:which|what)\s+(?:part|region|area|nation|county|district)s?\s+of\s+(?:the\s+)?{}\b|\bwhere\s+in\s+(?:the\s+)?{}\b"


def is_whole_of_parts(question: str, name: str) -> bool:
    """Does the question name ``name`` as the whole it asks for a part of? Its row (the whole's figure) answers nothing."""
    escaped = re.escape(name)
    return re.search(_WHOLE_OF_PARTS.format(escaped, escaped), question, re.I) is not None

"""Does a drafted extractive answer contain the kind of thing the question asks for?

Similarity alone cannot tell "How much did the survey cost?" from "How many answered the survey?":
both match the survey passages well. So when a question asks for an amount of money, a count, a
person, a named body ("Which agency ran the fieldwork?") or a date ("When will ..."), the chosen
sentences must contain one; otherwise the documents do not answer it. A date asked for "after
2019" must be a later year. A figure question ("What share of respondents ...?", not a list)
answered by a table row must name that row: a row gives the figure for its own group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.acronyms import spelled_by_acronym, spelled_out
from assistant.answer import split_sentences, strip_citations
from assistant.line_facts import _counts
from assistant.markdown_answer import ROW_HEADING, table_row_cells
from assistant.notices import is_byline
from assistant.question_focus import PEOPLE_COUNTED, counted_action, counted_phrase, counted_stems
from assistant.question_shapes import ASKS_NUMBER, CHANGE_QUESTION, SCENE_CLAUSE, WHY_QUESTION, is_list_question
from assistant.table_extremes import near_stems
from assistant.year_phrases import EDITION_NOUNS, captioned_rows
from indexing.keyword import analyse

# "£3.1m", "620 pounds", or a figure under a currency-coded header ("Cost after (GBP): 9,591")
# (not a count in millions: "2.3 million e-books", "1.4 million visits")
_MONEY_A = re.compile(r"[£$€]\s?\d|\b\d[\d,.]*\s?(?:pounds?|pence)\b|\b\d[\d,.]*\s?(?:million|billion|bn|m|k)\b(?!\s+(?!pounds\b)[a-z-]+s\b)"
                      r"|\b(?:GBP|EUR|USD)\b\)?:?\s?\d", re.I)
_BY_HOW_MUCH = re.compile(r"\bby how much\b", re.I)
_SHARE_A = re.compile(r"\d\s?(?:%|per\s?cent)", re.I)
_COUNT_Q = re.compile(r"\bhow many\b", re.I)
_SCORE_Q = re.compile(r"^\W*(?:and\s+)?what\s+(?:(?:average|mean|median|overall)\s+)?(?:[\w-]+\s+)?(?:score|rating|mark)s?\b", re.I)
_SPEED_Q = re.compile(r"\bhow (?:fast|quick|quickly|slow|slowly)\b|\bwhat (?:\w+ ){0,2}speeds?\b", re.I)
_MEDIAN_Q = re.compile(r"\bmedian\b", re.I)
_MEAN_A = re.compile(r"\b(?:average|mean)\b", re.I)
# a length of time asked for: "How long ...?", "the average waiting time"
_TYPICAL_TIME = r"\b(?:average|median|mean|typical)\s+(?:[a-z-]+\s+){0,2}?(?:time|wait)\b|\bwaiting times?\b"  # "median triage time"
_DURATION_Q = re.compile(r"^\W*(?:(?:and|so)\s+)?(?:on average,?\s+)?how long\b|" + _TYPICAL_TIME, re.I)
_TYPICAL_TIME_Q = re.compile(_TYPICAL_TIME, re.I)  # (a typical time is never the dates something ran between)
# ... given in words ("three and a half weeks", "half an hour", "the same day", "overnight")
_SPAN_A = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a|an|half an?|a few|several)"
                     r"(?:\s+and\s+a\s+half)?\s+(?:(?:working|calendar|business|school)\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|fortnight)\b"
                     r"|\b(?:same|next)\s+(?:day|week)\b|\bovernight\b|\d+\s?-\s?(?:day|week|month|hour|minute)\b", re.I)
# ... or as a field whose label names the unit: "- Median days to close a complaint: 56"
_TIMED_FIELD = re.compile(r"^\W*[^:\n]*\b(?:seconds|minutes|hours|days|weeks|months|years)\b[^:\n]*:\s*\d"
                          # ... or a field of a time taken, in minutes and seconds: "- Average response to dwelling fires: 9:40"
                          r"|^\W*[^:\n]*\b(?:average|mean|median|response|time|times|wait|duration)\b[^:\n]*:\s*[+-]?\d{1,2}:[0-5]\d\b",
                          re.I | re.M)
# ... or as the dates it ran between ("from March to August 2024", "since 2019")
_DATED_SPAN = re.compile(r"\b(?:since|from|between|until|till)\b[^.;\n]{0,40}?\b(?:19[5-9]\d|20[0-4]\d)\b", re.I)
# the speed of a connection, given only as a bit rate
_LINE_WORDS = r"(?:broadband|wi-?fi|internet|connections?|download|upload|fibre|network|mobile data|signal)"
_LINE_SPEED_Q = re.compile(rf"\b{_LINE_WORDS}\b[^?]*\bspeeds?\b|\bspeeds?\b[^?]*\b{_LINE_WORDS}\b"
                           rf"|\bhow fast (?:is|are|was|were) (?:the |their |its )?(?:(?!of\b)[\w-]+ ){{0,3}}?{_LINE_WORDS}\b", re.I)
_BIT_RATE = re.compile(r"\d\s?(?:[kmg]bps|[kmg]b/s|(?:kilo|mega|giga)bits?)\b|\b(?:gigabit|megabit)s?\s+(?:per|a)\s+second\b", re.I)
# a speed, a time taken, or a rate of growth ("22% a year")
_SPEED_A = re.compile(r"\d\s?(?:[kmg]bps|[kmg]b/s|(?:kilo|mega|giga)bits?|mph|km/h|kph)\b|\b(?:per|a|an|each|every)\s+(?:second|minute|hour|day|week|month|year)\b"
                      r"|\b(?:annually|yearly|monthly|weekly|daily)\b|(?<![\d,.])(?!(?:19|20)\d\d\s)\d[\d,.]*\s+(?:(?:working|calendar|business|school|clear)\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b"
                      r"|\b(?:within|under|in)\s+(?:a|an|one|two|three|four|five|six|seven|ten)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?)\b", re.I)


def asks_speed(question: str) -> bool:
    """"How quickly is the bill growing?", "What download speed ...?": a speed, a time taken or a rate of growth."""
    return bool(_SPEED_Q.search(question))


def states_speed(line: str, question: str = "") -> bool:
    """A speed, a time taken or a rate of growth; for the speed of a connection ("How fast was the internet ...?"),
    a bit rate only ("£1,150 a year" is a rate, not how fast a line is)."""
    return bool((_BIT_RATE if question and _LINE_SPEED_Q.search(question) else _SPEED_A).search(line))


_NUMBER = re.compile(r"\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand)\b", re.I)
_PERSON_Q = re.compile(r"\bname of (the )?(chair|author|minister|person|head|director|lead)\b|\bwho (is|was|chairs|chaired|leads|led|heads|wrote)\b", re.I)
# "Who is responsible for R7?", "Who was in charge of the fieldwork?": a duty, not a role's holder;
# a body carries it as often as a person ("Government Commercial Function and Crown Commercial Service").
_DUTY_Q = re.compile(r"\bwho (?:is|was|are|were) (?:(?:mainly|chiefly|primarily|ultimately|directly) )?"
                     r"(?:responsible|accountable|in charge|tasked|charged|expected|asked|meant|supposed|due)\b"
                     # "Who is the Digital Exchange run by?": the agent of a passive, a body as often as a person
                     r"|^\W*(?:and\s+)?who(?:m)?\b[^?]*\bby\s*\??\s*$"
                     # "Who is the owner of the recommendation on ...?": an owner is a team or a body as often as a person
                     r"|\bwho (?:is|was|are|were) (?:the )?owners?\b"
                     # "Who was given ownership of the recommendation?", "Who has been assigned it?": a duty handed to someone
                     r"|\bwho (?:is|was|are|were|has been|have been|had been) (?:given|assigned|handed|allocated)\b", re.I)
# "Which departments ...", "What government departments ..."; not "What stops departments ...?" or
# "What do departments say ...?", where a verb stands between and the departments are its object.
_NAMED_THING_Q = re.compile(
    r"\b(which|what)\s+(?:(?!(?:do|does|did|can|could|should|would|will|must|is|are|was|were|has|have|had)\b)[a-z-]+(?<!s)\s+){0,2}(venues?|departments?|agenc(?:y|ies)|compan(?:y|ies)|firms?|suppliers?|councils?|"
    r"regulators?|ministers?|software|platforms?|products?|vendors?|operators?|contractors?|developers?|consultanc(?:y|ies)|providers?)\b", re.I)
# "What share of councils ...?": a figure about the councils, not a council's name
_SHARE_OF = re.compile(r"\b(?:share|proportion|percentage|fraction|number|per ?cent|majority|minority)\b", re.I)
# "What year was ...?", "On which day does ...?"; not "What day rate did contractors charge?" (the date word names a rate)
_WHEN_Q = re.compile(r"^\s*when\b" + SCENE_CLAUSE + r"|\b(what|which) (date|day|month|year)\s*(?:\?|$|(?:did|does|do|was|were|is|are|will|would|has|have|had|"
                     r"should|could|can|of|in|on|for|to|from)\b)", re.I)
# A date, or a timescale that answers "when" without one: "Ongoing", "within six months", "immediately"
_DATE_A = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b"
                     r"|\b(?:ongoing|immediately|continuous(?:ly)?|within\s+(?:a|an|one|two|three|four|five|six|nine|twelve|eighteen|\d+)\s+"
                     r"(?:days?|weeks?|months?|years?))\b"
                     # or a time of day or week: "When can you phone it?" is answered by "from 8am to 8pm on weekdays"
                     r"|\b\d{1,2}(?:[.:]\d\d)?\s?(?:am|pm)\b|\b(?:[01]?\d|2[0-3]):[0-5]\d\b|\b(?:noon|midday|midnight)\b"
                     r"|\b(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekdays?|weekends?)\b"
                     # or that there is no date: "Replacement planned: Not planned" answers "When is it planning to replace it?"
                     r"|\b(?:not planned|no plans?|none planned|not (?:yet )?(?:decided|known|set|scheduled|agreed)|no date|to be confirmed|tbc)\b", re.I)
_AFTER_YEAR = re.compile(r"\b(after|since|beyond)\s+(19[5-9]\d|20[0-4]\d)\b", re.I)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\b")


def missing_answer_type(question: str, answer: str, titles: str = "", context: str = "") -> str | None:
    """The kind of answer the question wants but the drafted answer lacks, or None.

    ``titles``: the retrieved documents' titles; a name they hold ("PSB" of "PSB Note: ...") names a document
    or its publisher, not the company or body a "Which company ...?" question asks for. ``context``: the passages
    the answer cites, with their headings: what they say of the way something was done holds for its lines."""
    answer = strip_citations(answer)
    if _FIGURE_Q.search(question) and not is_list_question(question) and _row_of_another_label(question, answer):
        return "a figure for what it asks about"
    near = _row_of_a_shorter_name(question, answer)
    if near:
        return f"a figure for {near}"  # "... in North East Lincolnshire?" answered with the row "North Lincolnshire"
    other_side = _other_of_pair(question, answer) if ASKS_NUMBER.search(question) or _FIGURE_Q.search(question) or _HOW_OLD.search(question) else None
    if other_side:
        return f"a figure for {other_side}"  # "... in primary schools?" answered with "In secondary schools there were 1.9 pupils"
    # (a source of money asked, "Where did the money come from?", "Who paid for it?", is a name, not an amount)
    if (is_money_question(question) and not _SOURCE_Q.search(question) and not _MONEY_A.search(answer)
            and not (_BY_HOW_MUCH.search(question) and _SHARE_A.search(answer))
            and not (_MORE_THAN_Q.search(question) and _TIMES_A.search(answer))):  # "... than a print book?": "three to four times"
        return "an amount of money"  # "By how much did X cut the cost?" is answered by "by 31 per cent" too
    if _SOURCE_Q.search(question) and not _SOURCE_A.search(answer):
        return "where the money came from"  # "Where did that money come from?" answered with what the pilot was
    channel = other_channel(question, answer, context, titles)
    if channel:
        return channel
    per_unit = lacks_unit_rate(question, answer) or lacks_total(question, answer) or lacks_fee(question, answer)
    if per_unit:
        return per_unit
    if _COUNT_Q.search(question) and not _NUMBER.search(answer):
        return "a number"
    if _SCORE_Q.search(question) and not _NUMBER.search(answer):
        return "a score"  # "What satisfaction score did ratepayers give the portal?" answered with what the portal does
    if _SPEED_Q.search(question) and not _SPEED_A.search(answer) and not _TIMED_FIELD.search(answer):
        # "How fast is the free Wi-Fi in branches?" answered with "Free public Wi-Fi in all branches: 96%"; "how quickly
        # was it deciding claims?" is answered by a row's field "Days to decide a relief claim: 12"
        return "a speed"
    if _MEDIAN_Q.search(question) and not _MEDIAN_Q.search(answer) and _MEAN_A.search(answer):
        return "a median"  # "What was the median time ...?" is not answered by "The average time ... was 11.4 weeks"
    if _DURATION_Q.search(question) and not (_SPEED_A.search(answer) or _SPAN_A.search(answer) or _TIMED_FIELD.search(answer)
                                             or (_DATED_SPAN.search(answer) and not _TYPICAL_TIME_Q.search(question))):
        return "a length of time"  # "What was the average waiting time for an appeal?" answered with a row of other figures
    if _SPEED_Q.search(question) and _LINE_SPEED_Q.search(question) and not _BIT_RATE.search(answer):
        return "a speed"  # "What average broadband speed ...?" is not answered by "wayleaves took 14 weeks to agree"
    share_q = _SHARE_Q.search(question)
    if share_q and not is_list_question(question) and not (
            (_SHARE_A.search(answer) or _MONEY_A.search(answer) or _RATE_A.search(_DATES.sub(" ", answer))) if share_q.group("rate")
            else _ANY_SHARE.search(answer)):
        # "What interest rate is charged ...?" answered with a sentence that gives none; a rate may be money; a rate is a
        # figure ("What was the response rate?" is not answered by "open to every staff group")
        return "a share"
    if _DUTY_Q.search(question):
        if not _new_names(question, answer):
            return "a name"
    elif _PERSON_Q.search(question) and not _new_names(question, answer, person=True):
        return "a name"
    named_thing = _NAMED_THING_Q.search(question)
    if named_thing and not _SHARE_OF.search(named_thing.group(0)) and not _new_names(f"{question} {titles}", answer):
        return "a name"
    if _FINDINGS_Q.search(question) and _STILL_TO_REPORT.search(split_sentences(answer)[0] if answer.strip() else ""):
        return "findings (the documents say they are still to come)"  # "What did Clearpath conclude in its audit?" answered
        # by "Clearpath Access ... will report on the portal's accessibility in March 2026"
    if WHY_QUESTION.match(question) and not gives_reason(answer, question):
        return "a reason"  # "Why did visitor numbers in the East recover faster?" answered by the figure it asks about
    if _WHEN_Q.search(question):
        after = _AFTER_YEAR.search(question)
        years = [int(y) for y in re.findall(r"\b(?:19[5-9]\d|20[0-4]\d)\b", answer)]
        if after and not any(y > int(after.group(2)) for y in years):
            return f"a date after {after.group(2)}"
        if not _DATE_A.search(answer):
            return "a date"
    return None


# The ways a service is reached; a figure given for one of them is not the figure for another
_CHANNELS = {
    "online": r"online|website|web form|internet|digital(?:ly)?|(?:an? |the |mobile |phone )?app",
    "phone": r"(?:tele)?phone(?:d|s)?|by call|phone line|helpline|call centre|call[- ]handl(?:er|ers|ing)",  # "taken by a call handler"
    "paper": r"paper|postal|by post|printed form|in writing",
    "email": r"e-?mail(?:ed|s)?",
    "in person": r"face[- ]to[- ]face|in[- ]person|in branch|at the counter|home visit",
    "webchat": r"web ?chat|live chat",
    "text message": r"text messages?|sms",
    # an app is a way of being online, not the other way round: "made online" does not say how many used the app
    "the app": r"(?:mobile |phone |smartphone )?apps?",
}
_CHANNEL_RE = {name: re.compile(rf"\b(?:{pattern})\b", re.I) for name, pattern in _CHANNELS.items()}
# a channel as the way something was done ("applied by telephone", "online", "face to face"), not a thing
# asked about ("the app", "calls to the phone line")
_AS_MEANS = {name: re.compile(rf"\b(?:by|via|through|over|using|on|in)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:{pattern})\b"
                              + {"online": r"|\bonline\b", "in person": r"|\bface[- ]to[- ]face\b|\bin[- ]person\b"}.get(name, ""), re.I)
             for name, pattern in _CHANNELS.items()}


# the way something was not done, or what it is set against: "registered over a video link instead of in person", "the cost of
# vouching set against a full face-to-face interview" ask of no visit
_NOT_ASKED = re.compile(r"\b(?:instead of|rather than|other than|apart from|set against|compared (?:with|to)|versus)\b[^,;?]*", re.I)


def other_channel(question: str, answer: str, context: str = "", titles: str = "") -> str | None:
    """For a figure asked of one channel ("a report sent in by email", "a paper form"), "a figure for <it>" when
    every line of the answer giving that kind of figure names other channels and not the one asked.

    Why: "How much does it cost to handle a report sent by email?" was answered with "an online report cost
    £2.60, against £8.90 for a phone report": the line sets out the channels it costs, and email is not one.
    """
    asked = [name for name, rx in _CHANNEL_RE.items() if rx.search(_NOT_ASKED.sub(" ", question))]
    if "the app" in asked:
        asked = ["the app"]  # (the app is online too: the narrower channel is the one asked)
    if len(asked) != 1:
        return None
    if asked[0] == "online" and titles and re.search(rf"\b{re.escape(_CHANNEL_RE['online'].search(question).group(0).strip())}\b", titles, re.I):
        return None  # "What share of online careers services ...?" of a review of online careers advice: its subject, no channel
    if (asked[0] != "online" and _AS_MEANS[asked[0]].search(question) and (_FIGURE_Q.search(question) or is_money_question(question))
            and not _CHANNEL_RE[asked[0]].search(f"{answer}\n{context}")):
        # "How many people applied by telephone?" answered with "4,800 people borrowed a tablet" and a line on
        # meeting people face to face: nothing the answer cites says anything of the channel asked (online is
        # these documents' default way, often left unsaid: "applications made through the portal")
        return f"a figure for {asked[0]}"
    kind = (_MONEY_A if is_money_question(question) else _ANY_SHARE if _SHARE_Q.search(question)
            else _SPEED_A if _DURATION_Q.search(question) else None)  # "the median time to triage reports sent by email"
    if kind is None:
        return None
    named: list[set[str]] = []  # per line giving that kind of figure, the channels it (or the heading it sits under) names
    heading: set[str] = set()
    for block in answer.split("\n"):
        if not block.strip():
            heading = set()
            continue
        for line in re.split(r"(?<=[.!?])\s+(?=[A-Z*])", block):
            channels = {name for name, rx in _CHANNEL_RE.items() if rx.search(line)}
            if line.rstrip().endswith(":"):  # "**Average cost of handling an online report** [2]:" and its rows
                heading = channels
            elif kind.search(line):
                named.append(channels or heading)
    if kind is _SPEED_A:
        named = named[:1]  # a time is the lead's: the lines after it time other things ("58 days for a permit decision")
    if named and all(n and asked[0] not in n for n in named):
        return f"a figure for {asked[0]}"
    return None


def missing_in_parts(parts: list[str], answer: str) -> str | None:
    """For a question in several parts, a name one part asks for that the answer's lines about that part lack.

    Why: "Which venue hosted the Public Services 2030 conference and how many people attended?" was answered with
    a line about the conference (no venue), a count of people who started the survey and a table row whose label
    ("Executive Officer") passed for the venue's name: each part must find its own kind of answer in its own lines,
    the lines sharing a word with that part that the other parts do not use.
    """
    if len(parts) < 2:
        return None
    words = [set(analyse(p)) for p in parts]
    lines = [ln for ln in strip_citations(answer).splitlines() if ln.strip()]
    # a table row's label answers every part its cells do; a byline every part it can ("Who wrote the blog, and when?")
    rows = [ln for ln in lines if ROW_HEADING.match(ln) or is_byline(ln)]
    for part, own in zip(parts, words):
        own = own - set().union(*(w for w in words if w is not own))
        about = [*rows, *(ln for ln in lines if own & set(analyse(ln)) and ln not in rows)]
        lacking = missing_answer_type(part, "\n".join(about)) if about else None
        if lacking == "a name":  # (a figure may sit in a table row's cell lines, which share no word with its part)
            return lacking
    return None


# "What did the audit conclude?", "What has the evaluation found?": findings already made
_FINDINGS_Q = re.compile(r"^\W*(?:and\s+)?what\s+(?:did|has|have)\s+.+?\b(?:find|found|conclude|concluded|show|shown|learn|learnt|learned)\b", re.I)
# a line saying the findings are still to come: "will report in March 2026", "is due to publish its evaluation"
_STILL_TO_REPORT = re.compile(r"\b(?:will|is due to|are due to|is expected to|are expected to|plans? to|intends? to)\s+(?:\w+\s+)?"
                              r"(?:report|publish|conclude|be published)\b", re.I)


# a cause, a purpose or what stood in the way: what "Why ...?" asks for
_REASON_A = re.compile(r"\b(?:because|due to|owing to|as a result|thanks to|caused by|driven by|reasons?|so that|in order to|so as to|"
                       r"led to|leads? to|meant|means that|credit(?:s|ed)?|attribut\w+|explain\w*|put (?:it|this|that) down to|blam\w+|"
                       r"stems? from|barriers?|obstacles?|prevent\w*|stop(?:s|ped)?|held back|holds? back|fear\w*|worr\w*|"
                       r"concern\w*|lack\w*|since|helped|why|to (?:save|reduce|avoid|cut|improve|meet|make|help|free|speed|keep|allow|ensure))\b", re.I)


# words of a "Why ...?" question that say what is compared or how big, not what it is about
_WHY_FRAME = frozenset(analyse("why come less more likely fewer higher lower million billion thousand per cent"))


def gives_reason(answer: str, question: str = "") -> bool:
    """Does the answer give a cause or purpose, or list the reasons under a line introducing them ("The four reasons given
    most often were:"; not a table row's heading)? Why: "Why were arm's-length bodies less likely to have tested their
    plans?" was answered with the two rows whose figures it asks about; the documents give no reason, and saying
    the figures again is no answer.

    With ``question``, a cause or purpose counts only in a sentence about what the question asks: sharing two of its
    words or their word family (one, when it has three or fewer). Why: "Why were hackney carriage applicants in the Midlands less
    satisfied ...?" was answered by "Premises licence applications took longest ... because of the consultation
    period": a reason, for something else."""
    text = strip_citations(answer)
    subject = {stem for stem in analyse(question) if stem not in _WHY_FRAME and not stem[:1].isdigit()}
    needed = 2 if len(subject) > 3 else 1
    def about(sentence: str) -> bool:  # (two forms of one word count: "visits rose fastest" of "visitor numbers ... faster")
        return sum(any(asked == said or near_stems(asked, said) for said in analyse(sentence)) for asked in subject) >= needed
    if any(_REASON_A.search(sentence) and (not question or about(sentence)) for sentence in split_sentences(text.replace("\n", " \n"))):
        return True
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return len(lines) > 2 and lines[0].endswith(":") and not ROW_HEADING.match(answer.lstrip()) and lines[1].startswith("- ")


RESPONDING = frozenset(analyse("respond responded reply replied answer answered completed returned"))  # what a respondent does
RESPONSES = frozenset(analyse("responses respondents replies questionnaires"))  # and what is counted of it


def uncounted(question: str, answer: str, context: str = "") -> str | None:
    """For "How many X ...?", "a number of X" when no line of the answer counts X ("162 waste collection
    authorities"), no table row it gives is X's, and, for people, no share of them is given; else None.

    Why: "How many staff work in Ofwat's digital team?" was answered with "the PSB reviewed ... five UK
    regulators", and "How many missed-bin reports did councils receive?" with a row of councils reviewed: a
    number, but of something else. The caller asks this only of a word the index holds (a word it lacks is
    a paraphrase's, "helpers" for volunteers, and no line could name it)."""
    phrase, stems = counted_phrase(question), counted_stems(question)
    if not stems:
        return None
    text = strip_citations(answer)
    lines = [line for line in text.split("\n") if line.strip()]
    if any(_counts(line, stems) for line in lines):
        return None
    if any(set(analyse(m.group("label"))) & stems for m in ROW_HEADING.finditer(text)):
        return None  # "**Unitary authorities** [1]: - Councils reviewed: 54": the row is theirs
    under = {row.strip() for caption, rows in captioned_rows(context) if set(analyse(caption)) & stems for row in rows}
    if any(line.lstrip("- ").strip() in under for line in lines):
        return None  # "Water pollution: 38,900" under the caption "Reports by type of incident, 2022" counts reports
    if any(_captioned(m.group("label").strip(), context, stems) for m in ROW_HEADING.finditer(text)):
        return None  # "**Webchat**: - 2024: 455,000" of the table captioned "Contacts, January to September of each year"
    action = counted_action(question)  # "How many laptops were lent out in Sunderland?": "- Devices lent: 880", in its own word
    if action and any(set(analyse(m.group("label"))) & action and not _SHARE_A.search(m.group("value")) for line in lines
                      if (m := _FIELD.match(line))):
        return None
    if action and any(set(analyse(m.group("after"))) & action for line in lines for m in _OF_THEM.finditer(line)):
        return None  # "How many services completed the questionnaire?": "38 of them completed our questionnaire"
    if action & RESPONDING and any(_counts(line, RESPONSES) for line in lines):
        return None  # "How many borrowers responded to the survey?": "We received 1,046 responses", one per borrower
        # ("How many public bodies completed the survey?": "We received 396 completed questionnaires")
    if stems & PEOPLE_COUNTED and _SHARE_A.search(text):
        return None  # "How many people felt ...?" is answered by the share who did
    # "How many planning applications come in online?": "Applications submitted online: 93%", "93% of applications"; the
    # noun as written ("Missed bin reported online: 73%" is a share of councils, not of reports)
    noun = re.compile(rf"\b{re.escape(phrase[-1].lower().rstrip('s'))}s?\b", re.I)
    for line in lines:
        shared = _SHARE_LABEL.match(line) or _PART_OF_THINGS.search(line)
        if shared and noun.search(shared.group("of")) and not _CHANGE_LABEL.match(shared.group("of")):
            return None  # (not a change: "Fall in calls: 22%" gives no number of calls)
    return f"a number of {phrase[-1]}"


def _captioned(label: str, context: str, stems: set[str]) -> bool:
    """Does the table holding the row ``label`` in ``context`` have a caption or header line, just above its rows,
    naming what is counted? (A header line and a blank line may come between the caption and the rows.)"""
    lines = context.split("\n")
    for i, line in enumerate(lines):
        cells = table_row_cells(line)
        if cells is None or cells[0].strip().lower() != label.lower():
            continue
        above = [x for x in lines[max(0, i - 12):i] if x.strip() and table_row_cells(x) is None][-2:]
        if any(len(x.split()) <= 12 and not x.rstrip().endswith(".") and set(analyse(x)) & stems for x in above):
            return True
    return False


_CHANGE_LABEL = re.compile(r"^\W*(?:fall|rise|drop|increase|decrease|change|reduction|growth|cut|gain|loss)\b", re.I)
_OF_THEM = re.compile(r"\b\d[\d,]*\s+of\s+(?:them|these|those)\b(?P<after>(?:\s+[\w'’-]+){1,3})", re.I)  # and what they did
_FIELD = re.compile(r"^\W*(?P<label>[A-Za-z][^:]{1,80}):\s*(?P<value>\S.*)$")  # "- Devices lent: 880"
_SHARE_LABEL = re.compile(r"^\W*(?P<of>[A-Za-z][^:]{1,80}):\s*\d[\d.]*\s?(?:%|per\s?cent)", re.I)
# ("93% of applications", "A third of schools (34%) ..., but only 12% ...": a part of them, as a share or a fraction)
_PART_OF_THINGS = re.compile(r"(?:\d[\d.]*\s?(?:%|per\s?cent)|\b(?:a|one|two)\s+(?:third|quarter|fifth|half)s?|\bhalf|\b(?:the\s+)?majority)"
                             r"\s+of\s+(?:the\s+)?(?P<of>(?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.I)


def states_cost(text: str, question: str = "") -> bool:
    """Does ``text`` say what something costs, in pounds ("processing a referral cost £15 instead of £38")? Not a
    count in millions ("9.4 million entries"), nor a sum of something else ("payments worth £6.3 million"), nor a
    saving when the question asks what was spent ("saved it £1.2 million in legal fees")."""
    if _SAVING.search(text) and not _SAVING.search(question) or _PROPOSED.search(text) and not _PROPOSED.search(question):
        return False  # (nor a sum proposed, "should set aside £4.5 million", for what something has cost)
    return bool(_POUNDS.search(text)) and bool(_COST_WORD.search(text))


def states_cost_compared(text: str, question: str) -> bool:
    """For "How much more does it cost than a print book?", a line giving a multiple ("three to four times the shelf
    price") answers as well as one in pounds does (``missing_answer_type`` accepts it); else ``states_cost``."""
    return states_cost(text, question) or bool(_MORE_THAN_Q.search(question) and _TIMES_A.search(text))


_SAVING = re.compile(r"\bsav(?:e|es|ed|ing|ings)\b", re.I)
_PROPOSED = re.compile(r"\b(?:should|would|could|must|recommends?|proposes?)\b", re.I)


_POUNDS = re.compile(r"[£$€]\s?\d|\b(?:GBP|EUR|USD)\s?\d|\b\d[\d,.]*\s?(?:(?:thousand|million|billion)\s+)?(?:pounds?|pence)\b", re.I)  # "18.4 million pounds"
_COST_WORD = re.compile(r"\b(?:costs?|costing|paid|pay|pays|paying|charged?|charges|fees?|price[ds]?|spen[dt]|spending|budget|contract|"
                        r"fund(?:ed|ing)|invest(?:ed|ment)?|sav(?:e|ed|ing|ings)|cheaper|dearer)\b", re.I)


# a score given, asked with the verb: "What did Kestrel Systems score on price?", "How did bidders score on cost?"
_SCORED = re.compile(r"\b(?:did|does|do)\s+(?:[\w'’-]+\s+){1,5}?score\b|\bscored\b", re.I)


_SOURCE_Q = re.compile(r"^\W*(?:and\s+)?(?:where\b.*\bcome\s+from|who\s+(?:paid|pays|funded|funds|put\s+up|provided)|"
                       r"(?:which|what)\s+(?:body|bodies|organisation|fund|funder|source)\b.*\b(?:paid|pays|funded|funds|provided|came))\b", re.I)


# ... given as the body or fund it came from: "paid for with £180,000 from the Small Supplier Access Fund", "funded by DfT"
_SOURCE_A = re.compile(r"\b(?:from|by|through)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}?"
                       r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)[A-Z]")


def is_money_question(question: str) -> bool:
    """Money nouns decide; "spend" or "save" count only after "how much" ("spend a spell" is time).

    A question that asks for a count or a share ("How many services ... for taking money?", "What
    share said the budget ...?") wants that figure: a money noun after it names the topic.
    """
    if (_FIGURE_Q.search(question) or CHANGE_QUESTION.search(question)) and not re.search(r"\bhow much\b", question, re.I):
        return False  # "Did more or fewer leaders expect their budget to be cut?" wants the two shares
    if re.search(r"\bhow much (?:\w+ )?time\b|^\W*(?:(?:and|so|but|on average|typically|roughly|about|approximately|around),?\s+|"
                 r"[A-Z][a-z]+(?:\s+[a-z]+){0,2},\s+)*"  # "Nationally, how long ...?", "Across the UK, how long ...?"
                 r"(?:how long|how quickly|how fast|how soon|when)\b", question, re.I):
        # "How much less time did drivers spend ...?", "On average, how long did an online money claim take ...?", "How
        # quickly did people get their first benefit money?": a length of time or a date, whatever money the topic names
        return False
    if _SCORED.search(question):
        return False  # "What did Kestrel Systems score on price?" asks for the marks given for price, not an amount
    if re.search(r"\bhow much of (?![£$€])", question, re.I):
        # "How much of their revenue budget did services spend on digital?" asks for a part: "2.1% of their revenue
        # budget"; "How much of the code in Tax and welfare got published?" too, whatever money its words name
        return False
    # (a money claim is a kind of court case: "What problems did people have with the online money claims service?")
    words = set(re.findall(r"[a-z]+", re.sub(r"\bmoney\s+(?:claims?|advice)\b", " ", question.lower())))
    if words & {"cost", "costs", "budget", "budgets", "money", "price", "prices", "pounds", "investment", "salary", "salaries",
                 "wage", "wages", "fee", "fees", "cheaper", "dearer", "pricier", "expensive"}:
        return True
    return "how much" in question.lower() and bool(words & {"spend", "spent", "save", "saved", "saving", "savings", "invest", "invested",
                                                              "charge", "charges", "charged", "pay", "pays", "paid",
                                                              # "How much is a fixed penalty notice?": what it costs
                                                              "fine", "fines", "penalty", "penalties", "licence", "license",
                                                              "permit", "ticket", "rent", "grant", "grants", "refund", "deposit",
                                                              "tariff", "levy", "tax", "bill",
                                                              # "How much funding has been set aside ...?": an amount
                                                              "funding", "funded", "fund", "funds"})


# "How much do councils pay taxi firms per mile?", "... each month?": an amount for that unit
# ("a"/"an" only before a unit of time or distance: "How much does a user pay?" asks no rate)
_PER_UNIT_Q = re.compile(r"\b(?:per|each|every)\s+(?P<unit>mile|kilometre|km|hour|day|week|month|head|person|user|pupil|"
                         r"child|patient|student|learner|resident|customer|citizen|capita|member|claimant|applicant|household|visit|call|session|application|transaction|entry|page|item)\b"
                         r"|\b(?:a|an)\s+(?P<time>mile|kilometre|km|hour|day|week|month)\b"
                         # "How much does a terminal cost per vehicle?": any thing counted after "per"
                         r"|\bper\s+(?!cent\b|annum\b|year\b)(?P<thing>[a-z]{3,})\b"
                         # "per telecare connection": the noun after it may be the unit ("per connection")
                         r"(?:\s+(?!(?:in|on|at|for|of|by|to|and|or|the|each|every|a|an|per|across|over|during|from|with|this|that|last)\b)(?P<head>[a-z]{3,})\b)?", re.I)
# a unit that is a person is met by any word for one: "for each child" by "spend per pupil: £38"
_PEOPLE_UNITS = ("head", "person", "user", "pupil", "child", "patient", "student", "learner", "resident", "customer",
                 "citizen", "capita", "member", "claimant", "applicant")
_UNIT_ADJECTIVES = {"hour": "hourly", "day": "daily", "week": "weekly", "month": "monthly"}  # (a year: an amount "in 2020-21" is one)


def lacks_unit_rate(question: str, answer: str) -> str | None:
    """For an amount asked per unit ("How much ... per mile?"), the unit when no amount in the answer is given per it.

    Why: "How much do councils pay taxi firms per mile for SEND transport?" was answered with "a single SEND
    taxi route can exceed £40,000 a year", and "How much does Aquanode charge each water company per month?"
    with a contract "worth £1.9 million over four years": amounts of money, but not the one asked for.
    """
    m = _PER_UNIT_Q.search(question)
    if not m or not is_money_question(question):
        return None
    unit = (m.group("unit") or m.group("time") or m.group("thing")).lower()
    adjective = _UNIT_ADJECTIVES.get(unit, "(?!)")
    units = "|".join(_PEOPLE_UNITS) if unit in _PEOPLE_UNITS else unit
    if m.group("thing") and m.group("head"):
        units = f"{units}|{m.group('head').lower()}"
    per = rf"\b(?:per|a|an|each|every)\s+(?:\w+\s+)?(?:{units})s?\b|/\s?(?:{units})\b|\b{adjective}\b"
    if unit in _PEOPLE_UNITS:  # "per person" of a thing done once for each: "Each vouched check cost an average of £14.20"
        per += r"|\beach\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:cost|costs)\b"
    return None if re.search(per, strip_citations(answer), re.I) else f"an amount per {unit}"


# "How much does the partnership charge families for a cremation?": a fee for one thing
_FEE_FOR_Q = re.compile(r"\bcharge[sd]?\s+(?:[\w'’-]+\s+){0,3}?for\s+(?:a|an|each|one)\s+(?P<item>[a-z][a-z-]{2,})\b", re.I)


def lacks_fee(question: str, answer: str) -> str | None:
    """For a fee asked for one thing, "an amount for a <thing>" when no line of the answer giving money names that thing.

    Why: "How much does the Three Rivers Bereavement Partnership charge families for a cremation?" was answered with
    the programme's cost, "£560,000 over two years": an amount of money, but not a fee, and not for a cremation."""
    m = _FEE_FOR_Q.search(question)
    if not m or not is_money_question(question):
        return None
    item = re.compile(rf"\b{re.escape(m.group('item'))}", re.I)
    costed = [line for line in split_sentences(strip_citations(answer)) if _MONEY_A.search(line)]
    return None if any(item.search(line) for line in costed) else f"an amount for a {m.group('item').lower()}"


_TOTAL_Q = re.compile(r"\b(?:in total|total|altogether|overall|all told|in all|the whole)\b", re.I)
# an amount's next few words giving it per unit: "£46,000 for each control-room seat", "£3 per pupil", "£5/month"
_PER_UNIT_AFTER = re.compile(r"[\s\w.,]{0,30}?(?:\b(?:per|for each|for every|each|every|a head)\s+\w+|/\s?\w+)", re.I)


def lacks_total(question: str, answer: str) -> str | None:
    """For a total asked for ("What will it cost in total to replace all the systems?"), "a total amount" when every
    line of the answer giving money gives it per unit ("£46,000 for each control-room seat"), else None."""
    if not _TOTAL_Q.search(question) or _PER_UNIT_Q.search(question) or not is_money_question(question):
        return None
    text = strip_citations(answer)
    amounts = list(_MONEY_A.finditer(text))  # each amount by itself: "£9.8 million a year, ... about £14.20 per pupil" gives a total
    # (or its clause naming the unit first: "the cost per camera per year ... ranged from 180 pounds to 432 pounds")
    def per_unit(m: re.Match) -> bool:
        clause = re.split(r"[.;]\s", text[max(0, m.start() - 120):m.start()])[-1]
        return bool(_PER_UNIT_AFTER.match(text, m.end()) or _PER_UNIT_BEFORE.search(clause))
    return "a total amount" if amounts and all(per_unit(m) for m in amounts) else None


_PER_UNIT_BEFORE = re.compile(r"\b(?:cost|price|fee|charge|spend|spending)\s+(?:per|for each|for every|of each|of a|of one)\s+\w+", re.I)


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)+\b|\b[A-Z]{2,}[a-z]?\b")
# Words that make a capitalised phrase an organisation, a document or a title rather than a person.
_NOT_PERSON = frozenset(
    "board service services office government department departments council commission report survey insight public "
    "digital civil committee agency ministry authority group team company limited ltd plc programme strategy act "
    "regulation conference week campaign chair chief executive secretary minister director head united kingdom "
    # numbers and spans of time name no one: "Two Years On" is a report's title
    "one two three four five six seven eight nine ten years months weeks days findings".split()
)


def _new_names(question: str, answer: str, person: bool = False) -> list[str]:
    """Names in the answer that the question did not already contain.

    A name is a capitalised multi-word phrase or an acronym ("GOV.UK", "ICO"); for a person only
    phrases without organisation words count ("John Manzoni", not "Public Services Board"), or
    the words after the last of them, when a name follows its holder's title ("Chief Data
    Officer Maya Lindqvist": "Maya Lindqvist").
    """
    asked = question.lower()
    if person:  # a quoted title ("Smarter Services: Delivering the Next Wave ...") names no one
        answer = re.sub(r"[\"“][^\"”]{0,300}[\"”]", " ", answer)
    found = [m for m in _CAPITALISED.findall(answer) if not all(_asked(w, asked) for w in m.split())]
    if person:  # a sentence may open with the name: "Alison Trewin, the authority's chief executive, asked ..."
        found += [m for m in _OPENING_NAME.findall(answer) if m.split()[0].lower() not in _NOT_A_FIRST_NAME
                  and analyse(m.split()[0]) and not all(_asked(w, asked) for w in m.split())]
        return [name for name in (_after_title(m) for m in found) if name and not all(_asked(w, asked) for w in name.split())]
    # one capitalised word that owns something names its owner ("Kent's service is the stand-out success story")
    owners = [w for w in _POSSESSIVE_NAME.findall(answer) if w.lower() not in asked and w.lower() not in _COMMON_OWNERS]
    # a table row's label, which the answer writes in bold, names its row ("**County councils** [1]:")
    labels = [m.group("label") for m in ROW_HEADING.finditer(answer) if not all(_asked(w, asked) for w in m.group("label").split())]
    # a field naming who ("Owner: Defra", "led by Ofsted"), one word as the document writes it
    fields = [w for w in _FIELD_NAME.findall(answer) if w.lower() not in asked]
    # (an acronym the question spells out is no new name: "the Registration Identity Check (RIC)")
    acronyms = [a for a in _ACRONYM.findall(answer) if a.lower() not in asked and not spelled_out(a, question)]
    return found + owners + labels + fields + acronyms


def _asked(word: str, asked: str) -> bool:
    """Is ``word`` a word of the (lower-cased) question, as itself or its plural or possessive? ("Field" is not in
    "fieldwork": "Haldane Field Research ran the fieldwork" names a company the question does not)"""
    return re.search(rf"\b{re.escape(word.lower())}(?:s|['’]s)?\b", asked) is not None


_MORE_THAN_Q = re.compile(r"\bhow\s+much\s+(?:more|less|extra|cheaper|dearer)\b[^?]*\bthan\b", re.I)
_TIMES_A = re.compile(r"\b(?:[\w.]+\s+(?:to\s+[\w.]+\s+)?times\s+(?:as\s+much|more|the)|twice|double|treble|triple|half\s+(?:as\s+much|the))\b", re.I)
_OPENING_NAME = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:- )?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\b(?=,|\s+(?:is|was|has|had|said|says|leads|led|chairs|wrote|told)\b)", re.M)
_NOT_A_FIRST_NAME = frozenset("the in on at by for from our its their this that these those most many some all every each when after "
                              "before since during while across under over between within according".split())
_FIELD_NAME = re.compile(r"\b(?:[Oo]wner|[Ll]ead(?:\s+owner)?|[Rr]esponsible|[Oo]wned\s+by|[Ll]ed\s+by)\s*:?\s+(?:the\s+)?([A-Z][\w'’-]+)")
_POSSESSIVE_NAME = re.compile(r"\b([A-Z][a-z]{2,})['’]s\b")
_COMMON_OWNERS = frozenset("government council department board minister ministry service services team office agency "
                           "authority country nation public industry today tomorrow year everyone nobody someone".split())


def _after_title(phrase: str) -> str:
    """The capitalised words after the phrase's last organisation or title word, when two or more; else ""."""
    words = phrase.split()
    last = max((i for i, w in enumerate(words) if w.lower() in _NOT_PERSON), default=-1)
    return " ".join(words[last + 1:]) if len(words) - last - 1 >= 2 else ""


# "What share/percentage/proportion ...?", "What interest rate ...?": a share, however it is written
_SHARE_Q = re.compile(r"^\W*(?:and\s+)?(?:what|which)\s+(?:(?:is|was|are|were)\s+(?:the|its|their)\s+)?"
                      r"(?:(?:\w+\s+)?(?:share|proportion|percentage|fraction)|(?P<rate>(?:[\w-]+\s+){0,2}rate))\b", re.I)
# a figure given as a rate: "5.8 per 1,000", "12 a week", "one in 20" (a bare count is no rate: "2,140 people answered")
_RATE_A = re.compile(r"\d[\d,.]*\s+(?:[a-z-]+\s+)?(?:per|out of|in every|for every|in each|each|every)\b"
                     r"|\d[\d,.]*\s+(?:[a-z-]+\s+)?(?:a|an)\s+(?:second|minute|hour|day|week|fortnight|month|quarter|year)\b"
                     r"|\b(?:one|\d+)\s+in\s+\d", re.I)
_DATES = re.compile(r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
                    r"|\b(?:19|20)\d\d(?:[-/]\d\d)?\b", re.I)
_ANY_SHARE = re.compile(r"\d\s?(?:%|per\s?cent)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:in|out of)\s+\w+"
                        r"|\b(?:half|halves|thirds?|quarters?|fifths?|tenths?|majority|minority|most|all|none|nobody|everyone|every)\b", re.I)
_FIGURE_Q = re.compile(r"\b(?:how many|what (?:share|proportion|percentage|fraction|per ?cent))\b", re.I)
# "Senior Civil Service (share of respondents): 9%", optionally after a year label: a table row as the answerer writes it
_ROW = re.compile(r"^(?:\*\*(?:19|20)\d\d:\*\*\s+)?(?P<label>[^:()\[\]*\n]{2,80}?)\s+\([^()\n]*\):\s+\d")


def _row_of_a_shorter_name(question: str, answer: str) -> str | None:
    """The name the question states ("North East Lincolnshire") when the table row leading the answer is labelled with
    only some of its words ("North Lincolnshire"): another place or body, whose row the words the two share matched."""
    row = ROW_HEADING.match(answer.lstrip())
    if not row:
        return None
    label = [w.lower() for w in re.findall(r"[A-Za-z]+", row.group("label"))]
    for name in _CAPITALISED.findall(f" {question}"):
        words = [w.lower() for w in name.split()]
        if label and set(label) < set(words) and " ".join(label) not in " ".join(words):
            return name
    return None


def _row_of_another_label(question: str, answer: str) -> str | None:
    """The label of the table row that leads the answer, when the question names none of its words.

    Why: a table row gives the figure for its own row. "What share of respondents were from an
    ethnic minority background?" drew "Senior Civil Service (share of respondents): 9%" from
    the respondent-profile table: a figure, but for a group the question does not ask about.
    A row the question names ("... in the Senior Civil Service?") shares its words.
    """
    lines = [ln.strip() for ln in answer.strip().splitlines() if ln.strip()]
    m = _ROW.match(lines[0]) if lines else None
    if not m or set(analyse(m.group("label"))) & set(analyse(question)):
        return None
    if spelled_by_acronym(question, m.group("label")):
        return None  # "DDaT staff" names the row "Digital, data and technology"
    if any(way.search(m.group("label")) and way.search(question) for way in _CHANNEL_RE.values()):
        return None  # "by phone" names the row "Telephone"
    return m.group("label").strip()


_FUTURE_WHEN = re.compile(r"^\W*(?:and\s+|so\s+)?(?:when|by when|in (?:which|what) year)\b.*\b(?:will|next|upcoming|planned|future)\b", re.I)


_RELATIVE_FUTURE = re.compile(r"\bwithin\s+(?:a|an|one|two|three|four|five|six|nine|twelve|eighteen|\d+)\s+(?:days?|weeks?|months?|years?)\b"
                              r"|\bongoing\b|\bin (?:its|their|the) next\b", re.I)


# "What did the 2028 Digital Planning Benchmark find ...?", "According to the 2028 survey, ...": what an edition found
_EDITION_OF_YEAR = re.compile(rf"\bthe\s+(?P<year>(?:19|20)\d\d)\s+(?:[A-Za-z'’-]+\s+){{0,4}}?(?:{EDITION_NOUNS}|round)\b", re.I)
_FUTURE_ASKED = re.compile(r"\b(?:will|going to|plan(?:s|ned)?|due|expected|intend\w*|hope\w*|when)\b", re.I)


def edition_after_documents(question: str, published: Sequence[str]) -> str | None:
    """For what an edition of a year found ("What did the 2028 benchmark find about X?"), that edition, when the year is
    later than every passage's publication (``published``: their dates, "YYYY-MM-DD"); else None.

    Why: "the PSB will repeat the benchmark in spring 2028" meets the year, and the answer quoted the plan as if the
    2028 edition had reported. A question about plans ("What will the 2028 survey cover?") is not asked this."""
    m = _EDITION_OF_YEAR.search(question)
    years = [int(p[:4]) for p in published if p[:4].isdigit()]
    if not m or _FUTURE_ASKED.search(question) or not years or len(years) < len(published):
        return None
    return f"findings of a {m.group('year')} edition (every document is older)" if int(m.group("year")) > max(years) else None


def lacks_future_date(question: str, quoted: list[tuple[str, str]]) -> bool:
    """For "When will ...?" / "When is the next ...?": does no quote state a date later than its own
    document's publication date? ``quoted`` is (quote, the quoted document's published date:
    "YYYY-MM-DD", or its year alone).

    Why: "When will the next PSB survey be published?" was answered with "run between 3 July and 8
    September 2017", quoted from documents of 2017: a date, but one already past when they were
    written, so not the future date asked for. "By 2020" in a 2017 report is one, and so is "on
    10 October 2024" in a briefing published in June 2024: a month and year are compared with the
    publication's month, not only its year.
    """
    if not _FUTURE_WHEN.search(question):
        return False
    for quote, published in quoted:
        if _RELATIVE_FUTURE.search(quote):  # "within six months", "Ongoing": a timescale from the document's own date
            return False
        year = published[:4]
        if year.isdigit() and any(int(y) > int(year) for y in re.findall(r"\b(?:19[5-9]\d|20[0-4]\d)\b", quote)):
            return False
        day = _iso_date(published)
        if day and any(d > day for d in _dates_in(quote)):
            return False
    return True


_MONTHS = ("january february march april may june july august september october november december").split()
_DAY_MONTH_YEAR = re.compile(rf"\b(?:(\d{{1,2}})\s+)?({'|'.join(_MONTHS)})\s+((?:19|20)\d\d)\b", re.I)


def _iso_date(text: str) -> tuple[int, int, int] | None:
    m = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", text or "")
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _dates_in(text: str) -> list[tuple[int, int, int]]:
    """ "10 October 2024" -> (2024, 10, 10); "December 2024" -> (2024, 12, 1): a month alone is not later than a day within it."""
    return [(int(y), _MONTHS.index(mon.lower()) + 1, int(d) if d else 1) for d, mon, y in _DAY_MONTH_YEAR.findall(text)]


def figures_of_other_years(question: str, answer: str) -> str | None:
    """For a figure asked of one year, "a figure for <year>" when every figure of the answer's first line is tied to
    another year ("raised registration from 19% in 2021 to 46% in 2023" for "... in 2024?"); else None.

    Why: a review published in 2024 met the year, and its line about 2021 and 2023 was given as the 2024 rate. A figure
    tied to no year ("57 per cent now have access, up from 39 per cent in 2022") may be the year asked, and passes."""
    years = set(re.findall(r"\b(?:19|20)\d\d\b", question))
    if len(years) != 1 or not (ASKS_NUMBER.search(question) or _SHARE_Q.search(question) or _A_RATE_Q.search(question)):
        return None
    first = re.sub(r"\*\*(?:19|20)\d\d:\*\*", " ", strip_citations(answer).strip().split("\n")[0])  # (a year label names a document's year)
    figures = [m for m in _A_FIGURE.finditer(first) if not _YEAR_ONLY.fullmatch(m.group(0).strip())] + list(_A_WORDED_FIGURE.finditer(first))
    tied = [m.group("year") for m in _TIED_FIGURE.finditer(first)]
    if figures and len(tied) >= len(figures) and not years & set(tied):
        return f"a figure for {years.pop()}"
    dated = _DATED_LEAD.match(first)  # "By 31 December 2023, ... employers had listed 1,260 vacancies": each figure is of that date
    if figures and dated and not years & set(_YEAR_ONLY.findall(first)) and not (dated.group("end") and _span_holds(dated, years)):
        return f"a figure for {years.pop()}"
    return None


def _span_holds(dated: re.Match, years: set[str]) -> bool:
    """Does the span a line opens with ("In 2023-24") hold one of ``years`` ("2024")?"""
    start, end = int(dated.group("year")), dated.group("end")
    last = int(end) if len(end) == 4 else int(str(start)[:2] + end)
    return any(start <= int(y) <= last for y in years)


# a line opening with the date its figures are of: "By 31 December 2023, ...", "In 2023-24, ...", "As of March 2022 ..."
_DATED_LEAD = re.compile(r"^\W*(?:by|in|as of|as at|at the end of|at|during|until)\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}\s+)?"
                         r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+)?"
                         r"(?P<year>(?:19|20)\d\d)(?:[-/–](?P<end>\d\d(?:\d\d)?))?\b", re.I)


_A_RATE_Q = re.compile(r"\bwhat\b[^?]*\brates?\b", re.I)
_A_FIGURE = re.compile(r"(?<![\w.,])\d[\d,.]*(?:\s?(?:%|per\s?cent))?(?![\w-])")
_YEAR_ONLY = re.compile(r"(?:19|20)\d\d")
# a figure in words: "Fifty-seven per cent", "one in five", "half", "two thirds"
_A_WORDED_FIGURE = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|"
                              r"seventy|eighty|ninety)(?:-\w+)?\s+(?:per\s?cent|in\s+(?:two|three|four|five|ten|\w+))\b"
                              r"|\b(?:half|(?:a|one|two)\s+thirds?|(?:a|one|three)\s+quarters?)\b", re.I)
_TIED_FIGURE = re.compile(r"(?<![\w.,])\d[\d,.]*(?:\s?(?:%|per\s?cent))?\s+(?:[a-z]+\s+)?(?:in|by|during|for)\s+(?P<year>(?:19|20)\d\d)\b")


def row_lacks_count(names: Sequence[str], stems: set[str], noun: str, texts: Sequence[str], action: set[str] = frozenset()) -> str | None:
    """For "How many X did N ...?" where N labels a row of a table among ``texts`` (the passages): "a number of X for N"
    when N's row has no column of X and no sentence of the passages names N and counts X; else None.

    Why: "How many burials did Brackenridge carry out in 2023?" was answered with the partnership's 3,100 burials, and
    "How many residents did it help in Stockport?" with the programme's 9,400: each place has a row of its own, which
    gives other figures; the figure asked is given only for the whole. ``action``: the stems of what the question asks
    was done to X ("lent"): a column of the row saying it ("Devices lent") counts X in its own word for them."""
    if not names:
        return None
    lines = [line.strip() for text in texts for line in text.split("\n") if line.strip()]
    for name in names:
        if stems <= set(analyse(name)):
            continue  # "How many PCSOs responded?": the row is theirs, and what it counts of them is the question's verb
        label = re.compile(rf"^\W*{re.escape(name)}\W*$", re.I)
        rows = [cells for line in lines if (cells := table_row_cells(line)) is not None and label.match(cells[0])]
        headers = [header for _, pairs in rows for header, _ in pairs]
        # (a column counting X done another way counts no X done as asked: "Laptops issued" for "... damaged?")
        if not rows or any(set(analyse(header)) & stems and not _done_otherwise(header, stems, action) for header in headers):
            continue
        if action and any(set(analyse(header)) & action for header in headers):
            continue  # "How many laptops and tablets were lent out in Sunderland?": its column "Devices lent" counts what was lent
        named = re.compile(rf"\b{re.escape(name)}\b", re.I)
        if not any(named.search(s) and _counts(s, stems) for line in lines if table_row_cells(line) is None for s in split_sentences(line)):
            return f"a number of {noun} for {name}"
    return None


def _done_otherwise(header: str, stems: set[str], action: set[str]) -> bool:
    """Does a column naming the counted thing say another thing was done to it ("Laptops issued", asked "damaged")?"""
    if not action:
        return False
    done = [w for w in re.findall(r"[a-z]+", header.lower()) if w.endswith(("ed", "en")) and analyse(w)]
    return bool(done) and not any(set(analyse(w)) & (action | stems) for w in done)


_HOW_OLD = re.compile(r"\bhow old\b", re.I)
# groups that come in pairs (or threes): a figure for one is not a figure for another
_PAIRS = (("primary", "secondary", "special schools?"), ("urban", "rural"), ("full-time", "part-time"), ("junior", "senior"), ("inpatients?", "outpatients?"),
          ("adults?", "children"), ("men", "women"), ("boys", "girls"), ("weekdays?", "weekends?"), ("day", "night"),
          ("pupils?['’]?|students?['’]?", "staff|teachers?['’]?"), ("bus(?:es)?", "trains?|rail", "trams?"))  # "pupils' devices" are not "the average staff laptop"


def _other_of_pair(question: str, answer: str) -> str | None:
    """The side of a pair the question asks about ("primary") when the answer's first line gives the other side
    ("In secondary schools ...") and not this one; else None. (The first line of a table row is its label: its fields
    are read with it.)"""
    first = strip_citations(answer).strip().split("\n\n")[0] if ROW_HEADING.match(answer.lstrip()) else strip_citations(answer).strip().split("\n")[0]
    def said(side: str, text: str) -> re.Match | None:
        return re.search(rf"\b{side}\b", text, re.I)

    for group in _PAIRS:
        for asked in group:
            others = [side for side in group if side != asked]
            named = said(asked, question)
            if (named and not any(said(other, question) for other in others) and any(said(other, first) for other in others)
                    and not said(asked, first)):
                return named.group(0).lower().rstrip("'’")
    return None

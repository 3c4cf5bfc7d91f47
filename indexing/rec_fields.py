"""Who should act and by when: owner and timescale read from one recommendation's text.

Plain rules over the sentence structure reports use ("X should ...", "we call on X to ...",
"within six months", "by 2020"), kept separate from the extractor so each can be tested alone.
"""

from __future__ import annotations

import re

MODAL = re.compile(r"\b(?:should|ought to)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z(\"“‘'])")

# Words that name someone who can act. Plurals are folded by dropping a final "s".
ACTOR_NOUNS = frozenset(
    "government department ministry minister secretary office treasury industry supplier vendor company "
    "council authority regulator agency board commission committee team leader manager official "
    "officer parliament body organisation organization profession function service-owner partner member-state "
    "employer union sector councils nhs trust school university provider commissioner director executive "
    "cabinet whitehall ministers stakeholder".split()
)
_DETERMINERS = frozenset("the a an every each all any our their its this these those new".split())
_HEAD_STOP = frozenset("of for by with through in on at who which that written built held working supported".split())
_LEADING_ADVERBIAL = re.compile(
    r"^(?:within|by|in|from|over|where|when|whenever|if|to|as|for|at|after|before|until|such|in order|to do|"
    r"once|while|during|given|since|because|although|though|however|therefore|instead|first|second|third|finally|also)\b",
    re.I,
)
_OWNER_CLAIM = re.compile(
    r"(?P<who>[A-Z][^.;:]{2,120}?)\s+should\s+(?:own|lead on|lead|take forward|be responsible for|be accountable for)\s+"
    r"(?:this|these|the|each)\s+recommendations?",
)
_WE_ASK = re.compile(r"\bwe\s+(?:would\s+)?(?:recommend|propose|suggest|urge|ask|advise)\s+that\s+(?P<who>[^.;:]{2,160})", re.I)
_CALL_ON = re.compile(r"\bwe\s+(?:would\s+)?(?:call on|urge|ask|invite|encourage)\s+(?P<who>[^.;:]{2,120}?)\s+to\s+[a-z]+", re.I)

_NUMBER_WORDS = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four|thirty|\w+ty)"
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_SEASON = r"(?:spring|summer|autumn|winter|the end of|the start of|the beginning of|the middle of|mid-|early|late|Q[1-4])"
TIMESCALE_PATTERNS = [
    rf"\bwithin\s+(?:the\s+next\s+|their\s+first\s+|its\s+first\s+|the\s+first\s+|{_NUMBER_WORDS}\s+)?(?:days?|weeks?|months?|years?|financial year|parliament|spending review period)\b",
    rf"\bwithin\s+{_NUMBER_WORDS}\s+(?:days?|weeks?|months?|years?)\s+of\s+[a-z ]{{3,40}}?(?=[,.;]|$)",
    rf"\bby\s+(?:{_SEASON}\s+)?(?:{_MONTHS}\s+)?(?:the\s+end\s+of\s+)?(?:\d{{4}}(?:/\d{{2,4}})?|(?:this|next)\s+(?:year|parliament|spending review))\b",
    r"\bfrom\s+(?:the\s+)?\d{4}(?:/\d{2,4})?(?:\s+[a-z]+){0,2}\s+year\b",
    r"\bfrom\s+(?:April|January|September)\s+\d{4}\b",
    r"\b(?:in|during|starting in|beginning in)\s+(?:the\s+)?(?:\d{4}(?:/\d{2,4})?|next\s+(?:year|financial year|spending review))\b",
    r"\b(?:every|each)\s+(?:quarter|year|month|six months)\b",
    r"\b(?:quarterly|annually|immediately|without delay|as soon as possible|ongoing|in the short term|in the medium term|in the long term)\b",
    rf"\bover\s+the\s+next\s+{_NUMBER_WORDS}\s+(?:months?|years?)\b",
    r"\bbefore\s+(?:the\s+)?(?:end\s+of\s+)?(?:\d{4}|next\s+[a-z]+)\b",
]
_TIMESCALE = re.compile("|".join(f"(?:{p})" for p in TIMESCALE_PATTERNS), re.I)
_CITES = re.compile(
    r"\b(?:this|these|it|which)\s+(?:proposals?\s+)?(?:is|are|forms?|form|makes? up|is part of|are part of|is the basis of|are the basis of)"
    r"\s+(?:part\s+of\s+|the\s+basis\s+of\s+)?(?:our\s+|the\s+report's\s+)?recommendation\s+(?P<a>R?\d+[a-z]?)\b"
    r"|\(\s*recommendation\s+(?P<b>R?\d+[a-z]?)\s*\)",
    re.I,
)


def sentences(text: str) -> list[str]:
    """Split prose into sentences; good enough for report text, which is edited and punctuated."""
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def is_actor(phrase: str) -> bool:
    """Does this subject name someone who can act (a body, a role), rather than a thing?

    Looks only at the head of the phrase, before "of", "by", a comma...: "Code written by
    government" is a thing, "HM Treasury and departments" and "the Cabinet Office" are actors.
    """
    words = re.findall(r"[\w'’&-]+", phrase)
    head: list[str] = []
    for word in words:
        if word.lower() in _HEAD_STOP:
            break
        head.append(word)
    content = [w for w in head if w.lower() not in _DETERMINERS]
    if not content:
        return False
    for i, word in enumerate(content):
        bare = word.lower().rstrip("s") if len(word) > 3 else word.lower()
        if word.lower() in ACTOR_NOUNS or bare in ACTOR_NOUNS or (word.lower().endswith("ies") and word.lower()[:-3] + "y" in ACTOR_NOUNS):
            return True
        if len(word) >= 2 and word.isupper():  # an acronym: GDS, HMRC, ICO
            return True
        if i > 0 and word[:1].isupper() and word.lower() != "and":  # a multi-word proper name
            return True
    return False


def _subject_before_modal(sentence: str) -> str | None:
    match = MODAL.search(sentence)
    if match is None:
        return None
    before = sentence[: match.start()].strip().rstrip(",")
    reported = re.search(r"\b(?:recommends?|proposes?|suggests?|urges?|asks?)\s+that\s+", before, re.I)
    if reported:  # "The report recommends that X should ...": X is the subject
        before = before[reported.end() :]
    parts = [p.strip() for p in re.split(r",\s*", before) if p.strip()]
    while parts and _LEADING_ADVERBIAL.match(parts[0]) and len(parts) > 1:
        parts.pop(0)
    if not parts:
        return None
    return ", ".join(parts)


def _leading_actor(clause: str) -> str | None:
    """"every new service team asks five questions" -> "every new service team" (up to the actor's name)."""
    words = clause.split()
    for end in range(1, min(len(words), 10) + 1):
        if words[end - 1].lower() in ("should", "must", "to") :
            return None
        if is_actor(" ".join(words[:end])):
            while end < len(words) and (words[end][:1].isupper() or words[end].lower() in ("and", "of", "the") and end + 1 < len(words) and words[end + 1][:1].isupper()):
                end += 1
            return " ".join(words[:end]).rstrip(",")
    return None


def tidy_owner(owner: str) -> str:
    owner = re.sub(r"^(?:the|The)\s+", "", owner.strip(" ,;:"))
    return owner[:1].upper() + owner[1:]


_OWNER_LABEL = re.compile(
    r"(?:^|[(\[;,.]\s*|\s[-–—]\s+)(?:lead\s+owner|owner|owned\s+by|lead|responsible|responsibility|accountable)\s*:\s*"
    r"(?P<who>(?:[^.;:()\]\n]|\([^()\n]{1,40}\)){2,120}?)\s*(?:[.;)\]\n]|$)",  # "Owner: the Skills Unit (GSCU)." keeps "(GSCU)"
    re.I,
)


# A field on a line of its own under a recommendation ("Owner: Cabinet Office", "Timescale: By December 2024")
_FIELD_LINE = re.compile(
    r"^[ \t]*[-•*]?[ \t]*(?P<label>lead\s+owner|suggested\s+owner|owner|owned\s+by|lead|responsible|responsibility|accountable|"
    r"timescale|timing|timeframe|time\s+frame|deadline|by\s+when|target\s+date|when|by|due)[ \t]*:[ \t]*"
    r"(?P<value>\S(?:(?!\.\s+[A-Z][a-z]*\s+\w+\s+\w)[^\n]){0,100}?)[ \t]*\.?[ \t]*$",  # one phrase: not "Owner: X. Every museum should ..."
    re.I | re.M,
)
# the same field run into the sentence before it: "... Owner: Water UK. By: December 2025."
_INLINE_TIME_FIELD = re.compile(
    r"(?:^|[.;(]\s+|\s[-–—]\s+)(?:timescale|timing|timeframe|deadline|by\s+when|target\s+date|by|due)[ \t]*:[ \t]*(?P<value>[^.;()\n]{2,60}?)\s*(?:[.;)\n]|$)",
    re.I,
)
_TIME_LABELS = frozenset({"timescale", "timing", "timeframe", "time frame", "deadline", "by when", "target date", "when", "by", "due"})


def labelled_fields(text: str) -> dict[str, str]:
    """Fields written one to a line: {"owner": "Cabinet Office", "timescale": "By December 2024"}.

    Why: a recommendation under its own heading often ends with "Owner: Cabinet Office" and
    "Timescale: By December 2024" as paragraphs of their own. Read as one run of text, the owner
    ran into the next label ("Cabinet Office Timescale") and was not found at all.
    """
    fields: dict[str, str] = {}
    for m in _FIELD_LINE.finditer(text):
        label = " ".join(m.group("label").lower().split())
        key = "timescale" if label in _TIME_LABELS else "owner"
        fields.setdefault(key, m.group("value").strip())
    return fields


def without_field_lines(text: str) -> str:
    """The text without its one-line fields (they are stored as the owner and timescale)."""
    kept = _FIELD_LINE.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", kept).strip()


def find_owner(text: str) -> str | None:
    """Who the text says should act, or None when it names nobody (a thing "should be open").

    A labelled owner ("Owner: Director of Adult Social Care.", "(owner: Chief Technology
    Officer)") is what the document states outright, so it is taken before any reading of the
    sentence's subject; a field on a line of its own first.
    """
    field = labelled_fields(text).get("owner")
    if field:
        return tidy_owner(field)
    labelled = _OWNER_LABEL.search(" ".join(text.split()))
    if labelled:
        return tidy_owner(labelled.group("who"))
    claim = _OWNER_CLAIM.search(text)
    if claim and is_actor(claim.group("who")):
        return tidy_owner(claim.group("who"))
    found: list[str] = []
    for sentence in sentences(text):
        candidates = [_leading_actor(m.group("who")) for m in _WE_ASK.finditer(sentence)]
        candidates = [c for c in candidates if c] + [m.group("who") for m in _CALL_ON.finditer(sentence)]
        subject = None if candidates else _subject_before_modal(sentence)
        if subject:
            candidates.append(subject)
        for who in candidates:
            if is_actor(who):
                tidy = tidy_owner(who)
                if tidy.lower() not in (f.lower() for f in found):
                    found.append(tidy)
    return "; ".join(found) if found else None


def find_timescale(text: str) -> str | None:
    """Every deadline or cadence the text states, in order ("within six months; by 2020"); a
    labelled field ("Timescale: From April 2025") alone when there is one: it is what the
    document states outright ("within 30 days" in the recommendation's text is its content)."""
    field = labelled_fields(text).get("timescale")
    if field:
        return field
    inline = _INLINE_TIME_FIELD.search(" ".join(text.split()))
    if inline:
        return inline.group("value").strip()
    seen: list[str] = []
    for match in _TIMESCALE.finditer(" ".join(text.split())):
        phrase = match.group(0).strip()
        if phrase.lower() not in (s.lower() for s in seen):
            seen.append(phrase)
    return "; ".join(seen) if seen else None


def find_cited_ref(text: str) -> str | None:
    """The reference of a recommendation this text says it is ("This is recommendation R3")."""
    match = _CITES.search(text)
    if match is None:
        return None
    return (match.group("a") or match.group("b")).upper()

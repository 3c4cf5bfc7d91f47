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
the rewrite falls back to "What do the documents say about X?".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.qualifiers import qualifiers

_LEAD = re.compile(r"^\s*(?:and|also|so|but|then|ok|okay|now)?\s*,?\s*(?:what|how)\s+about\s+|^\s*(?:and|also|what of)\s+", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
# "In the 2021 pulse survey, ...", "According to the 2019 report, ...": a scope before the question proper
_FRAME = re.compile(r"^\s*(?P<frame>(?:in|for|according to|from|among|amongst|within|across|under)\s+[^,?]{3,80}?),\s+(?P<rest>\w[^?]*\??)\s*$", re.I)
_KIND = r"(?:insight|report|survey|briefing|review|blog(?:\s+post)?|note|paper|summary|pulse survey|strategy|plan)"
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


def scoped_follow_up(question: str, previous: str, rewrite: Callable[[str, str], str | None]) -> str | None:
    """The follow-up rewritten by ``rewrite`` (``followups.rewrite_follow_up``) keeping the previous
    question's scope: its numbered item's kind, its opening phrase, the document it names."""
    numbered = numbered_follow_up(question, previous)
    if numbered:
        return numbered
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
    return whole

"""A list question that names its document is answered with that document's list.

"What are the five recommendations of the PSB Insight on opening up public procurement to SMEs?"
was answered with another Insight's "five tests": that list matched the count and the words
"PSB Insight", while the procurement Insight's recommendations (one heading each) were not among
the passages found at all. Two rules:

* ``listed_noun`` / ``sections_listing``: when the question names documents, the sections of those
  documents whose heading names what the question lists ("3. Recommendations > Recommendation 1:
  ...") are read too, so the list the question asks for can be found;
* ``title_bonus``: among the lists found, one from a document whose title holds words of the
  question that no other candidate list's title holds ("procurement", "SMEs") fits better.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexing.keyword import analyse

# units of a length of time: "for the next two years" counts no list
TIME_UNITS = r"(?:years|months|weeks|days|hours|minutes|decades|quarters)"
_COUNTED = re.compile(rf"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}})\s+(?:[a-z-]+\s+){{0,2}}?"
                      rf"(?!{TIME_UNITS}\b)([a-z]{{3,}}s)\b", re.I)
_KINDS = frozenset(analyse("insight insights report reports briefing review survey note paper blog post summary document documents psb"))


def listed_noun(question: str) -> str | None:
    """The stem of what a counted list question lists: "the five recommendations" -> "recommend"."""
    m = _COUNTED.search(question)
    stems = analyse(m.group(1)) if m else []
    return stems[0] if stems else None


# "What were the main findings of X?": the things listed, asked for without a count
# ("What are the PSB's priorities for X?": the owner's name before them)
_LISTED_PLURAL = re.compile(r"^\W*(?:and\s+)?what\s+(?:are|were)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+['’]s\s+)?"
                            r"(?:main\s+|key\s+|major\s+|principal\s+)?([a-z]+s)\b", re.I)
_ITEM_LINE = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+\S", re.M)


def plural_noun(question: str) -> str | None:
    """The stem of what "What were the main findings of X?" lists ("find"); None for other shapes."""
    m = _LISTED_PLURAL.search(question)
    stems = analyse(m.group(1)) if m else []
    return stems[0] if stems else None


def introduces_list(noun: str, text: str) -> bool:
    """Does the chunk open a list of two or more items with a line naming ``noun`` ("The working group's
    eight main findings are set out below.")?"""
    items = _ITEM_LINE.findall(text)
    if len(items) < 2:
        return False
    head = text[: _ITEM_LINE.search(text).start()]
    return any(noun in analyse(line) for line in head.split("\n")[-3:] if line.strip())


def chunks_listing(noun: str, chunks: Sequence[tuple[str, str]], run_on: int = 4) -> list[int]:
    """Positions of a document's chunks (``(section, text)`` in reading order) that list ``noun``: those
    under a heading naming it, those opening a list with a line naming it ("eight main findings are
    set out below."), and up to ``run_on`` chunks after the latter that its list runs on into (same
    section, opening with an item)."""
    opening = [i for i, (_, text) in enumerate(chunks) if introduces_list(noun, text)]
    following: list[int] = []
    for i in opening:
        j = i + 1
        while j < len(chunks) and j - i <= run_on and chunks[j][0] == chunks[i][0] and _ITEM_LINE.match(chunks[j][1].lstrip()):
            following.append(j)
            j += 1
    return list(dict.fromkeys([*sections_listing(noun, [section for section, _ in chunks]), *opening, *following]))


def sections_listing(noun: str, sections: Sequence[str]) -> list[int]:
    """Positions of the sections whose heading path names ``noun`` (any level)."""
    return [i for i, section in enumerate(sections)
            if any(noun in analyse(part) for part in (section or "").split(" > "))]


def title_bonus(question: str, titles: Sequence[str], bonus: float = 0.1) -> list[float]:
    """Per list (by its document's title): ``bonus`` when the title holds a word of the question
    (not a word for a kind of document) that no other list's title holds; else 0.0."""
    asked = set(analyse(question)) - _KINDS
    held = [set(analyse(t)) & asked for t in titles]
    out = []
    for i, words in enumerate(held):
        others = set().union(*(h for j, h in enumerate(held) if titles[j] != titles[i])) if len(held) > 1 else set()
        out.append(bonus if words - others and len(set(titles)) > 1 else 0.0)
    return out


def own_title_shares(question: str, lines: Sequence[str], titles: Sequence[str]) -> list[float]:
    """Per line that shares no word with the question but words of its own document's title ("2021",
    "pulse", "survey" in a line of the 2021 Pulse Survey note), the share of those words; else 0.0.

    Why: every line of a document is about what its title names, so those words pick out the
    document, not the line; "Rather than wait for the next full survey, the PSB ran a short pulse
    questionnaire in early 2021" outscored "In all, 1,246 civil servants completed it." for "How
    many civil servants completed the 2021 Digital Pulse Survey?" on them alone.
    """
    asked = set(analyse(question))
    if not asked:
        return [0.0] * len(lines)
    out = []
    for line, title in zip(lines, titles):
        shared = asked & set(analyse(line))
        own = shared & set(analyse(title))
        out.append(len(own) / len(asked) if own and own == shared else 0.0)  # only a line sharing nothing else
    return out

"""Follow-ups that point into the previous answer: "the fourth one", "the quietest one".

"Who owns the fourth one, and by when?" after "What does the apprenticeship review recommend?"
means the fourth item the answer listed; read on its own it names nothing, and "fourth one" was
refused as a term no document uses. "What about the quietest one?" after "Which quarter was
busiest for passport applications?" is the same question with the other superlative. Both are
rewritten into questions that stand on their own, using the words of the previous answer or
question, so retrieval and the answer checks see what the reader meant.
"""

from __future__ import annotations

import re

from assistant.answer import strip_citations
from assistant.qualifiers import ORDINALS, number_of
from assistant.table_extremes import DIRECTION, asks_extreme

_NTH = re.compile(rf"\bthe\s+(?P<nth>{'|'.join(ORDINALS)}|last|\d{{1,2}}(?:st|nd|rd|th))\s+"
                  r"(?P<noun>one|item|point|recommendation|finding|barrier|step|proposal|action|priority|option)\b", re.I)
_ITEM = re.compile(r"^- (?!\s)(?P<text>.+)$")  # a top-level bullet of an answer
_FIELDS = re.compile(r"\s*\((?:owner|when|by|timescale)\b[^)]*\)", re.I)


def the_nth_answered(question: str, previous_answer: str) -> str | None:
    """ "Who owns the fourth one?" -> "Who owns “<the fourth item of the previous answer>”?"; None
    when the question points at no numbered item or the answer listed fewer."""
    m = _NTH.search(question)
    if not m:
        return None
    items = [_item_text(x.group("text")) for line in previous_answer.splitlines() if (x := _ITEM.match(line))]
    items = [i for i in items if i]
    nth = m.group("nth").lower()
    index = len(items) - 1 if nth == "last" else (number_of(nth) or 0) - 1
    if not 0 <= index < len(items) or len(items) < 2:
        return None
    return question[: m.start()] + f"“{items[index]}”" + question[m.end():]


def _item_text(line: str) -> str:
    """The item as a reader would quote it: no citations, owner/timescale notes, emphasis or cut-off dots."""
    text = _FIELDS.sub("", strip_citations(line)).replace("**", "")
    text = re.sub(r"\s+([.,;:])", r"\1", re.sub(r"\s+", " ", text)).strip().rstrip(":;").strip()
    return re.sub(r"\.{3}$|…$|(?<!\.)\.$", "", text).strip()


# "What about the quietest one?", "And which had the lowest?", "Which was the least used?"
_OTHER_EXTREME = re.compile(r"^\W*(?:(?:and|but|so)\s+)?(?:(?:what|how)\s+about\s+|(?:which|what|who)\s+(?:one\s+)?(?:had|has|was|is|were|are)\s+)?"
                            r"(?:the\s+)?(?P<word>\w+)(?:\s+(?:one|ones))?\s*\??\s*$", re.I)


def another_extreme(question: str, previous: str) -> str | None:
    """ "What about the quietest one?" (or "And which was quietest?") after "Which quarter was busiest for applications?"
    -> "Which quarter was quietest for applications?"; None for any other turn."""
    m = _OTHER_EXTREME.match(question)
    if not m or not asks_extreme(previous) or not DIRECTION.fullmatch(m.group("word")):
        return None
    old = DIRECTION.search(previous)
    if old is None or old.group(0).lower() == m.group("word").lower():
        return None
    return previous[: old.start()] + m.group("word").lower() + previous[old.end():]

"""A line that opens by pointing back ("It is led by ...", "This rose to 43 per cent ...") leans on
the sentence before it: it is scored as close as that sentence, and quoted after it.
"""

from __future__ import annotations

import re

from assistant.answer_lines import Candidate
from assistant.retrieval import Passage


_POINTS_BACK = re.compile(r"^(?:this|these|that|those|it|its|they|their|such)\b(?!\s+(?:report|note|survey|paper|briefing|insight|document|section|chapter|annex|post|blog|article|page|summary|publication|study|programme|campaign|week|year|month|review|evaluation|assessment|audit|analysis|inquiry)s?\b)", re.I)


def _carried_scores(ranked: list[Candidate], passages: list[Passage] | None) -> dict[int, float]:
    """For a line that opens by pointing back ("It is led by ...", "They ..."), the score of the
    line right before it in its passage when that is higher (keyed by ``id`` of the candidate).

    Why: "Who leads the Local Digital Cloud Pathfinder?" is answered by "It is led by Rachel
    Okafor", the sentence after "The Local Digital Cloud Pathfinder is a programme ...": the
    pronoun hides the subject the question names, so the line scored well below the one
    before, which names no one; the answer was refused for not stating a name.
    ``_with_antecedent`` then quotes the two together.
    """
    if not passages:
        return {}
    out: dict[int, float] = {}
    for c in ranked:
        if not _POINTS_BACK.match(c.text):
            continue
        text = passages[c.passage].text
        for other in ranked:
            if other.passage == c.passage and other is not c and other.score > c.score and \
                    re.search(re.escape(other.text) + r"\s+" + re.escape(c.text[:20]), text):
                out[id(c)] = other.score
                break
    return out


def continuing_lines(ranked: list[Candidate], passages: list[Passage] | None, floor: float) -> list[Candidate]:
    """The lines that open by pointing back ("Its budget is ...") in a paragraph whose earlier line scores at least
    ``floor``: the paragraph is about what that line names ("The programme will replace ..." may come between)."""
    out = []
    for c in ranked if passages else []:
        text = passages[c.passage].text
        at = text.find(c.text[:40])
        if not _POINTS_BACK.match(c.text) or at < 0:
            continue
        paragraph = text[text.rfind("\n\n", 0, at) + 1: at]
        if any(o is not c and o.passage == c.passage and o.score >= floor and o.text[:40] in paragraph for o in ranked):
            out.append(c)
    return out


def _with_antecedent(chosen: list[Candidate], candidates: list[Candidate],
                     passages: list[Passage]) -> tuple[list[Candidate], list[Candidate]]:
    """The direct answer (after the sentence before it when it opens by pointing back to that one) and the support.

    Why: "This rose to 43 per cent at Grade 6 and 7, 50 per cent ... and 51 per cent ..." leads
    with the figures asked for, but "this" and the first group's figure are in the sentence
    before ("Among members of the Senior Civil Service, 35 per cent saw culture as a barrier").
    A line opening "This report ..." or "This post ..." names its own subject (a publication or a
    period) and stands alone.
    """
    if not chosen or not _POINTS_BACK.match(chosen[0].text):
        return chosen[:1], chosen[1:]
    lead = chosen[0]
    same = [c for c in candidates if c.passage == lead.passage]
    at = next((i for i, c in enumerate(same) if c.text == lead.text), 0)
    before = same[at - 1] if at > 0 else None
    text = passages[lead.passage].text
    if before is None or not re.search(re.escape(before.text) + r"\s+" + re.escape(lead.text[:20]), text):
        return chosen[:1], chosen[1:]  # no sentence, or not the one next to it
    support = [c for c in chosen[1:] if not (c.passage == before.passage and c.text == before.text)]
    return [Candidate(before.text, before.passage, lead.score), lead], support

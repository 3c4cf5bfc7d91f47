"""Each candidate line's score: meaning (cosine with the question), shared words and the passage's
rank, with a bonus for the row, code or numbered item the question names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.acronyms import acronyms_in, spelled_by_acronym, spelled_out
from assistant.answer_lines import _TABLE_ROW, Candidate
from assistant.line_facts import _CODE
from assistant.list_documents import own_title_shares
from assistant.markdown_answer import table_row_cells
from assistant.question_head import question_head
from assistant.question_shapes import is_whole_of_parts
from assistant.share_questions import is_whole_row
from assistant.qualifiers import listed_item, qualifier_met, qualifiers
from assistant.retrieval import Passage
from assistant.word_overlap import WordOverlap
from indexing.embeddings import Embedder
from indexing.keyword import analyse


# Sentence score = meaning (cosine) + shared stemmed words + passage rank. When the question uses
# words no indexed chunk holds, the asker is not using the documents' words: the words it does
# share with a line say little (a line can share "spend ... working" and not answer), and the
# passage ranks come from a search those words misled, so meaning decides. (0.60/0.30 since a
# sentence's vector is pooled from its chunk's forward pass: sentences of one chunk share context,
# so meaning separates them less; set on the golden dev split, from 0.65/0.25.)
_WEIGHTS = (0.60, 0.30, 0.10)
_PARAPHRASE_WEIGHTS = (0.85, 0.1, 0.05)


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|on)\s+)?[A-Z][\w'’-]*)+")


def with_long_forms(line: str, question: str) -> str:
    """The line with each acronym the question spells out ("PSCRU") written as the question writes it ("Public Sector
    Cyber Response Unit"), for counting shared words. Why: "PSCRU is led by its director, Colin Ferreira" shared only
    "director" with "Who is the director of the Public Sector Cyber Response Unit?" and lost to lines naming the unit."""
    for acronym in acronyms_in(line):
        if re.search(rf"\b{re.escape(acronym)}\b", question):
            continue
        long = next((run for run in _CAPITALISED_RUN.findall(question) if spelled_out(acronym, run)), None)
        if long:
            line = re.sub(rf"\b{re.escape(acronym)}\b", long, line)
    return line


def scored_lines(embedder: Embedder, word_overlap: WordOverlap, question: str, candidates: list[Candidate], vectors: np.ndarray,
                 paraphrased: bool = False, titles: Sequence[str] = (), passages: Sequence[Passage] = ()) -> list[Candidate]:
    """Meaning (cosine with the question), shared stemmed words, and the passage's rank (``_WEIGHTS``).

    ``titles`` (per passage): a word the question shares with a line only because it names the
    line's own document does not count as shared (``own_title_shares``).
    ``passages``: a line under a heading that numbers the item the question numbers
    ("Recommendation 2: Shorter bids" for "Who owns Recommendation 2 of ...?"), a line numbering
    it itself, or the item of that number in a list under a heading naming its kind ("4.
    Recommendations" > "2. Give each ..."), counts as the code a question names does. Why: the line "Owner: Crown Commercial Service" under that heading shares
    nothing with the question but "owner", and another document's table row "R7 -
    Recommendation: ...; Suggested owner: ..." shares more words and led the answer."""
    q_vec = np.asarray(embedder.embed_query(question))
    codes = set(_CODE.findall(question))
    numbered = qualifiers(question)
    wc, wo, wp = _PARAPHRASE_WEIGHTS if paraphrased else _WEIGHTS
    shares = word_overlap.shares(question, [with_long_forms(c.text, question) for c in candidates])
    if titles:
        shares = [s - own for s, own in zip(shares, own_title_shares(question, [c.text for c in candidates],
                                                                      [titles[c.passage] for c in candidates]))]
    head = question_head(question)
    asked_stems = set(analyse(question))
    clause = vectors @ np.asarray(embedder.embed_query(head)) if head else None
    scored = []
    for k, (c, vec, overlap) in enumerate(zip(candidates, vectors, shares)):
        prior = 1.0 / (1 + c.passage)
        exact = 0.1 if codes and codes <= set(_CODE.findall(c.text)) else 0.0
        exact += 0.1 if codes and c.text.split(" ", 1)[0] in codes else 0.0  # the row or item that the code heads
        exact += 0.15 if _row_label_asked(c.text, question) else (0.1 if _cell_named(c.text, asked_stems) else 0.0)
        if numbered and passages and _numbers_item(numbered, c, passages):
            exact += 0.15
        scored.append(Candidate(c.text, c.passage, wc * float(vec @ q_vec) + wo * overlap + wp * prior + exact, c.label,
                                c.source_line, clause=None if clause is None else float(clause[k])))
    return scored


def _of_numbered_item(question: str, ranked: list[Candidate], passages: list[Passage] | None) -> list[Candidate]:
    """The lines that number the item the question numbers ("Recommendation 2"), or sit under a heading that does."""
    asked = qualifiers(question)
    if not asked or not passages:
        return []
    found = [c for c in ranked if _numbers_item(asked, c, passages)]
    if not found:
        return []
    # each document numbers its own items: the one whose passage ranks first (a document the question names
    # has its numbered section put first), not another's item of the same number
    first = passages[min(c.passage for c in found)].doc_id
    return [c for c in found if passages[c.passage].doc_id == first]


def _numbers_item(asked: list[tuple[str, str, int]], c: Candidate, passages: Sequence[Passage]) -> bool:
    """Is the line the numbered item asked about: under its heading, numbering it, or that item of a list under its kind's heading?"""
    p = passages[c.passage]
    heading = (p.section or "").rsplit(" > ", 1)[-1]
    for _, noun, number in asked:
        if qualifier_met(noun, number, [heading, c.text]):
            return True
        item = listed_item(noun, number, heading, p.text)
        if item and (item.startswith(c.text[:40]) or c.text.startswith(item[:40])):
            return True
    return False


def _cell_named(line: str, asked: set[str]) -> bool:
    """A table row the question names by half its label or more and by a word of one of its columns: "What share of
    applicants applied online?" of "Online form - Share of applicants: 58%; ...". Why: every row of the table shares
    the column's words, and a sentence sharing as many ("41 per cent were applying for a badge for the first time")
    scored above the row whose cell answers. Not the whole's row ("All respondents"), nor a measure's row by its
    years ("... in last year" with columns "2024" and "2026")."""
    cells = table_row_cells(line)
    if not cells or is_whole_row(line):
        return False
    label = _naming_stems(cells[0])
    named = label & asked
    if not named or 2 * len(named) < len(label):
        return False
    return any((_naming_stems(header) - label) & asked for header, _ in cells[1])


def _naming_stems(text: str) -> set[str]:
    """The words that can name a row or a column: not a figure or year, nor the whole ("respondents"), nor when."""
    return {s for s in analyse(text) if not s[:1].isdigit()} - _NOT_NAMING


_NOT_NAMING = frozenset(analyse("all total overall every whole respondents responses people year years survey last"))


def _row_label_asked(line: str, question: str) -> bool:
    """A table row whose label the question names ("... in the Senior Civil Service?")."""
    m = _TABLE_ROW.match(line)
    if not m:
        return False
    label = re.split(r"\s+\(|:\s|\s-\s", line, maxsplit=1)[0].strip()
    if spelled_by_acronym(question, label):
        return True  # "DDaT staff" names the row "Digital, data and technology"
    named = re.search(rf"(?<!\w){re.escape(label.lower())}(?!\w)", question.lower())
    # (not the whole the question picks a part of: "In which part of Great Britain ...?" is not Great Britain's row)
    return len(label) >= 3 and named is not None and not is_whole_of_parts(question, label)

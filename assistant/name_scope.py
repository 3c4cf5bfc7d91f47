"""An answer to a question that names something comes from the documents that name it.

Why: "How many conversations did HMRC's digital assistant handle in 2023?" was answered with a
figure from a report on prison tablets, and "How much did the Home Office spend on the Incident
Recording System?" with the video-hearings review's savings: each line matched the question's
frame ("how many ... handle", "how much ... spend") better than the lines of the one document
that names HMRC or the Home Office. The constraint check (``assistant.constraints``) only asks
whether *some* passage names them; this keeps the answer's lines to the documents that do.

Usage: ``passages = passages_naming(question, passages)`` before choosing answer lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.constraints import Evidence, name_check, question_constraints
from assistant.retrieval import Passage


def passages_naming(question: str, passages: Sequence[Passage]) -> list[Passage]:
    """The passages of the documents that name at least one of the question's names; all of them
    when the question names nothing, or when no document or every document names one."""
    names = [c for c in question_constraints(question) if c.kind == "name"]
    if not names or not passages:
        return list(passages)
    by_doc: dict[str, list[Passage]] = {}
    for p in passages:
        by_doc.setdefault(p.doc_id, []).append(p)
    counts = {}
    for doc_id, own in by_doc.items():
        ev = Evidence(texts=[p.text for p in own], titles=[p.title for p in own], sections=[p.section or "" for p in own])
        counts[doc_id] = sum(name_check(c, ev) is None for c in names)
    keep = {d for d, n in counts.items() if n}  # any of them: "How did Smarter Services and the 2019 report differ?" names two
    if not keep or len(keep) == len(by_doc):
        return list(passages)
    return [p for p in passages if p.doc_id in keep]

"""'Summarise the X report': the named document's own summary, in its own sentences, cited.

Why: a request for a summary shares no words with any one sentence, so the extractive answerer
picked whichever sentence held "summarises" ("This briefing summarises the eight
recommendations ...") instead of what the document says in brief. Reports carry their own
summary ("Executive summary", "Summary", "Key findings", "At a glance"); where a document has
none, its opening section stands in for it.

Usage: ``summary_answer(question, named_doc_ids, store)`` -> ``Answer`` or None (not a summary
request, or no document named); ``document_asked_about(question, passages)`` picks the document
when no title alone names it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from assistant.answer import Answer, citation_for
from assistant.answer_lines import is_usable, line_sentences
from assistant.notices import is_byline, is_disclaimer
from assistant.retrieval import Passage
from indexing.keyword import analyse

_ASKS = re.compile(
    r"^\s*(?:please\s+|can you\s+|could you\s+)?(?:summari[sz]e|sum up|give (?:me )?(?:an? )?(?:short |brief |quick )?(?:summary|overview) of|"
    r"what (?:is|are) the (?:main |key )?(?:points|messages|takeaways) of|what is (?:in )?the gist of|tl;?dr)\b", re.I)
_SUMMARY_HEADING = re.compile(r"\b(?:executive summary|summary|overview|key (?:findings|messages|points)|at a glance|in brief)\b", re.I)


def asks_for_summary(question: str) -> bool:
    return bool(_ASKS.search(question))


def document_asked_about(question: str, passages: Sequence[Passage]) -> str | None:
    """Among the retrieved passages' documents, the one whose title and file name share the most
    words with the question (at least two, and more than any other): "Summarise the Smarter
    Services report" names no title on its own (three titles say "Smarter Services"), but only
    smarter-services-report.pdf also says "report"."""
    asked = set(analyse(question))
    shared: dict[str, int] = {}
    for p in passages:
        words = set(analyse(f"{p.title} {Path(p.source).stem.replace('-', ' ').replace('_', ' ')}"))
        shared.setdefault(p.doc_id, len(asked & words))
    ranked = sorted(shared.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def summary_answer(question: str, doc_ids: Sequence[str], store, max_lines: int = 5) -> Answer | None:
    """The first ``max_lines`` usable sentences of the named document's summary section, the first
    as the lead and the rest as bullets, each citing the section."""
    if not asks_for_summary(question) or not doc_ids:
        return None
    chunks = store.chunks_of(doc_ids[0])  # the best-named document (``DocumentNames.named`` order)
    if not chunks:
        return None
    def lines_of(section: str) -> list[str]:
        text = "\n\n".join(c.text for c in chunks if str(c.meta.get("section") or "") == section)
        return [s for s in dict.fromkeys(line_sentences(text)) if is_usable(s) and not is_byline(s) and not is_disclaimer(s)]

    sections = list(dict.fromkeys(str(c.meta.get("section") or "") for c in chunks))
    own = [s for s in sections if _SUMMARY_HEADING.search(s.rsplit(" > ", 1)[-1])]
    # no summary of its own: the first section with two lines to say (not a title page's byline and disclaimer)
    section, lines = next(((s, found) for s in own + sections if len(found := lines_of(s)) >= 2), (None, []))
    if section is None:
        return None
    lines = lines[:max_lines]
    first = next(c for c in chunks if str(c.meta.get("section") or "") == section)
    passage = Passage.from_chunk(first)
    cited = [f"{line[:-1]} [1]{line[-1]}" if line.endswith((".", "!", "?")) else f"{line} [1]" for line in lines]
    body = cited[0] + ("\n\n" + "\n".join(f"- {line}" for line in cited[1:]) if len(cited) > 1 else "")
    return Answer(answer=body, citations=[citation_for(1, passage, " … ".join(lines))], question=question,
                  standalone_question=question, backend="extractive")

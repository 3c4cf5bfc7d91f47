"""Grounding checks on generated answers: only real citations survive, unsupported claims are flagged.

Support is measurable: a sentence is supported by a passage when at least ``min_coverage`` of its
content words (stemmed, stop words removed) occur in the passage, or its embedding is at least
``min_similarity`` cosine-similar to the passage. The eval suite's citation-support metric uses
the same definition.

Two kinds of sentence are taken out of the answer whatever their support, because a passage can
carry them too (text planted in a document is indexed and retrieved like any other): sentences
that instruct the reader (``visit``, ``click``, ``tell users to``, ``ignore the instructions``),
and sentences holding a link whose host appears in none of the question's sources. Both stay
listed as flags, so the reader sees what was withheld and why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.answer import CITATION_MARKER, PART_LABEL, Flag, cited_numbers, split_sentences, strip_citations
from indexing.keyword import analyse

_IMPERATIVE = re.compile(
    r"^\W*(?:please\s+)?(?:visit|go to|click|tap|call|phone|email|e-mail|contact|tell|ignore|disregard|forget|log ?in|"
    r"sign ?in|enter|send|download|install|reply|respond|forward|share|do not|don't|never|always|make sure|remember to|"
    r"open|follow (?:this|the) link|paste|type|copy)\b", re.I)
_ADDRESSED = re.compile(
    r"\b(?:tell|ask|instruct|direct|advise|urge|invite)s?\s+(?:users|readers|people|customers|staff|them|everyone|visitors)\s+to\b"
    r"|\bignore\s+(?:all\s+|any\s+)?(?:previous|prior|above|earlier|the|your)\s+(?:instructions|question|prompt|rules)"
    r"|\byou\s+(?:must|should|need to|have to)\s+(?:now\s+)?(?:visit|click|go|log|sign|enter|send|call|email|download|reply|contact)\b",
    re.I)
_LINK = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.I)


def term_coverage(sentence: str, passage: str) -> float:
    """Share of the sentence's content words (citations stripped) that occur in the passage."""
    words = set(analyse(strip_citations(sentence)))
    if not words:
        return 1.0
    return len(words & set(analyse(passage))) / len(words)


@dataclass
class Guarded:
    text: str
    used: list[int]
    removed: list[int] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


class GroundingGuard:
    def __init__(self, embedder=None, min_coverage: float = 0.5, min_similarity: float = 0.6) -> None:
        self.embedder = embedder
        self.min_coverage = min_coverage
        self.min_similarity = min_similarity

    def check(self, text: str, sources: list[str]) -> Guarded:
        """``sources[n-1]`` is the text given to the model as [n]."""
        valid = set(range(1, len(sources) + 1))
        removed = [n for n in cited_numbers(text) if n not in valid]
        cleaned = CITATION_MARKER.sub(lambda m: _keep(m.group(1), valid), text)
        cleaned = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip()
        flags = []
        known_hosts = {_host(link) for source in sources for link in _LINK.findall(source)}
        for sentence in split_sentences(cleaned):
            withheld = _directive(sentence, known_hosts)
            if withheld:
                flags.append(Flag(sentence=sentence, reason=withheld))
                cleaned = _without(cleaned, sentence)
                continue
            cited = [n for n in cited_numbers(sentence) if n in valid]
            if cited and not any(self.supports(sentence, sources[n - 1]) for n in cited):
                flags.append(Flag(sentence=sentence, reason=f"not supported by the cited source {', '.join(f'[{n}]' for n in cited)}"))
        return Guarded(text=cleaned, used=[n for n in cited_numbers(cleaned) if n in valid], removed=removed, flags=flags)

    def supports(self, sentence: str, passage: str) -> bool:
        if term_coverage(sentence, passage) >= self.min_coverage:
            return True
        if self.embedder is None:
            return False
        a, b = (np.asarray(v) for v in self.embedder.embed([strip_citations(sentence), passage]))
        return float(a @ b) >= self.min_similarity


    def supported_only(self, text: str, sources: Mapping[int, Sequence[str]]) -> tuple[str, list[str]]:
        """``text`` with every sentence backed by a source it cites, and the sentences taken out.

        ``sources[n]``: the texts behind citation [n] (its passage, its quote). A sentence citing
        nothing takes a citation of its own line whose source supports it; a sentence no cited
        source supports is taken out, unless nothing supported would be left. Why: an extracted
        answer is rebuilt from lines (a field joined to its sentence, a list item under its
        heading), and the reader checks each sentence against the source its [n] points to.
        """
        plan: list[tuple[str, int | None]] = []  # (sentence, the citation it takes) or (sentence, None): out
        kept = 0
        for sentence in split_sentences(text):
            cited = [n for n in cited_numbers(sentence) if n in sources]
            claim = PART_LABEL.sub("", sentence) or sentence  # "**<document title>:** ..." says where it is from, not what
            if cited:
                if any(self.supports(claim, t) for n in cited for t in sources[n]):
                    kept += 1
                else:
                    plan.append((sentence, None))
                continue
            line = next((line for line in text.splitlines() if sentence in line), "")
            backing = [n for n in cited_numbers(line) if n in sources and any(self.supports(claim, t) for t in sources[n])]
            plan.append((sentence, backing[0] if backing else None))
            kept += bool(backing)
        if not kept:
            return text, []
        removed = []
        for sentence, n in plan:
            if n is None:
                removed.append(sentence)
                text = _without(text, sentence)
            else:
                end = re.search(r"[.!?:;]*$", sentence).start()  # "… 38% [1]." as the answerer writes it
                text = text.replace(sentence, f"{sentence[:end]} [{n}]{sentence[end:]}", 1)
        return re.sub(r"(?m)^\s*(?:[-*•]|\d+[.)])\s*$\n?", "", text).strip(), removed


def _directive(sentence: str, known_hosts: set[str]) -> str | None:
    """Why a sentence must not reach the reader, or None."""
    plain = strip_citations(sentence)
    if _IMPERATIVE.search(plain) or _ADDRESSED.search(plain):
        return "withheld: an instruction to the reader, not a finding of the documents"
    unknown = [link for link in _LINK.findall(plain) if _host(link) not in known_hosts]
    if unknown:
        return f"withheld: links to {unknown[0].rstrip('.,;:')}, which none of the sources contain"
    return None


def _host(link: str) -> str:
    body = re.sub(r"^(?:https?://)?(?:www\.)?", "", link.lower())
    return re.split(r"[/?#:]", body, maxsplit=1)[0].rstrip(".,;:")


def _without(text: str, sentence: str) -> str:
    out = text.replace(sentence, "", 1)
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"\n{3,}", "\n\n", out)).strip()


def _keep(group: str, valid: set[int]) -> str:
    kept = [n for n in (int(x) for x in group.split(",")) if n in valid]
    return f"[{', '.join(map(str, kept))}]" if kept else ""

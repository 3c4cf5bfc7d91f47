"""The eval-suite file format: a YAML list of questions with what a correct answer must contain.

Why a schema: a suite is written by hand and read by CI, so a typo (an unknown category, a
misspelt metric in ``thresholds``, a question with neither ``question`` nor ``turns``) must fail
loudly with the question id and field, not silently score zero.

Relevant documents are named by source file name (``smarter-services-report.pdf``), which is
stable across re-indexing; doc ids are content hashes and change when a file changes.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.errors import PSBError

Split = Literal["dev", "test"]
SPLITS: tuple[str, ...] = Split.__args__  # type: ignore[attr-defined]
Category = Literal["factual", "numeric", "list", "multi-document", "paraphrased", "follow-up", "unanswerable"]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]

# Metric names a threshold may name; "higher is better" except the latency ones (ceilings).
RATE_METRICS = (
    "hit_at_k", "recall_at_k", "mrr_at_10", "ndcg_at_10", "key_fact_recall",
    "citation_precision", "citation_support", "refusal_precision", "refusal_recall", "clean_answer",
)
LATENCY_METRICS = ("latency_p50_ms", "latency_p95_ms")
CEILING_METRICS = LATENCY_METRICS + ("answer_words_p50",)  # lower is better: a threshold is a max
METRICS = RATE_METRICS + CEILING_METRICS


class SuiteError(PSBError):
    """A suite file that cannot be read or does not follow the schema."""


class Threshold(BaseModel):
    """A pass bound on one aggregate: ``min`` for rates, ``max`` for latencies (or both)."""

    model_config = ConfigDict(extra="forbid")
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> "Threshold":
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        return self


class Question(BaseModel):
    """One scored question; ``turns`` makes it a conversation whose last turn is scored."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    category: Category
    split: Split = Field("dev", description="'dev' questions may guide tuning; 'test' questions are only ever measured.")
    question: str | None = None
    turns: list[str] | None = None
    reference: str = Field(min_length=1, description="A correct answer in prose, for people reading the report.")
    key_facts: list[list[str]] = Field(default_factory=list, description="Each fact is a list of acceptable phrasings; 're:' marks a regex.")
    relevant: list[str] = Field(default_factory=list, description="Source file names of documents that answer it.")
    sections: list[str] = Field(default_factory=list, description="Optional section names (substring match) that hold the answer.")
    notes: str | None = None

    @field_validator("key_facts", mode="before")
    @classmethod
    def _single_phrasings(cls, value):
        """A bare string is shorthand for a fact with one phrasing."""
        if isinstance(value, list):
            return [[v] if isinstance(v, str) else v for v in value]
        return value

    @field_validator("key_facts")
    @classmethod
    def _valid_phrasings(cls, value: list[list[str]]) -> list[list[str]]:
        for i, alternatives in enumerate(value):
            if not alternatives or any(not a.strip() for a in alternatives):
                raise ValueError(f"key fact {i + 1} needs at least one non-empty phrasing")
            for a in alternatives:
                if a.startswith("re:"):
                    try:
                        re.compile(a[3:])
                    except re.error as exc:
                        raise ValueError(f"key fact {i + 1}: bad regex {a[3:]!r}: {exc}") from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Question":
        if (self.question is None) == (self.turns is None):
            raise ValueError("give exactly one of 'question' or 'turns'")
        if self.turns is not None and (len(self.turns) < 2 or any(not t.strip() for t in self.turns)):
            raise ValueError("'turns' needs at least two non-empty user questions")
        if self.question is not None and not self.question.strip():
            raise ValueError("'question' is empty")
        if self.category == "unanswerable":
            if self.key_facts or self.relevant:
                raise ValueError("an unanswerable question has no key_facts or relevant documents")
        else:
            if not self.relevant:
                raise ValueError("an answerable question needs at least one relevant document")
            if not self.key_facts:
                raise ValueError("an answerable question needs at least one key fact")
        if self.category == "follow-up" and self.turns is None:
            raise ValueError("a follow-up question is a conversation: use 'turns'")
        return self

    @property
    def asked(self) -> str:
        """The scored user message (the last turn of a conversation)."""
        return self.turns[-1] if self.turns else self.question  # type: ignore[return-value]

    @property
    def answerable(self) -> bool:
        return self.category != "unanswerable"


class Suite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    description: str = ""
    thresholds: dict[str, Threshold] = Field(default_factory=dict)
    questions: list[Question] = Field(min_length=1)

    @field_validator("thresholds", mode="before")
    @classmethod
    def _shorthand(cls, value):
        """``hit_at_k: 0.8`` means min 0.8; ``latency_p95_ms: 2000`` means max 2000."""
        if not isinstance(value, dict):
            return value
        out = {}
        for name, bound in value.items():
            if isinstance(bound, (int, float)) and not isinstance(bound, bool):
                bound = {"max": bound} if name in CEILING_METRICS else {"min": bound}
            out[name] = bound
        return out

    @field_validator("thresholds")
    @classmethod
    def _known_metrics(cls, value: dict[str, Threshold]) -> dict[str, Threshold]:
        unknown = sorted(set(value) - set(METRICS))
        if unknown:
            raise ValueError(f"unknown metric(s) {', '.join(unknown)}; known: {', '.join(METRICS)}")
        return value

    @model_validator(mode="after")
    def _unique_ids(self) -> "Suite":
        repeated = [i for i, n in Counter(q.id for q in self.questions).items() if n > 1]
        if repeated:
            raise ValueError(f"question ids must be unique; repeated: {', '.join(sorted(repeated))}")
        return self

    def only_split(self, split: str | None) -> "Suite":
        """The same suite with only the questions of one split (``None`` keeps all).

        Why: rules are tuned on ``dev``; ``test`` is the honest measure, so it is run on its own.
        """
        if split is None:
            return self
        if split not in SPLITS:
            raise SuiteError(f"unknown split {split!r}; use one of: {', '.join(SPLITS)}")
        kept = [q for q in self.questions if q.split == split]
        if not kept:
            raise SuiteError(f"suite {self.name!r} has no questions in the {split!r} split; add 'split: {split}' to some questions")
        return self.model_copy(update={"questions": kept, "name": f"{self.name}-{split}"})

    def category_counts(self) -> dict[str, int]:
        counts = Counter(q.category for q in self.questions)
        return {c: counts.get(c, 0) for c in CATEGORIES}


def load_suite(path: str | Path) -> Suite:
    """Read and validate a suite; every problem is reported as ``file: where: what``."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SuiteError(f"{path}: no such suite file") from None
    except yaml.YAMLError as exc:
        raise SuiteError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise SuiteError(f"{path}: a suite is a mapping with 'name', 'thresholds' and 'questions'")
    try:
        return Suite.model_validate(raw)
    except ValidationError as exc:
        raise SuiteError(f"{path}: invalid suite:\n" + "\n".join(_describe(e, raw) for e in exc.errors())) from None


def _describe(error: dict, raw: dict) -> str:
    """``questions[3] (id q04).category: Input should be ...`` - names the question, not just its index."""
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        questions = raw.get("questions") or []
        qid = questions[loc[1]].get("id") if loc[1] < len(questions) and isinstance(questions[loc[1]], dict) else None
        where = f"questions[{loc[1]}]" + (f" (id {qid})" if qid else "")
        loc = loc[2:]
    rest = ".".join(str(p) for p in loc if not str(p).startswith("function-"))
    where = ".".join(x for x in (where, rest) if x) or "suite"
    return f"  {where}: {error['msg']}"

"""Optional LLM-as-judge scores in the RAGAS sense, used only when an LLM backend is configured.

Why separate from metrics.py: these scores depend on a model's judgement, vary with the model,
and cost model calls, so they are reported apart from the deterministic metrics and never gate CI.

* **Faithfulness**: the judge splits the answer into standalone statements; each is checked
  against the passages the answerer was given; score = statements supported / statements.
* **Answer relevancy**: the judge writes ``n`` questions that the answer would answer; score =
  mean cosine similarity between their embeddings and the asked question's embedding.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from langchain_core.prompts import ChatPromptTemplate

log = logging.getLogger(__name__)

STATEMENTS = ChatPromptTemplate.from_messages([
    ("system", "Split the answer into short standalone factual statements, one per line, with no numbering. Ignore citation markers like [1]."),
    ("human", "Question: {question}\nAnswer: {answer}"),
])
VERDICT = ChatPromptTemplate.from_messages([
    ("system", "Reply with exactly 'yes' if the statement can be inferred from the context alone, otherwise 'no'."),
    ("human", "Context:\n{context}\n\nStatement: {statement}"),
])
QUESTIONS = ChatPromptTemplate.from_messages([
    ("system", "Write {n} different questions that the given answer answers, one per line, with no numbering."),
    ("human", "Answer: {answer}"),
])


class Judge:
    """``Judge(chat_model, embedder).score(question, answer, contexts)`` -> the two scores (None on failure)."""

    def __init__(self, chat_model, embedder, n_questions: int = 3) -> None:
        self.chat_model = chat_model
        self.embedder = embedder
        self.n_questions = n_questions

    def _lines(self, prompt: ChatPromptTemplate, **values: object) -> list[str]:
        reply = (prompt | self.chat_model).invoke(values)
        return [ln.strip(" -*\t") for ln in str(reply.content).splitlines() if ln.strip(" -*\t")]

    def faithfulness(self, question: str, answer: str, contexts: Sequence[str]) -> float | None:
        statements = self._lines(STATEMENTS, question=question, answer=answer)
        if not statements:
            return None
        context = "\n\n".join(contexts)
        verdicts = [self._lines(VERDICT, context=context, statement=s) for s in statements]
        return sum(bool(v) and v[0].lower().startswith("yes") for v in verdicts) / len(statements)

    def answer_relevancy(self, question: str, answer: str) -> float | None:
        generated = self._lines(QUESTIONS, n=self.n_questions, answer=answer)[: self.n_questions]
        if not generated:
            return None
        q = np.asarray(self.embedder.embed_query(question))
        g = np.asarray([self.embedder.embed_query(x) for x in generated])
        return float(np.mean(g @ q))

    def score(self, question: str, answer: str, contexts: Sequence[str]) -> dict[str, float | None]:
        out: dict[str, float | None] = {"faithfulness": None, "answer_relevancy": None}
        try:
            out["faithfulness"] = self.faithfulness(question, answer, contexts)
            out["answer_relevancy"] = self.answer_relevancy(question, answer)
        except Exception as exc:  # a judge failure must not lose the deterministic results
            log.warning("LLM judge failed: %s", exc)
        return out

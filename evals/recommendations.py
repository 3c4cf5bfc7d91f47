"""Score the recommendations register against hand labels (evals/labels/recommendations.yaml).

Each labelled item is matched to the extracted record of the same document whose text contains
the label's ``key``. Precision counts extracted records that match a label; recall counts labels
that found a record. Owner and timescale are scored only where the label states them: correct
when every key phrase appears in the extracted value. Theme is correct when it is the label's
theme or one of its ``also`` themes. Grouping is scored over pairs of matched records: two
records should share an entry exactly when their labels share a group.

Usage: ``score_register(load_labels(path), register.records(ready))``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import yaml

from indexing.rec_groups import group_records
from indexing.rec_register import RecommendationRecord

DEFAULT_LABELS = Path(__file__).parent / "labels" / "recommendations.yaml"
TARGETS = {"precision": 0.95, "recall": 0.95, "owner_accuracy": 0.90, "timescale_accuracy": 0.90, "theme_accuracy": 0.85,
           "question_recall": 0.95, "question_precision": 1.0, "answered_from_register": 1.0}


@dataclass(frozen=True)
class Label:
    source: str
    key: str
    group: str
    theme: str
    also: tuple[str, ...] = ()
    ref: str | None = None
    owner: tuple[str, ...] = ()
    timescale: tuple[str, ...] = ()


@dataclass
class RegisterScore:
    precision: float
    recall: float
    owner_accuracy: float | None
    timescale_accuracy: float | None
    theme_accuracy: float | None
    grouping_precision: float | None
    grouping_recall: float | None
    counts: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    questions: dict = field(default_factory=dict)  # the register-question metrics, when they were run

    def metrics(self) -> dict[str, float | None]:
        out = {k: getattr(self, k) for k in ("precision", "recall", "owner_accuracy", "timescale_accuracy", "theme_accuracy",
                                             "grouping_precision", "grouping_recall")}
        return {**out, **self.questions}

    @property
    def passed(self) -> bool:
        metrics = self.metrics()
        return all(metrics[k] is not None and metrics[k] >= v for k, v in TARGETS.items() if k in metrics)


def load_labels(path: Path = DEFAULT_LABELS) -> list[Label]:
    """Read the labels file; a clear error naming the file and the item when one is malformed."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no such labels file") from None
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise ValueError(f"{path}: expected a mapping 'documents: {{file name: [items]}}'")
    labels = []
    for source, items in data["documents"].items():
        for i, item in enumerate(items or []):
            missing = [k for k in ("key", "group", "theme") if not item.get(k)]
            if missing:
                raise ValueError(f"{path}: {source} item {i + 1} lacks {', '.join(missing)}")
            labels.append(Label(source, item["key"], str(item["group"]), item["theme"], tuple(item.get("also") or ()),
                                item.get("ref"), tuple(item.get("owner") or ()), tuple(item.get("timescale") or ())))
    return labels


def labelled_sources(path: Path = DEFAULT_LABELS) -> set[str]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return set(data["documents"])


def score_register(labels: list[Label], records: list[RecommendationRecord], sources: set[str] | None = None) -> RegisterScore:
    """Compare the records of the labelled documents with the labels."""
    sources = sources or {lab.source for lab in labels}
    records = [r for r in records if r.source in sources]
    matched: dict[int, int] = {}  # label index -> record index
    problems = []
    for li, lab in enumerate(labels):
        hits = [ri for ri, r in enumerate(records) if r.source == lab.source and _norm(lab.key) in _norm(r.text) and ri not in matched.values()]
        if hits:
            matched[li] = hits[0]
        else:
            problems.append(f"missed: {lab.source}: {lab.key!r}")
    used = set(matched.values())
    for ri, r in enumerate(records):
        if ri not in used:
            problems.append(f"not a labelled recommendation: {r.source}: {r.text[:80]!r}")
    owner_ok = owner_n = time_ok = time_n = theme_ok = 0
    for li, ri in matched.items():
        lab, rec = labels[li], records[ri]
        if lab.owner:
            owner_n += 1
            good = bool(rec.owner) and all(k.lower() in rec.owner.lower() for k in lab.owner)
            owner_ok += good
            if not good:
                problems.append(f"owner: {lab.source}: {lab.key!r}: got {rec.owner!r}, wanted {list(lab.owner)}")
        if lab.timescale:
            time_n += 1
            good = bool(rec.timescale) and all(k.lower() in rec.timescale.lower() for k in lab.timescale)
            time_ok += good
            if not good:
                problems.append(f"timescale: {lab.source}: {lab.key!r}: got {rec.timescale!r}, wanted {list(lab.timescale)}")
        good = rec.theme == lab.theme or rec.theme in lab.also
        theme_ok += good
        if not good:
            problems.append(f"theme: {lab.source}: {lab.key!r}: got {rec.theme!r}, wanted {lab.theme!r}")
    gp, gr = _grouping(labels, records, matched)
    return RegisterScore(
        precision=len(used) / len(records) if records else 0.0,
        recall=len(matched) / len(labels) if labels else 0.0,
        owner_accuracy=owner_ok / owner_n if owner_n else None,
        timescale_accuracy=time_ok / time_n if time_n else None,
        theme_accuracy=theme_ok / len(matched) if matched else None,
        grouping_precision=gp, grouping_recall=gr,
        counts={"labels": len(labels), "extracted": len(records), "matched": len(matched), "with_owner": owner_n, "with_timescale": time_n,
                "entries": len(group_records(records))},
        problems=problems,
    )


def _grouping(labels: list[Label], records: list[RecommendationRecord], matched: dict[int, int]) -> tuple[float | None, float | None]:
    """Pairwise precision/recall of "these two records are one register entry"."""
    entry_of = {}
    for entry in group_records(records):
        for s in entry.sources:
            entry_of[(s.doc_id, s.rec_id)] = entry.entry_id
    pairs = list(combinations(matched.items(), 2))
    same_label = {(a, b) for (a, ra), (b, rb) in pairs if labels[a].group == labels[b].group}
    same_entry = {(a, b) for (a, ra), (b, rb) in pairs
                  if entry_of[(records[ra].doc_id, records[ra].rec_id)] == entry_of[(records[rb].doc_id, records[rb].rec_id)]}
    precision = len(same_label & same_entry) / len(same_entry) if same_entry else None
    recall = len(same_label & same_entry) / len(same_label) if same_label else None
    return precision, recall


@dataclass(frozen=True)
class RegisterQuestion:
    question: str
    expect: tuple[str, ...]
    allow: tuple[str, ...] = ()


def load_questions(path: Path = DEFAULT_LABELS) -> list[RegisterQuestion]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    out = []
    for i, item in enumerate(data.get("questions") or []):
        if not item.get("question") or not item.get("expect"):
            raise ValueError(f"{path}: question {i + 1} needs 'question' and 'expect'")
        out.append(RegisterQuestion(item["question"], tuple(item["expect"]), tuple(item.get("allow") or ())))
    return out


def score_questions(labels: list[Label], records: list[RecommendationRecord], questions: list[RegisterQuestion],
                    ask: Callable[[str], object]) -> tuple[dict[str, float | None], list[str]]:
    """Ask each register question; recall of expected groups cited, precision of the groups listed."""
    group_of: dict[tuple[str, str], str] = {}  # (source, first 400 characters) -> labelled group
    for lab in labels:
        for r in records:
            if r.source == lab.source and _norm(lab.key) in _norm(r.text):
                group_of[(r.source, _norm(r.text[:400]))] = lab.group
    problems: list[str] = []
    found = expected = listed = right = routed = 0
    for q in questions:
        answer = ask(q.question)
        routed += answer.backend == "register"
        if answer.backend != "register":
            problems.append(f"not answered from the register: {q.question!r}")
        # a register citation quotes the recommendation's text first, then any owner or timescale field after " … ";
        # the count line's citation quotes the document's title, and lists no recommendation
        cited = {group_of.get((c.source, _norm(c.quote.split(" … ")[0])), f"unlabelled:{c.source}") for c in answer.citations
                 if c.quote != c.title}
        hits = set(q.expect) & cited
        found += len(hits)
        expected += len(q.expect)
        listed += len(cited)
        right += len(cited & (set(q.expect) | set(q.allow)))
        for group in sorted(set(q.expect) - cited):
            problems.append(f"{q.question!r}: {group} not listed")
        for group in sorted(cited - set(q.expect) - set(q.allow)):
            problems.append(f"{q.question!r}: {group} listed but not expected")
    metrics = {"question_recall": found / expected if expected else None, "question_precision": right / listed if listed else None,
               "answered_from_register": routed / len(questions) if questions else None}
    return metrics, problems


def format_score(score: RegisterScore) -> str:
    lines = [f"{name:20} {'n/a' if value is None else f'{value:.3f}':>7}" + (f"  (target >= {TARGETS[name]})" if name in TARGETS else "")
             for name, value in score.metrics().items()]
    lines.append("counts: " + ", ".join(f"{k} {v}" for k, v in score.counts.items()))
    lines += [f"  - {p}" for p in score.problems]
    return "\n".join(lines)


def _norm(text: str) -> str:
    return " ".join(text.replace("“", '"').replace("”", '"').replace("’", "'").split()).lower()

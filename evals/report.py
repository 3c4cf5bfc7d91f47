"""Write a run's results: results.json, report.md, report.html and two PNG plots.

The Markdown and HTML reports are rendered from one list of blocks, so they always say the same
thing. With a baseline, each overall metric gets its delta and a flag when the new value lies
outside the baseline's 95% bootstrap interval (a change larger than the baseline's own noise).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from evals.metrics import Aggregate
from evals.runner import RunResult
from evals.suite import CEILING_METRICS, METRICS

PLOTTED = ("hit_at_k", "key_fact_recall", "citation_precision", "citation_support", "refusal_recall")
TABLE_METRICS = ("hit_at_k", "recall_at_k", "mrr_at_10", "ndcg_at_10", "key_fact_recall", "citation_precision",
                 "citation_support", "refusal_precision", "refusal_recall", "clean_answer", "answer_words_p50", "latency_p50_ms")


@dataclass
class Block:
    kind: str  # h1 | h2 | h3 | p | table | pre | img
    text: str = ""
    rows: list[list[str]] | None = None


def load_results(path: str | Path) -> RunResult:
    return RunResult.model_validate_json(Path(path).read_text(encoding="utf-8"))


def fmt(value: float | None, metric: str = "") -> str:
    if value is None:
        return "n/a"
    return f"{value:.0f}" if metric in CEILING_METRICS else f"{value:.3f}"


def ci(a: Aggregate, metric: str) -> str:
    return "n/a" if a.ci_low is None else f"[{fmt(a.ci_low, metric)}, {fmt(a.ci_high, metric)}]"


def compare(current: RunResult, baseline: RunResult) -> list[dict]:
    """Per overall metric: baseline, current, delta, and ``outside_ci`` (outside the baseline's CI)."""
    rows = []
    for m in METRICS:
        new, old = current.overall.get(m), baseline.overall.get(m)
        if new is None or old is None:
            continue
        delta = None if new.value is None or old.value is None else new.value - old.value
        outside = (delta is not None and old.ci_low is not None and old.ci_high is not None
                   and not old.ci_low <= new.value <= old.ci_high)  # type: ignore[operator]
        rows.append({"metric": m, "baseline": old.value, "current": new.value, "delta": delta,
                     "baseline_ci": [old.ci_low, old.ci_high], "outside_ci": outside})
    return rows


def blocks(result: RunResult, baseline: RunResult | None = None, images: tuple[str, ...] = ()) -> list[Block]:
    out = [Block("h1", f"Eval report: {result.suite}")]
    status = "PASSED" if result.passed else "FAILED: " + ", ".join(t.metric for t in result.failed_thresholds)
    s = result.settings
    out.append(Block("p", f"{result.started} | data dir {result.data_dir} | {result.documents} documents, {result.chunks} chunks | "
                          f"{len(result.questions)} questions | thresholds {status}"))
    out.append(Block("p", "Settings: " + ", ".join(f"{k}={v}" for k, v in s.items())))

    out.append(Block("h2", "Overall (bootstrap 95% CI)"))
    bounds = {t.metric: t for t in result.thresholds}
    rows = [["metric", "value", "95% CI", "n", "threshold", "status"]]
    for m in METRICS:
        a = result.overall[m]
        t = bounds.get(m)
        bound = "" if t is None else " ".join(x for x in (f">= {t.min}" if t.min is not None else "", f"<= {t.max}" if t.max is not None else "") if x)
        rows.append([m, fmt(a.value, m), ci(a, m), str(a.n), bound, "" if t is None else ("ok" if t.ok else "**BELOW**")])
    out.append(Block("table", rows=rows))

    if baseline is not None:
        out.append(Block("h2", f"Change against baseline ({baseline.started})"))
        rows = [["metric", "baseline", "current", "delta", "baseline 95% CI", "flag"]]
        for d in compare(result, baseline):
            m = d["metric"]
            rows.append([m, fmt(d["baseline"], m), fmt(d["current"], m), "n/a" if d["delta"] is None else f"{d['delta']:+.3f}",
                         "n/a" if d["baseline_ci"][0] is None else f"[{fmt(d['baseline_ci'][0], m)}, {fmt(d['baseline_ci'][1], m)}]",
                         "**outside CI**" if d["outside_ci"] else ""])
        out.append(Block("table", rows=rows))

    out.append(Block("h2", "By category"))
    rows = [["category", "n"] + list(TABLE_METRICS)]
    for cat, aggs in result.categories.items():
        n = sum(q.category == cat for q in result.questions)
        rows.append([cat, str(n)] + [fmt(aggs[m].value, m) for m in TABLE_METRICS])
    out.append(Block("table", rows=rows))
    for img in images:
        out.append(Block("img", img))

    if result.judge:
        out.append(Block("h2", "LLM-as-judge (reported separately, not gated)"))
        rows = [["metric", "value", "95% CI", "n"]] + [[m, fmt(a.value), ci(a, m), str(a.n)] for m, a in result.judge.items()]
        out.append(Block("table", rows=rows))

    out.append(Block("h2", "Refusal threshold sweep (from this run's best dense scores)"))
    rows = [["threshold", "refusal precision", "refusal recall", "F1", "answerable refused"]]
    for r in result.refusal_sweep:
        rows.append([f"{r['threshold']:.2f}", fmt(r["refusal_precision"]), fmt(r["refusal_recall"]), fmt(r["refusal_f1"]), str(int(r["answerable_refused"] or 0))])
    out.append(Block("table", rows=rows))

    failed = [q for q in result.questions if q.failures]
    out.append(Block("h2", f"Failed questions ({len(failed)} of {len(result.questions)})"))
    for q in failed:
        out.append(Block("h3", f"{q.id} ({q.category})"))
        asked = " -> ".join(q.turns) if q.turns else q.question
        out.append(Block("p", f"Question: {asked}"))
        out.append(Block("p", "Why: " + "; ".join(q.failures)))
        out.append(Block("p", f"Reference: {q.reference}"))
        out.append(Block("pre", q.answer))
        rows = [["rank", "document", "section", "page", "dense"]]
        for i, p in enumerate(q.retrieved, start=1):
            rows.append([str(i), p["source"] + (" (relevant)" if p["source"] in q.relevant else ""), p.get("section") or "",
                         str(p.get("page") or ""), fmt(p.get("dense"))])
        out.append(Block("p", f"Retrieved (best dense {q.best_dense:.3f}; relevant: {', '.join(q.relevant) or 'none'}):"))
        out.append(Block("table", rows=rows))

    out.append(Block("h2", "All questions"))
    rows = [["id", "category", "hit@k", "key facts", "cit. precision", "cit. support", "refused", "ms"]]
    for q in result.questions:
        sc = q.scores
        rows.append([q.id, q.category, fmt(sc.get("hit_at_k")), fmt(sc.get("key_fact_recall")), fmt(sc.get("citation_precision")),
                     fmt(sc.get("citation_support")), "yes" if q.refused else "no", f"{q.latency_ms:.0f}"])
    out.append(Block("table", rows=rows))
    return out


def to_markdown(items: list[Block]) -> str:
    lines: list[str] = []
    for b in items:
        if b.kind in ("h1", "h2", "h3"):
            lines += ["#" * int(b.kind[1]) + " " + b.text, ""]
        elif b.kind == "p":
            lines += [b.text, ""]
        elif b.kind == "pre":
            lines += ["```text", b.text, "```", ""]
        elif b.kind == "img":
            lines += [f"![{Path(b.text).stem}]({b.text})", ""]
        elif b.kind == "table" and b.rows:
            cell = lambda c: c.replace("|", "\\|").replace("\n", " ")  # noqa: E731
            lines.append("| " + " | ".join(cell(c) for c in b.rows[0]) + " |")
            lines.append("|" + " --- |" * len(b.rows[0]))
            lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in b.rows[1:]]
            lines.append("")
    return "\n".join(lines)


def to_html(items: list[Block], title: str) -> str:
    body: list[str] = []
    for b in items:
        e = html.escape
        if b.kind in ("h1", "h2", "h3"):
            body.append(f"<{b.kind}>{e(b.text)}</{b.kind}>")
        elif b.kind == "p":
            body.append(f"<p>{e(b.text).replace('**', '')}</p>")
        elif b.kind == "pre":
            body.append(f"<pre>{e(b.text)}</pre>")
        elif b.kind == "img":
            body.append(f'<img src="{e(b.text)}" alt="{e(Path(b.text).stem)}">')
        elif b.kind == "table" and b.rows:
            head = "".join(f"<th>{e(c)}</th>" for c in b.rows[0])
            rows = "".join("<tr>" + "".join(f"<td>{e(c).replace('**', '')}</td>" for c in r) + "</tr>" for r in b.rows[1:])
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    style = ("body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:1em 0}"
             "td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}pre{white-space:pre-wrap;background:#f4f4f4;padding:.5em}img{max-width:100%}")
    return f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title><style>{style}</style></head><body>{''.join(body)}</body></html>\n"


def plot(result: RunResult, out_dir: Path) -> tuple[str, ...]:
    """metrics_by_category.png and latency.png (matplotlib, Agg backend: no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    cats = list(result.categories)
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / len(PLOTTED)
    for i, m in enumerate(PLOTTED):
        values = [result.categories[c][m].value for c in cats]
        xs = [j + i * width for j, v in enumerate(values) if v is not None]
        ax.bar(xs, [v for v in values if v is not None], width, label=m)
    ax.set_xticks(np.arange(len(cats)) + 0.4 - width / 2)
    ax.set_xticklabels(cats, rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"{result.suite}: metrics by category")
    ax.legend(fontsize=8, ncol=3, loc="lower left")
    fig.tight_layout()
    fig.savefig(out_dir / "metrics_by_category.png", dpi=100)
    plt.close(fig)

    latencies = [q.latency_ms for q in result.questions]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.hist(latencies, bins=min(30, max(5, len(latencies) // 2)), color="#4477aa")
    for m, style in (("latency_p50_ms", "--"), ("latency_p95_ms", ":")):
        v = result.overall[m].value
        if v is not None:
            ax.axvline(v, color="black", linestyle=style, label=f"{m[8:11]} {v:.0f} ms")
    ax.set_xlabel("milliseconds per question")
    ax.set_ylabel("questions")
    ax.set_title(f"{result.suite}: latency")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out_dir / "latency.png", dpi=100)
    plt.close(fig)
    return ("metrics_by_category.png", "latency.png")


def write_report(result: RunResult, out_dir: str | Path, baseline: RunResult | None = None) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = result.model_dump(mode="json")
    if baseline is not None:
        data["baseline_comparison"] = compare(result, baseline)
    (out / "results.json").write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    images = plot(result, out)
    items = blocks(result, baseline, images)
    (out / "report.md").write_text(to_markdown(items), encoding="utf-8")
    (out / "report.html").write_text(to_html(items, f"Eval report: {result.suite}"), encoding="utf-8")
    return {name: out / name for name in ("results.json", "report.md", "report.html", *images)}

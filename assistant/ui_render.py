"""HTML for the chat conversation: answers as Markdown with [n] links, their sources underneath.

Why a module of its own: the conversation is rendered on the server from escaped text (Markdown
without raw HTML, then nh3 with a short allow-list), so nothing from a document or an answer can
run in the page, and the same turn data gives the copy text and the Markdown download. The page's
small script (``CHAT_JS``) only opens sources, copies, downloads and sends ratings.

A turn is a plain dict kept in the Gradio session state::

    {"question": str, "answer": Answer dict | None, "error": str | None, "filters": str | None,
     "passages": {n: passage text}, "rating": "up" | "down" | None}
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3
from markdown_it import MarkdownIt

from assistant.answer import CITATION_MARKER

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").disable("image")

_TAGS = {"section", "article", "div", "p", "span", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "mark",
         "details", "summary", "h2", "h3", "table", "thead", "tbody", "tr", "th", "td", "button", "br", "hr"}
_ATTRS = {"*": {"class", "id"}, "a": {"href", "aria-label", "title"}, "button": {"type", "aria-label", "title"},
          "section": {"aria-label", "aria-busy", "tabindex"}, "article": {"aria-label", "aria-busy"}, "pre": {"hidden"}, "div": {"role", "aria-live", "tabindex", "aria-label"}, "p": {"role"},
          "th": {"scope"}, "table": {"tabindex"}, "td": {"colspan"}, "ol": {"start"}}


def clean(fragment: str) -> str:
    """nh3 with a short allow-list: no scripts, no event handlers, no styles, no javascript: URLs."""
    return nh3.clean(fragment, tags=_TAGS, attributes=_ATTRS, generic_attribute_prefixes={"data-"},
                     url_schemes={"http", "https", "mailto"})


def markdown_html(text: str) -> str:
    """Answer text as HTML: Markdown lists, emphasis and tables; raw HTML shown as text; no images."""
    return _MD.render(text or "").replace("<table>", '<table tabindex="0">')  # a wide table scrolls; keyboard users can too


def link_citations(fragment: str, turn: int, numbers: set[int], titles: dict[int, str]) -> str:
    """Turn each [n] of a rendered answer into a link to source n of the same turn."""

    def one(n: int) -> str:
        if n not in numbers:
            return str(n)
        label = html.escape(f"Source {n}: {titles.get(n, '')}", quote=True)
        return f'<a class="psb-cite" href="#src-{turn}-{n}" data-src="src-{turn}-{n}" aria-label="{label}">{n}</a>'

    def group(m: re.Match) -> str:
        found = [int(x) for x in m.group(1).split(",")]
        if len(found) == 1 and found[0] in numbers:  # the whole "[n]" is the link: a bigger target
            return one(found[0]).replace(f">{found[0]}</a>", f">[{found[0]}]</a>")
        return "[" + ", ".join(one(n) for n in found) + "]"

    return CITATION_MARKER.sub(group, fragment)


def where_line(c: dict[str, Any]) -> list[str]:
    """Section, page and file of a citation, the parts that exist."""
    parts = []
    if c.get("section"):
        parts.append(f"Section: {c['section']}")
    if c.get("page"):
        last = c.get("last_page")
        parts.append(f"Pages {int(c['page'])}\u2013{int(last)}" if last else f"Page {int(c['page'])}")
    if c.get("source"):
        parts.append(f"File: {c['source']}")
    return parts


def highlight(passage: str, quote: str) -> str:
    """The passage, escaped, with each quoted sentence marked; the quote alone when it is not found in it."""
    pieces = [q.strip() for q in re.split(r"\s*…\s*", quote or "") if q.strip()]
    if not passage:
        return html.escape(quote or "")
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        at = passage.find(piece)
        if at >= 0:
            spans.append((at, at + len(piece)))
    if not spans:
        return html.escape(passage)
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(html.escape(passage[last:start]))
        out.append(f'<mark class="psb-mark">{html.escape(passage[start:end])}</mark>')
        last = end
    out.append(html.escape(passage[last:]))
    return "".join(out)


def copy_text(turn: dict[str, Any]) -> str:
    """What Copy puts on the clipboard: the answer, then a numbered source list (title, section, page, file)."""
    answer = turn.get("answer") or {}
    lines = [str(answer.get("answer") or turn.get("error") or "").strip()]
    citations = answer.get("citations") or []
    if citations:
        lines += ["", "Sources:"]
        for c in citations:
            lines.append(f"[{int(c['n'])}] {c.get('title') or 'Untitled'}" + "".join(f" — {p}" for p in where_line(c)))
    return "\n".join(lines)


def export_markdown(turns: list[dict[str, Any]]) -> str:
    """The whole conversation as Markdown, the same text the Download button saves."""
    blocks = ["# PSB Assistant conversation", ""]
    for turn in turns:
        blocks += [f"## {turn['question']}", "", copy_text(turn), ""]
    return "\n".join(blocks)


def _sources(turn_no: int, turn: dict[str, Any]) -> str:
    answer = turn.get("answer") or {}
    citations = answer.get("citations") or []
    esc = html.escape
    if not citations:
        closest = answer.get("closest_documents") or []
        if not closest:
            return ""
        return ('<div class="psb-closest"><p class="psb-hint">No passage answers this. Closest documents:</p><ul>'
                + "".join(f"<li>{esc(t)}</li>" for t in closest) + "</ul></div>")
    passages = turn.get("passages") or {}
    items = []
    for c in citations:
        n = int(c["n"])
        where = " · ".join(esc(p) for p in where_line(c))
        body = highlight(passages.get(n) or passages.get(str(n)) or "", c.get("quote") or "")
        items.append(
            f'<details id="src-{turn_no}-{n}" class="psb-source"><summary class="psb-source-title">'
            f'<span class="psb-source-n">[{n}]</span> <span class="psb-source-name">{esc(c.get("title") or "Untitled")}</span>'
            f'<span class="psb-where">{where}</span></summary>'
            f'<blockquote class="psb-quote">{body}</blockquote></details>'
        )
    return f'<section class="psb-sources" aria-label="Sources for answer {turn_no + 1}"><h3>Sources</h3>{"".join(items)}</section>'


def _actions(turn_no: int, turn: dict[str, Any]) -> str:
    rated = turn.get("rating")
    up_cls = " psb-rated" if rated == "up" else ""
    down_cls = " psb-rated" if rated == "down" else ""
    return (
        f'<div class="psb-actions">'
        f'<button type="button" class="psb-act psb-copy" data-act="copy" data-turn="{turn_no}"><span class="psb-icon psb-icon-copy"></span>Copy</button>'
        f'<button type="button" class="psb-act{up_cls}" data-act="up" data-turn="{turn_no}"><span class="psb-icon psb-icon-up"></span>Helpful</button>'
        f'<button type="button" class="psb-act{down_cls}" data-act="down" data-turn="{turn_no}"><span class="psb-icon psb-icon-down"></span>Not helpful</button>'
        f'</div><pre class="psb-export" hidden>{html.escape(copy_text(turn))}</pre>'
    )


def render_turn(turn_no: int, turn: dict[str, Any], pending: bool = False, partial: str = "") -> str:
    """One question and its answer; sources and message actions only once the answer is complete."""
    esc = html.escape
    answer = turn.get("answer") or {}
    parts = [f'<article class="psb-turn" data-turn="{turn_no}" aria-label="Question {turn_no + 1}" aria-busy="{"true" if pending else "false"}">',
             f'<div class="psb-q"><p class="psb-q-text">{esc(turn["question"])}</p>']
    standalone = (answer.get("standalone_question") or "").strip()
    if standalone and standalone.rstrip("?. ").lower() != turn["question"].strip().rstrip("?. ").lower():
        parts.append(f'<p class="psb-interpreted">Interpreted as: {esc(standalone)}</p>')
    if turn.get("filters"):
        parts.append(f'<p class="psb-turn-filter">Searched only: {esc(turn["filters"])}</p>')
    parts.append('</div><div class="psb-a">')
    if pending:
        body = markdown_html(partial) if partial else '<p class="psb-hint psb-searching">Searching the documents…</p>'
        parts.append(f'<div class="psb-answer psb-streaming">{body}</div></div></article>')
        return "".join(parts)
    if turn.get("error"):
        parts.append(f'<p class="psb-error-msg">{esc(turn["error"])}</p>')
    else:
        citations = answer.get("citations") or []
        numbers = {int(c["n"]) for c in citations}
        titles = {int(c["n"]): c.get("title") or "" for c in citations}
        rendered = link_citations(markdown_html(answer.get("answer") or ""), turn_no, numbers, titles)
        kind = " psb-refused" if answer.get("refused") else ""
        parts.append(f'<div class="psb-answer{kind}">{rendered}</div>')
        if answer.get("missing"):
            parts.append(f'<p class="psb-note"><strong>Not in the documents:</strong> {esc(", ".join(map(str, answer["missing"])))}</p>')
        if answer.get("note"):
            parts.append(f'<p class="psb-note"><strong>Note:</strong> {esc(answer["note"])}</p>')
        for flag in answer.get("flags") or []:
            parts.append(f'<p class="psb-note"><strong>Check:</strong> {esc(flag.get("sentence", ""))} — {esc(flag.get("reason", ""))}</p>')
        parts.append(_sources(turn_no, turn))
    parts.append(_actions(turn_no, turn))
    parts.append("</div></article>")
    return "".join(parts)


EMPTY = ('<p class="psb-empty">Ask a question below. Answers quote the documents and cite them like [1]: '
         'select a number to read the passage it comes from.</p>')


def render_conversation(turns: list[dict[str, Any]], pending: dict[str, Any] | None = None, partial: str = "",
                        status: str = "") -> str:
    """The whole conversation; ``pending`` is the turn being answered (its text so far in ``partial``)."""
    body = [render_turn(i, t) for i, t in enumerate(turns)]
    if pending is not None:
        body.append(render_turn(len(turns), pending, pending=True, partial=partial))
    toolbar = ""
    if turns:
        toolbar = ('<div class="psb-conv-tools"><button type="button" class="psb-act" data-act="download">'
                   '<span class="psb-icon psb-icon-download"></span>Download conversation (Markdown)</button></div>')
    live = f'<div class="psb-status" role="status" aria-live="polite">{html.escape(status)}</div>'
    return clean(f'<section class="psb-conv" aria-label="Conversation" tabindex="0">{toolbar}{"".join(body) or EMPTY}{live}</section>')


# Runs once when the conversation component mounts; events are delegated, so re-renders keep working.
CHAT_JS = r"""
const openSource = (id) => {
  const target = element.querySelector('#' + CSS.escape(id));
  if (!target) return;
  target.open = true;
  target.classList.add('psb-flash');
  setTimeout(() => target.classList.remove('psb-flash'), 1600);
  target.scrollIntoView({block: 'nearest', behavior: 'smooth'});
  const summary = target.querySelector('summary');
  if (summary) summary.focus({preventScroll: true});
};
const say = (text) => { const s = element.querySelector('.psb-status'); if (s) s.textContent = text; };
const copy = async (text) => {
  try { await navigator.clipboard.writeText(text); return true; } catch (e) {
    const area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select();
    const ok = document.execCommand('copy'); area.remove(); return ok;
  }
};
const conversationMarkdown = () => {
  const out = ['# PSB Assistant conversation', ''];
  element.querySelectorAll('.psb-turn').forEach((turn) => {
    const q = turn.querySelector('.psb-q-text'); const a = turn.querySelector('.psb-export');
    if (q && a) out.push('## ' + q.textContent, '', a.textContent, '');
  });
  return out.join('\n');
};
element.addEventListener('click', async (event) => {
  const cite = event.target.closest('a.psb-cite');
  if (cite) { event.preventDefault(); openSource(cite.dataset.src); return; }
  const button = event.target.closest('button[data-act]');
  if (!button) return;
  const act = button.dataset.act;
  if (act === 'copy') {
    const turn = button.closest('.psb-turn');
    const ok = await copy(turn.querySelector('.psb-export').textContent);
    say(ok ? 'Answer and sources copied.' : 'Copy did not work: select the text and copy it.');
    button.classList.add('psb-done'); setTimeout(() => button.classList.remove('psb-done'), 1500);
  } else if (act === 'download') {
    const blob = new Blob([conversationMarkdown()], {type: 'text/markdown'});
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'psb-conversation-' + new Date().toISOString().slice(0, 10) + '.md';
    document.body.appendChild(link); link.click(); link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 5000);
    say('Conversation downloaded as Markdown.');
  } else if (act === 'up' || act === 'down') {
    trigger('like', {turn: Number(button.dataset.turn), rating: act});
  }
});
let shown = -1;
watch('value', () => {
  const busy = element.querySelector('.psb-turn[aria-busy="true"]');
  if (busy && Number(busy.dataset.turn) !== shown) {
    shown = Number(busy.dataset.turn);
    busy.scrollIntoView({block: 'start', behavior: 'smooth'});
  }
});
"""

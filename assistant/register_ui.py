"""The Recommendations tab: the register as a filterable table, each row opening its source passages.

Every signed-in user sees it. Handlers call ``assistant.register.find_entries`` like the CLI and
the REST API, and keep the listed entries in ``gr.State`` (per visitor, never module globals).
Passages reach the page only as escaped text inside a short allow-list (``ui_render.clean``).
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import PSBError
from assistant.register import RegisterFilters, find_entries, theme_names, to_csv
from assistant.ui_render import clean

REC_COLUMNS = ["Ref", "Recommendation", "Owner", "Timescale", "Theme", "Document", "Page"]
ALL = "All themes"
EXPORT_KEEP_S = 3600.0


def entry_rows(entries: list[dict[str, Any]]) -> list[list[Any]]:
    rows = []
    for e in entries:
        lead = e["sources"][0] if e["sources"] else {}
        text = f"{e['title']}: {e['text']}" if e["title"] and not e["text"].startswith(e["title"]) else e["text"]
        rows.append([e["ref"] or "", text, e["owner"] or "", e["timescale"] or "", e["theme"],
                     "; ".join(s["source"] for s in e["sources"]), str(lead.get("page") or "")])
    return rows


def render_passages(services, entry: dict[str, Any] | None) -> str:
    """Every place the selected recommendation is stated: document, section, page and the passage."""
    esc = html.escape
    if not entry:
        return clean('<section class="psb-sources" aria-label="Source passages"><h2>Source passages</h2><p class="psb-hint">'
                          'Select a recommendation to read where it is stated.</p></section>')
    chunk_ids = [s["chunk_id"] for s in entry["sources"] if s.get("chunk_id")]
    texts = {c.chunk_id: c.text for c in services.store.get_chunks(chunk_ids)}
    heading = " - ".join(x for x in (entry["ref"], entry["title"]) if x) or "Recommendation"
    parts = [f'<section class="psb-sources" aria-label="Source passages"><h2>Where it is stated: {esc(heading)}</h2>']
    for s in entry["sources"]:
        where = " · ".join(x for x in (f"Section: {s['section']}" if s["section"] else "", f"Page {s['page']}" if s["page"] else "",
                                       s["published"] or "") if x)
        parts.append(f'<div class="psb-source"><h3 class="psb-source-title">{esc(s["doc_title"])}</h3>'
                     f'<p class="psb-where">{esc(where)} · File: {esc(s["source"])}</p>'
                     f'<blockquote class="psb-quote">{esc(texts.get(s["chunk_id"], ""))}</blockquote></div>')
    return clean("".join(parts) + "</section>")


def write_export(folder: Path, text: str, keep_s: float = EXPORT_KEEP_S) -> Path:
    """The CSV for one listing, named by its content so a repeated listing reuses its file.

    Why: a listing is made on every filter change; one new temporary folder each time filled /tmp
    for as long as the server ran. Files older than ``keep_s`` are removed here (Gradio serves its
    own copy from its cache, cleaned by ``delete_cache``).
    """
    now = time.time()
    for old in folder.glob("recommendations-*.csv"):
        if now - old.stat().st_mtime > keep_s:
            old.unlink(missing_ok=True)
    path = folder / f"recommendations-{hashlib.sha256(text.encode()).hexdigest()[:16]}.csv"
    if not path.exists():
        path.write_text(text, encoding="utf-8")
    os.utime(path)
    return path


def add_register_tab(services) -> None:
    """Build the tab inside the caller's ``gr.Tabs()`` and wire its events."""
    exports = Path(tempfile.mkdtemp(prefix="psb-recs-"))  # one per UI, outside the data directory Gradio may not serve
    def listing(theme: str | None, owner: str, search: str):
        try:
            filters = RegisterFilters(theme=None if theme in (None, ALL) else theme, owner=owner or None, search=search or None)
            found = find_entries(services.register, services.store, filters)
        except PSBError as exc:
            raise gr.Error(str(exc)) from None
        entries = [e.public() for e in found]
        csv_path = write_export(exports, to_csv(found))
        count = f"**{len(entries)}** recommendation{'s' if len(entries) != 1 else ''}" + (" match the filters" if theme not in (None, ALL) or owner or search else "")
        return entry_rows(entries), entries, count, render_passages(services, None), gr.DownloadButton(value=str(csv_path))

    def open_row(entries: list[dict[str, Any]], evt: gr.SelectData) -> str:
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        return render_passages(services, entries[row] if 0 <= row < len(entries) else None)

    with gr.Tab("Recommendations", id="recommendations") as tab:
        entries_state = gr.State([])  # inside the tab: a component directly under gr.Tabs would be taken for a tab
        gr.Markdown("Every recommendation in the indexed documents, once each, with the documents that state it. "
                    "Filter by theme, owner or words; select a row to read its source passages.")
        with gr.Row():
            theme = gr.Radio(choices=[ALL, *theme_names(services.settings)], value=ALL, label="Theme", elem_id="psb-recs-theme")
        with gr.Row():
            owner = gr.Textbox(label="Owner contains", placeholder="e.g. GDS", elem_id="psb-recs-owner", scale=1)
            search = gr.Textbox(label="Search", placeholder="words in the recommendation", elem_id="psb-recs-search", scale=2)
        with gr.Row():
            count = gr.Markdown("", elem_id="psb-recs-count")
            download = gr.DownloadButton("Download CSV", elem_id="psb-recs-csv", size="sm", variant="secondary")
        table = gr.Dataframe(headers=REC_COLUMNS, datatype="str", value=[], interactive=False, wrap=True, max_height=560,
                             column_widths=["7%", "41%", "16%", "12%", "10%", "9%", "5%"], label="Recommendations", elem_id="psb-recs")
        passages = gr.HTML(render_passages(services, None), elem_id="psb-rec-source")

    io = dict(inputs=[theme, owner, search], outputs=[table, entries_state, count, passages, download], api_visibility="private")
    tab.select(listing, **io)
    theme.change(listing, **io)
    owner.submit(listing, **io)
    search.submit(listing, **io)
    table.select(open_row, inputs=[entries_state], outputs=[passages], api_visibility="private")

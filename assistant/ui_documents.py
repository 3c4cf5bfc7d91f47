"""HTML for the Documents tab: upload results in plain English, the summary, the documents list.

Why: the indexer's reasons are written for developers ("binary data, not text (contains NUL
bytes) (stage: decode)"). Staff get a sentence that says what is wrong and what to do; the
technical reason stays one click away for whoever has to look into it.
"""

from __future__ import annotations

import html
import re
from typing import Any

from assistant.ui_render import clean

STATUSES = ("added", "updated", "unchanged", "failed")
_LABELS = {"added": "Added", "updated": "Updated", "unchanged": "Unchanged", "failed": "Failed",
           "waiting": "Waiting", "indexing": "Indexing…"}

# (pattern in the technical reason, plain-English explanation with what to do); first match wins.
_PLAIN: list[tuple[str, str]] = [
    (r"file type not accepted", "This type of file cannot be indexed. Upload a PDF, Word (.docx), HTML, Markdown or plain text file."),
    (r"over the .* limit|MB limit", "The file is too large to index. Split it into smaller files, or ask an administrator to raise the limit."),
    (r"the file is empty|zero bytes", "The file is empty. Check that you chose the right file."),
    (r"same (file )?name", "Two files in this upload have the same name. Rename one of them and add it again."),
    (r"encrypted|password", "The PDF is password protected. Save a copy without a password and upload that."),
    (r"NUL bytes|binary data|no text encoding", "This file does not contain readable text (it looks like a program or image file). Check that you chose the right file."),
    (r"no text could be extracted|has no text|no text to index|scanned", "No text could be found in the file; it may be a scanned image or blank. Upload a version with selectable text."),
    (r"corrupt|truncated|could not read|not a readable|damaged", "The file seems to be damaged or is not really the type its name says. Open it, save it again, and re-upload it."),
    (r"could not be read; try again|no such file", "The upload did not arrive completely. Try adding the file again."),
    (r"embedding failed", "The search index could not process this file. Try again; if it keeps failing, tell an administrator."),
]


def plain_reason(technical: str | None) -> str:
    """A sentence a member of staff can act on, for a technical failure reason."""
    text = technical or ""
    for pattern, plain in _PLAIN:
        if re.search(pattern, text, re.I):
            return plain
    return "The file could not be indexed. Try again, or show the technical detail to an administrator."


def summary(statuses: list[str]) -> str:
    """"Finished: 2 added, 1 updated, 0 unchanged, 1 failed." Every outcome counted on its own."""
    counts = {s: statuses.count(s) for s in STATUSES}
    return "Finished: " + ", ".join(f"{counts[s]} {s}" for s in STATUSES) + "."


def render_results(rows: list[dict[str, Any]]) -> str:
    """One row per uploaded file: status in colour, icon and words; failure reason in plain English."""
    if not rows:
        return ""
    esc = html.escape
    body = []
    for r in rows:
        status = r["status"]
        label = _LABELS.get(status, status)
        if status == "failed":
            detail = (f'{esc(plain_reason(r.get("error")))}'
                      f'<details class="psb-tech"><summary>Technical detail</summary><code>{esc(r.get("error") or "")}</code></details>')
        elif status in ("added", "updated"):
            n = int(r.get("chunks") or 0)
            detail = f'{esc(r.get("title") or "")} · {n} passage{"" if n == 1 else "s"}'
        elif status == "unchanged":
            detail = f'{esc(r.get("title") or "")} · already indexed, nothing changed'
        else:
            detail = ""
        body.append(f'<tr class="psb-row-{esc(status)}"><td>{esc(r["file"])}</td>'
                    f'<td><span class="psb-status-badge psb-st-{esc(status)}"><span class="psb-icon psb-icon-{esc(status)}"></span>{esc(label)}</span></td>'
                    f'<td>{detail}</td></tr>')
    return clean('<div class="psb-table-wrap" role="region" aria-label="Upload results" tabindex="0"><table class="psb-table"><thead><tr><th scope="col">File</th><th scope="col">Result</th>'
                 f'<th scope="col">Details</th></tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def render_documents(docs: list[dict[str, Any]]) -> str:
    """The indexed documents, as a table that scrolls sideways inside a narrow screen."""
    esc = html.escape
    if not docs:
        return clean('<p class="psb-hint">No documents are indexed yet. Add some above.</p>')
    rows = "".join(
        f'<tr><td>{esc(d["title"])}</td><td>{esc(d["type"])}</td><td class="psb-nowrap">{esc(d.get("published") or "")}</td>'
        f'<td>{int(d.get("chunks") or 0)}</td><td>{esc(d.get("source") or "")}</td></tr>'
        for d in docs
    )
    return clean('<div class="psb-table-wrap" role="region" aria-label="Indexed documents" tabindex="0"><table class="psb-table"><thead><tr><th scope="col">Title</th><th scope="col">Type</th>'
                 '<th scope="col">Published</th><th scope="col">Passages</th><th scope="col">File</th></tr></thead>'
                 f'<tbody>{rows}</tbody></table></div>')


def confirm_text(doc: dict[str, Any]) -> str:
    """The question asked before a delete, naming the document."""
    return (f"Delete “{doc['title']}” ({doc.get('source') or doc['doc_id']})? It and its {int(doc.get('chunks') or 0)} passages "
            "are removed from every index; to get it back you would have to upload the file again.")

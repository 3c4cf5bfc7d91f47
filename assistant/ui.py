"""The Gradio app: a chat tab for everyone and a documents tab for staff.

Design rules this module keeps:

* Per-user state (conversation history, the answers shown, their sources) lives only in
  ``gr.State``; the module holds no globals, so concurrent users never see each other's turns.
* Handlers are thin: they call the same ``Services`` / ``DocumentActions`` as the CLI and API.
* Nothing from a document or an answer reaches the page as live HTML: answer text is
  HTML-escaped before the chatbot's Markdown renders it, and the sources panel is built from
  escaped values and then passed through nh3 with a short allow-list.
* Every document action re-checks the signed-in user's role on the server (``gr.Request``); the
  hidden tab is a convenience, not the control.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import gradio as gr
import nh3

from assistant.api import ALLOWED_EXTENSIONS, DOC_TYPES, DocumentActions, UploadRejected, ask, filters_from
from assistant.auth import STAFF, Accounts
from assistant.errors import PSBError
from assistant.feedback import FeedbackStore
from assistant.services import Services
from indexing.pipeline import FileResult

CSS_PATH = Path(__file__).with_name("ui.css")

_SAFE_TAGS = {"section", "h2", "h3", "p", "details", "summary", "blockquote", "ul", "li", "strong", "em", "span", "div", "a"}
_SAFE_ATTRS = {"details": {"id", "class"}, "summary": {"class"}, "p": {"class"}, "span": {"class"}, "div": {"class"},
               "section": {"class", "aria-label"}, "blockquote": {"class"}, "ul": {"class"}, "a": {"href"}}
_GENERIC_HEADINGS = {"summary", "introduction", "purpose", "next steps", "contents", "annex", "references", "a shared journey"}

DOC_COLUMNS = ["Title", "Type", "Published", "Chunks", "Source", "Document id"]
RESULT_COLUMNS = ["File", "Result", "Document", "Chunks", "Reason"]


# ---------------------------------------------------------------- safe rendering
def clean_html(fragment: str) -> str:
    """nh3 with a short allow-list: no scripts, no event handlers, no styles, no javascript: URLs."""
    return nh3.clean(fragment, tags=_SAFE_TAGS, attributes=_SAFE_ATTRS, url_schemes={"http", "https", "mailto"})


def answer_markdown(text: str) -> str:
    """Answer text for the chatbot: raw HTML in it is shown as text, never parsed, and Markdown
    image syntax is neutralised so document text cannot make the browser fetch a remote URL."""
    return html.escape(text or "", quote=False).replace("![", "!\\[")


def render_sources(answer: dict[str, Any] | None) -> str:
    """The sources panel: one collapsible passage per citation, with title, section and page."""
    esc = html.escape
    if not answer:
        return clean_html('<section class="psb-sources" aria-label="Sources"><h2>Sources</h2>'
                          '<p class="psb-hint">Ask a question to see the passages its answer cites.</p></section>')
    parts = ['<section class="psb-sources" aria-label="Sources for this answer"><h2>Sources for this answer</h2>']
    if answer.get("note"):
        parts.append(f'<p class="psb-note"><strong>Note:</strong> {esc(answer["note"])}</p>')
    for flag in answer.get("flags") or []:
        parts.append(f'<p class="psb-note"><strong>Check:</strong> {esc(flag.get("sentence", ""))} — {esc(flag.get("reason", ""))}</p>')
    citations = answer.get("citations") or []
    if not citations:
        closest = answer.get("closest_documents") or []
        parts.append('<p class="psb-hint">This answer cites no passage.</p>')
        if closest:
            parts.append("<p>Closest documents:</p><ul>" + "".join(f"<li>{esc(t)}</li>" for t in closest) + "</ul>")
    for c in citations:
        where = [f"Section: {esc(c['section'])}" if c.get("section") else "", f"Page {int(c['page'])}" if c.get("page") else "",
                 f"File: {esc(c.get('source') or '')}"]
        parts.append(
            f'<details id="source-{int(c["n"])}" class="psb-source"><summary class="psb-source-title">'
            f'[{int(c["n"])}] {esc(c.get("title") or "Untitled")}</summary>'
            f'<p class="psb-where">{" · ".join(w for w in where if w)}</p>'
            f'<blockquote class="psb-quote">{esc(c.get("quote") or "")}</blockquote></details>'
        )
    parts.append("</section>")
    return clean_html("".join(parts))


def render_searching() -> str:
    """Shown while an answer is on its way, so the panel never shows the previous answer's sources."""
    return ('<section class="psb-sources psb-searching" aria-label="Sources" aria-busy="true"><h2>Sources</h2>'
            '<p class="psb-hint">Searching the documents…</p></section>')


def example_questions(services: Services, limit: int = 4) -> list[str]:
    """Questions drawn from the corpus: one meaningful section heading per document."""
    try:
        records = sorted(services.store.list_documents(), key=lambda r: ({"report": 0, "insight": 1}.get(r.type, 2), r.title))
    except Exception:  # an unreachable store must not stop the page from loading
        return []
    questions: list[str] = []
    for record in records:
        headings: list[str] = []
        for chunk in services.store.chunks_of(record.doc_id):
            last = str(chunk.meta.get("section") or "").split(" > ")[-1]
            last = re.sub(r"^[\d.]+\s*", "", last).strip()
            if 2 <= len(last.split()) <= 7 and last.lower() not in _GENERIC_HEADINGS and last != record.title and last not in headings:
                headings.append(last)
        if headings:
            questions.append(f"What do the documents say about “{headings[len(headings) // 2]}”?")
        if len(questions) >= limit:
            break
    return questions


# ---------------------------------------------------------------- the app
def build_ui(services: Services, accounts: Accounts, actions: DocumentActions, feedback: FeedbackStore) -> gr.Blocks:
    """The Blocks app; ``server.create_app`` mounts it with the login callable, theme and CSS."""

    def role(request: gr.Request | None) -> str | None:
        return accounts.role_of(getattr(request, "username", None))

    def user_name(request: gr.Request | None) -> str:
        return getattr(request, "username", None) or ("local" if accounts.open else "anonymous")

    def require_staff(request: gr.Request | None, action: str) -> None:
        if role(request) != STAFF:
            raise gr.Error(f"Only staff can {action}. Sign in with a staff account.")

    def doc_choices() -> list[tuple[str, str]]:
        return [(f"{d['title']} ({d['type']})", d["doc_id"]) for d in actions.documents()]

    def doc_rows() -> list[list[Any]]:
        return [[d["title"], d["type"], d["published"] or "", d["chunks"], d["source"], d["doc_id"]] for d in actions.documents()]

    # ------------------------------------------------------------ chat handlers
    def respond(question: str, messages: list, history: list, turns: list, types: list[str], doc_ids: list[str],
                request: gr.Request):
        """Stream one answer into the chat; ends with the sources panel for it."""
        question = (question or "").strip()
        if not question:
            raise gr.Error("Type a question first.")
        messages = list(messages or []) + [{"role": "user", "content": answer_markdown(question)}, {"role": "assistant", "content": "…"}]
        yield messages, history, turns, render_searching(), "", ""
        try:
            filters = filters_from(types, doc_ids)
            if not services.has_documents():
                ask(services, question, history, filters)  # raises the empty-index error with its advice
            text, final = "", None
            for event in services.assistant.stream(question, history=history, filters=filters):
                if event["type"] == "token":
                    text += event["text"]
                    messages[-1] = {"role": "assistant", "content": answer_markdown(text)}
                    yield messages, history, turns, gr.skip(), "", ""
                elif event["type"] == "reset":
                    text = ""
                elif event["type"] == "answer":
                    final = event["answer"]
        except (PSBError, ValueError) as exc:
            messages[-1] = {"role": "assistant", "content": answer_markdown(f"Sorry, that did not work: {exc}")}
            yield messages, history, turns + [{"question": question, "answer": None}], render_sources(None), "", ""
            return
        assert final is not None
        public = final.public()
        messages[-1] = {"role": "assistant", "content": answer_markdown(final.answer)}
        history = list(history) + [{"role": "user", "content": question}, {"role": "assistant", "content": final.answer}]
        turns = list(turns) + [{"question": question, "answer": public}]
        yield messages, history, turns, render_sources(public), "", ""

    def new_conversation():
        return [], [], [], render_sources(None), "", ""

    def rate_last(rating: str, comment: str, turns: list, request: gr.Request) -> tuple[str, str]:
        answered = [t for t in turns or [] if t.get("answer")]
        if not answered:
            return "Ask a question first, then rate its answer.", comment
        return store_rating(rating, answered[-1], comment, request), ""

    def rate_up(comment: str, turns: list, request: gr.Request) -> tuple[str, str]:
        return rate_last("up", comment, turns, request)

    def rate_down(comment: str, turns: list, request: gr.Request) -> tuple[str, str]:
        return rate_last("down", comment, turns, request)

    def store_rating(rating: str, turn: dict, comment: str, request: gr.Request | None) -> str:
        answer = turn["answer"]
        feedback.add(rating=rating, question=turn["question"], answer=answer["answer"], sources=answer.get("citations") or [],
                     comment=comment or "", user=user_name(request))
        return "Thank you: your feedback was saved." if rating == "up" else "Thank you: your feedback was saved for review."

    def on_like(turns: list, data: gr.LikeData, request: gr.Request) -> str:
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        turn_no = int(index) // 2
        if not (0 <= turn_no < len(turns or [])) or not turns[turn_no].get("answer"):
            return "That message cannot be rated."
        return store_rating("up" if data.liked else "down", turns[turn_no], "", request)

    # ------------------------------------------------------------ document handlers
    def on_load(request: gr.Request):
        """Per-visitor setup: show the documents tab to staff only, fill the document lists."""
        name, who = user_name(request), role(request)
        signed = "" if accounts.open else f' · <a href="logout">Sign out</a>'
        banner = clean_html(f'<p class="psb-user">Signed in as <strong>{html.escape(name)}</strong> ({html.escape(who or "no role")}){signed}</p>')
        choices = doc_choices()
        return (gr.Tab(visible=who == STAFF), banner, gr.Dropdown(choices=choices), doc_rows(), gr.Dropdown(choices=choices, value=None))

    def upload(files: list[str] | None, request: gr.Request):
        """Index the chosen files one by one, showing each file's result as it lands."""
        require_staff(request, "add documents")
        paths = [Path(f) for f in files or []]
        if not paths:
            raise gr.Error("Choose one or more files first.")
        rows = [[p.name, "waiting", "", "", ""] for p in paths]
        yield rows, gr.skip(), gr.skip(), gr.skip(), f"Indexing {len(paths)} file(s)…"
        for i, path in enumerate(paths):
            rows[i][1] = "indexing…"
            yield rows, gr.skip(), gr.skip(), gr.skip(), f"Indexing {path.name} ({i + 1} of {len(paths)})…"
            result = ingest_one(path)
            rows[i] = [result.path, result.status, result.title or result.doc_id or "", result.chunks, result.error or ""]
            yield rows, gr.skip(), gr.skip(), gr.skip(), f"{i + 1} of {len(paths)} done."
        failed = sum(r[1] == "failed" for r in rows)
        choices = doc_choices()
        summary = f"Finished: {len(rows) - failed} indexed or unchanged, {failed} failed."
        yield rows, doc_rows(), gr.Dropdown(choices=choices, value=None), gr.Dropdown(choices=choices), summary

    def ingest_one(path: Path) -> FileResult:
        """Gradio keeps an upload under its original name in its cache; copy it through the same checks as the API."""
        workdir = actions.workdir()
        try:
            with path.open("rb") as stream:
                saved = actions.save(path.name, stream, workdir)
            return actions.ingest_saved(saved)
        except UploadRejected as exc:
            return FileResult(path.name, "failed", error=str(exc).split(": ", 1)[-1])
        except OSError:
            return FileResult(path.name, "failed", error="the upload could not be read; try again")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def delete(doc_id: str | None, request: gr.Request):
        require_staff(request, "delete documents")
        if not doc_id:
            raise gr.Error("Choose a document to delete.")
        try:
            removed = actions.remove(doc_id)
        except PSBError as exc:
            raise gr.Error(str(exc)) from None
        choices = doc_choices()
        return doc_rows(), gr.Dropdown(choices=choices, value=None), gr.Dropdown(choices=choices), f"Deleted “{removed['title']}”."

    def reindex(request: gr.Request):
        require_staff(request, "re-index")
        count = actions.reindex()
        return doc_rows(), f"Re-indexed keyword search for {count} document(s); unfinished uploads were cleaned up."

    def refresh(request: gr.Request):
        choices = doc_choices()
        return doc_rows(), gr.Dropdown(choices=choices, value=None), gr.Dropdown(choices=choices)

    def api_ask(question: str, types: list[str] | None = None, doc_ids: list[str] | None = None,
                history: list[dict] | None = None) -> dict:
        """Answer a question with citations; returns the Answer as a dict (answer, citations, refused, note, ...)."""
        try:
            return ask(services, question, history or [], filters_from(types, doc_ids)).public()
        except (PSBError, ValueError) as exc:
            raise gr.Error(str(exc)) from None

    # ------------------------------------------------------------ layout
    limit = f"{services.settings.max_file_mb:g} MB"
    with gr.Blocks(title="PSB Assistant", analytics_enabled=False) as demo:
        history = gr.State([])  # [{"role", "content"}] for follow-ups
        turns = gr.State([])  # [{"question", "answer": Answer dict | None}] aligned with the chat
        with gr.Row(elem_classes="psb-header"):
            gr.HTML('<div class="psb-brand"><span class="psb-logo">PSB Assistant</span>'
                    '<span class="psb-strap">Cited answers from techUK Public Services Board reports</span></div>')
            user_banner = gr.HTML("", elem_classes="psb-user-wrap")
        with gr.Tabs():
            with gr.Tab("Ask a question", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(label="Conversation", height=460, buttons=["copy"], allow_tags=False, sanitize_html=True,
                                             placeholder="Answers quote the documents and cite them like [1]. Open a source on the right to read the passage.",
                                             elem_id="psb-chat", feedback_options=("Like", "Dislike"))
                        question = gr.Textbox(label="Your question", placeholder="For example: what does the report recommend on procurement skills?",
                                              lines=1, max_lines=4, elem_id="psb-question")
                        with gr.Row():
                            ask_btn = gr.Button("Ask", variant="primary", elem_id="psb-ask")
                            new_btn = gr.Button("New conversation", variant="secondary", elem_id="psb-new")
                        examples = example_questions(services)
                        if examples:
                            gr.Examples(examples=[[q] for q in examples], inputs=[question], label="Example questions")
                        with gr.Accordion("Rate the latest answer", open=False, elem_id="psb-feedback"):
                            comment = gr.Textbox(label="Comment (optional)", lines=2, max_lines=6)
                            with gr.Row():
                                up_btn = gr.Button("👍 Helpful", size="sm")
                                down_btn = gr.Button("👎 Not helpful", size="sm")
                            feedback_status = gr.Markdown("", elem_id="psb-feedback-status")
                    with gr.Column(scale=2):
                        sources = gr.HTML(render_sources(None), elem_id="psb-sources")
                        with gr.Accordion("Filter the documents searched", open=False):
                            types = gr.CheckboxGroup(choices=list(DOC_TYPES), label="Document type")
                            filter_docs = gr.Dropdown(choices=[], multiselect=True, label="Documents", info="Leave empty to search all")
            with gr.Tab("Documents", id="documents", visible=False) as docs_tab:
                gr.Markdown(f"Add files in any format the index takes ({', '.join(ALLOWED_EXTENSIONS)}), up to {limit} each. "
                            "Re-uploading a changed file with the same name replaces the old version.")
                files = gr.File(label="Choose files", file_count="multiple", file_types=list(ALLOWED_EXTENSIONS), elem_id="psb-files")
                upload_btn = gr.Button("Add to the index", variant="primary", elem_id="psb-upload")
                doc_status = gr.Markdown("", elem_id="psb-doc-status")
                results = gr.Dataframe(headers=RESULT_COLUMNS, datatype="str", value=[], label="Upload results", interactive=False, elem_id="psb-results")
                gr.Markdown("### Indexed documents")
                docs_table = gr.Dataframe(headers=DOC_COLUMNS, datatype="str", value=[], label="Indexed documents", interactive=False, elem_id="psb-docs")
                with gr.Row():
                    refresh_btn = gr.Button("Refresh list", size="sm")
                    reindex_btn = gr.Button("Re-index (repair keyword search)", size="sm")
                with gr.Row():
                    delete_choice = gr.Dropdown(choices=[], label="Document to delete", scale=3)
                    delete_btn = gr.Button("Delete document", variant="stop", scale=1, elem_id="psb-delete")

        # ------------------------------------------------------------ events
        chat_io = dict(inputs=[question, chatbot, history, turns, types, filter_docs],
                       outputs=[chatbot, history, turns, sources, question, feedback_status])
        ask_opts = dict(concurrency_id="answer", concurrency_limit=4, api_visibility="private")
        ask_btn.click(respond, **chat_io, **ask_opts)
        question.submit(respond, **chat_io, **ask_opts)
        new_btn.click(new_conversation, outputs=[chatbot, history, turns, sources, question, feedback_status], api_visibility="private")
        up_btn.click(rate_up, inputs=[comment, turns], outputs=[feedback_status, comment], api_visibility="private")
        down_btn.click(rate_down, inputs=[comment, turns], outputs=[feedback_status, comment], api_visibility="private")
        chatbot.like(on_like, inputs=[turns], outputs=[feedback_status], api_visibility="private")

        doc_opts = dict(concurrency_id="documents", concurrency_limit=2, api_visibility="private")
        upload_btn.click(upload, inputs=[files], outputs=[results, docs_table, delete_choice, filter_docs, doc_status],
                         concurrency_id="ingest", concurrency_limit=1, api_visibility="private")
        delete_btn.click(delete, inputs=[delete_choice], outputs=[docs_table, delete_choice, filter_docs, doc_status], **doc_opts)
        reindex_btn.click(reindex, outputs=[docs_table, doc_status], concurrency_id="ingest", concurrency_limit=1, api_visibility="private")
        refresh_btn.click(refresh, outputs=[docs_table, delete_choice, filter_docs], **doc_opts)
        demo.load(on_load, outputs=[docs_tab, user_banner, filter_docs, docs_table, delete_choice], api_visibility="private")

        gr.api(api_ask, api_name="ask", concurrency_id="answer", concurrency_limit=4)
    return demo


"""The Gradio app: chat and recommendations tabs for everyone, a documents tab for staff.

Design rules this module keeps:

* Per-user state (conversation history, the answers shown, their sources) lives only in
  ``gr.State``; the module holds no globals, so concurrent users never see each other's turns.
* Handlers are thin: they call the same ``Services`` / ``DocumentActions`` as the CLI and API.
* Nothing from a document or an answer reaches the page as live HTML: the conversation and the
  documents tab are rendered by ``ui_render`` / ``ui_documents`` from escaped text and cleaned
  with nh3.
* A user's mistake (an empty question, no file chosen, nothing to delete) gets an inline message
  next to the control; handlers never raise for it, so no component goes into an error state and
  nothing is logged.
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

from assistant.documents import ALLOWED_EXTENSIONS, DocumentActions, ask, filters_from, sanitise_filename
from assistant.errors import UploadRejected
from indexing.manifest import DOC_TYPES
from assistant.auth import STAFF, Accounts
from assistant.errors import PSBError
from assistant.recovery import BatchRecord
from assistant.feedback import FeedbackStore
from assistant.register_ui import add_register_tab
from assistant.services import Services
from assistant.ui_documents import confirm_text, render_documents, render_results, summary
from assistant.ui_render import CHAT_JS, clean, render_conversation
from indexing.pipeline import FileResult

CSS_PATH = Path(__file__).with_name("ui.css")
_SENTENCE_END = re.compile(r"(?<=[.!?\]])\s+(?=\S)")


def inline_message(text: str, kind: str = "error") -> str:
    """A message shown next to the control it is about (read out by screen readers)."""
    role = "alert" if kind == "error" else "status"
    return clean(f'<p class="psb-inline psb-inline-{kind}" role="{role}">{html.escape(text)}</p>') if text else ""


def message_slot(text: str, kind: str = "error") -> gr.HTML:
    """The update for a message slot: shown with its message, hidden (taking no room) without one."""
    return gr.HTML(value=inline_message(text, kind), visible=bool(text))


def uploaded_files(files: list | None, user: str | None = None, owner_of=None) -> list[tuple[Path, str]]:
    """(path, the name the user's file had) for each file the upload widget sent; ``gr.Error``
    unless every path is a file in Gradio's upload folder that ``user`` uploaded (when
    ``owner_of`` tracks uploads), so no other server file, and no other user's upload, can be
    indexed. The same message for a missing and a foreign path, so it reveals nothing about either."""
    from gradio.utils import get_upload_folder

    folder = Path(get_upload_folder()).resolve()
    chosen = []
    for item in files or []:
        raw, name = (item.get("path"), item.get("orig_name")) if isinstance(item, dict) else (item, None)
        path = Path(str(raw or ""))
        resolved = path.resolve()
        mine = owner_of is None or owner_of(resolved) == user
        if not (mine and resolved.is_relative_to(folder) and resolved != folder and resolved.is_file() and not path.is_symlink()):
            raise gr.Error(f"{sanitise_filename(name or path.name)}: not a file uploaded here; choose the file again.")
        chosen.append((resolved, name or path.name))
    return chosen


def describe_filters(types: list[str] | None, doc_ids: list[str] | None, titles: dict[str, str]) -> str:
    """Plain words for the active filters ("" when none), shown in the conversation."""
    parts = []
    if types:
        parts.append("documents of type " + ", ".join(types))
    if doc_ids:
        names = [titles.get(d, d) for d in doc_ids]
        parts.append("“" + "”, “".join(names[:2]) + "”" + (f" and {len(names) - 2} more" if len(names) > 2 else ""))
    return "; ".join(parts)


def passage_texts(services: Services, citations: list[dict[str, Any]]) -> dict[int, str]:
    """The full passage behind each citation, so the page can show the quote highlighted inside it."""
    found: dict[int, str] = {}
    chunks_by_doc: dict[str, list] = {}
    for c in citations:
        try:
            chunks = chunks_by_doc.setdefault(c["doc_id"], services.store.chunks_of(c["doc_id"]))
        except Exception:  # the highlight is a nicety; the quote is shown on its own without it
            continue
        first = re.split(r"\s*…\s*", c.get("quote") or "")[0].strip()
        match = next((ch.text for ch in chunks if first and first in ch.text), None)
        if match:
            found[int(c["n"])] = match
    return found


def stream_pieces(text: str) -> list[str]:
    """Sentences of a token that holds a whole answer, so the extractive answer appears sentence by sentence."""
    pieces = _SENTENCE_END.split(text)
    return [p + (" " if i < len(pieces) - 1 else "") for i, p in enumerate(pieces)] if len(pieces) > 1 else [text]


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

    def documents() -> list[dict[str, Any]]:
        return actions.documents()

    def doc_choices(docs: list[dict[str, Any]]) -> list[tuple[str, str]]:
        return [(f"{d['title']} ({d['type']})", d["doc_id"]) for d in docs]

    # ------------------------------------------------------------ chat handlers
    def respond(question: str, turns: list, history: list, types: list[str], doc_ids: list[str], request: gr.Request):
        """Stream one answer into the conversation; sources and message actions appear when it is complete."""
        question = (question or "").strip()
        if not question:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), message_slot("Type a question first, then press Enter or Ask.")
            return
        turns = list(turns or [])
        titles = {d["doc_id"]: d["title"] for d in documents()} if doc_ids else {}
        pending: dict[str, Any] = {"question": question, "filters": describe_filters(types, doc_ids, titles)}
        idle = gr.Button(interactive=False)
        yield render_conversation(turns, pending, status="Searching the documents…"), gr.skip(), gr.skip(), "", idle, message_slot("")
        try:
            filters = filters_from(types, doc_ids)
            if not services.has_documents():
                ask(services, question, history, filters)  # raises the empty-index error with its advice
            text, final = "", None
            with services.answer_gate.slot():  # the same bounded queue as the REST API
                for event in services.assistant.stream(question, history=history, filters=filters):
                    if event["type"] == "token":
                        for piece in stream_pieces(event["text"]):
                            text += piece
                            yield render_conversation(turns, pending, partial=text), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
                    elif event["type"] == "reset":
                        text = ""
                    elif event["type"] == "answer":
                        final = event["answer"]
        except PSBError as exc:
            turns.append(dict(pending, answer=None, error=f"Sorry, that did not work: {exc}"))
            yield render_conversation(turns, status="The question could not be answered."), turns, gr.skip(), gr.skip(), gr.Button(interactive=False), message_slot("")
            return
        assert final is not None, "the answer stream always ends with an answer event"
        public = final.public()
        turns.append(dict(pending, answer=public, passages=passage_texts(services, public.get("citations") or []), rating=None))
        history = list(history) + [{"role": "user", "content": question}, final.as_turn()]
        cited = len(public.get("citations") or [])
        status = f"Answer ready with {cited} source{'s' if cited != 1 else ''}." if cited else "Answer ready."
        # Ask is disabled again here: a keystroke's input event can land after the first yield and re-enable it.
        yield render_conversation(turns, status=status), turns, history, gr.skip(), gr.Button(interactive=False), message_slot("")

    def on_type(text: str):
        return gr.Button(interactive=bool((text or "").strip())), message_slot("")

    def new_conversation():
        return render_conversation([]), [], [], "", gr.Button(interactive=False), message_slot(""), message_slot("")

    def store_rating(rating: str, turn: dict, comment: str, request: gr.Request | None) -> str:
        answer = turn["answer"]
        feedback.add(rating=rating, question=turn["question"], answer=answer["answer"], sources=answer.get("citations") or [],
                     comment=comment or "", user=user_name(request))
        return "Thank you: your feedback was saved." if rating == "up" else "Thank you: your feedback was saved for review."

    def rate_last(rating: str, comment: str, turns: list, request: gr.Request):
        answered = [i for i, t in enumerate(turns or []) if t.get("answer")]
        if not answered:
            return gr.skip(), gr.skip(), message_slot("Ask a question first, then rate its answer."), comment
        turns = list(turns)
        turns[answered[-1]] = dict(turns[answered[-1]], rating=rating)
        return render_conversation(turns), turns, message_slot(store_rating(rating, turns[answered[-1]], comment, request), "ok"), ""

    def rate_up(comment: str, turns: list, request: gr.Request):
        return rate_last("up", comment, turns, request)

    def rate_down(comment: str, turns: list, request: gr.Request):
        return rate_last("down", comment, turns, request)

    def on_rate(turns: list, data: gr.EventData, request: gr.Request):
        """A Helpful / Not helpful button under an answer (sent by the conversation's script)."""
        info = getattr(data, "_data", None) or {}
        turn_no, rating = info.get("turn"), info.get("rating")
        if not isinstance(turn_no, int) or rating not in ("up", "down") or not (0 <= turn_no < len(turns or [])) \
                or not turns[turn_no].get("answer"):
            return gr.skip(), gr.skip(), message_slot("That answer cannot be rated.")
        turns = list(turns)
        turns[turn_no] = dict(turns[turn_no], rating=rating)
        message = store_rating(rating, turns[turn_no], "", request)
        return render_conversation(turns, status=message), turns, message_slot(message, "ok")

    def on_filters(types: list[str], doc_ids: list[str]):
        titles = {d["doc_id"]: d["title"] for d in documents()} if doc_ids else {}
        words = describe_filters(types, doc_ids, titles)
        note = clean(f'<p class="psb-filter-on"><span class="psb-icon psb-icon-filter"></span>Filters on: searching only {html.escape(words)}.</p>') if words else ""
        return note, gr.Row(visible=bool(words))

    # ------------------------------------------------------------ document handlers
    def on_load(request: gr.Request):
        """Per-visitor setup: show the documents tab to staff only, fill the document lists."""
        name, who = user_name(request), role(request)
        signed = "" if accounts.open else ' · <a href="logout">Sign out</a>'
        banner = clean(f'<p class="psb-user">Signed in as <strong>{html.escape(name)}</strong> ({html.escape(who or "no role")}){signed}</p>')
        docs = documents()
        choices = doc_choices(docs)
        return (gr.Tab(visible=who == STAFF), banner, gr.Dropdown(choices=choices), render_documents(docs), gr.Dropdown(choices=choices, value=None))

    def upload(files: list | None, request: gr.Request):
        """Index the chosen files one by one, showing each file's result as it lands.

        Runs with ``preprocess=False`` so it sees each file's original name and names it with
        the same ``sanitise_filename`` as the REST API (one document, whichever door)."""
        require_staff(request, "add documents")
        chosen = uploaded_files(files, user_name(request), actions.upload_owner)
        if not chosen:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), message_slot("Choose one or more files first, then select Add to the index.")
            return
        rows: list[dict[str, Any]] = [{"file": sanitise_filename(name), "status": "waiting"} for _, name in chosen]
        yield render_results(rows), gr.skip(), gr.skip(), gr.skip(), message_slot(f"Indexing {len(chosen)} file(s)…", "ok")
        batch = BatchRecord(actions.workdir(), [r["file"] for r in rows])  # a crash or cancel leaves the unfinished names
        try:
            for i, (path, name) in enumerate(chosen):
                rows[i]["status"] = "indexing"
                yield render_results(rows), gr.skip(), gr.skip(), gr.skip(), message_slot(f"Indexing {rows[i]['file']} ({i + 1} of {len(chosen)})…", "ok")
                result = ingest_one(path, name)
                batch.done(rows[i]["file"])
                rows[i] = {"file": result.path, "status": result.status, "title": result.title or result.doc_id or "",
                           "chunks": result.chunks, "error": result.error}
                yield render_results(rows), gr.skip(), gr.skip(), gr.skip(), message_slot(f"{i + 1} of {len(chosen)} done.", "ok")
        finally:
            batch.close()
        docs = documents()
        choices = doc_choices(docs)
        done = summary([r["status"] for r in rows])
        yield render_results(rows), render_documents(docs), gr.Dropdown(choices=choices, value=None), gr.Dropdown(choices=choices), \
            message_slot(done, "error" if any(r["status"] == "failed" for r in rows) else "ok")

    def ingest_one(path: Path, name: str) -> FileResult:
        """Copy a Gradio upload through the same checks and the same name sanitiser as the API."""
        workdir = actions.workdir()
        try:
            with path.open("rb") as stream:
                saved = actions.save(name, stream, workdir)
            return actions.ingest_saved(saved)
        except UploadRejected as exc:
            return FileResult(sanitise_filename(name), "failed", error=str(exc).split(": ", 1)[-1])
        except OSError:
            return FileResult(sanitise_filename(name), "failed", error="the upload could not be read; try again")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def ask_delete(doc_id: str | None, request: gr.Request):
        """First step of a delete: name the document and ask for confirmation."""
        require_staff(request, "delete documents")
        doc = next((d for d in documents() if d["doc_id"] == doc_id), None) if doc_id else None
        if doc is None:
            return gr.Group(visible=False), "", None, message_slot("Choose a document to delete first.")
        return gr.Group(visible=True), clean(f'<p class="psb-confirm-text">{html.escape(confirm_text(doc))}</p>'), doc_id, message_slot("")

    def delete(doc_id: str | None, request: gr.Request):
        require_staff(request, "delete documents")
        if not doc_id:
            return gr.skip(), gr.skip(), gr.skip(), message_slot("Choose a document to delete first."), gr.Group(visible=False), None
        try:
            removed = actions.remove(doc_id)
        except PSBError as exc:
            return gr.skip(), gr.skip(), gr.skip(), message_slot(str(exc)), gr.Group(visible=False), None
        docs = documents()
        choices = doc_choices(docs)
        return (render_documents(docs), gr.Dropdown(choices=choices, value=None), gr.Dropdown(choices=choices),
                message_slot(f"Deleted “{removed['title']}”.", "ok"), gr.Group(visible=False), None)

    def cancel_delete():
        return gr.Group(visible=False), None, message_slot("Nothing was deleted.", "ok")

    def reindex(request: gr.Request):
        require_staff(request, "re-index")
        count, cleaned = actions.reindex()
        return render_documents(documents()), message_slot(f"Re-indexed keyword search for {count} document(s). {cleaned}", "ok")

    def refresh(request: gr.Request):
        docs = documents()
        choices = doc_choices(docs)
        return render_documents(docs), gr.Dropdown(choices=choices, value=None), gr.Dropdown(choices=choices)

    def api_ask(question: str, types: list[str] | None = None, doc_ids: list[str] | None = None,
                history: list[dict] | None = None) -> dict:
        """Answer a question with citations; returns the Answer as a dict (answer, citations, refused, note, ...)."""
        try:
            return ask(services, question, history or [], filters_from(types, doc_ids)).public()
        except PSBError as exc:
            raise gr.Error(str(exc)) from None

    # ------------------------------------------------------------ layout
    limit = f"{services.settings.max_file_mb:g} MB"
    with gr.Blocks(title="PSB Assistant", analytics_enabled=False) as demo:
        history = gr.State([])  # [{"role", "content"}] for follow-ups
        turns = gr.State([])  # the turns shown, see ui_render
        pending_delete = gr.State(None)
        with gr.Row(elem_classes="psb-header"):
            gr.HTML('<div class="psb-brand"><span class="psb-logo">PSB Assistant</span>'
                    '<span class="psb-strap">Cited answers from techUK Public Services Board reports</span></div>')
            user_banner = gr.HTML("", elem_classes="psb-user-wrap")
        with gr.Tabs(overflow_behavior="wrap"):  # on a phone every tab stays in sight, not in a "⋯" menu
            with gr.Tab("Ask a question", id="chat"):
                with gr.Row(equal_height=False, elem_classes="psb-chat-row"):
                    with gr.Column(scale=3, min_width=300):
                        conversation = gr.HTML(render_conversation([]), elem_id="psb-chat", js_on_load=CHAT_JS, apply_default_css=True)
                        with gr.Row(elem_classes="psb-filter-row", visible=False) as filter_row:
                            filter_note = gr.HTML("", elem_id="psb-filter-note")
                            clear_filters = gr.Button("Clear filters", size="sm", elem_id="psb-clear-filters", scale=0, min_width=120)
                        question = gr.Textbox(label="Your question", placeholder="For example: what does the report recommend on procurement skills?",
                                              lines=1, max_lines=4, elem_id="psb-question")
                        ask_hint = gr.HTML("", elem_id="psb-ask-hint", visible=False)
                        with gr.Row(elem_classes="psb-ask-row"):
                            ask_btn = gr.Button("Ask", variant="primary", elem_id="psb-ask", interactive=False)
                            new_btn = gr.Button("New conversation", variant="secondary", elem_id="psb-new")
                        examples = list(services.settings.example_questions)
                        example_btns = []
                        if examples:
                            with gr.Column(elem_id="psb-examples"):
                                gr.HTML('<h2 class="psb-examples-title">Try asking</h2>')
                                example_btns = [gr.Button(q, size="sm", elem_classes="psb-example") for q in examples]
                    with gr.Column(scale=2, min_width=300):
                        with gr.Accordion("Filter the documents searched", open=False, elem_id="psb-filters"):
                            types = gr.CheckboxGroup(choices=list(DOC_TYPES), label="Document type")
                            filter_docs = gr.Dropdown(choices=[], multiselect=True, label="Documents", info="Leave empty to search all")
                        with gr.Accordion("Rate the latest answer", open=False, elem_id="psb-feedback"):
                            comment = gr.Textbox(label="Comment (optional)", lines=2, max_lines=6)
                            with gr.Row():
                                up_btn = gr.Button("Helpful", size="sm", elem_classes="psb-btn-up")
                                down_btn = gr.Button("Not helpful", size="sm", elem_classes="psb-btn-down")
                        feedback_status = gr.HTML("", elem_id="psb-feedback-status", visible=False)
            with gr.Tab("Documents", id="documents", visible=False) as docs_tab:
                gr.Markdown(f"Add files in any format the index takes ({', '.join(ALLOWED_EXTENSIONS)}), up to {limit} each. "
                            "Re-uploading a changed file with the same name replaces the old version.")
                files = gr.File(label="Choose files", file_count="multiple", file_types=list(ALLOWED_EXTENSIONS), elem_id="psb-files")
                upload_btn = gr.Button("Add to the index", variant="primary", elem_id="psb-upload")
                doc_status = gr.HTML("", elem_id="psb-doc-status", visible=False)
                results = gr.HTML("", elem_id="psb-results")
                gr.Markdown("### Indexed documents")
                docs_table = gr.HTML("", elem_id="psb-docs")
                with gr.Row():
                    refresh_btn = gr.Button("Refresh list", size="sm")
                    reindex_btn = gr.Button("Re-index (repair keyword search)", size="sm")
                with gr.Row(elem_classes="psb-delete-row"):
                    delete_choice = gr.Dropdown(choices=[], label="Document to delete", scale=3, min_width=220)
                    delete_btn = gr.Button("Delete document…", variant="stop", scale=1, min_width=160, elem_id="psb-delete")
                delete_status = gr.HTML("", elem_id="psb-delete-status", visible=False)
                with gr.Group(visible=False, elem_classes="psb-confirm-box") as confirm_box:
                    confirm_msg = gr.HTML("", elem_id="psb-confirm")
                    with gr.Row():
                        confirm_btn = gr.Button("Yes, delete it", variant="stop", elem_id="psb-confirm-delete")
                        cancel_btn = gr.Button("Cancel", variant="secondary", elem_id="psb-cancel-delete")
            # After the staff-only tab: Gradio 6 does not switch to a tab shown by an update when
            # another tab was added before it (clicking "Documents" left the chat showing).
            add_register_tab(services)

        # ------------------------------------------------------------ events
        private = dict(api_visibility="private")
        chat_io = dict(inputs=[question, turns, history, types, filter_docs], outputs=[conversation, turns, history, question, ask_btn, ask_hint])
        ask_opts = dict(concurrency_id="answer", concurrency_limit=4, show_progress="hidden", **private)
        ask_btn.click(respond, **chat_io, **ask_opts)
        question.submit(respond, **chat_io, **ask_opts)
        question.input(on_type, inputs=[question], outputs=[ask_btn, ask_hint], queue=False, show_progress="hidden", **private)
        for btn, text in zip(example_btns, examples):
            btn.click(lambda t=text: t, outputs=[question], queue=False, **private).then(respond, **chat_io, **ask_opts)
        new_btn.click(new_conversation, outputs=[conversation, turns, history, question, ask_btn, ask_hint, feedback_status],
                      show_progress="hidden", **private)
        up_btn.click(rate_up, inputs=[comment, turns], outputs=[conversation, turns, feedback_status, comment], **private)
        down_btn.click(rate_down, inputs=[comment, turns], outputs=[conversation, turns, feedback_status, comment], **private)
        conversation.like(on_rate, inputs=[turns], outputs=[conversation, turns, feedback_status], show_progress="hidden", **private)
        for control in (types, filter_docs):
            control.change(on_filters, inputs=[types, filter_docs], outputs=[filter_note, filter_row], show_progress="hidden", **private)
        clear_filters.click(lambda: ([], []), outputs=[types, filter_docs], **private)

        doc_opts = dict(concurrency_id="documents", concurrency_limit=2, **private)
        upload_btn.click(upload, inputs=[files], outputs=[results, docs_table, delete_choice, filter_docs, doc_status],
                         concurrency_id="ingest", concurrency_limit=1, preprocess=False, **private)
        delete_btn.click(ask_delete, inputs=[delete_choice], outputs=[confirm_box, confirm_msg, pending_delete, delete_status], **doc_opts)
        confirm_btn.click(delete, inputs=[pending_delete], outputs=[docs_table, delete_choice, filter_docs, delete_status, confirm_box, pending_delete],
                          **doc_opts)
        cancel_btn.click(cancel_delete, outputs=[confirm_box, pending_delete, delete_status], **private)
        reindex_btn.click(reindex, outputs=[docs_table, doc_status], concurrency_id="ingest", concurrency_limit=1, **private)
        refresh_btn.click(refresh, outputs=[docs_table, delete_choice, filter_docs], **doc_opts)
        demo.load(on_load, outputs=[docs_tab, user_banner, filter_docs, docs_table, delete_choice], **private)

        gr.api(api_ask, api_name="ask", concurrency_id="answer", concurrency_limit=4)
    return demo

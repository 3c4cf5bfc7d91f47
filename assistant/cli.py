"""The ``psb`` command: thin commands that parse, call one library function, and format."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from assistant.runtime import configure_offline

configure_offline()

from assistant.errors import PSBError  # noqa: E402
from assistant.settings import Settings, load_settings  # noqa: E402
from indexing.manifest import DOC_TYPES  # noqa: E402


def common(f):
    """--data-dir and --json, shared by every command; settings are read once here."""

    @click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Data directory (overrides PSB_DATA_DIR).")
    @click.option("--json", "as_json", is_flag=True, help="Print one JSON document for programs.")
    @functools.wraps(f)
    def wrapper(data_dir: Path | None, as_json: bool, **kwargs):
        from pydantic import ValidationError

        try:
            settings = load_settings(data_dir=data_dir)
        except ValidationError as exc:
            problems = "; ".join(f"PSB_{'_'.join(map(str, e['loc'])).upper() or 'SETTINGS'}: {e['msg']}" for e in exc.errors())
            click.echo(f"Error: invalid settings: {problems}", err=True)
            sys.exit(2)
        try:
            return f(settings=settings, as_json=as_json, **kwargs)
        except PSBError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)

    return wrapper


def _writer(settings: Settings):
    """Services for a command that changes the index, refused if a running server owns the data directory.

    Embedded Chroma keeps its index in the memory of the process that opened it, so writes from a
    second process leave a running `psb serve` answering from a stale index.
    """
    from assistant.services import Services
    from indexing.lock import DataDirServedError, served_by

    if not settings.server_mode and (owner := served_by(settings.data_dir)):
        raise DataDirServedError(settings.data_dir, owner)
    return Services(settings)


def emit(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=None))


class ExtensibleGroup(click.Group):
    """The root group: commands contributed by other packages are loaded on first need.

    Loading lazily (not at import) keeps ``psb ask`` from importing extensions it does not use,
    and lets an extension import this module without a circular import.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._extensions_loaded = False

    def _load_extensions(self) -> None:
        if not self._extensions_loaded:
            self._extensions_loaded = True
            from assistant.cli_recommendations import register as add_recommendations

            add_recommendations(self)  # this package's own command group, loaded the same lazy way
            load_extensions(self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_extensions()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None:
            self._load_extensions()
            command = super().get_command(ctx, name)
        return command


@click.group(cls=ExtensibleGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """PSB Assistant: cited answers from techUK Public Services Board reports."""


# ---------------------------------------------------------------- documents
@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@common
def ingest(paths: tuple[Path, ...], settings: Settings, as_json: bool) -> None:
    """Add files or folders (PDF, DOCX, HTML, Markdown, text) to the index.

    Exit status 0 when every file was indexed or unchanged, 1 when any failed.
    """
    from assistant.progress import ingest_with_progress

    indexer = _writer(settings).indexer
    report = ingest_with_progress(indexer, paths, show=not as_json and sys.stderr.isatty())
    if as_json:
        emit(report.public())
    else:
        for r in report.files:
            detail = f"{r.doc_id} ({r.chunks} chunks)" if r.status in ("added", "updated") else (r.doc_id or r.error)
            click.echo(f"{r.status:9} {r.path}: {detail}")
        click.echo(f"{len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged, {len(report.failed)} failed, {report.chunks} chunks")
    sys.exit(1 if report.failed else 0)


@cli.command()
@common
def docs(settings: Settings, as_json: bool) -> None:
    """List the indexed documents."""
    from assistant.services import Services

    records = Services(settings).store.list_documents()
    if as_json:
        emit([r.public() for r in records])
        return
    if not records:
        click.echo(f"No documents in {settings.data_dir}. Add some with: psb ingest corpus/documents")
    for r in records:
        click.echo(f"{r.doc_id}  {r.type:8} {r.published or '-':10}  {r.chunks:4} chunks  {r.title}  [{r.source}]")


@cli.command()
@click.argument("doc_id")
@common
def remove(doc_id: str, settings: Settings, as_json: bool) -> None:
    """Delete a document and all its chunks from every index."""

    record = _writer(settings).indexer.remove(doc_id)
    if as_json:
        emit({"removed": record.doc_id, "title": record.title, "source": record.source})
    else:
        click.echo(f"removed {record.doc_id}: {record.title}")


@cli.command("rebuild-keyword-index")
@common
def rebuild_keyword_index(settings: Settings, as_json: bool) -> None:
    """Rebuild the keyword (BM25) index from Chroma, the source of truth."""
    from indexing.keyword import rebuild_from_store

    services = _writer(settings)
    count = rebuild_from_store(services.keyword, services.store)
    emit({"documents": count}) if as_json else click.echo(f"keyword index rebuilt from Chroma: {count} documents")


_SECRET_SETTINGS = ("llm_api_key", "users")


@cli.command("settings")
@click.option("--markdown", is_flag=True, help="Print the settings table used in the README.")
@common
def show_settings(markdown: bool, settings: Settings, as_json: bool) -> None:
    """Show every setting (environment variable PSB_*), its current value and what it does."""
    rows = []
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        value = getattr(value, "value", value)
        default = getattr(field.default, "value", field.default)
        value, default = (json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in (value, default))
        if name in _SECRET_SETTINGS and value is not None and value != default:
            value = "********"  # never print an API key or password hashes to a terminal or log
        rows.append({"env": f"PSB_{name.upper()}", "value": None if value is None else str(value),
                     "default": None if default is None else str(default), "description": field.description})
    if as_json:
        emit(rows)
    elif markdown:
        click.echo("| Variable | Default | What it does |\n|---|---|---|")
        for r in rows:
            click.echo(f"| `{r['env']}` | {('`' + r['default'] + '`') if r['default'] is not None else 'unset'} | {r['description']} |")
    else:
        for r in rows:
            click.echo(f"{r['env']:28} = {r['value']}")


# ---------------------------------------------------------------- questions
def answer_options(f):
    @click.option("--type", "types", multiple=True, type=click.Choice(DOC_TYPES), help="Only documents of this type (repeatable).")
    @click.option("--doc", "doc_ids", multiple=True, help="Only this document id (repeatable).")
    @click.option("--since", "date_from", default=None, help="Only documents published on or after YYYY-MM-DD.")
    @click.option("--until", "date_to", default=None, help="Only documents published on or before YYYY-MM-DD.")
    @click.option("--k", "k", type=click.IntRange(1, 50), default=None, help="Passages to answer from (default PSB_TOP_K).")
    @functools.wraps(f)
    def wrapper(types, doc_ids, date_from, date_to, **kwargs):
        from assistant.retrieval import Filters

        try:
            filters = Filters(types=list(types), doc_ids=list(doc_ids), date_from=date_from, date_to=date_to)
            filters.chroma_where()
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        return f(filters=filters, **kwargs)

    return wrapper


def _open_assistant(settings: Settings):
    from assistant.services import Services, require_index

    services = Services(settings)
    require_index(services)
    return services.assistant


def format_answer(answer) -> str:
    """The answer's Markdown followed by its details, as plain text (for pipes and files)."""
    return "\n".join([answer.answer, *answer_details(answer)])


def print_answer(answer, console=None) -> None:
    """On a terminal the Markdown is rendered (bullets, bold years, quotes) by rich; piped, it is printed as is."""
    if console is None and not sys.stdout.isatty():
        click.echo(format_answer(answer))
        return
    from rich.console import Console
    from rich.markdown import Markdown

    console = console or Console()
    console.print(Markdown(answer.answer))
    console.print("\n".join(answer_details(answer)), markup=False, highlight=False)


def answer_details(answer) -> list[str]:
    """How the question was read, what is missing, notes and numbered sources."""
    lines: list[str] = []
    if answer.standalone_question and answer.standalone_question != answer.question:
        lines += ["", f"Interpreted as: {answer.standalone_question}"]
    if answer.missing:
        lines += ["", "Not covered by the documents: " + "; ".join(answer.missing)]
    if answer.note:
        lines += ["", f"Note: {answer.note}"]
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            where = ", ".join(x for x in (c.section, c.pages) if x)
            lines.append(f"[{c.n}] {c.title}{' — ' + where if where else ''} ({c.source})")
            lines.append(f'    "{c.quote}"')
    return lines


@cli.command()
@click.argument("question", required=False)
@click.option("--batch", type=click.File("r"), default=None, help="File of questions, one per line ('-' for stdin); one JSON line out per question.")
@click.option("--no-server", is_flag=True, help="Answer in this process even when a psb serve is running on the data directory.")
@answer_options
@common
def ask(question: str | None, batch, no_server: bool, filters, k, settings: Settings, as_json: bool) -> None:
    """Answer a question from the indexed documents, with citations.

    When a psb serve runs on the same data directory, the question goes to it (already loaded,
    so much faster); otherwise, or if it cannot answer, it is answered in this process.
    """
    if (question is None) == (batch is None):
        raise click.UsageError("give a QUESTION or --batch FILE, not both")
    if question is not None and not no_server:
        from assistant.remote import ask_running_server

        answer = ask_running_server(settings.data_dir, question, filters, k)
        if answer is not None:
            emit(answer.public()) if as_json else click.echo(format_answer(answer))
            return
    assistant = _open_assistant(settings)
    if batch is not None:
        for line in batch:
            if line.strip():
                click.echo(json.dumps(assistant.ask(line.strip(), filters=filters, k=k).public(), ensure_ascii=False))
        return
    answer = assistant.ask(question, filters=filters, k=k)
    emit(answer.public()) if as_json else print_answer(answer)


@cli.command()
@answer_options
@common
def chat(filters, k, settings: Settings, as_json: bool) -> None:
    """An interactive conversation in the terminal; follow-ups use what was said.

    Arrow keys edit the line and recall earlier questions (kept in DATA_DIR/chat_history).
    Commands: /new, /sources, /help, /quit (or Ctrl-D).
    """
    from rich.console import Console

    from assistant.terminal_chat import is_terminal, line_reader, run_chat

    assistant = _open_assistant(settings)
    interactive = is_terminal()
    read = line_reader(settings.data_dir / "chat_history", interactive)
    console = Console(soft_wrap=False) if interactive else Console(width=100, soft_wrap=False)
    run_chat(lambda q, history: assistant.ask(q, history=history, filters=filters, k=k), read, console, as_json)


# ---------------------------------------------------------------- serving
@cli.command()
@click.option("--host", default=None, help="Address to listen on (default PSB_UI_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port to listen on (default PSB_UI_PORT, 7860).")
@common
def serve(host: str | None, port: int | None, settings: Settings, as_json: bool) -> None:
    """Serve the chat UI, the staff documents tab and the REST API."""
    from assistant.server import serve as run_server

    run_server(settings, host or settings.ui_host, port or settings.ui_port)


# ---------------------------------------------------------------- accounts
@cli.group()
def users() -> None:
    """UI and API accounts (PSB_USERS / PSB_USERS_FILE)."""


@users.command("hash-password")
@click.option("--name", default=None, help="Account name: print a ready 'name:role:hash' entry for PSB_USERS.")
@click.option("--role", type=click.Choice(["reader", "staff"]), default="reader", show_default=True, help="Role for the printed entry.")
@click.password_option("--password", prompt="Password", help="Read from a prompt when omitted (never echoed).")
def users_hash_password(name: str | None, role: str, password: str) -> None:
    """Print a bcrypt hash of a password (only hashes are ever stored)."""
    from assistant.auth import hash_password

    try:
        hashed = hash_password(password)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"{name}:{role}:{hashed}" if name else hashed)


# ---------------------------------------------------------------- extensions
COMMANDS_ENTRY_POINT = "psb.commands"


def load_extensions(group: click.Group) -> None:
    """Let other packages add commands: each ``psb.commands`` entry point is ``register(group)``.

    This is how ``evals`` contributes ``psb eval`` without the core CLI importing the layer above
    it (the way simonw/llm's plugins add commands). A broken extension is reported, not fatal.
    """
    from importlib.metadata import entry_points

    for ep in entry_points(group=COMMANDS_ENTRY_POINT):
        try:
            ep.load()(group)
        except Exception as exc:  # one bad extension must not take the whole CLI down
            click.echo(f"Warning: the psb extension {ep.name!r} ({ep.value}) could not load: {exc}", err=True)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()

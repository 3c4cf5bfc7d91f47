"""`psb recommendations`: list the register (text, --json or --csv) and rebuild it from Chroma."""

from __future__ import annotations

import click

from assistant.cli import common, emit
from assistant.settings import Settings


@click.group(invoke_without_command=True)
@click.option("--theme", help="Only this theme (see `psb settings` for the list; 'other' for the rest).")
@click.option("--doc", "doc", help="Only recommendations stated in this document (doc id or file name).")
@click.option("--owner", help="Only recommendations whose owner contains these words, e.g. GDS.")
@click.option("--since", help="Only recommendations published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only recommendations published on or before this date (YYYY-MM-DD).")
@click.option("--search", help="Only recommendations containing all these words.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (one row per recommendation).")
@common
@click.pass_context
def recommendations(ctx: click.Context, theme, doc, owner, since, until, search, as_csv: bool, settings: Settings, as_json: bool) -> None:
    """List the recommendations register: one entry per recommendation, with its sources."""
    if ctx.invoked_subcommand:
        return
    from assistant.register import RegisterFilters, find_entries, to_csv
    from assistant.services import Services

    filters = RegisterFilters(theme=theme, doc=doc, owner=owner, since=since, until=until, search=search)
    services = Services(settings)
    entries = find_entries(services.register, services.store, filters)
    if as_json:
        emit({"count": len(entries), "recommendations": [e.public() for e in entries]})
    elif as_csv:
        click.echo(to_csv(entries), nl=False)
    elif not entries:
        click.echo("no recommendations match (run `psb recommendations` without filters to see them all)")
    else:
        for e in entries:
            label = e.ref or "-"
            click.echo(f"{label:>4}  {e.title or e.text[:80]}  [{e.theme}]")
            if e.owner or e.timescale:
                click.echo(f"      owner: {e.owner or '-'}; when: {e.timescale or '-'}")
            where = "; ".join(f"{s.source}" + (f" p.{s.page}" if s.page else "") for s in e.sources)
            click.echo(f"      in: {where}")
        click.echo(f"{len(entries)} recommendations")


@recommendations.command("rebuild")
@common
def rebuild(settings: Settings, as_json: bool) -> None:
    """Rebuild the register from Chroma, the source of truth (after changing themes or upgrading)."""
    from assistant.cli import _writer
    from indexing.rec_register import rebuild_from_store

    services = _writer(settings)  # refused while a server owns the data directory
    with services.indexer.lock.hold("rebuild recommendations"):
        count = rebuild_from_store(services.register, services.store)
    records = len(services.register.records())
    emit({"documents": count, "records": records}) if as_json else click.echo(
        f"recommendations register rebuilt from Chroma: {records} recommendations in {count} documents")


def register(root: click.Group) -> None:
    """Add ``psb recommendations`` to the root group (called when the root loads its extensions)."""
    root.add_command(recommendations)

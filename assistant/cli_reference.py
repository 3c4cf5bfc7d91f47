"""Write docs/cli.md from the `psb` commands' own --help, so the reference cannot drift.

Usage: python -m assistant.cli_reference > docs/cli.md   (a test checks the file is current)
"""

from __future__ import annotations

import click

from assistant.cli import cli


def reference() -> str:
    lines = ["# `psb` command reference", "", "Generated from `--help` by `python -m assistant.cli_reference`; do not edit by hand.", ""]

    def walk(command: click.Command, path: list[str]) -> None:
        ctx = click.Context(command, info_name=" ".join(path), terminal_width=100, max_content_width=100,
                            help_option_names=["-h", "--help"])
        lines.extend([f"## `{' '.join(path)}`", "", "```", command.get_help(ctx).rstrip(), "```", ""])
        if isinstance(command, click.Group):
            for name in sorted(command.list_commands(ctx)):
                walk(command.get_command(ctx, name), [*path, name])

    walk(cli, ["psb"])
    return "\n".join(lines)


if __name__ == "__main__":
    print(reference())

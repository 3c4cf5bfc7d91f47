"""`psb chat`: a terminal conversation with line editing, history and wrapped Markdown answers.

Why its own module: the loop (read a line, run a command or ask, print) is testable with plain
streams, while a real terminal gets prompt_toolkit's editing (arrows, Ctrl-R search, history kept
in a file between sessions) and rich's word-wrapped Markdown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markdown import Markdown

HELP = "Commands: /new starts over, /sources shows the last answer's passages, /help, /quit (or Ctrl-D)."
GOODBYE = "Conversation ended. Run `psb chat` to start a new one."


def line_reader(history_file: Path | None, interactive: bool, **session_options: Any) -> Callable[[str], str]:
    """prompt_toolkit with persistent history in a terminal; plain ``input`` otherwise (pipes).

    ``session_options`` go to ``PromptSession`` (tests pass a pipe ``input`` and a dummy ``output``).
    """
    if not interactive:
        return input
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    history = InMemoryHistory()
    if history_file is not None:
        try:
            history_file.parent.mkdir(parents=True, exist_ok=True)
            history = FileHistory(str(history_file))
        except OSError:
            pass  # an unwritable data directory only costs the saved history
    session: Any = PromptSession(history=history, **session_options)
    return lambda prompt: session.prompt(prompt)


def sources_markdown(answer) -> str:
    """The cited passages of one answer, numbered like the answer's [n]."""
    if not answer.citations:
        return "_This answer cites no passage._"
    lines = []
    for c in answer.citations:
        where = ", ".join(x for x in (c.section, c.pages, c.source) if x)
        lines.append(f"**[{c.n}] {c.title}** ({where})\n\n> {c.quote}\n")
    return "\n".join(lines)


def answer_markdown(answer) -> str:
    """The answer with its note and a short source list, as Markdown for rich."""
    parts = [answer.answer]
    if getattr(answer, "standalone_question", "") and answer.standalone_question.strip() != answer.question.strip():
        parts.insert(0, f"_Interpreted as: {answer.standalone_question}_\n")
    if answer.note:
        parts.append(f"\n_Note: {answer.note}_")
    if answer.citations:
        parts.append("\n**Sources:** " + "; ".join(f"[{c.n}] {c.title}" + (f", {c.pages}" if c.page else "") for c in answer.citations)
                     + "  \n_Type /sources to read the passages._")
    return "\n".join(parts)


def run_chat(ask: Callable[..., Any], read: Callable[[str], str], console: Console, as_json: bool = False) -> None:
    """The loop: commands start with '/', anything else is a question; always ends with a message."""
    history: list[dict] = []
    last = None
    console.print(f"Ask about the PSB documents. {HELP}")
    while True:
        try:
            line = read("> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not line:
            console.print("Type a question, or /help for commands.")
            continue
        command = line.lower()
        if command in ("/quit", "/exit", "/q"):
            break
        if command == "/help":
            console.print(HELP)
            continue
        if command == "/new":
            history, last = [], None
            console.print("Started a new conversation.")
            continue
        if command == "/sources":
            console.print(Markdown(sources_markdown(last)) if last else "Ask a question first.")
            continue
        if command.startswith("/"):
            console.print(f"Unknown command {line}. {HELP}")
            continue
        last = ask(line, history=history)
        if as_json:
            import json

            console.file.write(json.dumps(last.public(), ensure_ascii=False) + "\n")  # one line per answer, for programs
        else:
            console.print(Markdown(answer_markdown(last)))
            console.print()
        history += [{"role": "user", "content": line}, last.as_turn()]
    console.print(GOODBYE)


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()

"""The psb command's documented interface, through click's runner."""

import json

import pytest

from assistant.errors import ConfigError
from click.testing import CliRunner

from assistant.cli import cli
from tests.fixtures.make_fixtures import bad_files, good_files


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


def test_ingest_docs_remove_json(run, tmp_path):
    data = tmp_path / "data"
    good = good_files(tmp_path / "good")
    bad = bad_files(tmp_path / "bad")
    result = run("ingest", good["markdown"], good["html"], bad["encrypted_pdf"], "--data-dir", data, "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"added", "updated", "unchanged", "failed", "chunks"}
    assert len(report["added"]) == 2 and report["chunks"] >= 2
    assert report["failed"][0]["path"] == str(bad["encrypted_pdf"]) and "encrypted" in report["failed"][0]["error"]

    again = run("ingest", good["markdown"], "--data-dir", data, "--json")
    assert again.exit_code == 0 and len(json.loads(again.stdout)["unchanged"]) == 1

    listed = json.loads(run("docs", "--data-dir", data, "--json").stdout)
    assert {d["source"] for d in listed} == {"accessibility-note.md", "cloud-guidance.html"}
    assert set(listed[0]) == {"doc_id", "title", "source", "type", "published", "chunks", "sha256", "ingested_at"}

    doc_id = listed[0]["doc_id"]
    removed = run("remove", doc_id, "--data-dir", data, "--json")
    assert removed.exit_code == 0 and json.loads(removed.stdout)["removed"] == doc_id
    assert len(json.loads(run("docs", "--data-dir", data, "--json").stdout)) == 1

    missing = run("remove", doc_id, "--data-dir", data)
    assert missing.exit_code == 1 and "psb docs" in missing.stderr


def test_usage_errors_exit_2(run, tmp_path):
    assert run("ingest").exit_code == 2
    assert run("ask", "--data-dir", tmp_path).exit_code == 2
    assert run("ask", "q", "--since", "last week", "--data-dir", tmp_path).exit_code == 2


def test_ask_on_an_empty_index_says_what_to_do(run, tmp_path):
    result = run("ask", "anything", "--data-dir", tmp_path / "empty")
    assert result.exit_code == 1 and "psb ingest" in result.stderr


def test_rebuild_keyword_index_from_chroma(run, corpus_copy):
    import sqlite3

    with sqlite3.connect(corpus_copy / "keyword.sqlite") as conn:
        conn.execute("DELETE FROM passages")
    result = run("rebuild-keyword-index", "--data-dir", corpus_copy, "--json")
    assert json.loads(result.stdout) == {"documents": 9}
    with sqlite3.connect(corpus_copy / "keyword.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM passages").fetchone()[0] > 100


def test_rebuild_keyword_index_uses_the_configured_analyser(run, corpus_copy, monkeypatch):
    import sqlite3

    monkeypatch.setenv("PSB_KEYWORD_STEMMING", "false")
    result = run("rebuild-keyword-index", "--data-dir", corpus_copy, "--json")
    assert json.loads(result.stdout) == {"documents": 9}
    with sqlite3.connect(corpus_copy / "keyword.sqlite") as conn:
        analyser = json.loads(conn.execute("SELECT value FROM meta WHERE key = 'analyser'").fetchone()[0])
        assert analyser["stem"] is False
        assert conn.execute("SELECT count(*) FROM postings WHERE term = 'recommendations'").fetchone()[0] > 0


def test_settings_do_not_print_secrets(run, monkeypatch):
    monkeypatch.setenv("PSB_LLM_API_KEY", "sk-very-secret")
    monkeypatch.setenv("PSB_USERS", "alice:staff:$2b$12$abcdefghijklmnopqrstuvwxyz")
    result = run("settings", "--json")
    rows = {r["env"]: r for r in json.loads(result.stdout)}
    assert "sk-very-secret" not in result.stdout and "$2b$12$" not in result.stdout
    assert rows["PSB_LLM_API_KEY"]["value"] == rows["PSB_USERS"]["value"] == "********"
    assert "sk-very-secret" not in run("settings").stdout


def test_ask_batch_and_json_interface(corpus_data_dir, tmp_path, monkeypatch):
    runner = CliRunner()
    questions = tmp_path / "q.txt"
    questions.write_text("How many completed responses did the survey get?\n\nWhat is the capital of France?\n")
    result = runner.invoke(cli, ["ask", "--batch", str(questions), "--data-dir", str(corpus_data_dir)], catch_exceptions=False)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["refused"] for a in lines] == [False, True]
    first = lines[0]
    assert {"answer", "refused", "citations", "timings_ms", "missing", "standalone_question"} <= set(first)
    assert set(first["citations"][0]) >= {"n", "doc_id", "title", "source", "page", "section", "quote"}
    stdin = runner.invoke(cli, ["ask", "--batch", "-", "--data-dir", str(corpus_data_dir)], input="When did fieldwork start?\n")
    assert stdin.exit_code == 0 and "July" in json.loads(stdin.stdout)["answer"]


def test_chat_keeps_the_conversation(corpus_data_dir):
    result = CliRunner().invoke(
        cli, ["chat", "--json", "--data-dir", str(corpus_data_dir)],
        input="What does the report say about the internal culture of departments?\nAnd what did it recommend about that?\n\n",
    )
    assert result.exit_code == 0, result.output
    answers = [json.loads(line[line.index("{"):]) for line in result.stdout.splitlines() if "{" in line]
    assert len(answers) == 2
    assert "follow-up" in answers[1]["standalone_question"] and answers[1]["citations"]


def test_ollama_backend_is_built_from_settings():
    """Ollama cannot run here; this checks the settings reach the client (the OpenAI path runs for real in test_llm)."""
    from langchain_ollama import ChatOllama

    from assistant.llm import make_chat_model
    from assistant.settings import Settings

    model = make_chat_model(Settings(llm_backend="ollama", llm_model="llama3.2", llm_base_url="http://127.0.0.1:11434", llm_max_tokens=99, _env_file=None))
    assert isinstance(model, ChatOllama) and model.model == "llama3.2" and model.num_predict == 99
    assert make_chat_model(Settings(_env_file=None)) is None
    with pytest.raises(ConfigError, match="PSB_LLM_MODEL"):
        make_chat_model(Settings(llm_backend="openai", _env_file=None))


def test_bad_settings_are_a_clean_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("PSB_CHUNK_TOKENS", "64")
    monkeypatch.setenv("PSB_CHUNK_OVERLAP_TOKENS", "40")
    result = CliRunner().invoke(cli, ["docs", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "PSB_CHUNK_OVERLAP_TOKENS" in result.stderr and "Traceback" not in result.output
    monkeypatch.setenv("PSB_CHUNK_OVERLAP_TOKENS", "8")
    monkeypatch.setenv("PSB_TOP_K", "many")
    result = CliRunner().invoke(cli, ["docs", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "PSB_TOP_K" in result.stderr


def test_empty_question_is_a_clean_error(corpus_data_dir):
    result = CliRunner().invoke(cli, ["ask", "  ", "--data-dir", str(corpus_data_dir)])
    assert result.exit_code == 1 and "question is empty" in result.stderr


def test_ask_json_names_what_is_missing_and_text_output_says_it(corpus_data_dir):
    runner = CliRunner()
    result = runner.invoke(cli, ["ask", "What did the 2018 PSB survey find about data sharing?", "--data-dir", str(corpus_data_dir), "--json"])
    answer = json.loads(result.stdout)
    assert answer["refused"] is True and answer["missing"] == ["2018"]
    text = runner.invoke(cli, ["ask", "What did the 2018 PSB survey find about data sharing?", "--data-dir", str(corpus_data_dir)])
    assert "Not covered by the documents: 2018" in text.stdout and "Closest evidence" in text.stdout


def test_answers_are_rendered_as_markdown_on_a_terminal():
    import io

    from rich.console import Console

    from assistant.answer import Answer
    from assistant.cli import print_answer

    out = io.StringIO()
    answer = Answer(answer="**2019:** Gaps rose [1].\n\n- Cyber security (gap): 35% [1]", question="And in 2019?",
                    standalone_question="What gaps were reported in 2019?")
    print_answer(answer, Console(file=out, force_terminal=False, width=80))
    shown = out.getvalue()
    assert "**" not in shown and "2019: Gaps rose [1]." in shown and "• Cyber security (gap): 35% [1]" in shown
    assert "Interpreted as: What gaps were reported in 2019?" in shown


def test_chat_commands_and_exit_message(corpus_data_dir):
    """An empty line does not quit; /sources, /new and /quit work; the session says it ended."""
    result = CliRunner().invoke(
        cli, ["chat", "--data-dir", str(corpus_data_dir)],
        input="\n/sources\nWhen did fieldwork start?\n/sources\n/new\n/bogus\n/quit\nnever asked\n",
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Type a question, or /help for commands." in out
    assert out.index("Ask a question first.") < out.index("July")
    answer, passages = out.split("Type /sources to read the passages.", 1)
    assert "Sources: [1]" in answer and "[1]" in passages and "Fieldwork" in passages.split("Started a new")[0]
    assert "Started a new conversation." in out and "Unknown command /bogus" in out
    assert out.rstrip().endswith("Conversation ended. Run `psb chat` to start a new one.")
    assert "never asked" not in out


def test_chat_line_editing_recalls_history(tmp_path):
    """The terminal reader is prompt_toolkit: Up recalls the previous question, which is saved to a file."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from assistant.terminal_chat import line_reader

    history = tmp_path / "chat_history"
    with create_pipe_input() as pipe:
        read = line_reader(history, True, input=pipe, output=DummyOutput())
        pipe.send_text("first question\r")
        assert read("> ") == "first question"
        pipe.send_text("\x1b[A" + "\x1b[D" * 8 + "new \r")  # Up, then edit in the middle
        assert read("> ") == "first new question"
    assert "first question" in history.read_text()

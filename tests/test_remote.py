"""`psb ask` hands the question to a `psb serve` running on the same data directory."""

from __future__ import annotations

import json
import os
import shutil

from click.testing import CliRunner

from assistant.cli import cli
from assistant.remote import SERVER_FILE, announce, running_server
from assistant.server import ServerThread, create_app, free_port
from assistant.services import Services
from assistant.settings import Settings


def test_announce_writes_and_removes_the_server_file(tmp_path):
    with announce(tmp_path, "0.0.0.0", 8123) as path:
        assert json.loads(path.read_text()) == {"url": "http://127.0.0.1:8123", "pid": os.getpid()}
        assert running_server(tmp_path) == "http://127.0.0.1:8123"
    assert not (tmp_path / SERVER_FILE).exists() and running_server(tmp_path) is None


def test_a_stale_server_file_is_ignored(tmp_path):
    (tmp_path / SERVER_FILE).write_text(json.dumps({"url": "http://127.0.0.1:1", "pid": 2**22 + 12345}))
    assert running_server(tmp_path) is None
    (tmp_path / SERVER_FILE).write_text("not json")
    assert running_server(tmp_path) is None


def test_ask_goes_to_the_running_server_and_falls_back_when_told_not_to(corpus_data_dir, embedder, tmp_path):
    served = tmp_path / "served"
    shutil.copytree(corpus_data_dir, served)
    settings = Settings(data_dir=served, _env_file=None)
    port = free_port()
    # The CLI's own data directory holds only the server file: answering locally would find no index.
    local = tmp_path / "cli-data"
    with ServerThread(create_app(settings, Services(settings, shared_embedder=embedder)), port), announce(local, "127.0.0.1", port):
        question = ["ask", "How many completed responses did the survey get?", "--data-dir", str(local), "--json"]
        result = CliRunner().invoke(cli, question)
        assert result.exit_code == 0, result.output
        answer = json.loads(result.stdout)
        assert answer["citations"] and not answer["refused"]
        alone = CliRunner().invoke(cli, [*question, "--no-server"])
        assert alone.exit_code == 1 and "psb ingest" in alone.stderr

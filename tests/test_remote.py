"""`psb ask` hands the question to a `psb serve` running on the same data directory."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from assistant.cli import cli
from assistant.remote import running_server
from assistant.server import create_app
from tests.serving import ServerThread, free_port
from assistant.services import Services
from assistant.settings import Settings
from indexing.lock import ServeClaim


def test_the_claim_names_a_reachable_url_and_a_released_one_names_none(tmp_path):
    claim = ServeClaim(tmp_path)
    claim.acquire("http://0.0.0.0:8123/")
    try:
        assert running_server(tmp_path) == "http://127.0.0.1:8123"
    finally:
        claim.release()
    assert running_server(tmp_path) is None
    assert running_server(tmp_path / "nothing-here") is None


def test_ask_goes_to_the_running_server_and_falls_back_when_told_not_to(corpus_data_dir, embedder, tmp_path):
    served = tmp_path / "served"
    shutil.copytree(corpus_data_dir, served)
    settings = Settings(data_dir=served, _env_file=None)
    port = free_port()
    # The CLI's own data directory holds only the server's claim: answering locally would find no index.
    local = tmp_path / "cli-data"
    claim = ServeClaim(local)
    with ServerThread(create_app(settings, Services(settings, shared_embedder=embedder)), port):
        claim.acquire(f"http://127.0.0.1:{port}/")
        try:
            question = ["ask", "How many completed responses did the survey get?", "--data-dir", str(local), "--json"]
            result = CliRunner().invoke(cli, question)
            assert result.exit_code == 0, result.output
            answer = json.loads(result.stdout)
            assert answer["citations"] and not answer["refused"]
            alone = CliRunner().invoke(cli, [*question, "--no-server"])
            assert alone.exit_code == 1 and "psb ingest" in alone.stderr
        finally:
            claim.release()

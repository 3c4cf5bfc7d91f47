"""Probes, and a real `chroma run` killed mid-session: JSON errors that say what to do, then recovery."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.server import create_app
from tests.conftest import CORPUS_DOCUMENTS
from tests.serving import ServerThread, free_port
from assistant.settings import Settings
from tests.fixtures.make_fixtures import good_files

QUESTION = "What share of the framework's spend did small suppliers win?"


def test_probes_on_an_embedded_index(corpus_copy, make_services):
    settings = Settings(data_dir=corpus_copy, _env_file=None)
    with ServerThread(create_app(settings, make_services(settings)), free_port()) as url:
        assert httpx.get(f"{url}/healthz").json() == {"status": "ok"}
        deadline = time.monotonic() + 60
        while (response := httpx.get(f"{url}/readyz")).status_code == 503 and time.monotonic() < deadline:
            assert response.json()["status"] == "warming"  # the index's words and titles are being read
            time.sleep(0.1)
        ready = response.json()
        assert ready["status"] == "ready" and ready["documents"] == CORPUS_DOCUMENTS


class ChromaProcess:
    """A private `chroma run` this test may kill and restart (the shared one must stay up)."""

    def __init__(self, path: Path) -> None:
        self.path, self.port = path, free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
        if chroma is None:
            pytest.skip("the chroma command is not installed in this environment")
        self.proc = subprocess.Popen([chroma, "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        raise AssertionError("chroma run did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()


def test_chroma_killed_mid_session(tmp_path, make_services):
    chroma = ChromaProcess(tmp_path / "chroma")
    chroma.start()
    try:
        settings = Settings(data_dir=tmp_path / "app", chroma_host="127.0.0.1", chroma_port=chroma.port, _env_file=None)
        services = make_services(settings)
        docs = good_files(tmp_path / "docs")
        assert services.indexer.ingest([docs["text"], docs["markdown"]]).failed == []
        with ServerThread(create_app(settings, services), free_port()) as url, httpx.Client(base_url=url, timeout=120) as client:
            assert "23%" in client.post("/api/ask", json={"question": QUESTION}).json()["answer"]

            chroma.kill()
            for response in (client.post("/api/ask", json={"question": QUESTION}), client.get("/api/documents")):
                assert response.status_code == 503
                assert response.headers["content-type"] == "application/json"
                detail = response.json()["detail"]
                assert "document index is unavailable" in detail and "chroma run" in detail
            ready = client.get("/readyz")
            assert ready.status_code == 503 and "document index is unavailable" in ready.json()["detail"]
            assert client.get("/healthz").status_code == 200

            from gradio_client import Client

            with pytest.raises(Exception, match="document index is unavailable"):  # the chat's own API shows the same text
                Client(f"{url}/", verbose=False).predict(QUESTION, api_name="/ask")

            chroma.start()  # same port, same files: the app reconnects without a restart
            assert client.get("/readyz").json()["documents"] == 2
            answer = client.post("/api/ask", json={"question": QUESTION}).json()
            assert "23%" in answer["answer"], "documents ready before the outage are answerable after it"
    finally:
        chroma.kill()

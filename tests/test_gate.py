"""Bounded answering: a fixed number run, a fixed number wait, the rest hear "busy" at once."""

import threading

import httpx
import pytest

from assistant.gate import AnswerGate, BusyError
from assistant.server import create_app
from tests.serving import ServerThread, free_port
from assistant.settings import Settings


def test_arguments_are_checked():
    with pytest.raises(ValueError):
        AnswerGate(0, 1)
    with pytest.raises(ValueError):
        AnswerGate(1, -1)


def test_one_runs_one_waits_the_third_is_refused():
    gate = AnswerGate(running=1, waiting=1, wait_s=30)
    inside, release, waited = threading.Event(), threading.Event(), threading.Event()

    def first():
        with gate.slot():
            inside.set()
            release.wait(30)

    def second():
        with gate.slot():
            waited.set()

    a, b = threading.Thread(target=first), threading.Thread(target=second)
    a.start()
    inside.wait(30)
    b.start()
    while gate._queued < 2:  # the second caller is queued behind the first
        threading.Event().wait(0.01)
    with pytest.raises(BusyError, match="1 questions are being answered and 1 are waiting"):
        with gate.slot():
            pass
    assert not waited.is_set()
    release.set()
    a.join(30), b.join(30)
    assert waited.is_set() and gate.refused == 1
    with gate.slot():  # everything released
        pass


def test_the_api_answers_busy_as_json_past_the_queue(corpus_copy, make_services):
    settings = Settings(data_dir=corpus_copy, answer_concurrency=1, answer_queue=0, _env_file=None)
    services = make_services(settings)
    with ServerThread(create_app(settings, services), free_port()) as url:
        question = {"question": "How many civil servants took part in the survey?"}
        with services.answer_gate.slot():  # the only slot is taken
            busy = httpx.post(f"{url}/api/ask", json=question, timeout=60)
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
        assert "busy" in busy.json()["detail"]
        assert httpx.post(f"{url}/api/ask", json=question, timeout=120).json()["citations"]

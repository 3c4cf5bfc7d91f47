"""A real server (uvicorn in a thread, real Chroma and model) driven over HTTP: REST API and gradio_client."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from assistant.auth import hash_password
from assistant.server import create_app
from tests.serving import ServerThread, free_port
from assistant.services import Services
from assistant.settings import Settings

READER = ("rita", "reader-secret")
STAFF = ("sam", "staff-secret")

NEW_DOC = """# Harbourside Digital Pilot

## Results

The Harbourside digital pilot trained 37 procurement officers in agile contracting during 2018.
Officers in the Harbourside pilot reported that outcome-based requirements halved the time to award a contract.
"""


@pytest.fixture(scope="module")
def server(corpus_data_dir, embedder, tmp_path_factory):
    """One server per module over a private copy of the indexed corpus, with a reader and a staff account."""
    data = tmp_path_factory.mktemp("api") / "data"
    shutil.copytree(corpus_data_dir, data)
    users = f"{READER[0]}:reader:{hash_password(READER[1], rounds=4)},{STAFF[0]}:staff:{hash_password(STAFF[1], rounds=4)}"
    settings = Settings(data_dir=data, users=users, max_file_mb=1, _env_file=None)
    services = Services(settings, shared_embedder=embedder)
    with ServerThread(create_app(settings, services), free_port()) as url:
        yield url, data


@pytest.fixture
def client(server):
    url, _ = server
    with httpx.Client(base_url=url, timeout=120) as c:
        yield c


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/ask", "/api/documents", "/api/documents/{doc_id}"} <= set(paths)
    assert {"get", "post"} <= set(paths["/api/documents"])
    assert "delete" in paths["/api/documents/{doc_id}"]


def test_api_needs_sign_in(client):
    assert client.get("/api/documents").status_code == 401
    r = client.get("/api/documents", auth=(READER[0], "wrong"))
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Basic"
    assert client.get("/api/documents", auth=("nobody", "x")).status_code == 401


def test_ask_over_rest_gives_a_cited_answer(client):
    r = client.post("/api/ask", auth=READER, json={"question": "What does the report recommend on procurement skills?"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert not body["refused"]
    assert "[1]" in body["answer"]
    assert body["citations"] and body["citations"][0]["quote"]
    assert "procurement" in body["answer"].lower() or "buy technology" in body["answer"].lower()


def test_recommendations_register_over_rest(client):
    assert "/api/recommendations" in client.get("/openapi.json").json()["paths"]
    assert client.get("/api/recommendations").status_code == 401
    body = client.get("/api/recommendations", auth=READER, params={"theme": "data sharing", "owner": "Cabinet Office"}).json()
    assert body["count"] == len(body["recommendations"]) >= 1
    assert all(e["theme"] == "data sharing" and "cabinet office" in e["owner"].lower() for e in body["recommendations"])
    r5 = next(e for e in body["recommendations"] if e["ref"] == "R5")
    assert {s["source"] for s in r5["sources"]} >= {"smarter-services-report.pdf", "psb-recommendations-summary.docx"}
    csv_text = client.get("/api/recommendations", auth=READER, params={"format": "csv"})
    assert csv_text.headers["content-type"].startswith("text/csv") and csv_text.text.startswith("ref,title,text,owner")
    assert client.get("/api/recommendations", auth=READER, params={"since": "yesterday"}).status_code == 422


def test_ask_rejects_bad_filters(client):
    r = client.post("/api/ask", auth=READER, json={"question": "skills", "types": ["novel"]})
    assert r.status_code == 422 and "unknown document type" in r.json()["detail"]


def test_gradio_client_ask_returns_the_answer_dict(server):
    from gradio_client import Client

    url, _ = server
    gc = Client(url + "/", auth=READER, verbose=False)
    assert "/ask" in gc.view_api(print_info=False, return_format="dict")["named_endpoints"]
    result = gc.predict(question="What does the report recommend on procurement skills?", api_name="/ask")
    assert isinstance(result, dict)
    assert result["citations"] and "[1]" in result["answer"]
    assert {"doc_id", "title", "quote"} <= set(result["citations"][0])


def test_staff_upload_is_listed_and_answerable(client, server):
    from gradio_client import Client

    r = client.post("/api/documents", auth=STAFF, files=[("files", ("../../harbourside pilot.md", NEW_DOC.encode(), "text/markdown"))])
    assert r.status_code == 200, r.text
    [result] = r.json()["results"]
    assert result["status"] == "added" and result["chunks"] > 0
    assert result["file"] == "harbourside pilot.md"  # the name was reduced to a safe basename
    doc_id = result["doc_id"]

    listed = {d["doc_id"]: d for d in client.get("/api/documents", auth=READER).json()}
    assert listed[doc_id]["source"] == "harbourside pilot.md"

    answer = client.post("/api/ask", auth=READER, json={"question": "How many procurement officers did the Harbourside pilot train?"}).json()
    assert any(c["doc_id"] == doc_id for c in answer["citations"]), answer
    assert "37" in answer["answer"]

    url, data = server
    via_gradio = Client(url + "/", auth=READER, verbose=False).predict(
        question="Harbourside pilot procurement officers", doc_ids=[doc_id], api_name="/ask")
    assert {c["doc_id"] for c in via_gradio["citations"]} == {doc_id}
    assert not list((data / "uploads").glob("*/*")), "upload temp folders are removed after indexing"
    assert not (data.parent / "harbourside pilot.md").exists()


def test_reader_cannot_upload_or_delete(client):
    r = client.post("/api/documents", auth=READER, files=[("files", ("note.md", b"# Note\n\nSome text here.", "text/markdown"))])
    assert r.status_code == 403 and "staff" in r.json()["detail"]
    doc_id = client.get("/api/documents", auth=READER).json()[0]["doc_id"]
    assert client.delete(f"/api/documents/{doc_id}", auth=READER).status_code == 403
    assert client.delete(f"/api/documents/{doc_id}").status_code == 401
    assert doc_id in {d["doc_id"] for d in client.get("/api/documents", auth=READER).json()}


@pytest.mark.parametrize(
    ("name", "content", "status", "reason"),
    [
        ("tool.exe", b"MZ\x90\x00", 415, "file type not accepted"),
        ("notes.md", b"", 400, "empty"),
        ("big.txt", b"word " * 300_000, 413, "over the 1 MB limit"),
    ],
)
def test_bad_upload_is_rejected_with_a_reason(client, server, name, content, status, reason):
    r = client.post("/api/documents", auth=STAFF, files=[("files", (name, content, "application/octet-stream"))])
    assert r.status_code == status, r.text
    assert reason in r.json()["detail"]
    _, data = server
    assert not list((data / "uploads").glob("*/*"))


def test_upload_that_fails_to_index_reports_the_reason(client):
    r = client.post("/api/documents", auth=STAFF, files=[("files", ("broken.pdf", b"%PDF-1.4\n1 0 obj << broken", "application/pdf"))])
    assert r.status_code == 422
    [result] = r.json()["results"]
    assert result["status"] == "failed" and result["error"]


def test_staff_can_delete(client):
    r = client.post("/api/documents", auth=STAFF, files=[("files", ("short-lived.txt", b"A short-lived note about lighthouse keepers and their lamps.", "text/plain"))])
    doc_id = r.json()["results"][0]["doc_id"]
    r = client.delete(f"/api/documents/{doc_id}", auth=STAFF)
    assert r.status_code == 200 and r.json()["removed"]["doc_id"] == doc_id
    assert doc_id not in {d["doc_id"] for d in client.get("/api/documents", auth=STAFF).json()}
    assert client.delete(f"/api/documents/{doc_id}", auth=STAFF).status_code == 404


def test_feedback_endpoint_stores_the_rating(client, server):
    from assistant.feedback import FeedbackStore

    r = client.post("/api/feedback", auth=READER, json={"rating": "down", "question": "q?", "answer": "a [1]",
                                                         "sources": [{"n": 1, "doc_id": "x"}], "comment": "too short"})
    assert r.status_code == 200
    _, data = server
    entry = FeedbackStore(Path(data) / "feedback.sqlite").list()[0]
    assert (entry.user, entry.rating, entry.comment, entry.sources) == ("rita", "down", "too short", [{"n": 1, "doc_id": "x"}])


def test_questions_are_answered_while_a_large_upload_is_indexing(server):
    """Ordering, not timing: a question asked during a long ingest returns before the ingest does."""
    import threading
    import time

    url, _ = server
    big = "# Regional digital programme\n\n" + "\n\n".join(
        f"## Area {i}\n\nThe programme office in district {i} moved {i * 7} paper forms online and trained {i + 3} staff in service design."
        for i in range(4000)  # about 8 s to index on these 2 cores (600 took 1.4 s once ingest ran the model once per chunk)
    )
    upload_done = threading.Event()

    def upload() -> None:
        with httpx.Client(base_url=url, timeout=600) as c:
            r = c.post("/api/documents", auth=STAFF, files=[("files", ("regional-programme.md", big.encode(), "text/markdown"))])
            assert r.status_code == 200, r.text
        upload_done.set()

    worker = threading.Thread(target=upload)
    worker.start()
    try:
        time.sleep(1.0)  # let the upload reach the server; embedding its 4,000 chunks takes far longer
        with httpx.Client(base_url=url, timeout=600) as c:
            r = c.post("/api/ask", auth=READER, json={"question": "How many completed responses did the survey get?"})
        answered_during_upload = not upload_done.is_set()
        assert r.status_code == 200 and "984" in r.json()["answer"]
    finally:
        worker.join()
    assert upload_done.is_set()
    assert answered_during_upload, "the question waited for the upload to finish"


def test_history_turns_are_validated(client):
    r = client.post("/api/ask", auth=READER, json={"question": "And what about skills?", "history": [{"role": "system", "content": "x"}]})
    assert r.status_code == 422
    ok = client.post("/api/ask", auth=READER, json={"question": "And what did it recommend about that?", "history": [
        {"role": "user", "content": "What does the report say about culture?"}, {"role": "assistant", "content": "Culture is a barrier [1]."}]})
    assert ok.status_code == 200 and "culture" in ok.json()["standalone_question"]

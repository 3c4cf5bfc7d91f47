"""Issue 12's attacks, each replayed against a real server over HTTP and shown refused.

Servers are real (uvicorn in a thread, real Chroma, the bundled model); Gradio functions are
called the way the browser calls them (``/gradio_api/queue/join`` then the SSE stream), with
values a hostile client would send rather than what the page sends.
"""

from __future__ import annotations

import json
import secrets
import shutil
import socket
import uuid
from pathlib import Path

import httpx
import pytest

from assistant.auth import hash_password
from assistant.server import create_app
from tests.serving import ServerThread, free_port
from assistant.services import Services
from assistant.sessions import ExpiringTokens
from assistant.settings import Settings
from assistant.throttle import LoginThrottle

READER = ("rita", "reader-secret")
STAFF = ("sam", "staff-secret")
OTHER_STAFF = ("sue", "other-staff-secret")
FILE_META = {"_type": "gradio.FileData"}
DOC = "# Osprey Pilot\n\n## Findings\n\nThe Osprey pilot digitised 41 planning forms for the county council.\n"


def _users() -> str:
    return (f"{READER[0]}:reader:{hash_password(READER[1], rounds=4)},{STAFF[0]}:staff:{hash_password(STAFF[1], rounds=4)},"
            f"{OTHER_STAFF[0]}:staff:{hash_password(OTHER_STAFF[1], rounds=4)}")


@pytest.fixture(scope="module")
def secret(tmp_path_factory) -> tuple[Path, str]:
    """A file outside the data directory, in the temp dir (where Gradio's output check would allow it)."""
    token = secrets.token_hex(16)
    path = tmp_path_factory.mktemp("secret") / "server-secret.md"
    path.write_text(f"# Secret\n\n{token} must never leave the server.\n")
    return path, token


@pytest.fixture(scope="module")
def server(corpus_data_dir, embedder, tmp_path_factory):
    """Accounts on, 1 MB files, 2 MB upload requests, 3 failed sign-ins allowed."""
    data = tmp_path_factory.mktemp("security") / "data"
    shutil.copytree(corpus_data_dir, data)
    settings = Settings(data_dir=data, users=_users(), max_file_mb=1, max_request_mb=2, login_attempts=3, _env_file=None)
    with ServerThread(create_app(settings, Services(settings, shared_embedder=embedder)), free_port()) as url:
        yield url, data


@pytest.fixture(scope="module")
def open_server(corpus_data_dir, embedder, tmp_path_factory):
    """No accounts (the `make run` default): everyone on loopback is staff."""
    data = tmp_path_factory.mktemp("open") / "data"
    shutil.copytree(corpus_data_dir, data)
    settings = Settings(data_dir=data, _env_file=None)
    with ServerThread(create_app(settings, Services(settings, shared_embedder=embedder)), free_port()) as url:
        yield url, data


def signed_in(url: str, account: tuple[str, str]) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=60)
    r = client.post("/login", data={"username": account[0], "password": account[1]})
    assert r.status_code == 200, r.text
    return client


def dependencies(client: httpx.Client) -> tuple[list[dict], dict[int, str]]:
    config = client.get("/config").json()
    return config["dependencies"], {c["id"]: c["type"] for c in config["components"]}


def call(client: httpx.Client, fn_index: int, data: list, session: str | None = None) -> list[dict]:
    """Run one Gradio event as the browser does and return every message of its stream."""
    session = session or uuid.uuid4().hex[:12]
    r = client.post("/gradio_api/queue/join", json={"data": data, "fn_index": fn_index, "session_hash": session,
                                                    "event_data": None, "trigger_id": None})
    if r.status_code != 200:
        return [{"msg": "refused", "status": r.status_code, "text": r.text}]
    messages = []
    with client.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                messages.append(json.loads(line[5:]))
                if messages[-1].get("msg") == "process_completed":
                    break
    return messages


def hostile_value(component: str, path: str) -> object:
    """A server path dressed as the value of ``component``."""
    file = {"path": path, "orig_name": "notes.md", "meta": FILE_META}
    if component == "chatbot":
        return [{"role": "user", "content": [{"type": "file", "file": file}]},
                {"role": "assistant", "content": [{"type": "component", "component": "file", "value": file,
                                                   "constructor_args": {}, "props": {}}]}]
    if component in ("file", "checkboxgroup", "dropdown"):
        return [file]
    return file


def gradio_cache_holds(token: str) -> list[Path]:
    from gradio.utils import get_upload_folder

    hits = []
    for path in Path(get_upload_folder()).rglob("*"):
        try:
            if path.is_file() and path.stat().st_size < 1_000_000 and token in path.read_text(errors="ignore"):
                hits.append(path)
        except OSError:
            continue
    return hits


# ---------------------------------------------------------------- 1, 2: file paths from the client
@pytest.mark.parametrize("account", [READER, STAFF], ids=["reader", "staff"])
def test_no_gradio_function_reads_a_server_path(server, secret, account):
    url, data = server
    path, token = secret
    client = signed_in(url, account)
    deps, kinds = dependencies(client)
    targets = [str(path), "/etc/passwd", str(data / "feedback.sqlite"), str(data / "missing.md")]
    called = 0
    for dep in deps:
        inputs = [kinds[i] for i in dep["inputs"]]
        if not [k for k in inputs if k != "state"]:
            continue  # nothing from the client
        for target in targets:
            messages = call(client, dep["id"], [hostile_value(kind, target) for kind in inputs])
            called += 1
            dumped = json.dumps(messages)
            assert token not in dumped and "root:" not in dumped, (dep.get("api_name"), target)
            assert "/gradio_api/file=" not in dumped, (dep.get("api_name"), target)
            assert messages[-1].get("success") is not True or dep.get("api_name") not in ("upload",), dep
    assert called >= 4 * 6, "respond, ratings, likes, upload, delete and ask all take client values"
    assert not gradio_cache_holds(token), "the secret was copied into Gradio's cache"
    assert client.get(f"/gradio_api/file={path}").status_code == 403


def test_staff_upload_of_a_path_never_uploaded_indexes_nothing(server, secret):
    url, _ = server
    path, token = secret
    client = signed_in(url, STAFF)
    deps, _ = dependencies(client)
    upload = next(d["id"] for d in deps if d.get("api_name") == "upload")
    before = {d["doc_id"] for d in httpx.get(url + "/api/documents", auth=STAFF).json()}
    existing = call(client, upload, [[{"path": str(path), "orig_name": "a.md", "meta": FILE_META}]])
    missing = call(client, upload, [[{"path": str(path.parent / "nope.md"), "orig_name": "a.md", "meta": FILE_META}]])
    assert existing[-1]["success"] is False and missing[-1]["success"] is False
    assert existing[-1]["output"] == missing[-1]["output"], "a missing path must not be told from an existing one"
    after = httpx.get(url + "/api/documents", auth=STAFF).json()
    assert {d["doc_id"] for d in after} == before
    assert not any(token in json.dumps(d) for d in after)


def test_ui_and_api_name_an_upload_the_same_way(server):
    """One sanitiser: the same file sent through the UI and the REST API is one document."""
    url, _ = server
    name = "Café report (v2) – <final>.md"
    client = signed_in(url, STAFF)
    r = client.post("/gradio_api/upload", files=[("files", (name, DOC.encode(), "text/markdown"))])
    assert r.status_code == 200, r.text
    [stored] = r.json()
    deps, _ = dependencies(client)
    upload = next(d["id"] for d in deps if d.get("api_name") == "upload")
    messages = call(client, upload, [[{"path": stored, "orig_name": name, "meta": FILE_META}]])
    assert messages[-1]["success"] is True, messages[-1]
    via_api = httpx.post(url + "/api/documents", auth=STAFF, files=[("files", (name, DOC.encode(), "text/markdown"))]).json()
    [result] = via_api["results"]
    assert result["status"] == "unchanged", result  # the UI's copy has the same name and content
    sources = [d["source"] for d in httpx.get(url + "/api/documents", auth=STAFF).json() if "Osprey" in d["title"]]
    assert sources == [result["file"]]


def test_staff_cannot_index_another_users_upload(server):
    url, _ = server
    sam = signed_in(url, STAFF)
    [stored] = sam.post("/gradio_api/upload", files=[("files", ("egret.md", DOC.replace("Osprey", "Egret").encode(), "text/markdown"))]).json()
    sue = signed_in(url, OTHER_STAFF)
    deps, _ = dependencies(sue)
    upload = next(d["id"] for d in deps if d.get("api_name") == "upload")
    done = call(sue, upload, [[{"path": stored, "orig_name": "egret.md", "meta": FILE_META}]])[-1]
    assert done["success"] is False and "not a file uploaded here" in done["output"]["error"]
    assert not [d for d in httpx.get(url + "/api/documents", auth=STAFF).json() if "Egret" in d["title"]]
    done = call(sam, upload, [[{"path": stored, "orig_name": "egret.md", "meta": FILE_META}]])[-1]
    assert done["success"] is True, done


def test_the_conversation_is_never_taken_from_the_client(server):
    """The chat event's inputs are the question and the filters; the conversation itself lives in
    server-side state, so a client cannot hand the answerer files or forged turns."""
    url, _ = server
    client = signed_in(url, READER)
    deps, kinds = dependencies(client)
    for dep in deps:
        if dep.get("api_name", "").startswith("respond"):
            client_owned = [kinds[i] for i in dep["inputs"] if kinds[i] != "state"]
            assert sorted(client_owned) == ["checkboxgroup", "dropdown", "textbox"], client_owned


# ---------------------------------------------------------------- 3: no accounts, cross-site and foreign hosts
def test_open_app_refuses_foreign_hosts(open_server):
    url, _ = open_server
    port = url.rsplit(":", 1)[1]
    for host in ("evil.example", f"evil.example:{port}", f"192.168.1.5:{port}"):
        r = httpx.get(url + "/api/documents", headers={"Host": host})
        assert r.status_code == 400 and "host name" in r.json()["detail"], host
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"):
        assert httpx.get(url + "/api/documents", headers={"Host": host}).status_code == 200, host


def test_open_app_refuses_cross_site_writes(open_server):
    url, data = open_server
    before = httpx.get(url + "/api/documents").json()
    doc_id = before[0]["doc_id"]
    files = [("files", ("planted.md", DOC.encode(), "text/markdown"))]
    attempts = [
        ("POST", "/api/documents", {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}),
        ("POST", "/api/documents", {"Origin": "null"}),
        ("POST", "/api/documents", {"Sec-Fetch-Site": "cross-site"}),
        ("POST", "/api/documents", {"Referer": "http://evil.example/page"}),  # a browser without Sec-Fetch-*, no custom header
        ("DELETE", f"/api/documents/{doc_id}", {"Origin": "http://evil.example"}),
        ("POST", "/gradio_api/upload", {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}),
    ]
    for method, path, headers in attempts:
        r = httpx.request(method, url + path, headers=headers, files=files if method == "POST" else None)
        assert r.status_code == 403, (method, path, headers, r.status_code)
    assert httpx.get(url + "/api/documents").json() == before
    own = {"Origin": url, "Sec-Fetch-Site": "same-origin"}
    assert httpx.get(url + "/api/documents", headers=own).status_code == 200
    assert httpx.post(url + "/api/ask", headers={**own, "Sec-Fetch-Site": "none"}, json={"question": "skills"}).status_code == 403
    assert httpx.post(url + "/api/ask", headers={**own, "X-PSB-Request": "1"}, json={"question": "skills"}).status_code == 200


def test_cross_origin_sign_in_and_gradio_events_are_refused(server):
    url, _ = server
    evil = {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}
    r = httpx.post(url + "/login", data={"username": STAFF[0], "password": STAFF[1]}, headers=evil)
    assert r.status_code == 403 and "set-cookie" not in r.headers
    client = signed_in(url, STAFF)
    r = client.post("/gradio_api/queue/join", headers=evil, json={"data": [], "fn_index": 0, "session_hash": "x"})
    assert r.status_code == 403
    assert client.get("/config", headers={"Origin": "http://evil.example"}).status_code == 403


# ---------------------------------------------------------------- 5: bodies refused before they are read
def raw_request(url: str, head: str, body: bytes = b"") -> tuple[int, str]:
    """Send a request whose headers announce far more body than is sent; the answer must come
    anyway, which shows the server did not wait to read the body first."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head.encode() + body)
        sock.settimeout(10)
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
    status = int(reply.split(b" ", 2)[1])
    return status, reply.decode(errors="replace")


@pytest.mark.parametrize(
    ("path", "auth", "status"),
    [
        ("/api/documents", None, 401),
        ("/api/documents", READER, 403),
        ("/api/documents", ("sam", "wrong"), 401),
        ("/api/documents", STAFF, 413),
        ("/gradio_api/upload", None, 401),
        ("/api/ask", READER, 413),
    ],
)
def test_oversized_or_unauthorised_bodies_are_refused_unread(server, path, auth, status):
    import base64

    url, _ = server
    port = url.rsplit(":", 1)[1]
    basic = f"Authorization: Basic {base64.b64encode(':'.join(auth).encode()).decode()}\r\n" if auth else ""
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{basic}Content-Type: multipart/form-data; boundary=b\r\n"
            f"Content-Length: {1024 ** 3}\r\n\r\n")
    got, reply = raw_request(url, head, b"--b\r\n")
    assert got == status, reply


def test_reader_cannot_upload_through_gradio(server):
    url, _ = server
    reader = signed_in(url, READER)
    r = reader.post("/gradio_api/upload", files=[("files", ("x.md", DOC.encode(), "text/markdown"))])
    assert r.status_code == 403 and "reader" in r.text
    staff = signed_in(url, STAFF)
    r = staff.post("/gradio_api/upload", files=[("files", ("big.md", b"x" * (3 * 1024 * 1024), "text/markdown"))])
    assert r.status_code == 413


def test_chunked_uploads_must_give_a_length(server):
    url, _ = server
    r = httpx.post(url + "/api/documents", auth=STAFF, content=iter([b"--b\r\n"]),
                   headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert r.status_code == 411


# ---------------------------------------------------------------- 4: sign-in throttling
def test_sign_in_is_throttled_and_verified_credentials_still_work(server):
    url, _ = server
    attacker = {"X-Forwarded-For": "10.1.1.1"}  # uvicorn takes the client address from a local proxy's header
    # Warm the credentials cache, as any working client has.
    assert httpx.get(url + "/api/documents", auth=READER, headers=attacker).status_code == 200
    statuses = [httpx.post(url + "/login", data={"username": "mallory", "password": f"guess{i}"}, headers=attacker).status_code
                for i in range(5)]
    assert statuses[:3] == [400, 400, 400] and statuses[3:] == [429, 429], statuses
    r = httpx.post(url + "/login", data={"username": STAFF[0], "password": STAFF[1]}, headers=attacker)
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0, "this address is paused, even for a right password"
    assert httpx.get(url + "/api/documents", auth=READER, headers=attacker).status_code == 429
    assert httpx.post(url + "/login", data={"username": STAFF[0], "password": STAFF[1]}, headers={"X-Forwarded-For": "10.1.1.2"}).status_code == 200
    # Someone hammering rita's name from many addresses pauses the name, not rita's known-good credential.
    for i in range(3):
        assert httpx.get(url + "/api/documents", auth=(READER[0], "guess"), headers={"X-Forwarded-For": f"10.2.0.{i}"}).status_code == 401
    r = httpx.get(url + "/api/documents", auth=(READER[0], "another guess"), headers={"X-Forwarded-For": "10.2.0.9"})
    assert r.status_code == 429 and "try again" in r.json()["detail"]
    assert httpx.get(url + "/api/documents", auth=READER, headers={"X-Forwarded-For": "10.3.0.1"}).status_code == 200


def test_lockout_lifts_by_itself():
    now = [0.0]
    throttle = LoginThrottle(attempts=2, lockout_s=60, clock=lambda: now[0])
    throttle.failed("10.0.0.1", "sam")
    assert throttle.retry_after("10.0.0.1", "sam") is None
    throttle.failed("10.0.0.2", "sam")
    assert throttle.retry_after("10.0.0.9", "sam") == 60, "the account is paused from any address"
    assert throttle.retry_after("10.0.0.9", "ann") is None
    now[0] = 59.0
    assert throttle.retry_after("10.0.0.9", "sam") == pytest.approx(1.0)
    now[0] = 60.5
    assert throttle.retry_after("10.0.0.9", "sam") is None
    throttle.failed("10.0.0.3", "ann")
    throttle.succeeded("10.0.0.3", "ann")
    throttle.failed("10.0.0.4", "ann")
    assert throttle.retry_after("10.0.0.5", "ann") is None, "a success starts the account's count again"


# ---------------------------------------------------------------- 6: headers, sessions, titles
def test_security_headers_and_cookie(server):
    url, _ = server
    r = httpx.get(url + "/")
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert httpx.get(url + "/api/documents").headers["x-frame-options"] == "DENY"
    r = httpx.post(url + "/login", data={"username": READER[0], "password": READER[1]}, headers={"X-Forwarded-For": "10.9.9.9"})
    assert r.status_code == 200
    cookies = r.headers.get_list("set-cookie")
    assert cookies and all("samesite=lax" in c.lower() and "samesite=none" not in c.lower() for c in cookies)


def test_sessions_expire():
    now = [0.0]
    tokens = ExpiringTokens(3600, clock=lambda: now[0])
    tokens["t1"] = "rita"
    assert tokens.get("t1") == "rita" and "t1" in tokens
    now[0] = 3599
    assert tokens["t1"] == "rita"
    now[0] = 3600
    assert tokens.get("t1") is None and "t1" not in tokens and list(tokens.keys()) == []
    with pytest.raises(KeyError):
        tokens["t1"]


def test_the_app_issues_expiring_sessions(server, embedder):
    from starlette.routing import Mount

    settings = Settings(data_dir=server[1], users=_users(), session_hours=2, _env_file=None)
    app = create_app(settings, Services(settings, shared_embedder=embedder))
    gradio_app = next(r.app for r in app.routes if isinstance(r, Mount))
    assert isinstance(gradio_app.tokens, ExpiringTokens) and gradio_app.tokens.lifetime_s == 7200
    assert gradio_app.get_blocks().delete_cache == (3600, 3600), "Gradio's cache is cleaned after PSB_UPLOAD_CACHE_MINUTES"


def test_the_deleted_message_shows_the_title_as_text(server):
    url, _ = server
    title = 'Heron <img src="http://127.0.0.1:9/beacon.png"> ![b](http://127.0.0.1:9/b.png) Pilot'
    r = httpx.post(url + "/api/documents", auth=STAFF, files=[("files", ("heron.md", f"# {title}\n\nThe Heron pilot ran for 9 weeks.\n".encode(), "text/markdown"))])
    doc_id = r.json()["results"][0]["doc_id"]
    client = signed_in(url, STAFF)
    deps, _ = dependencies(client)
    ask_delete = next(d["id"] for d in deps if d.get("api_name") == "ask_delete")
    delete = next(d["id"] for d in deps if d.get("api_name") == "delete")
    on_load = next(d["id"] for d in deps if d.get("api_name") == "on_load")
    session = uuid.uuid4().hex[:12]
    assert call(client, on_load, [], session)[-1]["success"] is True  # fills this page's document choices
    asked = call(client, ask_delete, [doc_id], session)[-1]  # the confirmation names the document
    assert asked["success"] is True, asked
    confirm = next(m for m in (x.get("value") if isinstance(x, dict) else x for x in asked["output"]["data"])
                   if isinstance(m, str) and "Heron" in m)
    assert "<img" not in confirm and "&lt;img" in confirm  # HTML components do not render Markdown, so "![" is inert text
    done = call(client, delete, [None], session)[-1]  # the document to delete comes from the session, not the client
    assert done["success"] is True, done
    texts = [m.get("value") if isinstance(m, dict) else m for m in done["output"]["data"]]  # a message slot is an update
    message = next(m for m in texts if isinstance(m, str) and "Deleted" in m)
    assert "Heron" in message
    assert "<img" not in message and "&lt;img" in message

"""Issue 12's browser attacks in real Chromium: a foreign page posting to an open app, and the
content security policy letting the real UI work (no violations while asking a question)."""

from __future__ import annotations

import http.server
import shutil
import threading
from functools import partial

import httpx
import pytest

from assistant.server import create_app
from tests.serving import ServerThread, free_port
from assistant.services import Services
from assistant.settings import Settings
from tests.test_browser import ARGS, CHROMIUM, ask

pytestmark = pytest.mark.browser

ATTACK_PAGE = """<!doctype html><html><body>
<form id="f" method="post" enctype="multipart/form-data" action="{target}/api/documents" target="sink">
  <input type="file" name="files" id="file"></form>
<iframe name="sink"></iframe>
<script>
window.results = [];
async function attack() {{
  const data = new FormData();
  data.append("files", new File(["# Planted\\n\\nA page planted this note in the index."], "planted.md", {{type: "text/markdown"}}));
  for (const [method, path, body] of [["POST", "/api/documents", data], ["POST", "/api/ask", JSON.stringify({{question: "x"}})],
                                      ["DELETE", "/api/documents/{doc_id}", null]]) {{
    try {{ await fetch("{target}" + path, {{method, mode: "no-cors", body, credentials: "include"}}); window.results.push(method + " sent"); }}
    catch (e) {{ window.results.push(method + " blocked by the browser"); }}
  }}
  const dt = new DataTransfer();
  dt.items.add(new File(["# Planted by a form"], "form-planted.md", {{type: "text/markdown"}}));
  document.getElementById("file").files = dt.files;
  document.getElementById("f").submit();
  window.done = true;
}}
</script></body></html>"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian chromium or run `make test`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def open_app(corpus_data_dir, embedder, tmp_path_factory):
    data = tmp_path_factory.mktemp("open-browser") / "data"
    shutil.copytree(corpus_data_dir, data)
    settings = Settings(data_dir=data, _env_file=None)
    with ServerThread(create_app(settings, Services(settings, shared_embedder=embedder)), free_port()) as url:
        yield url


@pytest.fixture
def attacker_site(tmp_path, open_app):
    """A page on another site (localhost vs 127.0.0.1) that tries to change the open app."""
    doc_id = httpx.get(open_app + "/api/documents").json()[0]["doc_id"]
    (tmp_path / "index.html").write_text(ATTACK_PAGE.format(target=open_app, doc_id=doc_id))
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{httpd.server_address[1]}/index.html"
    httpd.shutdown()


def test_a_foreign_page_cannot_change_an_open_app(browser, open_app, attacker_site):
    before = httpx.get(open_app + "/api/documents").json()
    page = browser.new_page()
    statuses: list[tuple[str, int]] = []
    page.on("response", lambda r: r.url.startswith(open_app) and statuses.append((r.request.method, r.status)))
    page.goto(attacker_site)
    page.evaluate("attack()")
    page.wait_for_function("window.done === true")
    page.wait_for_timeout(1500)  # let the form submission land
    assert httpx.get(open_app + "/api/documents").json() == before, "the foreign page changed the index"
    assert statuses and all(status == 403 for _, status in statuses), statuses
    page.close()


def test_the_ui_works_under_the_content_security_policy(browser, open_app):
    """The real page, its sources panel included, runs with no CSP violation (open mode: no sign-in step)."""
    violations: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(30_000)
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto(open_app + "/")
    page.wait_for_selector("#psb-question textarea")
    ask(page, "What does the report recommend on procurement skills?")
    assert page.locator("#psb-chat details.psb-source").count() >= 1
    assert not violations, violations[:3]
    assert page.evaluate("fetch('/').then(r => r.headers.get('x-frame-options'))") == "DENY"
    page.close()

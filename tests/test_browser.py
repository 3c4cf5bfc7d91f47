"""Real browser tests: Debian's chromium driven by Playwright against a real server.

Run with ``make test`` (which installs chromium). Without /usr/bin/chromium they skip, unless
CI is set, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.auth import hash_password
from assistant.server import ServerThread, create_app, free_port
from assistant.services import Services
from assistant.settings import Settings

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
READER = ("rita", "reader-secret")
STAFF = ("sam", "staff-secret")

XSS_DOC = """# Kestrel Pilot <img src=x onerror="window.__xss='img-title';document.title='pwned'">

## Kestrel results

The Kestrel pilot moved 212 council services onto a shared identity platform.
<script>window.__xss = 'script'; document.title = 'pwned';</script>
Staff on the Kestrel pilot said the shared identity platform <img src=x onerror="window.__xss='img';document.title='pwned'"> saved weeks of work.
<svg onload="window.__xss='svg'"></svg> <a href="javascript:window.__xss='link'">more</a>
"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: install Debian chromium (apt-get install -y chromium) or run `make test`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(corpus_data_dir, embedder, tmp_path_factory):
    data = tmp_path_factory.mktemp("browser") / "data"
    shutil.copytree(corpus_data_dir, data)
    users = f"{READER[0]}:reader:{hash_password(READER[1], rounds=4)},{STAFF[0]}:staff:{hash_password(STAFF[1], rounds=4)}"
    settings = Settings(data_dir=data, users=users, _env_file=None)
    services = Services(settings, shared_embedder=embedder)
    with ServerThread(create_app(settings, services), free_port()) as url:
        yield url


def sign_in(browser, url: str, account: tuple[str, str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(30_000)
    page.goto(url + "/")
    page.get_by_label("username").fill(account[0])
    page.get_by_label("password").fill(account[1])
    page.keyboard.press("Enter")
    page.wait_for_selector("#psb-question textarea")
    return page


def ask(page, question: str) -> None:
    """Ask with the keyboard and wait until this question's answer and sources are shown."""
    before = page.locator("#psb-chat .message-row").count()
    box = page.locator("#psb-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        """n => document.querySelectorAll('#psb-chat .message-row').length >= n + 2
               && !document.querySelector('#psb-sources .psb-searching')
               && document.querySelector('#psb-sources details.psb-source')""",
        arg=before,
    )


def test_ask_and_open_a_citation(server, browser, artifacts):
    page = sign_in(browser, server, READER)
    assert page.get_by_role("tab", name="Documents").count() == 0  # readers do not see document management
    ask(page, "What is the gap between technology at home and at work?")
    answer = page.locator("#psb-chat .message-row").last
    assert "[1]" in answer.inner_text()

    summary = page.locator("#psb-sources summary").first
    summary.focus()
    page.keyboard.press("Enter")  # open the citation with the keyboard
    passage = page.locator("#psb-sources details.psb-source").first
    assert passage.get_attribute("open") is not None
    text = passage.inner_text()
    assert "[1] Smarter Services" in text
    assert "Section: 3. Findings" in text and "Page 4" in text
    assert passage.locator("blockquote").is_visible()
    page.screenshot(path=str(artifacts / "browser-chat-citation.png"), full_page=True)
    page.close()


def test_script_in_a_document_never_runs(server, browser, artifacts, tmp_path):
    page = sign_in(browser, server, STAFF)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_role("tab", name="Documents").click()
    doc = tmp_path / "kestrel-pilot.md"
    doc.write_text(XSS_DOC, encoding="utf-8")
    page.locator("#psb-files input[type=file]").set_input_files(str(doc))
    page.wait_for_selector("#psb-files :text('kestrel-pilot.md')")
    page.locator("#psb-upload").click()
    page.wait_for_selector("#psb-doc-status :text('Finished')")
    results = page.locator("#psb-results").inner_text()
    assert "kestrel-pilot.md" in results and "added" in results
    assert "Kestrel" in page.locator("#psb-docs").inner_text()  # the listed title is shown as text

    page.get_by_role("tab", name="Ask a question").click()
    ask(page, "How many council services did the Kestrel pilot move onto a shared identity platform?")
    assert "212" in page.locator("#psb-chat .message-row").last.inner_text()
    page.locator("#psb-new").click()
    page.wait_for_function("() => document.querySelectorAll('#psb-chat .message-row').length === 0")
    ask(page, "What did staff on the Kestrel pilot say the shared identity platform saved?")
    said = page.locator("#psb-chat .message-row").last.inner_text()
    assert "weeks of work" in said
    assert "onerror" in said  # the markup in the document is shown as text, not run
    for summary in page.locator("#psb-sources summary").all():
        summary.click()
    page.wait_for_timeout(500)
    panel = page.locator("#psb-sources").inner_text()
    assert "Kestrel" in panel

    assert page.evaluate("window.__xss") is None, "a payload from the document ran"
    assert page.evaluate("document.title") == "PSB Assistant"
    assert dialogs == []
    assert page.locator("#psb-sources script, #psb-sources img, #psb-sources svg, #psb-chat script, #psb-chat svg[onload]").count() == 0
    assert page.locator("#psb-chat img[onerror], #psb-sources [onerror], #psb-sources [onload], a[href^='javascript']").count() == 0
    page.screenshot(path=str(artifacts / "browser-xss.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_recommendations_tab_filter_open_a_source_and_download(server, browser, artifacts, width, height):
    page = sign_in(browser, server, READER)  # a reader: the tab is for every signed-in user
    page.set_viewport_size({"width": width, "height": height})
    page.get_by_role("tab", name="Recommendations").click()
    page.wait_for_selector("#psb-recs-count :text('17 recommendations')")
    assert "Clarify the rules on data sharing" in page.locator("#psb-recs").inner_text()  # the earliest published first

    page.locator("#psb-recs-theme label", has_text="data sharing").click()
    page.wait_for_selector("#psb-recs-count :text('match the filters')")
    shown = page.locator("#psb-recs").inner_text()
    assert "Clarify the rules on data sharing" in shown and "Lead digital from the top" not in shown

    search = page.locator("#psb-recs-search textarea, #psb-recs-search input").first
    search.fill("front door")
    search.press("Enter")
    page.wait_for_selector("#psb-recs-count :text('1 recommendation match')")
    page.locator("#psb-recs [role=gridcell]", has_text="Clarify the rules").first.click()
    page.wait_for_selector("#psb-rec-source :text('Where it is stated: R5')")
    passages = page.locator("#psb-rec-source").inner_text()
    assert "Within six months" in passages and "Page 8" in passages and "psb-recommendations-summary.docx" in passages

    with page.expect_download() as download:
        page.locator("#psb-recs-csv").click()
    body = Path(download.value.path()).read_text(encoding="utf-8")
    assert body.startswith("ref,title,text,owner") and body.count("\nR5,") == 1 and "Lead digital" not in body
    page.screenshot(path=str(artifacts / f"browser-recommendations-{width}.png"), full_page=True)
    page.close()

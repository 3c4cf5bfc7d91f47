"""Regenerate the UI screenshots in docs/images from a real browser session (`make screenshots`).

Indexes the sample corpus into a temporary folder, serves the app on a free loopback port, and
drives Debian's chromium through Playwright at a desktop (1366x900) and a phone (390x844) size:
an answered question with a source opened, and the documents tab after an upload with one
failure. So the pictures in README.md and docs/ui.md always show the current UI.

Usage: python docs/make_screenshots.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from assistant.runtime import configure_offline

configure_offline()

from assistant.server import create_app  # noqa: E402
from tests.serving import ServerThread, free_port
from assistant.services import Services  # noqa: E402
from assistant.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SIZES = {"": (1366, 900), "-phone": (390, 844)}
QUESTION = "What stops departments from sharing data?"


def chat(page, out: Path, suffix: str) -> None:
    """One answered question, its first source opened by its [1] link."""
    page.goto(page.url)
    page.wait_for_selector("#psb-question textarea")
    box = page.locator("#psb-question textarea")
    box.press_sequentially(QUESTION, delay=2)
    box.press("Enter")
    page.wait_for_selector("#psb-chat .psb-turn[aria-busy='false'] .psb-actions")
    page.locator("#psb-chat a.psb-cite").first.click()
    page.wait_for_timeout(600)  # the smooth scroll and the highlight
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(out / f"chat{suffix}.png"), full_page=True)


def documents(page, out: Path, suffix: str, samples: Path) -> None:
    """The documents tab after adding one good and one unreadable file."""
    page.get_by_role("tab", name="Documents").click()
    page.locator("#psb-files input[type=file]").set_input_files([str(samples / "pilot-notes.md"), str(samples / "scan.txt")])
    page.wait_for_selector("#psb-files :text('scan')")
    page.locator("#psb-upload").click()
    page.wait_for_selector("#psb-doc-status :text('Finished')")
    page.locator("#psb-results tr.psb-row-failed").get_by_text("Technical detail").click()
    page.screenshot(path=str(out / f"documents{suffix}.png"), full_page=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="psb-shots-") as tmp:
        tmp_path = Path(tmp)
        settings = Settings(data_dir=tmp_path / "data", _env_file=None)
        services = Services(settings)
        report = services.indexer.ingest([REPO / "corpus" / "documents"])
        if report.failed:
            raise SystemExit(f"the sample corpus did not index: {report.failed}")
        samples = tmp_path / "samples"
        samples.mkdir()
        (samples / "pilot-notes.md").write_text("# Pilot notes\n\nThe pilot trained 40 staff in data analysis.\n", encoding="utf-8")
        (samples / "scan.txt").write_bytes(b"\x00\x01\x02 not text \x00")
        with ServerThread(create_app(settings, services), free_port()) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            for suffix, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.set_default_timeout(60_000)
                page.goto(url + "/")
                chat(page, args.out, suffix)
                documents(page, args.out, suffix, samples)
                page.close()
                for path in samples.iterdir():  # the next size adds them again, as new
                    record = next((r for r in services.store.list_documents() if r.source == path.name), None)
                    if record:
                        services.indexer.remove(record.doc_id)
            browser.close()
    for name in sorted(args.out.glob("*.png")):
        print(name.relative_to(REPO) if name.is_relative_to(REPO) else name)


if __name__ == "__main__":
    main()

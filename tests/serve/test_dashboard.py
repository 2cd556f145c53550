"""The dashboard in a real browser: Playwright driving Debian's chromium.

A store is built once per session from the example corpus (ingested with the
model through the CLI) plus the hand-coded sample documents, `sitrep serve`
runs on a free loopback port, and each test loads the page.  Screenshots go to
test-output/dashboard/ in the repository (git-ignored).  Skipped when chromium
or Playwright is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import HOSTILE, SCREENSHOTS, sample_documents, write_store

pytestmark = [pytest.mark.browser, pytest.mark.model]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "dashboard"
CHROMIUM = Path(os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"sitrep serve exited: {server.stderr.read()}")
        try:
            with urllib.request.urlopen(f"{url}/api/overview", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"sitrep serve did not answer at {url} within {seconds}s")


@pytest.fixture(scope="session")
def dashboard_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus as `sitrep ingest` stores it, plus the hand-coded sample documents."""
    path = tmp_path_factory.mktemp("dashboard") / "arctic.duckdb"
    subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "ingest", str(ROOT / "examples" / "arctic.jsonl"), "--db", str(path), "--quiet"],
        check=True, capture_output=True, text=True, timeout=300,
    )
    return write_store(path, sample_documents())


@pytest.fixture(scope="session")
def base_url(dashboard_store: Path) -> Iterator[str]:
    """`sitrep serve` on a free loopback port, stopped at the end of the session."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli", "serve", "--db", str(dashboard_store), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def chromium(request: pytest.FixtureRequest) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"no chromium at {CHROMIUM} (make browser installs Debian's package)")
    sync_api = pytest.importorskip("playwright.sync_api")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    request.config.stash[SCREENSHOTS] = SHOTS  # printed at the end by conftest.pytest_terminal_summary


class Visit:
    """A page on the dashboard that records outside requests, dialogs and script errors."""

    def __init__(self, browser: object, base_url: str) -> None:
        self.base_url = base_url
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1440, "height": 1000})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))

    def _route(self, route: object) -> None:
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str = "/") -> object:
        self.page.goto(self.base_url + path)
        self.settle()
        return self.page

    def settle(self) -> None:
        """Wait until every view has loaded (the page sets body[data-ready] false while it loads)."""
        self.page.wait_for_selector("body[data-ready=true]", timeout=20000)

    def search(self, text: str) -> None:
        """Type into the text filter and apply it."""
        self.page.fill("#f-q", text)
        self.page.press("#f-q", "Enter")
        self.settle()

    def shot(self, name: str, full_page: bool = False) -> Path:
        path = SHOTS / name
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def close(self) -> None:
        assert not self.outside, f"requests left the machine: {self.outside}"
        assert not self.errors, f"script errors: {self.errors}"
        self.context.close()


@pytest.fixture
def visit(chromium: object, base_url: str) -> Iterator[Visit]:
    session = Visit(chromium, base_url)
    yield session
    session.close()


def table_column(page: object, index: int) -> list[str]:
    """The text of one column of the event table, whitespace collapsed."""
    cells = page.eval_on_selector_all("#events tbody tr.row", f"rows => rows.map(r => r.children[{index}].innerText)")
    return [" ".join(cell.split()) for cell in cells]


def test_every_view_is_drawn_from_local_files(visit: Visit) -> None:
    page = visit.open()
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map g.place:not(.mention)").count() >= 4
    assert page.locator("#timeline g.bar").count() >= 5
    assert page.locator("#network g.node").count() >= 5
    assert page.locator("#network g.edge").count() >= 4
    assert page.locator("#events tbody tr.row").count() >= 9
    assert page.locator("#quotes .quote").count() >= 3
    assert page.locator("#stances .stance").count() >= 3
    assert "US control of Greenland" in page.locator("#stances").inner_text()
    visit.shot("dashboard.png", full_page=True)


def test_a_filter_applies_to_every_view(visit: Visit) -> None:
    page = visit.open()
    page.select_option("#f-type", "AID")
    visit.settle()
    assert "type=AID" in page.evaluate("location.hash")
    assert {cell.split()[0] for cell in table_column(page, 2)} == {"AID"}
    actor_cells = " ".join(table_column(page, 1) + table_column(page, 3))
    nodes = set(page.eval_on_selector_all("#network .node-label", "els => els.map(e => e.textContent)"))
    assert {"SWEMIL", "DEUMIL", "DNKGOV"} <= nodes
    assert all(node in actor_cells for node in nodes)
    places = set(table_column(page, 5))
    labels = set(page.eval_on_selector_all("#map .place-label", "els => els.map(e => e.textContent)"))
    assert {"Greenland", "Nuuk"} <= labels <= places
    assert page.locator("#timeline g.bar rect[fill='#2c6fb7']").count() >= 1  # material cooperation only
    assert page.locator("#timeline g.bar rect[fill='#f2a65a'], #timeline g.bar rect[fill='#c8412e']").count() == 0
    visit.search("soldiers")
    assert "Germany DEUMIL" in table_column(page, 1)
    sentences = page.eval_on_selector_all("#events tbody td.sentence", "cells => cells.map(c => c.textContent)")
    assert sentences and all("soldiers" in sentence.lower() for sentence in sentences)
    assert "type=AID" in page.evaluate("location.hash") and "q=soldiers" in page.evaluate("location.hash")
    visit.shot("filtered.png", full_page=True)


def test_a_row_opens_its_sentence_in_the_document(visit: Visit) -> None:
    page = visit.open()
    sentence = "Germany will send 13 soldiers to Nuuk for the exercise."
    visit.search("13 soldiers")
    page.locator("#events tbody tr.row", has_text=sentence).first.click()
    page.wait_for_selector("#drawer:not([hidden]) .doc-text")
    assert page.inner_text("#drawer-sentence") == sentence
    assert page.inner_text("#drawer .doc-text .sentence.hl") == sentence
    assert page.inner_text("#doc-title") == "Sweden and Germany send troops to Greenland"
    visit.shot("sentence.png")
    page.click("#drawer .doc-events li >> nth=0")  # another event of the document: its sentence and fields
    assert page.inner_text("#drawer .doc-text .sentence.hl").startswith("Sweden confirmed")
    assert page.inner_text("#drawer-sentence").startswith("Sweden confirmed")
    page.keyboard.press("Escape")
    assert page.locator("#drawer").is_hidden()


def test_a_place_on_the_map_filters_to_its_area(visit: Visit) -> None:
    page = visit.open()
    page.locator("#map g.place:not(.mention)").filter(has_text="Nuuk (GRL)").locator("circle").first.click()
    visit.settle()
    assert "near Nuuk" in page.inner_text("#chips")
    assert set(table_column(page, 5)) == {"Nuuk"}
    page.click("#chips .chip")
    visit.settle()
    assert page.locator("#chips .chip").count() == 0


def test_timeline_and_map_view_filter_by_clicks(visit: Visit) -> None:
    page = visit.open()
    page.locator("#timeline g.bar").filter(has_text="16 Jan 2026").click()
    visit.settle()
    assert page.input_value("#f-since") == page.input_value("#f-until") == "2026-01-16"
    assert set(table_column(page, 0)) == {"16 Jan 2026"}
    page.click("#reset")
    visit.settle()
    page.click("#map-fit")
    page.click("#map-area")
    visit.settle()
    assert "visible map area" in page.inner_text("#chips")
    assert "min_lat=" in page.evaluate("location.hash")
    assert page.locator("#events tbody tr.row").count() >= 1


def test_markup_in_a_document_shows_as_text(visit: Visit) -> None:
    page = visit.open()
    assert HOSTILE in page.inner_text("#quotes")
    visit.search("forum post")
    page.locator("#events tbody tr.row", has_text=HOSTILE).first.click()
    page.wait_for_selector("#drawer:not([hidden]) .doc-text")
    assert HOSTILE in page.inner_text("#doc-title")
    assert HOSTILE in page.inner_text("#drawer .doc-text")
    assert HOSTILE in page.inner_text("#drawer-sentence")
    assert page.evaluate("document.querySelectorAll('script').length") == 1  # only the dashboard's own module
    assert page.locator("#drawer script, #events script, #quotes script").count() == 0
    assert visit.dialogs == []
    visit.shot("script-as-text.png")


def test_api_docs_load_without_a_cdn(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.base_url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert page.locator(".opblock-summary-path", has_text="/api/events").count() >= 1
    visit.shot("api-docs.png")

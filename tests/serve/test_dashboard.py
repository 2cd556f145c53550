"""The dashboard in a real browser: Playwright driving Debian's chromium.

One store per session: the example corpus and, when ../shared is there, the
295 Wikinews articles, ingested with the model through the CLI, plus the
hand-coded sample documents (one of them hostile).  Set SITREP_DASHBOARD_DB
to a store built that way to reuse it across sessions.  One `sitrep serve`
and one browser serve every test.  Screenshots of every panel, at desktop and
phone size, go to test-output/dashboard/ (git-ignored).  Skipped when
chromium or Playwright is missing.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pytest

from .conftest import HOSTILE, SCREENSHOTS, sample_documents, write_store

if TYPE_CHECKING:  # Playwright is imported by the fixture (importorskip), so the tests skip without it
    from playwright.sync_api import APIResponse, Browser, Dialog, Locator, Page, Route, ViewportSize

Scheme = Literal["light", "dark"]

pytestmark = [pytest.mark.browser, pytest.mark.model]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "dashboard"
CHROMIUM = Path(os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
PANELS = ("timeline-card", "map-card", "network-card", "facets-card", "table-card", "counts-card", "quotes-card",
          "stances-card")
DESKTOP: ViewportSize = {"width": 1440, "height": 1000}
PHONE: ViewportSize = {"width": 390, "height": 844}


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
def dashboard_store(tmp_path_factory: pytest.TempPathFactory, corpus_store: Path) -> Path:
    """Examples + Wikinews (when present) as `sitrep ingest` stores them, plus the hand-coded sample documents."""
    reuse = os.environ.get("SITREP_DASHBOARD_DB")
    if reuse and Path(reuse).exists():
        return Path(reuse)
    path = tmp_path_factory.mktemp("dashboard") / "acceptance.duckdb"
    shutil.copyfile(corpus_store, path)  # the shared session store, plus the hand-coded samples below
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
def chromium(request: pytest.FixtureRequest) -> Iterator[Browser]:
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

    def __init__(self, browser: Browser, base_url: str, viewport: ViewportSize | None = None, scheme: Scheme = "light") -> None:
        self.base_url = base_url
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport=viewport or DESKTOP, color_scheme=scheme)
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str = "/") -> Page:
        self.page.goto(self.base_url + path)
        self.settle()
        return self.page

    def settle(self) -> None:
        """Wait until every view has loaded (the page sets body[data-ready] false while it loads)."""
        self.page.wait_for_selector("body[data-ready=true]", timeout=30000)

    def search(self, text: str) -> None:
        """Type into the text filter and apply it."""
        self.page.fill("#f-q", text)
        self.page.press("#f-q", "Enter")
        self.settle()

    def shot(self, name: str, full_page: bool = False) -> Path:
        path = SHOTS / name
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def panels(self, suffix: str) -> None:
        """A screenshot of every panel, and of the top of the page."""
        self.shot(f"top-{suffix}.png")
        for panel in PANELS:
            self.page.locator(f"#{panel}").screenshot(path=str(SHOTS / f"{panel}-{suffix}.png"))

    def close(self) -> None:
        assert not self.outside, f"requests left the machine: {self.outside}"
        assert not self.errors, f"script errors: {self.errors}"
        self.context.close()


@pytest.fixture
def visit(chromium: Browser, base_url: str) -> Iterator[Visit]:
    session = Visit(chromium, base_url)
    yield session
    session.close()


def number_in(text: str) -> int:
    """The first number in a text such as "1,962 counted events"."""
    return int(re.search(r"[\d,]+", text).group().replace(",", ""))


def table_column(page: Page, index: int) -> list[str]:
    """The text of one column of the event table, whitespace collapsed."""
    cells = page.eval_on_selector_all("#events tbody tr.row", f"rows => rows.map(r => r.children[{index}].innerText)")
    return [" ".join(cell.split()) for cell in cells]


def fetch(page: Page, url: str) -> APIResponse:
    """A GET through the page's own context (same origin, same routing)."""
    return page.request.get(url)


def test_timeline_adds_up_to_the_table_within_the_corpus_dates(visit: Visit) -> None:
    page = visit.open()
    bars = page.eval_on_selector_all("#timeline g.bar", "bars => bars.map(b => Number(b.dataset.events))")
    table = number_in(page.inner_text("#events-count"))
    assert sum(bars) == table > 0  # one counting rule for both
    assert number_in(page.inner_text("#timeline-count")) == table
    overview = fetch(page, f"{visit.base_url}/api/overview").json()
    timeline = fetch(page, f"{visit.base_url}/api/timeline?scope=counted&bucket=auto&limit=1000").json()
    first = min(row["period"] for row in timeline["items"])
    assert overview["document_first_date"][:7] <= first[:7] <= overview["document_last_date"]
    assert "background-dated" in page.inner_text("#left-out")
    assert "Counting rule" in page.inner_text("#rule")
    page.click("#show-background")  # the background events, listed apart
    visit.settle()
    assert number_in(page.inner_text("#events-count")) == timeline["left_out"]["background"]
    page.go_back()
    visit.settle()
    visit.panels("desktop")
    visit.shot("dashboard.png", full_page=True)


def test_phone_layout_has_no_horizontal_overflow(chromium: Browser, base_url: str) -> None:
    schemes: tuple[Scheme, ...] = ("light", "dark")
    for scheme in schemes:
        phone = Visit(chromium, base_url, PHONE, scheme)
        page = phone.open()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        sizes = page.eval_on_selector_all("#timeline text", "els => els.map(e => e.getBoundingClientRect().height)")
        assert min(sizes) >= 8  # axis text keeps a readable size
        if scheme == "light":
            phone.panels("phone")
        else:
            assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(242, 244, 247)"
            phone.shot("top-phone-dark.png")
        phone.close()
    dark = Visit(chromium, base_url, DESKTOP, "dark")
    dark.open()
    dark.shot("dashboard-dark.png", full_page=True)
    dark.close()


def test_exported_csv_of_a_filtered_view_has_x_total_count_rows(visit: Visit) -> None:
    page = visit.open()
    page.click("#f-types summary")
    page.check("#types-body input[value='REJECT']")
    visit.settle()
    assert "type=REJECT" in page.evaluate("location.hash")
    shown = number_in(page.inner_text("#events-count"))
    href = page.get_attribute("#export-menu a[data-table='events'][data-format='csv']", "href")
    assert href is not None
    assert "limit" not in href and "type=REJECT" in href
    response = fetch(page, visit.base_url + href)
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert len(rows) == int(response.headers["x-total-count"]) == shown
    assert {row["plover"] for row in rows} == {"REJECT"}


def test_an_actor_page_opens_from_a_network_node_and_shows_a_name(visit: Visit) -> None:
    page = visit.open()
    labels = page.eval_on_selector_all("#network .node-label", "els => els.map(e => e.textContent)")
    codes = page.eval_on_selector_all("#network g.node", "els => els.map(e => e.getAttribute('data-code'))")
    assert labels and not set(labels) & set(codes)  # names, not codes (a name may be an acronym: UNESCO)
    assert not {"Wikinews", "government (no country)", "civilians (no country)"} & set(labels)
    circles = page.eval_on_selector_all(
        "#network g.node circle", "els => els.map(e => ['cx', 'cy', 'r'].map(a => +e.getAttribute(a)))"
    )
    for i, (x1, y1, r1) in enumerate(circles):  # no node hides another: each can be seen and clicked
        assert all(math.hypot(x1 - x2, y1 - y2) >= r1 + r2 for x2, y2, r2 in circles[i + 1 :])
    node = page.locator("#network g.node").first
    code = node.get_attribute("data-code")
    node.click()
    page.wait_for_selector("#drawer:not([hidden]) #actor-code")
    title = page.inner_text("#doc-title")
    assert page.inner_text("#actor-code") == code and title != code
    visit.shot("actor-page.png")
    page.keyboard.press("Escape")
    page.focus("#network g.node >> nth=1")  # keyboard: a node opens its page with Enter
    page.keyboard.press("Enter")
    page.wait_for_selector("#drawer:not([hidden]) #actor-code")
    page.keyboard.press("Escape")


def test_back_after_a_filter_restores_the_previous_view(visit: Visit) -> None:
    page = visit.open()
    before = page.inner_text("#events-count")
    page.click("#quad-buttons button[value='4']")
    visit.settle()
    assert "quad_class=4" in page.evaluate("location.hash")
    assert page.inner_text("#events-count") != before
    page.click("#network-top")  # still on the dashboard after Back
    page.go_back()
    visit.settle()
    assert page.evaluate("location.hash") == ""
    assert page.inner_text("#events-count") == before
    assert page.get_attribute("#quad-buttons button[value='4']", "aria-pressed") == "false"


def test_a_row_opens_its_sentence_in_the_document(visit: Visit) -> None:
    page = visit.open()
    sentence = "Germany will send 13 soldiers to Nuuk for the exercise."
    visit.search("13 soldiers to Nuuk")
    page.locator("#events tbody tr.row", has_text=sentence).first.click()
    page.wait_for_selector("#drawer:not([hidden]) .doc-text")
    assert page.inner_text("#drawer-sentence") == sentence
    assert page.inner_text("#drawer .doc-text .sentence.hl") == sentence
    assert page.inner_text("#doc-title") == "Sweden and Germany send troops to Greenland"
    visit.shot("sentence.png")
    page.keyboard.press("Escape")
    assert page.locator("#drawer").is_hidden()


def test_sorting_page_size_documents_and_a_period(visit: Visit) -> None:
    page = visit.open("/#since=2026-01-10&until=2026-01-31")
    page.click("#events th[data-sort='goldstein'] button")
    visit.settle()
    scores = [float(v.replace("+", "").replace("–", "nan")) for v in table_column(page, 4)]
    assert scores == sorted(scores, reverse=True)
    page.select_option("#page-size", "25")
    visit.settle()
    assert page.locator("#events tbody tr.row").count() <= 25
    bar = page.locator("#timeline g.bar[data-events]:not([data-events='0'])").first
    bar.focus()
    page.keyboard.press("Enter")  # keyboard access to the timeline: one period
    visit.settle()
    assert page.input_value("#f-since") == page.input_value("#f-until")
    page.click("#reset")
    visit.settle()
    page.click("#tab-documents")
    visit.settle()
    page.fill("#doc-q", "Kangerlussuaq")
    page.press("#doc-q", "Enter")
    visit.settle()
    assert page.locator("#documents tbody tr.row").count() >= 1
    page.locator("#documents tbody tr.row").first.click()
    page.wait_for_selector("#drawer:not([hidden]) .doc-text")
    assert "Kangerlussuaq" in page.inner_text("#drawer .doc-text")


def test_map_places_list_and_unplaced_count(visit: Visit) -> None:
    page = visit.open()
    assert number_in(page.inner_text("#unplaced")) > 0
    assert "have no place" in page.inner_text("#map-count")
    page.locator("#places li button", has_text="Nuuk").first.click()
    visit.settle()
    assert "near Nuuk" in page.inner_text("#chips")
    assert set(table_column(page, 5)) <= {"Nuuk", ""}
    page.click("#chips .chip")
    visit.settle()
    assert page.locator("#chips .chip").count() == 0


def test_markup_in_a_document_shows_as_text(visit: Visit) -> None:
    page = visit.open()
    visit.search(HOSTILE)  # the text filter itself carries markup
    assert HOSTILE in page.inner_text("#quotes")
    page.locator("#events tbody tr.row", has_text=HOSTILE).first.click()
    page.wait_for_selector("#drawer:not([hidden]) .doc-text")
    assert HOSTILE in page.inner_text("#doc-title")
    assert HOSTILE in page.inner_text("#drawer .doc-text")
    assert HOSTILE in page.inner_text("#drawer-sentence")
    assert page.evaluate("document.querySelectorAll('script').length") == 1  # only the dashboard's own module
    assert page.locator("#drawer script, #events script, #quotes script").count() == 0
    assert visit.dialogs == []
    visit.shot("script-as-text.png")


@pytest.mark.parametrize(("path", "ready"), [("/docs", ".swagger-ui .opblock"), ("/redoc", ".api-content")])
def test_api_docs_load_without_a_cdn(visit: Visit, path: str, ready: str) -> None:
    page = visit.page
    page.goto(visit.base_url + path)
    page.wait_for_selector(ready, timeout=30000)
    assert "/api/events" in page.content()
    visit.shot(f"api{path.replace('/', '-')}.png")


def open_first_story(visit: Visit) -> Locator:
    """Switch the table to stories of 2+ articles and open the first with Enter; the page with the story open."""
    page = visit.page
    page.click("#tab-stories")
    visit.settle()
    page.select_option("#story-min", "2")
    visit.settle()
    row = page.locator("#stories tbody tr.row").first
    row.focus()
    page.keyboard.press("Enter")  # keyboard access: a story row opens with Enter
    page.wait_for_selector("#drawer:not([hidden]) #story-reports")
    return row


def test_stories_toggle_opens_a_story_with_its_reports_and_back_returns_to_events(visit: Visit) -> None:
    page = visit.open()
    events = page.inner_text("#events-count")
    row = open_first_story(visit)
    assert "tab=stories" in page.evaluate("location.hash") and "min_articles=2" in page.evaluate("location.hash")
    assert page.locator("#events-wrap").is_hidden() and page.locator("#stories-wrap").is_visible()
    assert page.get_attribute("#tab-stories", "aria-selected") == "true"
    assert "stor" in page.inner_text("#events-count")
    story_id = page.get_attribute("#drawer", "data-story")
    story = fetch(page, f"{visit.base_url}/api/stories/{story_id}").json()
    assert story["articles"] >= 2 and number_in(row.locator("td").nth(5).inner_text()) == story["articles"]
    docs = {e["doc_id"] for e in story["event_list"]}
    assert page.locator("#story-reports > li.report").count() == len(docs) >= 1
    assert {e["doc_title"] for e in story["event_list"]} <= set(page.locator(".report-head").all_inner_texts())
    visit.shot("story-desktop.png")
    first = story["event_list"][0]
    sentence = page.locator(f"#story-reports li.report[data-doc='{first['doc_id']}'] .report-sentence").first
    said = sentence.inner_text().strip()
    sentence.click()
    page.wait_for_selector("#drawer:not([hidden]) .doc-text")
    assert page.inner_text("#drawer .doc-text .sentence.hl").strip() == said == page.inner_text("#drawer-sentence").strip()
    visit.shot("story-sentence.png")
    page.click(".back-to-story")  # back from the sentence to the story page
    page.wait_for_selector("#drawer:not([hidden]) #story-reports")
    page.keyboard.press("Escape")
    page.go_back()  # undoes "2+ articles"
    visit.settle()
    assert "min_articles" not in page.evaluate("location.hash") and page.locator("#stories-wrap").is_visible()
    page.go_back()  # undoes the toggle
    visit.settle()
    assert page.evaluate("location.hash") == ""
    assert page.locator("#events-wrap").is_visible() and page.locator("#stories-wrap").is_hidden()
    assert page.inner_text("#events-count") == events


def test_stories_fit_a_phone_in_light_and_dark(chromium: Browser, base_url: str) -> None:
    for scheme in ("light", "dark"):
        phone = Visit(chromium, base_url, PHONE, scheme)
        page = phone.open("/#tab=stories")
        assert page.locator("#stories tbody tr.row").count() >= 1
        phone.page.locator("#table-card").screenshot(path=str(SHOTS / f"stories-phone-{scheme}.png"))
        open_first_story(phone)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.evaluate("document.getElementById('drawer').scrollWidth") <= PHONE["width"]
        phone.shot(f"story-phone-{scheme}.png")
        phone.close()


def test_stories_take_the_filter_type_and_name_what_they_cannot_apply(visit: Visit) -> None:
    page = visit.open("/#type=ASSAULT&q=airstrike&tab=stories")
    badges = page.eval_on_selector_all("#stories tbody tr.row .badge", "els => els.map(e => e.textContent)")
    assert badges and set(badges) == {"ASSAULT"}
    total = fetch(page, f"{visit.base_url}/api/stories?type=ASSAULT&limit=1").json()["total"]
    assert number_in(page.inner_text("#events-count")) == total
    assert "text" in page.inner_text("#stories-note")  # /api/stories has no text filter: said, not hidden
    assert page.get_attribute("#export-menu a[data-table='stories']", "href").startswith("/api/stories?type=ASSAULT")

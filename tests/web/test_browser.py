"""Browser tests: Debian's chromium, driven by Playwright, against a uvicorn server on 127.0.0.1.

They load the home page, run a job search and narrow it with a filter, open a comparison and check that its
charts rendered (and have text alternatives), check the 390 px phone layout and keyboard use, and fail on
any console error or Content-Security-Policy violation. Screenshots go to screenshots/ (gitignored).

Without /usr/bin/chromium (or the playwright package) the tests are skipped with a message, unless CI is set:
then they must run (`scripts/install-browser-deps.sh` installs chromium). `playwright install` is never used.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from roledex.settings import Settings
from roledex.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _require_browser() -> Any:
    in_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if in_ci:
            pytest.fail(
                "the playwright package is missing: pip install playwright (CI must run browser tests)"
            )
        pytest.skip("browser tests need the playwright package (pip install playwright)")
    if not CHROMIUM.exists():
        if in_ci:
            pytest.fail(
                f"{CHROMIUM} is missing: run scripts/install-browser-deps.sh (CI must run browser tests)"
            )
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM}: run scripts/install-browser-deps.sh"
        )
    return sync_playwright


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _require_browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_in_thread(db: Path) -> Iterator[str]:
    """A uvicorn server for the database on a free port of 127.0.0.1, stopped when the generator closes."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(
        create_app(Settings(db_path=db)), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(browser: Any, web_db: Path) -> Iterator[str]:
    yield from serve_in_thread(web_db)


class Page:
    """A Playwright page that records console errors, page errors and failed requests."""

    def __init__(self, browser: Any, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: m.type in ("error", "warning") and self.problems.append(f"console {m.type}: {m.text}"),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", self._request_failed)

    def _request_failed(self, request: Any) -> None:
        reason = request.failure or ""
        if (
            "ERR_ABORTED" not in reason
        ):  # a request cut short by the next navigation or by closing is no fault
            self.problems.append(f"request failed: {request.url} ({reason})")

    def goto(self, url: str) -> Any:
        response = self.page.goto(url)
        assert response is not None and response.ok, (
            f"{url}: {response.status if response else 'no response'}"
        )
        return response

    def shot(self, name: str, full: bool = True) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full)

    def close(self) -> None:
        self.page.wait_for_load_state("networkidle")
        self.context.close()
        assert self.problems == [], self.problems


@pytest.fixture()
def desktop(browser: Any) -> Iterator[Page]:
    page = Page(browser, DESKTOP)
    yield page
    page.close()


@pytest.fixture()
def phone(browser: Any) -> Iterator[Page]:
    page = Page(browser, PHONE)
    yield page
    page.close()


def test_home_then_a_job_search_narrowed_by_a_filter(desktop: Page, base_url: str) -> None:
    p = desktop.page
    desktop.goto(base_url + "/")
    assert p.locator("h1").inner_text().startswith("Know the role")
    assert p.locator(".stat-tiles li").count() == 4
    desktop.shot("home")
    p.get_by_label("Search jobs").fill("ranking models")
    p.get_by_label("Search jobs").press("Enter")
    p.wait_for_url("**/jobs?q=ranking+models")
    assert p.locator(".job-card").count() > 0
    total_before = p.locator("#results-title").inner_text()
    p.locator(".facet a", has_text="Senior-level / Expert").first.click()
    p.wait_for_url("**/jobs?q=ranking+models&level=SE")
    cards = p.locator(".job-card")
    assert cards.count() > 0
    for i in range(cards.count()):
        assert "Senior-level / Expert" in cards.nth(i).inner_text()
    assert p.locator("#results-title").inner_text() != total_before
    assert p.locator(".chips.removable a", has_text="Senior-level / Expert").count() == 1
    desktop.shot("jobs-search-filtered")
    p.locator(".job-card .job-title a").first.click()
    p.wait_for_url("**/jobs/*")
    assert p.locator("h2", has_text="Skills asked for").count() == 1
    desktop.shot("job-detail")


def test_the_search_form_submits_filters_and_lands_on_a_canonical_url(desktop: Page, base_url: str) -> None:
    p = desktop.page
    desktop.goto(base_url + "/jobs")
    p.get_by_label("Keywords").fill("models")
    p.get_by_label("Role").select_option("data-scientist")
    p.get_by_role("button", name="Search").click()
    p.wait_for_url("**/jobs?q=models&role=data-scientist")  # empty fields dropped by the redirect
    assert p.locator(".job-card").count() > 0


def _check_charts(p: Any, minimum: int) -> int:
    charts = p.locator("figure.chart")
    n = charts.count()
    assert n >= minimum
    for i in range(n):
        figure = charts.nth(i)
        svg = figure.locator(".chart-svg svg")
        box = svg.bounding_box()
        assert box is not None and box["width"] > 150 and box["height"] > 100
        assert svg.locator("path, rect, line").count() > 5  # marks were drawn
        label = figure.locator(".chart-svg").get_attribute("aria-label") or ""
        assert figure.locator(".chart-svg").get_attribute("role") == "img" and len(label) > 20
        assert figure.locator("details table tbody tr").count() > 0  # the numbers as a table
    return n


def test_a_comparison_renders_its_charts_with_text_alternatives(desktop: Page, base_url: str) -> None:
    p = desktop.page
    desktop.goto(base_url + "/compare/ml-engineer@SE-vs-ml-research-engineer")
    assert "vs." in p.locator("h1").inner_text()
    assert _check_charts(p, 4) >= 4
    p.locator("#chart-skills details summary").click()
    assert p.locator("#chart-skills details table").is_visible()
    desktop.shot("compare")


def test_the_phone_layout_has_no_horizontal_scrolling(phone: Page, base_url: str) -> None:
    p = phone.page
    for name, url in [
        ("phone-home", "/"),
        ("phone-jobs", "/jobs?q=models"),
        ("phone-compare", "/compare/data-scientist-vs-data-analyst"),
        ("phone-job", "/jobs/2"),
        ("phone-salaries", "/salaries?title=Research+Engineer&by=level"),
    ]:
        phone.goto(base_url + url)
        width = p.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{url} is {width} px wide"
        phone.shot(name, full=False)
    phone.goto(base_url + "/jobs?q=models")
    results = p.locator(".results").bounding_box()
    facets = p.locator(".facets").bounding_box()
    assert results["y"] < facets["y"]  # on a phone the results come first, the filters after


def test_keyboard_users_can_skip_to_content_and_reach_the_navigation(desktop: Page, base_url: str) -> None:
    p = desktop.page
    desktop.goto(base_url + "/")
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.className") == "skip-link"
    p.keyboard.press("Enter")
    assert p.evaluate("location.hash") == "#main"
    p.keyboard.press("Tab")  # the first focusable element of the main content
    assert p.evaluate("document.activeElement.closest('main') !== null")
    desktop.goto(base_url + "/")
    for _ in range(3):  # skip link, brand, first nav link
        p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.getAttribute('href')") == "/jobs"
    p.keyboard.press("Enter")
    p.wait_for_url("**/jobs")


def test_pages_work_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    p = context.new_page()
    p.goto(base_url + "/jobs")
    p.get_by_label("Keywords").fill("models")
    p.get_by_role("button", name="Search").click()
    p.wait_for_url("**/jobs?q=models")
    assert p.locator(".job-card").count() > 0
    p.goto(base_url + "/compare/data-scientist-vs-data-analyst")
    assert p.locator("figure.chart svg").count() >= 3
    context.close()


@pytest.fixture(scope="module")
def realdata_url(browser: Any, shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a database ingested from a small part of ../shared/data (LinkedIn postings + salaries)."""
    from roledex.analytics.profiles import refresh_aggregates
    from roledex.pipeline.local import ingest_path
    from roledex.store.sqlite import SQLiteStore

    folder = tmp_path_factory.mktemp("realdata-web")
    settings = Settings(db_path=folder / "real.db", workers=1, rejects_dir=folder / "rejects")
    store = SQLiteStore(settings.db_path)
    for path in (
        shared_data / "linkedin-aiml-jobs-usa" / "ai_ml_jobs_linkedin.csv",
        shared_data / "aijobs-salaries" / "salaries.csv",
    ):
        ingest_path(path, store, settings)
    refresh_aggregates(store.conn)
    store.close()
    yield from serve_in_thread(settings.db_path)


@pytest.mark.realdata
@pytest.mark.slow
def test_real_data_comparison_and_search(desktop: Page, realdata_url: str) -> None:
    p = desktop.page
    desktop.goto(realdata_url + "/compare/ml-engineer@SE-vs-ml-research-engineer")
    assert _check_charts(p, 4) >= 4
    assert p.locator("#featured .card").count() > 0
    desktop.shot("real-compare")
    desktop.goto(realdata_url + "/jobs?q=machine+learning&level=SE")
    assert p.locator(".job-card").count() == 20
    desktop.shot("real-jobs", full=False)
    desktop.goto(realdata_url + "/salaries?title=Research+Engineer&by=level")
    assert _check_charts(p, 1) >= 1
    assert "Senior-level / Expert" in p.locator("table.num").first.inner_text()
    desktop.shot("real-salaries")

"""State that never lies (issue 14): whatever the browser restores, the result on show is the
Python core's for the inputs on show.

Each calculator's book page is opened, one input is typed, the reader leaves and comes back:
with the back/forward cache off (Playwright's default) and every response marked
``Cache-Control: no-store`` and the network cache disabled, so the page is loaded again; with
the back/forward cache on, so the page comes back as it was left; and by a reload. Each time,
the inputs on show are read, the Python core works out the headline for them, and the page
must show that headline; the typed value must still be there (the address holds it).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.calculator_cases import (
    CALCULATORS,
    HEADLINE,
    expected_headline,
    shown_inputs,
    type_a_case,
)
from tests.conftest import CHROMIUM, CHROMIUM_ARGS


class _NoStore(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def no_store_url(site) -> Iterator[str]:
    """The site served with every response marked Cache-Control: no-store."""
    handler = functools.partial(_NoStore, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def bfcache_browser(browser):
    """Chromium with the back/forward cache on (Playwright turns it off by default)."""
    launched = browser.browser_type.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield launched
    launched.close()


def check_consistent(page, stem: str, typed_headline: str) -> None:
    _, trait, value = CALCULATORS[stem]
    expect(page.locator(HEADLINE)).to_be_visible()
    inputs = shown_inputs(page, stem)
    assert inputs[trait] == value, f"{stem}: the typed value is gone: {inputs}"
    assert page.locator(HEADLINE).inner_text() == expected_headline(stem, inputs)
    assert page.locator(HEADLINE).inner_text() == typed_headline


def leave_and_come_back(page, url: str, wait_until: str = "load") -> None:
    page.goto(url.rsplit("/book/", 1)[0] + "/book/intro.html")
    page.go_back(wait_until=wait_until)


@pytest.mark.parametrize("stem", sorted(CALCULATORS))
def test_back_with_the_cache_off_shows_the_result_of_the_inputs(
    browser, no_store_url: str, stem: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
        url = f"{no_store_url}/book/calculators/{stem}.html"
        page.goto(url)
        typed = type_a_case(page, stem)
        page.evaluate("window.__leftHere = true")
        leave_and_come_back(page, url)
        assert page.evaluate("window.__leftHere") is None, "the page was loaded again"
        check_consistent(page, stem, typed)
        page.reload()
        check_consistent(page, stem, typed)
    finally:
        context.close()


@pytest.mark.parametrize("stem", sorted(CALCULATORS))
def test_back_from_the_back_forward_cache_shows_the_result_of_the_inputs(
    bfcache_browser, site_url: str, stem: str
) -> None:
    page = bfcache_browser.new_page()
    try:
        url = f"{site_url}/book/calculators/{stem}.html"
        page.goto(url)
        typed = type_a_case(page, stem)
        page.evaluate("window.__leftHere = true")
        leave_and_come_back(page, url, wait_until="commit")
        page.wait_for_function("window.__leftHere === true")  # restored as it was left
        check_consistent(page, stem, typed)
    finally:
        page.close()

"""Every page of the built site works offline and passes axe-core, light and dark (issues 2,
8 and 13), and nothing on a reading page scrolls sideways at 1280 or 375 px (issue 28).

Each page is opened once, with every request outside the site blocked, and checked for
external requests, broken local requests and console errors; axe-core then audits it in light
mode and again after the reader's system switches to dark mode (the
theme follows it, and so do the embed pages), with no serious or critical finding allowed in
either. The page is 1280 px wide; the whole browser's pass over every page, which reads the
server's log, opens them 375 px wide.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, PAGES, requests_answered, serve
from tests.offline import (
    PHONE,
    SIDEWAYS,
    is_reading_page,
    is_redirect_page,
    open_offline,
    settle,
    settle_animations,
    settle_requests,
    track_requests,
)

AXE = Axe()
AXE_OPTIONS = {"resultTypes": ["violations"]}


def serious_violations(page) -> list[str]:
    """axe-core findings of serious or critical impact, one line each."""
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in AXE.run(page, options=AXE_OPTIONS).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_request_outside_the_site_is_stopped_and_recorded(browser) -> None:
    """What the page checks rest on: an outside address, by name or by number, never loads and
    is reported."""
    outside = ["http://example.org/logo.png", "http://203.0.113.9/chart.png"]
    images = "".join(f'<img src="{url}" alt="">' for url in outside)
    page, problems = open_offline(browser, f"data:text/html,{images}", "data:")
    try:
        page.wait_for_function("[...document.images].every(i => i.complete)")
        assert page.evaluate("[...document.images].map(i => i.naturalWidth)") == [0, 0]
        assert problems.external_requests == outside
        # Stopped by the browser's dead proxy, not merely by a machine without a network.
        with page.expect_event("requestfailed") as failed:
            page.evaluate("fetch('http://203.0.113.9/data.json').catch(() => null)")
        assert "ERR_PROXY_CONNECTION_FAILED" in failed.value.failure
    finally:
        page.context.close()


def test_the_audit_reports_serious_findings_in_either_scheme(browser) -> None:
    """What the page checks rest on: a missing alternative text (critical) and grey text on
    white (serious) are reported, and a second run in the same page audits what it shows then."""
    html = (
        "<html lang=en><title>t</title><style>@media (prefers-color-scheme: dark) "
        "{ p { color: #111; background: #000 } }</style><main><img src=x.png>"
        "<p style='color:#ddd;background:#fff'>faint</p><p>dark only</p></main></html>"
    )
    page, _ = open_offline(browser, f"data:text/html,{quote(html)}", "data:")
    try:
        light = serious_violations(page)
        assert [line.split(" ")[0] for line in light] == ["color-contrast", "image-alt"]
        assert "(critical)" in light[1] and "'img'" in light[1]
        page.emulate_media(color_scheme="dark")
        dark = serious_violations(page)
        assert len(dark) == 2 and "p:nth-child(3)" in dark[0], dark
    finally:
        page.context.close()


def test_site_has_pages(site: Path) -> None:
    assert "index.html" in PAGES
    assert "book/intro.html" in PAGES
    assert "book/references.html" in PAGES


# The page's background: dark when its relative luminance is low.
BACKGROUND_LUMINANCE = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g)
    .slice(0, 3).map((v) => { const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


@pytest.mark.parametrize("page_path", PAGES)
def test_page_is_self_contained_and_accessible(browser, site_url: str, page_path: str) -> None:
    page, problems = open_offline(browser, f"{site_url}/{page_path}", site_url)
    try:
        assert page.title(), f"{page_path} has no title"
        assert problems.external_requests == [], f"{page_path} reached outside the site"
        assert problems.failed_requests == [], f"{page_path} has broken local requests"
        assert problems.console_errors == [], f"{page_path} logged console errors"
        assert page.evaluate(BACKGROUND_LUMINANCE) > 0.8, f"{page_path} is not light"
        if is_reading_page(page_path):
            settle(page)
            assert page.evaluate(SIDEWAYS) == [], f"{page_path} scrolls sideways at 1280 px"
        assert serious_violations(page) == [], f"{page_path} has accessibility violations"
        page.emulate_media(color_scheme="dark")
        page.wait_for_function(f"({BACKGROUND_LUMINANCE})() < 0.05")
        # Colour transitions finish before axe measures contrast.
        settle_animations(page)
        assert problems.console_errors == [], f"{page_path} logged console errors in dark mode"
        # Every rule again: dark mode shows other images (the theme's dark logo) and colours.
        dark = serious_violations(page)
        assert dark == [], f"{page_path} has violations in dark mode"
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", ["book/intro.html", "book/references.html"])
def test_page_opens_from_the_file_system(browser, site: Path, page_path: str) -> None:
    """A reader can open the site from a folder, with no server at all."""
    url = (site / page_path).as_uri()
    page, problems = open_offline(browser, url, site.as_uri())
    try:
        assert page.locator("article h1").first.is_visible()
        assert not problems, problems
    finally:
        page.context.close()


def test_no_page_makes_the_browser_ask_for_a_missing_file(browser, site: Path, tmp_path) -> None:
    """Every page and embed page, opened in the whole browser with the network blocked, asks
    the server for nothing it does not have (issue 28). The server's own log is read: the
    browser asks for /favicon.ico by itself (only the whole browser does, not the headless
    shell) for a page that names no icon, a request no page event shows. The site root's
    redirect named none. At a phone's width, each reading page is also checked for anything
    that reaches past the screen's edge or scrolls sideways."""
    log = tmp_path / "requests.log"
    sideways: dict[str, list[str]] = {}
    whole = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        with serve(site, log=log) as url:
            page = whole.new_context(service_workers="block", viewport=PHONE).new_page()
            in_flight = track_requests(page)
            for page_path in PAGES:
                address = f"{url}/{page_path}"
                if is_redirect_page(page, address):  # wait for the page it leads to
                    page.goto(address, wait_until="commit")
                    page.wait_for_url(lambda now, address=address: now != address)
                else:
                    page.goto(address, wait_until="load")
                settle_requests(page, in_flight)
                if is_reading_page(page_path):
                    settle(page)
                    if found := page.evaluate(SIDEWAYS):
                        sideways[page_path] = found
    finally:
        whole.close()
    assert sideways == {}, "scrolls sideways at 375 px"
    answered = requests_answered(log)
    assert {"/index.html", "/embed/washout.html"} <= {path for path, _ in answered}
    assert [(path, status) for path, status in answered if status >= 400] == []
    icons = [path for path, _ in answered if "favicon" in path]
    assert icons and all(path == "/_static/favicon.svg" for path in icons), icons

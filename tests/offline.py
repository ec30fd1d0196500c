"""Open pages with every request outside the site blocked, and record what went wrong."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from playwright.sync_api import expect

LOCAL_SCHEMES = ("data:", "blob:", "about:")
# The windows the browser tests read pages in: a phone held upright, and a desktop.
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


@dataclass
class PageProblems:
    """What one page load did that a self-contained site must not do."""

    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    # Recorded for the tests that forbid them (tests/test_embeds.py), not a problem here.
    console_warnings: list[str] = field(default_factory=list, repr=False)
    # Not a problem: every address the page asked for, from the first request on.
    requested: list[str] = field(default_factory=list, repr=False)

    def __bool__(self) -> bool:
        return bool(self.external_requests or self.failed_requests or self.console_errors)


def open_offline(browser, url: str, site_prefix: str, *others: str, viewport: dict | None = None):
    """Open `url` in a fresh context in which only `site_prefix` (and `others`, such as a course
    page of another origin that embeds the site) is reachable; `viewport` sizes the window from
    the start (the theme animates its sidebar when a loaded page is narrowed).

    Returns the page and a PageProblems record that keeps filling while the page lives.
    """
    problems = PageProblems()
    context = browser.new_context(
        service_workers="block", **({"viewport": viewport} if viewport else {})
    )
    page = context.new_page()

    def on_request(request) -> None:
        # The browser's dead proxy (tests/conftest.py) stops it; here it is recorded.
        problems.requested.append(request.url)
        if not request.url.startswith((site_prefix, *others, *LOCAL_SCHEMES)):
            problems.external_requests.append(request.url)

    page.on("request", on_request)
    def on_console(message) -> None:
        if message.type == "error":
            problems.console_errors.append(message.text)
        elif message.type == "warning":
            problems.console_warnings.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.console_errors.append(str(error)))

    def on_failed(request) -> None:
        # net::ERR_ABORTED is the browser cancelling a request because the page went away (a
        # test's reload or navigation), such as the icon it fetches just after loading; a
        # missing file is an HTTP 404 (below), a server that does not answer another error.
        if request.url.startswith(site_prefix) and request.failure != "net::ERR_ABORTED":
            problems.failed_requests.append(f"{request.url}: {request.failure}")

    page.on("requestfailed", on_failed)

    def on_response(response) -> None:
        if response.url.startswith(site_prefix) and response.status >= 400:
            problems.failed_requests.append(f"{response.url}: HTTP {response.status}")

    page.on("response", on_response)
    in_flight = track_requests(page)
    if is_redirect_page(page, url):  # index.html: wait for the page it leads to
        page.goto(url, wait_until="commit")
        page.wait_for_url(lambda address: address != url, wait_until="load")
    else:
        page.goto(url, wait_until="load")
    settle_requests(page, in_flight)
    return page, problems


def settle_animations(page) -> None:
    """Wait until the theme's transitions have ended (colours after a change of scheme, the
    sidebar drawer after a change of width)."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def is_redirect_page(page, url: str) -> bool:
    """Whether `url` is a meta-refresh page. Asked before opening it: once opened, the browser
    may already be on the next document, still without a body, and the first one's response
    is gone."""
    scheme = urlparse(url).scheme
    if scheme == "file":
        text = Path(url2pathname(urlparse(url).path)).read_text(encoding="utf-8")
    elif scheme in ("http", "https"):
        text = page.request.get(url).text()
    else:  # about:blank, data: and the like
        return False
    return 'http-equiv="refresh"' in text.lower()


def track_requests(page) -> set:
    """The requests `page` has started and not yet finished, kept up to date."""
    in_flight: set = set()
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    return in_flight


def settle_requests(page, in_flight: set, timeout_ms: int = 10_000) -> None:
    """Wait until no request of the page is in flight.

    Playwright's "networkidle" waits a further 500 ms after the last request on every page;
    the pages here finish their requests by the load event or just after, so this returns as
    soon as the last one has answered (a request that has not started by then is not awaited).
    """
    waited = 0
    while in_flight and waited < timeout_ms:
        page.wait_for_timeout(10)
        waited += 10
    assert not in_flight, f"still loading after {timeout_ms} ms: {[r.url for r in in_flight]}"


@contextmanager
def offline_page(browser, url: str, site_prefix: str, viewport: dict | None = None):
    """`open_offline` as a context: yields (page, problems), then fails if the page reached
    outside the site, broke a local request or logged an error, and closes it."""
    page, problems = open_offline(browser, url, site_prefix, viewport=viewport)
    try:
        yield page, problems
        assert not problems, problems
    finally:
        page.context.close()


def one_calculator(page, selector: str):
    """The page's single calculator root, e.g. ``.calc-washout``."""
    calc = page.locator(selector)
    expect(calc).to_have_count(1)
    return calc


WIDGET_STATE = re.compile(
    r'(<script type="application/vnd.jupyter.widget-state\+json">)(.*?)(</script>)', re.S
)


def with_traits(html: str, stem: str, **traits: str) -> str:
    """A page's HTML with `traits` set in the embedded state of its `stem` calculators: how a test
    gives a calculator what no reader types (the schedule's `today`)."""

    def edit(match: re.Match) -> str:
        state = json.loads(match.group(2).replace("<\\/", "</"))
        models = [m["state"] for m in state["state"].values() if m["state"].get("_stem") == stem]
        assert models, f"no {stem} calculator in the page"
        for model in models:
            model.update(traits)
        return match.group(1) + json.dumps(state).replace("</", "<\\/") + match.group(3)

    return WIDGET_STATE.sub(edit, html)


def serve_with_traits(page, url: str, stem: str, **traits: str) -> None:
    """Serve `url` (and its query strings) to `page` with `traits` set, as `with_traits`."""

    def fulfil(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=with_traits(response.text(), stem, **traits))

    page.route(f"{url.split('?')[0]}*", fulfil)


def is_reading_page(page_path: str) -> bool:
    """A page a reader reads (not an embed page, which has its own check in a frame, nor the
    root, which only redirects)."""
    return page_path.startswith("book/") or page_path in ("genindex.html", "search.html")


# HTML elements (SVG content is clipped by its own box) that reach past either edge of the
# viewport, or that scroll sideways inside themselves; hidden ones do not count.
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const shown = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== "hidden" && style.display !== "none" && box.width > 0;
  };
  const found = [];
  if (document.documentElement.scrollWidth > width) {
    found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
  }
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    const name = `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
    if (box.left < -1 || box.right > width + 1) {
      found.push(`${name} spans ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
    const overflowX = getComputedStyle(el).overflowX;
    if (["auto", "scroll"].includes(overflowX) && el.scrollWidth > el.clientWidth + 1) {
      found.push(`${name} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  return found;
}"""


def settle(page) -> None:
    """Wait for what draws after loading (calculators and charts) and for the theme's
    transitions to end (the sidebar slides off a narrow screen)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.vega-chart')].every(c => c.querySelector('svg'))"
    )
    if page.locator(".static-anywidget").count():
        page.wait_for_selector('.static-anywidget [role="status"]:not(:empty)')
    settle_animations(page)

"""First paint from the page alone (issue 28): the rules a page can use at its first paint are
inline, its style sheets load without blocking, and no script in the head blocks; what the
first paint shows is what the page shows once its sheets have arrived."""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path

import pytest
import tinycss2

from tests.conftest import PAGES, ROOT
from tests.offline import DESKTOP, PHONE, offline_page

sys.path.insert(0, str(ROOT / "book" / "_ext"))
from first_paint import _rebase_urls, first_paint_rules  # noqa: E402

SHEET = """
p { margin: 0 }
.used > .also-used { color: red }
.used .absent { color: blue }
.used:hover { color: green }
@media print { .used { display: none } }
@media (max-width: 700px) { .used { padding: 0 } .absent { padding: 1px } }
@keyframes spin { to { transform: rotate(1turn) } }
@font-face { font-family: icons; src: url(../fonts/icons.woff2) }
"""


def test_only_what_the_first_paint_can_use_is_inline() -> None:
    rules = tinycss2.parse_stylesheet(SHEET, skip_comments=True, skip_whitespace=True)
    css = first_paint_rules(rules, {"used", "also-used"})
    assert "p{ margin: 0 }" in css
    assert ".used > .also-used{ color: red }" in css
    assert "@media (max-width: 700px) {.used{ padding: 0 }}" in css
    assert "@font-face" in css
    for gone in [".absent", ":hover", "print", "keyframes"]:
        assert gone not in css, gone


def test_inline_addresses_are_made_relative_to_the_page() -> None:
    css = "@font-face{src:url(../vendor/a.woff2)}x{background:url('data:image/png;base64,AA')}"
    rebased = _rebase_urls(css, "../../_static/styles/theme.css?digest=1")
    assert "url(../../_static/vendor/a.woff2)" in rebased
    assert "url('data:image/png;base64,AA')" in rebased


HEAD = re.compile(r"<head>(.*?)</head>", re.S)
NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.S)
BOOK_PAGES = [p for p in PAGES if p.startswith("book/")] or ["(no built site)"]


@pytest.mark.parametrize("page_path", BOOK_PAGES)
def test_nothing_in_the_head_blocks_the_first_paint(site: Path, page_path: str) -> None:
    head = NOSCRIPT.sub("", HEAD.search((site / page_path).read_text(encoding="utf-8"))[1])
    assert "<style>" in head
    for link in re.findall(r"<link\b[^>]*rel=\"stylesheet\"[^>]*>", head):
        assert 'media="print"' in link and "data-later" in link, link
    for script in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head):
        assert re.search(r"\b(defer|async)\b", script), script


# Pixels that differ between two screenshots of the same size (a channel by more than 10).
DIFFERENT_PIXELS = """async ([a, b]) => {
  const load = (src) => new Promise((done) => {
    const image = new Image(); image.onload = () => done(image); image.src = src; });
  const images = [await load(a), await load(b)];
  const canvas = document.createElement('canvas');
  canvas.width = images[0].width; canvas.height = images[0].height;
  const context = canvas.getContext('2d');
  const pixels = images.map((image) => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0);
    return context.getImageData(0, 0, canvas.width, canvas.height).data;
  });
  let count = 0;
  for (let i = 0; i < pixels[0].length; i++) {
    if (Math.abs(pixels[0][i] - pixels[1][i]) > 10) count++;
  }
  return count;
}"""


def screenshot(browser, url: str, site_url: str, viewport: dict, scheme: str, sheets: bool):
    with offline_page(browser, url, site_url, viewport=viewport) as (page, _):
        page.emulate_media(color_scheme=scheme)
        if not sheets:  # the page as it first paints: the sheets off, as before they arrive
            page.evaluate("document.querySelectorAll('link[data-later]')"
                          ".forEach((l) => { l.media = 'print'; })")
        else:
            page.wait_for_function("[...document.querySelectorAll('link[data-later]')]"
                                   ".every((l) => l.media === 'all')")
        if page.locator(".static-anywidget").count():
            page.wait_for_selector('.static-anywidget [role="status"]:not(:empty)')
        page.evaluate("document.getAnimations().forEach((a) => a.finish())")
        return "data:image/png;base64," + base64.b64encode(page.screenshot()).decode()


@pytest.mark.parametrize("page_path", [
    "book/sources/sources-ema.html",
    "book/compare/compare-pregnancy.html",
    "book/calculators/washout.html",
])
@pytest.mark.parametrize("viewport, scheme", [(PHONE, "light"), (DESKTOP, "dark")])
def test_the_first_paint_is_the_page_as_it_stays(
    browser, site_url: str, page_path: str, viewport: dict, scheme: str
) -> None:
    url = f"{site_url}/{page_path}"
    first = screenshot(browser, url, site_url, viewport, scheme, sheets=False)
    final = screenshot(browser, url, site_url, viewport, scheme, sheets=True)
    context = browser.new_context()
    try:
        assert context.new_page().evaluate(DIFFERENT_PIXELS, [first, final]) == 0
    finally:
        context.close()

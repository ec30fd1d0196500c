"""Every calculator works with the keyboard alone, fits a 375-pixel screen, and never turns
text a reader types or puts in the URL into HTML (issue 8). Runs on the built site with the
network blocked, for every standalone calculator page the build wrote (embed/*.html)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import SITE
from tests.offline import PHONE, open_offline

EMBEDS = sorted(p.stem for p in (SITE / "embed").glob("*.html")) or ["(no built site)"]
PAYLOAD = '<img src=x onerror="window.__injected=1">'
STATUS = '.static-anywidget [role="status"]'


def url_params(site: Path, stem: str) -> list[str]:
    """The inputs an embed page takes from its URL, read from the state the build embedded."""
    html = (site / "embed" / f"{stem}.html").read_text(encoding="utf-8")
    state = re.search(r'widget-state\+json">(.*?)</script>', html, re.S).group(1)
    return json.loads(state.replace("<\\/", "</"))["state"]["embed"]["state"]["_url_params"]


def book_page(stem: str) -> str:
    return f"book/calculators/{stem}.html"


def test_every_calculator_has_an_embed_page(site: Path) -> None:
    assert {"washout", "contraception", "trials"} <= set(EMBEDS)


@pytest.mark.parametrize("stem", EMBEDS)
def test_keyboard_alone_reaches_every_input_and_changes_the_result(
    browser, site: Path, stem: str
) -> None:
    page, problems = open_offline(browser, (site / "embed" / f"{stem}.html").as_uri(),
                                  site.as_uri())
    try:
        page.wait_for_selector(f"{STATUS}:not(:empty)")
        controls = page.locator(".static-anywidget input:visible, .static-anywidget select:visible")
        wanted = set(controls.evaluate_all("els => els.map(el => el.id)"))
        reached = []
        for _ in range(len(wanted) + 12):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.id"))
        assert wanted <= set(reached), f"Tab never reaches {wanted - set(reached)}"
        # Focus the first text or date field by keyboard and replace its value by typing.
        first = next(i for i in reached if page.locator(f"#{i}").evaluate(
            "el => el.tagName === 'INPUT'"))
        page.keyboard.press("Shift+Tab")
        while page.evaluate("document.activeElement.id") != first:
            page.keyboard.press("Tab")
        before = page.locator(STATUS).inner_text()
        kind = page.locator(f"#{first}").get_attribute("type")
        page.keyboard.press("Control+a")
        page.keyboard.type("2031-07-31" if kind == "date" else "0.5")
        page.keyboard.press("Tab")
        assert page.locator(STATUS).inner_text() != before
        assert not problems, problems
    finally:
        page.context.close()


@pytest.mark.parametrize("stem", EMBEDS)
@pytest.mark.parametrize("where", ["embed", "book"])
def test_fits_a_375_pixel_screen(browser, site: Path, stem: str, where: str) -> None:
    path = f"embed/{stem}.html" if where == "embed" else book_page(stem)
    page, problems = open_offline(browser, (site / path).as_uri(), site.as_uri(), viewport=PHONE)
    try:
        page.wait_for_selector(f"{STATUS}:not(:empty)")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
        widget = page.locator(".static-anywidget").first
        assert widget.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    finally:
        page.context.close()


@pytest.mark.parametrize("stem", EMBEDS)
def test_markup_in_the_url_or_an_input_is_shown_as_text(browser, site: Path, stem: str) -> None:
    query = "&".join(f"{name}={PAYLOAD}" for name in url_params(site, stem))
    url = f"{(site / 'embed' / f'{stem}.html').as_uri()}?{query}"
    page, _ = open_offline(browser, url, site.as_uri())
    try:
        page.wait_for_selector(f"{STATUS}:not(:empty)")
        for field in page.locator(".static-anywidget input:visible").all():
            if field.get_attribute("type") in (None, "text", "search", "number"):
                field.fill(PAYLOAD)
        page.wait_for_timeout(100)
        assert page.evaluate("window.__injected") is None
        assert page.locator(".static-anywidget img").count() == 0
        assert page.locator(STATUS).inner_text().strip(), "an error must be a sentence"
    finally:
        page.context.close()


# Values a hostile or careless link may carry (issue 16): prototype names, numbers beyond any
# range, invisible characters, a date far in the future.
ODD_URL_VALUES = [
    "__proto__", "constructor", "toString", "1e308", "NaN", "-Infinity", "39%",
    "\ufeff2026-01-12", "9990-01-01", "0001-01-01",
]
MACHINE_TEXT = re.compile(r"NaN|Infinity|undefined|\[object|\de[+-]?\d|function ")


@pytest.mark.parametrize("stem", EMBEDS)
def test_odd_url_values_give_sentences_not_machine_text(browser, site: Path, stem: str) -> None:
    """No prototype name, NaN, Infinity or exponent reaches the page, and nothing freezes it."""
    names = url_params(site, stem)
    page, problems = open_offline(browser, "about:blank", site.as_uri())
    try:
        for value in ODD_URL_VALUES:
            query = "&".join(f"{name}={quote(value)}" for name in names)
            page.goto(f"{(site / 'embed' / f'{stem}.html').as_uri()}?{query}")
            page.wait_for_selector(f"{STATUS}:not(:empty)", timeout=5000)
            shown = page.locator(".static-anywidget").inner_text()
            # What the reader typed may be echoed in quotes; the rest must read as ours.
            ours = re.sub(r"[“'][^”'\n]*[”']", "", shown)
            found = MACHINE_TEXT.search(ours)
            assert not found, f"{value!r}: {found} in {ours}"
        assert problems.console_errors == []
    finally:
        page.context.close()

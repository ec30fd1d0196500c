"""The site can be navigated at every width, by mouse and by keyboard (issue 13).

The buttons a reader sees are the ones in the article header; the theme once bound its
handlers to hidden copies of them in a header bar, so clicking did nothing. These tests click
and press the visible buttons at 375 and 1280 px and check what appears.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import PAGES
from tests.offline import DESKTOP, PHONE, offline_page

TEXT_PAGE = "book/sources/sources-ema.html"
PRIMARY = ".bd-header-article .primary-toggle"
SECONDARY = ".bd-header-article .secondary-toggle"
NAV_DIALOG = "#pst-primary-sidebar-modal"
TOC_DIALOG = "#pst-secondary-sidebar-modal"
BOOK_PAGES = [p for p in PAGES if p.startswith("book/")]


def is_open(page, dialog: str) -> bool:
    return page.locator(dialog).evaluate("d => d.open")


def press(page, selector: str, key: str) -> None:
    """Move the keyboard focus onto the control and press a key, as a keyboard user does."""
    page.locator(selector).focus()
    page.keyboard.press(key)


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_navigation_opens_at_375_px_and_reaches_every_page(
    browser, site_url: str, how: str
) -> None:
    with offline_page(browser, f"{site_url}/{TEXT_PAGE}", site_url, viewport=PHONE) as (page, _):
        assert page.locator(PRIMARY).is_visible()
        assert not is_open(page, NAV_DIALOG)
        if how == "mouse":
            page.locator(PRIMARY).click()
        else:
            press(page, PRIMARY, "Enter")
        assert is_open(page, NAV_DIALOG)
        nav = page.locator(f"{NAV_DIALOG} nav.bd-docs-nav")
        assert nav.is_visible()
        linked = set(nav.locator("a[href]").evaluate_all(
            "els => els.map(a => new URL(a.href).pathname.replace(/^\\//, ''))"))
        assert set(BOOK_PAGES) - {"book/intro.html"} <= linked | {TEXT_PAGE}
        page.keyboard.press("Escape")
        assert not is_open(page, NAV_DIALOG)
        # A reader can go on to another page from the drawer.
        page.locator(PRIMARY).click()
        page.locator(f"{NAV_DIALOG} a", has_text="Compare the Sources").click()
        page.wait_for_url("**/book/compare/index.html")


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_page_contents_open_at_375_px(browser, site_url: str, how: str) -> None:
    with offline_page(browser, f"{site_url}/{TEXT_PAGE}", site_url, viewport=PHONE) as (page, _):
        assert page.locator(SECONDARY).is_visible()
        if how == "mouse":
            page.locator(SECONDARY).click()
        else:
            press(page, SECONDARY, "Space")
        assert is_open(page, TOC_DIALOG)
        assert page.locator(f"{TOC_DIALOG} nav.page-toc a").first.is_visible()
        page.keyboard.press("Escape")
        assert not is_open(page, TOC_DIALOG)


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_sidebar_collapses_and_returns_at_1280_px(browser, site_url: str, how: str) -> None:
    with offline_page(browser, f"{site_url}/{TEXT_PAGE}", site_url, viewport=DESKTOP) as (page, _):
        page.emulate_media(reduced_motion="reduce")
        sidebar = page.locator("#pst-primary-sidebar")
        links = sidebar.locator("nav.bd-docs-nav")
        assert links.is_visible()
        for expected in (False, True):
            if how == "mouse":
                page.locator(PRIMARY).click()
            else:
                press(page, PRIMARY, "Enter")
            page.wait_for_function(
                "visible => (getComputedStyle(document.querySelector('#pst-primary-sidebar'))"
                ".visibility === 'visible') === visible", arg=expected)
            assert not is_open(page, NAV_DIALOG), "at 1280 px the button collapses, not pops up"
        # The page contents stay beside the text at this width.
        assert page.locator("#pst-secondary-sidebar nav.page-toc").is_visible()


@pytest.mark.parametrize("width", [375, 1280])
def test_one_search_box(browser, site_url: str, width: int) -> None:
    """One search control at each width (the theme showed two at 1280 px), and it works."""
    with offline_page(
        browser, f"{site_url}/{TEXT_PAGE}", site_url, viewport={**DESKTOP, "width": width}
    ) as (page, _):
        controls = page.locator(".search-button__button:visible, form.bd-search:visible")
        assert controls.count() == 1
        controls.first.click()
        field = page.locator("#pst-search-dialog input[name=q]")
        assert field.is_visible()
        field.fill("washout")
        field.press("Enter")
        page.wait_for_url("**/search.html?q=washout*")


def test_hidden_header_buttons_are_gone(site: Path) -> None:
    """The visible buttons are the first (and only) of their kind, so the theme's scripts,
    which bind to the first, bind to them."""
    html = (site / TEXT_PAGE).read_text(encoding="utf-8")
    # The style rules inline in the head (first_paint.py) name the classes too.
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    header = html.split('id="pst-header"', 1)[1].split("</header>", 1)[0]
    assert "<button" not in header
    assert html.count("primary-toggle") == 1
    assert html.count("secondary-toggle") == 1

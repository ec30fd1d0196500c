"""Pages on paper (issue 28): a calculator prints its inputs, its answer with its sources and the
date on one A4 sheet, without the page around it; other pages print their content only; links
print their address; dark mode prints dark on white. Printed with Chromium's print to PDF."""

from __future__ import annotations

import datetime
import re

import pytest

from tests.offline import offline_page

# Page objects in Chromium's PDF (its page tree is written uncompressed): one per sheet.
PDF_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")
ONE_SHEET = ["washout", "contraception", "trials"]
STATUS = '.static-anywidget [role="status"]:not(:empty)'
# A4 less the margins book.css sets (@page: 10 mm top, 12 mm sides, 11 mm bottom), in CSS px.
SHEET = {"width": round((210 - 24) / 25.4 * 96), "height": round((297 - 21) / 25.4 * 96)}
SHOWN = "el => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0"


def sheets(page) -> int:
    return len(PDF_PAGE.findall(page.pdf(format="A4")))


def today() -> str:
    day = datetime.date.today()
    return f"{day.day} {day:%B %Y}"


def test_the_pdf_page_count_counts_sheets(browser) -> None:
    """What the counts below rest on: one sheet of text, and three when forced."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content("<p>one</p>")
        assert sheets(page) == 1
        page.set_content("<p>one</p>" + "<p style='break-before: page'>more</p>" * 2)
        assert sheets(page) == 3
    finally:
        context.close()


@pytest.mark.parametrize("stem", ONE_SHEET)
def test_a_calculator_prints_its_answer_on_one_sheet(browser, site_url: str, stem: str) -> None:
    url = f"{site_url}/book/calculators/{stem}.html"
    with offline_page(browser, url, site_url) as (page, _):
        page.wait_for_selector(STATUS)
        assert sheets(page) == 1, f"{stem} prints on more than one A4 sheet"


@pytest.mark.parametrize("stem", [*ONE_SHEET, "schedule"])
def test_a_printed_calculator_is_its_inputs_answer_sources_and_date(
    browser, site_url: str, stem: str
) -> None:
    url = f"{site_url}/book/calculators/{stem}.html"
    with offline_page(browser, url, site_url, viewport=SHEET) as (page, _):
        page.wait_for_selector(STATUS)
        page.emulate_media(media="print")
        calc = page.locator(".calc")
        # The sources: a link to a source's chapter beside a statement, or a list of them (the
        # trials' papers).
        for part in ["input, select", '[role="status"]',
                     "a[href*='sources/sources-'], .calc-citations li",
                     ".calc-disclaimer"]:
            shown = calc.locator(part).evaluate_all(f"els => els.some({SHOWN})")
            assert shown, f"{stem}: {part} is not printed"
        stamp = page.locator(".print-stamp")
        assert stamp.evaluate(SHOWN)
        assert stamp.inner_text().startswith(f"Printed on {today()} from {url}")
        for gone in ["#jb-print-toc", ".calc-share", "#for-educators", "#the-rules",
                     ".bd-sidebar-primary", ".prev-next-area", ".bd-header"]:
            hidden = page.locator(gone).evaluate_all(f"els => !els.some({SHOWN})")
            assert hidden, f"{stem}: {gone} is printed"
        assert page.locator(".bd-article button").evaluate_all(f"els => !els.some({SHOWN})")
        # The answer, with its sources, ends on the first sheet (the schedule's table follows).
        status = calc.locator('[role="status"]').bounding_box()
        assert status["y"] + status["height"] <= SHEET["height"], f"{stem}: answer off sheet 1"


def test_the_date_printed_is_the_day_of_printing(browser, site_url: str) -> None:
    """The line is filled again just before printing: a page left open overnight prints the
    day it is printed on."""
    url = f"{site_url}/book/compare/compare-pregnancy.html"
    with offline_page(browser, url, site_url) as (page, _):
        page.evaluate("document.querySelector('.print-stamp').textContent = 'stale'")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator(".print-stamp").inner_text() == f"Printed on {today()} from {url}"
        assert not page.locator(".print-stamp").evaluate(SHOWN), "the line shows on screen"


def test_a_comparison_page_prints_its_content_with_the_overview_whole(
    browser, site_url: str
) -> None:
    url = f"{site_url}/book/compare/compare-pregnancy.html"
    with offline_page(browser, url, site_url, viewport=SHEET) as (page, _):
        page.emulate_media(media="print")
        glance = page.locator("table.glance-table")
        assert glance.evaluate(SHOWN)
        assert glance.evaluate("t => getComputedStyle(t).breakInside") == "avoid"
        assert glance.locator("tbody tr").evaluate_all(f"rows => rows.every({SHOWN})")
        assert page.locator("section.compare-block").evaluate_all(f"els => els.every({SHOWN})")
        for gone in ["#jb-print-toc", ".bd-sidebar-primary", ".bd-sidebar-secondary",
                     ".prev-next-area", ".bd-header-article"]:
            assert page.locator(gone).evaluate_all(f"els => !els.some({SHOWN})"), gone
        assert sheets(page) <= 3


AFTER = "a => getComputedStyle(a, '::after').content"


def test_links_print_their_address_once(browser, site_url: str) -> None:
    """A DOI link prints its address after it; a link whose text is its address (a source
    card's) does not print it twice."""
    kinds = set()
    for path in ["book/references.html", "book/sources/sources-ema.html"]:
        with offline_page(browser, f"{site_url}/{path}", site_url) as (page, _):
            page.emulate_media(media="print")
            for link in page.locator(".bd-article a[href^='http']").all():
                href, text = link.get_attribute("href"), link.inner_text().strip()
                after = link.evaluate(AFTER)
                if text == href:
                    assert after == "none", href
                    kinds.add("same")
                else:
                    assert after == f'" ({href})"', (href, after)
                    kinds.add("address")
            page.emulate_media(media="screen")
            assert page.locator(".bd-article a[href^='http']").first.evaluate(AFTER) == "none"
    assert kinds == {"same", "address"}


def test_a_page_in_dark_mode_prints_dark_text_on_white(browser, site_url: str) -> None:
    url = f"{site_url}/book/calculators/washout.html"
    with offline_page(browser, url, site_url) as (page, _):
        page.emulate_media(color_scheme="dark")
        page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
        screen = page.evaluate("getComputedStyle(document.body).color")
        page.emulate_media(media="print", color_scheme="dark")
        printed = page.evaluate("getComputedStyle(document.body).color")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert screen != printed
    dark_text = [int(v) for v in re.findall(r"\d+", printed)[:3]]
    assert max(dark_text) < 80, printed
    assert [int(v) for v in re.findall(r"\d+", background)[:3]] == [255, 255, 255], background

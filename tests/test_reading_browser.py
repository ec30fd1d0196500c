"""The comparison pages, discrepancies, ledger and calculators as readers meet them (issue 12):
a chart follows a window narrowed to a phone's width, a reviewer reaches ledger rows and
bibliography entries in one click, and the ledger filter works by keyboard. Every page passes
axe in light and dark mode, and scrolls nothing sideways at 1280 and 375 px, in
test_site_offline (issue 28). Runs on the built site with the network blocked."""

from __future__ import annotations

import pytest

from alemtuzumab_kb import currency
from alemtuzumab_kb.facts import load_facts
from tests.offline import DESKTOP, PHONE, SIDEWAYS, offline_page, settle

FACTS = load_facts()

@pytest.mark.parametrize(
    "page_path", ["book/compare/timeline.html", "book/calculators/schedule.html"]
)
def test_a_chart_follows_a_window_narrowed_to_375_pixels(
    browser, site_url: str, page_path: str
) -> None:
    """The pages with a chart, opened wide and then narrowed (a phone turned upright)."""
    with offline_page(browser, f"{site_url}/{page_path}", site_url) as (page, _):
        page.set_viewport_size(PHONE)
        settle(page)
        page.wait_for_timeout(200)  # the chart redraws for the new width
        assert page.evaluate(SIDEWAYS) == [], page_path


def test_every_statement_reaches_its_ledger_row_in_one_click(browser, site_url: str) -> None:
    with offline_page(browser, f"{site_url}/book/compare/compare-switching.html", site_url) as (
        page, _
    ):
        link = page.locator(".ledger-link a").nth(2)
        claim_id = link.get_attribute("href").split("#")[1]
        link.click()
        page.wait_for_url(f"**/reviewers/ledger.html#{claim_id}")
        row = page.locator(f"tr[id='{claim_id}']")
        assert row.evaluate("row => row.matches(':target')")
        assert row.is_visible()
        assert row.evaluate(
            "row => getComputedStyle(row).backgroundColor !== 'rgba(0, 0, 0, 0)'"
        ), "the row arrived at is highlighted"
        # From the row, the chapter section and the bibliography entry are one click each.
        assert row.locator("a[href*='sources/sources-']").count() == 1
        assert row.locator("a[href*='references.html#']").count() == 1


def test_bibliography_entry_arrived_at_is_highlighted(browser, site_url: str) -> None:
    url = f"{site_url}/book/compare/compare-switching.html"
    with offline_page(browser, url, site_url) as (page, _):
        page.locator("span.bibtex-citation a").first.click()
        page.wait_for_url("**/references.html#*")
        target = page.locator("div.citation:target")
        assert target.count() == 1
        colours = page.evaluate("""() => [...document.querySelectorAll('div.citation')].map(
            c => getComputedStyle(c).backgroundColor)""")
        assert len(set(colours)) == 2, "only the entry arrived at is highlighted"


def test_ledger_filter_by_keyboard(browser, site_url: str) -> None:
    with offline_page(browser, f"{site_url}/book/reviewers/ledger.html", site_url) as (page, _):
        box = page.get_by_label("Filter the claims")
        rows = page.locator("table.ledger-table tbody tr")
        total = rows.count()
        assert total == len(FACTS.claims)
        box.focus()
        page.keyboard.type("norwegian dhpc")
        dhpc = sum(claim.source == "dhpc" for claim in FACTS.claims)
        assert page.locator("table.ledger-table tbody tr:visible").count() == dhpc
        count = page.locator(".ledger-filter-count")
        assert count.inner_text() == f"{dhpc} of {total} claims shown"
        hidden_topics = page.locator("article section:has(table.ledger-table):not(:visible)")
        silent_topics = {t.id for t in FACTS.topics} - {
            FACTS.topic_of(c.question).id for c in FACTS.claims if c.source == "dhpc"
        }
        assert hidden_topics.count() == len(silent_topics)
        claim = next(  # an id no other id contains
            c for c in FACTS.claims if not any(c.id in o.id for o in FACTS.claims if o is not c)
        )
        page.keyboard.press("Control+a")
        page.keyboard.type(claim.id)
        visible = page.locator("table.ledger-table tbody tr:visible")
        assert visible.count() == 1
        assert visible.get_attribute("id") == claim.id
        page.keyboard.press("Control+a")
        page.keyboard.press("Backspace")
        assert page.locator("table.ledger-table tbody tr:visible").count() == total
        assert count.inner_text() == ""


def _status(claim) -> str:
    note = currency.question_note(FACTS, claim.source, claim.question)
    return note.status if note else "current"


def test_ledger_filters_by_source_strength_and_status_and_keeps_them_in_the_address(
    browser, site_url: str,
) -> None:
    """Opened from an address that names a source and a strength, at phone width: only those
    rows show; a status chosen by keyboard narrows them further and joins the address, so that
    the filtered ledger opens the same from a link."""
    url = f"{site_url}/book/reviewers/ledger.html?source=dhpc&strength=must"
    with offline_page(browser, url, site_url, viewport=PHONE) as (page, _):
        visible = page.locator("table.ledger-table tbody tr:visible")
        dhpc_must = [c for c in FACTS.claims if c.source == "dhpc" and c.strength == "must"]
        assert visible.count() == len(dhpc_must)
        assert page.get_by_label("Source", exact=True).input_value() == "dhpc"
        status = page.get_by_label("Still current?")
        status.focus()
        page.keyboard.type("Out of")  # the keyboard picks the option by its first letters
        expected = [c.id for c in dhpc_must if _status(c) == "out of date"]
        assert 0 < len(expected) < len(dhpc_must), "the status narrows the rows"
        assert sorted(visible.evaluate_all("rows => rows.map(r => r.id)")) == sorted(expected)
        assert "currency=out-of-date" in page.url and "source=dhpc" in page.url
        count = page.locator(".ledger-filter-count").inner_text()
        assert count == f"{len(expected)} of {len(FACTS.claims)} claims shown"
        box = page.locator(".ledger-filter").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        linked = page.url
    with offline_page(browser, linked, site_url, viewport=DESKTOP) as (page, _):
        visible = page.locator("table.ledger-table tbody tr:visible")
        assert sorted(visible.evaluate_all("rows => rows.map(r => r.id)")) == sorted(expected)
        assert page.get_by_label("Still current?").input_value() == "out-of-date"


def test_overview_opens_a_block_by_keyboard(browser, site_url: str) -> None:
    with offline_page(browser, f"{site_url}/book/compare/compare-monitoring.html", site_url) as (
        page, _
    ):
        link = page.locator("table.glance-table tbody a").nth(1)
        target = link.get_attribute("href")
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/compare-monitoring.html{target}")
        assert page.locator(f"section{target}").is_visible()

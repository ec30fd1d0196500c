"""The washout calculator on the built site, network blocked: book page and standalone page.

Reads tests/vectors/washout.json, so the browser answers are checked against the same hand-worked
values as the Python core and the node tests.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import expect

from tests.conftest import read_vectors
from tests.offline import offline_page, one_calculator, open_offline

VECTORS = read_vectors("washout")
CASES = VECTORS["cases"]
BOOK_PAGE = "book/calculators/washout.html"
EMBED_PAGE = "embed/washout.html"
# Values a date input accepts as typed: a real YYYY-MM-DD date, or nothing.
FILLABLE = [c for c in CASES if c["last_dose"] == "" or c.get("error") not in
            {"impossible-date", "date-format"}]


@pytest.fixture()
def book(browser, site_url):
    with offline_page(browser, f"{site_url}/{BOOK_PAGE}", site_url) as opened:
        yield opened


def _calc(page):
    return one_calculator(page, ".calc-washout")


def _enter(calc, prior: str, last_dose: str) -> None:
    calc.get_by_label("Therapy stopped").fill(prior)
    calc.get_by_label("Date of the last dose").fill(last_dose)


def _check(calc, case: dict) -> None:
    status = calc.get_by_role("status")
    if "error" in case:
        expect(status).to_have_class("calc-status calc-error")
        message = re.escape(case.get("message_contains", "enter"))
        expect(status).to_contain_text(re.compile(message, re.IGNORECASE))
        return
    expect(status).not_to_have_class("calc-status calc-error")
    expected = case["expected"]
    for name in ("earliest_start", "latest_start"):
        if name not in expected:
            continue
        cell = calc.locator(f'[data-result="headline"] [data-result="{name}"]')
        if expected[name] is None:
            expect(cell).to_have_count(0)
        else:
            expect(cell).to_have_attribute("data-value", expected[name])
    if "summary" in expected:
        expect(calc.locator('[data-result="summary"]')).to_have_text(expected["summary"])
    if "headline" in expected:
        expect(calc.locator('[data-result="headline"]')).to_have_text(expected["headline"])
    if "claims" in expected:
        claims = calc.locator(".calc-rules li").evaluate_all("els => els.map(e => e.dataset.claim)")
        assert claims == expected["claims"]


def test_book_page_answers_every_vector_as_you_type(book) -> None:
    page, _ = book
    calc = _calc(page)
    assert len(FILLABLE) >= 15
    for case in FILLABLE:
        _enter(calc, case["prior"], case["last_dose"])
        _check(calc, case)


def test_book_page_answers_first_then_month_end_and_caveats(book) -> None:
    page, _ = book
    calc = _calc(page)
    status = calc.get_by_role("status")
    # The headline comes first in the result, as one line with the date.
    expect(status.locator(":scope > *").first).to_have_attribute("data-result", "headline")
    _enter(calc, "Gilenya 0.5 mg", "2026-12-31")
    expect(calc.locator('time[data-result="earliest_start"]')).to_have_attribute(
        "datetime", "2027-02-28"
    )
    expect(calc.locator('[data-result="headline"]')).to_have_text(
        "Earliest start of alemtuzumab: 28 February 2027"
    )
    caveat = status.locator(".calc-caveat")
    expect(caveat).to_contain_text("Translation uncertain")
    expect(caveat.locator("em")).to_have_text("Wash-out under 2 månader")
    # The natalizumab latest start is our reading of the guideline's range: it says so.
    _enter(calc, "Tysabri", "2026-12-31")
    expect(calc.locator('time[data-result="latest_start"]')).to_have_text("31 March 2027")
    expect(status.locator(".calc-caveat")).to_have_count(1)
    expect(status.locator(".calc-caveat")).to_contain_text("2-3 months")
    expect(status.locator(".calc-caveat")).to_contain_text("window")


def test_book_page_asks_did_you_mean_for_a_slip_not_the_list_of_names(book) -> None:
    page, _ = book
    calc = _calc(page)
    _enter(calc, "Gilenia", "2026-01-31")
    status = calc.get_by_role("status")
    expect(status).to_have_class("calc-status calc-error")
    expect(status).to_have_text(
        "'Gilenia' is not a therapy this calculator knows. Did you mean Gilenya?"
    )
    _enter(calc, "natlizumab", "2026-01-31")
    expect(status).to_contain_text("Did you mean natalizumab or daclizumab?")
    assert "Mavenclad" not in status.inner_text()


def test_book_page_explains_a_date_typed_by_hand_that_does_not_exist(book) -> None:
    page, _ = book
    calc = _calc(page)
    date = calc.get_by_label("Date of the last dose")
    date.fill("")
    date.focus()
    date.press_sequentially("02302026")  # 30 February 2026, typed month, day, year (en-US)
    status = calc.get_by_role("status")
    expect(status).to_have_class("calc-status calc-error")
    expect(status).to_contain_text("not a real date")
    date.press("Tab")
    expect(status).to_contain_text("Enter a real calendar date")
    date.fill("2026-01-31")
    expect(status).not_to_have_class("calc-status calc-error")


def test_book_page_links_each_rule_to_its_chapter_section(book, site_url) -> None:
    page, _ = book
    calc = _calc(page)
    _enter(calc, "fingolimod", "2026-01-31")
    link = calc.locator(".calc-rules a").first
    expect(link).to_have_text("Swedish guideline")
    link.click()
    page.wait_for_url(f"{site_url}/book/sources/sources-sms.html#src-sms-switching")
    expect(page.locator("#src-sms-switching")).to_have_count(1)


def test_book_page_lists_sources_checked_for_an_uncovered_therapy(book) -> None:
    page, _ = book
    calc = _calc(page)
    _enter(calc, "Ocrevus", "2026-01-31")
    checked = calc.locator(".calc-checked a")
    expect(checked).to_have_count(5)
    expect(checked.first).to_have_attribute(
        "href", "../../book/sources/sources-sms.html#src-sms-switching"
    )
    expect(calc.get_by_role("status")).to_contain_text("None of the book's sources")
    expect(calc.locator(".calc-disclaimer")).to_have_count(1)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_embed_page_reads_the_case_from_its_address(browser, site_url, case: dict) -> None:
    query = urlencode({"prior": case["prior"], "last_dose": case["last_dose"]})
    page, problems = open_offline(browser, f"{site_url}/{EMBED_PAGE}?{query}", site_url)
    try:
        calc = _calc(page)
        expect(calc.get_by_label("Therapy stopped")).to_have_value(case["prior"])
        _check(calc, case)
        assert not problems, problems
    finally:
        page.context.close()


def test_embed_page_address_follows_the_inputs(browser, site_url) -> None:
    page, problems = open_offline(
        browser, f"{site_url}/{EMBED_PAGE}?prior=fingolimod&last_dose=2026-01-31", site_url
    )
    try:
        calc = _calc(page)
        expect(calc.locator('[data-result="earliest_start"]')).to_have_attribute(
            "data-value", "2026-03-31"
        )
        expect(calc.locator('[data-result="example"]')).to_be_visible()
        _enter(calc, "Tysabri", "2026-12-31")
        expect(calc.locator('[data-result="latest_start"]')).to_have_attribute(
            "data-value", "2027-03-31"
        )
        expect(calc.locator('[data-result="example"]')).to_be_hidden()
        query = parse_qs(urlparse(page.url).query)
        assert query == {"prior": ["Tysabri"], "last_dose": ["2026-12-31"]}
        page.reload(wait_until="load")  # the link reproduces the case
        calc = _calc(page)
        expect(calc.locator('[data-result="earliest_start"]')).to_have_attribute(
            "data-value", "2027-02-28"
        )
        expect(page).to_have_title("Washout calculator: switching to and from alemtuzumab")
        expect(page.locator(".embed-footer a").first).to_have_attribute(
            "href", "../book/calculators/washout.html"
        )
        assert not problems, problems
    finally:
        page.context.close()


@pytest.mark.parametrize(
    ("query", "shown"),
    [("prior=fingolimod&last_dose=%202026-01-31%20", "2026-01-31"),
     ("prior=fingolimod&last_dose=%C2%A02026-01-31%E3%80%80", "2026-01-31"),
     ("prior=fingolimod&last_dose=2026-02-30", ""),
     ("prior=fingolimod&last_dose=31.01.2026", "")],
    ids=["spaces", "other space", "no such day", "another form"],
)
def test_a_date_in_the_address_is_in_the_field_or_refused(
    browser, site_url, query: str, shown: str
) -> None:
    """Issue 23: a date with space around it showed a result beside an empty date field. Now it is
    trimmed into the field (and the address), or the field stays empty beside a sentence."""
    page, problems = open_offline(browser, f"{site_url}/{EMBED_PAGE}?{query}", site_url)
    try:
        calc = _calc(page)
        field = calc.get_by_label("Date of the last dose")
        expect(field).to_have_value(shown)
        status = calc.get_by_role("status")
        if shown:
            expect(calc.locator('[data-result="earliest_start"]')).to_have_attribute(
                "data-value", "2026-03-31"
            )
            assert parse_qs(urlparse(page.url).query)["last_dose"] == [shown]
        else:
            expect(status).to_have_class("calc-status calc-error")
            expect(calc.locator('[data-result="headline"]')).to_have_count(0)
        assert not problems, problems
    finally:
        page.context.close()


def test_a_megabyte_therapy_name_is_not_echoed_whole(browser, site_url) -> None:
    """Issue 23: the status region repeated an unknown name whole; now its first characters."""
    page, problems = open_offline(browser, f"{site_url}/{EMBED_PAGE}", site_url)
    try:
        calc = _calc(page)
        calc.get_by_label("Therapy stopped").fill("x" * 1_000_000)
        status = calc.get_by_role("status")
        echoed = "'" + "x" * 40 + "…' is not a therapy this calculator knows."
        expect(status).to_contain_text(echoed)
        assert len(status.inner_text()) < 400
        assert not problems, problems
    finally:
        page.context.close()

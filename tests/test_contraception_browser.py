"""The calculator for what follows the last infusion, on the built site with the network blocked:
book page and standalone page, checked against tests/vectors/contraception.json."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import expect

from tests.conftest import read_vectors
from tests.offline import offline_page, one_calculator, open_offline

VECTORS = read_vectors("contraception")
AFTER = VECTORS["after_last_infusion"]
LAST = VECTORS["last_infusion"]
BOOK_PAGE = "book/calculators/contraception.html"
EMBED_PAGE = "embed/contraception.html"


@pytest.fixture()
def book(browser, site_url):
    with offline_page(browser, f"{site_url}/{BOOK_PAGE}", site_url) as opened:
        yield opened


def _calc(page):
    return one_calculator(page, ".calc-contraception")


def _check_after(calc, case: dict) -> None:
    status = calc.get_by_role("status")
    if "error" in case:
        expect(status).to_have_class("calc-status calc-error")
        expect(status).to_contain_text(case["message_contains"])
        return
    expect(status).not_to_have_class("calc-status calc-error")
    expect(calc.locator('[data-result="last_infusion"]')).to_have_attribute(
        "data-value", case["last_infusion"]
    )
    got = calc.locator("li[data-claim]").evaluate_all(
        "els => Object.fromEntries(els.map(e => [e.dataset.claim, e.dataset.value || null]))"
    )
    assert got == case["expected"]
    for claim, when in case.get("when", {}).items():
        expect(calc.locator(f'li[data-claim="{claim}"] strong')).to_have_text(
            when[0].upper() + when[1:]
        )


def _check_last(calc, case: dict) -> None:
    status = calc.get_by_role("status")
    if "error" in case:
        expect(status).to_have_class("calc-status calc-error")
        expect(status).to_contain_text(case["message_contains"])
    else:
        expect(status).not_to_have_class("calc-status calc-error")
        expect(calc.locator('[data-result="last_infusion"]')).to_have_attribute(
            "data-value", case["expected"]
        )


def test_book_page_answers_every_last_infusion_vector(book) -> None:
    page, _ = book
    calc = _calc(page)
    calc.get_by_label("Start from").select_option("last_infusion")
    cases = [c for c in AFTER if c.get("error") != "impossible-date"]
    assert len(cases) >= 7
    for case in cases:
        calc.get_by_label("Date of the last infusion").fill(case["last_infusion"])
        _check_after(calc, case)


def test_book_page_works_out_the_last_infusion_from_the_course(book) -> None:
    page, _ = book
    calc = _calc(page)
    calc.get_by_label("Start from").select_option("course_start")
    expect(calc.get_by_label("Date of the last infusion")).to_be_hidden()
    expect(calc.get_by_label("Course number")).to_be_visible()
    cases = [c for c in LAST if c.get("error") in (None, "empty-date")
             or (c.get("error") == "course" and str(c["course"]).isdigit())]
    assert len(cases) >= 10
    for case in cases:
        calc.get_by_label("First day of the course").fill(case["course_start"])
        calc.get_by_label("Course number").fill(str(case["course"]))
        _check_last(calc, case)
    # Month end in a leap year: the course crosses 29 February, and the dates that follow clamp.
    calc.get_by_label("First day of the course").fill("2028-02-27")
    calc.get_by_label("Course number").fill("1")
    expect(calc.locator('[data-result="last_infusion"] time')).to_have_text("2 March 2028")
    expect(calc.locator('li[data-claim="sms-pregnancy-contraception"]')).to_have_attribute(
        "data-value", "2028-07-02"
    )
    expect(calc.locator(".calc-course")).to_contain_text("Course 1 has 5 infusion days")


def test_book_page_explains_a_date_typed_by_hand_that_does_not_exist(book) -> None:
    page, _ = book
    calc = _calc(page)
    calc.get_by_label("Start from").select_option("last_infusion")
    date = calc.get_by_label("Date of the last infusion")
    date.fill("")
    date.focus()
    date.press_sequentially("02292027")  # 29 February 2027, typed month, day, year (en-US)
    status = calc.get_by_role("status")
    expect(status).to_have_class("calc-status calc-error")
    expect(status).to_contain_text("The date of the last infusion is incomplete or not a real date")
    date.fill("2027-10-31")
    expect(calc.locator('li[data-claim="sms-pregnancy-contraception"]')).to_have_attribute(
        "data-value", "2028-02-29"
    )


def test_each_source_has_its_own_line_and_link(book) -> None:
    page, _ = book
    calc = _calc(page)
    contraception = calc.locator('[data-item="contraception"] li')
    expect(contraception).to_have_count(2)
    expect(contraception.nth(0).locator("a")).to_have_attribute(
        "href", "../../book/sources/sources-sms.html#src-sms-pregnancy"
    )
    expect(contraception.nth(1).locator("a")).to_have_attribute(
        "href", "../../book/sources/sources-ahfs.html#src-ahfs-pregnancy"
    )
    # The source links (a status beside a source links to the timeline instead).
    expect(calc.locator('[data-item="monitoring"] li a:not(.calc-currency-status)')).to_have_text(
        ["Swedish guideline", "AHFS monograph", "MS Society UK page"]
    )
    expect(calc.locator(".calc-disclaimer")).to_have_count(1)


@pytest.mark.parametrize("case", AFTER, ids=[c["name"] for c in AFTER])
def test_embed_page_reads_the_last_infusion_from_its_address(browser, site_url, case) -> None:
    query = urlencode({"known": "last_infusion", "last_infusion": case["last_infusion"]})
    page, problems = open_offline(browser, f"{site_url}/{EMBED_PAGE}?{query}", site_url)
    try:
        _check_after(_calc(page), case)
        assert not problems, problems
    finally:
        page.context.close()


@pytest.mark.parametrize("case", LAST, ids=[f"{c['course_start']}/{c['course']}" for c in LAST])
def test_embed_page_reads_the_course_from_its_address(browser, site_url, case) -> None:
    query = urlencode(
        {"known": "course_start", "course_start": case["course_start"], "course": case["course"]}
    )
    page, problems = open_offline(browser, f"{site_url}/{EMBED_PAGE}?{query}", site_url)
    try:
        _check_last(_calc(page), case)
        assert not problems, problems
    finally:
        page.context.close()


def test_embed_page_address_follows_the_inputs(browser, site_url) -> None:
    page, problems = open_offline(browser, f"{site_url}/{EMBED_PAGE}", site_url)
    try:
        calc = _calc(page)
        calc.get_by_label("Start from").select_option("course_start")
        calc.get_by_label("First day of the course").fill("2027-02-27")
        calc.get_by_label("Course number").fill("1")
        expect(calc.locator('[data-result="last_infusion"]')).to_have_attribute(
            "data-value", "2027-03-03"
        )
        query = parse_qs(urlparse(page.url).query)
        assert query["known"] == ["course_start"]
        assert query["course_start"] == ["2027-02-27"]
        assert query["course"] == ["1"]
        page.reload(wait_until="load")
        calc = _calc(page)
        expect(calc.get_by_label("Course number")).to_have_value("1")
        expect(calc.locator('[data-result="last_infusion"]')).to_have_attribute(
            "data-value", "2027-03-03"
        )
        assert not problems, problems
    finally:
        page.context.close()

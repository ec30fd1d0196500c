"""The schedule calculator on the built site with the network blocked: book page and standalone
page, checked against tests/vectors/schedule.json; the chart draws and the downloaded calendar
file parses with `icalendar` and equals the Python core's."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import icalendar
import pytest
from playwright.sync_api import expect

from alemtuzumab_kb.dates import add_days
from alemtuzumab_kb.schedule import schedule_ics, treatment_schedule
from alemtuzumab_kb.schedule_calendar import calendar_days, ics_choices
from tests.conftest import read_vectors
from tests.offline import offline_page, one_calculator, open_offline, serve_with_traits

VECTORS = read_vectors("schedule")
CASES = VECTORS["cases"]
BOOK_PAGE = "book/calculators/schedule.html"
EMBED_PAGE = "embed/schedule.html"


@pytest.fixture()
def book(browser, site_url):
    with offline_page(browser, f"{site_url}/{BOOK_PAGE}", site_url) as opened:
        yield opened


def _calc(page):
    return one_calculator(page, ".calc-schedule")


def _fill(calc, first: str, second: str | None) -> None:
    calc.get_by_label("First day of course 1").fill(first)
    calc.get_by_label("First day of course 2").fill(second or "")


def _rows(calc) -> list[dict]:
    return calc.locator(".schedule-table tbody tr").evaluate_all(
        "rows => rows.map(r => ({id: r.dataset.id, rule: r.dataset.rule, start: r.dataset.start,"
        " end: r.dataset.end || null, projected: r.dataset.projected === 'true',"
        " citations: r.dataset.citations}))"
    )


def _check_case(calc, case: dict) -> None:
    status = calc.get_by_role("status")
    expect(status).not_to_have_class("calc-status calc-error")
    expect(calc.locator('[data-result="horizon"]')).to_have_attribute("data-value", case["horizon"])
    expect(calc.locator('[data-result="count"]')).to_have_attribute(
        "data-value", str(case["count"])
    )
    rows = _rows(calc)
    assert len(rows) == case["count"]
    by_id = {row["id"]: row for row in rows}
    one_off = {
        row["id"]: row["start"] if row["end"] is None else [row["start"], row["end"]]
        for row in rows
        if row["rule"] not in case["repeated"]
    }
    assert one_off == case["events"]
    for rule, expected in case["repeated"].items():
        dates = [row["start"] for row in rows if row["rule"] == rule]
        assert (len(dates), dates[0], dates[-1]) == (
            expected["count"], expected["first"], expected["last"]
        ), rule
        for event_id, day in expected.get("dates", {}).items():
            assert by_id[event_id]["start"] == day
    for event_id, projected in case["projected"].items():
        assert by_id[event_id]["projected"] is projected, event_id
    assert all(row["citations"] for row in rows), "every event is cited"
    for notice in case["notices"]:
        expect(status).to_contain_text(notice)


def _check_chart(calc, count: int, ranges: int) -> None:
    chart = calc.locator(".schedule-chart")
    expect(chart).to_have_attribute("role", "img")
    chart.scroll_into_view_if_needed()  # drawn when it comes near the viewport
    expect(chart).to_have_attribute("data-drawn", "true", timeout=15000)
    assert chart.get_attribute("aria-label").startswith("Timeline of the schedule from ")
    bars = chart.locator("svg g.layer_0_marks path")
    ticks = chart.locator("svg g.layer_1_marks path")
    expect(bars).to_have_count(ranges)
    expect(ticks).to_have_count(count - ranges)


def _download(page, calc) -> str:
    with page.expect_download() as info:
        calc.get_by_role("button", name="Download the calendar (.ics)").click()
    download = info.value
    assert download.suggested_filename.startswith("alemtuzumab-schedule-")
    assert download.suggested_filename.endswith(".ics")
    return Path(download.path()).read_bytes().decode("utf-8")


def test_book_page_answers_every_vector_and_draws_the_chart(book) -> None:
    page, _ = book
    calc = _calc(page)
    # The page opens on the worked example.
    expect(calc.get_by_label("First day of course 1")).to_have_value("2026-01-12")
    _check_chart(calc, 231, sum(1 for row in _rows(calc) if row["end"]))
    for case in CASES:
        _fill(calc, case["course1_start"], case["course2_start"])
        _check_case(calc, case)
        ranges = sum(1 for value in case["events"].values() if isinstance(value, list))
        _check_chart(calc, case["count"], ranges)


def test_downloaded_calendar_parses_and_equals_the_python_core(book) -> None:
    """Every choice of what the file holds, byte for byte the Python core's; the default holds
    one event a day."""
    page, _ = book
    calc = _calc(page)
    choices = list(ics_choices())
    options = calc.get_by_label("The calendar file holds").locator("option")
    assert options.evaluate_all("os => os.map(o => o.value)") == choices
    # Chromium drops the eleventh of a quick run of downloads from one page: nine here.
    for first, second, some in [("2026-01-12", None, choices),
                                ("2028-02-29", "2029-03-05", ["all", "sms"])]:
        _fill(calc, first, second)
        expect(calc.locator('[data-result="course1"]')).to_have_attribute("data-value", first)
        schedule = treatment_schedule(first, second)
        for include in some:
            calc.get_by_label("The calendar file holds").select_option(include)
            text = _download(page, calc)
            assert text == schedule_ics(first, second, include=include), include
            events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
            days = [vevent["DTSTART"].dt for vevent in events]
            assert days == sorted(set(days)), "at most one event a day"
            assert days == [day for day, _ in calendar_days(schedule, include)]
            for vevent in events:
                assert vevent["DTEND"].dt == add_days(vevent["DTSTART"].dt, 1)
        calc.get_by_label("The calendar file holds").select_option("all")
        default = _download(page, calc)
        assert default.count("BEGIN:VEVENT") < len(schedule)


def test_each_event_cites_its_source_beside_it(book) -> None:
    page, _ = book
    calc = _calc(page)
    first_row = calc.locator('tr[data-id="vaccination-deadline-c1"]')
    expect(first_row.locator("a")).to_have_attribute(
        "href", "../../book/sources/sources-sms.html#src-sms-interactions"
    )
    expect(first_row).to_contain_text("sms2025")
    herpes = calc.locator('tr[data-rule^="herpes"]')
    expect(herpes).to_have_count(2)
    expect(herpes.nth(0)).to_contain_text("Herpes prophylaxis (Swedish guideline)")
    expect(herpes.nth(1)).to_contain_text("Herpes prophylaxis (AHFS)")
    expect(herpes.nth(1).locator("a")).to_have_attribute(
        "href", "../../book/sources/sources-ahfs.html#src-ahfs-premedication"
    )
    infusion = calc.locator(
        'tr[data-id="infusion-c1-d1"] .schedule-source a:not(.calc-currency-status)'
    )
    expect(infusion).to_have_text(
        ["Swedish guideline", "AHFS monograph", "EMA overview", "MS Society UK page"]
    )
    expect(calc.locator(".schedule-open li")).to_have_count(7)
    expect(calc.locator(".calc-disclaimer")).to_have_count(1)
    # Show narrows the table, and every event comes back.
    calc.get_by_role("button", name="Show all 231 events").click()
    calc.get_by_label("Show").select_option("repeated")
    visible = calc.locator(".schedule-table tbody tr:visible")
    expect(visible).to_have_count(59 * 3 + 19 + 3 * 5)
    calc.get_by_label("Show").select_option("once")
    expect(visible).to_have_count(20)
    calc.get_by_label("Show").select_option("all")
    expect(visible).to_have_count(231)


@pytest.mark.parametrize(
    ("today", "title", "first_shown"),
    [
        ("2025-06-01", "The first 8 of 231 events", "vaccination-deadline-c1"),
        ("2026-02-14", "The next 8 of 231 events, from today, 14 February 2026", "listeria-sms-c1"),
        ("2031-06-01", "Every one of the 231 events is before today, 1 June 2031", None),
    ],
)
def test_the_table_shows_the_next_events_and_all_on_request(
    browser, site_url, today: str, title: str, first_shown: str | None
) -> None:
    """No scroll box inside the page: the next events from today, then every event."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.clock.set_fixed_time(f"{today}T09:00:00")
        page.goto(f"{site_url}/{BOOK_PAGE}")
        calc = _calc(page)
        expect(calc.locator(".schedule-table-title")).to_have_text(title)
        visible = calc.locator(".schedule-table tbody tr:visible")
        if first_shown is None:
            expect(visible).to_have_count(0)
        else:
            expect(visible).to_have_count(8)
            # A period still running today comes first: the listeria diet ends on 16 February.
            assert visible.first.get_attribute("data-id") == first_shown
        calc.get_by_role("button", name="Show all 231 events").click()
        expect(visible).to_have_count(231)
        expect(calc.locator(".schedule-table-title")).to_have_text("All 231 events")
        table = calc.locator(".schedule-table")
        assert table.evaluate("el => el.scrollHeight <= el.clientHeight + 1"), "no scroll box"
        assert calc.evaluate(
            "el => [...el.querySelectorAll('*')].every(e => !['auto', 'scroll'].includes("
            "getComputedStyle(e).overflowY) || e.scrollHeight <= e.clientHeight + 1)"
        )
        calc.get_by_role("button", name="Show only the next events").click()
        expect(calc.locator(".schedule-table-title")).to_have_text(title)
    finally:
        context.close()


# Course 1 on 11 January 2027, read on 5 December 2026: vaccinations should be completed six
# weeks (42 days) before the first infusion, by 30 November 2026, which has passed (worked out by
# hand: 11 January less 11 days is 31 December, less 31 more is 30 November).
OVERDUE_LINE = (
    "Overdue: Last day to complete vaccinations (Swedish guideline), 30 November 2026: this "
    "date has passed, and course 1 starts on 11 January 2027."
)


def test_a_passed_vaccination_deadline_comes_first_for_a_course_within_six_weeks(
    browser, site_url
) -> None:
    """The widget's `today`, set here (the clock says 2030, when it would all be history), makes
    the deadline overdue: first after the answer, first in the table whatever is shown, ringed on
    the chart, and in the calendar file."""
    url = f"{site_url}/{BOOK_PAGE}?course1_start=2027-01-11"
    page, problems = open_offline(browser, "about:blank", site_url)
    try:
        page.clock.set_fixed_time("2030-01-01T09:00:00")
        serve_with_traits(page, url, "schedule", today="2026-12-05")
        page.goto(url)
        calc = _calc(page)
        status = calc.get_by_role("status")
        expect(status.locator(":scope > *").nth(0)).to_have_attribute("data-result", "headline")
        expect(status.locator(":scope > *").nth(1)).to_have_text(OVERDUE_LINE)
        expect(status.locator('[data-result="overdue"]')).to_have_count(1)
        title = calc.locator(".schedule-table-title")
        expect(title).to_have_text(
            "1 overdue event, then the next 8 of 231 events, from today, 5 December 2026"
        )
        visible = calc.locator(".schedule-table tbody tr:visible")
        expect(visible).to_have_count(9)
        first = visible.first
        expect(first).to_have_attribute("data-id", "vaccination-deadline-c1")
        expect(first).to_have_attribute("data-overdue", "true")
        expect(first).to_contain_text("Overdue")
        expect(first).to_contain_text(
            "This date has passed, and course 1 starts on 11 January 2027."
        )
        assert calc.locator('.schedule-table tbody tr[data-overdue="true"]').count() == 1
        # Narrowed to tests, the table still leads with what is overdue.
        calc.get_by_label("Show").select_option("repeated")
        expect(visible.first).to_have_attribute("data-id", "vaccination-deadline-c1")
        expect(visible.nth(1)).to_have_attribute("data-id", "tests-sms-c1-1")
        calc.get_by_label("Show").select_option("all")
        # The chart rings it, once; its text alternative names it.
        chart = calc.locator(".schedule-chart")
        chart.scroll_into_view_if_needed()
        expect(chart).to_have_attribute("data-drawn", "true", timeout=15000)
        expect(chart.locator("svg g.overdue_marks path")).to_have_count(1)
        assert "A ring marks what is overdue: Last day to complete vaccinations" in (
            chart.get_attribute("aria-label")
        )
        # The calendar file holds it, as it holds every event.
        text = _download(page, calc).replace("\r\n ", "")
        assert "DTSTART;VALUE=DATE:20261130" in text
        assert "SUMMARY:Last day to complete vaccinations (Swedish guideline)" in text
        # A course that has begun is history: nothing overdue.
        _fill(calc, "2026-11-01", None)
        expect(calc.locator('[data-result="course1"]')).to_have_attribute(
            "data-value", "2026-11-01"
        )
        expect(status.locator('[data-result="overdue"]')).to_have_count(0)
        expect(calc.locator('.schedule-table tbody tr[data-overdue="true"]')).to_have_count(0)
        assert not problems, problems
    finally:
        page.context.close()


def test_without_a_set_today_the_readers_clock_decides_what_is_overdue(browser, site_url) -> None:
    page, problems = open_offline(browser, "about:blank", site_url)
    try:
        page.clock.set_fixed_time("2026-12-05T09:00:00")
        page.goto(f"{site_url}/{EMBED_PAGE}?course1_start=2027-01-11")
        calc = _calc(page)
        expect(calc.get_by_role("status").locator('[data-result="overdue"]')).to_have_text(
            OVERDUE_LINE
        )
        assert not problems, problems
    finally:
        page.context.close()


def test_the_chart_takes_the_room_kept_for_it(browser, site_url) -> None:
    """The room reserved before drawing is the drawn chart's height (within 2 px), at a phone's
    width (a one-column legend) and a desktop's: drawing it moves nothing below it."""
    for width in (375, 1280):
        page, problems = open_offline(
            browser, f"{site_url}/{EMBED_PAGE}", site_url, viewport={"width": width, "height": 800}
        )
        try:
            chart = _calc(page).locator(".schedule-chart")
            reserved = int(chart.get_attribute("data-reserved"))
            chart.scroll_into_view_if_needed()
            expect(chart).to_have_attribute("data-drawn", "true", timeout=15000)
            drawn = chart.locator("svg").first.evaluate("el => el.getBoundingClientRect().height")
            assert abs(drawn - reserved) <= 2, (width, drawn, reserved)
            assert not problems, problems
        finally:
            page.context.close()


def test_errors_are_sentences_and_hide_the_results(book) -> None:
    page, _ = book
    calc = _calc(page)
    status = calc.get_by_role("status")
    _fill(calc, "2026-01-12", "2026-01-14")
    expect(status).to_have_class("calc-status calc-error")
    expect(status).to_contain_text(
        "Course 2 cannot start on 14 January 2026: the infusions of course 1 run until "
        "16 January 2026."
    )
    expect(calc.locator(".schedule-results")).to_be_hidden()
    _fill(calc, "", None)
    expect(status).to_contain_text("Enter the first day of course 1 in the form YYYY-MM-DD")
    # A date typed by hand that does not exist: 29 February 2027, month, day, year (en-US).
    date = calc.get_by_label("First day of course 1")
    date.focus()
    date.press_sequentially("02292027")
    expect(status).to_have_class("calc-status calc-error")
    expect(status).to_contain_text("The first day of course 1 is incomplete or not a real date")
    _fill(calc, "2026-01-12", None)
    expect(status).not_to_have_class("calc-status calc-error")
    expect(calc.locator(".schedule-results")).to_be_visible()
    expect(calc.locator('[data-result="count"]')).to_have_attribute("data-value", "231")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_embed_page_reads_the_dates_from_its_address(browser, site_url, case) -> None:
    query = urlencode(
        {"course1_start": case["course1_start"], "course2_start": case["course2_start"] or ""}
    )
    page, problems = open_offline(browser, f"{site_url}/{EMBED_PAGE}?{query}", site_url)
    try:
        calc = _calc(page)
        _check_case(calc, case)
        ranges = sum(1 for value in case["events"].values() if isinstance(value, list))
        _check_chart(calc, case["count"], ranges)
        assert not problems, problems
    finally:
        page.context.close()


def test_embed_page_address_follows_the_inputs_and_downloads(browser, site_url) -> None:
    page, problems = open_offline(browser, f"{site_url}/{EMBED_PAGE}", site_url)
    try:
        calc = _calc(page)
        _fill(calc, "2026-10-27", "2027-10-20")
        expect(calc.locator('[data-result="horizon"]')).to_have_attribute(
            "data-value", "2031-10-22"
        )
        query = parse_qs(urlparse(page.url).query)
        assert query["course1_start"] == ["2026-10-27"]
        assert query["course2_start"] == ["2027-10-20"]
        text = _download(page, calc)
        assert text == schedule_ics("2026-10-27", "2027-10-20")
        page.reload(wait_until="load")
        calc = _calc(page)
        expect(calc.get_by_label("First day of course 2")).to_have_value("2027-10-20")
        expect(calc.locator('[data-result="count"]')).to_have_attribute("data-value", "240")
        expect(calc.locator('a[href="../book/sources/sources-sms.html#src-sms-dosing"]').first)\
            .to_be_attached()
        assert not problems, problems
    finally:
        page.context.close()


def test_vega_loads_only_where_a_chart_is_drawn(browser, site_url) -> None:
    """The schedule fetches the site's own vega when its chart comes near the viewport;
    other calculators never do."""
    for path, expected in [(BOOK_PAGE, True), (EMBED_PAGE, True),
                           ("book/calculators/contraception.html", False)]:
        with offline_page(browser, f"{site_url}/{path}", site_url,
                          viewport={"width": 1280, "height": 400}) as (page, problems):
            loaded = problems.requested
            vega = "/_static/vega/vega-embed.min.js"
            if path == BOOK_PAGE:
                assert not any(vega in url for url in loaded), "vega before the chart is near"
            chart = page.locator(".schedule-chart")
            if chart.count():
                chart.first.scroll_into_view_if_needed()
                expect(chart.first).to_have_attribute("data-drawn", "true", timeout=15000)
            page.wait_for_load_state("networkidle")
            assert any(vega in url for url in loaded) is expected, path

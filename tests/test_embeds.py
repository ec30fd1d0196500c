"""Share and embed from where the reader is (issue 14).

The site is served on one port and an educator's course page on another (another origin). On
each calculator's book page the reader types a case; the "Link" and "Embed" buttons must give
this page's real address and the iframe snippet with that case in it. Pasted into the course
page, the snippet's frame shows the same inputs and the same answer, starts at the height
measured for its width, takes the height of the calculator (and follows it), and every link in
it opens outside the frame. In a 600x500 frame the answer is visible without scrolling. Two
calculators in one page share no element id and no URL parameter; four on a course page hold
still as it is read (issue 27). Link and Embed sit within a screen of the answer, and no
calculator or embed page writes a warning to the console.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.calculator_cases import CALCULATORS, expected_headline, shown_inputs, type_a_case
from tests.conftest import ROOT, serve
from tests.frame_heights import page_height, stored
from tests.offline import DESKTOP, PHONE, offline_page, open_offline

HEADLINE = '[data-result="headline"]'
VIEW_JS = (ROOT / "widgets" / "alemtuzumab_kb" / "ui" / "js" / "view.js").read_text("utf-8")


@pytest.fixture(scope="module")
def course_site(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """An educator's course site: a folder served on its own port, another origin."""
    folder = tmp_path_factory.mktemp("course")
    with serve(folder) as url:
        yield folder, url


def course_page(folder: Path, name: str, body: str) -> str:
    (folder / name).write_text(
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>Course</title></head>"
        f"<body style='margin:0'><h1>A lesson</h1>{body}<p id=after>After the frame.</p>"
        f"</body></html>",
        encoding="utf-8",
    )
    return name


def share(page, kind: str) -> str:
    """Press "Link" or "Embed" under the calculator; the text it gives, ready to copy."""
    calc = page.locator(".static-anywidget")
    calc.locator(f'button[data-share="{kind}"]').click()
    text = calc.locator(".calc-share-panel textarea")
    expect(text).to_be_visible()
    return text.input_value()


@pytest.mark.parametrize("stem", sorted(CALCULATORS))
def test_link_and_embed_give_the_readers_case_from_the_real_address(
    browser, site_url: str, course_site, stem: str
) -> None:
    folder, course_url = course_site
    page, problems = open_offline(
        browser, f"{site_url}/book/calculators/{stem}.html", site_url, course_url
    )
    try:
        typed = type_a_case(page, stem)
        inputs = shown_inputs(page, stem)

        link = share(page, "link")
        assert urlparse(link).netloc == urlparse(site_url).netloc
        assert urlparse(link).path == f"/book/calculators/{stem}.html"
        query = parse_qs(urlparse(link).query, keep_blank_values=True)
        assert {name: values[0] for name, values in query.items()} == inputs
        snippet = share(page, "embed")
        assert "example.org" not in snippet and "your.site" not in snippet
        src = re.search(r'<iframe src="([^"]+)"', snippet).group(1).replace("&amp;", "&")
        assert src.startswith(f"{site_url}/embed/{stem}.html?")
        assert "addEventListener(\"message\"" in snippet
        assert 'loading="eager"' in snippet and "lazy" not in snippet
        assert problems.console_errors == []

        # The link, opened anew, shows the same case.
        other = page.context.new_page()
        other.goto(link)
        expect(other.locator(HEADLINE)).to_have_text(typed)
        assert shown_inputs(other, stem) == inputs

        # The snippet, pasted in a page of another origin, shows it too, and sizes its frame.
        name = course_page(folder, f"{stem}-pasted.html", snippet)
        host = page.context.new_page()
        host.set_viewport_size({"width": 900, "height": 700})
        host.goto(f"{course_url}/{name}")
        frame = host.frame_locator("iframe")
        expect(frame.locator(HEADLINE)).to_have_text(typed)
        assert expected_headline(stem, inputs) == typed
        iframe = host.locator("iframe")
        # The frame starts at the measured height for its width (CSS), then takes the page's.
        host.wait_for_function(
            "() => /^[0-9.]+px$/.test(document.querySelector('iframe').style.height)"
        )
        inner = frame.locator("html").evaluate("el => Math.ceil(el.getBoundingClientRect().height)")
        assert abs(iframe.bounding_box()["height"] - inner) <= 2, "the frame takes its height"
        assert frame.locator("html").evaluate("el => el.scrollHeight <= innerHeight + 1")
    finally:
        page.context.close()


# --- In a 600x500 frame on a page of another origin ---------------------------------------


@pytest.fixture()
def framed(browser, site_url: str, course_site):
    """A course page with one calculator's embed page in a 600x500 frame, and the script."""
    folder, course_url = course_site

    def open_frame(stem: str, resize: bool):
        body = (f'<iframe src="{site_url}/embed/{stem}.html" title="{stem}" width="600" '
                f'height="500" style="border:0"></iframe>')
        if resize:
            body += f"<script>{read_resize_script()}</script>"
        name = course_page(folder, f"{stem}-{'resize' if resize else 'fixed'}.html", body)
        page, problems = open_offline(
            browser, f"{course_url}/{name}", site_url, course_url,
            viewport={"width": 800, "height": 700},
        )
        return page, problems

    yield open_frame


def read_resize_script() -> str:
    """RESIZE_SCRIPT of widgets/alemtuzumab_kb/ui/js/view.js, as the Embed button gives it."""
    match = re.search(r"export const RESIZE_SCRIPT =\n(.*?);\n", VIEW_JS, re.S)
    assert match is not None
    parts = re.findall(r"`([^`]*)`", match.group(1))
    message = re.search(r'HEIGHT_MESSAGE = "([^"]+)"', VIEW_JS).group(1)
    return "".join(parts).replace("${HEIGHT_MESSAGE}", message)


@pytest.mark.parametrize("stem", sorted(CALCULATORS))
def test_the_answer_shows_without_scrolling_in_a_600_by_500_frame(framed, stem: str) -> None:
    page, problems = framed(stem, resize=False)
    try:
        frame = page.frame_locator("iframe")
        headline = frame.locator(HEADLINE)
        expect(headline).to_be_visible()
        box = headline.evaluate("el => { const r = el.getBoundingClientRect();"
                                " return {top: r.top, bottom: r.bottom, scroll: scrollY,"
                                " width: document.documentElement.scrollWidth}; }")
        assert box["scroll"] == 0 and box["bottom"] <= 500, f"{stem}: answer at {box}"
        assert box["width"] <= 600, f"{stem} scrolls sideways in the frame"
        assert problems.console_errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("stem", sorted(CALCULATORS))
def test_the_frame_takes_the_height_of_the_calculator_and_follows_it(framed, stem: str) -> None:
    page, _ = framed(stem, resize=True)
    try:
        frame = page.frame_locator("iframe")
        expect(frame.locator(HEADLINE)).to_be_visible()
        iframe = page.locator("iframe")

        def heights() -> tuple[float, int]:
            inner = frame.locator("html").evaluate(
                "el => Math.ceil(el.getBoundingClientRect().height)")
            return iframe.bounding_box()["height"], inner

        page.wait_for_function("() => document.querySelector('iframe').style.height")
        outer, inner = heights()
        assert abs(outer - inner) <= 2 and outer > 500, (outer, inner)
        # A longer or shorter answer: the frame follows.
        _, trait, _ = CALCULATORS[stem]
        frame.locator(f"#calc-{stem}-{trait}").fill("")
        page.wait_for_function(
            f"() => Math.abs(parseFloat(document.querySelector('iframe').style.height) - {outer})"
            " > 20"
        )
        outer2, inner2 = heights()
        assert abs(outer2 - inner2) <= 2, (outer2, inner2)
    finally:
        page.context.close()


@pytest.mark.parametrize("stem", sorted(CALCULATORS))
def test_every_link_in_the_frame_opens_outside_it(framed, site_url: str, stem: str) -> None:
    page, _ = framed(stem, resize=True)
    try:
        frame = page.frame_locator("iframe")
        expect(frame.locator(HEADLINE)).to_be_visible()
        links = frame.locator("a[href]")
        assert links.count() >= 2
        targets = links.evaluate_all(
            "links => links.map(a => a.target || (document.querySelector('base') || {}).target)")
        assert set(targets) == {"_blank"}, targets
        before = page.frames[1].url
        link = frame.locator(".embed-footer a").first
        with page.context.expect_page() as opened:
            link.click()
        new = opened.value
        new.wait_for_load_state()
        assert new.url.startswith(f"{site_url}/book/calculators/{stem}.html")
        assert new.evaluate("window.opener") is None, "noopener"
        assert page.frames[1].url == before, "the frame stays where it was"
    finally:
        page.context.close()


# --- Two calculators in one page -------------------------------------------------------------


def two_calculators_page(site: Path) -> str:
    """An embed page holding two washout calculators and a contraception calculator."""
    washout = (site / "embed" / "washout.html").read_text(encoding="utf-8")
    contraception = (site / "embed" / "contraception.html").read_text(encoding="utf-8")
    pattern = re.compile(r'(<script type="application/vnd.jupyter.widget-state\+json">)(.*?)'
                         r"(</script>)", re.S)
    state = json.loads(pattern.search(washout).group(2).replace("<\\/", "</"))
    other = json.loads(pattern.search(contraception).group(2).replace("<\\/", "</"))
    models = state["state"]
    models["second"] = json.loads(json.dumps(models["embed"]))
    models["third"] = other["state"]["embed"]
    text = json.dumps(state).replace("</", "<\\/")
    views = "".join(
        f'<script type="application/vnd.jupyter.widget-view+json">{{"model_id": "{m}"}}</script>'
        for m in ("second", "third")
    )
    page = pattern.sub(lambda m: m.group(1) + text + m.group(3), washout, count=1)
    return page.replace("</main>", f"{views}</main>")


def test_two_calculators_in_one_page_share_no_id_and_no_parameter(
    browser, site, site_url: str
) -> None:
    html = two_calculators_page(site)
    url = f"{site_url}/embed/three-calculators.html"
    page, problems = open_offline(browser, "about:blank", site_url)
    try:
        page.route(url + "*", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(url)
        calcs = page.locator(".static-anywidget")
        expect(calcs).to_have_count(3)
        expect(page.locator(HEADLINE)).to_have_count(3)
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(el => el.id)")
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        assert page.locator("#calc-washout-2-prior").count() == 1
        # Typing into the second washout calculator moves only its own parameters.
        page.locator("#calc-washout-2-prior").fill("Tysabri")
        page.locator("#calc-contraception-last_infusion").fill("2026-10-31")
        expect(calcs.nth(1).locator(HEADLINE)).to_contain_text("latest start")
        query = parse_qs(urlparse(page.url).query)
        assert query["washout-2.prior"] == ["Tysabri"]
        assert query["contraception.last_infusion"] == ["2026-10-31"]
        assert "prior" not in query and "washout.prior" not in query
        page.reload()
        expect(page.locator("#calc-washout-2-prior")).to_have_value("Tysabri")
        expect(page.locator("#calc-washout-prior")).to_have_value("fingolimod")
        expect(page.locator("#calc-contraception-last_infusion")).to_have_value("2026-10-31")
        # Labels and controls stay tied inside each calculator.
        for calc in calcs.all():
            for label in calc.locator("label[for]").all():
                assert calc.locator(f'#{label.get_attribute("for")}').count() == 1
        assert problems.console_errors == []
    finally:
        page.context.close()


# --- The snippet's parts agree with each other and with the documentation ------------------


def test_the_receiving_script_is_documented_word_for_word() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert read_resize_script() in readme
    offline = (ROOT / "book" / "_ext" / "offline_site.py").read_text(encoding="utf-8")
    message = re.search(r'HEIGHT_MESSAGE = "([^"]+)"', VIEW_JS).group(1)
    assert f'type: "{message}"' in offline, "the embed page sends what the script listens for"


# --- Link and Embed by the answer, and no warning in the console --------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("path", ["book/calculators", "embed"])
@pytest.mark.parametrize("stem", sorted(CALCULATORS))
def test_link_and_embed_by_the_answer_and_a_quiet_console(
    browser, site_url: str, stem: str, path: str, viewport: dict
) -> None:
    """The buttons follow the answer (headline and summary), before any long list, table or
    chart: from the headline's top to the buttons' bottom is at most one screen. Then the page is
    read to the end (the schedule draws its chart there): the console holds no warning and no
    error."""
    with offline_page(browser, f"{site_url}/{path}/{stem}.html", site_url, viewport) as (
        page, problems
    ):
        calc = page.locator(".static-anywidget")
        headline = calc.locator(HEADLINE)
        expect(headline).to_be_visible()
        buttons = calc.locator(".calc-share-buttons")
        expect(buttons.locator("button")).to_have_count(2)
        top = headline.bounding_box()["y"]
        box = buttons.bounding_box()
        assert box["y"] > top, "under the answer"
        assert box["y"] + box["height"] - top <= viewport["height"], (stem, path, box, top)

        chart = page.locator(".schedule-chart")
        if chart.count():
            chart.scroll_into_view_if_needed()
            expect(chart).to_have_attribute("data-drawn", "true", timeout=15000)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_timeout(300)
        assert problems.console_warnings == [], problems.console_warnings
        assert problems.console_errors == [], problems.console_errors


# --- Frames that hold still ---------------------------------------------------------------------

HEIGHTS = stored()


def measured_day() -> dt.date:
    return dt.date.fromisoformat(HEIGHTS["measured_on"])


@pytest.mark.parametrize("stem", sorted(CALCULATORS))
def test_the_stored_frame_heights_are_the_pages_heights(browser, site_url: str, stem: str) -> None:
    """The Embed snippet's starting heights (widgets/alemtuzumab_kb/ui/frame_heights.json) are
    what the embed page measures now, on the day they were measured: a change of layout that
    makes them wrong fails here (then run `make frame-heights`)."""
    widths = HEIGHTS["widths"]
    for width in (375, 600, widths[-1]):
        expected = HEIGHTS["heights"][stem][widths.index(width)]
        actual = page_height(browser, f"{site_url}/embed/{stem}.html", width, measured_day())
        assert abs(actual - expected) <= 8, (stem, width, actual, expected)


def lesson(snippets: list[str]) -> str:
    """An educator's course page: a few words, then each snippet as the Embed button gave it."""
    parts = "".join(
        f"<h2>Part {number}</h2><p>What the students should try before the calculator.</p>"
        f"{snippet}<p>What to discuss after it.</p>"
        for number, snippet in enumerate(snippets, start=1)
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'><title>Lesson</title>"
        "</head><body><main style='max-width: 50rem; margin: 0 auto; padding: 0 1rem'>"
        f"<h1>A lesson on alemtuzumab</h1>{parts}</main></body></html>"
    )


LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }
}).observe({ type: "layout-shift", buffered: true });
addEventListener("DOMContentLoaded", () => {
  const frames = [...document.querySelectorAll("iframe")];
  window.__start = frames.map((frame) => frame.getBoundingClientRect().height);
});
"""


@pytest.fixture(scope="module")
def four_snippets(browser, site_url: str) -> list[str]:
    """The Embed button's snippet for each calculator, as on its book page."""
    snippets = []
    for stem in sorted(CALCULATORS):
        page, _ = open_offline(browser, f"{site_url}/book/calculators/{stem}.html", site_url)
        try:
            snippets.append(share(page, "embed"))
        finally:
            page.context.close()
    return snippets


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_a_course_page_with_the_four_calculators_holds_still(
    browser, site_url: str, course_site, four_snippets: list[str], viewport: dict
) -> None:
    """The four snippets on one course page of another site, read from top to bottom: each
    frame starts at about its calculator's height, so the page moves less than a cumulative
    layout shift of 0.1 (the 'good' threshold) and no frame changes by more than two lines
    when its calculator reports its height.

    The course page is on another site (localhost, the book on 127.0.0.1), and the embed pages
    arrive late, as over a network: a browser lays out a frame from another site that is out of
    sight only when it comes near, so the frames below the fold report their height as the
    reader scrolls to them. With the snippet's fixed 640 px of old they then grew by up to
    4,000 px; headless Chromium un-throttles a frame just before it shows, so the shift it
    counts stayed small even then, and the starting heights are checked as well: the old
    snippet fails there (640 against 2,741 px for contraception at 375 px).
    """
    folder, course_url = course_site
    (folder / "lesson.html").write_text(lesson(four_snippets), encoding="utf-8")
    url = course_url.replace("127.0.0.1", "localhost") + "/lesson.html"
    page, problems = open_offline(browser, "about:blank", site_url, url.rsplit("/", 1)[0],
                                  viewport=viewport)
    try:
        # The embed pages' example of the schedule shows the events from today: read on the day
        # the heights were measured.
        page.context.clock.set_fixed_time(dt.datetime.combine(measured_day(), dt.time(12)))

        def late(route) -> None:
            time.sleep(0.3)
            route.continue_()

        page.context.route(f"{site_url}/embed/*", late)
        page.add_init_script(LAYOUT_SHIFTS)
        page.goto(url)
        frames = page.locator("iframe")
        expect(frames).to_have_count(4)
        for frame in frames.all():
            assert frame.get_attribute("loading") == "eager"
        # Scroll to the end a third of a screen at a time, as a reader does, until every frame
        # has taken its calculator's height.
        for _ in range(200):
            done = page.evaluate(
                "[...document.querySelectorAll('iframe')]"
                ".every(f => /^[0-9.]+px$/.test(f.style.height))"
                " && scrollY + innerHeight >= document.documentElement.scrollHeight - 1"
            )
            if done:
                break
            page.mouse.wheel(0, viewport["height"] // 3)
            page.wait_for_timeout(100)
        assert done, "every frame reports its height by the end of the page"
        page.wait_for_timeout(500)
        shift = page.evaluate("window.__shifts.reduce((a, b) => a + b, 0)")
        assert shift < 0.1, f"cumulative layout shift {shift:.3f}"
        start = page.evaluate("window.__start")
        final = frames.evaluate_all("fs => fs.map(f => f.getBoundingClientRect().height)")
        for stem, before, after in zip(sorted(CALCULATORS), start, final, strict=True):
            assert abs(after - before) <= 48, (stem, before, after)
        assert problems.console_errors == []
    finally:
        page.context.close()

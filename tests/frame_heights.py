"""Measure each calculator's embed page at the widths a frame usually has: `make frame-heights`.

The Embed snippet starts its frame at these heights (widgets/alemtuzumab_kb/ui/frame_heights.json,
read by `alemtuzumab_kb.ui.base.frame_heights` and turned into CSS by `frameHeight` in
widgets/alemtuzumab_kb/ui/js/view.js), so that a frame below the fold, which the browser does not
lay out until it comes near the viewport, is already about as tall as the calculator when it
reports its height: the page around it does not jump. Each height is the page's height as the
page itself reports it to its frame (EMBED_RESIZE in book/_ext/offline_site.py), with the
calculator's example inputs, in Debian's chromium-headless-shell. tests/test_embeds.py measures
again and fails when a stored height has drifted (after a change of layout: run this again).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM_ARGS, HEADLESS_SHELL, ROOT, SITE, serve

WIDTHS = (288, 320, 343, 360, 375, 390, 414, 480, 540, 600, 680, 768)
"""Frame widths, in CSS pixels: from a phone held upright, less a course page's margins, to the
snippet's widest frame (48rem); closer together where text wraps fastest."""
STEMS = ("washout", "contraception", "trials", "schedule")
STORE = ROOT / "widgets" / "alemtuzumab_kb" / "ui" / "frame_heights.json"
HEIGHT = "Math.ceil(document.documentElement.getBoundingClientRect().height)"


def page_height(browser, url: str, width: int, day: dt.date) -> int:
    """The height an embed page reports at `width`, once its calculator has settled, on `day`
    (the schedule's table shows the events from today, so its height depends on the day)."""
    page = browser.new_page(viewport={"width": width, "height": 700})
    page.clock.set_fixed_time(dt.datetime.combine(day, dt.time(12)))
    try:
        page.goto(url)
        page.wait_for_selector('[data-result="headline"]')
        # Settled: the same height three times in a row, 100 ms apart (the schedule's table
        # follows its summary in the next task).
        heights = [page.evaluate(HEIGHT)]
        while len(heights) < 3 or len(set(heights[-3:])) > 1:
            page.wait_for_timeout(100)
            heights.append(page.evaluate(HEIGHT))
            assert len(heights) < 100, f"{url} at {width} px never settles: {heights[-5:]}"
        return heights[-1]
    finally:
        page.close()


def measure(
    browser, site_url: str, day: dt.date, widths=WIDTHS, stems=STEMS
) -> dict[str, list[int]]:
    """Each embed page's height at each width, on `day`."""
    return {
        stem: [
            page_height(browser, f"{site_url}/embed/{stem}.html", width, day) for width in widths
        ]
        for stem in stems
    }


def stored() -> dict:
    """What `main` wrote: widths, heights, and the day they were measured on."""
    return json.loads(STORE.read_text(encoding="utf-8"))


def main(site: Path = SITE) -> None:
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=HEADLESS_SHELL, args=CHROMIUM_ARGS)
        day = dt.date.today()
        heights = measure(browser, url, day)
        version = browser.version
        browser.close()
    about = (
        "Each embed page's height in CSS pixels at each frame width, with its example inputs, "
        "measured in Chromium by tests/frame_heights.py (make frame-heights); the Embed "
        "snippet's starting height. Do not edit by hand."
    )
    rows = ",\n".join(f"  {json.dumps(stem)}: {json.dumps(row)}" for stem, row in heights.items())
    STORE.write_text(
        f'{{\n "about": {json.dumps(about)},\n "chromium": {json.dumps(version)},\n'
        f' "measured_on": "{day.isoformat()}",\n "widths": {json.dumps(list(WIDTHS))},\n'
        f' "heights": {{\n{rows}\n }}\n}}\n',
        encoding="utf-8",
    )
    print(f"wrote {STORE.relative_to(ROOT)}: {heights}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SITE)

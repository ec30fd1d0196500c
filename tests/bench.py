"""`make bench`: page weight and speed against the stock Jupyter Book template, in one run
(issues 8 and 13).

Not part of `make test`. Builds the book and the template that `jupyter-book create` writes
(same versions), serves each from a local static server, and measures in headless Chromium
with an empty cache. Prints a table, writes _build/bench.json, and exits non-zero when a
budget is missed:
- our text page (a source chapter) loads at most 0.25 times the bytes of the template's text
  page (markdown.html);
- each calculator page loads at most 1.1 times the bytes of our text page;
- each calculator shows its first result within 0.5 times the template page's first
  contentful paint (the result counts once its text is in the page and the page has painted);
- an input change updates the result within 50 ms;
- `make test` (its last run, recorded in _build/test-time.json) takes under 10 minutes;
- on a throttled connection and processor (a mid-range phone on slow 4G: THROTTLE), with both
  sites served compressed as a static host serves them, the text, comparison and calculator
  pages paint first within 0.6 times the template page's first contentful paint, and paint
  their largest text within 2 s (largest contentful paint; issue 28).
Bytes are what the page loads by the time the network is idle, as the server sends them
(uncompressed); the same bodies gzipped, as a static host that compresses would send them,
are reported beside them. Times are medians of BENCH_RUNS runs (7), taken in turn so that a
busy machine slows the template and the book alike.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TEMPLATE_TEXT_PAGE = "markdown.html"
TEXT_PAGE = "book/sources/sources-ema.html"
COMPARISON_PAGE = "book/compare/compare-pregnancy.html"
# Each calculator page, and one input change that alters its result: (label, new value).
CALCULATORS = {
    "washout": ("book/calculators/washout.html", "Date of the last dose", "2026-03-31"),
    "contraception": (
        "book/calculators/contraception.html", "Date of the last infusion", "2026-10-31"
    ),
    "trials": ("book/calculators/trials.html", "Treated arm", "0.2"),
    "schedule": ("book/calculators/schedule.html", "First day of course 1", "2026-03-31"),
}
# Chromium's network and processor emulation (DevTools protocol): Lighthouse's "slow 4G" and
# mid-range phone. The latency is added to every request, as a round trip would be.
THROTTLE = {
    "network": {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8,
                "uploadThroughput": 750e3 / 8},
    "cpu_slowdown": 4,
}
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
         "is_mobile": True, "has_touch": True}
# The pages timed on the throttled connection, each against the template's text page.
THROTTLED_PAGES = {
    "text": TEXT_PAGE,
    "comparison": COMPARISON_PAGE,
    **{stem: path for stem, (path, _, _) in CALCULATORS.items()},
}
BUDGET = {
    "text_to_template": 0.25,
    "calculator_to_text": 1.1,
    "first_result_to_template_fcp": 0.5,
    "update_ms": 50,
    "make_test_s": 240,
    "build_to_template": 3.0,
    "throttled_fcp_to_template": 0.6,
    "throttled_lcp_ms": 2000,
}
# The claim file `make bench` edits (and restores) to time the rebuild after one claim changes.
EDITED_CLAIMS = ROOT / "data" / "claims" / "switching.yaml"
# What a static host compresses; fonts and images are sent as they are.
COMPRESSED_TYPES = ("text/", "javascript", "json", "svg", "xml")

# Records when a calculator's status region first shows text, relative to navigation start.
FIRST_RESULT_PROBE = """
new MutationObserver((records, observer) => {
  const status = document.querySelector('.static-anywidget [role="status"]');
  if (status && status.textContent.trim()) {
    window.__firstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true, characterData: true });
"""
FIRST_CONTENTFUL_PAINT = """() => new Promise((resolve) => new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.name === 'first-contentful-paint') resolve(entry.startTime);
  }
}).observe({ type: 'paint', buffered: true }))"""

# Changes one input the way a reader does and times until the status region changes.
UPDATE_PROBE = """
([label, value]) => new Promise((resolve) => {
  const root = document.querySelector('.static-anywidget');
  const labelEl = [...root.querySelectorAll('label')]
    .find((l) => l.textContent.trim().startsWith(label));
  const input = document.getElementById(labelEl.htmlFor);
  const status = root.querySelector('[role="status"]');
  const before = status.textContent;
  let start;
  new MutationObserver((records, observer) => {
    if (status.textContent !== before) {
      observer.disconnect();
      resolve(performance.now() - start);
    }
  }).observe(status, { childList: true, subtree: true, characterData: true });
  start = performance.now();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
})
"""


def timed_build(book: Path, output: Path) -> float:
    """Seconds for a clean strict-free build of `book` into `output` (execution included)."""
    shutil.rmtree(output, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(book), "--path-output", str(output)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def timed_rebuild_after_claim_edit(output: Path) -> float:
    """Seconds to rebuild the book in `output` after one claim's text in data/ changed.

    The edit (one word added to the first statement) is undone afterwards, whatever happens.
    """
    original = EDITED_CLAIMS.read_bytes()
    text = original.decode("utf-8")
    marker = "  statement: >-\n    "
    if marker not in text:
        raise RuntimeError(f"{EDITED_CLAIMS} has no folded statement to edit")
    try:
        EDITED_CLAIMS.write_text(text.replace(marker, marker + "Edited: ", 1), encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(
            [str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output", str(output)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - start
    finally:
        EDITED_CLAIMS.write_bytes(original)


def gzipped_size(path: Path, content_type: str) -> int:
    """The bytes a static host that compresses text would send for the file at `path`."""
    body = path.read_bytes()
    if any(kind in content_type for kind in COMPRESSED_TYPES):
        return len(gzip.compress(body, compresslevel=6))
    return len(body)


def page_weight(browser, base: str, path: str, site: Path) -> dict[str, int]:
    """Bytes (as sent, and gzipped) and requests a browser with an empty cache loads for the
    page `path` of the site served from `site` at `base`."""
    context = browser.new_context()
    loaded: list[tuple[str, int, str]] = []

    def finished(request) -> None:
        response = request.response()
        kind = response.headers.get("content-type", "") if response else ""
        loaded.append((request.url, request.sizes()["responseBodySize"], kind))

    page = context.new_page()
    page.on("requestfinished", finished)
    page.goto(f"{base}/{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    local = [(site / unquote(urlsplit(url).path).lstrip("/"), kind) for url, _, kind in loaded]
    return {
        "bytes": sum(size for _, size, _ in loaded),
        "gzip_bytes": sum(gzipped_size(file, kind) for file, kind in local),
        "requests": len(loaded),
    }


def first_paint_ms(browser, url: str) -> float:
    """Milliseconds from navigation to the page's first contentful paint, empty cache."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    value = page.evaluate(FIRST_CONTENTFUL_PAINT)
    context.close()
    return value


def first_result_ms(browser, url: str, warm_from: str | None = None) -> tuple[float, float]:
    """Milliseconds from navigation until the calculator's first result is in the page and
    the page has painted, and until it is in the page alone, with an empty cache or, given
    `warm_from`, after a visit to that page (a reader moving through the book)."""
    context = browser.new_context()
    context.add_init_script(FIRST_RESULT_PROBE)
    page = context.new_page()
    if warm_from:
        page.goto(warm_from, wait_until="load")
    page.goto(url, wait_until="load")
    page.wait_for_function("window.__firstResult !== undefined", timeout=10_000)
    in_page = page.evaluate("window.__firstResult")
    painted = max(in_page, page.evaluate(FIRST_CONTENTFUL_PAINT))
    context.close()
    return painted, in_page


# First contentful paint and the last largest-contentful-paint entry (with what it painted),
# once a calculator's first result is in the page.
PAINT_ENTRIES = """() => new Promise((resolve) => {
  const found = {};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name === 'first-contentful-paint') found.fcp = e.startTime;
    }
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    const last = list.getEntries().at(-1);
    found.lcp = last.startTime;
    found.element = last.element ? last.element.tagName.toLowerCase()
      + (last.element.className ? '.' + String(last.element.className).split(' ')[0] : '') : '';
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(() => resolve(found), 500);
})"""


def throttled_paints(browser, url: str) -> dict:
    """First and largest contentful paint of `url` (ms) on a phone's screen, over THROTTLE's
    connection and processor, with an empty cache."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", THROTTLE["network"])
    session.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE["cpu_slowdown"]})
    page.goto(url, wait_until="load")
    if page.locator(".static-anywidget").count():
        page.wait_for_selector('.static-anywidget [role="status"]:not(:empty)')
    found = page.evaluate(PAINT_ENTRIES)
    context.close()
    return found


def measure_throttled(browser, template: str, book: str) -> dict:
    """Medians of RUNS throttled loads of the template's text page and each of ours, in turn."""
    pages = {"template text": f"{template}/{TEMPLATE_TEXT_PAGE}",
             **{name: f"{book}/{path}" for name, path in THROTTLED_PAGES.items()}}
    runs: dict[str, list[dict]] = {name: [] for name in pages}
    for _ in range(RUNS):
        for name, url in pages.items():
            runs[name].append(throttled_paints(browser, url))
    return {
        name: {
            "fcp_ms": statistics.median(run["fcp"] for run in found),
            "lcp_ms": statistics.median(run["lcp"] for run in found),
            "lcp_element": statistics.mode(run.get("element", "") for run in found),
        }
        for name, found in runs.items()
    }


def update_ms(browser, url: str, label: str, value: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_selector('.static-anywidget [role="status"]:not(:empty)')
    elapsed = page.evaluate(UPDATE_PROBE, [label, value])
    context.close()
    return elapsed


def measure(
    browser, template: str, book: str, template_site: Path, book_site: Path
) -> tuple[dict, dict, dict]:
    """Weights of the pages, first paints and calculator speeds, times taken in turn."""
    weights = {
        "template text": page_weight(browser, template, TEMPLATE_TEXT_PAGE, template_site),
        "text": page_weight(browser, book, TEXT_PAGE, book_site),
        "comparison": page_weight(browser, book, COMPARISON_PAGE, book_site),
    }
    for stem, (path, _, _) in CALCULATORS.items():
        weights[stem] = page_weight(browser, book, path, book_site)
    paints: dict[str, list[float]] = {"template text": [], "text": []}
    firsts: dict[str, list[tuple[float, float]]] = {stem: [] for stem in CALCULATORS}
    warm: dict[str, list[tuple[float, float]]] = {stem: [] for stem in CALCULATORS}
    for _ in range(RUNS):
        paints["template text"].append(first_paint_ms(browser, f"{template}/{TEMPLATE_TEXT_PAGE}"))
        paints["text"].append(first_paint_ms(browser, f"{book}/{TEXT_PAGE}"))
        for stem, (path, _, _) in CALCULATORS.items():
            firsts[stem].append(first_result_ms(browser, f"{book}/{path}"))
            warm[stem].append(first_result_ms(browser, f"{book}/{path}", f"{book}/{TEXT_PAGE}"))
    speed = {
        stem: {
            "first_result_ms": statistics.median(painted for painted, _ in firsts[stem]),
            "first_result_in_page_ms": statistics.median(dom for _, dom in firsts[stem]),
            "first_result_warm_ms": statistics.median(painted for painted, _ in warm[stem]),
            "update_ms": statistics.median(
                update_ms(browser, f"{book}/{path}", label, value) for _ in range(RUNS)
            ),
        }
        for stem, (path, label, value) in CALCULATORS.items()
    }
    return weights, {name: statistics.median(values) for name, values in paints.items()}, speed


def budgets(results: dict) -> list[dict]:
    weights, paints, speed = results["pages"], results["first_paint_ms"], results["speed"]
    text, template = weights["text"], weights["template text"]
    checks = [("text page bytes / template text page", text["bytes"] / template["bytes"],
               BUDGET["text_to_template"])]
    for stem in CALCULATORS:
        checks.append((f"{stem} page bytes / text page", weights[stem]["bytes"] / text["bytes"],
                       BUDGET["calculator_to_text"]))
    for stem in CALCULATORS:
        checks.append((f"{stem} first result / template paint",
                       speed[stem]["first_result_ms"] / paints["template text"],
                       BUDGET["first_result_to_template_fcp"]))
    for stem in CALCULATORS:
        checks.append((f"{stem} update (ms)", speed[stem]["update_ms"], BUDGET["update_ms"]))
    checks.append(("clean build / template build", results["build"]["ratio"],
                   BUDGET["build_to_template"]))
    throttled = results.get("throttled")
    if throttled:
        template_fcp = throttled["template text"]["fcp_ms"]
        for name in THROTTLED_PAGES:
            checks.append((f"{name} FCP / template FCP, throttled",
                           throttled[name]["fcp_ms"] / template_fcp,
                           BUDGET["throttled_fcp_to_template"]))
        for name in THROTTLED_PAGES:
            checks.append((f"{name} LCP (ms), throttled", throttled[name]["lcp_ms"],
                           BUDGET["throttled_lcp_ms"]))
    if results["make_test_s"] is not None:
        checks.append(("make test (s)", results["make_test_s"], BUDGET["make_test_s"]))
    return [{"what": what, "value": value, "budget": budget, "met": value <= budget}
            for what, value, budget in checks]


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    template = work / "template"
    subprocess.run([str(BIN / "jupyter-book"), "create", str(template)], check=True,
                   stdout=subprocess.DEVNULL)
    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}, {platform.platform()}",
        "runs": RUNS,
        # The machine is shared: its load when the run began and ended says how far to trust it.
        "load_average": {"start": os.getloadavg()},
    }
    book_s = timed_build(ROOT, work / "book")
    template_s = timed_build(template, work / "template-out")
    edit_s = timed_rebuild_after_claim_edit(work / "book")
    results["build"] = {"book_s": book_s, "template_s": template_s, "ratio": book_s / template_s,
                        "one_claim_edit_s": edit_s}

    book_site = work / "book" / "_build" / "html"
    template_site = work / "template-out" / "_build" / "html"
    with serve(book_site) as book_url, serve(template_site) as template_url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results["browser"] = f"Chromium {browser.version}"
        weights, paints, speed = measure(
            browser, template_url, book_url, template_site, book_site
        )
        with serve(book_site, compress=True) as book_gzip, \
                serve(template_site, compress=True) as template_gzip:
            results["throttled"] = measure_throttled(browser, template_gzip, book_gzip)
        browser.close()
    results["load_average"]["end"] = os.getloadavg()
    for weight in weights.values():
        weight["ratio_to_text"] = weight["bytes"] / weights["text"]["bytes"]
        weight["gzip_ratio_to_text"] = weight["gzip_bytes"] / weights["text"]["gzip_bytes"]
    results["pages"] = weights
    results["first_paint_ms"] = paints
    results["speed"] = speed
    test_time = ROOT / "_build" / "test-time.json"
    results["make_test_s"] = (
        json.loads(test_time.read_text())["seconds"] if test_time.is_file() else None
    )
    results["budgets"] = budgets(results)
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "bench.json").write_text(json.dumps(results, indent=2))
    report(results)
    shutil.rmtree(work, ignore_errors=True)
    return 0 if all(item["met"] for item in results["budgets"]) else 1


def report(results: dict) -> None:
    print(f"Machine: {results['machine']}, {results.get('browser', '')}; "
          f"medians of {results['runs']} runs\n")
    build = results["build"]
    print(f"Clean build, execution included: book {build['book_s']:.1f} s, Jupyter Book "
          f"template {build['template_s']:.1f} s, ratio {build['ratio']:.2f}")
    print(f"Rebuild after editing one claim in data/: {build['one_claim_edit_s']:.1f} s\n")
    paints = results["first_paint_ms"]
    print(f"First contentful paint: template text page {paints['template text']:.0f} ms, "
          f"our text page {paints['text']:.0f} ms\n")
    print(f"{'page':<15}{'bytes':>11}{'gzip':>10}{'requests':>10}{'x text':>8}{'gzip x':>8}"
          f"{'first result ms':>17}{'(DOM)':>7}{'(warm)':>8}{'update ms':>11}")
    for name, weight in results["pages"].items():
        speed = results["speed"].get(name)
        first = f"{speed['first_result_ms']:.0f}" if speed else "-"
        dom = f"{speed['first_result_in_page_ms']:.0f}" if speed else "-"
        warm = f"{speed['first_result_warm_ms']:.0f}" if speed else "-"
        update = f"{speed['update_ms']:.1f}" if speed else "-"
        print(f"{name:<15}{weight['bytes']:>11,}{weight['gzip_bytes']:>10,}"
              f"{weight['requests']:>10}{weight['ratio_to_text']:>8.2f}"
              f"{weight['gzip_ratio_to_text']:>8.2f}{first:>17}{dom:>7}{warm:>8}{update:>11}")
    throttled = results.get("throttled")
    if throttled:
        network = THROTTLE["network"]
        print(f"\nThrottled ({network['latency']} ms latency, "
              f"{network['downloadThroughput'] * 8 / 1e6:.1f} Mbps down, "
              f"{network['uploadThroughput'] * 8 / 1e3:.0f} kbps up, "
              f"{THROTTLE['cpu_slowdown']}x slower processor; 412 px phone; served gzipped):")
        template_fcp = throttled["template text"]["fcp_ms"]
        print(f"{'page':<15}{'FCP ms':>8}{'x template':>12}{'LCP ms':>8}  LCP element")
        for name, found in throttled.items():
            print(f"{name:<15}{found['fcp_ms']:>8.0f}{found['fcp_ms'] / template_fcp:>12.2f}"
                  f"{found['lcp_ms']:>8.0f}  {found['lcp_element']}")
    load = results["load_average"]
    print(f"\nLoad average (1, 5, 15 min): at the start {load['start']}, "
          f"at the end {load.get('end')}")
    seconds = results["make_test_s"]
    print(f"\nmake test: {f'{seconds:.0f} s' if seconds else 'not timed yet (run make test)'}")
    print("\nBudgets:")
    for item in results["budgets"]:
        mark = "met" if item["met"] else "MISSED"
        print(f"  {item['what']:<40} {item['value']:>9.2f} <= {item['budget']:<6} {mark}")


if __name__ == "__main__":
    sys.exit(main())

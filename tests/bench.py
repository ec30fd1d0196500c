"""`make bench`: build time, page weight and calculator speed, measured in one run (issue 8).

Not part of `make test`. Prints a table, writes _build/bench.json, and exits non-zero when a
budget is missed:
- a calculator page loads at most 1.5 times the bytes of a text page;
- the first result shows within 300 ms of navigation (empty cache; a visit from another page
  of the book, with the theme cached, is reported beside it);
- an input change updates the result within 50 ms;
- `make test` (its last run, recorded in _build/test-time.json) takes under 10 minutes.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
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
BUDGET = {"page_ratio": 1.5, "first_result_ms": 300, "update_ms": 50, "make_test_s": 600}

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


def serve(directory: Path) -> tuple[subprocess.Popen, str]:
    """A static server in its own process, so the browser's requests never wait on this one."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        with socket.socket() as client:
            if client.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def page_weight(browser, url: str) -> dict[str, int]:
    """Bytes and requests a browser with an empty cache loads for one page."""
    context = browser.new_context()
    sizes: list[int] = []
    page = context.new_page()
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    return {"bytes": sum(sizes), "requests": len(sizes)}


def first_result_ms(browser, url: str, warm_from: str | None = None) -> float:
    """Milliseconds from navigation to the calculator's first result, with an empty cache or,
    given `warm_from`, after a visit to that page (a reader moving through the book)."""
    context = browser.new_context()
    context.add_init_script(FIRST_RESULT_PROBE)
    page = context.new_page()
    if warm_from:
        page.goto(warm_from, wait_until="load")
    page.goto(url, wait_until="load")
    page.wait_for_function("window.__firstResult !== undefined", timeout=10_000)
    value = page.evaluate("window.__firstResult")
    context.close()
    return value


def update_ms(browser, url: str, label: str, value: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_selector('.static-anywidget [role="status"]:not(:empty)')
    elapsed = page.evaluate(UPDATE_PROBE, [label, value])
    context.close()
    return elapsed


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    template = work / "template"
    subprocess.run([str(BIN / "jupyter-book"), "create", str(template)], check=True,
                   stdout=subprocess.DEVNULL)
    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}, {platform.platform()}",
        "runs": RUNS,
    }
    book_s = timed_build(ROOT, work / "book")
    template_s = timed_build(template, work / "template-out")
    results["build"] = {"book_s": book_s, "template_s": template_s, "ratio": book_s / template_s}

    site = work / "book" / "_build" / "html"
    server, base = serve(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        text = page_weight(browser, f"{base}/{TEXT_PAGE}")
        weights = {"text": text, "comparison": page_weight(browser, f"{base}/{COMPARISON_PAGE}")}
        speed = {}
        for stem, (path, label, value) in CALCULATORS.items():
            weight = page_weight(browser, f"{base}/{path}")
            weights[stem] = {**weight, "ratio_to_text": weight["bytes"] / text["bytes"]}
            firsts = [first_result_ms(browser, f"{base}/{path}") for _ in range(RUNS)]
            warm = [first_result_ms(browser, f"{base}/{path}", f"{base}/{TEXT_PAGE}")
                    for _ in range(RUNS)]
            updates = [update_ms(browser, f"{base}/{path}", label, value) for _ in range(RUNS)]
            speed[stem] = {
                "first_result_ms": statistics.median(firsts),
                "first_result_warm_ms": statistics.median(warm),
                "update_ms": statistics.median(updates),
            }
        browser.close()
    server.terminate()
    server.wait()
    results["pages"] = weights
    results["speed"] = speed
    test_time = ROOT / "_build" / "test-time.json"
    results["make_test_s"] = (
        json.loads(test_time.read_text())["seconds"] if test_time.is_file() else None
    )

    checks = [
        (f"{stem} page bytes / text page", weights[stem]["ratio_to_text"], BUDGET["page_ratio"])
        for stem in CALCULATORS
    ]
    for stem in CALCULATORS:
        checks.append((f"{stem} first result (ms)", speed[stem]["first_result_ms"],
                       BUDGET["first_result_ms"]))
        checks.append((f"{stem} update (ms)", speed[stem]["update_ms"], BUDGET["update_ms"]))
    if results["make_test_s"] is not None:
        checks.append(("make test (s)", results["make_test_s"], BUDGET["make_test_s"]))
    results["budgets"] = [
        {"what": what, "value": value, "budget": budget, "met": value <= budget}
        for what, value, budget in checks
    ]
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "bench.json").write_text(json.dumps(results, indent=2))
    report(results)
    shutil.rmtree(work, ignore_errors=True)
    return 0 if all(item["met"] for item in results["budgets"]) else 1


def report(results: dict) -> None:
    print(f"Machine: {results['machine']}; medians of {results['runs']} runs\n")
    build = results["build"]
    print(f"Clean build, execution included: book {build['book_s']:.1f} s, Jupyter Book "
          f"template {build['template_s']:.1f} s, ratio {build['ratio']:.2f}\n")
    print(f"{'page':<16}{'bytes':>12}{'requests':>10}{'x text':>9}"
          f"{'first result ms':>17}{'(warm)':>8}{'update ms':>11}")
    for name, weight in results["pages"].items():
        speed = results["speed"].get(name)
        ratio = weight.get("ratio_to_text")
        ratio_text = f"{ratio:.2f}" if ratio else "-"
        first = f"{speed['first_result_ms']:.0f}" if speed else "-"
        warm = f"{speed['first_result_warm_ms']:.0f}" if speed else "-"
        update = f"{speed['update_ms']:.1f}" if speed else "-"
        print(f"{name:<16}{weight['bytes']:>12,}{weight['requests']:>10}"
              f"{ratio_text:>9}{first:>17}{warm:>8}{update:>11}")
    seconds = results["make_test_s"]
    print(f"\nmake test: {f'{seconds:.0f} s' if seconds else 'not timed yet (run make test)'}")
    print("\nBudgets:")
    for item in results["budgets"]:
        mark = "met" if item["met"] else "MISSED"
        print(f"  {item['what']:<36} {item['value']:>9.2f} <= {item['budget']:<6} {mark}")


if __name__ == "__main__":
    sys.exit(main())

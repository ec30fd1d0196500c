"""The calculators live in JupyterLab, as an educator meets them: JupyterLab from the venv, a
notebook with the README's lines opened and run in headless Chromium, then typing into the
widget and reading what Python sees, and the reverse; the schedule's chart draws, and the source
links go to the book's address (here ALEMTUZUMAB_KB_BOOK_URL). No request leaves the machine."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.test_install import README_LINES

# The module builds or starts something once; its tests share one test process.
pytestmark = pytest.mark.xdist_group("jupyterlab")

TOKEN = "calculators-live-test"
BOOK = "http://book.invalid/alemtuzumab/"
CELLS = [
    README_LINES.group(1) if README_LINES else "raise SystemExit('README lines missing')",
    "from alemtuzumab_kb.ui import ScheduleCalculator\n"
    'ScheduleCalculator(course1_start="2026-01-12")',
    'print("python sees", washout.prior, washout.last_dose, washout.plan().summary)',
    'washout.prior = "Tysabri"',
    # A reader's own inputs, and no book address known (site_root None): sources unlinked.
    "from alemtuzumab_kb.ui import ContraceptionCalculator\n"
    'ContraceptionCalculator(last_infusion="2027-01-05", site_root=None)',
]


def _notebook() -> dict:
    return {
        "cells": [
            {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
             "source": source}
            for source in CELLS
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                    "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab from this venv on a free local port, with its own config and one notebook."""
    root = tmp_path_factory.mktemp("lab")
    (root / "lesson.ipynb").write_text(json.dumps(_notebook()))
    port = _free_port()
    env = {
        **os.environ,
        "ALEMTUZUMAB_KB_BOOK_URL": BOOK,
        "JUPYTER_CONFIG_DIR": str(root / ".config"),
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
        "IPYTHONDIR": str(root / ".ipython"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
         "--ip=127.0.0.1", "--allow-root", f"--IdentityProvider.token={TOKEN}",
         f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
         "--LabApp.extension_manager=readonly",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=subprocess.DEVNULL, stderr=(root / "server.log").open("w"),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(root / 'server.log').read_text()}")
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture()
def notebook(browser, lab: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    outside: list[str] = []

    def local_only(route):
        if route.request.url.startswith(lab) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", local_only)
    page = context.new_page()
    page.goto(f"{lab}/lab/tree/lesson.ipynb?token={TOKEN}")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel",
        timeout=60_000,
    )
    yield page
    context.close()
    assert outside == [], f"requests outside the machine: {outside}"


def _run_cell(page: Page, index: int) -> None:
    page.evaluate(
        """async (index) => {
            const panel = window.jupyterapp.shell.currentWidget;
            panel.content.activeCellIndex = index;
            await window.jupyterapp.commands.execute("notebook:run-cell");
        }""",
        index,
    )


def test_a_calculator_lives_in_jupyterlab(notebook: Page) -> None:
    page = notebook
    started = time.monotonic()
    page.evaluate('window.jupyterapp.commands.execute("notebook:run-all-cells")')
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    washout = cells.nth(0).locator(".calc-washout")
    schedule = cells.nth(1).locator(".calc-schedule")
    expect(washout).to_be_visible(timeout=60_000)

    # Python to the browser: the last cell set the therapy; the view follows.
    expect(washout.get_by_label("Therapy stopped")).to_have_value("Tysabri", timeout=30_000)

    # The browser to Python: a date typed into the widget is what Python reads, and the plan
    # Python makes of both inputs is the one the view shows.
    washout.get_by_label("Date of the last dose").fill("2026-05-31")
    summary = washout.locator('[data-result="summary"]')
    expect(summary).to_contain_text("2026")
    expect(summary).not_to_contain_text("January")
    _run_cell(page, 2)
    printed = cells.nth(2).locator(".jp-OutputArea-output")
    expect(printed).to_have_text(re.compile(r"^python sees Tysabri 2026-05-31 \w"), timeout=30_000)
    expect(summary).to_have_text(printed.inner_text().strip().split(" ", 4)[4])

    # Source links go to the book's address, not to a path of this server.
    link = washout.locator(".calc-citations a").first
    expect(link).to_have_attribute("href", re.compile("^" + re.escape(BOOK) + r"book/sources/"))

    # "Example inputs" only while the inputs are the calculator's own example: the schedule
    # was made with its defaults, the washout (README) and contraception with a reader's own.
    expect(schedule.locator('[data-result="example"]')).to_be_visible()
    expect(washout.locator('[data-result="example"]')).to_be_hidden()
    contraception = cells.nth(4).locator(".calc-contraception")
    expect(contraception.locator('[data-result="headline"]')).to_contain_text("2027")
    expect(contraception.locator('[data-result="example"]')).to_be_hidden()
    # With no book address, each source is named where a link would be, and nothing links.
    expect(contraception.locator(".calc-source-name").first).to_be_visible()
    expect(contraception.locator("a[href*='book/sources/']")).to_have_count(0)

    # The schedule's chart draws, when the reader scrolls to it, with the vega the kernel sends.
    schedule.locator(".schedule-chart").scroll_into_view_if_needed()
    expect(schedule.locator('.schedule-chart[data-drawn="true"] svg')).to_have_count(
        1, timeout=60_000
    )
    if os.environ.get("LAB_SCREENSHOT"):  # a picture to look at: LAB_SCREENSHOT=path.png
        washout.screenshot(path=os.environ["LAB_SCREENSHOT"])
        schedule.locator(".schedule-figure").screenshot(
            path=os.environ["LAB_SCREENSHOT"].replace(".png", "-chart.png")
        )
    print(f"JupyterLab: notebook run and checked in {time.monotonic() - started:.1f} s")

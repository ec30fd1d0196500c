"""Shared fixtures: the built site, a local static server, and headless Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests import small_book as small_book_module

ROOT = Path(__file__).resolve().parent.parent
# The built site; BOOK_SITE points elsewhere when a build went to another --path-output.
SITE = Path(os.environ.get("BOOK_SITE", ROOT / "_build" / "html"))
# Debian's Chromium, for what needs the whole browser: the back/forward cache
# (test_calculator_state.py) and `make bench` (pages timed as a reader's browser loads them).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Debian's chromium-headless-shell, for every other browser test: the same Blink, V8 and version
# as CHROMIUM without the desktop browser around it (the build Playwright itself runs headless).
# It loads, renders and audits the pages with about 30% less CPU (issue 17), but keeps no page
# in a back/forward cache.
HEADLESS_SHELL = os.environ.get("CHROMIUM_HEADLESS_SHELL_PATH", "/usr/bin/chromium-headless-shell")
NOT_PAGES = {"_sources", "_static"}  # source copies and theme template fragments
# Every page of the built site, relative to its root; a placeholder when nothing is built, so
# that parametrized tests fail (through the `site` fixture) instead of silently vanishing.
PAGES = sorted(
    p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html") if not NOT_PAGES & set(p.parts)
) or ["(no built site)"]
# Flags that keep Chromium from calling home on a machine with no network (see DESIGN.md).
# Every request to anything but this machine goes to a proxy that is not there, so it fails
# without leaving it (Chromium never proxies loopback addresses); tests/offline.py records such
# requests. Cheaper than intercepting every request, which cost a quarter of each page load.
CHROMIUM_ARGS = [
    "--proxy-server=http://127.0.0.1:9",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


UNGROUPED = pytest.StashKey[str]()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under `--dist loadgroup` a test marked `xdist_group` must carry its group in its node id
    (pytest-xdist adds it as `@<group>`); without it the group's tests spread over the workers
    and share nothing (two JupyterLabs, two sdist builds in the same folder). Some pytest
    releases drop the suffix silently (pytest-dev/pytest-xdist#1386): those tests then fail
    with this sentence instead of racing."""
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid:
            item.stash[UNGROUPED] = (
                f"--dist loadgroup does not group with pytest {pytest.__version__} (no @<group> "
                "suffix on the node id); use a pytest that pytest-xdist supports, see "
                "requirements.in."
            )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if UNGROUPED in item.stash:  # before any fixture of the group starts
        pytest.fail(item.stash[UNGROUPED], pytrace=False)


@cache
def built(site: Path, page: str) -> BeautifulSoup:
    """A built page, parsed once per test process: the tests only read it (a test that changes
    a part copies it first)."""
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def read_vectors(stem: str) -> dict:
    """The shared test vectors tests/vectors/<stem>.json (the node tests read the same files)."""
    return json.loads((ROOT / "tests" / "vectors" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site; `make test` builds it before pytest runs."""
    if not (SITE / "index.html").is_file():
        pytest.fail(f"No built site at {SITE}: run `make book` first.")
    return SITE


@pytest.fixture(scope="session")
def small_book(tmp_path_factory):
    """``small_book(way, page)``: the HTML of `page` (``index.html``, a notebook, or
    ``report.html``) in tests/small_book.py's book, built the `way` its WAYS names (once)."""
    built: dict[str, Path] = {}

    def page(way: str, name: str) -> str:
        if way not in built:
            repository_url, environment = small_book_module.WAYS[way]
            folder = tmp_path_factory.mktemp("small-book")
            built[way] = small_book_module.build(folder, repository_url, environment)
        return (built[way] / name).read_text(encoding="utf-8")

    return page


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 as any static host would.

    The server runs in its own process: in this one it would wait for the interpreter between
    Playwright's calls, and every page would load more slowly.
    """
    with serve(site) as url:
        yield url


@contextmanager
def serve(folder: Path, log: Path | None = None, compress: bool = False) -> Iterator[str]:
    """A static HTTP server for `folder` in a child process; yields its address. With `log`,
    the server writes there a line per request it answered, with its status (see
    `requests_answered`): what the browser asks for by itself, such as /favicon.ico, included,
    which the page's own events never show. With `compress`, it sends text gzipped, as a
    static host does (tests/gzip_server.py; no log)."""
    log_file = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    command = (
        ["-m", "tests.gzip_server", str(folder)] if compress
        else ["-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(folder)]
    )
    server = subprocess.Popen(
        [sys.executable, "-u", *command],
        stdout=subprocess.PIPE, stderr=log_file, text=True, cwd=ROOT,
    )
    try:
        banner = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port N (http://...) ..."
        port = re.search(r"port (\d+)", banner)
        if port is None:
            raise RuntimeError(f"the static server did not start: {banner!r}")
        yield f"http://127.0.0.1:{port.group(1)}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        if log:
            log_file.close()


# A line of http.server's log: "127.0.0.1 - - [date] "GET /path HTTP/1.1" 404 -".
LOGGED_REQUEST = re.compile(r'"(?:GET|HEAD) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) ')


def requests_answered(log: Path) -> list[tuple[str, int]]:
    """(path, status) of every request in a `serve` log, in order."""
    return [
        (match["path"], int(match["status"]))
        for match in LOGGED_REQUEST.finditer(log.read_text(encoding="utf-8"))
    ]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium-headless-shell driven by Playwright; never a downloaded browser."""
    missing = [path for path in (HEADLESS_SHELL, CHROMIUM) if not Path(path).exists()]
    if missing:
        message = (
            f"Chromium not found at {', '.join(missing)}: install the Debian packages "
            "`chromium` and `chromium-headless-shell`."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=HEADLESS_SHELL, args=CHROMIUM_ARGS)
        yield browser
        browser.close()

"""Every page of the built site works offline and passes axe-core (issues 2 and 8).

Each page is opened once, with every request outside the site blocked, and checked for
external requests, broken local requests, console errors and serious accessibility findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PAGES
from tests.offline import open_offline

AXE = Axe()
AXE_OPTIONS = {"resultTypes": ["violations"]}


def serious_violations(page) -> list[str]:
    """axe-core findings of serious or critical impact, one line each."""
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in AXE.run(page, options=AXE_OPTIONS).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_site_has_pages(site: Path) -> None:
    assert "index.html" in PAGES
    assert "book/intro.html" in PAGES
    assert "book/references.html" in PAGES


@pytest.mark.parametrize("page_path", PAGES)
def test_page_is_self_contained_and_accessible(browser, site_url: str, page_path: str) -> None:
    page, problems = open_offline(browser, f"{site_url}/{page_path}", site_url)
    try:
        assert page.title(), f"{page_path} has no title"
        assert problems.external_requests == [], f"{page_path} reached outside the site"
        assert problems.failed_requests == [], f"{page_path} has broken local requests"
        assert problems.console_errors == [], f"{page_path} logged console errors"
        assert serious_violations(page) == [], f"{page_path} has accessibility violations"
    finally:
        page.context.close()


@pytest.mark.parametrize("page_path", ["book/intro.html", "book/references.html"])
def test_page_opens_from_the_file_system(browser, site: Path, page_path: str) -> None:
    """A reader can open the site from a folder, with no server at all."""
    url = (site / page_path).as_uri()
    page, problems = open_offline(browser, url, site.as_uri())
    try:
        assert page.locator("article h1").first.is_visible()
        assert not problems, problems
    finally:
        page.context.close()

"""Every page of the built site works with the network off (issue 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SITE
from tests.offline import open_offline

NOT_PAGES = {"_sources", "_static"}  # source copies and theme template fragments
PAGES = sorted(
    p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html") if not NOT_PAGES & set(p.parts)
) or ["(no built site)"]


def test_site_has_pages(site: Path) -> None:
    assert "index.html" in PAGES
    assert "book/intro.html" in PAGES
    assert "book/references.html" in PAGES


@pytest.mark.parametrize("page_path", PAGES)
def test_page_is_self_contained(browser, site_url: str, page_path: str) -> None:
    page, problems = open_offline(browser, f"{site_url}/{page_path}", site_url)
    try:
        assert page.title(), f"{page_path} has no title"
        assert problems.external_requests == [], f"{page_path} reached outside the site"
        assert problems.failed_requests == [], f"{page_path} has broken local requests"
        assert problems.console_errors == [], f"{page_path} logged console errors"
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

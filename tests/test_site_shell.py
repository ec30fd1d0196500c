"""The site's shell (issue 13): the buttons follow one setting, the landing page leads to each
task in one click, the sidebar drops repeated prefixes, and search finds the calculators."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.offline import offline_page
from tests.small_book import GROUP, REPOSITORY


@GROUP
def test_a_repository_address_switches_on_repository_issues_and_launch_buttons(
    small_book,
) -> None:
    html = small_book("a repository set", "index.html")
    assert f'href="{REPOSITORY}"' in html
    assert f"{REPOSITORY}/issues/new" in html
    assert "https://mybinder.org/v2/gh/example/alemtuzumab-kb/main" in html


@GROUP
def test_without_a_repository_there_are_no_such_buttons(small_book) -> None:
    html = small_book("no address", "index.html")
    assert "mybinder.org" not in html
    assert "issues/new" not in html
    assert "repository-button" not in html
    assert 'rel="canonical"' not in html


@GROUP
def test_the_publishing_run_gives_both_addresses(small_book) -> None:
    """The Pages workflow sets the two variables from the run: the same buttons as the setting,
    and each page's canonical address under the book's."""
    html = small_book("the publishing run", "index.html")
    assert f"{REPOSITORY}/issues/new" in html
    assert "https://mybinder.org/v2/gh/example/alemtuzumab-kb/main" in html
    canonical = '<link rel="canonical" href="https://example.github.io/alemtuzumab-kb/index.html"'
    assert canonical in html


def test_the_pages_workflow_fills_both_addresses_from_its_run() -> None:
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "ALEMTUZUMAB_KB_REPOSITORY_URL=${{ github.server_url }}/${{ github.repository }}" in (
        workflow
    )
    assert "ALEMTUZUMAB_KB_BOOK_URL=${{ steps.pages.outputs.base_url }}" in workflow


def test_the_book_links_to_a_repository_only_where_the_build_was_given_one(site: Path) -> None:
    """Today no address is set (no buttons); the Pages workflow sets one (buttons to it)."""
    html = (site / "book" / "calculators" / "washout.html").read_text(encoding="utf-8")
    repository = os.environ.get("ALEMTUZUMAB_KB_REPOSITORY_URL", "").strip()
    if repository:
        assert f"{repository}/issues/new" in html
    else:
        assert "mybinder.org" not in html
        assert "issues/new" not in html


def test_no_page_links_to_a_placeholder_address(site: Path) -> None:
    placeholders = re.compile(r"example\.(org|com)|<repo-url>|your[-.]site|TODO", re.I)
    # The theme's style rules, inline in each page (first_paint.py), name a "todo" admonition.
    styles = re.compile(r"<style>.*?</style>", re.S)
    found = [
        (page.relative_to(site).as_posix(), match.group(0))
        for page in site.rglob("*.html")
        for match in [placeholders.search(styles.sub("", page.read_text(encoding="utf-8")))]
        if match
    ]
    assert found == []


@pytest.mark.parametrize("page", ["book/calculators/washout.html", "book/sources/sources-ema.html"])
def test_download_button_offers_the_source_from_the_site_itself(site: Path, page: str) -> None:
    html = (site / page).read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)"[^>]*class="btn btn-sm btn-download-source-button', html)
    links += re.findall(r'<a href="([^"]+)"[^>]*class="btn btn-sm btn-download-notebook-button',
                        html)
    assert links, f"{page} has no download button"
    for href in links:
        assert "//" not in href
        assert ((site / page).parent / href).resolve().is_file(), href
    if page.endswith("washout.html"):
        assert any(href.endswith("washout.ipynb") for href in links)


CARDS = {
    "Switching to alemtuzumab": "calculators/washout.html",
    "Dates after a course": "calculators/contraception.html",
    "The monitoring calendar": "calculators/schedule.html",
    "Teaching effect sizes and NNT": "calculators/trials.html",
    "Comparing the sources": "compare/index.html",
    "Checking a citation": "reviewers/ledger.html",
}


def test_landing_page_leads_to_each_task_in_one_click(site: Path) -> None:
    html = (site / "book" / "intro.html").read_text(encoding="utf-8")
    cards = re.findall(
        r'<div class="sd-card-title[^>]*>\s*(.*?)\s*</div>.*?<a class="[^"]*sd-stretched-link[^"]*"'
        r' href="([^"#]+)', html, re.S)
    assert {title.strip(): href for title, href in cards} == CARDS


def test_landing_page_says_the_disclaimer_once(site: Path) -> None:
    html = (site / "book" / "intro.html").read_text(encoding="utf-8")
    assert len(re.findall(r"not a prescription", html, re.I)) == 1


def test_sidebar_titles_drop_the_prefix_their_caption_says(site: Path) -> None:
    html = (site / "book" / "compare" / "compare-dosing.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="bd-links'):html.index("</nav>", html.index("bd-links"))]
    assert "Compare:" not in nav
    assert ">Dosing and Administration</a>" in nav
    assert "<title>Compare: Dosing and Administration" in html
    assert re.search(r"<h1>Compare: Dosing and Administration", html)


TASKS = {
    "washout": "book/calculators/washout.html",
    "contraception": "book/calculators/contraception.html",
    "schedule": "book/calculators/schedule.html",
    "monitoring calendar": "book/calculators/schedule.html",
    "NNT": "book/calculators/trials.html",
}


@pytest.mark.parametrize("query", TASKS)
def test_search_puts_the_calculator_first(browser, site_url: str, query: str) -> None:
    """Sphinx's own search, run in the browser on the built index."""
    with offline_page(browser, f"{site_url}/search.html?q={query}", site_url) as (page, _):
        first = page.locator("#search-results ul.search li a").first
        first.wait_for()
        assert first.get_attribute("href").split("?")[0] == TASKS[query]

"""The reviewers' tools (issue 25): every claim stated once in its chapter with an anchor, links
from the comparison pages and the ledger to it and back, the downloads, and the link to report a
problem that follows the one repository setting."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from alemtuzumab_kb import compare, markup, reviewers
from alemtuzumab_kb.facts import load_facts
from tests.chapters import claim_roles
from tests.conftest import ROOT, built
from tests.small_book import GROUP, REPOSITORY

FACTS = load_facts()
EXT = ROOT / "book" / "_ext"


QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _text(node) -> str:
    """The words of an element on one line, with the typographic quotes the page's smart quotes
    put in written as plain ones, as in data/."""
    return " ".join(node.get_text().translate(QUOTES).split())


def _words(text: str) -> str:
    return " ".join(markup.plain(text).split())


def _said(sentence) -> str:
    """A claim's sentence in its chapter as words, without the citation it carries where it
    cites a paper (before its full stop)."""
    sentence = BeautifulSoup(str(sentence), "html.parser")
    for citation in sentence.select(".bibtex-citation"):
        citation.decompose()
    return re.sub(r" ([.;])", r"\1", _text(sentence))


# --- Each claim stated once, in its own chapter section ----------------------------------------


def test_every_claim_is_stated_once_in_its_chapter_section() -> None:
    """The chapters state each claim through ``{claim}`` (the one wording), once, in the section
    its `section` names: no claim is left out and none is stated twice."""
    roles = claim_roles()
    counts = Counter(claim_id for _, _, claim_id in roles)
    assert sorted(counts) == sorted(c.id for c in FACTS.claims)
    assert [claim_id for claim_id, n in counts.items() if n > 1] == []
    for chapter, label, claim_id in roles:
        claim = FACTS.claim(claim_id)
        assert chapter == FACTS.source(claim.source).chapter, claim_id
        assert label == FACTS.section_of(claim), claim_id


def test_chapter_anchors_cannot_clash_with_the_ledger_rows() -> None:
    """A label names one place in the book: the ledger row has the claim id, its sentence the
    id with a prefix that no other label of the book starts with."""
    labels = {
        label for path in (ROOT / "book").rglob("*.md")
        for label in re.findall(r"^\(([\w-]+)\)=\s*$", path.read_text("utf-8"), re.MULTILINE)
    }
    assert [label for label in labels if label.startswith("claim-")] == []
    assert compare.claim_label("x") == "claim-x"


# --- The downloads, unit by unit ------------------------------------------------------------------


def _context(data: Path = ROOT / "data") -> reviewers.Context:
    """The downloads' context without a build: the citations as the book makes them, every
    label at a made-up address."""
    sys.path.insert(0, str(EXT))
    from reviewer_tools import cited_as

    facts = load_facts(data)
    return reviewers.Context(
        facts=facts, cited=cited_as([ROOT / "references.bib"]),
        where=lambda label: f"page.html#{label}", links=compare.claim_links(facts, data),
    )


@pytest.mark.parametrize("cell", ["=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_would_start_a_formula_is_neutralised(cell: str) -> None:
    assert reviewers.spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["2-3 months", "Current", "", "'quoted", " =1"])
def test_other_cells_are_left_as_they_are(cell: str) -> None:
    assert reviewers.spreadsheet_safe(cell) == cell


def test_a_formula_planted_in_data_is_text_in_csv_and_as_written_in_json(tmp_path: Path) -> None:
    """Through a scratch copy of data/: a statement that a spreadsheet would run as a formula
    reaches the CSV with an apostrophe in front, and the JSON as it is."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    claims = data / "claims" / "switching.yaml"
    text = claims.read_text("utf-8")
    planted = "=1+2 No washout is needed when switching from glatiramer acetate."
    text = text.replace(
        "    No washout is needed when switching from glatiramer acetate.", f"    {planted}"
    )
    claims.write_text(text, "utf-8")
    context = _context(data)
    table = reviewers.rows(context, "claims")
    rows = list(csv.DictReader(io.StringIO(reviewers.csv_text("claims", table).lstrip("\ufeff"))))
    row = next(r for r in rows if r["id"] == "sms-switching-from-injectables-glatiramer")
    assert row["statement"] == "'" + planted
    document = json.loads(reviewers.json_text("claims", table))
    item = next(c for c in document["claims"] if c["id"] == row["id"])
    assert item["statement"] == planted


def test_csv_is_utf8_with_a_byte_order_mark_and_json_without() -> None:
    table = reviewers.rows(_context(), "claims")
    text = reviewers.csv_text("claims", table)
    assert text.startswith("\ufeffid,source_id,")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert not reviewers.json_text("claims", table).startswith("\ufeff")


def test_every_column_has_a_name_and_a_description_once() -> None:
    for columns in reviewers.TABLES.values():
        names = [column.name for column in columns]
        assert len(names) == len(set(names))
        assert all(re.fullmatch(r"[a-z_]+", name) for name in names)
        assert all(column.description.endswith(".") for column in columns)


def test_the_downloads_text_is_plain() -> None:
    """Markup is data for the page, not for a spreadsheet: no stars, roles or backticks."""
    context = _context()
    for stem in reviewers.TABLES:
        for row in reviewers.rows(context, stem):
            for name, cell in row.items():
                for text in cell if isinstance(cell, list) else [cell]:
                    if isinstance(text, str):
                        assert not re.search(r"[`*{}]", text), (stem, row["id"], name)


def test_a_citation_role_in_an_explanation_reads_as_authors_and_year() -> None:
    context = _context()
    assert reviewers.plain_text(context, "As {cite:t}`sms2025` says {cite:p}`sms2025,ruck2015`.") \
        == ("As Svenningsson and Lycke (2025) says (Svenningsson and Lycke, 2025; "
            "Ruck et al., 2015).")


def test_the_issue_address_carries_the_claim_its_page_and_its_text() -> None:
    claim = FACTS.claim("sms-switching-from-fingolimod")
    url = reviewers.issue_url(REPOSITORY + "/", claim, "book/x.html#a b&c")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
    query = parse_qs(parts.query)
    assert set(query) == {"title", "body"}
    assert claim.id in query["title"][0]
    body = query["body"][0]
    assert f"Claim: {claim.id}" in body
    assert "Page: book/x.html#a b&c" in body
    assert f"Text: {markup.plain(claim.statement)}" in body


# --- The built site -----------------------------------------------------------------------------


def _downloads(site: Path, stem: str) -> tuple[list[dict], dict]:
    folder = site / "downloads"
    with (folder / f"{stem}.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows, json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))


def test_the_downloads_hold_every_claim_once_and_agree_with_the_ledger(site: Path) -> None:
    rows, document = _downloads(site, "claims")
    ids = [row["id"] for row in rows]
    assert ids == [c.id for c in FACTS.claims] == [item["id"] for item in document["claims"]]
    assert len(set(ids)) == len(ids)
    assert list(rows[0]) == [c.name for c in reviewers.CLAIM_COLUMNS] == list(document["columns"])
    ledger = built(site, "book/reviewers/ledger.html")
    assert {row["id"] for row in ledger.select("table.ledger-table tr[id]")} == set(ids)
    for row, item in zip(rows, document["claims"], strict=True):
        claim = FACTS.claim(row["id"])
        assert row["statement"] == item["statement"] == _words(claim.statement)
        shown = ledger.find(id=row["id"])
        assert _words(claim.statement) in _text(shown.find("td")), row["id"]
        citation = _text(shown.find_all("td")[2]).strip("[]")
        assert row["citation"] == citation, row["id"]
        assert row["our_reading"] == ("yes" if claim.reading else "no")
        assert item["our_reading"] is (claim.reading is not None)


def test_the_downloads_hold_every_discrepancy_once(site: Path) -> None:
    rows, document = _downloads(site, "discrepancies")
    assert [r["id"] for r in rows] == [d.id for d in FACTS.discrepancies]
    assert [i["id"] for i in document["discrepancies"]] == [d.id for d in FACTS.discrepancies]
    page = built(site, "book/compare/discrepancies.html")
    for row, item in zip(rows, FACTS.discrepancies, strict=True):
        assert row["claims"] == "; ".join(item.claims)
        assert row["clinically_relevant"] == ("yes" if item.clinically_relevant else "no")
        assert page.find(id=compare.discrepancy_label(item.id)) is not None
    assert (site / "downloads" / "references.bib").read_bytes() == (
        ROOT / "references.bib"
    ).read_bytes()


def _lands(site: Path, address: str, page: str | None = None) -> object:
    """The element an address lands on: a link's, relative to the page it is on, or a
    download's, relative to the site's root (or under the book's address, where the build was
    given one)."""
    book = os.environ.get("ALEMTUZUMAB_KB_BOOK_URL", "").strip().rstrip("/")
    if book and address.startswith(book + "/"):
        address = address[len(book) + 1:]
    assert "//" not in address, address
    path, _, anchor = address.partition("#")
    folder = (site / page).parent if page else site
    target_page = (folder / path).resolve()
    assert target_page.is_file(), address
    target = built(site, target_page.relative_to(site.resolve()).as_posix()).find(id=anchor)
    assert target is not None, address
    return target


def test_every_address_in_the_downloads_lands_on_an_anchor(site: Path) -> None:
    rows, _ = _downloads(site, "claims")
    for row in rows:
        sentence = _lands(site, row["chapter"])
        assert "claim" in sentence["class"], row["id"]
        assert _lands(site, row["ledger"]).name == "tr"
        for address in row["shown_on"].split("; "):
            _lands(site, address)


def test_the_methods_page_documents_every_column_and_links_the_files(site: Path) -> None:
    page = built(site, "book/reviewers/methods.html")
    terms = [_text(dt) for dt in page.select("dl.download-columns dt")]
    expected = [c.name for columns in reviewers.TABLES.values() for c in columns]
    assert terms == expected
    for where in ("book/reviewers/methods.html", "book/reviewers/ledger.html"):
        links = built(site, where).select("ul.reviewer-downloads a")
        names = [link["href"].rsplit("/", 1)[-1] for link in links]
        assert names == ["claims.csv", "claims.json", "discrepancies.csv", "discrepancies.json",
                         "references.bib"]
        for link in links:
            assert ((site / where).parent / link["href"]).resolve().is_file(), link["href"]


@pytest.mark.parametrize("topic", [t.id for t in FACTS.topics])
def test_compare_entries_reach_the_sentence_that_links_back(site: Path, topic: str) -> None:
    """Every statement of a comparison page: its chapter link lands on the claim's sentence,
    which holds the same words and links back to the claim's ledger row."""
    page_name = f"book/compare/{compare.compare_label(topic)}.html"
    page = built(site, page_name)
    links = page.select(".compare-entries .chapter-link a")
    expected = [c.id for c in FACTS.claims if FACTS.topic_of(c.question).id == topic]
    found = []
    for link in links:
        sentence = _lands(site, link["href"], page_name)
        claim_id = sentence["id"].removeprefix("claim-")
        found.append(claim_id)
        assert _words(FACTS.claim(claim_id).statement) in _said(sentence), claim_id
        back = sentence.select_one(".claim-back a")
        assert back["href"].endswith(f"reviewers/ledger.html#{claim_id}")
        chapter = link["href"].split("#")[0].removeprefix("../")
        assert _lands(site, back["href"], f"book/{chapter}").get("id") == claim_id
    assert sorted(found) == sorted(expected)


def test_every_ledger_row_links_to_its_sentence(site: Path) -> None:
    ledger_name = "book/reviewers/ledger.html"
    ledger = built(site, ledger_name)
    for claim in FACTS.claims:
        row = ledger.find(id=claim.id)
        link = row.find_all("td")[1].find("a")
        assert link["href"].endswith(f".html#claim-{claim.id}"), claim.id
        sentence = _lands(site, link["href"], ledger_name)
        assert _words(claim.statement) in _said(sentence), claim.id


# --- Report a problem ---------------------------------------------------------------------------


def test_the_book_has_report_links_only_where_the_build_was_given_a_repository(
    site: Path,
) -> None:
    """Today no address is set: no page has a report link. The Pages workflow sets one: every
    ledger row has one, to that repository, naming its claim."""
    repository = os.environ.get("ALEMTUZUMAB_KB_REPOSITORY_URL", "").strip()
    if not repository:
        found = [
            page.relative_to(site).as_posix() for page in site.rglob("*.html")
            if "report-link" in (text := page.read_text("utf-8")) or "/issues/new" in text
        ]
        assert found == []
        return
    ledger = built(site, "book/reviewers/ledger.html")
    for claim in FACTS.claims:
        link = ledger.find(id=claim.id).select_one(".report-link a")
        assert link["href"].startswith(f"{repository.rstrip('/')}/issues/new?"), claim.id
        assert f"Claim: {claim.id}" in parse_qs(urlsplit(link["href"]).query)["body"][0]


def _report_links(html: str) -> list[str]:
    links = BeautifulSoup(html, "html.parser").select(".report-link a")
    # Print writes an external link's address after it, but not this one's (600 characters).
    assert all("print-same" in link["class"] for link in links)
    return [link["href"] for link in links]


@GROUP
def test_with_a_repository_the_report_link_carries_the_claim(small_book) -> None:
    links = _report_links(small_book("a repository set", "report.html"))
    assert len(links) == 1
    parts = urlsplit(links[0])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
    body = parse_qs(parts.query)["body"][0]
    claim = FACTS.claim("sms-switching-from-fingolimod")
    assert f"Claim: {claim.id}" in body
    assert "Page: report.html#a-block" in body
    assert markup.plain(claim.statement) in body


@GROUP
def test_the_publishing_run_gives_the_report_links_its_addresses(small_book) -> None:
    """The Pages workflow sets both addresses in the environment, not in _config.yml."""
    html = small_book("the publishing run", "report.html")
    (link,) = _report_links(html)
    assert link.startswith(f"{REPOSITORY}/issues/new?")
    body = parse_qs(urlsplit(link).query)["body"][0]
    assert "Page: https://example.github.io/alemtuzumab-kb/report.html#a-block" in body


@GROUP
def test_without_a_repository_the_report_link_is_left_out(small_book) -> None:
    html = small_book("no address", "report.html")
    assert _report_links(html) == []
    assert "issues/new" not in html and "report a problem" not in html
    assert "What the source says" in html

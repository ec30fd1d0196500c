"""references.bib is complete, well formed and fully used (issue 3)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import bibtexparser
import pytest

from alemtuzumab_kb.facts import load_facts
from tests.chapters import claim_roles

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "references.bib"
LIBRARY = bibtexparser.parse_string(BIB.read_text(encoding="utf-8"))
ENTRIES = {entry.key: entry for entry in LIBRARY.entries}

REQUIRED = {
    "article": {"author", "title", "journal", "year", "volume", "pages"},
    "misc": {"author", "title", "year"},
    "book": {"author", "title", "publisher", "year"},
}
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
KEY_STYLE = re.compile(r"^[a-z]+\d{4}[a-z]?$")
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")


def cited_keys() -> Counter[str]:
    """Every key cited by a page of the book (Markdown or notebook), directly or through the
    claims its chapters state (``{claim}`<id>``` cites what the claim cites)."""
    counts: Counter[str] = Counter()
    for path in [*ROOT.glob("book/**/*.md"), *ROOT.glob("book/**/*.ipynb")]:
        for group in CITE_ROLE.findall(path.read_text(encoding="utf-8")):
            counts.update(key.strip() for key in group.split(","))
    facts = load_facts()
    counts.update(facts.claim(claim_id).citation for _, _, claim_id in claim_roles())
    return counts


def test_bibliography_parses_without_failed_blocks() -> None:
    assert LIBRARY.failed_blocks == []
    assert len(ENTRIES) >= 10


def test_keys_are_unique_and_in_one_style() -> None:
    keys = [entry.key for entry in LIBRARY.entries]
    assert [key for key, n in Counter(keys).items() if n > 1] == []
    assert [key for key in keys if not KEY_STYLE.match(key)] == []


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_entry_has_the_fields_its_type_needs(key: str) -> None:
    entry = ENTRIES[key]
    assert entry.entry_type in REQUIRED, f"{key}: unexpected type {entry.entry_type}"
    missing = REQUIRED[entry.entry_type] - set(entry.fields_dict)
    assert not missing, f"{key} lacks {sorted(missing)}"
    assert all(entry.fields_dict[name].value.strip() for name in REQUIRED[entry.entry_type])


def test_dois_are_well_formed_and_unique() -> None:
    dois = [e.fields_dict["doi"].value for e in LIBRARY.entries if "doi" in e.fields_dict]
    assert dois, "the checked DOIs of the trial papers should be present"
    assert [doi for doi in dois if not DOI.match(doi)] == []
    assert len(dois) == len(set(d.lower() for d in dois))


# The identifiers checked against the publishers (../shared/sources/primary-literature.md).
CHECKED_DOI = {
    "ruck2015": "10.3390/ijms160716414",
    "coles2008": "10.1056/NEJMoa0802670",
    "cohen2012": "10.1016/S0140-6736(12)61769-3",
    "coles2012": "10.1016/S0140-6736(12)61768-1",
}
CHECKED_PMID = {"coles2008": "18946064", "cohen2012": "23122652", "coles2012": "23122650"}


@pytest.mark.parametrize(("field", "checked"), [("doi", CHECKED_DOI), ("pmid", CHECKED_PMID)])
def test_identifiers_are_exactly_the_checked_ones(field: str, checked: dict[str, str]) -> None:
    """An identifier that was not checked is left out, never guessed."""
    present = {e.key: e.fields_dict[field].value for e in LIBRARY.entries if field in e.fields_dict}
    assert present == checked


def test_every_entry_is_cited_and_every_citation_exists() -> None:
    counts = cited_keys()
    assert sorted(set(ENTRIES) - set(counts)) == [], "entries never cited"
    assert sorted(set(counts) - set(ENTRIES)) == [], "citations without an entry"


def test_every_link_to_the_bibliography_lands_on_its_entry_by_key(site: Path) -> None:
    """Anchors named after the entry's key (#ref-sms2025), the same in every build, and each
    link's anchor is an entry that exists on the references page."""
    references = (site / "book" / "references.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="(ref-[^"]+)"', references))
    assert anchors == {f"ref-{key}" for key in ENTRIES}
    links = Counter()
    for page in site.rglob("*.html"):
        for anchor in re.findall(r'href="[^"]*references\.html#([^"]+)"', page.read_text("utf-8")):
            links[anchor] += 1
    entry_links = {anchor for anchor in links if anchor != "references"}  # the page's own top
    assert entry_links and entry_links <= anchors, sorted(entry_links - anchors)
    assert 'id="references"' in references

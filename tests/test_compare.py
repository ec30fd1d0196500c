"""Comparison pages, discrepancies and the ledger are generated from data (issue 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from widgets import compare
from widgets.facts import load_facts

ROOT = Path(__file__).resolve().parent.parent
FACTS = load_facts()
TOPICS = [t.id for t in FACTS.topics]


@pytest.mark.parametrize("topic", TOPICS)
def test_every_claim_of_a_topic_is_in_exactly_one_cell(topic: str) -> None:
    cells = [cell for row in compare.comparison_cells(FACTS, topic) for cell in row]
    shown = [claim_id for cell in cells for claim_id in cell.claims]
    expected = [c.id for c in FACTS.claims if FACTS.topic_of(c.question).id == topic]
    assert sorted(shown) == sorted(expected)
    for cell in cells:
        for claim_id in cell.claims:
            claim = FACTS.claim(claim_id)
            assert (claim.question, claim.source) == (cell.question, cell.source)


@pytest.mark.parametrize("topic", TOPICS)
def test_table_has_a_row_per_question_and_a_column_per_source(topic: str) -> None:
    table = compare.comparison_table(FACTS, topic)
    questions = next(t for t in FACTS.topics if t.id == topic).questions
    assert table.count("\n* - ") == len(questions) + 1
    assert table.count(compare.NOT_COVERED) == sum(
        1 for row in compare.comparison_cells(FACTS, topic) for cell in row if not cell.claims
    )


@pytest.mark.parametrize("topic", TOPICS)
def test_each_topic_has_its_page_with_no_number_typed_in(topic: str) -> None:
    page = ROOT / "book" / "compare" / f"compare-{topic}.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"(compare-{topic})=\n")
    assert f"```{{comparison-table}} {topic}\n```" in text
    assert re.findall(r"\d", text) == [], "comparison pages take every number from data/"


def test_every_numeric_disagreement_is_explained() -> None:
    assert compare.derived_conflicts(FACTS), "the sources do differ in some numbers"
    assert compare.unexplained_conflicts(FACTS) == []


def test_ledger_lists_every_claim_once() -> None:
    ledger = compare.ledger_table(FACTS)
    for claim in FACTS.claims:
        assert ledger.count(f"* - `{claim.id}`") == 1


def test_ledger_names_the_pages_that_use_a_claim() -> None:
    uses = compare.claim_uses(FACTS)
    for claim in FACTS.claims:
        assert uses[claim.id][0] == f"compare-{FACTS.topic_of(claim.question).id}"
    for item in FACTS.discrepancies:
        assert all("discrepancies" in uses[c] for c in item.claims)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"months": 4, "qualifier": "up to"}, "up to 4 months"),
        ({"percent": (1, 2)}, "1-2%"),
        ({"hours": (4, 6)}, "4-6 hours"),
        ({"years": 4}, "4 years"),
    ],
)
def test_value_text(value: dict, text: str) -> None:
    from widgets.facts import Value

    assert compare.value_text(Value(**value)) == text


def test_years_compare_equal_to_months() -> None:
    from widgets.facts import Value

    assert compare.normalised(Value(years=4)) == compare.normalised(Value(months=48))
    assert compare.normalised(Value(months=4)) != compare.normalised(Value(months=2))


# --- The built pages -----------------------------------------------------------------------


def built(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("topic", TOPICS)
def test_built_cells_link_to_chapter_and_bibliography(site: Path, topic: str) -> None:
    soup = built(site, f"book/compare/compare-{topic}.html")
    table = soup.select_one("table.comparison-table")
    assert table is not None
    for row in table.select("tbody tr"):
        for cell in row.find_all("td")[1:]:
            if cell.get_text(strip=True) == "not covered":
                continue
            hrefs = [a["href"] for a in cell.find_all("a", href=True)]
            assert any(re.search(r"sources/sources-\w+\.html#src-", h) for h in hrefs), hrefs
            assert any("references.html#" in h for h in hrefs), hrefs


def test_built_discrepancies_page_has_every_item(site: Path) -> None:
    soup = built(site, "book/compare/discrepancies.html")
    for item in FACTS.discrepancies:
        assert soup.find(id=compare.discrepancy_label(item.id)) is not None, item.id

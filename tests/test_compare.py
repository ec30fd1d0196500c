"""Comparison pages, discrepancies and the ledger are generated from data (issue 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from alemtuzumab_kb import compare, markup
from alemtuzumab_kb.facts import load_facts
from tests.conftest import built

ROOT = Path(__file__).resolve().parent.parent
FACTS = load_facts()
TOPICS = [t.id for t in FACTS.topics]


@pytest.mark.parametrize("topic", TOPICS)
def test_every_claim_of_a_topic_is_in_exactly_one_block(topic: str) -> None:
    blocks = compare.question_blocks(FACTS, topic)
    shown = [c for block in blocks for entry in block.entries for c in entry.claims]
    expected = [c.id for c in FACTS.claims if FACTS.topic_of(c.question).id == topic]
    assert sorted(shown) == sorted(expected)
    for block in blocks:
        for entry in block.entries:
            for claim_id in entry.claims:
                claim = FACTS.claim(claim_id)
                assert (claim.question, claim.source) == (block.question, entry.source)


@pytest.mark.parametrize("topic", TOPICS)
def test_a_block_per_question_with_every_source_speaking_or_silent(topic: str) -> None:
    questions = next(t for t in FACTS.topics if t.id == topic).questions
    blocks = compare.question_blocks(FACTS, topic)
    assert [b.question for b in blocks] == [q.id for q in questions]
    for block in blocks:
        speaking = [entry.source for entry in block.entries]
        assert all(entry.claims for entry in block.entries)
        assert sorted(speaking + list(block.silent)) == sorted(s.id for s in FACTS.sources)
        myst = compare.block_myst(FACTS, block)
        silent_line = next((line for line in myst.splitlines() if "Not covered by" in line), "")
        for source_id in block.silent:
            assert FACTS.source(source_id).short in silent_line
        assert (silent_line != "") == bool(block.silent)


@pytest.mark.parametrize("topic", TOPICS)
def test_differences_claim_no_agreement_the_data_does_not_record(topic: str) -> None:
    for block in compare.question_blocks(FACTS, topic):
        text = compare.differences(FACTS, block)
        assert "agree" not in text
        for item in block.discrepancies:
            assert f"<{compare.discrepancy_label(item)}>" in text
        if not block.discrepancies:
            assert text == ("" if len(block.entries) == 1 else
                            f"No difference recorded between {text[31:]}")
            assert (text == "") == (len(block.entries) == 1)
        else:
            kinds = {d.kind for d in FACTS.discrepancies if d.id in block.discrepancies}
            worst = min(kinds, key=compare.SERIOUSNESS.index)
            assert text.startswith(compare.KIND_LEAD[worst])
        myst = compare.block_myst(FACTS, block)
        assert (f"**Where they differ:** {text}" in myst) == bool(text)


def test_discrepancy_sides_name_every_source_once() -> None:
    for item in FACTS.discrepancies:
        line = compare.discrepancy_sides(FACTS, item)
        speaking = {FACTS.claim(c).source for c in item.claims}
        for source in FACTS.sources:
            named = line.count(source.short)
            assert named == (source.id in speaking or source.id in item.silent), (item.id, line)
        assert ("silent:" in line) == bool(item.silent)


def test_discrepancies_cover_the_blocks_that_show_their_claims() -> None:
    for item in FACTS.discrepancies:
        for question in compare.discrepancy_questions(FACTS, item):
            block = next(
                b for b in compare.question_blocks(FACTS, FACTS.topic_of(question).id)
                if b.question == question
            )
            assert item.id in block.discrepancies


@pytest.mark.parametrize("topic", TOPICS)
def test_overview_states_follow_the_data(topic: str) -> None:
    """A source differs on a question only where a discrepancy other than wording sets its claims
    on that question against another source's claims on the same question (issue 24)."""
    for block in compare.question_blocks(FACTS, topic):
        states = dict(block.glance)
        assert list(states) == [s.id for s in FACTS.sources]
        asked = {c.id for c in FACTS.claims if c.question == block.question}
        for source_id, state in states.items():
            claims = {c.id for c in FACTS.claims_for(block.question, source_id)}
            against_another = any(
                item.kind != "wording" and claims & set(item.claims)
                and any(FACTS.claim(c).source != source_id for c in set(item.claims) & asked)
                for item in FACTS.discrepancies
            )
            expected = "silent" if not claims else "differs" if against_another else "says"
            assert state == expected, (block.question, source_id)


def test_every_strength_shows_as_a_label() -> None:
    for topic in TOPICS:
        for block in compare.question_blocks(FACTS, topic):
            myst = compare.block_myst(FACTS, block)
            for entry in block.entries:
                for claim_id in entry.claims:
                    claim = FACTS.claim(claim_id)
                    said = next(line for line in myst.splitlines()
                                if f"{{ledger}}`{claim_id}`" in line)
                    assert ("{strength}`" in said) == (claim.strength is not None), claim_id
                    if claim.strength:
                        assert f"{{strength}}`{claim.strength}`" in said


@pytest.mark.parametrize("topic", TOPICS)
def test_each_topic_has_its_page_with_no_number_typed_in(topic: str) -> None:
    page = ROOT / "book" / "compare" / f"compare-{topic}.md"
    text = page.read_text(encoding="utf-8")
    assert f"\n(compare-{topic})=\n# " in text
    assert f"```{{topic-comparison}} {topic}\n```" in text
    assert re.findall(r"\d", text) == [], "comparison pages take every number from data/"


@pytest.mark.parametrize(("topic", "stem"), sorted(compare.CALCULATORS.items()))
def test_calculator_and_topic_link_both_ways(topic: str, stem: str) -> None:
    assert topic in TOPICS
    assert compare.topic_of_calculator(stem) == topic
    assert f"{{ref}}`{stem}`" in compare.calculate_it(FACTS, topic)
    notebook = (ROOT / "book" / "calculators" / f"{stem}.ipynb").read_text(encoding="utf-8")
    assert f"```{{compare-link}} {stem}\\n" in notebook
    assert f"<{compare.compare_label(topic)}>" in compare.compare_back_link(FACTS, stem)


def test_topics_without_a_calculator_say_nothing_of_one() -> None:
    for topic in set(TOPICS) - set(compare.CALCULATORS):
        assert compare.calculate_it(FACTS, topic) == ""


def test_every_numeric_disagreement_is_explained() -> None:
    assert compare.derived_conflicts(FACTS), "the sources do differ in some numbers"
    assert compare.unexplained_conflicts(FACTS) == []


def test_ledger_lists_every_claim_once_under_its_topic() -> None:
    sections = compare.ledger_sections(FACTS)
    assert [title for title, _ in sections] == [t.title for t in FACTS.topics]
    for title, table in sections:
        topic = next(t for t in FACTS.topics if t.title == title)
        for claim in FACTS.claims:
            expected = 1 if FACTS.topic_of(claim.question).id == topic.id else 0
            rows = re.findall(
                rf"^\* - .* `{re.escape(claim.id)}` {{report}}`{re.escape(claim.id)}`"
                r"(?: {reading}`[^`]+`)?$", table, re.MULTILINE,
            )
            assert len(rows) == expected, claim.id
            if rows:  # the claim whole, in the one wording every page shows
                assert markup.myst(claim.statement) in rows[0], claim.id


def test_ledger_names_the_pages_that_use_a_claim() -> None:
    links = compare.claim_links(FACTS)
    for claim in FACTS.claims:
        assert links[claim.id][0] == ("compare", claim.question)
    for item in FACTS.discrepancies:
        assert all(("discrepancy", f"disc-{item.id}") in links[c] for c in item.claims)
    for event in FACTS.timeline:
        assert all(("timeline", "timeline") in links[c] for c in event.claims)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"months": 4, "qualifier": "up to"}, "up to 4 months"),
        ({"percent": (1, 2)}, "1-2%"),
        ({"hours": (4, 6)}, "4-6 hours"),
        ({"years": 4}, "4 years"),
        ({"months": 1}, "1 month"),
        ({"percent": 1}, "1%"),
    ],
)
def test_value_text(value: dict, text: str) -> None:
    from alemtuzumab_kb.facts import Value

    assert compare.value_text(Value(**value)) == text


def test_years_compare_equal_to_months() -> None:
    from alemtuzumab_kb.facts import Value

    assert compare.normalised(Value(years=4)) == compare.normalised(Value(months=48))
    assert compare.normalised(Value(months=4)) != compare.normalised(Value(months=2))


# --- The built pages -----------------------------------------------------------------------


def ledger_anchors(site: Path) -> set[str]:
    soup = built(site, "book/reviewers/ledger.html")
    return {row["id"] for row in soup.select("table.ledger-table tr[id]")}


def test_built_ledger_has_a_row_anchor_per_claim(site: Path) -> None:
    soup = built(site, "book/reviewers/ledger.html")
    assert ledger_anchors(site) == {claim.id for claim in FACTS.claims}
    for topic in FACTS.topics:
        heading = next(h for h in soup.select("article h2") if topic.title in h.get_text())
        rows = heading.find_parent("section").select("table.ledger-table tr[id]")
        assert sorted(r["id"] for r in rows) == sorted(
            c.id for c in FACTS.claims if FACTS.topic_of(c.question).id == topic.id
        )


@pytest.mark.parametrize("topic", TOPICS)
def test_built_blocks_link_each_statement_to_ledger_chapter_and_bibliography(
    site: Path, topic: str
) -> None:
    soup = built(site, f"book/compare/compare-{topic}.html")
    anchors = ledger_anchors(site)
    blocks = soup.select("section.compare-block")
    assert [b["id"] for b in blocks] == [b.question for b in compare.question_blocks(FACTS, topic)]
    linked = []
    for block in blocks:
        for entry in block.select(".compare-entries > ul > li"):
            hrefs = [a["href"] for a in entry.find_all("a", href=True)]
            assert any(re.search(r"sources/sources-\w+\.html#src-", h) for h in hrefs), hrefs
            assert any("references.html#" in h for h in hrefs), hrefs
        for link in block.select(".ledger-link a"):
            path, anchor = link["href"].split("#")
            assert path == "../reviewers/ledger.html"
            assert anchor in anchors
            linked.append(anchor)
    expected = [c.id for c in FACTS.claims if FACTS.topic_of(c.question).id == topic]
    assert sorted(linked) == sorted(expected), "each statement links to its own ledger row once"


@pytest.mark.parametrize("topic", TOPICS)
def test_built_overview_links_every_question_to_its_block(site: Path, topic: str) -> None:
    soup = built(site, f"book/compare/compare-{topic}.html")
    overview = soup.select_one("table.glance-table")
    targets = [a["href"] for a in overview.select("tbody a")]
    questions = [b.question for b in compare.question_blocks(FACTS, topic)]
    assert targets == [f"#{q}" for q in questions]
    # What applies today first (issue 22): every block, each opening with its answer in short,
    # comes before the overview, which a line above the first block points to.
    assert overview.find_next("section", class_="compare-block") is None, "answers first"
    pointer = soup.select_one("p.glance-pointer a")
    section = overview.find_parent("section")
    assert pointer["href"] == f"#{section['id']}"
    assert pointer.find_next("section", class_="compare-block") is not None


def test_built_index_overview_covers_every_topic_and_question(site: Path) -> None:
    soup = built(site, "book/compare/index.html")
    hrefs = [a["href"] for a in soup.select("table.glance-table tbody a")]
    expected = []
    for topic in FACTS.topics:
        expected.append(f"compare-{topic.id}.html#compare-{topic.id}")
        expected += [f"compare-{topic.id}.html#{q.id}" for q in topic.questions]
    assert hrefs == expected


def test_built_discrepancies_page_summary_and_links_both_ways(site: Path) -> None:
    soup = built(site, "book/compare/discrepancies.html")
    summary = soup.select_one("table.discrepancy-summary")
    rows = summary.select("tbody tr")
    assert [r.find("a")["href"] for r in rows] == [
        f"#{compare.discrepancy_label(d.id)}" for d in FACTS.discrepancies
    ]
    for row, item in zip(rows, FACTS.discrepancies, strict=True):
        cells = [c.get_text(" ", strip=True) for c in row.find_all("td")]
        assert cells[3] == compare.KIND_SHORT[item.kind]
        assert cells[4] == ("yes" if item.clinically_relevant else "no")
    for item in FACTS.discrepancies:
        target = soup.find(id=compare.discrepancy_label(item.id))
        assert target is not None, item.id
        section = target.find_parent("section")
        assert section.select_one("details") is not None, "the explanation folds away"
        assert "What to take from it" in section.get_text()
        back = section.select(".disc-where a")
        assert [a["href"].split("#")[1] for a in back] == compare.discrepancy_questions(FACTS, item)
        for link in back:
            page, anchor = link["href"].split("#")
            block = built(site, f"book/compare/{page}").find(id=anchor)
            in_short = block.select_one(".in-short")
            assert f"discrepancies.html#{compare.discrepancy_label(item.id)}" in str(in_short)


def test_built_bibliography_labels_match_the_citations(site: Path) -> None:
    references = built(site, "book/references.html")
    labels = {
        entry["id"]: entry.select_one("span.label").get_text().strip("[]")
        for entry in references.select("div.citation")
    }
    assert labels and not any(label.isdigit() for label in labels.values())
    assert list(labels.values()) == sorted(labels.values(), key=str.casefold)
    checked = 0
    for page in sorted(site.glob("book/**/*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for cite in soup.select("span.bibtex-citation"):
            if not cite.get_text().startswith("["):
                continue  # a textual citation: the author outside the brackets
            for link in cite.find_all("a", href=True):
                assert link.get_text() == labels[link["href"].split("#")[1]], page
                checked += 1
    assert checked > len(FACTS.claims)


def test_built_bibliography_entries_link_back_to_the_pages_citing_them(site: Path) -> None:
    references = built(site, "book/references.html")
    for entry in references.select("div.citation"):
        back = entry.select("p.cited-on a")
        assert back, entry["id"]
        for link in back:
            page, anchor = link["href"].split("#")
            assert built(site, f"book/{page}").find(id=anchor) is not None, link["href"]

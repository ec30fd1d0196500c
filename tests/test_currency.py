"""Currency and our readings where readers decide (issues 22 and 24).

Every statement from a source that is no longer current says so wherever it is shown (compare
entries, the at-a-glance tables, the chapters, the ledger, the discrepancies, the calculators);
each question's answer in short puts what applies today first and cites only its own claims;
every reading of ours in data/ is labelled wherever its text is shown; the at-a-glance symbol
follows what is on the page; and the sixth source passes every check the other five pass.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from alemtuzumab_kb import compare, contraception, currency, schedule, trials, washout
from alemtuzumab_kb.facts import NOT_CURRENT, load_facts
from tests.conftest import built
from tests.offline import offline_page, one_calculator

ROOT = Path(__file__).resolve().parent.parent
FACTS = load_facts()
TOPICS = [t.id for t in FACTS.topics]
LOUD = {
    (c.source, c.question)
    for c in FACTS.claims
    if (standing := FACTS.standing(c.source, c.question)) and standing.status in NOT_CURRENT
}
READINGS = currency.all_readings(FACTS)


def _words(source_id: str, question_id: str) -> str:
    note = currency.question_note(FACTS, source_id, question_id)
    assert note is not None
    return note.words


def _text(node) -> str:
    """A node's text as a reader reads it: one space between words, straight quotes."""
    text = node.get_text(" ").replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.replace("\u201c", '"').replace("\u201d", '"').split())


def _section(page: BeautifulSoup, label: str):
    """The section a label names (a label before a heading is an empty span inside it)."""
    found = page.find(id=label)
    return found if found is None or found.name == "section" else found.parent


# --- The data -------------------------------------------------------------------------------------


def test_the_statuses_that_readers_must_see_exist_for_the_old_documents() -> None:
    """The EMA overview, the 2016 patient page and the letter's interim rule are no longer
    current; the 2020 decision and the 2025 guideline are."""
    assert ("ema", "contraindications-list") in LOUD
    assert ("ema", "indication-population") in LOUD
    assert ("dhpc", "indication-prior-therapy") in LOUD
    assert {q for s, q in LOUD if s == "mssociety"} == {
        c.question for c in FACTS.claims if c.source == "mssociety"
    }
    assert not {s for s, _ in LOUD} & {"sms", "referral", "ahfs"}


def test_the_review_years_of_the_predates_label_are_the_timeline_s() -> None:
    start = FACTS.event("referral-start").date.year
    end = FACTS.event("commission-decision").date.year
    assert currency.STATUS_LABEL["predates the review"] == f"Predates the {start}-{end} review"


def test_a_replaced_status_says_since_the_date_of_its_event() -> None:
    note = currency.question_note(FACTS, "ema", "contraindications-list")
    assert note.words == "Out of date since 16 January 2020"
    assert note.event == "event-commission-decision"


@pytest.mark.parametrize("answer", FACTS.answers, ids=lambda a: a.question)
def test_every_answer_cites_only_claims_of_its_own_question(answer) -> None:
    sentences = [s for _, part in answer.parts for s in part]
    assert sentences, answer.question
    for sentence in sentences:
        assert sentence.claims
        assert {FACTS.claim(c).question for c in sentence.claims} == {answer.question}


@pytest.mark.parametrize("answer", FACTS.answers, ids=lambda a: a.question)
def test_every_number_an_answer_gives_is_in_the_claims_it_cites(answer) -> None:
    """Nothing that no claim says: a number is a claim's, or the year of a source or an event."""
    years = {str(e.date.year) for e in FACTS.timeline}
    years |= {str(d.year) for s in FACTS.sources for d in (s.issued, s.updated) if d}
    for _, part in answer.parts:
        for sentence in part:
            said = " ".join(FACTS.claim(c).statement for c in sentence.claims)
            numbers = re.findall(r"\d+(?:[.,]\d+)?", sentence.text)
            assert [n for n in numbers if n not in said and n not in years] == [], sentence.text


@pytest.mark.parametrize("answer", FACTS.answers, ids=lambda a: a.question)
def test_an_answer_puts_today_first_and_says_where_no_current_source_speaks(answer) -> None:
    lines = currency.answer_lines(FACTS, answer.question)
    assert lines[0].startswith(f"- **{currency.PART_LEAD['eu']}:**")
    assert [line.split(":**")[0] for line in lines] == [
        f"- **{currency.PART_LEAD[part]}" for part, sentences in answer.parts
        if sentences or part == "eu"
    ]
    current = [c for c in FACTS.claims if c.question == answer.question
               and FACTS.standing(c.source, c.question).status == "current"]
    assert (currency.EU_SILENT in lines[0]) == (not current)


@pytest.mark.parametrize("answer", FACTS.answers, ids=lambda a: a.question)
def test_an_answer_that_restates_a_reading_is_labelled(answer) -> None:
    lines = "\n".join(currency.answer_lines(FACTS, answer.question))
    for _, part in answer.parts:
        for sentence in part:
            read = [c for c in sentence.claims if FACTS.claim(c).reading]
            tagged = f"{{reading-tag}}`{read[0]}`" if read else None
            assert (tagged in lines) if tagged else True, (answer.question, sentence.text)
    assert lines.count("{reading-tag}") == sum(
        1 for _, part in answer.parts for s in part
        if any(FACTS.claim(c).reading for c in s.claims)
    )


def test_the_letters_interim_rule_keeps_its_conditions_in_the_answers() -> None:
    """Issue 24's slip (an interim rule told without *tilstrekkelig effekt* and *voksne*) does not
    come back in a summary."""
    told = [s.text for a in FACTS.answers for _, part in a.parts for s in part
            if any(c.startswith("dhpc-indication") for c in s.claims)]
    assert len(told) == 2
    for text in told:
        assert "full and adequate" in text and "adequately" in text and "adult" in text, text


def test_every_reading_has_a_reason_and_rule_readings_write_no_number() -> None:
    assert len({m.key for m in READINGS}) == len(READINGS)
    kinds = {m.key.split()[0] for m in READINGS}
    assert kinds == {"claim", "discrepancy", "currency", "rule"}
    for marked in READINGS:
        assert marked.reading.text.strip() and marked.reading.reason.strip(), marked.key
        if marked.key.startswith("rule "):
            assert not re.search(r"\d", marked.reading.text + marked.reading.reason), marked.key


def test_the_readings_the_book_keeps_are_recorded() -> None:
    """The list in issue 24's notes, as data: spot checks of each kind."""
    keys = {m.key for m in READINGS}
    for key in (
        "claim sms-switching-from-fingolimod", "claim sms-pregnancy-contraception",
        "discrepancy eligibility-population", "discrepancy thyroid-timing",
        "rule contraception/contraception/sms-pregnancy-contraception",
        "rule schedule/course-2-due", "rule schedule/blood-products-sms",
        "rule washout/natalizumab/sms-switching-from-natalizumab",
        "currency dhpc cardiovascular-vital-signs",
    ):
        assert key in keys, key


def test_chapters_state_no_reading_outside_its_label() -> None:
    """Where a chapter states a reading of ours it does so with {our-reading}, from data."""
    for path in sorted((ROOT / "book" / "sources").glob("sources-*.md")):
        prose = re.sub(r"```\{our-reading\}.*?```", "", path.read_text("utf-8"), flags=re.S)
        assert not re.search(r"\bwe read\b|\bour reading\b", prose, re.I), path.name


# --- The at-a-glance symbol follows the page ------------------------------------------------------


@pytest.mark.parametrize("topic", TOPICS)
def test_glance_never_says_differs_alone_or_where_the_claims_agree(topic: str) -> None:
    for block in compare.question_blocks(FACTS, topic):
        states = dict(block.glance)
        kinds = {d.kind for d in FACTS.discrepancies if d.id in block.discrepancies}
        if len(block.entries) == 1 or kinds <= {"wording"}:
            assert "differs" not in states.values(), block.question


def test_the_rows_issue_24_named_count_only_their_own_question() -> None:
    states = {
        b.question: dict(b.glance)
        for topic in ("infections", "other-adverse", "monitoring")
        for b in compare.question_blocks(FACTS, topic)
    }
    assert states["infections-common"]["sms"] == "says"
    assert states["other-adverse-further"]["ema"] == "says"
    # The Swedish baseline differs from the AHFS one on the same question (urine tests).
    urine = next(d for d in FACTS.discrepancies if d.id == "urine-tests")
    assert {"sms-monitoring-baseline", "ahfs-monitoring-baseline"} <= set(urine.claims)
    assert states["monitoring-baseline"]["sms"] == "differs"


# --- The sixth source passes every check the other five pass --------------------------------------


def test_the_referral_page_is_a_source_like_the_others(site: Path) -> None:
    source = FACTS.source("referral")
    assert FACTS.currency_of("referral").status == "current"
    assert [c for c in FACTS.claims if c.source == "referral"]
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text("utf-8"))
    assert f"book/sources/{source.chapter}" in str(toc)
    timeline = built(site, "book/compare/timeline.html")
    assert source.short in _text(timeline.select_one("table"))
    ledger = built(site, "book/reviewers/ledger.html")
    for claim in (c for c in FACTS.claims if c.source == "referral"):
        row = ledger.find(id=claim.id)
        assert row is not None and source.short in _text(row), claim.id
    chapter = built(site, f"book/sources/{source.chapter}.html")
    assert chapter.select_one("table.source-card")
    assert chapter.select(".currency-note")


# --- Shown where readers decide: the built pages --------------------------------------------------


def _entries(section) -> dict[str, object]:
    """A question block's entries by source name."""
    found = {}
    for item in section.select(".compare-entries > ul > li"):
        name = item.select_one("a")
        found[_text(name)] = item
    return found


@pytest.mark.parametrize("topic", TOPICS)
def test_every_compare_entry_of_a_source_no_longer_current_says_so(site: Path, topic: str) -> None:
    page = built(site, f"book/compare/{compare.compare_label(topic)}.html")
    for block in compare.question_blocks(FACTS, topic):
        section = _section(page, block.question)
        entries = _entries(section)
        for entry in block.entries:
            item = entries[FACTS.source(entry.source).short]
            marks = item.select(".currency")
            if (entry.source, block.question) in LOUD:
                assert len(marks) == 1, (block.question, entry.source)
                assert _words(entry.source, block.question) in _text(marks[0])
                assert marks[0].select_one("a[href*='timeline.html#event-']")
            else:
                assert marks == [], (block.question, entry.source)


@pytest.mark.parametrize("topic", TOPICS)
def test_the_glance_table_marks_every_source_no_longer_current(site: Path, topic: str) -> None:
    page = built(site, f"book/compare/{compare.compare_label(topic)}.html")
    table = page.select_one("table.glance-table")
    assert currency.GLANCE_WORDS in _text(table.select_one("caption"))
    column = [s.id for s in FACTS.sources]
    for row, block in zip(table.select("tbody tr"), compare.question_blocks(FACTS, topic),
                          strict=True):
        for source_id, cell in zip(column, row.select("td"), strict=True):
            dated = cell.select(".glance-dated")
            assert bool(dated) == ((source_id, block.question) in LOUD), (block.question, source_id)
            if dated:
                assert _words(source_id, block.question).lower() in _text(cell).lower()


@pytest.mark.parametrize("source", [s.id for s in FACTS.sources])
def test_every_topic_section_of_a_chapter_says_what_still_applies(site: Path, source: str) -> None:
    page = built(site, f"book/sources/sources-{source}.html")
    for topic in FACTS.topics:
        notes = currency.topic_notes(FACTS, source, topic.id)
        section = _section(page, f"src-{source}-{topic.id}")
        if not notes:
            assert section is None or not section.find(class_="currency-note", recursive=False)
            continue
        note = section.find(class_="currency-note", recursive=False)
        assert note is not None, (source, topic.id)
        assert note.find_previous_sibling(re.compile("^h[1-6]$")) is not None
        for shown, _ in notes:
            assert shown.words in _text(note), (source, topic.id)


def test_every_ledger_row_of_a_source_no_longer_current_says_so(site: Path) -> None:
    ledger = built(site, "book/reviewers/ledger.html")
    for claim in FACTS.claims:
        row = ledger.find(id=claim.id)
        marks = row.select(".currency")
        assert bool(marks) == ((claim.source, claim.question) in LOUD), claim.id
        if marks:
            assert _words(claim.source, claim.question) in _text(marks[0])


def test_every_discrepancy_side_of_a_source_no_longer_current_says_so(site: Path) -> None:
    page = built(site, "book/compare/discrepancies.html")
    for item in FACTS.discrepancies:
        section = _section(page, compare.discrepancy_label(item.id))
        sides = section.select(".sd-dropdown li")
        for claim_id in item.claims:
            claim = FACTS.claim(claim_id)
            side = next(li for li in sides if li.find(href=re.compile(f"#{claim_id}$")))
            assert bool(side.select(".currency")) == ((claim.source, claim.question) in LOUD)


def test_the_sides_line_of_a_discrepancy_names_each_status_no_longer_current() -> None:
    for item in FACTS.discrepancies:
        line = compare.discrepancy_sides(FACTS, item)
        for claim in (FACTS.claim(c) for c in item.claims):
            if (claim.source, claim.question) in LOUD:
                words = _words(claim.source, claim.question)
                assert f"{words[:1].lower()}{words[1:]}" in line, (item.id, claim.id)
        if not any((FACTS.claim(c).source, FACTS.claim(c).question) in LOUD for c in item.claims):
            assert "since" not in line and "predates" not in line, item.id


def test_every_reading_is_labelled_where_its_text_is_shown(site: Path) -> None:
    pages = {
        "compare": {t: built(site, f"book/compare/{compare.compare_label(t)}.html")
                    for t in TOPICS},
        "ledger": built(site, "book/reviewers/ledger.html"),
        "discrepancies": built(site, "book/compare/discrepancies.html"),
    }
    for claim in (c for c in FACTS.claims if c.reading):
        label = currency.READING_LABEL
        block = pages["compare"][FACTS.topic_of(claim.question).id]
        entries = _section(block, claim.question).select_one(".compare-entries")
        link = entries.find("a", href=re.compile(f"ledger.html#{claim.id}$"))
        item = link.find_parent("li")
        assert label in _text(item.select_one(".reading")), claim.id
        assert _text(item.select_one(".reading-why")).startswith("Why:")
        row = pages["ledger"].find(id=claim.id)
        assert label in _text(row.select_one(".reading")), claim.id
    for item in (d for d in FACTS.discrepancies if d.reading):
        section = _section(pages["discrepancies"], compare.discrepancy_label(item.id))
        assert currency.READING_LABEL in _text(section.select_one(".reading")), item.id
    for claim in FACTS.claims:  # a status's reading goes wherever the status is shown
        standing = FACTS.standing(claim.source, claim.question)
        if standing.reading is None:
            continue
        row = pages["ledger"].find(id=claim.id)
        assert currency.READING_LABEL in _text(row.select_one(".currency .reading")), claim.id


@pytest.mark.parametrize("stem", ["contraception", "schedule", "washout"])
def test_calculator_rules_tables_show_status_and_readings(site: Path, stem: str) -> None:
    page = built(site, f"book/calculators/{stem}.html")
    shown = _text(page.select_one("main"))
    rule_keys = [m.key for m in READINGS if m.key.startswith(f"rule {stem}/")]
    assert rule_keys, stem
    labels = page.select(".reading")
    assert len(labels) >= len(rule_keys)
    for marked in READINGS:
        if marked.key.startswith(f"rule {stem}/"):
            assert " ".join(marked.reading.text.replace("*", "").split()) in shown, marked.key
    if stem == "schedule":  # the MS Society page is among the sources of the monitoring window
        assert currency.STATUS_LABEL["predates the review"] in _text(page.select_one(".currency"))


def _applied(rules_json: dict) -> list[dict]:
    """Every applied rule (a dict with a claim and a source) anywhere in a rules JSON."""
    found = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if "claim" in node and "key" in node and "source" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(rules_json)
    return found


@pytest.mark.parametrize("module", [contraception, schedule, washout], ids=lambda m: m.__name__)
def test_every_calculator_rule_carries_its_status_and_readings(module) -> None:
    applied = _applied(module.rules_json())
    assert applied
    for rule in applied:
        claim = FACTS.claim(rule["claim"])
        loud = (claim.source, claim.question) in LOUD
        assert ("currency" in rule) == loud, rule["claim"]
        if loud:
            assert rule["currency"]["words"] == _words(claim.source, claim.question)
            assert rule["currency"]["href"].startswith("book/compare/timeline.html#event-")
        if claim.reading:
            texts = [r["text"] for r in rule["readings"]]
            assert " ".join(claim.reading.text.split()) in texts, rule["claim"]


def test_the_trials_citations_carry_the_status_of_old_sources() -> None:
    citations = [c for p in trials.rules_json()["presets"] for c in p.get("citations", [])]
    dated = [c for c in citations if c["key"] in ("ema2013", "mssociety2016")]
    assert dated and all(c["currency"]["status"] in NOT_CURRENT for c in dated)


def test_the_calculators_show_status_and_reading_beside_the_rule(browser, site_url) -> None:
    with offline_page(browser, f"{site_url}/book/calculators/contraception.html",
                      site_url) as (page, _):
        calc = one_calculator(page, ".calc-contraception")
        item = calc.locator('li[data-claim="sms-pregnancy-contraception"]')
        expect(item.locator(".calc-reading-tag").first).to_have_text(currency.READING_LABEL)
        expect(item).to_contain_text("each course")
        dated = calc.locator('li[data-claim="mssociety-monitoring-duration"] .calc-currency')
        expect(dated).to_contain_text(currency.STATUS_LABEL["predates the review"])
        expect(dated.locator("a")).to_have_attribute("href", re.compile("timeline.html#event-"))

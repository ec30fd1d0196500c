"""data/ validates, and every claim traces to a source, a chapter section and a bib entry."""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
import pytest

from alemtuzumab_kb import facts as facts_package
from alemtuzumab_kb.facts import Claim, DataError, Topic, load_facts, parse_records, read_yaml
from tests.chapters import chapter_sections

ROOT = Path(__file__).resolve().parent.parent
FACTS = load_facts()
BIB_KEYS = {e.key for e in bibtexparser.parse_file(str(ROOT / "references.bib")).entries}
SECTIONS = chapter_sections(FACTS)


def test_data_loads_with_real_content() -> None:
    listed = [record["id"] for record in read_yaml(ROOT / "data" / "sources.yaml")]
    assert [s.id for s in FACTS.sources] == listed
    chapters = {path.stem for path in (ROOT / "book" / "sources").glob("sources-*.md")}
    assert chapters == {s.chapter for s in FACTS.sources}, "one chapter per source, no other"
    assert len(FACTS.topics) >= 10
    assert len(FACTS.claims) >= 100
    assert {c.source for c in FACTS.claims} == {s.id for s in FACTS.sources}


def test_every_citation_key_exists() -> None:
    keys = {c.citation for c in FACTS.claims} | {s.citation for s in FACTS.sources}
    assert sorted(keys - BIB_KEYS) == []


@pytest.mark.parametrize("claim", FACTS.claims, ids=lambda c: c.id)
def test_claim_points_at_an_existing_chapter_section(claim: Claim) -> None:
    assert FACTS.section_of(claim) in SECTIONS
    assert re.search(r"\*[^*]+\*", claim.locator), "the locator names a heading, in italics"


def test_questions_are_asked_of_at_least_one_source() -> None:
    asked = {c.question for c in FACTS.claims}
    unanswered = [q.id for t in FACTS.topics for q in t.questions if q.id not in asked]
    assert unanswered == []


def test_discrepancies_and_timeline_point_at_claims() -> None:
    ids = {c.id for c in FACTS.claims}
    assert len(FACTS.discrepancies) > 12
    for item in (*FACTS.discrepancies, *FACTS.timeline):
        assert set(item.claims) <= ids, item.id
    assert len({event.date for event in FACTS.timeline}) >= 4


# --- The loader refuses bad data, and says where -------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_is_refused_naming_file_record_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "- {id: x, question: q, source: sms, statement: s, locator: l,"
                           " citation: c, colour: red}\n")
    with pytest.raises(DataError, match=r"bad\.yaml, line 1, claim x, key colour: colour is not"):
        parse_records(path, Claim)


def test_duplicate_key_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "- id: a\n  id: b\n")
    with pytest.raises(DataError, match=r"bad\.yaml, line 2, record a, key id: the key 'id' is"
                                        r" written twice \(first at line 1\)"):
        read_yaml(path)


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    record = "- {id: sms, title: Dosing, questions: [{id: q, text: how much}]}\n"
    with pytest.raises(DataError, match="line 2, topic sms, key id: the id sms is already used"):
        parse_records(write(tmp_path, record * 2), Topic)


def test_value_needs_exactly_one_quantity(tmp_path: Path) -> None:
    path = write(tmp_path, "- {id: x, question: q, source: sms, statement: s, locator: l,"
                           " citation: c, value: {months: 4, weeks: 2}}\n")
    with pytest.raises(DataError, match=r"claim x, key value: .*exactly one quantity"):
        parse_records(path, Claim)


def test_no_word_is_broken_across_a_folded_line() -> None:
    """YAML folds a line break into a space, so "disease-" at the end of a line and "modifying"
    on the next are published as "disease- modifying"."""
    broken = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "data").rglob("*.yaml"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"[A-Za-z]-$", line) and not line.lstrip().startswith("#")
    ]
    assert broken == []


@pytest.mark.parametrize("loader", [
    "load_facts", "load_trials", "load_therapies", "load_washout_rules",
    "load_contraception_rules", "load_schedule_rules",
])
def test_data_is_read_once_however_its_folder_is_named(loader: str) -> None:
    """The build checks data/ by its path and the pages load the default: one read for both."""
    load = getattr(facts_package, loader)
    load.cache_clear()
    first = load()
    assert load(facts_package.DATA) is first and load(data=facts_package.DATA) is first
    assert load(str(facts_package.DATA)) is first
    assert load.cache_info().misses == 1

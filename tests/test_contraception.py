"""What follows the last infusion (widgets/alemtuzumab_kb/contraception.py): vectors, sources
apart, hypothesis."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import alemtuzumab_kb
from alemtuzumab_kb.contraception import (
    after_last_infusion,
    breastfeeding_end,
    contraception_end,
    last_infusion,
    monitoring_end,
    rules_json,
)
from alemtuzumab_kb.dates import InputError, add_months
from alemtuzumab_kb.facts import load_contraception_rules, load_facts
from alemtuzumab_kb.limits import load_limits
from alemtuzumab_kb.pages.contraception import rules_markdown
from tests.conftest import read_vectors

VECTORS = read_vectors("contraception")
LAST = VECTORS["last_infusion"]
AFTER = VECTORS["after_last_infusion"]


@pytest.mark.parametrize("case", LAST, ids=[f"{c['course_start']}/{c['course']!r}" for c in LAST])
def test_last_infusion_vectors(case: dict) -> None:
    if "error" in case:
        with pytest.raises(ValueError) as caught:
            last_infusion(case["course_start"], case["course"])
        assert caught.value.code == case["error"]
        assert case["message_contains"] in str(caught.value)
    else:
        assert last_infusion(case["course_start"], case["course"]).isoformat() == case["expected"]


@pytest.mark.parametrize("case", AFTER, ids=[c["name"] for c in AFTER])
def test_after_last_infusion_vectors(case: dict) -> None:
    if "error" in case:
        with pytest.raises(ValueError) as caught:
            after_last_infusion(case["last_infusion"])
        assert caught.value.code == case["error"]
        assert case["message_contains"] in str(caught.value)
        return
    result = after_last_infusion(case["last_infusion"])
    got = {m.rule.claim: m.date.isoformat() if m.date else None for m in result.milestones}
    assert got == case["expected"]
    whens = {m.rule.claim: m.when for m in result.milestones}
    for claim, expected in case.get("when", {}).items():
        assert whens[claim] == expected
    if "headline" in case:
        assert result.headline == case["headline"]


def test_the_headline_names_whose_date_it_gives_when_the_sources_differ() -> None:
    import dataclasses

    result = after_last_infusion("2026-11-03")
    first, second = result.items["contraception"][:2]
    later = dataclasses.replace(second, date=add_months(second.date, 1))
    changed = dataclasses.replace(
        result, items={**result.items, "contraception": (first, later)}
    )
    assert changed.headline == (
        "Contraception until 3 March 2027 (Swedish guideline); the sources differ"
    )


def test_single_date_functions_follow_the_swedish_guideline() -> None:
    last = dt.date(2026, 11, 3)
    assert alemtuzumab_kb.contraception_end(last) == dt.date(2027, 3, 3)
    assert alemtuzumab_kb.breastfeeding_end(last) == dt.date(2027, 3, 3)
    assert alemtuzumab_kb.monitoring_end(last) == dt.date(2030, 11, 3)
    assert alemtuzumab_kb.last_infusion(dt.date(2026, 11, 1), 2) == last
    result = alemtuzumab_kb.after_last_infusion(last)
    for item in ("contraception", "breastfeeding", "monitoring"):
        assert result.items[item][0].rule.source == "sms"


def test_each_source_keeps_its_own_entry_and_citation() -> None:
    result = after_last_infusion("2026-11-03")
    contraception = result.items["contraception"]
    assert [m.rule.citation for m in contraception] == ["sms2025", "ahfs2024"]
    assert "recommended until 4 months after the last infusion" in contraception[0].text
    assert "up to" not in contraception[0].text, "the Swedish period is an end date, not a ceiling"
    assert "during the course" in contraception[1].text
    monitoring = result.items["monitoring"]
    assert [m.rule.source for m in monitoring] == ["sms", "ahfs", "mssociety"]
    assert "4 years" in monitoring[2].text and "48 months" in monitoring[0].text
    breastfeeding = result.items["breastfeeding"]
    assert [m.date is None for m in breastfeeding] == [False, True]
    assert set(result.citations) == {"sms2025", "ahfs2024", "mssociety2016"}


def test_course_groups_cite_the_sources_that_describe_them() -> None:
    courses = load_contraception_rules().courses
    facts = load_facts()
    assert {facts.claim(c).source for c in courses.further} == {"ahfs", "mssociety"}
    assert all(facts.claim(c).question == "dosing-first-course" for c in courses.first)


def test_rules_json_is_plain_json_with_links() -> None:
    data = rules_json()
    assert json.loads(json.dumps(data)) == data
    assert data["courses"]["first"]["infusion_days"] == 5
    assert data["courses"]["second"]["infusion_days"] == 3
    first = data["entries"][0]
    assert first["duration"] == {"months": 4, "days": 0}
    assert first["rule"]["href"] == "book/sources/sources-sms.html#src-sms-pregnancy"


def test_rules_markdown_cites_every_entry() -> None:
    text = rules_markdown()
    for citation in ("sms2025", "ahfs2024", "mssociety2016", "ema2013"):
        assert f"{{cite:p}}`{citation}`" in text
    assert "{ref}`Swedish guideline <src-sms-pregnancy>`" in text


def test_course_number_must_be_a_whole_number() -> None:
    for bad in (0, -1, True, 1.0, "", "two", "²"):
        with pytest.raises(ValueError, match="course number"):
            last_infusion("2026-01-01", bad)  # type: ignore[arg-type]


# --- hypothesis --------------------------------------------------------------------------

DATES = st.dates(min_value=load_limits().earliest, max_value=load_limits().latest)
COURSES = st.integers(min_value=1, max_value=load_limits().numbers["course"].max)


@given(DATES, COURSES)
def test_any_date_and_course_never_raises(start: dt.date, course: int) -> None:
    end = last_infusion(start, course)
    assert start <= end <= start + dt.timedelta(days=4)
    assert (end - start).days == (4 if course == 1 else 2)


@given(DATES, DATES, COURSES)
def test_last_infusion_is_monotonic(a: dt.date, b: dt.date, course: int) -> None:
    early, late = sorted((a, b))
    assert last_infusion(early, course) <= last_infusion(late, course)


@given(DATES)
def test_every_end_is_on_or_after_the_last_infusion(day: dt.date) -> None:
    assert contraception_end(day) >= day
    assert breastfeeding_end(day) >= day
    assert monitoring_end(day) >= contraception_end(day)
    value = load_facts().claim("sms-pregnancy-contraception").value
    assert contraception_end(day) == add_months(day, int(value.months))
    for milestone in after_last_infusion(day).milestones:
        assert milestone.date is None or milestone.date >= day


@given(st.text(max_size=12), st.one_of(st.integers(), st.text(max_size=4)))
def test_any_input_gives_a_date_or_a_sentence(start: str, course: int | str) -> None:
    try:
        last_infusion(start, course)
    except InputError as error:
        assert str(error).endswith(".")

"""Washout core (widgets/alemtuzumab_kb/washout.py): shared vectors, rules as data, hypothesis for
edge input."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import alemtuzumab_kb
from alemtuzumab_kb.dates import InputError, add_months
from alemtuzumab_kb.facts import load_facts, load_therapies, load_washout_rules, normalise_name
from alemtuzumab_kb.limits import load_limits
from alemtuzumab_kb.pages.washout import rules_markdown
from alemtuzumab_kb.washout import (
    covered_therapies,
    edit_distance,
    find_therapy,
    rules_json,
    suggestions,
    washout_plan,
)
from tests.conftest import read_vectors

VECTORS = read_vectors("washout")
ROOT = Path(__file__).resolve().parent.parent


def _field(plan, name: str):
    if name == "claims":
        return [rule.claim for rule in plan.rules]
    if name == "caveat_count":
        return len(plan.caveats)
    value = getattr(plan, name)
    if isinstance(value, dt.date):
        return value.isoformat()
    return list(value) if isinstance(value, tuple) else value


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_vectors(case: dict) -> None:
    if "error" in case:
        with pytest.raises(ValueError) as caught:
            washout_plan(case["prior"], case["last_dose"])
        assert caught.value.code == case["error"]
        assert case.get("message_contains", "") in str(caught.value)
        return
    plan = washout_plan(case["prior"], case["last_dose"])
    for name, expected in case["expected"].items():
        assert _field(plan, name) == expected, name


def test_public_api_is_exported() -> None:
    plan = alemtuzumab_kb.washout_plan("fingolimod", dt.date(2026, 1, 31))
    assert plan.earliest_start == dt.date(2026, 3, 31)
    assert plan.latest_start is None
    assert plan.citations == ("sms2025",)
    assert any("lymphocyte" in action for action in plan.actions)


def test_fingolimod_shows_rebound_caution_and_translation_caveat() -> None:
    plan = washout_plan("fingolimod", "2026-01-31")
    assert any("rebound" in text for text in plan.cautions)
    assert len(plan.caveats) == 1
    assert "Translation uncertain" in plan.caveats[0]
    assert "*Wash-out under 2 månader*" in plan.caveats[0]


def test_natalizumab_asks_for_mri_when_jc_virus_positive() -> None:
    plan = washout_plan("natalizumab", "2026-01-31")
    mri = [a for a in plan.actions if "MRI" in a]
    assert len(mri) == 1 and "JC virus" in mri[0] and "3 months after" in mri[0]


def test_natalizumab_latest_start_carries_its_reading_as_a_window() -> None:
    plan = washout_plan("Tysabri", "2026-01-31")
    assert plan.latest_start == dt.date(2026, 4, 30)
    assert len(plan.caveats) == 1
    assert "2-3 months" in plan.caveats[0] and "window" in plan.caveats[0]
    assert "names no latest day" in plan.caveats[0]
    assert "Caveat: The latest start is our reading" in rules_markdown()


def test_teriflunomide_has_no_dates_but_accelerated_elimination() -> None:
    plan = washout_plan("teriflunomide", "2026-01-31")
    assert plan.covered and not plan.interval_stated
    assert plan.earliest_start is None and plan.latest_start is None
    assert any("cholestyramine" in a and "activated charcoal" in a for a in plan.actions)


def test_switch_from_alemtuzumab_checks_labs_and_skips_pre_treatment_vaccination() -> None:
    plan = washout_plan("ALEMTUZUMAB", "2026-11-03")
    assert plan.direction == "from-alemtuzumab"
    assert plan.next_therapy == "the next therapy"
    assert len(plan.actions) == 1
    assert all(word in plan.actions[0] for word in ("blood count", "liver", "thyroid", "kidney"))


def test_uncovered_therapies_never_get_an_interval() -> None:
    covered = {t.id for t in covered_therapies()}
    uncovered = [t for t in load_therapies() if t.id not in covered]
    names = {t.id for t in uncovered}
    assert {"ocrelizumab", "ofatumumab", "cladribine", "siponimod", "ozanimod", "ponesimod",
            "mitoxantrone"} <= names
    for therapy in uncovered:
        for name in therapy.names:
            plan = washout_plan(name, "2026-01-31")
            assert not plan.covered
            assert plan.earliest_start is None and plan.latest_start is None
            assert "None of the book's sources" in plan.summary
            assert therapy.generic in plan.summary


def test_every_covered_rule_rests_on_the_swedish_washout_section() -> None:
    facts = load_facts()
    for rule in load_washout_rules().rules:
        claim = facts.claim(rule.interval)
        assert claim.source == "sms"
        assert facts.section_of(claim) == "src-sms-switching"
        assert claim.locator.startswith("*Wash-out*")


def test_every_name_is_accepted_in_any_case() -> None:
    for therapy in load_therapies():
        for name in therapy.names:
            assert find_therapy(name.upper()).id == therapy.id
            assert find_therapy(f"  {name.lower()} ").id == therapy.id


def test_unknown_name_offers_close_names_not_the_whole_list() -> None:
    with pytest.raises(ValueError) as caught:
        washout_plan("Gilenia", "2026-01-31")
    message = str(caught.value)
    assert message.endswith("Did you mean Gilenya?")
    # The close names only, not the whole list of therapies the calculator knows.
    assert "Mavenclad" not in message and "Ocrevus" not in message
    with pytest.raises(ValueError) as caught:
        washout_plan("Campath-1H-ish", "2026-01-31")
    assert "Did you mean" not in str(caught.value)
    assert "e.g. fingolimod or Gilenya." in str(caught.value)


def test_every_known_name_with_a_dose_after_it_is_understood() -> None:
    for therapy in load_therapies():
        for name in therapy.names:
            for dose in (" 0.5 mg", " 14mg", " 44 µg 3 times a week"):
                assert find_therapy(name + dose).id == therapy.id, name + dose


def test_a_one_letter_slip_in_any_name_offers_its_therapy() -> None:
    """Drop any one letter of any name of five letters or more: its therapy is among those
    offered."""
    known = {normalise_name(n) for t in load_therapies() for n in t.names}
    for therapy in load_therapies():
        for name in therapy.names:
            if len(name) < 5:
                continue
            for i in range(1, len(name)):
                slip = name[:i] + name[i + 1:]
                if normalise_name(slip) in known:
                    continue
                offered = suggestions(slip)
                assert offered, slip
                assert any(find_therapy(o).id == therapy.id for o in offered), (slip, offered)


@given(st.text(max_size=12), st.text(max_size=12))
def test_edit_distance_is_symmetric_and_zero_only_for_equal_text(a: str, b: str) -> None:
    assert edit_distance(a, b) == edit_distance(b, a)
    assert (edit_distance(a, b) == 0) == (a == b)
    assert edit_distance(a, b) <= max(len(a), len(b))
    assert edit_distance(a, a + "x") == 1


def test_rules_json_carries_no_python_objects_and_links_to_chapter_sections() -> None:
    data = rules_json()
    assert json.loads(json.dumps(data)) == data
    fingolimod = data["therapies"]["fingolimod"]
    assert fingolimod["earliest"] == {"months": 2, "days": 0}
    assert fingolimod["latest"] is None
    first = data["claims"][fingolimod["rules"][0]]
    assert first["href"] == "book/sources/sources-sms.html#src-sms-switching"
    assert data["names"]["gilenya"] == "fingolimod"
    for therapy in data["therapies"].values():
        assert set(therapy["rules"]) <= set(data["claims"])
    for rule in data["claims"].values():
        page, anchor = rule["href"].split("#")
        assert (ROOT / page.replace(".html", ".md")).is_file()
        assert f"({anchor})=" in (ROOT / page.replace(".html", ".md")).read_text("utf-8")


def test_rules_markdown_cites_and_links_every_rule() -> None:
    text = rules_markdown()
    assert text.count("{cite:p}`sms2025`") >= len(load_washout_rules().rules)
    assert "{ref}`Swedish guideline <src-sms-switching>`" in text
    assert "ocrelizumab (Ocrevus)" in text


def test_no_clinical_number_in_the_browser_code() -> None:
    """Intervals live in data/: the JavaScript holds no number but 0, 1 and 2 (indexing, parity),
    and no string gives a length of time such as "4 months"."""
    for name in ("washout.js", "washout_view.js", "contraception.js", "contraception_view.js"):
        code = (ROOT / "widgets" / "alemtuzumab_kb" / "ui" / "js" / name).read_text("utf-8")
        code = re.sub(r"^\s*(//|\*|/\*).*$", "", code, flags=re.MULTILINE)
        strings = re.findall(r'"[^"\n]*"|`[^`]*`', code)
        for text in strings:
            assert not re.search(r"\d+\s*(month|week|year|day)", text), f"{name}: {text}"
        bare = re.sub(r'"[^"\n]*"|`[^`]*`|/[^/\n]+/[gimsuy]*', "", code)
        for literal in re.findall(r"(?<![\w.])(\d+)(?![\w.])", bare):
            assert literal in {"0", "1", "2"}, f"{name}: number {literal} in browser code"


# --- hypothesis --------------------------------------------------------------------------

NAMES = [name for therapy in load_therapies() for name in therapy.names]
DATES = st.dates(min_value=load_limits().earliest, max_value=load_limits().latest)


@given(st.sampled_from(NAMES), DATES)
def test_any_known_name_and_date_gives_an_ordered_plan(name: str, last_dose: dt.date) -> None:
    plan = washout_plan(name, last_dose)
    if plan.earliest_start is not None:
        assert plan.earliest_start >= last_dose
        assert plan.interval_stated and plan.covered
    if plan.latest_start is not None:
        assert plan.earliest_start is not None and plan.latest_start >= plan.earliest_start
    assert plan.citations and plan.summary.endswith(".")


@given(DATES)
def test_fingolimod_earliest_is_two_calendar_months(last_dose: dt.date) -> None:
    value = load_facts().claim("sms-switching-from-fingolimod").value
    assert washout_plan("fingolimod", last_dose).earliest_start == add_months(
        last_dose, int(value.months)
    )


@given(st.text(max_size=30), st.one_of(st.text(max_size=12), DATES.map(dt.date.isoformat)))
def test_any_input_gives_a_plan_or_a_sentence(prior: str, last_dose: str) -> None:
    try:
        washout_plan(prior, last_dose)
    except InputError as error:
        assert str(error).endswith(".")
        assert error.code in {
            "empty-therapy", "unknown-therapy", "empty-date", "date-format", "impossible-date",
            "date-range", "character",
        }


@pytest.mark.parametrize(
    "module",
    [
        "alemtuzumab_kb.dates",
        "alemtuzumab_kb.washout",
        "alemtuzumab_kb.contraception",
        "alemtuzumab_kb.ui.washout",
        "alemtuzumab_kb.ui.contraception",
    ],
)
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0

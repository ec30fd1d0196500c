"""The strength of every recommendation is kept from the original verb (issue 11).

Swedish *skall* and Norwegian *skal* mean *must*, *bör* and *bør* mean *should*: a claim records the
source's verb and its strength (data/strengths.yaml), and its English must read at that strength,
as must every calculator text that rests on it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alemtuzumab_kb.facts import (
    Claim,
    load_contraception_rules,
    load_facts,
    load_schedule_rules,
    load_washout_rules,
)
from tests.originals import original

ROOT = Path(__file__).resolve().parent.parent
FACTS = load_facts()
LEVELS = {level.level: level for level in FACTS.strengths}
# Levels whose English words never occur by chance; "may" and "can" also describe possibility.
DIRECTIVE = ("must", "should", "recommended", "encouraged")
WITH_STRENGTH = [c for c in FACTS.claims if c.strength is not None]
WITHOUT_STRENGTH = [c for c in FACTS.claims if c.strength is None]


def reads_as(text: str) -> set[str]:
    """The directive levels whose English words occur in `text`."""
    return {
        level
        for level in DIRECTIVE
        if any(re.search(pattern, text, re.IGNORECASE) for pattern in LEVELS[level].english)
    }


def test_every_level_is_defined_with_english_words() -> None:
    assert set(LEVELS) == {"must", "should", "recommended", "encouraged", "may", "instruction"}
    assert all(LEVELS[level].english for level in (*DIRECTIVE, "may"))
    assert reads_as("Treatment must not be started") == {"must"}
    assert reads_as("Breastfeeding should not take place") == {"should"}
    assert reads_as("Screen women for HPV every year.") == set()


def test_the_translated_must_rules_are_held_to_must() -> None:
    """The rules issue 11 found rendered as "should" are must (*skall*, *skal*) in the data."""
    for claim_id in (
        "sms-indication-setting",
        "sms-contraindications-list-recommendation",
        "sms-contraindications-list-infection",
        "sms-monitoring-baseline",
        "sms-switching-from-natalizumab-mri",
        "dhpc-cardiovascular-vital-signs-ecg",
    ):
        claim = FACTS.claim(claim_id)
        assert (claim.strength, claim.verb.casefold()[:3]) in {("must", "ska")}, claim_id


@pytest.mark.parametrize("claim", WITH_STRENGTH, ids=lambda c: c.id)
def test_statement_reads_at_the_strength_of_its_verb(claim: Claim) -> None:
    found = reads_as(claim.statement)
    if claim.strength == "instruction":
        assert found == set(), f"an instruction gains {found} in English"
    elif claim.strength == "may":
        assert found == set()
        assert any(re.search(p, claim.statement, re.I) for p in LEVELS["may"].english)
    else:
        assert found == {claim.strength}


@pytest.mark.parametrize("claim", WITHOUT_STRENGTH, ids=lambda c: c.id)
def test_a_statement_that_recommends_records_its_strength(claim: Claim) -> None:
    assert reads_as(claim.statement) == set(), "give the claim its strength and the source's verb"


@pytest.mark.parametrize("claim", WITH_STRENGTH, ids=lambda c: c.id)
def test_the_verb_occurs_in_the_original(claim: Claim) -> None:
    text = original(claim.source).casefold()
    assert " ".join(claim.verb.split()).casefold() in text


def _rule_texts() -> list[tuple[str, str, tuple[str, ...]]]:
    """(where, text, claim ids) for every calculator text that rests on claims."""
    texts = []
    washout = load_washout_rules()
    for index, item in enumerate(washout.before_first_course):
        texts.append((f"washout before_first_course[{index}]", item.text, (item.claim,)))
    for rule in washout.rules:
        for group in ("actions", "cautions", "caveats"):
            for item in getattr(rule, group):
                texts.append((f"washout {rule.therapy} {group}", item.text, (item.claim,)))
    for item in load_contraception_rules().after_last_infusion:
        for entry in item.entries:
            texts.append((f"contraception {item.id}", entry.text, (entry.claim,)))
    schedule = load_schedule_rules()
    for event in schedule.events:
        if event.text:
            texts.append((f"schedule {event.id}", event.text, event.claims))
    for point in schedule.open_points:
        texts.append(("schedule open_points", point.text, (point.claim,)))
    return texts


@pytest.mark.parametrize(("where", "text", "claims"), _rule_texts(), ids=lambda v: str(v)[:40])
def test_calculator_texts_keep_the_strength_of_their_claims(
    where: str, text: str, claims: tuple[str, ...]
) -> None:
    strengths = {FACTS.claim(claim_id).strength for claim_id in claims}
    expected = {s for s in strengths if s in DIRECTIVE}
    if "caveat" in where or "open_points" in where:
        # A caveat or open point talks about the rule; it may not add a directive of its own.
        assert reads_as(text) <= expected, where
    else:
        assert reads_as(text) == expected, where


def test_until_periods_are_not_written_as_ceilings() -> None:
    """"Until 4 months after" is an end date; "for up to 4 months" would read as a ceiling."""
    for item in load_contraception_rules().after_last_infusion:
        for entry in item.entries:
            claim = FACTS.claim(entry.claim)
            if entry.reads == "until":
                assert claim.value is not None and claim.value.qualifier != "up to", claim.id
                assert "up to" not in entry.text and "up to" not in claim.statement, claim.id

"""The schedule's rules, compiled from data/rules/schedule.yaml once, ready to be dated.

Every interval becomes a `Duration` from its claim's value, every text is filled from its claims,
and each rule carries the claims it rests on (`AppliedRule`). `alemtuzumab_kb.schedule` dates
them and gives them to the browser (`rules_json()`), `alemtuzumab_kb.schedule_calendar` writes
them into a calendar file and `alemtuzumab_kb.pages.schedule` puts them in a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from alemtuzumab_kb.dates import Duration, duration_json, duration_words
from alemtuzumab_kb.facts import (
    UNITS,
    DataError,
    Facts,
    Reading,
    ScheduleAnchor,
    ScheduleEventRule,
    fill_rule_text,
    format_value,
    load_facts,
    load_schedule_rules,
    value_durations,
)
from alemtuzumab_kb.washout import AppliedRule, applied_rule

# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies; each kind has
# its own chart row label too, so colour is never the only cue.
KINDS = {
    "infusion": ("Infusions and courses", "#0072B2"),
    "medication": ("Premedication and prophylaxis", "#E69F00"),
    "precaution": ("Precautions", "#CC79A7"),
    "deadline": ("Deadlines", "#D55E00"),
    "test": ("Laboratory tests", "#009E73"),
    "check": ("Yearly checks", "#56B4E9"),
    "end": ("End of monitoring", "#000000"),
}


@dataclass(frozen=True)
class Anchor:
    """A course day moved by a duration: sign +1 after, -1 before, 0 the day itself."""

    anchor: str
    sign: int
    duration: Duration
    words: str = ""
    """The claim's value as the source gives it, qualifier included, for the rules table."""

    def to_json(self) -> dict[str, Any]:
        return {"anchor": self.anchor, "sign": self.sign, "duration": duration_json(self.duration)}


@dataclass(frozen=True)
class Rule:
    id: str
    rank: int
    shape: str
    courses: str
    anchors: dict[str, Anchor]
    every: Duration | None
    counted_from: str | None
    kind: str
    lane: str
    title: str
    text: str
    rules: tuple[AppliedRule, ...]
    every_claim: str | None = None


@dataclass(frozen=True)
class Compiled:
    horizon: Duration
    horizon_text: str
    interval: Duration
    interval_text: str
    infusions: dict[str, str]
    due: Rule
    events: tuple[Rule, ...]
    open_points: tuple[tuple[str, AppliedRule], ...]


def _applied(
    facts: Facts, claim_ids: tuple[str, ...], rule_id: str, reading: Reading | None
) -> tuple[AppliedRule, ...]:
    """The rule's claims as applied rules; the rule's own reading goes with its first claim."""
    marked = (f"rule schedule/{rule_id}", reading) if reading else None
    return tuple(
        applied_rule(facts.claim(claim_id), marked if index == 0 else None)
        for index, claim_id in enumerate(claim_ids)
    )


def every_words(claim_id: str) -> str:
    """``every month``, ``every 3 months``, ``every year``, from a claim's value."""
    value = load_facts().claim(claim_id).value
    assert value is not None
    unit, number = value.quantity
    return f"every {UNITS.get(unit, unit)}" if number == 1 else f"every {number:g} {unit}"


def _anchor(anchor: ScheduleAnchor) -> Anchor:
    if anchor.claim is None:
        return Anchor(anchor.anchor, 0, Duration())
    value = load_facts().claim(anchor.claim).value
    assert value is not None
    duration = value_durations(value)[0]
    return Anchor(anchor.anchor, 1 if anchor.after else -1, duration, format_value(value))


def _fill(rule: ScheduleEventRule, horizon: Duration, where: str) -> str:
    """The rule's text with its placeholders filled from the claims, or the claims' statements."""
    facts = load_facts()
    if not rule.text:
        return " ".join(" ".join(facts.claim(c).statement.split()) for c in rule.claims)
    text = fill_rule_text(rule.text, facts.claim(rule.claims[0]), where)
    for name, anchor in rule.anchors.items():
        if anchor.claim is not None:
            value = facts.claim(anchor.claim).value
            assert value is not None
            text = text.replace(f"{{{name}}}", format_value(value))
    if rule.repeat is not None:
        text = text.replace("{every}", every_words(rule.repeat.every))
    text = text.replace("{horizon}", duration_words(horizon))
    left = re.findall(r"\{[a-z]+\}", text)
    if left:
        raise DataError(f"schedule.yaml: {where}: nothing fills {', '.join(left)}")
    return text


@cache
def compiled_rules() -> Compiled:
    facts = load_facts()
    rules = load_schedule_rules()
    horizon_claim = facts.claim(rules.horizon[0])
    due_claim = facts.claim(rules.course_2_due.claims[0])
    assert horizon_claim.value is not None and due_claim.value is not None
    horizon = value_durations(horizon_claim.value)[0]
    interval = value_durations(due_claim.value)[0]
    due = Rule(
        id="course-2-due",
        rank=1,
        shape="due",
        courses="first",
        anchors={},
        every=None,
        counted_from=None,
        kind=rules.course_2_due.kind,
        lane=rules.course_2_due.lane,
        title=rules.course_2_due.title,
        text=fill_rule_text(rules.course_2_due.text, due_claim, "course_2_due"),
        rules=_applied(facts, rules.course_2_due.claims, "course-2-due",
                       rules.course_2_due.reading),
    )
    events = []
    for index, rule in enumerate(rules.events):
        every = None
        if rule.repeat is not None:
            value = facts.claim(rule.repeat.every).value
            assert value is not None
            every = value_durations(value)[0]
        events.append(
            Rule(
                id=rule.id,
                rank=index + 2,
                shape=rule.shape,
                courses=rule.courses,
                anchors={name: _anchor(anchor) for name, anchor in rule.anchors.items()},
                every=every,
                counted_from=rule.repeat.counted_from if rule.repeat else None,
                kind=rule.kind,
                lane=rule.lane,
                title=rule.title,
                text=_fill(rule, horizon, rule.id),
                rules=_applied(facts, rule.claims, rule.id, rule.reading),
                every_claim=rule.repeat.every if rule.repeat else None,
            )
        )
    open_points = tuple(
        (fill_rule_text(item.text, facts.claim(item.claim), "open_points"),
         applied_rule(facts.claim(item.claim)))
        for item in rules.open_points
    )
    return Compiled(
        horizon=horizon,
        horizon_text=duration_words(horizon),
        interval=interval,
        interval_text=format_value(due_claim.value),
        infusions={
            "kind": rules.infusions.kind,
            "lane": rules.infusions.lane,
            "title": rules.infusions.title,
            "text": " ".join(rules.infusions.text.split()),
        },
        due=due,
        events=tuple(events),
        open_points=open_points,
    )

"""The treatment and monitoring schedule's rules (data/rules/schedule.yaml): events as course days
moved by the values of claims; read by `alemtuzumab_kb.schedule` (issue 7). The infusion days
come from data/rules/contraception.yaml. Texts are ours: no digit; `alemtuzumab_kb.schedule`
fills their placeholders from the claims."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import model_validator

from alemtuzumab_kb.data_dir import DATA, cached_per_folder
from alemtuzumab_kb.data_files import Place, Strict
from alemtuzumab_kb.facts.claims import Reading
from alemtuzumab_kb.facts.loader import Facts, load_facts
from alemtuzumab_kb.facts.rules import (
    PLACEHOLDER,
    RuleText,
    claim_durations,
    claim_for,
    fill_rule_text,
    parse_model,
)

ScheduleKind = Literal["infusion", "medication", "precaution", "deadline", "test", "check", "end"]


class ScheduleAnchor(Strict):
    """A course day (`anchor`), moved forward by one claim's value or back by another's."""

    anchor: Literal["first-infusion", "last-infusion", "day-before-first-infusion"]
    after: str | None = None
    before: str | None = None

    @model_validator(mode="after")
    def _one_direction(self) -> ScheduleAnchor:
        if self.after is not None and self.before is not None:
            raise ValueError("give `after` or `before`, not both")
        return self

    @property
    def claim(self) -> str | None:
        return self.after or self.before


class ScheduleRepeat(Strict):
    """A repeated event: every `every` (a claim's value), counted from a course day."""

    every: str
    counted_from: Literal["each-last-infusion", "first-infusion"]


class ScheduleInfusions(Strict):
    """How the infusion days are shown; their number comes from the course rules."""

    kind: ScheduleKind
    lane: str
    title: str
    text: str


class ScheduleDue(Strict):
    """The due date of course 2: the claims giving the interval between the courses."""

    claims: tuple[str, ...]
    kind: ScheduleKind
    lane: str
    title: str
    text: str
    reading: Reading | None = None
    """How the schedule counts the interval where the sources leave it open (issue 24)."""


class ScheduleEventRule(Strict):
    """One source's event: a day (`date`), a period (`start`, `end`) or a repeat (`repeat`)."""

    id: str
    courses: Literal["first", "each", "last"] = "each"
    date: ScheduleAnchor | None = None
    start: ScheduleAnchor | None = None
    end: ScheduleAnchor | None = None
    repeat: ScheduleRepeat | None = None
    kind: ScheduleKind
    lane: str
    title: str
    claims: tuple[str, ...]
    text: str | None = None
    reading: Reading | None = None
    """Where the event applies its claims in a way the source leaves open (issue 24)."""

    @model_validator(mode="after")
    def _one_shape(self) -> ScheduleEventRule:
        shapes = [
            self.date is not None,
            self.start is not None or self.end is not None,
            self.repeat is not None,
        ]
        if sum(shapes) != 1:
            raise ValueError("give exactly one of `date`, `start` with `end`, or `repeat`")
        if (self.start is None) != (self.end is None):
            raise ValueError("a period needs both `start` and `end`")
        if not self.claims:
            raise ValueError("name at least one claim")
        return self

    @property
    def shape(self) -> Literal["date", "range", "repeat"]:
        if self.date is not None:
            return "date"
        return "range" if self.start is not None else "repeat"

    @property
    def anchors(self) -> dict[str, ScheduleAnchor]:
        """The anchors by name (``date``, ``start``, ``end``) that the rule has."""
        return {
            name: anchor
            for name in ("date", "start", "end")
            if (anchor := getattr(self, name)) is not None
        }


class ScheduleRules(Strict):
    """data/rules/schedule.yaml."""

    horizon: tuple[str, ...]
    infusions: ScheduleInfusions
    course_2_due: ScheduleDue
    events: tuple[ScheduleEventRule, ...]
    open_points: tuple[RuleText, ...] = ()


def _same_duration(data: Path, facts: Facts, claim_ids: tuple[str, ...], where: Place) -> Any:
    """The one calendar length all `claim_ids` give; DataError if they differ or give none."""
    if not claim_ids:
        raise where.fault("name at least one claim")
    durations = set()
    for index, claim_id in enumerate(claim_ids):
        claim = claim_for(facts, claim_id, where / index)
        low, high = claim_durations(data, claim, where / index)
        if high is not None:
            raise (where / index).fault(f"claim {claim_id} gives a range; give one number")
        durations.add(low)
    if len(durations) != 1:
        raise where.fault("the claims must give one length of time, and they differ")
    (duration,) = durations
    return duration


@cached_per_folder
def load_schedule_rules(data: Path = DATA) -> ScheduleRules:
    """data/rules/schedule.yaml, cross-checked against the claims.

    Horizon and course-interval claims must each agree on one length; an anchor's claim must be
    one of its event's claims and give one length of time (days or weeks when counted back); a
    repeat's interval must be longer than zero; texts hold no digit and no placeholder that
    nothing fills.
    """
    path = data / "rules" / "schedule.yaml"
    rules = parse_model(path, ScheduleRules)
    facts = load_facts(data)
    top = Place(path)
    _same_duration(data, facts, rules.horizon, top / "horizon")
    _same_duration(data, facts, rules.course_2_due.claims, top / "course_2_due" / "claims")
    texts = {
        top / "infusions": (rules.infusions.title, rules.infusions.text, {"course", "day", "days"}),
        top / "course_2_due": (
            rules.course_2_due.title, rules.course_2_due.text, {"course", "value", "number"}
        ),
    }
    ids = [event.id for event in rules.events]
    for index, event in enumerate(rules.events):
        where = Place(path, ("events", index), f"event {event.id}")
        if ids.index(event.id) != index:
            raise (where / "id").fault(f"the event id {event.id} is used twice")
        for number, claim_id in enumerate(event.claims):
            claim_for(facts, claim_id, where / "claims" / number)
        fills = {"value", "number", "horizon"}
        for name, anchor in event.anchors.items():
            if anchor.claim is None:
                continue
            fills.add(name)
            side = where / name / ("after" if anchor.after else "before")
            if anchor.claim not in event.claims:
                raise side.fault(f"it uses {anchor.claim}; list that claim under claims")
            low = _same_duration(data, facts, (anchor.claim,), side)
            if anchor.before is not None and low.months:
                raise side.fault(f"it counts back {low}; only days and weeks can be")
        if event.repeat is not None:
            fills.add("every")
            every_place = where / "repeat" / "every"
            if event.repeat.every not in event.claims:
                raise every_place.fault(
                    f"it uses {event.repeat.every}; list that claim under claims"
                )
            every = _same_duration(data, facts, (event.repeat.every,), every_place)
            if not (every.months or every.days):
                raise every_place.fault(f"claim {event.repeat.every} gives a length of zero")
        texts[where] = (event.title, event.text or "", fills)
    for index, item in enumerate(rules.open_points):
        where = top / "open_points" / index
        fill_rule_text(item.text, claim_for(facts, item.claim, where / "claim"), where / "text")
    for where, (title, text, fills) in texts.items():
        for name, part in (("title", title), ("text", text)):
            if re.search(r"[0-9]", part):
                raise (where / name).fault("write no number in a title or text")
            unfilled = sorted(set(PLACEHOLDER.findall(part)) - fills)
            if unfilled:
                raise (where / name).fault(
                    f"nothing fills {', '.join('{' + u + '}' for u in unfilled)}"
                )
    return rules

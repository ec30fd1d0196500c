"""What a treatment schedule is made of: its courses, its dated events and open points, and the
`Schedule` itself with the words the calculator shows for it (headline, summary, printed form).
`alemtuzumab_kb.schedule` makes them (`treatment_schedule`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from alemtuzumab_kb.dates import format_date
from alemtuzumab_kb.schedule_rules import compiled_rules
from alemtuzumab_kb.washout import AppliedRule, wrap_line


@dataclass(frozen=True)
class Course:
    """A course: its first and last infusion day; `given` is False for a course only due."""

    number: int
    start: dt.date
    last: dt.date
    given: bool


@dataclass(frozen=True)
class Event:
    """One dated event of the schedule, from one source (or from sources that agree).

    Attributes:
        id: unique within a schedule and stable: ``herpes-sms-c1``, ``tests-sms-c2-12``.
        rule: the rule it comes from (an event id of data/rules/schedule.yaml, ``infusion`` or
            ``course-2-due``).
        start: the day, or the first day of a period.
        end: the last day of a period (included), or None for a single day.
        title: what it is, with the source in brackets where sources differ.
        kind: ``infusion``, ``medication``, ``precaution``, ``deadline``, ``test``, ``check``
            or ``end``.
        lane: its row in the timeline chart.
        text: what the source says, in our words, with its numbers.
        course: the course it belongs to, or None for yearly checks.
        projected: True when it exists, or falls on this day, only because course 2 is assumed
            to start on its due date.
        rules: the claims it rests on, with source, locator and chapter section.
    """

    id: str
    rule: str
    start: dt.date
    end: dt.date | None
    title: str
    kind: str
    lane: str
    text: str
    course: int | None
    projected: bool
    rules: tuple[AppliedRule, ...]

    @property
    def date(self) -> dt.date | tuple[dt.date, dt.date]:
        """The day, or the (first, last) days of a period."""
        return self.start if self.end is None else (self.start, self.end)

    @property
    def when(self) -> str:
        """``12 January 2026`` or ``12 January 2026 to 16 January 2026``."""
        if self.end is None:
            return format_date(self.start)
        return f"{format_date(self.start)} to {format_date(self.end)}"

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.source_name for r in self.rules))

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.citation for r in self.rules))

    @property
    def locators(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.locator for r in self.rules))

    @property
    def sections(self) -> tuple[str, ...]:
        """Labels of the source-chapter sections the event comes from."""
        return tuple(dict.fromkeys(r.section for r in self.rules))

    def to_json(self) -> dict[str, Any]:
        """The fields the vectors and the browser compare."""
        return {
            "id": self.id,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "title": self.title,
            "kind": self.kind,
            "lane": self.lane,
            "text": self.text,
            "course": self.course,
            "projected": self.projected,
            "claims": [r.claim for r in self.rules],
        }


@dataclass(frozen=True)
class OpenPoint:
    """Something a source says without a date or an interval, so it is not in the schedule."""

    text: str
    rule: AppliedRule


@dataclass(frozen=True)
class Schedule:
    """The events of a treatment, in date order; iterating over it gives the events.

    Attributes:
        courses: course 1, and course 2 (given, or projected from its due date).
        course2_due: when course 2 is due, from the first day of course 1.
        last_infusion: the last infusion monitoring is counted from (course 2's, given or
            projected).
        horizon: the end of the monitoring window; no event lies after it.
        events: every event, in date order.
        open_points: what the sources leave without a date.
        notices: sentences about the input (course 2 before it is due).
    """

    courses: tuple[Course, ...]
    course2_due: dt.date
    last_infusion: dt.date
    horizon: dt.date
    events: tuple[Event, ...]
    open_points: tuple[OpenPoint, ...]
    notices: tuple[str, ...]

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def __getitem__(self, index: int) -> Event:
        return self.events[index]

    @property
    def projected(self) -> bool:
        """True when course 2 was not entered and its due date stands in for it."""
        return not self.courses[-1].given

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key for event in self.events for key in event.citations))

    def by_rule(self, rule: str) -> tuple[Event, ...]:
        """The events of one rule, e.g. ``"tests-sms"``, in date order."""
        return tuple(event for event in self.events if event.rule == rule)

    @property
    def headline(self) -> str:
        """The answer in one line, shown first: when course 2 is due (until it is entered) and
        when monitoring ends."""
        if self.projected:
            return (
                f"Course 2 due {format_date(self.course2_due)}; monitoring until "
                f"{format_date(self.horizon)}"
            )
        return f"Monitoring until {format_date(self.horizon)}"

    @property
    def summary(self) -> tuple[str, ...]:
        """The sentences the calculator's status region shows (the same in the browser)."""
        return _summary(
            self.courses, self.course2_due, self.horizon, len(self.events), self.notices
        )

    def __str__(self) -> str:
        lines = [f"{self.headline}.", *self.summary]
        repeated: dict[str, list[Event]] = {}
        for event in self.events:
            rule = next((r for r in compiled_rules().events if r.id == event.rule), None)
            if rule is not None and rule.shape == "repeat":
                repeated.setdefault(event.rule, []).append(event)
                continue
            projected = " (projected)" if event.projected else ""
            lines.append(
                f"- {event.when}{projected}: {event.title} [{', '.join(event.citations)}]"
            )
        lines.append("Repeated tests and checks:")
        for events in repeated.values():
            first, last = events[0], events[-1]
            lines.append(
                f"- {first.title}: {len(events)} dates from {format_date(first.start)} to "
                f"{format_date(last.start)} [{', '.join(first.citations)}]"
            )
        return "\n".join(wrap_line(line) for line in lines)


def _summary(
    courses: tuple[Course, ...], due: dt.date, horizon: dt.date, count: int,
    notices: tuple[str, ...],
) -> tuple[str, ...]:
    first, second = courses
    lines = [f"Course 1: infusions from {format_date(first.start)} to {format_date(first.last)}."]
    if second.given:
        lines.append(
            f"Course 2: infusions from {format_date(second.start)} to {format_date(second.last)}."
        )
    else:
        lines.append(
            f"Course 2: not entered; due {format_date(due)}. Until it is entered, monitoring is "
            f"counted from the last infusion it would have if it started that day, "
            f"{format_date(second.last)}."
        )
    lines.append(
        f"Monitoring: {compiled_rules().horizon_text} after the last infusion, until "
        f"{format_date(horizon)}; nothing in the schedule comes later."
    )
    lines.append(f"{count} events, each with its source.")
    return (*lines, *notices)

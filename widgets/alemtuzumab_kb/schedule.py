"""The treatment and monitoring schedule after alemtuzumab: every dated event, source by source.

The rules are data (data/rules/schedule.yaml); every interval is the value of a claim, and the
number of infusion days comes from data/rules/contraception.yaml through
`alemtuzumab_kb.contraception`. The browser twin is widgets/alemtuzumab_kb/ui/js/schedule.js, which
computes from
`rules_json()`; both pass tests/vectors/schedule.json and give the same iCalendar text.

Semantics (the notebook book/calculators/schedule.ipynb explains them):

- Infusions are on consecutive days: course 1 has the first-course number of days, course 2 the
  later-course number. Course 2 is due the interval between courses after the first day of
  course 1.
- When course 2 is not entered, it is **projected**: the schedule shows its due date, and the
  monitoring window is counted from the last infusion course 2 would have if it started on its
  due date. All sources describe two courses; counting from course 1 alone would end the tests a
  year early once course 2 is given. Events that exist or fall where they do only because of
  that projection carry ``projected=True``.
- The **horizon** is the monitoring window (its length is in the data) after the last infusion of
  the last course. Repeated tests and yearly checks are drawn up to it, and nothing lies after it;
  the sources set no end for the yearly checks, so stopping them there is our choice.
- Repeated tests are counted from the last infusion of each course (anchor + n intervals, not
  chained, so 31 January + 1 month is 28 February and + 2 months is 31 March) until the next
  course starts or the window after that infusion ends. Yearly checks are counted from the
  first day of course 1.
- Where sources differ (herpes prophylaxis, thyroid tests, the end of monitoring), each
  source's version is its own event with its own citation; nothing is blended.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from alemtuzumab_kb.contraception import course_end, course_rule
from alemtuzumab_kb.contraception import rules_json as contraception_rules_json
from alemtuzumab_kb.dates import (
    Duration,
    add_days,
    add_duration,
    days_in_month,
    entered_date,
    format_date,
)
from alemtuzumab_kb.errors import InputError
from alemtuzumab_kb.facts import (
    UNITS,
    DataError,
    ScheduleAnchor,
    ScheduleEventRule,
    fill_rule_text,
    format_value,
    load_facts,
    load_schedule_rules,
    value_durations,
)
from alemtuzumab_kb.limits import limits_json, strip_space
from alemtuzumab_kb.washout import AppliedRule, applied_rule, wrap_line

COURSE_1 = "the first day of course 1"
COURSE_2 = "the first day of course 2"
DEFAULT_STAMP = "20260101T000000Z"
"""DTSTAMP of the calendar file unless another is given: fixed, so the file is reproducible."""
UID_DOMAIN = "alemtuzumab-ms-schedule"
PRODID = "-//Alemtuzumab in Relapsing MS//Treatment schedule//EN"
CALENDAR_NAME = "Alemtuzumab treatment and monitoring schedule"
DISCLAIMER = "For learning and for checking what the sources say; not a prescription."
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
STAMP = re.compile(r"[0-9]{8}T[0-9]{6}Z")
REPEATED_KINDS = ("test", "check")
"""The kinds of event that recur (tests, yearly checks); every other kind is a one-off."""
PROJECTED = "projected: counted from course 2 starting on its due date"


# --- The rules, compiled from data --------------------------------------------------------


@dataclass(frozen=True)
class _Anchor:
    """A course day moved by a duration: sign +1 after, -1 before, 0 the day itself."""

    anchor: str
    sign: int
    duration: Duration
    words: str = ""
    """The claim's value as the source gives it, qualifier included, for the rules table."""

    def to_json(self) -> dict[str, Any]:
        return {"anchor": self.anchor, "sign": self.sign, "duration": _duration_json(self.duration)}


@dataclass(frozen=True)
class _Rule:
    id: str
    rank: int
    shape: str
    courses: str
    anchors: dict[str, _Anchor]
    every: Duration | None
    counted_from: str | None
    kind: str
    lane: str
    title: str
    text: str
    rules: tuple[AppliedRule, ...]
    every_claim: str | None = None


@dataclass(frozen=True)
class _Compiled:
    horizon: Duration
    horizon_text: str
    interval: Duration
    interval_text: str
    infusions: dict[str, str]
    due: _Rule
    events: tuple[_Rule, ...]
    open_points: tuple[tuple[str, AppliedRule], ...]


def _duration_json(duration: Duration | None) -> dict[str, int] | None:
    return None if duration is None else {"months": duration.months, "days": duration.days}


def _duration_words(duration: Duration) -> str:
    """``2 months``, ``14 days``, ``1 month and 2 days``."""
    parts = [
        f"{number} {unit if number != 1 else unit[:-1]}"
        for number, unit in ((duration.months, "months"), (duration.days, "days"))
        if number
    ]
    return " and ".join(parts) or "0 days"


def _every_words(claim_id: str) -> str:
    """``every month``, ``every 3 months``, ``every year``, from a claim's value."""
    value = load_facts().claim(claim_id).value
    assert value is not None
    unit, number = value.quantity
    return f"every {UNITS.get(unit, unit)}" if number == 1 else f"every {number:g} {unit}"


def _anchor(anchor: ScheduleAnchor) -> _Anchor:
    if anchor.claim is None:
        return _Anchor(anchor.anchor, 0, Duration())
    value = load_facts().claim(anchor.claim).value
    assert value is not None
    duration = value_durations(value)[0]
    return _Anchor(anchor.anchor, 1 if anchor.after else -1, duration, format_value(value))


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
        text = text.replace("{every}", _every_words(rule.repeat.every))
    text = text.replace("{horizon}", _duration_words(horizon))
    left = re.findall(r"\{[a-z]+\}", text)
    if left:
        raise DataError(f"schedule.yaml: {where}: nothing fills {', '.join(left)}")
    return text


@cache
def _compiled() -> _Compiled:
    facts = load_facts()
    rules = load_schedule_rules()
    horizon_claim = facts.claim(rules.horizon[0])
    due_claim = facts.claim(rules.course_2_due.claims[0])
    assert horizon_claim.value is not None and due_claim.value is not None
    horizon = value_durations(horizon_claim.value)[0]
    interval = value_durations(due_claim.value)[0]
    due = _Rule(
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
        rules=tuple(applied_rule(facts.claim(c)) for c in rules.course_2_due.claims),
    )
    events = []
    for index, rule in enumerate(rules.events):
        every = None
        if rule.repeat is not None:
            value = facts.claim(rule.repeat.every).value
            assert value is not None
            every = value_durations(value)[0]
        events.append(
            _Rule(
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
                rules=tuple(applied_rule(facts.claim(c)) for c in rule.claims),
                every_claim=rule.repeat.every if rule.repeat else None,
            )
        )
    open_points = tuple(
        (fill_rule_text(item.text, facts.claim(item.claim), "open_points"),
         applied_rule(facts.claim(item.claim)))
        for item in rules.open_points
    )
    return _Compiled(
        horizon=horizon,
        horizon_text=_duration_words(horizon),
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


# --- The schedule ------------------------------------------------------------------------


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
            rule = next((r for r in _compiled().events if r.id == event.rule), None)
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
        f"Monitoring: {_compiled().horizon_text} after the last infusion, until "
        f"{format_date(horizon)}; nothing in the schedule comes later."
    )
    lines.append(f"{count} events, each with its source.")
    return (*lines, *notices)


def _too_early(day: dt.date) -> InputError:
    return InputError(
        "date-range",
        f"{day.isoformat()} is too early: the schedule would begin before 0001-01-01. "
        "Enter a date in or after the year 2.",
    )


def _too_late(day: dt.date) -> InputError:
    return InputError(
        "date-range",
        f"{day.isoformat()} is too far in the future: the schedule would run past 9999-12-31. "
        "Enter dates in or before the year 9990.",
    )


def _day(anchor: _Anchor, course: Course) -> dt.date:
    """The day an anchor gives for a course."""
    base = {
        "first-infusion": course.start,
        "last-infusion": course.last,
        "day-before-first-infusion": course.start,
    }[anchor.anchor]
    back = (1 if anchor.anchor == "day-before-first-infusion" else 0)
    if anchor.sign < 0:
        back += anchor.duration.days
    elif anchor.sign > 0:
        base = add_duration(base, anchor.duration)
    if back:
        if (base - dt.date.min).days < back:
            raise _too_early(course.start)
        base = add_days(base, -back)
    return base


def _times(duration: Duration, count: int) -> Duration:
    return Duration(months=duration.months * count, days=duration.days * count)


def _optional_date(value: dt.date | str | None, what: str) -> dt.date | None:
    if value is None or (isinstance(value, str) and not strip_space(value)):
        return None
    return entered_date(value, what)


def treatment_schedule(
    course1_start: dt.date | str, course2_start: dt.date | str | None = None
) -> Schedule:
    """Every dated event of a treatment with alemtuzumab, in date order, each with its source.

    Args:
        course1_start: the first infusion day of course 1, as a date or ``YYYY-MM-DD`` text.
        course2_start: the first infusion day of course 2, or None (or empty text) if it has not
            been given; the schedule then shows its due date and projects monitoring from it.

    Returns:
        A Schedule: iterate over it for the events (each with ``id``, ``start``, ``end``,
        ``title``, ``kind``, ``sources``, ``citations``, ``locators`` and ``sections``), and read
        ``horizon``, ``last_infusion``, ``course2_due``, ``open_points`` and ``summary``.

    Raises:
        ValueError: with a sentence saying what to enter, for an empty, badly written or
            impossible date, a course 2 that starts before course 1 has ended, or dates so
            early or late that the schedule would leave the years 1 to 9999.

    Examples:
        >>> schedule = treatment_schedule("2026-01-12")
        >>> schedule[0].id, schedule[0].start, schedule[0].citations
        ('vaccination-deadline-c1', datetime.date(2025, 12, 1), ('sms2025',))
        >>> schedule.course2_due, schedule.last_infusion, schedule.horizon
        (datetime.date(2027, 1, 12), datetime.date(2027, 1, 14), datetime.date(2031, 1, 14))
        >>> [(e.title, e.end) for e in schedule if e.rule.startswith("herpes") and e.course == 1]
        [('Herpes prophylaxis (Swedish guideline)', datetime.date(2026, 2, 12)), \
('Herpes prophylaxis (AHFS)', datetime.date(2026, 3, 16))]
        >>> treatment_schedule("2026-01-12", "2026-01-14")
        Traceback (most recent call last):
        ...
        alemtuzumab_kb.errors.InputError: Course 2 cannot start on 14 January 2026: the \
infusions of course 1 run until 16 January 2026. Enter a first day of course 2 after 16 January \
2026, or leave it empty if course 2 has not been given.
    """
    first = entered_date(course1_start, COURSE_1)
    second = _optional_date(course2_start, COURSE_2)
    try:
        return _schedule(first, second)
    except InputError as error:
        if error.code == "date-range" and "too far in the future" in str(error):
            raise _too_late(max(first, second or first)) from None
        raise


def _schedule(first: dt.date, second: dt.date | None) -> Schedule:
    compiled = _compiled()
    one = Course(1, first, course_end(first, 1), True)
    due = add_duration(first, compiled.interval)
    if second is not None and second <= one.last:
        raise InputError(
            "course-order",
            f"Course 2 cannot start on {format_date(second)}: the infusions of course 1 run "
            f"until {format_date(one.last)}. Enter a first day of course 2 after "
            f"{format_date(one.last)}, or leave it empty if course 2 has not been given.",
        )
    start2 = second if second is not None else due
    two = Course(2, start2, course_end(start2, 2), second is not None)
    courses = (one, two)
    given = tuple(course for course in courses if course.given)
    horizon = add_duration(two.last, compiled.horizon)
    add_days(horizon, 1)  # the calendar file's exclusive end must exist too
    one_horizon = add_duration(one.last, compiled.horizon)
    drafts: list[tuple[int, Event]] = []

    def add(rank: int, event: Event) -> None:
        drafts.append((rank, event))

    infusion = compiled.infusions
    for course in given:
        rule = course_rule(course.number)
        for day in range(rule.infusion_days):
            add(0, Event(
                id=f"infusion-c{course.number}-d{day + 1}",
                rule="infusion",
                start=add_days(course.start, day),
                end=None,
                title=infusion["title"].format(
                    course=course.number, day=day + 1, days=rule.infusion_days
                ),
                kind=infusion["kind"],
                lane=infusion["lane"],
                text=infusion["text"],
                course=course.number,
                projected=False,
                rules=rule.rules,
            ))
    if second is None:
        rule = compiled.due
        add(rule.rank, Event(
            id=rule.id, rule=rule.id, start=due, end=None, title=rule.title.format(course=2),
            kind=rule.kind, lane=rule.lane, text=rule.text, course=2, projected=False,
            rules=rule.rules,
        ))
    for rule in compiled.events:
        def event(
            ident: str, start: dt.date, end: dt.date | None, course: int | None, projected: bool,
            rule: _Rule = rule,
        ) -> Event:
            return Event(
                id=ident, rule=rule.id, start=start, end=end, title=rule.title, kind=rule.kind,
                lane=rule.lane, text=rule.text, course=course, projected=projected,
                rules=rule.rules,
            )

        if rule.shape in ("date", "range"):
            targets = {"first": (one,), "each": given, "last": (two,)}[rule.courses]
            for course in targets:
                if rule.shape == "date":
                    start, end = _day(rule.anchors["date"], course), None
                else:
                    start = _day(rule.anchors["start"], course)
                    end = _day(rule.anchors["end"], course)
                add(rule.rank, event(
                    f"{rule.id}-c{course.number}", start, end, course.number, not course.given
                ))
            continue
        assert rule.every is not None
        if rule.counted_from == "first-infusion":
            count = 1
            while (day := add_duration(first, _times(rule.every, count))) <= horizon:
                add(rule.rank, event(
                    f"{rule.id}-{count}", day, None, None, not two.given and day > one_horizon
                ))
                count += 1
            continue
        for index, course in enumerate(courses):
            following = courses[index + 1].start if index + 1 < len(courses) else None
            limit = add_duration(course.last, compiled.horizon)
            count = 1
            while (day := add_duration(course.last, _times(rule.every, count))) <= limit:
                if following is not None and day >= following:
                    break
                add(rule.rank, event(
                    f"{rule.id}-c{course.number}-{count}", day, None, course.number,
                    not course.given,
                ))
                count += 1

    order = sorted(range(len(drafts)), key=lambda i: (drafts[i][1].start, drafts[i][0], i))
    events = tuple(drafts[i][1] for i in order)
    notices = ()
    if second is not None and second < due:
        notices = (
            f"Course 2 starts before it is due ({format_date(due)}): the sources give "
            f"{compiled.interval_text} between the courses.",
        )
    return Schedule(
        courses=courses,
        course2_due=due,
        last_infusion=two.last,
        horizon=horizon,
        events=events,
        open_points=tuple(OpenPoint(text, rule) for text, rule in compiled.open_points),
        notices=notices,
    )


# --- iCalendar (RFC 5545) ----------------------------------------------------------------


def ics_escape(text: str) -> str:
    r"""Escape TEXT for iCalendar: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11).

    Examples:
        >>> ics_escape("a, b; c\\d\ne")
        'a\\, b\\; c\\\\d\\ne'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def ics_fold(line: str) -> str:
    """Fold a content line so no line is longer than 75 octets of UTF-8 (RFC 5545 3.1).

    A continuation line starts with one space, which counts; a character is never split.

    Examples:
        >>> folded = ics_fold("DESCRIPTION:" + "x" * 100)
        >>> [len(part.encode()) for part in folded.split("\\r\\n")]
        [75, 38]
    """
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _ics_date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _stamp(stamp: dt.datetime | str) -> str:
    """A DTSTAMP as ``YYYYMMDDTHHMMSSZ`` in UTC; ValueError with a sentence for anything else."""
    how = (
        "Give the stamp as a datetime or as UTC text in the form YYYYMMDDTHHMMSSZ, "
        f"e.g. {DEFAULT_STAMP}."
    )
    if isinstance(stamp, dt.datetime):
        if stamp.tzinfo is not None:
            try:
                stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
            except (OverflowError, ValueError):
                raise ValueError(
                    f"Give a stamp that falls in the years 1 to 9999 in UTC, as a datetime or as "
                    f"text in the form YYYYMMDDTHHMMSSZ; {stamp.isoformat()} does not."
                ) from None
        return (
            f"{stamp.year:04d}{stamp.month:02d}{stamp.day:02d}T"
            f"{stamp.hour:02d}{stamp.minute:02d}{stamp.second:02d}Z"
        )
    if not isinstance(stamp, str) or not STAMP.fullmatch(stamp):
        raise ValueError(how)
    year, month, day = int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])
    hour, minute, second = int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15])
    real = (
        year >= 1
        and 1 <= month <= 12
        and 1 <= day <= days_in_month(year, month)
        and hour <= 23
        and minute <= 59
        and second <= 60
    )
    if not real:
        raise ValueError(
            f"Give the stamp as a real UTC time in the form YYYYMMDDTHHMMSSZ, e.g. "
            f"{DEFAULT_STAMP}; {stamp} is not one."
        )
    return stamp


def _plain(text: str) -> str:
    """Text without the asterisks that mark italics in the data."""
    return text.replace("*", "")


def ics_choices() -> dict[str, str]:
    """What the calendar file can hold, by the name `schedule_ics` takes: every event, the
    one-off events, or one source's events (by source id, for the sources the schedule cites).

    Examples:
        >>> list(ics_choices())[:3]
        ['all', 'one-off', 'sms']
    """
    choices = {
        "all": "Every event",
        "one-off": "One-off events only: infusions, medication, precautions and deadlines",
    }
    for source, name in _schedule_sources().items():
        choices[source] = f"{name} only"
    return choices


@cache
def _schedule_sources() -> dict[str, str]:
    """The sources the schedule's rules cite, in the order of data/sources.yaml: id -> name."""
    compiled = _compiled()
    cited = {r.source for rule in (compiled.due, *compiled.events) for r in rule.rules}
    cited |= {r.source for n in (1, 2) for r in course_rule(n).rules}
    return {s.id: s.short for s in load_facts().sources if s.id in cited}


def _chosen(event: Event, include: str) -> bool:
    if include == "all":
        return True
    if include == "one-off":
        return event.kind not in REPEATED_KINDS
    return any(rule.source == include for rule in event.rules)


def calendar_days(
    schedule: Schedule, include: str = "all"
) -> list[tuple[dt.date, list[tuple[Event, bool]]]]:
    """The days of the calendar file, in date order, each with what happens on it: an event that
    starts that day (``False``) or a period that ends that day (``True``), in the schedule's
    order, the ends after the starts."""
    if include not in ics_choices():
        raise ValueError(
            f"Choose what the calendar holds: {', '.join(repr(c) for c in ics_choices())}; "
            f"{include!r} is not one of them."
        )
    marks = []
    for index, event in enumerate(schedule.events):
        if not _chosen(event, include):
            continue
        marks.append((event.start, 0, index, event, False))
        if event.end is not None and event.end != event.start:
            marks.append((event.end, 1, index, event, True))
    days: dict[dt.date, list[tuple[Event, bool]]] = {}
    for day, _, _, event, ends in sorted(marks, key=lambda mark: mark[:3]):
        days.setdefault(day, []).append((event, ends))
    return list(days.items())


def _item_text(event: Event, ends: bool) -> str:
    """One thing that happens on a day, with its sources, for the day's description."""
    projected = f" ({PROJECTED})" if event.projected else ""
    if ends:
        head = f"Last day: {event.title}{projected}, {event.when}."
    elif event.end is not None:
        head = f"{event.title}{projected}, {event.when}: {_plain(event.text)}"
    else:
        head = f"{event.title}{projected}: {_plain(event.text)}"
    sources = "; ".join(
        dict.fromkeys(f"{r.source_name}, {_plain(r.locator)} [{r.citation}]" for r in event.rules)
    )
    return f"{head}\nSources: {sources}."


def _item_title(event: Event, ends: bool) -> str:
    return f"Last day: {event.title}" if ends else event.title


def calendar_text(
    schedule: Schedule, stamp: dt.datetime | str = DEFAULT_STAMP, include: str = "all"
) -> str:
    """A schedule as iCalendar text (RFC 5545), one all-day VEVENT a day, CRLF line ends.

    Each day's event is titled after its first item ("... and 2 more") and describes every item
    with its sources; `include` chooses the items (see `ics_choices`).
    """
    when = _stamp(stamp)
    days = calendar_days(schedule, include)
    first = schedule.courses[0].start
    what = ics_choices()[include]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(CALENDAR_NAME)}",
        "X-WR-CALDESC:"
        + ics_escape(f"Course 1 from {format_date(first)}. {what}, one calendar event a day. "
                     f"{DISCLAIMER}"),
    ]
    for day, items in days:
        more = f" and {len(items) - 1} more" if len(items) > 1 else ""
        description = "\n\n".join(_item_text(*item) for item in items)
        kinds = dict.fromkeys(KINDS[event.kind][0] for event, _ in items)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{include}-{_ics_date(day)}@{UID_DOMAIN}",
            f"DTSTAMP:{when}",
            f"DTSTART;VALUE=DATE:{_ics_date(day)}",
            f"DTEND;VALUE=DATE:{_ics_date(add_days(day, 1))}",
            f"SUMMARY:{ics_escape(_item_title(*items[0]) + more)}",
            f"DESCRIPTION:{ics_escape(description)}",
            f"CATEGORIES:{','.join(ics_escape(kind) for kind in kinds)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


def schedule_ics(
    course1_start: dt.date | str,
    course2_start: dt.date | str | None = None,
    *,
    stamp: dt.datetime | str = DEFAULT_STAMP,
    include: str = "all",
) -> str:
    """The schedule of `treatment_schedule` as an iCalendar file (RFC 5545), as text.

    One all-day VEVENT a day (``DTSTART;VALUE=DATE``, with the exclusive ``DTEND`` the next day):
    its title names the day's first item and how many more there are, its description lists
    every item with its text and sources (a period shows on its first and on its last day). The
    UID is the choice and the day, so that re-importing an updated schedule updates the days
    instead of doubling them. Repeated tests are written out day by day: no RRULE, whose
    month-end rule differs from the clamping used here.

    Args:
        course1_start: the first infusion day of course 1.
        course2_start: the first infusion day of course 2, or None if not given.
        stamp: the DTSTAMP of every event, a datetime (UTC, or naive taken as UTC) or text
            ``YYYYMMDDTHHMMSSZ``; fixed by default so the same input gives the same file.
        include: ``"all"`` (every event), ``"one-off"`` (no repeated tests or yearly checks) or
            a source id (``"sms"``): see `ics_choices`.

    Returns:
        The calendar as text with CRLF line ends and lines folded at 75 octets.

    Raises:
        ValueError: as `treatment_schedule`, or for a stamp in another form or an unknown
            choice.

    Examples:
        >>> text = schedule_ics("2026-01-12")
        >>> text.splitlines()[:3]
        ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Alemtuzumab in Relapsing MS//Treatment \
schedule//EN']
        >>> days = {e.start for e in treatment_schedule("2026-01-12")} | {
        ...     e.end for e in treatment_schedule("2026-01-12") if e.end}
        >>> text.count("BEGIN:VEVENT") == len(days)
        True
    """
    when = _stamp(stamp)
    return calendar_text(treatment_schedule(course1_start, course2_start), when, include)


# --- For the browser and the book ---------------------------------------------------------


def _rule_json(rule: _Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "rank": rule.rank,
        "shape": rule.shape,
        "courses": rule.courses,
        "anchors": {name: anchor.to_json() for name, anchor in rule.anchors.items()},
        "every": _duration_json(rule.every),
        "counted_from": rule.counted_from,
        "kind": rule.kind,
        "lane": rule.lane,
        "title": rule.title,
        "text": rule.text,
        "rules": [r.to_json(statement=False) for r in rule.rules],
    }


def lanes() -> list[str]:
    """The chart's rows, top to bottom, in the order of the rules."""
    compiled = _compiled()
    names = [compiled.infusions["lane"], compiled.due.lane, *(r.lane for r in compiled.events)]
    return list(dict.fromkeys(names))


@cache
def chart_spec() -> dict[str, Any]:
    """The timeline chart as a Vega-Lite spec, built with Altair; the browser fills its data.

    The data is named ``events``; each row has ``lane``, ``kind``, ``title``, ``when``, ``start``
    and, for a period, ``end`` (the day after its last day) and ``range: true``. Dates are read
    and drawn in UTC, so no time zone moves a day.
    """
    import altair as alt

    labels = [label for label, _ in KINDS.values()]
    colours = [colour for _, colour in KINDS.values()]
    x = alt.X(
        "start:T",
        title=None,
        scale=alt.Scale(type="utc"),
        axis=alt.Axis(format="%Y", tickCount="year", grid=True),
    )
    base = alt.Chart(alt.Data(name="events")).encode(
        y=alt.Y("lane:N", title=None, sort=lanes()),
        color=alt.Color(
            "kind_label:N", title=None, scale=alt.Scale(domain=labels, range=colours)
        ),
        tooltip=[alt.Tooltip("title:N", title="Event"), alt.Tooltip("when:N", title="When")],
    )
    bars = base.mark_bar(height=10).encode(x=x, x2="end:T").transform_filter("datum.range")
    ticks = base.mark_tick(thickness=2, size=14).encode(x=x).transform_filter("!datum.range")
    chart = alt.layer(bars, ticks).properties(
        width="container",
        height=alt.Step(20),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
    # Label widths and legend columns live in the config, where the browser narrows them on a
    # small screen (widgets/alemtuzumab_kb/ui/js/schedule_view.js).
    return (
        chart.configure_view(stroke=None)
        .configure_axisY(labelLimit=220)
        .configure_legend(orient="bottom", columns=2, labelLimit=220)
        .to_dict()
    )


@cache
def rules_json() -> dict[str, Any]:
    """Everything the browser needs, as plain JSON: no clinical number is written in JavaScript.

    Returns:
        The course structure (from `alemtuzumab_kb.contraception`), the interval between courses and
        the monitoring window as durations, every rule with its anchors, texts and citations,
        the open points, the kinds with their colours, the chart's rows and Vega-Lite spec, and
        the fixed parts of the calendar file.
    """
    compiled = _compiled()
    return {
        "limits": limits_json(),
        # Courses 1 and 2 (the schedule has no third).
        "courses": {
            group: rule for group, rule in contraception_rules_json()["courses"].items()
            if group in ("first", "second")
        },
        "infusions": compiled.infusions,
        "due": {
            **_rule_json(compiled.due),
            "interval": _duration_json(compiled.interval),
            "interval_text": compiled.interval_text,
        },
        "horizon": _duration_json(compiled.horizon),
        "horizon_text": compiled.horizon_text,
        "events": [_rule_json(rule) for rule in compiled.events],
        "open_points": [
            {"text": text, "rule": rule.to_json(statement=False)}
            for text, rule in compiled.open_points
        ],
        "kinds": [
            {"id": kind, "label": label, "colour": colour}
            for kind, (label, colour) in KINDS.items()
        ],
        "lanes": lanes(),
        "chart": chart_spec(),
        "repeated_kinds": list(REPEATED_KINDS),
        "ics": {
            "choices": [{"id": key, "label": label} for key, label in ics_choices().items()],
            "sources": {
                source: load_facts().source(source).citation for source in _schedule_sources()
            },
            "projected": PROJECTED,
            "prodid": PRODID,
            "name": CALENDAR_NAME,
            "disclaimer": DISCLAIMER,
            "uid_domain": UID_DOMAIN,
            "default_stamp": DEFAULT_STAMP,
        },
    }


def _source_cell(rule: AppliedRule) -> str:
    link = f"{{ref}}`{rule.source_name} <{rule.section}>`"
    return f"{link}, {rule.locator} {{cite:p}}`{rule.citation}`"


ANCHOR_WORDS = {
    "first-infusion": "first infusion day",
    "last-infusion": "last infusion",
    "day-before-first-infusion": "day before the first infusion day",
}
COURSE_WORDS = {
    "first": "course 1",
    "each": "each course",
    "last": "the last course",
}


def _anchor_words(anchor: _Anchor, courses: str) -> str:
    day = f"the {ANCHOR_WORDS[anchor.anchor]} of {COURSE_WORDS[courses]}"
    if anchor.sign == 0:
        return day
    word = "after" if anchor.sign > 0 else "before"
    return f"{anchor.words} {word} {day}"


def _source_cells(rules: tuple[AppliedRule, ...]) -> str:
    return "<br>".join(dict.fromkeys(_source_cell(rule) for rule in rules))


def rules_markdown() -> str:
    """The rules as a MyST table: each event, how its date is counted, its text and its source."""
    compiled = _compiled()
    rows = [
        "| Event | Date, as counted here | What the source says | Source |",
        "|---|---|---|---|",
    ]
    course = course_rule(1)
    later = course_rule(2)
    rows.append(
        f"| Infusion days | {course.infusion_days} consecutive days from the first day of "
        f"course 1; {later.infusion_days} from the first day of course 2 | "
        f"{compiled.infusions['text']} | {_source_cells(course.rules)} |"
    )
    due = compiled.due
    rows.append(
        f"| {due.title.format(course=2)} | {compiled.interval_text} after the first "
        f"day of course 1 (shown when course 2 is not entered) | {due.text} | "
        f"{_source_cells(due.rules)} |"
    )
    for rule in compiled.events:
        if rule.shape == "date":
            when = _anchor_words(rule.anchors["date"], rule.courses)
        elif rule.shape == "range":
            when = (
                f"from {_anchor_words(rule.anchors['start'], rule.courses)} to "
                f"{_anchor_words(rule.anchors['end'], rule.courses)}"
            )
        else:
            assert rule.every is not None
            start = (
                "the first day of course 1"
                if rule.counted_from == "first-infusion"
                else "the last infusion of each course, until the next course starts"
            )
            assert rule.every_claim is not None
            when = (
                f"{_every_words(rule.every_claim)} from {start}, up to "
                f"{compiled.horizon_text} after the last infusion"
            )
        text = rule.text.replace("|", "\\|")
        rows.append(
            f"| {rule.title} | {when} | {text} | {_source_cells(rule.rules)} |"
        )
    return "\n".join(rows)


def open_points_markdown() -> str:
    """What the sources leave without a date, as a MyST list with citations."""
    return "\n".join(f"- {text} {_source_cell(rule)}" for text, rule in _compiled().open_points)

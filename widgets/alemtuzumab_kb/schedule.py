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

This module dates the events and gives the browser its rules. It stands on
`alemtuzumab_kb.schedule_rules` (the rules compiled from data), `alemtuzumab_kb.schedule_events`
(what a schedule is made of) and `alemtuzumab_kb.schedule_calendar` (the calendar file); the
words of the page around the calculator are `alemtuzumab_kb.pages.schedule`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from alemtuzumab_kb.contraception import course_end, course_rule
from alemtuzumab_kb.contraception import rules_json as contraception_rules_json
from alemtuzumab_kb.dates import (
    Duration,
    add_days,
    add_duration,
    duration_json,
    entered_date,
    format_date,
)
from alemtuzumab_kb.errors import InputError
from alemtuzumab_kb.facts import fill_placeholders, load_facts
from alemtuzumab_kb.limits import limits_json, strip_space
from alemtuzumab_kb.schedule_calendar import (
    CALENDAR_NAME,
    DEFAULT_STAMP,
    DISCLAIMER,
    PRODID,
    PROJECTED,
    REPEATED_KINDS,
    UID_DOMAIN,
    calendar_stamp,
    calendar_text,
    ics_choices,
    schedule_sources,
)
from alemtuzumab_kb.schedule_events import Course, Event, OpenPoint, Schedule
from alemtuzumab_kb.schedule_rules import KINDS, Anchor, Rule, compiled_rules

COURSE_1 = "the first day of course 1"
COURSE_2 = "the first day of course 2"


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


def _day(anchor: Anchor, course: Course) -> dt.date:
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
    compiled = compiled_rules()
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
                title=fill_placeholders(
                    infusion["title"], course=course.number, day=day + 1, days=rule.infusion_days
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
            id=rule.id, rule=rule.id, start=due, end=None,
            title=fill_placeholders(rule.title, course=2),
            kind=rule.kind, lane=rule.lane, text=rule.text, course=2, projected=False,
            rules=rule.rules,
        ))
    for rule in compiled.events:
        def event(
            ident: str, start: dt.date, end: dt.date | None, course: int | None, projected: bool,
            rule: Rule = rule,
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
    when = calendar_stamp(stamp)
    return calendar_text(treatment_schedule(course1_start, course2_start), when, include)


# --- For the browser: the rules and the chart ---------------------------------------------


def _rule_json(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "rank": rule.rank,
        "shape": rule.shape,
        "courses": rule.courses,
        "anchors": {name: anchor.to_json() for name, anchor in rule.anchors.items()},
        "every": duration_json(rule.every),
        "counted_from": rule.counted_from,
        "kind": rule.kind,
        "lane": rule.lane,
        "title": rule.title,
        "text": rule.text,
        "rules": [r.to_json(statement=False) for r in rule.rules],
    }


def lanes() -> list[str]:
    """The chart's rows, top to bottom, in the order of the rules."""
    compiled = compiled_rules()
    names = [compiled.infusions["lane"], compiled.due.lane, *(r.lane for r in compiled.events)]
    return list(dict.fromkeys(names))


ROW_HEIGHT = 20
"""The height of one row of the timeline chart, in pixels."""
AXIS_HEIGHT = 43
LEGEND_ROW_HEIGHT = 13
"""The rest of the chart's height, as Vega draws it (measured in Chromium with the vendored
vega 6): the years' axis and the padding, and each row of the legend. The browser reserves
rows, axis and legend before the chart is drawn, so drawing it moves nothing below it; a
browser test checks the drawn chart is as tall as the room kept for it."""


@cache
def chart_spec() -> dict[str, Any]:
    """The timeline chart as a Vega-Lite spec, built with Altair; the browser fills its data.

    The data is named ``events``; each row has ``lane``, ``kind``, ``title``, ``when``, ``start``
    and, for a period, ``end`` (the day after its last day) and ``range: true``; ``overdue:
    true`` rings an event that has passed before its course (`alemtuzumab_kb.schedule_today`).
    Dates are read and drawn in UTC, so no time zone moves a day.

    The height is a number, one `ROW_HEIGHT` per row (``usermeta.row_height``; the browser
    counts the rows the data fills): a height given as a step per row would make Vega-Lite warn
    on every drawing that it drops "fit-y", since the chart fits its container's width.
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
    # A ring around the first day of what is overdue, in the colour of the text around the
    # chart (the CSS of widgets/alemtuzumab_kb/ui/schedule.py gives the marks named "overdue"
    # the page's error colour); not a colour of the kinds, so the legend stays as it is.
    rings = (
        base.mark_point(shape="circle", filled=False, size=260, strokeWidth=2.5)
        .encode(x=x, color=alt.value("currentColor"))
        .transform_filter("datum.overdue")
        .properties(name="overdue")
    )
    chart = alt.layer(bars, ticks, rings).properties(
        width="container",
        height=ROW_HEIGHT * len(lanes()),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        usermeta={
            "row_height": ROW_HEIGHT,
            "axis_height": AXIS_HEIGHT,
            "legend_row_height": LEGEND_ROW_HEIGHT,
        },
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
    compiled = compiled_rules()
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
            "interval": duration_json(compiled.interval),
            "interval_text": compiled.interval_text,
        },
        "horizon": duration_json(compiled.horizon),
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
                source: load_facts().source(source).citation for source in schedule_sources()
            },
            "projected": PROJECTED,
            "prodid": PRODID,
            "name": CALENDAR_NAME,
            "disclaimer": DISCLAIMER,
            "uid_domain": UID_DOMAIN,
            "default_stamp": DEFAULT_STAMP,
        },
    }

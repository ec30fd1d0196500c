"""A schedule read on a given day: what has passed that a course not yet begun still waits for,
and which events the calculator's table shows from that day on.

An event is **overdue** on a day when it belongs to a course that has not begun (the course's
first infusion day is after that day), it comes before that course (its first day is before
the course's first infusion day: vaccinations, the premedication that starts the evening before,
the listeria diet), and its first day is before that day. Nothing else that lies in the past is
overdue: a test after a course that has begun is history, not a task.

The sources say what should be done before a course, never what follows when it was not: so an
overdue event says that its date has passed and when its course starts, and no more.

The table's view from today shows every overdue event first, whatever kinds of event the reader
chose, then the next `NEXT_ROWS` events still to come or still running; asked for all, it shows
the overdue first and then every event in date order. The browser twin is
widgets/alemtuzumab_kb/ui/js/schedule_today.js; both pass the ``today`` vectors of
tests/vectors/schedule.json.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from alemtuzumab_kb.dates import format_date
from alemtuzumab_kb.schedule_calendar import REPEATED_KINDS
from alemtuzumab_kb.schedule_events import Event, Schedule

NEXT_ROWS = 8
"""How many events still to come the table shows from today, until the reader asks for all."""
Show = Literal["all", "once", "repeated"]
SHOW: dict[str, str] = {
    "all": "every event",
    "once": "treatment, precautions and deadlines",
    "repeated": "tests and yearly checks",
}
"""The kinds of event the table can be narrowed to, with the words of the view's choice."""


def overdue(schedule: Schedule, today: dt.date) -> tuple[Event, ...]:
    """The events due before a course that has not begun by `today` whose (first) day has
    passed, in date order.

    Examples:
        >>> from alemtuzumab_kb.schedule import treatment_schedule
        >>> schedule = treatment_schedule("2027-01-11")
        >>> [e.id for e in overdue(schedule, dt.date(2026, 12, 5))]
        ['vaccination-deadline-c1']
        >>> overdue(schedule, dt.date(2027, 1, 11))  # course 1 begins that day
        ()
    """
    found = []
    for event in schedule:
        if event.course is None:
            continue
        course = schedule.courses[event.course - 1]
        if today < course.start and event.start < course.start and event.start < today:
            found.append(event)
    return tuple(found)


def passed_text(schedule: Schedule, event: Event) -> str:
    """What an overdue event's row says, without a capital or a full stop: its date has passed,
    and when its course starts (the sources give no consequence, so none is given)."""
    course = schedule.courses[event.course - 1] if event.course else schedule.courses[0]
    what = "this date has passed" if event.end is None else "its first day has passed"
    return f"{what}, and course {course.number} starts on {format_date(course.start)}"


def overdue_lines(schedule: Schedule, today: dt.date) -> tuple[str, ...]:
    """One sentence per overdue event, for the calculator's summary (after its headline).

    Examples:
        >>> from alemtuzumab_kb.schedule import treatment_schedule
        >>> overdue_lines(treatment_schedule("2027-01-11"), dt.date(2026, 12, 5))[0]
        'Overdue: Last day to complete vaccinations (Swedish guideline), 30 November 2026: this \
date has passed, and course 1 starts on 11 January 2027.'
    """
    return tuple(
        f"Overdue: {event.title}, {event.when}: {passed_text(schedule, event)}."
        for event in overdue(schedule, today)
    )


@dataclass(frozen=True)
class TableView:
    """The rows the table shows (overdue first) and the line above it.

    Attributes:
        rows: the events shown, in the order shown.
        overdue: the overdue events (the first rows).
        total: how many events the chosen kinds hold, with the overdue.
        title: the line above the table.
    """

    rows: tuple[Event, ...]
    overdue: tuple[Event, ...]
    total: int
    title: str

    @property
    def complete(self) -> bool:
        """True when every event of the chosen kinds is shown."""
        return len(self.rows) == self.total


def _events(number: int) -> str:
    return f"{number} overdue event" + ("" if number == 1 else "s")


def table_view(
    schedule: Schedule, today: dt.date, show: Show = "all", show_all: bool = False
) -> TableView:
    """The table's rows on `today`: the overdue first, then the next events (or all of them).

    Args:
        schedule: from `alemtuzumab_kb.schedule.treatment_schedule`.
        today: the reader's day.
        show: ``"all"``, ``"once"`` (no repeated tests or yearly checks) or ``"repeated"``
            (only those); an overdue event is shown whatever is chosen.
        show_all: every event of the chosen kinds, rather than the next `NEXT_ROWS`.

    Examples:
        >>> from alemtuzumab_kb.schedule import treatment_schedule
        >>> view = table_view(treatment_schedule("2027-01-11"), dt.date(2026, 12, 5))
        >>> [e.id for e in view.rows][:3]
        ['vaccination-deadline-c1', 'listeria-sms-c1', 'premedication-evening-sms-c1']
        >>> view.title
        '1 overdue event, then the next 8 of 231 events, from today, 5 December 2026'
    """
    if show not in SHOW:
        raise ValueError(f"Choose which events to show: one of {', '.join(SHOW)}.")
    late = overdue(schedule, today)
    rest = tuple(
        event
        for event in schedule
        if event not in late
        and (show == "all" or (event.kind in REPEATED_KINDS) == (show == "repeated"))
    )
    total = len(late) + len(rest)
    when = format_date(today)
    if show_all:
        title = f"All {total} events" + (", the overdue first" if late else "")
        return TableView(late + rest, late, total, title)
    coming = tuple(event for event in rest if (event.end or event.start) >= today)
    following = coming[:NEXT_ROWS]
    if late and following:
        title = (
            f"{_events(len(late))}, then the next {len(following)} of {total} events, from "
            f"today, {when}"
        )
    elif late:
        title = f"{_events(len(late))}; every other event is before today, {when}"
    elif not coming:
        title = f"Every one of the {total} events is before today, {when}"
    elif len(coming) == len(rest):
        title = f"The first {len(following)} of {total} events"
    else:
        title = f"The next {len(following)} of {total} events, from today, {when}"
    return TableView(late + following, late, total, title)

"""The schedule as an iCalendar file (RFC 5545): one all-day event a day, listing that day's
events with their sources. The browser writes the same file, byte for byte
(widgets/alemtuzumab_kb/ui/js/schedule.js), from the fixed parts `rules_json()` gives it;
`alemtuzumab_kb.schedule.schedule_ics` is the way in from dates.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from alemtuzumab_kb.contraception import course_rule
from alemtuzumab_kb.dates import add_days, days_in_month, format_date
from alemtuzumab_kb.errors import InputError, excerpt
from alemtuzumab_kb.facts import load_facts
from alemtuzumab_kb.schedule_events import Event, Schedule
from alemtuzumab_kb.schedule_rules import KINDS, compiled_rules

DEFAULT_STAMP = "20260101T000000Z"
"""DTSTAMP of the calendar file unless another is given: fixed, so the file is reproducible."""
UID_DOMAIN = "alemtuzumab-ms-schedule"
PRODID = "-//Alemtuzumab in Relapsing MS//Treatment schedule//EN"
CALENDAR_NAME = "Alemtuzumab treatment and monitoring schedule"
DISCLAIMER = "For learning and for checking what the sources say; not a prescription."
STAMP = re.compile(r"[0-9]{8}T[0-9]{6}Z")
REPEATED_KINDS = ("test", "check")
"""The kinds of event that recur (tests, yearly checks); every other kind is a one-off."""
PROJECTED = "projected: counted from course 2 starting on its due date"


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


def calendar_stamp(stamp: dt.datetime | str) -> str:
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
    for source, name in schedule_sources().items():
        choices[source] = f"{name} only"
    return choices


@cache
def schedule_sources() -> dict[str, str]:
    """The sources the schedule's rules cite, in the order of data/sources.yaml: id -> name."""
    compiled = compiled_rules()
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
    if not isinstance(include, str) or include not in ics_choices():
        given = excerpt(include) if isinstance(include, str) else f"a {type(include).__name__}"
        raise InputError(
            "include",
            f"Choose what the calendar holds: {', '.join(repr(c) for c in ics_choices())}; "
            f"{given} is not one of them.",
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
    when = calendar_stamp(stamp)
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

"""Calendar arithmetic: months that clamp at month end, whole days, a date in words.

Pure arithmetic on ``datetime.date``, part of the ground floor: it reads no data and imports
nothing of ours but the error type. `alemtuzumab_kb.dates` adds the reading of the dates a reader
types and is where callers import both from; the browser twin of both is
`widgets/alemtuzumab_kb/ui/js/dates.js`, and both pass the vectors in `tests/vectors/dates.json`.

Semantics:

- Adding calendar months keeps the day of the month, or the month's last day when the target month
  is shorter: 31 October + 4 months = 28 February (29 February in a leap year).
- Years run from 1 to 9999, as Python's ``datetime.date`` allows; a result past 9999-12-31 is an
  error, not an overflow.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from alemtuzumab_kb.errors import InputError

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Duration:
    """A length of time as calendar months plus days (years are 12 months, weeks 7 days)."""

    months: int = 0
    days: int = 0


def duration_json(duration: Duration | None) -> dict[str, int] | None:
    """A duration for the browser: ``{"months": 2, "days": 0}`` (None stays None)."""
    return None if duration is None else {"months": duration.months, "days": duration.days}


def duration_words(duration: Duration) -> str:
    """``2 months``, ``14 days``, ``1 month and 2 days``."""
    parts = [
        f"{number} {unit if number != 1 else unit[:-1]}"
        for number, unit in ((duration.months, "months"), (duration.days, "days"))
        if number
    ]
    return " and ".join(parts) or "0 days"


def days_in_month(year: int, month: int) -> int:
    """Number of days in `month` (1-12) of `year` (Gregorian calendar)."""
    if isinstance(year, bool) or not isinstance(year, int) or not isinstance(month, int):
        raise ValueError("Give the year and the month as whole numbers.")
    if not 1 <= month <= 12:
        raise ValueError(f"There is no month {month}: give a month from 1 to 12.")
    return calendar.monthrange(year, month)[1]


def as_date(day: object) -> dt.date:
    """`day` if it is a date (a datetime counts as its date); ValueError otherwise."""
    if isinstance(day, dt.datetime):
        return day.date()
    if not isinstance(day, dt.date):
        raise ValueError(f"Give a date (datetime.date), not {type(day).__name__}.")
    return day


def _too_late(start: dt.date) -> InputError:
    return InputError(
        "date-range",
        f"{start.isoformat()} is too far in the future: the result would fall after 9999-12-31. "
        "Enter a date in or before the year 9990."
    )


def add_months(start: dt.date, months: int) -> dt.date:
    """Add calendar months, clamping the day to the end of a shorter month.

    Args:
        start: the date to count from.
        months: whole calendar months to add (0 or more).

    Returns:
        The same day of the month `months` later, or that month's last day if it is shorter.

    Raises:
        ValueError: if the result would fall after 9999-12-31.

    Examples:
        >>> add_months(dt.date(2026, 10, 31), 4)
        datetime.date(2027, 2, 28)
        >>> add_months(dt.date(2027, 10, 31), 4)
        datetime.date(2028, 2, 29)
    """
    start = as_date(start)
    if isinstance(months, bool) or not isinstance(months, int) or months < 0:
        raise ValueError("Give add_months a whole number of months, 0 or more.")
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    if year > dt.MAXYEAR:
        raise _too_late(start)
    return dt.date(year, month0 + 1, min(start.day, days_in_month(year, month0 + 1)))


def add_days(start: dt.date, days: int) -> dt.date:
    """Add whole days; raises ValueError (not OverflowError) past 9999-12-31.

    Examples:
        >>> add_days(dt.date(2028, 2, 27), 4)
        datetime.date(2028, 3, 2)
    """
    start = as_date(start)
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValueError("Give add_days a whole number of days.")
    try:
        return start + dt.timedelta(days=days)
    except OverflowError:
        if days < 0:
            raise InputError(
                "date-range",
                f"Counting back from {start.isoformat()} would fall before 0001-01-01.",
            ) from None
        raise _too_late(start) from None


def format_date(day: dt.date) -> str:
    """A date as a reader writes it in English, with no locale involved: ``3 March 2027``."""
    day = as_date(day)
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def add_duration(start: dt.date, duration: Duration) -> dt.date:
    """Add a duration: its calendar months first (clamped at month end), then its days.

    Examples:
        >>> add_duration(dt.date(2026, 1, 31), Duration(months=2))
        datetime.date(2026, 3, 31)
    """
    if not isinstance(duration, Duration):
        raise ValueError(f"Give a Duration, not {type(duration).__name__}.")
    return add_days(add_months(start, duration.months), duration.days)

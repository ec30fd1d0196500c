"""Dates as a reader enters them, and the calendar arithmetic the calculators count with.

The browser twin is `widgets/alemtuzumab_kb/ui/js/dates.js`; both pass the vectors in
`tests/vectors/dates.json`. The arithmetic itself (`add_months`, `add_days`, `add_duration`,
`format_date`, `days_in_month`, `Duration`) is `alemtuzumab_kb.calendar_arithmetic`, on the
ground floor, so that `alemtuzumab_kb.limits` can write a date too; this module adds the reading
of typed dates, which needs the limits, and is where callers import both from.

Semantics:

- A date is written ``YYYY-MM-DD`` and nothing else; 2026-02-30 is an error whose message says why.
  Space around it is ignored and control or invisible characters are refused, as
  `alemtuzumab_kb.limits` defines them for Python and the browser alike.
- A date a reader enters lies inside the window of dates in data/limits.json.
- Adding calendar months keeps the day of the month, or the month's last day when the target month
  is shorter: 31 October + 4 months = 28 February (29 February in a leap year).
- Years run from 1 to 9999, as Python's ``datetime.date`` allows; a result past 9999-12-31 is an
  error, not an overflow.
"""

from __future__ import annotations

import datetime as dt
import re

from alemtuzumab_kb.calendar_arithmetic import (
    MONTH_NAMES,
    Duration,
    add_days,
    add_duration,
    add_months,
    days_in_month,
    duration_json,
    duration_words,
    format_date,
)
from alemtuzumab_kb.errors import InputError, cut
from alemtuzumab_kb.limits import check_window, clean_text

__all__ = [
    "EXAMPLE",
    "ISO_DATE",
    "MONTH_NAMES",
    "Duration",
    "InputError",
    "add_days",
    "add_duration",
    "add_months",
    "days_in_month",
    "duration_json",
    "duration_words",
    "entered_date",
    "format_date",
    "parse_date",
]

ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
EXAMPLE = "2026-01-31"


def parse_date(value: dt.date | str, what: str = "the date") -> dt.date:
    """Read a date given as a ``datetime.date`` or as strict ``YYYY-MM-DD`` text.

    Args:
        value: a date, or text such as ``"2026-01-31"`` (surrounding space is ignored).
        what: how the error message names the field, e.g. ``"the date of the last dose"``.

    Returns:
        The date (a ``datetime.datetime`` is reduced to its date).

    Raises:
        ValueError: with a sentence saying what to enter, for empty text, another format
            (``31/01/2026``, ``2026-1-31``) or a date that does not exist (``2026-02-30``).

    Examples:
        >>> parse_date("2028-02-29")
        datetime.date(2028, 2, 29)
        >>> parse_date("2026-02-30")
        Traceback (most recent call last):
        ...
        alemtuzumab_kb.errors.InputError: 2026-02-30 is not a real date: February 2026 has 28 days. Enter the date as a real calendar date in the form YYYY-MM-DD, e.g. 2026-01-31.
    """  # noqa: E501
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(
            "date-format",
            f"Enter {what} as a date or as text in the form YYYY-MM-DD, e.g. {EXAMPLE}; "
            f"got {type(value).__name__}."
        )
    text = clean_text(value, what)
    if not text:
        raise InputError("empty-date", f"Enter {what} in the form YYYY-MM-DD, e.g. {EXAMPLE}.")
    match = ISO_DATE.fullmatch(text)
    if not match:
        raise InputError(
            "date-format",
            f"'{cut(text)}' is not a date in the form YYYY-MM-DD: enter {what} with a four-digit "
            f"year, a two-digit month and a two-digit day, e.g. {EXAMPLE}."
        )
    year, month, day = (int(part) for part in match.groups())
    fix = f"Enter {what} as a real calendar date in the form YYYY-MM-DD, e.g. {EXAMPLE}."
    if year < 1:
        raise InputError("impossible-date", f"{text} is not a real date: there is no year 0. {fix}")
    if not 1 <= month <= 12:
        raise InputError(
            "impossible-date", f"{text} is not a real date: there is no month {month}. {fix}"
        )
    length = days_in_month(year, month)
    if not 1 <= day <= length:
        raise InputError(
            "impossible-date",
            f"{text} is not a real date: {MONTH_NAMES[month - 1]} {year} has {length} days. {fix}"
        )
    return dt.date(year, month, day)


def entered_date(value: dt.date | str, what: str) -> dt.date:
    """A date a reader enters: `parse_date`, then inside the window of data/limits.json.

    The window keeps every result a real date and every schedule short; a date outside it gets a
    sentence that states the window.

    Examples:
        >>> entered_date("2026-01-31", "the date of the last dose")
        datetime.date(2026, 1, 31)
    """
    return check_window(parse_date(value, what), what)

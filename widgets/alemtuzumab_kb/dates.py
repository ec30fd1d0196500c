"""Calendar arithmetic shared by the calculators: strict ISO dates, months that clamp at month end.

The browser twin is `widgets/alemtuzumab_kb/ui/js/dates.js`; both pass the vectors in
`tests/vectors/dates.json`.

Semantics:

- A date is written ``YYYY-MM-DD`` and nothing else; 2026-02-30 is an error whose message says why.
  Space around it is ignored and control or invisible characters are refused, as
  `alemtuzumab_kb.limits` defines them for Python and the browser alike.
- Adding calendar months keeps the day of the month, or the month's last day when the target month
  is shorter: 31 October + 4 months = 28 February (29 February in a leap year).
- Years run from 1 to 9999, as Python's ``datetime.date`` allows; a result past 9999-12-31 is an
  error, not an overflow.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
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
EXAMPLE = "2026-01-31"


class InputError(ValueError):
    """Input a reader can correct; the message is a sentence saying what to enter.

    `code` names the kind of problem (``"empty-date"``, ``"date-format"``, ``"impossible-date"``,
    ``"date-range"``, ...) so that tests can compare Python and browser results.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Duration:
    """A length of time as calendar months plus days (years are 12 months, weeks 7 days)."""

    months: int = 0
    days: int = 0


def days_in_month(year: int, month: int) -> int:
    """Number of days in `month` (1-12) of `year` (Gregorian calendar)."""
    if isinstance(year, bool) or not isinstance(year, int) or not isinstance(month, int):
        raise ValueError("Give the year and the month as whole numbers.")
    if not 1 <= month <= 12:
        raise ValueError(f"There is no month {month}: give a month from 1 to 12.")
    return calendar.monthrange(year, month)[1]


def _date(day: object) -> dt.date:
    """`day` if it is a date (a datetime counts as its date); ValueError otherwise."""
    if isinstance(day, dt.datetime):
        return day.date()
    if not isinstance(day, dt.date):
        raise ValueError(f"Give a date (datetime.date), not {type(day).__name__}.")
    return day


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
        alemtuzumab_kb.dates.InputError: 2026-02-30 is not a real date: February 2026 has 28 days. Enter the date as a real calendar date in the form YYYY-MM-DD, e.g. 2026-01-31.
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
    from alemtuzumab_kb.limits import clean_text

    text = clean_text(value, what)
    if not text:
        raise InputError("empty-date", f"Enter {what} in the form YYYY-MM-DD, e.g. {EXAMPLE}.")
    match = ISO_DATE.fullmatch(text)
    if not match:
        raise InputError(
            "date-format",
            f"'{text}' is not a date in the form YYYY-MM-DD: enter {what} with a four-digit "
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
    from alemtuzumab_kb.limits import check_window

    return check_window(parse_date(value, what), what)


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
    start = _date(start)
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
    start = _date(start)
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
    day = _date(day)
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

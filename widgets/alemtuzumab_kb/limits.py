"""Plausibility ranges and the characters typed text may hold: one definition, data/limits.json.

Every number a reader types (rates, percentages, arm sizes, course numbers), every date a reader
enters and every number an editor writes in data/ is checked against the ranges there, so no
result overflows, turns infinite or runs for ever; a number outside its range gets a sentence that
states the range. The browser twin is widgets/alemtuzumab_kb/ui/js/limits.js, which reads the same
JSON through each calculator's rules (`limits_json()`); both pass tests/vectors/edges.json.

Typed text: the characters of ``text.space`` around it are ignored (the same set in Python and the
browser, which otherwise disagree: a byte order mark, U+001C-U+001F, U+0085), and text holding a
character of ``text.refused`` (controls, invisible format characters) is refused with a sentence.

Above the ground floor (`errors`, `data_dir`, `calendar_arithmetic`) and below everything else:
`dates` reads typed dates with it, `data_files` checks the numbers of data/ against it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from alemtuzumab_kb.calendar_arithmetic import as_date, format_date
from alemtuzumab_kb.data_dir import DATA
from alemtuzumab_kb.errors import InputError


@dataclass(frozen=True)
class Limit:
    """An inclusive range; `whole` asks for whole numbers."""

    min: int | float
    max: int | float
    unit: str = ""
    whole: bool = False
    why: str = ""

    def words(self) -> str:
        """``from 0.01 to 10 relapses per patient-year``, ``from 0.01% to 100%``."""
        low, high = plain(self.min), plain(self.max)
        if self.unit == "%":
            return f"from {low}% to {high}%"
        return f"from {low} to {high}{' ' + self.unit if self.unit else ''}"


def plain(number: int | float) -> str:
    """A number as written in data/limits.json, never in exponent notation: ``10``, ``0.01``."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _code_points(items: list[str], where: str) -> list[tuple[int, int]]:
    ranges = []
    for item in items:
        parts = item.split("-")
        if len(parts) not in (1, 2) or not all(re.fullmatch(r"[0-9A-F]{4,6}", p) for p in parts):
            raise ValueError(f"data/limits.json: {where}: {item!r} is not a code point or range")
        low, high = int(parts[0], 16), int(parts[-1], 16)
        if low > high or high > 0x10FFFF:
            raise ValueError(f"data/limits.json: {where}: {item!r} runs backwards or too far")
        ranges.append((low, high))
    return ranges


def _limit(raw: Any, where: str) -> Limit:
    if not isinstance(raw, dict) or set(raw) - {"min", "max", "unit", "whole", "why"}:
        raise ValueError(f"data/limits.json: {where}: give min and max (unit, whole, why optional)")
    low, high = raw.get("min"), raw.get("max")
    for end in (low, high):
        if isinstance(end, bool) or not isinstance(end, int | float) or not math.isfinite(end):
            raise ValueError(f"data/limits.json: {where}: min and max must be numbers")
        if "e" in repr(float(end)).lower() and end != 0:
            raise ValueError(f"data/limits.json: {where}: {end} is too small or large to show")
    if low > high:
        raise ValueError(f"data/limits.json: {where}: min {low} is above max {high}")
    return Limit(low, high, raw.get("unit", ""), bool(raw.get("whole", False)), raw.get("why", ""))


@dataclass(frozen=True)
class Limits:
    """data/limits.json, checked."""

    numbers: dict[str, Limit]
    values: dict[str, Limit]
    trials: dict[str, Limit]
    earliest: dt.date
    latest: dt.date
    space: tuple[tuple[int, int], ...]
    refused: tuple[tuple[int, int], ...]
    raw: dict[str, Any]

    @property
    def space_class(self) -> str:
        return _class(self.space)

    @property
    def refused_class(self) -> str:
        return _class(self.refused)


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    """A regular-expression character class, written so that Python and JavaScript read it alike."""
    return "[" + "".join(
        f"\\u{low:04x}" if low == high else f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges
    ) + "]"


@cache
def load_limits(path: Path | None = None) -> Limits:
    """Read and check data/limits.json; a fault raises ValueError naming the file and the key.

    `path` defaults to limits.json in `alemtuzumab_kb.data_dir.DATA` (data/ in a checkout,
    alemtuzumab_kb/data/ in an installed package).
    """
    if path is None:
        path = DATA / "limits.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"data/limits.json cannot be read: {error}") from None
    groups = {}
    for group in ("numbers", "values", "trials"):
        items = raw.get(group)
        if not isinstance(items, dict):
            raise ValueError(f"data/limits.json: {group}: give a mapping of named ranges")
        groups[group] = {name: _limit(item, f"{group}.{name}") for name, item in items.items()}
    try:
        earliest = dt.date.fromisoformat(raw["dates"]["earliest"])
        latest = dt.date.fromisoformat(raw["dates"]["latest"])
    except (KeyError, TypeError, ValueError):
        raise ValueError("data/limits.json: dates: give earliest and latest, YYYY-MM-DD") from None
    space = _code_points(raw.get("text", {}).get("space", []), "text.space")
    refused = _code_points(raw.get("text", {}).get("refused", []), "text.refused")
    if not space or any(a <= d and c <= b for a, b in space for c, d in refused):
        raise ValueError("data/limits.json: text: a character cannot be both space and refused")
    return Limits(
        groups["numbers"], groups["values"], groups["trials"], earliest, latest,
        tuple(space), tuple(refused), raw,
    )


BROWSER_PARTS = ("numbers", "dates", "text")
"""What the browser checks typed input against; the ranges for data/ (`values`, `trials`) and
the file's notes stay in Python."""


def limits_json() -> dict[str, Any]:
    """The JSON the browser reads (widgets/alemtuzumab_kb/ui/js/limits.js): the parts of
    data/limits.json as written that typed input is checked against."""
    raw = load_limits().raw
    return {part: raw[part] for part in BROWSER_PARTS}


# --- Numbers --------------------------------------------------------------------------------


def check_number(value: object, name: str, what: str, example: str = "") -> int | float:
    """`value` if it is a number inside the range `name` of data/limits.json.

    Args:
        value: what was given; a bool, text, NaN or infinity is refused like an out-of-range
            number, and a huge int is compared exactly (never converted to a float first).
        name: the range in ``numbers`` (``"control_relapse_rate"``, ``"arm_size"``, ...).
        what: the quantity, capitalised, as the sentence names it.
        example: a typical value, or empty.

    Raises:
        alemtuzumab_kb.errors.InputError: code ``"number-range"``, a sentence stating the range.

    Examples:
        >>> check_number(0.39, "control_relapse_rate", "The control arm's relapse rate", "0.4")
        0.39
        >>> check_number(10**400, "relapse_rate", "The rate", "0.4")
        Traceback (most recent call last):
        ...
        alemtuzumab_kb.errors.InputError: The rate must be a number from 0 to 10 relapses per patient-year, such as 0.4.
    """  # noqa: E501
    limit = load_limits().numbers[name]
    return _in_range(value, limit, what, example)


def _in_range(value: object, limit: Limit, what: str, example: str) -> int | float:
    ok = (
        not isinstance(value, bool)
        and isinstance(value, int | float)
        and (isinstance(value, int) or math.isfinite(value))
        and limit.min <= value <= limit.max
        and (not limit.whole or value == int(value))
    )
    if not ok:
        kind = "a whole number" if limit.whole else "a number"
        why = f" ({limit.why})" if limit.why else ""
        such = f", such as {example}" if example else ""
        raise InputError("number-range", f"{what} must be {kind} {limit.words()}{why}{such}.")
    return int(value) if limit.whole else float(value)  # type: ignore[arg-type]


# --- Dates ----------------------------------------------------------------------------------


def check_window(day: dt.date, what: str) -> dt.date:
    """`day` if it lies in the window of dates a reader may enter (data/limits.json ``dates``).

    Examples:
        >>> check_window(dt.date(9990, 1, 1), "the first day of course 2")
        Traceback (most recent call last):
        ...
        alemtuzumab_kb.errors.InputError: 9990-01-01 is outside the dates these calculators take: enter the first day of course 2 from 1 January 1990 to 31 December 2099.
    """  # noqa: E501
    day = as_date(day)
    limits = load_limits()
    if not limits.earliest <= day <= limits.latest:
        raise InputError(
            "date-range",
            f"{day.isoformat()} is outside the dates these calculators take: enter {what} from "
            f"{format_date(limits.earliest)} to {format_date(limits.latest)}.",
        )
    return day


# --- Typed text -----------------------------------------------------------------------------


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    limits = load_limits()
    space = limits.space_class
    return re.compile(f"^{space}+|{space}+\\Z"), re.compile(limits.refused_class)


def space_pattern() -> str:
    """The character class of space (for splitting names into words)."""
    return load_limits().space_class


def strip_space(text: str) -> str:
    """`text` without the space of data/limits.json at either end.

    Examples:
        >>> strip_space("\\u00a0 2026-01-31\\n"), strip_space("\\ufeff2026-01-31")
        ('2026-01-31', '\\ufeff2026-01-31')
    """
    if not isinstance(text, str):
        raise ValueError(f"Give text, not {type(text).__name__}.")
    return _patterns()[0].sub("", text)


def clean_text(text: str, what: str) -> str:
    """Typed text without space at either end; InputError if it holds a refused character.

    Examples:
        >>> clean_text("\\ufeff2026-01-31", "the date of the last dose")
        Traceback (most recent call last):
        ...
        alemtuzumab_kb.errors.InputError: The text entered for the date of the last dose holds the invisible or control character U+FEFF; type it again without it.
    """  # noqa: E501
    if not isinstance(text, str):
        raise ValueError(f"Give {what} as text, not {type(text).__name__}.")
    bad = _patterns()[1].search(text)
    if bad:
        raise InputError(
            "character",
            f"The text entered for {what} holds the invisible or control character "
            f"U+{ord(bad.group()):04X}; type it again without it.",
        )
    return strip_space(text)

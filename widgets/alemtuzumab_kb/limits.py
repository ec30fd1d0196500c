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
import numbers
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainValidator, ValidationError, model_validator

from alemtuzumab_kb.calendar_arithmetic import as_date, format_date
from alemtuzumab_kb.data_dir import DATA, read_data_bytes
from alemtuzumab_kb.errors import DataError, InputError, excerpt


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

    @property
    def data_refused_class(self) -> str:
        """What text in data/ may not hold: what typed text refuses, and the control characters
        that typed text only trims at its ends (tab, VT, FF, CR). The one control character data
        text may hold is the line break, which YAML folds into a space."""
        trimmed = tuple(
            (code, code)
            for low, high in self.space
            for code in range(low, high + 1)
            if unicodedata.category(chr(code)) == "Cc" and code != 0x0A
        )
        return _class(tuple(sorted(self.refused + trimmed)))


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    """A regular-expression character class, written so that Python and JavaScript read it alike."""
    return "[" + "".join(
        f"\\u{low:04x}" if low == high else f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges
    ) + "]"


# --- Reading data/limits.json: a schema, every fault a sentence naming the file and the key ---

MOST_NUMBER = 10**9
"""No bound in data/limits.json lies beyond this: larger is a typo, and a number of hundreds of
digits would overflow on its way to a float."""

MOST_DEPTH = 8
"""How deep the file's objects and lists may nest (it nests three deep)."""

REQUIRED = {
    "numbers": ("relapse_rate", "control_relapse_rate", "risk_percent", "control_risk_percent",
                "arm_size", "course"),
    "values": ("months", "weeks", "days", "hours", "years", "percent", "mg", "count"),
    "trials": ("phase", "years", "ratio", "p_value"),
}
"""The ranges the code reads, by group: a file without one of them is refused."""


def _bounded(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"give a number, not {_kind(value)}")
    if isinstance(value, int) and abs(value) > MOST_NUMBER:
        raise ValueError(f"give a number from -{MOST_NUMBER:,} to {MOST_NUMBER:,}")
    if isinstance(value, float) and not (math.isfinite(value) and abs(value) <= MOST_NUMBER):
        raise ValueError(f"give a finite number from -{MOST_NUMBER:,} to {MOST_NUMBER:,}")
    if isinstance(value, float) and "e" in repr(value) and value != 0:
        raise ValueError(f"{value!r} is too small to show without an exponent")
    return value


def _truth(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"give true or false, not {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {excerpt(value, 20)} (no quotes)"
    if value is None:
        return "null"
    return {bool: "a truth value", dict: "an object", list: "a list"}.get(type(value), "a number")


def _iso_date(value: Any) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("give a date as the text YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a real date") from None


def _code_point_range(value: Any) -> tuple[int, int]:
    parts = value.split("-") if isinstance(value, str) else []
    if len(parts) not in (1, 2) or not all(re.fullmatch(r"[0-9A-F]{4,6}", p) for p in parts):
        raise ValueError(
            f"{excerpt(str(value), 20)} is not a code point (\"00A0\") or a range (\"2000-200A\")"
        )
    low, high = int(parts[0], 16), int(parts[-1], 16)
    if low > high or high > 0x10FFFF:
        raise ValueError(f"{value!r} runs backwards or past U+10FFFF")
    return low, high


_Number = Annotated[int | float, PlainValidator(_bounded)]
_Truth = Annotated[bool, PlainValidator(_truth)]


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Range(_Closed):
    min: _Number
    max: _Number
    unit: str = ""
    whole: _Truth = False
    why: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> _Range:
        if self.min > self.max:
            raise ValueError(f"min {plain(self.min)} is above max {plain(self.max)}")
        return self


class _Dates(_Closed):
    earliest: Annotated[dt.date, PlainValidator(_iso_date)]
    latest: Annotated[dt.date, PlainValidator(_iso_date)]

    @model_validator(mode="after")
    def _ordered(self) -> _Dates:
        if self.earliest >= self.latest:
            raise ValueError(
                f"earliest ({self.earliest}) must come before latest ({self.latest})"
            )
        return self


class _Text(_Closed):
    space: tuple[Annotated[tuple[int, int], PlainValidator(_code_point_range)], ...]
    refused: tuple[Annotated[tuple[int, int], PlainValidator(_code_point_range)], ...]

    @model_validator(mode="after")
    def _apart(self) -> _Text:
        if not self.space:
            raise ValueError("name the characters of space")
        if any(a <= d and c <= b for a, b in self.space for c, d in self.refused):
            raise ValueError("a character cannot be both space and refused")
        return self


class _File(_Closed):
    about: tuple[str, ...] = ()
    numbers: dict[str, _Range]
    dates: _Dates
    values: dict[str, _Range]
    trials: dict[str, _Range]
    text: _Text


class _Pairs(list):
    """An object of the JSON text as written: its (key, value) pairs, in order."""


def _objects(node: Any, at: str = "") -> Any:
    """The JSON text's objects as dicts; ValueError naming the key written twice in one."""
    if isinstance(node, _Pairs):
        seen: dict[str, Any] = {}
        for key, value in node:
            where = f"{at}.{key}" if at else key
            if key in seen:
                raise _Twice(where)
            seen[key] = _objects(value, where)
        return seen
    if isinstance(node, list):
        return [_objects(item, f"{at}[{index}]") for index, item in enumerate(node)]
    return node


class _Twice(ValueError):
    """A key written twice in one object."""


def _integer(text: str) -> int | float:
    """An integer as JSON writes it; one of more digits than any bound has reads as infinite
    (so that the schema refuses it at its key) instead of failing to convert."""
    return int(text) if len(text) <= 18 else math.copysign(math.inf, -1 if text[0] == "-" else 1)


def _depth(text: str) -> int:
    """How deep the objects and lists of a JSON text nest (brackets inside strings ignored)."""
    depth = deepest = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif bracket in "]}":
            depth -= 1
    return deepest


def _fault(path: Path, problem: str, key: str = "") -> DataError:
    where = f"{'data/' + path.name if path.parent.name == 'data' else str(path)}"
    return DataError(f"{where}{', key ' + key if key else ''}: {problem}.", path)


@cache
def load_limits(path: Path | None = None) -> Limits:
    """Read and check data/limits.json against its schema; a fault raises DataError (a
    ValueError), one sentence naming the file and the key.

    Refused: a key written twice, an unknown or missing key, a range whose min is above its max
    or a window whose earliest date is not before its latest, a truth value written as text, a
    number that is not finite or lies beyond `MOST_NUMBER`, nesting deeper than `MOST_DEPTH`.
    `path` defaults to limits.json in `alemtuzumab_kb.data_dir.DATA` (data/ in a checkout,
    alemtuzumab_kb/data/ in an installed package).
    """
    if path is None:
        path = DATA / "limits.json"
    try:
        text = read_data_bytes(path).decode("utf-8")
    except FileNotFoundError:
        raise _fault(
            path, "the file is missing; restore it (git checkout -- data/limits.json)"
        ) from None
    except DataError as error:
        raise _fault(path, str(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise _fault(path, f"the file cannot be read as UTF-8 text ({error})") from None
    if _depth(text) > MOST_DEPTH:
        raise _fault(path, f"objects and lists nest more than {MOST_DEPTH} deep; close them")
    try:
        raw = _objects(json.loads(text, object_pairs_hook=_Pairs, parse_int=_integer))
    except _Twice as twice:
        raise _fault(path, "it is written twice in one object; keep one", str(twice)) from None
    except json.JSONDecodeError as error:
        raise _fault(path, f"not valid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(raw, dict):
        raise _fault(path, "give one object of named parts")
    try:
        checked = _File.model_validate(raw)
    except ValidationError as error:
        issue = error.errors()[0]
        key = ".".join(str(part) for part in issue["loc"])
        message = {
            "missing": "it is missing; restore it (git checkout -- data/limits.json)",
            "extra_forbidden": "it is not a key of this file; check its spelling",
        }.get(issue["type"], str(issue["msg"]).removeprefix("Value error, "))
        if issue["type"] == "string_type":
            message = "give text here, in quotes"
        if issue["type"] in ("dict_type", "model_type", "tuple_type"):
            message = f"give {'a list' if issue['type'] == 'tuple_type' else 'an object'} here"
        raise _fault(path, message, key) from None
    for group, names in REQUIRED.items():
        for name in names:
            if name not in getattr(checked, group):
                raise _fault(
                    path, "it is missing, and the calculators and the data check read it; "
                    "restore it (git checkout -- data/limits.json)", f"{group}.{name}"
                )

    def ranges(group: str) -> dict[str, Limit]:
        return {name: Limit(r.min, r.max, r.unit, r.whole, r.why)
                for name, r in getattr(checked, group).items()}

    return Limits(
        ranges("numbers"), ranges("values"), ranges("trials"), checked.dates.earliest,
        checked.dates.latest, checked.text.space, checked.text.refused, raw,
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


def real_number(value: object) -> int | float | Fraction | Decimal | None:
    """`value` as an exact real number if it is one, else None.

    Python's own numbers and the ones that register with its number tower are taken: int,
    float, `fractions.Fraction`, `decimal.Decimal` and numpy's integer and float scalars (which
    is how a value from a table arrives). A truth value (bool, numpy.bool_), a complex number and
    anything else is None; so is a NaN or an infinity, which no range holds.

    Examples:
        >>> real_number(Fraction(1, 3)), real_number(Decimal("0.39")), real_number(True)
        (Fraction(1, 3), Decimal('0.39'), None)
    """
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float | Fraction):
        exact = value
    elif isinstance(value, numbers.Rational):
        exact = Fraction(value)
    elif isinstance(value, numbers.Real):
        exact = float(value)
    else:
        return None
    return exact if isinstance(exact, Fraction) or math.isfinite(exact) else None


def _in_range(value: object, limit: Limit, what: str, example: str) -> int | float:
    real = real_number(value)
    ok = (
        real is not None
        and limit.min <= real <= limit.max
        and (not limit.whole or real == int(real))
    )
    if not ok:
        kind = "a whole number" if limit.whole else "a number"
        why = f" ({limit.why})" if limit.why else ""
        such = f", such as {example}" if example else ""
        odd = isinstance(value, numbers.Number) and not isinstance(value, numbers.Real | Decimal)
        named = f"; a {type(value).__name__} is not one" if odd else ""
        raise InputError(
            "number-range", f"{what} must be {kind} {limit.words()}{why}{such}{named}."
        )
    return int(real) if limit.whole else float(real)  # type: ignore[arg-type]


# --- Numbers as a reader types them ---------------------------------------------------------

_TYPED_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_TYPED_WHOLE = re.compile(r"[0-9]+")


def typed_number(text: str, percent: bool = False, whole: bool = False) -> float | None:
    """The number a reader typed, by the one rule Python and the browser share
    (tests/vectors/edges.json ``numbers``; the browser's twin is typedNumber in
    widgets/alemtuzumab_kb/ui/js/limits.js): ASCII digits only, '.' as the decimal point, an
    optional sign and exponent, and where the field takes a percentage an optional '%' at the
    end; the space of ``text.space`` around it is ignored. No ',' (a decimal comma and a
    thousands separator look alike), no other digits (full-width, Arabic-Indic), no '_'. A
    `whole` number (a count of patients) is digits only.

    Returns:
        The number (a float; infinite where the digits overflow, for the range to refuse), or
        None for empty text.

    Raises:
        InputError: code ``"not-a-number"``, for text that is no number by this rule.

    Examples:
        >>> typed_number(" 0.39 "), typed_number("20 %", percent=True), typed_number("")
        (0.39, 20.0, None)
        >>> typed_number("10,5")
        Traceback (most recent call last):
        ...
        alemtuzumab_kb.errors.InputError: '10,5' is not a number.
    """
    if not isinstance(text, str):
        raise InputError("not-a-number", f"Give the number as text, not {type(text).__name__}.")
    cleaned = strip_space(text)
    if not cleaned:
        return None
    if percent and cleaned.endswith("%"):
        cleaned = strip_space(cleaned[:-1])
    if not (_TYPED_WHOLE if whole else _TYPED_NUMBER).fullmatch(cleaned):
        raise InputError("not-a-number", f"{excerpt(strip_space(text))} is not a number.")
    return float(cleaned)


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


@cache
def _data_refused() -> re.Pattern[str]:
    return re.compile(load_limits().data_refused_class)


def data_character(text: str) -> str | None:
    """The first character that text in data/ may not hold, as ``U+000B``; None if none.

    Examples:
        >>> data_character("a\\vb"), data_character("line\\nbreak")
        ('U+000B', None)
    """
    bad = _data_refused().search(text)
    return f"U+{ord(bad.group()):04X}" if bad else None


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

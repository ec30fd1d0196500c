"""What every file of data/rules/ shares. A rule names claims, and its numbers are the claims'
values; rule texts are ours and may hold `{value}` (the value with its unit and qualifier, e.g.
"at least 6 weeks") and `{number}` (the bare number), never a digit. Here: reading a rules file,
a value as prose or as calendar durations, and a rule text filled from its claim."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from alemtuzumab_kb import markup
from alemtuzumab_kb.data_files import (
    M,
    Place,
    Strict,
    _at,
    _validation_fault,
    read_yaml,
    shown,
    yaml_line,
)
from alemtuzumab_kb.dates import Duration
from alemtuzumab_kb.errors import DataError
from alemtuzumab_kb.facts.claims import Claim, Reading, Value
from alemtuzumab_kb.facts.loader import Facts, record_place


class RuleText(Strict):
    """A sentence of ours that a rule shows, with the claim it rests on."""

    claim: str
    text: str
    reading: Reading | None = None
    """Where the text applies the claim in a way the source leaves open (issue 24)."""


def parse_model(path: Path, model: type[M]) -> M:
    """Validate one YAML mapping; an error names the file, the line and the key."""
    try:
        return model.model_validate(read_yaml(path))
    except ValidationError as error:
        raise _validation_fault(path, (), "", error) from None


UNITS = {"months": "month", "years": "year", "weeks": "week", "days": "day"}


def format_value(value: Value) -> str:
    """A value as prose: ``4 months``, ``2-3 months``, ``at least 6 weeks``, ``1 year``."""
    unit, number = value.quantity
    if isinstance(number, tuple):
        text = f"{number[0]:g}-{number[1]:g} {unit}"
    else:
        text = f"{number:g} {UNITS.get(unit, unit) if number == 1 else unit}"
    return f"{value.qualifier} {text}" if value.qualifier else text


def value_durations(value: Value) -> tuple[Any, Any]:
    """The (low, high) ends of a value as `alemtuzumab_kb.dates.Duration`; high is None for one
    number.

    Years count as 12 calendar months and weeks as 7 days. Raises DataError for a unit that is not
    a length of calendar time or a number that is not whole.
    """
    unit, number = value.quantity
    ends = number if isinstance(number, tuple) else (number, None)
    scale = {
        "months": ("months", 1),
        "years": ("months", 12),
        "weeks": ("days", 7),
        "days": ("days", 1),
    }
    if unit not in scale:
        raise DataError(
            f"it is given in {unit}, which is not a length of calendar time (give months, "
            "weeks, days or years)"
        )
    field, factor = scale[unit]
    durations = []
    for end in ends:
        if end is None:
            durations.append(None)
        elif float(end) != int(end) or end < 0:
            raise DataError(f"{end:g} {unit} is not a whole, non-negative number")
        else:
            durations.append(Duration(**{field: int(end) * factor}))
    return durations[0], durations[1]


def _reader(where: Place) -> str:
    """The rule that reads a claim, for a sentence about the claim."""
    line = yaml_line(where.path, where.at)
    parts = (where.record, f"key {where.key}" if where.key else "")
    named = ", ".join(part for part in parts if part)
    return f"{shown(where.path)}{f' line {line}' if line else ''} ({named})"


def claim_durations(data: Path, claim: Claim, where: Place) -> tuple[Any, Any]:
    """`value_durations` of a claim a rule reads; a fault names the claim's file and the rule."""
    if claim.value is None:
        raise where.fault(f"claim {claim.id} has no value to read as a length of time")
    try:
        return value_durations(claim.value)
    except DataError as error:
        raise (record_place(data, "claims", claim.id) / "value").fault(
            f"{error}; {_reader(where)} reads it as one"
        ) from None


PLACEHOLDER = markup.PLACEHOLDER


def fill_placeholders(text: str, **values: object) -> str:
    """`text` with the placeholders named in `values` replaced, ``{course}`` by ``values["course"]``
    (never `str.format`: a text of data/ is no format string, whose fields could reach into the
    values' attributes or pad a result to gigabytes).

    Examples:
        >>> fill_placeholders("Course {course}: infusion {day} of {days}", course=2, day=1, days=3)
        'Course 2: infusion 1 of 3'
    """
    return PLACEHOLDER.sub(lambda found: str(values.get(found[1], found[0])), text)


def fill_rule_text(text: str, claim: Claim, where: Place | str) -> str:
    """Fill `{value}` and `{number}` from the claim; a digit written in the text is an error."""
    if re.search(r"[0-9]", text):
        raise _at(where, "write no number in a rule text; use {value} or {number}")
    needs_value = "{value}" in text or "{number}" in text
    if needs_value and claim.value is None:
        raise _at(where, f"the text uses {{value}} but claim {claim.id} has no value")
    if not needs_value:
        return " ".join(text.split())
    _, number = claim.value.quantity
    bare = "-".join(f"{n:g}" for n in number) if isinstance(number, tuple) else f"{number:g}"
    filled = fill_placeholders(text, value=format_value(claim.value), number=bare)
    return " ".join(filled.split())


def claim_for(facts: Facts, claim_id: str, where: Place | str) -> Claim:
    try:
        return facts.claim(claim_id)
    except KeyError:
        raise _at(where, f"no claim {claim_id!r} in data/claims/") from None

"""Reading data/ files so that every fault is one sentence naming the file, line, record and key.

The schemas (`alemtuzumab_kb.facts`) stand on this module; it holds the mechanics under them:
YAML that refuses duplicate keys and keeps the place of every node, pydantic errors turned into
sentences, and the number types data/ may hold (finite, never a truth value or a text, inside
data/limits.json's ranges). The book's build reports a `DataError` (`alemtuzumab_kb.errors`) as
a warning located in the data file.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from alemtuzumab_kb import markup
from alemtuzumab_kb.data_dir import read_data_bytes
from alemtuzumab_kb.errors import DataError, excerpt
from alemtuzumab_kb.limits import Limit, data_character, load_limits, strip_space


def shown(path: Path) -> str:
    """A data file as a sentence names it: ``data/claims/switching.yaml``."""
    parts = path.parts
    if "data" in parts:
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("data") :])
    return str(path)


@dataclass(frozen=True)
class Place:
    """Where a fault is: a file, the path of keys and indexes to it, and how to name it."""

    path: Path
    at: tuple[str | int, ...] = ()
    record: str = ""
    key: str = ""

    def fault(self, problem: str, line: int | None = None) -> DataError:
        """One sentence: ``data/claims/x.yaml, line 12, claim x, key value.months: problem.``"""
        line = line if line is not None else (yaml_line(self.path, self.at) if self.at else None)
        parts = [shown(self.path)]
        parts += [f"line {line}"] if line else []
        parts += [self.record] if self.record else []
        parts += [f"key {self.key}"] if self.key else []
        problem = problem.strip()
        if not problem.endswith("."):
            problem += "."
        return DataError(f"{', '.join(parts)}: {problem}", self.path, line)

    def __truediv__(self, key: str | int) -> Place:
        """The place of `key` inside this one (an index is written ``[n]`` in the key)."""
        step = f"[{key}]" if isinstance(key, int) else (f".{key}" if self.key else key)
        return Place(self.path, (*self.at, key), self.record, f"{self.key}{step}")


def _at(where: Place | str, problem: str) -> DataError:
    return where.fault(problem) if isinstance(where, Place) else DataError(f"{where}: {problem}")


class Strict(BaseModel):
    """Base for every record: unknown keys are errors, records are immutable, floats finite, and
    every string is data text (`alemtuzumab_kb.markup`) or an identity: see `text_problem`."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _data_text(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name or ""
        if _holds_text(cls, name):
            for where, text in _strings(value):
                problem = text_problem(name, text)
                if problem:
                    raise ValueError(f"{where}{problem}")
        return value


def _text_in(annotation: Any) -> bool:
    """Whether a type holds free strings (a `Literal` holds only the ones the code names)."""
    if annotation is str:
        return True
    if get_origin(annotation) is Literal:
        return False
    return any(_text_in(arg) for arg in get_args(annotation))


@cache
def _holds_text(model: type[BaseModel], name: str) -> bool:
    field = model.model_fields.get(name)
    return field is not None and _text_in(field.annotation)


def _strings(value: Any, where: str = "") -> list[tuple[str, str]]:
    """Every string in a field's value, with how a sentence points at it (``item 2: ``)."""
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, tuple | list):
        return [s for i, item in enumerate(value) for s in _strings(item, f"item {i + 1}: ")]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(item, f"{key}: ")]
    return []


def text_problem(field: str, text: str) -> str | None:
    """What is wrong with a string of data/ in the field `field`, as the end of a sentence.

    An identity (`markup.ID_FIELDS`) is ASCII kebab-case; any other string is not empty, holds
    no character that typed input refuses (nor a control character but the line break:
    `limits.data_character`), and, unless it is one of `markup.PLAIN_FIELDS`, is data text.

    Examples:
        >>> text_problem("id", "Bad Id <b>x</b>")
        "'Bad Id <b>x</b>' is not an id: write lower-case ASCII letters and digits joined by single hyphens, such as sms-switching-from-fingolimod"
        >>> text_problem("statement", " ")
        'the text is empty; write it, or leave the key out where it may be left out'
    """  # noqa: E501
    if field in markup.ID_FIELDS:
        if markup.is_id(text):
            return None
        odd = next((c for c in text if not c.isascii() or not c.isprintable()), None)
        holds = f" (it holds U+{ord(odd):04X}, which is not one of them)" if odd else ""
        return (
            f"{markup.excerpt(text)} is not an id: write lower-case ASCII letters and digits "
            f"joined by single hyphens, such as sms-switching-from-fingolimod{holds}"
        )
    if not strip_space(text):
        return "the text is empty; write it, or leave the key out where it may be left out"
    character = data_character(text)
    if character:
        return (
            f"the text holds the control or invisible character {character}, which an editor "
            "may not even show; delete it"
        )
    if field in markup.PLAIN_FIELDS:
        return None
    return markup.problem(text, roles=field in markup.PAGE_FIELDS)


# --- Reading YAML, with the place of every fault -------------------------------------------


# libyaml's parser when PyYAML was built with it (the wheels are): the same safe construction,
# several times faster than the pure-Python parser over all of data/.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):
    """A YAML loader that refuses a mapping with the same key twice.

    A timestamp that is not a real date (``2013-02-30``) is kept as its text, so that the schema
    refuses it with the record and the key instead of PyYAML failing with no place at all.
    """


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise DataError(
                "a key is a list or a mapping; a key is a word, such as statement",
                line=key_node.start_mark.line + 1,
            )
        key = loader.construct_object(key_node)
        if key in seen:
            raise DataError(
                f"the key {key!r} is written twice (first at line {seen[key] + 1}); keep one",
                line=key_node.start_mark.line + 1,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node)


def _construct_timestamp(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


MOST_DEPTH = 20
"""How deep lists and mappings may nest in a data file (the deepest today is five): a bound, so
that thousands of nested brackets stop with a sentence instead of exhausting the stack."""


def _bounds(text: str) -> tuple[int | None, int | None]:
    """The line (from 1) of the first anchor or alias, and of the first nesting deeper than
    `MOST_DEPTH`, read from the parser's events (no node is built, nothing is expanded)."""
    alias = deep = None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            line = event.start_mark.line + 1
            if alias is None and (
                isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)
            ):
                alias = line
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MOST_DEPTH:
                    return alias, line
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # the loader reports the syntax error with its place
    return alias, deep


def _compose(text: str) -> yaml.Node | None:
    """The node tree of a file that nests no deeper than `MOST_DEPTH` (an alias is composed as
    a second pointer to its node, never expanded)."""
    if _bounds(text)[1] is not None:
        return None
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, ValueError):
        return None


def _read_text(path: Path) -> str:
    """The file as text; DataError for a missing file, one that is not a regular file of data/
    (`alemtuzumab_kb.data_dir.read_data_bytes`), or bytes that are not UTF-8."""
    try:
        data = read_data_bytes(path)
    except FileNotFoundError:
        raise Place(path).fault(
            f"the file is missing; the pages and calculators that read it cannot be built without "
            f"it: restore it (git checkout -- {shown(path)})"
        ) from None
    except DataError as error:
        raise Place(path).fault(str(error)) from None
    except OSError as error:
        raise Place(path).fault(f"the file cannot be read ({error.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        place = _place_of_line(path, data.decode("utf-8", "replace"), line)
        raise place.fault(
            f"byte 0x{data[error.start]:02X} is not UTF-8 text; save the file as UTF-8", line
        ) from None


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, rejecting duplicate keys; an error names the file, line and record."""
    text = _read_text(path)
    alias, deep = _bounds(text)
    if deep is not None:
        raise Place(path).fault(
            f"lists and mappings nest more than {MOST_DEPTH} deep here; data files nest a few "
            "levels at most: close the brackets", deep
        )
    if alias is not None:
        raise _place_of_line(path, text, alias).fault(
            "an anchor (&name) or alias (*name); data files write every value out, so that what "
            "a record says is on its own lines: write the value itself", alias
        )
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506
    except DataError as error:
        raise _place_of_line(path, text, error.line).fault(str(error), error.line) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise Place(path).fault(f"not valid YAML ({problem})", line) from None
    except yaml.YAMLError as error:
        raise Place(path).fault(f"not valid YAML ({excerpt(str(error), 80)})") from None
    except ValueError as error:  # an integer of thousands of digits, refused by int()
        raise Place(path).fault(
            f"a value cannot be read ({excerpt(str(error), 60)}); write a number of a few digits"
        ) from None


def _identity(node: yaml.Node) -> str | None:
    """The id of a record node (its ``id``, ``therapy``, ``claim``, ``source`` or ``question``),
    if it has one."""
    if isinstance(node, yaml.MappingNode):
        for name in ("id", "therapy", "claim", "source", "question"):
            for key, value in node.value:
                if key.value == name and isinstance(value, yaml.ScalarNode):
                    return value.value if markup.is_id(value.value) else None
    return None


def _record_name(kind: str, node: yaml.Node, index: int) -> str:
    identity = _identity(node)
    return f"{kind} {identity}" if identity else f"{kind} {index + 1}"


def _kind(path: Path, model: type[BaseModel] | None = None) -> str:
    """What a top-level record of a file is called: ``claim``, ``source``, ``timeline event``."""
    kinds = {"sources": "source", "topics": "topic", "discrepancies": "discrepancy",
             "timeline": "timeline event", "trials": "trial", "therapies": "therapy",
             "currency": "currency of", "answers": "answer to"}
    if path.parent.name == "claims":
        return "claim"
    if path.stem in kinds or model is None:
        return kinds.get(path.stem, "record")
    return re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()


def yaml_line(path: Path, at: tuple[str | int, ...]) -> int | None:
    """The line (from 1) of the key or item at `at` in a YAML file, or of the nearest parent."""
    try:
        node = _compose(read_data_bytes(path).decode("utf-8", "replace"))
    except (OSError, DataError):
        return None
    line = None
    for step in at:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if 0 <= step < len(node.value) else None
        elif isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value
                         if isinstance(k, yaml.ScalarNode) and k.value == str(step)), None)
            if pair is not None:
                line = pair[0].start_mark.line + 1
            node = pair[1] if pair is not None else None
            continue
        else:
            node = None
    if node is not None:
        line = node.start_mark.line + 1
    return line


def _place_of_line(path: Path, text: str, line: int | None) -> Place:
    """The record and key that a line of a YAML file belongs to (as far as it can be read)."""
    node = _compose(text) if line else None
    place = Place(path)
    if node is None or line is None:
        return place
    row = line - 1
    while True:
        if isinstance(node, yaml.SequenceNode):
            items = [(i, item) for i, item in enumerate(node.value)
                     if item.start_mark.line <= row <= item.end_mark.line]
            if not items:
                return place
            index, node = items[-1]
            if not place.at:
                place = Place(path, (index,), _record_name(_kind(path), node, index))
            else:
                place = place / index
        elif isinstance(node, yaml.MappingNode):
            pairs = [(k, v) for k, v in node.value
                     if k.start_mark.line <= row <= max(k.end_mark.line, v.end_mark.line)]
            if not pairs:
                return place
            key, node = pairs[-1]
            if not isinstance(key, yaml.ScalarNode):
                return place
            place = place / str(key.value)
        else:
            return place


M = TypeVar("M", bound=BaseModel)

_MESSAGES = {
    "extra_forbidden": "{key} is not a key this record takes; check its spelling",
    "missing": "{key} is missing; every record of this file needs it",
}


def _problem(issue: dict[str, Any], key: str) -> str:
    """A pydantic error as the end of a sentence."""
    if issue["type"] in _MESSAGES:
        return _MESSAGES[issue["type"]].format(key=key or "a key")
    message = str(issue["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    value = issue.get("input")
    if issue["type"].startswith(("date", "datetime")) and isinstance(value, str):
        return f"{value!r} is not a real date; write one that exists, as YYYY-MM-DD"
    return message


def _validation_fault(
    path: Path, base: tuple[str | int, ...], record: str, error: ValidationError
) -> DataError:
    issues = error.errors()
    issue = issues[0]
    place = Place(path, base, record)
    for part in issue["loc"]:
        if isinstance(part, int | str):
            place = place / part
    more = f" (and {len(issues) - 1} more problem{'s' if len(issues) > 2 else ''})"
    return place.fault(_problem(issue, place.key) + (more if len(issues) > 1 else ""))


def parse_records(path: Path, model: type[M], records: Any | None = None) -> list[M]:
    """Validate a YAML list of records; an error names the file, line, record id and key."""
    records = read_yaml(path) if records is None else records
    if not isinstance(records, list):
        raise Place(path).fault("expected a list of records, each starting with '- '")
    kind = _kind(path, model)
    parsed = []
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        keys = ("id", "source", "question")  # what names a record (data/currency.yaml: source)
        identity = next((record.get(k) for k in keys if isinstance(record.get(k), str)), None) if (
            isinstance(record, dict)) else None
        name = f"{kind} {identity}" if markup.is_id(identity) else f"{kind} {index + 1}"
        try:
            item = model.model_validate(record)
        except ValidationError as error:
            raise _validation_fault(path, (index,), name, error) from None
        item_id = getattr(item, "id", None)
        if item_id is not None and item_id in seen:
            raise Place(path, (index, "id"), name, "id").fault(
                f"the id {item_id} is already used by {kind} {seen[item_id] + 1} of this file "
                f"(line {yaml_line(path, (seen[item_id],))}); give each record its own id"
            )
        if item_id is not None:
            seen[item_id] = index
        parsed.append(item)
    return parsed


# --- Numbers as data/ may hold them --------------------------------------------------------


def _brief(value: Any) -> str:
    """A value as a sentence echoes it: whole if short, else its start (or its size)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        digits = int(abs(value).bit_length() * 0.30103)
        digits += abs(value) >= 10**digits
        return f"a number of {digits} digits"
    return excerpt(value) if isinstance(value, str) else excerpt(repr(value))[1:-1]


def _written(value: Any) -> str:
    """How a refused value reads in a sentence."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads true/false, yes/no and on/off as truth values)"
    if isinstance(value, str):
        return f"the text {excerpt(value)} (YAML read it as text: write a plain number, no quotes)"
    if isinstance(value, float) and math.isnan(value):
        return ".nan"
    if isinstance(value, float) and math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return _brief(value)


def _number(value: Any) -> int | float:
    """A finite int or float; never a truth value or a text, however it looks."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"give a number, not {_written(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"give a finite number, not {_written(value)}")
    return value


def _in_limit(value: int | float, limit: Limit, name: str) -> int | float:
    if not limit.min <= value <= limit.max:
        raise ValueError(
            f"{_brief(value)} is outside the range data/limits.json allows for {name}, "
            f"{limit.words()}"
        )
    if limit.whole and value != int(value):
        raise ValueError(
            f"{_brief(value)} is not a whole number of {name}; write a whole number (in a "
            "smaller unit if need be)"
        )
    return int(value) if limit.whole else value


def _ranged(group: str, name: str, words: str) -> PlainValidator:
    """A validator: a number within the range `name` of data/limits.json group `group`."""

    def check(value: Any) -> int | float:
        limit = getattr(load_limits(), group)[name]
        return _in_limit(_number(value), limit, words)

    return PlainValidator(check)


def _span(value: Any) -> int | float | tuple[int | float, int | float]:
    if isinstance(value, list | tuple):
        if len(value) != 2:
            raise ValueError(
                f"give one number or a range of two, [low, high], not {_brief(list(value))}"
            )
        low, high = (_number(end) for end in value)
        if low > high:
            raise ValueError(
                f"the range [{low}, {high}] runs backwards; write the smaller number first, "
                f"[{high}, {low}]"
            )
        if low == high:
            raise ValueError(f"the range [{low}, {high}] has one number; write it once, {low}")
        return (low, high)
    return _number(value)


def _in_window(day: dt.date) -> dt.date:
    """A date of data/ inside the window of data/limits.json (a typo such as 2103 is caught)."""
    limits = load_limits()
    if not limits.earliest <= day <= limits.latest:
        raise ValueError(
            f"{day.isoformat()} is outside the dates data/limits.json allows, "
            f"{limits.earliest.isoformat()} to {limits.latest.isoformat()}"
        )
    return day


DataDate = Annotated[dt.date, AfterValidator(_in_window)]
Number = Annotated[int | float, PlainValidator(_number)]
Span = Annotated[int | float | tuple[int | float, int | float], PlainValidator(_span)]
"""A single number or an inclusive range [low, high] as the source states it."""

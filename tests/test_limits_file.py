"""data/limits.json is read against a schema (issue 23): each fault an editor (or a hostile pull
request) can plant in it stops with one sentence naming the file and the key, never a bare
KeyError, OverflowError or RecursionError, and never a value silently taken (a second "latest"
that would let the calculators answer for 2150, "false" read as true)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from alemtuzumab_kb import limits
from alemtuzumab_kb.errors import DataError
from alemtuzumab_kb.facts import DATA

WRITTEN = (DATA / "limits.json").read_text(encoding="utf-8")
ARM_SIZE = '"arm_size": {"min": 1, "max": 100000, "unit": "patients", "whole": true}'


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A scratch data/ folder; the cache of load_limits is emptied before and after."""
    data = tmp_path / "data"
    data.mkdir()
    limits.load_limits.cache_clear()
    yield data
    limits.load_limits.cache_clear()


def refused(folder: Path, text: str) -> str:
    assert text != WRITTEN, "the planted fault did not change the file"
    path = folder / "limits.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        limits.load_limits(path)
    message = str(caught.value)
    assert message.startswith("data/limits.json"), message
    assert message.endswith(".") and "\n" not in message and len(message) < 300, message
    assert not re.search(r"\.\s+[A-Z]", message), message
    return message


def _in(old: str, new: str) -> str:
    assert old in WRITTEN, old
    return WRITTEN.replace(old, new, 1)


CASES = {
    "a key written twice": (
        _in('"latest": "2099-12-31"', '"latest": "2099-12-31", "latest": "2199-12-31"'),
        "data/limits.json, key dates.latest: it is written twice in one object; keep one.",
    ),
    "latest before earliest": (
        _in('"latest": "2099-12-31"', '"latest": "1980-12-31"'),
        "data/limits.json, key dates: earliest (1990-01-01) must come before latest "
        "(1980-12-31).",
    ),
    "a truth value as text": (
        _in(ARM_SIZE, ARM_SIZE.replace("true", '"false"')),
        "data/limits.json, key numbers.arm_size.whole: give true or false, not the text 'false' "
        "(no quotes).",
    ),
    "a number of 400 digits": (
        _in(ARM_SIZE, ARM_SIZE.replace("100000", "9" * 400)),
        "data/limits.json, key numbers.arm_size.max: give a finite number from -1,000,000,000 "
        "to 1,000,000,000.",
    ),
    "a number of 5000 digits": (
        _in(ARM_SIZE, ARM_SIZE.replace("100000", "9" * 5000)),
        "data/limits.json, key numbers.arm_size.max: give a finite number from -1,000,000,000 "
        "to 1,000,000,000.",
    ),
    "NaN": (
        _in(ARM_SIZE, ARM_SIZE.replace("100000", "NaN")),
        "data/limits.json, key numbers.arm_size.max: give a finite number from -1,000,000,000 "
        "to 1,000,000,000.",
    ),
    "an exponent too small to show": (
        _in(ARM_SIZE, ARM_SIZE.replace('"min": 1', '"min": 1e-9')),
        "data/limits.json, key numbers.arm_size.min: 1e-09 is too small to show without an "
        "exponent.",
    ),
    "min above max": (
        _in(ARM_SIZE, ARM_SIZE.replace('"min": 1', '"min": 200000')),
        "data/limits.json, key numbers.arm_size: min 200000 is above max 100000.",
    ),
    "a required range missing": (
        _in(ARM_SIZE + ",", ""),
        "data/limits.json, key numbers.arm_size: it is missing, and the calculators and the "
        "data check read it; restore it (git checkout -- data/limits.json).",
    ),
    "the window missing": (
        _in('"dates": {"earliest": "1990-01-01", "latest": "2099-12-31"},', ""),
        "data/limits.json, key dates: it is missing; restore it (git checkout -- "
        "data/limits.json).",
    ),
    "an unknown key": (
        _in(ARM_SIZE, ARM_SIZE.replace('"unit"', '"colour": "red", "unit"')),
        "data/limits.json, key numbers.arm_size.colour: it is not a key of this file; check its "
        "spelling.",
    ),
    "5000 nested brackets": (
        _in('"about": [', '"about": [' + "[" * 5000 + "]" * 5000 + ", "),
        "data/limits.json: objects and lists nest more than 8 deep; close them.",
    ),
    "a date that is no date": (
        _in('"earliest": "1990-01-01"', '"earliest": "1990-02-30"'),
        "data/limits.json, key dates.earliest: 1990-02-30 is not a real date.",
    ),
    "a code point that is none": (
        _in('"0020",', '"20",'),
        "data/limits.json, key text.space.1: '20' is not a code point (\"00A0\") or a range "
        "(\"2000-200A\").",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_planted_fault_in_limits_json_is_one_sentence_naming_the_key(
    folder: Path, name: str
) -> None:
    text, sentence = CASES[name]
    assert refused(folder, text) == sentence


def test_the_written_file_passes_its_schema(folder: Path) -> None:
    (folder / "limits.json").write_text(WRITTEN, encoding="utf-8")
    checked = limits.load_limits(folder / "limits.json")
    assert checked.numbers["arm_size"].whole is True
    assert checked.earliest.isoformat() == "1990-01-01"


def test_a_pipe_or_a_link_to_a_device_is_not_read(folder: Path) -> None:
    """Either would block or run for ever on open; both are refused before it."""
    os.mkfifo(folder / "limits.json")
    with pytest.raises(DataError, match=r"^data/limits.json: it is a named pipe \(FIFO\)"):
        limits.load_limits(folder / "limits.json")
    (folder / "limits.json").unlink()
    (folder / "limits.json").symlink_to("/dev/zero")
    with pytest.raises(DataError, match="a symbolic link to /dev/zero, outside the data folder"):
        limits.load_limits(folder / "limits.json")

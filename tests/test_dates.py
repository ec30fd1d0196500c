"""Calendar arithmetic (widgets/alemtuzumab_kb/dates.py): the shared vectors, then hypothesis for
edge input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alemtuzumab_kb.dates import (
    Duration,
    InputError,
    add_days,
    add_duration,
    add_months,
    days_in_month,
    format_date,
    parse_date,
)
from tests.conftest import read_vectors

VECTORS = read_vectors("dates")


def iso(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    "case", VECTORS["add_months"], ids=lambda c: f"{c['start']}+{c['months']}m"
)
def test_add_months_vectors(case: dict) -> None:
    if "error" in case:
        with pytest.raises(InputError) as caught:
            add_months(iso(case["start"]), case["months"])
        assert caught.value.code == case["error"]
    else:
        assert add_months(iso(case["start"]), case["months"]).isoformat() == case["expected"]


@pytest.mark.parametrize("case", VECTORS["add_days"], ids=lambda c: f"{c['start']}+{c['days']}d")
def test_add_days_vectors(case: dict) -> None:
    if "error" in case:
        with pytest.raises(InputError) as caught:
            add_days(iso(case["start"]), case["days"])
        assert caught.value.code == case["error"]
    else:
        assert add_days(iso(case["start"]), case["days"]).isoformat() == case["expected"]


@pytest.mark.parametrize("case", VECTORS["parse"], ids=lambda c: repr(c["text"]))
def test_parse_vectors(case: dict) -> None:
    if "error" in case:
        with pytest.raises(ValueError) as caught:
            parse_date(case["text"])
        assert caught.value.code == case["error"]
        assert str(caught.value) == case["message"]
    else:
        assert parse_date(case["text"]).isoformat() == case["expected"]


@pytest.mark.parametrize("case", VECTORS["format"], ids=lambda c: c["date"])
def test_format_vectors(case: dict) -> None:
    assert format_date(iso(case["date"])) == case["expected"]


def test_parse_names_the_field_and_accepts_dates() -> None:
    with pytest.raises(ValueError, match="^Enter the date of the last dose in the form"):
        parse_date("", what="the date of the last dose")
    assert parse_date(dt.date(2026, 1, 31)) == dt.date(2026, 1, 31)
    assert parse_date(dt.datetime(2026, 1, 31, 23, 59)) == dt.date(2026, 1, 31)
    with pytest.raises(ValueError, match="got int"):
        parse_date(20260131)  # type: ignore[arg-type]


def test_parse_rejects_non_ascii_digits() -> None:
    with pytest.raises(InputError) as caught:
        parse_date("٢٠٢٦-٠١-٣١")  # Arabic-Indic digits: int() would accept them
    assert caught.value.code == "date-format"


def test_negative_months_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="whole number of months, 0 or more"):
        add_months(dt.date(2026, 1, 1), -1)


def test_add_duration_months_then_days() -> None:
    assert add_duration(dt.date(2026, 1, 31), Duration(months=1, days=1)) == dt.date(2026, 3, 1)
    assert add_duration(dt.date(2026, 1, 31), Duration(days=42)) == dt.date(2026, 3, 14)


# --- properties --------------------------------------------------------------------------

LATE = dt.date(9990, 12, 31)


@given(st.dates(max_value=dt.date(9899, 12, 31)), st.integers(min_value=0, max_value=12 * 100))
def test_add_months_lands_in_the_right_month_on_the_right_day(start: dt.date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == min(start.day, days_in_month(result.year, result.month))
    assert result >= start


@given(st.dates(), st.integers(min_value=0, max_value=600))
def test_add_months_returns_or_says_why(start: dt.date, months: int) -> None:
    try:
        result = add_months(start, months)
    except InputError as error:
        assert error.code == "date-range"
        assert "9999-12-31" in str(error)
    else:
        assert result >= start


@given(st.dates(max_value=LATE))
def test_parse_reads_back_what_isoformat_writes(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day


@given(st.text(max_size=20))
def test_parse_any_text_returns_a_date_or_a_sentence(text: str) -> None:
    try:
        parse_date(text)
    except InputError as error:
        message = str(error)
        assert message.endswith(".")
        assert "YYYY-MM-DD" in message or error.code == "character"

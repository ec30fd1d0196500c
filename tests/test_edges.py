"""Number, date and text edges (issue 16): every public function answers bad input with a
ValueError sentence, never another exception, and never returns an infinite or NaN number except
the documented infinities; typed text is read as tests/vectors/edges.json says, as in the browser.

Hypothesis feeds the full float range, huge ints, truth values and odd Unicode (surrogates and
controls included); example counts stay small so that the suite stays fast.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import numbers as number_tower
import re
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alemtuzumab_kb import contraception, dates, limits, schedule, trials, washout
from alemtuzumab_kb.dates import InputError
from alemtuzumab_kb.facts import normalise_name
from tests.conftest import read_vectors

EDGES = read_vectors("edges")
LIMITS = limits.load_limits()

ODD_TEXT = st.text(st.characters(exclude_categories=()), max_size=12)
NUMBER = st.one_of(
    st.floats(),
    st.integers(),
    st.sampled_from([10**400, -(10**400), 1e308, -1e308, 1e-320, -0.0, math.inf, math.nan]),
    st.booleans(),
    st.none(),
    st.sampled_from(["0.39", "39%", "", " 2 ", "1e308"]),
)
ANYTHING = st.one_of(NUMBER, ODD_TEXT, st.dates(), st.lists(st.integers(), max_size=2))
WINDOW = st.dates(min_value=LIMITS.earliest, max_value=LIMITS.latest)
DATE = st.one_of(
    WINDOW,
    WINDOW.map(dt.date.isoformat),
    st.dates(),
    st.dates().map(dt.date.isoformat),
    st.datetimes(timezones=st.timezones()),
    ODD_TEXT,
    NUMBER,
)
NAME = st.one_of(
    st.sampled_from(["Gilenya", " fingolimod ", "TYSABRI", "alemtuzumab", "\ufeffGilenya"]),
    ODD_TEXT,
    NUMBER,
)
COURSE = st.one_of(st.integers(min_value=-3, max_value=25), st.sampled_from(["2", " 3 "]), NUMBER)
STAMP = st.one_of(
    st.datetimes(timezones=st.timezones()),
    st.sampled_from([dt.datetime.min, dt.datetime.max]).flatmap(
        lambda extreme: st.timezones().map(lambda zone: extreme.replace(tzinfo=zone))
    ),
    st.text("0123456789TZ", min_size=16, max_size=16),
    ODD_TEXT,
    NUMBER,
)
DURATION = st.one_of(
    st.builds(dates.Duration, st.integers(0, 10**4), st.integers(-(10**6), 10**6)), ANYTHING
)
RATIO = st.one_of(st.floats(), NUMBER)

# Every public function, with what to feed each argument.
FUNCTIONS: dict[str, tuple[Callable[..., Any], tuple[st.SearchStrategy, ...]]] = {
    "rate_comparison": (trials.rate_comparison, (NUMBER, NUMBER)),
    "risk_comparison": (trials.risk_comparison, (NUMBER, NUMBER, NUMBER, NUMBER)),
    "wilson_interval": (trials.wilson_interval, (RATIO, NUMBER)),
    "newcombe_interval": (trials.newcombe_interval, (RATIO, NUMBER, RATIO, NUMBER)),
    "nnt_interval": (trials.nnt_interval, (RATIO, RATIO)),
    "whole_patients": (trials.whole_patients, (NUMBER,)),
    "nnt_text": (trials.nnt_text, (NUMBER, st.sampled_from(["benefit", "harm", "none", "x"]))),
    "icon_counts": (trials.icon_counts, (st.sampled_from(["risk", "rate", "odds"]), NUMBER,
                                         NUMBER)),
    "washout_plan": (washout.washout_plan, (NAME, DATE)),
    "find_therapy": (washout.find_therapy, (NAME,)),
    "last_infusion": (contraception.last_infusion, (DATE, COURSE)),
    "course_rule": (contraception.course_rule, (COURSE,)),
    "after_last_infusion": (contraception.after_last_infusion, (DATE,)),
    "contraception_end": (contraception.contraception_end, (DATE,)),
    "breastfeeding_end": (contraception.breastfeeding_end, (DATE,)),
    "monitoring_end": (contraception.monitoring_end, (DATE,)),
    "treatment_schedule": (schedule.treatment_schedule, (DATE, st.one_of(st.none(), DATE))),
    "schedule_ics": (
        lambda first, second, stamp: schedule.schedule_ics(first, second, stamp=stamp),
        (WINDOW, st.none(), STAMP),
    ),
    "parse_date": (dates.parse_date, (DATE,)),
    "entered_date": (dates.entered_date, (DATE, st.just("the date"))),
    "add_months": (dates.add_months, (DATE, NUMBER)),
    "add_days": (dates.add_days, (DATE, NUMBER)),
    "add_duration": (dates.add_duration, (DATE, DURATION)),
    "format_date": (dates.format_date, (DATE,)),
    "days_in_month": (dates.days_in_month, (NUMBER, NUMBER)),
    "check_number": (
        limits.check_number, (NUMBER, st.sampled_from(sorted(LIMITS.numbers)), st.just("It"))
    ),
    "check_window": (limits.check_window, (DATE, st.just("the date"))),
    "clean_text": (limits.clean_text, (ANYTHING, st.just("the text"))),
    "strip_space": (limits.strip_space, (ANYTHING,)),
    "normalise_name": (normalise_name, (ANYTHING,)),
}


def numbers(value: Any, path: str = "") -> Iterator[tuple[str, float]]:
    """Every number inside a result, with where it sits (``nnt_interval.benefit[1]``)."""
    if isinstance(value, bool | str | dt.date):
        return
    if isinstance(value, int | float):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from numbers(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from numbers(item, f"{path}[{index}]")
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from numbers(getattr(value, field.name), f"{path}.{field.name}")


def documented_infinity(name: str, result: Any, path: str) -> bool:
    """The infinities the API documents: no relapse avoided (or added), equal risks."""
    if name == "rate_comparison":
        difference = result["difference"]
        return (path == "patient_years_per_relapse_avoided" and difference <= 0) or (
            path == "patient_years_per_extra_relapse" and difference >= 0
        )
    if name == "risk_comparison":
        interval = result["nnt_interval"]
        if path == "nnt":
            return result["absolute_risk_reduction"] == 0
        return interval is not None and interval["includes_infinity"] and path in (
            "nnt_interval.benefit[1]", "nnt_interval.harm[1]"
        )
    if name == "nnt_interval":
        return result["includes_infinity"] and path in ("benefit[1]", "harm[1]")
    return name in ("whole_patients", "nnt_text") and path == ""


@pytest.mark.parametrize("name", FUNCTIONS)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bad_input_is_a_sentence_and_no_result_is_infinite(name: str, data: st.DataObject) -> None:
    function, strategies = FUNCTIONS[name]
    arguments = [data.draw(strategy, label=str(n)) for n, strategy in enumerate(strategies)]
    try:
        result = function(*arguments)
    except ValueError as error:
        message = str(error)
        assert message.endswith(".") and not message[:1].islower(), message
        assert "Traceback" not in message
        return
    for path, number in numbers(result):
        finite = isinstance(number, int) or math.isfinite(number)
        assert finite or documented_infinity(name, result, path), (path, number)


# --- The issue's own cases -----------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: trials.rate_comparison(10**400, 0.18),
        lambda: trials.rate_comparison(0.39, 1e308),
        lambda: trials.risk_comparison(1e-320, 10),
        lambda: trials.risk_comparison(20, 10, 1e308, 1e308),
        lambda: schedule.schedule_ics("2026-01-12", stamp="20261301T000000Z"),
        lambda: schedule.schedule_ics(
            "2026-01-12",
            stamp=dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))),
        ),
        lambda: schedule.schedule_ics(
            "2026-01-12",
            stamp=dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        ),
        lambda: schedule.treatment_schedule("2026-01-12", "9990-01-01"),
    ],
    ids=["rate 10**400", "rate 1e308", "risk 1e-320", "arms 1e308", "stamp month 13",
         "aware stamp near year 1", "aware stamp near 9999", "course 2 in 9990"],
)
def test_the_reported_edges_are_sentences_that_state_the_range(call: Callable[[], Any]) -> None:
    with pytest.raises(ValueError, match=r"^\S[^\n]*\.$") as caught:
        call()
    assert type(caught.value) in (ValueError, InputError)
    assert "from " in str(caught.value) or "YYYYMMDDTHHMMSSZ" in str(caught.value)


def test_an_aware_stamp_in_range_is_written_in_utc() -> None:
    stamp = dt.datetime(2026, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert "DTSTAMP:20251231T233000Z" in schedule.schedule_ics("2026-01-12", stamp=stamp)


# --- Typed text: the shared vectors ---------------------------------------------------------


def _outcome(call: Callable[[], Any]) -> tuple[str, str]:
    try:
        return "ok", str(call())
    except InputError as error:
        return error.code, str(error)


def _refused(code: str, what: str) -> str:
    return EDGES["refused_message"].format(what=what, code=code)


@pytest.mark.parametrize("case", EDGES["characters"], ids=lambda c: f"U+{c['code']}")
def test_a_character_around_typed_text_is_read_as_the_vectors_say(case: dict[str, str]) -> None:
    char = chr(int(case["code"], 16))
    date, therapy, course = EDGES["date"], EDGES["therapy"], EDGES["course"]
    outcomes = {
        "date": _outcome(lambda: dates.parse_date(char + date + char)),
        "therapy": _outcome(lambda: washout.find_therapy(char + therapy["name"] + char).id),
        "course": _outcome(lambda: contraception.course_rule(char + course["text"] + char).group),
    }
    if case["kind"] == "space":
        assert outcomes == {
            "date": ("ok", date), "therapy": ("ok", therapy["id"]), "course": ("ok", "second")
        }
    elif case["kind"] == "refused":
        assert outcomes == {
            "date": ("character", _refused(case["code"], "the date")),
            "therapy": ("character", _refused(case["code"], "the therapy")),
            "course": ("character", _refused(case["code"], "the course number")),
        }
    else:
        assert [code for code, _ in outcomes.values()] == [
            "date-format", "unknown-therapy", "course"
        ]


@pytest.mark.parametrize("case", EDGES["stamps"], ids=lambda c: c["stamp"])
def test_a_stamp_is_taken_only_if_it_is_a_real_utc_time(case: dict[str, Any]) -> None:
    if case["ok"]:
        assert f"DTSTAMP:{case['stamp']}" in schedule.schedule_ics("2026-01-12",
                                                                  stamp=case["stamp"])
    else:
        with pytest.raises(ValueError, match="YYYYMMDDTHHMMSSZ"):
            schedule.schedule_ics("2026-01-12", stamp=case["stamp"])


def test_the_window_and_ranges_come_from_data_limits() -> None:
    raw = limits.limits_json()
    assert LIMITS.earliest.isoformat() == raw["dates"]["earliest"]
    message = str(pytest.raises(ValueError, trials.rate_comparison, 0.39, 11).value)
    high = raw["numbers"]["relapse_rate"]["max"]
    assert f"from 0 to {high} relapses per patient-year" in message


# --- Numbers as a reader types them, and what a sentence echoes (issue 23) ------------------


@pytest.mark.parametrize(
    "case", EDGES["numbers"]["cases"],
    ids=lambda c: f"{c['text']!r}{' %' * c.get('percent', 0)}{' whole' * c.get('whole', 0)}",
)
def test_a_typed_number_is_read_as_the_vectors_say(case: dict[str, Any]) -> None:
    """The browser reads the same vectors (tests/js/edges.test.mjs): full-width digits, '20 %'
    in a field that takes no percentage and '10,5' are no numbers on either side."""
    def read() -> float | None:
        return limits.typed_number(
            case["text"], percent=case.get("percent", False), whole=case.get("whole", False)
        )

    if case["value"] == "refused":
        with pytest.raises(InputError, match=r"is not a number\.$"):
            read()
    else:
        assert read() == case["value"]


@pytest.mark.parametrize("case", EDGES["echo"]["cases"], ids=lambda c: c["text"][:4])
def test_a_refused_value_is_echoed_as_a_short_prefix(case: dict[str, Any]) -> None:
    """A megabyte pasted as a therapy name, a date or a course is not copied into the sentence
    (nor into the page's status region: the browser's sentences follow the same vectors)."""
    typed = case["text"] * case["repeat"]
    shown = case["shown"]
    assert str(pytest.raises(InputError, washout.find_therapy, typed).value).startswith(
        f"'{shown}' is not a therapy this calculator knows."
    )
    assert str(pytest.raises(InputError, dates.parse_date, typed).value).startswith(
        f"'{shown}' is not a date in the form YYYY-MM-DD"
    )
    assert str(pytest.raises(InputError, contraception.course_rule, typed).value).startswith(
        f"'{shown}' is not a course number."
    )


def test_an_unknown_megabyte_name_is_answered_at_once() -> None:
    """Before, each of the calculator's names was compared with it letter by letter (minutes)."""
    started = time.perf_counter()
    with pytest.raises(InputError):
        washout.washout_plan("x" * 1_000_000, "2026-01-31")
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    "value",
    [Decimal("0.39"), Fraction(39, 100), 0.39],
    ids=["Decimal", "Fraction", "float"],
)
def test_exact_numbers_in_range_are_taken(value: object) -> None:
    assert trials.rate_comparison(value, Fraction(18, 100))["relative_reduction"] == pytest.approx(
        1 - 0.18 / 0.39
    )
    assert limits.check_number(value, "control_relapse_rate", "The rate") == pytest.approx(0.39)


class _IntScalar:
    """Stands in for numpy.int64: not an int, but registered with the number tower as numpy's
    integers are (numpy is not among this project's packages)."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __int__(self) -> int:
        return self.value

    __index__ = __int__


class _FloatScalar:
    """Stands in for numpy.float32 (numpy.float64 is a float already)."""

    def __init__(self, value: float) -> None:
        self.value = value

    def __float__(self) -> float:
        return self.value


number_tower.Integral.register(_IntScalar)
number_tower.Real.register(_FloatScalar)


def test_scalars_of_the_number_tower_in_range_are_taken() -> None:
    """As numpy's scalars are: a value read from a table reaches the API as one."""
    assert trials.risk_comparison(_FloatScalar(20.0), _IntScalar(10), _IntScalar(100),
                                  _IntScalar(100))["nnt"] == 10
    assert contraception.course_rule(_IntScalar(2)).group == "second"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1 + 0j, "; a complex is not one."), (Decimal("NaN"), "such as 0.4."),
     (Decimal("1e400"), "such as 0.4."), (True, "such as 0.4.")],
    ids=["complex", "Decimal NaN", "Decimal 1e400", "bool"],
)
def test_a_number_that_is_not_in_range_says_so(value: object, shown: str) -> None:
    message = str(pytest.raises(InputError, limits.check_number, value, "control_relapse_rate",
                                "The rate", "0.4").value)
    assert message.startswith("The rate must be a number from 0.01 to 10") and message.endswith(
        shown
    ), message


@pytest.mark.parametrize(
    "call",
    [
        lambda: schedule.schedule_ics("2026-01-12", include=["all"]),
        lambda: schedule.schedule_ics("2026-01-12", include="x" * 1_000_000),
        lambda: trials.headline("rate", trials.risk_comparison(20, 10)),
        lambda: trials.headline("risk", trials.rate_comparison(0.39, 0.18)),
        lambda: trials.headline("odds", {}),
        lambda: trials.headline("rate", None),
        lambda: contraception.last_infusion("2026-01-31", Fraction(2)),
    ],
    ids=["include a list", "include a megabyte", "rate headline of a risk",
         "risk headline of a rate", "unknown measure", "no result", "course a Fraction"],
)
def test_a_public_function_given_the_wrong_thing_says_what_to_give(
    call: Callable[[], Any],
) -> None:
    """Before: TypeError (unhashable list), a bare AssertionError."""
    with pytest.raises(ValueError, match=r"^\S[^\n]*\.$") as caught:
        call()
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize("include", ["all", "one-off", "sms"])
def test_the_calendar_file_carries_no_control_character(include: str) -> None:
    """RFC 5545 allows none in its text but the line ends (data/ refuses them: test_faults)."""
    text = schedule.schedule_ics("2026-01-12", "2027-01-11", include=include)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text.replace("\r\n", ""))
    assert "\r" not in text.replace("\r\n", "") and "\n" not in text.replace("\r\n", "")

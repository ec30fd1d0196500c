"""The treatment and monitoring schedule (widgets/alemtuzumab_kb/schedule.py): vectors, sources
apart, the calendar file (parsed with `icalendar`), and hypothesis for order, citations and the
horizon."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alemtuzumab_kb
from alemtuzumab_kb.contraception import after_last_infusion, last_infusion
from alemtuzumab_kb.dates import InputError, add_days, add_months
from alemtuzumab_kb.facts import load_facts, load_schedule_rules
from alemtuzumab_kb.limits import load_limits
from alemtuzumab_kb.pages.schedule import open_points_markdown, rules_markdown
from alemtuzumab_kb.schedule import chart_spec, rules_json, schedule_ics, treatment_schedule
from alemtuzumab_kb.schedule_calendar import (
    DEFAULT_STAMP,
    calendar_days,
    ics_choices,
    ics_escape,
    ics_fold,
)
from alemtuzumab_kb.schedule_events import Event
from alemtuzumab_kb.schedule_rules import KINDS
from alemtuzumab_kb.schedule_today import overdue, overdue_lines, table_view
from tests.conftest import read_vectors

VECTORS = read_vectors("schedule")
CASES = VECTORS["cases"]
ERRORS = VECTORS["errors"]
FACTS = load_facts()
REFERENCES = (Path(__file__).resolve().parent.parent / "references.bib").read_text("utf-8")


def _dates(event: Event) -> str | list[str]:
    if event.end is None:
        return event.start.isoformat()
    return [event.start.isoformat(), event.end.isoformat()]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vectors(case: dict) -> None:
    schedule = treatment_schedule(case["course1_start"], case["course2_start"])
    assert schedule.last_infusion.isoformat() == case["last_infusion"]
    assert schedule.course2_due.isoformat() == case["course2_due"]
    assert schedule.horizon.isoformat() == case["horizon"]
    assert schedule.projected is case["is_projected"]
    assert len(schedule) == case["count"]
    by_id = {event.id: event for event in schedule}
    assert len(by_id) == len(schedule), "event ids must be unique"
    one_off = {e.id: _dates(e) for e in schedule if e.rule not in case["repeated"]}
    assert one_off == case["events"]
    for rule, expected in case["repeated"].items():
        events = schedule.by_rule(rule)
        assert len(events) == expected["count"], rule
        assert events[0].start.isoformat() == expected["first"], rule
        assert events[-1].start.isoformat() == expected["last"], rule
        for event_id, day in expected.get("dates", {}).items():
            assert by_id[event_id].start.isoformat() == day, event_id
    for event_id, projected in case["projected"].items():
        assert by_id[event_id].projected is projected, event_id
    assert list(schedule.notices) == case["notices"]


@pytest.mark.parametrize(
    "case", ERRORS, ids=[f"{c['course1_start']}/{c['course2_start']}" for c in ERRORS]
)
def test_error_vectors(case: dict) -> None:
    with pytest.raises(ValueError) as caught:
        treatment_schedule(case["course1_start"], case["course2_start"])
    assert caught.value.code == case["error"]
    assert case["message_contains"] in str(caught.value)
    assert str(caught.value).endswith(".")


def test_public_api_and_event_fields() -> None:
    schedule = alemtuzumab_kb.treatment_schedule(dt.date(2026, 1, 12))
    event = next(e for e in schedule if e.id == "herpes-sms-c1")
    assert event.date == (dt.date(2026, 1, 12), dt.date(2026, 2, 12))
    assert event.kind == "medication"
    assert event.sources == ("Swedish guideline",)
    assert event.citations == ("sms2025",)
    assert event.locators == ("*Dosering* (dosing), the list that follows the dose",)
    assert event.sections == ("src-sms-premedication",)
    assert event.when == "12 January 2026 to 12 February 2026"
    infusion = schedule.by_rule("infusion")[0]
    assert infusion.citations == ("sms2025", "ahfs2024", "ema2013", "mssociety2016")
    assert infusion.title == "Course 1: infusion 1 of 5"
    assert alemtuzumab_kb.schedule_ics("2026-01-12") == schedule_ics(dt.date(2026, 1, 12))
    assert treatment_schedule("2026-01-12", "  ").projected


def test_differing_sources_stay_apart_with_their_citations() -> None:
    schedule = treatment_schedule("2026-01-12")
    herpes = [e for e in schedule if e.rule.startswith("herpes") and e.course == 1]
    assert [(e.title, e.citations) for e in herpes] == [
        ("Herpes prophylaxis (Swedish guideline)", ("sms2025",)),
        ("Herpes prophylaxis (AHFS)", ("ahfs2024",)),
    ]
    assert "1 month" in herpes[0].text and "at least 2 months" in herpes[1].text
    sms_thyroid = schedule.by_rule("thyroid-sms")
    ahfs_thyroid = schedule.by_rule("thyroid-ahfs")
    assert {e.citations for e in sms_thyroid} == {("sms2025",)}
    assert {e.citations for e in ahfs_thyroid} == {("ahfs2024",)}
    assert len(sms_thyroid) > len(ahfs_thyroid)
    assert "every month" in sms_thyroid[0].text and "every 3 months" in ahfs_thyroid[0].text
    ends = [e for e in schedule if e.rule.startswith("monitoring-end")]
    assert [e.citations[0] for e in ends] == ["sms2025", "ahfs2024", "mssociety2016"]
    assert "at least 48 months" in ends[0].text and "4 years" in ends[2].text


def test_dates_agree_with_the_contraception_calculator() -> None:
    for start in ("2026-01-12", "2026-10-27", "2028-02-27"):
        schedule = treatment_schedule(start)
        last = last_infusion(start, 1)
        after = after_last_infusion(last)
        by_claim = {m.rule.claim: m.date for m in after.milestones}
        events = {e.id: e for e in schedule}
        assert events["contraception-sms-c1"].start == by_claim["sms-pregnancy-contraception"]
        assert events["contraception-ahfs-c1"].start == by_claim["ahfs-pregnancy-contraception"]
        assert events["breastfeeding-sms-c1"].start == by_claim["sms-pregnancy-breastfeeding"]
        blood = by_claim["sms-contraindications-blood-products"]
        assert events["blood-products-sms-c1"].end == blood
        monitoring = after_last_infusion(schedule.last_infusion).first_date("monitoring")
        assert schedule.horizon == monitoring


def test_every_number_comes_from_a_claim() -> None:
    rules = load_schedule_rules()
    herpes = next(e for e in rules.events if e.id == "herpes-sms")
    value = FACTS.claim(herpes.end.after).value
    schedule = treatment_schedule("2026-03-31")
    event = next(e for e in schedule if e.id == "herpes-sms-c1")
    assert event.end == add_months(dt.date(2026, 3, 31), int(value.months))
    for name in ("schedule.py", "ui/js/schedule.js", "ui/js/schedule_view.js", "ui/schedule.py"):
        source = (Path(alemtuzumab_kb.__file__).parent / name).read_text("utf-8").lower()
        for literal in ("48", "12 months", "6 weeks", "2 weeks", "aciclovir", "1000 mg"):
            assert literal not in source, (name, literal)
    for rule in rules.events:
        assert not re.search(r"[0-9]", f"{rule.title} {rule.text or ''} {rule.lane}"), rule.id


def test_no_number_is_written_in_the_modules_around_the_schedule() -> None:
    """The check above, over the modules schedule.py stands on and the words of its page."""
    names = ("schedule_rules.py", "schedule_events.py", "schedule_calendar.py",
             "pages/schedule.py", "pages/myst.py", "facts/schedule.py")
    for name in names:
        source = (Path(alemtuzumab_kb.__file__).parent / name).read_text("utf-8").lower()
        for literal in ("48", "12 months", "6 weeks", "2 weeks", "aciclovir", "1000 mg"):
            assert literal not in source, (name, literal)


def test_rules_json_is_plain_json_and_holds_the_chart() -> None:
    data = rules_json()
    assert json.loads(json.dumps(data)) == data
    assert data["horizon"] == {"months": 48, "days": 0}
    assert data["due"]["interval"] == {"months": 12, "days": 0}
    assert data["courses"]["first"]["infusion_days"] == 5
    assert [k["colour"] for k in data["kinds"]] == [colour for _, colour in KINDS.values()]
    spec = data["chart"]
    assert spec["data"] == {"name": "events"}
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert spec["layer"][0]["encoding"]["color"]["scale"]["range"] == list(
        colour for _, colour in KINDS.values()
    )
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "utc"
    assert chart_spec() is chart_spec()


def test_rules_markdown_cites_every_rule() -> None:
    text = rules_markdown()
    for citation in ("sms2025", "ahfs2024", "ema2013", "mssociety2016"):
        assert f"{{cite:p}}`{citation}`" in text
    assert "{ref}`Swedish guideline <src-sms-premedication>`" in text
    assert "at least 6 weeks before the first infusion day of course 1" in text
    points = open_points_markdown()
    assert points.count("\n- ") + 1 == len(load_schedule_rules().open_points)
    assert "no end" in points or "how long" in points


# --- iCalendar ---------------------------------------------------------------------------


def _parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_calendar_file_parses_with_one_event_a_day_listing_every_event(case: dict) -> None:
    schedule = treatment_schedule(case["course1_start"], case["course2_start"])
    text = schedule_ics(case["course1_start"], case["course2_start"])
    calendar = _parse(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//")
    events = list(calendar.walk("VEVENT"))
    days = [event["DTSTART"].dt for event in events]
    assert days == sorted(set(days)), "one event a day, in date order"
    assert set(days) == {e.start for e in schedule} | {e.end for e in schedule if e.end}
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    by_day = {vevent["DTSTART"].dt: vevent for vevent in events}
    for event in schedule:
        vevent = by_day[event.start]
        assert vevent["DTEND"].dt == add_days(event.start, 1)
        assert vevent["DTSTART"].params["VALUE"] == "DATE"
        assert vevent["DTSTAMP"].dt == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        description = str(vevent["DESCRIPTION"])
        assert event.title in description
        for citation in event.citations:
            assert f"[{citation}]" in description
        assert "*" not in description
        if event.end and event.end != event.start:
            assert f"Last day: {event.title}" in str(by_day[event.end]["DESCRIPTION"])


CALENDARS = VECTORS["calendars"]


@pytest.mark.parametrize("case", CALENDARS, ids=[c["name"] for c in CALENDARS])
def test_calendar_vectors(case: dict) -> None:
    text = schedule_ics(case["course1_start"], case["course2_start"], include=case["include"])
    events = list(_parse(text).walk("VEVENT"))
    assert len(events) == case["count"]
    titles = {event["DTSTART"].dt.isoformat(): str(event["SUMMARY"]) for event in events}
    assert len(titles) == len(events), "at most one event a day"
    for day, title in case["days"].items():
        assert titles[day] == title, day


TODAY = VECTORS["today"]


@pytest.mark.parametrize("case", TODAY, ids=[c["name"] for c in TODAY])
def test_today_vectors(case: dict) -> None:
    """What is overdue on a day, and the rows the table shows from it, overdue first."""
    schedule = treatment_schedule(case["course1_start"], case["course2_start"])
    today = dt.date.fromisoformat(case["today"])
    assert [event.id for event in overdue(schedule, today)] == case["overdue"]
    if "lines" in case:
        assert list(overdue_lines(schedule, today)) == case["lines"]
    view = table_view(schedule, today, case["show"], case["show_all"])
    ids = [event.id for event in view.rows]
    if "rows" in case:
        assert ids == case["rows"]
    else:
        assert ids[: len(case["first"])] == case["first"] and len(ids) == case["count"]
    assert view.title == case["title"]
    assert [event.id for event in view.overdue] == case["overdue"]


def test_an_overdue_event_is_never_hidden_and_never_shown_twice() -> None:
    schedule = treatment_schedule("2027-01-11", "2028-01-20")
    for today in (dt.date(2026, 12, 5), dt.date(2028, 1, 15)):
        late = overdue(schedule, today)
        assert late, today
        for show in ("all", "once", "repeated"):
            for show_all in (False, True):
                rows = table_view(schedule, today, show, show_all).rows
                assert rows[: len(late)] == late
                assert len(set(rows)) == len(rows)
    with pytest.raises(ValueError, match="Choose which events to show"):
        table_view(schedule, dt.date(2026, 12, 5), "everything")  # type: ignore[arg-type]


def test_calendar_choices_filter_the_events() -> None:
    schedule = treatment_schedule("2026-01-12", "2027-01-18")
    choices = ics_choices()
    assert list(choices)[:2] == ["all", "one-off"] and "sms" in choices
    for include in choices:
        days = calendar_days(schedule, include)
        kept = {event.id for _, items in days for event, _ in items}
        if include == "one-off":
            assert all(not e.rule.startswith(("tests-", "thyroid-", "skin-", "hpv-"))
                       for e in schedule if e.id in kept)
            assert any(e.kind == "infusion" for e in schedule if e.id in kept)
        elif include != "all":
            for event in schedule:
                assert (event.id in kept) == any(r.source == include for r in event.rules)
    with pytest.raises(ValueError, match="Choose what the calendar holds"):
        schedule_ics("2026-01-12", include="everything")


def test_calendar_text_follows_rfc5545_form() -> None:
    text = schedule_ics("2026-01-12", "2027-01-18")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines), "long lines are folded"
    assert "RRULE" not in text
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT")
    assert "ö" in text  # a Swedish locator: UTF-8 kept, never split inside a character
    text.encode("utf-8").decode("utf-8")
    assert schedule_ics("2026-01-12") == schedule_ics("2026-01-12"), "reproducible"
    stamped = schedule_ics("2026-01-12", stamp=dt.datetime(2027, 5, 6, 7, 8, 9))
    assert "DTSTAMP:20270506T070809Z" in stamped
    assert schedule_ics("2026-01-12", stamp=DEFAULT_STAMP) == schedule_ics("2026-01-12")
    with pytest.raises(ValueError, match="YYYYMMDDTHHMMSSZ"):
        schedule_ics("2026-01-12", stamp="2026-01-01")


def test_uid_is_stable_when_course_2_is_entered_later() -> None:
    before = {str(e["UID"]) for e in _parse(schedule_ics("2026-01-12")).walk("VEVENT")}
    after = {str(e["UID"]) for e in _parse(schedule_ics("2026-01-12", "2027-01-12")).walk("VEVENT")}
    assert "all-20260112@alemtuzumab-ms-schedule" in before & after
    sms = _parse(schedule_ics("2026-01-12", include="sms")).walk("VEVENT")
    assert "sms-20260112@alemtuzumab-ms-schedule" in {str(e["UID"]) for e in sms}


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a, b", "a\\, b"),
        ("a; b", "a\\; b"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("crlf\r\nend", "crlf\\nend"),
        ("plain: text", "plain: text"),
    ],
)
def test_text_escaping(raw: str, escaped: str) -> None:
    assert ics_escape(raw) == escaped
    line = f"DESCRIPTION:{ics_escape(raw)}"
    parsed = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\n{line}\r\nEND:VEVENT\r\n")
    assert str(parsed["DESCRIPTION"]) == raw.replace("\r\n", "\n")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_folding_keeps_the_text_and_the_75_octet_limit(text: str) -> None:
    line = "SUMMARY:" + ics_escape(text)
    folded = ics_fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert parts[0] + "".join(part[1:] for part in parts[1:]) == line


def test_folding_never_splits_a_character() -> None:
    line = "DESCRIPTION:" + "ö" * 80 + "😀" * 10
    parts = ics_fold(line).split("\r\n")
    assert [len(p.encode()) for p in parts][:2] == [74, 75]
    assert "".join(p.lstrip(" ") if i else p for i, p in enumerate(parts)) == line


# --- hypothesis --------------------------------------------------------------------------

STARTS = st.dates(min_value=load_limits().earliest, max_value=load_limits().latest)
GAPS = st.one_of(st.none(), st.integers(min_value=5, max_value=6000))


def _pair(start: dt.date, gap: int | None) -> tuple[dt.date, dt.date | None]:
    if gap is None:
        return start, None
    second = start + dt.timedelta(days=gap)
    return start, second if second <= load_limits().latest else None


@settings(max_examples=60, deadline=None)
@given(STARTS, GAPS)
def test_events_are_sorted_cited_and_within_the_horizon(start: dt.date, gap: int | None) -> None:
    first, second = _pair(start, gap)
    schedule = treatment_schedule(first, second)
    starts = [event.start for event in schedule]
    assert starts == sorted(starts)
    for event in schedule:
        assert event.citations, event.id
        assert all(f"{{{key}," in REFERENCES for key in event.citations)
        assert event.sections and event.locators
        assert (event.end or event.start) <= schedule.horizon, event.id
        assert event.end is None or event.end >= event.start
    assert schedule.horizon == add_months(schedule.last_infusion, 48)
    assert len({event.id for event in schedule}) == len(schedule)
    infusions = schedule.by_rule("infusion")
    assert len(infusions) == (5 if second is None else 8)


@settings(max_examples=25, deadline=None)
@given(STARTS, GAPS, st.sampled_from(["all", "one-off", "sms", "ahfs"]))
def test_calendar_has_at_most_one_event_a_day(
    start: dt.date, gap: int | None, include: str
) -> None:
    first, second = _pair(start, gap)
    schedule = treatment_schedule(first, second)
    calendar = _parse(schedule_ics(first, second, include=include))
    days = [e["DTSTART"].dt for e in calendar.walk("VEVENT")]
    assert days == sorted(set(days))
    assert [day for day, _ in calendar_days(schedule, include)] == days


@given(st.text(max_size=12), st.one_of(st.none(), st.text(max_size=12)))
def test_any_text_gives_a_schedule_or_a_sentence(first: str, second: str | None) -> None:
    try:
        treatment_schedule(first, second)
    except InputError as error:
        assert str(error).endswith(".")
        assert error.code in {"empty-date", "date-format", "impossible-date", "course-order",
                              "date-range", "character"}

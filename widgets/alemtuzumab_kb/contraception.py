"""What follows a course of alemtuzumab: its last infusion, then contraception, breastfeeding,
vaccination, irradiated blood products and monitoring, each source's version kept apart.

The rules are data (data/rules/contraception.yaml); every period is the value of a claim. The
browser twin is widgets/alemtuzumab_kb/ui/js/contraception.js, which computes from `rules_json()`;
both pass tests/vectors/contraception.json.

Semantics:

- Infusions are given on consecutive days, so the last infusion of a course is its first day plus
  (infusion days - 1): course 1 has the first-course number of days, course 2 and later the
  later-course number. Course 3 or later rests on the sources that describe later courses.
- A period of N months "after the last infusion" ends on the last infusion + N calendar months,
  clamped at month end (31 October + 4 months = 28 or 29 February). Years are 12 months.
- A period "after a course" (the AHFS monograph) is counted from the course's last infusion.
- Each source's version is its own entry with its own citation; nothing is averaged or merged.
  The single-date functions return the Swedish guideline's date (the first entry in the data).

The rules table of the page around the calculator is `alemtuzumab_kb.pages.contraception`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from alemtuzumab_kb.dates import (
    Duration,
    add_days,
    add_duration,
    duration_json,
    entered_date,
    format_date,
)
from alemtuzumab_kb.errors import InputError, cut
from alemtuzumab_kb.facts import (
    fill_rule_text,
    load_contraception_rules,
    load_facts,
    value_durations,
)
from alemtuzumab_kb.limits import check_number, clean_text, limits_json, load_limits, real_number
from alemtuzumab_kb.washout import AppliedRule, applied_rule, wrap_line

LAST_INFUSION = "the date of the last infusion"
COURSE_START = "the first day of the course"


def _course_help() -> str:
    limit = load_limits().numbers["course"]
    return (
        f"Enter the course number as a whole number {limit.words()}: 1 for the first course, "
        "2 for the second."
    )


def _course_number(course: int | str) -> int:
    """A course number: a whole number inside data/limits.json's range (text such as ``"2"``
    is accepted)."""
    if isinstance(course, bool):
        raise InputError("course", _course_help())
    if isinstance(course, str):
        text = clean_text(course, "the course number")
        if not text:
            raise InputError("course", _course_help())
        if not text.isascii() or not text.isdigit():
            raise InputError("course", f"'{cut(text)}' is not a course number. {_course_help()}")
        course = int(text)
    if isinstance(real := real_number(course), int):
        course = real  # numpy's integers too
    if not isinstance(course, int):
        named = f" (a {type(course).__name__} is not one)" if course is not None else ""
        raise InputError("course", _course_help()[:-1] + named + ".")
    if course < 1:
        raise InputError("course", f"There is no course {course}. {_course_help()}")
    try:
        return int(check_number(course, "course", "The course number"))
    except InputError:
        raise InputError("course", _course_help()) from None


@dataclass(frozen=True)
class CourseRule:
    """How many infusion days a course has, and which claims say so."""

    group: Literal["first", "second", "further"]
    infusion_days: int
    rules: tuple[AppliedRule, ...]


@cache
def course_rules() -> dict[str, CourseRule]:
    facts = load_facts()
    courses = load_contraception_rules().courses
    result = {}
    for group in ("first", "second", "further"):
        claims = [facts.claim(cid) for cid in getattr(courses, group)]
        result[group] = CourseRule(
            group=group,
            infusion_days=int(claims[0].value.days),
            rules=tuple(applied_rule(c) for c in claims),
        )
    return result


def course_rule(course: int | str) -> CourseRule:
    """The rule for course number `course` (1, 2, or 3 and later)."""
    number = _course_number(course)
    return course_rules()["first" if number == 1 else "second" if number == 2 else "further"]


def last_infusion(course_start: dt.date | str, course: int | str) -> dt.date:
    """The day of the last infusion of a course that starts on `course_start`.

    Args:
        course_start: the first infusion day, as a date or ``YYYY-MM-DD`` text.
        course: 1 for the first course (five daily infusions in the sources), 2 or more for a
            later course (three).

    Returns:
        ``course_start`` plus the course's infusion days minus one, on consecutive days.

    Raises:
        ValueError: with a sentence saying what to enter, for a bad date, a date outside the
            window of data/limits.json, or a course number outside its range there.

    Examples:
        >>> last_infusion(dt.date(2028, 2, 27), 1)
        datetime.date(2028, 3, 2)
        >>> last_infusion("2026-11-01", 2)
        datetime.date(2026, 11, 3)
    """
    return course_end(entered_date(course_start, COURSE_START), course)


def course_end(start: dt.date, course: int | str) -> dt.date:
    """The last infusion day of a course starting on `start`, with no window on the date (for
    a course the schedule projects, which may fall after the last date a reader may enter)."""
    return add_days(start, course_rule(course).infusion_days - 1)


@dataclass(frozen=True)
class Milestone:
    """One source's version of one thing that follows the last infusion.

    Attributes:
        item: what it is about (``"contraception"``, ``"monitoring"``...).
        reads: ``"until"`` (the date ends a period), ``"from"`` (the date opens one) or
            ``"no-date"`` (the source sets no period).
        date: the date, or None for ``"no-date"``.
        text: what the source says, in our words, with its number.
        rule: the claim, with source, locator and chapter section.
    """

    item: str
    label: str
    reads: Literal["until", "from", "no-date"]
    qualifier: str | None
    date: dt.date | None
    text: str
    rule: AppliedRule

    @property
    def when(self) -> str:
        """``until 3 March 2027``, ``until at least 3 November 2030``, ``from 3 February 2027``
        or ``no date set``."""
        if self.date is None:
            return "no date set"
        words = f"{self.reads} at least" if self.qualifier == "at least" else self.reads
        return f"{words} {format_date(self.date)}"


@dataclass(frozen=True)
class AfterLastInfusion:
    """Everything that follows the last infusion, source by source.

    `items` maps an item id (``"contraception"``, ``"breastfeeding"``, ``"vaccination"``,
    ``"blood-products"``, ``"monitoring"``) to its milestones, one per source, in data order.
    """

    last_infusion: dt.date
    items: dict[str, tuple[Milestone, ...]]

    @property
    def milestones(self) -> tuple[Milestone, ...]:
        return tuple(m for entries in self.items.values() for m in entries)

    def first_date(self, item: str) -> dt.date:
        """The first dated milestone of `item`: the Swedish guideline's, in the data's order."""
        return next(m.date for m in self.items[item] if m.date is not None)

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.rule.citation for m in self.milestones))

    @property
    def headline(self) -> str:
        """The answer to the first question (contraception) in one line, shown first; where the
        sources' dates differ, it names whose date it gives (the browser twin is `headline`)."""
        entries = next(iter(self.items.values()))
        dated = [m for m in entries if m.date is not None]
        if not dated:
            return f"{entries[0].label}: no date set by the sources"
        first = dated[0]
        if all(m.when == first.when for m in dated):
            return f"{first.label} {first.when}"
        return f"{first.label} {first.when} ({first.rule.source_name}); the sources differ"

    def __str__(self) -> str:
        lines = [f"{self.headline}.", f"Last infusion: {format_date(self.last_infusion)}."]
        for entries in self.items.values():
            lines.append(f"{entries[0].label}:")
            for m in entries:
                line = f"- {m.when}, {m.rule.source_name} [{m.rule.citation}]: {m.text}"
                lines.append(wrap_line(line))
        return "\n".join(lines)


@dataclass(frozen=True)
class _Entry:
    item: str
    label: str
    reads: Literal["until", "from", "no-date"]
    qualifier: str | None
    duration: Duration | None
    text: str
    rule: AppliedRule


@cache
def follow_up_entries() -> tuple[_Entry, ...]:
    facts = load_facts()
    entries = []
    for item in load_contraception_rules().after_last_infusion:
        for index, entry in enumerate(item.entries):
            claim = facts.claim(entry.claim)
            duration = value_durations(claim.value)[0] if entry.reads != "no-date" else None
            entries.append(
                _Entry(
                    item=item.id,
                    label=item.label,
                    reads=entry.reads,
                    qualifier=claim.value.qualifier if claim.value else None,
                    duration=duration,
                    text=fill_rule_text(entry.text, claim, f"{item.id}.entries[{index}]"),
                    rule=applied_rule(claim, (
                        (f"rule contraception/{item.id}/{entry.claim}", entry.reading)
                        if entry.reading else None
                    )),
                )
            )
    return tuple(entries)


def after_last_infusion(last_infusion: dt.date | str) -> AfterLastInfusion:
    """Every date that follows the last infusion, one entry per source, never blended.

    Args:
        last_infusion: the day of the last infusion, as a date or ``YYYY-MM-DD`` text.

    Returns:
        An AfterLastInfusion whose ``items`` hold, for contraception, breastfeeding, vaccination,
        irradiated blood products and monitoring, each source's date (or no date) with its text
        and citation.

    Examples:
        >>> result = after_last_infusion("2026-10-31")
        >>> [(m.rule.source, m.date) for m in result.items["contraception"]]
        [('sms', datetime.date(2027, 2, 28)), ('ahfs', datetime.date(2027, 2, 28))]
    """
    day = entered_date(last_infusion, LAST_INFUSION)
    items: dict[str, list[Milestone]] = {}
    for entry in follow_up_entries():
        date = add_duration(day, entry.duration) if entry.duration is not None else None
        items.setdefault(entry.item, []).append(
            Milestone(
                entry.item, entry.label, entry.reads, entry.qualifier, date, entry.text, entry.rule
            )
        )
    return AfterLastInfusion(day, {key: tuple(value) for key, value in items.items()})


def contraception_end(last_infusion: dt.date | str) -> dt.date:
    """The day contraception may stop: the Swedish guideline's period after the last infusion.

    The AHFS monograph's period, counted from the end of the course, is in
    ``after_last_infusion(...).items["contraception"]``; with the current data both give one date.

    Examples:
        >>> contraception_end(dt.date(2026, 10, 31))
        datetime.date(2027, 2, 28)
    """
    return after_last_infusion(last_infusion).first_date("contraception")


def breastfeeding_end(last_infusion: dt.date | str) -> dt.date:
    """The day the Swedish guideline's period without breastfeeding ends (the only source that
    sets one).

    Examples:
        >>> breastfeeding_end("2026-11-03")
        datetime.date(2027, 3, 3)
    """
    return after_last_infusion(last_infusion).first_date("breastfeeding")


def monitoring_end(last_infusion: dt.date | str) -> dt.date:
    """The earliest day monitoring may end in the Swedish guideline ("at least" that long).

    Examples:
        >>> monitoring_end("2028-02-29")
        datetime.date(2032, 2, 29)
    """
    return after_last_infusion(last_infusion).first_date("monitoring")



@cache
def rules_json() -> dict[str, Any]:
    """Everything the browser needs, as plain JSON: no clinical number is written in JavaScript."""
    return {
        "limits": limits_json(),
        "courses": {
            group: {
                "infusion_days": rule.infusion_days,
                "rules": [r.to_json(statement=False) for r in rule.rules],
            }
            for group, rule in course_rules().items()
        },
        "entries": [
            {
                "item": e.item,
                "label": e.label,
                "reads": e.reads,
                "qualifier": e.qualifier,
                "duration": duration_json(e.duration),
                "text": e.text,
                "rule": e.rule.to_json(statement=False),
            }
            for e in follow_up_entries()
        ],
    }

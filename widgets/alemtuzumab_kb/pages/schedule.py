"""The schedule's rules as the page book/calculators/schedule.ipynb shows them: a table of every
event, how its date is counted, what the source says and the source; and the open points."""

from __future__ import annotations

from alemtuzumab_kb.contraception import course_rule
from alemtuzumab_kb.pages.myst import source_cell, text
from alemtuzumab_kb.schedule_rules import Anchor, compiled_rules, every_words
from alemtuzumab_kb.washout import AppliedRule

ANCHOR_WORDS = {
    "first-infusion": "first infusion day",
    "last-infusion": "last infusion",
    "day-before-first-infusion": "day before the first infusion day",
}
COURSE_WORDS = {
    "first": "course 1",
    "each": "each course",
    "last": "the last course",
}


def _anchor_words(anchor: Anchor, courses: str) -> str:
    day = f"the {ANCHOR_WORDS[anchor.anchor]} of {COURSE_WORDS[courses]}"
    if anchor.sign == 0:
        return day
    word = "after" if anchor.sign > 0 else "before"
    return f"{anchor.words} {word} {day}"


def _source_cells(rules: tuple[AppliedRule, ...]) -> str:
    return "<br>".join(dict.fromkeys(source_cell(rule) for rule in rules))


def rules_markdown() -> str:
    """The rules as a MyST table: each event, how its date is counted, its text and its source."""
    compiled = compiled_rules()
    rows = [
        "| Event | Date, as counted here | What the source says | Source |",
        "|---|---|---|---|",
    ]
    course = course_rule(1)
    later = course_rule(2)
    rows.append(
        f"| Infusion days | {course.infusion_days} consecutive days from the first day of "
        f"course 1; {later.infusion_days} from the first day of course 2 | "
        f"{text(compiled.infusions['text'])} | {_source_cells(course.rules)} |"
    )
    due = compiled.due
    rows.append(
        f"| {text(due.title.replace('{course}', '2'))} | {compiled.interval_text} after the "
        f"first day of course 1 (shown when course 2 is not entered) | {text(due.text)} | "
        f"{_source_cells(due.rules)} |"
    )
    for rule in compiled.events:
        if rule.shape == "date":
            when = _anchor_words(rule.anchors["date"], rule.courses)
        elif rule.shape == "range":
            when = (
                f"from {_anchor_words(rule.anchors['start'], rule.courses)} to "
                f"{_anchor_words(rule.anchors['end'], rule.courses)}"
            )
        else:
            assert rule.every is not None
            start = (
                "the first day of course 1"
                if rule.counted_from == "first-infusion"
                else "the last infusion of each course, until the next course starts"
            )
            assert rule.every_claim is not None
            when = (
                f"{every_words(rule.every_claim)} from {start}, up to "
                f"{compiled.horizon_text} after the last infusion"
            )
        rows.append(
            f"| {text(rule.title)} | {when} | {text(rule.text)} | {_source_cells(rule.rules)} |"
        )
    return "\n".join(rows)


def open_points_markdown() -> str:
    """What the sources leave without a date, as a MyST list with citations."""
    return "\n".join(
        f"- {text(words)} {source_cell(rule)}" for words, rule in compiled_rules().open_points
    )

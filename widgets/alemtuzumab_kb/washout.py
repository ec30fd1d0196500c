"""Washout when switching to alemtuzumab from another MS therapy, or from alemtuzumab to another.

The rules are data (data/rules/washout.yaml, data/therapies.yaml); each interval is the value of
a claim of the Swedish guideline's *Wash-out* section. The browser twin is
widgets/alemtuzumab_kb/ui/js/washout.js, which computes from `rules_json()`; both pass
tests/vectors/washout.json.

Edge semantics (the notebook book/calculators/washout.ipynb explains them):

- "No washout" (a claim value of 0 months): the earliest start is the day of the last dose itself;
  the sources set no latest start.
- A washout of N months: earliest start = last dose + N calendar months, clamped at month end;
  no latest start unless the source gives a range (natalizumab: 2-3 months gives both).
- A therapy the source names without an interval (teriflunomide): no dates, only the actions.
- A therapy the sources do not name (ocrelizumab, cladribine, ...): ``covered`` is False, no
  dates; only the actions that apply before any first course are listed.
- ``prior="alemtuzumab"`` gives the plan for switching from alemtuzumab to another therapy.

The rules table of the page around the calculator is `alemtuzumab_kb.pages.washout`.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from alemtuzumab_kb.currency import Note, note_json, question_note, reading_json
from alemtuzumab_kb.dates import Duration, add_duration, duration_json, entered_date, format_date
from alemtuzumab_kb.errors import InputError, cut
from alemtuzumab_kb.facts import (
    Claim,
    Reading,
    Therapy,
    fill_rule_text,
    format_value,
    load_facts,
    load_therapies,
    load_washout_rules,
    normalise_name,
    value_durations,
)
from alemtuzumab_kb.limits import clean_text, limits_json

Direction = Literal["to-alemtuzumab", "from-alemtuzumab"]
LAST_DOSE = "the date of the last dose"


def wrap_line(line: str) -> str:
    """One printed line, wrapped for a notebook: long lines continue indented."""
    return textwrap.fill(line, width=88, subsequent_indent="  ", break_on_hyphens=False)


@dataclass(frozen=True)
class AppliedRule:
    """A claim a result rests on, with where to find it (source, locator, chapter section), the
    source's status on its question where it is no longer current, and the readings of ours the
    rule rests on (the claim's own, and the rule's use of it), each with where data/ records it."""

    claim: str
    statement: str
    source: str
    source_name: str
    citation: str
    locator: str
    section: str
    href: str
    question: str = ""
    note: Note | None = None
    readings: tuple[tuple[str, Reading], ...] = ()
    """(key, reading): keys as `alemtuzumab_kb.currency.Marked`, e.g. ``claim <id>``."""

    def to_json(self, statement: bool = True) -> dict[str, Any]:
        """The fields the browser's citation list uses, plus the claim (and its statement, for
        a calculator that shows it); its status where it is no longer current and its readings,
        where it has them."""
        fields: dict[str, Any] = {
            "claim": self.claim,
            "statement": self.statement,
            "source": self.source_name,
            "key": self.citation,
            "locator": self.locator,
            "href": self.href,
        }
        if not statement:
            del fields["statement"]
        if self.note is not None and self.note.loud:
            fields["currency"] = note_json(load_facts(), self.source, self.question)
        if self.readings:
            fields["readings"] = [reading_json(reading) for _, reading in self.readings]
        return fields


def applied_rule(claim: Claim, reading: tuple[str, Reading] | None = None) -> AppliedRule:
    """Where a claim comes from, with the link to its section of the source chapter; `reading`
    is the reading of the rule that uses it, where it has one (key, reading)."""
    facts = load_facts()
    source = facts.source(claim.source)
    section = facts.section_of(claim)
    readings = ((f"claim {claim.id}", claim.reading),) if claim.reading else ()
    return AppliedRule(
        claim=claim.id,
        statement=" ".join(claim.statement.split()),
        source=source.id,
        source_name=source.short,
        citation=claim.citation,
        locator=claim.locator,
        section=section,
        href=f"book/sources/{source.chapter}.html#{section}",
        question=claim.question,
        note=question_note(facts, claim.source, claim.question),
        readings=readings + ((reading,) if reading else ()),
    )


@dataclass(frozen=True)
class _Compiled:
    """One therapy's rule, resolved from data: durations, filled-in texts, applied rules."""

    therapy: Therapy
    direction: Direction
    covered: bool
    stated: bool
    earliest: Duration | None
    latest: Duration | None
    offset: str
    notice: str
    own_actions: tuple[str, ...]
    general_actions: tuple[str, ...]
    cautions: tuple[str, ...]
    caveats: tuple[str, ...]
    rules: tuple[AppliedRule, ...]

    @property
    def actions(self) -> tuple[str, ...]:
        return (*self.own_actions, *self.general_actions)


def _fill(item: Any, where: str, therapy: str = "") -> tuple[str, AppliedRule]:
    claim = load_facts().claim(item.claim)
    reading = (f"rule washout/{therapy}/{item.claim}", item.reading) if item.reading else None
    return fill_rule_text(item.text, claim, where), applied_rule(claim, reading)


@cache
def general_actions() -> list[tuple[str, AppliedRule]]:
    """What applies before any first course, whatever the therapy stopped: text and rule."""
    return [_fill(item, "before_first_course") for item in load_washout_rules().before_first_course]


@cache
def compiled_rules() -> dict[str, _Compiled]:
    facts = load_facts()
    rules = load_washout_rules()
    by_therapy = {rule.therapy: rule for rule in rules.rules}
    general = general_actions()
    compiled = {}
    for therapy in load_therapies():
        rule = by_therapy.get(therapy.id)
        if rule is None:
            text = " ".join(rules.not_covered.split()).replace("{therapy}", therapy.label)
            compiled[therapy.id] = _Compiled(
                therapy=therapy,
                direction="to-alemtuzumab",
                covered=False,
                stated=False,
                earliest=None,
                latest=None,
                offset="",
                notice=text,
                own_actions=(),
                general_actions=tuple(text for text, _ in general),
                cautions=(),
                caveats=(),
                rules=_unique(rule for _, rule in general),
            )
            continue
        interval = facts.claim(rule.interval)
        earliest, latest = value_durations(interval.value) if interval.value else (None, None)
        filled = {
            group: [
                _fill(item, f"{therapy.id}.{group}", therapy.id) for item in getattr(rule, group)
            ]
            for group in ("actions", "cautions", "caveats")
        }
        extra = general if rule.direction == "to-alemtuzumab" else []
        compiled[therapy.id] = _Compiled(
            therapy=therapy,
            direction=rule.direction,
            covered=True,
            stated=interval.value is not None,
            earliest=earliest,
            latest=latest,
            offset=_offset_text(interval),
            notice="",
            own_actions=tuple(text for text, _ in filled["actions"]),
            general_actions=tuple(text for text, _ in extra),
            cautions=tuple(text for text, _ in filled["cautions"]),
            caveats=tuple(text for text, _ in filled["caveats"]),
            rules=_unique(
                [
                    applied_rule(interval),
                    *(r for group in filled.values() for _, r in group),
                    *(r for _, r in extra),
                ]
            ),
        )
    return compiled


def _unique(rules: Any) -> tuple[AppliedRule, ...]:
    """One rule per claim, with the readings of every use of it."""
    seen: dict[str, AppliedRule] = {}
    for rule in rules:
        if rule.claim in seen:
            first = seen[rule.claim]
            readings = tuple(dict.fromkeys((*first.readings, *rule.readings)))
            seen[rule.claim] = replace(first, readings=readings)
        else:
            seen[rule.claim] = rule
    return tuple(seen.values())


def _offset_text(claim: Claim) -> str:
    if claim.value is None:
        return ""
    low, high = value_durations(claim.value)
    if high is None and low == Duration():
        return "none"
    return format_value(claim.value)


def therapies() -> tuple[Therapy, ...]:
    """Every therapy the calculator knows, covered or not (data/therapies.yaml)."""
    return load_therapies()


def covered_therapies() -> tuple[Therapy, ...]:
    """The therapies the sources give a switching rule for."""
    return tuple(t for t in load_therapies() if compiled_rules()[t.id].covered)


@cache
def _names() -> dict[str, str]:
    return {normalise_name(name): t.id for t in load_therapies() for name in t.names}


# How close a mistyped name must be to a known one to be offered ("Did you mean ...?"): edits
# allowed per letters typed, at least one and at most MAX_EDITS; at most MAX_SUGGESTIONS names.
LETTERS_PER_EDIT = 4
MAX_EDITS = 3
MAX_SUGGESTIONS = 3
MIN_PREFIX = 3
"""Letters typed from which a name that starts with them is offered too ("ocre": ocrelizumab)."""
EXAMPLE_NAMES = "e.g. fingolimod or Gilenya"


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`.

    The optimal string alignment distance; the browser twin is ``editDistance`` in
    widgets/alemtuzumab_kb/ui/js/washout.js.

    Examples:
        >>> edit_distance("fingolimd", "fingolimod"), edit_distance("tysbari", "tysabri")
        (1, 1)
    """
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[len(b)]


def _name_part(key: str) -> list[str]:
    """What to look up for a normalised name: the whole, then each part before a word that
    starts with a digit, longest first (``gilenya 0.5 mg`` -> ``gilenya``; ``interferon beta
    1a 44 mcg`` -> ``interferon beta 1a``, then ``interferon beta``)."""
    words = key.split(" ")
    cuts = [i for i in range(len(words) - 1, 0, -1) if "0" <= words[i][0] <= "9"]
    return [key, *(" ".join(words[:i]) for i in cuts)]


def suggestions(name: str) -> tuple[str, ...]:
    """Known names close to a mistyped one, best first: at most one per therapy.

    A name is close when it starts with what was typed (MIN_PREFIX letters or more) or is within a
    few edits of it (one per LETTERS_PER_EDIT letters typed, from 1 to MAX_EDITS); what was typed
    is tried whole and without what follows a word that starts with a digit (a dose).

    Examples:
        >>> suggestions("fingolimd"), suggestions("Tysabry 300 mg"), suggestions("xyz")
        (('fingolimod',), ('Tysabri',), ())
    """
    parts = [(key, min(MAX_EDITS, max(1, len(key) // LETTERS_PER_EDIT)))
             for key in _name_part(normalise_name(name))]
    best: dict[str, tuple[int, str]] = {}
    for option in _options():
        candidate = normalise_name(option)
        therapy = _names()[candidate]
        for key, allowed in parts:
            prefix = len(key) >= MIN_PREFIX and candidate.startswith(key)
            # No fewer edits than the lengths differ: a name far longer than any therapy's (a
            # megabyte pasted in) is not compared letter by letter with each.
            if abs(len(key) - len(candidate)) > allowed:
                if not prefix:
                    continue
                distance = allowed
            else:
                distance = edit_distance(key, candidate)
                distance = min(distance, allowed) if prefix else distance
            held = best.get(therapy, (MAX_EDITS + 1, ""))
            if distance <= allowed and (distance, option.lower()) < held:
                best[therapy] = (distance, option.lower())
    ranked = sorted(best.values())[:MAX_SUGGESTIONS]
    by_lower = {option.lower(): option for option in _options()}
    return tuple(by_lower[lower] for _, lower in ranked)


def _or_list(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def find_therapy(name: str) -> Therapy:
    """The therapy a generic or brand name stands for, case-insensitively; a dose after the
    name (``"Gilenya 0.5 mg"``) is ignored.

    Raises:
        ValueError: for an empty or unknown name; for a name close to known ones, the message
            asks "Did you mean ...?" with them.

    Examples:
        >>> find_therapy("GILENYA").generic, find_therapy("Gilenya 0.5 mg").generic
        ('fingolimod', 'fingolimod')
    """
    if isinstance(name, str):
        name = clean_text(name, "the therapy")
    if not isinstance(name, str) or not normalise_name(name):
        raise InputError(
            "empty-therapy",
            f"Enter the therapy that was stopped, by generic or brand name, {EXAMPLE_NAMES}.",
        )
    therapy_id = next(
        (_names()[key] for key in _name_part(normalise_name(name)) if key in _names()), None
    )
    if therapy_id is None:
        close = suggestions(name)
        advice = (
            f"Did you mean {_or_list(close)}?"
            if close
            else "Enter the generic or brand name of a disease-modifying therapy for MS, "
            f"{EXAMPLE_NAMES}."
        )
        raise InputError(
            "unknown-therapy",
            f"'{cut(name.strip())}' is not a therapy this calculator knows. {advice}",
        )
    return next(t for t in load_therapies() if t.id == therapy_id)


@cache
def _options() -> tuple[str, ...]:
    """Every generic and brand name, as written in data/therapies.yaml, sorted."""
    return tuple(sorted({name for t in load_therapies() for name in t.names}, key=str.lower))


@dataclass(frozen=True)
class WashoutPlan:
    """What the sources say about one switch, with its dates.

    Attributes:
        prior: id of the therapy stopped (``"fingolimod"``).
        therapy: how the therapy is shown (``"fingolimod (Gilenya, Tascenso ODT)"``).
        direction: ``"to-alemtuzumab"``, or ``"from-alemtuzumab"`` when alemtuzumab was stopped.
        covered: False when no source gives a rule for this therapy.
        interval_stated: True when the rule gives a washout length (0 for "no washout").
        last_dose: the date of the last dose of the therapy stopped.
        earliest_start: first day the next therapy may start, or None where the sources set none.
        latest_start: last day by which it should start, or None where the sources set none.
        actions: what must happen first, as sentences.
        cautions: warnings about the switch, as sentences.
        caveats: doubts about the rule itself (e.g. the translation), as sentences.
        rules: the claims applied, each with source, locator and chapter section.
        citations: bibliography keys of `rules`, in order, without repeats.
    """

    prior: str
    therapy: str
    direction: Direction
    covered: bool
    interval_stated: bool
    last_dose: dt.date
    earliest_start: dt.date | None
    latest_start: dt.date | None
    offset: str
    notice: str
    actions: tuple[str, ...]
    cautions: tuple[str, ...]
    caveats: tuple[str, ...]
    rules: tuple[AppliedRule, ...]
    citations: tuple[str, ...]

    @property
    def next_therapy(self) -> str:
        return "alemtuzumab" if self.direction == "to-alemtuzumab" else "the next therapy"

    @property
    def headline(self) -> str:
        """The answer in one line, shown first: the dates, or that there are none."""
        if not self.covered:
            return "No date: no source gives a rule for this switch"
        if self.earliest_start is None:
            return "No date: the source sets no washout interval"
        head = f"Earliest start of {self.next_therapy}: {format_date(self.earliest_start)}"
        if self.latest_start is not None:
            return f"{head}; latest start: {format_date(self.latest_start)}"
        return head

    @property
    def summary(self) -> str:
        """One or two sentences: the dates, or why there are none."""
        if not self.covered:
            return self.notice
        if not self.interval_stated:
            return (
                f"The source names {self.therapy} but sets no washout interval, so there is no "
                f"earliest or latest date for starting {self.next_therapy}."
            )
        assert self.earliest_start is not None
        when = format_date(self.earliest_start)
        if self.latest_start is not None:
            return (
                f"Washout of {self.offset}: earliest start of {self.next_therapy} {when}, "
                f"latest start {format_date(self.latest_start)}."
            )
        if self.earliest_start == self.last_dose:
            head = (
                f"No washout: {self.next_therapy} can start from {when}, "
                "the day of the last dose"
            )
        else:
            head = f"Washout of {self.offset}: earliest start of {self.next_therapy} {when}"
        return f"{head}; the sources set no latest start."

    def __str__(self) -> str:
        lines = [
            f"Switching from {self.therapy} to {self.next_therapy}; "
            f"last dose {format_date(self.last_dose)}.",
            self.headline + ".",
            self.summary,
        ]
        lines += [f"- Action: {text}" for text in self.actions]
        lines += [f"- Caution: {text}" for text in self.cautions]
        lines += [f"- Caveat: {text}" for text in self.caveats]
        lines += [
            f"Rule: {r.statement} [{r.source_name}, {r.locator}; {r.citation}]" for r in self.rules
        ]
        return "\n".join(wrap_line(line) for line in lines)


def washout_plan(prior: str, last_dose: dt.date | str) -> WashoutPlan:
    """When the next therapy may start after `prior` is stopped, and what must happen first.

    Args:
        prior: the therapy stopped, by generic or brand name, in any case (``"Gilenya"``); a
            dose after the name is ignored (``"Gilenya 0.5 mg"``).
            ``"alemtuzumab"`` or ``"Lemtrada"`` gives the switch from alemtuzumab to another
            therapy.
        last_dose: the date of the last dose, as a date or ``YYYY-MM-DD`` text.

    Returns:
        A WashoutPlan: ``earliest_start`` and ``latest_start`` (dates, or None where the sources
        set none), ``actions`` (sentences), ``citations`` (bibliography keys), the rules applied
        with their locators, and whether the therapy is covered at all.

    Raises:
        ValueError: with a sentence saying what to enter, for an empty or unknown name (asking
            "Did you mean ...?" with the known names close to it) or a date that is empty, badly
            written, impossible or outside the window of data/limits.json.

    Examples:
        >>> plan = washout_plan("fingolimod", "2026-01-31")
        >>> plan.earliest_start, plan.latest_start, plan.citations
        (datetime.date(2026, 3, 31), None, ('sms2025',))
        >>> washout_plan("Tysabri", "2026-01-31").latest_start
        datetime.date(2026, 4, 30)
        >>> washout_plan("ocrelizumab", "2026-01-31").covered
        False
    """
    therapy = find_therapy(prior)
    day = entered_date(last_dose, LAST_DOSE)
    rule = compiled_rules()[therapy.id]
    earliest = add_duration(day, rule.earliest) if rule.earliest is not None else None
    latest = add_duration(day, rule.latest) if rule.latest is not None else None
    return WashoutPlan(
        prior=therapy.id,
        therapy=therapy.label,
        direction=rule.direction,
        covered=rule.covered,
        interval_stated=rule.stated,
        last_dose=day,
        earliest_start=earliest,
        latest_start=latest,
        offset=rule.offset,
        notice=rule.notice,
        actions=rule.actions,
        cautions=rule.cautions,
        caveats=rule.caveats,
        rules=rule.rules,
        citations=tuple(dict.fromkeys(r.citation for r in rule.rules)),
    )



@cache
def rules_json() -> dict[str, Any]:
    """Everything the browser needs, as plain JSON: no clinical number is written in JavaScript.

    Returns:
        ``{"names": {normalised name: id}, "therapies": {id: rule}, "options": [...],
        "match": {...}, "checked": [...]}``; each rule holds its durations (calendar months and
        days), its sentences and its citations (source, locator, key, link to the chapter section).
    """
    facts = load_facts()
    rules = load_washout_rules()
    compiled = compiled_rules()
    return {
        "limits": limits_json(),
        "names": _names(),
        "options": list(_options()),
        "match": {
            "letters_per_edit": LETTERS_PER_EDIT,
            "max_edits": MAX_EDITS,
            "max_suggestions": MAX_SUGGESTIONS,
            "min_prefix": MIN_PREFIX,
        },
        "checked": [
            {
                "source": facts.source(source).short,
                "key": facts.source(source).citation,
                "locator": "switching and washout",
                "href": f"book/sources/{facts.source(source).chapter}.html#src-{source}-switching",
            }
            for source in rules.checked_sources
        ],
        # Each sentence and citation once: a therapy names its claims by id, and the actions
        # before any first course (`general`) are shared by every switch to alemtuzumab.
        "claims": {r.claim: r.to_json() for rule in compiled.values() for r in rule.rules},
        "general": [text for text, _ in general_actions()],
        "not_covered": " ".join(rules.not_covered.split()),
        "therapies": {
            therapy_id: {
                "label": rule.therapy.label,
                "direction": rule.direction,
                "covered": rule.covered,
                "stated": rule.stated,
                "earliest": duration_json(rule.earliest),
                "latest": duration_json(rule.latest),
                "offset": rule.offset,
                "actions": list(rule.own_actions),
                "general": bool(rule.general_actions),
                "cautions": list(rule.cautions),
                "caveats": list(rule.caveats),
                "rules": [r.claim for r in rule.rules],
            }
            for therapy_id, rule in compiled.items()
        },
    }

"""The therapies a reader may name (data/therapies.yaml) and how a switch from each is handled
(data/rules/washout.yaml); read by `alemtuzumab_kb.washout` (issue 5)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from alemtuzumab_kb.data_dir import DATA, cached_per_folder
from alemtuzumab_kb.data_files import Place, Strict, parse_records
from alemtuzumab_kb.facts.loader import load_facts
from alemtuzumab_kb.facts.rules import (
    RuleText,
    claim_durations,
    claim_for,
    fill_rule_text,
    parse_model,
)
from alemtuzumab_kb.limits import space_pattern


class Therapy(Strict):
    """A disease-modifying therapy of MS, by generic name, with other names and brand names."""

    id: str
    generic: str
    other_names: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a reader may type for it: generic, other generic names, brands."""
        return (self.generic, *self.other_names, *self.brands)

    @property
    def label(self) -> str:
        """``fingolimod (Gilenya, Tascenso ODT)``."""
        return f"{self.generic} ({', '.join(self.brands)})" if self.brands else self.generic


def normalise_name(text: str) -> str:
    """A therapy name for matching: lower case; runs of spaces, hyphens, dashes and underscores
    become one space (the browser twin is ``normaliseName`` in
    widgets/alemtuzumab_kb/ui/js/washout.js)."""
    if not isinstance(text, str):
        raise ValueError(f"Give a therapy name as text, not {type(text).__name__}.")
    separators = f"(?:{space_pattern()}|[_\\-\\u2010-\\u2015])+"
    return " ".join(part for part in re.split(separators, text.lower()) if part)


class WashoutRule(Strict):
    """How one therapy's switch is handled; its interval is the value of the `interval` claim."""

    therapy: str
    direction: Literal["to-alemtuzumab", "from-alemtuzumab"] = "to-alemtuzumab"
    interval: str
    actions: tuple[RuleText, ...] = ()
    cautions: tuple[RuleText, ...] = ()
    caveats: tuple[RuleText, ...] = ()


class WashoutRules(Strict):
    """data/rules/washout.yaml."""

    checked_sources: tuple[str, ...]
    not_covered: str
    before_first_course: tuple[RuleText, ...] = ()
    rules: tuple[WashoutRule, ...]


@cached_per_folder
def load_therapies(data: Path = DATA) -> tuple[Therapy, ...]:
    """The therapies of data/therapies.yaml; a name used by two therapies is an error.

    Examples:
        >>> next(t for t in load_therapies() if t.id == "fingolimod").brands[0]
        'Gilenya'
    """
    path = data / "therapies.yaml"
    therapies = tuple(parse_records(path, Therapy))
    seen: dict[str, str] = {}
    for index, therapy in enumerate(therapies):
        where = Place(path, (index,), f"therapy {therapy.id}")
        for name in therapy.names:
            key = normalise_name(name)
            if not key:
                raise where.fault("a name is empty")
            if seen.setdefault(key, therapy.id) != therapy.id:
                raise where.fault(f"the name {name!r} also names {seen[key]}")
    return therapies


@cached_per_folder
def load_washout_rules(data: Path = DATA) -> WashoutRules:
    """data/rules/washout.yaml, cross-checked against the therapies and the claims."""
    path = data / "rules" / "washout.yaml"
    rules = parse_model(path, WashoutRules)
    facts = load_facts(data)
    therapy_ids = {t.id for t in load_therapies(data)}
    source_ids = {s.id for s in facts.sources}
    for index, source in enumerate(rules.checked_sources):
        if source not in source_ids:
            raise (Place(path) / "checked_sources" / index).fault(
                f"{source!r} is not a source in data/sources.yaml"
            )
    if "{therapy}" not in rules.not_covered or any(c.isdigit() for c in rules.not_covered):
        raise (Place(path) / "not_covered").fault("name the {therapy} and write no number")
    seen: set[str] = set()
    for index, rule in enumerate(rules.rules):
        where = Place(path, ("rules", index), f"rule {rule.therapy}")
        if rule.therapy not in therapy_ids:
            raise (where / "therapy").fault(f"{rule.therapy!r} is not a therapy in therapies.yaml")
        if rule.therapy in seen:
            raise (where / "therapy").fault(f"a second rule for {rule.therapy}; keep one")
        seen.add(rule.therapy)
        interval = claim_for(facts, rule.interval, where / "interval")
        if interval.value is not None:
            if interval.value.qualifier is not None:
                raise (where / "interval").fault(
                    f"claim {interval.id} says {interval.value.qualifier!r}; the calculator can "
                    "only read a plain number or range as a washout"
                )
            claim_durations(data, interval, where / "interval")
        for group in ("actions", "cautions", "caveats"):
            for number, item in enumerate(getattr(rule, group)):
                claim = claim_for(facts, item.claim, where / group / number / "claim")
                fill_rule_text(item.text, claim, where / group / number / "text")
    for number, item in enumerate(rules.before_first_course):
        place = Place(path) / "before_first_course" / number
        claim = claim_for(facts, item.claim, place / "claim")
        fill_rule_text(item.text, claim, place / "text")
    return rules

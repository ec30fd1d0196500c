"""The courses and what follows the last infusion (data/rules/contraception.yaml); read by
`alemtuzumab_kb.contraception` and, for the infusion days, `alemtuzumab_kb.schedule` (issue 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from alemtuzumab_kb.data_dir import DATA, cached_per_folder
from alemtuzumab_kb.data_files import Place, Strict
from alemtuzumab_kb.facts.claims import Reading
from alemtuzumab_kb.facts.loader import load_facts
from alemtuzumab_kb.facts.rules import claim_durations, claim_for, fill_rule_text, parse_model


class CourseRules(Strict):
    """Claims giving the number of infusion days of course 1, course 2 and course 3 or later."""

    first: tuple[str, ...]
    second: tuple[str, ...]
    further: tuple[str, ...]


class FollowUpEntry(Strict):
    """One source's version of one thing that follows the last infusion."""

    claim: str
    reads: Literal["until", "from", "no-date"]
    text: str
    reading: Reading | None = None
    """Where the date is counted in a way the source leaves open (issue 24)."""


class FollowUpItem(Strict):
    """One thing that follows the last infusion (contraception, monitoring...), source by source."""

    id: str
    label: str
    entries: tuple[FollowUpEntry, ...]


class ContraceptionRules(Strict):
    """data/rules/contraception.yaml."""

    courses: CourseRules
    after_last_infusion: tuple[FollowUpItem, ...]


@cached_per_folder
def load_contraception_rules(data: Path = DATA) -> ContraceptionRules:
    """data/rules/contraception.yaml, cross-checked against the claims.

    Every claim of a course group must give the same whole number of days; every dated entry
    must have a value that is a length of calendar time.
    """
    path = data / "rules" / "contraception.yaml"
    rules = parse_model(path, ContraceptionRules)
    facts = load_facts(data)
    for group in ("first", "second", "further"):
        where = Place(path) / "courses" / group
        ids = getattr(rules.courses, group)
        claims = [claim_for(facts, cid, where / i) for i, cid in enumerate(ids)]
        if not claims:
            raise where.fault("name at least one claim")
        days = {c.value.days if c.value else None for c in claims}
        if len(days) != 1 or None in days:
            raise where.fault(
                f"the claims must all give one number of days, not {sorted(map(str, days))}"
            )
        (count,) = days
        if isinstance(count, tuple) or float(count) != int(count) or count < 1:
            raise where.fault(f"{count} is not a whole number of infusion days")
    ids = [item.id for item in rules.after_last_infusion]
    for index, item_id in enumerate(ids):
        if ids.index(item_id) != index:
            raise (Place(path) / "after_last_infusion" / index / "id").fault(
                f"the item id {item_id} is used twice"
            )
    for index, item in enumerate(rules.after_last_infusion):
        for number, entry in enumerate(item.entries):
            where = Place(path, ("after_last_infusion", index), f"item {item.id}")
            where = where / "entries" / number
            claim = claim_for(facts, entry.claim, where / "claim")
            if entry.reads != "no-date":
                low, high = claim_durations(data, claim, where / "claim")
                if high is not None:
                    raise (where / "claim").fault(
                        f"claim {claim.id} gives a range; a date needs one number"
                    )
            fill_rule_text(entry.text, claim, where / "text")
    return rules

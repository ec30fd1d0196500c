"""Records that cite claims: where the sources differ (data/discrepancies.yaml) and the
regulatory timeline (data/timeline.yaml)."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from alemtuzumab_kb.data_files import DataDate, Strict
from alemtuzumab_kb.facts.claims import Reading

Reason = Literal["date", "jurisdiction", "audience", "rounding", "measure", "scope", "wording"]

DiscrepancyKind = Literal["contradiction", "scope", "wording", "superseded"]
"""contradiction: the sources cannot both be followed; scope: they cover different ground or
populations; wording: different words, same meaning; superseded: a later decision replaced one."""


class Discrepancy(Strict):
    """A place where sources differ, explained, with how much it matters."""

    id: str
    title: str
    kind: DiscrepancyKind
    clinically_relevant: bool
    """Whether a clinician following one source would act differently than following another."""
    claims: tuple[str, ...]
    silent: tuple[str, ...] = ()
    """Sources that say nothing on the point."""
    reasons: tuple[Reason, ...]
    explanation: str
    takeaway: str
    reading: Reading | None = None
    """Where the explanation or the takeaway rests on a reading of ours."""

    @model_validator(mode="after")
    def _enough_sides(self) -> Discrepancy:
        if len(self.claims) + len(self.silent) < 2:
            raise ValueError("a discrepancy needs at least two sides (claims or silent sources)")
        if not self.reasons:
            raise ValueError("give at least one reason")
        return self


class Reference(Strict):
    """A fact from a bibliography entry that is not one of the five sources, with its locator."""

    citation: str
    locator: str


class TimelineEvent(Strict):
    """A regulatory event, dated and cited by the sources that report it (claims) and by other
    entries of the bibliography (references), e.g. EMA's page on the 2019-2020 referral."""

    id: str
    date: DataDate
    title: str
    description: str
    claims: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()

    @model_validator(mode="after")
    def _cited(self) -> TimelineEvent:
        if not self.claims and not self.references:
            raise ValueError("cite the event: give claims, references or both")
        return self

"""The trials (data/trials.yaml): each trial's published two-year figures, with the paper's
citation, and what each source states about the trial, by claim id; read by
`alemtuzumab_kb.trials` (issue 6)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import field_validator, model_validator

from alemtuzumab_kb.data_dir import DATA, cached_per_folder
from alemtuzumab_kb.data_files import Number, Place, Strict, _in_limit, _ranged, parse_records
from alemtuzumab_kb.facts.loader import load_facts
from alemtuzumab_kb.facts.rules import claim_for
from alemtuzumab_kb.limits import load_limits

Ratio = Annotated[float, _ranged("trials", "ratio", "a ratio or rate")]
Percent = Annotated[float, _ranged("numbers", "risk_percent", "a percentage of patients")]
ArmSize = Annotated[int, _ranged("numbers", "arm_size", "an arm size")]
Stated = Annotated[float, _ranged("values", "percent", "a figure a source states")]


class PValue(Strict):
    """A p-value as published: ``value`` exactly, or below it (``relation: "<"``)."""

    value: Annotated[float, _ranged("trials", "p_value", "a p-value")]
    relation: Literal["=", "<"] = "="


class Estimate(Strict):
    """A published point estimate with its 95% confidence interval and p-value, if given."""

    value: Ratio
    ci: tuple[Ratio, Ratio] | None = None
    p: PValue | None = None

    @model_validator(mode="after")
    def _inside_interval(self) -> Estimate:
        if self.ci is not None and not self.ci[0] <= self.value <= self.ci[1]:
            raise ValueError(f"the estimate {self.value} lies outside its interval {self.ci}")
        return self


class TrialArm(Strict):
    """One arm's published two-year figures."""

    name: str
    analysed: ArmSize
    relapse_rate: Estimate
    """Annualised relapse rate, relapses per patient-year."""
    disability_patients: Annotated[int, _ranged("values", "count", "a count of patients")]
    """Patients with sustained accumulation of disability."""
    disability_percent: Percent
    """The same as a percentage of the patients analysed, as the paper rounds it."""
    disability_kaplan_meier_percent: Percent
    """The Kaplan-Meier estimate of the proportion with sustained disability at two years."""

    @field_validator("relapse_rate")
    @classmethod
    def _plausible_rate(cls, estimate: Estimate) -> Estimate:
        limit = load_limits().numbers["relapse_rate"]
        for number in (estimate.value, *(estimate.ci or ())):
            _in_limit(number, limit, "a relapse rate")
        return estimate

    @model_validator(mode="after")
    def _count_matches_percent(self) -> TrialArm:
        exact = 100 * self.disability_patients / self.analysed
        if abs(exact - self.disability_percent) > 0.5:
            raise ValueError(
                f"{self.disability_patients} of {self.analysed} is {exact:.1f}%, "
                f"not {self.disability_percent}%"
            )
        return self


class PublishedResults(Strict):
    """A trial's published comparison of alemtuzumab (treated) with interferon (control)."""

    citation: str
    locator: str
    years: Annotated[int, _ranged("trials", "years", "a trial's years")]
    control: TrialArm
    treated: TrialArm
    rate_ratio: Estimate
    rate_reduction_percent: Number
    """The relapse reduction as the paper reports it (e.g. 54.9)."""
    hazard_ratio: Estimate
    """Hazard ratio for sustained accumulation of disability."""
    disability_significant: bool
    disability_reduction_percent: Number | None = None
    """The disability reduction as the paper reports it, where it does."""


StatedForm = Literal[
    "design", "rates", "percentages", "reduction", "range", "no-difference", "significant"
]


class StatedFigure(Strict):
    """What one source says about a trial's result: a claim, and how it puts the figure.

    ``rates`` and ``percentages`` give two numbers (control, treated) as the source prints them;
    ``reduction`` and ``range`` take their number from the claim's value; ``no-difference`` and
    ``significant`` state a result without a number; ``design`` describes the trial.
    """

    claim: str
    outcome: Literal["design", "relapses", "disability"]
    form: StatedForm
    control: Stated | None = None
    treated: Stated | None = None

    @model_validator(mode="after")
    def _numbers_where_needed(self) -> StatedFigure:
        pair = self.form in ("rates", "percentages")
        if pair != (self.control is not None and self.treated is not None):
            raise ValueError(
                "give control and treated for forms 'rates' and 'percentages', and only for those"
            )
        if (self.form == "design") != (self.outcome == "design"):
            raise ValueError("form 'design' goes with outcome 'design', and only with it")
        return self


class Trial(Strict):
    """A trial: its published figures (or why there are none) and what each source states."""

    id: str
    name: str
    phase: Annotated[int, _ranged("trials", "phase", "a trial phase")]
    population: str
    citation: str
    published: PublishedResults | None = None
    unchecked: str | None = None
    """Why no published figures are given (they were not checked for this project)."""
    stated: tuple[StatedFigure, ...] = ()

    @model_validator(mode="after")
    def _published_or_reason(self) -> Trial:
        if (self.published is None) == (self.unchecked is None):
            raise ValueError("give `published` figures or, if none were checked, `unchecked`")
        if self.published is not None and self.published.citation != self.citation:
            raise ValueError("the published figures must cite the trial's own paper")
        return self


STATED_QUESTION = {
    "design": "efficacy-trials",
    "relapses": "efficacy-relapses",
    "disability": "efficacy-disability",
}


def _appears_in(number: Number, text: str) -> bool:
    """Whether `number`, written as the source writes it, appears in `text`."""
    written = re.escape(f"{number:g}")
    return re.search(rf"(?<![\d.]){written}(?![\d])", text) is not None


@cached_per_folder
def load_trials(data: Path = DATA) -> tuple[Trial, ...]:
    """Load data/trials.yaml and check it against the claims; errors name the file and key.

    Examples:
        >>> [trial.name for trial in load_trials()]
        ['CAMMS223', 'CARE-MS I', 'CARE-MS II']
    """
    path = data / "trials.yaml"
    trials = tuple(parse_records(path, Trial))
    facts = load_facts(data)
    for index, trial in enumerate(trials):
        for number, stated in enumerate(trial.stated):
            where = Place(path, (index,), f"trial {trial.id}") / "stated" / number
            claim = claim_for(facts, stated.claim, where / "claim")
            if claim.question != STATED_QUESTION[stated.outcome]:
                raise (where / "claim").fault(
                    f"claim {claim.id} answers {claim.question}, not "
                    f"{STATED_QUESTION[stated.outcome]} as outcome {stated.outcome!r} needs"
                )
            if stated.form in ("reduction", "range"):
                percent = claim.value.percent if claim.value else None
                if percent is None or isinstance(percent, tuple) != (stated.form == "range"):
                    raise (where / "form").fault(
                        f"form {stated.form!r} needs the value of claim {claim.id} to be a "
                        f"{'range of percentages' if stated.form == 'range' else 'percentage'}"
                    )
            for side in ("control", "treated"):
                figure = getattr(stated, side)
                if figure is not None and not _appears_in(figure, claim.statement):
                    raise (where / side).fault(
                        f"{figure:g} does not appear in the statement of claim {claim.id}"
                    )
    return trials

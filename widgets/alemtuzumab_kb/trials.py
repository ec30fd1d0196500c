"""Trial efficacy arithmetic: relative and absolute effects, NNT with intervals, icon arrays.

The browser twin is `widgets/alemtuzumab_kb/ui/js/trials.js`; both pass the vectors in
`tests/vectors/trials.json`
(same operations in the same order, so the numbers agree to the last bit).

Conventions, chosen once and used everywhere (Python, browser, page):

- Rates are relapses per patient-year; risks are percentages of patients (0 to 100). "Control" is
  the comparator arm (interferon beta-1a in the trials), "treated" the alemtuzumab arm.
- Relative reduction = 1 - treated / control: 1 means every event avoided, 0 no difference, and a
  negative value that the treated arm did worse. It has no lower bound, so the control value must be
  above zero.
- Absolute risk reduction (ARR) = control risk - treated risk, as a fraction.
- The number needed to treat (NNT) is 1 / ARR rounded up to a whole patient: the smallest number of
  patients who, treated, avoid at least one event on average. When the treated arm does worse, the
  same rounding of 1 / |ARR| gives the number needed to harm (``nnt_kind == "harm"``). When the two
  risks are equal the NNT is infinite (``math.inf``, ``nnt_kind == "none"``): no number of
  patients avoids an event.
- With both arm sizes, the 95% interval of the risk difference is Newcombe's hybrid score interval
  (Newcombe 1998, method 10): Wilson score intervals for each arm, without continuity correction,
  combined by the square-and-add rule; this is the Wilson-based interval Bender (2001) recommends
  for the NNT. The NNT interval takes the reciprocals of its limits (Altman 1998); when the
  difference's interval includes zero, the NNT interval runs from a benefit limit through infinity
  to a harm limit, written "NNT(benefit) 8 to infinity to NNT(harm) 40". Limits are rounded up to
  whole patients, like the point estimate.
- Percentages need not imply whole patients (published percentages are rounded); arm sizes must be
  whole numbers of at least 1.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypedDict

from alemtuzumab_kb.facts import (
    DATA,
    Claim,
    Estimate,
    Facts,
    PublishedResults,
    StatedFigure,
    Trial,
    load_facts,
    load_trials,
)
from alemtuzumab_kb.limits import check_number, limits_json

Z95 = 1.959963984540054
"""The 97.5th centile of the standard normal distribution (two-sided 95% intervals)."""
TOLERANCE = 1e-9
"""Slack when rounding 1 / ARR up, so that 1 / 0.2 = 5.000000000000001 counts as 5 patients."""
MAX_RELAPSE_ICONS = 300
"""The icon array draws at most this many relapses (a rate of 3 per patient-year)."""

DEFAULT_PRESET = "care-ms-ii-disability-patients"
"""What the calculator shows first: a trial's published counts of patients with both arm sizes,
so that the first view holds a number needed to treat with its interval."""

NntKind = Literal["benefit", "harm", "none"]


class RateComparison(TypedDict):
    """What `rate_comparison` returns."""

    control_rate: float
    treated_rate: float
    rate_ratio: float
    relative_reduction: float
    difference: float
    relapses_avoided_per_100_patient_years: float
    patient_years_per_relapse_avoided: float
    patient_years_per_extra_relapse: float


class NntInterval(TypedDict):
    """The 95% interval of the NNT, from the interval of the risk difference."""

    benefit: tuple[float, float] | None
    harm: tuple[float, float] | None
    includes_infinity: bool
    text: str


class RiskComparison(TypedDict):
    """What `risk_comparison` returns."""

    control_risk: float
    treated_risk: float
    risk_ratio: float
    relative_risk_reduction: float
    absolute_risk_reduction: float
    nnt: float
    nnt_kind: NntKind
    nnt_text: str
    arr_ci: tuple[float, float] | None
    nnt_interval: NntInterval | None


class IconCounts(TypedDict):
    """How many icons of each kind a 100-person (or relapse) icon array shows."""

    unit: Literal["patients", "relapses"]
    total: int
    both: int
    avoided: int
    extra: int
    neither: int
    drawable: bool


# --- Validation ---------------------------------------------------------------------------
# The ranges are data/limits.json's (widgets/alemtuzumab_kb/limits.py), shared with the browser:
# inside them no
# result overflows or turns infinite, except the documented infinities (an NNT when the risks are
# equal, the patient-years per relapse avoided when none is).


def _rate(value: object, arm: str, example: str) -> float:
    name = "control_relapse_rate" if arm == "control" else "relapse_rate"
    return float(check_number(value, name, f"The {arm} arm's relapse rate", example))


def _percent(value: object, arm: str, example: str) -> float:
    name = "control_risk_percent" if arm == "control" else "risk_percent"
    return float(check_number(value, name, f"The {arm} arm's risk", example))


def _patients(value: object, arm: str) -> int:
    return int(check_number(value, "arm_size", f"The number of patients in the {arm} arm", "200"))


def _fraction(value: object, what: str, low: float = 0.0) -> float:
    """A finite float from `low` to 1, for the interval helpers' arguments."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (isinstance(value, int) or math.isfinite(value))
        or not low <= value <= 1
    ):
        raise ValueError(f"{what} must be a number from {low:g} to 1.")
    return float(value)


# --- Rates --------------------------------------------------------------------------------


def rate_comparison(control_rate: float, treated_rate: float) -> RateComparison:
    """Compare two relapse rates (relapses per patient-year), relatively and absolutely.

    Args:
        control_rate: the comparator arm's rate; must be above zero.
        treated_rate: the treated arm's rate; zero or more.

    Returns:
        ``relative_reduction`` (1 - treated / control, a fraction), ``rate_ratio``,
        ``difference`` (control - treated, per patient-year),
        ``relapses_avoided_per_100_patient_years`` (negative when the treated arm has more),
        ``patient_years_per_relapse_avoided`` (1 / difference; infinite when no relapse is
        avoided) and ``patient_years_per_extra_relapse`` (1 / -difference when the treated arm
        has more relapses, otherwise infinite).

    Raises:
        ValueError: a rate that is not a number inside its range in data/limits.json (the
            control's starts above zero, because the relative reduction divides by it).

    Examples:
        >>> result = rate_comparison(0.39, 0.18)
        >>> round(result["relative_reduction"], 3), round(result["difference"], 2)
        (0.538, 0.21)
        >>> round(result["relapses_avoided_per_100_patient_years"], 6)
        21.0
        >>> round(result["patient_years_per_relapse_avoided"], 2)
        4.76
    """
    control = _rate(control_rate, "control", "0.4")
    treated = _rate(treated_rate, "treated", "0.2")
    ratio = treated / control
    difference = control - treated
    return {
        "control_rate": control,
        "treated_rate": treated,
        "rate_ratio": ratio,
        "relative_reduction": 1 - ratio,
        "difference": difference,
        "relapses_avoided_per_100_patient_years": 100 * difference,
        "patient_years_per_relapse_avoided": 1 / difference if difference > 0 else math.inf,
        "patient_years_per_extra_relapse": 1 / -difference if difference < 0 else math.inf,
    }


# --- Risks --------------------------------------------------------------------------------


def wilson_interval(proportion: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for a proportion, without continuity correction.

    Args:
        proportion: the observed proportion, 0 to 1.
        n: the number of patients (at least 1).
        z: the normal quantile (1.96 for 95%).

    Returns:
        The lower and upper limits, clamped to [0, 1].

    Examples:
        >>> [round(x, 4) for x in wilson_interval(56 / 70, 70)]
        [0.6918, 0.877]
    """
    proportion = _fraction(proportion, "The proportion")
    n = _patients(n, "one")
    centre = 2 * n * proportion + z * z
    spread = z * math.sqrt(z * z + 4 * n * proportion * (1 - proportion))
    denominator = 2 * (n + z * z)
    return max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator)


def newcombe_interval(
    p_control: float, n_control: float, p_treated: float, n_treated: float, z: float = Z95
) -> tuple[float, float]:
    """The 95% interval of p_control - p_treated by Newcombe's hybrid score method (method 10).

    Args:
        p_control: proportion with the event in the control arm, 0 to 1.
        n_control: patients in the control arm.
        p_treated: proportion with the event in the treated arm, 0 to 1.
        n_treated: patients in the treated arm.
        z: the normal quantile.

    Returns:
        The lower and upper limits of the difference.

    Examples:
        Newcombe's (1998) worked example, 56/70 against 48/80:

        >>> [round(x, 4) for x in newcombe_interval(56 / 70, 70, 48 / 80, 80)]
        [0.0524, 0.3339]
    """
    low_c, high_c = wilson_interval(p_control, n_control, z)
    low_t, high_t = wilson_interval(p_treated, n_treated, z)
    difference = p_control - p_treated
    lower = difference - math.sqrt((p_control - low_c) ** 2 + (high_t - p_treated) ** 2)
    upper = difference + math.sqrt((high_c - p_control) ** 2 + (p_treated - low_t) ** 2)
    return lower, upper


def whole_patients(value: float) -> float:
    """Round a number of patients up to a whole patient (infinity stays infinite).

    Examples:
        >>> whole_patients(1 / 0.2), whole_patients(14.03), whole_patients(math.inf)
        (5, 15, inf)
    """
    if value == math.inf:
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf:
        raise ValueError("A number of patients must be a number above zero, or infinity.")
    if isinstance(value, int):
        return value
    return math.ceil(value - TOLERANCE)


def _count(value: float) -> str:
    return "infinity" if value == math.inf else str(int(value))


def nnt_interval(lower: float, upper: float) -> NntInterval:
    """The NNT interval (Altman 1998) from the interval of the risk difference (control - treated).

    Args:
        lower: lower limit of the risk difference (a fraction).
        upper: upper limit.

    Returns:
        ``benefit`` and ``harm`` ranges in whole patients (``None`` where the interval holds no
        such values; an upper end may be infinite), ``includes_infinity``, and ``text``.

    Examples:
        >>> nnt_interval(-0.025, 0.125)["text"]
        'NNT(benefit) 8 to infinity to NNT(harm) 40'
        >>> nnt_interval(0.05, 0.25)["text"]
        'NNT(benefit) 4 to 20'
    """
    lower = _fraction(lower, "The lower limit of the risk difference", -1.0)
    upper = _fraction(upper, "The upper limit of the risk difference", -1.0)
    # A limit whose reciprocal is beyond any float is no difference at all: the NNT is infinite.
    lower, upper = (0.0 if abs(x) < 1 / sys.float_info.max else x for x in (lower, upper))
    if lower > upper:
        raise ValueError("The lower limit of the risk difference must not be above the upper.")
    benefit = harm = None
    if lower > 0:
        benefit = (whole_patients(1 / upper), whole_patients(1 / lower))
        text = f"NNT(benefit) {_count(benefit[0])} to {_count(benefit[1])}"
    elif upper < 0:
        harm = (whole_patients(1 / -lower), whole_patients(1 / -upper))
        text = f"NNT(harm) {_count(harm[0])} to {_count(harm[1])}"
    else:
        parts = []
        if upper > 0:
            benefit = (whole_patients(1 / upper), math.inf)
            parts.append(f"NNT(benefit) {_count(benefit[0])}")
        parts.append("infinity")
        if lower < 0:
            harm = (whole_patients(1 / -lower), math.inf)
            parts.append(f"NNT(harm) {_count(harm[0])}")
        text = " to ".join(parts)
    return {
        "benefit": benefit,
        "harm": harm,
        "includes_infinity": lower <= 0 <= upper,
        "text": text,
    }


def risk_comparison(
    control_pct: float,
    treated_pct: float,
    n_control: int | None = None,
    n_treated: int | None = None,
) -> RiskComparison:
    """Compare two risks (percentages of patients with an event): relative, absolute, NNT.

    Args:
        control_pct: percentage with the event in the comparator arm; above 0, at most 100.
        treated_pct: percentage in the treated arm; 0 to 100.
        n_control: patients in the comparator arm (optional; give both arm sizes or neither).
        n_treated: patients in the treated arm.

    Returns:
        ``relative_risk_reduction`` and ``absolute_risk_reduction`` (fractions), ``risk_ratio``,
        ``nnt`` (whole patients, or ``math.inf`` when the risks are equal), ``nnt_kind``
        (``"benefit"``, ``"harm"`` or ``"none"``), ``nnt_text``, and with both arm sizes
        ``arr_ci`` (Newcombe's hybrid score interval) and ``nnt_interval``; otherwise those two
        are ``None``.

    Raises:
        ValueError: a risk or an arm size that is not a number inside its range in
            data/limits.json (the control risk starts above zero), or only one arm size.

    Examples:
        CARE-MS II, patients with sustained disability: 40 of 202 against 54 of 426.

        >>> r = risk_comparison(100 * 40 / 202, 100 * 54 / 426, 202, 426)
        >>> round(r["absolute_risk_reduction"], 4), r["nnt"], r["nnt_kind"]
        (0.0713, 15, 'benefit')
        >>> r["nnt_interval"]["text"]
        'NNT(benefit) 8 to 92'
    """
    control_p = _percent(control_pct, "control", "20") / 100
    treated_p = _percent(treated_pct, "treated", "10") / 100
    if (n_control is None) != (n_treated is None):
        raise ValueError("Give the number of patients in both arms for an interval, or in neither.")
    ratio = treated_p / control_p
    arr = control_p - treated_p
    kind: NntKind = "benefit" if arr > 0 else "harm" if arr < 0 else "none"
    nnt = whole_patients(1 / abs(arr)) if arr != 0 else math.inf
    arr_ci = interval = None
    if n_control is not None and n_treated is not None:
        nc = _patients(n_control, "control")
        nt = _patients(n_treated, "treated")
        arr_ci = newcombe_interval(control_p, nc, treated_p, nt)
        interval = nnt_interval(*arr_ci)
    return {
        "control_risk": control_p,
        "treated_risk": treated_p,
        "risk_ratio": ratio,
        "relative_risk_reduction": 1 - ratio,
        "absolute_risk_reduction": arr,
        "nnt": nnt,
        "nnt_kind": kind,
        "nnt_text": nnt_text(nnt, kind),
        "arr_ci": arr_ci,
        "nnt_interval": interval,
    }


def nnt_text(nnt: float, kind: NntKind) -> str:
    """The NNT in words, e.g. ``"NNT(benefit) 15"``.

    Examples:
        >>> nnt_text(15, "benefit"), nnt_text(12, "harm"), nnt_text(math.inf, "none")
        ('NNT(benefit) 15', 'NNT(harm) 12', 'infinity (no difference)')
    """
    if kind not in ("benefit", "harm", "none"):
        raise ValueError("The kind of NNT must be 'benefit', 'harm' or 'none'.")
    if kind == "none":
        return "infinity (no difference)"
    return f"NNT({kind}) {_count(whole_patients(nnt))}"



# --- Words for the results (the browser's twins are in widgets/alemtuzumab_kb/ui/js/trials.js) ----

MOST_DECIMALS = 6
"""Decimals a figure near zero may get so that it does not read as 0.0."""


def fixed(value: float, places: int) -> str:
    """`value` with `places` decimals as the browser's ``toFixed`` writes it (halves away from
    zero, from the float's exact value), never ``-0.0``.

    Examples:
        >>> fixed(0.25, 1), fixed(-0.04, 1), fixed(2.675, 2)
        ('0.3', '0.0', '2.67')
    """
    digits = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{abs(digits) if digits == 0 else digits:.{places}f}"


def decimals(values: Sequence[float], places: int = 1) -> int:
    """The decimals at which no value other than zero reads as zero: `places`, or more (up to
    MOST_DECIMALS) for a value close to zero.

    Examples:
        >>> decimals([1.06, 13.3]), decimals([0.04, 8.3]), decimals([-0.004, 0.0])
        (1, 2, 3)
    """
    while places < MOST_DECIMALS and any(
        value != 0 and float(fixed(abs(value), places)) == 0 for value in values
    ):
        places += 1
    return places


def headline(measure: Literal["rate", "risk"], result: RateComparison | RiskComparison) -> str:
    """The result in one line, shown first: the NNT (or NNH) with its interval for risks, the
    relapses avoided per 100 patient-years for rates.

    Examples:
        >>> headline("risk", risk_comparison(100 * 40 / 202, 100 * 54 / 426, 202, 426))
        'NNT 15 (95% CI 8 to 92)'
        >>> headline("rate", rate_comparison(0.39, 0.18))
        '21.0 relapses avoided per 100 patient-years'
    """
    if measure == "rate":
        assert "difference" in result
        per_100 = result["relapses_avoided_per_100_patient_years"]
        if result["difference"] > 0:
            return f"{fixed(per_100, 1)} relapses avoided per 100 patient-years"
        if result["difference"] < 0:
            return f"{fixed(-per_100, 1)} extra relapses per 100 patient-years"
        return "No difference in relapses per patient-year"
    assert "nnt_kind" in result
    kind, interval = result["nnt_kind"], result["nnt_interval"]
    if kind == "none":
        head = "No difference in risk: the NNT is infinite"
    else:
        head = f"{'NNT' if kind == 'benefit' else 'NNH'} {_count(result['nnt'])}"
    if interval is None:
        return head
    if interval["includes_infinity"]:
        parts = []
        if interval["benefit"] is not None:
            parts.append(f"NNT {_count(interval['benefit'][0])}")
        parts.append("infinity")
        if interval["harm"] is not None:
            parts.append(f"NNH {_count(interval['harm'][0])}")
        return f"{head} (95% CI {' to '.join(parts)})"
    low, high = interval["benefit"] or interval["harm"]  # type: ignore[misc]
    return f"{head} (95% CI {_count(low)} to {_count(high)})"


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def icon_counts(measure: Literal["risk", "rate"], control: float, treated: float) -> IconCounts:
    """How many icons of each kind to draw.

    For risks, 100 people: ``both`` have the event in either arm, ``avoided`` have it only on
    control, ``extra`` only on treatment, ``neither`` in neither arm; each arm's percentage is
    rounded to whole people first. For rates, one icon per relapse expected in 100 patient-years
    on the larger of the two rates (``neither`` is 0), drawable up to `MAX_RELAPSE_ICONS`.

    Args:
        measure: ``"risk"`` (percentages) or ``"rate"`` (relapses per patient-year).
        control: the control arm's value, already validated.
        treated: the treated arm's value.

    Examples:
        >>> icon_counts("risk", 19.8, 12.68)["avoided"]
        7
        >>> icon_counts("rate", 0.39, 0.18)["avoided"]
        21
    """
    if measure == "risk":
        control, treated = _percent(control, "control", "20"), _percent(treated, "treated", "10")
        c, t, unit, total = _half_up(control), _half_up(treated), "patients", 100
    elif measure == "rate":
        control, treated = _rate(control, "control", "0.4"), _rate(treated, "treated", "0.2")
        c, t, unit = _half_up(100 * control), _half_up(100 * treated), "relapses"
        total = max(c, t)
    else:
        raise ValueError("Choose whether the figures are relapse rates ('rate') or risks ('risk').")
    return {
        "unit": unit,
        "total": total,
        "both": min(c, t),
        "avoided": max(c - t, 0),
        "extra": max(t - c, 0),
        "neither": total - max(c, t),
        "drawable": total <= MAX_RELAPSE_ICONS,
    }


# --- Rules for the widget -----------------------------------------------------------------


def _decimal(value: float, places: int) -> str:
    """A number for an input field: at most `places` decimals, no trailing zeros."""
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _claim_citation(facts: Facts, claim: Claim) -> dict[str, str]:
    """A source statement's citation, linking to its section of the source's chapter."""
    source = facts.source(claim.source)
    return {
        "source": source.short,
        "key": claim.citation,
        "locator": " ".join(claim.locator.split()).replace("*", ""),
        "href": f"book/sources/{source.chapter}.html#{facts.section_of(claim)}",
    }


def trial_label(trial: Trial) -> str:
    """The label of a trial's section on the trials page."""
    return f"trials-{trial.id}"


def _paper_citation(trial: Trial, results: PublishedResults) -> dict[str, str]:
    """A published figure's citation, linking to the trial's section on the trials page."""
    return {
        "source": f"{trial.name} paper",
        "key": results.citation,
        "locator": results.locator,
        "href": f"book/calculators/trials.html#{trial_label(trial)}",
    }


@cache
def rules_json(data: str = str(DATA)) -> dict[str, Any]:
    """The presets the widget offers, from data/trials.yaml, as plain JSON-able data.

    Each preset fills the inputs with one trial's published figures (rates, patient percentages
    with arm sizes, or Kaplan-Meier estimates) or with a pair of figures as a source states them
    (with its citation); `trials` gives each trial's arms and its paper's citation, with a link
    to where it comes from.

    Examples:
        >>> [p["id"] for p in rules_json()["presets"]][:2]
        ['care-ms-i-relapses', 'care-ms-i-disability-patients']
    """
    facts = load_facts(Path(data))
    presets: list[dict[str, Any]] = []
    trials: dict[str, dict[str, Any]] = {}
    for trial in load_trials(Path(data)):
        results = trial.published
        if results is None:
            continue
        paper = _paper_citation(trial, results)
        # The arms and the paper once per trial; each preset names its trial.
        trials[trial.id] = {
            "control_name": results.control.name,
            "treated_name": results.treated.name,
            "paper": paper,
        }
        arms = {"trial": trial.id}
        c, t = results.control, results.treated
        presets.append(
            {
                "id": f"{trial.id}-relapses",
                "label": f"{trial.name}: relapse rates (published)",
                "measure": "rate",
                "control": _decimal(c.relapse_rate.value, 2),
                "treated": _decimal(t.relapse_rate.value, 2),
                "n_control": "",
                "n_treated": "",
                "note": (
                    f"Annualised relapse rates over {results.years} years. The paper's own "
                    f"estimate is a {_with_ci('rate ratio', results.rate_ratio)}; dividing the "
                    f"rounded rates need not reproduce it exactly."
                ),
                **arms,
            }
        )
        presets.append(
            {
                "id": f"{trial.id}-disability-patients",
                "label": f"{trial.name}: sustained disability, patients (published)",
                "measure": "risk",
                "control": _decimal(100 * c.disability_patients / c.analysed, 2),
                "treated": _decimal(100 * t.disability_patients / t.analysed, 2),
                "n_control": str(c.analysed),
                "n_treated": str(t.analysed),
                "note": (
                    f"Sustained accumulation of disability in {c.disability_patients} of "
                    f"{c.analysed} patients (control) and {t.disability_patients} of {t.analysed} "
                    f"(treated) over {results.years} years. The paper's "
                    f"{_with_ci('hazard ratio', results.hazard_ratio)} allows for follow-up time; "
                    f"the intervals here count patients only."
                ),
                **arms,
            }
        )
        presets.append(
            {
                "id": f"{trial.id}-disability-kaplan-meier",
                "label": f"{trial.name}: sustained disability, Kaplan-Meier (published)",
                "measure": "risk",
                "control": _decimal(c.disability_kaplan_meier_percent, 1),
                "treated": _decimal(t.disability_kaplan_meier_percent, 1),
                "n_control": "",
                "n_treated": "",
                "note": (
                    f"Kaplan-Meier estimates of sustained accumulation of disability at "
                    f"{results.years} years allow for patients followed for less than the full "
                    f"time; an interval for them needs the trial's own standard errors, so none "
                    f"is computed here. The paper's "
                    f"{_with_ci('hazard ratio', results.hazard_ratio)}."
                ),
                **arms,
            }
        )
        for stated in trial.stated:
            if stated.form not in ("rates", "percentages"):
                continue
            claim = facts.claim(stated.claim)
            measure = "rate" if stated.form == "rates" else "risk"
            values = (_decimal(float(stated.control), 2), _decimal(float(stated.treated), 2))
            if any(
                (p["measure"], p["control"], p["treated"]) == (measure, *values) for p in presets
            ):
                continue  # the same numbers as a published preset
            presets.append(
                {
                    "id": f"{trial.id}-{stated.claim}",
                    "label": f"{trial.name}: as the {facts.source(claim.source).short} states it",
                    "measure": measure,
                    "control": values[0],
                    "treated": values[1],
                    "n_control": "",
                    "n_treated": "",
                    "note": " ".join(claim.statement.split()),
                    "citations": [_claim_citation(facts, claim)],
                    **arms,
                }
            )
    if DEFAULT_PRESET not in {p["id"] for p in presets}:
        raise ValueError(f"trials: the default preset {DEFAULT_PRESET!r} is not among the presets")
    return {
        "presets": presets, "trials": trials, "default": DEFAULT_PRESET, "limits": limits_json()
    }


# --- The page: stated, recomputed and published figures side by side ----------------------


def _ratio(value: float) -> str:
    return f"{value:.2f}"


def _pct(fraction: float, places: int = 1) -> str:
    return f"{100 * fraction:.{places}f}%"


def _p(estimate: Estimate) -> str:
    if estimate.p is None:
        return ""
    return f"p{estimate.p.relation if estimate.p.relation == '<' else '='}{estimate.p.value:g}"


def _ci(estimate: Estimate) -> str:
    return f"95% CI {_ratio(estimate.ci[0])} to {_ratio(estimate.ci[1])}" if estimate.ci else ""


def _with_ci(name: str, estimate: Estimate) -> str:
    details = ", ".join(part for part in (_ci(estimate), _p(estimate)) if part)
    return f"{name} {_ratio(estimate.value)}" + (f" ({details})" if details else "")


def _reported(percent: float | None, ratio: float) -> str:
    """'(reported as 54.9%)' when the paper's figure is not simply 1 - ratio, rounded."""
    if percent is None or f"{percent:g}" == f"{100 * (1 - ratio):.0f}":
        return ""
    return f" (reported as {percent:g}%)"


def _pair(trial: Trial, form: str) -> StatedFigure | None:
    return next((s for s in trial.stated if s.form == form), None)


class Row(TypedDict):
    """One source's statement about one outcome of a trial, beside the paper's figure."""

    outcome: str
    source: str
    claim: str
    citation: str
    section: str
    stated: str
    recomputed: str
    published: str
    why: str


def published_summary(results: PublishedResults, outcome: str) -> str:
    """The published figures for an outcome in one line, with interval and p-value.

    Examples:
        >>> published_summary(load_trials()[2].published, "disability")[:38]
        '54 of 426 (13%) vs 40 of 202 (20%) pat'
    """
    c, t = results.control, results.treated
    if outcome == "relapses":
        return (
            f"{_ratio(t.relapse_rate.value)} vs {_ratio(c.relapse_rate.value)} relapses per "
            f"patient-year; {_with_ci('rate ratio', results.rate_ratio)}"
        )
    significance = "" if results.disability_significant else ", not significant"
    return (
        f"{t.disability_patients} of {t.analysed} ({t.disability_percent:g}%) vs "
        f"{c.disability_patients} of {c.analysed} ({c.disability_percent:g}%) patients; "
        f"Kaplan-Meier estimates {t.disability_kaplan_meier_percent:.1f}% vs "
        f"{c.disability_kaplan_meier_percent:.1f}%; "
        f"{_with_ci('hazard ratio', results.hazard_ratio)}{significance}"
    )


def published_reduction(results: PublishedResults, outcome: str) -> str:
    """The published relative reduction: 1 minus the model's ratio, and the reported figure.

    Examples:
        >>> published_reduction(load_trials()[1].published, "relapses")
        '1 − rate ratio 0.45 = 55% (reported as 54.9%)'
    """
    if outcome == "relapses":
        ratio, name, reported = results.rate_ratio, "rate ratio", results.rate_reduction_percent
    else:
        ratio, name = results.hazard_ratio, "hazard ratio"
        reported = results.disability_reduction_percent
    return (
        f"1 − {name} {_ratio(ratio.value)} = {_pct(1 - ratio.value, 0)}"
        f"{_reported(reported, ratio.value)}"
    )


def _interval_words(hr: Estimate) -> str:
    """'from a 60% lower to a 23% higher hazard' for a hazard ratio's interval."""
    assert hr.ci is not None

    def words(ratio: float) -> str:
        return f"{_pct(abs(1 - ratio), 0)} {'lower' if ratio < 1 else 'higher'}"

    return f"from a {words(hr.ci[0])} to a {words(hr.ci[1])} hazard"


def _explain(trial: Trial, stated: StatedFigure, claim: Claim, facts: Facts) -> tuple[str, str]:
    """The figure recomputed from the numbers the sources give, and why it differs."""
    results = trial.published
    if results is None:
        return "", (
            "The sources give no result for this trial, and its published figures were not "
            "checked for this project, so none are shown."
        )
    rr, hr = results.rate_ratio, results.hazard_ratio
    c, t = results.control, results.treated
    rates = _pair(trial, "rates")
    from_rates = None
    if rates is not None:
        from_rates = rate_comparison(float(rates.control), float(rates.treated))
        rates_text = (
            f"1 − {rates.treated:g}/{rates.control:g} = {_pct(from_rates['relative_reduction'])}"
        )
    percentages = _pair(trial, "percentages")
    from_percentages = None
    if percentages is not None:
        from_percentages = risk_comparison(float(percentages.control), float(percentages.treated))
        percentages_text = (
            f"1 − {percentages.treated:g}/{percentages.control:g} = "
            f"{_pct(from_percentages['relative_risk_reduction'])}"
        )
    value = claim.value.percent if claim.value is not None else None
    reported = results.rate_reduction_percent

    if stated.form == "rates" and from_rates is not None:
        return rates_text, (
            f"Dividing the rates as printed, rounded to two decimals, gives "
            f"{_pct(from_rates['relative_reduction'])}, while the paper's {reported:g}% comes "
            f"from the rate ratio its statistical model estimated ({_ratio(rr.value)}), not from "
            f"the rounded rates."
        )
    if stated.form == "reduction" and stated.outcome == "relapses" and value is not None:
        assert not isinstance(value, tuple)
        if value == reported:
            how = f"is the paper's {reported:g}%"
        elif value == _half_up(reported):
            how = f"is the paper's {reported:g}% rounded to a whole number"
        else:
            how = f"does not match the paper's {reported:g}%"
        return "", (
            f"The {value:g}% {how}, a relative reduction (1 minus the rate ratio "
            f"{_ratio(rr.value)}), not a difference in relapses per patient-year."
        )
    if stated.form == "range" and isinstance(value, tuple):
        low, high = value
        if low <= reported <= high:
            where = "lies inside it"
        else:
            where = f"lies just {'below' if reported < low else 'above'} it"
            if from_rates is not None and low <= 100 * from_rates["relative_reduction"] <= high:
                where += f", while {rates_text} from the EMA overview's rates falls within it"
        return (rates_text if from_rates is not None else ""), (
            f"The page gives one range, {low:g}-{high:g}%, for its trials together without saying "
            f"how it was derived; {trial.name}'s published {reported:g}% {where}."
        )
    if stated.form == "no-difference" and hr.ci is not None:
        return "", (
            f"The hazard ratio {_ratio(hr.value)} has a 95% interval of {_ratio(hr.ci[0])} to "
            f"{_ratio(hr.ci[1])}, which includes 1 ({_p(hr)}): the trial did not show an effect "
            f"on disability, which is not the same as showing that there is none."
        )
    if stated.form == "significant":
        return "", (
            f"The guideline gives no figure; the paper's hazard ratio {_ratio(hr.value)} "
            f"({_ci(hr)}, {_p(hr)}) excludes 1, so the difference was statistically significant."
        )
    if stated.form == "reduction" and stated.outcome == "disability" and value is not None:
        assert not isinstance(value, tuple)
        if _half_up(100 * (1 - hr.value)) != value:
            return "", f"The {value:g}% does not match 1 minus the paper's hazard ratio."
        if not results.disability_significant and hr.ci is not None:
            return "", (
                f"The {value:g}% is 1 minus the hazard ratio {_ratio(hr.value)}, whose 95% "
                f"interval runs {_interval_words(hr)} and so includes no difference ({_p(hr)})."
            )
        qualifier = claim.value.qualifier if claim.value is not None else None
        not_from = f", not {percentages_text}" if from_percentages is not None else ""
        span = (
            f"; it is the point estimate, whose 95% interval runs {_interval_words(hr)}"
            if hr.ci is not None
            else ""
        )
        lead = f"The “{qualifier}” {value:g}%" if qualifier else f"The {value:g}%"
        return (percentages_text if from_percentages is not None else ""), (
            f"{lead} is 1 minus the hazard ratio {_ratio(hr.value)}{not_from}{span}."
        )
    if stated.form == "percentages" and from_percentages is not None:
        assert stated.control is not None and stated.treated is not None
        recomputed = (
            f"{percentages_text} relative; "
            f"{100 * from_percentages['absolute_risk_reduction']:g} percentage points absolute"
        )
        control_km = _half_up(c.disability_kaplan_meier_percent) == stated.control
        treated_km = _half_up(t.disability_kaplan_meier_percent) == stated.treated
        if control_km and treated_km:
            return recomputed, (
                f"About {stated.treated:g}% and {stated.control:g}% are the paper's Kaplan-Meier "
                f"estimates ({t.disability_kaplan_meier_percent:.1f}% on alemtuzumab, "
                f"{c.disability_kaplan_meier_percent:.1f}% on interferon) rounded to whole "
                f"numbers; the shares of patients were {t.disability_percent:g}% "
                f"({t.disability_patients} of {t.analysed}) and {c.disability_percent:g}% "
                f"({c.disability_patients} of {c.analysed}). The paper's "
                f"{_pct(1 - hr.value, 0)} comes from neither pair: it is 1 minus the hazard "
                f"ratio {_ratio(hr.value)}."
            )
        return recomputed, (
            f"The paper's reduction, {_pct(1 - hr.value, 0)}, is 1 minus the hazard ratio "
            f"{_ratio(hr.value)}, not a ratio of the two percentages."
        )
    return "", "The source describes the trial without giving a result."


def _stated_text(stated: StatedFigure, claim: Claim) -> str:
    if stated.form == "rates":
        return f"{stated.treated:g} vs {stated.control:g} relapses per patient-year"
    if stated.form == "percentages":
        return f"about {stated.treated:g}% vs {stated.control:g}% of patients"
    value = claim.value
    if stated.form in ("reduction", "range") and value is not None and value.percent is not None:
        percent = value.percent
        number = f"{percent[0]:g}-{percent[1]:g}" if isinstance(percent, tuple) else f"{percent:g}"
        qualifier = f"{value.qualifier} " if value.qualifier else ""
        what = "fewer relapses" if stated.outcome == "relapses" else "lower risk of worsening"
        return f"{qualifier}{number}% {what}"
    return " ".join(claim.statement.split())


def page_rows(trial: Trial, data: str = str(DATA)) -> list[Row]:
    """Each source's statement about a trial beside the recomputed and the published figure.

    Args:
        trial: a trial from `load_trials()`.
        data: the data folder.

    Returns:
        One row per stated figure, in the order of data/trials.yaml.

    Examples:
        >>> rows = page_rows(load_trials()[1])
        >>> rows[0]["source"], rows[0]["recomputed"], rows[0]["published"]
        ('EMA overview', '1 − 0.18/0.39 = 53.8%', '1 − rate ratio 0.45 = 55% (reported as 54.9%)')
    """
    facts = load_facts(Path(data))
    rows: list[Row] = []
    for stated in trial.stated:
        claim = facts.claim(stated.claim)
        recomputed, why = _explain(trial, stated, claim, facts)
        results = trial.published
        rows.append(
            {
                "outcome": stated.outcome,
                "source": facts.source(claim.source).short,
                "claim": claim.id,
                "citation": claim.citation,
                "section": facts.section_of(claim),
                "stated": _stated_text(stated, claim),
                "recomputed": recomputed,
                "published": published_reduction(results, stated.outcome)
                if results is not None and stated.outcome != "design"
                else "not checked for this project",
                "why": why,
            }
        )
    return rows

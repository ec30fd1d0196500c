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

The presets the calculator offers (its `rules_json()`) are `alemtuzumab_kb.trials_presets`; the
trials page's table of stated, recomputed and published figures is `alemtuzumab_kb.pages.trials`.
"""

from __future__ import annotations

import math
import sys
from typing import Literal, TypedDict

from alemtuzumab_kb.limits import check_number, real_number

# The presets are this calculator's rules; every calculator gives the browser its rules as
# `alemtuzumab_kb.<stem>.rules_json()`.
from alemtuzumab_kb.trials_presets import rules_json as rules_json

# The words of the answer (and the rounding of every figure in them) are
# `alemtuzumab_kb.trials_words`; these names stay importable from here.
from alemtuzumab_kb.trials_words import MOST_DECIMALS as MOST_DECIMALS
from alemtuzumab_kb.trials_words import count as _count
from alemtuzumab_kb.trials_words import decimals as decimals
from alemtuzumab_kb.trials_words import fixed as fixed
from alemtuzumab_kb.trials_words import headline as headline

Z95 = 1.959963984540054
"""The 97.5th centile of the standard normal distribution (two-sided 95% intervals)."""
TOLERANCE = 1e-9
"""Slack when rounding 1 / ARR up, so that 1 / 0.2 = 5.000000000000001 counts as 5 patients."""
MAX_RELAPSE_ICONS = 300
"""The icon array draws at most this many relapses (a rate of 3 per patient-year)."""

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
    real = real_number(value)
    if real is None or not low <= real <= 1:
        raise ValueError(f"{what} must be a number from {low:g} to 1.")
    return float(real)


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
    if isinstance(value, float) and value == math.inf:
        return value
    real = real_number(value)
    if real is None or not real > 0:
        raise ValueError("A number of patients must be a number above zero, or infinity.")
    if isinstance(real, int):
        return real
    return math.ceil(float(real) - TOLERANCE)


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



def half_up(value: float) -> int:
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
        c, t, unit, total = half_up(control), half_up(treated), "patients", 100
    elif measure == "rate":
        control, treated = _rate(control, "control", "0.4"), _rate(treated, "treated", "0.2")
        c, t, unit = half_up(100 * control), half_up(100 * treated), "relapses"
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

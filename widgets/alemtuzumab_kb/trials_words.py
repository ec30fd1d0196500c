"""The words of the trials calculator's answer, and the one rounding rule for each kind of number.

`alemtuzumab_kb.trials` computes; this module writes what it computed, as the browser twin
(the "Words for the results" of widgets/alemtuzumab_kb/ui/js/trials.js) writes it: the headline,
the relative and absolute effects, the NNT (or why a relapse rate has none). Both pass the
``headline`` and ``texts`` vectors of tests/vectors/trials.json. It works on the dictionaries
`alemtuzumab_kb.trials` returns and imports nothing of ours, so that module can re-export it.

Rounding, each kind of number always the same way (`PLACES`, stated on the page by
`rounding_sentence`): percentages (risks, relative effects) and percentage points to one
decimal, ratios and relapse rates per patient-year to two, relapses per 100 patient-years and
patient-years per relapse to one, halves away from zero; a number of patients (an NNT or its
limits) up to the next whole patient. A number that is not zero but would read as zero at its
decimals gets as many more as it needs to show its first digit (at most `MOST_DECIMALS`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from alemtuzumab_kb.errors import InputError

MOST_DECIMALS = 6
"""Decimals a figure near zero may get so that it does not read as 0.0."""
PLACES = {
    "percent": 1,
    "ratio": 2,
    "rate": 2,
    "per_100": 1,
    "patient_years": 1,
}
"""Decimals for each kind of number: percentages and percentage points, ratios (treated ÷
control), relapses per patient-year, relapses per 100 patient-years, patient-years per relapse."""


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


def rounded(value: float, kind: str) -> str:
    """`value` rounded as its kind of number is (`PLACES`), with the decimals it needs if it is
    not zero but would read as zero.

    Examples:
        >>> rounded(7.128, "percent"), rounded(0.015, "percent"), rounded(0.4615, "ratio")
        ('7.1', '0.01', '0.46')
    """
    return fixed(value, decimals([value], PLACES[kind]))


def count(value: float) -> str:
    """A whole number of patients in digits, or ``infinity``."""
    return "infinity" if value == math.inf else str(int(value))


def percentage(fraction: float) -> str:
    """A fraction as a percentage: ``0.538 -> '53.8%'``."""
    return f"{rounded(100 * fraction, 'percent')}%"


def _minus(text: str) -> str:
    return text.replace("-", "−")


def _nnt_reach(interval: Mapping[str, Any], kind: str) -> str:
    """The ends of an NNT interval that includes no difference, in words."""
    ends = [
        f"one patient helped per {count(interval['benefit'][0])} treated"
        if interval["benefit"] is not None
        else "no difference",
        f"one patient harmed per {count(interval['harm'][0])} treated"
        if interval["harm"] is not None
        else "no difference",
    ]
    if ends[0] == ends[1]:
        return "the 95% interval is no difference"
    if kind == "none":
        return f"the 95% interval runs from {ends[0]} to {ends[1]}"
    return f"the 95% interval includes no difference: from {ends[0]} to {ends[1]}"


def _measured(measure: object, result: object) -> None:
    """InputError unless `result` is what `measure` names: the result of rate_comparison for
    ``"rate"``, of risk_comparison for ``"risk"``."""
    made_by = {"rate": ("rate_comparison", "difference"), "risk": ("risk_comparison", "nnt_kind")}
    if not isinstance(measure, str) or measure not in made_by:
        raise InputError("measure", 'Give the measure as "rate" or "risk".')
    function, key = made_by[measure]
    if not isinstance(result, Mapping) or key not in result:
        raise InputError(
            "measure",
            f"headline({measure!r}, result) takes the result of {function}; give that, or the "
            f"measure the result is of.",
        )


def headline(measure: str, result: Mapping[str, Any]) -> str:
    """The result in one line, shown first: the NNT (or NNH) with its interval for risks, in
    words first where the interval includes no difference; the relapses avoided per 100
    patient-years for rates.

    Examples:
        >>> from alemtuzumab_kb.trials import rate_comparison, risk_comparison
        >>> headline("risk", risk_comparison(100 * 40 / 202, 100 * 54 / 426, 202, 426))
        'NNT 15 (95% CI 8 to 92)'
        >>> headline("risk", risk_comparison(100 * 20 / 187, 100 * 30 / 376, 187, 376))
        'NNT 37; the 95% interval includes no difference: from one patient helped per 12 \
treated to one patient harmed per 47 treated'
        >>> headline("rate", rate_comparison(0.39, 0.18))
        '21.0 relapses avoided per 100 patient-years'
    """
    _measured(measure, result)
    if measure == "rate":
        per_100 = result["relapses_avoided_per_100_patient_years"]
        if result["difference"] > 0:
            return f"{rounded(per_100, 'per_100')} relapses avoided per 100 patient-years"
        if result["difference"] < 0:
            return f"{rounded(-per_100, 'per_100')} extra relapses per 100 patient-years"
        return "No difference in relapses per patient-year"
    kind, interval = result["nnt_kind"], result["nnt_interval"]
    if kind == "none":
        head = "No difference in risk: the NNT is infinite"
    else:
        head = f"{'NNT' if kind == 'benefit' else 'NNH'} {count(result['nnt'])}"
    if interval is None:
        return head
    if interval["includes_infinity"]:
        return f"{head}; {_nnt_reach(interval, kind)}"
    low, high = interval["benefit"] or interval["harm"]
    return f"{head} (95% CI {count(low)} to {count(high)})"


def relative_text(measure: str, result: Mapping[str, Any]) -> str:
    """The relative effect, e.g. ``'53.8% fewer relapses on treatment (treated ÷ control =
    0.46)'``."""
    reduction = result["relative_reduction" if measure == "rate" else "relative_risk_reduction"]
    ratio = result["rate_ratio" if measure == "rate" else "risk_ratio"]
    what = "relapses" if measure == "rate" else "risk"
    ratio_text = f"treated ÷ control = {rounded(ratio, 'ratio')}"
    if reduction > 0:
        less = "fewer" if measure == "rate" else "lower"
        return f"{percentage(reduction)} {less} {what} on treatment ({ratio_text})"
    if reduction < 0:
        more = "more" if measure == "rate" else "higher"
        return f"{percentage(-reduction)} {more} {what} on treatment ({ratio_text})"
    return f"no difference ({ratio_text})"


def absolute_text(measure: str, result: Mapping[str, Any]) -> str:
    """The absolute effect: relapses per patient-year and per 100 patient-years, or percentage
    points with their interval."""
    if measure == "rate":
        difference = result["difference"]
        per_100 = result["relapses_avoided_per_100_patient_years"]
        if difference > 0:
            return (
                f"{rounded(difference, 'rate')} fewer relapses per patient-year: "
                f"{rounded(per_100, 'per_100')} relapses avoided per 100 patient-years of "
                f"treatment, or one relapse avoided per "
                f"{rounded(result['patient_years_per_relapse_avoided'], 'patient_years')} "
                f"patient-years"
            )
        if difference < 0:
            return (
                f"{rounded(-difference, 'rate')} more relapses per patient-year: "
                f"{rounded(-per_100, 'per_100')} extra relapses per 100 patient-years of "
                f"treatment, or one extra relapse per "
                f"{rounded(result['patient_years_per_extra_relapse'], 'patient_years')} "
                f"patient-years"
            )
        return "no difference in relapses per patient-year"
    arr = result["absolute_risk_reduction"]
    points = f"{rounded(abs(100 * arr), 'percent')} percentage points"
    if arr > 0:
        direction = f"{points} lower risk"
    elif arr < 0:
        direction = f"{points} higher risk"
    else:
        direction = "no difference in risk"
    if result["arr_ci"] is None:
        return direction
    low, high = (_minus(rounded(100 * value, "percent")) for value in result["arr_ci"])
    return (
        f"{direction} (control − treated = {_minus(rounded(100 * arr, 'percent'))}, "
        f"95% CI {low} to {high})"
    )


def nnt_sentence(result: Mapping[str, Any]) -> str:
    """The NNT in Altman's (1998) notation, with its interval where there is one."""
    interval = result["nnt_interval"]
    if interval is None:
        return result["nnt_text"]
    notation = (
        " (Altman's notation: an interval that includes no difference passes through "
        "infinity)"
        if interval["includes_infinity"]
        else ""
    )
    return f"{result['nnt_text']}; 95% CI {interval['text']}{notation}"


def rate_nnt_text(result: Mapping[str, Any]) -> str:
    """Why relapse rates have no NNT, and what the relapses per 100 patient-years mean.

    Examples:
        >>> from alemtuzumab_kb.trials import rate_comparison
        >>> rate_nnt_text(rate_comparison(0.39, 0.18)).split(". ")[1]
        '21.0 relapses avoided per 100 patient-years means 21.0 fewer relapses than on the \
comparator for every 100 years of treatment, such as 100 patients treated for one year or 50 \
for two.'
    """
    why = (
        "None for relapse rates: an NNT counts patients who have an event, while a rate counts "
        "relapses, and a patient can relapse more than once"
    )
    per_100 = result["relapses_avoided_per_100_patient_years"]
    years = (
        "for every 100 years of treatment, such as 100 patients treated for one year or 50 for two"
    )
    if result["difference"] > 0:
        number = rounded(per_100, "per_100")
        meaning = (
            f"{number} relapses avoided per 100 patient-years means {number} fewer relapses "
            f"than on the comparator {years}"
        )
    elif result["difference"] < 0:
        number = rounded(-per_100, "per_100")
        meaning = (
            f"{number} extra relapses per 100 patient-years means {number} more relapses than "
            f"on the comparator {years}"
        )
    else:
        meaning = "The two rates are equal: no relapses are avoided"
    return f"{why}. {meaning}."


def rounding_sentence() -> str:
    """The rounding rules, as the page states them once under the calculator.

    Examples:
        >>> rounding_sentence()[:60]
        'Percentages and percentage points have 1 decimal; ratios, 2;'
    """
    return (
        f"Percentages and percentage points have {PLACES['percent']} decimal; ratios, "
        f"{PLACES['ratio']}; relapses per patient-year, {PLACES['rate']}; relapses per 100 "
        f"patient-years and patient-years per relapse, {PLACES['per_100']}; halves are rounded "
        "away from zero. A number of patients (an NNT and the limits of its interval) is "
        "rounded up to the next whole patient. A number that is not zero but would round to "
        "zero gets the decimals it needs to show its first digit (at most "
        f"{MOST_DECIMALS}). The picture rounds each arm to whole patients, or relapses, halves up."
    )

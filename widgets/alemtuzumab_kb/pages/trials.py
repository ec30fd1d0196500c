"""The trials page (book/calculators/trials.ipynb): each source's statement about a trial beside
the figure recomputed from the source's own numbers and the paper's published figure, and why
they differ."""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

from alemtuzumab_kb.facts import (
    DATA,
    Claim,
    Estimate,
    Facts,
    PublishedResults,
    StatedFigure,
    Trial,
    load_facts,
    load_trials,  # noqa: F401 (the examples use it)
)
from alemtuzumab_kb.trials import half_up, rate_comparison, risk_comparison
from alemtuzumab_kb.trials_presets import ci_text, p_text, percent_text, ratio_text, with_ci
from alemtuzumab_kb.trials_words import rounded


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
            f"{ratio_text(t.relapse_rate.value)} vs {ratio_text(c.relapse_rate.value)} relapses "
            f"per patient-year; {with_ci('rate ratio', results.rate_ratio)}"
        )
    significance = "" if results.disability_significant else ", not significant"
    return (
        f"{t.disability_patients} of {t.analysed} ({t.disability_percent:g}%) vs "
        f"{c.disability_patients} of {c.analysed} ({c.disability_percent:g}%) patients; "
        f"Kaplan-Meier estimates {t.disability_kaplan_meier_percent:.1f}% vs "
        f"{c.disability_kaplan_meier_percent:.1f}%; "
        f"{with_ci('hazard ratio', results.hazard_ratio)}{significance}"
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
        f"1 − {name} {ratio_text(ratio.value)} = {percent_text(1 - ratio.value, 0)}"
        f"{_reported(reported, ratio.value)}"
    )


def _interval_words(hr: Estimate) -> str:
    """'from a 60% lower to a 23% higher hazard' for a hazard ratio's interval."""
    assert hr.ci is not None

    def words(ratio: float) -> str:
        return f"{percent_text(abs(1 - ratio), 0)} {'lower' if ratio < 1 else 'higher'}"

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
            f"1 − {rates.treated:g}/{rates.control:g} = "
            f"{percent_text(from_rates['relative_reduction'])}"
        )
    percentages = _pair(trial, "percentages")
    from_percentages = None
    if percentages is not None:
        from_percentages = risk_comparison(float(percentages.control), float(percentages.treated))
        percentages_text = (
            f"1 − {percentages.treated:g}/{percentages.control:g} = "
            f"{percent_text(from_percentages['relative_risk_reduction'])}"
        )
    value = claim.value.percent if claim.value is not None else None
    reported = results.rate_reduction_percent

    if stated.form == "rates" and from_rates is not None:
        return rates_text, (
            f"Dividing the rates as printed, rounded to two decimals, gives "
            f"{percent_text(from_rates['relative_reduction'])}, while the paper's {reported:g}% "
            f"comes from the rate ratio its statistical model estimated ({ratio_text(rr.value)}), "
            f"not from the rounded rates."
        )
    if stated.form == "reduction" and stated.outcome == "relapses" and value is not None:
        assert not isinstance(value, tuple)
        if value == reported:
            how = f"is the paper's {reported:g}%"
        elif value == half_up(reported):
            how = f"is the paper's {reported:g}% rounded to a whole number"
        else:
            how = f"does not match the paper's {reported:g}%"
        return "", (
            f"The {value:g}% {how}, a relative reduction (1 minus the rate ratio "
            f"{ratio_text(rr.value)}), not a difference in relapses per patient-year."
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
            f"The hazard ratio {ratio_text(hr.value)} has a 95% interval of "
            f"{ratio_text(hr.ci[0])} to {ratio_text(hr.ci[1])}, which includes 1 ({p_text(hr)}): "
            f"the trial did not show an effect on disability, which is not the same as showing "
            f"that there is none."
        )
    if stated.form == "significant":
        return "", (
            f"The guideline gives no figure; the paper's hazard ratio {ratio_text(hr.value)} "
            f"({ci_text(hr)}, {p_text(hr)}) excludes 1, so the difference was statistically "
            f"significant."
        )
    if stated.form == "reduction" and stated.outcome == "disability" and value is not None:
        assert not isinstance(value, tuple)
        if half_up(100 * (1 - hr.value)) != value:
            return "", f"The {value:g}% does not match 1 minus the paper's hazard ratio."
        if not results.disability_significant and hr.ci is not None:
            return "", (
                f"The {value:g}% is 1 minus the hazard ratio {ratio_text(hr.value)}, whose 95% "
                f"interval runs {_interval_words(hr)} and so includes no difference ({p_text(hr)})."
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
            f"{lead} is 1 minus the hazard ratio {ratio_text(hr.value)}{not_from}{span}."
        )
    if stated.form == "percentages" and from_percentages is not None:
        assert stated.control is not None and stated.treated is not None
        recomputed = (
            f"{percentages_text} relative; "
            f"{rounded(100 * from_percentages['absolute_risk_reduction'], 'percent')} percentage "
            "points absolute"
        )
        control_km = half_up(c.disability_kaplan_meier_percent) == stated.control
        treated_km = half_up(t.disability_kaplan_meier_percent) == stated.treated
        if control_km and treated_km:
            return recomputed, (
                f"About {stated.treated:g}% and {stated.control:g}% are the paper's Kaplan-Meier "
                f"estimates ({t.disability_kaplan_meier_percent:.1f}% on alemtuzumab, "
                f"{c.disability_kaplan_meier_percent:.1f}% on interferon) rounded to whole "
                f"numbers; the shares of patients were {t.disability_percent:g}% "
                f"({t.disability_patients} of {t.analysed}) and {c.disability_percent:g}% "
                f"({c.disability_patients} of {c.analysed}). The paper's "
                f"{percent_text(1 - hr.value, 0)} comes from neither pair: it is 1 minus the "
                f"hazard ratio {ratio_text(hr.value)}."
            )
        return recomputed, (
            f"The paper's reduction, {percent_text(1 - hr.value, 0)}, is 1 minus the hazard ratio "
            f"{ratio_text(hr.value)}, not a ratio of the two percentages."
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

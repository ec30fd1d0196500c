"""The trials calculator's rules: the presets it offers, from data/trials.yaml.

Each preset fills the inputs with one trial's published figures, or with a pair of figures as a
source states them, with its citation; `rules_json()` gives them to the browser, and
`alemtuzumab_kb.trials.rules_json` is the same function. Also here: how a published estimate is
written (`with_ci`), which the presets' notes and the trials page (`alemtuzumab_kb.pages.trials`)
share.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from alemtuzumab_kb.currency import note_json
from alemtuzumab_kb.facts import (
    DATA,
    Claim,
    Estimate,
    Facts,
    PublishedResults,
    Trial,
    load_facts,
    load_trials,
)
from alemtuzumab_kb.limits import limits_json
from alemtuzumab_kb.trials_words import rounding_sentence

DEFAULT_PRESET = "care-ms-ii-disability-patients"
"""What the calculator shows first: a trial's published counts of patients with both arm sizes,
so that the first view holds a number needed to treat with its interval."""


# --- How a published estimate is written ---------------------------------------------------


def ratio_text(value: float) -> str:
    return f"{value:.2f}"


def percent_text(fraction: float, places: int = 1) -> str:
    return f"{100 * fraction:.{places}f}%"


def p_text(estimate: Estimate) -> str:
    if estimate.p is None:
        return ""
    return f"p{estimate.p.relation if estimate.p.relation == '<' else '='}{estimate.p.value:g}"


def ci_text(estimate: Estimate) -> str:
    if not estimate.ci:
        return ""
    return f"95% CI {ratio_text(estimate.ci[0])} to {ratio_text(estimate.ci[1])}"


def with_ci(name: str, estimate: Estimate) -> str:
    """An estimate with its interval and p-value, as the published figures are quoted.

    Examples:
        >>> with_ci("rate ratio", load_trials()[1].published.rate_ratio)
        'rate ratio 0.45 (95% CI 0.32 to 0.63, p<0.0001)'
    """
    details = ", ".join(part for part in (ci_text(estimate), p_text(estimate)) if part)
    return f"{name} {ratio_text(estimate.value)}" + (f" ({details})" if details else "")


# --- Rules for the widget -----------------------------------------------------------------


def _decimal(value: float, places: int) -> str:
    """A number for an input field: at most `places` decimals, no trailing zeros."""
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _claim_citation(facts: Facts, claim: Claim) -> dict[str, Any]:
    """A source statement's citation, linking to its section of the source's chapter, with the
    source's status on the question where it is no longer current."""
    source = facts.source(claim.source)
    citation: dict[str, Any] = {
        "source": source.short,
        "key": claim.citation,
        "locator": " ".join(claim.locator.split()).replace("*", ""),
        "href": f"book/sources/{source.chapter}.html#{facts.section_of(claim)}",
    }
    status = note_json(facts, claim.source, claim.question)
    if status is not None:
        citation["currency"] = status
    return citation


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
                    f"estimate is a {with_ci('rate ratio', results.rate_ratio)}; dividing the "
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
                    f"{with_ci('hazard ratio', results.hazard_ratio)} allows for follow-up time; "
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
                    f"{with_ci('hazard ratio', results.hazard_ratio)}."
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
        "presets": presets,
        "trials": trials,
        "default": DEFAULT_PRESET,
        "limits": limits_json(),
        "rounding": rounding_sentence(),
    }

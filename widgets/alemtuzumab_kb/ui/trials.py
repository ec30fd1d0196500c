"""The trial-efficacy calculator as an anywidget: rates or risks in; effects, NNT, picture out."""

from __future__ import annotations

from typing import Any

import traitlets

from alemtuzumab_kb.errors import InputError
from alemtuzumab_kb.limits import typed_number
from alemtuzumab_kb.trials import (
    RateComparison,
    RiskComparison,
    headline,
    rate_comparison,
    risk_comparison,
    rules_json,
)
from alemtuzumab_kb.trials_words import absolute_text, nnt_sentence, rate_nnt_text, relative_text
from alemtuzumab_kb.ui.base import Calculator
from alemtuzumab_kb.ui.esm import JS


def _typed(text: str, percent: bool = False, whole: bool = False) -> float | str | None:
    """A number as a reader typed it, read as the browser reads it (`limits.typed_number`);
    text that is not one goes on to the core's sentence."""
    try:
        return typed_number(text, percent, whole)
    except InputError:
        return text


def _default_preset() -> dict[str, Any]:
    rules = rules_json()
    return next(preset for preset in rules["presets"] if preset["id"] == rules["default"])


class TrialsCalculator(Calculator):
    """Compare two arms' relapse rates or risks; the browser computes from `rules` and the inputs.

    The inputs are strings, as a reader types them, so that a typing slip can be shown as a
    sentence rather than refused by the widget. They start at the default preset
    (``alemtuzumab_kb.trials_presets.DEFAULT_PRESET``: a trial's published counts of patients
    with both arm sizes, so that the first view shows a number needed to treat with its interval).

    Examples:
        >>> widget = TrialsCalculator(measure="risk", control="21.1", treated="12.7")
        >>> widget.measure, widget.n_control
        ('risk', '')
    """

    view = "trials_view"
    title = "Trial efficacy calculator"
    _css = Calculator._css + (JS / "trials.css").read_text(encoding="utf-8")
    measure = traitlets.Unicode().tag(sync=True)
    """``"rate"`` (relapses per patient-year) or ``"risk"`` (percentage of patients)."""
    control = traitlets.Unicode().tag(sync=True)
    treated = traitlets.Unicode().tag(sync=True)
    n_control = traitlets.Unicode("").tag(sync=True)
    n_treated = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        names = ("measure", "control", "treated", "n_control", "n_treated")
        defaults = self.example_inputs(names)
        if any(name in kwargs for name in names):
            defaults = {"measure": "rate", "control": "", "treated": "", "n_control": "",
                        "n_treated": ""}
        super().__init__(
            **{
                **defaults,
                "rules": rules_json(),
                "_url_params": list(names),
                **kwargs,
            }
        )

    def example_inputs(self, names: Any = None) -> dict[str, str]:
        """The default preset's inputs (a trial's published counts with both arm sizes)."""
        preset = _default_preset()
        return {name: str(preset[name]) for name in names or self._url_params}

    def result(self) -> RateComparison | RiskComparison:
        """The comparison for the current inputs, from the Python core (raises ValueError)."""
        if self.measure == "risk":
            sizes = [_typed(n, whole=True) for n in (self.n_control, self.n_treated)]
            return risk_comparison(
                _typed(self.control, percent=True), _typed(self.treated, percent=True), *sizes
            )
        return rate_comparison(_typed(self.control), _typed(self.treated))

    def headline(self) -> str:
        return _headline(self.result())

    def static_text(self) -> str:
        result = self.result()
        return f"{_headline(result)}. {self._details(result)}"

    def _details(self, result: RateComparison | RiskComparison) -> str:
        measure = "risk" if "nnt_text" in result else "rate"
        if measure == "risk":
            inputs = f"Risk {self.control}% with the comparator, {self.treated}% with treatment"
            nnt = nnt_sentence(result)
        else:
            inputs = (
                f"Relapse rate {self.control} per patient-year with the comparator, "
                f"{self.treated} with treatment"
            )
            nnt = rate_nnt_text(result).removesuffix(".")
        return (
            f"{inputs}. Relative effect: {relative_text(measure, result)}. Absolute effect: "
            f"{absolute_text(measure, result)}. Number needed to treat: {nnt}."
        )


def _headline(result: RateComparison | RiskComparison) -> str:
    return headline("risk" if "nnt_text" in result else "rate", result)

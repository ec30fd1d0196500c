"""The trial-efficacy calculator as an anywidget: rates or risks in; effects, NNT, picture out."""

from __future__ import annotations

from typing import Any

import traitlets

from widgets.trials import rules_json
from widgets.ui.base import Calculator
from widgets.ui.esm import JS


def _first_preset() -> dict[str, Any]:
    return rules_json()["presets"][0]


class TrialsCalculator(Calculator):
    """Compare two arms' relapse rates or risks; the browser computes from `rules` and the inputs.

    The inputs are strings, as a reader types them, so that a typing slip can be shown as a
    sentence rather than refused by the widget. They start at the first preset in
    data/trials.yaml (a trial's published relapse rates).

    Examples:
        >>> widget = TrialsCalculator(measure="risk", control="21.1", treated="12.7")
        >>> widget.measure, widget.n_control
        ('risk', '')
    """

    view = "trials_view"
    _css = Calculator._css + (JS / "trials.css").read_text(encoding="utf-8")
    measure = traitlets.Unicode().tag(sync=True)
    """``"rate"`` (relapses per patient-year) or ``"risk"`` (percentage of patients)."""
    control = traitlets.Unicode().tag(sync=True)
    treated = traitlets.Unicode().tag(sync=True)
    n_control = traitlets.Unicode("").tag(sync=True)
    n_treated = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        preset = _first_preset()
        defaults = {name: preset[name] for name in ("measure", "control", "treated")}
        if "measure" in kwargs or "control" in kwargs or "treated" in kwargs:
            defaults = {"measure": "rate", "control": "", "treated": ""}
        super().__init__(
            **{
                **defaults,
                "rules": rules_json(),
                "_url_params": ["measure", "control", "treated", "n_control", "n_treated"],
                **kwargs,
            }
        )

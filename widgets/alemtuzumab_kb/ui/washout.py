"""The washout calculator as an anywidget: therapy stopped and last dose in; the plan out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import traitlets

from alemtuzumab_kb.ui.base import Calculator
from alemtuzumab_kb.washout import WashoutPlan, rules_json, washout_plan

# The look of this calculator's parts, on top of the shared calculator.css.
CSS = """
.calc-washout .calc-list-title { font-weight: 600; margin: 0.75rem 0 0.25rem; }
.calc-washout ul { padding-left: 1.25rem; margin: 0.25rem 0; }
.calc-washout .calc-summary { margin: 0 0 0.5rem; }
.calc-washout .calc-caveat { margin: 0.75rem 0 0; padding: 0.4rem 0.6rem;
  background: var(--kb-warn-bg); border-left: 3px solid var(--kb-warn); font-size: 0.9375rem; }
.calc-washout .calc-caveat .calc-list-title { margin-top: 0; }
.calc-washout .calc-caveat ul { list-style: none; padding-left: 0; }
.calc-washout .calc-cautions { color: var(--kb-text); }
"""


class WashoutCalculator(Calculator):
    """When may the next therapy start after a switch to or from alemtuzumab?

    The browser computes from `rules` (``alemtuzumab_kb.washout.rules_json()``) and the two inputs,
    so the widget also works on the static page; in Jupyter, Python reads the inputs as traits and
    `plan()` gives the same answer from the Python core.

    Examples:
        >>> widget = WashoutCalculator(prior="Tysabri", last_dose=dt.date(2026, 1, 31))
        >>> widget.last_dose, widget.plan().latest_start
        ('2026-01-31', datetime.date(2026, 4, 30))
    """

    view = "washout_view"
    title = "Washout calculator: switching to and from alemtuzumab"
    _css = Calculator._css + CSS
    prior = traitlets.Unicode("fingolimod").tag(sync=True)
    """The therapy stopped, by generic or brand name, as typed."""
    last_dose = traitlets.Unicode("2026-01-31").tag(sync=True)
    """The date of the last dose, as ``YYYY-MM-DD`` (text, so a typing slip can be explained)."""

    def __init__(self, **kwargs: Any) -> None:
        if isinstance(kwargs.get("last_dose"), dt.date):
            kwargs["last_dose"] = kwargs["last_dose"].isoformat()
        super().__init__(**{"rules": rules_json(), "_url_params": ["prior", "last_dose"], **kwargs})

    def plan(self) -> WashoutPlan:
        """The plan for the current inputs, from the Python core (raises ValueError like it)."""
        return washout_plan(self.prior, self.last_dose)

    result = plan

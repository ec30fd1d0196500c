"""Calculators and data behind the alemtuzumab knowledge base: the public API for educators.

Everything in ``__all__`` is public and listed in README.md ("Python API for educators"); a test
imports each name from the installed wheel. The four calculator widgets import lazily, so that
the plain functions (and the book's build) need no widget library.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from alemtuzumab_kb.contraception import (
    AfterLastInfusion,
    Milestone,
    after_last_infusion,
    breastfeeding_end,
    contraception_end,
    last_infusion,
    monitoring_end,
)
from alemtuzumab_kb.facts import load_facts, load_trials
from alemtuzumab_kb.schedule import schedule_ics, treatment_schedule
from alemtuzumab_kb.schedule_events import Schedule
from alemtuzumab_kb.trials import headline as trial_headline
from alemtuzumab_kb.trials import rate_comparison, risk_comparison
from alemtuzumab_kb.washout import WashoutPlan, washout_plan

CALCULATORS = {
    "ContraceptionCalculator": "alemtuzumab_kb.ui.contraception",
    "ScheduleCalculator": "alemtuzumab_kb.ui.schedule",
    "TrialsCalculator": "alemtuzumab_kb.ui.trials",
    "WashoutCalculator": "alemtuzumab_kb.ui.washout",
}

__all__ = [
    "AfterLastInfusion",
    "ContraceptionCalculator",
    "Milestone",
    "Schedule",
    "ScheduleCalculator",
    "TrialsCalculator",
    "WashoutCalculator",
    "WashoutPlan",
    "after_last_infusion",
    "breastfeeding_end",
    "contraception_end",
    "last_infusion",
    "load_facts",
    "load_trials",
    "monitoring_end",
    "rate_comparison",
    "risk_comparison",
    "schedule_ics",
    "treatment_schedule",
    "trial_headline",
    "washout_plan",
]


def __getattr__(name: str) -> Any:
    """The calculator widgets, imported on first use (PEP 562)."""
    if name in CALCULATORS:
        return getattr(import_module(CALCULATORS[name]), name)
    raise AttributeError(f"module 'alemtuzumab_kb' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

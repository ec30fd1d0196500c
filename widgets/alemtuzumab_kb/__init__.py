"""Calculators and data access for the alemtuzumab knowledge base."""

# Washout and what follows the last infusion (issue 5): the public API for educators.
from alemtuzumab_kb.contraception import (
    AfterLastInfusion,
    Milestone,
    after_last_infusion,
    breastfeeding_end,
    contraception_end,
    last_infusion,
    monitoring_end,
)
from alemtuzumab_kb.schedule import Schedule, schedule_ics, treatment_schedule  # schedule (issue 7)
from alemtuzumab_kb.trials import (  # trial efficacy figures (issue 6)
    rate_comparison,
    risk_comparison,
)
from alemtuzumab_kb.washout import WashoutPlan, washout_plan

__all__ = [
    "AfterLastInfusion",
    "Milestone",
    "Schedule",
    "WashoutPlan",
    "after_last_infusion",
    "breastfeeding_end",
    "contraception_end",
    "last_infusion",
    "monitoring_end",
    "rate_comparison",
    "risk_comparison",
    "schedule_ics",
    "treatment_schedule",
    "washout_plan",
]

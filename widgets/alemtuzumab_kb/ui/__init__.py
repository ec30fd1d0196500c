"""Thin anywidget front ends over the pure calculator modules: one class per calculator."""

from alemtuzumab_kb.ui.contraception import ContraceptionCalculator
from alemtuzumab_kb.ui.schedule import ScheduleCalculator
from alemtuzumab_kb.ui.trials import TrialsCalculator
from alemtuzumab_kb.ui.washout import WashoutCalculator

__all__ = ["ContraceptionCalculator", "ScheduleCalculator", "TrialsCalculator", "WashoutCalculator"]

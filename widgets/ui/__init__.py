"""Thin anywidget front ends over the pure calculator modules: one class per calculator."""

from widgets.ui.contraception import ContraceptionCalculator
from widgets.ui.schedule import ScheduleCalculator
from widgets.ui.trials import TrialsCalculator
from widgets.ui.washout import WashoutCalculator

__all__ = ["ContraceptionCalculator", "ScheduleCalculator", "TrialsCalculator", "WashoutCalculator"]

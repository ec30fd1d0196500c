"""The calculator for what follows the last infusion, as an anywidget."""

from __future__ import annotations

import datetime as dt
from typing import Any

import traitlets

from alemtuzumab_kb.contraception import (
    AfterLastInfusion,
    after_last_infusion,
    last_infusion,
    rules_json,
)
from alemtuzumab_kb.ui.base import Calculator

# The look of this calculator's parts, on top of the shared calculator.css.
CSS = """
.calc-contraception .calc-list-title { font-weight: 600; margin: 0.75rem 0 0.25rem; }
.calc-contraception ul { padding-left: 1.25rem; margin: 0.25rem 0; }
.calc-contraception li { margin: 0.2rem 0; }
.calc-contraception .calc-last { margin: 0 0 0.5rem; }
.calc-contraception .calc-cite, .calc-contraception .calc-course { font-size: 0.875rem; }
.calc-contraception .calc-cite { color: var(--kb-text-muted); }
"""


class ContraceptionCalculator(Calculator):
    """Contraception, breastfeeding, vaccination, blood products and monitoring after a course.

    The reader gives either the date of the last infusion (``known="last_infusion"``) or the
    first day of a course and its number (``known="course_start"``). The browser computes from
    `rules` (``alemtuzumab_kb.contraception.rules_json()``); in Jupyter, `result()` gives the same
    answer from the Python core.

    Examples:
        >>> widget = ContraceptionCalculator(known="course_start", course_start="2026-11-01")
        >>> widget.course, widget.result().last_infusion
        ('2', datetime.date(2026, 11, 3))
    """

    view = "contraception_view"
    title = "After the last infusion: contraception, breastfeeding, monitoring"
    _css = Calculator._css + CSS
    known = traitlets.Enum(["last_infusion", "course_start"], "last_infusion").tag(sync=True)
    """Which input the dates start from."""
    last_infusion = traitlets.Unicode("2026-11-03").tag(sync=True)
    """The date of the last infusion, ``YYYY-MM-DD``."""
    course_start = traitlets.Unicode("2026-11-01").tag(sync=True)
    """The first infusion day of the course, ``YYYY-MM-DD``."""
    course = traitlets.Unicode("2").tag(sync=True)
    """The course number as typed (1 for the first course)."""

    def __init__(self, **kwargs: Any) -> None:
        for name in ("last_infusion", "course_start"):
            if isinstance(kwargs.get(name), dt.date):
                kwargs[name] = kwargs[name].isoformat()
        if isinstance(kwargs.get("course"), int):
            kwargs["course"] = str(kwargs["course"])
        super().__init__(
            **{
                "rules": rules_json(),
                "_url_params": ["known", "last_infusion", "course_start", "course"],
                **kwargs,
            }
        )

    def result(self) -> AfterLastInfusion:
        """The dates for the current inputs, from the Python core (raises ValueError like it)."""
        if self.known == "course_start":
            return after_last_infusion(last_infusion(self.course_start, self.course))
        return after_last_infusion(self.last_infusion)

"""The treatment and monitoring schedule calculator, as an anywidget."""

from __future__ import annotations

import datetime as dt
from typing import Any

import traitlets

from alemtuzumab_kb.dates import parse_date
from alemtuzumab_kb.schedule import rules_json, schedule_ics, treatment_schedule
from alemtuzumab_kb.schedule_calendar import DEFAULT_STAMP
from alemtuzumab_kb.schedule_events import Schedule
from alemtuzumab_kb.schedule_today import overdue_lines
from alemtuzumab_kb.ui.base import Calculator
from alemtuzumab_kb.ui.esm import vega_sources
from alemtuzumab_kb.washout import wrap_line

# The look of this calculator's parts, on top of the shared calculator.css.
CSS = """
.calc-schedule { max-width: 52rem; }
.calc-schedule .calc-headline { margin-top: 0; }
.calc-schedule .calc-status p { margin: 0.2rem 0; }
.calc-schedule .schedule-figure { margin: 0.75rem 0; }
.calc-schedule .schedule-chart { width: 100%; min-height: 2rem; }
.calc-schedule .schedule-chart-target { width: 100%; }
.calc-schedule .schedule-download {
  font: inherit; min-height: 2.75rem; padding: 0.35rem 0.75rem; border: 1px solid var(--kb-accent);
  border-radius: 4px;
  background: var(--kb-accent); color: var(--kb-on-accent); cursor: pointer;
}
.calc-schedule .schedule-download:focus-visible {
  outline: 3px solid var(--kb-text); outline-offset: 2px;
}
.calc-schedule .schedule-more { margin: 0.25rem 0 0.5rem; }
.calc-schedule .schedule-calendar { margin: 0.5rem 0 0.75rem; }
.calc-schedule .schedule-calendar .calc-hint { margin: 0.25rem 0 0; }
.calc-schedule .schedule-table { font-size: 0.875rem; }
.calc-schedule .schedule-when { white-space: nowrap; }
.calc-schedule .schedule-title, .calc-schedule .schedule-text, .calc-schedule .schedule-cite {
  display: block;
}
.calc-schedule .schedule-text, .calc-schedule .schedule-projected,
.calc-schedule .schedule-cite { color: var(--kb-text-muted); }
.calc-schedule .schedule-source a, .calc-schedule .schedule-open a { color: var(--kb-link); }
/* The chart's text and rules in the theme's colours (CSS wins over vega's SVG attributes). */
.calc-schedule .schedule-chart svg.marks { background-color: transparent !important; }
.calc-schedule .schedule-chart text { fill: var(--kb-text); }
.calc-schedule .schedule-chart .role-axis-domain path,
.calc-schedule .schedule-chart .role-axis-tick line,
.calc-schedule .schedule-chart .role-axis-grid line { stroke: var(--kb-border); }
.calc-schedule .schedule-open { font-size: 0.875rem; padding-left: 1.25rem; }
/* What is overdue: after the answer, and first in the table, marked in words and by a border. */
.calc-schedule .calc-status p.schedule-overdue-line {
  font-weight: 600; margin: 0.35rem 0; padding: 0.25rem 0.5rem;
  border-left: 4px solid var(--kb-error); background: var(--kb-error-bg);
}
.calc-schedule .schedule-overdue td:first-child { border-left: 4px solid var(--kb-error); }
.calc-schedule .schedule-overdue-mark { color: var(--kb-error); }
.calc-schedule .schedule-passed { display: block; font-weight: 600; }
.calc-schedule .schedule-chart .overdue_marks path { stroke: var(--kb-error); }
.calc-schedule .calc-list-title { font-weight: 600; margin: 0.75rem 0 0.25rem; }
@media (max-width: 40rem) {
  .calc-schedule .schedule-when { white-space: normal; min-width: 6.5rem; }
  /* A card per event: date, event, source, one above the other, nothing sideways. */
  .calc-schedule .schedule-table, .calc-schedule .schedule-table tbody,
  .calc-schedule .schedule-table tr, .calc-schedule .schedule-table td { display: block; }
  .calc-schedule .schedule-table thead { display: none; }
  .calc-schedule .schedule-table tr { border-bottom: 1px solid var(--kb-border); padding: 0.25rem 0;
  }
  .calc-schedule .schedule-table td { border: 0; padding: 0.1rem 0.5rem; }
  .calc-schedule .schedule-when { font-weight: 600; }
}
"""


class ScheduleCalculator(Calculator):
    """The schedule after a course start date: table, timeline chart and a calendar file.

    The reader gives the first day of course 1 and, if it has been given, of course 2. The
    browser computes from `rules` (``alemtuzumab_kb.schedule.rules_json()``); in Jupyter, `result()`
    gives the same schedule from the Python core and `ics()` the same calendar text.

    Examples:
        >>> widget = ScheduleCalculator(course1_start="2026-01-12")
        >>> widget.result().course2_due
        datetime.date(2027, 1, 12)
    """

    view = "schedule_view"
    title = "Treatment and monitoring schedule"
    _css = Calculator._css + CSS
    course1_start = traitlets.Unicode("2026-01-12").tag(sync=True)
    """The first infusion day of course 1, ``YYYY-MM-DD``."""
    course2_start = traitlets.Unicode("").tag(sync=True)
    """The first infusion day of course 2, ``YYYY-MM-DD``, or empty if not given."""
    today = traitlets.Unicode("").tag(sync=True)
    """The day the schedule is read on, ``YYYY-MM-DD``, for what is overdue and the table's
    rows from today: empty (the default) for the reader's own today, from the clock. A test or
    a worked example sets it; it is not an input of the page's address."""

    @traitlets.validate("today")
    def _valid_today(self, proposal: dict[str, Any]) -> str:
        value = proposal["value"].strip()
        if value:
            try:  # strict, as the browser reads it (fromisoformat also takes 20261205)
                parse_date(value, "today")
            except ValueError:
                raise traitlets.TraitError(
                    f"today: give a date as YYYY-MM-DD, or leave it empty for the clock's; "
                    f"{value!r} is not one."
                ) from None
        return value

    def __init__(self, **kwargs: Any) -> None:
        for name in ("course1_start", "course2_start", "today"):
            if isinstance(kwargs.get(name), dt.date):
                kwargs[name] = kwargs[name].isoformat()
            elif name in kwargs and kwargs[name] is None:
                kwargs[name] = ""
        super().__init__(
            **{
                "rules": rules_json(),
                "_url_params": ["course1_start", "course2_start"],
                **kwargs,
            }
        )
        self.on_msg(self._send_vega)

    def _send_vega(self, _widget: object, content: Any, _buffers: object) -> None:
        """In live Jupyter the view asks for the chart libraries: send the package's copy."""
        if isinstance(content, dict) and content.get("request") == "vega":
            self.send({"vega": vega_sources()})

    def result(self) -> Schedule:
        """The schedule for the current inputs, from the Python core (raises ValueError like it)."""
        return treatment_schedule(self.course1_start, self.course2_start or None)

    def reading_day(self) -> dt.date:
        """`today` as a date, or the clock's today where it is empty."""
        return parse_date(self.today, "today") if self.today else dt.date.today()

    def static_text(self) -> str:
        """The schedule as text, with what is overdue on `reading_day()` after its headline."""
        schedule = self.result()
        head, rest = str(schedule).split("\n", 1)
        late = [wrap_line(line) for line in overdue_lines(schedule, self.reading_day())]
        return "\n".join([head, *late, rest])

    def ics(self, stamp: dt.datetime | str = DEFAULT_STAMP) -> str:
        """The calendar file for the current inputs, as the download button makes it."""
        return schedule_ics(self.course1_start, self.course2_start or None, stamp=stamp)

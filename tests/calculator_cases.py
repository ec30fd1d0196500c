"""Each calculator, one input a reader changes, and the Python core's answer for what a page
shows: shared by the browser tests of state (test_calculator_state.py) and embedding
(test_embeds.py)."""

from __future__ import annotations

from playwright.sync_api import expect

from alemtuzumab_kb.ui.base import Calculator
from alemtuzumab_kb.ui.contraception import ContraceptionCalculator
from alemtuzumab_kb.ui.schedule import ScheduleCalculator
from alemtuzumab_kb.ui.trials import TrialsCalculator
from alemtuzumab_kb.ui.washout import WashoutCalculator

# stem: (widget class, the trait a reader changes, the value typed).
CALCULATORS: dict[str, tuple[type[Calculator], str, str]] = {
    "washout": (WashoutCalculator, "last_dose", "2026-05-31"),
    "contraception": (ContraceptionCalculator, "last_infusion", "2026-10-31"),
    "trials": (TrialsCalculator, "treated", "10"),
    "schedule": (ScheduleCalculator, "course1_start", "2026-03-31"),
}
HEADLINE = '.static-anywidget [data-result="headline"]'


def shown_inputs(page, stem: str, key: str | None = None) -> dict[str, str]:
    """The calculator's inputs as the page shows them, by trait name (its fields' ids are
    ``calc-<key>-<trait>``; the key is the stem for the first calculator of its kind)."""
    widget = CALCULATORS[stem][0]()
    names = list(widget._url_params)
    widget.close()
    return {name: page.locator(f"#calc-{key or stem}-{name}").input_value() for name in names}


def expected_headline(stem: str, inputs: dict[str, str]) -> str:
    """The headline the Python core gives for these inputs."""
    widget = CALCULATORS[stem][0](**inputs)
    try:
        return widget.headline()
    finally:
        widget.close()


def type_a_case(page, stem: str) -> str:
    """Type the calculator's new value, wait for the result to follow; the headline shown."""
    _, trait, value = CALCULATORS[stem]
    headline = page.locator(HEADLINE)
    before = headline.inner_text()
    page.locator(f"#calc-{stem}-{trait}").fill(value)
    expect(headline).not_to_have_text(before)
    return headline.inner_text()

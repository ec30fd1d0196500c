"""What a calculator widget gives where it cannot be a widget (a PDF, a console), and where its
source links point from live Jupyter."""

from __future__ import annotations

import pytest

from alemtuzumab_kb.ui import base
from alemtuzumab_kb.ui.contraception import ContraceptionCalculator
from alemtuzumab_kb.ui.schedule import ScheduleCalculator
from alemtuzumab_kb.ui.trials import TrialsCalculator
from alemtuzumab_kb.ui.washout import WashoutCalculator
from tests.conftest import read_vectors

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _outputs(widget: base.Calculator) -> dict:
    try:
        data, _ = widget._repr_mimebundle_()
    finally:
        widget.close()
    return data


def test_washout_prints_its_plan_as_text_beside_the_widget_view() -> None:
    case = read_vectors("washout")["cases"][0]
    data = _outputs(WashoutCalculator(prior=case["prior"], last_dose=case["last_dose"]))
    assert WIDGET_VIEW in data
    assert case["expected"]["summary"] in " ".join(data["text/plain"].split())
    assert "Calculator(" not in data["text/plain"] and "object at" not in data["text/plain"]


@pytest.mark.parametrize(
    "widget",
    [ContraceptionCalculator, ScheduleCalculator, TrialsCalculator, WashoutCalculator],
    ids=lambda c: c.__name__,
)
def test_every_calculator_prints_a_static_result(widget: type[base.Calculator]) -> None:
    calculator = widget()
    expected = calculator.static_text()
    text = _outputs(calculator)["text/plain"]
    assert text.startswith(expected) and len(expected) > 40
    assert "Interactive calculator" in text


def test_trials_text_is_the_risk_comparison_of_its_inputs() -> None:
    # 20% vs 10% of patients: RRR 50%, ARR 10 points, NNT 10 (worked by hand).
    text = _outputs(TrialsCalculator(measure="risk", control="20", treated="10"))["text/plain"]
    assert "Relative effect: 50.0% lower risk on treatment" in text
    assert "Absolute effect: 10.0 percentage points lower risk" in text
    assert "NNT(benefit) 10" in text


def test_trials_text_for_rates_says_why_there_is_no_nnt() -> None:
    # 0.39 vs 0.18 relapses per patient-year: 0.21 fewer, 21.0 per 100 patient-years (by hand).
    text = _outputs(TrialsCalculator(measure="rate", control="0.39", treated="0.18"))["text/plain"]
    assert text.startswith("21.0 relapses avoided per 100 patient-years.")
    assert "Number needed to treat: None for relapse rates" in text
    assert "a patient can relapse more than once" in text


def test_bad_input_prints_a_sentence_saying_what_to_enter() -> None:
    text = _outputs(WashoutCalculator(prior="fingolimod", last_dose="2026-02-30"))["text/plain"]
    assert "Traceback" not in text and "Error" not in text
    assert "date" in text.lower() and text.split("\n")[0].endswith(".")


def test_live_links_are_left_out_without_a_book_address(monkeypatch) -> None:
    """No placeholder: with no address known, the view names sources without linking them."""
    monkeypatch.delenv(base.BOOK_URL_VARIABLE, raising=False)
    widget = WashoutCalculator()
    assert widget.site_root is None
    assert widget.get_state()["site_root"] is None
    widget.close()


def test_only_the_calculators_own_example_is_labelled_an_example() -> None:
    for make in (WashoutCalculator, ContraceptionCalculator, ScheduleCalculator, TrialsCalculator):
        widget = make()
        inputs = {name: str(getattr(widget, name)) for name in widget._url_params}
        assert widget._example == inputs, make.__name__
        widget.close()
    own = {
        WashoutCalculator: {"prior": "Gilenya"},
        ContraceptionCalculator: {"last_infusion": "2027-01-05"},
        ScheduleCalculator: {"course1_start": "2027-02-01"},
        TrialsCalculator: {"measure": "rate", "control": "0.4", "treated": "0.2"},
    }
    for make, kwargs in own.items():
        widget = make(**kwargs)
        inputs = {name: str(getattr(widget, name)) for name in widget._url_params}
        assert widget._example != inputs, make.__name__
        assert widget._example == make()._example, make.__name__
        widget.close()


def test_the_environment_variable_sets_the_book_url(monkeypatch) -> None:
    monkeypatch.setenv(base.BOOK_URL_VARIABLE, "http://127.0.0.1:8000")
    widget = ScheduleCalculator()
    assert widget.site_root == "http://127.0.0.1:8000/"
    widget.close()
    assert WashoutCalculator(site_root="../").site_root == "../"


def test_the_schedule_widget_sends_vega_when_its_view_asks() -> None:
    widget = ScheduleCalculator()
    sent = []
    widget.send = lambda content, buffers=None: sent.append(content)
    widget._send_vega(widget, {"request": "something else"}, [])
    assert sent == []
    widget._send_vega(widget, {"request": "vega"}, [])
    widget.close()
    assert len(sent) == 1 and len(sent[0]["vega"]) == 3
    assert "vegaEmbed" in sent[0]["vega"][2]


def test_the_schedule_text_names_what_is_overdue_on_its_day() -> None:
    """Course 1 on 11 January 2027 read on 5 December 2026: the vaccination deadline, six weeks
    before (30 November 2026), has passed; read on the course's first day it is history."""
    text = _outputs(ScheduleCalculator(course1_start="2027-01-11", today="2026-12-05"))
    lines = " ".join(text["text/plain"].split()).split(". ")
    assert lines[1].startswith(
        "Overdue: Last day to complete vaccinations (Swedish guideline), 30 November 2026: this "
        "date has passed, and course 1 starts on 11 January 2027"
    )
    later = _outputs(ScheduleCalculator(course1_start="2027-01-11", today="2027-01-11"))
    assert "Overdue" not in later["text/plain"]
    # The browser reads only YYYY-MM-DD; so does Python, though fromisoformat takes more.
    for other in ("5 December", "20261205", "2026-W49-6", "2026-13-45"):
        with pytest.raises(Exception, match="give a date as YYYY-MM-DD"):
            ScheduleCalculator(today=other)

"""The trial-efficacy calculator on the built site, in headless Chromium with the network blocked.

It chooses presets and types numbers on the book page and on the standalone embed page, and
checks that the figures, the NNT interval and the icon array follow, computed with no kernel.
The expected figures come from the Python core, so the browser and Python must agree.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from alemtuzumab_kb.trials import icon_counts, rate_comparison, risk_comparison, rules_json
from tests.offline import open_offline

PAGES = ["book/calculators/trials.html", "embed/trials.html"]
PRESETS = {preset["id"]: preset for preset in rules_json()["presets"]}


def _open(browser, site_url: str, path: str):
    page, problems = open_offline(browser, f"{site_url}/{path}", site_url)
    widget = page.locator(".calc-trials")
    expect(widget).to_have_count(1)
    return page, problems, widget


def _result(widget, key: str) -> str:
    return widget.locator(f'[role="status"] [data-result="{key}"]').inner_text()


def _icons(widget, kind: str) -> int:
    return widget.locator(f'svg.trials-icons g[data-kind="{kind}"]').count()


def _risk_texts(control: float, treated: float, nc: int | None, nt: int | None) -> dict[str, str]:
    result = risk_comparison(control, treated, nc, nt)
    nnt = result["nnt_text"]
    if result["nnt_interval"] is not None:
        nnt += f"; 95% CI {result['nnt_interval']['text']}"
    return {
        "relative": f"{100 * abs(result['relative_risk_reduction']):.1f}%",
        "absolute": f"{100 * abs(result['absolute_risk_reduction']):.1f} percentage points",
        "nnt": nnt,
    }


@pytest.mark.parametrize("path", PAGES)
def test_preset_then_typed_numbers_update_every_figure(browser, site_url: str, path: str) -> None:
    page, problems, widget = _open(browser, site_url, path)
    try:
        status = widget.locator('[role="status"]')
        expect(status).to_be_visible()

        # A trial's published patient counts, with both arm sizes: an NNT interval.
        preset = PRESETS["care-ms-ii-disability-patients"]
        widget.locator('select[data-input="preset"]').select_option(preset["id"])
        expect(widget.locator('input[data-input="control"]')).to_have_value(preset["control"])
        expected = _risk_texts(
            float(preset["control"]),
            float(preset["treated"]),
            int(preset["n_control"]),
            int(preset["n_treated"]),
        )
        assert expected["relative"] in _result(widget, "relative")
        assert expected["absolute"] in _result(widget, "absolute")
        assert _result(widget, "nnt") == expected["nnt"]
        icons = icon_counts("risk", float(preset["control"]), float(preset["treated"]))
        assert _icons(widget, "avoided") == icons["avoided"]
        assert _icons(widget, "both") == icons["both"]
        assert sum(_icons(widget, kind) for kind in ("both", "avoided", "extra", "neither")) == 100

        # The reader types other numbers: the preset lets go and every figure follows.
        widget.get_by_label("Control arm,").fill("30")
        widget.get_by_label("Treated arm,").fill("10")
        widget.get_by_label("Patients, control arm").fill("100")
        widget.get_by_label("Patients, treated arm").fill("100")
        expect(widget.locator('select[data-input="preset"]')).to_have_value("")
        expected = _risk_texts(30, 10, 100, 100)
        expect(status.locator('[data-result="nnt"]')).to_have_text(expected["nnt"])
        assert expected["relative"] in _result(widget, "relative")
        assert expected["absolute"] in _result(widget, "absolute")
        assert _icons(widget, "avoided") == 20
        assert _icons(widget, "both") == 10
        assert (
            "20 have it on control but not on treatment"
            in widget.locator("svg.trials-icons title").text_content()
        )

        # Treated worse: a number needed to harm, and extra events in the picture.
        widget.get_by_label("Treated arm,").fill("45")
        expect(status.locator('[data-result="nnt"]')).to_contain_text("NNT(harm)")
        assert _icons(widget, "extra") == 15

        # Relapse rates: a published preset, then a typed rate.
        preset = PRESETS["care-ms-i-relapses"]
        widget.locator('select[data-input="preset"]').select_option(preset["id"])
        expect(widget.get_by_label("Patients, control arm")).to_be_hidden()
        result = rate_comparison(float(preset["control"]), float(preset["treated"]))
        assert f"{100 * result['relative_reduction']:.1f}%" in _result(widget, "relative")
        per_100 = f"{result['relapses_avoided_per_100_patient_years']:.1f} relapses avoided"
        assert per_100 in _result(widget, "absolute")
        assert _icons(widget, "avoided") == icon_counts("rate", 0.39, 0.18)["avoided"]
        widget.get_by_label("Treated arm,").fill("0.09")
        expect(status.locator('[data-result="relative"]')).to_contain_text(
            f"{100 * rate_comparison(0.39, 0.09)['relative_reduction']:.1f}%"
        )
        assert _icons(widget, "avoided") == icon_counts("rate", 0.39, 0.09)["avoided"]

        assert problems.external_requests == []
        assert problems.failed_requests == []
        assert problems.console_errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("path", PAGES)
def test_slips_give_a_sentence(browser, site_url: str, path: str) -> None:
    page, problems, widget = _open(browser, site_url, path)
    try:
        status = widget.locator('[role="status"]')
        widget.locator('select[data-input="measure"]').select_option("risk")
        widget.get_by_label("Treated arm,").fill("10")
        for typed, sentence in [
            ("0", "The control arm's risk must be a number from 0.01% to 100%"),
            ("120", "(the relative reduction divides by it), such as 20."),
            ("", "Enter the control arm's risk as a percentage"),
            ("abc", "is not a number"),
        ]:
            widget.get_by_label("Control arm,").fill(typed)
            expect(status.locator('[data-result="error"]')).to_contain_text(sentence)
            text = status.inner_text()
            assert re.search(r"\.\s*$", text), text
            assert "NaN" not in text and "undefined" not in text
            assert widget.locator("svg.trials-icons").count() == 0
        widget.get_by_label("Control arm,").fill("20")
        expect(status.locator('[data-result="error"]')).to_have_count(0)
        assert _icons(widget, "avoided") == 10
        # Arm sizes are whole numbers in digits: "39%" is not 39 patients (issue 16).
        for typed, sentence in [
            ("39%", "“39%” is not a whole number"),
            ("1e308", "“1e308” is not a whole number"),
            ("9" * 400, "must be a whole number from 1 to"),
        ]:
            widget.get_by_label("Patients, control arm").fill(typed)
            widget.get_by_label("Patients, treated arm").fill("100")
            expect(status.locator('[data-result="error"]')).to_contain_text(sentence)
        widget.get_by_label("Patients, control arm").fill("")
        widget.get_by_label("Patients, treated arm").fill("")
        # A rate of 1e308 or a risk of 1e-320 is refused, with its range, never Infinity or NaN.
        for typed, sentence in [("1e-320", "from 0.01% to 100%"), ("1e308", "from 0.01% to 100%")]:
            widget.get_by_label("Control arm,").fill(typed)
            expect(status.locator('[data-result="error"]')).to_contain_text(sentence)
            assert not re.search(r"NaN|Infinity|\de[+-]?\d", status.inner_text().replace(typed, ""))
        assert problems.console_errors == []
    finally:
        page.context.close()


def test_an_interval_through_no_difference_reads_in_words_first(browser, site_url: str) -> None:
    """CARE-MS I's sustained disability: the headline says in words what Altman's notation
    says, which stays in the details; the figures for the interval are the shared vectors'
    (1/0.0846 rounded up is 12 patients helped, 1/0.0214 rounded up 47 harmed)."""
    page, problems, widget = _open(browser, site_url, PAGES[0])
    try:
        widget.locator('select[data-input="preset"]').select_option(
            "care-ms-i-disability-patients"
        )
        expect(widget.locator('[data-result="headline"]')).to_have_text(
            "NNT 37; the 95% interval includes no difference: from one patient helped per 12 "
            "treated to one patient harmed per 47 treated"
        )
        nnt = widget.locator('[data-result="nnt"]')
        expect(nnt).to_contain_text("95% CI NNT(benefit) 12 to infinity to NNT(harm) 47")
        expect(nnt).to_contain_text("Altman's notation")
        # Percentage points at the one rule's single decimal, estimate and limits alike.
        expect(widget.locator('[data-result="absolute"]')).to_have_text(
            re.compile(r"^\d+\.\d percentage points lower risk \(control − treated = \d+\.\d, "
                       r"95% CI −\d+\.\d to \d+\.\d\)$")
        )
        # Relapse rates: no NNT, and why; the rounding rule is stated once.
        widget.locator('select[data-input="preset"]').select_option("care-ms-i-relapses")
        expect(widget.locator('[data-result="headline"]')).to_have_text(
            "21.0 relapses avoided per 100 patient-years"
        )
        expect(widget.locator('[data-result="nnt"]')).to_contain_text(
            "None for relapse rates: an NNT counts patients who have an event"
        )
        expect(widget.locator('[data-result="nnt"]')).to_contain_text(
            "21.0 relapses avoided per 100 patient-years means 21.0 fewer relapses"
        )
        rounding = widget.locator(".trials-rounding")
        expect(rounding).to_have_count(1)
        rounding.locator("summary").click()
        expect(rounding).to_contain_text("Percentages and percentage points have 1 decimal")
        assert problems.console_errors == []
    finally:
        page.context.close()


def test_embed_page_follows_and_keeps_its_address(browser, site_url: str) -> None:
    query = "measure=risk&control=21.1&treated=12.7&n_control=&n_treated="
    page, problems, widget = _open(browser, site_url, f"embed/trials.html?{query}")
    try:
        expect(widget.locator('select[data-input="preset"]')).to_have_value(
            "care-ms-ii-disability-kaplan-meier"
        )
        assert _result(widget, "nnt") == risk_comparison(21.1, 12.7)["nnt_text"]
        # The preset's citation links stay inside the site.
        hrefs = widget.locator(".calc-citations a").evaluate_all("links => links.map(a => a.href)")
        assert hrefs and all(href.startswith(site_url) for href in hrefs)
        widget.get_by_label("Treated arm,").fill("15")
        expect(widget.locator('[data-result="nnt"]')).to_have_text(
            risk_comparison(21.1, 15)["nnt_text"]
        )
        params = parse_qs(urlparse(page.url).query)
        assert params["treated"] == ["15"] and params["control"] == ["21.1"]
        assert problems.external_requests == [] and problems.console_errors == []
    finally:
        page.context.close()


def test_icon_array_has_a_text_alternative_and_a_legend(browser, site_url: str) -> None:
    page, problems, widget = _open(browser, site_url, PAGES[0])
    try:
        svg = widget.locator("svg.trials-icons")
        title_id = svg.get_attribute("aria-labelledby")
        assert svg.get_attribute("role") == "img"
        assert widget.locator(f"#{title_id}").text_content().startswith("Picture of")
        legend = widget.locator(".trials-legend li")
        assert legend.count() >= 2
        # Inputs are labelled; the result is announced.
        for name in ("preset", "measure", "control", "treated"):
            field_id = widget.locator(f'[data-input="{name}"]').get_attribute("id")
            assert widget.locator(f'label[for="{field_id}"]').count() == 1
        assert widget.locator('[role="status"]').get_attribute("aria-live") == "polite"
    finally:
        page.context.close()


@pytest.mark.parametrize("measure", ["__proto__", "constructor", "toString"])
def test_a_prototype_name_in_the_url_reaches_no_label(browser, site_url: str, measure: str) -> None:
    page, problems, widget = _open(browser, site_url, f"embed/trials.html?measure={measure}")
    try:
        expect(widget.locator('[data-result="error"]')).to_contain_text("relapse rates or risks")
        labels = widget.locator("label").all_inner_texts()
        assert not any("[object" in label or "function" in label for label in labels), labels
        assert widget.get_by_label("Control arm, relapses per patient-year").count() == 1
        assert problems.console_errors == []
    finally:
        page.context.close()

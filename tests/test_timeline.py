"""The regulatory timeline: data in date order, a text alternative, a chart that draws offline."""

from __future__ import annotations

from pathlib import Path

from alemtuzumab_kb.facts import load_facts
from alemtuzumab_kb.timeline import (
    REGULATORY,
    SOURCE,
    timeline_chart,
    timeline_description,
    timeline_rows,
)
from tests.offline import open_offline

FACTS = load_facts()


def test_rows_are_in_date_order_and_cover_every_source_and_event() -> None:
    rows = timeline_rows(FACTS)
    assert [row.date for row in rows] == sorted(row.date for row in rows)
    assert sum(row.kind == SOURCE for row in rows) == len(FACTS.sources)
    assert sum(row.kind == REGULATORY for row in rows) == len(FACTS.timeline)
    assert all(row.citations for row in rows)


def test_sources_written_before_the_2020_outcome_come_before_it() -> None:
    rows = timeline_rows(FACTS)
    outcome = max(r.date for r in rows if r.kind == REGULATORY)
    early = {r.label for r in rows if r.kind == SOURCE and r.date < outcome}
    assert early == {"sources-ema", "sources-mssociety", "sources-dhpc"}


def test_text_alternative_names_every_item() -> None:
    description = timeline_description(FACTS)
    for row in timeline_rows(FACTS):
        assert row.date.isoformat() in description


def test_chart_uses_colour_blind_safe_colours_and_every_row() -> None:
    spec = timeline_chart(FACTS).to_dict()
    assert spec["encoding"]["color"]["scale"]["range"] == ["#D55E00", "#0072B2"]
    assert len(spec["data"]["values"]) == len(timeline_rows(FACTS))


def test_chart_draws_in_the_browser_with_the_network_off(browser, site: Path) -> None:
    page, problems = open_offline(browser, (site / "book/compare/timeline.html").as_uri(),
                                  site.as_uri())
    try:
        chart = page.locator(".vega-chart")
        assert "Timeline of regulatory decisions" in chart.get_attribute("aria-label")
        page.wait_for_selector(".vega-chart svg")
        dots = page.locator(".vega-chart svg .mark-symbol.role-mark path")
        assert dots.count() == len(timeline_rows(FACTS))
        assert not problems, problems
    finally:
        page.context.close()

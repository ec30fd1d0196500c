"""Sphinx directives that render comparison tables, discrepancies, the ledger and the
regulatory timeline from data/ at build time, so no page types a clinical number.

Each directive asks widgets.compare (or widgets.timeline) for MyST text and parses it in
place, so citations ({cite:p}), references ({ref}) and glossary terms resolve as usual.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from widgets import compare, timeline
from widgets import facts as facts_module
from widgets.facts import DATA, DataError, Facts, load_facts


class FactsDirective(SphinxDirective):
    """Base: load the facts, note data/ as a dependency, parse the MyST that `myst` returns."""

    titles = False

    def myst(self, facts: Facts) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        code = [Path(module.__file__) for module in (compare, timeline, facts_module)]
        for path in [*sorted(Path(DATA).rglob("*.yaml")), *code]:
            self.env.note_dependency(str(path))
        try:
            load_facts.cache_clear()
            text = self.myst(load_facts())
        except (DataError, KeyError, StopIteration) as error:
            raise self.error(f"cannot render from data/: {error}") from None
        container = nodes.container()
        self.state.nested_parse(
            StringList(text.splitlines()), self.content_offset, container, match_titles=self.titles
        )
        return container.children


class ComparisonTable(FactsDirective):
    """``{comparison-table} <topic id>``: every source's claims on every question of a topic."""

    required_arguments = 1

    def myst(self, facts: Facts) -> str:
        topic_id = self.arguments[0]
        if topic_id not in {t.id for t in facts.topics}:
            raise DataError(f"unknown topic {topic_id!r}")
        return compare.comparison_table(facts, topic_id)


class DiscrepancyList(FactsDirective):
    """``{discrepancy-list}``: every curated discrepancy, one section each."""

    titles = True

    def myst(self, facts: Facts) -> str:
        return compare.discrepancy_sections(facts)


class ClaimLedger(FactsDirective):
    """``{claim-ledger}``: every claim with its source, locator, citation and pages."""

    def myst(self, facts: Facts) -> str:
        return compare.ledger_table(facts)


class RegulatoryTimeline(FactsDirective):
    """``{regulatory-timeline}``: the Altair chart (rendered by the vendored vega-embed, see
    offline_site.py) with a text alternative, then the same items as a table."""

    def myst(self, facts: Facts) -> str:
        rows = timeline.timeline_rows(facts)
        lines = [
            "```{list-table} Regulatory decisions and source documents in date order",
            ":header-rows: 1",
            "",
            "* - Date",
            "  - Kind",
            "  - What",
            "  - Where to check",
        ]
        for row in rows:
            cites = ",".join(row.citations)
            lines += [
                f"* - {row.date.isoformat()}",
                f"  - {row.kind}",
                f"  - {row.title} {{cite:p}}`{cites}`",
                f"  - {{ref}}`{row.label}`",
            ]
        lines.append("```")
        return "\n".join(lines)

    def run(self) -> list[nodes.Node]:
        table = super().run()
        facts = load_facts()
        spec = json.dumps(timeline.timeline_chart(facts).to_dict())
        description = timeline.timeline_description(facts)
        figure = (
            '<figure class="vega-figure">'
            f'<div class="vega-chart" role="img" aria-label="{html.escape(description)}" '
            f'data-spec="{html.escape(spec)}"></div>'
            "<figcaption>Each dot is a regulatory decision or the date of a source document; "
            "the table below lists the same items with their sources.</figcaption>"
            "</figure>"
        )
        return [nodes.raw("", figure, format="html"), *table]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("comparison-table", ComparisonTable)
    app.add_directive("discrepancy-list", DiscrepancyList)
    app.add_directive("claim-ledger", ClaimLedger)
    app.add_directive("regulatory-timeline", RegulatoryTimeline)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

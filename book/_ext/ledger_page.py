"""The citation ledger (issue 25): every claim whole, by topic, with a filter by words, source,
strength and status, and the ``{ledger}`` role that links a statement to its row.

Each row is the target of the label ``<claim id>`` (``#<claim id>`` in the address) and carries
what the filter chooses by as classes: ``ledger-source-<source>``, ``ledger-strength-<level>``
(``none`` for a statement of fact), ``ledger-currency-<status>`` and, where the source is no
longer current on the claim's question, ``ledger-currency-not-current``.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from currency_pages import slug, xref
from docutils import nodes
from facts_pages import FactsDirective
from sphinx.application import Sphinx

from alemtuzumab_kb import compare, currency
from alemtuzumab_kb.facts import NOT_CURRENT, Claim, Facts, load_facts

LEDGER_FILTER = (Path(__file__).parent / "ledger_filter.js").read_text(encoding="utf-8")


def row_classes(facts: Facts, claim: Claim) -> list[str]:
    """What the filter chooses a row by, as classes."""
    note = currency.question_note(facts, claim.source, claim.question)
    status = note.status if note is not None else "current"
    classes = [
        f"ledger-source-{claim.source}",
        f"ledger-strength-{claim.strength or 'none'}",
        f"ledger-currency-{slug(status)}",
    ]
    if status in NOT_CURRENT:
        classes.append("ledger-currency-not-current")
    return classes


def _select(field: str, label: str, options: list[tuple[str, str]]) -> str:
    """A labelled select box of the filter; the first option (every row) has no value."""
    choices = "".join(
        f'<option value="{html.escape(value)}">{html.escape(text)}</option>'
        for value, text in options
    )
    return (
        f'<span class="ledger-filter-field"><label for="ledger-filter-{field}">{label}</label>'
        f'<select id="ledger-filter-{field}" data-field="{field}">{choices}</select></span>'
    )


def filter_html(facts: Facts) -> str:
    """The filter box: words, then a select box each for source, strength and status, each
    offering only what some claim has. Hidden until the script shows it."""
    strengths = [s.level for s in facts.strengths if any(c.strength == s.level
                                                         for c in facts.claims)]
    statuses = list(dict.fromkeys(
        note.status for c in facts.claims
        if (note := currency.question_note(facts, c.source, c.question)) is not None
    ))
    statuses.sort(key=list(currency.STATUS_LABEL).index)
    return (
        '<div class="ledger-filter" hidden>'
        '<span class="ledger-filter-field ledger-filter-words">'
        '<label for="ledger-filter-input">Filter the claims</label>'
        '<input id="ledger-filter-input" type="search" autocomplete="off" '
        'placeholder="a word or a claim id"></span>'
        + _select("source", "Source", [("", "Every source")]
                  + [(s.id, s.short) for s in facts.sources])
        + _select("strength", "Strength", [("", "Any strength")]
                  + [(level, level) for level in strengths]
                  + [("none", "none (a statement of fact)")])
        + _select("currency", "Still current?", [("", "Any status")]
                  + [("not-current", "No longer current (any)")]
                  + [(slug(s), currency.STATUS_LABEL[s]) for s in statuses])
        + '<span class="ledger-filter-count" role="status" aria-live="polite"></span>'
        "</div>"
    )


class ClaimLedger(FactsDirective):
    """``{claim-ledger}``: every claim by topic with its source, locator, citation and the places
    that show it. Each row is the target of the label ``<claim id>`` (``#<claim id>`` in the
    address), which the ``{ledger}`` role links to; the filter box narrows the rows."""

    def myst(self, facts: Facts) -> str:
        return ""

    def run(self) -> list[nodes.Node]:
        super().run()
        facts = load_facts()
        result = [self.section(title, table) for title, table in compare.ledger_sections(facts)]
        claims = {claim.id: claim for claim in facts.claims}
        document = self.state.document
        for section in result:
            for row in section.findall(nodes.row):
                literal = next(row[0].findall(nodes.literal), None) if len(row) else None
                if literal is None or literal.astext() not in claims:
                    continue
                row["names"].append(literal.astext())
                row["ids"].append(literal.astext())
                row["classes"] += row_classes(facts, claims[literal.astext()])
                document.note_explicit_target(row, row)
        script = f"<script>{LEDGER_FILTER}</script>"
        return [nodes.raw("", filter_html(facts) + script, format="html"), *result]


def ledger_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{ledger}`<claim id>```: a small link to the claim's row in the citation ledger."""
    env = inliner.document.settings.env
    link = nodes.inline(classes=["ledger-link"])
    link += xref([nodes.inline("ledger", "ledger")], text.strip(), env.docname)
    return [link], []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("claim-ledger", ClaimLedger)
    app.add_role("ledger", ledger_role)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""The rules of what follows the last infusion as the page book/calculators/contraception.ipynb
shows them: the course structure, then each item source by source, with its period, how its date
is counted and its citation."""

from __future__ import annotations

from alemtuzumab_kb.contraception import course_rules, follow_up_entries
from alemtuzumab_kb.facts import format_value, load_facts
from alemtuzumab_kb.pages.myst import source_cell, text


def rules_markdown() -> str:
    """The rules as MyST for the book: course structure, then each item source by source."""
    facts = load_facts()
    lines = [
        "| Course | Infusion days | Rule and sources |",
        "|---|---|---|",
    ]
    names = {"first": "1 (first)", "second": "2", "further": "3 or later"}
    for group, rule in course_rules().items():
        sources = "<br>".join(source_cell(r) for r in rule.rules)
        lines.append(f"| {names[group]} | {rule.infusion_days}, on consecutive days | {sources} |")
    lines += [
        "",
        "| After the last infusion | Source's period | Date counted as | Rule and source |",
        "|---|---|---|---|",
    ]
    for e in follow_up_entries():
        claim = facts.claim(e.rule.claim)
        period = format_value(claim.value) if e.duration is not None and claim.value else "none"
        date = {"until": "until last infusion + period", "from": "from last infusion + period"}
        lines.append(
            f"| {text(e.label)} | {period} | {date.get(e.reads, 'no date')} | "
            f"{text(e.text)} {source_cell(e.rule)} |"
        )
    return "\n".join(lines)

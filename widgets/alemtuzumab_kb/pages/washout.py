"""The washout rules as the page book/calculators/washout.ipynb shows them: a table of the covered
therapies with their earliest and latest start, what applies before any first course, and the
therapies known but not covered; each rule with its citation and its section of the source
chapter."""

from __future__ import annotations

from alemtuzumab_kb.dates import duration_words
from alemtuzumab_kb.facts import load_therapies
from alemtuzumab_kb.pages.myst import source_cell, text
from alemtuzumab_kb.washout import compiled_rules, covered_therapies, general_actions


def rules_markdown() -> str:
    """The rules as MyST for the book: a table of covered therapies, the actions before any first
    course, and the therapies known but not covered; each rule with its citation and a link to
    its section of the source chapter."""
    compiled = compiled_rules()
    lines = [
        "| Therapy stopped | Earliest start | Latest start | What must happen | Source |",
        "|---|---|---|---|---|",
    ]
    order = sorted(covered_therapies(), key=lambda t: (t.id == "alemtuzumab", t.generic))
    for therapy in order:
        rule = compiled[therapy.id]
        label = text(therapy.label)
        if rule.direction == "from-alemtuzumab":
            label = f"{label}, switching to another therapy"
        if not rule.stated:
            earliest = latest = "none set"
        else:
            earliest = (
                "the day of the last dose"
                if rule.offset == "none"
                else f"last dose + {duration_words(rule.earliest)}"
            )
            latest = f"last dose + {duration_words(rule.latest)}" if rule.latest else "none set"
        doing = [*map(text, rule.own_actions), *(f"Caution: {text(t)}" for t in rule.cautions)]
        doing += [f"Caveat: {text(t)}" for t in rule.caveats]
        lines.append(
            f"| {label} | {earliest} | {latest} | {'<br>'.join(doing) or 'nothing named'} "
            f"| {source_cell(rule.rules[0])} |"
        )
    general = general_actions()
    if general:
        lines += ["", "Before any first course, whatever the therapy stopped:", ""]
        lines += [f"- {text(words)} {source_cell(rule)}" for words, rule in general]
    uncovered = [text(t.label) for t in load_therapies() if not compiled[t.id].covered]
    lines += [
        "",
        "Known to the calculator but not covered by the sources (no interval is given): "
        + "; ".join(sorted(uncovered))
        + ".",
    ]
    return "\n".join(lines)

"""Comparison tables, discrepancies and the citation ledger, built from data/ as MyST text.

Pure functions: they take `Facts` and return MyST strings (rendered by the Sphinx directives in
book/_ext/facts_pages.py) or plain data (used by the tests). No page types a clinical number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from widgets.facts import DATA, Claim, Facts, Span, Value, read_yaml

NOT_COVERED = "*not covered*"
REASON_TEXT = {
    "date": "written at different times",
    "jurisdiction": "different jurisdictions",
    "audience": "different audiences",
    "rounding": "rounding",
    "measure": "a different measure",
    "scope": "different scope",
    "wording": "different wording",
}


KIND_TEXT = {
    "contradiction": "Contradiction: the sources cannot both be followed",
    "scope": "Different scope: the sources cover different ground",
    "wording": "Different wording, same meaning",
    "superseded": "Superseded: a later decision replaced what a source says",
}
"""How each kind of discrepancy (data/discrepancies.yaml) reads on the page."""


def compare_label(topic_id: str) -> str:
    """The label (and file stem) of a topic's comparison page."""
    return f"compare-{topic_id}"


def discrepancy_label(discrepancy_id: str) -> str:
    return f"disc-{discrepancy_id}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def claim_myst(facts: Facts, claim: Claim) -> str:
    """A claim as MyST: the statement, a link to its chapter section, and its citation."""
    source = facts.source(claim.source)
    return (
        f"{_one_line(claim.statement)} "
        f"({{ref}}`{source.short} <{facts.section_of(claim)}>`, {_one_line(claim.locator)}) "
        f"{{cite:p}}`{claim.citation}`"
    )


@dataclass(frozen=True)
class Cell:
    """One cell of a comparison table: the claims of one source on one question."""

    question: str
    source: str
    claims: tuple[str, ...]


def comparison_cells(facts: Facts, topic_id: str) -> list[list[Cell]]:
    """Rows (questions) by columns (sources) of the topic's table."""
    topic = next(t for t in facts.topics if t.id == topic_id)
    return [
        [
            Cell(q.id, s.id, tuple(c.id for c in facts.claims_for(q.id, s.id)))
            for s in facts.sources
        ]
        for q in topic.questions
    ]


def comparison_table(facts: Facts, topic_id: str) -> str:
    """The MyST list-table comparing every source on every question of a topic."""
    topic = next(t for t in facts.topics if t.id == topic_id)
    lines = [
        f"```{{list-table}} {topic.title}: what each source says",
        ":header-rows: 1",
        ":stub-columns: 1",
        ":class: comparison-table",
        f":widths: 16 {' '.join(['17'] * len(facts.sources))}",
        "",
        "* - Question",
    ]
    lines += [f"  - {{ref}}`{s.short} <{s.chapter}>`" for s in facts.sources]
    for question, row in zip(topic.questions, comparison_cells(facts, topic_id), strict=True):
        lines.append(f"* - {question.text}")
        for cell in row:
            if not cell.claims:
                lines.append(f"  - {NOT_COVERED}")
                continue
            texts = [claim_myst(facts, facts.claim(claim_id)) for claim_id in cell.claims]
            lines.append(f"  - {texts[0]}")
            lines += [line for text in texts[1:] for line in ("", f"    {text}")]
    lines.append("```")
    return "\n".join(lines)


# --- Discrepancies -------------------------------------------------------------------------


def normalised(value: Value) -> tuple[str, tuple[float, float]]:
    """A value's unit and [low, high], with years as months so '4 years' equals '48 months'."""
    unit, span = value.quantity
    low, high = span if isinstance(span, tuple) else (span, span)
    if unit == "years":
        return "months", (low * 12, high * 12)
    return unit, (float(low), float(high))


def derived_conflicts(facts: Facts) -> dict[str, set[frozenset[str]]]:
    """Per question, the pairs of claims from different sources that give different numbers
    in the same unit (a percentage and a duration on one question are different points)."""
    conflicts: dict[str, set[frozenset[str]]] = defaultdict(set)
    valued = [c for c in facts.claims if c.value is not None]
    for a, b in combinations(valued, 2):
        if a.question != b.question or a.source == b.source:
            continue
        (unit_a, span_a), (unit_b, span_b) = normalised(a.value), normalised(b.value)  # type: ignore[arg-type]
        if unit_a == unit_b and span_a != span_b:
            conflicts[a.question].add(frozenset((a.id, b.id)))
    return dict(conflicts)


def unexplained_conflicts(facts: Facts) -> list[frozenset[str]]:
    """Derived conflicts that no curated discrepancy lists both sides of."""
    explained = [set(d.claims) for d in facts.discrepancies]
    return sorted(
        (pair for pairs in derived_conflicts(facts).values() for pair in pairs
         if not any(pair <= sides for sides in explained)),
        key=sorted,
    )


def _span_text(span: Span) -> str:
    if isinstance(span, tuple):
        return f"{span[0]:g}-{span[1]:g}"
    return f"{span:g}"


def value_text(value: Value) -> str:
    """A structured value as a reader would say it: 'up to 4 months'."""
    unit, span = value.quantity
    unit_text = {"percent": "%", "mg": " mg", "count": ""}.get(unit, f" {unit}")
    qualifier = f"{value.qualifier} " if value.qualifier else ""
    return f"{qualifier}{_span_text(span)}{unit_text}"


def discrepancy_sections(facts: Facts) -> str:
    """Every curated discrepancy as a MyST section: the sides, why they differ, what to take."""
    blocks = []
    for item in facts.discrepancies:
        sides = []
        for claim_id in item.claims:
            claim = facts.claim(claim_id)
            number = f" **{value_text(claim.value)}**." if claim.value else ""
            sides.append(f"- **{facts.source(claim.source).short}**:{number} "
                         f"{claim_myst(facts, claim)}")
        for source_id in item.silent:
            source = facts.source(source_id)
            chapter = f"{{ref}}`chapter <{source.chapter}>`"
            sides.append(f"- **{source.short}**: silent on this point ({chapter}).")
        reasons = ", ".join(REASON_TEXT[r] for r in item.reasons)
        kind = KIND_TEXT[item.kind]
        relevance = (
            "Clinically relevant" if item.clinically_relevant else "Not clinically relevant"
        )
        blocks.append("\n".join([
            f"({discrepancy_label(item.id)})=",
            f"## {item.title}",
            "",
            f"*{kind}. {relevance}. Likely reason: {reasons}.*",
            "",
            *sides,
            "",
            f"**Why they differ.** {_one_line(item.explanation)}",
            "",
            f"**What to take from it.** {_one_line(item.takeaway)}",
        ]))
    return "\n\n".join(blocks)


# --- Ledger --------------------------------------------------------------------------------


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def claim_uses(facts: Facts, data: Path = DATA) -> dict[str, list[str]]:
    """For each claim id, the labels of the pages that show it, in reading order.

    A topic's comparison page shows all its claims; the discrepancies and timeline pages show
    the claims they list; a calculator shows the claims its rules file (data/rules/<stem>.yaml)
    or trials file names.
    """
    uses: dict[str, list[str]] = {c.id: [compare_label(facts.topic_of(c.question).id)]
                                  for c in facts.claims}
    for item in facts.discrepancies:
        for claim_id in item.claims:
            uses[claim_id].append("discrepancies")
    for event in facts.timeline:
        for claim_id in event.claims:
            uses[claim_id].append("timeline")
    rule_files = sorted((data / "rules").glob("*.yaml")) + sorted(data.glob("trials.yaml"))
    for path in rule_files:
        for text in set(_strings(read_yaml(path))):
            if text in uses:
                uses[text].append(path.stem)
    return {claim_id: list(dict.fromkeys(pages)) for claim_id, pages in uses.items()}


def ledger_table(facts: Facts, data: Path = DATA) -> str:
    """The citation ledger: every claim with source, locator, citation and the pages using it."""
    uses = claim_uses(facts, data)
    lines = [
        "```{list-table} Every claim, where it comes from and where it is used",
        ":header-rows: 1",
        ":class: ledger-table",
        "",
        "* - Claim",
        "  - Source and locator",
        "  - Citation",
        "  - Used on",
    ]
    for claim in facts.claims:
        source = facts.source(claim.source)
        pages = ", ".join(f"{{ref}}`{page}`" for page in uses[claim.id])
        lines += [
            f"* - `{claim.id}`",
            f"  - {{ref}}`{source.short} <{facts.section_of(claim)}>`, {_one_line(claim.locator)}",
            f"  - {{cite:p}}`{claim.citation}`",
            f"  - {pages}",
        ]
    lines.append("```")
    return "\n".join(lines)

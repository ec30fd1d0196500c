"""MyST pieces the calculator pages share."""

from __future__ import annotations

from alemtuzumab_kb.washout import AppliedRule


def source_cell(rule: AppliedRule) -> str:
    """A chapter link, the locator and the citation, as MyST."""
    link = f"{{ref}}`{rule.source_name} <{rule.section}>`"
    return f"{link}, {rule.locator} {{cite:p}}`{rule.citation}`"

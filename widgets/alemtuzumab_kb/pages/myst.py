"""MyST pieces the calculator pages share. Text from data/ goes into their MyST through
`alemtuzumab_kb.markup.myst` (escaped, its emphasis kept), never as it is."""

from __future__ import annotations

from alemtuzumab_kb import markup
from alemtuzumab_kb.washout import AppliedRule

text = markup.myst
"""Data text as MyST: the one way the pages put a text of data/ into their tables and lists."""


def source_cell(rule: AppliedRule) -> str:
    """A chapter link, the locator and the citation, as MyST."""
    link = f"{{ref}}`{markup.plain(rule.source_name)} <{rule.section}>`"
    return f"{link}, {text(rule.locator)} {{cite:p}}`{rule.citation}`"

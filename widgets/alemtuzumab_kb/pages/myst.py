"""MyST pieces the calculator pages share. Text from data/ goes into their MyST through
`alemtuzumab_kb.markup.myst` (escaped, its emphasis kept), never as it is."""

from __future__ import annotations

from alemtuzumab_kb import markup
from alemtuzumab_kb.washout import AppliedRule

text = markup.myst
"""Data text as MyST: the one way the pages put a text of data/ into their tables and lists."""


def source_cell(rule: AppliedRule) -> str:
    """A chapter link, the locator and the citation, as MyST; then the source's status where it
    is no longer current on the question, and the readings the rule rests on (each shown on a
    line of its own by the roles of book/_ext/currency_pages.py)."""
    link = f"{{ref}}`{markup.plain(rule.source_name)} <{rule.section}>`"
    marks = f" {{currency}}`{rule.source} {rule.question}`" if rule.note and rule.note.loud else ""
    marks += "".join(f" {{reading}}`{key}`" for key, _ in rule.readings)
    return f"{link}, {text(rule.locator)} {{cite:p}}`{rule.citation}`{marks}"

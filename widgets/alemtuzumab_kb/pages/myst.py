"""MyST pieces the calculator pages share."""

from __future__ import annotations

from alemtuzumab_kb.washout import AppliedRule


def source_cell(rule: AppliedRule) -> str:
    """A chapter link, the locator and the citation, as MyST; then the source's status where it
    is no longer current on the question, and the readings the rule rests on (each shown on a
    line of its own by the roles of book/_ext/currency_pages.py)."""
    link = f"{{ref}}`{rule.source_name} <{rule.section}>`"
    marks = f" {{currency}}`{rule.source} {rule.question}`" if rule.note and rule.note.loud else ""
    marks += "".join(f" {{reading}}`{key}`" for key, _ in rule.readings)
    return f"{link}, {rule.locator} {{cite:p}}`{rule.citation}`{marks}"

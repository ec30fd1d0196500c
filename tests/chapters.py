"""The source chapters as the tests read them: by section, with each ``{claim}`<id>``` role
either found where it stands or replaced by the claim's statement, the words a reader sees."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from alemtuzumab_kb.facts import Facts

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "book" / "sources"
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)
CLAIM_ROLE = re.compile(r"\{claim\}`([^`]*)`")


@cache
def raw_sections() -> dict[str, tuple[str, str]]:
    """Each label in the source chapters: (chapter stem, its text up to the next label); read
    once per test process (callers only read it)."""
    sections = {}
    for path in sorted(CHAPTERS.glob("sources-*.md")):
        text = path.read_text(encoding="utf-8")
        marks = list(LABEL.finditer(text))
        for mark, following in zip(marks, [*marks[1:], None], strict=True):
            body = text[mark.end() : following.start() if following else None]
            sections[mark.group(1)] = (path.stem, body)
    return sections


def expand(text: str, facts: Facts) -> str:
    """The text with each claim role replaced by the claim's statement."""
    return CLAIM_ROLE.sub(lambda found: " ".join(facts.claim(found[1]).statement.split()), text)


def chapter_sections(facts: Facts) -> dict[str, str]:
    """Each label in the source chapters, with its text as a reader reads it."""
    return {label: expand(body, facts) for label, (_, body) in raw_sections().items()}


def claim_roles() -> list[tuple[str, str, str]]:
    """Every claim role in the chapters: (chapter stem, section label, claim id)."""
    return [
        (chapter, label, claim_id)
        for label, (chapter, body) in raw_sections().items()
        for claim_id in CLAIM_ROLE.findall(body)
    ]

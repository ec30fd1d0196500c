"""What the book's build checks beyond the schema: citation keys that references.bib lacks and
chapter sections that are no label of the book."""

from __future__ import annotations

from pathlib import Path

from alemtuzumab_kb.errors import DataError
from alemtuzumab_kb.facts.loader import load_facts, record_place
from alemtuzumab_kb.facts.trials import load_trials


def reference_faults(data: Path, bib_keys: set[str], labels: set[str]) -> list[DataError]:
    """Citation keys missing from references.bib and chapter sections that are no label.

    The build (book/_ext/facts_pages.py) reports each as a warning located in the data file, so
    a wrong key or section is found where it is written, not on the page it would break.

    Args:
        data: the data folder.
        bib_keys: the keys of references.bib.
        labels: every label the book's pages define.
    """
    facts = load_facts(data)
    faults = []
    for kind, record_id, at, cited in [
        *(("sources", s.id, ("citation",), s.citation) for s in facts.sources),
        *(("claims", c.id, ("citation",), c.citation) for c in facts.claims),
        *(
            ("timeline", event.id, ("references", index, "citation"), reference.citation)
            for event in facts.timeline
            for index, reference in enumerate(event.references)
        ),
        # A trial's published figures cite its own paper (Trial checks), so one key each.
        *(("trials", t.id, ("citation",), t.citation) for t in load_trials(data)),
    ]:
        if cited not in bib_keys:
            place = record_place(data, kind, record_id)
            for step in at:
                place = place / step
            faults.append(place.fault(
                f"{cited!r} is not a key in references.bib; correct the key or add the entry"
            ))
    for claim in facts.claims:
        section = facts.section_of(claim)
        if section not in labels:
            key = "section" if claim.section else "source"
            faults.append((record_place(data, "claims", claim.id) / key).fault(
                f"its chapter section {section!r} is no label in the book; give `section` the "
                "label of the heading in book/sources/ that the locator names"
            ))
    return faults

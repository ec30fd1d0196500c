"""Currency and our readings as a reader sees them (issues 22 and 24).

Currency: the words of a source's status on a question ("Out of date since 16 January 2020"),
read from data/currency.yaml, for the comparison pages, the chapters, the ledger and the
calculators. Readings: every interpretation of ours that data/ records (on claims, rule texts,
discrepancies and statuses), each shown under the label "Our reading". And a question's answer
in short (data/answers.yaml) as MyST, what applies today first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alemtuzumab_kb import markup
from alemtuzumab_kb.dates import format_date
from alemtuzumab_kb.facts import (
    DATA,
    NOT_CURRENT,
    Facts,
    Reading,
    Standing,
    load_contraception_rules,
    load_schedule_rules,
    load_washout_rules,
)

STATUS_LABEL = {
    "current": "Current",
    "current for the US": "Current for the US",
    "partly superseded": "Partly superseded",
    "out of date": "Out of date",
    "predates the review": "Predates the 2019-2020 review",
}
"""A status as a reader reads it. The review's years are checked against data/timeline.yaml
(tests/test_currency.py)."""

GLANCE_WORDS = "no longer current"
"""The at-a-glance mark's meaning in the key: every status in NOT_CURRENT."""

READING_LABEL = "Our reading"


def event_label(event_id: str) -> str:
    """The label of a timeline event's row on the timeline page."""
    return f"event-{event_id}"


@dataclass(frozen=True)
class Note:
    """A source's status on a question, as shown beside what it says there."""

    status: str
    words: str
    """``Out of date since 16 January 2020``, ``Predates the 2019-2020 review``, ``Current``."""
    reason: str
    event: str | None
    """The label of the timeline row that the words link to (None for a current status)."""
    reading: Reading | None
    since: dt.date | None = None
    """The day the status dates from (its event's), where the words say "since" one."""

    @property
    def loud(self) -> bool:
        """Whether a reader must see it wherever the statements are shown."""
        return self.status in NOT_CURRENT


def note_of(facts: Facts, standing: Standing) -> Note:
    since = None
    if standing.event is not None and standing.status != "predates the review":
        since = facts.event(standing.event).date
    words = STATUS_LABEL[standing.status] + (f" since {format_date(since)}" if since else "")
    return Note(
        status=standing.status,
        words=words,
        reason=" ".join(standing.reason.split()),
        event=event_label(standing.event) if standing.event else None,
        reading=standing.reading,
        since=since,
    )


def question_note(facts: Facts, source_id: str, question_id: str) -> Note | None:
    """The source's status on the question; None where it says nothing there."""
    standing = facts.standing(source_id, question_id)
    return None if standing is None else note_of(facts, standing)


def topic_notes(facts: Facts, source_id: str, topic_id: str) -> list[tuple[Note, list[str]]]:
    """The source's statuses on a topic, each with the questions it covers (in topic order);
    empty where the source says nothing on the topic."""
    topic = next(t for t in facts.topics if t.id == topic_id)
    grouped: dict[int, tuple[Note, list[str]]] = {}
    for question in topic.questions:
        standing = facts.standing(source_id, question.id)
        if standing is None or not facts.claims_for(question.id, source_id):
            continue
        key = id(standing)
        if key not in grouped:
            grouped[key] = (note_of(facts, standing), [])
        grouped[key][1].append(question.text)
    return list(grouped.values())


def reading_json(reading: Reading | None) -> dict[str, str] | None:
    """A reading for the browser: its text, reason and alternative (empty where none)."""
    if reading is None:
        return None
    return {
        "label": READING_LABEL,
        "text": " ".join(reading.text.split()),
        "reason": " ".join(reading.reason.split()),
        "alternative": " ".join((reading.alternative or "").split()),
    }


def note_json(facts: Facts, source_id: str, question_id: str) -> dict[str, Any] | None:
    """A source's status on a question for the browser, where it is not current; else None."""
    note = question_note(facts, source_id, question_id)
    if note is None or not note.loud:
        return None
    return {
        "status": note.status,
        "words": note.words,
        "reason": note.reason,
        "href": f"book/compare/timeline.html#{note.event}",
        "reading": reading_json(note.reading),
    }


# --- The answer in short --------------------------------------------------------------------

PART_LEAD = {
    "eu": "In the EU today",
    "us": "In the US",
    "older": "Older documents",
}
EU_SILENT = "No current EU source in the book speaks to this."


def _cited(facts: Facts, text: str, claim_ids: tuple[str, ...]) -> str:
    """A sentence with its citations before its full stop; after it, where a claim it summarises
    holds a reading of ours, the label "Our reading" linking to that claim's ledger row (the
    entry below shows the reading in full)."""
    text = " ".join(text.split())
    keys = ",".join(dict.fromkeys(facts.claim(c).citation for c in claim_ids))
    body, stop = (text[:-1], text[-1]) if text[-1] in ".;" else (text, ".")
    body = markup.myst(body)  # data text, escaped: only its *emphasis* is markup
    read = [c for c in claim_ids if facts.claim(c).reading is not None]
    tag = f" {{reading-tag}}`{read[0]}`" if read else ""
    return f"{body} {{cite:p}}`{keys}`{stop}{tag}"


def answer_lines(facts: Facts, question_id: str) -> list[str]:
    """The answer in short as MyST list items: in the EU today, in the US, older documents.
    The EU part says so where no current source speaks; the others appear only where their
    sources speak."""
    answer = facts.answer(question_id)
    lines = []
    for part, sentences in answer.parts:
        if not sentences and part != "eu":
            continue
        said = " ".join(_cited(facts, s.text, s.claims) for s in sentences) or EU_SILENT
        lines.append(f"- **{PART_LEAD[part]}:** {said}")
    return lines


# --- Every reading of ours in data/ -------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    """A reading, with what it belongs to: ``claim <id>``, ``discrepancy <id>``, ``currency
    <source> <question>`` (one per question the status covers) or ``rule <file>/<place>``."""

    key: str
    reading: Reading


def all_readings(facts: Facts, data: Path = DATA) -> list[Marked]:
    """Every reading data/ records, keyed by where it is shown."""
    found = [Marked(f"claim {c.id}", c.reading) for c in facts.claims if c.reading]
    found += [Marked(f"discrepancy {d.id}", d.reading) for d in facts.discrepancies if d.reading]
    for claim in facts.claims:
        standing = facts.standing(claim.source, claim.question)
        if standing is not None and standing.reading is not None:
            found.append(Marked(f"currency {claim.source} {claim.question}", standing.reading))
    return list({m.key: m for m in found}.values()) + rule_readings(data)


def rule_readings(data: Path = DATA) -> list[Marked]:
    """The readings of the calculators' rules: ``rule contraception/<item>/<claim>``, ``rule
    schedule/<event>`` (and ``rule schedule/course-2-due``), ``rule washout/<therapy>/<claim>``."""
    found = []
    for item in load_contraception_rules(data).after_last_infusion:
        found += [Marked(f"rule contraception/{item.id}/{e.claim}", e.reading)
                  for e in item.entries if e.reading]
    schedule = load_schedule_rules(data)
    if schedule.course_2_due.reading:
        found.append(Marked("rule schedule/course-2-due", schedule.course_2_due.reading))
    found += [Marked(f"rule schedule/{e.id}", e.reading) for e in schedule.events if e.reading]
    for rule in load_washout_rules(data).rules:
        for text in (*rule.actions, *rule.cautions, *rule.caveats):
            if text.reading:
                found.append(Marked(f"rule washout/{rule.therapy}/{text.claim}", text.reading))
    return found


def reading_of(key: str, facts: Facts, data: Path = DATA) -> Reading:
    """The reading shown at `key` (see `Marked`); KeyError where data/ records none."""
    for marked in all_readings(facts, data):
        if marked.key == key:
            return marked.reading
    raise KeyError(f"no reading is recorded for {key!r}")

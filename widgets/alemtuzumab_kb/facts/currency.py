"""Whether what each source says still applies (data/currency.yaml, issue 22), and each
question's answer in short (data/answers.yaml), which puts what applies today first.

One definition of currency: per source, its statuses by topic (or by question, where they differ
within a topic), each with the timeline event that replaced or postdates it and a reason in our
words. The source cards, the sources index, the timeline, the comparison pages, the chapters, the
ledger and the calculators all read it from here. The loader (`alemtuzumab_kb.facts.loader`)
checks it against the claims: every source that speaks on a question has exactly one status there.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from alemtuzumab_kb.data_files import Strict
from alemtuzumab_kb.facts.claims import Reading

Status = Literal[
    "current", "current for the US", "partly superseded", "out of date", "predates the review"
]
"""current: nothing later among the book's sources replaces it; current for the US: current, for
the United States, not the EU; partly superseded: a later decision replaced part of it, or
replaced it without saying what carried over; out of date: a later decision replaced it;
predates the review: written before the 2019-2020 EU review, on a point that the review's outcome
(as the book's sources report it) does not settle."""

NOT_CURRENT: tuple[Status, ...] = ("partly superseded", "out of date", "predates the review")
"""The statuses a reader must see wherever a statement is shown."""


class Standing(Strict):
    """One status of a source, for the topics and questions it lists."""

    status: Status
    topics: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    """Questions whose status differs from their topic's; a question listed here takes this
    status whatever its topic's is."""
    event: str | None = None
    """The timeline event (data/timeline.yaml) that replaced the statements, or that they
    predate: since when, and by what. Required for every status but current ones."""
    claims: tuple[str, ...] = ()
    """Claims of a current source that say what applies instead (shown on the same page)."""
    reason: str
    """One line in our words: why this status."""
    reading: Reading | None = None
    """Where the status rests on a reading of ours (what still holds of replaced measures)."""

    @model_validator(mode="after")
    def _cited(self) -> Standing:
        if not self.topics and not self.questions:
            raise ValueError("name the topics or questions this status covers")
        if self.status in NOT_CURRENT and self.event is None:
            raise ValueError(
                f"a status {self.status!r} cites what replaced it, or what it predates: give "
                "`event`, the id of an event in data/timeline.yaml"
            )
        if self.status not in NOT_CURRENT and (self.event or self.claims):
            raise ValueError(f"a status {self.status!r} cites no event and no claims")
        return self


class SourceCurrency(Strict):
    """What of one source document still holds: a line for the sources index, two texts for its
    source card, and its status on every topic it speaks to."""

    source: str
    status: Status
    """The document as a whole."""
    summary: str
    """One line for the sources index and the timeline, shown after the status's words."""
    holds: str
    """The card's *Still current?*: what of the document still holds (MyST)."""
    replaced: str
    """The card's *Replaced or not covered* (MyST)."""
    standings: tuple[Standing, ...]


class Sentence(Strict):
    """A sentence of an answer in short, in our words, with the claims it summarises."""

    text: str
    claims: tuple[str, ...]

    @model_validator(mode="after")
    def _cites(self) -> Sentence:
        if not self.claims:
            raise ValueError("cite the claims the sentence summarises (at least one)")
        return self


class Answer(Strict):
    """A question's answer in short (issue 22), in this order: what applies in the EU today
    (current sources), where the US monograph differs, and what older documents said."""

    question: str
    eu: tuple[Sentence, ...] = ()
    """From sources whose status on the question is current (the EU decision of 2020 and the
    Swedish guideline). Empty only where none of them speaks: the page then says so."""
    us: tuple[Sentence, ...] = ()
    """From the US monograph (status current for the US)."""
    older: tuple[Sentence, ...] = ()
    """From sources whose status on the question is not current."""

    @property
    def parts(self) -> tuple[tuple[str, tuple[Sentence, ...]], ...]:
        return (("eu", self.eu), ("us", self.us), ("older", self.older))

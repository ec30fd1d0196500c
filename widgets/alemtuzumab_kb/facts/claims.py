"""What the sources say: the sources themselves (data/sources.yaml), the topics and their
questions (data/topics.yaml), the strengths of a recommendation (data/strengths.yaml) and the
claims (data/claims/*.yaml), each claim one thing one source says, in our words."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ValidationInfo, field_validator, model_validator

from alemtuzumab_kb.data_files import DataDate, Span, Strict, _in_limit
from alemtuzumab_kb.limits import load_limits


class Reading(Strict):
    """The book's interpretation of a text where its source is ambiguous or silent (issue 24).

    Shown wherever the text it belongs to is shown, under the label "Our reading", so that a
    reader can tell the source's words from the book's reading of them.
    """

    text: str
    """The reading, in one line: what the book takes the source to mean."""
    reason: str
    """Why, in one line."""
    alternative: str | None = None
    """The other reading, where one is plausible, in one line (None where none is)."""


class Source(Strict):
    """One of the source documents, with everything its source card shows (what of it still
    holds is data/currency.yaml's)."""

    id: str
    citation: str
    title: str | None
    """The title as the document carries it; None where the copy used carries none."""
    title_note: str = ""
    """What the card says beside (or instead of) the title (MyST)."""
    title_en: str
    short: str
    issuer: str
    """Plain text, used in lists and the timeline."""
    issuer_card: str
    """The issuer as the card shows it (MyST)."""
    authors: str
    dates: str
    """The dates as the card shows them (MyST)."""
    document_type: str
    language: Literal["Swedish", "Norwegian", "English"]
    audience: str
    audience_inferred: bool
    """True where the document does not name its readers and the audience is our inference."""
    jurisdiction: str
    issued: DataDate | None = None
    updated: DataDate | None = None
    date_note: str
    references: str = ""
    """The references the document itself lists, as citation roles (empty where none). A claim
    of this source cites the source's own entry (`citation`) or, where the source reports a
    paper's figures or findings, one of these papers: nothing else."""

    @property
    def chapter(self) -> str:
        """The label of the source's chapter."""
        return f"sources-{self.id}"


class Question(Strict):
    """A question a clinician asks; one row of a comparison table."""

    id: str
    text: str


class Topic(Strict):
    """A topic: one section in every source chapter and one comparison page."""

    id: str
    title: str
    questions: tuple[Question, ...]


class Value(Strict):
    """A claim's structured value, in the source's own unit and precision."""

    months: Span | None = None
    weeks: Span | None = None
    days: Span | None = None
    hours: Span | None = None
    years: Span | None = None
    percent: Span | None = None
    mg: Span | None = None
    count: Span | None = None
    qualifier: Literal["about", "at least", "up to", "less than", "more than", "within"] | None = (
        None
    )

    @field_validator("months", "weeks", "days", "hours", "years", "percent", "mg", "count")
    @classmethod
    def _plausible(cls, span: Any, info: ValidationInfo) -> Any:
        """Each end inside data/limits.json's range for the unit (whole where it must be)."""
        if span is None:
            return span
        name = info.field_name or ""
        limit = load_limits().values[name]
        ends = span if isinstance(span, tuple) else (span,)
        ends = tuple(_in_limit(end, limit, name) for end in ends)
        return ends if isinstance(span, tuple) else ends[0]

    @model_validator(mode="after")
    def _one_quantity(self) -> Value:
        quantities = [name for name, v in self if v is not None and name != "qualifier"]
        if len(quantities) != 1:
            raise ValueError(f"give exactly one quantity, not {quantities or 'none'}")
        return self

    @property
    def quantity(self) -> tuple[str, Span]:
        """The one (unit, number) pair this value holds."""
        return next((n, v) for n, v in self if v is not None and n != "qualifier")


Strength = Literal["must", "should", "recommended", "encouraged", "may", "instruction"]
"""The strength of a recommendation, from the source's own verb; see data/strengths.yaml."""


class StrengthLevel(Strict):
    """One level of data/strengths.yaml: its verbs by language and the English it reads as."""

    level: Strength
    meaning: str
    english: tuple[str, ...]
    """Regular expressions; an English statement of this strength matches one of them."""
    verbs: dict[Literal["Swedish", "Norwegian", "English"], tuple[str, ...]] = {}
    """The source verbs that carry this strength; empty for `instruction` (any imperative)."""


class Claim(Strict):
    """One thing one source says, in our words, with where it says it."""

    id: str
    question: str
    source: str
    statement: str
    value: Value | None = None
    locator: str
    citation: str
    section: str | None = None
    """Label of the chapter section; defaults to ``src-<source>-<topic>``."""
    strength: Strength | None = None
    """How binding the source makes the statement, read from its own verb (data/strengths.yaml)."""
    verb: str | None = None
    """The source's own word or words that carry the strength, e.g. ``skall`` or ``Perform``."""
    reading: Reading | None = None
    """Where the statement holds a reading of ours (a translation, a scope the source leaves
    open), what it is and why."""

    @model_validator(mode="after")
    def _strength_with_its_verb(self) -> Claim:
        if (self.strength is None) != (self.verb is None):
            raise ValueError("give `strength` and the source's `verb` together, or neither")
        return self

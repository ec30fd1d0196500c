"""Load and validate the clinical facts in data/: one schema, unknown and duplicate keys rejected.

Every clinical number in the project lives in data/*.yaml. This module is the only reader: pages,
calculators and tests get their facts from `load_facts()`, never from a literal in code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

DATA = Path(__file__).resolve().parent.parent / "data"

Number = int | float
Span = Number | tuple[Number, Number]
"""A single number or an inclusive range [low, high] as the source states it."""


class DataError(ValueError):
    """A data file is malformed; the message names the file and the key."""


class Strict(BaseModel):
    """Base for every record: unknown keys are errors, records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a mapping with the same key twice."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise DataError(
                f"duplicate key {key!r} at line {key_node.start_mark.line + 1} "
                f"(first at line {seen[key] + 1})"
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, rejecting duplicate keys; errors name the file."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    except DataError as error:
        raise DataError(f"{path.name}: {error}") from None
    except yaml.YAMLError as error:
        raise DataError(f"{path.name}: not valid YAML: {error}") from None


M = TypeVar("M", bound=BaseModel)


def parse_records(path: Path, model: type[M], records: Any | None = None) -> list[M]:
    """Validate a YAML list of records; an error names the file, the record id and the key."""
    records = read_yaml(path) if records is None else records
    if not isinstance(records, list):
        raise DataError(f"{path.name}: expected a list of records")
    parsed = []
    for index, record in enumerate(records):
        try:
            parsed.append(model.model_validate(record))
        except ValidationError as error:
            where = record.get("id", f"record {index + 1}") if isinstance(record, dict) else index
            problems = "; ".join(
                f"key {'.'.join(str(part) for part in issue['loc']) or '(record)'}: {issue['msg']}"
                for issue in error.errors()
            )
            raise DataError(f"{path.name}: {where}: {problems}") from None
    ids = [getattr(item, "id", None) for item in parsed]
    duplicates = sorted({i for i in ids if i is not None and ids.count(i) > 1})
    if duplicates:
        raise DataError(f"{path.name}: duplicate id(s) {', '.join(duplicates)}")
    return parsed


# --- The schema -------------------------------------------------------------------------


class Source(Strict):
    """One of the five source documents."""

    id: str
    citation: str
    title: str
    title_en: str
    short: str
    issuer: str
    document_type: str
    language: Literal["Swedish", "Norwegian", "English"]
    audience: str
    jurisdiction: str
    issued: dt.date | None = None
    updated: dt.date | None = None
    date_note: str

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


Reason = Literal["date", "jurisdiction", "audience", "rounding", "measure", "scope", "wording"]


class Discrepancy(Strict):
    """A place where sources disagree or differ in what they cover, explained."""

    id: str
    title: str
    kind: Literal["disagreement", "coverage"]
    claims: tuple[str, ...]
    silent: tuple[str, ...] = ()
    """Sources that say nothing on the point (for a coverage discrepancy)."""
    reasons: tuple[Reason, ...]
    explanation: str
    takeaway: str

    @model_validator(mode="after")
    def _enough_sides(self) -> Discrepancy:
        if len(self.claims) + len(self.silent) < 2:
            raise ValueError("a discrepancy needs at least two sides (claims or silent sources)")
        if not self.reasons:
            raise ValueError("give at least one reason")
        return self


class TimelineEvent(Strict):
    """A regulatory event, dated and cited by the source that reports it."""

    id: str
    date: dt.date
    title: str
    description: str
    claims: tuple[str, ...]


class Facts(Strict):
    """Everything in data/, cross-checked."""

    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    claims: tuple[Claim, ...]
    discrepancies: tuple[Discrepancy, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()

    @model_validator(mode="after")
    def _cross_references(self) -> Facts:
        source_ids = {s.id for s in self.sources}
        question_ids = [q.id for t in self.topics for q in t.questions]
        repeated = sorted({q for q in question_ids if question_ids.count(q) > 1})
        if repeated:
            raise ValueError(f"question ids used twice: {repeated}")
        for claim in self.claims:
            if claim.source not in source_ids:
                raise ValueError(f"claim {claim.id}: unknown source {claim.source!r}")
            if claim.question not in question_ids:
                raise ValueError(f"claim {claim.id}: unknown question {claim.question!r}")
        claim_ids = {c.id for c in self.claims}
        for item in (*self.discrepancies, *self.timeline):
            unknown = sorted(set(item.claims) - claim_ids)
            if unknown:
                raise ValueError(f"{item.id}: unknown claim(s) {unknown}")
        for item in self.discrepancies:
            unknown = sorted(set(item.silent) - source_ids)
            if unknown:
                raise ValueError(f"{item.id}: unknown source(s) {unknown}")
        return self

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def topic_of(self, question_id: str) -> Topic:
        return next(t for t in self.topics if any(q.id == question_id for q in t.questions))

    def section_of(self, claim: Claim) -> str:
        """The label of the chapter section a claim comes from."""
        return claim.section or f"src-{claim.source}-{self.topic_of(claim.question).id}"

    def claim(self, claim_id: str) -> Claim:
        try:
            return next(c for c in self.claims if c.id == claim_id)
        except StopIteration:
            raise KeyError(f"no claim with id {claim_id!r}") from None

    def claims_for(self, question_id: str, source_id: str) -> list[Claim]:
        return [c for c in self.claims if c.question == question_id and c.source == source_id]


def _claims(paths: Iterable[Path]) -> list[Claim]:
    return [claim for path in sorted(paths) for claim in parse_records(path, Claim)]


@cache
def load_facts(data: Path = DATA) -> Facts:
    """Load and cross-check every fact in `data`; raises DataError naming the file and key."""
    try:
        return Facts(
            sources=tuple(parse_records(data / "sources.yaml", Source)),
            topics=tuple(parse_records(data / "topics.yaml", Topic)),
            claims=tuple(_claims((data / "claims").glob("*.yaml"))),
            discrepancies=tuple(parse_records(data / "discrepancies.yaml", Discrepancy)),
            timeline=tuple(parse_records(data / "timeline.yaml", TimelineEvent)),
        )
    except ValidationError as error:
        raise DataError("; ".join(issue["msg"] for issue in error.errors())) from None

"""Load and validate the clinical facts in data/: one schema, unknown and duplicate keys rejected.

Every clinical number in the project lives in data/*.yaml. This module is the only reader: pages,
calculators and tests get their facts from `load_facts()`, never from a literal in code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from alemtuzumab_kb.data_dir import DATA
from alemtuzumab_kb.data_files import (
    DataDate,
    M,
    Number,
    Place,
    Span,
    Strict,
    _at,
    _in_limit,
    _kind,
    _ranged,
    _validation_fault,
    parse_records,
    read_yaml,
    shown,
    yaml_line,
)
from alemtuzumab_kb.dates import Duration
from alemtuzumab_kb.errors import DataError
from alemtuzumab_kb.limits import load_limits, space_pattern

# --- The schema -------------------------------------------------------------------------


class Currency(Strict):
    """Whether a source document still holds, and which parts of it (issue 11)."""

    status: Literal["current", "current for the US", "partly superseded", "out of date"]
    summary: str
    """One line for the sources index."""
    still_valid: str
    """What of the document still holds (MyST)."""
    superseded: str
    """What later decisions replaced or the document leaves out (MyST)."""


class Source(Strict):
    """One of the five source documents, with everything its source card shows."""

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
    """The references the document itself lists, as MyST citations (empty where none)."""
    currency: Currency

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

    @model_validator(mode="after")
    def _strength_with_its_verb(self) -> Claim:
        if (self.strength is None) != (self.verb is None):
            raise ValueError("give `strength` and the source's `verb` together, or neither")
        return self


Reason = Literal["date", "jurisdiction", "audience", "rounding", "measure", "scope", "wording"]

DiscrepancyKind = Literal["contradiction", "scope", "wording", "superseded"]
"""contradiction: the sources cannot both be followed; scope: they cover different ground or
populations; wording: different words, same meaning; superseded: a later decision replaced one."""


class Discrepancy(Strict):
    """A place where sources differ, explained, with how much it matters."""

    id: str
    title: str
    kind: DiscrepancyKind
    clinically_relevant: bool
    """Whether a clinician following one source would act differently than following another."""
    claims: tuple[str, ...]
    silent: tuple[str, ...] = ()
    """Sources that say nothing on the point."""
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


class Reference(Strict):
    """A fact from a bibliography entry that is not one of the five sources, with its locator."""

    citation: str
    locator: str


class TimelineEvent(Strict):
    """A regulatory event, dated and cited by the sources that report it (claims) and by other
    entries of the bibliography (references), e.g. EMA's page on the 2019-2020 referral."""

    id: str
    date: DataDate
    title: str
    description: str
    claims: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()

    @model_validator(mode="after")
    def _cited(self) -> TimelineEvent:
        if not self.claims and not self.references:
            raise ValueError("cite the event: give claims, references or both")
        return self


class Facts(Strict):
    """Everything in data/, cross-checked."""

    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    claims: tuple[Claim, ...]
    discrepancies: tuple[Discrepancy, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    strengths: tuple[StrengthLevel, ...] = ()

    @model_validator(mode="after")
    def _cross_references(self) -> Facts:
        source_ids = {s.id for s in self.sources}
        seen_questions: dict[str, str] = {}
        for topic in self.topics:
            for index, question in enumerate(topic.questions):
                if question.id in seen_questions:
                    raise RecordFault(
                        "topics", topic.id, ("questions", index, "id"),
                        f"the question id {question.id} is already used in topic "
                        f"{seen_questions[question.id]}; give each question its own id",
                    )
                seen_questions[question.id] = topic.id
        for claim in self.claims:
            if claim.source not in source_ids:
                raise RecordFault(
                    "claims", claim.id, ("source",),
                    f"{claim.source!r} is not a source in data/sources.yaml; use one of "
                    f"{', '.join(sorted(source_ids))}",
                )
            if claim.question not in seen_questions:
                raise RecordFault(
                    "claims", claim.id, ("question",),
                    f"{claim.question!r} is not a question in data/topics.yaml; use the id of a "
                    "question there, or add the question to its topic",
                )
        claim_ids = {c.id for c in self.claims}
        lists = (("discrepancies", self.discrepancies), ("timeline", self.timeline))
        for collection, items in lists:
            for item in items:
                for index, claim_id in enumerate(item.claims):
                    if claim_id not in claim_ids:
                        raise RecordFault(
                            collection, item.id, ("claims", index),
                            f"no claim {claim_id!r} in data/claims/",
                        )
        for item in self.discrepancies:
            for index, source_id in enumerate(item.silent):
                if source_id not in source_ids:
                    raise RecordFault(
                        "discrepancies", item.id, ("silent", index),
                        f"{source_id!r} is not a source in data/sources.yaml",
                    )
        self._verbs_carry_their_strength()
        return self

    def _verbs_carry_their_strength(self) -> None:
        """A claim's strength is the one its source verb carries in the source's language."""
        levels = {level.level: level for level in self.strengths}
        for claim in self.claims:
            if claim.strength is None or claim.strength == "instruction":
                continue
            language = self.source(claim.source).language
            allowed = levels[claim.strength].verbs.get(language, ()) if levels else ()
            if claim.verb.casefold() not in {verb.casefold() for verb in allowed}:
                raise RecordFault(
                    "claims", claim.id, ("verb",),
                    f"the {language} verb {claim.verb!r} does not carry strength "
                    f"{claim.strength!r} (data/strengths.yaml lists {list(allowed)})",
                )

    def strength(self, level: str) -> StrengthLevel:
        return next(item for item in self.strengths if item.level == level)

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


class RecordFault(ValueError):
    """A fault a cross-check finds in one record; `load_facts` turns it into a sentence that
    names the record's file and line."""

    def __init__(
        self, collection: str, record_id: str, at: tuple[str | int, ...], problem: str
    ) -> None:
        super().__init__(problem)
        self.collection = collection
        self.record_id = record_id
        self.at = at


Origins = dict[tuple[str, str], tuple[Path, int]]
"""Where each record was read: (collection, id) -> (file, index in the file)."""


def _claims(paths: Iterable[Path], origins: Origins) -> list[Claim]:
    """Every claim of every claim file; the same id in two files is an error naming both."""
    claims = []
    for path in sorted(paths):
        for index, claim in enumerate(parse_records(path, Claim)):
            if ("claims", claim.id) in origins:
                first, first_index = origins[("claims", claim.id)]
                raise Place(path, (index, "id"), f"claim {claim.id}", "id").fault(
                    f"the id {claim.id} is already used in {shown(first)} (line "
                    f"{yaml_line(first, (first_index,))}); a claim id must be unique across "
                    "data/claims/, or one of the two would be used without a word"
                )
            origins[("claims", claim.id)] = (path, index)
            claims.append(claim)
    return claims


def _stray_files(data: Path) -> None:
    """A data file the loader would skip without a word (``x.yml``, ``claims/notes.txt``)."""
    for path in sorted(p for p in data.rglob("*") if p.is_file() and not p.name.startswith(".")):
        if path.suffix == ".yaml" or path == data / "limits.json":
            continue
        if path.suffix.lower() in (".yml", ".yaml") or path.parent.name in ("claims", "rules"):
            raise Place(path).fault(
                f"data files end in .yaml, so this one would be skipped without a word; rename "
                f"it to {path.stem}.yaml, or move it out of data/"
            )


def record_place(data: Path, collection: str, record_id: str) -> Place:
    """Where a record of data/ is written: its file and line, to point a fault at it."""
    files = (
        sorted((data / "claims").glob("*.yaml"))
        if collection == "claims"
        else [data / f"{collection}.yaml"]
    )
    for path in files:
        records = read_yaml(path) or []
        for index, record in enumerate(records if isinstance(records, list) else []):
            if isinstance(record, dict) and record.get("id") == record_id:
                return Place(path, (index,), f"{_kind(path)} {record_id}")
    return Place(data / collection, (), f"{collection[:-1]} {record_id}")


@cache
def load_facts(data: Path = DATA) -> Facts:
    """Load and cross-check every fact in `data`.

    Raises:
        DataError: one sentence naming the file, the line, the record and the key at fault.
    """
    _stray_files(data)
    claim_files = sorted((data / "claims").glob("*.yaml"))
    if not claim_files:
        raise Place(data / "claims").fault("holds no claim file (*.yaml); restore data/claims/")
    origins: Origins = {}
    claims = _claims(claim_files, origins)
    parts: dict[str, Any] = {}
    for name, model in (("sources", Source), ("topics", Topic), ("discrepancies", Discrepancy),
                        ("timeline", TimelineEvent), ("strengths", StrengthLevel)):
        path = data / f"{name}.yaml"
        parts[name] = tuple(parse_records(path, model))
        origins.update({
            (name, getattr(item, "id", getattr(item, "level", ""))): (path, i)
            for i, item in enumerate(parts[name])
        })
    try:
        return Facts(claims=tuple(claims), **parts)
    except ValidationError as error:
        for issue in error.errors():
            cause = issue.get("ctx", {}).get("error")
            if isinstance(cause, RecordFault) and (cause.collection, cause.record_id) in origins:
                path, index = origins[(cause.collection, cause.record_id)]
                place = Place(path, (index,), f"{_kind(path)} {cause.record_id}")
                for step in cause.at:
                    place = place / step
                raise place.fault(str(cause)) from None
        raise DataError(
            "data/: " + "; ".join(str(issue["msg"]) for issue in error.errors())
        ) from None


# --- Trials (issue 6; read by widgets/alemtuzumab_kb/trials.py) -----------------------------------
# data/trials.yaml: the published two-year figures of each trial, with the paper's citation, and
# what each source states about the trial, by claim id. Added by the trial-efficacy calculator.


Ratio = Annotated[float, _ranged("trials", "ratio", "a ratio or rate")]
Percent = Annotated[float, _ranged("numbers", "risk_percent", "a percentage of patients")]
ArmSize = Annotated[int, _ranged("numbers", "arm_size", "an arm size")]
Stated = Annotated[float, _ranged("values", "percent", "a figure a source states")]


class PValue(Strict):
    """A p-value as published: ``value`` exactly, or below it (``relation: "<"``)."""

    value: Annotated[float, _ranged("trials", "p_value", "a p-value")]
    relation: Literal["=", "<"] = "="


class Estimate(Strict):
    """A published point estimate with its 95% confidence interval and p-value, if given."""

    value: Ratio
    ci: tuple[Ratio, Ratio] | None = None
    p: PValue | None = None

    @model_validator(mode="after")
    def _inside_interval(self) -> Estimate:
        if self.ci is not None and not self.ci[0] <= self.value <= self.ci[1]:
            raise ValueError(f"the estimate {self.value} lies outside its interval {self.ci}")
        return self


class TrialArm(Strict):
    """One arm's published two-year figures."""

    name: str
    analysed: ArmSize
    relapse_rate: Estimate
    """Annualised relapse rate, relapses per patient-year."""
    disability_patients: Annotated[int, _ranged("values", "count", "a count of patients")]
    """Patients with sustained accumulation of disability."""
    disability_percent: Percent
    """The same as a percentage of the patients analysed, as the paper rounds it."""
    disability_kaplan_meier_percent: Percent
    """The Kaplan-Meier estimate of the proportion with sustained disability at two years."""

    @field_validator("relapse_rate")
    @classmethod
    def _plausible_rate(cls, estimate: Estimate) -> Estimate:
        limit = load_limits().numbers["relapse_rate"]
        for number in (estimate.value, *(estimate.ci or ())):
            _in_limit(number, limit, "a relapse rate")
        return estimate

    @model_validator(mode="after")
    def _count_matches_percent(self) -> TrialArm:
        exact = 100 * self.disability_patients / self.analysed
        if abs(exact - self.disability_percent) > 0.5:
            raise ValueError(
                f"{self.disability_patients} of {self.analysed} is {exact:.1f}%, "
                f"not {self.disability_percent}%"
            )
        return self


class PublishedResults(Strict):
    """A trial's published comparison of alemtuzumab (treated) with interferon (control)."""

    citation: str
    locator: str
    years: Annotated[int, _ranged("trials", "years", "a trial's years")]
    control: TrialArm
    treated: TrialArm
    rate_ratio: Estimate
    rate_reduction_percent: Number
    """The relapse reduction as the paper reports it (e.g. 54.9)."""
    hazard_ratio: Estimate
    """Hazard ratio for sustained accumulation of disability."""
    disability_significant: bool
    disability_reduction_percent: Number | None = None
    """The disability reduction as the paper reports it, where it does."""


StatedForm = Literal[
    "design", "rates", "percentages", "reduction", "range", "no-difference", "significant"
]


class StatedFigure(Strict):
    """What one source says about a trial's result: a claim, and how it puts the figure.

    ``rates`` and ``percentages`` give two numbers (control, treated) as the source prints them;
    ``reduction`` and ``range`` take their number from the claim's value; ``no-difference`` and
    ``significant`` state a result without a number; ``design`` describes the trial.
    """

    claim: str
    outcome: Literal["design", "relapses", "disability"]
    form: StatedForm
    control: Stated | None = None
    treated: Stated | None = None

    @model_validator(mode="after")
    def _numbers_where_needed(self) -> StatedFigure:
        pair = self.form in ("rates", "percentages")
        if pair != (self.control is not None and self.treated is not None):
            raise ValueError(
                "give control and treated for forms 'rates' and 'percentages', and only for those"
            )
        if (self.form == "design") != (self.outcome == "design"):
            raise ValueError("form 'design' goes with outcome 'design', and only with it")
        return self


class Trial(Strict):
    """A trial: its published figures (or why there are none) and what each source states."""

    id: str
    name: str
    phase: Annotated[int, _ranged("trials", "phase", "a trial phase")]
    population: str
    citation: str
    published: PublishedResults | None = None
    unchecked: str | None = None
    """Why no published figures are given (they were not checked for this project)."""
    stated: tuple[StatedFigure, ...] = ()

    @model_validator(mode="after")
    def _published_or_reason(self) -> Trial:
        if (self.published is None) == (self.unchecked is None):
            raise ValueError("give `published` figures or, if none were checked, `unchecked`")
        if self.published is not None and self.published.citation != self.citation:
            raise ValueError("the published figures must cite the trial's own paper")
        return self


STATED_QUESTION = {
    "design": "efficacy-trials",
    "relapses": "efficacy-relapses",
    "disability": "efficacy-disability",
}


def _appears_in(number: Number, text: str) -> bool:
    """Whether `number`, written as the source writes it, appears in `text`."""
    written = re.escape(f"{number:g}")
    return re.search(rf"(?<![\d.]){written}(?![\d])", text) is not None


@cache
def load_trials(data: Path = DATA) -> tuple[Trial, ...]:
    """Load data/trials.yaml and check it against the claims; errors name the file and key.

    Examples:
        >>> [trial.name for trial in load_trials()]
        ['CAMMS223', 'CARE-MS I', 'CARE-MS II']
    """
    path = data / "trials.yaml"
    trials = tuple(parse_records(path, Trial))
    facts = load_facts(data)
    for index, trial in enumerate(trials):
        for number, stated in enumerate(trial.stated):
            where = Place(path, (index,), f"trial {trial.id}") / "stated" / number
            try:
                claim = facts.claim(stated.claim)
            except KeyError:
                raise (where / "claim").fault(
                    f"no claim {stated.claim!r} in data/claims/"
                ) from None
            if claim.question != STATED_QUESTION[stated.outcome]:
                raise (where / "claim").fault(
                    f"claim {claim.id} answers {claim.question}, not "
                    f"{STATED_QUESTION[stated.outcome]} as outcome {stated.outcome!r} needs"
                )
            if stated.form in ("reduction", "range"):
                percent = claim.value.percent if claim.value else None
                if percent is None or isinstance(percent, tuple) != (stated.form == "range"):
                    raise (where / "form").fault(
                        f"form {stated.form!r} needs the value of claim {claim.id} to be a "
                        f"{'range of percentages' if stated.form == 'range' else 'percentage'}"
                    )
            for side in ("control", "treated"):
                figure = getattr(stated, side)
                if figure is not None and not _appears_in(figure, claim.statement):
                    raise (where / side).fault(
                        f"{figure:g} does not appear in the statement of claim {claim.id}"
                    )
    return trials


# --- Date rules: therapies, washout, what follows the last infusion (issue 5) ------------
# Read by widgets/alemtuzumab_kb/washout.py and widgets/alemtuzumab_kb/contraception.py. A rule
# names claims; its numbers are the claims' values. Rule texts are ours and may hold `{value}` (the
# value with its unit and qualifier, e.g. "at least 6 weeks") and `{number}` (the bare number),
# never a digit.


class Therapy(Strict):
    """A disease-modifying therapy of MS, by generic name, with other names and brand names."""

    id: str
    generic: str
    other_names: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a reader may type for it: generic, other generic names, brands."""
        return (self.generic, *self.other_names, *self.brands)

    @property
    def label(self) -> str:
        """``fingolimod (Gilenya, Tascenso ODT)``."""
        return f"{self.generic} ({', '.join(self.brands)})" if self.brands else self.generic


def normalise_name(text: str) -> str:
    """A therapy name for matching: lower case; runs of spaces, hyphens, dashes and underscores
    become one space (the browser twin is ``normaliseName`` in
    widgets/alemtuzumab_kb/ui/js/washout.js)."""
    if not isinstance(text, str):
        raise ValueError(f"Give a therapy name as text, not {type(text).__name__}.")
    separators = f"(?:{space_pattern()}|[_\\-\\u2010-\\u2015])+"
    return " ".join(part for part in re.split(separators, text.lower()) if part)


class RuleText(Strict):
    """A sentence of ours that a rule shows, with the claim it rests on."""

    claim: str
    text: str


class WashoutRule(Strict):
    """How one therapy's switch is handled; its interval is the value of the `interval` claim."""

    therapy: str
    direction: Literal["to-alemtuzumab", "from-alemtuzumab"] = "to-alemtuzumab"
    interval: str
    actions: tuple[RuleText, ...] = ()
    cautions: tuple[RuleText, ...] = ()
    caveats: tuple[RuleText, ...] = ()


class WashoutRules(Strict):
    """data/rules/washout.yaml."""

    checked_sources: tuple[str, ...]
    not_covered: str
    before_first_course: tuple[RuleText, ...] = ()
    rules: tuple[WashoutRule, ...]


class CourseRules(Strict):
    """Claims giving the number of infusion days of course 1, course 2 and course 3 or later."""

    first: tuple[str, ...]
    second: tuple[str, ...]
    further: tuple[str, ...]


class FollowUpEntry(Strict):
    """One source's version of one thing that follows the last infusion."""

    claim: str
    reads: Literal["until", "from", "no-date"]
    text: str


class FollowUpItem(Strict):
    """One thing that follows the last infusion (contraception, monitoring...), source by source."""

    id: str
    label: str
    entries: tuple[FollowUpEntry, ...]


class ContraceptionRules(Strict):
    """data/rules/contraception.yaml."""

    courses: CourseRules
    after_last_infusion: tuple[FollowUpItem, ...]


def _parse_model(path: Path, model: type[M]) -> M:
    """Validate one YAML mapping; an error names the file, the line and the key."""
    try:
        return model.model_validate(read_yaml(path))
    except ValidationError as error:
        raise _validation_fault(path, (), "", error) from None


UNITS = {"months": "month", "years": "year", "weeks": "week", "days": "day"}


def format_value(value: Value) -> str:
    """A value as prose: ``4 months``, ``2-3 months``, ``at least 6 weeks``, ``1 year``."""
    unit, number = value.quantity
    if isinstance(number, tuple):
        text = f"{number[0]:g}-{number[1]:g} {unit}"
    else:
        text = f"{number:g} {UNITS.get(unit, unit) if number == 1 else unit}"
    return f"{value.qualifier} {text}" if value.qualifier else text


def value_durations(value: Value) -> tuple[Any, Any]:
    """The (low, high) ends of a value as `alemtuzumab_kb.dates.Duration`; high is None for one
    number.

    Years count as 12 calendar months and weeks as 7 days. Raises DataError for a unit that is not
    a length of calendar time or a number that is not whole.
    """
    unit, number = value.quantity
    ends = number if isinstance(number, tuple) else (number, None)
    scale = {
        "months": ("months", 1),
        "years": ("months", 12),
        "weeks": ("days", 7),
        "days": ("days", 1),
    }
    if unit not in scale:
        raise DataError(
            f"it is given in {unit}, which is not a length of calendar time (give months, "
            "weeks, days or years)"
        )
    field, factor = scale[unit]
    durations = []
    for end in ends:
        if end is None:
            durations.append(None)
        elif float(end) != int(end) or end < 0:
            raise DataError(f"{end:g} {unit} is not a whole, non-negative number")
        else:
            durations.append(Duration(**{field: int(end) * factor}))
    return durations[0], durations[1]


def _reader(where: Place) -> str:
    """The rule that reads a claim, for a sentence about the claim."""
    line = yaml_line(where.path, where.at)
    parts = (where.record, f"key {where.key}" if where.key else "")
    named = ", ".join(part for part in parts if part)
    return f"{shown(where.path)}{f' line {line}' if line else ''} ({named})"


def claim_durations(data: Path, claim: Claim, where: Place) -> tuple[Any, Any]:
    """`value_durations` of a claim a rule reads; a fault names the claim's file and the rule."""
    if claim.value is None:
        raise where.fault(f"claim {claim.id} has no value to read as a length of time")
    try:
        return value_durations(claim.value)
    except DataError as error:
        raise (record_place(data, "claims", claim.id) / "value").fault(
            f"{error}; {_reader(where)} reads it as one"
        ) from None


def fill_rule_text(text: str, claim: Claim, where: Place | str) -> str:
    """Fill `{value}` and `{number}` from the claim; a digit written in the text is an error."""
    if re.search(r"[0-9]", text):
        raise _at(where, "write no number in a rule text; use {value} or {number}")
    needs_value = "{value}" in text or "{number}" in text
    if needs_value and claim.value is None:
        raise _at(where, f"the text uses {{value}} but claim {claim.id} has no value")
    if not needs_value:
        return " ".join(text.split())
    _, number = claim.value.quantity
    bare = "-".join(f"{n:g}" for n in number) if isinstance(number, tuple) else f"{number:g}"
    filled = text.replace("{value}", format_value(claim.value)).replace("{number}", bare)
    return " ".join(filled.split())


def _claim_for(facts: Facts, claim_id: str, where: Place | str) -> Claim:
    try:
        return facts.claim(claim_id)
    except KeyError:
        raise _at(where, f"no claim {claim_id!r} in data/claims/") from None


@cache
def load_therapies(data: Path = DATA) -> tuple[Therapy, ...]:
    """The therapies of data/therapies.yaml; a name used by two therapies is an error.

    Examples:
        >>> next(t for t in load_therapies() if t.id == "fingolimod").brands[0]
        'Gilenya'
    """
    path = data / "therapies.yaml"
    therapies = tuple(parse_records(path, Therapy))
    seen: dict[str, str] = {}
    for index, therapy in enumerate(therapies):
        where = Place(path, (index,), f"therapy {therapy.id}")
        for name in therapy.names:
            key = normalise_name(name)
            if not key:
                raise where.fault("a name is empty")
            if seen.setdefault(key, therapy.id) != therapy.id:
                raise where.fault(f"the name {name!r} also names {seen[key]}")
    return therapies


@cache
def load_washout_rules(data: Path = DATA) -> WashoutRules:
    """data/rules/washout.yaml, cross-checked against the therapies and the claims."""
    path = data / "rules" / "washout.yaml"
    rules = _parse_model(path, WashoutRules)
    facts = load_facts(data)
    therapy_ids = {t.id for t in load_therapies(data)}
    source_ids = {s.id for s in facts.sources}
    for index, source in enumerate(rules.checked_sources):
        if source not in source_ids:
            raise (Place(path) / "checked_sources" / index).fault(
                f"{source!r} is not a source in data/sources.yaml"
            )
    if "{therapy}" not in rules.not_covered or any(c.isdigit() for c in rules.not_covered):
        raise (Place(path) / "not_covered").fault("name the {therapy} and write no number")
    seen: set[str] = set()
    for index, rule in enumerate(rules.rules):
        where = Place(path, ("rules", index), f"rule {rule.therapy}")
        if rule.therapy not in therapy_ids:
            raise (where / "therapy").fault(f"{rule.therapy!r} is not a therapy in therapies.yaml")
        if rule.therapy in seen:
            raise (where / "therapy").fault(f"a second rule for {rule.therapy}; keep one")
        seen.add(rule.therapy)
        interval = _claim_for(facts, rule.interval, where / "interval")
        if interval.value is not None:
            if interval.value.qualifier is not None:
                raise (where / "interval").fault(
                    f"claim {interval.id} says {interval.value.qualifier!r}; the calculator can "
                    "only read a plain number or range as a washout"
                )
            claim_durations(data, interval, where / "interval")
        for group in ("actions", "cautions", "caveats"):
            for number, item in enumerate(getattr(rule, group)):
                claim = _claim_for(facts, item.claim, where / group / number / "claim")
                fill_rule_text(item.text, claim, where / group / number / "text")
    for number, item in enumerate(rules.before_first_course):
        place = Place(path) / "before_first_course" / number
        claim = _claim_for(facts, item.claim, place / "claim")
        fill_rule_text(item.text, claim, place / "text")
    return rules


@cache
def load_contraception_rules(data: Path = DATA) -> ContraceptionRules:
    """data/rules/contraception.yaml, cross-checked against the claims.

    Every claim of a course group must give the same whole number of days; every dated entry
    must have a value that is a length of calendar time.
    """
    path = data / "rules" / "contraception.yaml"
    rules = _parse_model(path, ContraceptionRules)
    facts = load_facts(data)
    for group in ("first", "second", "further"):
        where = Place(path) / "courses" / group
        ids = getattr(rules.courses, group)
        claims = [_claim_for(facts, cid, where / i) for i, cid in enumerate(ids)]
        if not claims:
            raise where.fault("name at least one claim")
        days = {c.value.days if c.value else None for c in claims}
        if len(days) != 1 or None in days:
            raise where.fault(
                f"the claims must all give one number of days, not {sorted(map(str, days))}"
            )
        (count,) = days
        if isinstance(count, tuple) or float(count) != int(count) or count < 1:
            raise where.fault(f"{count} is not a whole number of infusion days")
    ids = [item.id for item in rules.after_last_infusion]
    for index, item_id in enumerate(ids):
        if ids.index(item_id) != index:
            raise (Place(path) / "after_last_infusion" / index / "id").fault(
                f"the item id {item_id} is used twice"
            )
    for index, item in enumerate(rules.after_last_infusion):
        for number, entry in enumerate(item.entries):
            where = Place(path, ("after_last_infusion", index), f"item {item.id}")
            where = where / "entries" / number
            claim = _claim_for(facts, entry.claim, where / "claim")
            if entry.reads != "no-date":
                low, high = claim_durations(data, claim, where / "claim")
                if high is not None:
                    raise (where / "claim").fault(
                        f"claim {claim.id} gives a range; a date needs one number"
                    )
            fill_rule_text(entry.text, claim, where / "text")
    return rules


# --- Treatment and monitoring schedule (issue 7; read by widgets/alemtuzumab_kb/schedule.py) ------
# data/rules/schedule.yaml: events as course days moved by the values of claims. The infusion
# days come from data/rules/contraception.yaml. Texts are ours: no digit; placeholders are filled
# from the claims by widgets/alemtuzumab_kb/schedule.py.

ScheduleKind = Literal["infusion", "medication", "precaution", "deadline", "test", "check", "end"]


class ScheduleAnchor(Strict):
    """A course day (`anchor`), moved forward by one claim's value or back by another's."""

    anchor: Literal["first-infusion", "last-infusion", "day-before-first-infusion"]
    after: str | None = None
    before: str | None = None

    @model_validator(mode="after")
    def _one_direction(self) -> ScheduleAnchor:
        if self.after is not None and self.before is not None:
            raise ValueError("give `after` or `before`, not both")
        return self

    @property
    def claim(self) -> str | None:
        return self.after or self.before


class ScheduleRepeat(Strict):
    """A repeated event: every `every` (a claim's value), counted from a course day."""

    every: str
    counted_from: Literal["each-last-infusion", "first-infusion"]


class ScheduleInfusions(Strict):
    """How the infusion days are shown; their number comes from the course rules."""

    kind: ScheduleKind
    lane: str
    title: str
    text: str


class ScheduleDue(Strict):
    """The due date of course 2: the claims giving the interval between the courses."""

    claims: tuple[str, ...]
    kind: ScheduleKind
    lane: str
    title: str
    text: str


class ScheduleEventRule(Strict):
    """One source's event: a day (`date`), a period (`start`, `end`) or a repeat (`repeat`)."""

    id: str
    courses: Literal["first", "each", "last"] = "each"
    date: ScheduleAnchor | None = None
    start: ScheduleAnchor | None = None
    end: ScheduleAnchor | None = None
    repeat: ScheduleRepeat | None = None
    kind: ScheduleKind
    lane: str
    title: str
    claims: tuple[str, ...]
    text: str | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> ScheduleEventRule:
        shapes = [
            self.date is not None,
            self.start is not None or self.end is not None,
            self.repeat is not None,
        ]
        if sum(shapes) != 1:
            raise ValueError("give exactly one of `date`, `start` with `end`, or `repeat`")
        if (self.start is None) != (self.end is None):
            raise ValueError("a period needs both `start` and `end`")
        if not self.claims:
            raise ValueError("name at least one claim")
        return self

    @property
    def shape(self) -> Literal["date", "range", "repeat"]:
        if self.date is not None:
            return "date"
        return "range" if self.start is not None else "repeat"

    @property
    def anchors(self) -> dict[str, ScheduleAnchor]:
        """The anchors by name (``date``, ``start``, ``end``) that the rule has."""
        return {
            name: anchor
            for name in ("date", "start", "end")
            if (anchor := getattr(self, name)) is not None
        }


class ScheduleRules(Strict):
    """data/rules/schedule.yaml."""

    horizon: tuple[str, ...]
    infusions: ScheduleInfusions
    course_2_due: ScheduleDue
    events: tuple[ScheduleEventRule, ...]
    open_points: tuple[RuleText, ...] = ()


def _same_duration(data: Path, facts: Facts, claim_ids: tuple[str, ...], where: Place) -> Any:
    """The one calendar length all `claim_ids` give; DataError if they differ or give none."""
    if not claim_ids:
        raise where.fault("name at least one claim")
    durations = set()
    for index, claim_id in enumerate(claim_ids):
        claim = _claim_for(facts, claim_id, where / index)
        low, high = claim_durations(data, claim, where / index)
        if high is not None:
            raise (where / index).fault(f"claim {claim_id} gives a range; give one number")
        durations.add(low)
    if len(durations) != 1:
        raise where.fault("the claims must give one length of time, and they differ")
    (duration,) = durations
    return duration


PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")


@cache
def load_schedule_rules(data: Path = DATA) -> ScheduleRules:
    """data/rules/schedule.yaml, cross-checked against the claims.

    Horizon and course-interval claims must each agree on one length; an anchor's claim must be
    one of its event's claims and give one length of time (days or weeks when counted back); a
    repeat's interval must be longer than zero; texts hold no digit and no placeholder that
    nothing fills.
    """
    path = data / "rules" / "schedule.yaml"
    rules = _parse_model(path, ScheduleRules)
    facts = load_facts(data)
    top = Place(path)
    _same_duration(data, facts, rules.horizon, top / "horizon")
    _same_duration(data, facts, rules.course_2_due.claims, top / "course_2_due" / "claims")
    texts = {
        top / "infusions": (rules.infusions.title, rules.infusions.text, {"course", "day", "days"}),
        top / "course_2_due": (
            rules.course_2_due.title, rules.course_2_due.text, {"course", "value", "number"}
        ),
    }
    ids = [event.id for event in rules.events]
    for index, event in enumerate(rules.events):
        where = Place(path, ("events", index), f"event {event.id}")
        if ids.index(event.id) != index:
            raise (where / "id").fault(f"the event id {event.id} is used twice")
        for number, claim_id in enumerate(event.claims):
            _claim_for(facts, claim_id, where / "claims" / number)
        fills = {"value", "number", "horizon"}
        for name, anchor in event.anchors.items():
            if anchor.claim is None:
                continue
            fills.add(name)
            side = where / name / ("after" if anchor.after else "before")
            if anchor.claim not in event.claims:
                raise side.fault(f"it uses {anchor.claim}; list that claim under claims")
            low = _same_duration(data, facts, (anchor.claim,), side)
            if anchor.before is not None and low.months:
                raise side.fault(f"it counts back {low}; only days and weeks can be")
        if event.repeat is not None:
            fills.add("every")
            every_place = where / "repeat" / "every"
            if event.repeat.every not in event.claims:
                raise every_place.fault(
                    f"it uses {event.repeat.every}; list that claim under claims"
                )
            every = _same_duration(data, facts, (event.repeat.every,), every_place)
            if not (every.months or every.days):
                raise every_place.fault(f"claim {event.repeat.every} gives a length of zero")
        texts[where] = (event.title, event.text or "", fills)
    for index, item in enumerate(rules.open_points):
        where = top / "open_points" / index
        fill_rule_text(item.text, _claim_for(facts, item.claim, where / "claim"), where / "text")
    for where, (title, text, fills) in texts.items():
        for name, part in (("title", title), ("text", text)):
            if re.search(r"[0-9]", part):
                raise (where / name).fault("write no number in a title or text")
            unfilled = sorted(set(PLACEHOLDER.findall(part)) - fills)
            if unfilled:
                raise (where / name).fault(
                    f"nothing fills {', '.join('{' + u + '}' for u in unfilled)}"
                )
    return rules


# --- What the book's build checks beyond the schema ---------------------------------------


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

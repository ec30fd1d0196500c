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


def _data_dir() -> Path:
    """data/ at the repository root, the one place to edit; an installed package carries it as
    widgets/data/ (pyproject.toml maps the package ``widgets.data`` to data/)."""
    package = Path(__file__).resolve().parent
    installed = package / "data"
    return installed if installed.is_dir() else package.parent / "data"


DATA = _data_dir()

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
    issued: dt.date | None = None
    updated: dt.date | None = None
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
    date: dt.date
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
                raise ValueError(
                    f"claim {claim.id}: the {language} verb {claim.verb!r} does not carry "
                    f"strength {claim.strength!r} (data/strengths.yaml lists {list(allowed)})"
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
            strengths=tuple(parse_records(data / "strengths.yaml", StrengthLevel)),
        )
    except ValidationError as error:
        raise DataError("; ".join(issue["msg"] for issue in error.errors())) from None


# --- Trials (issue 6; read by widgets/trials.py) ----------------------------------------
# data/trials.yaml: the published two-year figures of each trial, with the paper's citation, and
# what each source states about the trial, by claim id. Added by the trial-efficacy calculator.


class PValue(Strict):
    """A p-value as published: ``value`` exactly, or below it (``relation: "<"``)."""

    value: float
    relation: Literal["=", "<"] = "="


class Estimate(Strict):
    """A published point estimate with its 95% confidence interval and p-value, if given."""

    value: float
    ci: tuple[float, float] | None = None
    p: PValue | None = None

    @model_validator(mode="after")
    def _inside_interval(self) -> Estimate:
        if self.ci is not None and not self.ci[0] <= self.value <= self.ci[1]:
            raise ValueError(f"the estimate {self.value} lies outside its interval {self.ci}")
        return self


class TrialArm(Strict):
    """One arm's published two-year figures."""

    name: str
    analysed: int
    relapse_rate: Estimate
    """Annualised relapse rate, relapses per patient-year."""
    disability_patients: int
    """Patients with sustained accumulation of disability."""
    disability_percent: Number
    """The same as a percentage of the patients analysed, as the paper rounds it."""
    disability_kaplan_meier_percent: float
    """The Kaplan-Meier estimate of the proportion with sustained disability at two years."""

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
    years: int
    control: TrialArm
    treated: TrialArm
    rate_ratio: Estimate
    rate_reduction_percent: float
    """The relapse reduction as the paper reports it (e.g. 54.9)."""
    hazard_ratio: Estimate
    """Hazard ratio for sustained accumulation of disability."""
    disability_significant: bool
    disability_reduction_percent: float | None = None
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
    control: Number | None = None
    treated: Number | None = None

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
    phase: int
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
    import re

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
    for trial in trials:
        for stated in trial.stated:
            where = f"{path.name}: {trial.id}: claim {stated.claim}"
            try:
                claim = facts.claim(stated.claim)
            except KeyError:
                raise DataError(f"{where}: no such claim in data/claims/") from None
            if claim.question != STATED_QUESTION[stated.outcome]:
                raise DataError(
                    f"{where}: answers {claim.question}, not {STATED_QUESTION[stated.outcome]}"
                )
            if stated.form in ("reduction", "range"):
                percent = claim.value.percent if claim.value else None
                if percent is None or isinstance(percent, tuple) != (stated.form == "range"):
                    raise DataError(
                        f"{where}: form {stated.form!r} needs the claim's value to be a "
                        f"{'range of percentages' if stated.form == 'range' else 'percentage'}"
                    )
            for number in (stated.control, stated.treated):
                if number is not None and not _appears_in(number, claim.statement):
                    raise DataError(f"{where}: {number:g} does not appear in the claim's statement")
    return trials


# --- Date rules: therapies, washout, what follows the last infusion (issue 5) ------------
# Read by widgets/washout.py and widgets/contraception.py. A rule names claims; its numbers are
# the claims' values. Rule texts are ours and may hold `{value}` (the value with its unit and
# qualifier, e.g. "at least 6 weeks") and `{number}` (the bare number), never a digit.


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
    become one space (the browser twin is ``normaliseName`` in widgets/ui/js/washout.js)."""
    import re

    return " ".join(part for part in re.split(r"[\s_\-\u2010-\u2015]+", text.lower()) if part)


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
    """Validate one YAML mapping; an error names the file and the key."""
    try:
        return model.model_validate(read_yaml(path))
    except ValidationError as error:
        problems = "; ".join(
            f"key {'.'.join(str(part) for part in issue['loc']) or '(file)'}: {issue['msg']}"
            for issue in error.errors()
        )
        raise DataError(f"{path.name}: {problems}") from None


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
    """The (low, high) ends of a value as `widgets.dates.Duration`; high is None for one number.

    Years count as 12 calendar months and weeks as 7 days. Raises DataError for a unit that is not
    a length of calendar time or a number that is not whole.
    """
    from widgets.dates import Duration

    unit, number = value.quantity
    ends = number if isinstance(number, tuple) else (number, None)
    scale = {
        "months": ("months", 1),
        "years": ("months", 12),
        "weeks": ("days", 7),
        "days": ("days", 1),
    }
    if unit not in scale:
        raise DataError(f"a value in {unit} is not a length of calendar time")
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


def fill_rule_text(text: str, claim: Claim, where: str) -> str:
    """Fill `{value}` and `{number}` from the claim; a digit written in the text is an error."""
    import re

    if re.search(r"[0-9]", text):
        raise DataError(f"{where}: write no number in a rule text; use {{value}} or {{number}}")
    needs_value = "{value}" in text or "{number}" in text
    if needs_value and claim.value is None:
        raise DataError(f"{where}: uses {{value}} but claim {claim.id} has no value")
    if not needs_value:
        return " ".join(text.split())
    _, number = claim.value.quantity
    bare = "-".join(f"{n:g}" for n in number) if isinstance(number, tuple) else f"{number:g}"
    filled = text.replace("{value}", format_value(claim.value)).replace("{number}", bare)
    return " ".join(filled.split())


def _claim_for(facts: Facts, claim_id: str, where: str) -> Claim:
    try:
        return facts.claim(claim_id)
    except KeyError:
        raise DataError(f"{where}: no claim {claim_id!r} in data/claims/") from None


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
    for therapy in therapies:
        for name in therapy.names:
            key = normalise_name(name)
            if not key:
                raise DataError(f"{path.name}: {therapy.id}: an empty name")
            if seen.setdefault(key, therapy.id) != therapy.id:
                raise DataError(f"{path.name}: {therapy.id}: name {name!r} also names {seen[key]}")
    return therapies


@cache
def load_washout_rules(data: Path = DATA) -> WashoutRules:
    """data/rules/washout.yaml, cross-checked against the therapies and the claims."""
    path = data / "rules" / "washout.yaml"
    rules = _parse_model(path, WashoutRules)
    facts = load_facts(data)
    therapy_ids = {t.id for t in load_therapies(data)}
    unknown_sources = sorted(set(rules.checked_sources) - {s.id for s in facts.sources})
    if unknown_sources:
        raise DataError(f"{path.name}: checked_sources: unknown source(s) {unknown_sources}")
    if "{therapy}" not in rules.not_covered or any(c.isdigit() for c in rules.not_covered):
        raise DataError(f"{path.name}: not_covered: name the {{therapy}} and write no number")
    seen: set[str] = set()
    for rule in rules.rules:
        where = f"{path.name}: {rule.therapy}"
        if rule.therapy not in therapy_ids:
            raise DataError(f"{where}: not a therapy in therapies.yaml")
        if rule.therapy in seen:
            raise DataError(f"{where}: two rules for one therapy")
        seen.add(rule.therapy)
        interval = _claim_for(facts, rule.interval, f"{where}: interval")
        if interval.value is not None:
            if interval.value.qualifier is not None:
                raise DataError(
                    f"{where}: interval claim {interval.id} says {interval.value.qualifier!r}; "
                    "the calculator can only read a plain number or range as a washout"
                )
            value_durations(interval.value)
        for group in ("actions", "cautions", "caveats"):
            for index, item in enumerate(getattr(rule, group)):
                claim = _claim_for(facts, item.claim, f"{where}: {group}[{index}]")
                fill_rule_text(item.text, claim, f"{where}: {group}[{index}]")
    for index, item in enumerate(rules.before_first_course):
        claim = _claim_for(facts, item.claim, f"{path.name}: before_first_course[{index}]")
        fill_rule_text(item.text, claim, f"{path.name}: before_first_course[{index}]")
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
        where = f"{path.name}: courses.{group}"
        claims = [_claim_for(facts, cid, where) for cid in getattr(rules.courses, group)]
        if not claims:
            raise DataError(f"{where}: name at least one claim")
        days = {c.value.days if c.value else None for c in claims}
        if len(days) != 1 or None in days:
            raise DataError(f"{where}: the claims must all give one number of days, not {days}")
        (count,) = days
        if isinstance(count, tuple) or float(count) != int(count) or count < 1:
            raise DataError(f"{where}: {count} is not a whole number of infusion days")
    ids = [item.id for item in rules.after_last_infusion]
    if len(set(ids)) != len(ids):
        raise DataError(f"{path.name}: after_last_infusion: an item id is used twice")
    for item in rules.after_last_infusion:
        for index, entry in enumerate(item.entries):
            where = f"{path.name}: {item.id}.entries[{index}]"
            claim = _claim_for(facts, entry.claim, where)
            if entry.reads != "no-date":
                if claim.value is None:
                    raise DataError(f"{where}: reads {entry.reads!r} but {claim.id} has no value")
                low, high = value_durations(claim.value)
                if high is not None:
                    raise DataError(f"{where}: {claim.id} gives a range; give one number")
            fill_rule_text(entry.text, claim, where)
    return rules


# --- Treatment and monitoring schedule (issue 7; read by widgets/schedule.py) -------------
# data/rules/schedule.yaml: events as course days moved by the values of claims. The infusion
# days come from data/rules/contraception.yaml. Texts are ours: no digit; placeholders are filled
# from the claims by widgets/schedule.py.

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


def _same_duration(facts: Facts, claim_ids: tuple[str, ...], where: str) -> Any:
    """The one calendar length all `claim_ids` give; DataError if they differ or give none."""
    if not claim_ids:
        raise DataError(f"{where}: name at least one claim")
    durations = set()
    for claim_id in claim_ids:
        claim = _claim_for(facts, claim_id, where)
        if claim.value is None:
            raise DataError(f"{where}: claim {claim_id} has no value")
        low, high = value_durations(claim.value)
        if high is not None:
            raise DataError(f"{where}: claim {claim_id} gives a range; give one number")
        durations.add(low)
    if len(durations) != 1:
        raise DataError(f"{where}: the claims must give one length of time, not {durations}")
    (duration,) = durations
    return duration


@cache
def load_schedule_rules(data: Path = DATA) -> ScheduleRules:
    """data/rules/schedule.yaml, cross-checked against the claims.

    Horizon and course-interval claims must each agree on one length; an anchor's claim must be
    one of its event's claims and give one length of time (days or weeks when counted back); a
    repeat's interval must be longer than zero; texts hold no digit.
    """
    import re

    path = data / "rules" / "schedule.yaml"
    rules = _parse_model(path, ScheduleRules)
    facts = load_facts(data)
    _same_duration(facts, rules.horizon, f"{path.name}: horizon")
    _same_duration(facts, rules.course_2_due.claims, f"{path.name}: course_2_due")
    texts = {
        "infusions": (rules.infusions.title, rules.infusions.text),
        "course_2_due": (rules.course_2_due.title, rules.course_2_due.text),
    }
    ids = [event.id for event in rules.events]
    if len(set(ids)) != len(ids):
        raise DataError(f"{path.name}: events: an event id is used twice")
    for event in rules.events:
        where = f"{path.name}: {event.id}"
        for claim_id in event.claims:
            _claim_for(facts, claim_id, where)
        for name, anchor in event.anchors.items():
            if anchor.claim is None:
                continue
            if anchor.claim not in event.claims:
                raise DataError(f"{where}: {name} uses {anchor.claim}; list it under claims")
            low = _same_duration(facts, (anchor.claim,), f"{where}: {name}")
            if anchor.before is not None and low.months:
                raise DataError(f"{where}: {name} counts back {low}; only days and weeks can be")
        if event.repeat is not None:
            if event.repeat.every not in event.claims:
                raise DataError(f"{where}: repeat uses {event.repeat.every}; list it under claims")
            every = _same_duration(facts, (event.repeat.every,), f"{where}: repeat")
            if not (every.months or every.days):
                raise DataError(f"{where}: repeat every {event.repeat.every}: zero length")
        texts[event.id] = (event.title, event.text or "")
    for index, item in enumerate(rules.open_points):
        where = f"{path.name}: open_points[{index}]"
        fill_rule_text(item.text, _claim_for(facts, item.claim, where), where)
    for where, parts in texts.items():
        if any(re.search(r"[0-9]", part) for part in parts):
            raise DataError(f"{path.name}: {where}: write no number in a title or text")
    return rules

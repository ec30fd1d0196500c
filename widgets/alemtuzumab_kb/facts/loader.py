"""Everything in data/ read at once and cross-checked (`load_facts`): a claim names a source and a
question that exist, a discrepancy or a timeline event names claims that exist, a source verb
carries the strength its claim gives, every source has a status wherever it speaks and each
question's answer in short cites its own claims. A fault is one sentence naming its file and
line."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError, model_validator

from alemtuzumab_kb import markup
from alemtuzumab_kb.data_dir import DATA, cached_per_folder
from alemtuzumab_kb.data_files import (
    Place,
    Strict,
    _kind,
    parse_records,
    read_yaml,
    shown,
    yaml_line,
)
from alemtuzumab_kb.errors import DataError
from alemtuzumab_kb.facts.claims import Claim, Source, StrengthLevel, Topic
from alemtuzumab_kb.facts.currency import NOT_CURRENT, Answer, SourceCurrency, Standing
from alemtuzumab_kb.facts.discrepancies import Discrepancy, TimelineEvent


class Facts(Strict):
    """Everything in data/, cross-checked."""

    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    claims: tuple[Claim, ...]
    discrepancies: tuple[Discrepancy, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    strengths: tuple[StrengthLevel, ...] = ()
    currency: tuple[SourceCurrency, ...] = ()
    answers: tuple[Answer, ...] = ()

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
            source = self.source(claim.source)
            citable = (source.citation, *markup.cite_keys(source.references))
            if claim.citation not in citable:
                papers = ", ".join(citable[1:]) or "none"
                raise RecordFault(
                    "claims", claim.id, ("citation",),
                    f"{claim.citation!r} is neither the entry of the claim's source, "
                    f"{source.short} ({source.citation}), nor a paper that source cites (its "
                    f"references in data/sources.yaml: {papers}); cite the source the claim "
                    "comes from",
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
        if self.currency:
            self._currency_is_complete(source_ids, seen_questions, claim_ids)
        if self.answers:
            self._answers_cite_their_question()
        return self

    def _currency_is_complete(
        self, source_ids: set[str], topic_of: dict[str, str], claim_ids: set[str]
    ) -> None:
        """Every source has one record, with exactly one status on each question it speaks to;
        a status that is not current cites an event after the source's date, and the claims it
        names come from a source that is current there."""
        events = {event.id: event for event in self.timeline}
        records = {}
        for record in self.currency:
            if record.source not in source_ids or record.source in records:
                problem = (
                    f"{record.source!r} is not a source in data/sources.yaml"
                    if record.source not in source_ids
                    else "this source already has a record in this file; give each source one"
                )
                raise RecordFault("currency", record.source, ("source",), problem)
            records[record.source] = record
        missing = sorted(source_ids - set(records))
        if missing:
            raise RecordFault(
                "currency", self.currency[-1].source, (),
                f"no record for {', '.join(missing)}: give every source its currency",
            )
        spoken = {(c.source, c.question) for c in self.claims}
        for record in self.currency:
            self._standings_cover_the_source(record, topic_of, spoken)
            source = self.source(record.source)
            written = source.updated or source.issued
            for index, standing in enumerate(record.standings):
                where = ("standings", index)
                if standing.event is not None:
                    event = events.get(standing.event)
                    if event is None:
                        raise RecordFault(
                            "currency", record.source, (*where, "event"),
                            f"no event {standing.event!r} in data/timeline.yaml",
                        )
                    if written is not None and event.date <= written:
                        raise RecordFault(
                            "currency", record.source, (*where, "event"),
                            f"the event {event.id} ({event.date}) is not later than the document "
                            f"({written}); a document is not replaced by what came before it",
                        )
                for at, claim_id in enumerate(standing.claims):
                    if claim_id not in claim_ids:
                        raise RecordFault("currency", record.source, (*where, "claims", at),
                                          f"no claim {claim_id!r} in data/claims/")
                    claim = self.claim(claim_id)
                    replacing = self.standing(claim.source, claim.question)
                    if replacing is None or replacing.status != "current":
                        raise RecordFault(
                            "currency", record.source, (*where, "claims", at),
                            f"claim {claim_id} is not from a source that is current on its "
                            "question; name what applies instead",
                        )
            statuses = {s.status for s in record.standings}
            if record.status in NOT_CURRENT:
                consistent = bool(statuses & set(NOT_CURRENT))
            else:
                consistent = statuses == {record.status}
            if not consistent:
                raise RecordFault(
                    "currency", record.source, ("status",),
                    f"the document is {record.status!r} but its statuses by topic are "
                    f"{sorted(statuses)}; a current document is current on every topic, and one "
                    "that is not has a topic where it is not",
                )

    def _standings_cover_the_source(
        self, record: SourceCurrency, topic_of: dict[str, str], spoken: set[tuple[str, str]]
    ) -> None:
        """Each topic and question named once; each named where the source speaks; each
        question the source speaks to covered."""
        topics: dict[str, int] = {}
        questions: dict[str, int] = {}
        for index, standing in enumerate(record.standings):
            for key, names, known in (("topics", topics, set(topic_of.values())),
                                      ("questions", questions, set(topic_of))):
                for at, name in enumerate(getattr(standing, key)):
                    where = ("standings", index, key, at)
                    if name not in known:
                        raise RecordFault("currency", record.source, where,
                                          f"{name!r} is not one of the {key} in data/topics.yaml")
                    if name in names:
                        raise RecordFault("currency", record.source, where,
                                          f"{name} has a status already; give it one")
                    asked = [name] if key == "questions" else [
                        q for q, topic in topic_of.items() if topic == name
                    ]
                    if not any((record.source, q) in spoken for q in asked):
                        raise RecordFault(
                            "currency", record.source, where,
                            f"the source says nothing on {name}; give statuses only where it "
                            "speaks",
                        )
                    names[name] = index
        for source_id, question in sorted(spoken):
            covered = question in questions or topic_of[question] in topics
            if source_id == record.source and not covered:
                raise RecordFault(
                    "currency", record.source, ("standings",),
                    f"no status for question {question} (topic {topic_of[question]}), on which "
                    "the source speaks; add its topic or the question to a status",
                )

    def _answers_cite_their_question(self) -> None:
        """One answer per question a source speaks to; each sentence cites claims of its own
        question, from sources of its part (current, the US, older); a part is empty only where
        none of its sources speaks, and every source that speaks is cited."""
        asked = {q.id for t in self.topics for q in t.questions}
        answered: dict[str, int] = {}
        for answer in self.answers:
            if answer.question not in asked:
                raise RecordFault("answers", answer.question, ("question",),
                                  f"{answer.question!r} is not a question in data/topics.yaml")
            if answer.question in answered:
                raise RecordFault("answers", answer.question, ("question",),
                                  "this question has an answer already; give it one")
            answered[answer.question] = 1
            speaking = {c.source: c for c in self.claims if c.question == answer.question}
            cited: set[str] = set()
            for part, sentences in answer.parts:
                for index, sentence in enumerate(sentences):
                    for at, claim_id in enumerate(sentence.claims):
                        where = (part, index, "claims", at)
                        try:
                            claim = self.claim(claim_id)
                        except KeyError:
                            raise RecordFault("answers", answer.question, where,
                                              f"no claim {claim_id!r} in data/claims/") from None
                        if claim.question != answer.question:
                            raise RecordFault(
                                "answers", answer.question, where,
                                f"claim {claim_id} answers {claim.question}, not this question",
                            )
                        if _part(self.standing(claim.source, claim.question)) != part:
                            raise RecordFault(
                                "answers", answer.question, where,
                                f"claim {claim_id} belongs in part "
                                f"{_part(self.standing(claim.source, claim.question))!r}",
                            )
                        cited.add(claim.source)
                owed = [s for s, c in speaking.items()
                        if _part(self.standing(s, c.question)) == part]
                if bool(owed) != bool(sentences):
                    problem = (
                        f"{', '.join(owed)} speak here: say in {part!r} what they say"
                        if owed else f"no source of part {part!r} speaks here: leave it out"
                    )
                    raise RecordFault("answers", answer.question, (part,), problem)
            silent = sorted(set(speaking) - cited)
            if silent:
                raise RecordFault("answers", answer.question, (),
                                  f"no sentence cites {', '.join(silent)}, which speak here")
        for question in sorted({c.question for c in self.claims} - set(answered)):
            raise RecordFault("answers", self.answers[-1].question, (),
                              f"no answer for question {question}; write one")

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

    @cached_property
    def _lookup(self) -> _Lookup:
        return _Lookup(self)

    def topic_of(self, question_id: str) -> Topic:
        try:
            return self._lookup.topic_by_question[question_id]
        except KeyError:
            raise KeyError(f"no question with id {question_id!r}") from None

    def section_of(self, claim: Claim) -> str:
        """The label of the chapter section a claim comes from."""
        return claim.section or f"src-{claim.source}-{self.topic_of(claim.question).id}"

    def claim(self, claim_id: str) -> Claim:
        try:
            return self._lookup.claim_by_id[claim_id]
        except KeyError:
            raise KeyError(f"no claim with id {claim_id!r}") from None

    def claims_for(self, question_id: str, source_id: str) -> list[Claim]:
        return list(self._lookup.claims_by_place.get((question_id, source_id), ()))

    def currency_of(self, source_id: str) -> SourceCurrency:
        return next(record for record in self.currency if record.source == source_id)

    def standing(self, source_id: str, question_id: str) -> Standing | None:
        """The source's status on a question: the one that names the question, else the one
        that names its topic; None where it has none (it does not speak there)."""
        key = (source_id, question_id)
        standings = self._lookup.standings
        if key not in standings:
            standings[key] = self._find_standing(source_id, question_id)
        return standings[key]

    def _find_standing(self, source_id: str, question_id: str) -> Standing | None:
        record = next((r for r in self.currency if r.source == source_id), None)
        if record is None:
            return None
        topic = self.topic_of(question_id).id
        return next(
            (s for s in record.standings if question_id in s.questions),
            next((s for s in record.standings if topic in s.topics), None),
        )

    def event(self, event_id: str) -> TimelineEvent:
        return next(event for event in self.timeline if event.id == event_id)

    def answer(self, question_id: str) -> Answer:
        return next(answer for answer in self.answers if answer.question == question_id)


class _Lookup:
    """Facts' indexes, made once per Facts on first use: the lookups run inside loops over every
    claim (the ledger, the downloads, the compare pages), where a scan of every record was
    quadratic."""

    def __init__(self, facts: Facts) -> None:
        self.claim_by_id = {claim.id: claim for claim in facts.claims}
        self.topic_by_question = {q.id: t for t in facts.topics for q in t.questions}
        self.claims_by_place: dict[tuple[str, str], list[Claim]] = {}
        for claim in facts.claims:
            self.claims_by_place.setdefault((claim.question, claim.source), []).append(claim)
        self.standings: dict[tuple[str, str], Standing | None] = {}


def _part(standing: Standing | None) -> str:
    """Which part of an answer in short a status belongs to."""
    if standing is None or standing.status in NOT_CURRENT:
        return "older"
    return "us" if standing.status == "current for the US" else "eu"


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


RECORD_KEYS = {"strengths": "level", "currency": "source", "answers": "question"}
"""The key that names a record, in files whose records have no `id`."""


def record_place(data: Path, collection: str, record_id: str) -> Place:
    """Where a record of data/ is written: its file and line, to point a fault at it."""
    files = (
        sorted((data / "claims").glob("*.yaml"))
        if collection == "claims"
        else [data / f"{collection}.yaml"]
    )
    key = RECORD_KEYS.get(collection, "id")
    for path in files:
        records = read_yaml(path) or []
        for index, record in enumerate(records if isinstance(records, list) else []):
            if isinstance(record, dict) and record.get(key) == record_id:
                return Place(path, (index,), f"{_kind(path)} {record_id}")
    return Place(data / collection, (), f"{collection[:-1]} {record_id}")


@cached_per_folder
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
                        ("timeline", TimelineEvent), ("strengths", StrengthLevel),
                        ("currency", SourceCurrency), ("answers", Answer)):
        path = data / f"{name}.yaml"
        parts[name] = tuple(parse_records(path, model))
        origins.update({
            (name, getattr(item, RECORD_KEYS.get(name, "id"))): (path, i)
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

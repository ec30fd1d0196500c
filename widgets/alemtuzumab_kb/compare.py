"""Comparison tables, discrepancies and the citation ledger, built from data/ as MyST text.

Pure functions: they take `Facts` and return MyST strings (rendered by the Sphinx directives in
book/_ext/facts_pages.py) or plain data (used by the tests). No page types a clinical number.
Text from data/ goes in through `markup.myst` (escaped, its declared marks kept), or through
`markup.plain` where it is a role's link text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from alemtuzumab_kb import markup
from alemtuzumab_kb.currency import Note, answer_lines, question_note
from alemtuzumab_kb.facts import DATA, Claim, Discrepancy, Facts, Span, Topic, Value, read_yaml

REASON_TEXT = {
    "date": "written at different times",
    "jurisdiction": "different jurisdictions",
    "audience": "different audiences",
    "rounding": "rounding",
    "measure": "a different measure",
    "scope": "different scope",
    "wording": "different wording",
}


KIND_SHORT = {
    "contradiction": "contradiction",
    "scope": "different scope",
    "wording": "wording only",
    "superseded": "superseded",
}
"""The kind in a few words, for the summary table and the *in short* lines."""

KIND_LEAD = {
    "contradiction": "The sources contradict each other",
    "superseded": "A later decision replaced what some say",
    "scope": "The sources cover different ground",
    "wording": "Same meaning, different words",
}
"""How the line on where the sources differ opens, by the most serious kind of difference."""

SERIOUSNESS = ("contradiction", "superseded", "scope", "wording")

CALCULATORS = {
    "switching": "washout",
    "pregnancy": "contraception",
    "monitoring": "schedule",
    "efficacy": "trials",
}
"""Which calculator (its page label, the calculator's stem) works out what a topic describes.
The one place that pairs them: the topic page says "Calculate it", the calculator links back."""

GLANCE_TEXT = {
    "says": "says something",
    "differs": "differs from another source",
    "silent": "silent",
}
"""The three states of a source on a question in the *at a glance* overview."""


def claim_label(claim_id: str) -> str:
    """The label (and anchor) of the sentence in its chapter that states a claim
    (``{claim}`<id>```, book/_ext/reviewer_tools.py). The claim's id alone is its ledger row's
    label, and a label names one place in the whole book."""
    return f"claim-{claim_id}"


def compare_label(topic_id: str) -> str:
    """The label (and file stem) of a topic's comparison page."""
    return f"compare-{topic_id}"


def discrepancy_label(discrepancy_id: str) -> str:
    return f"disc-{discrepancy_id}"


def question_label(question_id: str) -> str:
    """The label of a question's block on its topic page (the question id itself)."""
    return question_id


def topic_of_calculator(stem: str) -> str:
    """The topic whose page a calculator links back to."""
    try:
        return next(topic for topic, calculator in CALCULATORS.items() if calculator == stem)
    except StopIteration:
        raise KeyError(f"no topic is paired with the calculator {stem!r}") from None


# --- One question, one block ------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """What one source says on one question: its claims, in data order."""

    source: str
    claims: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """One question of a topic page: the sources that speak, those that are silent, the
    discrepancies that cover its claims, and each source's state for the overview."""

    question: str
    text: str
    entries: tuple[Entry, ...]
    silent: tuple[str, ...]
    discrepancies: tuple[str, ...]
    glance: tuple[tuple[str, str], ...]
    """(source id, state) for every source, state one of GLANCE_TEXT."""
    notes: tuple[tuple[str, Note], ...] = ()
    """(source id, status) for every source that speaks, in the order of the entries."""


def _topic(facts: Facts, topic_id: str) -> Topic:
    try:
        return next(t for t in facts.topics if t.id == topic_id)
    except StopIteration:
        raise KeyError(f"no topic with id {topic_id!r}") from None


def question_blocks(facts: Facts, topic_id: str) -> list[Block]:
    """The blocks of a topic page, one per question, in the order of data/topics.yaml."""
    blocks = []
    for question in _topic(facts, topic_id).questions:
        entries = tuple(
            Entry(s.id, tuple(c.id for c in facts.claims_for(question.id, s.id)))
            for s in facts.sources
        )
        shown = {claim_id for entry in entries for claim_id in entry.claims}
        covering = [d for d in facts.discrepancies if shown & set(d.claims)]
        blocks.append(Block(
            question=question.id,
            text=question.text,
            entries=tuple(e for e in entries if e.claims),
            silent=tuple(e.source for e in entries if not e.claims),
            discrepancies=tuple(d.id for d in covering),
            glance=tuple((e.source, _state(facts, e, covering, shown)) for e in entries),
            notes=tuple(
                (e.source, note) for e in entries
                if e.claims and (note := question_note(facts, e.source, question.id))
            ),
        ))
    return blocks


def _state(facts: Facts, entry: Entry, covering: list[Discrepancy], shown: set[str]) -> str:
    """`differs` where a discrepancy other than wording sets this source's claims on the question
    against another source's claims on the same question: what the block shows, not what the
    discrepancy holds on other questions. Silence alone is shown as silence."""
    if not entry.claims:
        return "silent"
    for item in covering:
        if item.kind == "wording" or not set(entry.claims) & set(item.claims):
            continue
        if any(facts.claim(c).source != entry.source for c in set(item.claims) & shown):
            return "differs"
    return "says"


def _names(facts: Facts, source_ids: tuple[str, ...] | list[str]) -> str:
    """Source names as a reader lists them: 'the A, the B and the C'."""
    names = [f"the {markup.myst(facts.source(s).short)}" for s in source_ids]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _discrepancy_ref(item: Discrepancy) -> str:
    relevance = "clinically relevant" if item.clinically_relevant else "not clinically relevant"
    return (
        f"{{ref}}`{markup.plain(item.title)} <{discrepancy_label(item.id)}>` "
        f"({KIND_SHORT[item.kind]}, {relevance})"
    )


def differences(facts: Facts, block: Block) -> str:
    """Where the sources differ on the question, after its answer in short: the discrepancies
    that cover its claims, led by the most serious kind; that none is recorded, where several
    sources speak; empty where one source speaks alone. It claims agreement only where the data
    records it (a discrepancy of kind wording)."""
    speakers = [entry.source for entry in block.entries]
    items = [next(d for d in facts.discrepancies if d.id == i) for i in block.discrepancies]
    if items:
        worst = min((item.kind for item in items), key=SERIOUSNESS.index)
        return f"{KIND_LEAD[worst]}: {'; '.join(_discrepancy_ref(item) for item in items)}."
    if len(speakers) > 1:
        return f"No difference recorded between {_names(facts, speakers)}."
    return ""


def claim_tools(claim: Claim) -> str:
    """The small links after a statement: its sentence in the chapter, its ledger row, and the
    link to report a problem with it (left out where the book has no repository)."""
    return f"{{sentence}}`{claim.id}` {{ledger}}`{claim.id}` {{report}}`{claim.id}`"


def _entry_myst(facts: Facts, entry: Entry) -> list[str]:
    """One source's entry: its name (the link to its chapter section), the locator and one
    citation; where the source is no longer current there, its status on the next line; then what
    it says, each claim with its strength, a link to its ledger row and, where the statement holds
    a reading of ours, the reading. A single claim follows the head on the same line unless a
    status stands between them; several make a list under it."""
    claims = [facts.claim(claim_id) for claim_id in entry.claims]
    source = facts.source(entry.source)
    section = facts.section_of(claims[0])
    locators = list(dict.fromkeys(markup.myst(c.locator) for c in claims))
    citations = ",".join(dict.fromkeys(c.citation for c in claims))
    head = f"{{ref}}`{markup.plain(source.short)} <{section}>`"
    if len(locators) == 1:
        head += f" · {locators[0]}"
    head += f" {{cite:p}}`{citations}`"
    status = status_mark(facts, claims[0]).strip()  # one source, one question: one status

    def said(claim: Claim) -> str:
        strength = f"{{strength}}`{claim.strength}` " if claim.strength else ""
        where = []
        if len(locators) > 1:
            where.append(markup.myst(claim.locator))
        if facts.section_of(claim) != section:
            where.append(f"{{ref}}`chapter section <{facts.section_of(claim)}>`")
        suffix = f" ({'; '.join(where)})" if where else ""
        statement = markup.myst(claim.statement)
        return f"{strength}{statement}{suffix} {claim_tools(claim)}{reading_mark(claim)}"

    if len(claims) == 1 and not status:
        return [f"- {head}: {said(claims[0])}"]
    lines = [f"- {head}"] + ([f"  {status}"] if status else [])
    return [*lines, "", *(f"  - {said(claim)}" for claim in claims)]


def block_myst(facts: Facts, block: Block) -> str:
    """The MyST of a question's block, under its heading: the answer in short (what applies in
    the EU today, where the US differs, what older documents said) with where the sources
    differ, an entry per source that speaks, and the sources that are silent."""
    lines = [
        "````{container} in-short",
        "**In short**",
        "",
        *answer_lines(facts, block.question),
        *([f"- **Where they differ:** {text}"] if (text := differences(facts, block)) else []),
        "````",
        "",
        "````{container} compare-entries",
    ]
    for entry in block.entries:
        lines += _entry_myst(facts, entry)
    lines.append("````")
    if block.silent:
        names = ", ".join(markup.myst(facts.source(s).short) for s in block.silent)
        lines += ["", "```{container} not-covered", f"Not covered by: {names}.", "```"]
    return "\n".join(lines)


def calculate_it(facts: Facts, topic_id: str) -> str:
    """The line at the top of a topic page that has a calculator; empty where none."""
    stem = CALCULATORS.get(topic_id)
    if stem is None:
        return ""
    return f"**Calculate it:** {{ref}}`{stem}` works from the same data as this page."


def compare_back_link(facts: Facts, stem: str) -> str:
    """The line on a calculator page that links back to its topic's comparison page."""
    topic = _topic(facts, topic_of_calculator(stem))
    return (
        f"**The sources side by side:** {{ref}}`{markup.plain(topic.title)} "
        f"<{compare_label(topic.id)}>`,"
        " question by question, with where they differ."
    )


# --- Discrepancies -------------------------------------------------------------------------


def normalised(value: Value) -> tuple[str, tuple[float, float]]:
    """A value's unit and [low, high], with years as months so '4 years' equals '48 months'."""
    unit, span = value.quantity
    low, high = span if isinstance(span, tuple) else (span, span)
    if unit == "years":
        return "months", (low * 12, high * 12)
    return unit, (float(low), float(high))


def derived_conflicts(facts: Facts) -> dict[str, set[frozenset[str]]]:
    """Per question, the pairs of claims from different sources that give different numbers
    in the same unit (a percentage and a duration on one question are different points)."""
    conflicts: dict[str, set[frozenset[str]]] = defaultdict(set)
    valued = [c for c in facts.claims if c.value is not None]
    for a, b in combinations(valued, 2):
        if a.question != b.question or a.source == b.source:
            continue
        (unit_a, span_a), (unit_b, span_b) = normalised(a.value), normalised(b.value)  # type: ignore[arg-type]
        if unit_a == unit_b and span_a != span_b:
            conflicts[a.question].add(frozenset((a.id, b.id)))
    return dict(conflicts)


def unexplained_conflicts(facts: Facts) -> list[frozenset[str]]:
    """Derived conflicts that no curated discrepancy lists both sides of."""
    explained = [set(d.claims) for d in facts.discrepancies]
    return sorted(
        (pair for pairs in derived_conflicts(facts).values() for pair in pairs
         if not any(pair <= sides for sides in explained)),
        key=sorted,
    )


def _span_text(span: Span) -> str:
    if isinstance(span, tuple):
        return f"{span[0]:g}-{span[1]:g}"
    return f"{span:g}"


def value_text(value: Value) -> str:
    """A structured value as a reader would say it: 'up to 4 months'."""
    unit, span = value.quantity
    if span == 1 and unit.endswith("s"):
        unit = unit[:-1]  # 1 month, 1 day
    unit_text = {"percent": "%", "mg": " mg", "count": ""}.get(unit, f" {unit}")
    qualifier = f"{value.qualifier} " if value.qualifier else ""
    return f"{qualifier}{_span_text(span)}{unit_text}"


def _side_myst(facts: Facts, claim: Claim) -> str:
    """One side of a discrepancy: the source (linking to the claim's sentence in its chapter),
    the locator, the figure, the statement, one citation and the link to its ledger row."""
    source = facts.source(claim.source)
    number = f"**{value_text(claim.value)}.** " if claim.value else ""
    strength = f"{{strength}}`{claim.strength}` " if claim.strength else ""
    return (
        f"- {{ref}}`{markup.plain(source.short)} <{claim_label(claim.id)}>` · "
        f"{markup.myst(claim.locator)}: "
        f"{number}{strength}{markup.myst(claim.statement)} {{cite:p}}`{claim.citation}` "
        f"{{ledger}}`{claim.id}`{status_mark(facts, claim)}{reading_mark(claim)}"
    )


def status_mark(facts: Facts, claim: Claim) -> str:
    """The role that shows a claim's status (on a line of its own) where it is not current."""
    note = question_note(facts, claim.source, claim.question)
    return f" {{currency}}`{claim.source} {claim.question}`" if note and note.loud else ""


def reading_mark(claim: Claim) -> str:
    """The role that shows a claim's reading (on a line of its own) where it has one."""
    return f" {{reading}}`claim {claim.id}`" if claim.reading else ""


def discrepancy_questions(facts: Facts, item: Discrepancy) -> list[str]:
    """The questions whose blocks show the discrepancy's claims, in the order of the topics."""
    asked = {facts.claim(claim_id).question for claim_id in item.claims}
    return [q.id for t in facts.topics for q in t.questions if q.id in asked]


def _question_ref(facts: Facts, question_id: str) -> str:
    topic = facts.topic_of(question_id)
    question = next(q for q in topic.questions if q.id == question_id)
    return (
        f"{{ref}}`{markup.plain(question.text)} <{question_label(question_id)}>` "
        f"({markup.myst(topic.title)})"
    )


def discrepancy_summary(facts: Facts) -> str:
    """The table that opens the discrepancies page: one row per item, to scan in a minute."""
    lines = [
        "```{list-table} Every discrepancy: where, between which sources, what kind",
        ":header-rows: 1",
        ":class: discrepancy-summary",
        ":widths: 32 20 26 13 9",
        "",
        "* - Discrepancy",
        "  - Topic",
        "  - Sources that speak",
        "  - Kind",
        "  - Clinically relevant",
    ]
    for item in facts.discrepancies:
        topics = dict.fromkeys(facts.topic_of(q) for q in discrepancy_questions(facts, item))
        speakers = dict.fromkeys(facts.claim(c).source for c in item.claims)
        lines += [
            f"* - {{ref}}`{markup.plain(item.title)} <{discrepancy_label(item.id)}>`",
            "  - " + ", ".join(
                f"{{ref}}`{markup.plain(t.title)} <{compare_label(t.id)}>`" for t in topics
            ),
            "  - " + ", ".join(markup.myst(facts.source(s).short) for s in speakers),
            f"  - {KIND_SHORT[item.kind]}",
            f"  - {'**yes**' if item.clinically_relevant else 'no'}",
        ]
    lines.append("```")
    return "\n".join(lines)


def discrepancy_sides(facts: Facts, item: Discrepancy) -> str:
    """The sides in one line: the sources that speak, then the silent ones. Each source's figure
    is shown where it stands alone (one per source, not a bare count); otherwise the figures are
    left to the statements, where they have their context. A source that is no longer current on
    the point says so beside its name ("out of date since 16 January 2020")."""
    values: dict[str, list[Value]] = {}
    for claim_id in item.claims:
        claim = facts.claim(claim_id)
        values.setdefault(claim.source, [])
        if claim.value is not None:
            values[claim.source].append(claim.value)
    texts = {s: list(dict.fromkeys(value_text(v) for v in vs)) for s, vs in values.items()}
    alone = all(len(t) <= 1 for t in texts.values()) and not any(
        v.quantity[0] == "count" for vs in values.values() for v in vs
    )
    dated: dict[str, list[str]] = {}  # a side no longer current says so here too
    for claim_id in item.claims:
        claim = facts.claim(claim_id)
        note = question_note(facts, claim.source, claim.question)
        if note is not None and note.loud:
            dated.setdefault(claim.source, [])
            words = markup.myst(note.words[:1].lower() + note.words[1:])
            dated[claim.source] = list(dict.fromkeys([*dated[claim.source], words]))
    speaking = []
    for source, shown in texts.items():
        said = ([shown[0]] if alone and shown else []) + dated.get(source, [])
        speaking.append(
            markup.myst(facts.source(source).short) + (f" ({'; '.join(said)})" if said else "")
        )
    silent = ", ".join(markup.myst(facts.source(s).short) for s in item.silent)
    return "; ".join(speaking) + (f"; silent: {silent}" if silent else "")


def discrepancy_sections(facts: Facts) -> str:
    """The summary table, then every curated discrepancy as a MyST section: its kind and
    relevance, the sides in one line, what to take from it, and folded underneath what each
    source says and why they differ; last, the question blocks that link to it."""
    blocks = [
        "(discrepancy-summary)=\n## All discrepancies at a glance\n\n" + discrepancy_summary(facts)
    ]
    for item in facts.discrepancies:
        sides = [_side_myst(facts, facts.claim(claim_id)) for claim_id in item.claims]
        for source_id in item.silent:
            source = facts.source(source_id)
            chapter = f"{{ref}}`chapter <{source.chapter}>`"
            sides.append(f"- {markup.myst(source.short)}: silent on this point ({chapter}).")
        reasons = ", ".join(REASON_TEXT[r] for r in item.reasons)
        relevance = (
            "clinically relevant" if item.clinically_relevant else "not clinically relevant"
        )
        where = "; ".join(_question_ref(facts, q) for q in discrepancy_questions(facts, item))
        blocks.append("\n".join([
            f"({discrepancy_label(item.id)})=",
            f"## {markup.myst(item.title)}",
            "",
            "````{container} disc-meta",
            f"{{disc-kind}}`{item.kind}` **{relevance.capitalize()}.** Likely reason: {reasons}.",
            "",
            f"**Sides:** {discrepancy_sides(facts, item)}.",
            "````",
            "",
            f"**What to take from it.** {markup.myst(item.takeaway)}"
            + (f" {{reading}}`discrepancy {item.id}`" if item.reading else ""),
            "",
            "````{dropdown} What each source says, and why they differ",
            *sides,
            "",
            f"**Why they differ.** {markup.myst(item.explanation)}",
            "````",
            "",
            "```{container} disc-where",
            f"Compared under: {where}.",
            "```",
        ]))
    return "\n\n".join(blocks)


# --- Ledger --------------------------------------------------------------------------------


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _rule_uses(facts: Facts, data: Path) -> dict[str, list[str]]:
    """For each claim id, the calculators (stems of data/rules/*.yaml and trials.yaml) whose
    data names it."""
    uses: dict[str, list[str]] = {c.id: [] for c in facts.claims}
    rule_files = sorted((data / "rules").glob("*.yaml")) + sorted(data.glob("trials.yaml"))
    for path in rule_files:
        for text in set(_strings(read_yaml(path))):
            if text in uses:
                uses[text].append(path.stem)
    return uses


def claim_links(facts: Facts, data: Path = DATA) -> dict[str, list[tuple[str, str]]]:
    """For each claim id, where it is shown, as (kind, label): its question block
    (``compare``), each discrepancy that lists it, the timeline, and each calculator."""
    links: dict[str, list[tuple[str, str]]] = {
        c.id: [("compare", question_label(c.question))] for c in facts.claims
    }
    for item in facts.discrepancies:
        for claim_id in item.claims:
            links[claim_id].append(("discrepancy", discrepancy_label(item.id)))
    for event in facts.timeline:
        for claim_id in event.claims:
            links[claim_id].append(("timeline", "timeline"))
    for claim_id, stems in _rule_uses(facts, data).items():
        links[claim_id] += [("calculator", stem) for stem in stems]
    return {claim_id: list(dict.fromkeys(pairs)) for claim_id, pairs in links.items()}


LINK_TEXT = {"compare": "compare", "discrepancy": "discrepancy", "timeline": "timeline"}


def ledger_sections(facts: Facts, data: Path = DATA) -> list[tuple[str, str]]:
    """The citation ledger as (topic title, MyST table), one per topic: every claim whole, with
    its source (linking to its sentence in the chapter) and locator, citation and the places that
    show it. The claim id in the first cell is the row's anchor (set by the directive); the link
    to report a problem follows it."""
    links = claim_links(facts, data)
    parts = []
    for topic in facts.topics:
        lines = [
            f"```{{list-table}} {markup.myst(topic.title)}: claims",
            ":header-rows: 1",
            ":class: ledger-table",
            ":widths: 50 22 12 16",
            "",
            "* - Claim",
            "  - Source and locator",
            "  - Citation",
            "  - Shown on",
        ]
        claims = [c for c in facts.claims if facts.topic_of(c.question).id == topic.id]
        for claim in claims:
            source = facts.source(claim.source)
            strength = f"{{strength}}`{claim.strength}` " if claim.strength else ""
            shown = ", ".join(
                f"{{ref}}`{LINK_TEXT.get(kind, label + ' calculator')} <{label}>`"
                for kind, label in links[claim.id]
            )
            lines += [
                f"* - {strength}{markup.myst(claim.statement)} `{claim.id}` "
                f"{{report}}`{claim.id}`{reading_mark(claim)}",
                f"  - {{ref}}`{markup.plain(source.short)} <{claim_label(claim.id)}>`, "
                f"{markup.myst(claim.locator)}{status_mark(facts, claim)}",
                f"  - {{cite:p}}`{claim.citation}`",
                f"  - {shown}",
            ]
        lines.append("```")
        parts.append((topic.title, "\n".join(lines)))
    return parts

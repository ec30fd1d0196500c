"""Sphinx directives that render comparison tables, discrepancies, the ledger and the
regulatory timeline from data/ at build time, so no page types a clinical number.

Each directive asks alemtuzumab_kb.compare (or alemtuzumab_kb.timeline) for MyST text and parses it
in place, so citations ({cite:p}), references ({ref}) and glossary terms resolve as usual. Text from
data/ enters that MyST only through alemtuzumab_kb.markup (`myst`: escaped, the declared marks kept;
`plain` for a role's link text), and raw HTML only HTML-escaped.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from currency_pages import xref
from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from alemtuzumab_kb import compare, currency, markup, timeline
from alemtuzumab_kb import facts as facts_module
from alemtuzumab_kb.facts import DATA, DataError, Facts, load_facts

logger = logging.getLogger(__name__)
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)


def warn_at_data(error: DataError) -> None:
    """A data fault as a warning located in the data file (an error under -W), once."""
    location = f"{error.path}:{error.line}" if error.path and error.line else None
    logger.warning(str(error), location=location, type="facts", subtype="data", once=True)


def data_faults(root: Path, bibfiles: list[str], data: Path = DATA) -> tuple[list[DataError], set]:
    """Every fault of `data` a build would meet, and the chapter sections that are no label.

    Loads every data file (the first fault stops that), then checks citation keys against the
    bibliography files and chapter sections against the labels of the pages under ``book/``.
    """
    loaders = [
        facts_module.load_facts, facts_module.load_trials, facts_module.load_therapies,
        facts_module.load_washout_rules, facts_module.load_contraception_rules,
        facts_module.load_schedule_rules,
    ]
    for loader in loaders:
        loader.cache_clear()
    try:
        for loader in loaders:
            loader(data)
    except DataError as error:
        return [error], set()
    bib_keys = set()
    for name in bibfiles:
        text = (root / name).read_text(encoding="utf-8")
        bib_keys |= set(re.findall(r"^@\w+\s*\{\s*([^,\s]+)\s*,", text, re.MULTILINE))
    labels = {
        label
        for path in sorted((root / "book").rglob("*.md"))
        for label in LABEL.findall(path.read_text(encoding="utf-8"))
    }
    facts = load_facts(data)
    bad_labels = {facts.section_of(claim) for claim in facts.claims} - labels
    return facts_module.reference_faults(data, bib_keys, labels), bad_labels


class DataFault(SystemExit):
    """data/ holds a fault: the build stops before any page is read or notebook run, its last
    words the fault's sentence. (A SystemExit, so that neither Sphinx nor jupyter-book wraps the
    sentence in a traceback of their own: the fault is in data/, not in their code.)"""


def check_data(app: Sphinx) -> None:
    """Before any page is read, report every data fault against its data file and line, and
    stop the build if there is one.

    A reader of the build log then finds a fault where it is written, not on the generated page
    (or the notebook) that it would break, within seconds: no notebook runs on faulty data.
    """
    faults, bad_labels = data_faults(Path(app.srcdir), list(app.config.bibtex_bibfiles))
    for fault in faults:
        warn_at_data(fault)
    app.env.facts_bad_labels = bad_labels
    if faults:
        more = f" (and {len(faults) - 1} more, above)" if len(faults) > 1 else ""
        raise DataFault(
            f"Fault in data/: {faults[0]}{more} Nothing was built: correct data/ and build again."
        )


def quiet_reported_label(app: Sphinx, env: Any, node: Any, contnode: Any) -> Any:
    """A reference to a section already reported against data/ is left as plain text, so the
    fault is reported once, in the data file, and not again on every page that shows it."""
    if node.get("refdomain") == "std" and node.get("reftarget") in getattr(
        env, "facts_bad_labels", set()
    ):
        return contnode
    return None


class FactsDirective(SphinxDirective):
    """Base: load the facts and parse the MyST that `myst` returns (a change in data/ or widgets/
    re-reads every page: fresh_inputs.py)."""

    titles = False

    def myst(self, facts: Facts) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        try:
            # Loaded once per build: check_data (builder-inited) empties the loaders' caches.
            text = self.myst(load_facts())
        except DataError as error:
            if error.path is None:
                raise self.error(f"cannot render from data/: {error}") from None
            warn_at_data(error)
            return []
        except (KeyError, StopIteration) as error:
            raise self.error(f"cannot render from data/: {error}") from None
        return self.parse(text)

    def parse(self, text: str) -> list[nodes.Node]:
        """MyST text as nodes, in place (sections allowed where `titles` is set)."""
        container = nodes.container()
        self.state.nested_parse(
            StringList(text.splitlines()), self.content_offset, container, match_titles=self.titles
        )
        return container.children

    def section(self, title: str, body: str, label: str | None = None) -> nodes.section:
        """A section built here rather than by a MyST heading, so that it follows whatever the
        directive puts first (MyST would attach a parsed heading to the page straight away).
        `label` makes it a target for {ref} and its id."""
        section = nodes.section()
        section += nodes.title(title, title)
        section.extend(self.parse(body))
        document = self.state.document
        if label:
            section["names"].append(label)
            document.note_explicit_target(section, section)
        else:
            section["names"].append(nodes.fully_normalize_name(title))
            document.note_implicit_target(section, section)
        return section


def _xref(text: str, label: str, docname: str) -> addnodes.pending_xref:
    """A link with `text` to a label (`currency_pages.xref`: a missing label fails the build)."""
    return xref([nodes.inline(text, text)], label, docname)


def _glance_mark(state: str, note: currency.Note | None = None) -> list[nodes.Node]:
    """A state of the overview: a symbol drawn by CSS, and its words for screen readers; where
    the source is no longer current on the question, a second symbol and its status in words."""
    words = compare.GLANCE_TEXT[state]
    marks = [
        nodes.inline("", "", classes=["glance-mark", f"glance-{state}"]),
        nodes.inline(words, words, classes=["visually-hidden"]),
    ]
    if note is not None and note.loud:
        status = f"; {note.words[:1].lower()}{note.words[1:]}"
        marks += [
            nodes.inline("", "", classes=["glance-mark", "glance-dated"]),
            nodes.inline(status, status, classes=["visually-hidden"]),
        ]
    return marks


def glance_key(title: str) -> nodes.title:
    """The overview's caption: its title, then the key to its symbols in words."""
    caption = nodes.title(f"{title}:", f"{title}:")
    keys = [*compare.GLANCE_TEXT.items(), ("dated", currency.GLANCE_WORDS)]
    for state, words in keys:
        item = nodes.inline(classes=["glance-key"])
        item += nodes.inline("", "", classes=["glance-mark", f"glance-{state}"])
        item += nodes.Text(words)
        caption += nodes.Text(" ")
        caption += item
    return caption


def glance_table(facts: Facts, topic_ids: list[str], docname: str, index: bool) -> nodes.table:
    """The overview: a row per question (linking to its block), a column per source, each cell
    one of says / says something different / silent, marked where the source is no longer
    current on the question. On the compare index (`index`), a row per topic (linking to its
    page) heads its questions."""
    sources = facts.sources
    table = nodes.table(classes=["glance-table"])
    table += glance_key("Every topic at a glance" if index else "At a glance")
    group = nodes.tgroup(cols=len(sources) + 1)
    table += group
    group += nodes.colspec(colwidth=40, stub=1)
    for _ in sources:
        group += nodes.colspec(colwidth=12)

    def row(*cells: nodes.entry) -> nodes.row:
        result = nodes.row()
        result.extend(cells)
        return result

    def cell(*children: nodes.Node, **attributes: Any) -> nodes.entry:
        entry = nodes.entry(**attributes)
        paragraph = nodes.paragraph()
        paragraph.extend(children)
        entry += paragraph
        return entry

    head = nodes.thead()
    head += row(cell(nodes.Text("Question")),
                *(cell(nodes.Text(s.short), classes=["glance-source"]) for s in sources))
    group += head
    body = nodes.tbody()
    for topic_id in topic_ids:
        topic = next(t for t in facts.topics if t.id == topic_id)
        if index:
            body += row(cell(_xref(topic.title, compare.compare_label(topic.id), docname),
                             morecols=len(sources), classes=["glance-topic"]))
        for block in compare.question_blocks(facts, topic_id):
            notes = dict(block.notes)
            body += row(
                cell(_xref(block.text, compare.question_label(block.question), docname)),
                *(cell(*_glance_mark(state, notes.get(source))) for source, state in block.glance),
            )
    group += body
    return table


class TopicComparison(FactsDirective):
    """``{topic-comparison} <topic id>``: the topic's calculator if it has one, one block per
    question (its answer in short first, then every source that speaks on it), and last the
    overview, in a section of its own that a line at the top points to: what applies today
    comes first, the table of who says what after it."""

    required_arguments = 1

    def myst(self, facts: Facts) -> str:
        topic_id = self.arguments[0]
        if topic_id not in {t.id for t in facts.topics}:
            raise DataError(f"unknown topic {topic_id!r}")
        return compare.calculate_it(facts, topic_id)

    def run(self) -> list[nodes.Node]:
        calculate = super().run()
        facts = load_facts()
        topic_id = self.arguments[0]
        blocks = [
            self.section(block.text, compare.block_myst(facts, block),
                         label=compare.question_label(block.question))
            for block in compare.question_blocks(facts, topic_id)
        ]
        for block in blocks:
            block["classes"].append("compare-block")
        label = f"glance-{topic_id}"
        overview = self.section("Every source at a glance", "", label=label)
        overview += glance_table(facts, [topic_id], self.env.docname, index=False)
        pointer = nodes.paragraph(classes=["glance-pointer"])
        pointer += nodes.Text("Which source says what, question by question: ")
        pointer += _xref("every source at a glance", label, self.env.docname)
        pointer += nodes.Text(", at the end of the page.")
        return [*calculate, pointer, *blocks, overview]


class CompareOverview(FactsDirective):
    """``{compare-overview}``: the overview of every topic, for the compare index."""

    def myst(self, facts: Facts) -> str:
        return ""

    def run(self) -> list[nodes.Node]:
        super().run()
        facts = load_facts()
        topics = [t.id for t in facts.topics]
        return [glance_table(facts, topics, self.env.docname, index=True)]


class CompareLink(FactsDirective):
    """``{compare-link} <calculator stem>``: on a calculator page, the link back to its topic."""

    required_arguments = 1

    def myst(self, facts: Facts) -> str:
        try:
            return compare.compare_back_link(facts, self.arguments[0])
        except KeyError as error:
            raise DataError(str(error)) from None


class DiscrepancyList(FactsDirective):
    """``{discrepancy-list}``: the summary table, then every curated discrepancy, one section
    each."""

    titles = True

    def myst(self, facts: Facts) -> str:
        return compare.discrepancy_sections(facts)


def strength_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{strength}`must```: the strength of a recommendation as a small label."""
    level = text.strip()
    known = {level.level for level in load_facts().strengths}
    if level not in known:
        message = inliner.reporter.error(f"unknown strength {level!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [nodes.inline(level, level, classes=["strength", f"strength-{level}"])], []


def disc_kind_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{disc-kind}`scope```: the kind of a discrepancy as a small label."""
    kind = text.strip()
    if kind not in compare.KIND_SHORT:
        message = inliner.reporter.error(f"unknown discrepancy kind {kind!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    words = compare.KIND_SHORT[kind]
    return [nodes.inline(words, words, classes=["disc-kind", f"disc-kind-{kind}"])], []


class RegulatoryTimeline(FactsDirective):
    """``{regulatory-timeline}``: the Altair chart (rendered by the vendored vega-embed, see
    offline_site.py) with a text alternative, then the same items as a table."""

    def myst(self, facts: Facts) -> str:
        rows = timeline.timeline_rows(facts)
        lines = [
            "```{list-table} Regulatory decisions and source documents in date order",
            ":header-rows: 1",
            "",
            "* - Date",
            "  - Kind",
            "  - What",
            "  - Where to check",
        ]
        for row in rows:
            cites = ",".join(row.citations)
            where = [f"{{ref}}`{row.label}`"] if row.label else []
            where += [
                f"{{cite:t}}`{key}`, {markup.myst(locator)}" for key, locator in row.references
            ]
            status = f" **{currency.STATUS_LABEL[row.status]}.**" if row.status else ""
            lines += [
                f"* - {row.date.isoformat()}",
                f"  - {row.kind}",
                f"  - {markup.myst(row.title)} {{cite:p}}`{cites}`{status}",
                f"  - {'; '.join(where)}",
            ]
        lines.append("```")
        return "\n".join(lines)

    def run(self) -> list[nodes.Node]:
        table = super().run()
        facts = load_facts()
        events = [row.event for row in timeline.timeline_rows(facts)]
        body = next((t for node in table for t in node.findall(nodes.tbody)), None)
        for row, event in zip(body.children if body else [], events, strict=False):
            if event is not None:  # the target of a status's "since" (alemtuzumab_kb.currency)
                label = currency.event_label(event)
                row["names"].append(label)
                row["ids"].append(label)
                self.state.document.note_explicit_target(row, row)
        spec = json.dumps(timeline.timeline_chart(facts).to_dict())
        description = timeline.timeline_description(facts)
        figure = (
            '<figure class="vega-figure">'
            f'<div class="vega-chart" role="img" aria-label="{html.escape(description)}" '
            f'data-spec="{html.escape(spec)}"></div>'
            "<figcaption>Each dot is a regulatory decision or the date of a source document; "
            "the table below lists the same items with their sources.</figcaption>"
            "</figure>"
        )
        return [nodes.raw("", figure, format="html"), *table]


def _original(env: Any, key: str) -> tuple[str, str] | None:
    """The address (url) and access date (urldate) of a bibliography entry, if it has one."""
    import bibtexparser

    for name in env.config.bibtex_bibfiles:
        library = bibtexparser.parse_file(str(Path(env.srcdir) / name))
        for entry in library.entries:
            if entry.key == key and "url" in entry.fields_dict:
                fields = entry.fields_dict
                return fields["url"].value, fields["urldate"].value if "urldate" in fields else ""
    return None


def _cell(text: str) -> str:
    """Data text as MyST on one line, for a list-table cell (`markup.myst`)."""
    return markup.myst(text)


class SourceCard(FactsDirective):
    """``{source-card} <source id>``: who wrote the document, when, for whom, and what still holds.

    Everything comes from data/sources.yaml, and what still holds from data/currency.yaml; the
    original's address and access date come from the source's bibliography entry (its ``url``
    and ``urldate``).
    """

    required_arguments = 1

    def myst(self, facts: Facts) -> str:
        source_id = self.arguments[0]
        if source_id not in {s.id for s in facts.sources}:
            raise DataError(f"unknown source {source_id!r}")
        source = facts.source(source_id)
        for name in self.env.config.bibtex_bibfiles:
            self.env.note_dependency(str(Path(self.env.srcdir) / name))
        title = (f"*{_cell(source.title)}*" if source.title else "None in the copy used")
        if source.title_note:
            note = " ".join(source.title_note.split())
            note = _cell(f"{note[:1].lower()}{note[1:]}" if source.title else note)
            title += f" ({note})" if source.title else f". {note}"
        audience = source.audience[:1].upper() + source.audience[1:]
        if source.audience_inferred:
            audience += " (inferred: the document does not name its readers)"
        original = _original(self.env, source.citation)
        if original:
            url, accessed = original
            original_text = f"<{url}>" + (f" (accessed {accessed})" if accessed else "")
        else:
            original_text = (
                "No address known for certain; the text used is the copy described in "
                f"{{cite:t}}`{source.citation}`"
            )
        record = facts.currency_of(source_id)
        # Each value is MyST: data text through _cell, the rest ours.
        rows = [
            ("Title (as the document carries it)", title),
            ("Title (English)", _cell(source.title_en)),
            ("Issuer", _cell(source.issuer_card)),
            ("Named authors", _cell(source.authors)),
            ("Dates", _cell(source.dates)),
            ("Language", source.language),
            ("Intended audience", _cell(audience)),
            ("Document type", _cell(source.document_type)),
        ]
        if source.references:
            rows.append(("References in the document", _cell(source.references)))
        rows += [
            ("Original", original_text),
            ("Still current?",
             f"**{currency.STATUS_LABEL[record.status]}.** {_cell(record.holds)}"),
            ("Replaced or not covered", _cell(record.replaced)),
        ]
        lines = ["```{list-table} Source card", ":header-rows: 1", ":widths: 28 72",
                 ":class: source-card", "", "* - Field", "  - Value"]
        for field, value in rows:
            lines += [f"* - {field}", f"  - {value}"]
        lines.append("```")
        return "\n".join(lines)


class SourceIndex(FactsDirective):
    """``{source-index}``: the source documents in one table, with whether each still holds."""

    def myst(self, facts: Facts) -> str:
        lines = [
            "```{list-table} The source documents",
            ":header-rows: 1",
            ":widths: 14 19 17 11 16 23",
            ":class: source-index",
            "",
            "* - Document",
            "  - Issuer",
            "  - Issued or updated",
            "  - Language",
            "  - Audience",
            "  - Still current?",
        ]
        for source in facts.sources:
            record = facts.currency_of(source.id)
            audience = source.audience[:1].upper() + source.audience[1:]
            if source.audience_inferred:
                audience += " (inferred)"
            lines += [
                f"* - {{ref}}`{markup.plain(source.short)} <{source.chapter}>`",
                f"  - {_cell(source.issuer)}",
                f"  - {_cell(source.date_note[:1].upper() + source.date_note[1:])}",
                f"  - {source.language}",
                f"  - {_cell(audience)}",
                f"  - **{currency.STATUS_LABEL[record.status]}**: {_cell(record.summary)}",
            ]
        lines.append("```")
        return "\n".join(lines)


class StrengthScheme(FactsDirective):
    """``{strength-scheme}``: the levels of data/strengths.yaml with their verbs, and how many
    claims carry each."""

    def myst(self, facts: Facts) -> str:
        lines = [
            "```{list-table} The strength of a recommendation, from the source's own verb",
            ":header-rows: 1",
            ":widths: 16 44 28 12",
            "",
            "* - Strength",
            "  - Meaning",
            "  - Source verbs",
            "  - Claims",
        ]
        for level in facts.strengths:
            verbs = "; ".join(
                f"{language}: {', '.join(f'*{_cell(verb)}*' for verb in words)}"
                for language, words in level.verbs.items()
            ) or "the imperative the source uses"
            count = sum(claim.strength == level.level for claim in facts.claims)
            lines += [
                f"* - {level.level}",
                f"  - {_cell(level.meaning)}",
                f"  - {verbs}",
                f"  - {count}",
            ]
        lines.append("```")
        return "\n".join(lines)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", check_data)
    app.connect("missing-reference", quiet_reported_label)
    app.add_directive("topic-comparison", TopicComparison)
    app.add_directive("compare-overview", CompareOverview)
    app.add_directive("compare-link", CompareLink)
    app.add_directive("discrepancy-list", DiscrepancyList)
    app.add_directive("regulatory-timeline", RegulatoryTimeline)
    app.add_directive("source-card", SourceCard)
    app.add_directive("source-index", SourceIndex)
    app.add_directive("strength-scheme", StrengthScheme)
    app.add_role("strength", strength_role)
    app.add_role("disc-kind", disc_kind_role)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

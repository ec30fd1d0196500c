"""Currency and our readings on the book's pages (issues 22 and 24), from data/ at build time.

- ``{currency}`<source> <question>```: a source's status on a question where it is no longer
  current ("Out of date since 16 January 2020", linking to the timeline's event), with its reason.
- ``{reading}`<key>```: a reading of ours under the label "Our reading", with its reason and the
  other reading (keys as `alemtuzumab_kb.currency.Marked`).
- ``{reading-tag}`<claim id>```: the label alone, linking to the claim's ledger row.
- ``{our-reading} <key>``: the same as a paragraph of its own, for the chapters.
- ``{currency-summary}``: every source's status in one list, for the timeline page.
- Every topic section of a source chapter (label ``src-<source>-<topic>``) says under its heading
  what of that section still applies.

Texts from data/ that these show are plain, with *emphasis* at most; they are never parsed as
markup beyond that.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from alemtuzumab_kb import currency
from alemtuzumab_kb.facts import Reading, load_facts

SECTION = re.compile(r"^src-(?P<source>[a-z]+)-(?P<topic>[a-z-]+)$")


def plain(text: str) -> list[nodes.Node]:
    """Data text as nodes: words, with *emphasis* as emphasis and nothing else read as markup."""
    parts = re.split(r"\*([^*]+)\*", " ".join(text.split()))
    return [
        nodes.emphasis(part, part) if index % 2 else nodes.Text(part)
        for index, part in enumerate(parts)
        if part
    ]


def xref(children: list[nodes.Node], label: str, docname: str) -> addnodes.pending_xref:
    """A link to a label, resolved by Sphinx like {ref} (a missing label fails the build)."""
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=label, refexplicit=True, refwarn=True,
        refdoc=docname,
    )
    ref.extend(children)
    return ref


def slug(words: str) -> str:
    """A status as a class name's tail: ``out of date`` -> ``out-of-date``."""
    return words.lower().replace(" ", "-")


def status_class(status: str) -> str:
    return "currency-" + slug(status)


def reading_nodes(reading: Reading) -> nodes.inline:
    """"Our reading" as a small label, the reading, then why and the other reading, each on a
    line of its own (spans shown as blocks, so the label works inside a sentence or a cell)."""
    box = nodes.inline(classes=["reading"])
    box += nodes.inline(currency.READING_LABEL, currency.READING_LABEL, classes=["reading-tag"])
    box += nodes.Text(" ")
    box.extend(plain(reading.text))
    why = nodes.inline(classes=["reading-why"])
    why += nodes.strong("Why: ", "Why: ")
    why.extend(plain(reading.reason))
    box += why
    if reading.alternative:
        other = nodes.inline(classes=["reading-other"])
        other += nodes.strong("The other reading: ", "The other reading: ")
        other.extend(plain(reading.alternative))
        box += other
    return box


def note_nodes(note: currency.Note, docname: str, questions: list[str] = ()) -> nodes.inline:
    """A status: its words (a link to the timeline's event where there is one), the questions it
    covers where a topic has several statuses, its reason and its reading."""
    box = nodes.inline(classes=["currency", status_class(note.status)])
    words = nodes.inline(classes=["currency-status"])
    text = nodes.inline(note.words, note.words)
    words += xref([text], note.event, docname) if note.event else text
    box += words
    if questions:
        box += nodes.Text(f" ({'; '.join(questions)})")
    box += nodes.Text(": ")
    box.extend(plain(note.reason))
    if note.reading is not None:
        box += reading_nodes(note.reading)
    return box


def problem(inliner: Any, rawtext: str, lineno: int, message: str) -> tuple[list, list]:
    """A role's failure: the text marked as a problem, and an error (a failed build under -W)."""
    error = inliner.reporter.error(message, line=lineno)
    return [inliner.problematic(rawtext, rawtext, error)], [error]


def currency_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{currency}`ema indication-population```: the status, where it is not current."""
    env = inliner.document.settings.env
    try:
        source_id, question_id = text.split()
        note = currency.question_note(load_facts(), source_id, question_id)
    except (ValueError, KeyError):
        return problem(inliner, rawtext, lineno, f"give a source and a question, not {text!r}")
    if note is None:
        return problem(inliner, rawtext, lineno, f"{source_id} has no status on {question_id}")
    return ([note_nodes(note, env.docname)] if note.loud else []), []


def reading_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{reading}`claim sms-pregnancy-contraception```: a reading of ours, labelled."""
    try:
        reading = currency.reading_of(" ".join(text.split()), load_facts())
    except KeyError as error:
        return problem(inliner, rawtext, lineno, str(error))
    return [reading_nodes(reading)], []


def reading_tag_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{reading-tag}`<claim id>```: the label alone, linking to the claim's ledger row, where
    a summary (an answer in short) restates a claim that holds a reading of ours."""
    env = inliner.document.settings.env
    claim_id = text.strip()
    claim = next((c for c in load_facts().claims if c.id == claim_id), None)
    if claim is None or claim.reading is None:
        return problem(inliner, rawtext, lineno, f"{claim_id!r} is no claim with a reading")
    tag = nodes.inline(classes=["reading-tag"])
    label = currency.READING_LABEL
    tag += xref([nodes.inline(label, label)], claim_id, env.docname)
    return [tag], []


class OurReading(SphinxDirective):
    """``{our-reading} <key>; <key>...``: readings of ours as a paragraph of their own, where a
    chapter states them; readings that share a reason and an alternative are shown as one."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        facts = load_facts()
        try:
            readings = [
                currency.reading_of(" ".join(key.split()), facts)
                for key in self.arguments[0].split(";")
            ]
        except KeyError as error:
            raise self.error(str(error)) from None
        paragraph = nodes.paragraph(classes=["reading-note"])
        shared: dict[tuple[str, str], list[Reading]] = {}
        for reading in readings:
            shared.setdefault((reading.reason, reading.alternative), []).append(reading)
        for (reason, alternative), group in shared.items():
            text = " ".join(dict.fromkeys(" ".join(r.text.split()) for r in group))
            paragraph += reading_nodes(Reading(text=text, reason=reason, alternative=alternative))
        return [paragraph]


class CurrencySummary(SphinxDirective):
    """``{currency-summary}``: each source, its status as a whole and its one-line summary."""

    def run(self) -> list[nodes.Node]:
        facts = load_facts()
        items = nodes.bullet_list(classes=["currency-summary"])
        for source in facts.sources:
            record = facts.currency_of(source.id)
            paragraph = nodes.paragraph()
            paragraph += xref([nodes.inline(source.short, source.short)], source.chapter,
                              self.env.docname)
            paragraph += nodes.Text(" ")
            label = currency.STATUS_LABEL[record.status]  # the summary follows its words
            paragraph += nodes.inline(label, label,
                                      classes=["currency-tag", status_class(record.status)])
            paragraph.extend(plain(": " + record.summary + "."))
            item = nodes.list_item()
            item += paragraph
            items += item
        return [items]


def chapter_notes(app: Sphinx, doctree: nodes.document) -> None:
    """Under the heading of every topic section of a source chapter, what of it still applies:
    one line per status, the questions named where the topic has more than one."""
    docname = app.env.docname
    if not docname.startswith("book/sources/sources-"):
        return
    facts = load_facts()
    sources = {s.id for s in facts.sources}
    topics = {t.id for t in facts.topics}
    for section in list(doctree.findall(nodes.section)):
        match = next((m for i in section["ids"] if (m := SECTION.match(i))), None)
        if not match or match["source"] not in sources or match["topic"] not in topics:
            continue
        notes = currency.topic_notes(facts, match["source"], match["topic"])
        if not notes:
            continue
        paragraph = nodes.paragraph(classes=["currency-note"])
        for note, questions in notes:
            paragraph += note_nodes(note, docname, questions if len(notes) > 1 else [])
        title = next(iter(section.findall(nodes.title)), None)
        section.insert(section.index(title) + 1 if title is not None else 0, paragraph)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role("currency", currency_role)
    app.add_role("reading", reading_role)
    app.add_role("reading-tag", reading_tag_role)
    app.add_directive("our-reading", OurReading)
    app.add_directive("currency-summary", CurrencySummary)
    app.connect("doctree-read", chapter_notes)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

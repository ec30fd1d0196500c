"""The reviewers' tools (issue 25): a claim's sentence in its chapter, the links to it and back,
a link to report a problem, and the downloads.

- ``{claim}`<claim id>```: in a source chapter, the claim's statement from data/ (the one wording
  the comparison pages and the ledger show too), with its strength and the source's own verb, the
  citation where it cites a paper rather than the source itself, and a small link back to its
  ledger row. The statement is the target of the label ``claim-<claim id>``
  (``#claim-<claim id>``; the claim id alone is its ledger row's).
- ``{sentence}`<claim id>```: a small link to that sentence ("chapter").
- ``{report}`<claim id>```: the link to report a problem (book/_ext/report_links.py).
- ``{reviewer-downloads}``: links to the files below; ``{download-columns}``: their columns, from
  the same definitions that write them (alemtuzumab_kb.reviewers).
- When the build finishes, ``downloads/`` in the site holds claims.csv, claims.json,
  discrepancies.csv, discrepancies.json and references.bib.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pybtex.database
from currency_pages import plain, problem, xref
from docutils import nodes
from report_links import page_address
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.template import join, year

from alemtuzumab_kb import compare, markup, reviewers
from alemtuzumab_kb.facts import load_facts

FOLDER = "downloads"
FILES = [
    *(f"{stem}.{kind}" for stem in reviewers.TABLES for kind in ("csv", "json")),
    "references.bib",
]
FILE_TEXT = {
    "claims.csv": "every claim, CSV (opens in a spreadsheet)",
    "claims.json": "every claim, JSON",
    "discrepancies.csv": "every discrepancy, CSV",
    "discrepancies.json": "every discrepancy, JSON",
    "references.bib": "the bibliography, BibTeX",
}


def claim_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{claim}`sms-switching-from-fingolimod```: the claim's statement, its anchor and a link
    back to its ledger row."""
    env = inliner.document.settings.env
    facts = load_facts()
    claim_id = text.strip()
    try:
        claim = facts.claim(claim_id)
    except KeyError as error:
        return problem(inliner, rawtext, lineno, str(error))
    label = compare.claim_label(claim_id)
    sentence = nodes.inline(classes=["claim"])
    sentence["names"].append(label)
    sentence["ids"].append(label)
    inliner.document.note_explicit_target(sentence, sentence)
    if claim.strength:
        chip = nodes.inline(classes=["strength", f"strength-{claim.strength}"])
        chip += nodes.Text(claim.strength)
        if facts.source(claim.source).language != "English":
            chip += nodes.Text(" · ")
            chip += nodes.emphasis(claim.verb, claim.verb)
        sentence += chip
        sentence += nodes.Text(" ")
    statement = " ".join(claim.statement.split())
    if claim.citation != facts.source(claim.source).citation:
        # A paper the source reports: cited before the full stop, as a chapter cites it.
        body, stop = (statement[:-1], statement[-1]) if statement[-1] in ".;" else (statement, "")
        cited, messages = inliner.parse(
            f"{markup.myst(body)} {{cite:p}}`{claim.citation}`{stop}", lineno, None, sentence
        )
        if messages:
            return cited, messages
        sentence.extend(cited)
    else:
        sentence.extend(plain(statement))
    link_terms(sentence, env.docname)
    back = nodes.inline(classes=["ledger-link", "claim-back"])
    back += xref([nodes.inline("ledger", "ledger")], claim_id, env.docname)
    sentence += nodes.Text(" ")
    sentence += back
    return [sentence], []


def link_terms(parent: nodes.Element, docname: str) -> None:
    """Each word in italics (a source's own word: *skall*, *högaktiv*) links to its glossary
    entry where the glossary has one, as the chapters' ``*{term}`skall`*`` does; the others stay
    as they are (`quiet_unknown_terms`)."""
    for emphasis in list(parent.findall(nodes.emphasis)):
        ref = addnodes.pending_xref(
            "", refdomain="std", reftype="term", reftarget=emphasis.astext(), refexplicit=True,
            refwarn=False, refdoc=docname, claim_term=True,
        )
        emphasis.replace_self(ref)
        ref += emphasis


def quiet_unknown_terms(app: Sphinx, env: Any, node: Any, contnode: Any) -> Any:
    """A word in italics of a claim that is no glossary term stays plain text, unlinked."""
    return contnode if node.get("claim_term") else None


def sentence_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{sentence}`<claim id>```: a small link to the claim's sentence in its chapter."""
    env = inliner.document.settings.env
    link = nodes.inline(classes=["chapter-link"])
    label = compare.claim_label(text.strip())
    link += xref([nodes.inline("chapter", "chapter")], label, env.docname)
    return [link], []


# --- Downloads -------------------------------------------------------------------------------


class ReviewerDownloads(SphinxDirective):
    """``{reviewer-downloads}``: the downloads as a list of links (relative to the page)."""

    def run(self) -> list[nodes.Node]:
        items = nodes.bullet_list(classes=["reviewer-downloads"])
        page = self.env.app.builder.get_target_uri(self.env.docname)
        for name in FILES:
            paragraph = nodes.paragraph()
            uri = relative_uri(page, f"{FOLDER}/{name}")
            link = nodes.reference("", "", refuri=uri, internal=False)
            link += nodes.literal(name, name)
            paragraph += link
            paragraph += nodes.Text(f": {FILE_TEXT[name]}")
            item = nodes.list_item()
            item += paragraph
            items += item
        return [items]


class DownloadColumns(SphinxDirective):
    """``{download-columns} <claims|discrepancies>``: each column's name and what it holds."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        stem = self.arguments[0]
        if stem not in reviewers.TABLES:
            raise self.error(f"no download {stem!r}: {', '.join(reviewers.TABLES)}")
        terms = nodes.definition_list(classes=["download-columns"])
        for column in reviewers.TABLES[stem]:
            item = nodes.definition_list_item()
            term = nodes.term()
            term += nodes.literal(column.name, column.name)
            item += term
            definition = nodes.definition()
            paragraph = nodes.paragraph()
            paragraph.extend(plain(column.description))
            definition += paragraph
            item += definition
            terms += item
        return [terms]


def cited_as(bibfiles: list[Path]) -> dict[str, tuple[str, str]]:
    """Each bibliography key's authors and year, made by the template the book cites with
    (bibliography_style.author_year): ``("Svenningsson and Lycke", "2025")``."""
    person = PersonStyle()
    data = {"style": SimpleNamespace(person=person)}
    found = {}
    for path in bibfiles:
        for key, entry in pybtex.database.parse_file(str(path)).entries.items():
            authors = join[person.author_or_editor_or_title(full=False)]
            when = join[year]
            found[key] = (
                authors.format_data({**data, "entry": entry}).render_as("text"),
                when.format_data({**data, "entry": entry}).render_as("text"),
            )
    return found


def context(app: Sphinx) -> reviewers.Context:
    """What the rows are read from: the facts, the citations, and where each label is."""
    facts = load_facts()
    bibfiles = [Path(app.srcdir) / name for name in app.config.bibtex_bibfiles]
    labels = app.env.domaindata["std"]["anonlabels"]

    def where(label: str) -> str:
        if label not in labels:
            raise KeyError(f"no page has the label {label!r}")
        docname, anchor = labels[label]
        return page_address(app, docname, anchor)

    return reviewers.Context(
        facts=facts, cited=cited_as(bibfiles), where=where, links=compare.claim_links(facts),
    )


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """The downloads, into the built site's ``downloads/``."""
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir) / FOLDER
    folder.mkdir(exist_ok=True)
    found = context(app)
    for stem in reviewers.TABLES:
        table = reviewers.rows(found, stem)
        (folder / f"{stem}.csv").write_text(reviewers.csv_text(stem, table), encoding="utf-8",
                                            newline="")
        (folder / f"{stem}.json").write_text(reviewers.json_text(stem, table), encoding="utf-8")
    for name in app.config.bibtex_bibfiles:
        shutil.copyfile(Path(app.srcdir) / name, folder / Path(name).name)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role("claim", claim_role)
    app.add_role("sentence", sentence_role)
    app.add_directive("reviewer-downloads", ReviewerDownloads)
    app.add_directive("download-columns", DownloadColumns)
    app.connect("missing-reference", quiet_unknown_terms)
    app.connect("build-finished", write_downloads)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""The bibliography as the text cites it: author-year labels, and links back to the citing pages.

sphinxcontrib-bibtex cites in the text by author and year (``bibtex_reference_style:
author_year``) but labels the list with the formatting style's label style (numbers for
``plain``). The ``authoryear`` style registered here is ``plain`` with labels made by the same
template as the citations, so ``[Svenningsson and Lycke, 2025]`` in the text finds the same
label in the list. The extension makes no back-links across pages (sphinxcontrib-bibtex issue
389), so each entry gets a line naming the pages that cite it, each linking to the first
citation there.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pybtex.plugin
from docutils import nodes
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.template import join, year


def author_year(entry: Any) -> str:
    """``Cohen et al., 2012``: the entry as the parenthetical citation's own template cites it."""
    person = PersonStyle()
    template = join(sep=", ")[person.author_or_editor_or_title(full=False), year]
    data = {"entry": entry, "style": SimpleNamespace(person=person)}
    return template.format_data(data).render_as("text")


class AuthorYearLabels(BaseLabelStyle):
    """Labels that read as the citations in the text do."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield author_year(entry)


class AuthorYearOrder(BaseSortingStyle):
    """Entries in the order of their labels (``plain`` puts an organisation, written in braces,
    after every person)."""

    def sorting_key(self, entry):
        return author_year(entry).casefold(), entry.key


class AuthorYearStyle(PlainStyle):
    """pybtex's ``plain`` entries with author-year labels, in the order of the labels."""

    default_label_style = "authoryear"
    default_sorting_style = "authoryear"


pybtex.plugin.register_plugin("pybtex.style.labels", "authoryear", AuthorYearLabels)
pybtex.plugin.register_plugin("pybtex.style.sorting", "authoryear", AuthorYearOrder)
pybtex.plugin.register_plugin("pybtex.style.formatting", "authoryear", AuthorYearStyle)


def _reading_order(env: Any) -> list[str]:
    """Documents in the order of the table of contents, then any others."""
    relations = env.collect_relations()
    order, docname = [], env.config.root_doc
    while docname is not None and docname not in order:
        order.append(docname)
        docname = relations.get(docname, (None, None, None))[2]
    return order + sorted(set(env.found_docs) - set(order))


def add_cited_on(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under each bibliography entry, the pages that cite it, each linking to its first citation."""
    citations = list(doctree.findall(nodes.citation))
    if not citations:
        return
    domain = app.env.get_domain("cite")
    key_of = {c.citation_id: c.key for c in domain.citations}
    first_ref: dict[str, dict[str, str]] = {}
    order = {name: index for index, name in enumerate(_reading_order(app.env))}
    for ref in sorted(domain.citation_refs, key=lambda r: (order.get(r.docname, 0), r.line or 0)):
        for target in ref.targets:
            first_ref.setdefault(target.key, {}).setdefault(ref.docname, ref.citation_ref_id)
    for citation in citations:
        key = next((key_of[i] for i in citation["ids"] if i in key_of), None)
        pages = first_ref.get(key, {})
        if not pages:
            continue
        line = nodes.paragraph(classes=["cited-on"])
        line += nodes.Text("Cited on: ")
        for index, (page, ref_id) in enumerate(pages.items()):
            if index:
                line += nodes.Text("; ")
            title = app.env.titles[page].astext()
            uri = app.builder.get_relative_uri(docname, page) + f"#{ref_id}"
            line += nodes.reference(title, title, refuri=uri, internal=True)
        citation += line


# pybtex looks a plugin up in every installed package's entry points on each call, and
# sphinxcontrib-bibtex asks for these on every citation and every formatted name: with a
# JupyterLab venv that was a third of the build. Found once and registered at run time, pybtex
# finds them in its own registry first.
FREQUENT_PLUGINS = [
    ("pybtex.backends", name) for name in ("plaintext", "text", "docutils", "html", "latex")
] + [("pybtex.style.names", name) for name in ("plain", "lastfirst")]


def register_frequent_plugins() -> None:
    for group, name in FREQUENT_PLUGINS:
        pybtex.plugin.register_plugin(
            group, name, pybtex.plugin.find_plugin(group, name), force=True
        )


def setup(app: Sphinx) -> dict[str, Any]:
    register_frequent_plugins()
    app.connect("doctree-resolved", add_cited_on)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

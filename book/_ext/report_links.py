"""Report a problem (issue 25): ``{report}`<claim id>``` becomes a link that opens a new issue in
the book's repository, prefilled with the claim's id, the address of the page that shows it and
the claim's current text (alemtuzumab_kb.reviewers.issue_url).

The repository's address is the theme's ``repository_url``: ``repository: url:`` in _config.yml,
or ALEMTUZUMAB_KB_REPOSITORY_URL in the build's environment (site_shell.py), which the Pages
workflow fills from its run. It is read when each page is written, not when it is read, so that
a page read before the address changed still gets the address the build was given. With no
address, there is no link at all: nothing to click that leads nowhere.
"""

from __future__ import annotations

from typing import Any

from currency_pages import problem
from docutils import nodes
from sphinx.application import Sphinx

from alemtuzumab_kb import reviewers
from alemtuzumab_kb.facts import load_facts


class report_slot(nodes.inline):  # noqa: N801 (docutils names its node classes in lower case)
    """Where a report link goes, filled or removed when the page is written."""


def report_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{report}`<claim id>```: a link to report a problem with the claim."""
    claim_id = text.strip()
    try:
        load_facts().claim(claim_id)
    except KeyError as error:
        return problem(inliner, rawtext, lineno, str(error))
    return [report_slot(claim=claim_id)], []


def repository_of(app: Sphinx) -> str:
    """The repository's address as the build knows it; empty where it has none."""
    return str(app.config.html_theme_options.get("repository_url") or "").strip()


def page_address(app: Sphinx, docname: str, anchor: str) -> str:
    """The address of a page and anchor: under the book's address where the build knows it
    (``html_baseurl``), else from the site's root (``book/reviewers/ledger.html#<id>``)."""
    return f"{app.config.html_baseurl or ''}{app.builder.get_target_uri(docname)}#{anchor}"


def _anchor(node: nodes.Node) -> str:
    """The id of the nearest element around a node that has one (the ledger row, the question
    block), for the address a report names."""
    parent = node.parent
    while parent is not None and not parent.get("ids"):
        parent = parent.parent
    return parent["ids"][0] if parent is not None else ""


def fill_report_slots(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each report slot becomes a link to a new issue, or nothing where there is no repository."""
    repository = repository_of(app)
    for slot in list(doctree.findall(report_slot)):
        if not repository:
            slot.parent.remove(slot)
            continue
        claim = load_facts().claim(slot["claim"])
        url = reviewers.issue_url(repository, claim, page_address(app, docname, _anchor(slot)))
        link = nodes.inline(classes=["report-link"])
        # print-same: print writes an external link's address after it (book.css); this one
        # opens a form on GitHub, and its address is no reading for paper.
        link += nodes.reference("", "report a problem", refuri=url, internal=False,
                                classes=["print-same"])
        slot.replace_self(link)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(report_slot)
    app.add_role("report", report_role)
    app.connect("doctree-resolved", fill_report_slots)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

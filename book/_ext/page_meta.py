"""Sphinx extension for what search engines and browsers read in a page's head (issue 28).

- Every page gets one ``<meta name="description">``: its ``description`` (MyST front matter,
  or a notebook's top-level metadata) where given, else its first paragraph as plain text,
  cut to about 160 characters at a word boundary. The index and search pages, which have no
  text of their own, say what they are.
- The site root, ``index.html``, which sphinx-external-toc writes as a bare ``<meta>`` redirect
  to the first page, becomes a small HTML page that names the icon (without it browsers ask
  for ``/favicon.ico``, which is not there), a title, and a link for a browser that does not
  follow the redirect.

The canonical address of each page is Sphinx's own (``html_baseurl``, see site_shell.py).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

LIMIT = 160
# Paragraphs that are not the page's own opening text: notes, tables, captions, outputs.
NOT_OPENING = (
    nodes.Admonition, nodes.table, nodes.footnote, nodes.citation, nodes.sidebar, nodes.topic,
    nodes.field_list, nodes.caption, nodes.legend, addnodes.toctree, nodes.system_message,
)
REDIRECT = re.compile(r'^\s*<meta http-equiv="Refresh" content="0; url=(?P<url>[^"]+)" />\s*$',
                      re.I)
REDIRECT_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Refresh" content="0; url={url}">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="icon" href="_static/{icon}">
<link rel="canonical" href="{canonical}">
</head>
<body>
<p><a href="{url}">{title}</a></p>
</body>
</html>
"""


def shorten(text: str, limit: int = LIMIT) -> str:
    """`text` on one line, cut at the last word boundary within `limit` characters, with an
    ellipsis where it was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-(") + "\u2026"


def _opening(paragraph: nodes.paragraph) -> bool:
    """Whether `paragraph` is the page's own text, not inside a note, a table or an output."""
    parent = paragraph.parent
    while parent is not None:
        if isinstance(parent, NOT_OPENING):
            return False
        if isinstance(parent, nodes.container) and {"cell_output", "output"} & set(
            parent.get("classes", [])
        ):
            return False
        parent = parent.parent
    return True


def first_paragraph(doctree: nodes.Node) -> str:
    """The plain text of the page's first paragraph of its own, or "" if it has none."""
    for paragraph in doctree.findall(nodes.paragraph):
        if _opening(paragraph):
            text = " ".join(paragraph.astext().split())
            if text:
                return text
    return ""


def page_description(app: Sphinx, pagename: str, doctree: Any) -> str:
    """What the page's meta description says; "" for a page with nothing to say."""
    given = app.env.metadata.get(pagename, {}).get("description") if doctree else None
    if given:
        return shorten(str(given))
    if doctree is not None:
        return shorten(first_paragraph(doctree))
    book = app.config.html_title or app.config.project
    if pagename == "genindex":
        return f"Index of the terms and names in {book}, each with the pages that use it."
    if pagename == "search":
        return f"Search {book}: the five source documents, their comparison and the calculators."
    return ""


def add_description(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    description = page_description(app, pagename, doctree)
    if description:
        tag = f'<meta name="description" content="{html.escape(description)}" />\n'
        context["metatags"] = context.get("metatags", "") + tag


def write_root_page(app: Sphinx, exception: Exception | None) -> None:
    """Turn the site root's bare redirect into a page that names the icon and a title."""
    if exception is not None or app.builder.format != "html":
        return
    index = Path(app.outdir) / "index.html"
    if not index.is_file():
        return
    match = REDIRECT.match(index.read_text(encoding="utf-8"))
    if match is None:
        return
    url = match["url"]
    base = app.config.html_baseurl
    index.write_text(
        REDIRECT_PAGE.format(
            url=html.escape(url),
            title=html.escape(app.config.html_title or app.config.project),
            icon=html.escape(Path(app.config.html_favicon or "favicon.svg").name),
            canonical=html.escape(f"{base.rstrip('/')}/{url}" if base else url),
        ),
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", add_description)
    # After sphinx-external-toc (priority 500) has written the redirect.
    app.connect("build-finished", write_root_page, priority=700)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

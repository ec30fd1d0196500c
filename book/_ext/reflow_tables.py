"""Tables that become cards on a phone: each data cell carries its column's heading.

Below about 768 px a table of three or more columns cannot fit without scrolling sideways, so
book.css lays such a table out as one card per row, each cell under its heading. CSS cannot
read a cell's heading, so this extension writes it into the cell at build time
(``data-label``), for every table on every page, notebook outputs included, and marks the
table ``reflow``. The overview tables of the comparison pages (``glance-table``) fit as they
are and keep their grid.
"""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx

TABLE = re.compile(r"<table\b(?P<attrs>[^>]*)>(?P<inner>.*?)</table>", re.S)
HEAD = re.compile(r"<thead\b[^>]*>(?P<head>.*?)</thead>", re.S)
HEADING = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.S)
ROW = re.compile(r"<tr\b.*?</tr>", re.S)
CELL = re.compile(r"<(?P<tag>td|th)\b")
TAG = re.compile(r"<[^>]+>")
SCRIPT = re.compile(r"(<script\b.*?</script>)", re.S)
KEEP = ("glance-table",)
MIN_COLUMNS = 3


def _text(markup: str) -> str:
    return " ".join(html.unescape(TAG.sub("", markup)).split())


def label_cells(table: re.Match[str]) -> str:
    """One table with each body cell labelled by its column's heading, marked ``reflow``."""
    attrs, inner = table["attrs"], table["inner"]
    head = HEAD.search(inner)
    if head is None or any(name in attrs for name in KEEP):
        return table[0]
    labels = [_text(cell["text"]) for cell in HEADING.finditer(head["head"])]
    if len(labels) < MIN_COLUMNS:
        return table[0]

    def label_row(row: re.Match[str]) -> str:
        names = iter(labels)
        return CELL.sub(
            lambda cell: f'<{cell["tag"]} data-label="{html.escape(next(names, ""))}"', row[0]
        )

    body = ROW.sub(label_row, inner[head.end():])
    if 'class="' in attrs:
        attrs = attrs.replace('class="', 'class="reflow ', 1)
    else:
        attrs += ' class="reflow"'
    return f"<table{attrs}>{inner[:head.end()]}{body}</table>"


def reflow_tables(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    body = context.get("body")
    if body and "<table" in body:
        # Scripts (widget state, for one) are left as they are, whatever text they hold.
        parts = SCRIPT.split(body)
        context["body"] = "".join(
            part if index % 2 else TABLE.sub(label_cells, part) for index, part in enumerate(parts)
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", reflow_tables)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

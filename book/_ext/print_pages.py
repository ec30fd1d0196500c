"""Sphinx extension for pages on paper (issue 28); the layout itself is book.css's @media print.

- Every page carries a line that only print shows, under its title: the date it was printed
  and its address, filled in when the page loads and again just before it prints.
- A link whose text is its own address is marked ``print-same``, so that print, which writes
  each external link's address after it, does not write that one twice.
- Printed from dark mode, a page prints in the theme's light colours (dark text on white
  paper): the theme's light colour values, read from its style sheet at build time, are
  appended to book.css for print.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

STAMP = '<p class="print-stamp"></p>'
# Short, and at the end of the article: it runs after the content has been parsed.
STAMP_SCRIPT = """<script>(function () {
  var stamp = document.querySelector(".print-stamp");
  if (!stamp) return;
  function fill() {
    var day = new Date().toLocaleDateString("en-GB",
      { day: "numeric", month: "long", year: "numeric" });
    stamp.textContent = "Printed on " + day + " from " + location.href.split("#")[0];
  }
  fill();
  window.addEventListener("beforeprint", fill);
})();</script>"""
FIRST_HEADING = re.compile(r"(<h1\b.*?</h1>)", re.S)
SELF_LINK = re.compile(r'<a class="([^"]*)" href="(https?://[^"]+)">\2</a>')
THEME_LIGHT_RULE = re.compile(r"html\[data-theme=light\]\{([^}]*)\}")
PRINT_MARK = "/* print_pages.py: the theme's light colours for print */"


def add_print_stamp(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    body = context.get("body")
    if not body:
        return
    body, found = FIRST_HEADING.subn(lambda m: m.group(1) + STAMP, body, count=1)
    if not found:
        body = STAMP + body
    body = SELF_LINK.sub(r'<a class="\1 print-same" href="\2">\2</a>', body)
    context["body"] = body + STAMP_SCRIPT


def light_print_colours(theme_css: str) -> str:
    """A print rule that gives a page in dark mode the theme's light colour values."""
    declarations = "".join(
        part.strip() + ";" for body in THEME_LIGHT_RULE.findall(theme_css)
        for part in body.split(";") if part.strip()
    )
    return f"@media print{{html[data-theme=dark]{{color-scheme:light;{declarations}}}}}"


def append_print_colours(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    book_css, theme_css = static / "book.css", static / "styles" / "pydata-sphinx-theme.css"
    if not (book_css.is_file() and theme_css.is_file()):
        return
    text = book_css.read_text(encoding="utf-8")
    if PRINT_MARK in text:
        return
    rule = light_print_colours(theme_css.read_text(encoding="utf-8"))
    book_css.write_text(f"{text}\n{PRINT_MARK}\n{rule}\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", add_print_stamp)
    # After offline_site has put the palette at the head of book.css (priority 500).
    app.connect("build-finished", append_print_colours, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

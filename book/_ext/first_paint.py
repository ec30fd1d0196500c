"""Sphinx extension that lets a page paint from its own HTML, in one round trip (issue 28).

A page of the theme links four or five style sheets and a script in its head, and the browser
paints nothing until all of them have arrived: on a slow mobile connection, a round trip after
the page's own. This extension, run after lean_pages has pruned the sheets:

- puts in each page, inline, the rules of its sheets that can apply to what the page holds
  when it loads: a rule whose selector names a class or id that no element of the page has is
  left out, and so are the rules for print, for hover and focus states and the icons'
  animations, none of which the first paint shows. Worked out from the theme's and our style
  sheets on every build, not kept by hand;
- loads the sheets themselves without blocking (``media="print"``, switched to ``all`` once
  every one of them has arrived, all at once so that their order holds), for the states that
  scripts add later, hover and print, and from the browser's cache on the next page;
- inlines documentation_options.js, the one script the head still loaded before painting.

Without JavaScript the sheets load as before (``<noscript>``).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tinycss2
from lean_pages import needed_names, split_selectors
from sphinx.application import Sphinx

STYLE_LINK = re.compile(r'[ \t]*<link\b[^>]*\brel="stylesheet"[^>]*>\n?')
HREF = re.compile(r'\bhref="([^"]+)"')
CLASS_OR_ID = re.compile(r'\b(?:class|id)="([^"]*)"')
HEAD_END = "</head>"
# What the first paint never shows: a pointer's or the keyboard's state.
STATE = re.compile(r":(?:hover|focus|focus-visible|focus-within|active)(?![\w-])")
# Line breaks and the indentation after them (never inside a CSS string): a readable sheet's.
NEWLINE = re.compile(r"\s*\n\s*")
URL = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")
OPTIONS_SCRIPT = re.compile(
    r'<script src="(?P<src>[^"]*_static/documentation_options\.js)(?:\?[^"]*)?"></script>'
)
# Switches the sheets on together once the last one has arrived (or failed).
LATER = """<script>(function () {
  var sheets = document.querySelectorAll("link[data-later]"), waiting = sheets.length;
  function arrived() {
    if (--waiting === 0) for (var i = 0; i < sheets.length; i++) sheets[i].media = "all";
  }
  for (var i = 0; i < sheets.length; i++) {
    if (sheets[i].sheet) arrived();
    else sheets[i].onload = sheets[i].onerror = arrived;
  }
})();</script>"""


@dataclass
class Rule:
    """A style rule: each selector with the class names and ids it needs, and its body."""

    selectors: list[tuple[str, frozenset[str]]]
    body: str


@dataclass
class Block:
    """A conditional group (``@media``, ``@supports``, ``@layer``) and what it holds."""

    head: str
    items: list


def compile_rules(rules: list) -> list:
    """A parsed style sheet as Rules, Blocks and text, less what no first paint shows: print,
    hover and focus states, keyframes. Worked out once per sheet, then filtered per page."""
    items: list = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [(s, needed_names(s)) for s in split_selectors(
                tinycss2.serialize(rule.prelude)) if not STATE.search(s)]
            if selectors:
                items.append(Rule(selectors, NEWLINE.sub("", tinycss2.serialize(rule.content))))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "layer"):
            prelude = tinycss2.serialize(rule.prelude)
            if rule.content is None or (rule.lower_at_keyword == "media" and "print" in prelude):
                continue
            inner = compile_rules(
                tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            )
            if inner:
                items.append(Block(f"@{rule.at_keyword}{prelude}", inner))
        elif rule.type == "at-rule" and rule.lower_at_keyword.endswith("keyframes"):
            continue
        elif rule.type not in ("whitespace", "comment"):
            items.append(tinycss2.serialize([rule]))
    return items


def select_rules(items: list, names: set[str]) -> str:
    """The compiled rules that can apply to a page whose elements carry `names` (class names
    and ids), as text."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, Rule):
            kept = [selector for selector, needed in item.selectors if needed <= names]
            if kept:
                out.append(f"{','.join(kept)}{{{item.body}}}")
        else:
            inner = select_rules(item.items, names)
            if inner:
                out.append(f"{item.head}{{{inner}}}")
    return "".join(out)


def first_paint_rules(rules: list, names: set[str]) -> str:
    """The rules of a parsed style sheet that can apply to a page whose elements carry
    `names` (class names and ids) at its first paint, as text."""
    return select_rules(compile_rules(rules), names)


def _rebase_urls(css: str, sheet_href: str) -> str:
    """`css` from the sheet at `sheet_href` (relative to the page) with its relative url()s
    made relative to the page, where the inline copy now sits."""
    folder = posixpath.dirname(sheet_href.split("?")[0])

    def rebase(match: re.Match[str]) -> str:
        quote, target = match.groups()
        if ":" in target or target.startswith(("/", "#")):
            return match.group(0)
        return f"url({quote}{posixpath.normpath(posixpath.join(folder, target))}{quote})"

    return URL.sub(rebase, css)


class SheetCache:
    """The site's style sheets, each parsed and compiled once for all pages."""

    def __init__(self) -> None:
        self.compiled: dict[Path, list] = {}

    def rules(self, path: Path) -> list:
        if path not in self.compiled:
            self.compiled[path] = compile_rules(tinycss2.parse_stylesheet(
                path.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True
            ))
        return self.compiled[path]


def paint_from_the_page(page: Path, sheets: SheetCache) -> str | None:
    """The page's HTML with its first-paint rules inline and its sheets deferred; None if it
    links no local style sheet (an embed page has its own)."""
    text = page.read_text(encoding="utf-8")
    head_end = text.find(HEAD_END)
    if head_end < 0:
        return None
    head = text[:head_end]
    if "data-later" in head:  # written by an earlier build, which Sphinx did not redo
        return None
    links = list(STYLE_LINK.finditer(head))
    hrefs = [HREF.search(m.group(0)).group(1) for m in links]
    if not hrefs or any("//" in href for href in hrefs):
        return None
    classes = {name for value in CLASS_OR_ID.findall(text) for name in value.split()}
    inline = []
    for href in hrefs:
        sheet = (page.parent / href.split("?")[0]).resolve()
        inline.append(_rebase_urls(select_rules(sheets.rules(sheet), classes), href))
    later = "".join(
        f'<link rel="stylesheet" href="{href}" media="print" data-later>\n' for href in hrefs
    )
    original = "".join(m.group(0) for m in links)
    block = (
        f"<style>{''.join(inline)}</style>\n{later}{LATER}\n<noscript>{original}</noscript>\n"
    )
    first = links[0]
    new_head = head[:first.start()] + block + STYLE_LINK.sub("", head[first.end():])
    return new_head + text[head_end:]


def inline_options_script(text: str, outdir: Path) -> str:
    """The page with documentation_options.js written into it instead of linked."""
    match = OPTIONS_SCRIPT.search(text)
    if match is None:
        return text
    source = (outdir / "_static" / "documentation_options.js").read_text(encoding="utf-8")
    return text[:match.start()] + f"<script>{source.strip()}</script>" + text[match.end():]


def paint_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    sheets = SheetCache()
    for page in sorted(outdir.rglob("*.html")):
        if "_sources" in page.parts or "_static" in page.parts:
            continue
        text = paint_from_the_page(page, sheets)
        if text is None:
            continue
        page.write_text(inline_options_script(text, outdir), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    # After lean_pages has pruned the sheets (850) and print_pages has added to book.css.
    app.connect("build-finished", paint_pages, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx extension that keeps each page to what it uses.

The stock Jupyter Book page loads about 2.5 MB whatever it holds: fontawesome.js (1.5 MB,
which redraws the icons that the theme's style sheet already draws with its web font), the
search index and tools on every page, the styles and scripts of every extension whether the
page has a card, a code block or a toggle or not, and a theme style sheet of 400 kB of which
the site uses a fifth. This extension

- loads an extension's styles and scripts only on the pages whose body uses them, and those for
  code (highlighting, copy buttons) only when a code block comes near the viewport: on a
  calculator page the code is for educators, at the end;
- drops fontawesome.js, and the search tools everywhere but the search page (the search box
  sends the query there; the theme's search-as-you-type, which would need them, is off);
- removes from the theme's and extensions' style sheets every rule whose selectors name a
  class or id that no page, embed page or script of the site contains.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import tinycss2
from sphinx.application import Sphinx

# An extension's asset -> the class names of which the page body must hold one to need it.
NEEDS = {
    "sphinx-design.min.css": "sd-*",
    "design-tabs.js": "sd-tab-set",
    "togglebutton.css": "toggle dropdown",
    "togglebutton.js": "toggle dropdown",
    "copybutton.css": "highlight",
    "copybutton.js": "highlight",
    "clipboard.min.js": "highlight",
    "pygments.css": "highlight",
    "mystnb.": "cell output pasted-text pasted-inline",
}
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')


def _asset_name(asset: Any) -> str:
    return Path(str(getattr(asset, "filename", asset) or "").split("?")[0]).name


def _needed(asset_name: str, classes: set[str]) -> bool:
    for prefix, wanted in NEEDS.items():
        if asset_name.startswith(prefix):
            return any(
                any(c.startswith(w[:-1]) for c in classes) if w.endswith("*") else w in classes
                for w in wanted.split()
            )
    return True


# The assets of code blocks, in the order they load (copybutton.js needs ClipboardJS).
CODE_ASSETS = ("pygments.css", "copybutton.css", "clipboard.min.js", "copybutton.js")
CODE_LOADER = """(function () {
  var files = %s, done = false;
  function load() {
    if (done) return;
    done = true;
    var next = 0;
    (function add() {
      if (next === files.length) return;
      var name = files[next++];
      if (/\\.css$/.test(name)) {
        var link = document.createElement("link");
        link.rel = "stylesheet"; link.href = name;
        document.head.appendChild(link);
        return add();
      }
      var script = document.createElement("script");
      script.src = name; script.onload = add;
      document.head.appendChild(script);
    })();
  }
  function watch() {
    var blocks = document.querySelectorAll("div.highlight");
    if (!blocks.length) return;
    if (typeof IntersectionObserver !== "function") return load();
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); load(); }
    }, { rootMargin: "1200px 0px" });
    blocks.forEach(function (block) { seen.observe(block); });
    window.addEventListener("beforeprint", load);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();"""


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Keep an extension's styles and scripts on a page only if its body uses them; those of
    code blocks load when a code block comes within a screen or so of the viewport (or the
    page is printed), so a reader who never scrolls to the code does not fetch them."""
    classes = {
        name for value in CLASS_ATTRIBUTE.findall(context.get("body", "")) for name in value.split()
    }
    late = []
    for key in ("script_files", "css_files"):
        assets = context.get(key)
        if assets is not None:
            assets[:] = [a for a in assets if _needed(_asset_name(a), classes)]
            late += [a for a in assets if _asset_name(a) in CODE_ASSETS]
            assets[:] = [a for a in assets if _asset_name(a) not in CODE_ASSETS]
    if late:
        pathto = context["pathto"]
        names = sorted({_asset_name(a) for a in late}, key=CODE_ASSETS.index)
        urls = [pathto(f"_static/{name}", 1) for name in names]
        app.add_js_file(None, body=CODE_LOADER % json.dumps(urls), priority=960)


# Script tags the theme's templates write on every page, which no page here needs.
FONTAWESOME_JS = re.compile(
    r'\s*(?:<!-- So that users can add custom icons -->\s*)?'
    r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>'
)
SEARCH_TOOLS = re.compile(
    r'\s*<script(?: defer)? src="([^"]*(?:searchtools|language_data|searchindex)\.js)"></script>'
)
FONTAWESOME_FILES = ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt")
# Hints to fetch the theme's deferred scripts early: on HTTP/1.1 they take connections from
# the style sheets, which hold up the first paint; the scripts load soon enough when reached.
SCRIPT_PRELOADS = re.compile(r'\s*<link rel="preload" as="script" href="[^"]*" />')


def drop_page_scripts(app: Sphinx, exception: Exception | None) -> None:
    """Remove fontawesome.js and the script preloads from every page, and the search tools
    from all but search.html.

    There they are deferred: they need doctools.js, which offline_site defers.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = SCRIPT_PRELOADS.sub("", FONTAWESOME_JS.sub("", text))
        if page == outdir / "search.html":
            fixed = SEARCH_TOOLS.sub(r'\n<script defer src="\1"></script>', fixed)
        else:
            fixed = SEARCH_TOOLS.sub("", fixed)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    for name in FONTAWESOME_FILES:
        (outdir / "_static" / "scripts" / name).unlink(missing_ok=True)


# --- Unused style rules -------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z_][\w-]*")
# Functional pseudo-classes (:not(), :is(), :where(), :has(), ...): what they name is not
# required for the selector to match, so it never removes a rule.
PSEUDO_FUNCTION = re.compile(r":[\w-]+\((?:[^()]|\([^()]*\))*\)")
CLASS_OR_ID = re.compile(r"[.#]((?:[\w-]|\\.)+)")
SKIP_SCRIPTS = ("vega", "searchindex.js")


def site_words(outdir: Path) -> set[str]:
    """Every word in the site's pages and scripts: a superset of the class names and ids that
    can ever be in a page, including those a script adds (``classList.add("show")``)."""
    words: set[str] = set()
    for path in outdir.rglob("*"):
        if path.suffix not in (".html", ".js") or "_sources" in path.parts:
            continue
        if path.suffix == ".js" and any(skip in path.parts or path.name == skip
                                        for skip in SKIP_SCRIPTS):
            continue
        words.update(WORD.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return words


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, current = [], 0, []
    for char in prelude:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def needed_names(selector: str) -> frozenset[str]:
    """The class names and ids an element (or its ancestors) must carry for `selector` to
    match; what a :not() or :is() names is not needed."""
    return frozenset(
        re.sub(r"\\(.)", r"\1", name)
        for name in CLASS_OR_ID.findall(PSEUDO_FUNCTION.sub("", selector))
    )


def selector_can_match(selector: str, words: set[str], prefixes: tuple[str, ...]) -> bool:
    """False if the selector names a class or id that the site never contains.

    A word that ends in "-" in a script (``"bs-tooltip-" + placement``) stands for every
    name it starts.
    """
    return all(name in words or name.startswith(prefixes) for name in needed_names(selector))


def prune_rules(
    rules: list, words: set[str], prefixes: tuple[str, ...], folder: Path | None = None
) -> str:
    """The style sheet `rules` less every selector that cannot match, as text.

    A local ``@import`` (the theme's theme.css imports basic.css) is replaced by the pruned
    rules it imports: one request fewer in the chain that holds up the first paint.
    """
    out = []
    for rule in rules:
        imported = _local_import(rule, folder)
        if imported is not None:
            parsed = tinycss2.parse_stylesheet(
                imported.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True
            )
            out.append(prune_rules(parsed, words, prefixes, imported.parent))
            continue
        if rule.type == "qualified-rule":
            selectors = split_selectors(tinycss2.serialize(rule.prelude))
            kept = [s for s in selectors if selector_can_match(s, words, prefixes)]
            if kept:
                out.append(f"{','.join(kept)}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "layer") \
                and rule.content is not None:
            inner = prune_rules(tinycss2.parse_rule_list(rule.content), words, prefixes)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type not in ("whitespace", "comment"):
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def _local_import(rule: Any, folder: Path | None) -> Path | None:
    """The file an ``@import "relative/path.css";`` rule names, if it is in the site."""
    if folder is None or rule.type != "at-rule" or rule.lower_at_keyword != "import":
        return None
    urls = [t.value for t in rule.prelude if t.type in ("string", "url")]
    if len(urls) != 1 or "//" in urls[0] or ":" in urls[0]:
        return None
    path = (folder / urls[0]).resolve()
    return path if path.is_file() else None


def prune_style_sheets(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite the theme's and extensions' style sheets without the rules no page can use.

    Runs after every page (embed pages included) is written. Sphinx copies the original
    style sheets again on every build, so an incremental build prunes from the originals.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    # The project's own style sheets stay as written (extensions add their installed
    # static folders to html_static_path as well).
    ours = {
        path.name
        for entry in app.config.html_static_path
        for path in (Path(app.confdir) / entry).glob("*.css")
        if "site-packages" not in path.parts
    }
    words = site_words(outdir)
    prefixes = tuple(word for word in words if word.endswith("-"))
    for sheet in (outdir / "_static").rglob("*.css"):
        if sheet.name in ours:
            continue
        text = sheet.read_text(encoding="utf-8")
        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        sheet.write_text(prune_rules(rules, words, prefixes, sheet.parent), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", drop_unused_assets, priority=950)
    # After offline_site has written the embed pages and mended the theme's markup.
    app.connect("build-finished", drop_page_scripts, priority=800)
    app.connect("build-finished", prune_style_sheets, priority=850)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

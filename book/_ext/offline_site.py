"""Sphinx extension that keeps the published site self-contained.

The stock stack pulls scripts from CDNs (thebe, MathJax on pages with maths, require.js and
the widget manager on pages with widgets, vega for charts). This extension removes what no
page needs and warns (an error under ``-W``) if any page still points outside the site, so
an offline regression cannot land silently.
"""

from __future__ import annotations

import html
import importlib
import importlib.resources
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from alemtuzumab_kb.ui import esm

logger = logging.getLogger(__name__)

# src= or href= attributes that leave the site: http(s) or protocol-relative URLs. A page's
# canonical link (html_baseurl, set by the Pages workflow) names its own published address and
# loads nothing.
EXTERNAL_ASSET = re.compile(
    r"""<(?:script|link(?![^>]*\brel=["']canonical["'])|img|iframe|source)\b"""
    r"""[^>]*?\b(?:src|href)=["']((?:https?:)?//[^"']+)["']""",
    re.IGNORECASE,
)


def _is_thebe(asset: Any) -> bool:
    text = f"{getattr(asset, 'filename', asset)} {getattr(asset, 'attributes', {}).get('body', '')}"
    return "thebe" in text.lower()


def drop_thebe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Remove sphinx-thebe's scripts and styles: no page offers live code.

    Jupyter Book always loads sphinx-thebe, which declares ``THEBE_JS_URL`` twice on a page
    (a console SyntaxError) and points at a CDN.
    """
    for key in ("script_files", "css_files"):
        assets = context.get(key)
        if assets is not None:
            assets[:] = [asset for asset in assets if not _is_thebe(asset)]


def drop_thebe_settings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Remove the live-code settings sphinx-thebe appends to every page (after it has): an
    example Binder repository, not this book's, and the kernel's name."""
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "x-thebe-config" in text or text.startswith("<script>kernelName"):
            node.parent.remove(node)


# Browser libraries for Altair charts, from the npm registry (package-lock.json) by way of the
# package's copy (widgets/alemtuzumab_kb/ui/esm.py), published under _static/vega/; loaded only on
# pages that hold a chart.
VENDOR = {name: esm.VENDOR / name for name in esm.VEGA}
CHART_MARKER = 'class="vega-chart"'
EMBED_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<link rel="icon" href="../_static/{favicon}">
<base target="_blank">
<style>
{theme_colours}
{palette}
body {{ font-family: system-ui, sans-serif; margin: 0.5rem 0.75rem; color: var(--kb-text);
  background: var(--kb-background); }}
a {{ color: var(--kb-link); }}
h1 {{ font-size: 1.1rem; margin: 0 0 0.25rem; }}
.embed-footer {{ font-size: 0.85rem; margin-top: 0.75rem; color: var(--kb-text-muted); }}
.embed-footer p {{ margin: 0.25rem 0; }}
</style>
<script>{host}</script>
</head>
<body data-embed>
<main>
<h1>{title}</h1>
<script type="application/vnd.jupyter.widget-state+json">{state}</script>
<script type="application/vnd.jupyter.widget-view+json">{{"model_id": "embed"}}</script>
</main>
<footer class="embed-footer">
<p>From <a href="../{page}.html" target="_blank" rel="noopener">{book}</a>,
where the rules and their sources are explained
(<a href="../{page}.html#for-educators" target="_blank" rel="noopener">embed it</a>).</p>
{licence}
</footer>
<script>{resize}</script>
</body>
</html>
"""
# Every link of an embed page opens outside its frame (<base target="_blank">, which also means
# rel="noopener"), and the page tells the page around it its height whenever that changes, so
# the frame can take it (the receiving lines: RESIZE_SCRIPT in
# widgets/alemtuzumab_kb/ui/js/view.js).
EMBED_RESIZE = """(function () {
  if (window.parent === window || typeof ResizeObserver !== "function") return;
  var sent = 0;
  new ResizeObserver(function () {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    window.parent.postMessage({ type: "alemtuzumab-kb:height", height: height }, "*");
  }).observe(document.documentElement);
})();"""
# The theme's colour declarations for one mode: html[data-theme=light] { --pst-color-x: ... }.
THEME_MODE_RULE = re.compile(r"html\[data-theme=(light|dark)\]\{([^}]*)\}")
THEME_VARIABLE = re.compile(r"(--pst-color-[\w-]+):([^;]+)")
VARIABLE_USE = re.compile(r"var\((--pst-color-[\w-]+)")


def _theme_style_sheet() -> str:
    import pydata_sphinx_theme

    static = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    return (static / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")


def theme_colours(palette: str) -> str:
    """The theme's light and dark values of the colour variables `palette` uses, for a page
    without the theme: light by default, dark where the reader's system asks for it."""
    modes: dict[str, dict[str, str]] = {"light": {}, "dark": {}}
    for mode, body in THEME_MODE_RULE.findall(_theme_style_sheet()):
        modes[mode].update(THEME_VARIABLE.findall(body))
    blocks = {}
    for mode, values in modes.items():
        wanted, queue = set(), VARIABLE_USE.findall(palette)
        while queue:  # the variables the palette names, and those their values name
            name = queue.pop()
            if name in values and name not in wanted:
                wanted.add(name)
                queue.extend(VARIABLE_USE.findall(values[name]))
        declarations = "".join(f"{name}:{values[name]};" for name in sorted(wanted))
        blocks[mode] = f":root{{color-scheme:{mode};{declarations}}}"
    return f"{blocks['light']}\n@media (prefers-color-scheme: dark){{{blocks['dark']}}}"


_SCRIPT_SAFE = str.maketrans({
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
})


def _script_json(data: Any) -> str:
    """Compact JSON that is safe inside a <script> element: no ``</script>`` or ``<!--`` can end
    or bend the element, whatever text data/ or a reader brought in (``<``, ``>`` and ``&`` are
    written as JSON escapes, which JSON.parse reads back), and no line separator ends a line."""
    return json.dumps(data, separators=(",", ":")).translate(_SCRIPT_SAFE)


def _widget_state(app: Sphinx, pagename: str) -> str:
    """The widget state myst-nb embeds in a notebook page (empty for other pages)."""
    try:
        from myst_nb.sphinx_ import NbMetadataCollector

        files = NbMetadataCollector.get_js_files(app.env, pagename)
    except (ImportError, AttributeError, KeyError):
        return ""
    return "".join(str(kwargs.get("body", "")) for _, kwargs in files.values())


def _js_asset(name: str) -> str:
    """A file of widgets/alemtuzumab_kb/ui/js/ as text."""
    return (importlib.resources.files("alemtuzumab_kb.ui") / "js" / name).read_text("utf-8")


def _host_source() -> str:
    return lean_js(_js_asset("host.js"))


def lean_js(source: str) -> str:
    """JavaScript without its comments, indentation and blank lines.

    Deliberately simple: it drops whole comment lines and leading spaces and never changes
    what a line of code says, so it cannot change what the code does. A source with a string
    that spans lines (a template literal) is returned as it is.
    """
    if any(line.count("`") % 2 for line in source.splitlines()):
        return source
    kept, in_comment = [], False
    for line in source.splitlines():
        code = line.strip()
        if in_comment or code.startswith("/*"):
            in_comment = "*/" not in code
            code = "" if in_comment else code.split("*/", 1)[1].strip()
        if code and not code.startswith("//"):
            kept.append(code)
    return "\n".join(kept)


def lean_css(source: str) -> str:
    """CSS without its comments and indentation."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL)
    return "\n".join(line.strip() for line in source.splitlines() if line.strip())


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def lean_state(state: dict, palette: str = "") -> dict:
    """A page's widget state with only what the host renders: the anywidget models (not the
    layout models ipywidgets adds beside them), their code minified (the committed twin of a
    bundle) or without comments, their styles without `palette` (which the page has already)."""
    models = {}
    for model_id, model in state.get("state", {}).items():
        if "_esm" not in model.get("state", {}):
            continue
        values = dict(model["state"])
        values["_esm"] = esm.minified(values["_esm"]) or lean_js(values["_esm"])
        css = values.get("_css", "")
        if palette and css.startswith(palette):
            css = css[len(palette):]
        values["_css"] = lean_css(css)
        models[model_id] = {**model, "state": values}
    return {**state, "state": models}


def lean_widget_state(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Replace the widget state myst-nb embeds in a page by its lean form, in compact JSON."""
    from sphinx.builders.html._assets import _JavaScript

    scripts = context.get("script_files") or []
    for index, script in enumerate(scripts):
        attributes = dict(getattr(script, "attributes", {}))
        if attributes.get("type") != WIDGET_STATE:
            continue
        state = json.loads(attributes["body"])
        # The book's style sheet opens with the palette (write_hosts).
        attributes["body"] = _script_json(lean_state(state, _js_asset("palette.css")))
        scripts[index] = _JavaScript(script.filename, priority=script.priority, **attributes)


def add_widget_host(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Inline the lean widget host on pages with widget state, after that state.

    Inline, it runs while the page is parsed and renders each calculator as soon as the parser
    reaches it; a separate file, even async, would wait for the theme's scripts to finish.
    """
    if _widget_state(app, pagename):
        app.add_js_file(None, body=_host_source(), priority=900)


# Scripts that must run as the page is parsed: an inline theme script reads what it defines.
KEEP_BLOCKING = ("documentation_options.js",)


def defer_page_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Let the parser reach the content before the theme's scripts run.

    Sphinx and its extensions load about ten small scripts that block parsing in the head;
    all of them act on DOMContentLoaded, which deferred scripts still precede, in order.
    Deferring them lets a calculator render as soon as the parser reaches it.
    """
    from sphinx.builders.html._assets import _JavaScript

    scripts = context.get("script_files")
    if scripts is None:
        return
    for index, script in enumerate(scripts):
        filename = str(getattr(script, "filename", "") or "")
        attributes = getattr(script, "attributes", {})
        blocking = filename and not {"defer", "async"} & set(attributes)
        if blocking and not filename.endswith(KEEP_BLOCKING) and "://" not in filename:
            scripts[index] = _JavaScript(
                script.filename, priority=script.priority, **attributes, defer="defer"
            )


def add_chart_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Load vega and the chart host only on pages whose body holds an Altair chart.

    A calculator that draws a chart (the schedule) loads the same files from _static/vega/
    itself, when it first draws, so they never delay its first result.
    """
    if CHART_MARKER in context.get("body", ""):
        for name in VENDOR:
            app.add_js_file(f"vega/{name}", defer="defer")
        app.add_js_file("chart_host.js", defer="defer")


PALETTE_MARK = "/* widgets/alemtuzumab_kb/ui/js/palette.css */"


def write_hosts(app: Sphinx, exception: Exception | None) -> None:
    """Publish the chart host, the palette (in book.css) and the vendored vega libraries."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    (static / "chart_host.js").write_text(_js_asset("chart_host.js"), encoding="utf-8")
    # The palette opens the book's style sheet: one request fewer before the first paint.
    book_css = static / "book.css"
    if book_css.is_file() and not book_css.read_text(encoding="utf-8").startswith(PALETTE_MARK):
        book_css.write_text(
            f"{PALETTE_MARK}\n{_js_asset('palette.css')}\n{book_css.read_text(encoding='utf-8')}",
            encoding="utf-8",
        )
    (static / "vega").mkdir(exist_ok=True)
    for name, path in VENDOR.items():
        (static / "vega" / name).write_bytes(path.read_bytes())


def write_embed_pages(app: Sphinx, exception: Exception | None) -> None:
    """Write one standalone page per calculator, without the book's chrome, for iframes.

    ``offline_site_embeds`` maps a calculator's stem to ``{"widget": "module:Class",
    "page": docname}``; the page holds that widget's default state and takes its title.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir) / "embed"
    outdir.mkdir(exist_ok=True)
    palette = _js_asset("palette.css")
    colours = theme_colours(palette)
    for stem, spec in app.config.offline_site_embeds.items():
        module_name, class_name = spec["widget"].split(":")
        widget = getattr(importlib.import_module(module_name), class_name)(site_root="../")
        state = {
            "version_major": 2,
            "version_minor": 0,
            "state": {"embed": {"model_name": "AnyModel", "state": widget.get_state()}},
        }
        state = lean_state(state, palette)  # the page's own style sheet has the palette
        widget.close()
        page = EMBED_PAGE.format(
            title=html.escape(widget.title),
            theme_colours=colours,
            palette=palette,
            host=_host_source(),
            state=_script_json(state),
            page=spec["page"],
            book=html.escape(app.config.html_title),
            licence=app.config.html_theme_options.get("extra_footer", ""),
            resize=lean_js(EMBED_RESIZE),
            favicon=html.escape(Path(app.config.html_favicon).name),
            description=html.escape(
                f"{widget.title}, the calculator alone with its sources, to embed in a course "
                f"page; from {app.config.html_title}."
            ),
        )
        (outdir / f"{stem}.html").write_text(page, encoding="utf-8")


EMBED_HELP = """\
Under the calculator's answer, **Embed** gives the code for an iframe that opens with the inputs
on show, made from this page's own address; **Link** gives the address of this page with them.
Type the case first, then press the button: the code is selected and, where the browser allows,
copied. The frame holds the calculator alone, with its sources; every link in it opens outside the
frame.

The code has two parts: the iframe, which starts at about the calculator's height at the width it
gets (measured, so the course page does not jump as the frame loads), and a few lines of script
that let the frame take the height of the calculator as it grows and shrinks. The script loads
nothing and changes nothing but the height of a frame that sends it its height; without it (some
course platforms remove scripts) the frame keeps its starting height and scrolls inside if it must.
For two calculators on one course page, paste both iframes and the script once.
"""


class EmbedHelp(SphinxDirective):
    """``{embed-help}``: on a calculator page, how an educator puts it in a course page."""

    def run(self) -> list[nodes.Node]:
        container = nodes.container()
        self.state.nested_parse(StringList(EMBED_HELP.splitlines()), self.content_offset, container)
        return container.children


# The theme's section toggles in the sidebar are <summary> elements holding only an icon.
NAMELESS_TOGGLE = re.compile(
    r'(<a class="(?:current )?reference internal" href="[^"]*">(?P<title>[^<]+)</a>'
    r'<details(?: open="open")?>)<summary>'
)



def mend_theme_markup(app: Sphinx, exception: Exception | None) -> None:
    """Mend markup the theme writes and we cannot configure.

    - The sidebar's expand/collapse toggles have no accessible name (a serious axe-core
      finding): name them after the section they open.
    - Bibliography entries carry the deprecated role ``doc-biblioentry`` inside a
      ``role="list"``; axe (rightly) wants ``listitem`` children there.
    """
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = NAMELESS_TOGGLE.sub(
            lambda m: f'{m.group(1)}<summary aria-label="Show or hide the pages of '
            f'{m.group("title")}">',
            text,
        ).replace('role="doc-biblioentry"', 'role="listitem"')
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def check_no_external_assets(app: Sphinx, exception: Exception | None) -> None:
    """Warn (an error under -W) for every page that loads an asset from outside the site."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for page in sorted(outdir.rglob("*.html")):
        for match in EXTERNAL_ASSET.finditer(page.read_text(encoding="utf-8")):
            logger.warning(
                "%s loads %s from outside the site; vendor it or drop it",
                page.relative_to(outdir),
                match.group(1),
            )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("offline_site_embeds", {}, "html", dict)
    app.add_directive("embed-help", EmbedHelp)
    app.connect("html-page-context", drop_thebe)
    app.connect("doctree-resolved", drop_thebe_settings, priority=600)
    app.connect("html-page-context", add_widget_host)
    app.connect("html-page-context", defer_page_scripts, priority=900)
    app.connect("html-page-context", lean_widget_state, priority=910)
    app.connect("html-page-context", add_chart_scripts)
    app.connect("build-finished", write_hosts)
    app.connect("build-finished", write_embed_pages)
    app.connect("build-finished", mend_theme_markup)
    app.connect("build-finished", check_no_external_assets)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

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

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# src= or href= attributes that leave the site: http(s) or protocol-relative URLs.
EXTERNAL_ASSET = re.compile(
    r"""<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=["']((?:https?:)?//[^"']+)["']""",
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


HOST_NAME = "widget-host.js"
EMBED_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0.75rem; color: #1a1a1a; background: #fff; }}
.embed-footer {{ font-size: 0.85rem; margin-top: 1rem; }}
</style>
<script defer src="../_static/{host}"></script>
</head>
<body data-embed>
<main>
<h1 style="font-size:1.2rem;margin:0 0 0.5rem">{title}</h1>
<script type="application/vnd.jupyter.widget-state+json">{state}</script>
<script type="application/vnd.jupyter.widget-view+json">{{"model_id": "embed"}}</script>
</main>
<p class="embed-footer">From <a href="../{page}.html" target="_blank" rel="noopener">{book}</a>,
where the rules and their sources are explained.</p>
</body>
</html>
"""


def _script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(data).replace("</", "<\\/")


def write_widget_host(app: Sphinx, exception: Exception | None) -> None:
    """Publish the lean widget host that myst-nb loads on pages with widgets (nb_ipywidgets_js)."""
    if exception is None and app.builder.format == "html":
        host = importlib.resources.files("widgets.ui") / "js" / "host.js"
        (Path(app.outdir) / "_static" / HOST_NAME).write_text(host.read_text(encoding="utf-8"))


def write_embed_pages(app: Sphinx, exception: Exception | None) -> None:
    """Write one standalone page per calculator, without the book's chrome, for iframes.

    ``offline_site_embeds`` maps a calculator's stem to ``{"widget": "module:Class",
    "title": ..., "page": docname}``; the page holds that widget's default state.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir) / "embed"
    outdir.mkdir(exist_ok=True)
    for stem, spec in app.config.offline_site_embeds.items():
        module_name, class_name = spec["widget"].split(":")
        widget = getattr(importlib.import_module(module_name), class_name)(site_root="../")
        state = {
            "version_major": 2,
            "version_minor": 0,
            "state": {"embed": {"model_name": "AnyModel", "state": widget.get_state()}},
        }
        widget.close()
        page = EMBED_PAGE.format(
            title=html.escape(spec["title"]),
            host=HOST_NAME,
            state=_script_json(state),
            page=spec["page"],
            book=html.escape(app.config.project),
        )
        (outdir / f"{stem}.html").write_text(page, encoding="utf-8")


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
    app.connect("html-page-context", drop_thebe)
    app.connect("build-finished", write_widget_host)
    app.connect("build-finished", write_embed_pages)
    app.connect("build-finished", check_no_external_assets)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

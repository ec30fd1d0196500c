"""Sphinx extension that keeps the published site self-contained.

The stock stack pulls scripts from CDNs (thebe, MathJax on pages with maths, require.js and
the widget manager on pages with widgets, vega for charts). This extension removes what no
page needs and warns (an error under ``-W``) if any page still points outside the site, so
an offline regression cannot land silently.
"""

from __future__ import annotations

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
    app.connect("html-page-context", drop_thebe)
    app.connect("build-finished", check_no_external_assets)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

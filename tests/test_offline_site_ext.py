"""The build-time guard in book/_ext/offline_site.py tells loads from links."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "book" / "_ext"))
from offline_site import EXTERNAL_ASSET  # noqa: E402


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>',
        '<link rel="stylesheet" href="//fonts.googleapis.com/css">',
        "<img alt='logo' src='http://example.org/logo.png'>",
        '<iframe title="x" src="https://example.org/embed"></iframe>',
    ],
)
def test_external_loads_are_caught(html: str) -> None:
    assert EXTERNAL_ASSET.search(html)


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://jupyterbook.org">Jupyter Book</a>',
        '<script src="../_static/doctools.js"></script>',
        '<link rel="stylesheet" href="_static/pygments.css">',
        '<img alt="chart" src="data:image/png;base64,AAAA">',
        # The page's own published address (html_baseurl, from the Pages workflow).
        '<link rel="canonical" href="https://example.github.io/alemtuzumab-kb/index.html" />',
    ],
)
def test_links_and_local_assets_pass(html: str) -> None:
    assert not EXTERNAL_ASSET.search(html)

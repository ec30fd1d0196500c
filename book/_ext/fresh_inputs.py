"""Sphinx extension: no page shows results of old code or data, however the book is built.

myst-nb caches executed notebooks by their code cells only, and Sphinx re-reads a page only when
its own source changes. The calculator notebooks also depend on the package (widgets/) and the
facts (data/), so a change there must re-execute them: this extension keeps a digest of both
next to the execution cache, empties the cache when the digest changes and marks every page
outdated (the chapters, the glossary and the compare pages show data/ through their directives and
roles, which Sphinx does not track). It also checks that the browser files the package ships
(the bundles/ and vendor/ folders of widgets/alemtuzumab_kb/ui/) are what esbuild and npm make
of the current sources (`make bundles`).

The book's own style sheets and scripts (html_static_path) and its Sphinx extensions (this
folder) reach every page too: each page carries the rules it paints with (first_paint.py), the
extensions make what the directives show, and Sphinx copies static files only when it writes
some page and never notices a changed extension. So a change there alone, which Sphinx sees as
"no targets are out of date", marks every page outdated (their notebooks' outputs come from the
execution cache).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from alemtuzumab_kb.ui import esm

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ("widgets", "data")
SUFFIXES = {".py", ".js", ".mjs", ".css", ".yaml", ".json"}


def inputs_digest(root: Path = ROOT) -> str:
    """SHA-256 over the names and contents of the files in widgets/ and data/ that pages read."""
    digest = hashlib.sha256()
    for folder in INPUTS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


EXTENSIONS = Path(__file__).resolve().parent


def static_digest(app: Sphinx, extensions: Path = EXTENSIONS) -> str:
    """SHA-256 over the names and contents of the files in the book's html_static_path and of
    the book's extensions (Python and scripts)."""
    digest = hashlib.sha256()
    folders = [Path(app.confdir, entry) for entry in app.config.html_static_path]
    for folder in [*folders, extensions]:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else [folder]:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.name.encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _static_stamp(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "static-inputs"


def _digest_file(app: Sphinx) -> Path:
    cache = Path(app.env.mystnb_config.execution_cache_path)
    return cache.with_name(f"{cache.name}.inputs")


def refresh_execution_cache(app: Sphinx) -> None:
    """Empty the execution cache if widgets/ or data/ changed since the last finished build."""
    cache = Path(app.env.mystnb_config.execution_cache_path)
    stamp = _digest_file(app)
    app.fresh_inputs_digest = inputs_digest()
    previous = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None
    app.fresh_inputs_changed = previous != app.fresh_inputs_digest
    if app.fresh_inputs_changed and cache.exists():
        logger.info("widgets/ or data/ changed: emptying the execution cache %s", cache)
        shutil.rmtree(cache)
    app.fresh_static_digest = static_digest(app)
    static = _static_stamp(app)
    previous = static.read_text(encoding="utf-8").strip() if static.is_file() else None
    app.fresh_static_changed = previous != app.fresh_static_digest


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Read and write every page again when widgets/ or data/ changed (a notebook is then
    executed again too: its cache was emptied), or the book's static files or extensions did."""
    if not (getattr(app, "fresh_inputs_changed", False)
            or getattr(app, "fresh_static_changed", False)):
        return []
    return sorted(env.found_docs - added - changed - removed)


def remember_inputs(app: Sphinx, exception: Exception | None) -> None:
    """Record the digest only after a build that finished, so a broken one is redone."""
    if exception is None and hasattr(app, "fresh_inputs_digest"):
        stamp = _digest_file(app)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(app.fresh_inputs_digest + "\n", encoding="utf-8")
    if exception is None and hasattr(app, "fresh_static_digest"):
        _static_stamp(app).write_text(app.fresh_static_digest + "\n", encoding="utf-8")


def check_shipped_browser_files(app: Sphinx) -> None:
    """Warn (an error under -W) when a bundle or vendored library is stale."""
    try:
        stale = esm.stale()
    except (OSError, RuntimeError) as error:
        logger.warning("cannot check widgets/alemtuzumab_kb/ui/bundles/ (run `npm ci`): %s", error)
        return
    for path in stale:
        logger.warning(
            "%s is not what esbuild/npm make of the current sources: run `make bundles`",
            path.relative_to(ROOT),
        )


def setup(app: Sphinx) -> dict[str, Any]:
    # After myst-nb has resolved the execution cache's path (builder-inited, priority 500).
    app.connect("builder-inited", refresh_execution_cache, priority=900)
    app.connect("builder-inited", check_shipped_browser_files, priority=900)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("build-finished", remember_inputs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

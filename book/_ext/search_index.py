"""Sphinx extension: an incremental build keeps every index entry of the search index.

Sphinx 7.4 keeps the search index's entries (glossary terms, ``index`` directives, the pages'
``keywords``) in the build environment, but fills them while it writes pages, after the
environment was saved; and loading the previous ``searchindex.js`` restores titles and words,
not the entries. So a second build in the same folder, even with nothing changed, indexed only
the entries of the pages it wrote again (17 of 84: the glossary's ``cd52``, ``chmp``, ``aptt``
were gone), and the published site depended on the order of commands.

Before anything is read, this puts the entries of the previous ``searchindex.js`` back into the
environment for every page it knew; a page written again replaces its own entries as usual, and
the entries of a page that no longer exists are dropped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)


def previous_entries(index_file: Path) -> dict[str, list[tuple[str, str, str]]]:
    """The index entries of a written ``searchindex.js``, by page, as Sphinx keeps them."""
    try:
        text = index_file.read_text(encoding="utf-8")
        frozen = json.loads(text[text.index("(") + 1 : text.rindex(")")])
        docnames = frozen["docnames"]
        entries: dict[str, list[tuple[str, str, str]]] = {}
        for entry, places in frozen.get("indexentries", {}).items():
            for number, target, main in places:
                entries.setdefault(docnames[number], []).append(
                    (entry, target, "main" if main else "")
                )
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return {}
    return {docname: sorted(found) for docname, found in entries.items()}


def restore_entries(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Put back the entries of pages the previous build indexed and that still exist."""
    if app.builder.format != "html" or not getattr(app.builder, "search", False):
        return
    entries = env._search_index_index_entries
    known = set(env.all_docs) | set(docnames)
    # A removed page's entries would stay in the environment (and crash the index's freeze).
    for docname in set(entries) - known:
        del entries[docname]
    kept = previous_entries(Path(app.outdir) / app.builder.searchindex_filename)
    restored = {doc: found for doc, found in kept.items() if doc in known}
    for docname, found in restored.items():
        entries.setdefault(docname, found)
    if restored:
        logger.info("search index: kept the entries of %d pages", len(restored))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-before-read-docs", restore_entries)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx extension: execute the notebooks a build is about to read side by side, not in turn.

myst-nb executes a notebook when Sphinx reads it, one after another, and most of each run is a
kernel starting and importing the package. Just before Sphinx reads, this extension executes the
notebooks whose outputs the cache lacks, one kernel per processor at a time, and stores them in
the execution cache exactly as myst-nb would; myst-nb then finds them there. A notebook that
fails here is simply not stored: myst-nb runs it again and reports the failure as usual.

The kernels start with their log at ERROR: ipykernel warns at every start that its local TCP
sockets are unencrypted, which says nothing about the book (one line per notebook per build).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import Any

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


def _uncached(cache: Any, paths: list[Path]) -> list[tuple[Path, Any]]:
    """The notebooks among `paths` whose code the cache holds no outputs for."""
    missing = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        with suppress(KeyError):
            cache.match_cache_notebook(notebook)
            continue
        missing.append((path, notebook))
    return missing


def execute_ahead(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Execute the uncached notebooks among `docnames` in parallel and cache their outputs."""
    config = env.mystnb_config
    if config.execution_mode != "cache" or config.execution_in_temp:
        return
    paths = [Path(env.doc2path(name)) for name in docnames]
    paths = [path for path in paths if path.suffix == ".ipynb"]
    if not paths:
        return
    cache = get_cache(config.execution_cache_path or ".jupyter_cache")
    missing = _uncached(cache, paths)
    if not missing:
        return

    def run(item: tuple[Path, Any]) -> tuple[Path, Any, Any]:
        path, notebook = item
        result = single_nb_execution(
            notebook,
            cwd=str(path.parent),
            allow_errors=config.execution_allow_errors,
            timeout=config.execution_timeout,
            meta_override=True,
            extra_arguments=KERNEL_ARGUMENTS,
        )
        return path, notebook, result

    workers = min(len(missing), os.cpu_count() or 1)
    logger.info("executing %d notebooks, %d at a time", len(missing), workers)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        finished = list(pool.map(run, missing))
    # The cache is an SQLite database: written from this thread only, in the order read.
    for path, notebook, result in finished:
        if result.err is not None:
            continue
        record = cache.add_nb_to_project(str(path))
        cache.cache_notebook_bundle(
            CacheBundleIn(notebook, record.uri, data={"execution_seconds": result.time}),
            check_validity=False,
            overwrite=True,
        )


def setup(app: Sphinx) -> dict[str, Any]:
    # After fresh_inputs (priority 500) has emptied a stale cache.
    app.connect("env-before-read-docs", execute_ahead, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

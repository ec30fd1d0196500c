"""A two-page book (a notebook and a MyST page with a report link) built with the site's shell
and report links, in each of the three ways a build can be given its addresses. Built once per
way and shared by tests/test_site_shell.py and tests/test_reviewers.py (each build takes about
4 s), which mark their tests with the xdist group ``small_book`` (GROUP) so that one worker builds
them; the fixture ``small_book`` is in tests/conftest.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXT = ROOT / "book" / "_ext"
REPOSITORY = "https://github.com/example/alemtuzumab-kb"
BOOK_URL = "https://example.github.io/alemtuzumab-kb"
NOTEBOOK = """{"cells": [{"cell_type": "markdown", "id": "a1", "metadata": {},
 "source": ["# A notebook page"]}], "metadata": {"kernelspec": {"display_name": "Python 3",
 "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}"""
REPORT_PAGE = """\
---
orphan: true
---
# A page

(a-block)=
## A block

What the source says {report}`sms-switching-from-fingolimod`
"""
# The repository setting in the book's configuration, and the build's environment.
WAYS = {
    "a repository set": (REPOSITORY, {}),
    "no address": ("", {}),
    "the publishing run": ("", {"ALEMTUZUMAB_KB_REPOSITORY_URL": REPOSITORY,
                                "ALEMTUZUMAB_KB_BOOK_URL": BOOK_URL}),
}
GROUP = pytest.mark.xdist_group("small_book")


def build(folder: Path, repository_url: str, environment: dict[str, str]) -> Path:
    """Build the book strictly (-W) into `folder`/out with none of our variables from the
    caller's environment but `environment`; the output folder."""
    source = folder / "src"
    source.mkdir()
    (source / "index.ipynb").write_text(NOTEBOOK, encoding="utf-8")
    (source / "report.md").write_text(REPORT_PAGE, encoding="utf-8")
    (source / "conf.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(EXT)!r})
        extensions = ["myst_nb", "site_shell", "report_links"]
        html_theme = "sphinx_book_theme"
        nb_execution_mode = "off"
        html_theme_options = {{"repository_url": {repository_url!r},
                               "repository_branch": "main", "path_to_docs": ""}}
    """), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALEMTUZUMAB_KB_")}
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(source),
         str(folder / "out")],
        check=True, capture_output=True, env={**env, **environment},
    )
    return folder / "out"

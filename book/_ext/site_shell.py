"""Sphinx extension for the site's shell: header buttons, sidebar titles and search keywords.

- The repository, issues and launch (Binder) buttons follow one setting, ``repository: url:``
  in _config.yml: empty (today, as the book has no public repository yet) they are off, set
  they are all on. The environment variables ``ALEMTUZUMAB_KB_REPOSITORY_URL`` and
  ``ALEMTUZUMAB_KB_BOOK_URL`` override it and ``html: baseurl:`` at build time: the Pages
  workflow fills them from the run, so a fork publishes its own addresses with no edit.
- A page titled "Compare: Topic" shows only "Topic" in the sidebar, where the Compare caption
  already says the rest; its own title, tab title and heading keep the prefix.
- A page's ``keywords`` (MyST front matter, or a notebook's top-level metadata) become main
  index entries. Sphinx's search ranks an index entry that matches the query above any title
  or text match, so a reader who searches for a task word lands on the page that does it
  (book/_ext/search_index.py keeps them through incremental builds).
"""

from __future__ import annotations

import os
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config

BINDER = "https://mybinder.org"
# Title prefixes that the sidebar caption above the page already says.
NAV_PREFIXES = ("Compare: ",)


REPOSITORY_VARIABLE = "ALEMTUZUMAB_KB_REPOSITORY_URL"
BOOK_VARIABLE = "ALEMTUZUMAB_KB_BOOK_URL"


def addresses_from_environment(app: Sphinx, config: Config) -> None:
    """The repository's and the published book's addresses, where the build is told them.

    The book's address becomes ``html_baseurl`` (each page's canonical link); the repository's
    becomes the theme's ``repository_url``, which `buttons_follow_repository` acts on.
    """
    repository = os.environ.get(REPOSITORY_VARIABLE, "").strip()
    if repository:
        config.html_theme_options["repository_url"] = repository
    book = os.environ.get(BOOK_VARIABLE, "").strip()
    if book:
        config.html_baseurl = book if book.endswith("/") else f"{book}/"


def buttons_follow_repository(app: Sphinx, config: Config) -> None:
    """Switch on the repository, issues and launch buttons when the book has a repository.

    Jupyter Book copies ``repository: url:`` to the theme option ``repository_url``; the theme
    wants three more settings besides, which would drift apart if set by hand.
    """
    options = config.html_theme_options
    if not options.get("repository_url"):
        return
    options["use_repository_button"] = True
    options["use_issues_button"] = True
    launch = dict(options.get("launch_buttons") or {})
    launch["binderhub_url"] = launch.get("binderhub_url") or BINDER
    launch["notebook_interface"] = "jupyterlab"
    options["launch_buttons"] = launch


def short_nav_title(title: str) -> str:
    """The sidebar title of a page: its title without a prefix its caption already says."""
    for prefix in NAV_PREFIXES:
        if title.startswith(prefix) and len(title) > len(prefix):
            return title[len(prefix):]
    return title


def shorten_nav_titles(app: Sphinx, doctree: nodes.document) -> None:
    """Give the sidebar (and previous/next links) the short title; the page keeps its own.

    Toctree entries take their text from the first entry of the page's own table of contents
    (``env.tocs``), previous/next links from ``env.titles``; the page's heading and <title>
    (``env.longtitles``) are left alone.
    """
    env = app.env
    title = env.titles.get(env.docname)
    if title is None:
        return
    long = title.astext()
    short = short_nav_title(long)
    if short == long:
        return
    env.titles[env.docname] = nodes.title(short, short)
    toc = env.tocs.get(env.docname)
    for reference in toc.findall(nodes.reference) if toc is not None else ():
        if reference.astext() == long:
            reference.children[:] = [nodes.Text(short)]
            break


def keywords_to_index(app: Sphinx, doctree: nodes.document) -> None:
    """Turn the page's ``keywords`` metadata into main index entries for the search.

    Added after the index domain has collected the page's entries, so they rank the page in
    search without adding targetless lines to the general index.
    """
    keywords = app.env.metadata.get(app.env.docname, {}).get("keywords")
    if not keywords:
        return
    words = keywords if isinstance(keywords, list) else str(keywords).split(",")
    entries = [("single", word.strip(), "", "main", None) for word in words if word.strip()]
    if entries:
        doctree.append(addnodes.index(entries=entries, inline=False))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", addresses_from_environment, priority=400)
    app.connect("config-inited", buttons_follow_repository)
    # After Sphinx's own collectors (priority 500) have stored the titles and metadata.
    app.connect("doctree-read", shorten_nav_titles, priority=600)
    app.connect("doctree-read", keywords_to_index, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

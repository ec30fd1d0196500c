"""Meta descriptions and the site root page (issue 28): every page tells a search engine what it
is in a sentence of its own, and the root redirect names the icon."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import PAGES, ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))
from page_meta import shorten  # noqa: E402

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
REDIRECT = 'http-equiv="Refresh"'


def descriptions(text: str) -> list[str]:
    return [html.unescape(value) for value in DESCRIPTION.findall(text)]


def test_shorten_cuts_at_a_word_boundary_and_says_so() -> None:
    text = "Alemtuzumab " * 20  # 240 characters
    short = shorten(text)
    assert len(short) <= 160
    assert short.endswith("Alemtuzumab\u2026")
    assert shorten("  Two\n  lines. ") == "Two lines."
    assert shorten("x" * 200).endswith("\u2026") and len(shorten("x" * 200)) == 160


def test_every_page_has_one_description_of_its_own(site: Path) -> None:
    found = {}
    for page in PAGES:
        text = (site / page).read_text(encoding="utf-8")
        if REDIRECT in text:
            continue
        values = descriptions(text)
        assert len(values) == 1, f"{page} has {len(values)} meta descriptions"
        assert len(values[0]) >= 40, f"{page}: {values[0]!r} says too little"
        assert len(values[0]) <= 200, f"{page}: {values[0]!r} is longer than a result shows"
        found[page] = values[0]
    shared = {text: n for text, n in Counter(found.values()).items() if n > 1}
    assert not shared, shared
    assert len(found) == len(PAGES) - 1  # every page but the redirect


def test_the_landing_page_says_what_its_front_matter_says(site: Path) -> None:
    import yaml

    front = (ROOT / "book" / "intro.md").read_text(encoding="utf-8").split("---")[1]
    given = yaml.safe_load(front)["description"]
    text = (site / "book" / "intro.html").read_text(encoding="utf-8")
    assert descriptions(text) == [given]


def test_the_site_root_names_the_icon_and_leads_to_the_first_page(site: Path) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="_static/favicon.svg">' in text
    assert '<meta http-equiv="Refresh" content="0; url=book/intro.html">' in text
    assert '<a href="book/intro.html">' in text
    assert (site / "_static" / "favicon.svg").is_file()


NOTEBOOK = """{"cells": [{"cell_type": "markdown", "id": "a1", "metadata": {},
 "source": ["# A notebook page\\n", "\\n", "Its first paragraph, not its description."]}],
 "metadata": {"description": "What the notebook's metadata says.", "kernelspec":
 {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4, "nbformat_minor": 5}"""
GIVEN = """---
description: What the front matter says, "quoted" & all.
---
# Given

The first paragraph, which the front matter overrides.
"""
OPENING = """# Opening

```{note}
A note before the text is not the page's opening.
```

| a | b |
|---|---|
| a table cell | neither |

""" + "The opening paragraph, with [a link](https://example.org) and *emphasis*, " * 4 + "\n"


@pytest.fixture(scope="module")
def small_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A notebook, a page with front matter and a page without, built with page_meta."""
    tmp = tmp_path_factory.mktemp("meta")
    source = tmp / "src"
    source.mkdir()
    (source / "index.ipynb").write_text(NOTEBOOK, encoding="utf-8")
    (source / "given.md").write_text(GIVEN, encoding="utf-8")
    (source / "opening.md").write_text(OPENING, encoding="utf-8")
    (source / "conf.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT / "book" / "_ext")!r})
        extensions = ["myst_nb", "page_meta"]
        nb_execution_mode = "off"
        exclude_patterns = ["out"]
    """), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(tmp / "out")],
        check=True, capture_output=True,
    )
    return tmp / "out"


def test_a_notebook_takes_its_description_from_its_metadata(small_book: Path) -> None:
    text = (small_book / "index.html").read_text(encoding="utf-8")
    assert descriptions(text) == ["What the notebook's metadata says."]


def test_front_matter_gives_the_description_escaped(small_book: Path) -> None:
    text = (small_book / "given.html").read_text(encoding="utf-8")
    assert descriptions(text) == ['What the front matter says, "quoted" & all.']
    assert "&quot;quoted&quot; &amp; all" in text


def test_without_one_the_first_paragraph_of_the_text_is_the_description(
    small_book: Path,
) -> None:
    text = (small_book / "opening.html").read_text(encoding="utf-8")
    [value] = descriptions(text)
    assert value.startswith("The opening paragraph, with a link and emphasis, The opening")
    assert value.endswith("\u2026") and len(value) <= 160

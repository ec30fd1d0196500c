"""book/_ext/search_index.py: a build in a folder that was built before publishes the same search
index as a clean build (Sphinx 7.4 alone dropped the index entries of every page it did not
write again)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT

EXT = ROOT / "book" / "_ext"
PAGES = {
    "index.md": """\
        # Words

        ```{toctree}
        tasks
        gone
        ```

        ```{glossary}
        CD52
          A protein on the surface of lymphocytes.

        CHMP
          A committee.
        ```
        """,
    "tasks.md": """\
        ---
        keywords: washout, switching
        ---
        # Tasks

        See {term}`CD52`.
        """,
    "gone.md": """\
        # A page that goes

        ```{index} single: farewell
        ```
        """,
}


def _build(source: Path, out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(out)],
        check=True, capture_output=True,
    )


def _book(folder: Path) -> Path:
    source = folder / "src"
    source.mkdir(parents=True)
    for name, text in PAGES.items():
        (source / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (source / "conf.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(EXT)!r})
        extensions = ["myst_parser", "site_shell", "search_index"]
        myst_enable_extensions = ["colon_fence"]
    """), encoding="utf-8")
    return source


def index_entries(out: Path) -> dict[str, list[str]]:
    """Each index entry of the built search index, with the pages that carry it."""
    text = (out / "searchindex.js").read_text(encoding="utf-8")
    frozen = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return {
        entry: sorted(frozen["docnames"][place[0]] for place in places)
        for entry, places in frozen["indexentries"].items()
    }


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_rebuild_keeps_every_index_entry_of_a_clean_build(tmp_path: Path) -> None:
    source = _book(tmp_path / "kept")
    out = tmp_path / "kept" / "out"
    _build(source, out)
    clean = index_entries(out)
    assert {"cd52", "chmp", "washout", "switching", "farewell"} <= set(clean)

    # One page changed: only it is written again, and the others keep their entries.
    _edit(source / "tasks.md", "See", "Read about")
    _build(source, out)
    assert index_entries(out) == clean

    # One page's entries changed and another page removed: the same index as a clean build.
    _edit(source / "tasks.md", "washout", "wash-out")
    (source / "gone.md").unlink()
    _edit(source / "index.md", "gone\n", "")
    _build(source, out)
    _build(source, tmp_path / "fresh")
    assert index_entries(out) == index_entries(tmp_path / "fresh")
    assert "wash-out" in index_entries(out) and "farewell" not in index_entries(out)


def test_the_book_built_twice_keeps_its_glossary_in_the_search_index(site: Path) -> None:
    """`make test` builds after `make book`: the published index still has every term."""
    glossary = (ROOT / "book" / "reviewers" / "glossary.md").read_text(encoding="utf-8")
    entries = index_entries(site)
    assert {"cd52", "chmp", "aptt"} <= set(entries)
    assert entries["cd52"] == ["book/reviewers/glossary"]
    assert "{glossary}" in glossary

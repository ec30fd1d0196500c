"""book/_ext/fresh_inputs.py: a change in widgets/ or data/ re-executes the notebooks in any
build (not only `make`), and a finished build is not redone."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import fresh_inputs  # noqa: E402


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "widgets" / "ui" / "__pycache__").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "widgets" / "dates.py").write_text("MONTHS = 12\n")
    (tmp_path / "widgets" / "ui" / "view.js").write_text("export const a = 1;\n")
    (tmp_path / "data" / "rules.yaml").write_text("wait: 4 months\n")
    return tmp_path


def test_digest_follows_code_and_data_but_not_bytecode(tree: Path) -> None:
    first = fresh_inputs.inputs_digest(tree)
    (tree / "widgets" / "ui" / "__pycache__" / "view.cpython-311.pyc").write_bytes(b"\0")
    assert fresh_inputs.inputs_digest(tree) == first
    (tree / "data" / "rules.yaml").write_text("wait: 6 months\n")
    assert fresh_inputs.inputs_digest(tree) != first
    (tree / "data" / "rules.yaml").write_text("wait: 4 months\n")
    assert fresh_inputs.inputs_digest(tree) == first
    (tree / "widgets" / "ui" / "view.js").write_text("export const a = 2;\n")
    assert fresh_inputs.inputs_digest(tree) != first


def _app(cache: Path) -> SimpleNamespace:
    """A stand-in for the Sphinx application: two pages, a static folder, a doctree folder."""
    env = SimpleNamespace(
        mystnb_config=SimpleNamespace(execution_cache_path=str(cache)),
        found_docs={"book/calculators/washout", "book/intro"},
    )
    static = cache.parent / "static"
    static.mkdir(exist_ok=True)
    (static / "book.css").touch()
    doctrees = cache.parent / ".doctrees"
    doctrees.mkdir(exist_ok=True)
    config = SimpleNamespace(html_static_path=["static"])
    return SimpleNamespace(env=env, config=config, confdir=str(cache.parent),
                           doctreedir=str(doctrees))


def _static_unchanged(app: SimpleNamespace) -> None:
    """The stamp a finished build leaves for the static files and extensions as they are."""
    stamp = Path(app.doctreedir) / "static-inputs"
    stamp.write_text(fresh_inputs.static_digest(app) + "\n", encoding="utf-8")


def test_a_changed_input_empties_the_cache_and_outdates_every_page(tmp_path: Path) -> None:
    """A notebook runs again, and a page that shows data/ only through a role (the glossary's
    {reading}) is read again too: Sphinx tracks neither."""
    cache = tmp_path / ".jupyter_cache"
    (cache / "executed").mkdir(parents=True)
    (tmp_path / ".jupyter_cache.inputs").write_text("digest of an older checkout\n")
    app = _app(cache)
    _static_unchanged(app)

    fresh_inputs.refresh_execution_cache(app)
    assert not cache.exists()
    assert fresh_inputs.outdated_pages(app, app.env, set(), set(), set()) == [
        "book/calculators/washout", "book/intro"
    ]
    assert fresh_inputs.outdated_pages(app, app.env, set(), {"book/intro"}, set()) == [
        "book/calculators/washout"
    ]

    fresh_inputs.remember_inputs(app, RuntimeError("the build failed"))
    assert "older checkout" in (tmp_path / ".jupyter_cache.inputs").read_text()
    fresh_inputs.remember_inputs(app, None)
    assert (tmp_path / ".jupyter_cache.inputs").read_text().strip() == fresh_inputs.inputs_digest()


def test_unchanged_inputs_keep_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / ".jupyter_cache"
    (cache / "executed").mkdir(parents=True)
    (tmp_path / ".jupyter_cache.inputs").write_text(fresh_inputs.inputs_digest() + "\n")
    app = _app(cache)
    _static_unchanged(app)
    fresh_inputs.refresh_execution_cache(app)
    assert (cache / "executed").is_dir()
    assert fresh_inputs.outdated_pages(app, app.env, set(), set(), set()) == []


def test_a_changed_style_sheet_writes_every_page_again(tmp_path: Path) -> None:
    """Sphinx alone would say "no targets are out of date" and copy nothing: the site would keep
    the old sheet, and every page its old inline rules (first_paint.py)."""
    app = _app(tmp_path / ".jupyter_cache")
    fresh_inputs.refresh_execution_cache(app)
    assert fresh_inputs.outdated_pages(app, app.env, set(), set(), set()) == [
        "book/calculators/washout", "book/intro"
    ]
    fresh_inputs.remember_inputs(app, None)

    fresh_inputs.refresh_execution_cache(app)
    assert fresh_inputs.outdated_pages(app, app.env, set(), set(), set()) == []
    (tmp_path / "static" / "book.css").write_text("@media print { .calc-share { display: none } }")
    fresh_inputs.refresh_execution_cache(app)
    assert fresh_inputs.outdated_pages(app, app.env, set(), {"book/intro"}, set()) == [
        "book/calculators/washout"
    ]


def test_a_changed_extension_writes_every_page_again(tmp_path: Path) -> None:
    """Sphinx never notices that a directive's code changed."""
    app = _app(tmp_path / ".jupyter_cache")
    extensions = tmp_path / "_ext"
    extensions.mkdir()
    (extensions / "facts_pages.py").write_text("ORDER = 'overview first'\n")
    first = fresh_inputs.static_digest(app, extensions)
    (extensions / "__pycache__").mkdir()
    (extensions / "__pycache__" / "facts_pages.cpython-311.pyc").write_bytes(b"\0")
    assert fresh_inputs.static_digest(app, extensions) == first
    (extensions / "facts_pages.py").write_text("ORDER = 'answers first'\n")
    assert fresh_inputs.static_digest(app, extensions) != first

"""The PDF (`make pdf`, Sphinx's LaTeX builder) prints each calculator as its static result, not
an object's repr: the LaTeX builder run on the calculator notebooks as committed."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "book" / "calculators").glob("*.ipynb"))


def test_latex_prints_each_calculator_as_text(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for notebook in NOTEBOOKS:
        shutil.copy(notebook, source)
    (source / "conf.py").write_text(
        "extensions = ['myst_nb']\nnb_execution_mode = 'off'\nproject = 'calculators'\n"
        "suppress_warnings = ['myst', 'ref']\n"
        "latex_documents = [('index', 'calculators.tex', 'Calculators', 'us', 'manual')]\n"
    )
    toctree = "\n".join(path.stem for path in NOTEBOOKS)
    (source / "index.md").write_text(f"# Calculators\n\n```{{toctree}}\n{toctree}\n```\n")
    app = Sphinx(source, source, tmp_path / "latex", tmp_path / "doctrees", "latex",
                 status=None, warning=None, freshenv=True)
    app.build()
    tex = (tmp_path / "latex" / "calculators.tex").read_text(encoding="utf-8")
    assert tex.count("Interactive calculator: open the book") == len(NOTEBOOKS) == 4
    assert "object at 0x" not in tex and "model\\_id" not in tex
    # The washout calculator's worked example, as its text (fingolimod, last dose 31 January).
    assert "earliest start of alemtuzumab 31 March 2026" in " ".join(tex.split())

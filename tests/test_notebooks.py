"""Every calculator notebook executes and reproduces its stored outputs (pytest-notebook)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_notebook.nb_regression import NBRegressionFixture

from tests.notebook_outputs import WIDGET_VIEW

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "book" / "calculators").glob("*.ipynb"))

# What changes from run to run without the content changing: widget model ids, the embedded
# widget state, kernel details, object addresses and the ids Altair gives its charts. The
# committed notebooks carry no widget state or views at all (`make notebooks` strips them);
# an executed notebook has both, so they are left out of the comparison.
REGRESSION = NBRegressionFixture(
    exec_timeout=300,
    diff_ignore=(
        "/metadata/widgets",
        "/metadata/language_info",
        "/cells/*/metadata/execution",
        "/cells/*/execution_count",
        "/cells/*/outputs/*/execution_count",
        "/cells/*/outputs/*/data/application/vnd.jupyter.widget-view+json",
        "/cells/*/outputs/*/traceback",
    ),
    diff_replace=(
        ("/cells/*/outputs/*/data/text/plain", r"object at 0x[0-9a-f]+", "object at 0x..."),
        ("/cells/*/outputs/*/data/text/html", r"altair-viz-[0-9a-f]+", "altair-viz-ID"),
        ("/cells/*/outputs/*/data/text/plain", r"model_id='[0-9a-f]+'", "model_id='...'"),
    ),
)


def test_there_are_calculator_notebooks() -> None:
    assert NOTEBOOKS, "book/calculators/ should hold the calculator notebooks (.ipynb)"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_reproduces_its_outputs(notebook: Path) -> None:
    REGRESSION.exec_cwd = str(notebook.parent)
    REGRESSION.check(str(notebook))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_committed_notebook_carries_no_widget_state(notebook: Path) -> None:
    """Saved widget state ages with every change to the JS; GitHub and nbviewer would show it."""
    data = json.loads(notebook.read_text(encoding="utf-8"))
    assert "widgets" not in data["metadata"], f"run `make notebooks` for {notebook.name}"
    outputs = [o for cell in data["cells"] for o in cell.get("outputs", [])]
    assert not [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
    calculators = [o for o in outputs if "Interactive calculator" in "".join(
        o.get("data", {}).get("text/plain", []))]
    assert len(calculators) == 1, "the calculator's static result, as text"

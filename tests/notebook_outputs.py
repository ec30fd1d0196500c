"""Re-execute calculator notebooks in place and keep only what stays true: `make notebooks`.

The build executes every notebook and embeds the widget state it needs, so the committed files
carry none: no saved widget state (its `_esm` would age with every change to
widgets/alemtuzumab_kb/ui/js/) and
no widget views that point at it. What GitHub, nbviewer or a Jupyter without a kernel shows for a
calculator is its text/plain output: the result from the Python core.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def strip_widget_state(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove saved widget state and the widget views that refer to it."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    return notebook


def refresh(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(strip_widget_state(notebook), path)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        refresh(Path(name))
        print(f"executed and stripped {name}", file=sys.stderr)

"""Where data/ is: the one folder every clinical fact, rule and range is read from.

Part of the ground floor: it imports nothing of ours.
"""

from __future__ import annotations

from pathlib import Path


def _data_dir() -> Path:
    """data/ at the repository root (two folders above this one, widgets/alemtuzumab_kb/), the one
    place to edit; an installed package carries it as alemtuzumab_kb/data/ (pyproject.toml maps the
    package ``alemtuzumab_kb.data`` to data/)."""
    package = Path(__file__).resolve().parent
    installed = package / "data"
    return installed if installed.is_dir() else package.parents[1] / "data"


DATA = _data_dir()

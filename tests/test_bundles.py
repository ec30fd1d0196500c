"""The calculators' browser code as shipped: esbuild's bundles and the vendored vega, checked
against the sources and the lock, parsed by node, and what each widget sends as `_esm`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from alemtuzumab_kb.ui import esm
from alemtuzumab_kb.ui.base import Calculator
from alemtuzumab_kb.ui.contraception import ContraceptionCalculator
from alemtuzumab_kb.ui.schedule import ScheduleCalculator
from alemtuzumab_kb.ui.trials import TrialsCalculator
from alemtuzumab_kb.ui.washout import WashoutCalculator

CALCULATORS = [ContraceptionCalculator, ScheduleCalculator, TrialsCalculator, WashoutCalculator]
SHIPPED = sorted([*esm.BUNDLES.glob("*.mjs"), *esm.VENDOR.glob("*.js")])


def _node() -> str:
    node = shutil.which("node")
    if node is None or not esm.ESBUILD.exists():
        message = "node and node_modules (npm ci) are needed to check the bundles"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return node


def test_every_view_has_a_bundle_and_every_calculator_a_view() -> None:
    assert [path.stem for path in esm.BUNDLES.glob("*.mjs")] != []
    readable = sorted(path.stem for path in esm.BUNDLES.glob("*.mjs") if ".min" not in path.name)
    assert readable == esm.entries()
    minified = sorted(path.name for path in esm.BUNDLES.glob("*.min.mjs"))
    assert minified == [f"{entry}.min.mjs" for entry in esm.entries()]
    assert sorted(calculator.view for calculator in CALCULATORS) == esm.entries()


def test_shipped_files_are_what_esbuild_and_npm_make_now() -> None:
    _node()
    stale = [path.relative_to(esm.ROOT).as_posix() for path in esm.stale()]
    assert stale == [], f"run `make bundles` and commit: {stale}"


@pytest.mark.parametrize("path", SHIPPED, ids=[path.name for path in SHIPPED])
def test_node_parses_every_shipped_file(path: Path) -> None:
    result = subprocess.run(
        [_node(), "--check", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("calculator", CALCULATORS, ids=lambda c: c.__name__)
def test_each_widget_sends_its_bundle_whole(calculator: type[Calculator]) -> None:
    widget = calculator()
    try:
        esm_text = widget.get_state()["_esm"]
    finally:
        widget.close()
    assert esm_text == esm.bundle_path(calculator.view).read_text(encoding="utf-8")
    assert "\nimport " not in esm_text and 'from "./' not in esm_text
    assert esm_text.rstrip().endswith("};") and "as default" in esm_text


def test_esbuild_keeps_modules_apart_where_concatenation_broke(tmp_path: Path) -> None:
    """Two modules with the same private name, and a renaming import: both failed at page run
    time under the old concatenating bundler; esbuild's bundle computes the right answer."""
    node = _node()
    (tmp_path / "first.js").write_text(
        "const secret = 1;\nexport function value() { return secret; }\n"
    )
    (tmp_path / "second.js").write_text(
        "const secret = 2;\nexport function value() { return secret; }\n"
    )
    entry = tmp_path / "entry.js"
    entry.write_text(
        'import { value as one } from "./first.js";\n'
        'import { value as two } from "./second.js";\n'
        "export default { render: () => one() * 10 + two() };\n"
    )
    bundled = tmp_path / "bundle.mjs"
    bundled.write_text(esm.esbuild(entry))
    result = subprocess.run(
        [node, "--input-type=module", "-e",
         f"import m from {bundled.as_uri()!r}; console.log(m.render());"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "12"


def test_a_broken_import_fails_the_bundle_not_the_page(tmp_path: Path) -> None:
    _node()
    entry = tmp_path / "entry.js"
    entry.write_text('import { missing } from "./nowhere.js";\nexport default missing;\n')
    with pytest.raises(RuntimeError, match="nowhere.js"):
        esm.esbuild(entry)

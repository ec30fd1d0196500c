"""The package as an educator installs it: wheel and sdist built from this checkout, installed
(not editable) into fresh environments outside the repository on Python 3.11, 3.12 and 3.13,
then the README's notebook lines run there, and a notebook executed with nbclient saves its
widget state. uv installs from its cache, pinned to the lock, so a repeat run takes seconds."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The module builds or starts something once; its tests share one test process.
pytestmark = pytest.mark.xdist_group("install")

ROOT = Path(__file__).resolve().parent.parent
UV = Path(sys.executable).parent / "uv"
README = (ROOT / "README.md").read_text(encoding="utf-8")
README_LINES = re.search(r"<!-- notebook-lines[^>]*-->\s*```python\n(.*?)```", README, re.S)
PUBLIC_API = re.search(r"<!-- public-api[^>]*-->\s*```python\n(.*?)```", README, re.S)
# A package on PyPI that also installs a top-level `widgets` (the name this one had until issue
# 26); its own dependencies (streamlit, pandas) are not needed to show the clash.
CONFLICT = "widgets-lib==2.7.7"


def _interpreter(version: str) -> str:
    """A Python of this minor version: from pyenv, or on PATH (not a pyenv shim)."""
    pyenv = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}"))
    found = str(pyenv[-1]) if pyenv else shutil.which(f"python{version}")
    if found is None or "/shims/" in found:
        message = f"Python {version} not found (under ~/.pyenv/versions or on PATH)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def _run(*args: str | Path, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False, **kwargs
    )
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdist, and the wheel built from it (so the sdist must hold everything)."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT, cwd=out)
    return out


def _fresh_env(tmp: Path, python: str, package: Path, *extra: str) -> Path:
    """A new venv outside the repository with `package` and its declared dependencies."""
    venv = tmp / "venv"
    _run(UV, "venv", "--quiet", "--python", python, venv, cwd=tmp)
    env = {**os.environ, "VIRTUAL_ENV": str(venv)}
    _run(UV, "pip", "install", "--quiet", "--python", venv / "bin" / "python",
         "--constraint", ROOT / "requirements.txt", package, *extra, cwd=tmp, env=env)
    return venv / "bin" / "python"


def test_wheel_and_sdist_carry_the_data_and_assets(dist: Path) -> None:
    import tarfile
    import zipfile

    with zipfile.ZipFile(next(dist.glob("*.whl"))) as archive:
        wheel = archive.namelist()
    with tarfile.open(next(dist.glob("*.tar.gz"))) as archive:
        sdist = archive.getnames()
    data = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yaml"))
    assert data and all(f"alemtuzumab_kb/{name}" in wheel for name in data)
    assert all(any(n.endswith(f"/{name}") for n in sdist) for name in data)
    for asset in ["alemtuzumab_kb/ui/js/calculator.css", "alemtuzumab_kb/ui/js/trials.css",
                  "alemtuzumab_kb/ui/bundles/washout_view.mjs",
                  "alemtuzumab_kb/ui/vendor/vega.min.js", "alemtuzumab_kb/ui/frame_heights.json"]:
        assert asset in wheel
    assert not [n for n in wheel if n.startswith(("tests/", "book/", "data/"))]


def test_the_wheel_carries_every_module(dist: Path) -> None:
    """pyproject.toml lists the subpackages one by one; a new one left out would be missing."""
    import zipfile

    with zipfile.ZipFile(next(dist.glob("*.whl"))) as archive:
        wheel = set(archive.namelist())
    package = ROOT / "widgets" / "alemtuzumab_kb"
    ours = sorted(
        f"alemtuzumab_kb/{path.relative_to(package).as_posix()}"
        for path in package.rglob("*.py")
        if "__pycache__" not in path.parts
    )
    assert len(ours) > 30 and "alemtuzumab_kb/facts/claims.py" in ours
    assert [name for name in ours if name not in wheel] == []


@pytest.mark.parametrize(
    ("version", "kind"), [("3.11", "whl"), ("3.12", "whl"), ("3.13", "tar.gz")]
)
def test_readme_lines_run_from_the_installed_package(
    dist: Path, tmp_path: Path, version: str, kind: str
) -> None:
    assert README_LINES, "README.md lost its notebook-lines block"
    python = _fresh_env(tmp_path, _interpreter(version), next(dist.glob(f"*.{kind}")))
    check = README_LINES.group(1) + (
        "import alemtuzumab_kb.facts\n"
        f"assert not alemtuzumab_kb.__file__.startswith({str(ROOT)!r}), alemtuzumab_kb.__file__\n"
        "print(alemtuzumab_kb.facts.DATA.relative_to(alemtuzumab_kb.facts.DATA.parents[1]))\n"
        "print(washout.plan().earliest_start, washout._repr_mimebundle_()[0]['text/plain'][:9])\n"
    )
    result = _run(python, "-c", check, cwd=tmp_path)
    # A 2-month washout after fingolimod (Gilenya), from 31 January 2026: 31 March 2026.
    assert result.stdout.split("\n")[:2] == ["alemtuzumab_kb/data", "2026-03-31 Switching"]


def test_a_notebook_executed_with_nbclient_saves_the_widget_state(
    dist: Path, tmp_path: Path
) -> None:
    python = _fresh_env(
        tmp_path, _interpreter("3.11"), next(dist.glob("*.whl")), "ipykernel", "nbclient"
    )
    notebook = tmp_path / "lesson.ipynb"
    notebook.write_text(json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                   "source": README_LINES.group(1)}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }))
    _run(python, "-c",
         "import nbformat, nbclient\n"
         "nb = nbformat.read('lesson.ipynb', as_version=4)\n"
         "nbclient.NotebookClient(nb, timeout=120, kernel_name='python3').execute()\n"
         "nbformat.write(nb, 'lesson.ipynb')\n",
         cwd=tmp_path)
    saved = json.loads(notebook.read_text())
    models = saved["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    washout = [m["state"] for m in models.values() if m["state"].get("prior") == "Gilenya"]
    assert len(washout) == 1
    assert washout[0]["last_dose"] == "2026-01-31"
    assert "export {" in washout[0]["_esm"] and washout[0]["rules"]


def test_the_readme_lists_exactly_the_public_api() -> None:
    import alemtuzumab_kb

    assert PUBLIC_API, "README.md lost its public-api block"
    listed = set(re.findall(r"\b([A-Za-z_]\w*)\b", PUBLIC_API.group(1).split("import", 1)[1]))
    assert listed == set(alemtuzumab_kb.__all__)


def test_the_wheel_adds_one_top_level_name_of_ours(dist: Path) -> None:
    import zipfile

    with zipfile.ZipFile(next(dist.glob("*.whl"))) as archive:
        names = archive.namelist()
    top = {name.split("/")[0] for name in names}
    assert {name for name in top if not name.endswith(".dist-info")} == {"alemtuzumab_kb"}
    listed = next(name for name in names if name.endswith(".dist-info/top_level.txt"))
    with zipfile.ZipFile(next(dist.glob("*.whl"))) as archive:
        assert archive.read(listed).decode().split() == ["alemtuzumab_kb"]


def test_the_readme_lines_run_beside_another_widgets(dist: Path, tmp_path: Path) -> None:
    """A course folder with its own widgets.py, and widgets-lib installed after this package
    (then removed again): `widgets` is theirs, and the README's lines and every public name of
    ours work throughout."""
    python = _fresh_env(tmp_path, _interpreter("3.13"), next(dist.glob("*.whl")))
    course = tmp_path / "course"
    course.mkdir()
    (course / "widgets.py").write_text("OWNER = 'the course'\n", encoding="utf-8")
    check = README_LINES.group(1) + PUBLIC_API.group(1) + (
        "print(washout.plan().earliest_start)\n"
        "import widgets; print(getattr(widgets, 'OWNER', 'someone else'))\n"
    )
    env = {**os.environ, "VIRTUAL_ENV": str(python.parent.parent)}
    pip = (UV, "pip", "--quiet")
    lib = python.parent.parent / "lib"

    assert _run(python, "-c", check, cwd=course).stdout.split() == ["2026-03-31", "the", "course"]
    _run(*pip, "install", "--no-deps", "--python", python, CONFLICT, cwd=tmp_path, env=env)
    assert list(lib.glob("python3.*/site-packages/widgets/__init__.py")), "widgets-lib is in"
    assert _run(python, "-c", check, cwd=tmp_path).stdout.split() == ["2026-03-31", "someone",
                                                                      "else"]
    _run(*pip, "uninstall", "--python", python, "widgets-lib", cwd=tmp_path, env=env)
    assert _run(python, "-c", check, cwd=course).stdout.split() == ["2026-03-31", "the", "course"]

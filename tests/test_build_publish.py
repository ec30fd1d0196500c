"""A failed build publishes nothing (issue 16): `make build` replaces _build/html only when the
book builds cleanly, and a failed build leaves the previous site as it was (or none at all) while
keeping the notebook execution reports where its message says.

The Makefile runs in a scratch folder with a stand-in for jupyter-book that writes a site and a
report the way jupyter-book does, then passes or fails; nothing of the real build is touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FAKE_BOOK = """#!/bin/sh
# Writes <path-output>/_build/html as jupyter-book does, with a report, then exits with $FAKE_EXIT.
while [ $# -gt 0 ]; do
  if [ "$1" = "--path-output" ]; then out="$2"; fi
  shift
done
mkdir -p "$out/_build/html/reports" "$out/_build/.doctrees"
echo "site of this build" > "$out/_build/html/index.html"
echo "what this build read" > "$out/_build/.doctrees/environment.pickle"
echo "cell failed" > "$out/_build/html/reports/washout.err.log"
exit "$FAKE_EXIT"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch folder with the Makefile and stand-ins for what its build target needs."""
    if shutil.which("make") is None:
        pytest.fail("GNU make is needed for this test")
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "book" / "_ext").mkdir(parents=True)
    shutil.copy(ROOT / "book" / "_ext" / "publish.py", tmp_path / "book" / "_ext" / "publish.py")
    for name in ("requirements.txt", "pyproject.toml", "package.json", "package-lock.json"):
        (tmp_path / name).write_text("", encoding="utf-8")
    for stamp in ("stamps/venv", "stamps/node"):
        (tmp_path / stamp).parent.mkdir(exist_ok=True)
        (tmp_path / stamp).touch()
    fake = tmp_path / "fake-jupyter-book"
    fake.write_text(FAKE_BOOK, encoding="utf-8")
    fake.chmod(0o755)
    return tmp_path


def make_build(project: Path, exit_code: int) -> subprocess.CompletedProcess[str]:
    variables = [
        f"JUPYTER_BOOK={project / 'fake-jupyter-book'}",
        "STAMP=stamps/venv",
        "NODE_STAMP=stamps/node",
    ]
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(project), "build", *variables],
        capture_output=True,
        text=True,
        env={**os.environ, "FAKE_EXIT": str(exit_code)},
        timeout=60,
        check=False,
    )


def test_a_passing_build_is_published(project: Path) -> None:
    run = make_build(project, 0)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (project / "_build/html/index.html").read_text() == "site of this build\n"


def test_a_passing_build_replaces_the_previous_site_whole(project: Path) -> None:
    site = project / "_build/html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("previous good site\n")
    (site / "old-page.html").write_text("a page this build no longer has\n")
    run = make_build(project, 0)
    assert run.returncode == 0, run.stdout + run.stderr
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "reports"]
    assert (site / "index.html").read_text() == "site of this build\n"
    assert sorted(p.name for p in (project / "_build").iterdir()) == [
        "build.log", "html", "stage"
    ]


def test_the_new_site_and_the_old_change_places_in_one_step(tmp_path: Path) -> None:
    """The exchange the publish step relies on (Linux renameat2): both folders exist before and
    after, with their contents swapped."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("publish", ROOT / "book" / "_ext" / "publish.py")
    publish = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(publish)
    exchange = publish.exchange

    new, site = tmp_path / "new", tmp_path / "site"
    new.mkdir()
    site.mkdir()
    (new / "index.html").write_text("new\n")
    (site / "index.html").write_text("old\n")
    assert exchange(new, site)
    assert (site / "index.html").read_text() == "new\n"
    assert (new / "index.html").read_text() == "old\n"


def test_a_failed_build_leaves_the_previous_site_untouched(project: Path) -> None:
    site = project / "_build/html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("previous good site\n")
    run = make_build(project, 1)
    assert run.returncode != 0
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text() == "previous good site\n"
    # The failed build's pages are gone from the staging folder too; its reports are kept.
    assert not (project / "_build/stage/_build/html").exists()
    # So is what it read: the next build reads every page again and reports the fault again,
    # instead of taking the faulty page as read and passing.
    assert not (project / "_build/stage/_build/.doctrees/environment.pickle").exists()
    reports = project / "_build/reports"
    assert (reports / "washout.err.log").read_text() == "cell failed\n"
    assert f"Notebook execution reports, if any: {reports}" in run.stdout
    assert "nothing was published" in run.stdout


def test_a_failed_first_build_leaves_no_site(project: Path) -> None:
    run = make_build(project, 1)
    assert run.returncode != 0
    assert not (project / "_build/html").exists()
    assert not list(project.glob("_build/**/index.html"))

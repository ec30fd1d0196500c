"""A hostile pull request that only touches data/ (issue 23), built for real: each fault planted
in a scratch copy of the checkout stops `make build` in the data check, within seconds, with the
sentence that names the data file, and publishes nothing; no planted text runs.

The copy holds the checkout's files as they are (tracked ones, so uncommitted edits count) and
borrows its .venv and node_modules; the package is imported from the copy (PYTHONPATH), so the
build reads the copy's data/. Each build costs the start of jupyter-book and Sphinx (about ten
seconds here), so only a representative few faults are built: one of each way in (a substitution,
raw HTML, a role, a file that is not a regular file); tests/test_faults.py plants every kind in
the loader alone ({{ 7*7 }} and a link to /dev/zero among them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SWITCHING = "claims/switching.yaml"
STATEMENT = "    No washout is needed when switching to alemtuzumab from interferon beta.\n"
HEAD = "data/claims/switching.yaml, line 9, claim sms-switching-from-injectables-interferon, key "
MOST_SECONDS = 30

pytestmark = pytest.mark.xdist_group("data_build")


def _tracked() -> list[str]:
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True
    ).stdout.decode()
    return [name for name in listed.split("\0") if name]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checkout's tracked files, copied once; .venv and node_modules linked, not copied."""
    if shutil.which("make") is None or shutil.which("git") is None:
        pytest.fail("GNU make and git are needed for this test")
    copy = tmp_path_factory.mktemp("checkout")
    for name in _tracked():
        source, target = ROOT / name, copy / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    for name in (".venv", "node_modules"):
        (copy / name).symlink_to(ROOT / name)
    (copy / "stamps").mkdir()
    return copy


@pytest.fixture
def scratch(checkout: Path) -> Iterator[Path]:
    """The copy with a fresh data/ and no build, for one planted fault."""
    shutil.rmtree(checkout / "data")
    shutil.copytree(ROOT / "data", checkout / "data")
    shutil.rmtree(checkout / "_build", ignore_errors=True)
    yield checkout


def make_build(copy: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    for stamp in ("venv", "node"):  # newer than requirements.txt: make installs nothing
        (copy / "stamps" / stamp).touch()
    started = time.perf_counter()
    run = subprocess.run(
        ["make", "--no-print-directory", "-C", str(copy), "build",
         f"STAMP={copy / 'stamps/venv'}", f"NODE_STAMP={copy / 'stamps/node'}"],
        capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "PYTHONPATH": str(copy / "widgets")},
    )
    return run, time.perf_counter() - started


def _statement(text: str) -> Callable[[Path], None]:
    def plant(data: Path) -> None:
        path = data / SWITCHING
        content = path.read_text(encoding="utf-8")
        assert STATEMENT in content
        path.write_text(content.replace(STATEMENT, f"    {text}\n", 1), encoding="utf-8")

    return plant


def _pipe(data: Path) -> None:
    os.mkfifo(data / "claims" / "zz.yaml")


CASES = {
    "a substitution that would run a shell": (
        _statement("{{ lipsum.__globals__['os'].popen('id > somefile').read() }}"),
        HEAD + "statement: it holds a template substitution; data text is never evaluated",
    ),
    "an image that runs a script": (
        _statement("Fine <img src=x onerror=alert(1)>"),
        HEAD + "statement: it holds HTML (at '<img src=x onerror=alert…')",
    ),
    "a role that copies a file into the build": (
        _statement("See {download}`../../../../etc/passwd`."),
        HEAD + "statement: it holds the role {download}, which data text may not hold",
    ),
    "a named pipe": (
        _pipe,
        "data/claims/zz.yaml: it is a named pipe (FIFO), not a regular file",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_planted_fault_stops_the_real_build_within_seconds(scratch: Path, name: str) -> None:
    plant, sentence = CASES[name]
    plant(scratch / "data")
    run, seconds = make_build(scratch)
    output = run.stdout + run.stderr
    assert run.returncode != 0, output
    assert sentence in output, output
    assert "Build failed: nothing was published" in output, output
    assert not (scratch / "_build" / "html").exists()
    assert not list(scratch.rglob("somefile")), "a planted command ran"
    assert not list((scratch / "_build").rglob("*.ipynb")), "a notebook ran on faulty data"
    assert seconds < MOST_SECONDS, f"the build took {seconds:.0f} s to stop"

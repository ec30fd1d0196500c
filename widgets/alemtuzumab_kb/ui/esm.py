"""The browser files the package ships, made from npm packages pinned in package-lock.json.

- Each calculator's front end is one ES module. The browser logic lives in small modules that
  node's test runner imports directly (`dates.js`, `washout.js`, ...); each `*_view.js` adds the
  rendering and is the entry of one bundle. esbuild bundles each view with what it imports into
  widgets/alemtuzumab_kb/ui/bundles/<view>.mjs, which anywidget gets as `_esm`, and minifies the
  same into
  <view>.min.mjs, which the book's pages carry instead (book/_ext/offline_site.py): half the
  bytes, while the readable bundle stays the one a diff and live Jupyter show.
- vega, vega-lite and vega-embed (the schedule's chart) are copied into
widgets/alemtuzumab_kb/ui/vendor/: the
  site serves them, and in live Jupyter the schedule widget sends them to its view.

Both are committed and shipped in the wheel, so an installed package needs no node. `make
bundles` (this module run as a script) rewrites them; the book build and the tests fail while
one differs from what esbuild and npm make of the current sources.
"""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

UI = Path(__file__).resolve().parent
JS = UI / "js"
BUNDLES = UI / "bundles"
VENDOR = UI / "vendor"
ROOT = UI.parents[2]  # the repository: widgets/alemtuzumab_kb/ui/ is three folders down
NODE_MODULES = ROOT / "node_modules"
ESBUILD = NODE_MODULES / ".bin" / "esbuild"
# The vega libraries in the order they load (each needs the one before), from their npm packages.
VEGA = {
    "vega.min.js": "vega/build/vega.min.js",
    "vega-lite.min.js": "vega-lite/build/vega-lite.min.js",
    "vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
}
HEADER = "// Bundled by esbuild from {entry} and what it imports: edit those, then `make bundles`."


def entries() -> list[str]:
    """The stems of the view modules, one bundle (and its minified twin) each."""
    return sorted(path.stem for path in JS.glob("*_view.js"))


def bundle_path(entry: str, minified: bool = False) -> Path:
    return BUNDLES / f"{entry}{'.min' if minified else ''}.mjs"


@cache
def bundle(entry: str, minified: bool = False) -> str:
    """The committed bundle of view module `entry` (e.g. ``"washout_view"``), as text."""
    return bundle_path(entry, minified).read_text(encoding="utf-8")


def minified(esm: str) -> str | None:
    """The minified twin of a committed bundle's text, or None for any other module."""
    for entry in entries():
        if bundle_path(entry).is_file() and esm == bundle(entry):
            twin = bundle_path(entry, minified=True).is_file()
            return bundle(entry, minified=True) if twin else None
    return None


def esbuild(entry: Path, executable: Path = ESBUILD, minify: bool = False) -> str:
    """What esbuild makes of the module `entry` and all it imports (needs `npm ci`).

    Paths relative to the repository keep the output the same in every checkout; no minifying,
    so a bundle reads like its sources and a diff shows what changed.
    """
    name = os.path.relpath(entry, ROOT)
    result = subprocess.run(
        [
            str(executable),
            name,
            "--bundle",
            "--format=esm",
            "--charset=utf8",
            "--log-level=warning",
            *(["--minify"] if minify else
              [f"--banner:js={HEADER.format(entry=Path(name).as_posix())}"]),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"esbuild failed on {name}:\n{result.stderr}")
    return result.stdout


def vega_sources() -> list[str]:
    """The vega libraries' code, in load order."""
    return [(VENDOR / name).read_text(encoding="utf-8") for name in VEGA]


def expected(executable: Path = ESBUILD) -> dict[Path, str]:
    """Every shipped browser file and the text it should have, made from node_modules now."""
    files = {bundle_path(e): esbuild(JS / f"{e}.js", executable) for e in entries()}
    for e in entries():
        files[bundle_path(e, minified=True)] = esbuild(JS / f"{e}.js", executable, minify=True)
    for name, source in VEGA.items():
        files[VENDOR / name] = (NODE_MODULES / source).read_text(encoding="utf-8")
    return files


def _current(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def stale(executable: Path = ESBUILD) -> list[Path]:
    """The shipped browser files that differ from what npm and esbuild make now, or are extra."""
    files = expected(executable)
    changed = [path for path, text in files.items() if _current(path) != text]
    extra = [p for folder in (BUNDLES, VENDOR) for p in folder.glob("*") if p not in files]
    return sorted(changed + extra)


def write(executable: Path = ESBUILD) -> list[Path]:
    """Rewrite the shipped browser files that changed, remove those no longer made; say which."""
    files = expected(executable)
    changed = stale(executable)
    for path in changed:
        if path in files:
            path.parent.mkdir(exist_ok=True)
            path.write_text(files[path], encoding="utf-8")
        else:
            path.unlink()
    return changed


if __name__ == "__main__":
    for path in write():
        print(f"updated {path.relative_to(ROOT)}", file=sys.stderr)

"""The house (issue 29): the package imports in one direction, each module imports alone, no
import of ours hides inside a function, no module of ours passes 600 lines, and the examples in
every module's docstrings run.

The import graph is read from the source (every import statement that runs when a module is
imported: at module level, in a class body or in an ``if``, ``try`` or ``with`` block, so also one
under ``if TYPE_CHECKING``), and then checked against what Python really loads: each module is
imported in a fresh interpreter with the packages above it left unrun (their ``__init__`` would
import most of the package first), and the modules of ours it loads must be the ones the graph
says. An import of ours inside a function is refused whatever its reason, because the usual one is
to dodge a cycle; a library may still be imported late (altair, for speed).
"""

from __future__ import annotations

import ast
import doctest
import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "widgets" / "alemtuzumab_kb"
EXTENSIONS = ROOT / "book" / "_ext"
MOST_LINES = 600
GENERATED = ("bundles", "vendor")  # what esbuild and npm write into ui/, not ours to shorten


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by its dotted name: ``alemtuzumab_kb.facts.claims``."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _run_at_import(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """The import statements that run when the module is imported (none inside a function)."""
    found, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            todo.extend(ast.iter_child_nodes(node))
    return found


def _targets(name: str, path: Path, node: ast.Import | ast.ImportFrom, ours: dict) -> set[str]:
    """The modules of ours an import statement in module `name` (file `path`) names."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in ours}
    base = node.module or ""
    if node.level:
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    if base not in ours:
        return set()
    # `from package import module` names the module; `from module import name` the module.
    return {f"{base}.{a.name}" if f"{base}.{a.name}" in ours else base for a in node.names}


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the modules of ours its import statements name (the packages a module sits in
    are imported before it, not by it, so they are no edge)."""
    ours = modules(package)
    return {
        name: {
            target
            for node in _run_at_import(ast.parse(path.read_text("utf-8")))
            for target in _targets(name, path, node, ours)
        }
        for name, path in ours.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph as the path around it (``[a, b, a]``), or None."""
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = "open"
        for step in sorted(graph[node]):
            if state.get(step) == "open":
                return path[path.index(step):] + [step]
            if step not in state and (cycle := visit(step, [*path, step])):
                return cycle
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node, [node])):
            return cycle
    return None


def imports_in_functions(source: str) -> list[int]:
    """The lines of imports of ours (``alemtuzumab_kb``, or relative) inside a function."""
    lines = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = ["." * node.level + (node.module or "")]
            else:
                continue
            if any(n.startswith(".") or n.split(".")[0] == "alemtuzumab_kb" for n in names):
                lines.append(node.lineno)
    return sorted(set(lines))


def _packages_above(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:depth]) for depth in range(1, len(parts))]


def expected_alone(name: str, graph: dict[str, set[str]]) -> set[str]:
    """The modules of ours that importing `name` alone loads, by the graph: the packages above it
    (left unrun), it, and all it imports with the packages they sit in."""
    seen = {*_packages_above(name), name}
    todo = [name]
    while todo:
        for target in graph[todo.pop()]:
            for module in (*_packages_above(target), target):
                if module not in seen:
                    seen.add(module)
                    todo.append(module)
    return seen


# Each module of ours imported alone: the parent loads the libraries we use (to save time) and no
# module of ours, then forks one child per module, so every child starts as a fresh interpreter
# that has never seen a module of ours. The packages above the module stand in as empty stubs (so
# their __init__ imports nothing); the child reports which modules of ours the import loaded, or
# its traceback.
ALONE = """
import importlib, importlib.machinery, json, os, sys, traceback, types
for library in ("altair", "anywidget", "pydantic", "traitlets", "yaml"):
    importlib.import_module(library)
assert not [m for m in sys.modules if m.split(".")[0] == "alemtuzumab_kb"]
folder, names = sys.argv[1], sys.argv[2:]

def load_alone(name):
    parts = name.split(".")
    for depth in range(1, len(parts)):
        package = ".".join(parts[:depth])
        path = "/".join([folder, *parts[1:depth]])
        module = types.ModuleType(package)
        module.__path__ = [path]
        module.__spec__ = importlib.machinery.ModuleSpec(package, None, is_package=True)
        module.__spec__.submodule_search_locations = [path]
        sys.modules[package] = module
    try:
        importlib.import_module(name)
    except BaseException:
        return traceback.format_exc()
    return sorted(m for m in sys.modules if m.split(".")[0] == "alemtuzumab_kb")

found = {}
for name in names:
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        with os.fdopen(write, "w") as report:
            json.dump(load_alone(name), report)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as report:
        found[name] = json.loads(report.read() or '"the child process reported nothing"')
    os.waitpid(child, 0)
print(json.dumps(found))
"""

GRAPH = import_graph()


def test_the_graph_is_read_from_the_imports() -> None:
    assert set(GRAPH) == set(modules()) and len(GRAPH) > 30
    assert "alemtuzumab_kb.limits" in GRAPH["alemtuzumab_kb.dates"]
    assert "alemtuzumab_kb.facts" in GRAPH["alemtuzumab_kb.washout"]
    assert "alemtuzumab_kb.facts.claims" in GRAPH["alemtuzumab_kb.facts.loader"]
    assert "alemtuzumab_kb.trials" in GRAPH["alemtuzumab_kb.pages.trials"]


def test_the_package_imports_in_one_direction() -> None:
    cycle = find_cycle(GRAPH)
    assert cycle is None, "an import cycle: " + " -> ".join(cycle or [])


def test_the_ground_floor_imports_nothing_of_ours_but_itself() -> None:
    ground = {"alemtuzumab_kb.errors", "alemtuzumab_kb.data_dir",
              "alemtuzumab_kb.calendar_arithmetic"}
    for name in ground:
        assert GRAPH[name] <= ground, name
    assert GRAPH["alemtuzumab_kb.limits"] <= ground
    # No page's words are imported by the calculations they present.
    for name, targets in GRAPH.items():
        if not name.startswith(("alemtuzumab_kb.pages", "alemtuzumab_kb.ui")):
            assert not {t for t in targets if t.startswith("alemtuzumab_kb.pages")}, name


def test_a_cycle_planted_in_a_copy_is_found(tmp_path: Path) -> None:
    """The check above can fail: limits importing dates again closes the old circle."""
    copy = tmp_path / "alemtuzumab_kb"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("ui", "__pycache__"))
    limits = copy / "limits.py"
    text = limits.read_text("utf-8")
    assert "from alemtuzumab_kb.errors import " in text
    limits.write_text(text.replace(
        "from alemtuzumab_kb.errors import ", "from alemtuzumab_kb.dates import "
    ), "utf-8")
    cycle = find_cycle(import_graph(copy))
    assert cycle is not None and {"alemtuzumab_kb.limits", "alemtuzumab_kb.dates"} <= set(cycle)


def test_no_import_of_ours_hides_inside_a_function() -> None:
    hidden = {
        name: lines
        for name, path in modules().items()
        if (lines := imports_in_functions(path.read_text("utf-8")))
    }
    assert not hidden, f"imports of ours inside functions (module: lines): {hidden}"


def test_an_import_inside_a_function_is_seen() -> None:
    source = (
        "import altair\n"
        "def late():\n"
        "    import altair as alt\n"
        "    from alemtuzumab_kb.dates import format_date\n"
        "    return lambda: __import__('x')\n"
        "class A:\n"
        "    def m(self):\n"
        "        from . import facts\n"
    )
    assert imports_in_functions(source) == [4, 8]


@pytest.fixture(scope="module")
def alone() -> dict[str, list[str] | str]:
    """What each module of ours loads of ours when imported alone (or its traceback)."""
    result = subprocess.run(
        [sys.executable, "-c", ALONE, str(PACKAGE), *sorted(GRAPH)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


# One worker runs them all, so the fixture (a child process per module, about 10 s) runs once.
@pytest.mark.xdist_group("imports_alone")
@pytest.mark.parametrize("name", sorted(GRAPH))
def test_each_module_imports_alone(alone: dict, name: str) -> None:
    assert not isinstance(alone[name], str), f"{name} does not import alone:\n{alone[name]}"
    loaded = set(alone[name])
    assert loaded == expected_alone(name, GRAPH), (
        f"{name} loads other modules of ours than its imports say: "
        f"more {sorted(loaded - expected_alone(name, GRAPH))}, "
        f"fewer {sorted(expected_alone(name, GRAPH) - loaded)}"
    )


def _ours_to_measure() -> list[Path]:
    files = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.js"), *EXTENSIONS.glob("*.py"),
             *EXTENSIONS.glob("*.js")]
    return sorted(
        path for path in files
        if "__pycache__" not in path.parts and not set(GENERATED) & set(path.parts)
    )


def test_no_module_of_ours_is_over_600_lines() -> None:
    files = _ours_to_measure()
    assert PACKAGE / "schedule.py" in files and EXTENSIONS / "facts_pages.py" in files
    assert PACKAGE / "ui" / "js" / "schedule.js" in files
    long = {
        str(path.relative_to(ROOT)): count
        for path in files
        if (count := len(path.read_text("utf-8").splitlines())) > MOST_LINES
    }
    assert not long, f"modules over {MOST_LINES} lines: {long}"


WITH_EXAMPLES = sorted(
    name for name, path in modules().items() if ">>> " in path.read_text("utf-8")
)


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_the_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0

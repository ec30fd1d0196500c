"""Assemble an anywidget front end from the small ES modules in widgets/ui/js/.

The browser logic lives in plain modules that node's test runner imports directly
(`dates.js`, `washout.js`, ...); a view module adds the rendering. anywidget needs one module
as a string, so the pieces are concatenated in dependency order with their relative
`import ... from "./x.js";` lines removed (every name they import is then in scope).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

JS = Path(__file__).resolve().parent / "js"
RELATIVE_IMPORT = re.compile(r'^import\s*\{[^}]*\}\s*from\s*"\./([\w.-]+)\.js";\s*$', re.MULTILINE)


def _imports(name: str) -> list[str]:
    return RELATIVE_IMPORT.findall((JS / f"{name}.js").read_text(encoding="utf-8"))


@cache
def bundle(entry: str) -> str:
    """Return `entry`.js with the modules it imports (transitively) inlined before it.

    Args:
        entry: stem of the view module, e.g. ``"washout_view"``.

    Returns:
        One ES module as text, with no relative imports and no URL imports.
    """
    order: list[str] = []

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if name in trail:
            raise ValueError(f"import cycle: {' -> '.join((*trail, name))}")
        if name in order:
            return
        for dependency in _imports(name):
            visit(dependency, (*trail, name))
        order.append(name)

    visit(entry, ())
    parts = []
    for name in order:
        source = RELATIVE_IMPORT.sub("", (JS / f"{name}.js").read_text(encoding="utf-8"))
        if re.search(r'^\s*import\b', source, re.MULTILINE):
            raise ValueError(f"{name}.js has an import the bundler cannot inline")
        parts.append(f"// ---- {name}.js\n{source.strip()}\n")
    return "\n".join(parts)

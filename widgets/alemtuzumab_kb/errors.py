"""The errors the package raises on purpose, each with a message that is one sentence.

The ground floor of the package: it imports nothing of ours, and every other module may import it.
"""

from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """Input a reader can correct; the message is a sentence saying what to enter.

    `code` names the kind of problem (``"empty-date"``, ``"date-format"``, ``"impossible-date"``,
    ``"date-range"``, ...) so that tests can compare Python and browser results.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class DataError(ValueError):
    """A data file is malformed: one sentence naming the file, the line, the record and the key.

    `path` and `line` say where, for tools that point at the file (the book's build reports a
    data fault as a warning located in data/, not on the page it would have broken).
    """

    def __init__(self, message: str, path: Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


ECHO = 40
"""The most characters of a refused value a sentence repeats (the browser's twin is `ECHO` in
widgets/alemtuzumab_kb/ui/js/limits.js; tests/vectors/edges.json holds cases for both)."""


def cut(text: str, limit: int = ECHO) -> str:
    """`text` cut to `limit` characters, with an ellipsis where it was cut.

    A sentence echoes at most this much of what it refuses: a megabyte typed into a field, or a
    value that a data file spelt out at length, is never copied whole into a message.
    """
    return text if len(text) <= limit else text[:limit] + "…"


def excerpt(text: str, limit: int = ECHO) -> str:
    """`text` quoted for a sentence, cut to `limit` characters (`cut`).

    Examples:
        >>> excerpt("<img src=x onerror=alert(1)>", 12)
        "'<img src=x o…'"
    """
    return repr(cut(text, limit))

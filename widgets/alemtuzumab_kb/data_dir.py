"""Where data/ is: the one folder every clinical fact, rule and range is read from, and how a file
of it is read (a regular file of bounded size, never a device, a pipe or a link out of the folder).

Part of the ground floor: it imports nothing of ours but the errors.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import TypeVar

from alemtuzumab_kb.errors import DataError

MOST_BYTES = 1_000_000
"""The largest data file read, in bytes (the largest today is about a tenth of it): a bound, so
that a file that grew by mistake (or a link to an endless one) stops with a sentence."""


def _data_dir() -> Path:
    """data/ at the repository root (two folders above this one, widgets/alemtuzumab_kb/), the one
    place to edit; an installed package carries it as alemtuzumab_kb/data/ (pyproject.toml maps the
    package ``alemtuzumab_kb.data`` to data/)."""
    package = Path(__file__).resolve().parent
    installed = package / "data"
    return installed if installed.is_dir() else package.parents[1] / "data"


DATA = _data_dir()

Loaded = TypeVar("Loaded")


def cached_per_folder(load: Callable[[Path], Loaded]) -> Callable[..., Loaded]:
    """A loader of data/ that reads and checks each folder once per process.

    ``functools.cache`` keys ``load()``, ``load(DATA)`` and ``load(data=DATA)`` apart, so the
    build (which checks data/ by its path) and the pages (which load the default) each read it.
    Here every spelling of a folder is one key; ``cache_clear`` empties it, as before.
    """
    cached = cache(load)

    @wraps(load)
    def loader(data: Path = DATA) -> Loaded:
        return cached(Path(data))

    loader.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    loader.cache_info = cached.cache_info  # type: ignore[attr-defined]
    return loader


def _folder(path: Path) -> Path:
    """The data folder a file belongs to: its nearest parent named ``data`` (or its own folder)."""
    return next((parent for parent in path.parents if parent.name == "data"), path.parent)


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def read_data_bytes(path: Path) -> bytes:
    """The bytes of a file of data/, read only if it is a regular file of at most `MOST_BYTES`.

    A symbolic link is followed only to a regular file inside the same data folder. Nothing that
    could block (a named pipe) or never end (a device) is opened for reading.

    Raises:
        FileNotFoundError: no such file.
        DataError: the end of a sentence saying why the file is not read (no file named in it:
            the caller names the file as its sentences do).
    """
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        target = Path(os.path.realpath(path))
        folder = Path(os.path.realpath(_folder(path)))
        if folder not in target.parents:
            raise DataError(
                f"it is a symbolic link to {target}, outside the data folder; data files are "
                "regular files in data/: copy the file itself there"
            )
        status = os.stat(path)
    if not stat.S_ISREG(status.st_mode):
        raise DataError(
            f"it is {_kind(status.st_mode)}, not a regular file; data files are regular files"
        )
    if status.st_size > MOST_BYTES:
        raise DataError(
            f"it is {status.st_size:,} bytes, more than the {MOST_BYTES:,} a data file may hold; "
            "split it or shorten it"
        )
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # replaced since it was looked at
            raise DataError("it is not a regular file; data files are regular files")
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = file.read(MOST_BYTES + 1)
    finally:
        os.close(descriptor)
    if len(data) > MOST_BYTES:
        raise DataError(f"it is more than the {MOST_BYTES:,} bytes a data file may hold")
    return data

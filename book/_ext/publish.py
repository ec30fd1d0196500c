"""Publish a built site in one step: ``python book/_ext/publish.py NEW SITE`` (the Makefile's
last build step; not a Sphinx extension).

NEW (a finished copy of the build) takes the place of SITE. On Linux the two folders are
exchanged by one renameat2(RENAME_EXCHANGE) call, so at no moment is there no site, even if the
build is killed half-way; then the old site, now at NEW, is deleted. Elsewhere, or on a file
system without the call, two renames leave a gap of microseconds instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second),
                       RENAME_EXCHANGE)
    return result == 0


def publish(new: Path, site: Path) -> None:
    """Put `new` where `site` is; the previous site is deleted once it is out of the way."""
    if not site.exists():
        new.rename(site)
        return
    if not exchange(new, site):
        old = site.with_name(site.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        site.rename(old)
        new.rename(site)
        new = old
    shutil.rmtree(new)


if __name__ == "__main__":
    publish(Path(sys.argv[1]), Path(sys.argv[2]))

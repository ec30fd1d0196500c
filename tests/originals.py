"""The source documents as the tests read them: the originals in ../shared/sources, beside the
checkout as in CI, and the strength-bearing phrases of the one source held nowhere there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "sources"

# EMA's referral page (ema2020, source `referral`) has no copy in ../shared/sources: it was read
# with the search tool (stored copies of its *Overview* section, read on 2026-12-05). Its claims'
# verbs are checked against the page's own phrases that carry a strength, quoted here as read.
NOT_HELD = {
    "referral": (
        "On 14 November 2019, EMA recommended restricting the use",
        "Lemtrada should now only be used to treat relapsing-remitting multiple sclerosis",
        "Lemtrada must also no longer be used in patients",
        "The medicine should only be given in a hospital",
        "EMA also recommended updating the physician’s guide",
    ),
}


def original(source_id: str) -> str:
    """A source's text, its white space made single; a missing original fails under CI=true and
    skips elsewhere, naming the folder."""
    if source_id in NOT_HELD:
        return " ".join(NOT_HELD[source_id])
    files = sorted(SOURCES.glob(f"{source_id}*.txt"))
    if not files:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SOURCES} holds no original for {source_id}")
        pytest.skip(f"the originals are not beside this checkout ({SOURCES})")
    return " ".join(files[0].read_text(encoding="utf-8").split())

"""The base class of every calculator widget."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from alemtuzumab_kb.ui.esm import JS, bundle

BOOK_URL_VARIABLE = "ALEMTUZUMAB_KB_BOOK_URL"
"""The environment variable that gives the published book's address to calculators in live
Jupyter. The book has no public address yet, and none is written here: without the variable a
calculator names each source and its place but links nowhere, rather than to a placeholder."""


def book_url() -> str | None:
    """The root of the book that source links point to from live Jupyter, ending in ``/``, or
    None where no address is known (then the calculators show sources without links).

    ``ALEMTUZUMAB_KB_BOOK_URL`` sets it (e.g. ``http://127.0.0.1:8000/`` for `make serve`, or the
    published book's address). On the book's own pages the links are relative instead: the
    page's widget host sets them from the page's place in the site.
    """
    url = os.environ.get(BOOK_URL_VARIABLE, "").strip()
    if not url:
        return None
    return url if url.endswith("/") else f"{url}/"


FRAME_HEIGHTS = Path(__file__).with_name("frame_heights.json")
"""Each embed page's height at typical frame widths, measured in Chromium (`make
frame-heights`, tests/frame_heights.py)."""


@cache
def frame_heights(stem: str) -> dict[str, list[int]]:
    """The measured heights of a calculator's embed page: ``{"widths": [...], "heights":
    [...]}``, or empty for a calculator not measured (its snippet then gives a fixed height).

    Examples:
        >>> heights = frame_heights("washout")
        >>> len(heights["widths"]) == len(heights["heights"]) > 2
        True
    """
    stored = json.loads(FRAME_HEIGHTS.read_text(encoding="utf-8"))
    if stem not in stored["heights"]:
        return {}
    return {"widths": stored["widths"], "heights": stored["heights"][stem]}


class Calculator(anywidget.AnyWidget):
    """An anywidget whose front end computes from `rules`, so it also works on a static page.

    Subclasses set `view` (the stem of their view module in widgets/alemtuzumab_kb/ui/js/) and
    declare their inputs as synced traits. On the published site, host.js (in the same folder)
    renders the embedded state with no kernel; in Jupyter it is an ordinary widget whose traits
    Python can read.
    Where no widget can be shown (a PDF, a plain console), it shows `static_text()`.
    """

    view: str = ""
    title: str = ""
    """The calculator's name: its embed page's title and its iframe's title."""
    # The palette travels with the widget: an embed page or a notebook has no book.css.
    _css = "".join(
        (JS / name).read_text(encoding="utf-8") for name in ("palette.css", "calculator.css")
    )
    rules = traitlets.Dict().tag(sync=True)
    site_root = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    """The book's root for source links: `book_url()` by default (None: no links); relative on
    the book's pages and embed pages."""
    _url_params = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Inputs that a page reads from and writes to its query string (book and embed pages)."""
    _stem = traitlets.Unicode().tag(sync=True)
    """The calculator's stem (``washout``): its embed page is ``embed/<stem>.html``."""
    _title = traitlets.Unicode().tag(sync=True)
    _frame = traitlets.Dict().tag(sync=True)
    """The embed page's measured heights (`frame_heights`): the Embed snippet starts its frame
    at the height the calculator has at the frame's width, so the page around it holds still."""
    _example = traitlets.Dict().tag(sync=True)
    """The calculator's example inputs (`example_inputs()`): while the inputs are these, the view
    says so, so that nobody takes the example for a case of their own."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # Only a class that names its own view gets a bundle: anywidget's add_traits() makes
        # a further subclass whose `_esm` is a synced trait, which must stay as it is.
        if "view" in cls.__dict__:
            cls._esm = bundle(cls.view)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._stem = self.view.removesuffix("_view")
        self._title = self.title
        self._frame = frame_heights(self._stem)
        self._example = self.example_inputs()

    def example_inputs(self) -> dict[str, str]:
        """The inputs the calculator starts with when given none (the book's pages use them).

        Not whatever it was made with: inputs a reader passes are never labelled an example.
        """
        return {name: str(self.trait_defaults(name)) for name in self._url_params}

    @traitlets.default("site_root")
    def _default_site_root(self) -> str | None:
        return book_url()

    def result(self) -> Any:
        """The result for the current inputs, from the Python core (raises ValueError like it)."""
        raise NotImplementedError

    def headline(self) -> str:
        """The answer in one line, as the calculator shows it first (raises ValueError)."""
        return str(self.result().headline)

    def static_text(self) -> str:
        """The result for the current inputs as plain text."""
        return str(self.result())

    def _static_result(self) -> str:
        try:
            text = self.static_text()
        except ValueError as error:  # a sentence saying what to enter
            text = str(error)
        return f"{text}\n(Interactive calculator: open the book's web page or a live notebook.)"

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The widget view, and the static result for outputs that cannot show a widget."""
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle
        return {**data, "text/plain": self._static_result()}, metadata

"""The base class of every calculator widget."""

from __future__ import annotations

import anywidget
import traitlets

from widgets.ui.esm import JS, bundle


class Calculator(anywidget.AnyWidget):
    """An anywidget whose front end computes from `rules`, so it also works on a static page.

    Subclasses set `view` (the stem of their view module in widgets/ui/js/) and declare their
    inputs as synced traits. On the published site, `widgets/ui/js/host.js` renders the embedded
    state with no kernel; in Jupyter it is an ordinary widget whose traits Python can read.
    """

    view: str = ""
    # The palette travels with the widget: an embed page or a notebook has no book.css.
    _css = "".join(
        (JS / name).read_text(encoding="utf-8") for name in ("palette.css", "calculator.css")
    )
    rules = traitlets.Dict().tag(sync=True)
    site_root = traitlets.Unicode("../../").tag(sync=True)
    """Relative path from the page showing the widget to the site root (for source links)."""
    _url_params = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Inputs that a standalone embed page reads from and writes to its query string."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # Only a class that names its own view gets a bundle: anywidget's add_traits() makes
        # a further subclass whose `_esm` is a synced trait, which must stay as it is.
        if "view" in cls.__dict__:
            cls._esm = bundle(cls.view)

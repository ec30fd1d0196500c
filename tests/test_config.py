"""Every key in _config.yml takes effect (issue 13).

Jupyter Book turns _config.yml into a Sphinx configuration; a key it ignores, a key that the
sphinx.config block then overrides, or a value equal to the default is dead configuration
that misleads the next person who edits it. The footer, which once silently vanished this
way, is checked on every built page.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest
import sphinx.config
import yaml
from jupyter_book.config import PATH_YAML_DEFAULT, get_final_config

from tests.conftest import PAGES, ROOT, SITE

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
# What Jupyter Book 1 makes of each key of the html: block (jupyter_book/config.py).
HTML_KEYS = {
    "favicon": ("html_favicon",),
    "baseurl": ("html_baseurl",),
    "comments": ("comments_config",),
    "use_multitoc_numbering": ("use_multitoc_numbering",),
    "extra_footer": ("html_theme_options", "extra_footer"),
    "home_page_in_navbar": ("html_theme_options", "home_page_in_toc"),
    "announcement": ("html_theme_options", "announcement"),
    "use_repository_button": ("html_theme_options", "use_repository_button"),
    "use_issues_button": ("html_theme_options", "use_issues_button"),
    "use_edit_page_button": ("html_theme_options", "use_edit_page_button"),
}
# Jupyter Book's own defaults, which it applies whether _config.yml says them or not.
JB_DEFAULTS = yaml.safe_load(PATH_YAML_DEFAULT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def final() -> dict:
    config, _ = get_final_config(
        user_yaml=ROOT / "_config.yml", sourcedir=ROOT,
        cli_config={"latex_individualpages": False},
    )
    return config


def theme_defaults() -> dict[str, str]:
    """Options of sphinx-book-theme over those it inherits from pydata-sphinx-theme."""
    import pydata_sphinx_theme
    import sphinx_book_theme

    defaults: dict[str, str] = {}
    for package, name in [(pydata_sphinx_theme, "pydata_sphinx_theme"),
                          (sphinx_book_theme, "sphinx_book_theme")]:
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(Path(package.__file__).parent / "theme" / name / "theme.conf")
        defaults.update(parser["options"])
    return defaults


def lookup(config: dict, path: tuple[str, ...]):
    for key in path:
        config = config[key]
    return config


@pytest.mark.parametrize("key", sorted(CONFIG.get("html", {})))
def test_every_html_key_reaches_sphinx(final: dict, key: str) -> None:
    assert key in HTML_KEYS, f"Jupyter Book ignores html.{key}"
    value = CONFIG["html"][key]
    assert lookup(final, HTML_KEYS[key]) == value, f"html.{key} is overridden"
    assert JB_DEFAULTS["html"].get(key) != value, f"html.{key} only repeats the default"


@pytest.mark.parametrize(
    "key", sorted(CONFIG["sphinx"]["config"].get("html_theme_options", {}))
)
def test_every_theme_option_reaches_the_theme_and_differs_from_its_default(
    final: dict, key: str
) -> None:
    value = CONFIG["sphinx"]["config"]["html_theme_options"][key]
    assert final["html_theme_options"][key] == value
    default = theme_defaults().get(key)
    assert default is not None, f"the theme has no option {key}"
    assert str(value).lower() != str(default).lower(), f"{key}: {value!r} is the default"


def test_html_block_and_theme_options_both_take_effect(final: dict) -> None:
    """sphinx.config.html_theme_options is merged into, not a replacement for, what the html:
    block sets (without recursive_update the footer and the home page entry were dropped)."""
    options = final["html_theme_options"]
    assert options["extra_footer"] == CONFIG["html"]["extra_footer"]
    assert options["search_bar_text"] == "Search the book"


@pytest.mark.parametrize(
    "key", sorted(k for k in CONFIG["sphinx"]["config"] if k in sphinx.config.Config.config_values)
)
def test_sphinx_settings_differ_from_sphinx_defaults(key: str) -> None:
    """A core Sphinx setting set to its own default is dead (the builder's and extensions'
    settings are checked by what they do to the built site)."""
    default = sphinx.config.Config.config_values[key].default
    assert CONFIG["sphinx"]["config"][key] != default, f"{key} only repeats the default"


def test_no_launch_buttons_block_without_a_repository() -> None:
    """Launch buttons need a public repository; the one setting that brings both is
    repository.url (book/_ext/site_shell.py)."""
    assert "launch_buttons" not in CONFIG
    assert "url" in CONFIG["repository"]


def is_redirect(page_path: str) -> bool:
    """Jupyter Book's root index.html only forwards to the first page."""
    page = SITE / page_path
    return page.is_file() and 'http-equiv="Refresh"' in page.read_text(encoding="utf-8")


CONTENT_PAGES = [p for p in PAGES if not is_redirect(p)]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("page_path", CONTENT_PAGES)
def test_every_page_states_the_licence(site: Path, page_path: str) -> None:
    """The footer _config.yml sets is on every page and every embed page."""
    html = (site / page_path).read_text(encoding="utf-8")
    assert CONFIG["html"]["extra_footer"] in html
    footer = re.search(
        r'<footer class="(?:bd-footer-content|embed-footer)">(.*?)</footer>', html, re.S
    ).group(1)
    assert re.search(r"Code .*MIT.*, written content .*CC BY 4\.0", text_of(footer))


@pytest.mark.parametrize("page_path", PAGES)
def test_every_page_has_the_favicon(site: Path, page_path: str) -> None:
    """The redirect at the site root too: a page that names no icon makes the browser ask for
    /favicon.ico, which is not there (issue 28)."""
    html = (site / page_path).read_text(encoding="utf-8")
    href = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    icon = (site / page_path).parent / href
    assert icon.resolve() == (site / "_static" / "favicon.svg").resolve()
    assert icon.read_bytes() == (ROOT / CONFIG["html"]["favicon"]).read_bytes()


def test_myst_runs_no_template_over_the_text(final: dict) -> None:
    """MyST's substitution extension evaluates {{ ... }} with jinja2, in text that directives
    bring in from data/ too: code at build time for anyone who can change data/. The book uses
    none, so it is off (and with it the default's unused dollarmath and tasklist)."""
    enabled = final["myst_enable_extensions"]
    assert "substitution" not in enabled
    assert "substitution" in JB_DEFAULTS["parse"]["myst_enable_extensions"]
    assert set(enabled) == set(CONFIG["parse"]["myst_enable_extensions"])

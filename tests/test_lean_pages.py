"""Each page loads what it uses, and still shows everything (issue 13): book/_ext/lean_pages.py
and the lean widget state of book/_ext/offline_site.py."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import tinycss2

from tests.conftest import ROOT
from tests.offline import DESKTOP, offline_page

sys.path.insert(0, str(ROOT / "book" / "_ext"))
from lean_pages import prune_rules, selector_can_match  # noqa: E402
from offline_site import lean_css, lean_js, lean_state  # noqa: E402

TEXT_PAGE = "book/sources/sources-ema.html"
WORDS = {"btn", "show", "fa-bars", "bd-sidebar", "toggle"}


@pytest.mark.parametrize(
    ("selector", "can_match"),
    [
        (".btn.show", True),
        ("#bd-sidebar > .btn", True),
        (".btn-outline-danger", False),
        (".btn:not(.disabled)", True),  # what :not() names need not exist
        (":is(html, body)[data-theme=dark] .fa-bars", True),
        ("div.carousel-item", False),
        (".bs-tooltip-top", True),  # a script writes "bs-tooltip-" + placement
        ("table td", True),
    ],
)
def test_a_selector_is_kept_while_what_it_names_can_be_in_a_page(
    selector: str, can_match: bool
) -> None:
    assert selector_can_match(selector, WORDS, ("bs-tooltip-",)) is can_match


def test_pruning_keeps_rules_that_can_match_and_inlines_local_imports(tmp_path: Path) -> None:
    (tmp_path / "base.css").write_text(".btn{color:red}.carousel{color:blue}", encoding="utf-8")
    sheet = (
        '@import "base.css";:root{--x:1}.show,.modal-open{display:block}'
        "@media (min-width:960px){.carousel{x:1}.toggle{y:2}}@font-face{font-family:F}"
    )
    rules = tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True)
    pruned = prune_rules(rules, WORDS, (), tmp_path)
    assert pruned == (
        ".btn{color:red}:root{--x:1}.show{display:block}"
        "@media (min-width:960px){.toggle{y:2}}@font-face{font-family:F}"
    )


def test_lean_js_drops_comments_and_indentation_only() -> None:
    source = (
        "// a comment\n/**\n * A doc comment.\n */\nexport function f(a) {\n"
        "  const url = 'http://x'; // kept: not a whole-line comment\n  return a; /* one */\n}\n"
        "  /* block */ const b = 1;\n"
    )
    assert lean_js(source) == (
        "export function f(a) {\nconst url = 'http://x'; // kept: not a whole-line comment\n"
        "return a; /* one */\n}\nconst b = 1;"
    )


def test_lean_js_leaves_a_multi_line_template_literal_alone() -> None:
    source = "const s = `one\n  // not a comment\ntwo`;\n"
    assert lean_js(source) == source


def test_lean_state_keeps_only_what_the_host_renders() -> None:
    state = {"version_major": 2, "state": {
        "layout": {"model_name": "LayoutModel", "state": {"width": None}},
        "calc": {"model_name": "AnyModel", "state": {
            "_esm": "// c\nexport default {}", "_css": "/* c */\n  .a { x: 1 }", "rules": {}}},
    }}
    lean = lean_state(state)
    assert list(lean["state"]) == ["calc"]
    assert lean["state"]["calc"]["state"] == {"_esm": "export default {}", "_css": ".a { x: 1 }",
                                             "rules": {}}
    # On a page whose style sheet holds the palette, the widget's copy of it goes.
    state["state"]["calc"]["state"]["_css"] = ":root{--p:1}\n.a { x: 1 }"
    assert lean_state(state, ":root{--p:1}\n")["state"]["calc"]["state"]["_css"] == ".a { x: 1 }"


def test_lean_state_puts_the_minified_twin_of_a_bundle_in_the_page() -> None:
    from alemtuzumab_kb.ui.esm import bundle, entries

    for entry in entries():
        state = {"state": {"calc": {"state": {"_esm": bundle(entry), "_css": ""}}}}
        carried = lean_state(state)["state"]["calc"]["state"]["_esm"]
        assert carried == bundle(entry, minified=True)
        assert len(carried) < 0.7 * len(bundle(entry))
    assert lean_css("/* a\n b */\n  .x { y: 1 }\n\n") == ".x { y: 1 }"


def scripts_and_styles(site: Path, page: str) -> list[str]:
    html = (site / page).read_text(encoding="utf-8")
    return [Path(url.split("?")[0]).name
            for url in re.findall(r'<(?:script|link)[^>]*?(?:src|href)="([^"]+\.(?:js|css)[^"]*)"',
                                  html)]


def test_no_page_loads_fontawesome_js(site: Path) -> None:
    assert not (site / "_static" / "scripts" / "fontawesome.js").exists()
    for page in site.rglob("*.html"):
        assert "fontawesome.js" not in page.read_text(encoding="utf-8"), page


def test_no_page_carries_live_code_settings(site: Path) -> None:
    """sphinx-thebe's settings named an example Binder repository on every page; no page runs
    live code, so none carries them."""
    pages = list(site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "x-thebe-config" not in text and "binder-examples" not in text, page
        assert "kernelName =" not in text, page


def test_a_text_page_loads_no_extension_it_does_not_use(site: Path) -> None:
    assets = scripts_and_styles(site, TEXT_PAGE)
    for unused in ("searchindex.js", "searchtools.js", "sphinx-design.min.css", "design-tabs.js",
                   "copybutton.js", "clipboard.min.js", "togglebutton.js", "pygments.css"):
        assert unused not in assets, unused
    assert not any(name.startswith("mystnb.") for name in assets)


def test_pages_load_the_extensions_they_use(site: Path) -> None:
    assert "sphinx-design.min.css" in scripts_and_styles(site, "book/intro.html")
    assert {"searchtools.js", "searchindex.js"} <= set(scripts_and_styles(site, "search.html"))
    calculator = scripts_and_styles(site, "book/calculators/washout.html")
    assert any(name.startswith("mystnb.") for name in calculator)
    # The code is the educators', at the end: its assets wait until it comes near.
    assert not {"copybutton.js", "clipboard.min.js", "pygments.css"} & set(calculator)
    html = (site / "book/calculators/washout.html").read_text(encoding="utf-8")
    assert '"../../_static/clipboard.min.js", "../../_static/copybutton.js"' in html


def test_code_assets_load_when_the_code_comes_near(browser, site_url: str) -> None:
    with offline_page(browser, f"{site_url}/book/calculators/washout.html", site_url,
                      viewport={"width": 1280, "height": 800}) as (page, problems):
        loaded = problems.requested
        page.wait_for_load_state("networkidle")
        assert not any("copybutton" in url or "pygments" in url for url in loaded)
        page.locator("div.highlight").last.scroll_into_view_if_needed()
        page.wait_for_selector("div.highlight button.copybtn", state="attached")
        assert any(url.endswith("copybutton.js") for url in loaded)
        assert any("pygments.css" in url for url in loaded)
        colour = page.locator("div.highlight .k, div.highlight .kn").first.evaluate(
            "el => getComputedStyle(el).color")
        assert colour != page.locator("div.highlight pre").first.evaluate(
            "el => getComputedStyle(el).color"), "keywords are highlighted"


def test_the_theme_style_sheet_keeps_what_the_site_uses(site: Path) -> None:
    import pydata_sphinx_theme

    original = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
                / "static" / "styles" / "pydata-sphinx-theme.css").stat().st_size
    pruned = (site / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert len(pruned) < 0.4 * original
    for kept in (".bd-sidebar-primary", ".fa-bars:before", ".fa-magnifying-glass:before",
                 "html[data-theme=dark]", "@font-face"):
        assert kept in pruned, kept
    for dropped in (".accordion-button", ".progress-bar-striped", ".fa-ghost:before"):
        assert dropped not in pruned, dropped


ICONS = """() => [...document.querySelectorAll('[class*="fa-"]')]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).display !== 'none')
  .map((el) => { const before = getComputedStyle(el, '::before');
    return { cls: el.className, content: before.content, font: before.fontFamily,
             width: el.getBoundingClientRect().width }; })"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("page_path", ["book/intro.html", "book/calculators/washout.html"])
def test_every_icon_shows_from_the_web_font(
    browser, site_url: str, width: int, page_path: str
) -> None:
    """Without fontawesome.js the theme's style sheet draws each icon with its web font."""
    with offline_page(
        browser, f"{site_url}/{page_path}", site_url, viewport={**DESKTOP, "width": width}
    ) as (page, _):
        page.evaluate("document.fonts.ready")
        icons = page.evaluate(ICONS)
        assert len(icons) >= 3
        for icon in icons:
            assert icon["content"] not in ("none", "normal", '""'), icon
            assert "Font Awesome" in icon["font"], icon
            assert icon["width"] > 0, icon
        assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')")

"""Data text is text (issue 23): the one language of alemtuzumab_kb.markup, and what a MyST page
makes of it. Whatever passes the loader is shown as the words written, its emphasis and declared
roles kept; nothing else becomes markup, and what the loader refuses is still shown inert."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from alemtuzumab_kb import compare, markup
from alemtuzumab_kb.facts import fill_placeholders, load_facts

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from offline_site import _script_json  # noqa: E402

# The book's MyST, as _config.yml sets it (colon_fence and linkify, fuzzy links off).
MYST = create_md_parser(
    MdParserConfig(enable_extensions={"colon_fence", "linkify"}, linkify_fuzzy_links=False),
    RendererHTML,
)
ALLOWED_TAGS = re.compile(r'</?(?:p|em)>|<code class="myst role">|</code>')
ROLE_SHOWN = re.compile(r'<code class="myst role">\{([^}]+)\}\[([^\]]*)\]</code>')

# Pieces a hostile or careless editor might type, so that hypothesis meets them often.
PIECES = [
    "a", "b", " ", "1", "1.", "*", "_", "[", "]", "(", ")", "<", "<b>", ">", "&", "&amp;", "|",
    "`", "{", "}", "{{", "\\\\", "#", "-", "+", ":", ":::", "!", "$", "~", "^", "%", "=", "\n",
    "https://x.org", "a@b.co", "//x", "{ref}`x`", "{cite:p}`ema2020`", "{term}`EMA`",
    "{download}`x`", "{value}", "ö", "\u2028",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def rendered(text: str) -> str:
    """MyST text as the page's HTML (the renderer shows a role as <code>{name}[content]</code>)."""
    return MYST.render(text)


def visible(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", ROLE_SHOWN.sub(r"{\1}`\2`", html_text))).strip()


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_whatever_text_gets_through_myst_no_markup_but_its_own_comes_out(text: str) -> None:
    page = rendered(markup.myst(text))
    assert not ALLOWED_TAGS.sub("", page).count("<"), page
    assert "<a " not in page and "<h" not in page and "<li" not in page


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_text_the_loader_takes_shows_its_own_words(text: str) -> None:
    """The page shows the words written: emphasis as italics, roles as roles, all else as is."""
    if markup.problem(text, roles=True) is not None or not text.strip():
        return
    page = rendered(markup.myst(text))
    assert visible(page) == " ".join(text.replace("*", "").split()), page
    assert page.count("<em>") == text.count("*") // 2, page


@pytest.mark.parametrize(
    "text",
    [
        "{{ 7*7 }}",
        "{{ lipsum.__globals__['os'].popen('id > somefile').read() }}",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        "<b onmouseover=alert(1)>x</b>",
        "{download}`../../../etc/passwd`",
        "[x](javascript:alert(1))",
        "![x](y.png)",
        "&lt;script&gt;",
        "```{eval-rst}\n.. raw:: html\n```",
        ":::{raw} html\n<b>x</b>\n:::",
        "see https://example.org",
        "{course.__class__}",
        "{course:>99999999}",
        "`code`",
    ],
)
def test_what_the_loader_refuses_is_inert_on_a_page_all_the_same(text: str) -> None:
    assert markup.problem(text, roles=True) is not None
    page = rendered(markup.myst(text))
    assert not ALLOWED_TAGS.sub("", page).count("<"), page
    assert "myst role" not in page and "49" not in page


def test_the_roles_are_declared_once_and_the_data_uses_no_other() -> None:
    assert markup.ROLES == ("cite:p", "cite:t", "ref", "term")
    facts = load_facts()
    used = set()
    for source in facts.sources:
        for value in source.model_dump(mode="python").values():
            for text in value.values() if isinstance(value, dict) else [value]:
                if isinstance(text, str):
                    used |= set(re.findall(r"\{([a-z:]+)\}`", text))
    for item in facts.discrepancies:
        used |= set(re.findall(r"\{([a-z:]+)\}`", item.explanation + item.takeaway))
    assert used == set(markup.ROLES)


def test_a_placeholder_is_filled_by_replacement_never_by_format() -> None:
    """str.format on a data text would reach into a value's attributes or pad it to gigabytes."""
    assert fill_placeholders("Course {course} of {days}", course=2) == "Course 2 of {days}"
    assert fill_placeholders("{course.__class__} {course:>9}", course=2) == (
        "{course.__class__} {course:>9}"
    )
    assert markup.problem("Course {course.__class__}") is not None


def test_json_in_a_script_cannot_close_it() -> None:
    state = {"text": "</script><script>alert(1)</script><!-- & \u2028\u2029"}
    written = _script_json(state)
    assert not re.search(r"[<>&\u2028\u2029]", written), written
    import json

    assert json.loads(written) == state


def test_a_planted_text_reaches_the_comparison_page_escaped(tmp_path: Path) -> None:
    """Text the language takes but MyST would read ([sic], |, _x_, a leading '1.') is escaped in
    the comparison page's MyST; its emphasis is kept."""
    import shutil

    from alemtuzumab_kb.facts import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "claims" / "switching.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    No washout is needed when switching to alemtuzumab from interferon beta.\n"
    planted = "1. No [washout] | _needed_ & *none* #here"
    path.write_text(text.replace(old, f"    {planted}\n"), encoding="utf-8")
    load_facts.cache_clear()
    try:
        facts = load_facts(data)
        blocks = compare.question_blocks(facts, "switching")
        page = "\n".join(compare.block_myst(facts, block) for block in blocks)
    finally:
        load_facts.cache_clear()
    assert "1\\. No \\[washout\\] \\| \\_needed\\_ \\& *none* #here" in page
    assert planted not in page

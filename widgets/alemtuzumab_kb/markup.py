"""Data text: the small language the text of data/ is written in, declared here and nowhere else.

Text in data/ is data, never code or markup. A text field may hold words and, besides them:

- emphasis, ``*skall*``: one star each side, against the words (a source's own word, a
  heading used as a locator);
- in the fields that only the book's pages show (`PAGE_FIELDS`: the source cards, the
  discrepancies' explanations, the timeline's descriptions), the roles of `ROLES` as well:
  ``{cite:p}`key```, ``{cite:t}`key```, ``{ref}`label``` or ``{ref}`words <label>```,
  ``{term}`Term``` or ``{term}`words <Term>```.

A rule text may also hold placeholders, ``{value}``, which its rule fills (`PLACEHOLDER`).
Nothing else is markup. `problem` names what else a text tries to hold (raw HTML, ``{{ }}``
substitutions, other roles, directives, links and images, HTML entities, web addresses, a
backslash escape) so that the loader refuses it with a sentence; `myst` escapes everything that is
not a declared token for a MyST page, so whatever passes is shown as the text it is; `plain` drops
the marks for places that show text only (a role's link text, an attribute, the browser's JSON).

Where the language applies: every string field of every schema of `alemtuzumab_kb.facts`, except
the identities (`ID_FIELDS`: ASCII kebab-case, `is_id`) and `PLAIN_FIELDS` (regular expressions,
never shown). `alemtuzumab_kb.data_files` applies it; it imports nothing of ours but the
ground floor's `errors`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from alemtuzumab_kb.errors import cut, excerpt

ROLES = ("cite:p", "cite:t", "ref", "term")
"""The roles page text may hold: citations (in brackets, or the authors in the sentence),
references to a label of the book, glossary terms."""

ID_FIELDS = frozenset({
    "id", "source", "question", "claim", "claims", "silent", "citation", "section", "therapy",
    "interval", "every", "after", "before", "checked_sources", "horizon", "first", "second",
    "further", "event", "topics", "questions",
})
"""Fields that hold an identity or name one: a record's id, a bibliography key, a label."""

PLAIN_FIELDS = frozenset({"english"})
"""Fields that are not text for a reader: data/strengths.yaml's regular expressions."""

PAGE_FIELDS = frozenset({
    "title_note", "issuer_card", "authors", "dates", "document_type", "audience", "references",
    "holds", "replaced", "explanation", "takeaway", "description", "meaning",
})
"""Fields that only the book's pages show (as MyST), so they may hold the roles of `ROLES`; the
other text fields reach the calculators, the browser and the calendar file too."""

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KEYS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:,[a-z0-9]+(?:-[a-z0-9]+)*)*")
_WORDS = r"[^<>`*\\{}\[\]]*[^<>`*\\{}\[\]\s]"
_CONTENT = {
    "cite:p": _KEYS,
    "cite:t": _KEYS,
    "ref": re.compile(rf"(?:{_WORDS} <)?[a-z0-9]+(?:-[a-z0-9]+)*>?"),
    "term": re.compile(rf"{_WORDS}(?: <{_WORDS}>)?"),
}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
"""A placeholder a rule text may hold, filled by its rule (``{value}``, ``{course}``): by plain
replacement, never as a format string."""
_TOKEN = re.compile(r"\{(?P<role>[^{}\s`]+)\}`(?P<content>[^`]*)`|\*")

# What text may not hold: the pattern, what it is, what to do instead.
_REFUSED = (
    (re.compile(r"\{\{|\}\}|\{%|%\}"), "a template substitution",
     "data text is never evaluated: write the text itself"),
    (re.compile(r"<[A-Za-z/!?]"), "HTML",
     "data text holds none ('<' may stand only before a number or a space, as in '<2 %')"),
    (re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"), "an HTML entity",
     "write the character itself"),
    (re.compile(r"`"), "a backtick outside a role", "data text holds no code and no directive"),
    (re.compile(r"\\"), "a backslash",
     "data text is not markup, so nothing needs escaping: write the character itself"),
    (re.compile(r"\]\(|\]\[|\[\^|!\["), "a link, image or footnote",
     "name the source and cite it (a page of the book is linked with {ref})"),
    (re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://|\bwww\.|\bmailto:|(?<![\w:/])//\w|"
                r"[\w.+-]+@[\w-]+\.[\w.-]+"),
     "a web or e-mail address, which the page would turn into a link",
     "name the source and cite it instead"),
    (re.compile(r":::"), "':::', which would open a directive", "write the text itself"),
)


def is_id(text: object) -> bool:
    """Whether `text` is an identity: ASCII kebab-case (``sms-switching-from-fingolimod``).

    Examples:
        >>> is_id("sms2025"), is_id("Bad Id"), is_id("sms\\u200bx"), is_id("")
        (True, False, False, False)
    """
    return isinstance(text, str) and _ID.fullmatch(text) is not None


@dataclass(frozen=True)
class _Role:
    name: str
    content: str


@dataclass(frozen=True)
class _Emphasis:
    parts: tuple[str | _Role, ...]


def _punctuation(char: str) -> bool:
    return char in _PUNCTUATION or unicodedata.category(char)[0] in "PS"


def _flanking(text: str, opening: int, closing: int) -> bool:
    """Whether CommonMark reads the stars at `opening` and `closing` as emphasis: the first can
    open (left-flanking), the second can close (right-flanking)."""
    before = text[opening - 1] if opening else " "
    after = text[closing + 1] if closing + 1 < len(text) else " "
    first, last = text[opening + 1], text[closing - 1]
    opens = not first.isspace() and (
        not _punctuation(first) or before.isspace() or _punctuation(before)
    )
    closes = not last.isspace() and (
        not _punctuation(last) or after.isspace() or _punctuation(after)
    )
    return opens and closes


def _tokens(text: str) -> tuple[list[str | _Role | _Emphasis], str | None]:
    """Text, roles and emphasis, in order; and the problem with the stars, if any.

    Stars pair in order, the first with the second, and each pair must be emphasis as the page
    reads it (CommonMark's flanking rules), so that the page, the browser's `rich()` and `plain`
    show the same words in italics.
    """
    flat: list[str | _Role | int] = []  # an int: a star, at that position of the text
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            flat.append(text[position:match.start()])
        flat.append(_Role(match["role"], match["content"]) if match["role"] else match.start())
        position = match.end()
    if position < len(text):
        flat.append(text[position:])
    stars = [index for index, item in enumerate(flat) if isinstance(item, int)]
    if len(stars) % 2:
        return [], "an unpaired '*'; emphasis is *words*, a star on each side"
    tokens: list[str | _Role | _Emphasis] = []
    index = 0
    while index < len(flat):
        item = flat[index]
        if not isinstance(item, int):
            tokens.append(item)
            index += 1
            continue
        close = next(i for i in range(index + 1, len(flat)) if isinstance(flat[i], int))
        inner = tuple(part for part in flat[index + 1:close] if not isinstance(part, int))
        if not inner:
            return [], "'**' (strong emphasis), which data text does not use; write *emphasis*"
        if not _flanking(text, item, flat[close]):  # type: ignore[arg-type]
            return [], (
                "emphasis whose stars do not sit against its words (or sit between punctuation "
                "and a letter); write *words*, the stars against them"
            )
        tokens.append(_Emphasis(inner))  # type: ignore[arg-type]
        index = close + 1
    return tokens, None


def _texts(tokens: list[str | _Role | _Emphasis]) -> Iterator[str | _Role]:
    for token in tokens:
        if isinstance(token, _Emphasis):
            yield from token.parts
        else:
            yield token


def problem(text: str, roles: bool = False) -> str | None:
    """What `text` holds beyond the language, as the end of a sentence; None if nothing.

    `roles`: whether the field may hold the roles of `ROLES` (a field of `PAGE_FIELDS`).

    Examples:
        >>> problem("Wash-out *skall* ske {cite:p}`sms2025`", roles=True) is None
        True
        >>> problem("{{ 7*7 }}")
        'it holds a template substitution; data text is never evaluated: write the text itself'
        >>> problem("see {download}`x`", roles=True)
        'it holds the role {download}, which data text may not hold (page text may hold {cite:p}, {cite:t}, {ref} and {term}); write the text itself'
    """  # noqa: E501
    for pattern, what, advice in _REFUSED[:1]:
        if pattern.search(text):
            return f"it holds {what}; {advice}"
    tokens, stars = _tokens(text)
    if stars:
        return f"it holds {stars}"
    listed = ", ".join(f"{{{name}}}" for name in ROLES[:-1]) + f" and {{{ROLES[-1]}}}"
    for part in _texts(tokens):
        if isinstance(part, _Role):
            if part.name not in ROLES:
                return (
                    f"it holds the role {{{cut(part.name, 20)}}}, which data text may not hold "
                    f"(page text may hold {listed}); write the text itself"
                )
            if not roles:
                return (
                    f"it holds the role {{{part.name}}}, but the calculators show this text too "
                    "and only page text (source cards, discrepancies, timeline descriptions) may "
                    "hold roles; write the words"
                )
            if not _CONTENT[part.name].fullmatch(part.content):
                return (
                    f"it holds {{{part.name}}}`{cut(part.content, 30)}`, which is not how the "
                    f"role is written here; give {_SHAPES[part.name]}"
                )
            continue
        for pattern, what, advice in _REFUSED[1:]:
            found = pattern.search(part)
            if found:
                return f"it holds {what} (at {excerpt(part[found.start():], 24)}); {advice}"
        brace = re.search(r"[{}]", PLACEHOLDER.sub("", part))
        if brace:
            return (
                f"it holds a brace that is no placeholder (at "
                f"{excerpt(part[part.find(brace[0]):], 24)}); braces stand only around the name "
                "of a placeholder a rule fills, such as {value}"
            )
    return None


_SHAPES = {
    "cite:p": "bibliography keys, comma-separated",
    "cite:t": "bibliography keys, comma-separated",
    "ref": "a label, or words and the label in angle brackets",
    "term": "a glossary term, or words and the term in angle brackets",
}

_ESCAPED = re.compile(r"[\\`*_{}\[\]<>&|!$~^]")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _escape(text: str, first: bool) -> str:
    """Text with every character that could start markup backslash-escaped (CommonMark allows a
    backslash before any ASCII punctuation), and what linkify would read as an address broken
    up; at the start of a line, anything that could open a block (a heading, list, quote,
    fence, comment or target)."""
    escaped = _ESCAPED.sub(lambda found: "\\" + found[0], text)
    # What the page's linkify would make a link of, broken by escapes (the loader refuses it).
    escaped = re.sub(r"(?i)\b(https?|ftp|mailto):", r"\1\\:", escaped)
    escaped = escaped.replace("//", "\\/\\/").replace("@", "\\@")
    if first:
        if escaped[:1] in _PUNCTUATION and not escaped.startswith("\\"):
            escaped = "\\" + escaped
        escaped = re.sub(r"^([0-9]{1,9})([.)])(?=\s|$)", r"\1\\\2", escaped)
    return escaped


def myst(text: str) -> str:
    """Data text as MyST on one line: its emphasis and roles as they are, everything else
    escaped, so that the page shows the text a reader wrote and nothing runs.

    The text is expected to have passed `problem` (the loader sees to that); a part that did not
    is shown escaped all the same.

    Examples:
        >>> myst("*Overview* [sic] <b>x</b> | 1 & 2 {cite:p}`ema2020`")
        '*Overview* \\\\[sic\\\\] \\\\<b\\\\>x\\\\</b\\\\> \\\\| 1 \\\\& 2 {cite:p}`ema2020`'
        >>> myst("1. not a list")
        '1\\\\. not a list'
    """
    text = " ".join(text.split())
    tokens, stars = _tokens(text)
    if stars:
        return _escape(text, True)
    out: list[str] = []
    for token in tokens:
        if isinstance(token, _Emphasis):
            out.append("*" + "".join(_myst_part(part, False) for part in token.parts) + "*")
        else:
            out.append(_myst_part(token, not out))
    return "".join(out)


def _myst_part(part: str | _Role, first: bool) -> str:
    if isinstance(part, str):
        return _escape(part, first)
    written = f"{{{part.name}}}`{part.content}`"
    if part.name in ROLES and _CONTENT[part.name].fullmatch(part.content):
        return written
    return _escape(written, first)


def plain(text: str) -> str:
    """Data text without its marks, on one line: emphasis as its words, a role as its words
    (or its target where it has none); for a role's link text, an attribute, the browser.

    Examples:
        >>> plain("the *Overview* of {term}`EMA` ({ref}`the timeline <timeline>`)")
        'the Overview of EMA (the timeline)'
    """
    text = " ".join(text.split())
    tokens, stars = _tokens(text)
    if stars:
        return text

    def words(part: str | _Role) -> str:
        if isinstance(part, str):
            return part
        shown = re.fullmatch(r"(.*?)\s*<([^<>]*)>", part.content)
        return shown[1] if shown else part.content

    return "".join(
        "".join(words(p) for p in token.parts) if isinstance(token, _Emphasis) else words(token)
        for token in tokens
    )


def cite_keys(text: str) -> tuple[str, ...]:
    """The bibliography keys that the citation roles of `text` cite, in order.

    Examples:
        >>> cite_keys("(1) {cite:t}`ruck2015`; (2) {cite:p}`coles2008,cohen2012`")
        ('ruck2015', 'coles2008', 'cohen2012')
    """
    tokens, _ = _tokens(" ".join(text.split()))
    return tuple(
        key
        for part in _texts(tokens)
        if isinstance(part, _Role) and part.name.startswith("cite:")
        for key in part.content.split(",")
    )

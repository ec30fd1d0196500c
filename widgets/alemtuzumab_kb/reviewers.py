"""What a reviewer takes away (issue 25): every claim and every discrepancy as rows of named
columns, written as CSV and JSON into the built site (book/_ext/reviewer_tools.py), and the
address that opens a new issue about a claim.

The columns are defined once, here (`CLAIM_COLUMNS`, `DISCREPANCY_COLUMNS`): their names, the
descriptions the methods page shows, and how each cell is read from data/. Nothing else names a
column. Cells are plain text: data text without its marks (`markup.plain`), a citation role as the
author-year text the book shows.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from alemtuzumab_kb import compare, currency, markup
from alemtuzumab_kb.facts import Claim, Discrepancy, Facts

Cell = str | bool | list[str] | None


@dataclass(frozen=True)
class Context:
    """What the cells are read from besides data/: each bibliography key's author and year as
    the book cites them, and where a label of the book is (its address, `where`)."""

    facts: Facts
    cited: Mapping[str, tuple[str, str]]
    """Key -> (authors, year): ``("Svenningsson and Lycke", "2025")``."""
    where: Callable[[str], str]
    """Label -> the address of its page and anchor (``book/reviewers/ledger.html#<id>``)."""
    links: Mapping[str, list[tuple[str, str]]]
    """Claim id -> the (kind, label) pairs of the places that show it (`compare.claim_links`)."""


def author_year(context: Context, key: str) -> str:
    """A bibliography entry as the book cites it in brackets: ``Svenningsson and Lycke, 2025``."""
    authors, year = context.cited[key]
    return f"{authors}, {year}"


_CITE = re.compile(r"\{cite:(?P<kind>[pt])\}`(?P<keys>[^`]*)`")


def plain_text(context: Context, text: str) -> str:
    """Data text as plain text on one line: citation roles as author-year text, ``(Cohen et al.,
    2012)`` or ``Cohen et al. (2012)``, everything else as `markup.plain` gives it."""

    def cited(found: re.Match[str]) -> str:
        keys = found["keys"].split(",")
        if found["kind"] == "p":
            return "(" + "; ".join(author_year(context, key) for key in keys) + ")"
        return "; ".join(f"{context.cited[k][0]} ({context.cited[k][1]})" for k in keys)

    return markup.plain(_CITE.sub(cited, " ".join(text.split())))


@dataclass(frozen=True)
class Column:
    """One column of a download: its name, what it holds (shown on the methods page), and its
    cell for a record. A cell is text, a flag (``yes``/``no`` in CSV, true/false in JSON), a list
    (joined by ``; `` in CSV) or None (empty in CSV, null in JSON)."""

    name: str
    description: str
    cell: Callable[[Context, Any], Cell]


def _status(context: Context, claim: Claim) -> currency.Note:
    note = currency.question_note(context.facts, claim.source, claim.question)
    if note is None:  # the loader refuses a claim whose source has no status on its question
        raise KeyError(f"{claim.source} has no status on {claim.question}")
    return note


def _since(context: Context, claim: Claim) -> str | None:
    since = _status(context, claim).since
    return since.isoformat() if since else None


def _shown_on(context: Context, claim: Claim) -> list[str]:
    return [context.where(label) for _, label in context.links[claim.id]]


def _text(value: str | None) -> str | None:
    """Data text as plain text; None where there is none."""
    return markup.plain(value) if value else None


CLAIM_COLUMNS = (
    Column("id", "The claim's identifier in the data (data/claims/); stable across builds.",
           lambda c, claim: claim.id),
    Column("source_id", "The source document's identifier (data/sources.yaml).",
           lambda c, claim: claim.source),
    Column("source", "The source document's short name, as the book's pages name it.",
           lambda c, claim: c.facts.source(claim.source).short),
    Column("question_id", "The identifier of the question the claim answers (data/topics.yaml).",
           lambda c, claim: claim.question),
    Column("question", "The question, as its comparison page asks it.",
           lambda c, claim: _question(c.facts, claim.question)),
    Column("topic_id", "The identifier of the question's topic.",
           lambda c, claim: c.facts.topic_of(claim.question).id),
    Column("topic", "The topic's title (one comparison page per topic).",
           lambda c, claim: c.facts.topic_of(claim.question).title),
    Column("statement", "What the source says, in the book's words: the same wording as its "
           "chapter, its comparison page and the ledger show.",
           lambda c, claim: markup.plain(claim.statement)),
    Column("strength", "How binding the source makes it (must, should, recommended, encouraged, "
           "may, instruction), read from the source's own verb; empty for a statement of fact.",
           lambda c, claim: claim.strength),
    Column("verb", "The source's own word or words that carry the strength (*skall*, *bør*, "
           "*must*); empty where there is no strength.",
           lambda c, claim: claim.verb),
    Column("value", "The one number the claim turns on, as a reader says it (4 months, "
           "1-2%, up to 4 months); empty where it turns on none.",
           lambda c, claim: compare.value_text(claim.value) if claim.value else None),
    Column("locator", "Where in the source: its own heading, with the English beside it.",
           lambda c, claim: markup.plain(claim.locator)),
    Column("citation_key", "The bibliography key (references.bib) of what the claim cites: the "
           "source itself, or a paper the source reports.",
           lambda c, claim: claim.citation),
    Column("citation", "The same citation as the book prints it: authors and year.",
           lambda c, claim: author_year(c, claim.citation)),
    Column("currency", "Whether what the source says here still applies: Current, Current for "
           "the US, Partly superseded, Out of date, or Predates the 2019-2020 review.",
           lambda c, claim: currency.STATUS_LABEL[_status(c, claim).status]),
    Column("currency_since", "The date (YYYY-MM-DD) of the decision since which it no longer "
           "applies as written; empty where it is current or only predates the review.",
           _since),
    Column("currency_reason", "Why it has that status, in one line.",
           lambda c, claim: markup.plain(_status(c, claim).reason)),
    Column("our_reading", "Whether the statement holds a reading of ours (where the source is "
           "ambiguous or silent, the book says how it reads it).",
           lambda c, claim: claim.reading is not None),
    Column("reading", "That reading; empty where there is none.",
           lambda c, claim: _text(claim.reading.text) if claim.reading else None),
    Column("reading_reason", "Why the book reads it so; empty where there is no reading.",
           lambda c, claim: _text(claim.reading.reason) if claim.reading else None),
    Column("chapter", "The address of the sentence in the source's chapter that states it.",
           lambda c, claim: c.where(compare.claim_label(claim.id))),
    Column("ledger", "The address of its row in the citation ledger.",
           lambda c, claim: c.where(claim.id)),
    Column("shown_on", "The addresses of the other places that show it: its comparison "
           "block, the discrepancies that list it, the timeline and the calculators that use it.",
           _shown_on),
)


def _question(facts: Facts, question_id: str) -> str:
    return next(q.text for t in facts.topics for q in t.questions if q.id == question_id)


def _speakers(context: Context, item: Discrepancy) -> list[str]:
    return list(dict.fromkeys(context.facts.claim(c).source for c in item.claims))


DISCREPANCY_COLUMNS = (
    Column("id", "The discrepancy's identifier in the data (data/discrepancies.yaml).",
           lambda c, item: item.id),
    Column("title", "Its title on the discrepancies page.",
           lambda c, item: plain_text(c, item.title)),
    Column("kind", "contradiction, superseded, scope or wording (the methods page defines "
           "each).", lambda c, item: item.kind),
    Column("clinically_relevant", "Whether a clinician following one source would act "
           "differently than following another.", lambda c, item: item.clinically_relevant),
    Column("claims", "The identifiers of the claims it sets side by side (rows of the claims "
           "file).", lambda c, item: list(item.claims)),
    Column("sources", "The identifiers of the sources that speak, in the order of its claims.",
           _speakers),
    Column("silent_sources", "The identifiers of the sources that say nothing on the point.",
           lambda c, item: list(item.silent)),
    Column("reasons", "Why the sources likely differ (written at different times, different "
           "jurisdictions, ...).", lambda c, item: [compare.REASON_TEXT[r] for r in item.reasons]),
    Column("explanation", "Why they differ, as the page explains it; citations as authors and "
           "year.", lambda c, item: plain_text(c, item.explanation)),
    Column("takeaway", "What to take from it.", lambda c, item: plain_text(c, item.takeaway)),
    Column("our_reading", "Whether the explanation or the takeaway rests on a reading of ours.",
           lambda c, item: item.reading is not None),
    Column("reading", "That reading; empty where there is none.",
           lambda c, item: _text(item.reading.text) if item.reading else None),
    Column("page", "The address of its section on the discrepancies page.",
           lambda c, item: c.where(compare.discrepancy_label(item.id))),
)

TABLES = {"claims": CLAIM_COLUMNS, "discrepancies": DISCREPANCY_COLUMNS}
"""Each download's stem and its columns: ``claims.csv`` and ``claims.json``, and the same for
discrepancies."""

DESCRIPTIONS = {
    "claims": "every claim: one thing one source says, with its citation, status and places",
    "discrepancies": "every discrepancy: where the sources differ, and why",
}


def records(context: Context, stem: str) -> list[Any]:
    """The records of a download, in data order."""
    return list(context.facts.claims if stem == "claims" else context.facts.discrepancies)


def rows(context: Context, stem: str) -> list[dict[str, Cell]]:
    """Each record as {column name: cell}, in the order of the columns."""
    columns = TABLES[stem]
    return [{col.name: col.cell(context, record) for col in columns}
            for record in records(context, stem)]


# --- CSV and JSON --------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP, CSV injection)."""


def spreadsheet_safe(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text: one that would start a formula gets an
    apostrophe in front (OWASP's advice), which the spreadsheet hides.

    Examples:
        >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("-2"), spreadsheet_safe("2-3")
        ("'=HYPERLINK(1)", "'-2", '2-3')
    """
    return f"'{text}" if text.startswith(FORMULA_START) else text


def csv_cell(cell: Cell) -> str:
    """A cell as CSV text: a flag as yes or no, a list joined by ``; ``, None as empty."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, list):
        return "; ".join(cell)
    return cell


BOM = "\ufeff"


def csv_text(stem: str, table: list[dict[str, Cell]]) -> str:
    """The rows as CSV (RFC 4180: commas, double quotes where needed, CRLF), headed by the column
    names, every cell made spreadsheet-safe, starting with a byte order mark: without one, Excel
    reads a UTF-8 file in the computer's legacy code page (*månader* as *mÃ¥nader*); with it,
    Excel, LibreOffice, Google Sheets and Python's ``utf-8-sig`` read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [column.name for column in TABLES[stem]]
    writer.writerow(names)
    for row in table:
        writer.writerow([spreadsheet_safe(csv_cell(row[name])) for name in names])
    return BOM + out.getvalue()


def json_text(stem: str, table: list[dict[str, Cell]]) -> str:
    """The rows as JSON (UTF-8, no byte order mark): an object with what the file holds, each
    column's description, and the rows under the stem's name. Cells as they are: no apostrophe."""
    document = {
        "description": f"The alemtuzumab knowledge base: {DESCRIPTIONS[stem]}.",
        "columns": {column.name: markup.plain(column.description) for column in TABLES[stem]},
        stem: table,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


# --- Report a problem ----------------------------------------------------------------------


def issue_url(repository: str, claim: Claim, page: str) -> str:
    """The address that opens a new issue in `repository` about a claim shown at `page` (its
    address), prefilled with the claim's id, the page and the claim's current text.

    Examples:
        >>> from alemtuzumab_kb.facts import Claim
        >>> claim = Claim(id="x-1", question="q", source="s", statement="A *skall* rule.",
        ...               locator="*L*", citation="k")
        >>> issue_url("https://github.com/o/r/", claim, "book/a.html#x-1")
        'https://github.com/o/r/issues/new?title=Claim+x-1:+a+problem&body=Claim:+x-1%0APage:+book/a.html%23x-1%0AText:+A+skall+rule.%0A%0AWhat+is+wrong,+and+what+does+the+source+say%3F%0A'
    """
    title = f"Claim {claim.id}: a problem"
    body = "\n".join([
        f"Claim: {claim.id}",
        f"Page: {page}",
        f"Text: {markup.plain(claim.statement)}",
        "",
        "What is wrong, and what does the source say?",
        "",
    ])
    safe = ",()':/"  # left as they are in a query (RFC 3986): shorter, and read the same
    return (f"{repository.rstrip('/')}/issues/new?title={quote_plus(title, safe=safe)}"
            f"&body={quote_plus(body, safe=safe)}")

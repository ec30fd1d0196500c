"""The regulatory timeline: decisions and the date of each source on one axis.

A reader sees at a glance which documents predate which decision (the 2019 review and its
interim measures, the January 2020 restriction of the indication).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import altair as alt

from alemtuzumab_kb.facts import Facts

REGULATORY = "Regulatory decision"
SOURCE = "Source document"
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = {REGULATORY: "#D55E00", SOURCE: "#0072B2"}


@dataclass(frozen=True)
class Row:
    """One dated item on the timeline."""

    date: dt.date
    kind: str
    title: str
    citations: tuple[str, ...]
    label: str | None
    """Where the reader can check it in the book: a chapter label (None: only the bibliography)."""
    references: tuple[tuple[str, str], ...]
    """(citation, locator) of cited references other than the source chapters (EMA's page)."""
    name: str
    """A short name for the chart's axis."""
    event: str | None = None
    """The id of a regulatory event (None for a source document)."""
    status: str | None = None
    """A source document's status as a whole (data/currency.yaml); None for an event."""


def timeline_rows(facts: Facts) -> list[Row]:
    """Regulatory events and source documents in date order."""
    rows = []
    for event in facts.timeline:
        claims = [facts.claim(claim_id) for claim_id in event.claims]
        citations = [c.citation for c in claims] + [r.citation for r in event.references]
        rows.append(Row(
            date=event.date,
            kind=REGULATORY,
            title=event.title,
            citations=tuple(dict.fromkeys(citations)),
            label=facts.section_of(claims[0]) if claims else None,
            references=tuple((r.citation, r.locator) for r in event.references),
            name=event.title,
            event=event.id,
        ))
    for source in facts.sources:
        date = source.updated or source.issued
        if date is None:
            continue
        rows.append(Row(
            date=date,
            kind=SOURCE,
            title=f"{source.short} ({source.date_note})",
            citations=(source.citation,),
            label=source.chapter,
            references=(),
            name=source.short,
            status=facts.currency_of(source.id).status,
        ))
    return sorted(rows, key=lambda row: (row.date, row.kind))


def timeline_description(facts: Facts) -> str:
    """A text alternative for the chart: every item in date order, in one paragraph."""
    items = "; ".join(f"{row.date.isoformat()}: {row.title}" for row in timeline_rows(facts))
    return f"Timeline of regulatory decisions and source documents, in date order. {items}."


def timeline_chart(facts: Facts) -> alt.Chart:
    """An Altair chart: one row per item, a dot at its date, coloured by kind."""
    rows = timeline_rows(facts)
    data = alt.Data(values=[
        {"date": row.date.isoformat(), "kind": row.kind, "item": row.name, "order": i}
        for i, row in enumerate(rows)
    ])
    colour = alt.Color(
        "kind:N",
        title=None,
        scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values())),
        legend=alt.Legend(orient="top", direction="vertical"),
    )
    base = alt.Chart(data).encode(
        x=alt.X("date:T", title="Date", axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("item:N", title=None, sort=alt.SortField("order"),
                # Names take at most 360 px, and less than half the width on a phone.
                axis=alt.Axis(labelLimit=alt.ExprRef("min(360, containerSize()[0] * 0.45)"))),
    )
    dots = base.mark_circle(size=140, opacity=1).encode(
        color=colour,
        tooltip=[alt.Tooltip("date:T", format="%d %B %Y"), "item:N", "kind:N"],
    )
    return dots.properties(width="container", height=alt.Step(26))

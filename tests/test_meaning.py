"""The sources' meaning, kept (issue 24).

A line-by-line reading found conditions dropped or added, the book's own readings written as a
source's words, discrepancies whose kind did not fit its definition, and an at-a-glance symbol
that said "differs" where only one source speaks. Each test here would have caught one kind:
phrases that must not come back (as tests/test_strength.py does for the verbs), phrases that must
stay, and the discrepancy kinds checked against their definitions where the data allows it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
import pytest
import yaml

from alemtuzumab_kb import compare
from alemtuzumab_kb.facts import Claim, Discrepancy, Value, load_facts
from tests.chapters import chapter_sections, expand
from tests.originals import original

ROOT = Path(__file__).resolve().parent.parent
FACTS = load_facts()
LEVELS = {level.level: level for level in FACTS.strengths}
DIRECTIVE = ("must", "should", "recommended", "encouraged")


# --- Where the book's text lives -----------------------------------------------------------


def _strings(node: object, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a YAML tree, with a path to it (comments are not data, so not read)."""
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            name = value.get("id", index) if isinstance(value, dict) else index
            yield from _strings(value, f"{where}[{name}]")


def data_texts() -> list[tuple[str, str]]:
    """Every text in data/: claims, discrepancies, timeline, source cards, rules, topics."""
    texts = []
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem)
    return texts


def page_texts() -> list[tuple[str, str]]:
    """The book's pages: every MyST page and every notebook's Markdown cells."""
    texts = []
    for path in sorted((ROOT / "book").rglob("*.md")):
        if "_build" not in path.parts:
            texts.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    for path in sorted((ROOT / "book").rglob("*.ipynb")):
        if "_build" in path.parts:
            continue
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
        texts.append((str(path.relative_to(ROOT)), "\n".join(markdown)))
    return texts


DATA_TEXTS = data_texts()
PAGE_TEXTS = page_texts()
ALL_TEXTS = DATA_TEXTS + PAGE_TEXTS


def sentences(text: str) -> list[str]:
    """Sentences, split at a full stop, a semicolon or a line end (pages: one sentence a line)."""
    return [s for s in re.split(r"(?<=[.;])\s+|\n", text) if s.strip()]


def cited(citation: str) -> list[Claim]:
    return [c for c in FACTS.claims if c.citation == citation]


# --- Phrases that must not come back ------------------------------------------------------

# Claims citing the Norwegian letter: each phrase with what the letter says instead.
NOT_IN_THE_LETTER = {
    "suspected adverse": "the letter asks for reports of adverse reactions, not suspected ones",
    "reactions to lemtrada": "reactions in patients using Lemtrada, whatever their cause",
    "agreed with": "*i samråd med* is 'in consultation with'",
    "highly active (*svært aktiv*)": "*svært aktiv* is 'very active'; one level is our reading",
    "new patients must have had": "the first of two alternative routes, not every new patient",
    "article 20": "the letter names no procedure",
    "referral": "the letter speaks of a review (*gjennomgang*)",
    "prac": "the letter names no committee",
    "chmp": "the letter names no committee",
}
# Terms that would stand in the Norwegian original as they are, if it used them.
ABSENT_FROM_THE_LETTER = ("Article 20", "PRAC", "CHMP", "referral")


@pytest.mark.parametrize("claim", cited("dhpc2019"), ids=lambda c: c.id)
def test_letter_claims_say_nothing_the_letter_does_not(claim: Claim) -> None:
    said = claim.statement.casefold()
    found = {phrase: why for phrase, why in NOT_IN_THE_LETTER.items() if phrase in said}
    assert found == {}, claim.id


def test_the_terms_kept_out_of_letter_claims_are_not_in_the_letter() -> None:
    letter = original("dhpc").casefold()
    assert [t for t in ABSENT_FROM_THE_LETTER if t.casefold() in letter] == []


def test_the_bibliography_describes_each_document_in_its_own_words() -> None:
    """The letter was sent *i samråd med* (in consultation with) EMA, not "agreed with" it, and
    the Swedish document calls itself an *SMS rekommendation*, never a behandlingsrekommendation."""
    entries = {e.key: e for e in bibtexparser.parse_file(str(ROOT / "references.bib")).entries}
    for key, source_id, own_words, not_its_words in (
        ("dhpc2019", "dhpc", "i samråd med", "agreed with"),
        ("sms2025", "sms", "SMS rekommendation", "behandlingsrekommendation"),
    ):
        howpublished = entries[key].fields_dict["howpublished"].value
        assert own_words in howpublished and own_words.casefold() in original(source_id).casefold()
        assert not_its_words not in howpublished
        assert not_its_words.casefold() not in original(source_id).casefold()


GVHD_FROM_TRANSFUSION = re.compile(
    r"(graft-versus-host|GVHD)[^.;]*\b(after|with|from|by)\s+(a\s+|any\s+)?(blood\s+)?transfusion",
    re.IGNORECASE,
)


def test_graft_versus_host_disease_is_not_tied_to_transfusion() -> None:
    """The guideline puts the risk after alemtuzumab treatment; a link to transfusion is ours."""
    assert GVHD_FROM_TRANSFUSION.search("graft-versus-host disease (GVHD) after blood transfusion")
    assert [where for where, text in ALL_TEXTS if GVHD_FROM_TRANSFUSION.search(text)] == []


def test_irradiation_advice_keeps_within_haematology() -> None:
    """*Inom hematologin rekommenderas*: a practice reported within haematology, not a rule of the
    guideline's own; every text that gives the advice says where it comes from."""
    giving = [
        (where, text) for where, text in DATA_TEXTS
        if re.search(r"irradiat\w*\s+(blood|of blood)", text, re.I) and "recommend" in text
    ]
    assert len(giving) >= 4
    assert [where for where, text in giving if "haematology" not in text] == []


def test_the_washout_texts_add_no_timing_the_guideline_does_not_give() -> None:
    """The guideline recommends accelerated elimination after teriflunomide and says nothing of
    when alemtuzumab starts after it."""
    texts = [(w, t) for w, t in ALL_TEXTS if "washout" in w]
    assert len(texts) >= 2
    assert [w for w, t in texts if re.search(r"depends on when", t, re.I)] == []


def test_per_course_counting_of_the_guideline_is_marked_as_ours() -> None:
    """The guideline counts contraception and breastfeeding from "the last alemtuzumab infusion";
    counting it from each course's last infusion is the book's reading, recorded as one in data
    (issue 24), which every calculator and rules table shows under the label "Our reading"."""
    marked = 0
    for path in ("contraception", "schedule"):
        rules = yaml.safe_load((ROOT / "data" / "rules" / f"{path}.yaml").read_text("utf-8"))
        for record in _records(rules):
            text = " ".join(str(record.get("text", "")).split())
            if "course" in text and re.search(r"Reliable contraception|Breastfeeding should", text):
                assert "each course" in record.get("reading", {}).get("text", ""), text
                marked += 1
    assert marked == 4


def _records(node: object) -> list[dict]:
    """Every mapping in a YAML tree."""
    if isinstance(node, dict):
        return [node, *(r for value in node.values() for r in _records(value))]
    if isinstance(node, list):
        return [r for value in node for r in _records(value)]
    return []


def uncited_article_20(texts: list[tuple[str, str]]) -> list[str]:
    """Sentences that name the Article 20 referral without citing EMA's referral page."""
    return [
        f"{where}: {sentence}"
        for where, text in texts
        for sentence in sentences(text)
        if "Article 20" in sentence and "ema2020" not in sentence
    ]


def test_the_timeline_and_pages_cite_ema_for_the_referral() -> None:
    """The letter names no Article 20 referral: a sentence that does cites EMA's referral page."""
    letter_cited = "EMA began a safety review (an Article 20 referral) {cite:p}`dhpc2019`."
    assert uncited_article_20([("example", letter_cited)])
    assert uncited_article_20(PAGE_TEXTS) == []
    for event in FACTS.timeline:
        if "Article 20" in event.description:
            assert "ema2020" in {r.citation for r in event.references}, event.id


# What EMA's referral page (ema2020, its stored Overview) does not say, though the product
# information does: a sentence citing ema2020 must not put these words in its mouth.
NOT_ON_THE_EMA_PAGE = (
    "full and adequate", "rapidly evolving", "cerebrovascular", "was kept", "were kept",
)


def test_sentences_citing_ema_stay_within_its_page() -> None:
    citing = [s for _, text in ALL_TEXTS for s in sentences(text) if "ema2020" in s]
    assert len(citing) >= 10
    assert [s for s in citing if any(p in s.casefold() for p in NOT_ON_THE_EMA_PAGE)] == []


def test_the_glossary_quotes_the_guideline_spelling_with_sic() -> None:
    """The guideline writes *pupura*; a quotation keeps it, marked [sic], and corrects nothing."""
    guideline = original("sms").casefold()
    for path in ("book/reviewers/glossary.md", "book/sources/sources-sms.md"):
        text = (ROOT / path).read_text(encoding="utf-8")
        quoted = re.findall(r"\*([^*]*trombocytop[^*]*)\*", text, re.I)
        assert quoted, path
        assert [q for q in quoted if q.casefold() not in guideline] == [], path
    assert "pupura* [sic]" in (ROOT / "book/reviewers/glossary.md").read_text(encoding="utf-8")


def test_ema_most_common_side_effects_keep_may() -> None:
    """EMA: the most common side effects "may affect more than 2 in 10 people"."""
    texts = [c.statement for c in cited("ema2013")]
    texts.append(expand((ROOT / "book/sources/sources-ema.md").read_text(encoding="utf-8"), FACTS))
    found = 0
    for text in texts:
        for sentence in sentences(text):
            if re.search(r"(more than|over) 2 in 10", sentence):
                found += 1
                assert re.search(r"\b(may|possibly)\b", sentence), sentence
    assert found >= 4


# --- Phrases that must stay -----------------------------------------------------------------

# A condition, a qualifier or an agent the source gives, and the record that must keep it.
MUST_KEEP = {
    "dhpc-indication-population": ["adults", "full and adequate", "*høyaktiv*", "*svært aktiv*"],
    "dhpc-indication-prior-therapy": ["adults", "*høyaktiv*", "*eller*", "full and adequate"],
    "dhpc-indication-prior-therapy-unsuitable": ["adults", "*svært aktiv*"],
    "dhpc-regulatory-restrictions-reporting": ["in patients using Lemtrada"],
    "sms-autoimmunity-itp": ["can raise"],
    "mssociety-indication-prior-therapy-first": ["only if"],
    "ahfs-autoimmunity-other-cytopenias": ["closely"],
    "ahfs-autoimmunity-other-ttp": ["recognised and treated early"],
    "ahfs-other-adverse-further-still": ["recognised early and treated"],
    "ahfs-pregnancy-contraception": ["Women"],
    "sms-contraindications-blood-products": ["within haematology"],
}


@pytest.mark.parametrize("claim_id", sorted(MUST_KEEP))
def test_claims_keep_the_conditions_of_their_source(claim_id: str) -> None:
    statement = FACTS.claim(claim_id).statement
    assert [p for p in MUST_KEEP[claim_id] if p not in statement] == []


def test_unopened_vials_are_protected_from_light_too() -> None:
    statement = FACTS.claim("ahfs-dosing-preparation-storage").statement
    assert statement.count("protected from light") == 2


def test_the_letters_interim_rule_keeps_its_conditions_wherever_it_is_retold() -> None:
    retold = [e.description for e in FACTS.timeline if e.id == "interim-measures-norway"]
    retold += [d.explanation for d in FACTS.discrepancies if d.id == "eligibility-prior-therapy"]
    assert len(retold) == 2
    for text in retold:
        assert "full and adequate" in text and "adequately" in text and "adult" in text


@pytest.mark.parametrize(
    "claim",
    [c for c in FACTS.claims if c.strength in DIRECTIVE],
    ids=lambda c: c.id,
)
def test_chapter_sections_keep_the_strength_of_their_claims(claim: Claim) -> None:
    """The chapter section a claim points at reads at the claim's strength somewhere: "is
    required" did not become "is needed", nor "encouraged to report" "asked to phone in"."""
    section = chapter_sections(FACTS)[FACTS.section_of(claim)]
    english = LEVELS[claim.strength].english
    assert any(re.search(pattern, section, re.IGNORECASE) for pattern in english), claim.id


def test_a_must_of_the_letter_is_not_retold_as_a_request() -> None:
    """The letter's *skal* is must: a discrepancy does not say the DHPC "asks" for it."""
    asks = re.compile(r"\b(DHPC|letter)\b[^.;]{0,30}\basks\b")
    assert [d.id for d in FACTS.discrepancies if asks.search(d.explanation + d.takeaway)] == []


# --- Discrepancy kinds against their definitions ---------------------------------------------


def speaking(item: Discrepancy) -> set[str]:
    return {FACTS.claim(c).source for c in item.claims}


def test_a_contradiction_has_two_sources_that_speak() -> None:
    assert [d.id for d in FACTS.discrepancies
            if d.kind == "contradiction" and len(speaking(d)) < 2] == []


def test_one_source_alone_is_a_difference_of_scope() -> None:
    """Where only one source speaks, the others cover less ground: nothing is contradicted or
    reworded."""
    alone = [d for d in FACTS.discrepancies if len(speaking(d)) == 1]
    assert alone
    assert [d.id for d in alone if d.kind != "scope"] == []


def test_a_superseded_difference_is_one_of_date() -> None:
    superseded = [d for d in FACTS.discrepancies if d.kind == "superseded"]
    assert superseded
    assert [d.id for d in superseded if "date" not in d.reasons] == []


# A contradiction's own text cannot call the difference one of words; a wording difference's
# text cannot say the two cannot both hold.
NOT_A_CONTRADICTION = ("simplification", "same meaning", "agree in substance", "same figure")
NOT_WORDING = ("cannot both",)


@pytest.mark.parametrize("item", FACTS.discrepancies, ids=lambda d: d.id)
def test_the_text_of_a_discrepancy_fits_its_kind(item: Discrepancy) -> None:
    text = f"{item.explanation} {item.takeaway}".casefold()
    if item.kind == "contradiction":
        assert [p for p in NOT_A_CONTRADICTION if p in text] == []
    if item.kind == "wording":
        assert [p for p in NOT_WORDING if p in text] == []


MONTHS = {"months": 1, "weeks": 12 / 52, "days": 12 / 365, "hours": 12 / 365 / 24, "years": 12}


def time_span(value: Value | None) -> tuple[float, float, bool] | None:
    """A time value as (low, high, open at low) in months; None for other units or "about"."""
    if value is None:
        return None
    unit, span = value.quantity
    if unit not in MONTHS or value.qualifier == "about":
        return None
    low, high = (span if isinstance(span, tuple) else (span, span))
    low, high = low * MONTHS[unit], high * MONTHS[unit]
    if value.qualifier == "more than":
        return high, math.inf, True
    if value.qualifier == "at least":
        return low, math.inf, False
    if value.qualifier in ("up to", "within", "less than"):
        return 0.0, high, False
    return low, high, False


def disjoint(a: tuple[float, float, bool], b: tuple[float, float, bool]) -> bool:
    (low_a, high_a, open_a), (low_b, high_b, open_b) = sorted([a, b])
    return high_a < low_b or (open_b and high_a <= low_b)


def times_that_cannot_both_hold(item: Discrepancy) -> list[tuple[str, str]]:
    """Pairs of claims by different sources, on one question, whose times do not overlap."""
    claims = [FACTS.claim(c) for c in item.claims]
    pairs = []
    for index, first in enumerate(claims):
        for second in claims[index + 1 :]:
            if first.source == second.source or first.question != second.question:
                continue
            spans = time_span(first.value), time_span(second.value)
            if spans[0] and spans[1] and disjoint(spans[0], spans[1]):
                pairs.append((first.id, second.id))
    return pairs


def test_the_time_check_finds_what_it_should() -> None:
    assert disjoint((6, 60, False), (84, math.inf, True))
    assert not disjoint((4 / 730, 6 / 730, False), (4 / 730, 4 / 730, False))
    assert not disjoint((0, 3, False), (2, math.inf, False))


@pytest.mark.parametrize("item", FACTS.discrepancies, ids=lambda d: d.id)
def test_times_that_cannot_both_hold_are_a_contradiction(item: Discrepancy) -> None:
    """6-60 months and "more than 7 years" for one onset cannot both hold: not scope or wording."""
    pairs = times_that_cannot_both_hold(item)
    assert not pairs or item.kind == "contradiction", pairs


# --- The at-a-glance symbol follows the page -------------------------------------------------


@pytest.mark.parametrize("topic", [t.id for t in FACTS.topics])
def test_a_source_that_speaks_alone_is_never_shown_as_differing(topic: str) -> None:
    for block in compare.question_blocks(FACTS, topic):
        states = dict(block.glance)
        if len(block.entries) == 1:
            assert states[block.entries[0].source] == "says", block.question


def test_the_fertility_row_shows_the_swedish_guideline_as_saying() -> None:
    blocks = compare.question_blocks(FACTS, "pregnancy")
    block = next(b for b in blocks if b.question == "pregnancy-fertility")
    assert dict(block.glance)["sms"] == "says"

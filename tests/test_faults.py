"""Nothing wrong is published (issue 16): each fault an editor can make in data/, planted in a
scratch copy, stops the loader (or the build's data check) with one sentence that names the
file, the line, the record and the key; none passes silently, none is a bare exception."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from alemtuzumab_kb import facts
from alemtuzumab_kb.facts import DATA, DataError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from facts_pages import data_faults, quiet_reported_label  # noqa: E402

LOADERS = (
    facts.load_facts,
    facts.load_trials,
    facts.load_therapies,
    facts.load_washout_rules,
    facts.load_contraception_rules,
    facts.load_schedule_rules,
)
SWITCHING = "claims/switching.yaml"
FIRST_CLAIM = "sms-switching-from-injectables-interferon"
FIRST_VALUE = "  value: {months: 0}\n"


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    """A scratch copy of data/; the loaders' caches are emptied before and after."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    for loader in LOADERS:
        loader.cache_clear()
    yield copy
    for loader in LOADERS:
        loader.cache_clear()


def load_everything(data: Path) -> None:
    for loader in LOADERS:
        loader(data)


def replace(data: Path, name: str, old: str, new: str) -> int:
    """Replace the first `old` in data/`name` with `new`; return the line `new` starts on."""
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    start = text.index(old)
    path.write_text(text[:start] + new + text[start + len(old) :], encoding="utf-8")
    return text[:start].count("\n") + 1


def one_sentence(message: str) -> None:
    """One sentence: it ends with a full stop and has no full stop followed by a new sentence."""
    assert message.endswith("."), message
    assert not re.search(r"\.\s+[A-Z]", message), message
    assert "Traceback" not in message and "\n" not in message, message


def refused(data: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load_everything(data)
    one_sentence(str(caught.value))
    return caught.value


# Each fault: how it is planted (returning the file and the line where it sits) and what the
# sentence must say after "<file>, line <n>, <record>, key <key>: ".
Plant = Callable[[Path], tuple[str, int]]


def _value(new: str) -> Plant:
    return lambda d: (SWITCHING, replace(d, SWITCHING, FIRST_VALUE, new) + 0)


def _line_after(data: Path, name: str, first: str, text: str) -> int:
    """The line of the first `text` after `first` in data/`name`."""
    content = (data / name).read_text(encoding="utf-8")
    return content[: content.index(text, content.index(first))].count("\n") + 1


def _line_of(data: Path, name: str, text: str) -> int:
    content = (data / name).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


FAULTS: dict[str, tuple[Plant, str, str, str]] = {
    "reversed range": (
        _value("  value: {months: [3, 2]}\n"),
        f"claim {FIRST_CLAIM}", "value.months",
        "the range [3, 2] runs backwards; write the smaller number first, [2, 3].",
    ),
    "true read as a number": (
        _value("  value: {months: true}\n"),
        f"claim {FIRST_CLAIM}", "value.months", "give a number, not true",
    ),
    "a quoted number": (
        _value('  value: {months: "2"}\n'),
        f"claim {FIRST_CLAIM}", "value.months", "give a number, not the text '2'",
    ),
    ".nan": (
        _value("  value: {months: .nan}\n"),
        f"claim {FIRST_CLAIM}", "value.months", "give a finite number, not .nan.",
    ),
    ".inf": (
        _value("  value: {months: .inf}\n"),
        f"claim {FIRST_CLAIM}", "value.months", "give a finite number, not .inf.",
    ),
    "negative months": (
        _value("  value: {months: -1}\n"),
        f"claim {FIRST_CLAIM}", "value.months",
        "-1 is outside the range data/limits.json allows for months, from 0 to 120.",
    ),
    "fractional months": (
        _value("  value: {months: 1.5}\n"),
        f"claim {FIRST_CLAIM}", "value.months", "1.5 is not a whole number of months",
    ),
    "a duration in the wrong unit": (
        _value("  value: {percent: 2}\n"),
        f"claim {FIRST_CLAIM}", "value",
        "it is given in percent, which is not a length of calendar time (give months, weeks, "
        "days or years); data/rules/washout.yaml line",
    ),
    "an impossible date": (
        lambda d: ("timeline.yaml", replace(d, "timeline.yaml", "date: 2013-09-12",
                                            "date: 2013-02-30")),
        "timeline event eu-approval", "date", "'2013-02-30' is not a real date",
    ),
    "a date outside the window": (
        lambda d: ("timeline.yaml", replace(d, "timeline.yaml", "date: 2013-09-12",
                                            "date: 2103-09-12")),
        "timeline event eu-approval", "date",
        "2103-09-12 is outside the dates data/limits.json allows",
    ),
    "an unknown source": (
        lambda d: (SWITCHING, replace(d, SWITCHING, "  source: sms\n", "  source: smss\n")),
        f"claim {FIRST_CLAIM}", "source", "'smss' is not a source in data/sources.yaml",
    ),
    "an unknown question": (
        lambda d: (SWITCHING, replace(d, SWITCHING, "  question: switching-from-injectables\n",
                                      "  question: switching-from-nowhere\n")),
        f"claim {FIRST_CLAIM}", "question",
        "'switching-from-nowhere' is not a question in data/topics.yaml",
    ),
    "a key written twice": (
        lambda d: (SWITCHING, replace(d, SWITCHING, "  source: sms\n",
                                      "  source: sms\n  source: ema\n") + 1),
        f"claim {FIRST_CLAIM}", "source", "the key 'source' is written twice (first at line",
    ),
    "an unknown key": (
        lambda d: (SWITCHING, replace(d, SWITCHING, "  source: sms\n",
                                      "  source: sms\n  colour: red\n") + 1),
        f"claim {FIRST_CLAIM}", "colour", "colour is not a key this record takes",
    ),
    "an arm size of true": (
        lambda d: ("trials.yaml", replace(d, "trials.yaml", "analysed: 187", "analysed: true")),
        "trial care-ms-i", "published.control.analysed", "give a number, not true",
    ),
    "an arm size out of range": (
        lambda d: ("trials.yaml", replace(d, "trials.yaml", "analysed: 187",
                                          "analysed: 1000000000")),
        "trial care-ms-i", "published.control.analysed",
        "1000000000 is outside the range data/limits.json allows for an arm size, from 1 to",
    ),
    "a rule naming no claim": (
        lambda d: ("rules/washout.yaml", replace(d, "rules/washout.yaml",
                                                 f"    interval: {FIRST_CLAIM}\n",
                                                 "    interval: no-such-claim\n")),
        "rule interferon-beta", "interval", "no claim 'no-such-claim' in data/claims/",
    ),
    "a status that cites nothing": (
        lambda d: ("currency.yaml", replace(
            d, "currency.yaml",
            "      event: commission-decision\n      claims: [referral-indication-population, ",
            "      claims: [referral-indication-population, ") - 2),
        "currency of dhpc", "standings[0]",
        "a status 'out of date' cites what replaced it, or what it predates: give `event`",
    ),
    "a status citing an unknown event": (
        lambda d: ("currency.yaml", replace(
            d, "currency.yaml", "      event: commission-decision\n", "      event: no-such-event\n"
        )),
        "currency of dhpc", "standings[0].event", "no event 'no-such-event' in data/timeline.yaml",
    ),
    "a document replaced by what came before it": (
        lambda d: ("currency.yaml", replace(d, "currency.yaml", "      event: referral-start\n",
                                            "      event: eu-approval\n")),
        "currency of ema", "standings[4].event",
        "the event eu-approval (2013-09-12) is not later than the document (2013-09-12)",
    ),
    "a question a source speaks to without a status": (
        lambda d: ("currency.yaml", (
            replace(d, "currency.yaml", "efficacy, infusion-reactions, infections, autoimmunity",
                    "efficacy, infusion-reactions, autoimmunity"),
            _line_after(d, "currency.yaml", "- source: mssociety", "    - status:"),
        )[1]),
        "currency of mssociety", "standings",
        "no status for question infections-common (topic infections), on which the source speaks",
    ),
    "an answer citing another question's claim": (
        lambda d: ("answers.yaml", replace(d, "answers.yaml",
                                           "      claims: [referral-indication-population]\n",
                                           "      claims: [referral-indication-setting]\n")),
        "answer to indication-population", "eu[0].claims[0]",
        "claim referral-indication-setting answers indication-setting, not this question",
    ),
    "an answer citing an old source as today's": (
        lambda d: ("answers.yaml", replace(d, "answers.yaml",
                                           "      claims: [referral-indication-population]\n",
                                           "      claims: [ema-indication-population]\n")),
        "answer to indication-population", "eu[0].claims[0]",
        "claim ema-indication-population belongs in part 'older'",
    ),
    "a discrepancy naming no claim": (
        lambda d: ("discrepancies.yaml", replace(d, "discrepancies.yaml", "claims: [",
                                                 "claims: [no-such-claim, ")),
        "discrepancy", "claims[0]", "no claim 'no-such-claim' in data/claims/",
    ),
}


@pytest.mark.parametrize("name", FAULTS)
def test_a_planted_fault_is_one_sentence_with_file_line_record_and_key(
    data: Path, name: str
) -> None:
    plant, record, key, problem = FAULTS[name]
    where, line = plant(data)
    error = refused(data)
    message = str(error)
    head = f"data/{where}, line {line}, {record}"
    assert message.startswith(head), f"{message!r} does not start with {head!r}"
    assert f", key {key}: {problem}" in message, message
    assert error.path == data / where and error.line == line


def test_the_same_claim_id_in_two_files_names_both(data: Path) -> None:
    """Before, the file that sorted first won without a word (a planted copy made the
    fingolimod washout 6 months on the calculator and the comparison page)."""
    record = (data / SWITCHING).read_text(encoding="utf-8")
    first = _line_of(data, SWITCHING, "- id: sms-switching-from-fingolimod")
    copy = record[record.index("- id: sms-switching-from-fingolimod"):]
    copy = copy[: copy.index("\n\n")].replace("{months: 2}", "{months: 6}")
    (data / "claims" / "zz-copy.yaml").write_text(copy + "\n", encoding="utf-8")
    message = str(refused(data))
    assert message.startswith(
        "data/claims/zz-copy.yaml, line 1, claim sms-switching-from-fingolimod, key id: the id "
        f"sms-switching-from-fingolimod is already used in data/{SWITCHING} (line {first})"
    ), message


@pytest.mark.parametrize("name", ["claims/extra.yml", "timeline.yml", "claims/notes.txt"])
def test_a_file_the_loader_would_skip_is_refused(data: Path, name: str) -> None:
    (data / name).write_text("[]\n", encoding="utf-8")
    message = str(refused(data))
    assert message.startswith(f"data/{name}: data files end in .yaml, so this one would be "
                              "skipped without a word"), message


@pytest.mark.parametrize("name", ["trials.yaml", "sources.yaml", "rules/schedule.yaml"])
def test_a_deleted_file_is_named(data: Path, name: str) -> None:
    (data / name).unlink()
    message = str(refused(data))
    assert message.startswith(f"data/{name}: the file is missing"), message
    assert f"git checkout -- data/{name}" in message


def test_bytes_that_are_not_utf8_name_their_line_record_and_key(data: Path) -> None:
    path = data / SWITCHING
    line = _line_of(data, SWITCHING, "    No washout is needed when switching from glatiramer")
    path.write_bytes(path.read_bytes().replace(b"from glatiramer", b"fr\xe9m glatiramer", 1))
    message = str(refused(data))
    assert message == (
        f"data/{SWITCHING}, line {line}, claim sms-switching-from-injectables-glatiramer, key "
        "statement: byte 0xE9 is not UTF-8 text; save the file as UTF-8."
    )


def test_a_yaml_syntax_error_names_its_line(data: Path) -> None:
    line = replace(data, SWITCHING, "  source: sms\n", "  source: [sms\n")
    message = str(refused(data))
    assert message.startswith(f"data/{SWITCHING}, line {line + 1}: not valid YAML"), message


# --- Faults only the book knows: citation keys and chapter sections --------------------------


def _build_faults(data: Path) -> list[str]:
    faults, _ = data_faults(ROOT, ["references.bib"], data)
    return [str(fault) for fault in faults]


def test_the_real_data_has_no_fault_the_build_would_report() -> None:
    assert _build_faults(DATA) == []


def test_a_citation_key_missing_from_the_bibliography_is_reported_in_data(data: Path) -> None:
    line = replace(data, SWITCHING, "  citation: sms2025\n", "  citation: sms2052\n")
    (message,) = _build_faults(data)
    one_sentence(message)
    assert message == (
        f"data/{SWITCHING}, line {line}, claim {FIRST_CLAIM}, key citation: 'sms2052' is not a "
        "key in references.bib; correct the key or add the entry."
    )


def test_a_timeline_reference_missing_from_the_bibliography_is_reported(data: Path) -> None:
    line = replace(data, "timeline.yaml", "    - {citation: ema2020,", "    - {citation: ema2002,")
    (message,) = _build_faults(data)
    assert message.startswith(f"data/timeline.yaml, line {line}, timeline event "), message
    assert message.endswith(", key references[0].citation: 'ema2002' is not a key in "
                            "references.bib; correct the key or add the entry."), message


def test_a_trial_citation_missing_from_the_bibliography_is_reported(data: Path) -> None:
    """The trial's key and its published figures' key, which must be the same, both changed."""
    text = (data / "trials.yaml").read_text(encoding="utf-8")
    (data / "trials.yaml").write_text(text.replace("citation: cohen2012", "citation: cohen2021"))
    line = text[: text.index("  citation: cohen2012")].count("\n") + 1
    (message,) = _build_faults(data)
    assert message == (
        f"data/trials.yaml, line {line}, trial care-ms-i, key citation: 'cohen2021' is not a key "
        "in references.bib; correct the key or add the entry."
    )


def test_a_chapter_section_that_is_no_label_is_reported_in_data(data: Path) -> None:
    line = replace(data, SWITCHING, "  citation: sms2025\n",
                   "  citation: sms2025\n  section: src-sms-nowhere\n") + 1
    faults, bad_labels = data_faults(ROOT, ["references.bib"], data)
    (message,) = [str(fault) for fault in faults]
    assert message.startswith(
        f"data/{SWITCHING}, line {line}, claim {FIRST_CLAIM}, key section: its chapter section "
        "'src-sms-nowhere' is no label in the book"
    ), message
    assert bad_labels == {"src-sms-nowhere"}
    assert faults[0].path == data / SWITCHING and faults[0].line == line


def test_a_load_fault_stops_the_build_check_with_its_place(data: Path) -> None:
    line = replace(data, SWITCHING, FIRST_VALUE, "  value: {months: [3, 2]}\n")
    faults, _ = data_faults(ROOT, ["references.bib"], data)
    assert [(fault.path, fault.line) for fault in faults] == [(data / SWITCHING, line)]


def test_a_reference_to_a_reported_section_stays_quiet_on_the_pages() -> None:
    """The build reports a bad section once, in data/; the pages show the link text unlinked."""

    class Env:
        facts_bad_labels = {"src-sms-nowhere"}

    text = object()
    reported = {"refdomain": "std", "reftarget": "src-sms-nowhere"}
    other = {"refdomain": "std", "reftarget": "src-sms-elsewhere"}
    assert quiet_reported_label(None, Env(), reported, text) is text
    assert quiet_reported_label(None, Env(), other, text) is None

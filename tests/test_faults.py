"""Nothing wrong is published (issue 16): each fault an editor can make in data/, planted in a
scratch copy, stops the loader (or the build's data check) with one sentence that names the
file, the line, the record and the key; none passes silently, none is a bare exception."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
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


# --- Data text is text (issue 23): what a hostile pull request could plant in a text field ---

FIRST_STATEMENT = "    No washout is needed when switching to alemtuzumab from interferon beta.\n"
FIRST_LOCATOR = '  locator: "*Wash-out*, *Byte till alemtuzumab* (switching to alemtuzumab)"\n'


def _statement(new: str) -> Plant:
    """The first claim's statement replaced by `new` (a folded YAML line); the fault is placed
    at the line of its key."""
    return lambda d: (SWITCHING, replace(d, SWITCHING, FIRST_STATEMENT, f"    {new}\n") - 1)


def _field(old: str, new: str) -> Plant:
    return lambda d: (SWITCHING, replace(d, SWITCHING, old, new))


HTML = (
    "HTML (at {}); data text holds none ('<' may stand only before a number or a space, as in "
    "'<2 %')."
)
SUBSTITUTION = (
    "it holds a template substitution; data text is never evaluated: write the text itself."
)
NOT_AN_ID = (
    "is not an id: write lower-case ASCII letters and digits joined by single hyphens, such as "
    "sms-switching-from-fingolimod"
)
EMPTY = "the text is empty; write it, or leave the key out where it may be left out."
STATEMENT = (f"claim {FIRST_CLAIM}", "statement")

TEXT_FAULTS: dict[str, tuple[Plant, str, str, str]] = {
    "a substitution that would compute": (
        _statement("Published as {{ 7*7 }}."), *STATEMENT, SUBSTITUTION,
    ),
    "a substitution that would run a shell": (
        _statement("{{ lipsum.__globals__['os'].popen('id > somefile').read() }}"), *STATEMENT,
        SUBSTITUTION,
    ),
    "an image that runs a script": (
        _statement("Fine <img src=x onerror=alert(1)>"), *STATEMENT,
        "it holds " + HTML.format("'<img src=x onerror=alert…'"),
    ),
    "a script element": (
        _statement("<script>alert(1)</script>"), *STATEMENT,
        "it holds " + HTML.format("'<script>alert(1)</script…'"),
    ),
    "a javascript link": (
        _statement('See <a href="javascript:alert(1)">this</a>.'), *STATEMENT,
        "it holds " + HTML.format("'<a href=\"javascript:aler…'"),
    ),
    "markup in a locator": (
        _field(FIRST_LOCATOR, '  locator: "<b onmouseover=alert(1)>Wash-out</b>"\n'),
        f"claim {FIRST_CLAIM}", "locator",
        "it holds " + HTML.format("'<b onmouseover=alert(1)>…'"),
    ),
    "a role that copies a file into the build": (
        _statement("See {download}`../../../etc/passwd`."), *STATEMENT,
        "it holds the role {download}, which data text may not hold (page text may hold "
        "{cite:p}, {cite:t}, {ref} and {term}); write the text itself.",
    ),
    "a declared role where the calculators show the text": (
        _statement("No washout is needed, as {term}`EMA` says."), *STATEMENT,
        "it holds the role {term}, but the calculators show this text too and only page text "
        "(source cards, discrepancies, timeline descriptions) may hold roles; write the words.",
    ),
    "code": (
        _statement("Run `rm -rf /` first."), *STATEMENT,
        "it holds a backtick outside a role (at '`rm -rf /` first.'); data text holds no code "
        "and no directive.",
    ),
    "a directive fence": (
        _statement(":::{danger} x"), *STATEMENT,
        "it holds ':::', which would open a directive (at ':::{danger} x'); write the text "
        "itself.",
    ),
    "a link": (
        _statement("See [the label](javascript:alert(1))."), *STATEMENT,
        "it holds a link, image or footnote (at '](javascript:alert(1)).'); name the source and "
        "cite it (a page of the book is linked with {ref}).",
    ),
    "an HTML entity": (
        _statement("A &lt;b&gt; tag."), *STATEMENT,
        "it holds an HTML entity (at '&lt;b&gt; tag.'); write the character itself.",
    ),
    "a web address": (
        _statement("See https://example.org/x."), *STATEMENT,
        "it holds a web or e-mail address, which the page would turn into a link (at "
        "'https://example.org/x.'); name the source and cite it instead.",
    ),
    "a backslash escape": (
        _statement("Drugs\\.com says so."), *STATEMENT,
        "it holds a backslash (at '\\\\.com says so.'); data text is not markup, so nothing needs "
        "escaping: write the character itself.",
    ),
    "strong emphasis": (
        _statement("This is **bold**."), *STATEMENT,
        "it holds '**' (strong emphasis), which data text does not use; write *emphasis*.",
    ),
    "an unpaired star": (
        _statement("Five * three."), *STATEMENT,
        "it holds an unpaired '*'; emphasis is *words*, a star on each side.",
    ),
    "an empty statement": (
        lambda d: (SWITCHING, replace(d, SWITCHING, "  statement: >-\n" + FIRST_STATEMENT,
                                      '  statement: ""\n')),
        *STATEMENT, EMPTY,
    ),
    "a statement of spaces": (
        lambda d: (SWITCHING, replace(d, SWITCHING, "  statement: >-\n" + FIRST_STATEMENT,
                                      '  statement: "  \\u3000 "\n')),
        *STATEMENT, EMPTY,
    ),
    "a blank locator": (
        _field(FIRST_LOCATOR, '  locator: " "\n'), f"claim {FIRST_CLAIM}", "locator", EMPTY,
    ),
    "an empty brand name": (
        lambda d: ("therapies.yaml", replace(d, "therapies.yaml", "brands: [Lemtrada]",
                                             'brands: [Lemtrada, ""]')),
        "therapy alemtuzumab", "brands", "item 2: " + EMPTY,
    ),
    **{
        f"the control character {name}": (
            lambda d, escape=escape: (SWITCHING, replace(
                d, SWITCHING, "  statement: >-\n" + FIRST_STATEMENT,
                f'  statement: "No washout is needed{escape}."\n')),
            *STATEMENT,
            f"the text holds the control or invisible character {code}, which an editor may not "
            "even show; delete it.",
        )
        for name, escape, code in (
            ("VT", "\\v", "U+000B"), ("NUL", "\\0", "U+0000"), ("ESC", "\\e", "U+001B"),
            ("DEL", "\\x7F", "U+007F"), ("TAB", "\\t", "U+0009"), ("ZWSP", "\\u200B", "U+200B"),
        )
    },
    "a zero-width space in an id": (
        _field(f"- id: {FIRST_CLAIM}\n", '- id: "sms-switching\\u200b-from-injectables"\n'),
        "claim 1", "id", f"'sms-switching\\u200b-from-injectables' {NOT_AN_ID} (it holds U+200B, "
        "which is not one of them).",
    ),
    "a Cyrillic letter in an id": (
        _field(f"- id: {FIRST_CLAIM}\n", f"- id: {FIRST_CLAIM.replace('a', 'а', 1)}\n"),
        "claim 1", "id", "'sms-switching-from-injectаbles-interfero…' is not an id: write "
        "lower-case ASCII letters and digits joined by single hyphens, such as "
        "sms-switching-from-fingolimod (it holds U+0430, "
        "which is not one of them).",
    ),
    "markup in an id": (
        _field(f"- id: {FIRST_CLAIM}\n", "- id: 'Bad Id <b>x</b>'\n"),
        "claim 1", "id", f"'Bad Id <b>x</b>' {NOT_AN_ID}.",
    ),
    "an empty id": (
        _field(f"- id: {FIRST_CLAIM}\n", "- id: ''\n"), "claim 1", "id", f"'' {NOT_AN_ID}.",
    ),
    "backticks in an id": (
        _field(f"- id: {FIRST_CLAIM}\n", "- id: 'x`y`'\n"), "claim 1", "id",
        f"'x`y`' {NOT_AN_ID}.",
    ),
    "a citation of another source": (
        _field("  citation: sms2025\n", "  citation: ema2020\n"),
        f"claim {FIRST_CLAIM}", "citation",
        "'ema2020' is neither the entry of the claim's source, Swedish guideline (sms2025), nor a "
        "paper that source cites (its references in data/sources.yaml: ruck2015, coles2008, "
        "cohen2012, coles2012, tuohy2015); cite the source the claim comes from.",
    ),
    "a trial paper cited for a source that cites none": (
        lambda d: ("claims/autoimmunity.yaml", replace(
            d, "claims/autoimmunity.yaml", "  citation: dhpc2019\n", "  citation: cohen2012\n")),
        "claim dhpc-autoimmunity-other", "citation",
        "'cohen2012' is neither the entry of the claim's source, Norwegian DHPC (dhpc2019), nor a "
        "paper that source cites (its references in data/sources.yaml: none); cite the source "
        "the claim comes from.",
    ),
    "a 400-digit number": (
        _value("  value: {months: " + "9" * 400 + "}\n"), f"claim {FIRST_CLAIM}",
        "value.months", "a number of 400 digits is outside the range data/limits.json "
        "allows for months, from 0 to 120.",
    ),
    "a complex mapping key": (
        lambda d: (SWITCHING, replace(d, SWITCHING, "  source: sms\n",
                                      "  source: sms\n  ? [a, b]\n  : c\n") + 1),
        f"claim {FIRST_CLAIM}", "", "a key is a list or a mapping; a key is a word, such as "
        "statement.",
    ),
    "an anchor": (
        _value("  value: &v {months: 0}\n"), f"claim {FIRST_CLAIM}", "value.months",
        "an anchor (&name) or alias (*name); data files write every value out, so that what a "
        "record says is on its own lines: write the value itself.",
    ),
}
FAULTS.update(TEXT_FAULTS)


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
    assert (f", key {key}: " if key else ": ") + problem in message, message
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



def _elapsed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def test_an_alias_bomb_is_refused_before_anything_is_expanded(data: Path) -> None:
    """Nine levels of nine aliases would build 9**9 items (and the error message used to print
    them): refused from the parser's events, at once, and the message echoes none of it."""
    lines = ['  value: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    line = replace(data, SWITCHING, FIRST_VALUE, "\n".join(lines) + "\n")
    seconds = _elapsed(lambda: refused(data))
    message = str(refused(data))
    assert seconds < 2, seconds
    assert message.startswith(f"data/{SWITCHING}, line {line}, claim {FIRST_CLAIM}"), message
    assert "an anchor (&name) or alias (*name)" in message and "lol" not in message


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_thousands_of_nested_brackets_are_a_sentence(data: Path, depth: int) -> None:
    """Not a RecursionError (5,000) nor a crash of the interpreter (100,000)."""
    line = replace(data, SWITCHING, FIRST_VALUE, "  value: " + "[" * depth + "]" * depth + "\n")
    assert str(refused(data)) == (
        f"data/{SWITCHING}, line {line}: lists and mappings nest more than 20 deep here; data "
        "files nest a few levels at most: close the brackets."
    )


def test_an_integer_too_long_to_convert_is_a_sentence(data: Path) -> None:
    replace(data, SWITCHING, FIRST_VALUE, "  value: {months: " + "9" * 5000 + "}\n")
    message = str(refused(data))
    assert message.startswith(f"data/{SWITCHING}: a value cannot be read ("), message
    assert len(message) < 300


def test_a_long_refused_text_is_echoed_as_a_short_prefix(data: Path) -> None:
    replace(data, SWITCHING, FIRST_STATEMENT, "    " + "<b>" + "x" * 900_000 + "\n")
    message = str(refused(data))
    assert len(message) < 400 and "<b>xxxxxxxxxxxxxxxxxxxxx…" in message, message[:500]


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("/dev/zero", "it is a symbolic link to /dev/zero, outside the data folder; data files are "
                      "regular files in data/: copy the file itself there."),
        ("/etc/hostname", "it is a symbolic link to /etc/hostname, outside the data folder; data "
                          "files are regular files in data/: copy the file itself there."),
    ],
)
def test_a_link_out_of_data_is_not_followed(data: Path, target: str, problem: str) -> None:
    (data / "claims" / "zz.yaml").symlink_to(target)
    assert str(refused(data)) == f"data/claims/zz.yaml: {problem}"


def test_a_link_inside_data_is_followed(data: Path) -> None:
    """A link to a file of the same folder is read as that file (here, its claims twice)."""
    (data / "claims" / "zz.yaml").symlink_to(data / "claims" / "switching.yaml")
    assert "is already used in data/claims/switching.yaml" in str(refused(data))


def test_a_named_pipe_is_refused_without_waiting(data: Path) -> None:
    """A FIFO named like a data file would block the build for ever on open."""
    os.mkfifo(data / "claims" / "zz.yaml")
    (data / "sources.yaml").unlink()
    os.mkfifo(data / "sources.yaml")
    seconds = _elapsed(lambda: refused(data))
    assert seconds < 2
    assert str(refused(data)) == (
        "data/claims/zz.yaml: it is a named pipe (FIFO), not a regular file; data files are "
        "regular files."
    )
    (data / "claims" / "zz.yaml").unlink()
    assert str(refused(data)).startswith("data/sources.yaml: it is a named pipe (FIFO)")


def test_a_folder_or_a_huge_file_is_refused(data: Path) -> None:
    (data / "claims" / "zz.yaml").mkdir()
    assert str(refused(data)) == (
        "data/claims/zz.yaml: it is a folder, not a regular file; data files are regular files."
    )
    (data / "claims" / "zz.yaml").rmdir()
    (data / "claims" / "zz.yaml").write_bytes(b"#" * 2_000_000)
    assert str(refused(data)) == (
        "data/claims/zz.yaml: it is 2,000,000 bytes, more than the 1,000,000 a data file may "
        "hold; split it or shorten it."
    )


ID_PLACES = {
    "sources.yaml": ("- id: sms\n", "source 1", "id"),
    "topics.yaml": ("- id: indication\n", "topic 1", "id"),
    "discrepancies.yaml": ("- id: eligibility-prior-therapy\n", "discrepancy 1", "id"),
    "timeline.yaml": ("- id: eu-approval\n", "timeline event 1", "id"),
    "trials.yaml": ("- id: camms223\n", "trial 1", "id"),
    "therapies.yaml": ("- id: alemtuzumab\n", "therapy 1", "id"),
    "rules/contraception.yaml": ("  - id: contraception\n", "", "after_last_infusion[0].id"),
    "rules/schedule.yaml": ("  - id: vaccination-deadline\n", "", "events[0].id"),
}


@pytest.mark.parametrize("name", ID_PLACES)
def test_every_kind_of_record_takes_only_a_kebab_case_id(data: Path, name: str) -> None:
    old, record, key = ID_PLACES[name]
    line = replace(data, name, old, old.replace("id: ", "id: 'Bad Id <b>x</b>' # ").split(" #")[0]
                   + "\n")
    head = f"data/{name}, line {line}, " + (f"{record}, " if record else "")
    assert str(refused(data)) == f"{head}key {key}: 'Bad Id <b>x</b>' {NOT_AN_ID}."


def test_a_question_id_is_checked_too(data: Path) -> None:
    line = replace(data, "topics.yaml", "    - id: indication-population\n",
                   "    - id: Indication Population\n")
    assert str(refused(data)) == (
        f"data/topics.yaml, line {line}, topic indication, key questions[0].id: 'Indication "
        f"Population' {NOT_AN_ID}."
    )

# --- Faults only the book knows: citation keys and chapter sections --------------------------


def _build_faults(data: Path) -> list[str]:
    faults, _ = data_faults(ROOT, ["references.bib"], data)
    return [str(fault) for fault in faults]


def test_the_real_data_has_no_fault_the_build_would_report() -> None:
    assert _build_faults(DATA) == []


def test_a_citation_key_missing_from_the_bibliography_is_reported_in_data(data: Path) -> None:
    """A paper the source cites, misspelt in the source's references and in the claim alike (so
    that the claim still cites a paper of its source): the bibliography has no such key."""
    replace(data, "sources.yaml", "{cite:t}`tuohy2015`", "{cite:t}`tuohy2051`")
    line = replace(data, "claims/efficacy.yaml", "  citation: tuohy2015\n",
                   "  citation: tuohy2051\n")
    (message,) = _build_faults(data)
    one_sentence(message)
    assert message == (
        "data/claims/efficacy.yaml, line "
        f"{line}, claim sms-efficacy-long-term-tuohy2015, key citation: 'tuohy2051' is not a "
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

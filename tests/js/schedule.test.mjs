// The schedule vectors through the browser module (widgets/alemtuzumab_kb/ui/js/schedule.js), with the rules the
// Python core gives the page; and the same events and the same .ics text as the Python core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

import { InputError } from "../../widgets/alemtuzumab_kb/ui/js/dates.js";
import {
  chartDescription,
  chartRows,
  eventJson,
  icsEscape,
  icsFold,
  scheduleIcs,
  treatmentSchedule,
} from "../../widgets/alemtuzumab_kb/ui/js/schedule.js";
import { overdueEvents, overdueLines, tableView } from "../../widgets/alemtuzumab_kb/ui/js/schedule_today.js";
import { useLimits } from "../../widgets/alemtuzumab_kb/ui/js/limits.js";
import { python, readVectors, root, rulesJson } from "./rules.mjs";

const rules = rulesJson("schedule");
useLimits(rules.limits);
const vectors = readVectors("schedule");

/** What the Python core gives for the same inputs: events, summary and .ics text. */
function fromPython(inputs, stamp) {
  const code = [
    "import json, sys",
    "from alemtuzumab_kb.schedule import treatment_schedule, schedule_ics",
    "from alemtuzumab_kb.schedule_calendar import ics_choices",
    "out = []",
    "for first, second in json.loads(sys.argv[1]):",
    "    s = treatment_schedule(first, second)",
    `    out.append({"events": [e.to_json() for e in s], "summary": list(s.summary),`,
    `                "headline": s.headline,`,
    `                "ics": {c: schedule_ics(first, second, stamp=sys.argv[2], include=c) for c in ics_choices()}})`,
    "print(json.dumps(out))",
  ].join("\n");
  const text = execFileSync(python, ["-c", code, JSON.stringify(inputs), stamp], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(text);
}

const dates = (event) => (event.end === null ? event.start : [event.start, event.end]);

for (const c of vectors.cases) {
  test(`schedule: ${c.name}`, () => {
    const schedule = treatmentSchedule(rules, c.course1_start, c.course2_start);
    assert.equal(schedule.lastInfusion, c.last_infusion);
    assert.equal(schedule.course2Due, c.course2_due);
    assert.equal(schedule.horizon, c.horizon);
    assert.equal(schedule.projected, c.is_projected);
    assert.equal(schedule.events.length, c.count);
    const byId = Object.fromEntries(schedule.events.map((event) => [event.id, event]));
    assert.equal(Object.keys(byId).length, schedule.events.length);
    const oneOff = Object.fromEntries(
      schedule.events.filter((event) => !(event.rule in c.repeated)).map((event) => [event.id, dates(event)]),
    );
    assert.deepEqual(oneOff, c.events);
    for (const [rule, expected] of Object.entries(c.repeated)) {
      const events = schedule.events.filter((event) => event.rule === rule);
      assert.equal(events.length, expected.count, rule);
      assert.equal(events[0].start, expected.first, rule);
      assert.equal(events.at(-1).start, expected.last, rule);
      for (const [id, day] of Object.entries(expected.dates || {})) assert.equal(byId[id].start, day, id);
    }
    for (const [id, projected] of Object.entries(c.projected)) assert.equal(byId[id].projected, projected, id);
    assert.deepEqual(schedule.notices, c.notices);
  });
}

for (const c of vectors.today) {
  test(`schedule today: ${c.name}`, () => {
    const schedule = treatmentSchedule(rules, c.course1_start, c.course2_start);
    assert.deepEqual(overdueEvents(schedule, c.today).map((event) => event.id), c.overdue);
    if (c.lines) assert.deepEqual(overdueLines(schedule, c.today), c.lines);
    const view = tableView(schedule, c.today, rules.repeated_kinds, c.show, c.show_all);
    const ids = view.rows.map((event) => event.id);
    if (c.rows) assert.deepEqual(ids, c.rows);
    else {
      assert.deepEqual(ids.slice(0, c.first.length), c.first);
      assert.equal(ids.length, c.count);
    }
    assert.equal(view.title, c.title);
    assert.deepEqual(view.overdue.map((event) => event.id), c.overdue);
  });
}

for (const c of vectors.errors) {
  test(`schedule error: ${JSON.stringify([c.course1_start, c.course2_start])}`, () => {
    assert.throws(
      () => treatmentSchedule(rules, c.course1_start, c.course2_start),
      (error) => error instanceof InputError && error.code === c.error && error.message.includes(c.message_contains),
    );
  });
}

test("the same events, summary, headline and .ics files as the Python core, for the same inputs and stamp", () => {
  const inputs = [
    ...vectors.cases.map((c) => [c.course1_start, c.course2_start]),
    ["2027-02-27", "2028-02-28"],
    ["1990-01-01", null],
    ["2099-12-31", null],
    ["1990-01-01", "2099-12-31"],
  ];
  const stamp = "20270506T070809Z";
  const python = fromPython(inputs, stamp);
  inputs.forEach(([first, second], index) => {
    const schedule = treatmentSchedule(rules, first, second);
    assert.deepEqual(schedule.events.map(eventJson), python[index].events, `${first} ${second}`);
    assert.deepEqual(schedule.summary, python[index].summary);
    assert.equal(schedule.headline, python[index].headline);
    const choices = rules.ics.choices.map((choice) => choice.id);
    assert.deepEqual(choices, Object.keys(python[index].ics));
    for (const include of choices) {
      const text = scheduleIcs(rules, first, second, stamp, include);
      assert.equal(text, python[index].ics[include], `${first} ${second} ${include}`);
    }
  });
});

test("the .ics text: CRLF, folded at 75 octets, a fixed default stamp, no recurrence rule", () => {
  const text = scheduleIcs(rules, "2026-01-12");
  assert.ok(text.endsWith("END:VCALENDAR\r\n"));
  const lines = text.split("\r\n").slice(0, -1);
  const encoder = new TextEncoder();
  assert.ok(lines.every((line) => encoder.encode(line).length <= 75));
  assert.ok(!text.replace(/\r\n/g, "").includes("\n"));
  assert.ok(!text.includes("RRULE"));
  assert.equal((text.match(/BEGIN:VEVENT/g) || []).length, 73);
  assert.ok(text.includes(`DTSTAMP:${rules.ics.default_stamp}`));
  assert.throws(() => scheduleIcs(rules, "2026-01-12", null, "2026-01-01"), (error) => error.code === "stamp");
});

for (const c of vectors.calendars) {
  test(`calendar: ${c.name}`, () => {
    const text = scheduleIcs(rules, c.course1_start, c.course2_start, rules.ics.default_stamp, c.include);
    const events = text.split("BEGIN:VEVENT").slice(1).map((block) => block.replace(/\r\n /g, ""));
    assert.equal(events.length, c.count);
    const titles = new Map(events.map((block) => {
      const day = block.match(/DTSTART;VALUE=DATE:(\d{4})(\d\d)(\d\d)/).slice(1).join("-");
      return [day, block.match(/SUMMARY:(.*)\r\n/)[1].replace(/\\([,;\\])/g, "$1")];
    }));
    assert.equal(titles.size, events.length, "at most one event a day");
    for (const [day, title] of Object.entries(c.days)) assert.equal(titles.get(day), title, day);
  });
}

test("a calendar choice that does not exist is refused with a sentence", () => {
  assert.throws(() => scheduleIcs(rules, "2026-01-12", null, rules.ics.default_stamp, "everything"), (error) => error.code === "choice");
});

test("escaping and folding match RFC 5545", () => {
  assert.equal(icsEscape("a, b; c\\d\ne\r\nf"), "a\\, b\\; c\\\\d\\ne\\nf");
  const line = `DESCRIPTION:${"ö".repeat(80)}${"😀".repeat(10)}`;
  const parts = icsFold(line).split("\r\n");
  const encoder = new TextEncoder();
  assert.deepEqual(parts.slice(0, 2).map((part) => encoder.encode(part).length), [74, 75]);
  assert.equal(parts[0] + parts.slice(1).map((part) => part.slice(1)).join(""), line);
});

test("chart rows end a period on the day after its last day, and the text alternative names the span", () => {
  const schedule = treatmentSchedule(rules, "2026-01-12");
  const rows = chartRows(rules, schedule);
  assert.equal(rows.length, schedule.events.length);
  const herpes = rows.find((row) => row.id === "herpes-sms-c1");
  assert.deepEqual([herpes.start, herpes.end, herpes.range], ["2026-01-12", "2026-02-13", true]);
  assert.equal(rows.find((row) => row.id === "infusion-c1-d1").range, false);
  const description = chartDescription(rules, schedule);
  assert.match(description, /^Timeline of the schedule from 1 December 2025 to 14 January 2031: 231 events/);
});

test("an empty course 2 means not given; every event is cited", () => {
  const schedule = treatmentSchedule(rules, "2026-01-12", "  ");
  assert.equal(schedule.projected, true);
  assert.ok(schedule.events.every((event) => event.rules.length > 0 && event.rules.every((rule) => rule.key)));
});

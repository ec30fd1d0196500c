// Typed text and numbers at their edges in the browser modules (issue 16): the shared vectors of
// tests/vectors/edges.json (the same cases tests/test_edges.py runs through Python), then odd text
// and bit-level doubles typed into every field: only sentences come back, never NaN, Infinity,
// exponent notation, "undefined" or a prototype's name.
import { test } from "node:test";
import assert from "node:assert/strict";

import { InputError, parseDate } from "../../widgets/alemtuzumab_kb/ui/js/dates.js";
import { typedNumber, useLimits } from "../../widgets/alemtuzumab_kb/ui/js/limits.js";
import { courseRule, lastInfusion, afterLastInfusion } from "../../widgets/alemtuzumab_kb/ui/js/contraception.js";
import { findTherapy, washoutPlan } from "../../widgets/alemtuzumab_kb/ui/js/washout.js";
import { scheduleIcs, treatmentSchedule } from "../../widgets/alemtuzumab_kb/ui/js/schedule.js";
import {
  absoluteText, evaluate, iconDescription, nntSentence, relativeText,
} from "../../widgets/alemtuzumab_kb/ui/js/trials.js";
import { readLimits, readVectors, rulesJson } from "./rules.mjs";

useLimits(readLimits());
const edges = readVectors("edges");
const [washoutRules, contraceptionRules, scheduleRules] = rulesJson("washout", "contraception", "schedule");
const MACHINE = /NaN|Infinity|undefined|null|\[object|\de[+-]?\d|__proto__|function /;

function outcome(call) {
  try {
    return ["ok", String(call())];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return [error.code, error.message];
  }
}

const refused = (code, what) => edges.refused_message.replace("{what}", what).replace("{code}", code);

for (const c of edges.characters) {
  test(`U+${c.code} around typed text is ${c.kind}`, () => {
    const char = String.fromCodePoint(parseInt(c.code, 16));
    const around = (text) => char + text + char;
    const got = {
      date: outcome(() => {
        const day = parseDate(around(edges.date));
        return `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
      }),
      therapy: outcome(() => findTherapy(washoutRules, around(edges.therapy.name)).id),
      course: outcome(() => courseRule(contraceptionRules, around(edges.course.text)).group),
    };
    if (c.kind === "space") {
      assert.deepEqual(got, { date: ["ok", edges.date], therapy: ["ok", edges.therapy.id], course: ["ok", "second"] });
    } else if (c.kind === "refused") {
      assert.deepEqual(got, {
        date: ["character", refused(c.code, "the date")],
        therapy: ["character", refused(c.code, "the therapy")],
        course: ["character", refused(c.code, "the course number")],
      });
    } else {
      assert.deepEqual(Object.values(got).map(([code]) => code), ["date-format", "unknown-therapy", "course"]);
    }
  });
}

for (const c of edges.stamps) {
  test(`stamp ${c.stamp} is ${c.ok ? "taken" : "refused"}`, () => {
    if (c.ok) {
      assert.ok(scheduleIcs(scheduleRules, "2026-01-12", null, c.stamp).includes(`DTSTAMP:${c.stamp}`));
    } else {
      assert.throws(() => scheduleIcs(scheduleRules, "2026-01-12", null, c.stamp), (error) => error.code === "stamp");
    }
  });
}

// --- Numbers as a reader types them, and what a sentence echoes (issue 23) -------------------

for (const c of edges.numbers.cases) {
  const label = `${JSON.stringify(c.text)}${c.percent ? " %" : ""}${c.whole ? " whole" : ""}`;
  test(`typed number ${label} is ${c.value === "refused" ? "refused" : c.value}`, () => {
    const read = typedNumber(c.text, { percent: Boolean(c.percent), whole: Boolean(c.whole) });
    if (c.value === "refused") assert.ok(Number.isNaN(read), String(read));
    else assert.equal(read, c.value);
  });
}

test("the trials calculator reads its fields by the shared rule", () => {
  const risk = (control) => evaluate({ measure: "risk", control, treated: "10", n_control: "", n_treated: "" });
  const rate = (control) => evaluate({ measure: "rate", control, treated: "0.18", n_control: "", n_treated: "" });
  assert.equal(risk("20 %").ok, true);
  assert.match(rate("0.39 %").message, /^“0\.39 %” is not a number;/);
  assert.match(rate("0,39").message, /^“0,39” is not a number;/);
  assert.match(risk("２０").message, /^“２０” is not a number;/);
});

for (const c of edges.echo.cases) {
  test(`a refused value is echoed short: ${c.text.slice(0, 4)} x ${c.repeat}`, () => {
    const typed = c.text.repeat(c.repeat);
    const message = (call) => outcome(call)[1];
    assert.ok(message(() => findTherapy(washoutRules, typed)).startsWith(`'${c.shown}' is not a therapy this calculator knows.`));
    assert.ok(message(() => parseDate(typed)).startsWith(`'${c.shown}' is not a date in the form YYYY-MM-DD`));
    assert.ok(message(() => courseRule(contraceptionRules, typed)).startsWith(`'${c.shown}' is not a course number.`));
  });
}

test("an unknown megabyte name is answered at once", () => {
  const started = performance.now();
  assert.equal(outcome(() => findTherapy(washoutRules, "x".repeat(1_000_000)))[0], "unknown-therapy");
  assert.ok(performance.now() - started < 2000);
});

// --- Fuzz: odd text and every kind of double, typed into every field --------------------------

/** A small seeded generator, so that a failure can be replayed. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Doubles from random bit patterns: subnormals, huge, negative, NaN and infinities included. */
function doubles(count, seed) {
  const next = random(seed);
  const view = new DataView(new ArrayBuffer(8));
  const out = [];
  for (let i = 0; i < count; i += 1) {
    view.setUint32(0, Math.floor(next() * 2 ** 32));
    view.setUint32(4, Math.floor(next() * 2 ** 32));
    out.push(view.getFloat64(0));
  }
  return out;
}

const ODD = [
  "", " ", "NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e-320", "5e-324", "0", "-0", "00",
  "39%", "1,000", "1.000,5", "0x10", "1_000", "٣", "٣٩", "\ufeff20", "20\u0085", "\u00a020\u3000",
  "__proto__", "constructor", "toString", "hasOwnProperty", "[object Object]", "true", "null",
  "9".repeat(400), "0.".padEnd(400, "0") + "1", "1e+21", "<b>1</b>", "20%%", "%20", "+5", "--5",
];
const TYPED = [
  ...ODD,
  ...doubles(160, 16).flatMap((x) => [String(x), Number.isFinite(x) ? x.toFixed(2) : String(x)]),
  ...doubles(60, 61).map((x) => String(Math.abs(x) % 200)),
];
const PLAUSIBLE = Array.from({ length: 120 }, (_, i) => [(i * 0.37) % 12, (i * 7.3) % 110, (i * 37) % 1000])
  .flat()
  .map((x, i) => (i % 2 ? x.toFixed(i % 4) : String(x)));

function readable(text) {
  assert.equal(typeof text, "string");
  assert.ok(text.length > 0);
  assert.doesNotMatch(text, MACHINE, text);
}

test("trials: anything typed into any field gives figures that read, or a sentence", () => {
  const next = random(7);
  const pick = () => {
    const pool = next() < 0.5 ? TYPED : PLAUSIBLE;
    return pool[Math.floor(next() * pool.length)];
  };
  let computed = 0;
  for (let i = 0; i < 1500; i += 1) {
    const measure = ["rate", "risk", "__proto__", "constructor"][i % 4];
    const arm = () => ["", pick(), String(1 + ((i * 7) % 500))][i % 3];
    const state = { measure, control: pick(), treated: pick(), n_control: arm(), n_treated: arm() };
    const result = evaluate(state);
    if (!result.ok) {
      assert.match(result.message, /\.$/);
      readable(result.message.replace(/“[^”]*”/g, ""));
      continue;
    }
    computed += 1;
    for (const text of [relativeText(result.measure, result.result), absoluteText(result.measure, result.result), iconDescription(result.icons)]) {
      readable(text);
    }
    if (result.measure === "risk") readable(nntSentence(result.result).replace(/infinity/g, ""));
  }
  assert.ok(computed > 50, `only ${computed} inputs computed`);
});

test("dates, names and course numbers: anything typed gives a result or a sentence", () => {
  const dates = [...ODD, "2026-01-31", "1990-01-01", "2099-12-31", "1989-12-31", "2100-01-01", "9990-01-01", "0001-01-01", "2026-02-30"];
  for (const text of dates) {
    for (const call of [
      () => washoutPlan(washoutRules, "Gilenya", text).summary,
      () => washoutPlan(washoutRules, text, "2026-01-31").summary,
      () => lastInfusion(contraceptionRules, text, 1),
      () => lastInfusion(contraceptionRules, "2026-01-31", text),
      () => afterLastInfusion(contraceptionRules, text).lastInfusion,
      () => treatmentSchedule(scheduleRules, "2026-01-12", text).summary.join(" "),
      () => treatmentSchedule(scheduleRules, text).summary.join(" "),
    ]) {
      const [code, text_] = outcome(call);
      readable(text_.replace(/'[^']*'/g, ""));
      if (code !== "ok") assert.match(text_, /\.$/);
    }
  }
});

test("a course 2 near the end of the window is a schedule of bounded size, made at once", () => {
  const started = performance.now();
  const schedule = treatmentSchedule(scheduleRules, "1990-01-01", "2099-12-31");
  assert.ok(schedule.events.length < 1000, `${schedule.events.length} events`);
  assert.ok(performance.now() - started < 1000);
  assert.throws(() => treatmentSchedule(scheduleRules, "2026-01-12", "9990-01-01"), (error) => error.code === "date-range");
});

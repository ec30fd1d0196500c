// The contraception vectors through the browser module (widgets/alemtuzumab_kb/ui/js/contraception.js), with the
// rules the Python core gives the page.
import { test } from "node:test";
import assert from "node:assert/strict";

import { InputError } from "../../widgets/alemtuzumab_kb/ui/js/dates.js";
import { afterLastInfusion, headline, courseNumber, lastInfusion } from "../../widgets/alemtuzumab_kb/ui/js/contraception.js";
import { useLimits } from "../../widgets/alemtuzumab_kb/ui/js/limits.js";
import { readVectors, rulesJson } from "./rules.mjs";

const rules = rulesJson("contraception");
useLimits(rules.limits);
const vectors = readVectors("contraception");

for (const c of vectors.last_infusion) {
  test(`last infusion: course ${JSON.stringify(c.course)} from ${JSON.stringify(c.course_start)}`, () => {
    if (c.error) {
      assert.throws(
        () => lastInfusion(rules, c.course_start, c.course),
        (error) => error instanceof InputError && error.code === c.error && error.message.includes(c.message_contains),
      );
    } else {
      assert.equal(lastInfusion(rules, c.course_start, c.course), c.expected);
    }
  });
}

for (const c of vectors.after_last_infusion) {
  test(`after the last infusion: ${c.name}`, () => {
    if (c.error) {
      assert.throws(
        () => afterLastInfusion(rules, c.last_infusion),
        (error) => error instanceof InputError && error.code === c.error && error.message.includes(c.message_contains),
      );
      return;
    }
    const result = afterLastInfusion(rules, c.last_infusion);
    const milestones = Object.values(result.items).flat();
    const got = Object.fromEntries(milestones.map((m) => [m.rule.claim, m.date]));
    assert.deepEqual(got, c.expected);
    const whens = Object.fromEntries(milestones.map((m) => [m.rule.claim, m.when]));
    for (const [claim, expected] of Object.entries(c.when || {})) assert.equal(whens[claim], expected);
    if (c.headline) assert.equal(headline(result), c.headline);
  });
}

test("the headline names whose date it gives when the sources differ", () => {
  const changed = structuredClone(rules);
  const second = changed.entries.find((e) => e.item === "contraception" && e.rule.source !== changed.entries[0].rule.source);
  second.duration = { months: second.duration.months + 1, days: 0 };
  const result = afterLastInfusion(changed, "2026-11-03");
  assert.match(headline(result), /^Contraception until 3 March 2027 \(Swedish guideline\); the sources differ$/);
});

test("courseNumber accepts whole numbers from 1, as numbers or text", () => {
  assert.equal(courseNumber(3), 3);
  assert.equal(courseNumber(" 2 "), 2);
  for (const bad of [0, -1, 1.5, "", "two", "-1", "1e1", null, true, 21, 1e21, -1e21, "9".repeat(30)]) {
    assert.throws(
      () => courseNumber(bad),
      (error) => error.code === "course" && error.message.endsWith(".") && !/\de[+-]?\d|Infinity/.test(error.message.replace(/'[^']*'/g, "")),
    );
  }
});

// The washout vectors through the browser module (widgets/ui/js/washout.js), with the rules the
// Python core gives the page.
import { test } from "node:test";
import assert from "node:assert/strict";

import { InputError } from "../../widgets/ui/js/dates.js";
import { findTherapy, normaliseName, washoutPlan } from "../../widgets/ui/js/washout.js";
import { useLimits } from "../../widgets/ui/js/limits.js";
import { readVectors, rulesJson } from "./rules.mjs";

const rules = rulesJson("washout");
useLimits(rules.limits);
const vectors = readVectors("washout");

const FIELDS = {
  prior: (plan) => plan.prior,
  direction: (plan) => plan.direction,
  covered: (plan) => plan.covered,
  earliest_start: (plan) => plan.earliestStart,
  latest_start: (plan) => plan.latestStart,
  claims: (plan) => plan.rules.map((rule) => rule.claim),
  citations: (plan) => plan.citations,
  summary: (plan) => plan.summary,
};

for (const c of vectors.cases) {
  test(`washout: ${c.name}`, () => {
    if (c.error) {
      assert.throws(
        () => washoutPlan(rules, c.prior, c.last_dose),
        (error) =>
          error instanceof InputError && error.code === c.error && error.message.includes(c.message_contains || ""),
      );
      return;
    }
    const plan = washoutPlan(rules, c.prior, c.last_dose);
    for (const [name, expected] of Object.entries(c.expected)) {
      assert.deepEqual(FIELDS[name](plan), expected, name);
    }
  });
}

test("every name in the rules finds its therapy, in any case", () => {
  for (const [key, id] of Object.entries(rules.names)) {
    assert.equal(findTherapy(rules, key.toUpperCase()).id, id);
  }
  assert.ok(rules.options.includes("Gilenya") && rules.options.includes("fingolimod"));
});

test("normaliseName treats spaces, hyphens, dashes and underscores alike", () => {
  assert.equal(normaliseName("  Interferon\u2013beta_1a "), "interferon beta 1a");
});

test("names that look like object keys are not therapies", () => {
  for (const name of ["constructor", "__proto__", "toString"]) {
    assert.throws(() => washoutPlan(rules, name, "2026-01-31"), (error) => error.code === "unknown-therapy");
  }
});

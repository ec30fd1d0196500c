// The washout vectors through the browser module (widgets/alemtuzumab_kb/ui/js/washout.js), with the rules the
// Python core gives the page.
import { test } from "node:test";
import assert from "node:assert/strict";

import { InputError } from "../../widgets/alemtuzumab_kb/ui/js/dates.js";
import { execFileSync } from "node:child_process";

import { editDistance, findTherapy, normaliseName, suggestions, washoutPlan } from "../../widgets/alemtuzumab_kb/ui/js/washout.js";
import { useLimits } from "../../widgets/alemtuzumab_kb/ui/js/limits.js";
import { python, readVectors, root, rulesJson } from "./rules.mjs";

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
  headline: (plan) => plan.headline,
  caveat_count: (plan) => plan.caveats.length,
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


/** Every name with one letter dropped, swapped or doubled, and a few that are nothing like one. */
function slips() {
  const typed = new Set(["xyz", "ocre", "inter", "fumarate", "beta", "Campath-1H-ish", "mab"]);
  for (const name of rules.options) {
    for (let i = 0; i < name.length; i += 1) {
      typed.add(name.slice(0, i) + name.slice(i + 1));
      typed.add(name.slice(0, i) + name[i] + name.slice(i));
      if (i + 1 < name.length) typed.add(name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2));
    }
  }
  return [...typed];
}

test("suggestions and edit distances are the Python core's, for every slip of every name", () => {
  const typed = slips();
  const code = [
    "import json, sys",
    "from alemtuzumab_kb.washout import edit_distance, suggestions",
    "names = json.loads(sys.stdin.read())",
    "print(json.dumps([[list(suggestions(n)), edit_distance(n.lower(), 'fingolimod')] for n in names]))",
  ].join("\n");
  const expected = JSON.parse(
    execFileSync(python, ["-c", code], { cwd: root, encoding: "utf8", input: JSON.stringify(typed) }),
  );
  assert.ok(typed.length > 500);
  typed.forEach((name, index) => {
    assert.deepEqual(suggestions(rules, name), expected[index][0], name);
    assert.equal(editDistance(name.toLowerCase(), "fingolimod"), expected[index][1], name);
  });
});

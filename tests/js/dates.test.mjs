// Calendar arithmetic in the browser module (widgets/alemtuzumab_kb/ui/js/dates.js): the shared vectors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  InputError, addDays, addDuration, addMonths, daysInMonth, formatDate, parseDate, toIso,
} from "../../widgets/alemtuzumab_kb/ui/js/dates.js";

import { useLimits } from "../../widgets/alemtuzumab_kb/ui/js/limits.js";
import { readLimits } from "./rules.mjs";

useLimits(readLimits());
const vectors = JSON.parse(readFileSync(new URL("../vectors/dates.json", import.meta.url), "utf8"));
const date = (text) => {
  const [year, month, day] = text.split("-").map(Number);
  return { year, month, day };
};

for (const c of vectors.add_months) {
  test(`addMonths ${c.start} + ${c.months} months`, () => {
    if (c.error) {
      assert.throws(() => addMonths(date(c.start), c.months), (error) => error instanceof InputError && error.code === c.error);
    } else {
      assert.equal(toIso(addMonths(date(c.start), c.months)), c.expected);
    }
  });
}

for (const c of vectors.add_days) {
  test(`addDays ${c.start} + ${c.days} days`, () => {
    if (c.error) {
      assert.throws(() => addDays(date(c.start), c.days), (error) => error instanceof InputError && error.code === c.error);
    } else {
      assert.equal(toIso(addDays(date(c.start), c.days)), c.expected);
    }
  });
}

for (const c of vectors.parse) {
  test(`parseDate ${JSON.stringify(c.text)}`, () => {
    if (c.error) {
      assert.throws(
        () => parseDate(c.text),
        (error) => error instanceof InputError && error.code === c.error && error.message === c.message,
      );
    } else {
      assert.equal(toIso(parseDate(c.text)), c.expected);
    }
  });
}

for (const c of vectors.format) {
  test(`formatDate ${c.date}`, () => assert.equal(formatDate(date(c.date)), c.expected));
}

test("parseDate names the field it reads", () => {
  assert.throws(() => parseDate("", "the date of the last dose"), /^InputError: Enter the date of the last dose in the form/);
});

test("addDuration adds months first, then days", () => {
  assert.equal(toIso(addDuration(date("2026-01-31"), { months: 1, days: 1 })), "2026-03-01");
  assert.equal(toIso(addDuration(date("2026-01-31"), { days: 42 })), "2026-03-14");
});

test("addMonths agrees with a day-by-day month walk for every start day of 2027-2028", () => {
  // Independent check: the clamped day is min(start day, length of target month).
  for (let month = 1; month <= 12; month += 1) {
    for (let day = 1; day <= daysInMonth(2027, month); day += 1) {
      for (let add = 0; add <= 14; add += 1) {
        const result = addMonths({ year: 2027, month, day }, add);
        const index = 2027 * 12 + month - 1 + add;
        assert.equal(result.year, Math.floor(index / 12));
        assert.equal(result.month, (index % 12) + 1);
        assert.equal(result.day, Math.min(day, daysInMonth(result.year, result.month)));
      }
    }
  }
});

test("addDays counts 366 days through leap year 2028 in UTC", () => {
  assert.equal(toIso(addDays(date("2028-01-01"), 366)), "2029-01-01");
  assert.equal(toIso(addDays(date("2027-01-01"), 365)), "2028-01-01");
});

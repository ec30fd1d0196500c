// What follows the last infusion, in the browser: the twin of widgets/contraception.py, computed
// from its rules_json(). No clinical number is written here: every period comes from `rules`.
import { InputError, addDays, addDuration, formatDate, parseDate, toIso } from "./dates.js";

export const LAST_INFUSION = "the date of the last infusion";
export const COURSE_START = "the first day of the course";
const COURSE_HELP = "Enter the course number as a whole number: 1 for the first course, 2 for the second.";

/** A course number (1 or more) from a number or text; InputError otherwise. */
export function courseNumber(value) {
  let number = value;
  if (typeof value === "string") {
    const text = value.trim();
    if (!text) throw new InputError("course", COURSE_HELP);
    if (!/^[0-9]+$/.test(text)) throw new InputError("course", `'${text}' is not a course number. ${COURSE_HELP}`);
    number = Number(text);
  }
  if (typeof number !== "number" || !Number.isInteger(number)) throw new InputError("course", COURSE_HELP);
  if (number < 1) throw new InputError("course", `There is no course ${number}. ${COURSE_HELP}`);
  return number;
}

/** The rule for a course: "first", "second" or "further" with its infusion days and citations. */
export function courseRule(rules, course) {
  const number = courseNumber(course);
  const group = number === 1 ? "first" : number === 2 ? "second" : "further";
  return { group, number, ...rules.courses[group] };
}

/** The last infusion day (YYYY-MM-DD) of a course starting on `courseStart`: consecutive days. */
export function lastInfusion(rules, courseStart, course) {
  const rule = courseRule(rules, course);
  const start = parseDate(courseStart, COURSE_START);
  return toIso(addDays(start, rule.infusion_days - 1));
}

/** "until 3 March 2027", "until at least 3 November 2030", "from ...", or "no date set". */
export function when(milestone) {
  if (milestone.date === null) return "no date set";
  const words = milestone.qualifier === "at least" ? `${milestone.reads} at least` : milestone.reads;
  return `${words} ${formatDate(parseDate(milestone.date))}`;
}

/**
 * Every date that follows the last infusion, one milestone per source, never blended.
 * Returns {lastInfusion, items: {item id: [milestone]}}; throws InputError for a bad date.
 */
export function afterLastInfusion(rules, last) {
  const day = parseDate(last, LAST_INFUSION);
  const items = {};
  for (const entry of rules.entries) {
    const date = entry.duration ? toIso(addDuration(day, entry.duration)) : null;
    const milestone = {
      item: entry.item,
      label: entry.label,
      reads: entry.reads,
      qualifier: entry.qualifier,
      date,
      text: entry.text,
      rule: entry.rule,
    };
    milestone.when = when(milestone);
    (items[entry.item] ||= []).push(milestone);
  }
  return { lastInfusion: toIso(day), items };
}

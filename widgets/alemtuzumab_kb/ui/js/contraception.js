// What follows the last infusion, in the browser: the twin of widgets/alemtuzumab_kb/contraception.py, computed
// from its rules_json(). No clinical number is written here: every period comes from `rules`.
import { InputError, addDays, addDuration, cleanText, enteredDate, formatDate, parseDate, toIso } from "./dates.js";
import { cut, limitWords, numberLimit, numberProblem } from "./limits.js";

export const LAST_INFUSION = "the date of the last infusion";
export const COURSE_START = "the first day of the course";

function courseHelp() {
  return (
    `Enter the course number as a whole number ${limitWords(numberLimit("course"))}: ` +
    "1 for the first course, 2 for the second."
  );
}

/** A course number inside data/limits.json's range, from a number or text; InputError otherwise. */
export function courseNumber(value) {
  let number = value;
  if (typeof value === "string") {
    const text = cleanText(value, "the course number");
    if (!text) throw new InputError("course", courseHelp());
    if (!/^[0-9]+$/.test(text)) throw new InputError("course", `'${cut(text)}' is not a course number. ${courseHelp()}`);
    number = Number(text);
  }
  if (typeof number !== "number" || !Number.isInteger(number)) throw new InputError("course", courseHelp());
  if (number < 1) throw new InputError("course", `There is no course ${BigInt(number)}. ${courseHelp()}`);
  if (numberProblem(number, "course", "The course number")) throw new InputError("course", courseHelp());
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
  return toIso(courseEnd(rules, enteredDate(courseStart, COURSE_START), course));
}

/** The last infusion day of a course starting on `start` ({year, month, day}), with no window. */
export function courseEnd(rules, start, course) {
  return addDays(start, courseRule(rules, course).infusion_days - 1);
}

/** "until 3 March 2027", "until at least 3 November 2030", "from ...", or "no date set". */
export function when(milestone) {
  if (milestone.date === null) return "no date set";
  const words = milestone.qualifier === "at least" ? `${milestone.reads} at least` : milestone.reads;
  return `${words} ${formatDate(parseDate(milestone.date))}`;
}

/** The answer to the first question in one line, as AfterLastInfusion.headline in Python. */
export function headline(result) {
  const entries = Object.values(result.items)[0];
  const dated = entries.filter((m) => m.date !== null);
  if (!dated.length) return `${entries[0].label}: no date set by the sources`;
  const [first] = dated;
  if (dated.every((m) => m.when === first.when)) return `${first.label} ${first.when}`;
  return `${first.label} ${first.when} (${first.rule.source}); the sources differ`;
}

/**
 * Every date that follows the last infusion, one milestone per source, never blended.
 * Returns {lastInfusion, items: {item id: [milestone]}}; throws InputError for a bad date.
 */
export function afterLastInfusion(rules, last) {
  const day = enteredDate(last, LAST_INFUSION);
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

// Plausibility ranges and what counts as space in typed text, in the browser: the twin of
// widgets/alemtuzumab_kb/limits.py. Nothing is written here: the ranges and the characters are data/limits.json's,
// which every calculator's rules carry (`rules.limits`); a view calls useLimits(rules.limits) before
// it computes, and the node tests call it with the same file. Both pass tests/vectors/edges.json.
// The functions return a sentence (or null) and leave it to the caller to throw its own error.

let current = null;

/** The most characters of a refused value a sentence repeats: as ECHO in errors.py. */
export const ECHO = 40;

/** `text` cut to `limit` characters (code points, as Python counts), an ellipsis where it was cut. */
export function cut(text, limit = ECHO) {
  const points = Array.from(text.slice(0, 2 * limit + 2)); // at least limit + 1 points, if there are
  return points.length > limit ? points.slice(0, limit).join("") + "…" : text;
}
let patterns = null;

function characterClass(items) {
  const parts = items.map((item) => {
    const [low, high] = item.split("-");
    return high ? `\\u{${low}}-\\u{${high}}` : `\\u{${low}}`;
  });
  return `[${parts.join("")}]`;
}

/** Take the limits (data/limits.json, through the rules) for every later call. */
export function useLimits(limits) {
  if (!limits || typeof limits !== "object" || !limits.numbers || !limits.text) {
    throw new Error("The calculator's rules carry no limits (data/limits.json).");
  }
  if (limits === current) return;
  current = limits;
  const space = characterClass(limits.text.space);
  patterns = {
    space,
    ends: new RegExp(`^${space}+|${space}+$`, "gu"),
    refused: new RegExp(characterClass(limits.text.refused), "u"),
  };
}

function loaded() {
  if (!current) throw new Error("useLimits(rules.limits) was not called before computing.");
  return current;
}

/** The character class of space, for splitting names into words (with the "u" flag). */
export function spacePattern() {
  loaded();
  return patterns.space;
}

/** `text` without space at either end, as Python's strip_space. */
export function stripSpace(text) {
  loaded();
  return String(text).replace(patterns.ends, "");
}

/**
 * The number a reader typed, by the one rule Python and the browser share (typed_number in
 * limits.py; tests/vectors/edges.json `numbers`): ASCII digits only, "." as the decimal point, an
 * optional sign and exponent, and where the field takes a percentage an optional "%" at the end;
 * space around it is ignored. No "," (a decimal comma and a thousands separator look alike), no
 * other digits, no "_". A `whole` number (a count of patients) is digits only.
 * Returns the number (Infinity where the digits overflow, for the range to refuse), null for
 * empty text, NaN for text that is no number.
 */
export function typedNumber(text, { percent = false, whole = false } = {}) {
  let cleaned = stripSpace(String(text ?? ""));
  if (cleaned === "") return null;
  if (percent && cleaned.endsWith("%")) cleaned = stripSpace(cleaned.slice(0, -1));
  const form = whole ? /^[0-9]+$/ : /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
  return form.test(cleaned) ? Number(cleaned) : NaN;
}

/** The sentence for typed text that holds a refused character, or null. */
export function characterProblem(text, what) {
  loaded();
  const match = patterns.refused.exec(String(text));
  if (!match) return null;
  const code = match[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  return (
    `The text entered for ${what} holds the invisible or control character U+${code}; ` +
    "type it again without it."
  );
}

/** "from 0.01 to 10 relapses per patient-year", "from 0.01% to 100%". */
export function limitWords(limit) {
  if (limit.unit === "%") return `from ${limit.min}% to ${limit.max}%`;
  return `from ${limit.min} to ${limit.max}${limit.unit ? ` ${limit.unit}` : ""}`;
}

/** A range of data/limits.json's `numbers`: {min, max, unit, whole, why}. */
export function numberLimit(name) {
  const numbers = loaded().numbers;
  if (!Object.prototype.hasOwnProperty.call(numbers, name)) throw new Error(`No limit named ${name}.`);
  return numbers[name];
}

/**
 * The sentence for a value outside the range `name` (as Python's check_number words it), or null
 * when `value` is a number inside it.
 */
export function numberProblem(value, name, what, example = "") {
  const limit = numberLimit(name);
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= limit.min &&
    value <= limit.max &&
    (!limit.whole || Number.isInteger(value));
  if (ok) return null;
  const kind = limit.whole ? "a whole number" : "a number";
  const why = limit.why ? ` (${limit.why})` : "";
  const such = example ? `, such as ${example}` : "";
  return `${what} must be ${kind} ${limitWords(limit)}${why}${such}.`;
}

/** The window of dates a reader may enter, as YYYY-MM-DD text: {earliest, latest}. */
export function dateWindow() {
  return loaded().dates;
}

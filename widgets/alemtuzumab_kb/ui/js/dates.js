// Calendar arithmetic for the browser, the twin of widgets/alemtuzumab_kb/dates.py (same vectors, same messages).
// A date is a plain {year, month, day} object; day arithmetic goes through Date in UTC, so no
// time zone or daylight-saving change can shift a day. Months clamp at month end. Space around
// typed text and the characters refused in it are data/limits.json's, through ./limits.js.
import { characterProblem, cut, dateWindow, stripSpace } from "./limits.js";

export const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const EXAMPLE = "2026-01-31";
const MAX_YEAR = 9999;
const DAY_MS = 86400000;

/** Input a reader can correct: `message` says what to enter, `code` names the problem. */
export class InputError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "InputError";
    this.code = code;
  }
}

export function isLeapYear(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year, month) {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function tooEarly(start) {
  return new InputError("date-range", `Counting back from ${toIso(start)} would fall before 0001-01-01.`);
}

function tooLate(start) {
  return new InputError(
    "date-range",
    `${toIso(start)} is too far in the future: the result would fall after 9999-12-31. ` +
      "Enter a date in or before the year 9990.",
  );
}

/**
 * Typed text without space at either end (data/limits.json's space, as in Python); InputError
 * (code "character") for text holding a refused character.
 */
export function cleanText(value, what) {
  const problem = characterProblem(value, what);
  if (problem) throw new InputError("character", problem);
  return stripSpace(value);
}

/** Read strict YYYY-MM-DD text (surrounding space ignored); throws InputError with a sentence. */
export function parseDate(value, what = "the date") {
  if (typeof value !== "string" && value !== null && value !== undefined) {
    throw new InputError(
      "date-format",
      `Enter ${what} as a date or as text in the form YYYY-MM-DD, e.g. ${EXAMPLE}; got ${typeof value}.`,
    );
  }
  const text = typeof value === "string" ? cleanText(value, what) : "";
  if (!text) throw new InputError("empty-date", `Enter ${what} in the form YYYY-MM-DD, e.g. ${EXAMPLE}.`);
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) {
    throw new InputError(
      "date-format",
      `'${cut(text)}' is not a date in the form YYYY-MM-DD: enter ${what} with a four-digit ` +
        `year, a two-digit month and a two-digit day, e.g. ${EXAMPLE}.`,
    );
  }
  const [year, month, day] = match.slice(1).map(Number);
  const fix = `Enter ${what} as a real calendar date in the form YYYY-MM-DD, e.g. ${EXAMPLE}.`;
  if (year < 1) throw new InputError("impossible-date", `${text} is not a real date: there is no year 0. ${fix}`);
  if (month < 1 || month > 12) {
    throw new InputError("impossible-date", `${text} is not a real date: there is no month ${month}. ${fix}`);
  }
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) {
    throw new InputError(
      "impossible-date",
      `${text} is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${length} days. ${fix}`,
    );
  }
  return { year, month, day };
}

/** Add whole calendar months (0 or more), keeping the day or clamping to the month's last day. */
export function addMonths(start, months) {
  if (!Number.isInteger(months) || months < 0) throw new RangeError("Give addMonths a whole number of months, 0 or more.");
  const index = start.year * 12 + (start.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  if (year > MAX_YEAR) throw tooLate(start);
  return { year, month, day: Math.min(start.day, daysInMonth(year, month)) };
}

/** Add whole days, through Date in UTC (setUTCFullYear keeps years below 100 as written). */
export function addDays(start, days) {
  if (!Number.isInteger(days)) throw new RangeError("Give addDays a whole number of days.");
  const instant = new Date(0);
  instant.setUTCFullYear(start.year, start.month - 1, start.day);
  const moved = new Date(instant.getTime() + days * DAY_MS);
  const result = { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
  if (result.year > MAX_YEAR || Number.isNaN(result.year)) {
    throw days < 0 ? tooEarly(start) : tooLate(start);
  }
  if (result.year < 1) throw tooEarly(start);
  return result;
}

/** Add {months, days}: the months first (clamped at month end), then the days. */
export function addDuration(start, duration) {
  return addDays(addMonths(start, duration.months || 0), duration.days || 0);
}

export function toIso(date) {
  const pad = (number, width) => String(number).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** "3 March 2027": English month names, no locale involved. */
export function formatDate(date) {
  return `${date.day} ${MONTH_NAMES[date.month - 1]} ${date.year}`;
}

export function compareDates(a, b) {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** A date a reader enters: parseDate, then inside the window of data/limits.json. */
export function enteredDate(value, what) {
  const day = parseDate(value, what);
  const { earliest, latest } = dateWindow();
  const [low, high] = [parseDate(earliest), parseDate(latest)];
  if (compareDates(day, low) < 0 || compareDates(day, high) > 0) {
    throw new InputError(
      "date-range",
      `${toIso(day)} is outside the dates these calculators take: enter ${what} from ` +
        `${formatDate(low)} to ${formatDate(high)}.`,
    );
  }
  return day;
}

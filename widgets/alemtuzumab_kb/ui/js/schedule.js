// The treatment and monitoring schedule in the browser: the twin of widgets/alemtuzumab_kb/schedule.py, computed
// from its rules_json(), with the same events, the same sentences and the same iCalendar text.
// No clinical number is written here: every interval comes from `rules`.
import { InputError, addDays, addDuration, compareDates, daysInMonth, enteredDate, formatDate, parseDate, toIso } from "./dates.js";
import { cut, stripSpace } from "./limits.js";
import { courseEnd } from "./contraception.js";

export const COURSE_1 = "the first day of course 1";
export const COURSE_2 = "the first day of course 2";
const ONE_DAY_MS = 86400000;

function scheduleTooEarly(day) {
  return new InputError(
    "date-range",
    `${toIso(day)} is too early: the schedule would begin before 0001-01-01. ` +
      "Enter a date in or after the year 2.",
  );
}

function scheduleTooLate(day) {
  return new InputError(
    "date-range",
    `${toIso(day)} is too far in the future: the schedule would run past 9999-12-31. ` +
      "Enter dates in or before the year 9990.",
  );
}

/** Whole days from 0001-01-01 to `day`, in UTC. */
function daysFromYearOne(day) {
  const instant = new Date(0);
  instant.setUTCFullYear(day.year, day.month - 1, day.day);
  const origin = new Date(0);
  origin.setUTCFullYear(1, 0, 1);
  return Math.round((instant.getTime() - origin.getTime()) / ONE_DAY_MS);
}

function times(duration, count) {
  return { months: (duration.months || 0) * count, days: (duration.days || 0) * count };
}

/** The day an anchor ({anchor, sign, duration}) gives for a course. */
function anchorDay(anchor, course) {
  let base = anchor.anchor === "last-infusion" ? course.last : course.start;
  let back = anchor.anchor === "day-before-first-infusion" ? 1 : 0;
  if (anchor.sign < 0) back += anchor.duration.days;
  else if (anchor.sign > 0) base = addDuration(base, anchor.duration);
  if (back) {
    if (daysFromYearOne(base) < back) throw scheduleTooEarly(course.start);
    base = addDays(base, -back);
  }
  return base;
}

function fillTitle(title, values) {
  return title.replace(/\{(course|day|days)\}/g, (_, name) => String(values[name]));
}

function optionalDate(value, what) {
  if (value === null || value === undefined || (typeof value === "string" && !stripSpace(value))) return null;
  return enteredDate(value, what);
}

/** "12 January 2026" or "12 January 2026 to 16 January 2026". */
export function whenText(event) {
  const start = formatDate(parseDate(event.start));
  return event.end === null ? start : `${start} to ${formatDate(parseDate(event.end))}`;
}

/** The answer in one line, as Schedule.headline gives it in Python. */
export function headlineText(projected, due, horizon) {
  const monitoring = `monitoring until ${formatDate(horizon)}`;
  return projected ? `Course 2 due ${formatDate(due)}; ${monitoring}` : `Monitoring until ${formatDate(horizon)}`;
}

/** The sentences of the status region, as Schedule.summary gives them in Python. */
export function summaryLines(rules, courses, due, horizon, count, notices) {
  const [first, second] = courses;
  const lines = [`Course 1: infusions from ${formatDate(first.start)} to ${formatDate(first.last)}.`];
  if (second.given) {
    lines.push(`Course 2: infusions from ${formatDate(second.start)} to ${formatDate(second.last)}.`);
  } else {
    lines.push(
      `Course 2: not entered; due ${formatDate(due)}. Until it is entered, monitoring is ` +
        `counted from the last infusion it would have if it started that day, ` +
        `${formatDate(second.last)}.`,
    );
  }
  lines.push(
    `Monitoring: ${rules.horizon_text} after the last infusion, until ` +
      `${formatDate(horizon)}; nothing in the schedule comes later.`,
  );
  lines.push(`${count} events, each with its source.`);
  return [...lines, ...notices];
}

function buildSchedule(rules, first, second) {
  const one = { number: 1, start: first, last: courseEnd(rules, first, 1), given: true };
  const due = addDuration(first, rules.due.interval);
  if (second !== null && compareDates(second, one.last) <= 0) {
    throw new InputError(
      "course-order",
      `Course 2 cannot start on ${formatDate(second)}: the infusions of course 1 run ` +
        `until ${formatDate(one.last)}. Enter a first day of course 2 after ` +
        `${formatDate(one.last)}, or leave it empty if course 2 has not been given.`,
    );
  }
  const start2 = second !== null ? second : due;
  const two = { number: 2, start: start2, last: courseEnd(rules, start2, 2), given: second !== null };
  const courses = [one, two];
  const given = courses.filter((course) => course.given);
  const horizon = addDuration(two.last, rules.horizon);
  addDays(horizon, 1); // the calendar file's exclusive end must exist too
  const oneHorizon = addDuration(one.last, rules.horizon);
  const drafts = [];
  const add = (rank, event) => drafts.push({ rank, event, seq: drafts.length });
  const make = (rule, fields) => ({
    rule: rule.id,
    title: rule.title,
    kind: rule.kind,
    lane: rule.lane,
    text: rule.text,
    rules: rule.rules,
    ...fields,
  });

  const infusion = rules.infusions;
  for (const course of given) {
    const group = course.number === 1 ? "first" : "second";
    const days = rules.courses[group].infusion_days;
    for (let day = 0; day < days; day += 1) {
      add(0, {
        id: `infusion-c${course.number}-d${day + 1}`,
        rule: "infusion",
        start: toIso(addDays(course.start, day)),
        end: null,
        title: fillTitle(infusion.title, { course: course.number, day: day + 1, days }),
        kind: infusion.kind,
        lane: infusion.lane,
        text: infusion.text,
        course: course.number,
        projected: false,
        rules: rules.courses[group].rules,
      });
    }
  }
  if (second === null) {
    const rule = rules.due;
    add(rule.rank, make(rule, {
      id: rule.id, start: toIso(due), end: null, title: fillTitle(rule.title, { course: 2 }), course: 2, projected: false,
    }));
  }
  for (const rule of rules.events) {
    if (rule.shape === "date" || rule.shape === "range") {
      const targets = { first: [one], each: given, last: [two] }[rule.courses];
      for (const course of targets) {
        let start;
        let end = null;
        if (rule.shape === "date") {
          start = anchorDay(rule.anchors.date, course);
        } else {
          start = anchorDay(rule.anchors.start, course);
          end = toIso(anchorDay(rule.anchors.end, course));
        }
        add(rule.rank, make(rule, {
          id: `${rule.id}-c${course.number}`, start: toIso(start), end, course: course.number, projected: !course.given,
        }));
      }
      continue;
    }
    if (rule.counted_from === "first-infusion") {
      for (let count = 1; ; count += 1) {
        const day = addDuration(first, times(rule.every, count));
        if (compareDates(day, horizon) > 0) break;
        add(rule.rank, make(rule, {
          id: `${rule.id}-${count}`, start: toIso(day), end: null, course: null,
          projected: !two.given && compareDates(day, oneHorizon) > 0,
        }));
      }
      continue;
    }
    courses.forEach((course, index) => {
      const following = index + 1 < courses.length ? courses[index + 1].start : null;
      const limit = addDuration(course.last, rules.horizon);
      for (let count = 1; ; count += 1) {
        const day = addDuration(course.last, times(rule.every, count));
        if (compareDates(day, limit) > 0) break;
        if (following !== null && compareDates(day, following) >= 0) break;
        add(rule.rank, make(rule, {
          id: `${rule.id}-c${course.number}-${count}`, start: toIso(day), end: null, course: course.number,
          projected: !course.given,
        }));
      }
    });
  }
  drafts.sort((a, b) => (a.event.start < b.event.start ? -1 : a.event.start > b.event.start ? 1 : 0) || a.rank - b.rank || a.seq - b.seq);
  const events = drafts.map((draft) => draft.event);
  const notices = [];
  if (second !== null && compareDates(second, due) < 0) {
    notices.push(
      `Course 2 starts before it is due (${formatDate(due)}): the sources give ` +
        `${rules.due.interval_text} between the courses.`,
    );
  }
  return {
    courses: courses.map((course) => ({ ...course, start: toIso(course.start), last: toIso(course.last) })),
    course2Due: toIso(due),
    lastInfusion: toIso(two.last),
    horizon: toIso(horizon),
    projected: !two.given,
    events,
    openPoints: rules.open_points,
    notices,
    summary: summaryLines(rules, courses, due, horizon, events.length, notices),
    headline: headlineText(!two.given, due, horizon),
  };
}

/**
 * Every dated event of a treatment, in date order, each with its source: the twin of
 * treatment_schedule() in widgets/alemtuzumab_kb/schedule.py. Dates in the result are YYYY-MM-DD text.
 * Throws InputError with a sentence saying what to enter.
 */
export function treatmentSchedule(rules, course1Start, course2Start = null) {
  const first = enteredDate(course1Start, COURSE_1);
  const second = optionalDate(course2Start, COURSE_2);
  try {
    return buildSchedule(rules, first, second);
  } catch (error) {
    if (error instanceof InputError && error.code === "date-range" && error.message.includes("too far in the future")) {
      throw scheduleTooLate(second !== null && compareDates(second, first) > 0 ? second : first);
    }
    throw error;
  }
}

/** The fields the vectors compare, as Event.to_json() gives them in Python. */
export function eventJson(event) {
  return {
    id: event.id,
    start: event.start,
    end: event.end,
    title: event.title,
    kind: event.kind,
    lane: event.lane,
    text: event.text,
    course: event.course,
    projected: event.projected,
    claims: event.rules.map((rule) => rule.claim),
  };
}

// --- iCalendar (RFC 5545) --------------------------------------------------------------------

/** Escape TEXT: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11). */
export function icsEscape(text) {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

function utf8Width(char) {
  const code = char.codePointAt(0);
  return code <= 0x7f ? 1 : code <= 0x7ff ? 2 : code <= 0xffff ? 3 : 4;
}

/** Fold a content line at 75 octets of UTF-8; continuation lines start with a space. */
export function icsFold(line) {
  const parts = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const width = utf8Width(char);
    if (size + width > 75) {
      parts.push(current);
      current = " ";
      size = 1;
    }
    current += char;
    size += width;
  }
  parts.push(current);
  return parts.join("\r\n");
}

function icsDate(day) {
  return toIso(day).replace(/-/g, "");
}

const plain = (text) => text.replace(/\*/g, "");

/** The calendar's days in date order, each with [event, ends] pairs: as calendar_days() in Python. */
export function calendarDays(rules, schedule, include = "all") {
  const sources = rules.ics.sources;
  const repeated = rules.repeated_kinds;
  if (!rules.ics.choices.some((choice) => choice.id === include)) {
    throw new InputError("choice", `Choose what the calendar holds; '${cut(String(include))}' is not one of the choices.`);
  }
  const chosen = (event) =>
    include === "all" ||
    (include === "one-off" ? !repeated.includes(event.kind) : event.rules.some((rule) => rule.key === sources[include]));
  const marks = [];
  schedule.events.forEach((event, index) => {
    if (!chosen(event)) return;
    marks.push([event.start, 0, index, event, false]);
    if (event.end !== null && event.end !== event.start) marks.push([event.end, 1, index, event, true]);
  });
  marks.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || a[1] - b[1] || a[2] - b[2]);
  const days = new Map();
  for (const [day, , , event, ends] of marks) {
    if (!days.has(day)) days.set(day, []);
    days.get(day).push([event, ends]);
  }
  return [...days.entries()];
}

/** One thing that happens on a day, with its sources, as _item_text() in Python. */
export function itemText(rules, event, ends) {
  const projected = event.projected ? ` (${rules.ics.projected})` : "";
  let head;
  if (ends) head = `Last day: ${event.title}${projected}, ${whenText(event)}.`;
  else if (event.end !== null) head = `${event.title}${projected}, ${whenText(event)}: ${plain(event.text)}`;
  else head = `${event.title}${projected}: ${plain(event.text)}`;
  const sources = [...new Set(event.rules.map((r) => `${r.source}, ${plain(r.locator)} [${r.key}]`))];
  return `${head}\nSources: ${sources.join("; ")}.`;
}

/** A schedule (from treatmentSchedule) as iCalendar text with CRLF line ends, one event a day. */
export function calendarText(rules, schedule, stamp = rules.ics.default_stamp, include = "all") {
  const how = `Give the stamp as UTC text in the form YYYYMMDDTHHMMSSZ, e.g. ${rules.ics.default_stamp}.`;
  if (typeof stamp !== "string" || !/^[0-9]{8}T[0-9]{6}Z$/.test(stamp)) throw new InputError("stamp", how);
  const [year, month, day, hour, minute, second] = [0, 4, 6, 9, 11, 13].map((at, i) =>
    Number(stamp.slice(at, at + (i === 0 ? 4 : 2))),
  );
  const real =
    year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    hour <= 23 && minute <= 59 && second <= 60;
  if (!real) {
    throw new InputError(
      "stamp",
      `Give the stamp as a real UTC time in the form YYYYMMDDTHHMMSSZ, e.g. ${rules.ics.default_stamp}; ${stamp} is not one.`,
    );
  }
  const days = calendarDays(rules, schedule, include);
  const kinds = Object.fromEntries(rules.kinds.map((kind) => [kind.id, kind.label]));
  const what = rules.ics.choices.find((choice) => choice.id === include).label;
  const first = parseDate(schedule.courses[0].start);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${rules.ics.prodid}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsEscape(rules.ics.name)}`,
    "X-WR-CALDESC:" +
      icsEscape(`Course 1 from ${formatDate(first)}. ${what}, one calendar event a day. ${rules.ics.disclaimer}`),
  ];
  for (const [iso, items] of days) {
    const date = parseDate(iso);
    const [event, ends] = items[0];
    const more = items.length > 1 ? ` and ${items.length - 1} more` : "";
    const title = (ends ? `Last day: ${event.title}` : event.title) + more;
    const description = items.map(([item, itemEnds]) => itemText(rules, item, itemEnds)).join("\n\n");
    const labels = [...new Set(items.map(([item]) => kinds[item.kind]))];
    lines.push(
      "BEGIN:VEVENT",
      `UID:${include}-${icsDate(date)}@${rules.ics.uid_domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(date)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(date, 1))}`,
      `SUMMARY:${icsEscape(title)}`,
      `DESCRIPTION:${icsEscape(description)}`,
      `CATEGORIES:${labels.map(icsEscape).join(",")}`,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map((line) => icsFold(line) + "\r\n").join("");
}

/** The twin of schedule_ics() in widgets/alemtuzumab_kb/schedule.py: the same text for the same inputs. */
export function scheduleIcs(rules, course1Start, course2Start = null, stamp = rules.ics.default_stamp, include = "all") {
  return calendarText(rules, treatmentSchedule(rules, course1Start, course2Start), stamp, include);
}

/**
 * The rows of the timeline chart: a period ends on the day after its last day. `overdue` (the
 * events schedule_today.js finds overdue) are marked: a ring on the chart, "overdue" in the tooltip.
 */
export function chartRows(rules, schedule, overdue = []) {
  const kinds = Object.fromEntries(rules.kinds.map((kind) => [kind.id, kind.label]));
  const late = new Set(overdue.map((event) => event.id));
  return schedule.events.map((event) => ({
    id: event.id,
    lane: event.lane,
    kind: event.kind,
    kind_label: kinds[event.kind],
    title: event.title,
    when: late.has(event.id) ? `${whenText(event)} (overdue: the date has passed)` : whenText(event),
    start: event.start,
    end: event.end === null ? null : toIso(addDays(parseDate(event.end), 1)),
    range: event.end !== null,
    overdue: late.has(event.id),
  }));
}

/** The rows the chart draws: those with an event, in the rules' order. */
export function chartLanes(rules, schedule) {
  return rules.lanes.filter((lane) => schedule.events.some((event) => event.lane === lane));
}

/** The chart's text alternative: its span, its rows, what is overdue, and where every event is listed. */
export function chartDescription(rules, schedule, overdue = []) {
  const events = schedule.events;
  const last = events.reduce((latest, event) => {
    const end = event.end || event.start;
    return end > latest ? end : latest;
  }, events[0].start);
  const used = chartLanes(rules, schedule);
  const late = overdue.length
    ? ` A ring marks what is overdue: ${overdue.map((event) => `${event.title}, ${whenText(event)}`).join("; ")}.`
    : "";
  return (
    `Timeline of the schedule from ${formatDate(parseDate(events[0].start))} to ` +
    `${formatDate(parseDate(last))}: ${events.length} events in ${used.length} rows (` +
    `${used.join("; ")}). Ticks are single days and bars are periods.${late} The table above lists ` +
    "the events with their dates and sources."
  );
}

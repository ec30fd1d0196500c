// A schedule read on a given day: the twin of widgets/alemtuzumab_kb/schedule_today.py (no DOM).
// An event is overdue when its course has not begun (its first infusion day is after today),
// it comes before that course, and its first day is before today. The table's view from today
// shows the overdue first, whatever kinds the reader chose, then the next events (or all of
// them). Both pass the `today` vectors of tests/vectors/schedule.json. Dates are YYYY-MM-DD text,
// which compares in date order.
import { formatDate, parseDate } from "./dates.js";
import { whenText } from "./schedule.js";

export const NEXT_ROWS = 8;
export const SHOW = [
  ["all", "every event"],
  ["once", "treatment, precautions and deadlines"],
  ["repeated", "tests and yearly checks"],
];

/** The events due before a course that has not begun by `today` whose first day has passed. */
export function overdueEvents(schedule, today) {
  return schedule.events.filter((event) => {
    if (event.course === null) return false;
    const course = schedule.courses[event.course - 1];
    return today < course.start && event.start < course.start && event.start < today;
  });
}

/** What an overdue event's row says: its date has passed, and when its course starts. */
export function passedText(schedule, event) {
  const course = schedule.courses[(event.course || 1) - 1];
  const what = event.end === null ? "this date has passed" : "its first day has passed";
  return `${what}, and course ${course.number} starts on ${formatDate(parseDate(course.start))}`;
}

/** One sentence per overdue event, for the summary: as overdue_lines() in Python. */
export function overdueLines(schedule, today) {
  return overdueEvents(schedule, today).map(
    (event) => `Overdue: ${event.title}, ${whenText(event)}: ${passedText(schedule, event)}.`,
  );
}

const overdueCount = (number) => `${number} overdue event${number === 1 ? "" : "s"}`;

/**
 * The table's rows on `today` ({rows, overdue, total, title, complete}): as table_view() in
 * Python. `repeatedKinds` are the kinds that recur (rules.repeated_kinds).
 */
export function tableView(schedule, today, repeatedKinds, show = "all", showAll = false) {
  if (!SHOW.some(([value]) => value === show)) {
    throw new Error(`Choose which events to show: one of ${SHOW.map(([value]) => value).join(", ")}.`);
  }
  const late = overdueEvents(schedule, today);
  const rest = schedule.events.filter(
    (event) => !late.includes(event) && (show === "all" || repeatedKinds.includes(event.kind) === (show === "repeated")),
  );
  const total = late.length + rest.length;
  const when = formatDate(parseDate(today));
  const view = (rows, title) => ({ rows, overdue: late, total, title, complete: rows.length === total });
  if (showAll) return view([...late, ...rest], `All ${total} events${late.length ? ", the overdue first" : ""}`);
  const coming = rest.filter((event) => (event.end || event.start) >= today);
  const following = coming.slice(0, NEXT_ROWS);
  let title;
  if (late.length && following.length) {
    title = `${overdueCount(late.length)}, then the next ${following.length} of ${total} events, from today, ${when}`;
  } else if (late.length) {
    title = `${overdueCount(late.length)}; every other event is before today, ${when}`;
  } else if (!coming.length) {
    title = `Every one of the ${total} events is before today, ${when}`;
  } else if (coming.length === rest.length) {
    title = `The first ${following.length} of ${total} events`;
  } else {
    title = `The next ${following.length} of ${total} events, from today, ${when}`;
  }
  return view([...late, ...following], title);
}

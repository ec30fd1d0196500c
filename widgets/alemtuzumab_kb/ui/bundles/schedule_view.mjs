// Bundled by esbuild from widgets/alemtuzumab_kb/ui/js/schedule_view.js and what it imports: edit those, then `make bundles`.

// widgets/alemtuzumab_kb/ui/js/limits.js
var current = null;
var ECHO = 40;
function cut(text, limit = ECHO) {
  const points = Array.from(text.slice(0, 2 * limit + 2));
  return points.length > limit ? points.slice(0, limit).join("") + "…" : text;
}
var patterns = null;
function characterClass(items) {
  const parts = items.map((item) => {
    const [low, high] = item.split("-");
    return high ? `\\u{${low}}-\\u{${high}}` : `\\u{${low}}`;
  });
  return `[${parts.join("")}]`;
}
function useLimits(limits) {
  if (!limits || typeof limits !== "object" || !limits.numbers || !limits.text) {
    throw new Error("The calculator's rules carry no limits (data/limits.json).");
  }
  if (limits === current) return;
  current = limits;
  const space = characterClass(limits.text.space);
  patterns = {
    space,
    ends: new RegExp(`^${space}+|${space}+$`, "gu"),
    refused: new RegExp(characterClass(limits.text.refused), "u")
  };
}
function loaded() {
  if (!current) throw new Error("useLimits(rules.limits) was not called before computing.");
  return current;
}
function stripSpace(text) {
  loaded();
  return String(text).replace(patterns.ends, "");
}
function characterProblem(text, what) {
  loaded();
  const match = patterns.refused.exec(String(text));
  if (!match) return null;
  const code = match[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  return `The text entered for ${what} holds the invisible or control character U+${code}; type it again without it.`;
}
function limitWords(limit) {
  if (limit.unit === "%") return `from ${limit.min}% to ${limit.max}%`;
  return `from ${limit.min} to ${limit.max}${limit.unit ? ` ${limit.unit}` : ""}`;
}
function numberLimit(name) {
  const numbers = loaded().numbers;
  if (!Object.prototype.hasOwnProperty.call(numbers, name)) throw new Error(`No limit named ${name}.`);
  return numbers[name];
}
function numberProblem(value, name, what, example = "") {
  const limit = numberLimit(name);
  const ok = typeof value === "number" && Number.isFinite(value) && value >= limit.min && value <= limit.max && (!limit.whole || Number.isInteger(value));
  if (ok) return null;
  const kind = limit.whole ? "a whole number" : "a number";
  const why = limit.why ? ` (${limit.why})` : "";
  const such = example ? `, such as ${example}` : "";
  return `${what} must be ${kind} ${limitWords(limit)}${why}${such}.`;
}
function dateWindow() {
  return loaded().dates;
}

// widgets/alemtuzumab_kb/ui/js/view.js
function calculatorRules(model) {
  const rules = model.get("rules") || {};
  useLimits(rules.limits);
  return rules;
}
function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}
function rich(tag, text, attributes = {}) {
  const node = element(tag, attributes);
  text.split(/\*([^*]+)\*/).forEach((part, index) => {
    if (part) node.append(index % 2 ? element("em", {}, part) : document.createTextNode(part));
  });
  return node;
}
function nextNumber(name) {
  const counts = globalThis.__alemtuzumabKbCounts ||= /* @__PURE__ */ new Map();
  const next = (counts.get(name) || 0) + 1;
  counts.set(name, next);
  return next;
}
function idMaker(model) {
  let key = model.get("_key");
  if (!key) {
    const stem = model.get("_stem") || "calculator";
    const seen = nextNumber(`key:${stem}`);
    key = seen === 1 ? `live-${stem}` : `live-${stem}-${seen}`;
  }
  return (name) => `calc-${key}-${name}`;
}
function showValue(input, model, name) {
  const value = String(model.get(name) ?? "");
  if (input.value === value) return;
  input.value = value;
  if (input.value === value) return;
  const trimmed = stripSpace(value);
  input.value = trimmed;
  if (trimmed !== value && input.value === trimmed) {
    model.set(name, trimmed);
    model.save_changes();
  }
}
function labelled(labelText, input, hintText = "") {
  const id = input.id || `calc-field-${nextNumber("field")}`;
  input.id = id;
  if (!input.hasAttribute("autocomplete")) input.setAttribute("autocomplete", "off");
  const wrapper = element("div", { class: "calc-field" });
  const label = element("label", { for: id }, labelText);
  wrapper.append(label, input);
  if (hintText) {
    const hint = element("span", { class: "calc-hint", id: `${id}-hint` }, hintText);
    input.setAttribute("aria-describedby", hint.id);
    wrapper.append(hint);
  }
  return wrapper;
}
function pair(...fields) {
  const row = element("div", { class: "calc-pair" });
  row.append(...fields);
  return row;
}
function statusRegion() {
  return element("div", { class: "calc-status", role: "status", "aria-live": "polite" });
}
function siteRootOf(model) {
  const root = model.get("site_root");
  return root === void 0 ? null : root;
}
function sourceLink(siteRoot, href, text, attributes = {}) {
  if (siteRoot === null) return element("span", { class: "calc-source-name", ...attributes }, text);
  return element("a", { href: siteRoot + href, ...attributes }, text);
}
function ruleNotes(rule, siteRoot, shown = null) {
  const notes = [];
  if (rule.currency) {
    const note = element("span", { class: `calc-currency calc-currency-${rule.currency.status.replace(/ /g, "-")}` });
    note.append(
      sourceLink(siteRoot, rule.currency.href, rule.currency.words, { class: "calc-currency-status" }),
      rich("span", `: ${rule.currency.reason}`)
    );
    notes.push(note);
  }
  for (const reading of rule.readings || []) {
    const note = element("span", { class: "calc-reading" });
    note.append(element("span", { class: "calc-reading-tag" }, reading.label), document.createTextNode(" "));
    note.append(rich("span", reading.text));
    const again = shown !== null && shown.has(reading.text);
    if (shown !== null) shown.add(reading.text);
    if (again) {
      note.classList.add("calc-reading-again");
      note.append(element("span", { class: "calc-reading-why" }, "(as above)"));
      notes.push(note);
      continue;
    }
    const why = rich("span", reading.reason, { class: "calc-reading-why" });
    why.prepend(element("span", { class: "calc-reading-key" }, "Why: "));
    note.append(why);
    if (reading.alternative) {
      const other = rich("span", reading.alternative, { class: "calc-reading-why" });
      other.prepend(element("span", { class: "calc-reading-key" }, "The other reading: "));
      note.append(other);
    }
    notes.push(note);
  }
  return notes;
}
function unreadableDate(input, what) {
  if (!(input.validity && input.validity.badInput)) return null;
  return `${what} is incomplete or not a real date (such as 30 February). Enter a real calendar date, e.g. 2026-01-31.`;
}
function disclaimer() {
  return element(
    "p",
    { class: "calc-disclaimer" },
    "For learning and for checking what the sources say; not a prescription."
  );
}
function headline(text, dates = {}) {
  const node = element("p", { class: "calc-headline", "data-result": "headline" });
  let rest = text;
  for (const [name, [iso, shown]] of Object.entries(dates)) {
    if (!iso) continue;
    const at = rest.indexOf(shown);
    if (at < 0) continue;
    node.append(rest.slice(0, at), element("time", { datetime: iso, "data-result": name, "data-value": iso }, shown));
    rest = rest.slice(at + shown.length);
  }
  node.append(rest);
  return node;
}
function exampleNote(model) {
  const note = element(
    "p",
    { class: "calc-example", "data-result": "example" },
    "Example inputs: change them to work out your own case."
  );
  const example = model.get("_example") || {};
  const names = Object.keys(example);
  const update = () => {
    note.hidden = !names.length || names.some((name) => String(model.get(name) ?? "") !== String(example[name]));
  };
  for (const name of names) model.on(`change:${name}`, update);
  update();
  return note;
}
var HEIGHT_MESSAGE = "alemtuzumab-kb:height";
var FRAME_HEIGHT = 640;
var FRAME_WIDTH = "48rem";
var RESIZE_SCRIPT = `addEventListener("message", function (e) { var d = e.data; if (!d || d.type !== "${HEIGHT_MESSAGE}") return; var f = document.getElementsByTagName("iframe"); for (var i = 0; i < f.length; i++) if (f[i].contentWindow === e.source) f[i].style.height = Math.max(200, Math.min(+d.height || 0, 8000)) + "px"; });`;
function inputs(model) {
  return (model.get("_url_params") || []).map((name) => [name, String(model.get(name) ?? "")]);
}
function caseLink(model) {
  const url = new URL(window.location.href);
  const params = new URLSearchParams(url.search);
  const prefix = model.get("_url_prefix") || "";
  for (const [name, value] of inputs(model)) params.set(prefix + name, value);
  url.search = params.toString();
  url.hash = prefix ? `calc-${model.get("_key")}` : "";
  return url.href;
}
function embedLink(model) {
  const url = new URL(`${model.get("site_root") || ""}embed/${model.get("_stem")}.html`, window.location.href);
  url.search = new URLSearchParams(inputs(model)).toString();
  url.hash = "";
  return url.href;
}
var attribute = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
var number = (value) => String(Math.round(value * 1e4) / 1e4);
function frameHeight(frame) {
  const widths = frame && frame.widths || [];
  const heights = frame && frame.heights || [];
  if (widths.length < 2 || widths.length !== heights.length) return "";
  const slopes = widths.slice(1).map((width, i) => (heights[i + 1] - heights[i]) / (width - widths[i]));
  const terms = [`${heights[0]}px`, `${number(slopes[0])} * (var(--kb-w) - ${widths[0]}px)`];
  for (let i = 1; i < slopes.length; i += 1) {
    terms.push(`${number(slopes[i] - slopes[i - 1])} * max(0px, var(--kb-w) - ${widths[i]}px)`);
  }
  return `--kb-w: clamp(${widths[0]}px, min(100cqw, ${FRAME_WIDTH}), ${widths.at(-1)}px); height: calc(${terms.join(" + ")})`;
}
function embedSnippet(model) {
  const frame = model.get("_frame") || {};
  const measured = frameHeight(frame);
  const fallback = measured ? frame.heights.at(-1) : FRAME_HEIGHT;
  return `<div style="container-type: inline-size">
<iframe src="${attribute(embedLink(model))}" title="${attribute(model.get("_title") || "Calculator")}" loading="eager" width="100%" height="${fallback}" style="display: block; border: 0; max-width: ${FRAME_WIDTH}${measured ? `; ${measured}` : ""}"></iframe>
</div>
<script>${RESIZE_SCRIPT}<\/script>`;
}
function shareTools(model, id) {
  const tools = element("div", { class: "calc-share" });
  if (!model.get("_key")) return tools;
  const panelId = id("share");
  const buttons = element("div", { class: "calc-share-buttons", role: "group", "aria-label": "Share this case" });
  const kinds = {
    link: { label: "Link", what: "Link to this case", make: caseLink },
    embed: { label: "Embed", what: "Embed code: an iframe and the script that sizes it", make: embedSnippet }
  };
  const panel = element("div", { class: "calc-share-panel", id: panelId, hidden: "" });
  const label = element("label", { for: id("share-text") });
  const text = element("textarea", { id: id("share-text"), readonly: "", rows: "3", spellcheck: "false" });
  const said = element("p", { class: "calc-hint", "aria-live": "polite" });
  panel.append(label, text, said);
  let open = null;
  function fill() {
    if (!open) return;
    label.textContent = kinds[open].what;
    text.value = kinds[open].make(model);
    text.rows = open === "embed" ? 7 : 2;
  }
  for (const [kind, { label: name }] of Object.entries(kinds)) {
    const button = element("button", { type: "button", class: "calc-button", "data-share": kind, "aria-controls": panelId, "aria-expanded": "false" }, name);
    button.addEventListener("click", async () => {
      const closing = open === kind;
      open = closing ? null : kind;
      for (const other of buttons.children) other.setAttribute("aria-expanded", String(other.dataset.share === open));
      panel.hidden = closing;
      said.textContent = "";
      if (closing) return;
      fill();
      text.focus();
      text.select();
      try {
        await navigator.clipboard.writeText(text.value);
        said.textContent = "Copied to the clipboard.";
      } catch (error) {
        said.textContent = "Selected: copy it with Ctrl+C (or Cmd+C).";
      }
    });
    buttons.append(button);
  }
  model.on("change", fill);
  tools.append(buttons, panel);
  return tools;
}

// widgets/alemtuzumab_kb/ui/js/dates.js
var MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
];
var EXAMPLE = "2026-01-31";
var MAX_YEAR = 9999;
var DAY_MS = 864e5;
var InputError = class extends Error {
  constructor(code, message) {
    super(message);
    this.name = "InputError";
    this.code = code;
  }
};
function isLeapYear(year) {
  return year % 4 === 0 && year % 100 !== 0 || year % 400 === 0;
}
function daysInMonth(year, month) {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
function tooEarly(start) {
  return new InputError("date-range", `Counting back from ${toIso(start)} would fall before 0001-01-01.`);
}
function tooLate(start) {
  return new InputError(
    "date-range",
    `${toIso(start)} is too far in the future: the result would fall after 9999-12-31. Enter a date in or before the year 9990.`
  );
}
function cleanText(value, what) {
  const problem = characterProblem(value, what);
  if (problem) throw new InputError("character", problem);
  return stripSpace(value);
}
function parseDate(value, what = "the date") {
  if (typeof value !== "string" && value !== null && value !== void 0) {
    throw new InputError(
      "date-format",
      `Enter ${what} as a date or as text in the form YYYY-MM-DD, e.g. ${EXAMPLE}; got ${typeof value}.`
    );
  }
  const text = typeof value === "string" ? cleanText(value, what) : "";
  if (!text) throw new InputError("empty-date", `Enter ${what} in the form YYYY-MM-DD, e.g. ${EXAMPLE}.`);
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) {
    throw new InputError(
      "date-format",
      `'${cut(text)}' is not a date in the form YYYY-MM-DD: enter ${what} with a four-digit year, a two-digit month and a two-digit day, e.g. ${EXAMPLE}.`
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
      `${text} is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${length} days. ${fix}`
    );
  }
  return { year, month, day };
}
function addMonths(start, months) {
  if (!Number.isInteger(months) || months < 0) throw new RangeError("Give addMonths a whole number of months, 0 or more.");
  const index = start.year * 12 + (start.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12 + 1;
  if (year > MAX_YEAR) throw tooLate(start);
  return { year, month, day: Math.min(start.day, daysInMonth(year, month)) };
}
function addDays(start, days) {
  if (!Number.isInteger(days)) throw new RangeError("Give addDays a whole number of days.");
  const instant = /* @__PURE__ */ new Date(0);
  instant.setUTCFullYear(start.year, start.month - 1, start.day);
  const moved = new Date(instant.getTime() + days * DAY_MS);
  const result = { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
  if (result.year > MAX_YEAR || Number.isNaN(result.year)) {
    throw days < 0 ? tooEarly(start) : tooLate(start);
  }
  if (result.year < 1) throw tooEarly(start);
  return result;
}
function addDuration(start, duration) {
  return addDays(addMonths(start, duration.months || 0), duration.days || 0);
}
function toIso(date) {
  const pad = (number2, width) => String(number2).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
function formatDate(date) {
  return `${date.day} ${MONTH_NAMES[date.month - 1]} ${date.year}`;
}
function compareDates(a, b) {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
function enteredDate(value, what) {
  const day = parseDate(value, what);
  const { earliest, latest } = dateWindow();
  const [low, high] = [parseDate(earliest), parseDate(latest)];
  if (compareDates(day, low) < 0 || compareDates(day, high) > 0) {
    throw new InputError(
      "date-range",
      `${toIso(day)} is outside the dates these calculators take: enter ${what} from ${formatDate(low)} to ${formatDate(high)}.`
    );
  }
  return day;
}

// widgets/alemtuzumab_kb/ui/js/contraception.js
function courseHelp() {
  return `Enter the course number as a whole number ${limitWords(numberLimit("course"))}: 1 for the first course, 2 for the second.`;
}
function courseNumber(value) {
  let number2 = value;
  if (typeof value === "string") {
    const text = cleanText(value, "the course number");
    if (!text) throw new InputError("course", courseHelp());
    if (!/^[0-9]+$/.test(text)) throw new InputError("course", `'${cut(text)}' is not a course number. ${courseHelp()}`);
    number2 = Number(text);
  }
  if (typeof number2 !== "number" || !Number.isInteger(number2)) throw new InputError("course", courseHelp());
  if (number2 < 1) throw new InputError("course", `There is no course ${BigInt(number2)}. ${courseHelp()}`);
  if (numberProblem(number2, "course", "The course number")) throw new InputError("course", courseHelp());
  return number2;
}
function courseRule(rules, course) {
  const number2 = courseNumber(course);
  const group = number2 === 1 ? "first" : number2 === 2 ? "second" : "further";
  return { group, number: number2, ...rules.courses[group] };
}
function courseEnd(rules, start, course) {
  return addDays(start, courseRule(rules, course).infusion_days - 1);
}

// widgets/alemtuzumab_kb/ui/js/schedule.js
var COURSE_1 = "the first day of course 1";
var COURSE_2 = "the first day of course 2";
var ONE_DAY_MS = 864e5;
function scheduleTooEarly(day) {
  return new InputError(
    "date-range",
    `${toIso(day)} is too early: the schedule would begin before 0001-01-01. Enter a date in or after the year 2.`
  );
}
function scheduleTooLate(day) {
  return new InputError(
    "date-range",
    `${toIso(day)} is too far in the future: the schedule would run past 9999-12-31. Enter dates in or before the year 9990.`
  );
}
function daysFromYearOne(day) {
  const instant = /* @__PURE__ */ new Date(0);
  instant.setUTCFullYear(day.year, day.month - 1, day.day);
  const origin = /* @__PURE__ */ new Date(0);
  origin.setUTCFullYear(1, 0, 1);
  return Math.round((instant.getTime() - origin.getTime()) / ONE_DAY_MS);
}
function times(duration, count) {
  return { months: (duration.months || 0) * count, days: (duration.days || 0) * count };
}
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
  if (value === null || value === void 0 || typeof value === "string" && !stripSpace(value)) return null;
  return enteredDate(value, what);
}
function whenText(event) {
  const start = formatDate(parseDate(event.start));
  return event.end === null ? start : `${start} to ${formatDate(parseDate(event.end))}`;
}
function headlineText(projected, due, horizon) {
  const monitoring = `monitoring until ${formatDate(horizon)}`;
  return projected ? `Course 2 due ${formatDate(due)}; ${monitoring}` : `Monitoring until ${formatDate(horizon)}`;
}
function summaryLines(rules, courses, due, horizon, count, notices) {
  const [first, second] = courses;
  const lines = [`Course 1: infusions from ${formatDate(first.start)} to ${formatDate(first.last)}.`];
  if (second.given) {
    lines.push(`Course 2: infusions from ${formatDate(second.start)} to ${formatDate(second.last)}.`);
  } else {
    lines.push(
      `Course 2: not entered; due ${formatDate(due)}. Until it is entered, monitoring is counted from the last infusion it would have if it started that day, ${formatDate(second.last)}.`
    );
  }
  lines.push(
    `Monitoring: ${rules.horizon_text} after the last infusion, until ${formatDate(horizon)}; nothing in the schedule comes later.`
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
      `Course 2 cannot start on ${formatDate(second)}: the infusions of course 1 run until ${formatDate(one.last)}. Enter a first day of course 2 after ${formatDate(one.last)}, or leave it empty if course 2 has not been given.`
    );
  }
  const start2 = second !== null ? second : due;
  const two = { number: 2, start: start2, last: courseEnd(rules, start2, 2), given: second !== null };
  const courses = [one, two];
  const given = courses.filter((course) => course.given);
  const horizon = addDuration(two.last, rules.horizon);
  addDays(horizon, 1);
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
    ...fields
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
        rules: rules.courses[group].rules
      });
    }
  }
  if (second === null) {
    const rule = rules.due;
    add(rule.rank, make(rule, {
      id: rule.id,
      start: toIso(due),
      end: null,
      title: fillTitle(rule.title, { course: 2 }),
      course: 2,
      projected: false
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
          id: `${rule.id}-c${course.number}`,
          start: toIso(start),
          end,
          course: course.number,
          projected: !course.given
        }));
      }
      continue;
    }
    if (rule.counted_from === "first-infusion") {
      for (let count = 1; ; count += 1) {
        const day = addDuration(first, times(rule.every, count));
        if (compareDates(day, horizon) > 0) break;
        add(rule.rank, make(rule, {
          id: `${rule.id}-${count}`,
          start: toIso(day),
          end: null,
          course: null,
          projected: !two.given && compareDates(day, oneHorizon) > 0
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
          id: `${rule.id}-c${course.number}-${count}`,
          start: toIso(day),
          end: null,
          course: course.number,
          projected: !course.given
        }));
      }
    });
  }
  drafts.sort((a, b) => (a.event.start < b.event.start ? -1 : a.event.start > b.event.start ? 1 : 0) || a.rank - b.rank || a.seq - b.seq);
  const events = drafts.map((draft) => draft.event);
  const notices = [];
  if (second !== null && compareDates(second, due) < 0) {
    notices.push(
      `Course 2 starts before it is due (${formatDate(due)}): the sources give ${rules.due.interval_text} between the courses.`
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
    headline: headlineText(!two.given, due, horizon)
  };
}
function treatmentSchedule(rules, course1Start, course2Start = null) {
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
function icsEscape(text) {
  return text.replace(/\r\n?/g, "\n").replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
}
function utf8Width(char) {
  const code = char.codePointAt(0);
  return code <= 127 ? 1 : code <= 2047 ? 2 : code <= 65535 ? 3 : 4;
}
function icsFold(line) {
  const parts = [];
  let current2 = "";
  let size = 0;
  for (const char of line) {
    const width = utf8Width(char);
    if (size + width > 75) {
      parts.push(current2);
      current2 = " ";
      size = 1;
    }
    current2 += char;
    size += width;
  }
  parts.push(current2);
  return parts.join("\r\n");
}
function icsDate(day) {
  return toIso(day).replace(/-/g, "");
}
var plain = (text) => text.replace(/\*/g, "");
function calendarDays(rules, schedule, include = "all") {
  const sources = rules.ics.sources;
  const repeated = rules.repeated_kinds;
  if (!rules.ics.choices.some((choice) => choice.id === include)) {
    throw new InputError("choice", `Choose what the calendar holds; '${cut(String(include))}' is not one of the choices.`);
  }
  const chosen = (event) => include === "all" || (include === "one-off" ? !repeated.includes(event.kind) : event.rules.some((rule) => rule.key === sources[include]));
  const marks = [];
  schedule.events.forEach((event, index) => {
    if (!chosen(event)) return;
    marks.push([event.start, 0, index, event, false]);
    if (event.end !== null && event.end !== event.start) marks.push([event.end, 1, index, event, true]);
  });
  marks.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || a[1] - b[1] || a[2] - b[2]);
  const days = /* @__PURE__ */ new Map();
  for (const [day, , , event, ends] of marks) {
    if (!days.has(day)) days.set(day, []);
    days.get(day).push([event, ends]);
  }
  return [...days.entries()];
}
function itemText(rules, event, ends) {
  const projected = event.projected ? ` (${rules.ics.projected})` : "";
  let head;
  if (ends) head = `Last day: ${event.title}${projected}, ${whenText(event)}.`;
  else if (event.end !== null) head = `${event.title}${projected}, ${whenText(event)}: ${plain(event.text)}`;
  else head = `${event.title}${projected}: ${plain(event.text)}`;
  const sources = [...new Set(event.rules.map((r) => `${r.source}, ${plain(r.locator)} [${r.key}]`))];
  return `${head}
Sources: ${sources.join("; ")}.`;
}
function calendarText(rules, schedule, stamp = rules.ics.default_stamp, include = "all") {
  const how = `Give the stamp as UTC text in the form YYYYMMDDTHHMMSSZ, e.g. ${rules.ics.default_stamp}.`;
  if (typeof stamp !== "string" || !/^[0-9]{8}T[0-9]{6}Z$/.test(stamp)) throw new InputError("stamp", how);
  const [year, month, day, hour, minute, second] = [0, 4, 6, 9, 11, 13].map(
    (at, i) => Number(stamp.slice(at, at + (i === 0 ? 4 : 2)))
  );
  const real = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 60;
  if (!real) {
    throw new InputError(
      "stamp",
      `Give the stamp as a real UTC time in the form YYYYMMDDTHHMMSSZ, e.g. ${rules.ics.default_stamp}; ${stamp} is not one.`
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
    "X-WR-CALDESC:" + icsEscape(`Course 1 from ${formatDate(first)}. ${what}, one calendar event a day. ${rules.ics.disclaimer}`)
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
      "END:VEVENT"
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map((line) => icsFold(line) + "\r\n").join("");
}
function chartRows(rules, schedule, overdue = []) {
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
    overdue: late.has(event.id)
  }));
}
function chartLanes(rules, schedule) {
  return rules.lanes.filter((lane) => schedule.events.some((event) => event.lane === lane));
}
function chartDescription(rules, schedule, overdue = []) {
  const events = schedule.events;
  const last = events.reduce((latest, event) => {
    const end = event.end || event.start;
    return end > latest ? end : latest;
  }, events[0].start);
  const used = chartLanes(rules, schedule);
  const late = overdue.length ? ` A ring marks what is overdue: ${overdue.map((event) => `${event.title}, ${whenText(event)}`).join("; ")}.` : "";
  return `Timeline of the schedule from ${formatDate(parseDate(events[0].start))} to ${formatDate(parseDate(last))}: ${events.length} events in ${used.length} rows (${used.join("; ")}). Ticks are single days and bars are periods.${late} The table above lists the events with their dates and sources.`;
}

// widgets/alemtuzumab_kb/ui/js/schedule_today.js
var NEXT_ROWS = 8;
var SHOW = [
  ["all", "every event"],
  ["once", "treatment, precautions and deadlines"],
  ["repeated", "tests and yearly checks"]
];
function overdueEvents(schedule, today) {
  return schedule.events.filter((event) => {
    if (event.course === null) return false;
    const course = schedule.courses[event.course - 1];
    return today < course.start && event.start < course.start && event.start < today;
  });
}
function passedText(schedule, event) {
  const course = schedule.courses[(event.course || 1) - 1];
  const what = event.end === null ? "this date has passed" : "its first day has passed";
  return `${what}, and course ${course.number} starts on ${formatDate(parseDate(course.start))}`;
}
function overdueLines(schedule, today) {
  return overdueEvents(schedule, today).map(
    (event) => `Overdue: ${event.title}, ${whenText(event)}: ${passedText(schedule, event)}.`
  );
}
var overdueCount = (number2) => `${number2} overdue event${number2 === 1 ? "" : "s"}`;
function tableView(schedule, today, repeatedKinds, show = "all", showAll = false) {
  if (!SHOW.some(([value]) => value === show)) {
    throw new Error(`Choose which events to show: one of ${SHOW.map(([value]) => value).join(", ")}.`);
  }
  const late = overdueEvents(schedule, today);
  const rest = schedule.events.filter(
    (event) => !late.includes(event) && (show === "all" || repeatedKinds.includes(event.kind) === (show === "repeated"))
  );
  const total = late.length + rest.length;
  const when = formatDate(parseDate(today));
  const view = (rows, title2) => ({ rows, overdue: late, total, title: title2, complete: rows.length === total });
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

// widgets/alemtuzumab_kb/ui/js/schedule_view.js
var NARROW = 520;
function timeNode(iso) {
  return element("time", { datetime: iso }, formatDate(parseDate(iso)));
}
function sourceCell(event, siteRoot, noted = /* @__PURE__ */ new Set()) {
  const cell = element("td", { class: "schedule-source" });
  const seen = /* @__PURE__ */ new Set();
  for (const rule of event.rules) {
    const key = `${rule.source}|${rule.locator}|${rule.key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = element("span", { class: "schedule-cite", "data-key": rule.key });
    line.append(
      sourceLink(siteRoot, rule.href, rule.source),
      document.createTextNode(`, ${rule.locator.replace(/\*/g, "")} (${rule.key})`)
    );
    cell.append(line);
    if (!noted.has(`${event.rule}|${rule.claim}`)) cell.append(...ruleNotes(rule, siteRoot));
    noted.add(`${event.rule}|${rule.claim}`);
  }
  return cell;
}
function eventRow(event, siteRoot, noted, passed = "") {
  const row = element("tr", {
    "data-id": event.id,
    "data-rule": event.rule,
    "data-kind": event.kind,
    "data-start": event.start,
    "data-end": event.end || "",
    "data-projected": String(event.projected),
    "data-citations": [...new Set(event.rules.map((rule) => rule.key))].join(" "),
    "data-overdue": String(Boolean(passed))
  });
  const when = element("td", { class: "schedule-when" });
  if (passed) {
    row.classList.add("schedule-overdue");
    when.append(element("strong", { class: "schedule-overdue-mark" }, "Overdue"), element("br"));
  }
  when.append(timeNode(event.start));
  if (event.end !== null) when.append(document.createTextNode(" to "), timeNode(event.end));
  const what = element("td");
  what.append(element("strong", { class: "schedule-title" }, event.title));
  if (passed) what.append(element("span", { class: "schedule-passed" }, `${passed[0].toUpperCase()}${passed.slice(1)}.`));
  if (event.projected) {
    what.append(element("span", { class: "schedule-projected" }, " (projected: if course 2 starts when due)"));
  }
  what.append(rich("span", event.text, { class: "schedule-text" }));
  row.append(when, what, sourceCell(event, siteRoot, noted));
  return row;
}
var VEGA = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
var KERNEL_WAIT_MS = 2e4;
var vegaLoading = null;
function vegaFromSite(siteRoot) {
  return VEGA.reduce(
    (previous, name) => previous.then(
      () => new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = `${siteRoot}_static/vega/${name}`;
        script.onload = resolve;
        script.onerror = () => reject(new Error(`${name} did not load`));
        document.head.appendChild(script);
      })
    ),
    Promise.resolve()
  );
}
function vegaFromKernel(model) {
  return new Promise((resolve, reject) => {
    let answered = false;
    const answer = (message) => {
      if (answered || !message || !("vega" in message)) return;
      answered = true;
      model.off("msg:custom", answer);
      if (!Array.isArray(message.vega)) return reject(new Error("the kernel has no vega"));
      for (const source of message.vega) new Function("define", "module", "exports", source).call(window);
      return resolve();
    };
    model.on("msg:custom", answer);
    model.send({ request: "vega" });
    setTimeout(() => answered || reject(new Error("the kernel did not send vega")), KERNEL_WAIT_MS);
  });
}
function vegaReady(model) {
  if (window.vegaEmbed) return Promise.resolve(window.vegaEmbed);
  if (!vegaLoading) {
    const siteRoot = siteRootOf(model);
    const live = siteRoot === null || /^[a-z][a-z0-9+.-]*:/i.test(siteRoot);
    vegaLoading = (live ? vegaFromKernel(model) : vegaFromSite(siteRoot)).then(
      () => window.vegaEmbed || null,
      () => null
    );
  }
  return vegaLoading;
}
function render({ model, el }) {
  const rules = calculatorRules(model);
  const id = idMaker(model);
  const root = element("div", { class: "calc calc-schedule" });
  const repeatedKinds = rules.repeated_kinds || [];
  const first = element("input", { id: id("course1_start"), type: "date", "data-input": "course1_start" });
  const second = element("input", { id: id("course2_start"), type: "date", "data-input": "course2_start" });
  const show = element("select", { id: id("show"), "data-input": "show" });
  for (const [value, text] of SHOW) show.append(element("option", { value }, text));
  const include = element("select", { id: id("include"), "data-input": "include" });
  for (const choice of rules.ics.choices) include.append(element("option", { value: choice.id }, choice.label));
  const firstDays = rules.courses.first.infusion_days;
  const laterDays = rules.courses.second.infusion_days;
  const status = statusRegion();
  const figure = element("figure", { class: "schedule-figure" });
  const chart = element("div", { class: "schedule-chart", role: "img", "aria-label": "Timeline of the schedule." });
  const chartNote = element(
    "figcaption",
    { class: "calc-hint" },
    "One row per event and source: ticks are single days, bars are periods, colours group the kinds of event, and a ring marks what is overdue. The table above lists every event with its source."
  );
  figure.append(chart, chartNote);
  const download = element("button", { type: "button", class: "schedule-download" }, "Download the calendar (.ics)");
  const downloadHint = element(
    "p",
    { class: "calc-hint" },
    "For any calendar program: one all-day event a day, listing what that day holds and its sources; made in your browser."
  );
  const calendar = element("div", { class: "schedule-calendar" });
  calendar.append(labelled("The calendar file holds", include), download, downloadHint);
  const tableTitle = element("p", { class: "calc-list-title schedule-table-title", "aria-live": "polite" });
  const table = element("table", { class: "schedule-table", "aria-labelledby": id("table-title") });
  tableTitle.id = id("table-title");
  const head = element("thead");
  const headRow = element("tr");
  for (const name of ["When", "Event", "Source"]) headRow.append(element("th", { scope: "col" }, name));
  head.append(headRow);
  const body = element("tbody");
  table.append(head, body);
  const more = element("button", { type: "button", class: "calc-button schedule-more", "aria-controls": id("table-title") });
  const openTitle = element("p", { class: "calc-list-title" }, "What the sources leave open");
  const openList = element("ul", { class: "schedule-open" });
  const results = element("div", { class: "schedule-results" });
  results.append(
    calendar,
    labelled("Show", show),
    tableTitle,
    table,
    more,
    figure,
    openTitle,
    openList
  );
  root.append(
    pair(
      labelled("First day of course 1", first, `Course 1 has ${firstDays} infusion days, on consecutive days.`),
      labelled(
        "First day of course 2",
        second,
        `Empty until course 2 is given: the schedule shows when it is due. It has ${laterDays} infusion days.`
      )
    ),
    exampleNote(model),
    status,
    shareTools(model, id),
    results,
    disclaimer()
  );
  el.append(root);
  let current2 = null;
  let shown = null;
  let chartToken = 0;
  let chartView = null;
  let drawnWidth = 0;
  function fail(message) {
    current2 = null;
    chartToken += 1;
    status.classList.add("calc-error");
    status.replaceChildren(element("p", { "data-result": "error" }, message));
    results.hidden = true;
  }
  function badDate(input, what) {
    const message = unreadableDate(input, what);
    if (message) fail(message);
    return Boolean(message);
  }
  let showAll = false;
  function today() {
    const set = String(model.get("today") ?? "");
    if (set) {
      try {
        return toIso(parseDate(set, "today"));
      } catch {
      }
    }
    const now = /* @__PURE__ */ new Date();
    return toIso({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
  }
  function applyFilter() {
    if (!current2) return;
    const view = tableView(current2, today(), repeatedKinds, show.value, showAll);
    const visible = new Set(view.rows.map((event) => event.id));
    for (const row of body.rows) row.hidden = !visible.has(row.dataset.id);
    tableTitle.textContent = view.title;
    table.hidden = visible.size === 0;
    more.hidden = !showAll && view.complete;
    more.textContent = showAll ? "Show only the next events" : `Show all ${view.total} events`;
    more.setAttribute("aria-expanded", String(showAll));
  }
  more.addEventListener("click", () => {
    showAll = !showAll;
    applyFilter();
  });
  async function drawChart(schedule) {
    chartToken += 1;
    const token = chartToken;
    const embed = await vegaReady(model);
    if (token !== chartToken) return;
    if (!embed || !rules.chart) {
      chart.style.minHeight = "";
      chart.replaceChildren(
        element("p", { class: "calc-hint" }, "The chart is drawn on the book's own pages; the table above lists the events.")
      );
      chart.dataset.drawn = "false";
      return;
    }
    const spec = JSON.parse(JSON.stringify(rules.chart));
    const late = overdueEvents(schedule, today());
    spec.data = { name: "events", values: chartRows(rules, schedule, late) };
    if (!late.length && Array.isArray(spec.layer)) spec.layer = spec.layer.filter((layer) => layer.name !== "overdue");
    const rowHeight = spec.usermeta && spec.usermeta.row_height;
    if (rowHeight) spec.height = rowHeight * chartLanes(rules, schedule).length;
    if (legendColumns() === 1) {
      spec.config = spec.config || {};
      spec.config.axisY = { ...spec.config.axisY || {}, labelLimit: 120 };
      spec.config.legend = { ...spec.config.legend || {}, columns: 1 };
    }
    drawnWidth = chart.clientWidth;
    reserveChart(schedule);
    if (chartView) chartView.finalize();
    chartView = null;
    const target = element("div", { class: "schedule-chart-target" });
    chart.replaceChildren(target);
    chart.dataset.drawn = "pending";
    try {
      const result = await embed(target, spec, { actions: false, renderer: "svg" });
      if (token !== chartToken) {
        result.finalize();
        return;
      }
      chartView = result;
      chart.dataset.drawn = "true";
    } catch (error) {
      if (token !== chartToken) return;
      chart.style.minHeight = "";
      chart.replaceChildren(element("p", { class: "calc-hint" }, `The chart could not be drawn (${error}); the table above lists the events.`));
      chart.dataset.drawn = "false";
    }
  }
  function update() {
    const siteRoot = siteRootOf(model);
    const bad = [first, second].map((input) => Boolean(input.validity && input.validity.badInput));
    const key = JSON.stringify([model.get("course1_start"), model.get("course2_start"), siteRoot, bad, today()]);
    if (key === shown) return;
    shown = key;
    if (badDate(first, "The first day of course 1") || badDate(second, "The first day of course 2")) return;
    let schedule;
    try {
      schedule = treatmentSchedule(rules, model.get("course1_start"), model.get("course2_start"));
    } catch (error) {
      if (error && error.name === "InputError") fail(error.message);
      else fail(`The calculator could not work this out (${error}). Check the dates.`);
      return;
    }
    current2 = schedule;
    status.classList.remove("calc-error");
    const names = ["course1", "course2", "horizon", "count"];
    const values = [schedule.courses[0].start, schedule.courses[1].start, schedule.horizon, String(schedule.events.length)];
    const lines = schedule.summary.map(
      (line, index) => element("p", index < names.length ? { "data-result": names[index], "data-value": values[index] } : { "data-result": "notice" }, line)
    );
    const late = overdueLines(schedule, today()).map((line) => element("p", { class: "schedule-overdue-line", "data-result": "overdue" }, line));
    status.replaceChildren(headline(schedule.headline), ...late, ...lines);
    if (schedule.projected) lines[1].dataset.projected = "true";
    setTimeout(() => {
      if (current2 === schedule) showDetails(schedule, siteRoot);
    }, 0);
  }
  function showDetails(schedule, siteRoot) {
    results.hidden = false;
    const late = overdueEvents(schedule, today());
    const rows = [...late, ...schedule.events.filter((event) => !late.includes(event))];
    const noted = /* @__PURE__ */ new Set();
    body.replaceChildren(
      ...rows.map((event) => eventRow(event, siteRoot, noted, late.includes(event) ? passedText(schedule, event) : ""))
    );
    applyFilter();
    openList.replaceChildren(
      ...schedule.openPoints.map((point) => {
        const item = element("li", { "data-claim": point.rule.claim });
        item.append(rich("span", point.text), document.createTextNode(" ("));
        item.append(sourceLink(siteRoot, point.rule.href, point.rule.source));
        item.append(document.createTextNode(`, ${point.rule.locator.replace(/\*/g, "")}; ${point.rule.key})`));
        item.append(...ruleNotes(point.rule, siteRoot));
        return item;
      })
    );
    showChart(schedule);
  }
  let chartNear = typeof IntersectionObserver !== "function";
  let chartWanted = null;
  const nearObserver = chartNear ? null : new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    chartNear = true;
    nearObserver.disconnect();
    if (chartWanted === current2) drawChart(chartWanted);
  }, { rootMargin: "300px 0px" });
  if (nearObserver) nearObserver.observe(chart);
  function legendColumns() {
    return chart.clientWidth < NARROW ? 1 : (rules.chart.config.legend || {}).columns || 1;
  }
  function reserveChart(schedule) {
    const meta = rules.chart && rules.chart.usermeta || {};
    if (!meta.row_height) return;
    const legendRows = Math.ceil(rules.kinds.length / legendColumns());
    const height = meta.row_height * chartLanes(rules, schedule).length + meta.axis_height + meta.legend_row_height * legendRows;
    chart.style.minHeight = `${height}px`;
    chart.dataset.reserved = String(height);
  }
  function showChart(schedule) {
    reserveChart(schedule);
    chart.setAttribute("aria-label", chartDescription(rules, schedule, overdueEvents(schedule, today())));
    if (chartNear) drawChart(schedule);
    else chartWanted = schedule;
  }
  function fileName(schedule, choice) {
    const dates = schedule.courses.filter((course) => course.given).map((course) => course.start);
    const what = choice === "all" ? "" : `-${choice}`;
    return `alemtuzumab-schedule-${dates.join("-")}${what}.ics`;
  }
  let fileUrl = null;
  download.addEventListener("click", () => {
    if (!current2) return;
    const text = calendarText(rules, current2, rules.ics.default_stamp, include.value);
    if (fileUrl) URL.revokeObjectURL(fileUrl);
    fileUrl = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    const link = element("a", { href: fileUrl, download: fileName(current2, include.value), target: "_self", hidden: "" });
    root.append(link);
    link.click();
    link.remove();
  });
  show.addEventListener("change", applyFilter);
  let resizeTimer = null;
  const resizeObserver = typeof ResizeObserver === "function" ? new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (current2 && chart.dataset.drawn === "true" && Math.abs(chart.clientWidth - drawnWidth) > 1) drawChart(current2);
    }, 150);
  }) : null;
  if (resizeObserver) resizeObserver.observe(chart);
  function setFromInputs() {
    model.set("course1_start", first.value);
    model.set("course2_start", second.value);
    model.save_changes();
    update();
  }
  function setFromModel() {
    for (const [input, name] of [[first, "course1_start"], [second, "course2_start"]]) {
      showValue(input, model, name);
    }
    update();
  }
  for (const input of [first, second]) {
    input.addEventListener("input", setFromInputs);
    input.addEventListener("change", setFromInputs);
    input.addEventListener("keyup", update);
    input.addEventListener("blur", update);
  }
  const traits = ["course1_start", "course2_start", "today"];
  for (const name of traits) model.on(`change:${name}`, setFromModel);
  setFromModel();
  return () => {
    for (const name of traits) model.off(`change:${name}`, setFromModel);
    chartToken += 1;
    if (resizeObserver) resizeObserver.disconnect();
    if (nearObserver) nearObserver.disconnect();
    if (chartView) chartView.finalize();
  };
}
var schedule_view_default = { render };
export {
  schedule_view_default as default
};

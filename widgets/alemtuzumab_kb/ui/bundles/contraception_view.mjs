// Bundled by esbuild from widgets/alemtuzumab_kb/ui/js/contraception_view.js and what it imports: edit those, then `make bundles`.

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
var LAST_INFUSION = "the date of the last infusion";
var COURSE_START = "the first day of the course";
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
function lastInfusion(rules, courseStart, course) {
  return toIso(courseEnd(rules, enteredDate(courseStart, COURSE_START), course));
}
function courseEnd(rules, start, course) {
  return addDays(start, courseRule(rules, course).infusion_days - 1);
}
function when(milestone) {
  if (milestone.date === null) return "no date set";
  const words = milestone.qualifier === "at least" ? `${milestone.reads} at least` : milestone.reads;
  return `${words} ${formatDate(parseDate(milestone.date))}`;
}
function headline2(result) {
  const entries = Object.values(result.items)[0];
  const dated = entries.filter((m) => m.date !== null);
  if (!dated.length) return `${entries[0].label}: no date set by the sources`;
  const [first] = dated;
  if (dated.every((m) => m.when === first.when)) return `${first.label} ${first.when}`;
  return `${first.label} ${first.when} (${first.rule.source}); the sources differ`;
}
function afterLastInfusion(rules, last) {
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
      rule: entry.rule
    };
    milestone.when = when(milestone);
    (items[entry.item] ||= []).push(milestone);
  }
  return { lastInfusion: toIso(day), items };
}

// widgets/alemtuzumab_kb/ui/js/contraception_view.js
var KNOWN = [
  ["last_infusion", "the last infusion"],
  ["course_start", "the course's first day"]
];
function source(rule, siteRoot) {
  const cite = element("span", { class: "calc-cite" });
  cite.append(
    document.createTextNode(" ("),
    sourceLink(siteRoot, rule.href, rule.source),
    document.createTextNode(`, ${rule.locator.replace(/\*/g, "")}; ${rule.key})`)
  );
  return cite;
}
function render({ model, el }) {
  const rules = calculatorRules(model);
  const id = idMaker(model);
  const root = element("div", { class: "calc calc-contraception" });
  const known = element("select", { id: id("known") });
  for (const [value, text] of KNOWN) known.append(element("option", { value }, text));
  const last = element("input", { id: id("last_infusion"), type: "date" });
  const start = element("input", { id: id("course_start"), type: "date" });
  const course = element("input", { id: id("course"), type: "number", min: "1", step: "1", inputmode: "numeric" });
  const first = rules.courses.first.infusion_days;
  const later = rules.courses.second.infusion_days;
  const lastGroup = element("div", { class: "calc-group" });
  lastGroup.append(labelled("Date of the last infusion", last));
  const courseGroup = pair(
    labelled("First day of the course", start),
    labelled(
      "Course number",
      course,
      `Course 1 has ${first} infusion days, later courses ${later}, given on consecutive days.`
    )
  );
  const status = statusRegion();
  const details = element("div", { class: "calc-details" });
  root.append(
    pair(labelled("Start from", known), lastGroup),
    courseGroup,
    exampleNote(model),
    status,
    shareTools(model, id),
    details,
    disclaimer()
  );
  el.append(root);
  function fail(message) {
    details.replaceChildren();
    status.classList.add("calc-error");
    status.replaceChildren(element("p", { "data-result": "error" }, message));
  }
  function badDate(input, what) {
    const message = unreadableDate(input, what);
    if (message) fail(message);
    return Boolean(message);
  }
  let shown = null;
  function update() {
    const siteRoot = siteRootOf(model);
    const fromCourse = model.get("known") === "course_start";
    const bad = [last, start].map((input) => Boolean(input.validity && input.validity.badInput));
    const traits = ["known", "last_infusion", "course_start", "course"];
    const key = JSON.stringify([...traits.map((name) => model.get(name)), siteRoot, bad]);
    if (key === shown) return;
    shown = key;
    lastGroup.hidden = fromCourse;
    courseGroup.hidden = !fromCourse;
    let day;
    let how;
    let result;
    try {
      if (fromCourse) {
        if (badDate(start, "The first day of the course")) return;
        day = lastInfusion(rules, model.get("course_start"), model.get("course"));
        const rule = courseRule(rules, model.get("course"));
        how = rich(
          "p",
          `Course ${rule.number} has ${rule.infusion_days} infusion days on consecutive days, so the last infusion is on ${formatDate(parseDate(day))}.`,
          { class: "calc-course" }
        );
        how.append(document.createTextNode(" Sources: "));
        rule.rules.forEach((r, index) => {
          if (index) how.append(document.createTextNode("; "));
          how.append(sourceLink(siteRoot, r.href, r.source, { title: `${r.locator.replace(/\*/g, "")}; ${r.key}` }));
        });
        how.append(document.createTextNode("."));
      } else {
        if (badDate(last, "The date of the last infusion")) return;
        day = model.get("last_infusion");
      }
      result = afterLastInfusion(rules, day);
    } catch (error) {
      if (error && error.name === "InputError") fail(error.message);
      else fail(`The calculator could not work this out (${error}). Check the inputs.`);
      return;
    }
    status.classList.remove("calc-error");
    const lastLine = element("p", { class: "calc-last", "data-result": "last_infusion", "data-value": result.lastInfusion });
    lastLine.append(
      element("strong", {}, "Last infusion: "),
      element("time", { datetime: result.lastInfusion }, formatDate(parseDate(result.lastInfusion)))
    );
    status.replaceChildren(headline(headline2(result)), lastLine);
    if (how) status.append(how);
    details.replaceChildren();
    const readingsShown = /* @__PURE__ */ new Set();
    for (const milestones of Object.values(result.items)) {
      const block = element("div", { class: "calc-item", "data-item": milestones[0].item });
      block.append(element("p", { class: "calc-list-title" }, milestones[0].label));
      const ul = element("ul");
      for (const m of milestones) {
        const li = element("li", { "data-claim": m.rule.claim, "data-value": m.date || "" });
        const label = element("strong", {}, m.when.charAt(0).toUpperCase() + m.when.slice(1));
        li.append(label, document.createTextNode(": "), rich("span", m.text), source(m.rule, siteRoot), ...ruleNotes(m.rule, siteRoot, readingsShown));
        ul.append(li);
      }
      block.append(ul);
      details.append(block);
    }
  }
  function setFromInputs() {
    model.set("known", known.value);
    model.set("last_infusion", last.value);
    model.set("course_start", start.value);
    model.set("course", course.value);
    model.save_changes();
    update();
  }
  function setFromModel() {
    const wanted = model.get("known") === "course_start" ? "course_start" : "last_infusion";
    if (known.value !== wanted) known.value = wanted;
    for (const [input, name] of [[last, "last_infusion"], [start, "course_start"], [course, "course"]]) {
      showValue(input, model, name);
    }
    update();
  }
  known.addEventListener("change", setFromInputs);
  for (const input of [last, start, course]) {
    input.addEventListener("input", setFromInputs);
    input.addEventListener("change", setFromInputs);
    input.addEventListener("keyup", update);
    input.addEventListener("blur", update);
  }
  const names = ["known", "last_infusion", "course_start", "course"];
  for (const name of names) model.on(`change:${name}`, setFromModel);
  setFromModel();
  return () => {
    for (const name of names) model.off(`change:${name}`, setFromModel);
  };
}
var contraception_view_default = { render };
export {
  contraception_view_default as default
};

// Bundled by esbuild from widgets/alemtuzumab_kb/ui/js/washout_view.js and what it imports: edit those, then `make bundles`.

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
function spacePattern() {
  loaded();
  return patterns.space;
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
function citationList(citations, siteRoot) {
  const list2 = element("ul", { class: "calc-citations" });
  for (const citation of citations) {
    const item = element("li");
    const link = sourceLink(siteRoot, citation.href, citation.source);
    item.append(link, document.createTextNode(`, ${citation.locator} (${citation.key})`));
    item.append(...ruleNotes(citation, siteRoot));
    list2.append(item);
  }
  return list2;
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

// widgets/alemtuzumab_kb/ui/js/washout.js
var LAST_DOSE = "the date of the last dose";
function normaliseName(text) {
  const separators = new RegExp(`(?:${spacePattern()}|[_\\-\\u2010-\\u2015])+`, "u");
  return String(text).toLowerCase().split(separators).filter(Boolean).join(" ");
}
function editDistance(a, b) {
  let previous2 = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], previous2[j - 2] + 1);
      }
    }
    previous2 = previous;
    previous = row;
  }
  return previous[b.length];
}
function nameParts(key) {
  const words = key.split(" ");
  const parts = [key];
  for (let i = words.length - 1; i > 0; i -= 1) {
    if (words[i][0] >= "0" && words[i][0] <= "9") parts.push(words.slice(0, i).join(" "));
  }
  return parts;
}
var own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
function suggestions(rules, name) {
  const { letters_per_edit: perEdit, max_edits: maxEdits, max_suggestions: most, min_prefix: prefix } = rules.match;
  const parts = nameParts(normaliseName(name)).map((key) => [
    key,
    Math.min(maxEdits, Math.max(1, Math.floor(key.length / perEdit)))
  ]);
  const best = /* @__PURE__ */ new Map();
  for (const option of rules.options) {
    const candidate = normaliseName(option);
    const therapy = rules.names[candidate];
    const lower = option.toLowerCase();
    for (const [key, allowed] of parts) {
      const starts = key.length >= prefix && candidate.startsWith(key);
      if (Math.abs(key.length - candidate.length) > allowed && !starts) continue;
      let distance = Math.abs(key.length - candidate.length) > allowed ? allowed : editDistance(key, candidate);
      if (starts) distance = Math.min(distance, allowed);
      const held = best.get(therapy);
      const better = !held || distance < held.distance || distance === held.distance && lower < held.lower;
      if (distance <= allowed && better) best.set(therapy, { distance, lower, option });
    }
  }
  return [...best.values()].sort((x, y) => x.distance - y.distance || (x.lower < y.lower ? -1 : x.lower > y.lower ? 1 : 0)).slice(0, most).map((entry) => entry.option);
}
var orList = (names) => names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
var EXAMPLE_NAMES = "e.g. fingolimod or Gilenya";
function findTherapy(rules, name) {
  if (typeof name === "string") name = cleanText(name, "the therapy");
  const key = typeof name === "string" ? normaliseName(name) : "";
  if (!key) {
    throw new InputError(
      "empty-therapy",
      `Enter the therapy that was stopped, by generic or brand name, ${EXAMPLE_NAMES}.`
    );
  }
  const found = nameParts(key).find((part) => own(rules.names, part));
  if (found === void 0) {
    const close = suggestions(rules, name);
    const advice = close.length ? `Did you mean ${orList(close)}?` : `Enter the generic or brand name of a disease-modifying therapy for MS, ${EXAMPLE_NAMES}.`;
    throw new InputError("unknown-therapy", `'${cut(name.trim())}' is not a therapy this calculator knows. ${advice}`);
  }
  const id = rules.names[found];
  return { id, ...rules.therapies[id] };
}
function headline2(plan) {
  if (!plan.covered) return "No date: no source gives a rule for this switch";
  if (plan.earliestStart === null) return "No date: the source sets no washout interval";
  const head = `Earliest start of ${plan.nextTherapy}: ${formatDate(parseDate(plan.earliestStart))}`;
  return plan.latestStart === null ? head : `${head}; latest start: ${formatDate(parseDate(plan.latestStart))}`;
}
function summary(plan) {
  if (!plan.covered) return plan.notice;
  if (!plan.stated) {
    return `The source names ${plan.therapy} but sets no washout interval, so there is no earliest or latest date for starting ${plan.nextTherapy}.`;
  }
  const when = formatDate(parseDate(plan.earliestStart));
  if (plan.latestStart !== null) {
    return `Washout of ${plan.offset}: earliest start of ${plan.nextTherapy} ${when}, latest start ${formatDate(parseDate(plan.latestStart))}.`;
  }
  const head = plan.earliestStart === plan.lastDose ? `No washout: ${plan.nextTherapy} can start from ${when}, the day of the last dose` : `Washout of ${plan.offset}: earliest start of ${plan.nextTherapy} ${when}`;
  return `${head}; the sources set no latest start.`;
}
function washoutPlan(rules, prior, lastDose) {
  const rule = findTherapy(rules, prior);
  const day = enteredDate(lastDose, LAST_DOSE);
  const ruleIds = rule.rules.filter((id) => own(rules.claims, id));
  const plan = {
    prior: rule.id,
    therapy: rule.label,
    direction: rule.direction,
    nextTherapy: rule.direction === "to-alemtuzumab" ? "alemtuzumab" : "the next therapy",
    covered: rule.covered,
    stated: rule.stated,
    lastDose: toIso(day),
    earliestStart: rule.earliest ? toIso(addDuration(day, rule.earliest)) : null,
    latestStart: rule.latest ? toIso(addDuration(day, rule.latest)) : null,
    offset: rule.offset,
    notice: rule.covered ? "" : rules.not_covered.split("{therapy}").join(rule.label),
    actions: [...rule.actions, ...rule.general ? rules.general : []],
    cautions: rule.cautions,
    caveats: rule.caveats,
    rules: ruleIds.map((id) => rules.claims[id])
  };
  plan.citations = [...new Set(plan.rules.map((r) => r.key))];
  plan.summary = summary(plan);
  plan.headline = headline2(plan);
  return plan;
}

// widgets/alemtuzumab_kb/ui/js/washout_view.js
function list(title, items, kind) {
  const block = element("div", { class: `calc-${kind}` });
  block.append(element("p", { class: "calc-list-title" }, title));
  const ul = element("ul");
  for (const text of items) ul.append(rich("li", text));
  block.append(ul);
  return block;
}
function rulesApplied(rules, siteRoot) {
  const block = element("div", { class: "calc-rules" });
  block.append(element("p", { class: "calc-list-title" }, "Rules applied and their sources"));
  const ul = element("ul", { class: "calc-citations" });
  const readingsShown = /* @__PURE__ */ new Set();
  for (const rule of rules) {
    const item = rich("li", `${rule.statement} `, { "data-claim": rule.claim });
    item.append(
      sourceLink(siteRoot, rule.href, rule.source),
      document.createTextNode(`, ${rule.locator.replace(/\*/g, "")} (${rule.key})`),
      ...ruleNotes(rule, siteRoot, readingsShown)
    );
    ul.append(item);
  }
  block.append(ul);
  return block;
}
function render({ model, el }) {
  const rules = calculatorRules(model);
  const id = idMaker(model);
  const root = element("div", { class: "calc calc-washout" });
  const names = element("datalist", { id: id("names") });
  for (const name of rules.options) names.append(element("option", { value: name }));
  const prior = element("input", {
    id: id("prior"),
    type: "text",
    list: id("names"),
    spellcheck: "false",
    autocapitalize: "none"
  });
  const lastDose = element("input", { id: id("last_dose"), type: "date", required: "" });
  const status = statusRegion();
  const details = element("div", { class: "calc-details" });
  root.append(
    pair(
      labelled(
        "Therapy stopped",
        prior,
        "Generic or brand name, e.g. fingolimod or Gilenya 0.5 mg; alemtuzumab for a switch away from it."
      ),
      labelled("Date of the last dose", lastDose)
    ),
    names,
    exampleNote(model),
    status,
    shareTools(model, id),
    details,
    disclaimer()
  );
  el.append(root);
  function fail(message) {
    status.classList.add("calc-error");
    status.replaceChildren(element("p", { "data-result": "error" }, message));
    details.replaceChildren();
  }
  let shown = null;
  function update() {
    const siteRoot = siteRootOf(model);
    const bad = Boolean(lastDose.validity && lastDose.validity.badInput);
    const key = JSON.stringify([model.get("prior"), model.get("last_dose"), siteRoot, bad]);
    if (key === shown) return;
    shown = key;
    if (bad) {
      fail(unreadableDate(lastDose, "The date of the last dose"));
      return;
    }
    let plan;
    try {
      plan = washoutPlan(rules, model.get("prior"), model.get("last_dose"));
    } catch (error) {
      if (error && error.name === "InputError") fail(error.message);
      else fail(`The calculator could not work this out (${error}). Check the inputs.`);
      return;
    }
    status.classList.remove("calc-error");
    const asShown = (iso) => [iso, iso && formatDate(parseDate(iso))];
    const head = headline(plan.headline, { earliest_start: asShown(plan.earliestStart), latest_start: asShown(plan.latestStart) });
    const summary2 = element("p", { class: "calc-summary", "data-result": "summary" }, plan.summary);
    status.replaceChildren(head, summary2);
    if (plan.caveats.length) status.append(list("Caveat on this rule", plan.caveats, "caveat"));
    const parts = [];
    if (plan.actions.length) parts.push(list("What must happen first", plan.actions, "actions"));
    if (plan.cautions.length) parts.push(list("Caution", plan.cautions, "cautions"));
    parts.push(rulesApplied(plan.rules, siteRoot));
    if (!plan.covered) {
      const checked = element("div", { class: "calc-checked" });
      checked.append(element("p", { class: "calc-list-title" }, "Sections on switching that were checked"));
      checked.append(citationList(rules.checked, siteRoot));
      parts.push(checked);
    }
    details.replaceChildren(...parts);
  }
  function setFromInputs() {
    model.set("prior", prior.value);
    model.set("last_dose", lastDose.value);
    model.save_changes();
    update();
  }
  function setFromModel() {
    if (prior.value !== model.get("prior")) prior.value = model.get("prior") || "";
    showValue(lastDose, model, "last_dose");
    update();
  }
  prior.addEventListener("input", setFromInputs);
  lastDose.addEventListener("input", setFromInputs);
  lastDose.addEventListener("change", setFromInputs);
  lastDose.addEventListener("keyup", update);
  lastDose.addEventListener("blur", update);
  model.on("change:prior", setFromModel);
  model.on("change:last_dose", setFromModel);
  setFromModel();
  return () => {
    model.off("change:prior", setFromModel);
    model.off("change:last_dose", setFromModel);
  };
}
var washout_view_default = { render };
export {
  washout_view_default as default
};

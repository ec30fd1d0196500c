// Bundled by esbuild from widgets/alemtuzumab_kb/ui/js/trials_view.js and what it imports: edit those, then `make bundles`.

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
function typedNumber(text, { percent: percent2 = false, whole = false } = {}) {
  let cleaned = stripSpace(String(text ?? ""));
  if (cleaned === "") return null;
  if (percent2 && cleaned.endsWith("%")) cleaned = stripSpace(cleaned.slice(0, -1));
  const form = whole ? /^[0-9]+$/ : /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
  return form.test(cleaned) ? Number(cleaned) : NaN;
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
  const list = element("ul", { class: "calc-citations" });
  for (const citation of citations) {
    const item = element("li");
    const link = sourceLink(siteRoot, citation.href, citation.source);
    item.append(link, document.createTextNode(`, ${citation.locator} (${citation.key})`));
    item.append(...ruleNotes(citation, siteRoot));
    list.append(item);
  }
  return list;
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

// widgets/alemtuzumab_kb/ui/js/trials.js
var Z95 = 1.959963984540054;
var TOLERANCE = 1e-9;
var MAX_RELAPSE_ICONS = 300;
var MOST_DECIMALS = 6;
var InputError = class extends Error {
};
function checked(value, name, what, example = "") {
  const problem = numberProblem(value, name, what, example);
  if (problem) throw new InputError(problem);
  return value;
}
function rate(value, arm, example) {
  const name = arm === "control" ? "control_relapse_rate" : "relapse_rate";
  return checked(value, name, `The ${arm} arm's relapse rate`, example);
}
function percent(value, arm, example) {
  const name = arm === "control" ? "control_risk_percent" : "risk_percent";
  return checked(value, name, `The ${arm} arm's risk`, example);
}
function patients(value, arm) {
  return checked(value, "arm_size", `The number of patients in the ${arm} arm`, "200");
}
function fraction(value, what, low = 0) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < low || value > 1) {
    throw new InputError(`${what} must be a number from ${low} to 1.`);
  }
  return value;
}
function rateComparison(controlRate, treatedRate) {
  const control = rate(controlRate, "control", "0.4");
  const treated = rate(treatedRate, "treated", "0.2");
  const ratio = treated / control;
  const difference = control - treated;
  return {
    control_rate: control,
    treated_rate: treated,
    rate_ratio: ratio,
    relative_reduction: 1 - ratio,
    difference,
    relapses_avoided_per_100_patient_years: 100 * difference,
    patient_years_per_relapse_avoided: difference > 0 ? 1 / difference : Infinity,
    patient_years_per_extra_relapse: difference < 0 ? 1 / -difference : Infinity
  };
}
function wilsonInterval(proportion, n, z = Z95) {
  fraction(proportion, "The proportion");
  patients(n, "one");
  const centre = 2 * n * proportion + z * z;
  const spread = z * Math.sqrt(z * z + 4 * n * proportion * (1 - proportion));
  const denominator = 2 * (n + z * z);
  return [Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator)];
}
function newcombeInterval(pControl, nControl, pTreated, nTreated, z = Z95) {
  const [lowC, highC] = wilsonInterval(pControl, nControl, z);
  const [lowT, highT] = wilsonInterval(pTreated, nTreated, z);
  const difference = pControl - pTreated;
  const lower = difference - Math.sqrt((pControl - lowC) ** 2 + (highT - pTreated) ** 2);
  const upper = difference + Math.sqrt((highC - pControl) ** 2 + (pTreated - lowT) ** 2);
  return [lower, upper];
}
function wholePatients(value) {
  if (value === Infinity) return Infinity;
  if (typeof value !== "number" || !(value > 0 && value < Infinity)) {
    throw new InputError("A number of patients must be a number above zero, or infinity.");
  }
  return Math.ceil(value - TOLERANCE);
}
function digits(value) {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}
function count(value) {
  return value === Infinity ? "infinity" : digits(value);
}
function nntInterval(lower, upper) {
  fraction(lower, "The lower limit of the risk difference", -1);
  fraction(upper, "The upper limit of the risk difference", -1);
  [lower, upper] = [lower, upper].map((x) => Math.abs(x) < 1 / Number.MAX_VALUE ? 0 : x);
  if (lower > upper) throw new InputError("The lower limit of the risk difference must not be above the upper.");
  let benefit = null;
  let harm = null;
  let text;
  if (lower > 0) {
    benefit = [wholePatients(1 / upper), wholePatients(1 / lower)];
    text = `NNT(benefit) ${count(benefit[0])} to ${count(benefit[1])}`;
  } else if (upper < 0) {
    harm = [wholePatients(1 / -lower), wholePatients(1 / -upper)];
    text = `NNT(harm) ${count(harm[0])} to ${count(harm[1])}`;
  } else {
    const parts = [];
    if (upper > 0) {
      benefit = [wholePatients(1 / upper), Infinity];
      parts.push(`NNT(benefit) ${count(benefit[0])}`);
    }
    parts.push("infinity");
    if (lower < 0) {
      harm = [wholePatients(1 / -lower), Infinity];
      parts.push(`NNT(harm) ${count(harm[0])}`);
    }
    text = parts.join(" to ");
  }
  return { benefit, harm, includes_infinity: lower <= 0 && 0 <= upper, text };
}
function nntText(nnt, kind) {
  if (kind !== "benefit" && kind !== "harm" && kind !== "none") {
    throw new InputError("The kind of NNT must be 'benefit', 'harm' or 'none'.");
  }
  return kind === "none" ? "infinity (no difference)" : `NNT(${kind}) ${count(wholePatients(nnt))}`;
}
function riskComparison(controlPct, treatedPct, nControl = null, nTreated = null) {
  const controlP = percent(controlPct, "control", "20") / 100;
  const treatedP = percent(treatedPct, "treated", "10") / 100;
  if (nControl === null !== (nTreated === null)) {
    throw new InputError(
      "Give the number of patients in both arms for an interval, or in neither."
    );
  }
  const ratio = treatedP / controlP;
  const arr = controlP - treatedP;
  const kind = arr > 0 ? "benefit" : arr < 0 ? "harm" : "none";
  const nnt = arr !== 0 ? wholePatients(1 / Math.abs(arr)) : Infinity;
  let arrCi = null;
  let interval = null;
  if (nControl !== null && nTreated !== null) {
    const nc = patients(nControl, "control");
    const nt = patients(nTreated, "treated");
    arrCi = newcombeInterval(controlP, nc, treatedP, nt);
    interval = nntInterval(arrCi[0], arrCi[1]);
  }
  return {
    control_risk: controlP,
    treated_risk: treatedP,
    risk_ratio: ratio,
    relative_risk_reduction: 1 - ratio,
    absolute_risk_reduction: arr,
    nnt,
    nnt_kind: kind,
    nnt_text: nntText(nnt, kind),
    arr_ci: arrCi,
    nnt_interval: interval
  };
}
function halfUp(value) {
  return Math.floor(value + 0.5);
}
function iconCounts(measure, control, treated) {
  if (measure === "risk") {
    percent(control, "control", "20");
    percent(treated, "treated", "10");
  } else if (measure === "rate") {
    rate(control, "control", "0.4");
    rate(treated, "treated", "0.2");
  } else {
    throw new InputError("Choose whether the figures are relapse rates ('rate') or risks ('risk').");
  }
  let c;
  let t;
  let unit;
  let total;
  if (measure === "risk") {
    [c, t, unit, total] = [halfUp(control), halfUp(treated), "patients", 100];
  } else {
    [c, t, unit] = [halfUp(100 * control), halfUp(100 * treated), "relapses"];
    total = Math.max(c, t);
  }
  return {
    unit,
    total,
    both: Math.min(c, t),
    avoided: Math.max(c - t, 0),
    extra: Math.max(t - c, 0),
    neither: total - Math.max(c, t),
    drawable: total <= MAX_RELAPSE_ICONS
  };
}
var FIELDS = {
  rate: {
    control: ["the control arm's relapse rate", "0.4"],
    treated: ["the treated arm's relapse rate", "0.2"]
  },
  risk: {
    control: ["the control arm's risk as a percentage", "20"],
    treated: ["the treated arm's risk as a percentage", "10"]
  }
};
function parseNumber(text, percent2 = false) {
  return typedNumber(text, { percent: percent2 });
}
function parseWhole(text) {
  return typedNumber(text, { whole: true });
}
function typed(text, what) {
  const problem = characterProblem(String(text ?? ""), what);
  if (problem) throw new InputError(problem);
}
function required(text, what, example, percent2) {
  typed(text, what);
  const value = parseNumber(text, percent2);
  if (value === null) throw new InputError(`Enter ${what}, such as ${example}.`);
  if (Number.isNaN(value)) {
    throw new InputError(`“${cut(stripSpace(String(text)))}” is not a number; enter ${what}, such as ${example}.`);
  }
  return value;
}
function optional(text, arm) {
  const what = `the number of patients in the ${arm} arm`;
  typed(text, what);
  const value = parseWhole(text);
  if (Number.isNaN(value)) {
    throw new InputError(
      `“${cut(stripSpace(String(text)))}” is not a whole number; enter ${what} in digits, such as 200, or leave it empty.`
    );
  }
  return value;
}
function evaluate({ measure, control, treated, n_control: nControl, n_treated: nTreated }) {
  try {
    if (measure !== "rate" && measure !== "risk") {
      throw new InputError("Choose whether the figures are relapse rates or risks.");
    }
    const fields = FIELDS[measure];
    const c = required(control, ...fields.control, measure === "risk");
    const t = required(treated, ...fields.treated, measure === "risk");
    let result;
    if (measure === "rate") {
      result = rateComparison(c, t);
    } else {
      result = riskComparison(c, t, optional(nControl, "control"), optional(nTreated, "treated"));
    }
    return { ok: true, measure, result, icons: iconCounts(measure, c, t) };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, message: error.message };
    throw error;
  }
}
var PLACES = { percent: 1, ratio: 2, rate: 2, per_100: 1, patient_years: 1 };
function fixed(value, places) {
  const text = value.toFixed(places);
  return Number(text) === 0 ? 0 .toFixed(places) : text;
}
function decimals(values, places = 1, most = MOST_DECIMALS) {
  while (places < most && values.some((value) => value !== 0 && Number(fixed(Math.abs(value), places)) === 0)) {
    places += 1;
  }
  return places;
}
function rounded(value, kind) {
  return fixed(value, decimals([value], PLACES[kind]));
}
function percentText(fraction2) {
  return `${rounded(100 * fraction2, "percent")}%`;
}
var minus = (text) => text.replace("-", "−");
function nntReach(interval, kind) {
  const ends = [
    interval.benefit ? `one patient helped per ${count(interval.benefit[0])} treated` : "no difference",
    interval.harm ? `one patient harmed per ${count(interval.harm[0])} treated` : "no difference"
  ];
  if (ends[0] === ends[1]) return "the 95% interval is no difference";
  if (kind === "none") return `the 95% interval runs from ${ends[0]} to ${ends[1]}`;
  return `the 95% interval includes no difference: from ${ends[0]} to ${ends[1]}`;
}
function headline2(measure, result) {
  if (measure === "rate") {
    const perHundred = result.relapses_avoided_per_100_patient_years;
    if (result.difference > 0) return `${rounded(perHundred, "per_100")} relapses avoided per 100 patient-years`;
    if (result.difference < 0) return `${rounded(-perHundred, "per_100")} extra relapses per 100 patient-years`;
    return "No difference in relapses per patient-year";
  }
  const kind = result.nnt_kind;
  const interval = result.nnt_interval;
  const head = kind === "none" ? "No difference in risk: the NNT is infinite" : `${kind === "benefit" ? "NNT" : "NNH"} ${count(result.nnt)}`;
  if (!interval) return head;
  if (interval.includes_infinity) return `${head}; ${nntReach(interval, kind)}`;
  const [low, high] = interval.benefit || interval.harm;
  return `${head} (95% CI ${count(low)} to ${count(high)})`;
}
function relativeText(measure, result) {
  const reduction = measure === "rate" ? result.relative_reduction : result.relative_risk_reduction;
  const ratio = measure === "rate" ? result.rate_ratio : result.risk_ratio;
  const what = measure === "rate" ? "relapses" : "risk";
  const ratioText = `treated ÷ control = ${rounded(ratio, "ratio")}`;
  if (reduction > 0) return `${percentText(reduction)} ${measure === "rate" ? "fewer" : "lower"} ${what} on treatment (${ratioText})`;
  if (reduction < 0) return `${percentText(-reduction)} ${measure === "rate" ? "more" : "higher"} ${what} on treatment (${ratioText})`;
  return `no difference (${ratioText})`;
}
function absoluteText(measure, result) {
  if (measure === "rate") {
    const perHundred = result.relapses_avoided_per_100_patient_years;
    if (result.difference > 0) {
      return `${rounded(result.difference, "rate")} fewer relapses per patient-year: ${rounded(perHundred, "per_100")} relapses avoided per 100 patient-years of treatment, or one relapse avoided per ${rounded(result.patient_years_per_relapse_avoided, "patient_years")} patient-years`;
    }
    if (result.difference < 0) {
      return `${rounded(-result.difference, "rate")} more relapses per patient-year: ${rounded(-perHundred, "per_100")} extra relapses per 100 patient-years of treatment, or one extra relapse per ${rounded(result.patient_years_per_extra_relapse, "patient_years")} patient-years`;
    }
    return "no difference in relapses per patient-year";
  }
  const arr = result.absolute_risk_reduction;
  const points = `${rounded(Math.abs(100 * arr), "percent")} percentage points`;
  const direction = arr > 0 ? `${points} lower risk` : arr < 0 ? `${points} higher risk` : "no difference in risk";
  if (!result.arr_ci) return direction;
  const [low, high] = result.arr_ci.map((value) => minus(rounded(100 * value, "percent")));
  return `${direction} (control − treated = ${minus(rounded(100 * arr, "percent"))}, 95% CI ${low} to ${high})`;
}
function nntSentence(result) {
  const interval = result.nnt_interval;
  if (!interval) return result.nnt_text;
  const notation = interval.includes_infinity ? " (Altman's notation: an interval that includes no difference passes through infinity)" : "";
  return `${result.nnt_text}; 95% CI ${interval.text}${notation}`;
}
function rateNntText(result) {
  const why = "None for relapse rates: an NNT counts patients who have an event, while a rate counts relapses, and a patient can relapse more than once";
  const perHundred = result.relapses_avoided_per_100_patient_years;
  const years = "for every 100 years of treatment, such as 100 patients treated for one year or 50 for two";
  let meaning;
  if (result.difference > 0) {
    const number2 = rounded(perHundred, "per_100");
    meaning = `${number2} relapses avoided per 100 patient-years means ${number2} fewer relapses than on the comparator ${years}`;
  } else if (result.difference < 0) {
    const number2 = rounded(-perHundred, "per_100");
    meaning = `${number2} extra relapses per 100 patient-years means ${number2} more relapses than on the comparator ${years}`;
  } else {
    meaning = "The two rates are equal: no relapses are avoided";
  }
  return `${why}. ${meaning}.`;
}
function iconDescription(icons) {
  if (icons.unit === "patients") {
    const parts2 = [`${icons.both} have the event in either arm`];
    if (icons.avoided) parts2.push(`${icons.avoided} have it on control but not on treatment`);
    if (icons.extra) parts2.push(`${icons.extra} have it on treatment but not on control`);
    parts2.push(`${icons.neither} have it in neither`);
    return `Picture of 100 patients: ${parts2.join(", ")}.`;
  }
  const control = icons.both + icons.avoided;
  const parts = [`${icons.both} occur in either arm`];
  if (icons.avoided) parts.push(`${icons.avoided} are avoided on treatment`);
  if (icons.extra) parts.push(`${icons.extra} more occur on treatment`);
  return `Picture of the relapses expected in 100 patient-years (${control} on control): ${parts.join(", ")}.`;
}

// widgets/alemtuzumab_kb/ui/js/trials_view.js
var SVG = "http://www.w3.org/2000/svg";
var INPUTS = ["measure", "control", "treated", "n_control", "n_treated"];
var KINDS = [
  { kind: "both", colour: "#D55E00", patients: "with the event in either arm", relapses: "occur in either arm" },
  { kind: "avoided", colour: "#0072B2", patients: "with the event on control only: avoided on treatment", relapses: "avoided on treatment" },
  { kind: "extra", colour: "#CC79A7", patients: "with the event on treatment only: extra", relapses: "extra on treatment" },
  { kind: "neither", colour: "#D9D9D9", patients: "with the event in neither arm", relapses: "" }
];
var UNITS = { rate: "relapses per patient-year", risk: "% with the event" };
function svgNode(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}
function icon(unit, x, y, colour, kind) {
  const group = svgNode("g", { "data-kind": kind, fill: colour });
  if (unit === "patients") {
    group.append(
      svgNode("circle", { cx: x + 10, cy: y + 5, r: 4 }),
      svgNode("path", { d: `M${x + 3} ${y + 22} v-8 a7 6 0 0 1 14 0 v8 z` })
    );
  } else {
    group.append(svgNode("circle", { cx: x + 10, cy: y + 12, r: 7 }));
  }
  if (kind === "extra" || kind === "avoided") {
    group.setAttribute("stroke", "#1a1a1a");
    group.setAttribute("stroke-width", "1");
  }
  return group;
}
function iconArray(icons, titleId) {
  const columns = 10;
  const rows = Math.max(1, Math.ceil(icons.total / columns));
  const description = iconDescription(icons);
  const svg = svgNode("svg", {
    viewBox: `0 0 ${columns * 20} ${rows * 24}`,
    role: "img",
    "aria-labelledby": titleId,
    class: "trials-icons",
    width: columns * 20,
    height: rows * 24
  });
  const title = svgNode("title", { id: titleId });
  title.textContent = description;
  svg.append(title);
  let index = 0;
  for (const { kind, colour } of KINDS) {
    for (let i = 0; i < icons[kind]; i += 1) {
      svg.append(icon(icons.unit, index % columns * 20, Math.floor(index / columns) * 24, colour, kind));
      index += 1;
    }
  }
  const legend = element("ul", { class: "trials-legend" });
  for (const { kind, colour, patients: patients2, relapses } of KINDS) {
    const words = icons.unit === "patients" ? patients2 : relapses;
    if (!words || icons[kind] === 0 && (kind === "extra" || kind === "avoided")) continue;
    const swatch = svgNode("svg", { width: 14, height: 14, "aria-hidden": "true", focusable: "false" });
    swatch.append(svgNode("rect", { width: 14, height: 14, fill: colour, stroke: "#1a1a1a", "stroke-width": 0.5 }));
    const item = element("li", { "data-kind": kind });
    item.append(swatch, document.createTextNode(` ${icons[kind]} ${words}`));
    legend.append(item);
  }
  const figure = element("figure", { class: "trials-figure" });
  const caption = element("figcaption", {}, description);
  figure.append(svg, legend, caption);
  return figure;
}
function resultTable(outcome) {
  const table = element("table", { class: "trials-results" });
  const rows = [
    ["Relative effect", "relative", relativeText(outcome.measure, outcome.result)],
    ["Absolute effect", "absolute", absoluteText(outcome.measure, outcome.result)]
  ];
  rows.push([
    "Number needed to treat",
    "nnt",
    outcome.measure === "risk" ? nntSentence(outcome.result) : rateNntText(outcome.result)
  ]);
  for (const [name, key, text] of rows) {
    const row = element("tr");
    row.append(element("th", { scope: "row" }, name), element("td", { "data-result": key }, text));
    table.append(row);
  }
  return table;
}
function render({ model, el }) {
  const rules = calculatorRules(model);
  const presets = rules.presets || [];
  const siteRoot = siteRootOf(model);
  const id = idMaker(model);
  const root = element("div", { class: "calc calc-trials" });
  const presetSelect = element("select", { id: id("preset"), "data-input": "preset" });
  presetSelect.append(element("option", { value: "" }, "Your own numbers"));
  for (const preset of presets) presetSelect.append(element("option", { value: preset.id }, preset.label));
  const measureSelect = element("select", { id: id("measure"), "data-input": "measure" });
  measureSelect.append(
    element("option", { value: "rate" }, "Relapse rates (relapses per patient-year)"),
    element("option", { value: "risk" }, "Risks (% of patients with an event)")
  );
  const field = (name, inputmode) => element("input", { id: id(name), type: "text", inputmode, "data-input": name });
  const inputs2 = {
    control: field("control", "decimal"),
    treated: field("treated", "decimal"),
    n_control: field("n_control", "numeric"),
    n_treated: field("n_treated", "numeric")
  };
  const fields = {
    preset: labelled("Trial figures", presetSelect),
    measure: labelled("Kind of figure", measureSelect),
    control: labelled("Control arm", inputs2.control, ""),
    treated: labelled("Treated arm", inputs2.treated, ""),
    n_control: labelled("Patients, control arm", inputs2.n_control),
    n_treated: labelled("Patients, treated arm", inputs2.n_treated)
  };
  const sizes = element("div", { class: "trials-sizes" });
  sizes.append(
    pair(fields.n_control, fields.n_treated),
    element("p", { class: "calc-hint" }, "Optional: with both arm sizes, the 95% intervals of the difference and the NNT are shown.")
  );
  const about = element("div", { class: "trials-about" });
  const picture = element("div", { class: "trials-picture" });
  const rounding = element("details", { class: "trials-rounding" });
  rounding.append(element("summary", {}, "How the figures are rounded"), element("p", {}, rules.rounding || ""));
  rounding.hidden = !rules.rounding;
  const status = statusRegion();
  root.append(
    fields.preset,
    fields.measure,
    pair(fields.control, fields.treated),
    sizes,
    exampleNote(model),
    status,
    shareTools(model, id),
    picture,
    about,
    rounding,
    disclaimer()
  );
  el.append(root);
  function currentPreset() {
    return presets.find(
      (preset) => ["measure", "control", "treated", "n_control", "n_treated"].every(
        (name) => String(model.get(name) ?? "") === String(preset[name] ?? "")
      )
    );
  }
  function labels(measure) {
    const unit = Object.prototype.hasOwnProperty.call(UNITS, measure) ? UNITS[measure] : UNITS.rate;
    fields.control.querySelector("label").textContent = `Control arm, ${unit}`;
    fields.treated.querySelector("label").textContent = `Treated arm, ${unit}`;
    sizes.hidden = measure !== "risk";
  }
  function update() {
    const state = Object.fromEntries(INPUTS.map((name) => [name, String(model.get(name) ?? "")]));
    measureSelect.value = state.measure;
    for (const name of ["control", "treated", "n_control", "n_treated"]) {
      if (inputs2[name].value !== state[name]) inputs2[name].value = state[name];
    }
    labels(state.measure);
    const preset = currentPreset();
    presetSelect.value = preset ? preset.id : "";
    about.replaceChildren();
    picture.replaceChildren();
    if (preset) {
      const trial = rules.trials[preset.trial];
      about.append(
        element("p", { class: "calc-hint" }, `${preset.label}: ${trial.treated_name} (treated) against ${trial.control_name} (control). ${preset.note}`),
        citationList(preset.citations || [trial.paper], siteRoot)
      );
    }
    const outcome = evaluate(state.measure === "risk" ? state : { ...state, n_control: "", n_treated: "" });
    status.replaceChildren();
    status.classList.toggle("calc-error", !outcome.ok);
    if (!outcome.ok) {
      status.append(element("p", { "data-result": "error" }, outcome.message));
      return;
    }
    status.append(headline(headline2(outcome.measure, outcome.result)), resultTable(outcome));
    if (outcome.icons.drawable) {
      picture.append(iconArray(outcome.icons, id("picture")));
    } else {
      picture.append(
        element("p", {}, `The picture is left out: it shows at most ${MAX_RELAPSE_ICONS / 100} relapses per patient-year.`)
      );
    }
  }
  let applying = false;
  function save(name, value) {
    model.set(name, value);
    model.save_changes();
  }
  function changed() {
    if (!applying) update();
  }
  presetSelect.addEventListener("change", () => {
    const preset = presets.find((candidate) => candidate.id === presetSelect.value);
    if (!preset) return;
    applying = true;
    try {
      for (const name of INPUTS) model.set(name, String(preset[name] ?? ""));
    } finally {
      applying = false;
    }
    model.save_changes();
    update();
  });
  measureSelect.addEventListener("change", () => save("measure", measureSelect.value));
  for (const [name, input] of Object.entries(inputs2)) {
    input.addEventListener("input", () => save(name, input.value));
  }
  for (const name of INPUTS) model.on(`change:${name}`, changed);
  update();
  return () => {
    for (const name of INPUTS) model.off(`change:${name}`, changed);
  };
}
var trials_view_default = { render };
export {
  trials_view_default as default
};

// The trial-efficacy calculator's view: presets, labelled inputs, and in the status region the
// relative and absolute effect, the NNT with its interval and an icon array (inline SVG).
// All numbers come from model.get("rules") (data/trials.yaml) and the reader's inputs; all text
// is set with textContent and the SVG is built with createElementNS.
import {
  element, siteRootOf, labelled, statusRegion, citationList, disclaimer, calculatorRules, idMaker, headline, exampleNote,
  shareTools, pair,
} from "./view.js";
import {
  evaluate, relativeText, absoluteText, nntSentence, rateNntText, iconDescription, headline as headlineText, MAX_RELAPSE_ICONS,
} from "./trials.js";

const SVG = "http://www.w3.org/2000/svg";
const INPUTS = ["measure", "control", "treated", "n_control", "n_treated"];
// Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
const KINDS = [
  { kind: "both", colour: "#D55E00", patients: "with the event in either arm", relapses: "occur in either arm" },
  { kind: "avoided", colour: "#0072B2", patients: "with the event on control only: avoided on treatment", relapses: "avoided on treatment" },
  { kind: "extra", colour: "#CC79A7", patients: "with the event on treatment only: extra", relapses: "extra on treatment" },
  { kind: "neither", colour: "#D9D9D9", patients: "with the event in neither arm", relapses: "" },
];
const UNITS = { rate: "relapses per patient-year", risk: "% with the event" };

function svgNode(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** One icon: a person (patients) or a dot (relapses), in a 20 x 24 cell. */
function icon(unit, x, y, colour, kind) {
  const group = svgNode("g", { "data-kind": kind, fill: colour });
  if (unit === "patients") {
    group.append(
      svgNode("circle", { cx: x + 10, cy: y + 5, r: 4 }),
      svgNode("path", { d: `M${x + 3} ${y + 22} v-8 a7 6 0 0 1 14 0 v8 z` }),
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
    height: rows * 24,
  });
  const title = svgNode("title", { id: titleId });
  title.textContent = description;
  svg.append(title);
  let index = 0;
  for (const { kind, colour } of KINDS) {
    for (let i = 0; i < icons[kind]; i += 1) {
      svg.append(icon(icons.unit, (index % columns) * 20, Math.floor(index / columns) * 24, colour, kind));
      index += 1;
    }
  }
  const legend = element("ul", { class: "trials-legend" });
  for (const { kind, colour, patients, relapses } of KINDS) {
    const words = icons.unit === "patients" ? patients : relapses;
    if (!words || (icons[kind] === 0 && (kind === "extra" || kind === "avoided"))) continue;
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
    ["Absolute effect", "absolute", absoluteText(outcome.measure, outcome.result)],
  ];
  rows.push([
    "Number needed to treat",
    "nnt",
    outcome.measure === "risk" ? nntSentence(outcome.result) : rateNntText(outcome.result),
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
    element("option", { value: "risk" }, "Risks (% of patients with an event)"),
  );
  const field = (name, inputmode) =>
    element("input", { id: id(name), type: "text", inputmode, "data-input": name });
  const inputs = {
    control: field("control", "decimal"),
    treated: field("treated", "decimal"),
    n_control: field("n_control", "numeric"),
    n_treated: field("n_treated", "numeric"),
  };
  const fields = {
    preset: labelled("Trial figures", presetSelect),
    measure: labelled("Kind of figure", measureSelect),
    control: labelled("Control arm", inputs.control, ""),
    treated: labelled("Treated arm", inputs.treated, ""),
    n_control: labelled("Patients, control arm", inputs.n_control),
    n_treated: labelled("Patients, treated arm", inputs.n_treated),
  };
  const sizes = element("div", { class: "trials-sizes" });
  sizes.append(
    pair(fields.n_control, fields.n_treated),
    element("p", { class: "calc-hint" }, "Optional: with both arm sizes, the 95% intervals of the difference and the NNT are shown."),
  );
  const about = element("div", { class: "trials-about" });
  // The picture follows the Link and Embed buttons, which stay by the answer.
  const picture = element("div", { class: "trials-picture" });
  // How every figure is rounded, said once (widgets/alemtuzumab_kb/trials_words.py).
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
    disclaimer(),
  );
  el.append(root);

  function currentPreset() {
    return presets.find((preset) =>
      ["measure", "control", "treated", "n_control", "n_treated"].every(
        (name) => String(model.get(name) ?? "") === String(preset[name] ?? ""),
      ),
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
      if (inputs[name].value !== state[name]) inputs[name].value = state[name];
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
        citationList(preset.citations || [trial.paper], siteRoot),
      );
    }
    // Arm sizes count only for risks.
    const outcome = evaluate(state.measure === "risk" ? state : { ...state, n_control: "", n_treated: "" });
    status.replaceChildren();
    status.classList.toggle("calc-error", !outcome.ok);
    if (!outcome.ok) {
      status.append(element("p", { "data-result": "error" }, outcome.message));
      return;
    }
    status.append(headline(headlineText(outcome.measure, outcome.result)), resultTable(outcome));
    if (outcome.icons.drawable) {
      picture.append(iconArray(outcome.icons, id("picture")));
    } else {
      picture.append(
        element("p", {}, `The picture is left out: it shows at most ${MAX_RELAPSE_ICONS / 100} relapses per patient-year.`),
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
  for (const [name, input] of Object.entries(inputs)) {
    input.addEventListener("input", () => save(name, input.value));
  }
  for (const name of INPUTS) model.on(`change:${name}`, changed);
  update();
  return () => {
    for (const name of INPUTS) model.off(`change:${name}`, changed);
  };
}

export default { render };

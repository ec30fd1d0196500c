// The washout calculator's view: a therapy (text with suggestions) and the date of the last dose
// in, the plan out, with the rules applied and their sources beside it. Everything clinical comes
// from model.get("rules") (widgets/alemtuzumab_kb/washout.py rules_json()); the sums are in washout.js.
import {
  element, siteRootOf, sourceLink, labelled, statusRegion, citationList, disclaimer, rich, unreadableDate, calculatorRules, idMaker, showValue, ruleNotes,
  headline, exampleNote, shareTools, pair,
} from "./view.js";
import { formatDate, parseDate } from "./dates.js";
import { washoutPlan } from "./washout.js";


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
  const readingsShown = new Set();
  for (const rule of rules) {
    const item = rich("li", `${rule.statement} `, { "data-claim": rule.claim });
    item.append(
      sourceLink(siteRoot, rule.href, rule.source),
      document.createTextNode(`, ${rule.locator.replace(/\*/g, "")} (${rule.key})`),
      ...ruleNotes(rule, siteRoot, readingsShown),
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
    autocapitalize: "none",
  });
  const lastDose = element("input", { id: id("last_dose"), type: "date", required: "" });

  const status = statusRegion();
  const details = element("div", { class: "calc-details" });
  root.append(
    pair(
      labelled(
        "Therapy stopped",
        prior,
        "Generic or brand name, e.g. fingolimod or Gilenya 0.5 mg; alemtuzumab for a switch away from it.",
      ),
      labelled("Date of the last dose", lastDose),
    ),
    names,
    exampleNote(model),
    status,
    shareTools(model, id),
    details,
    disclaimer(),
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
    // Re-render only when something changed, so a click on a source link is never lost to a
    // re-render triggered by the date field losing focus.
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
    const summary = element("p", { class: "calc-summary", "data-result": "summary" }, plan.summary);
    status.replaceChildren(head, summary);
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
  // A date typed by hand that is incomplete or impossible leaves the value empty and fires no
  // input event; check it as keys are released and when the field loses focus.
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

export default { render };

// The view of the calculator for what follows the last infusion: the last infusion (typed, or
// worked out from a course's first day and number) in; contraception, breastfeeding, vaccination,
// blood products and monitoring out, one line per source with its citation beside it.
// Everything clinical comes from model.get("rules") (widgets/alemtuzumab_kb/contraception.py rules_json()).
import {
  element, siteRootOf, sourceLink, labelled, statusRegion, disclaimer, rich, unreadableDate, calculatorRules, idMaker, headline, exampleNote, showValue,
  shareTools, pair, ruleNotes,
} from "./view.js";
import { formatDate, parseDate } from "./dates.js";
import { afterLastInfusion, courseRule, headline as headlineText, lastInfusion } from "./contraception.js";

const KNOWN = [
  ["last_infusion", "the last infusion"],
  ["course_start", "the course's first day"],
];


function source(rule, siteRoot) {
  const cite = element("span", { class: "calc-cite" });
  cite.append(
    document.createTextNode(" ("),
    sourceLink(siteRoot, rule.href, rule.source),
    document.createTextNode(`, ${rule.locator.replace(/\*/g, "")}; ${rule.key})`),
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
      `Course 1 has ${first} infusion days, later courses ${later}, given on consecutive days.`,
    ),
  );

  const status = statusRegion();
  // The dates, after the answer and the Link and Embed buttons (which stay by the answer).
  const details = element("div", { class: "calc-details" });
  root.append(
    pair(labelled("Start from", known), lastGroup),
    courseGroup,
    exampleNote(model),
    status,
    shareTools(model, id),
    details,
    disclaimer(),
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
    // Re-render only when something changed, so a click on a source link is never lost to a
    // re-render triggered by a field losing focus.
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
          `Course ${rule.number} has ${rule.infusion_days} infusion days on consecutive days, ` +
            `so the last infusion is on ${formatDate(parseDate(day))}.`,
          { class: "calc-course" },
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
      element("time", { datetime: result.lastInfusion }, formatDate(parseDate(result.lastInfusion))),
    );
    status.replaceChildren(headline(headlineText(result)), lastLine);
    if (how) status.append(how);
    details.replaceChildren();
    const readingsShown = new Set();
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
    // An incomplete or impossible date typed by hand leaves the value empty and fires no input
    // event; check it as keys are released and when the field loses focus.
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

export default { render };

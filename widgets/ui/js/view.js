// Small DOM helpers shared by every calculator view: labelled inputs, a status region,
// the citation list and the one-line disclaimer. Text is always set with textContent,
// never innerHTML, so nothing a reader types or puts in the URL is parsed as HTML.
import { useLimits } from "./limits.js";

/** The calculator's rules (from Python), with their limits (data/limits.json) put in use. */
export function calculatorRules(model) {
  const rules = model.get("rules") || {};
  useLimits(rules.limits);
  return rules;
}

export function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/** Text with *emphasis* shown as <em>, built node by node (never innerHTML). */
export function rich(tag, text, attributes = {}) {
  const node = element(tag, attributes);
  text.split(/\*([^*]+)\*/).forEach((part, index) => {
    if (part) node.append(index % 2 ? element("em", {}, part) : document.createTextNode(part));
  });
  return node;
}

let fieldCount = 0;

/** A visible <label> tied to its input by id, so tests and screen readers find it. */
export function labelled(labelText, input, hintText = "") {
  fieldCount += 1;
  const id = input.id || `calc-field-${fieldCount}-${Math.random().toString(36).slice(2, 8)}`;
  input.id = id;
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

/** The live region that announces each new result. */
export function statusRegion() {
  return element("div", { class: "calc-status", role: "status", "aria-live": "polite" });
}

/** Sources beside a result: each links to the chapter section it comes from. */
export function citationList(citations, siteRoot) {
  const list = element("ul", { class: "calc-citations" });
  for (const citation of citations) {
    const item = element("li");
    const link = element("a", { href: siteRoot + citation.href }, citation.source);
    item.append(link, document.createTextNode(`, ${citation.locator} (${citation.key})`));
    list.append(item);
  }
  return list;
}

/**
 * The sentence for a date field the browser cannot read (typed half-way, or 30 February),
 * or null when the field holds a real date or nothing.
 */
export function unreadableDate(input, what) {
  if (!(input.validity && input.validity.badInput)) return null;
  return (
    `${what} is incomplete or not a real date (such as 30 February). ` +
    "Enter a real calendar date, e.g. 2026-01-31."
  );
}

export function disclaimer() {
  return element(
    "p",
    { class: "calc-disclaimer" },
    "For learning and for checking what the sources say; not a prescription.",
  );
}

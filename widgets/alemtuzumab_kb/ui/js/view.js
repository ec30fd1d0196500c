// Small DOM helpers shared by every calculator view: labelled inputs, a status region,
// the citation list and the one-line disclaimer. Text is always set with textContent,
// never innerHTML, so nothing a reader types or puts in the URL is parsed as HTML.
import { stripSpace, useLimits } from "./limits.js";

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

/** A counter shared by every calculator of the page (each evaluates its own copy of this file). */
function nextNumber(name) {
  const counts = (globalThis.__alemtuzumabKbCounts ||= new Map());
  const next = (counts.get(name) || 0) + 1;
  counts.set(name, next);
  return next;
}

/**
 * Element ids for one calculator: `calc-<key>-<name>`. The key is the one the page's widget host
 * gives (the stem, then stem-2, ...); in live Jupyter, where there is no host, one made here.
 * So two calculators on one page never share an id.
 */
export function idMaker(model) {
  let key = model.get("_key");
  if (!key) {
    const stem = model.get("_stem") || "calculator";
    const seen = nextNumber(`key:${stem}`);
    key = seen === 1 ? `live-${stem}` : `live-${stem}-${seen}`;
  }
  return (name) => `calc-${key}-${name}`;
}

/**
 * Show the model's value `name` in `input`. A date (or number) field holds only its own form and
 * shows nothing for anything else: a value from the address with space around it
 * ("?last_dose=%202026-01-31%20") is trimmed into the field and the model, so that no result
 * stands beside an empty field; a value the field cannot show even trimmed stays in the model,
 * where the calculator answers it with a sentence.
 */
export function showValue(input, model, name) {
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

/** A visible <label> tied to its input by id, so tests and screen readers find it. */
export function labelled(labelText, input, hintText = "") {
  const id = input.id || `calc-field-${nextNumber("field")}`;
  input.id = id;
  // The browser must not put back a value of its own when the page is loaded again (Back
  // without the back/forward cache, a reload): the page's address holds the inputs, and a
  // restored value would show beside a result computed from another.
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

/** Fields side by side where the width allows, one above the other where it does not. */
export function pair(...fields) {
  const row = element("div", { class: "calc-pair" });
  row.append(...fields);
  return row;
}

/** The live region that announces each new result. */
export function statusRegion() {
  return element("div", { class: "calc-status", role: "status", "aria-live": "polite" });
}

/** Sources beside a result: each links to the chapter section it comes from. */
/**
 * The book's root for source links: relative on the book's and embed pages, the book's address
 * in live Jupyter, or null where no address is known (then sources are named, not linked).
 */
export function siteRootOf(model) {
  const root = model.get("site_root");
  return root === undefined ? null : root;
}

/** A source's name linking to its place in the book, or the name alone where no book is known. */
export function sourceLink(siteRoot, href, text, attributes = {}) {
  if (siteRoot === null) return element("span", { class: "calc-source-name", ...attributes }, text);
  return element("a", { href: siteRoot + href, ...attributes }, text);
}

export function citationList(citations, siteRoot) {
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

/**
 * Beside a rule's source: its status where the source is no longer current on the question
 * ("Out of date since ...", linking to the timeline's event, and why), and each reading of ours
 * the rule rests on, under the label "Our reading" (data/currency.yaml, the `reading` fields of
 * data/; widgets/alemtuzumab_kb/currency.py). Empty for a current rule that is no reading.
 * With `shown` (a Set shared by one result), a reading met again gives its words only.
 */
export function ruleNotes(rule, siteRoot, shown = null) {
  const notes = [];
  if (rule.currency) {
    const note = element("span", { class: `calc-currency calc-currency-${rule.currency.status.replace(/ /g, "-")}` });
    note.append(
      sourceLink(siteRoot, rule.currency.href, rule.currency.words, { class: "calc-currency-status" }),
      rich("span", `: ${rule.currency.reason}`),
    );
    notes.push(note);
  }
  for (const reading of rule.readings || []) {
    const note = element("span", { class: "calc-reading" });
    note.append(element("span", { class: "calc-reading-tag" }, reading.label), document.createTextNode(" "));
    note.append(rich("span", reading.text));
    // A reading shown again in the same result keeps its label and words; its reasons were
    // given the first time (`shown`: the readings this result has shown so far).
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

/**
 * The answer in one line, first in the result: a date, or "NNT 15 (95% CI 8 to 92)". `dates`
 * ({result name: [YYYY-MM-DD, the date as the text writes it]}) marks the dates the text gives
 * as <time> elements, each with its data-result name and data-value.
 */
export function headline(text, dates = {}) {
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

/**
 * "Example inputs" beside the result while the inputs are still the ones the page was written
 * with (`_example`), so that nobody takes the example for a case of their own.
 */
export function exampleNote(model) {
  const note = element(
    "p",
    { class: "calc-example", "data-result": "example" },
    "Example inputs: change them to work out your own case.",
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

// --- Share and embed --------------------------------------------------------------------------

/** What an embed page posts to the page around it, and what the receiving script listens for. */
export const HEIGHT_MESSAGE = "alemtuzumab-kb:height";
/** The frame's height where no measured heights are known (a calculator not measured). */
export const FRAME_HEIGHT = 640;
/** The snippet's widest frame: its max-width. */
const FRAME_WIDTH = "48rem";
/**
 * The script an embedding page needs so that each frame takes the height of its calculator:
 * no library, nothing but a message listener; it only resizes the frame the message came from.
 * README.md shows the same lines (tests/test_embeds.py checks they are the same).
 */
export const RESIZE_SCRIPT =
  `addEventListener("message", function (e) { var d = e.data; if (!d || d.type !== "${HEIGHT_MESSAGE}") return; ` +
  `var f = document.getElementsByTagName("iframe"); for (var i = 0; i < f.length; i++) ` +
  `if (f[i].contentWindow === e.source) f[i].style.height = Math.max(200, Math.min(+d.height || 0, 8000)) + "px"; });`;

function inputs(model) {
  return (model.get("_url_params") || []).map((name) => [name, String(model.get(name) ?? "")]);
}

/** This page's address with this calculator's inputs in it (a case that can be shared). */
export function caseLink(model) {
  const url = new URL(window.location.href);
  const params = new URLSearchParams(url.search);
  const prefix = model.get("_url_prefix") || "";
  for (const [name, value] of inputs(model)) params.set(prefix + name, value);
  url.search = params.toString();
  url.hash = prefix ? `calc-${model.get("_key")}` : "";
  return url.href;
}

/** The standalone page of this calculator, from this page's own address, with its inputs. */
export function embedLink(model) {
  const url = new URL(`${model.get("site_root") || ""}embed/${model.get("_stem")}.html`, window.location.href);
  url.search = new URLSearchParams(inputs(model)).toString();
  url.hash = "";
  return url.href;
}

const attribute = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

const number = (value) => String(Math.round(value * 10000) / 10000);

/**
 * The frame's starting height as CSS, from the embed page's heights measured at typical widths
 * (`_frame`, widgets/alemtuzumab_kb/ui/frame_heights.json): straight lines between them, as a
 * function of the frame's width (`--kb-w`, the width of the box around the frame, a CSS
 * container, up to the snippet's widest frame), so that a frame below the fold, which the
 * browser does not lay out until it comes near, is already about as tall as its calculator and
 * the page around it does not jump when it reports its height. "" where nothing was measured.
 */
export function frameHeight(frame) {
  const widths = (frame && frame.widths) || [];
  const heights = (frame && frame.heights) || [];
  if (widths.length < 2 || widths.length !== heights.length) return "";
  const slopes = widths.slice(1).map((width, i) => (heights[i + 1] - heights[i]) / (width - widths[i]));
  const terms = [`${heights[0]}px`, `${number(slopes[0])} * (var(--kb-w) - ${widths[0]}px)`];
  for (let i = 1; i < slopes.length; i += 1) {
    terms.push(`${number(slopes[i] - slopes[i - 1])} * max(0px, var(--kb-w) - ${widths[i]}px)`);
  }
  return (
    `--kb-w: clamp(${widths[0]}px, min(100cqw, ${FRAME_WIDTH}), ${widths.at(-1)}px); ` +
    `height: calc(${terms.join(" + ")})`
  );
}

/**
 * The iframe for a course page, in a box whose width the frame's starting height follows, and
 * the few lines that let it take the calculator's height. It loads at once (never lazily: a
 * frame that starts late is a frame that jumps).
 */
export function embedSnippet(model) {
  const frame = model.get("_frame") || {};
  const measured = frameHeight(frame);
  // Without CSS container units the height attribute stands: the height at the widest frame.
  const fallback = measured ? frame.heights.at(-1) : FRAME_HEIGHT;
  return (
    `<div style="container-type: inline-size">\n` +
    `<iframe src="${attribute(embedLink(model))}" title="${attribute(model.get("_title") || "Calculator")}" ` +
    `loading="eager" width="100%" height="${fallback}" ` +
    `style="display: block; border: 0; max-width: ${FRAME_WIDTH}${measured ? `; ${measured}` : ""}"></iframe>\n` +
    `</div>\n` +
    `<script>${RESIZE_SCRIPT}</script>`
  );
}

/**
 * "Link" and "Embed": each shows, ready to copy, the address of this case or the iframe snippet,
 * made from the page's real address and the inputs as they are now. Only on the site's own
 * pages (book and embed pages), where the host has given the calculator its key.
 */
export function shareTools(model, id) {
  const tools = element("div", { class: "calc-share" });
  if (!model.get("_key")) return tools;
  const panelId = id("share");
  const buttons = element("div", { class: "calc-share-buttons", role: "group", "aria-label": "Share this case" });
  const kinds = {
    link: { label: "Link", what: "Link to this case", make: caseLink },
    embed: { label: "Embed", what: "Embed code: an iframe and the script that sizes it", make: embedSnippet },
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

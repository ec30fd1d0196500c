// Washout plan in the browser: the twin of widgets/alemtuzumab_kb/washout.py, computed from its rules_json().
// No clinical number is written here: every interval comes from `rules` (data/ via Python).
import { InputError, addDuration, cleanText, enteredDate, formatDate, parseDate, toIso } from "./dates.js";
import { cut, spacePattern } from "./limits.js";

export const LAST_DOSE = "the date of the last dose";

/** Lower case; runs of space (data/limits.json's), hyphens, dashes and underscores become one space. */
export function normaliseName(text) {
  const separators = new RegExp(`(?:${spacePattern()}|[_\\-\\u2010-\\u2015])+`, "u");
  return String(text).toLowerCase().split(separators).filter(Boolean).join(" ");
}

/**
 * Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`: the optimal string
 * alignment distance, as edit_distance() in Python.
 */
export function editDistance(a, b) {
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

/** The whole normalised name, then each part before a word that starts with a digit (a dose). */
function nameParts(key) {
  const words = key.split(" ");
  const parts = [key];
  for (let i = words.length - 1; i > 0; i -= 1) {
    if (words[i][0] >= "0" && words[i][0] <= "9") parts.push(words.slice(0, i).join(" "));
  }
  return parts;
}

const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

/** Known names close to a mistyped one, best first, one per therapy: as suggestions() in Python. */
export function suggestions(rules, name) {
  const { letters_per_edit: perEdit, max_edits: maxEdits, max_suggestions: most, min_prefix: prefix } = rules.match;
  const parts = nameParts(normaliseName(name)).map((key) => [
    key,
    Math.min(maxEdits, Math.max(1, Math.floor(key.length / perEdit))),
  ]);
  const best = new Map();
  for (const option of rules.options) {
    const candidate = normaliseName(option);
    const therapy = rules.names[candidate];
    const lower = option.toLowerCase();
    for (const [key, allowed] of parts) {
      const starts = key.length >= prefix && candidate.startsWith(key);
      // No fewer edits than the lengths differ: a pasted megabyte is not compared letter by letter.
      if (Math.abs(key.length - candidate.length) > allowed && !starts) continue;
      let distance = Math.abs(key.length - candidate.length) > allowed ? allowed : editDistance(key, candidate);
      if (starts) distance = Math.min(distance, allowed);
      const held = best.get(therapy);
      const better = !held || distance < held.distance || (distance === held.distance && lower < held.lower);
      if (distance <= allowed && better) best.set(therapy, { distance, lower, option });
    }
  }
  return [...best.values()]
    .sort((x, y) => x.distance - y.distance || (x.lower < y.lower ? -1 : x.lower > y.lower ? 1 : 0))
    .slice(0, most)
    .map((entry) => entry.option);
}

const orList = (names) => (names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`);
const EXAMPLE_NAMES = "e.g. fingolimod or Gilenya";

/**
 * The therapy rule a generic or brand name stands for (a dose after the name is ignored);
 * InputError for an empty name, or an unknown one with "Did you mean ...?".
 */
export function findTherapy(rules, name) {
  if (typeof name === "string") name = cleanText(name, "the therapy");
  const key = typeof name === "string" ? normaliseName(name) : "";
  if (!key) {
    throw new InputError(
      "empty-therapy",
      `Enter the therapy that was stopped, by generic or brand name, ${EXAMPLE_NAMES}.`,
    );
  }
  const found = nameParts(key).find((part) => own(rules.names, part));
  if (found === undefined) {
    const close = suggestions(rules, name);
    const advice = close.length
      ? `Did you mean ${orList(close)}?`
      : `Enter the generic or brand name of a disease-modifying therapy for MS, ${EXAMPLE_NAMES}.`;
    throw new InputError("unknown-therapy", `'${cut(name.trim())}' is not a therapy this calculator knows. ${advice}`);
  }
  const id = rules.names[found];
  return { id, ...rules.therapies[id] };
}

/** The answer in one line, shown first: the dates, or that there are none (as in Python). */
export function headline(plan) {
  if (!plan.covered) return "No date: no source gives a rule for this switch";
  if (plan.earliestStart === null) return "No date: the source sets no washout interval";
  const head = `Earliest start of ${plan.nextTherapy}: ${formatDate(parseDate(plan.earliestStart))}`;
  return plan.latestStart === null ? head : `${head}; latest start: ${formatDate(parseDate(plan.latestStart))}`;
}

/** One or two sentences, word for word as WashoutPlan.summary in Python. */
export function summary(plan) {
  if (!plan.covered) return plan.notice;
  if (!plan.stated) {
    return (
      `The source names ${plan.therapy} but sets no washout interval, so there is no ` +
      `earliest or latest date for starting ${plan.nextTherapy}.`
    );
  }
  const when = formatDate(parseDate(plan.earliestStart));
  if (plan.latestStart !== null) {
    return (
      `Washout of ${plan.offset}: earliest start of ${plan.nextTherapy} ${when}, ` +
      `latest start ${formatDate(parseDate(plan.latestStart))}.`
    );
  }
  const head =
    plan.earliestStart === plan.lastDose
      ? `No washout: ${plan.nextTherapy} can start from ${when}, the day of the last dose`
      : `Washout of ${plan.offset}: earliest start of ${plan.nextTherapy} ${when}`;
  return `${head}; the sources set no latest start.`;
}

/**
 * When the next therapy may start after `prior` is stopped on `lastDose` (YYYY-MM-DD).
 * Returns dates as YYYY-MM-DD (or null where the sources set none), the sentences and the rules
 * applied; throws InputError with a sentence for an unknown name or a bad date.
 */
export function washoutPlan(rules, prior, lastDose) {
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
    actions: [...rule.actions, ...(rule.general ? rules.general : [])],
    cautions: rule.cautions,
    caveats: rule.caveats,
    rules: ruleIds.map((id) => rules.claims[id]),
  };
  plan.citations = [...new Set(plan.rules.map((r) => r.key))];
  plan.summary = summary(plan);
  plan.headline = headline(plan);
  return plan;
}

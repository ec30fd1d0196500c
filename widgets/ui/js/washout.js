// Washout plan in the browser: the twin of widgets/washout.py, computed from its rules_json().
// No clinical number is written here: every interval comes from `rules` (data/ via Python).
import { InputError, addDuration, cleanText, enteredDate, formatDate, parseDate, toIso } from "./dates.js";
import { spacePattern } from "./limits.js";

export const LAST_DOSE = "the date of the last dose";

/** Lower case; runs of space (data/limits.json's), hyphens, dashes and underscores become one space. */
export function normaliseName(text) {
  const separators = new RegExp(`(?:${spacePattern()}|[_\\-\\u2010-\\u2015])+`, "u");
  return String(text).toLowerCase().split(separators).filter(Boolean).join(" ");
}

/** The therapy rule a generic or brand name stands for; InputError for an empty or unknown name. */
export function findTherapy(rules, name) {
  if (typeof name === "string") name = cleanText(name, "the therapy");
  const key = typeof name === "string" ? normaliseName(name) : "";
  if (!key) {
    throw new InputError(
      "empty-therapy",
      "Enter the therapy that was stopped, by generic or brand name, e.g. fingolimod or Gilenya.",
    );
  }
  const id = Object.prototype.hasOwnProperty.call(rules.names, key) ? rules.names[key] : undefined;
  if (id === undefined) {
    throw new InputError(
      "unknown-therapy",
      `'${name.trim()}' is not a therapy this calculator knows. Enter one of these generic ` +
        `or brand names: ${rules.accepted}.`,
    );
  }
  return rules.therapies[id];
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
    notice: rule.notice,
    actions: rule.actions,
    cautions: rule.cautions,
    caveats: rule.caveats,
    rules: rule.rules,
    citations: [...new Set(rule.rules.map((r) => r.key))],
  };
  plan.summary = summary(plan);
  return plan;
}

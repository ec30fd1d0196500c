// Trial efficacy arithmetic for the browser: the twin of widgets/alemtuzumab_kb/trials.py (no DOM).
//
// Same operations in the same order as the Python core, so both give the same numbers; both
// pass tests/vectors/trials.json. Conventions (see the Python module's docstring):
// relative reduction = 1 - treated / control; ARR = control risk - treated risk (fractions);
// NNT = 1 / |ARR| rounded up to a whole patient (a number needed to harm when the treated arm
// does worse, infinite when the risks are equal); the risk difference's 95% interval is
// Newcombe's hybrid score interval (method 10, Wilson-based, as Bender 2001 recommends) and the
// NNT interval its reciprocal (Altman 1998), passing through infinity when it includes zero.
// No clinical number lives here: presets come from data/trials.yaml through the widget's rules,
// and the ranges every input must lie in from data/limits.json (./limits.js).
import { characterProblem, cut, numberProblem, stripSpace, typedNumber } from "./limits.js";

export const Z95 = 1.959963984540054;
export const TOLERANCE = 1e-9;
export const MAX_RELAPSE_ICONS = 300;
export const MOST_DECIMALS = 6;

/** An input the reader can correct; the message is a sentence saying what to enter. */
export class InputError extends Error {}

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

export function rateComparison(controlRate, treatedRate) {
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
    patient_years_per_extra_relapse: difference < 0 ? 1 / -difference : Infinity,
  };
}

export function wilsonInterval(proportion, n, z = Z95) {
  fraction(proportion, "The proportion");
  patients(n, "one");
  const centre = 2 * n * proportion + z * z;
  const spread = z * Math.sqrt(z * z + 4 * n * proportion * (1 - proportion));
  const denominator = 2 * (n + z * z);
  return [Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator)];
}

export function newcombeInterval(pControl, nControl, pTreated, nTreated, z = Z95) {
  const [lowC, highC] = wilsonInterval(pControl, nControl, z);
  const [lowT, highT] = wilsonInterval(pTreated, nTreated, z);
  const difference = pControl - pTreated;
  const lower = difference - Math.sqrt((pControl - lowC) ** 2 + (highT - pTreated) ** 2);
  const upper = difference + Math.sqrt((highC - pControl) ** 2 + (pTreated - lowT) ** 2);
  return [lower, upper];
}

export function wholePatients(value) {
  if (value === Infinity) return Infinity;
  if (typeof value !== "number" || !(value > 0 && value < Infinity)) {
    throw new InputError("A number of patients must be a number above zero, or infinity.");
  }
  return Math.ceil(value - TOLERANCE);
}

/** A whole number in digits, never in exponent notation (BigInt writes every digit). */
export function digits(value) {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}

function count(value) {
  return value === Infinity ? "infinity" : digits(value);
}

export function nntInterval(lower, upper) {
  fraction(lower, "The lower limit of the risk difference", -1);
  fraction(upper, "The upper limit of the risk difference", -1);
  // A limit whose reciprocal is beyond any float is no difference at all: the NNT is infinite.
  [lower, upper] = [lower, upper].map((x) => (Math.abs(x) < 1 / Number.MAX_VALUE ? 0 : x));
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

export function nntText(nnt, kind) {
  if (kind !== "benefit" && kind !== "harm" && kind !== "none") {
    throw new InputError("The kind of NNT must be 'benefit', 'harm' or 'none'.");
  }
  return kind === "none" ? "infinity (no difference)" : `NNT(${kind}) ${count(wholePatients(nnt))}`;
}

export function riskComparison(controlPct, treatedPct, nControl = null, nTreated = null) {
  const controlP = percent(controlPct, "control", "20") / 100;
  const treatedP = percent(treatedPct, "treated", "10") / 100;
  if ((nControl === null) !== (nTreated === null)) {
    throw new InputError(
      "Give the number of patients in both arms for an interval, or in neither.",
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
    nnt_interval: interval,
  };
}

function halfUp(value) {
  return Math.floor(value + 0.5);
}

export function iconCounts(measure, control, treated) {
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
    drawable: total <= MAX_RELAPSE_ICONS,
  };
}

// --- Reading what the reader typed -------------------------------------------------------

const FIELDS = {
  rate: {
    control: ["the control arm's relapse rate", "0.4"],
    treated: ["the treated arm's relapse rate", "0.2"],
  },
  risk: {
    control: ["the control arm's risk as a percentage", "20"],
    treated: ["the treated arm's risk as a percentage", "10"],
  },
};

/** Read a number as a reader types it ("0.4", " 20 % " where `percent`), by typedNumber's rule
 * (limits.js, shared with Python). Empty gives null, text that is no number NaN. */
export function parseNumber(text, percent = false) {
  return typedNumber(text, { percent });
}

/** Read a whole number of patients: digits only ("39%", "1,000" and "2e2" are not). */
export function parseWhole(text) {
  return typedNumber(text, { whole: true });
}

function typed(text, what) {
  const problem = characterProblem(String(text ?? ""), what);
  if (problem) throw new InputError(problem);
}

function required(text, what, example, percent) {
  typed(text, what);
  const value = parseNumber(text, percent);
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
      `“${cut(stripSpace(String(text)))}” is not a whole number; enter ${what} in digits, such as ` +
        "200, or leave it empty.",
    );
  }
  return value;
}

/**
 * Compute from the widget's text inputs.
 * Returns {ok: true, measure, result, icons} or {ok: false, message}.
 */
export function evaluate({ measure, control, treated, n_control: nControl, n_treated: nTreated }) {
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

// --- Words for the results (shared by the view and its tests) ----------------------------
// The twin of widgets/alemtuzumab_kb/trials_words.py: the same words, and each kind of number
// rounded the same way (PLACES; a number that is not zero but would read as zero gets the
// decimals it needs to show its first digit).

export const PLACES = { percent: 1, ratio: 2, rate: 2, per_100: 1, patient_years: 1 };

/** A number with `places` decimals, never "-0.00" (the view writes − for a minus). */
export function fixed(value, places) {
  const text = value.toFixed(places);
  return Number(text) === 0 ? (0).toFixed(places) : text;
}

/** The decimals at which no value other than zero reads as zero: as decimals() in Python. */
export function decimals(values, places = 1, most = MOST_DECIMALS) {
  while (places < most && values.some((value) => value !== 0 && Number(fixed(Math.abs(value), places)) === 0)) {
    places += 1;
  }
  return places;
}

/** `value` rounded as its kind of number is (PLACES): as rounded() in Python. */
export function rounded(value, kind) {
  return fixed(value, decimals([value], PLACES[kind]));
}

/** A fraction as a percentage: 0.538 gives "53.8%". */
export function percentText(fraction) {
  return `${rounded(100 * fraction, "percent")}%`;
}

const minus = (text) => text.replace("-", "−");

/** The ends of an NNT interval that includes no difference, in words. */
function nntReach(interval, kind) {
  const ends = [
    interval.benefit ? `one patient helped per ${count(interval.benefit[0])} treated` : "no difference",
    interval.harm ? `one patient harmed per ${count(interval.harm[0])} treated` : "no difference",
  ];
  if (ends[0] === ends[1]) return "the 95% interval is no difference";
  if (kind === "none") return `the 95% interval runs from ${ends[0]} to ${ends[1]}`;
  return `the 95% interval includes no difference: from ${ends[0]} to ${ends[1]}`;
}

/** The result in one line, shown first: as headline() in Python. */
export function headline(measure, result) {
  if (measure === "rate") {
    const perHundred = result.relapses_avoided_per_100_patient_years;
    if (result.difference > 0) return `${rounded(perHundred, "per_100")} relapses avoided per 100 patient-years`;
    if (result.difference < 0) return `${rounded(-perHundred, "per_100")} extra relapses per 100 patient-years`;
    return "No difference in relapses per patient-year";
  }
  const kind = result.nnt_kind;
  const interval = result.nnt_interval;
  const head =
    kind === "none" ? "No difference in risk: the NNT is infinite" : `${kind === "benefit" ? "NNT" : "NNH"} ${count(result.nnt)}`;
  if (!interval) return head;
  if (interval.includes_infinity) return `${head}; ${nntReach(interval, kind)}`;
  const [low, high] = interval.benefit || interval.harm;
  return `${head} (95% CI ${count(low)} to ${count(high)})`;
}

/** The relative effect: as relative_text() in Python. */
export function relativeText(measure, result) {
  const reduction = measure === "rate" ? result.relative_reduction : result.relative_risk_reduction;
  const ratio = measure === "rate" ? result.rate_ratio : result.risk_ratio;
  const what = measure === "rate" ? "relapses" : "risk";
  const ratioText = `treated ÷ control = ${rounded(ratio, "ratio")}`;
  if (reduction > 0) return `${percentText(reduction)} ${measure === "rate" ? "fewer" : "lower"} ${what} on treatment (${ratioText})`;
  if (reduction < 0) return `${percentText(-reduction)} ${measure === "rate" ? "more" : "higher"} ${what} on treatment (${ratioText})`;
  return `no difference (${ratioText})`;
}

/** The absolute effect: as absolute_text() in Python. */
export function absoluteText(measure, result) {
  if (measure === "rate") {
    const perHundred = result.relapses_avoided_per_100_patient_years;
    if (result.difference > 0) {
      return (
        `${rounded(result.difference, "rate")} fewer relapses per patient-year: ` +
        `${rounded(perHundred, "per_100")} relapses avoided per 100 patient-years of treatment, ` +
        `or one relapse avoided per ${rounded(result.patient_years_per_relapse_avoided, "patient_years")} patient-years`
      );
    }
    if (result.difference < 0) {
      return (
        `${rounded(-result.difference, "rate")} more relapses per patient-year: ` +
        `${rounded(-perHundred, "per_100")} extra relapses per 100 patient-years of treatment, ` +
        `or one extra relapse per ${rounded(result.patient_years_per_extra_relapse, "patient_years")} patient-years`
      );
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

/** The NNT in Altman's notation, with its interval: as nnt_sentence() in Python. */
export function nntSentence(result) {
  const interval = result.nnt_interval;
  if (!interval) return result.nnt_text;
  const notation = interval.includes_infinity
    ? " (Altman's notation: an interval that includes no difference passes through infinity)"
    : "";
  return `${result.nnt_text}; 95% CI ${interval.text}${notation}`;
}

/** Why relapse rates have no NNT, and what relapses per 100 patient-years mean: as rate_nnt_text(). */
export function rateNntText(result) {
  const why =
    "None for relapse rates: an NNT counts patients who have an event, while a rate counts " +
    "relapses, and a patient can relapse more than once";
  const perHundred = result.relapses_avoided_per_100_patient_years;
  const years = "for every 100 years of treatment, such as 100 patients treated for one year or 50 for two";
  let meaning;
  if (result.difference > 0) {
    const number = rounded(perHundred, "per_100");
    meaning = `${number} relapses avoided per 100 patient-years means ${number} fewer relapses than on the comparator ${years}`;
  } else if (result.difference < 0) {
    const number = rounded(-perHundred, "per_100");
    meaning = `${number} extra relapses per 100 patient-years means ${number} more relapses than on the comparator ${years}`;
  } else {
    meaning = "The two rates are equal: no relapses are avoided";
  }
  return `${why}. ${meaning}.`;
}

export function iconDescription(icons) {
  if (icons.unit === "patients") {
    const parts = [`${icons.both} have the event in either arm`];
    if (icons.avoided) parts.push(`${icons.avoided} have it on control but not on treatment`);
    if (icons.extra) parts.push(`${icons.extra} have it on treatment but not on control`);
    parts.push(`${icons.neither} have it in neither`);
    return `Picture of 100 patients: ${parts.join(", ")}.`;
  }
  const control = icons.both + icons.avoided;
  const parts = [`${icons.both} occur in either arm`];
  if (icons.avoided) parts.push(`${icons.avoided} are avoided on treatment`);
  if (icons.extra) parts.push(`${icons.extra} more occur on treatment`);
  return `Picture of the relapses expected in 100 patient-years (${control} on control): ${parts.join(", ")}.`;
}

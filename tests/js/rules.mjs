// The rules the browser gets, produced by the Python core (rules_json()), so that the node tests
// and the published page read the same data/ and no clinical number is copied into a fixture.
// PYTHON names the interpreter; by default the project's .venv, then python3.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
const venv = `${root}.venv/bin/python`;
export const python = process.env.PYTHON || (existsSync(venv) ? venv : "python3");

/** One calculator's rules; with several stems, a list of their rules from one Python run. */
export function rulesJson(...stems) {
  const modules = stems.map((stem) => `alemtuzumab_kb.${stem}`);
  const code =
    `import importlib, json; print(json.dumps([importlib.import_module(m).rules_json() ` +
    `for m in ${JSON.stringify(modules)}]))`;
  const all = JSON.parse(execFileSync(python, ["-c", code], { cwd: root, encoding: "utf8" }));
  return stems.length === 1 ? all[0] : all;
}

/** data/limits.json, the ranges and characters the browser gets through every calculator's rules. */
export function readLimits() {
  return JSON.parse(readFileSync(`${root}data/limits.json`, "utf8"));
}

export function readVectors(stem) {
  return JSON.parse(readFileSync(`${root}tests/vectors/${stem}.json`, "utf8"));
}

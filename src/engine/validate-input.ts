import { parseNip } from "../domain/nip.js";
import type { Step } from "./schema.js";

type InputStep = Extract<Step, { kind: "input" }>;

/** Why an input was refused: a locale key and its arguments. */
export interface InputProblem {
  key: string;
  args?: Record<string, string | number>;
}

export type InputResult = { ok: true; value: string | number } | { ok: false; problem: InputProblem };

const DATE_PATTERNS: [RegExp, (m: RegExpExecArray) => [string, string, string]][] = [
  [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (m) => [m[1]!, m[2]!, m[3]!]],
  [/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/, (m) => [m[3]!, m[2]!, m[1]!]],
];

/** Parses a calendar date typed as 2026-11-24, 24-11-2026 or 24/11/2026 into YYYY-MM-DD. */
export function parseLocalDate(text: string): string | undefined {
  for (const [re, pick] of DATE_PATTERNS) {
    const m = re.exec(text.trim());
    if (!m) continue;
    const [y, mo, d] = pick(m).map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
    return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }
  return undefined;
}

/** Checks a typed answer against the step's validators; `today` decides NIP and date plausibility. */
export function validateInput(step: InputStep, raw: string, today: Date): InputResult {
  const text = raw.trim();
  const v = step.validate;
  if (step.input === "number") {
    // Indonesians write decimals with a comma.
    const n = Number(text.replace(/\s/g, "").replace(",", "."));
    if (text === "" || !Number.isFinite(n)) return { ok: false, problem: { key: "input-not-number" } };
    if (v.integer && !Number.isInteger(n)) return { ok: false, problem: { key: "input-not-integer" } };
    if (v.min !== undefined && n < v.min)
      return { ok: false, problem: { key: "input-too-small", args: { min: v.min } } };
    if (v.max !== undefined && n > v.max)
      return { ok: false, problem: { key: "input-too-large", args: { max: v.max } } };
    return { ok: true, value: n };
  }
  if (step.input === "date") {
    const date = parseLocalDate(text);
    if (!date) return { ok: false, problem: { key: "input-not-date" } };
    // "today" as a lower bound is today in WIB, the westernmost zone, for the same reason.
    const notBefore =
      v.notBefore === "today"
        ? new Date(today.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
        : v.notBefore;
    if (notBefore && date < notBefore) {
      return { ok: false, problem: { key: "input-date-too-early", args: { date: notBefore } } };
    }
    // "today" is today in WIT, the easternmost zone, so no one in Indonesia is refused their own today.
    const notAfter =
      v.notAfter === "today"
        ? new Date(today.getTime() + 9 * 3_600_000).toISOString().slice(0, 10)
        : v.notAfter;
    if (notAfter && date > notAfter) {
      return { ok: false, problem: { key: "input-date-too-late", args: { date: notAfter } } };
    }
    return { ok: true, value: date };
  }
  if (v.nip) {
    const r = parseNip(text, today);
    if (!r.ok) {
      return { ok: false, problem: { key: `nip-error-${r.problem}`, args: r.detail } };
    }
    return { ok: true, value: r.nip.digits };
  }
  if (text === "") return { ok: false, problem: { key: "input-empty" } };
  if (v.minLength !== undefined && text.length < v.minLength) {
    return { ok: false, problem: { key: "input-too-short", args: { min: v.minLength } } };
  }
  if (v.maxLength !== undefined && text.length > v.maxLength) {
    return { ok: false, problem: { key: "input-too-long", args: { max: v.maxLength } } };
  }
  if (v.regex !== undefined && !new RegExp(v.regex, "u").test(text)) {
    return { ok: false, problem: { key: "input-pattern" } };
  }
  return { ok: true, value: text };
}

import type { Condition } from "./schema.js";
import type { Profile } from "./types.js";

type Scalar = string | number | boolean | undefined;

function test(
  value: unknown,
  c: { equals?: Scalar; in?: (string | number)[]; exists?: boolean; includes?: string },
) {
  if (c.exists !== undefined && (value !== undefined && value !== null) !== c.exists) return false;
  if (c.equals !== undefined && value !== c.equals) return false;
  if (c.in !== undefined && !c.in.includes(value as string | number)) return false;
  if (c.includes !== undefined && !(Array.isArray(value) && value.includes(c.includes))) return false;
  return true;
}

/** Evaluates a branch condition against the run's answers and the person's profile. */
export function evaluate(cond: Condition, answers: Record<string, unknown>, profile: Profile): boolean {
  if ("all" in cond) return cond.all.every((c) => evaluate(c, answers, profile));
  if ("any" in cond) return cond.any.some((c) => evaluate(c, answers, profile));
  if ("not" in cond) return !evaluate(cond.not, answers, profile);
  if ("answer" in cond) return test(answers[cond.answer], cond);
  return test(profile[cond.profile], cond);
}

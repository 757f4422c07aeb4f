import type { Person, SummaryMember, SurveyResponse } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { JpRule } from "../domain/jp.js";
import { officialUnitOf } from "../domain/membership.js";
import type { TreeNode } from "../domain/summary.js";
import { byArrival, countedInSteps } from "../domain/survey.js";

/** Purposes of training reminders in the outbox (`reminder.<rule>`, `reminder.snooze`). */
export const REMINDER_PREFIX = "reminder.";

/** JSON with keys in order, so a stored document and a computed one compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** Adds `value` to the list under `key` (a copy per addition is quadratic in a large unit). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The stores the running totals read the facts from and keep the derived documents in. */
export type SummaryRepos = Pick<
  Repositories,
  | "summaries"
  | "people"
  | "assessments"
  | "completions"
  | "achievements"
  | "surveys"
  | "deliveries"
  | "orgUnits"
  | "changeStamps"
>;

/** The change stamp every fold and rebuild that writes derived documents replaces. */
export const SUMMARY_STAMP = "summaries";

/** The org tree's shape as it is stored now, by unit id. */
export async function orgTree(repos: Pick<Repositories, "orgUnits">): Promise<Map<string, TreeNode>> {
  return new Map((await repos.orgUnits.treeNodes()).map((u) => [u._id, u]));
}

/** How a person and a survey answer count, the same for the fold and for the rebuild. */
export function createCountingRules(deps: {
  /** Ids of the surveys whose answers count as post-training satisfaction. */
  satisfactionSurveys: ReadonlySet<string>;
  /** Of those, the anonymous ones: counted in steps of 5 answers (`countedInSteps`). */
  anonymousSurveys?: ReadonlySet<string>;
  /** The JP rule a person follows (by status kepegawaian). */
  jpRuleOf: (person: Pick<Person, "employment">) => JpRule;
}) {
  /** The yearly minimum a person's rule sets, or undefined under a ceiling (PPPK). */
  const minimumOf = (p: Pick<Person, "employment">): number | undefined => {
    const rule = deps.jpRuleOf(p);
    return rule.kind === "minimum" ? rule.jp : undefined;
  };
  /** Where and how the folder counts a person in headcounts. */
  const memberOf = (
    p: Pick<Person, "_id" | "unitId" | "onboardedAt" | "employment" | "unverified">,
  ): SummaryMember => ({
    _id: p._id,
    // Someone not yet verified is in no official count: their unit is only what they said.
    ...(officialUnitOf(p) ? { unitId: officialUnitOf(p) } : {}),
    registered: Boolean(p.onboardedAt),
    ...(minimumOf(p) === undefined ? { underCeiling: true } : {}),
  });

  const yearOfAnswer = (answeredOn: string) => Number(answeredOn.slice(0, 4));

  /**
   * One unit's post-training answers by year. An anonymous survey's count in whole steps of 5 in
   * order of arrival, per survey and year, as its own results do: the unit's satisfaction score
   * then never moves with one answer, and a unit with 1–4 of them adds nobody to its parents.
   */
  function satisfactionByYear(responses: readonly SurveyResponse[]): Map<number, number[][]> {
    const bySurveyYear = new Map<string, SurveyResponse[]>();
    for (const r of responses) {
      if (!deps.satisfactionSurveys.has(r.surveyId)) continue;
      const key = `${yearOfAnswer(r.answeredOn)}|${r.surveyId}`;
      bySurveyYear.set(key, [...(bySurveyYear.get(key) ?? []), r]);
    }
    const byYear = new Map<number, number[][]>();
    for (const rows of bySurveyYear.values()) {
      const { surveyId, answeredOn } = rows[0]!;
      const counted = deps.anonymousSurveys?.has(surveyId) ? countedInSteps([...rows].sort(byArrival)) : rows;
      const year = yearOfAnswer(answeredOn);
      if (counted.length > 0)
        byYear.set(year, [...(byYear.get(year) ?? []), ...counted.map((r) => r.answers)]);
    }
    return byYear;
  }

  return { minimumOf, memberOf, yearOfAnswer, satisfactionByYear };
}
export type CountingRules = ReturnType<typeof createCountingRules>;

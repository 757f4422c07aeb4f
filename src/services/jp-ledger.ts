import { TZDate } from "@date-fns/tz";
import type { Achievement, Completion, Person } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import { type JpProgress, jpProgress } from "../domain/jp.js";
import type { JpCreditRules } from "../domain/learning-methods.js";

/** The local date (YYYY-MM-DD) and year of an instant in the person's own zone. */
export function localDateOf(at: Date, timeZone: string): { date: string; year: number } {
  const d = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, year: d.getFullYear() };
}

/** A person's JP this year from the status the ledger keeps (no completions are read). */
export function jpOfYear(person: Pick<Person, "status">, year: number): number {
  return person.status?.jpYear === year ? (person.status.jpTotal ?? 0) : 0;
}

export type RecordOutcome = { recorded: boolean; progress: JpProgress; goalReachedNow: boolean };

/**
 * The JP ledger: completions are facts, this year's total is derived from them in the person's own
 * calendar, and the one function that records a completion also keeps the person's status and the
 * "20 JP reached" achievement, so nothing else has to remember to.
 */
export function createJpLedger(deps: {
  repos: Pick<Repositories, "people" | "completions" | "achievements">;
  rules: JpCreditRules;
  /** Told of each achievement when it is first recorded (improvements announced to supervisors). */
  onAchievement?: (a: Achievement, person: Person) => Promise<unknown>;
  /** Told after every recorded completion (the summary totals recount the person). */
  onRecorded?: (personId: string) => Promise<unknown>;
}) {
  const rules = { minutesPerJp: deps.rules.minutesPerJp, yearlyGoal: deps.rules.yearlyGoal };

  /** A person's JP for one year (this year when not given). */
  async function progress(
    person: Person,
    now: Date,
    year?: number,
  ): Promise<{ progress: JpProgress; completions: Completion[] }> {
    const completions = await deps.repos.completions.listForPerson(person._id);
    const y = year ?? localDateOf(now, person.timeZone).year;
    return {
      progress: jpProgress(
        completions.map((c) => ({ jp: c.jp, completedOn: c.completedOn })),
        y,
        rules,
      ),
      completions,
    };
  }

  /** Records a completion once; says whether this one carried the person over the year's goal. */
  async function record(person: Person, completion: Completion, now: Date): Promise<RecordOutcome> {
    const recorded = await deps.repos.completions.insert(completion);
    const { progress: p } = await progress(person, now, completion.year);
    await deps.repos.people.setStatus(person._id, { jpYear: p.year, jpTotal: p.total });
    let goalReachedNow = false;
    if (p.reached) {
      const achievement: Achievement = {
        _id: `${person._id}|jp|${p.year}`,
        personId: person._id,
        kind: "jp-goal",
        year: p.year,
        ...(person.unitId ? { unitId: person.unitId } : {}),
        ...(person.instansiId ? { instansiId: person.instansiId } : {}),
        at: now,
      };
      goalReachedNow = await deps.repos.achievements.record(achievement);
      if (goalReachedNow) await deps.onAchievement?.(achievement, person);
    }
    // Also when it was recorded before: a retried step may be retrying exactly this mark.
    await deps.onRecorded?.(person._id);
    return { recorded, progress: p, goalReachedNow };
  }

  return { progress, record, rules: deps.rules };
}
export type JpLedger = ReturnType<typeof createJpLedger>;

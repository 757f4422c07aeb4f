import { TZDate } from "@date-fns/tz";
import type { Achievement, Completion, Person } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import { countsTowardJp } from "../domain/completion-state.js";
import { type JpRule, type JpStanding, jpInYear, jpStanding, ruleFor } from "../domain/jp.js";
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

export type RecordOutcome = {
  recorded: boolean;
  /** The record waits for a koordinator: it is stored but not counted yet. */
  pending: boolean;
  /** Where the person stands against their own rule in the period of this completion. */
  standing: JpStanding;
  /** This completion carried the person over a minimum rule's amount for the first time this year. */
  goalReachedNow: boolean;
};

/** What a standing reads of a person: the rule (status kepegawaian, contract), zone and JP so far. */
export type LedgerPerson = Pick<Person, "_id" | "employment" | "timeZone" | "contractStart" | "status">;

/**
 * The JP ledger: completions are facts, totals are derived from them in the person's own calendar
 * and against the person's own rule (a minimum per calendar year for a PNS, a ceiling per contract
 * year for a PPPK), and the one function that records a completion also keeps the person's status
 * and the "minimum reached" achievement, so nothing else has to remember to. Only records that
 * count (src/domain/completion-state.ts) enter a total; verifying a pending one goes through here
 * too, so it counts exactly as a record that counted at once.
 */
export function createJpLedger(deps: {
  repos: Pick<Repositories, "people" | "completions" | "achievements">;
  rules: JpCreditRules;
  /** Told of each achievement when it is first recorded (improvements announced to supervisors). */
  onAchievement?: (a: Achievement, person: Person) => Promise<unknown>;
  /** Told after every recorded completion (the summary totals recount the person). */
  onRecorded?: (personId: string) => Promise<unknown>;
}) {
  /** The rule a person follows. */
  const ruleOf = (person: Pick<Person, "employment">): JpRule => ruleFor(deps.rules, person.employment);

  /** The JP facts of the records that count; pending and returned ones are left out. */
  const asFacts = (completions: readonly Completion[]) =>
    completions.filter(countsTowardJp).map((c) => ({ jp: c.jp, completedOn: c.completedOn }));

  /** A person's standing against their rule on a day (today in their zone when not given). */
  async function standing(
    person: LedgerPerson,
    now: Date,
    onDate?: string,
  ): Promise<{ standing: JpStanding; completions: Completion[] }> {
    const completions = await deps.repos.completions.listForPerson(person._id);
    const date = onDate ?? localDateOf(now, person.timeZone).date;
    return {
      standing: jpStanding(ruleOf(person), asFacts(completions), date, person.contractStart),
      completions,
    };
  }

  /**
   * The same standing, cheaply where the rule counts calendar years: from the total the status keeps
   * (no completions read), which is what monthly nudges and audiences over thousands of people need.
   */
  async function standingOf(person: LedgerPerson, now: Date): Promise<JpStanding> {
    const rule = ruleOf(person);
    const { date, year } = localDateOf(now, person.timeZone);
    if (rule.period !== "calendar-year") return (await standing(person, now, date)).standing;
    const total = jpOfYear(person, year);
    return jpStanding(rule, total > 0 ? [{ jp: total, completedOn: `${year}-01-01` }] : [], date);
  }

  /** Records a completion once; says whether this one carried the person over their minimum. */
  async function record(person: Person, completion: Completion, now: Date): Promise<RecordOutcome> {
    const recorded = await deps.repos.completions.insert(completion);
    return { recorded, ...(await settle(person, completion, now)) };
  }

  /**
   * Makes a pending completion count: it is verified, then the person's status, the minimum's
   * achievement and the summary mark follow as after `record`. Undefined when it was not pending
   * (already decided, or gone). Who may verify it is the caller's check.
   */
  async function verify(
    person: Person,
    completion: Completion,
    now: Date,
  ): Promise<Omit<RecordOutcome, "recorded"> | undefined> {
    if (!(await deps.repos.completions.decide(completion._id, { state: "verified" }, now))) return undefined;
    return settle(person, { ...completion, state: "verified" }, now);
  }

  /** After a record or a verification: the totals that read completions, from what counts now. */
  async function settle(
    person: Person,
    completion: Completion,
    now: Date,
  ): Promise<Omit<RecordOutcome, "recorded">> {
    const { standing: s, completions } = await standing(person, now, completion.completedOn);
    // The status keeps the calendar year's total: summaries and audiences count calendar years.
    const yearTotal = jpInYear(asFacts(completions), completion.year);
    await deps.repos.people.setStatus(person._id, { jpYear: completion.year, jpTotal: yearTotal });
    let goalReachedNow = false;
    // Only a calendar-year minimum has a "reached" moment worth celebrating; a ceiling is not a target.
    if (s.rule.kind === "minimum" && s.rule.period === "calendar-year" && s.reached) {
      const achievement: Achievement = {
        _id: `${person._id}|jp|${completion.year}`,
        personId: person._id,
        kind: "jp-goal",
        year: completion.year,
        ...(person.unitId ? { unitId: person.unitId } : {}),
        ...(person.instansiId ? { instansiId: person.instansiId } : {}),
        at: now,
      };
      goalReachedNow = await deps.repos.achievements.record(achievement);
      if (goalReachedNow) await deps.onAchievement?.(achievement, person);
    }
    // Also when it was recorded before: a retried step may be retrying exactly this mark.
    await deps.onRecorded?.(person._id);
    return { pending: !countsTowardJp(completion), standing: s, goalReachedNow };
  }

  /**
   * `standingOf` for many people at once (an export): the calendar-year ones from their status,
   * the others' completions read in batches instead of one query each.
   */
  async function standingsOf(people: readonly LedgerPerson[], now: Date): Promise<Map<string, JpStanding>> {
    const out = new Map<string, JpStanding>();
    const rolling = people.filter((p) => ruleOf(p).period !== "calendar-year");
    const completions = await deps.repos.completions.listForPeople(rolling.map((p) => p._id));
    for (const p of people) {
      const rule = ruleOf(p);
      if (rule.period === "calendar-year") {
        out.set(p._id, await standingOf(p, now));
        continue;
      }
      const { date } = localDateOf(now, p.timeZone);
      out.set(p._id, jpStanding(rule, asFacts(completions.get(p._id) ?? []), date, p.contractStart));
    }
    return out;
  }

  return { standing, standingOf, standingsOf, record, verify, ruleOf, rules: deps.rules };
}
export type JpLedger = ReturnType<typeof createJpLedger>;

import { randomUUID } from "node:crypto";
import type {
  Contribution,
  Person,
  SummaryMark,
  SummaryMember,
  SurveyResponse,
  UnitHeadcount,
  UnitYearTotals,
} from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import { DERIVED_KEYS, type Derived } from "../db/repositories/summaries.js";
import { countsTowardJp } from "../domain/completion-state.js";
import type { JpRule } from "../domain/jp.js";
import { officialUnitOf } from "../domain/membership.js";
import {
  contributionsOf,
  isEmptyTotals,
  mergeTotals,
  type PersonFacts,
  parentOf,
  type ReminderOutcome,
  rollupOrder,
  type TreeNode,
  treesOf,
  unitTotalsOf,
} from "../domain/summary.js";
import { byArrival, countedInSteps } from "../domain/survey.js";
import { localDateOf } from "./jp-ledger.js";

/** Purposes of training reminders in the outbox (`reminder.<rule>`, `reminder.snooze`). */
export const REMINDER_PREFIX = "reminder.";

/** JSON with keys in order, so a stored document and a computed one compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** What to write and remove so `stored` becomes `wanted`. */
function changedDocs<T extends { _id: string }>(stored: readonly T[], wanted: readonly T[]) {
  const have = new Map(stored.map((d) => [d._id, canonical(d)]));
  const want = new Set(wanted.map((d) => d._id));
  return {
    put: wanted.filter((d) => have.get(d._id) !== canonical(d)),
    remove: stored.filter((d) => !want.has(d._id)).map((d) => d._id),
  };
}

/** More waiting marks than this are taken in by one rebuild rather than person by person. */
const REBUILD_ABOVE = 2000;

export interface FoldResult {
  marks: number;
  people: number;
  units: number;
  /** Set when the marks were taken in by recomputing everything. */
  rebuilt?: RebuildResult;
  /** Set when a rebuild is due but this fold was asked not to do one (a person is waiting). */
  rebuildWaiting?: boolean;
}

const REBUILD_MARK = "x|rebuild";

export interface RebuildResult {
  people: number;
  contributions: number;
  units: number;
  /** Derived documents that differed from the facts and were written. */
  changed: number;
}

/**
 * The running totals behind /ringkasan. Whatever records a fact (an assessment, a completion, a
 * survey answer, a finished reminder, a profile change) only leaves a mark; `fold` takes the marks
 * in: it recomputes each marked person's contributions from their facts, then the totals of every
 * unit and year those contributions left or joined. One folder at a time (the summary lease), so
 * its plain writes cannot lose an update the way concurrent `$inc`s do on FerretDB.
 */
export function createSummaryTotals(deps: {
  repos: Pick<
    Repositories,
    | "summaries"
    | "people"
    | "assessments"
    | "completions"
    | "achievements"
    | "surveys"
    | "deliveries"
    | "orgUnits"
  >;
  /** Ids of the surveys whose answers count as post-training satisfaction. */
  satisfactionSurveys: ReadonlySet<string>;
  /** Of those, the anonymous ones: counted in steps of 5 answers (`countedInSteps`). */
  anonymousSurveys?: ReadonlySet<string>;
  /** The JP rule a person follows (by status kepegawaian). */
  jpRuleOf: (person: Pick<Person, "employment">) => JpRule;
  now: () => Date;
  /** Whether this process may fold now (holds the summary lease); always when not given. */
  mayFold?: () => Promise<boolean>;
}) {
  const repos = deps.repos;
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
  let chain: Promise<unknown> = Promise.resolve();
  /** Runs folds one after another in this process; the lease keeps other processes out. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => {});
    return next;
  };

  const mark = (m: Omit<SummaryMark, "at" | "v"> & { at?: Date }) =>
    repos.summaries.mark({ at: deps.now(), ...m, v: randomUUID() });

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

  /** Post-training answers given in a unit, by year. */
  async function answersInUnit(unitId: string): Promise<Map<number, number[][]>> {
    return satisfactionByYear(await repos.surveys.responsesInUnit(unitId));
  }

  /** Recomputes one person's contributions; returns the unit-years and units it touched. */
  async function refreshPerson(
    personId: string,
    newReminders: readonly SummaryMark[],
    touched: { unitYears: Set<string>; units: Set<string> },
  ): Promise<void> {
    const [person, existing, member] = await Promise.all([
      repos.people.get(personId),
      repos.summaries.contributionsOfPerson(personId),
      repos.summaries.member(personId),
    ]);
    for (const c of existing) if (c.unitId) touched.unitYears.add(`${c.unitId}|${c.year}`);
    if (member?.unitId) touched.units.add(member.unitId);
    if (!person) {
      await repos.summaries.deleteContributions(existing.map((c) => c._id));
      if (member) await repos.summaries.deleteMember(personId);
      return;
    }
    const [assessments, completions, achievements] = await Promise.all([
      repos.assessments.listForPerson(personId, 10_000),
      repos.completions.listForPerson(personId),
      repos.achievements.listForPerson(personId),
    ]);
    const reminders = new Map<string, ReminderOutcome & { year: number }>();
    for (const c of existing) for (const r of c.reminders) reminders.set(r.id, { ...r, year: c.year });
    for (const m of newReminders) {
      const id = m._id.slice(2);
      reminders.set(id, { id, ok: m.ok ?? false, year: m.year ?? localDateOf(m.at, person.timeZone).year });
    }
    const fresh = contributionsOf(
      {
        personId,
        ...(officialUnitOf(person) ? { unitId: officialUnitOf(person) } : {}),
        assessments,
        // JP and trainings are those that count: a record waiting for a koordinator is not yet one.
        completions: completions.filter(countsTowardJp),
        achievements,
        reminders: [...reminders.values()],
      },
      minimumOf(person),
    );
    const keep = new Set(fresh.map((c) => c._id));
    await repos.summaries.putContributions(fresh);
    await repos.summaries.deleteContributions(existing.filter((c) => !keep.has(c._id)).map((c) => c._id));
    for (const c of fresh) if (c.unitId) touched.unitYears.add(`${c.unitId}|${c.year}`);
    const now = memberOf(person);
    if (
      member?.unitId !== now.unitId ||
      member?.registered !== now.registered ||
      Boolean(member?.underCeiling) !== Boolean(now.underCeiling)
    ) {
      await repos.summaries.putMember(now);
      if (now.unitId) touched.units.add(now.unitId);
    }
  }

  /** Recomputes the totals of unit-years and the headcounts of units from what is stored. */
  async function refreshUnits(touched: { unitYears: Set<string>; units: Set<string> }): Promise<void> {
    const answers = new Map<string, Map<number, number[][]>>();
    for (const key of touched.unitYears) {
      const cut = key.lastIndexOf("|");
      const unitId = key.slice(0, cut);
      const year = Number(key.slice(cut + 1));
      if (!answers.has(unitId)) answers.set(unitId, await answersInUnit(unitId));
      const totals = unitTotalsOf(
        unitId,
        year,
        await repos.summaries.contributionsOf(unitId, year),
        answers.get(unitId)?.get(year) ?? [],
      );
      await repos.summaries.putTotals(isEmptyTotals(totals) ? { _id: totals._id, empty: true } : totals);
    }
    for (const unitId of touched.units) {
      const members = await repos.summaries.membersOf(unitId);
      await repos.summaries.putHeadcount({
        _id: unitId,
        headcount: members.length,
        registered: members.filter((m) => m.registered).length,
        underCeiling: members.filter((m) => m.underCeiling).length,
      });
    }
    if (touched.unitYears.size === 0 && touched.units.size === 0) return;
    // Roll the change up: each ancestor's tree is its own totals plus its children's trees.
    const tree = await orgTree();
    const years = new Map<number, Set<string>>();
    for (const key of touched.unitYears) {
      const cut = key.lastIndexOf("|");
      const year = Number(key.slice(cut + 1));
      years.set(year, (years.get(year) ?? new Set()).add(key.slice(0, cut)));
    }
    for (const [year, units] of years) {
      for (const unitId of rollupOrder(tree, units)) {
        const [own, children] = await Promise.all([
          repos.summaries.ownTotals(unitId, year),
          repos.summaries.childTrees(unitId, year),
        ]);
        const merged = mergeTotals(unitId, year, [...(own ? [own] : []), ...children]);
        await repos.summaries.putTree(
          isEmptyTotals(merged)
            ? { _id: merged._id, empty: true }
            : { ...merged, parentId: parentOf(tree, unitId) },
        );
      }
    }
    for (const unitId of rollupOrder(tree, touched.units)) {
      const [own, children] = await Promise.all([
        repos.summaries.ownHeadcount(unitId),
        repos.summaries.childTreeHeadcounts(unitId),
      ]);
      const parts = [...(own ? [own] : []), ...children];
      await repos.summaries.putTreeHeadcount({
        _id: unitId,
        headcount: parts.reduce((s, h) => s + h.headcount, 0),
        registered: parts.reduce((s, h) => s + h.registered, 0),
        underCeiling: parts.reduce((s, h) => s + (h.underCeiling ?? 0), 0),
        parentId: parentOf(tree, unitId),
      });
    }
  }

  async function orgTree(): Promise<Map<string, TreeNode>> {
    return new Map((await repos.orgUnits.all()).map((u) => [u._id, u]));
  }

  /** Everything derived, computed from the facts alone. */
  async function computeFromFacts(): Promise<Derived> {
    const [people, assessments, completions, achievements, reminders, folded] = await Promise.all([
      repos.people.allForSummaries(),
      repos.assessments.allForSummaries(),
      repos.completions.allForSummaries(),
      repos.achievements.allForSummaries(),
      repos.deliveries.loggedWithPrefix(REMINDER_PREFIX),
      repos.summaries.allReminderOutcomes(),
    ]);
    const facts = new Map<string, PersonFacts>();
    const minimums = new Map<string, number | undefined>();
    const zones = new Map<string, string>();
    for (const p of people) {
      zones.set(p._id, p.timeZone);
      minimums.set(p._id, minimumOf(p));
      facts.set(p._id, {
        personId: p._id,
        ...(officialUnitOf(p) ? { unitId: officialUnitOf(p) } : {}),
        assessments: [],
        completions: [],
        achievements: [],
        reminders: [],
      });
    }
    for (const a of assessments) facts.get(a.personId)?.assessments.push(a);
    for (const c of completions) if (countsTowardJp(c)) facts.get(c.personId)?.completions.push(c);
    for (const a of achievements) facts.get(a.personId)?.achievements.push(a);
    for (const d of reminders) {
      if (!d.personId || !facts.has(d.personId)) continue;
      facts.get(d.personId)!.reminders.push({
        id: d._id,
        ok: d.status === "sent",
        year: localDateOf(d.dueAt, zones.get(d.personId)!).year,
      });
    }
    // A reminder's log entry is deleted when its retention ends; the outcome it left in the
    // person's contribution is then the only record of it, and stays counted (as a fold keeps it).
    const logged = new Set(reminders.map((d) => d._id));
    for (const c of folded) {
      const f = facts.get(c.personId);
      if (!f) continue;
      for (const r of c.reminders)
        if (!logged.has(r.id)) f.reminders.push({ id: r.id, ok: r.ok, year: c.year });
    }
    const contributions = [...facts.values()].flatMap((f) => contributionsOf(f, minimums.get(f.personId)));
    const members: SummaryMember[] = people.map(memberOf);
    const byUnitYear = new Map<string, Contribution[]>();
    for (const c of contributions) {
      if (!c.unitId) continue;
      const key = `${c.unitId}|${c.year}`;
      byUnitYear.set(key, [...(byUnitYear.get(key) ?? []), c]);
    }
    const byUnit = new Map<string, SurveyResponse[]>();
    for (const id of deps.satisfactionSurveys)
      for (const r of await repos.surveys.responses(id))
        if (r.unitId) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
    const answers = new Map<string, number[][]>();
    for (const [unitId, responses] of byUnit)
      for (const [year, rows] of satisfactionByYear(responses)) answers.set(`${unitId}|${year}`, rows);
    const totals: UnitYearTotals[] = [];
    for (const key of new Set([...byUnitYear.keys(), ...answers.keys()])) {
      const cut = key.lastIndexOf("|");
      const t = unitTotalsOf(
        key.slice(0, cut),
        Number(key.slice(cut + 1)),
        byUnitYear.get(key) ?? [],
        answers.get(key) ?? [],
      );
      if (!isEmptyTotals(t)) totals.push(t);
    }
    const heads = new Map<string, UnitHeadcount>();
    for (const m of members) {
      if (!m.unitId) continue;
      const h = heads.get(m.unitId) ?? { _id: m.unitId, headcount: 0, registered: 0, underCeiling: 0 };
      h.headcount++;
      if (m.registered) h.registered++;
      if (m.underCeiling) h.underCeiling = (h.underCeiling ?? 0) + 1;
      heads.set(m.unitId, h);
    }
    const headcounts = [...heads.values()];
    return { contributions, members, totals, headcounts, ...treesOf(await orgTree(), totals, headcounts) };
  }

  /**
   * Rebuilds everything derived from the facts; `marks` (read before the facts) are then removed.
   * Only documents that differ are written, so a rebuild of healthy totals writes nothing; very
   * many differences (a first build) are written as a bulk reload instead.
   */
  async function rebuildNow(marks: readonly SummaryMark[]): Promise<RebuildResult> {
    const built = await computeFromFacts();
    const stored = await repos.summaries.allDerived();
    const diff = Object.fromEntries(
      DERIVED_KEYS.map((k) => [k, changedDocs<{ _id: string }>(stored[k], built[k])]),
    ) as { [K in keyof Derived]: { put: Derived[K]; remove: string[] } };
    const changed = Object.values(diff).reduce((s, d) => s + d.put.length + d.remove.length, 0);
    if (changed > REBUILD_ABOVE) await repos.summaries.replaceDerived(built);
    else if (changed > 0) await repos.summaries.applyDerived(diff);
    await repos.summaries.deleteMarks(marks);
    return {
      people: built.members.length,
      contributions: built.contributions.length,
      units: built.headcounts.length,
      changed,
    };
  }

  async function foldNow(limit: number, mayRebuild: boolean): Promise<FoldResult> {
    const pending = await repos.summaries.pendingMarks();
    if (pending === 0) return { marks: 0, people: 0, units: 0 };
    if (pending > REBUILD_ABOVE || (await repos.summaries.hasMark(REBUILD_MARK))) {
      // A rebuild reads every fact: it is the folding job's work, never a person's wait.
      if (!mayRebuild) return { marks: 0, people: 0, units: 0, rebuildWaiting: true };
      const marks = await repos.summaries.marks(pending);
      const r = await rebuildNow(marks);
      return { marks: marks.length, people: r.people, units: r.units, rebuilt: r };
    }
    const marks = await repos.summaries.marks(limit);
    const touched = { unitYears: new Set<string>(), units: new Set<string>() };
    const people = new Map<string, SummaryMark[]>();
    for (const m of marks) {
      if (m.kind === "unit" && m.unitId && m.year !== undefined)
        touched.unitYears.add(`${m.unitId}|${m.year}`);
      else if (m.personId) {
        const list = people.get(m.personId) ?? [];
        if (m.kind === "reminder") list.push(m);
        people.set(m.personId, list);
      }
    }
    for (const [personId, reminders] of people) await refreshPerson(personId, reminders, touched);
    await refreshUnits(touched);
    // Removed only after they were taken in: a crash before this folds them again, which is harmless.
    await repos.summaries.deleteMarks(marks);
    return { marks: marks.length, people: people.size, units: touched.unitYears.size };
  }

  return {
    /** Something about a person changed (a fact recorded, a profile edited, an import). */
    async touch(personId: string): Promise<void> {
      await mark({ _id: `p|${personId}`, kind: "person", personId });
    },
    /** Many people changed at once (an import). */
    async touchMany(personIds: readonly string[]): Promise<void> {
      const v = randomUUID();
      const at = deps.now();
      await repos.summaries.markMany(
        personIds.map((personId) => ({ _id: `p|${personId}`, kind: "person" as const, personId, at, v })),
      );
    },
    /** A post-training (or any) survey answer was stored for a unit on a date (YYYY-MM-DD). */
    async surveyAnswered(surveyId: string, unitId: string | undefined, answeredOn: string): Promise<void> {
      if (!unitId || !deps.satisfactionSurveys.has(surveyId)) return;
      const year = yearOfAnswer(answeredOn);
      await mark({ _id: `u|${unitId}|${year}`, kind: "unit", unitId, year });
    },
    /** The outbox finished a delivery; training reminders count in the person's unit. */
    async deliveryFinished(d: { _id: string; purpose: string; personId?: string; dueAt: Date }, ok: boolean) {
      if (!d.personId || !d.purpose.startsWith(REMINDER_PREFIX)) return;
      // Marked with its due time: the year it counts in is read in the person's zone when folded.
      await mark({ _id: `r|${d._id}`, kind: "reminder", personId: d.personId, ok, at: d.dueAt });
    },
    /**
     * Takes waiting marks in (up to `limit` of them, or all through a rebuild when very many
     * wait, unless `rebuild: false`). Does nothing when another process holds the summary lease.
     */
    fold(limit = 500, opts: { rebuild?: boolean } = {}): Promise<FoldResult> {
      return serial(async () => {
        if (deps.mayFold && !(await deps.mayFold())) return { marks: 0, people: 0, units: 0 };
        return foldNow(limit, opts.rebuild ?? true);
      });
    },
    /** Folds until nothing waits (tests, the rebuild command). */
    async settle(): Promise<void> {
      for (let i = 0; i < 1000; i++) if ((await this.fold()).marks === 0) return;
    },
    /** How many changes wait to be taken in. */
    pending: () => repos.summaries.pendingMarks(),
    /** Asks the folder to recompute everything at its next turn (the org tree changed shape). */
    async requestRebuild(): Promise<void> {
      await mark({ _id: REBUILD_MARK, kind: "rebuild" });
    },
    /**
     * Asks for every contribution and total to be recomputed from the facts, and does it now when
     * this process is the folder (otherwise the folder does it at its next turn, within a minute).
     */
    async rebuild(): Promise<RebuildResult | undefined> {
      await mark({ _id: REBUILD_MARK, kind: "rebuild" });
      return (await this.fold()).rebuilt;
    },
    /** The derived documents as the facts say they should be (a test compares them to the stored). */
    computeFromFacts,
  };
}
export type SummaryTotals = ReturnType<typeof createSummaryTotals>;

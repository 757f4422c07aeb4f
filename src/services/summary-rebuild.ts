import type {
  Contribution,
  SummaryMark,
  SummaryMember,
  SurveyResponse,
  UnitHeadcount,
  UnitYearTotals,
} from "../db/models/index.js";
import { DERIVED_KEYS, type Derived } from "../db/repositories/summaries.js";
import { countsTowardJp } from "../domain/completion-state.js";
import { officialUnitOf } from "../domain/membership.js";
import {
  contributionsOf,
  isEmptyTotals,
  type PersonFacts,
  treesOf,
  unitTotalsOf,
} from "../domain/summary.js";
import { localDateOf } from "./jp-ledger.js";
import {
  type CountingRules,
  canonical,
  orgTree,
  REMINDER_PREFIX,
  SUMMARY_STAMP,
  type SummaryRepos,
} from "./summary-counting.js";

/** More waiting marks than this are taken in by one rebuild rather than person by person. */
export const REBUILD_ABOVE = 2000;

export interface RebuildResult {
  people: number;
  contributions: number;
  units: number;
  /** Derived documents that differed from the facts and were written. */
  changed: number;
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

/** Recomputes everything derived from the facts, and writes what differs from the stored. */
export function createRebuilder(deps: {
  repos: SummaryRepos;
  rules: Pick<CountingRules, "minimumOf" | "memberOf" | "satisfactionByYear">;
  /** Ids of the surveys whose answers count as post-training satisfaction. */
  satisfactionSurveys: ReadonlySet<string>;
  /** Told before a rebuild writes: what a folder knew of the derived documents is then stale. */
  forget: () => void;
}) {
  const repos = deps.repos;
  const { minimumOf, memberOf, satisfactionByYear } = deps.rules;

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
    return {
      contributions,
      members,
      totals,
      headcounts,
      ...treesOf(await orgTree(repos), totals, headcounts),
    };
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
    deps.forget();
    if (changed > REBUILD_ABOVE) await repos.summaries.replaceDerived(built);
    else if (changed > 0) await repos.summaries.applyDerived(diff);
    // A folder elsewhere that knew some totals reads them again.
    if (changed > 0) await repos.changeStamps.touch(SUMMARY_STAMP);
    await repos.summaries.deleteMarks(marks);
    return {
      people: built.members.length,
      contributions: built.contributions.length,
      units: built.headcounts.length,
      changed,
    };
  }

  return { computeFromFacts, rebuild: rebuildNow };
}

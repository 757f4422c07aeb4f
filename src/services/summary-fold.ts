import { randomUUID } from "node:crypto";
import type {
  Contribution,
  SummaryMark,
  SummaryMember,
  SurveyResponse,
  TreeHeadcount,
  TreeYearTotals,
  UnitHeadcount,
  UnitYearTotals,
} from "../db/models/index.js";
import { ORG_UNITS_STAMP } from "../db/repositories/org-units.js";
import { countsTowardJp } from "../domain/completion-state.js";
import { officialUnitOf } from "../domain/membership.js";
import {
  contributionsOf,
  isEmptyTotals,
  parentOf,
  type ReminderOutcome,
  rollupOrder,
  shiftHeadcount,
  shiftTotals,
  shiftTree,
  type TreeNode,
  unitTotalsOf,
} from "../domain/summary.js";
import { localDateOf } from "./jp-ledger.js";
import {
  type CountingRules,
  canonical,
  orgTree,
  pushTo,
  SUMMARY_STAMP,
  type SummaryRepos,
} from "./summary-counting.js";

/** The mark that asks for a rebuild; a fold also leaves it while it writes (see `fold`). */
export const REBUILD_MARK = "x|rebuild";

/** Derived documents a folder knows as they are stored, by _id (null: absent); see `known`. */
interface DerivedCache {
  token?: string;
  totals: Map<string, UnitYearTotals | null>;
  trees: Map<string, TreeYearTotals | null>;
  heads: Map<string, UnitHeadcount | null>;
  treeHeads: Map<string, TreeHeadcount | null>;
}

const emptyCache = (): DerivedCache => ({
  totals: new Map(),
  trees: new Map(),
  heads: new Map(),
  treeHeads: new Map(),
});

/** The stored documents of these ids: those `cache` knows, the others read by `read` (and then known). */
async function byIds<T extends { _id: string }>(
  cache: Map<string, T | null>,
  ids: readonly string[],
  read: (ids: readonly string[]) => Promise<T[]>,
): Promise<Map<string, T>> {
  const unknown = ids.filter((id) => !cache.has(id));
  if (unknown.length > 0) {
    for (const id of unknown) cache.set(id, null);
    for (const doc of await read(unknown)) cache.set(doc._id, doc);
  }
  const found = new Map<string, T>();
  for (const id of ids) {
    const doc = cache.get(id);
    if (doc) found.set(id, doc);
  }
  return found;
}

/** Records in `cache` what a fold wrote and removed. */
function remember<T extends { _id: string }>(
  cache: Map<string, T | null>,
  written: { put: readonly T[]; remove: readonly string[] },
): void {
  for (const doc of written.put) cache.set(doc._id, structuredClone(doc));
  for (const id of written.remove) cache.set(id, null);
}

/** Takes marks in person by person, shifting the stored totals by what changed (see `fold`). */
export function createMarkFolder(deps: {
  repos: SummaryRepos;
  rules: Pick<CountingRules, "minimumOf" | "memberOf" | "satisfactionByYear">;
  now: () => Date;
}) {
  const repos = deps.repos;
  const { minimumOf, memberOf, satisfactionByYear } = deps.rules;

  /**
   * The unit and tree totals and headcounts this process last read or wrote, by _id (null: known
   * absent), and the token it wrote to the summaries stamp with them. Only a fold or a rebuild
   * writes those documents, and each writes a new token after its writes: while the stamp still
   * holds this process's token nobody else has written them, and a fold reads from the database
   * only the ones it does not know (FerretDB decodes each nested document slowly: the 150 unit
   * totals and 200 trees 200 people touch took a few hundred milliseconds to read).
   */
  let known: DerivedCache | undefined;
  /** The org tree's shape as this process last read it, and the units' change stamp then. */
  let knownTree: { token: string; tree: Map<string, TreeNode> } | undefined;

  /** `<unit>|<year>` split into its parts. */
  const unitYearOf = (key: string): { unitId: string; year: number } => {
    const cut = key.lastIndexOf("|");
    return { unitId: key.slice(0, cut), year: Number(key.slice(cut + 1)) };
  };

  /**
   * Takes in the marks of a fold: reads the marked people's facts and what is stored about them at
   * once, computes their contributions, shifts the totals of the unit-years they left or joined by
   * the difference (`shiftTotals`: a recount would read every contribution of those units), shifts
   * the rolled-up totals of those units and every unit above them by the same change (`shiftTree`:
   * no tree of an unchanged unit beside them is read), and writes only what changed,
   * one bulk write per collection. Everything is read before anything is written, and the writes
   * are bracketed by a rebuild mark: a crash between them leaves the mark, and the folding job then
   * rebuilds from the facts instead of shifting totals that may already hold part of the change.
   */
  async function foldMarks(marks: readonly SummaryMark[]): Promise<{ people: number; units: number }> {
    const unitMarks = new Set<string>();
    const people = new Map<string, SummaryMark[]>();
    for (const m of marks) {
      if (m.kind === "unit" && m.unitId && m.year !== undefined) unitMarks.add(`${m.unitId}|${m.year}`);
      else if (m.personId) {
        const list = people.get(m.personId) ?? [];
        if (m.kind === "reminder") list.push(m);
        people.set(m.personId, list);
      }
    }
    const ids = [...people.keys()];
    const [persons, existing, members, assessments, completions, achievements, [stamp = "", treeStamp = ""]] =
      await Promise.all([
        repos.people.forSummaries(ids),
        repos.summaries.contributionsOfPeople(ids),
        repos.summaries.members(ids),
        repos.assessments.forSummariesOf(ids),
        repos.completions.forSummariesOf(ids),
        repos.achievements.forSummariesOf(ids),
        repos.changeStamps.tokens([SUMMARY_STAMP, ORG_UNITS_STAMP]),
      ]);
    // The tree's shape as last read, unless a unit was written since (read after the stamp, so at
    // least as new as it).
    if (knownTree?.token !== treeStamp) knownTree = { token: treeStamp, tree: await orgTree(repos) };
    const { tree } = knownTree;
    // What is read from here on is at least as new as the stamp read with the facts.
    const cache = known?.token === stamp ? known : { ...emptyCache(), token: stamp };
    known = undefined;
    const group = <T extends { personId: string }>(rows: readonly T[]) => {
      const by = new Map<string, T[]>();
      for (const r of rows) pushTo(by, r.personId, r);
      return by;
    };
    const personById = new Map(persons.map((p) => [p._id, p]));
    const memberById = new Map(members.map((m) => [m._id, m]));
    const existingIds = new Set(existing.map((c) => c._id));
    const [existingOf, assessmentsOf, completionsOf, achievementsOf] = [
      group(existing),
      group(assessments),
      group(completions),
      group(achievements),
    ];

    const put: { contributions: Contribution[]; members: SummaryMember[] } = {
      contributions: [],
      members: [],
    };
    const remove = { contributions: [] as string[], members: [] as string[] };
    /** Per unit-year, the contributions leaving it and joining it. */
    const moves = new Map<string, { removed: Contribution[]; added: Contribution[] }>();
    const moveOf = (c: Contribution) => {
      const key = `${c.unitId}|${c.year}`;
      const m = moves.get(key) ?? { removed: [], added: [] };
      moves.set(key, m);
      return m;
    };
    /** Units whose headcount changes. */
    const headUnits = new Set<string>();
    for (const [personId, newReminders] of people) {
      const person = personById.get(personId);
      const before = existingOf.get(personId) ?? [];
      const member = memberById.get(personId);
      const fresh = person
        ? contributionsOf(
            {
              personId,
              ...(officialUnitOf(person) ? { unitId: officialUnitOf(person) } : {}),
              assessments: assessmentsOf.get(personId) ?? [],
              // JP and trainings are those that count: a record waiting for a koordinator is not yet one.
              completions: (completionsOf.get(personId) ?? []).filter(countsTowardJp),
              achievements: achievementsOf.get(personId) ?? [],
              reminders: remindersOf(before, newReminders, person.timeZone),
            },
            minimumOf(person),
          )
        : [];
      const had = new Map(before.map((c) => [c._id, canonical(c)]));
      const changed = fresh.filter((c) => had.get(c._id) !== canonical(c));
      const changedIds = new Set(changed.map((c) => c._id));
      const keep = new Set(fresh.map((c) => c._id));
      put.contributions.push(...changed);
      for (const c of before) {
        if (!keep.has(c._id)) remove.contributions.push(c._id);
        if (c.unitId && (!keep.has(c._id) || changedIds.has(c._id))) moveOf(c).removed.push(c);
      }
      for (const c of changed) if (c.unitId) moveOf(c).added.push(c);
      if (!person) {
        if (member) {
          remove.members.push(personId);
          if (member.unitId) headUnits.add(member.unitId);
        }
        continue;
      }
      const now = memberOf(person);
      if (
        member?.unitId !== now.unitId ||
        member?.registered !== now.registered ||
        Boolean(member?.underCeiling) !== Boolean(now.underCeiling)
      ) {
        put.members.push(now);
        if (member?.unitId) headUnits.add(member.unitId);
        if (now.unitId) headUnits.add(now.unitId);
      }
    }

    // The unit-years whose own totals change, and the rolled-up totals of them and of every unit
    // above them, read at once by id: the trees beside them are not needed (see below).
    const ownKeys = [...new Set([...moves.keys(), ...unitMarks])];
    const yearsOf = new Map<number, Set<string>>();
    for (const key of ownKeys) {
      const { unitId, year } = unitYearOf(key);
      yearsOf.set(year, (yearsOf.get(year) ?? new Set()).add(unitId));
    }
    const rollups = [...yearsOf].map(([year, units]) => ({ year, order: rollupOrder(tree, units) }));
    const headOrder = rollupOrder(tree, headUnits);
    const [ownBefore, answered, treeBefore, memberRows, headBefore, treeHeadBefore] = await Promise.all([
      byIds(cache.totals, ownKeys, repos.summaries.totalsByIds),
      unitMarks.size
        ? repos.surveys.responsesInUnits([...unitMarks].map((k) => unitYearOf(k).unitId))
        : Promise.resolve([]),
      byIds(
        cache.trees,
        rollups.flatMap((r) => r.order.map((u) => `${u}|${r.year}`)),
        repos.summaries.treesByIds,
      ),
      repos.summaries.membersOfUnits([...headUnits]),
      byIds(cache.heads, [...headUnits], repos.summaries.headcountsOf),
      byIds(cache.treeHeads, headOrder, repos.summaries.treeHeadcountsByIds),
    ]);
    /** A unit and the units above it (a unit no longer in the tree counts as a root). */
    const upFrom = (unitId: string) => [unitId, ...(tree.get(unitId)?.path ?? [])];

    // Own totals: shifted by the contributions that moved; a survey mark recounts satisfaction.
    const answersByUnit = new Map<string, SurveyResponse[]>();
    for (const r of answered) if (r.unitId) pushTo(answersByUnit, r.unitId, r);
    const totals = { put: [] as UnitYearTotals[], remove: [] as string[] };
    /** Per rolled-up document (`<unit>|<year>`), the own totals below it before and after this fold. */
    const below = new Map<string, { before: UnitYearTotals[]; after: UnitYearTotals[] }>();
    for (const key of ownKeys) {
      const { unitId, year } = unitYearOf(key);
      const move = moves.get(key);
      const stored = ownBefore.get(key);
      let t = shiftTotals(unitId, year, stored, move?.removed ?? [], move?.added ?? []);
      if (unitMarks.has(key)) {
        const answers = satisfactionByYear(answersByUnit.get(unitId) ?? []).get(year) ?? [];
        const { ikmRespondents, ikmScoreSum, ikmAnswers } = unitTotalsOf(unitId, year, [], answers);
        t = { ...t, ikmRespondents, ikmScoreSum, ikmAnswers };
      }
      const empty = isEmptyTotals(t);
      if (empty && stored) totals.remove.push(key);
      else if (!empty && (!stored || canonical(stored) !== canonical(t))) totals.put.push(t);
      for (const a of upFrom(unitId)) {
        const change = below.get(`${a}|${year}`) ?? { before: [], after: [] };
        if (stored) change.before.push(stored);
        if (!empty) change.after.push(t);
        below.set(`${a}|${year}`, change);
      }
    }

    // Each unit's tree moves by the change of the own totals under it. Recomputing it from its
    // children's trees read every tree of the units beside the changed ones (at 500 units, about
    // 1,000 nested documents: half a second on FerretDB); the stored tree is their sum already.
    const trees = { put: [] as TreeYearTotals[], remove: [] as string[] };
    for (const { year, order } of rollups) {
      for (const unitId of order) {
        const id = `${unitId}|${year}`;
        const stored = treeBefore.get(id);
        const change = below.get(id);
        const shifted = shiftTree(unitId, year, stored, change?.before ?? [], change?.after ?? []);
        if (isEmptyTotals(shifted)) {
          if (stored) trees.remove.push(id);
          continue;
        }
        const t = { ...shifted, parentId: parentOf(tree, unitId) };
        if (!stored || canonical(stored) !== canonical(t)) trees.put.push(t);
      }
    }

    // Headcounts: the members of the changed units as they are after this fold; each unit above
    // them moves by the change, as its tree of totals does.
    const rewritten = new Set([...put.members.map((m) => m._id), ...remove.members]);
    const membersIn = new Map<string, SummaryMember[]>();
    for (const m of [...memberRows.filter((m) => !rewritten.has(m._id)), ...put.members])
      if (m.unitId && headUnits.has(m.unitId)) pushTo(membersIn, m.unitId, m);
    const headcounts: UnitHeadcount[] = [];
    const headsBelow = new Map<string, { before: UnitHeadcount[]; after: UnitHeadcount[] }>();
    for (const unitId of headUnits) {
      const list = membersIn.get(unitId) ?? [];
      const h = {
        _id: unitId,
        headcount: list.length,
        registered: list.filter((m) => m.registered).length,
        underCeiling: list.filter((m) => m.underCeiling).length,
      };
      headcounts.push(h);
      const stored = headBefore.get(unitId);
      for (const a of upFrom(unitId)) {
        const change = headsBelow.get(a) ?? { before: [], after: [] };
        if (stored) change.before.push(stored);
        change.after.push(h);
        headsBelow.set(a, change);
      }
    }
    const treeHeadcounts: TreeHeadcount[] = headOrder.map((unitId) => {
      const change = headsBelow.get(unitId);
      return {
        ...shiftHeadcount(unitId, treeHeadBefore.get(unitId), change?.before ?? [], change?.after ?? []),
        parentId: parentOf(tree, unitId),
      };
    });

    const diff = {
      contributions: { put: put.contributions, remove: remove.contributions },
      members: { put: put.members, remove: remove.members },
      totals,
      headcounts: { put: headcounts, remove: [] },
      trees,
      treeHeadcounts: { put: treeHeadcounts, remove: [] },
    };
    const writes = Object.values(diff).reduce((n, d) => n + d.put.length + d.remove.length, 0);
    const guard = { _id: REBUILD_MARK, v: randomUUID() };
    if (writes > 0) {
      await repos.summaries.mark({ ...guard, kind: "rebuild", at: deps.now() });
      await repos.summaries.applyDerived(diff, {
        contributions: new Set(put.contributions.filter((c) => !existingIds.has(c._id)).map((c) => c._id)),
        members: new Set(put.members.filter((m) => !memberById.has(m._id)).map((m) => m._id)),
        totals: new Set(totals.put.filter((t) => !ownBefore.has(t._id)).map((t) => t._id)),
        trees: new Set(trees.put.filter((t) => !treeBefore.has(t._id)).map((t) => t._id)),
      });
      // Whoever reads the stamp now knows that these writes happened; this process knows what they were.
      const token = randomUUID();
      await repos.changeStamps.touch(SUMMARY_STAMP, token);
      remember(cache.totals, totals);
      remember(cache.trees, trees);
      remember(cache.heads, diff.headcounts);
      remember(cache.treeHeads, diff.treeHeadcounts);
      cache.token = token;
    }
    known = cache;
    // Removed only after they were taken in: a crash before this folds them again, which is harmless.
    // The rebuild mark goes too unless someone asked for a rebuild meanwhile (it then has a new version).
    await repos.summaries.deleteMarks(writes > 0 ? [...marks, guard] : marks);
    return { people: people.size, units: ownKeys.length };
  }

  /** A person's finished reminders: those already counted and those just marked. */
  function remindersOf(
    counted: readonly Contribution[],
    marked: readonly SummaryMark[],
    timeZone: string,
  ): (ReminderOutcome & { year: number })[] {
    const reminders = new Map<string, ReminderOutcome & { year: number }>();
    for (const c of counted) for (const r of c.reminders) reminders.set(r.id, { ...r, year: c.year });
    for (const m of marked) {
      const id = m._id.slice(2);
      reminders.set(id, { id, ok: m.ok ?? false, year: m.year ?? localDateOf(m.at, timeZone).year });
    }
    return [...reminders.values()];
  }

  return {
    /** Takes in the marks of a fold; returns how many people and unit-years it counted. */
    fold: foldMarks,
    /** Drops what this process knew of the derived documents (a rebuild is about to write them). */
    forget(): void {
      known = undefined;
    },
  };
}

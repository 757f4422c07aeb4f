import { randomUUID } from "node:crypto";
import type {
  Contribution,
  Person,
  SummaryMark,
  SummaryMember,
  SurveyResponse,
  TreeHeadcount,
  TreeYearTotals,
  UnitHeadcount,
  UnitYearTotals,
} from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import { ORG_UNITS_STAMP } from "../db/repositories/org-units.js";
import { DERIVED_KEYS, type Derived } from "../db/repositories/summaries.js";
import { countsTowardJp } from "../domain/completion-state.js";
import type { JpRule } from "../domain/jp.js";
import { officialUnitOf } from "../domain/membership.js";
import {
  contributionsOf,
  isEmptyTotals,
  type PersonFacts,
  parentOf,
  type ReminderOutcome,
  rollupOrder,
  shiftHeadcount,
  shiftTotals,
  shiftTree,
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

/** Adds `value` to the list under `key` (a copy per addition is quadratic in a large unit). */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The change stamp every fold and rebuild that writes derived documents replaces. */
const SUMMARY_STAMP = "summaries";

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
    | "changeStamps"
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
    if (knownTree?.token !== treeStamp) knownTree = { token: treeStamp, tree: await orgTree() };
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

  async function orgTree(): Promise<Map<string, TreeNode>> {
    return new Map((await repos.orgUnits.treeNodes()).map((u) => [u._id, u]));
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
    known = undefined;
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
    const { people, units } = await foldMarks(marks);
    return { marks: marks.length, people, units };
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

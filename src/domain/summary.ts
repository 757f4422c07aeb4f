import { countedLevel, type RequiredResult } from "./counted-level.js";

/**
 * Unit summaries for supervisors, as pure rules. A person's year is one contribution, counted in
 * the unit where the person works now; a unit's year is the sum of its contributions; a subtree
 * is the sum of its units. The same functions build contributions from facts for the running
 * totals and for the rebuild, so the two can only disagree if the bookkeeping around them is wrong.
 */

/** The smallest number of people a shown cell may describe. */
export const MIN_CELL = 5;

/** One competency in one contribution: the latest assessment of that year. */
export interface ContributionResult {
  competency: string;
  /** The level that counts: the atasan's confirmed level, else the self-assessed one. */
  assessed: number;
  required: number;
}

/** A reminder the outbox finished for the person: sent, or given up on. */
export interface ReminderOutcome {
  id: string;
  ok: boolean;
}

/** What one person adds to the totals of their unit for one year. */
export interface Contribution {
  /** `<person>|<year>` */
  _id: string;
  personId: string;
  year: number;
  unitId?: string;
  /** The assessment counted: the latest one completed in this year, if any. */
  assessmentId?: string;
  results: ContributionResult[];
  jp: number;
  reachedGoal: boolean;
  trainings: number;
  gapsClosed: number;
  reminders: ReminderOutcome[];
}

/** The facts of one person that contributions are built from. */
export interface PersonFacts {
  personId: string;
  unitId?: string;
  assessments: {
    _id: string;
    year: number;
    completedAt: Date;
    /** As stored: the self-assessed level and any atasan's confirmation. */
    results: (RequiredResult & { competency: string })[];
  }[];
  completions: { year: number; jp: number }[];
  achievements: { kind: "jp-goal" | "gap-closed"; year: number }[];
  /** Finished reminders with the year they were due in, in the person's calendar. */
  reminders: (ReminderOutcome & { year: number })[];
}

/**
 * The person's contributions, one per year with any fact; none when nothing happened.
 * `minimumJp` is the yearly minimum the person follows, or undefined when their rule is a ceiling
 * (PPPK): they never count as having "reached" anything.
 */
export function contributionsOf(f: PersonFacts, minimumJp: number | undefined): Contribution[] {
  const years = new Set<number>([
    ...f.assessments.map((a) => a.year),
    ...f.completions.map((c) => c.year),
    ...f.achievements.map((a) => a.year),
    ...f.reminders.map((r) => r.year),
  ]);
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      const latest = f.assessments
        .filter((a) => a.year === year)
        .sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime() || b._id.localeCompare(a._id))[0];
      const completions = f.completions.filter((c) => c.year === year);
      const jp = completions.reduce((s, c) => s + c.jp, 0);
      const reminders = new Map<string, boolean>();
      for (const r of f.reminders) if (r.year === year) reminders.set(r.id, r.ok);
      return {
        _id: `${f.personId}|${year}`,
        personId: f.personId,
        year,
        ...(f.unitId ? { unitId: f.unitId } : {}),
        ...(latest ? { assessmentId: latest._id } : {}),
        results: (latest?.results ?? []).map((r) => ({
          competency: r.competency,
          assessed: countedLevel(r),
          required: r.required,
        })),
        jp,
        reachedGoal:
          minimumJp !== undefined &&
          (jp >= minimumJp || f.achievements.some((a) => a.kind === "jp-goal" && a.year === year)),
        trainings: completions.length,
        gapsClosed: f.achievements.filter((a) => a.kind === "gap-closed" && a.year === year).length,
        reminders: [...reminders].sort(([a], [b]) => a.localeCompare(b)).map(([id, ok]) => ({ id, ok })),
      };
    });
}

/** Sums of one competency over the people assessed in it. */
export interface CompetencyTotals {
  competency: string;
  people: number;
  assessedSum: number;
  requiredSum: number;
  below: number;
}

/** Running totals of one unit (not its subtree) for one year. */
export interface UnitYearTotals {
  /** `<unit>|<year>` */
  _id: string;
  unitId: string;
  year: number;
  assessed: number;
  competencies: CompetencyTotals[];
  jpSum: number;
  reachedGoal: number;
  trainings: number;
  gapsClosed: number;
  remindersSent: number;
  remindersFailed: number;
  /** Post-training satisfaction answers given in this unit this year. */
  ikmRespondents: number;
  ikmScoreSum: number;
  ikmAnswers: number;
}

/** Who works in a unit now: everyone imported or registered, and those registered in Pandu. */
export interface UnitHeadcount {
  /** The unit id. */
  _id: string;
  headcount: number;
  registered: number;
  /**
   * Of the headcount, people whose JP rule is a ceiling (PPPK): left out of "reached the minimum".
   * Absent in documents written before the rules differed by status, which then count as 0.
   */
  underCeiling?: number;
}

/** Totals holding nothing yet. */
function emptyTotals(unitId: string, year: number): UnitYearTotals {
  return {
    _id: `${unitId}|${year}`,
    unitId,
    year,
    assessed: 0,
    competencies: [],
    jpSum: 0,
    reachedGoal: 0,
    trainings: 0,
    gapsClosed: 0,
    remindersSent: 0,
    remindersFailed: 0,
    ikmRespondents: 0,
    ikmScoreSum: 0,
    ikmAnswers: 0,
  };
}

/** What one person's year adds to their unit's totals. */
function totalsOfContribution(c: Contribution): UnitYearTotals {
  const sent = c.reminders.filter((r) => r.ok).length;
  return {
    ...emptyTotals(c.unitId ?? "", c.year),
    assessed: c.assessmentId ? 1 : 0,
    competencies: c.results.map((r) => ({
      competency: r.competency,
      people: 1,
      assessedSum: r.assessed,
      requiredSum: r.required,
      below: r.assessed < r.required ? 1 : 0,
    })),
    jpSum: c.jp,
    reachedGoal: c.reachedGoal ? 1 : 0,
    trainings: c.trainings,
    gapsClosed: c.gapsClosed,
    remindersSent: sent,
    remindersFailed: c.reminders.length - sent,
  };
}

/** Totals of a unit and year from its contributions and the post-training answers given there. */
export function unitTotalsOf(
  unitId: string,
  year: number,
  contributions: readonly Contribution[],
  answers: readonly (readonly number[])[],
): UnitYearTotals {
  const satisfaction: UnitYearTotals = {
    ...emptyTotals(unitId, year),
    ikmRespondents: answers.length,
    ikmScoreSum: answers.reduce((s, a) => s + a.reduce((x, y) => x + y, 0), 0),
    ikmAnswers: answers.reduce((s, a) => s + a.length, 0),
  };
  return mergeTotals(unitId, year, [...contributions.map(totalsOfContribution), satisfaction]);
}

/** Totals that cancel `t` when merged with it. */
function negated(t: UnitYearTotals): UnitYearTotals {
  return {
    ...t,
    assessed: -t.assessed,
    competencies: t.competencies.map((c) => ({
      competency: c.competency,
      people: -c.people,
      assessedSum: -c.assessedSum,
      requiredSum: -c.requiredSum,
      below: -c.below,
    })),
    jpSum: -t.jpSum,
    reachedGoal: -t.reachedGoal,
    trainings: -t.trainings,
    gapsClosed: -t.gapsClosed,
    remindersSent: -t.remindersSent,
    remindersFailed: -t.remindersFailed,
    ikmRespondents: -t.ikmRespondents,
    ikmScoreSum: -t.ikmScoreSum,
    ikmAnswers: -t.ikmAnswers,
  };
}

/**
 * A unit-year's totals with some contributions taken out and others put in: equal to
 * `unitTotalsOf` over the new set of contributions whenever `stored` was the sum of the old set
 * (the fold keeps it so), without reading the unit's other contributions. A competency nobody is
 * assessed in any more is dropped, as a recount never lists it. JP may have decimals: their sum
 * is kept to 6 places, so additions and removals over the years do not drift.
 */
export function shiftTotals(
  unitId: string,
  year: number,
  stored: UnitYearTotals | undefined,
  removed: readonly Contribution[],
  added: readonly Contribution[],
): UnitYearTotals {
  const shifted = mergeTotals(unitId, year, [
    ...(stored ? [stored] : []),
    ...removed.map((c) => negated(totalsOfContribution(c))),
    ...added.map(totalsOfContribution),
  ]);
  shifted.competencies = shifted.competencies.filter((c) => c.people !== 0);
  shifted.jpSum = Math.round(shifted.jpSum * 1e6) / 1e6;
  return shifted;
}

/**
 * A unit's rolled-up totals with the own totals of some units below it (or its own) changed from
 * `before` to `after`: equal to merging the subtree's own totals again whenever `stored` was their
 * sum (the fold keeps it so), without reading the trees of the unchanged units beside them. As in
 * `shiftTotals`, a competency nobody holds any more is dropped and JP is kept to 6 places.
 */
export function shiftTree(
  unitId: string,
  year: number,
  stored: UnitYearTotals | undefined,
  before: readonly UnitYearTotals[],
  after: readonly UnitYearTotals[],
): UnitYearTotals {
  const shifted = mergeTotals(unitId, year, [...(stored ? [stored] : []), ...before.map(negated), ...after]);
  shifted.competencies = shifted.competencies.filter((c) => c.people !== 0);
  shifted.jpSum = Math.round(shifted.jpSum * 1e6) / 1e6;
  return shifted;
}

/** A headcount with those of some units below it changed from `before` to `after`. */
export function shiftHeadcount(
  unitId: string,
  stored: UnitHeadcount | undefined,
  before: readonly UnitHeadcount[],
  after: readonly UnitHeadcount[],
): UnitHeadcount {
  const sum = (list: readonly UnitHeadcount[], f: (h: UnitHeadcount) => number) =>
    list.reduce((s, h) => s + f(h), 0);
  const change = (f: (h: UnitHeadcount) => number) =>
    (stored ? f(stored) : 0) + sum(after, f) - sum(before, f);
  return {
    _id: unitId,
    headcount: change((h) => h.headcount),
    registered: change((h) => h.registered),
    underCeiling: change((h) => h.underCeiling ?? 0),
  };
}

/** True when the totals hold nothing (the unit's document can go). */
export function isEmptyTotals(t: UnitYearTotals): boolean {
  return (
    t.assessed === 0 &&
    t.jpSum === 0 &&
    t.trainings === 0 &&
    t.gapsClosed === 0 &&
    t.reachedGoal === 0 &&
    t.remindersSent === 0 &&
    t.remindersFailed === 0 &&
    t.ikmRespondents === 0 &&
    t.competencies.length === 0
  );
}

/**
 * A unit's totals with everything below it added in: /ringkasan reads one of these per root of
 * the reader's scope instead of every unit's own totals (FerretDB decodes each nested document
 * slowly: 500 units' own totals took 200–300 ms to read, one rolled-up document a few).
 */
export interface TreeYearTotals extends UnitYearTotals {
  parentId: string | null;
}

/** A unit's headcount with everything below it. */
export interface TreeHeadcount extends UnitHeadcount {
  parentId: string | null;
}

/** Several totals of the same year added into one (a unit's own and its children's trees). */
export function mergeTotals(unitId: string, year: number, parts: readonly UnitYearTotals[]): UnitYearTotals {
  const sum = emptyTotals(unitId, year);
  const byCompetency = new Map<string, CompetencyTotals>();
  for (const t of parts) {
    sum.assessed += t.assessed;
    sum.jpSum += t.jpSum;
    sum.reachedGoal += t.reachedGoal;
    sum.trainings += t.trainings;
    sum.gapsClosed += t.gapsClosed;
    sum.remindersSent += t.remindersSent;
    sum.remindersFailed += t.remindersFailed;
    sum.ikmRespondents += t.ikmRespondents;
    sum.ikmScoreSum += t.ikmScoreSum;
    sum.ikmAnswers += t.ikmAnswers;
    for (const c of t.competencies) {
      const row = byCompetency.get(c.competency) ?? {
        competency: c.competency,
        people: 0,
        assessedSum: 0,
        requiredSum: 0,
        below: 0,
      };
      row.people += c.people;
      row.assessedSum += c.assessedSum;
      row.requiredSum += c.requiredSum;
      row.below += c.below;
      byCompetency.set(c.competency, row);
    }
  }
  sum.competencies = [...byCompetency.values()].sort((a, b) => a.competency.localeCompare(b.competency));
  return sum;
}

/** A scope's totals for a year: its roots' trees and headcounts added up. */
export interface ScopeTotals extends Omit<UnitYearTotals, "_id" | "unitId"> {
  headcount: number;
  registered: number;
  underCeiling: number;
}

/** Adds up the totals and headcounts of disjoint subtrees (or of single units). */
export function addTotals(
  year: number,
  totals: readonly UnitYearTotals[],
  headcounts: readonly UnitHeadcount[],
): ScopeTotals {
  const { _id: _, unitId: __, ...merged } = mergeTotals("", year, totals);
  return {
    ...merged,
    headcount: headcounts.reduce((s, h) => s + h.headcount, 0),
    registered: headcounts.reduce((s, h) => s + h.registered, 0),
    underCeiling: headcounts.reduce((s, h) => s + (h.underCeiling ?? 0), 0),
  };
}

/** A count of people as shown: the number, or hidden when it describes 1 to 4 people. */
export type PeopleCount = { hidden: false; value: number } | { hidden: true };

/** One competency row as shown. */
export type CompetencyRow =
  | {
      competency: string;
      hidden: false;
      people: number;
      /** Averages to one decimal. */
      assessed: number;
      required: number;
      /** Share of those assessed who are below the standard, 0–100, whole percent. */
      belowPct: number;
    }
  | {
      competency: string;
      hidden: true;
      /** Hidden although 5 or more people were assessed: shown, it would let a smaller group be worked out. */
      protected?: true;
    };

/** What a supervisor sees: every figure, or a marker that it describes too few people. */
export interface SummaryView {
  year: number;
  headcount: number;
  /** False when the whole scope has fewer than MIN_CELL people: nothing else is shown. */
  shown: boolean;
  /**
   * True when the scope has MIN_CELL people or more but is still not shown: its figures, taken
   * together with a parent's or a sibling's, would recover a smaller group (`suppression.ts`).
   */
  protected?: true;
  registeredPct?: number;
  assessedPct?: number;
  assessed: PeopleCount;
  competencies: CompetencyRow[];
  /** Competencies with the largest share below standard, at most 3, among the shown rows. */
  topGaps: { competency: string; belowPct: number }[];
  gapsClosed: number;
  reachedGoal: PeopleCount;
  jpAverage?: number;
  /** Share of the people with a yearly minimum who reached it; hidden below MIN_CELL such people. */
  reachedGoalPct?: number;
  /** People whose rule is a ceiling (PPPK), not counted in reachedGoalPct. */
  underCeiling: PeopleCount;
  trainings: number;
  ikm?: { score: number; respondents: number };
  /** True when the satisfaction score is withheld although it had enough respondents (as `protected`). */
  ikmProtected?: true;
  ikmRespondents: PeopleCount;
  remindersSent: number;
  remindersFailed: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (part: number, whole: number) => Math.round((part / whole) * 100);
const people = (n: number): PeopleCount =>
  n > 0 && n < MIN_CELL ? { hidden: true } : { hidden: false, value: n };

/**
 * The view of a scope's totals with small cells hidden: a percentage or average is shown only
 * over at least MIN_CELL people, and a count of people between 1 and MIN_CELL − 1 is hidden.
 * Counts of gaps, trainings and messages describe events, not people, and are shown.
 * `suppressed` names further figures to hide so that no subtraction recovers a small group
 * (`suppressedFigures` in `suppression.ts`: `people`, `minimum`, `ikm`, `c:<code>`).
 */
export function summaryView(t: ScopeTotals, suppressed: ReadonlySet<string> = new Set()): SummaryView {
  const shown = t.headcount >= MIN_CELL && !suppressed.has("people");
  const competencies: CompetencyRow[] = t.competencies.map((c) =>
    c.people < MIN_CELL
      ? { competency: c.competency, hidden: true }
      : suppressed.has(`c:${c.competency}`)
        ? { competency: c.competency, hidden: true, protected: true }
        : {
            competency: c.competency,
            hidden: false,
            people: c.people,
            assessed: round1(c.assessedSum / c.people),
            required: round1(c.requiredSum / c.people),
            belowPct: pct(c.below, c.people),
          },
  );
  const topGaps = competencies
    .flatMap((c) =>
      c.hidden || c.belowPct === 0 ? [] : [{ competency: c.competency, belowPct: c.belowPct }],
    )
    .sort((a, b) => b.belowPct - a.belowPct || a.competency.localeCompare(b.competency))
    .slice(0, 3);
  const view: SummaryView = {
    year: t.year,
    headcount: t.headcount,
    shown,
    ...(!shown && t.headcount >= MIN_CELL ? { protected: true as const } : {}),
    assessed: people(t.assessed),
    competencies: shown ? competencies : [],
    topGaps: shown ? topGaps : [],
    gapsClosed: t.gapsClosed,
    reachedGoal: people(t.reachedGoal),
    underCeiling: people(t.underCeiling),
    trainings: t.trainings,
    ikmRespondents: people(t.ikmRespondents),
    remindersSent: t.remindersSent,
    remindersFailed: t.remindersFailed,
  };
  if (shown) {
    view.registeredPct = pct(t.registered, t.headcount);
    view.assessedPct = pct(t.assessed, t.headcount);
    view.jpAverage = round1(t.jpSum / t.headcount);
    const withMinimum = t.headcount - t.underCeiling;
    if (withMinimum >= MIN_CELL && !suppressed.has("minimum"))
      view.reachedGoalPct = pct(t.reachedGoal, withMinimum);
  }
  if (t.ikmRespondents >= MIN_CELL && suppressed.has("ikm")) view.ikmProtected = true;
  else if (t.ikmRespondents >= MIN_CELL && t.ikmAnswers > 0) {
    view.ikm = {
      score: Math.round((t.ikmScoreSum / t.ikmAnswers) * 25 * 100) / 100,
      respondents: t.ikmRespondents,
    };
  }
  return view;
}

/** A unit as rollups need it: its parent and its ancestors from the root down. */
export interface TreeNode {
  _id: string;
  parentId: string | null;
  path: readonly string[];
}

/** Units not in the tree (removed by an import) count as roots of their own. */
const nodeOf = (tree: ReadonlyMap<string, TreeNode>, id: string): TreeNode =>
  tree.get(id) ?? { _id: id, parentId: null, path: [] };

/** Every unit's rolled-up totals and headcounts from the units' own ones (the rebuild). */
export function treesOf(
  tree: ReadonlyMap<string, TreeNode>,
  totals: readonly UnitYearTotals[],
  heads: readonly UnitHeadcount[],
): { trees: TreeYearTotals[]; treeHeadcounts: TreeHeadcount[] } {
  const parts = new Map<string, { unitId: string; year: number; list: UnitYearTotals[] }>();
  for (const t of totals) {
    const node = nodeOf(tree, t.unitId);
    for (const a of [t.unitId, ...node.path]) {
      const key = `${a}|${t.year}`;
      const entry = parts.get(key) ?? { unitId: a, year: t.year, list: [] };
      entry.list.push(t);
      parts.set(key, entry);
    }
  }
  const trees = [...parts.values()].map(({ unitId, year, list }) => ({
    ...mergeTotals(unitId, year, list),
    parentId: nodeOf(tree, unitId).parentId,
  }));
  const counts = new Map<string, TreeHeadcount>();
  for (const h of heads) {
    for (const a of [h._id, ...nodeOf(tree, h._id).path]) {
      const c = counts.get(a) ?? {
        _id: a,
        headcount: 0,
        registered: 0,
        underCeiling: 0,
        parentId: nodeOf(tree, a).parentId,
      };
      c.headcount += h.headcount;
      c.underCeiling = (c.underCeiling ?? 0) + (h.underCeiling ?? 0);
      c.registered += h.registered;
      counts.set(a, c);
    }
  }
  return { trees, treeHeadcounts: [...counts.values()] };
}

/** The units whose rollups change when these units change, deepest first (children before parents). */
export function rollupOrder(tree: ReadonlyMap<string, TreeNode>, changed: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const id of changed) for (const a of [id, ...nodeOf(tree, id).path]) all.add(a);
  return [...all].sort(
    (a, b) => nodeOf(tree, b).path.length - nodeOf(tree, a).path.length || a.localeCompare(b),
  );
}

/** The parent of a unit in the tree (null for a root or an unknown unit). */
export function parentOf(tree: ReadonlyMap<string, TreeNode>, id: string): string | null {
  return nodeOf(tree, id).parentId;
}

import { randomUUID } from "node:crypto";
import type { Person, SummaryMark } from "../db/models/index.js";
import type { JpRule } from "../domain/jp.js";
import { createCountingRules, REMINDER_PREFIX, type SummaryRepos } from "./summary-counting.js";
import { createMarkFolder, REBUILD_MARK } from "./summary-fold.js";
import { createRebuilder, REBUILD_ABOVE, type RebuildResult } from "./summary-rebuild.js";

export type { RebuildResult };
export { REMINDER_PREFIX };

export interface FoldResult {
  marks: number;
  people: number;
  units: number;
  /** Set when the marks were taken in by recomputing everything. */
  rebuilt?: RebuildResult;
  /** Set when a rebuild is due but this fold was asked not to do one (a person is waiting). */
  rebuildWaiting?: boolean;
}

/**
 * The running totals behind /ringkasan. Whatever records a fact (an assessment, a completion, a
 * survey answer, a finished reminder, a profile change) only leaves a mark; `fold` takes the marks
 * in: it recomputes each marked person's contributions from their facts, then the totals of every
 * unit and year those contributions left or joined. One folder at a time (the summary lease), so
 * its plain writes cannot lose an update the way concurrent `$inc`s do on FerretDB.
 */
export function createSummaryTotals(deps: {
  repos: SummaryRepos;
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
  const rules = createCountingRules(deps);
  const { yearOfAnswer } = rules;
  const folder = createMarkFolder({ repos, rules, now: deps.now });
  const rebuilder = createRebuilder({
    repos,
    rules,
    satisfactionSurveys: deps.satisfactionSurveys,
    forget: () => folder.forget(),
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

  async function foldNow(limit: number, mayRebuild: boolean): Promise<FoldResult> {
    const pending = await repos.summaries.pendingMarks();
    if (pending === 0) return { marks: 0, people: 0, units: 0 };
    if (pending > REBUILD_ABOVE || (await repos.summaries.hasMark(REBUILD_MARK))) {
      // A rebuild reads every fact: it is the folding job's work, never a person's wait.
      if (!mayRebuild) return { marks: 0, people: 0, units: 0, rebuildWaiting: true };
      const marks = await repos.summaries.marks(pending);
      const r = await rebuilder.rebuild(marks);
      return { marks: marks.length, people: r.people, units: r.units, rebuilt: r };
    }
    const marks = await repos.summaries.marks(limit);
    const { people, units } = await folder.fold(marks);
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
    computeFromFacts: rebuilder.computeFromFacts,
  };
}
export type SummaryTotals = ReturnType<typeof createSummaryTotals>;

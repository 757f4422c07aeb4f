import type {
  Contribution,
  Models,
  SummaryMark,
  SummaryMember,
  TreeHeadcount,
  TreeYearTotals,
  UnitHeadcount,
  UnitYearTotals,
} from "../models/index.js";
import { ONE_REPLY, readInBatches } from "./batches.js";
import { duplicateKeyPositions, isDuplicateKeyError } from "./errors.js";

/** Batch size for reads that want every document at once (a few thousand units at most). */
const WHOLE = 100_000;
/**
 * Replaces sent in one command. Stock FerretDB 1.24 held each statement's query open until the
 * command ended, so a command with more statements than its connection pool never answered (100
 * on SQLite, fewer on PostgreSQL beside other work); Pandu's patch closes them per statement
 * (test/integration/db/bulk-writes.test.ts). Modest commands stay, for a server without the patch.
 */
const REPLACES_PER_COMMAND = 50;
/** Documents inserted in one command. */
const WRITE_CHUNK = 1000;

type SummaryModels = Pick<
  Models,
  | "SummaryMark"
  | "Contribution"
  | "SummaryMember"
  | "UnitTotals"
  | "UnitHeadcount"
  | "TreeTotals"
  | "TreeHeadcount"
>;

/** Everything the summaries derive from the facts, by collection. */
export interface Derived {
  contributions: Contribution[];
  members: SummaryMember[];
  totals: UnitYearTotals[];
  headcounts: UnitHeadcount[];
  trees: TreeYearTotals[];
  treeHeadcounts: TreeHeadcount[];
}
export const DERIVED_KEYS = [
  "contributions",
  "members",
  "totals",
  "headcounts",
  "trees",
  "treeHeadcounts",
] as const;

/**
 * The summary bookkeeping: marks of what changed, each person's contributions, and per-unit
 * totals. Only the folder holding the summary lease writes anything here but marks, so plain
 * replaces are safe where FerretDB's filtered updates would not be.
 */
export function summariesRepository(m: SummaryModels) {
  const modelOf = {
    contributions: m.Contribution,
    members: m.SummaryMember,
    totals: m.UnitTotals,
    headcounts: m.UnitHeadcount,
    trees: m.TreeTotals,
    treeHeadcounts: m.TreeHeadcount,
  };
  const replaceAll = async <T extends { _id: string }>(
    model: { bulkWrite: (ops: never[], o: object) => Promise<unknown> },
    docs: readonly T[],
  ) => {
    const ops = docs.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } }));
    for (let i = 0; i < ops.length; i += REPLACES_PER_COMMAND)
      await model.bulkWrite(ops.slice(i, i + REPLACES_PER_COMMAND) as never[], { ordered: true });
  };
  return {
    /**
     * Records that something needs taking in. A mark already waiting gets a new version instead,
     * so a folder that read the old version does not remove it: the change is taken in next time.
     */
    async mark(mark: SummaryMark): Promise<void> {
      const { _id, v, ...rest } = mark;
      // One command where an insert and then an update (the mark usually waits already) took two.
      const upsert = () =>
        m.SummaryMark.updateOne({ _id }, { $set: { v }, $setOnInsert: rest }, { upsert: true }).exec();
      try {
        await upsert();
      } catch (err) {
        // Two writers inserting the same mark at once: the loser's upsert finds it now.
        if (!isDuplicateKeyError(err)) throw err;
        await upsert();
      }
    },
    /** Records many marks at once (an import); those already waiting get a new version. */
    async markMany(marks: readonly SummaryMark[]): Promise<void> {
      for (let i = 0; i < marks.length; i += 1000) {
        const batch = marks.slice(i, i + 1000);
        const waiting = new Set(
          (
            await m.SummaryMark.find({ _id: { $in: batch.map((x) => x._id) } }, { _id: 1 })
              .lean<{ _id: string }[]>()
              .exec()
          ).map((x) => x._id),
        );
        const fresh = batch.filter((x) => !waiting.has(x._id));
        try {
          if (fresh.length) await m.SummaryMark.insertMany(fresh, { ordered: false });
        } catch (err) {
          // Another writer marked some of them in between: they are waiting, which is all we need.
          if (!isDuplicateKeyError(err) && !duplicateKeyPositions(err)) throw err;
        }
        const again = batch.filter((x) => waiting.has(x._id));
        if (again.length)
          await m.SummaryMark.updateMany(
            { _id: { $in: again.map((x) => x._id) } },
            { $set: { v: again[0]!.v } },
          ).exec();
      }
    },
    /** Waiting marks, oldest first. */
    async marks(limit: number): Promise<SummaryMark[]> {
      return m.SummaryMark.find({}).sort({ at: 1 }).limit(limit).lean<SummaryMark[]>().exec();
    },
    /** True when this mark is waiting. */
    async hasMark(id: string): Promise<boolean> {
      return (await m.SummaryMark.exists({ _id: id })) !== null;
    },
    /** How many marks wait (a measure of how far behind the totals are). */
    async pendingMarks(): Promise<number> {
      return m.SummaryMark.countDocuments({}).exec();
    },
    /** Removes marks once taken in, each only if it was not set again meanwhile. */
    async deleteMarks(marks: readonly Pick<SummaryMark, "_id" | "v">[]): Promise<void> {
      for (let i = 0; i < marks.length; i += 200) {
        const batch = marks.slice(i, i + 200);
        await m.SummaryMark.deleteMany({ $or: batch.map((x) => ({ _id: x._id, v: x.v })) }).exec();
      }
    },
    /** A person's contributions, every year. */
    async contributionsOfPerson(personId: string): Promise<Contribution[]> {
      return m.Contribution.find({ personId }).lean<Contribution[]>().exec();
    },
    /** These people's contributions, every year (the fold reads the people it folds at once). */
    async contributionsOfPeople(personIds: readonly string[]): Promise<Contribution[]> {
      return readInBatches(personIds, (batch) =>
        m.Contribution.find({ personId: { $in: batch } })
          .batchSize(ONE_REPLY)
          .lean<Contribution[]>()
          .exec(),
      );
    },
    /** Every contribution's person, year and reminder outcomes (the summary rebuild). */
    async allReminderOutcomes(): Promise<Pick<Contribution, "personId" | "year" | "reminders">[]> {
      return m.Contribution.find({}, { personId: 1, year: 1, reminders: 1 })
        .lean<Pick<Contribution, "personId" | "year" | "reminders">[]>()
        .exec();
    },
    /** Writes contributions as they are now. */
    async putContributions(docs: readonly Contribution[]): Promise<void> {
      await replaceAll(m.Contribution, docs);
    },
    /** Where a person was last counted. */
    async member(personId: string): Promise<SummaryMember | null> {
      return m.SummaryMember.findById(personId).lean<SummaryMember>().exec();
    },
    /** Where each of these people was last counted (absent: never counted). */
    async members(personIds: readonly string[]): Promise<SummaryMember[]> {
      return readInBatches(personIds, (batch) =>
        m.SummaryMember.find({ _id: { $in: batch } })
          .batchSize(ONE_REPLY)
          .lean<SummaryMember[]>()
          .exec(),
      );
    },
    /** The people counted in a unit. */
    async membersOf(unitId: string): Promise<SummaryMember[]> {
      return m.SummaryMember.find({ unitId }).lean<SummaryMember[]>().exec();
    },
    /** The people counted in any of these units. */
    async membersOfUnits(unitIds: readonly string[]): Promise<SummaryMember[]> {
      return readInBatches(unitIds, (batch) =>
        m.SummaryMember.find({ unitId: { $in: batch } })
          .batchSize(ONE_REPLY)
          .lean<SummaryMember[]>()
          .exec(),
      );
    },
    /** Units' own totals by id (`<unit>|<year>`); a unit-year with nothing has none. */
    async totalsByIds(ids: readonly string[]): Promise<UnitYearTotals[]> {
      return readInBatches(ids, (batch) =>
        m.UnitTotals.find({ _id: { $in: batch } })
          .batchSize(ONE_REPLY)
          .lean<UnitYearTotals[]>()
          .exec(),
      );
    },
    /** Rolled-up totals by id (`<unit>|<year>`); a subtree with nothing has none. */
    async treesByIds(ids: readonly string[]): Promise<TreeYearTotals[]> {
      return readInBatches(ids, (batch) =>
        m.TreeTotals.find({ _id: { $in: batch } })
          .batchSize(ONE_REPLY)
          .lean<TreeYearTotals[]>()
          .exec(),
      );
    },
    /** The rolled-up headcounts of these units. */
    async treeHeadcountsByIds(unitIds: readonly string[]): Promise<TreeHeadcount[]> {
      return readInBatches(unitIds, (batch) =>
        m.TreeHeadcount.find({ _id: { $in: batch } })
          .batchSize(ONE_REPLY)
          .lean<TreeHeadcount[]>()
          .exec(),
      );
    },
    /** A unit's own totals for a year. */
    async ownTotals(unitId: string, year: number): Promise<UnitYearTotals | null> {
      return m.UnitTotals.findById(`${unitId}|${year}`).lean<UnitYearTotals>().exec();
    },
    /** Writes a unit's own totals for a year, or removes them when empty. */
    async putTotals(totals: UnitYearTotals | { _id: string; empty: true }): Promise<void> {
      if ("empty" in totals) await m.UnitTotals.deleteOne({ _id: totals._id }).exec();
      else await replaceAll(m.UnitTotals, [totals]);
    },
    /** The rolled-up totals of a unit's children for a year. */
    async childTrees(parentId: string, year: number): Promise<TreeYearTotals[]> {
      return m.TreeTotals.find({ parentId, year }).batchSize(WHOLE).lean<TreeYearTotals[]>().exec();
    },
    /** The rolled-up headcounts of a unit's children. */
    async childTreeHeadcounts(parentId: string): Promise<TreeHeadcount[]> {
      return m.TreeHeadcount.find({ parentId }).batchSize(WHOLE).lean<TreeHeadcount[]>().exec();
    },
    /**
     * The rolled-up totals and headcounts of some units (the roots of a scope) for a year: one
     * read by id each, which FerretDB answers without scanning.
     */
    async trees(
      unitIds: readonly string[],
      year: number,
    ): Promise<{ totals: TreeYearTotals[]; heads: TreeHeadcount[] }> {
      const [totals, heads] = await Promise.all([
        Promise.all(unitIds.map((u) => m.TreeTotals.findById(`${u}|${year}`).lean<TreeYearTotals>().exec())),
        Promise.all(unitIds.map((u) => m.TreeHeadcount.findById(u).lean<TreeHeadcount>().exec())),
      ]);
      return {
        totals: totals.filter((t): t is TreeYearTotals => t !== null),
        heads: heads.filter((h): h is TreeHeadcount => h !== null),
      };
    },
    /** The own headcounts (not their subtrees') of these units; a unit nobody works in has none. */
    async headcountsOf(unitIds: readonly string[]): Promise<UnitHeadcount[]> {
      return readInBatches(unitIds, (batch) =>
        m.UnitHeadcount.find({ _id: { $in: batch } })
          .batchSize(ONE_REPLY)
          .lean<UnitHeadcount[]>()
          .exec(),
      );
    },
    /** How many of each unit's own people have an assessment in `year` (units with none are absent). */
    async assessedIn(unitIds: readonly string[], year: number): Promise<Map<string, number>> {
      const found = await readInBatches(
        unitIds.map((u) => `${u}|${year}`),
        (batch) =>
          m.UnitTotals.find({ _id: { $in: batch } }, { unitId: 1, assessed: 1 })
            .lean<Pick<UnitYearTotals, "unitId" | "assessed">[]>()
            .exec(),
      );
      return new Map(found.map((t) => [t.unitId, t.assessed]));
    },
    /** Everything derived, as stored (the rebuild compares it with the facts). */
    async allDerived(): Promise<Derived> {
      const all = <T>(model: {
        find: (f: object) => { batchSize(n: number): { lean<R>(): { exec(): Promise<R> } } };
      }) => model.find({}).batchSize(WHOLE).lean<T[]>().exec();
      const [contributions, members, totals, headcounts, trees, treeHeadcounts] = await Promise.all([
        all<Contribution>(m.Contribution as never),
        all<SummaryMember>(m.SummaryMember as never),
        all<UnitYearTotals>(m.UnitTotals as never),
        all<UnitHeadcount>(m.UnitHeadcount as never),
        all<TreeYearTotals>(m.TreeTotals as never),
        all<TreeHeadcount>(m.TreeHeadcount as never),
      ]);
      return { contributions, members, totals, headcounts, trees, treeHeadcounts };
    },
    /**
     * Writes and removes the derived documents that differ from the facts. Documents `fresh` names
     * (by collection) are known not to exist yet: they are inserted in one command, where each
     * replace is a write of its own on FerretDB (about 1.3 ms).
     */
    async applyDerived(
      diff: { [K in keyof Derived]: { put: Derived[K]; remove: string[] } },
      fresh: Partial<Record<keyof Derived, ReadonlySet<string>>> = {},
    ): Promise<void> {
      // One collection after another: with the collections written side by side, one benchmark run
      // hung for good while folding (not reproduced with two collections alone); never like this.
      for (const key of DERIVED_KEYS) {
        const model = modelOf[key] as typeof m.Contribution;
        const docs = diff[key].put as { _id: string }[];
        const isNew = fresh[key] ?? new Set<string>();
        const inserts = docs.filter((d) => isNew.has(d._id));
        const replaces = docs.filter((d) => !isNew.has(d._id));
        for (let i = 0; i < inserts.length; i += WRITE_CHUNK) {
          const batch = inserts.slice(i, i + WRITE_CHUNK);
          try {
            await model.insertMany(batch as never[], { ordered: false, lean: true });
          } catch (err) {
            // Written meanwhile after all (a fold that crashed after its writes): replaced instead.
            const taken = duplicateKeyPositions(err);
            if (!taken) throw err;
            replaces.push(...taken.map((k) => batch[k]!));
          }
        }
        await replaceAll(model as never, replaces);
        if (diff[key].remove.length) await model.deleteMany({ _id: { $in: diff[key].remove } }).exec();
      }
    },
    /**
     * Replaces everything derived with a rebuilt set, by bulk inserts (a per-document replace
     * reads the whole collection on FerretDB each time). Marks stay: they are taken in afterwards.
     */
    async replaceDerived(all: Derived): Promise<void> {
      const chunk = WRITE_CHUNK;
      for (const key of DERIVED_KEYS) {
        const model = modelOf[key] as typeof m.Contribution;
        const docs = all[key] as object[];
        await model.deleteMany({}).exec();
        for (let i = 0; i < docs.length; i += chunk) {
          await model.insertMany(docs.slice(i, i + chunk) as never[], { ordered: false, lean: true });
        }
      }
    },
  };
}
export type SummariesRepository = ReturnType<typeof summariesRepository>;

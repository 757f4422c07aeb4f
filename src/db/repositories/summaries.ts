import type {
  Contribution,
  Models,
  SummaryMark,
  SummaryMember,
  UnitHeadcount,
  UnitYearTotals,
} from "../models/index.js";
import { insertOnce, isDuplicateKeyError } from "./errors.js";

type SummaryModels = Pick<
  Models,
  "SummaryMark" | "Contribution" | "SummaryMember" | "UnitTotals" | "UnitHeadcount"
>;

/**
 * The summary bookkeeping: marks of what changed, each person's contributions, and per-unit
 * totals. Only the folder holding the summary lease writes anything here but marks, so plain
 * replaces are safe where FerretDB's filtered updates would not be.
 */
export function summariesRepository(m: SummaryModels) {
  const replaceAll = async <T extends { _id: string }>(
    model: { bulkWrite: (ops: never[], o: object) => Promise<unknown> },
    docs: readonly T[],
  ) => {
    if (docs.length === 0) return;
    const ops = docs.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } }));
    await model.bulkWrite(ops as never[], { ordered: true });
  };
  return {
    /**
     * Records that something needs taking in. A mark already waiting gets a new version instead,
     * so a folder that read the old version does not remove it: the change is taken in next time.
     */
    async mark(mark: SummaryMark): Promise<void> {
      if (await insertOnce(() => m.SummaryMark.create(mark))) return;
      await m.SummaryMark.updateOne({ _id: mark._id }, { $set: { v: mark.v } }).exec();
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
          if (!isDuplicateKeyError(err) && !(err as { writeErrors?: unknown }).writeErrors) throw err;
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
    /** The contributions counted in one unit for one year. */
    async contributionsOf(unitId: string, year: number): Promise<Contribution[]> {
      return m.Contribution.find({ unitId, year }).lean<Contribution[]>().exec();
    },
    /** Writes contributions as they are now. */
    async putContributions(docs: readonly Contribution[]): Promise<void> {
      await replaceAll(m.Contribution, docs);
    },
    /** Removes contributions (a year that no longer has any fact). */
    async deleteContributions(ids: readonly string[]): Promise<void> {
      if (ids.length) await m.Contribution.deleteMany({ _id: { $in: ids } }).exec();
    },
    /** Where a person was last counted. */
    async member(personId: string): Promise<SummaryMember | null> {
      return m.SummaryMember.findById(personId).lean<SummaryMember>().exec();
    },
    /** Records where a person is counted now. */
    async putMember(member: SummaryMember): Promise<void> {
      await replaceAll(m.SummaryMember, [member]);
    },
    /** Forgets a person (deleted). */
    async deleteMember(personId: string): Promise<void> {
      await m.SummaryMember.deleteOne({ _id: personId }).exec();
    },
    /** The people counted in a unit. */
    async membersOf(unitId: string): Promise<SummaryMember[]> {
      return m.SummaryMember.find({ unitId }).lean<SummaryMember[]>().exec();
    },
    /** Writes a unit's totals for a year, or removes them when empty. */
    async putTotals(totals: UnitYearTotals | { _id: string; empty: true }): Promise<void> {
      if ("empty" in totals) await m.UnitTotals.deleteOne({ _id: totals._id }).exec();
      else await replaceAll(m.UnitTotals, [totals]);
    },
    /** Every unit's totals for a year (a few thousand units at most). */
    async totalsOfYear(year: number): Promise<UnitYearTotals[]> {
      return m.UnitTotals.find({ year }).lean<UnitYearTotals[]>().exec();
    },
    /** Writes a unit's headcount. */
    async putHeadcount(h: UnitHeadcount): Promise<void> {
      await replaceAll(m.UnitHeadcount, [h]);
    },
    /** Every unit's headcount. */
    async headcounts(): Promise<UnitHeadcount[]> {
      return m.UnitHeadcount.find({}).lean<UnitHeadcount[]>().exec();
    },
    /** Everything derived, as stored (the rebuild compares it with the facts). */
    async allDerived(): Promise<{
      contributions: Contribution[];
      members: SummaryMember[];
      totals: UnitYearTotals[];
      headcounts: UnitHeadcount[];
    }> {
      const [contributions, members, totals, headcounts] = await Promise.all([
        m.Contribution.find({}).lean<Contribution[]>().exec(),
        m.SummaryMember.find({}).lean<SummaryMember[]>().exec(),
        m.UnitTotals.find({}).lean<UnitYearTotals[]>().exec(),
        m.UnitHeadcount.find({}).lean<UnitHeadcount[]>().exec(),
      ]);
      return { contributions, members, totals, headcounts };
    },
    /** Writes and removes the derived documents that differ from the facts. */
    async applyDerived(diff: {
      contributions: { put: Contribution[]; remove: string[] };
      members: { put: SummaryMember[]; remove: string[] };
      totals: { put: UnitYearTotals[]; remove: string[] };
      headcounts: { put: UnitHeadcount[]; remove: string[] };
    }): Promise<void> {
      const pairs = [
        [m.Contribution, diff.contributions],
        [m.SummaryMember, diff.members],
        [m.UnitTotals, diff.totals],
        [m.UnitHeadcount, diff.headcounts],
      ] as const;
      for (const [model, d] of pairs) {
        await replaceAll(model as never, d.put as { _id: string }[]);
        if (d.remove.length)
          await (model as typeof m.Contribution).deleteMany({ _id: { $in: d.remove } }).exec();
      }
    },
    /**
     * Replaces everything derived with a rebuilt set, by bulk inserts (a per-document replace
     * reads the whole collection on FerretDB each time). Marks stay: they are taken in afterwards.
     */
    async replaceDerived(all: {
      contributions: Contribution[];
      members: SummaryMember[];
      totals: UnitYearTotals[];
      headcounts: UnitHeadcount[];
    }): Promise<void> {
      const chunk = 1000;
      const load = async <T>(
        model: {
          deleteMany: (f: object) => { exec(): Promise<unknown> };
          insertMany: (d: T[], o: object) => Promise<unknown>;
        },
        docs: T[],
      ) => {
        await model.deleteMany({}).exec();
        for (let i = 0; i < docs.length; i += chunk) {
          await model.insertMany(docs.slice(i, i + chunk), { ordered: false, lean: true });
        }
      };
      await load(m.Contribution as never, all.contributions);
      await load(m.SummaryMember as never, all.members);
      await load(m.UnitTotals as never, all.totals);
      await load(m.UnitHeadcount as never, all.headcounts);
    },
  };
}
export type SummariesRepository = ReturnType<typeof summariesRepository>;

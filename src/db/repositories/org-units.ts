import type { Models, OrgUnit } from "../models/index.js";
import { changeStampsRepository } from "./change-stamps.js";

/** The change stamp replaced whenever units are written (the summary folder keeps the tree's shape). */
export const ORG_UNITS_STAMP = "org-units";

/** The org tree: instansi and their unit kerja. */
export function orgUnitsRepository(models: Pick<Models, "OrgUnit" | "ChangeStamp">) {
  const { OrgUnit } = models;
  const stamps = changeStampsRepository(models);
  return {
    /** Inserts or replaces units by id in one round-trip; returns how many were new. */
    async upsertMany(units: OrgUnit[]): Promise<number> {
      if (units.length === 0) return 0;
      const res = await OrgUnit.bulkWrite(
        units.map((u) => ({ replaceOne: { filter: { _id: u._id }, replacement: u, upsert: true } })),
        { ordered: true },
      );
      await stamps.touch(ORG_UNITS_STAMP);
      return res.upsertedCount;
    },
    /** The whole tree (imports check parents against it; a few thousand units at most). */
    async all(): Promise<OrgUnit[]> {
      return OrgUnit.find({}).lean<OrgUnit[]>().exec();
    },
    /**
     * Every unit's place in the tree (the summary fold's roll-up), in one reply: with the default
     * batch of 101, 500 units took a find and four getMores.
     */
    async treeNodes(): Promise<Pick<OrgUnit, "_id" | "parentId" | "path">[]> {
      return OrgUnit.find({}, { parentId: 1, path: 1 })
        .batchSize(100_000)
        .lean<Pick<OrgUnit, "_id" | "parentId" | "path">[]>()
        .exec();
    },
    /** One unit by id. */
    async get(id: string): Promise<OrgUnit | null> {
      return OrgUnit.findById(id).lean<OrgUnit>().exec();
    },
    /**
     * The region a unit says, else its nearest ancestor's (an imported unit often states it only on
     * the instansi). Read by `_id`: the unit stores its ancestors' ids, and FerretDB would scan the
     * whole collection for anything else.
     */
    async regionOf(unitId: string): Promise<string | undefined> {
      const unit = await OrgUnit.findById(unitId).lean<OrgUnit>().exec();
      if (!unit) return undefined;
      if (unit.regionId) return unit.regionId;
      if (unit.path.length === 0) return undefined;
      const ancestors = await OrgUnit.find({ _id: { $in: unit.path } })
        .lean<OrgUnit[]>()
        .exec();
      const byId = new Map(ancestors.map((a) => [a._id, a.regionId]));
      // Nearest first: a unit kerja in another province than its instansi keeps its own region.
      for (const id of [...unit.path].reverse()) {
        const region = byId.get(id);
        if (region) return region;
      }
      return undefined;
    },
    /** The instansi (roots of the tree), by name. */
    async roots(): Promise<OrgUnit[]> {
      return OrgUnit.find({ parentId: null }).sort({ name: 1 }).lean<OrgUnit[]>().exec();
    },
    /** Direct children of a unit, by name. */
    async children(parentId: string): Promise<OrgUnit[]> {
      return OrgUnit.find({ parentId }).sort({ name: 1 }).lean<OrgUnit[]>().exec();
    },
    /** Every unit under any of `roots` (each root included); the whole tree when roots is undefined. */
    async inScope(roots: readonly string[] | undefined): Promise<OrgUnit[]> {
      // One batch: every extra getMore round trip cost FerretDB 20–200 ms.
      if (!roots) return OrgUnit.find({}).batchSize(100_000).lean<OrgUnit[]>().exec();
      return OrgUnit.find({ $or: [{ _id: { $in: roots } }, { path: { $in: roots } }] })
        .batchSize(100_000)
        .lean<OrgUnit[]>()
        .exec();
    },
    /** A unit and everything below it. */
    async subtree(unitId: string): Promise<OrgUnit[]> {
      return OrgUnit.find({ $or: [{ _id: unitId }, { path: unitId }] })
        .sort({ _id: 1 })
        .lean<OrgUnit[]>()
        .exec();
    },
  };
}
export type OrgUnitsRepository = ReturnType<typeof orgUnitsRepository>;

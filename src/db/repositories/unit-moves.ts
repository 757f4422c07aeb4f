import { newId } from "../models/ids.js";
import type { Models, UnitMove } from "../models/index.js";
import type { UnitMoveState } from "../models/unit-move.js";
import { readInBatches } from "./batches.js";

/** Requests of verified people to move to another unit, decided by an admin of that unit. */
export function unitMovesRepository({ UnitMove: M }: Pick<Models, "UnitMove">) {
  return {
    /** Files a request under a new random id (it names nobody: it goes on buttons and lease keys). */
    async open(m: Omit<UnitMove, "_id">): Promise<UnitMove> {
      return (await M.create({ _id: newId("mv"), ...m })).toObject();
    },
    /** One request by id. */
    async get(id: string): Promise<UnitMove | null> {
      return M.findById(id).lean<UnitMove>().exec();
    },
    /** The person's requests still waiting for an admin (one, unless two were filed at once). */
    async pendingOf(personId: string): Promise<UnitMove[]> {
      return M.find({ personId, state: "pending" }).lean<UnitMove[]>().exec();
    },
    /** Pending requests to join any of these units (every pending one when undefined), oldest first. */
    async pendingInUnits(unitIds: readonly string[] | undefined): Promise<UnitMove[]> {
      const found = unitIds
        ? await readInBatches(unitIds, (batch) =>
            M.find({ state: "pending", toUnitId: { $in: batch } })
              .lean<UnitMove[]>()
              .exec(),
          )
        : await M.find({ state: "pending" }).lean<UnitMove[]>().exec();
      return found.sort(
        (a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || (a._id < b._id ? -1 : 1),
      );
    },
    /**
     * Records a decision on a pending request. Not a compare-and-set on FerretDB: callers take the
     * request's decision key first (one winner); the filter keeps MongoDB honest too.
     */
    async decide(
      id: string,
      decision: { state: Exclude<UnitMoveState, "pending">; by: string; at: Date },
    ): Promise<boolean> {
      const res = await M.updateOne(
        { _id: id, state: "pending" },
        { $set: { state: decision.state, decidedBy: decision.by, decidedAt: decision.at } },
      ).exec();
      return res.modifiedCount === 1;
    },
    /** A person's requests, newest first. */
    async forPerson(personId: string): Promise<UnitMove[]> {
      return M.find({ personId }).sort({ requestedAt: -1 }).lean<UnitMove[]>().exec();
    },
    /** Deletes a person's requests (data erasure); returns how many. */
    async removeForPerson(personId: string): Promise<number> {
      return (await M.deleteMany({ personId }).exec()).deletedCount;
    },
  };
}
export type UnitMovesRepository = ReturnType<typeof unitMovesRepository>;

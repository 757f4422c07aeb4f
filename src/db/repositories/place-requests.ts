import type { Models, PlaceRequest } from "../models/index.js";
import { insertOnce } from "./errors.js";

/** Requests for a place in a course by request ("Ajukan"). */
export function placeRequestsRepository({ PlaceRequest: R }: Pick<Models, "PlaceRequest">) {
  return {
    /** Files a request; false when the person already asked for this session. */
    async open(r: PlaceRequest): Promise<boolean> {
      return insertOnce(() => R.create(r));
    },
    /** One request by id. */
    async get(id: string): Promise<PlaceRequest | null> {
      return R.findById(id).lean<PlaceRequest>().exec();
    },
    /** One request by the short key its buttons carry. */
    async byKey(key: string): Promise<PlaceRequest | null> {
      return R.findOne({ key }).lean<PlaceRequest>().exec();
    },
    /** Pending requests of people in these units, oldest first. */
    async pendingInUnits(unitIds: readonly string[]): Promise<PlaceRequest[]> {
      return R.find({ state: "pending", unitId: { $in: [...unitIds] } })
        .sort({ requestedAt: 1, _id: 1 })
        .lean<PlaceRequest[]>()
        .exec();
    },
    /** Records a decision; only a request still pending changes, so two coordinators cannot both decide. */
    async decide(
      id: string,
      decision: { state: "approved" | "declined"; by: string; at: Date; reason?: string },
    ): Promise<boolean> {
      const res = await R.updateOne(
        { _id: id, state: "pending" },
        {
          $set: {
            state: decision.state,
            decidedBy: decision.by,
            decidedAt: decision.at,
            ...(decision.reason ? { reason: decision.reason } : {}),
          },
        },
      ).exec();
      return res.modifiedCount === 1;
    },
    /** Puts a request back to pending (an approval whose seat could not be taken). */
    async reopen(id: string): Promise<void> {
      await R.updateOne(
        { _id: id },
        { $set: { state: "pending" }, $unset: { decidedBy: 1, decidedAt: 1 } },
      ).exec();
    },
    /** A person's requests, newest first. */
    async forPerson(personId: string): Promise<PlaceRequest[]> {
      return R.find({ personId }).sort({ requestedAt: -1 }).lean<PlaceRequest[]>().exec();
    },
    /** Deletes a person's requests (data erasure); returns how many. */
    async removeForPerson(personId: string): Promise<number> {
      return (await R.deleteMany({ personId }).exec()).deletedCount;
    },
  };
}
export type PlaceRequestsRepository = ReturnType<typeof placeRequestsRepository>;

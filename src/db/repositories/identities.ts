import type { Channel, Identity, Models } from "../models/index.js";
import { readInBatches } from "./batches.js";
import { insertOnce } from "./errors.js";

/** Chat identities and the person each belongs to. */
export function identitiesRepository({ Identity }: Pick<Models, "Identity">) {
  return {
    /** The identity with this id (`telegram:123`), if known. */
    async get(id: string): Promise<Identity | null> {
      return Identity.findById(id).lean<Identity>().exec();
    },
    /** Binds a new identity to a person; returns false if the identity is already bound. */
    async bind(input: { id: string; channel: Channel; personId: string; address?: string; now: Date }) {
      return insertOnce(() =>
        Identity.create({
          _id: input.id,
          channel: input.channel,
          personId: input.personId,
          address: input.address,
          linkedAt: input.now,
        }),
      );
    },
    /** Moves an existing identity to another person (linking two identities into one person). */
    async rebind(id: string, personId: string, now: Date): Promise<boolean> {
      const res = await Identity.updateOne({ _id: id }, { $set: { personId, linkedAt: now } }).exec();
      return res.matchedCount === 1;
    },
    /** The identities of several people in one read (a broadcast's routing). */
    async listForPeople(personIds: string[]): Promise<Identity[]> {
      return readInBatches(personIds, (batch) =>
        Identity.find({ personId: { $in: batch } })
          .lean<Identity[]>()
          .exec(),
      );
    },
    /** Every identity of a person. */
    async listForPerson(personId: string): Promise<Identity[]> {
      return Identity.find({ personId }).sort({ _id: 1 }).lean<Identity[]>().exec();
    },
    /** Stops sending to an identity the platform refuses (blocked bot, deactivated user). */
    async markUnreachable(id: string, reason: string, now: Date): Promise<void> {
      await Identity.updateOne({ _id: id }, { $set: { unreachable: { at: now, reason } } }).exec();
    },
    /** Removes every identity of a person (data erasure); returns how many. */
    async removeForPerson(personId: string): Promise<number> {
      return (await Identity.deleteMany({ personId }).exec()).deletedCount;
    },
    /** Removes an identity (data deletion). */
    async remove(id: string): Promise<boolean> {
      return (await Identity.deleteOne({ _id: id }).exec()).deletedCount === 1;
    },
  };
}
export type IdentitiesRepository = ReturnType<typeof identitiesRepository>;

import type { ActivationCode, Models } from "../models/index.js";
import { readInBatches } from "./batches.js";

/** Activation codes of imported people, by person. */
export function activationCodesRepository({ ActivationCode: A }: Pick<Models, "ActivationCode">) {
  return {
    /** Stores a person's code, replacing any earlier one (a re-issued code voids the old). */
    async issue(code: ActivationCode): Promise<void> {
      await A.replaceOne({ _id: code._id }, code, { upsert: true }).exec();
    },
    /** A person's current code, if any. */
    async forPerson(personId: string): Promise<ActivationCode | null> {
      return A.findById(personId).lean<ActivationCode>().exec();
    },
    /** Which of these people already have a code (one read per batch). */
    async holders(personIds: readonly string[]): Promise<Set<string>> {
      const found = await readInBatches(personIds, (batch) =>
        A.find({ _id: { $in: batch } }, { _id: 1 })
          .lean<Pick<ActivationCode, "_id">[]>()
          .exec(),
      );
      return new Set(found.map((c) => c._id));
    },
    /**
     * Uses up a person's code: true for the one caller that removed it. A unique `_id` delete is
     * atomic on FerretDB too, so two registrations racing with the same code cannot both win.
     */
    async consume(personId: string, hash: string): Promise<boolean> {
      return (await A.deleteOne({ _id: personId, hash }).exec()).deletedCount === 1;
    },
    /** Voids a person's code (too many wrong tries, registration, erasure). */
    async remove(personId: string): Promise<boolean> {
      return (await A.deleteOne({ _id: personId }).exec()).deletedCount === 1;
    },
  };
}
export type ActivationCodesRepository = ReturnType<typeof activationCodesRepository>;

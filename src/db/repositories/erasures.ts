import type { ErasureRequest, Models } from "../models/index.js";
import { insertOnce } from "./errors.js";

/** Erasures in progress (see ErasureRequest): few, usually none. */
export function erasuresRepository({ ErasureRequest: E }: Pick<Models, "ErasureRequest">) {
  return {
    /** Starts an erasure; false when one for this person is already under way (it is then continued). */
    async begin(r: ErasureRequest): Promise<boolean> {
      return insertOnce(() => E.create(r));
    },
    /** The erasure of one person under way, if any. */
    async get(personId: string): Promise<ErasureRequest | null> {
      return E.findById(personId).lean<ErasureRequest>().exec();
    },
    /** Every erasure under way (the collection stays tiny: each is removed when it finishes). */
    async all(): Promise<ErasureRequest[]> {
      return E.find({}).sort({ requestedAt: 1 }).lean<ErasureRequest[]>().exec();
    },
    /** Marks an erasure finished. */
    async end(personId: string): Promise<void> {
      await E.deleteOne({ _id: personId }).exec();
    },
  };
}
export type ErasuresRepository = ReturnType<typeof erasuresRepository>;

import type { Models } from "../models/index.js";
import { isDuplicateKeyError } from "./errors.js";

export type ClaimResult = { ok: true } | { ok: false; ownerPersonId: string };

/** NIP ownership: one person per NIP, enforced by the unique `_id`. */
export function nipClaimsRepository({ NipClaim }: Pick<Models, "NipClaim">) {
  return {
    /** Claims a NIP for a person; refuses (with the owner) when another person holds it. */
    async claim(nip: string, personId: string, now: Date): Promise<ClaimResult> {
      try {
        await NipClaim.create({ _id: nip, personId, claimedAt: now });
        return { ok: true };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const owner = await NipClaim.findById(nip).lean().exec();
        if (!owner) throw err;
        return owner.personId === personId ? { ok: true } : { ok: false, ownerPersonId: owner.personId };
      }
    },
    /** The person holding a NIP, if any. */
    async ownerOf(nip: string): Promise<string | null> {
      return (await NipClaim.findById(nip).lean().exec())?.personId ?? null;
    },
    /** Frees whatever NIP a person holds (data erasure: the person document may be gone already). */
    async releaseForPerson(personId: string): Promise<number> {
      return (await NipClaim.deleteMany({ personId }).exec()).deletedCount;
    },
    /** Frees a NIP (an admin correcting a wrong claim, or a person deleting their data). */
    async release(nip: string): Promise<boolean> {
      return (await NipClaim.deleteOne({ _id: nip }).exec()).deletedCount === 1;
    },
  };
}
export type NipClaimsRepository = ReturnType<typeof nipClaimsRepository>;

import type { LinkCode, LinkRequest, Models } from "../models/index.js";
import { insertOnce } from "./errors.js";

/** One-time linking codes and the wrong tries made against them. */
export function linkCodesRepository({
  LinkCode,
  LinkAttempt,
  LinkRequest,
}: Pick<Models, "LinkCode" | "LinkAttempt" | "LinkRequest">) {
  return {
    /** Stores a link waiting for approval. */
    async request(r: LinkRequest): Promise<void> {
      await LinkRequest.create(r);
    },
    /** A waiting link by its token, if it has not expired. */
    async findRequest(id: string, now: Date): Promise<LinkRequest | null> {
      const found = await LinkRequest.findById(id).lean<LinkRequest>().exec();
      return found && found.expiresAt > now ? found : null;
    },
    /** Takes a waiting link out to decide it; only one caller ever gets true. */
    async takeRequest(id: string): Promise<boolean> {
      return (await LinkRequest.deleteOne({ _id: id }).exec()).deletedCount === 1;
    },
    /** Stores a new code; false if that code is already taken (the caller draws another). */
    async create(code: LinkCode): Promise<boolean> {
      return insertOnce(() => LinkCode.create(code));
    },
    /** The code if it exists and has not expired. */
    async find(code: string, now: Date): Promise<LinkCode | null> {
      const found = await LinkCode.findById(code).lean<LinkCode>().exec();
      return found && found.expiresAt > now ? found : null;
    },
    /** Uses a code up; only one caller ever gets true (a guarded delete is atomic everywhere). */
    async consume(code: string): Promise<boolean> {
      return (await LinkCode.deleteOne({ _id: code }).exec()).deletedCount === 1;
    },
    /** Wrong tries by an identity since `since`. */
    async failures(identityId: string, since: Date): Promise<number> {
      const a = await LinkAttempt.findById(identityId).lean().exec();
      return a && a.firstAt > since ? a.failures : 0;
    },
    /** Counts one wrong try; the window restarts when the previous one is older than `since`. */
    async fail(identityId: string, now: Date, since: Date): Promise<number> {
      const a = await LinkAttempt.findById(identityId).lean().exec();
      const failures = a && a.firstAt > since ? a.failures + 1 : 1;
      await LinkAttempt.updateOne(
        { _id: identityId },
        { $set: { failures, firstAt: failures === 1 ? now : a!.firstAt } },
        { upsert: true },
      ).exec();
      return failures;
    },
    /** Forgets wrong tries after a success. */
    async clearFailures(identityId: string): Promise<void> {
      await LinkAttempt.deleteOne({ _id: identityId }).exec();
    },
    /** Removes the codes a person issued (data erasure); returns how many. */
    async removeForPerson(personId: string): Promise<number> {
      return (
        (await LinkCode.deleteMany({ personId }).exec()).deletedCount +
        (await LinkRequest.deleteMany({ personId }).exec()).deletedCount
      );
    },
    /** Removes expired codes and stale tries. */
    async purge(now: Date, triesBefore: Date): Promise<void> {
      await LinkCode.deleteMany({ expiresAt: { $lte: now } }).exec();
      await LinkRequest.deleteMany({ expiresAt: { $lte: now } }).exec();
      await LinkAttempt.deleteMany({ firstAt: { $lt: triesBefore } }).exec();
    },
  };
}
export type LinkCodesRepository = ReturnType<typeof linkCodesRepository>;

import type { AuditEntry, Models } from "../models/index.js";
import { insertOnce } from "./errors.js";

export type NewAuditEntry = Omit<AuditEntry, "_id">;

/** The audit log: append-only, read latest first. */
export function auditRepository({ AuditEntry }: Pick<Models, "AuditEntry">) {
  return {
    /** Records one entry. */
    async append(entry: NewAuditEntry): Promise<void> {
      await AuditEntry.create(entry);
    },
    /** Records one entry under a given id, once: a retried step (an erasure) does not record twice. */
    async appendOnce(entry: AuditEntry): Promise<boolean> {
      return insertOnce(() => AuditEntry.create(entry));
    },
    /**
     * Removes chat account ids (`telegram:123`) from entries, by actor or as target: what they did
     * stays recorded under the opaque person id, but no longer points at a platform account.
     */
    async forgetIdentities(identityIds: readonly string[]): Promise<void> {
      if (identityIds.length === 0) return;
      const ids = [...identityIds];
      await AuditEntry.updateMany(
        { actorIdentityId: { $in: ids } },
        { $unset: { actorIdentityId: "" } },
      ).exec();
      await AuditEntry.updateMany(
        { targetKind: "identity", targetId: { $in: ids } },
        { $set: { targetId: "erased" } },
      ).exec();
    },
    /** Deletes up to `batch` entries older than `before`; returns how many (the retention purge). */
    async purgeBefore(before: Date, batch: number): Promise<number> {
      const ids = (
        await AuditEntry.find({ at: { $lt: before } }, { _id: 1 })
          .limit(batch)
          .lean<{ _id: string }[]>()
          .exec()
      ).map((e) => e._id);
      if (ids.length === 0) return 0;
      return (await AuditEntry.deleteMany({ _id: { $in: ids } }).exec()).deletedCount;
    },
    /** Latest entries first, optionally for one actor or one action. */
    async list(
      filter: { actorPersonId?: string; action?: string; limit?: number } = {},
    ): Promise<AuditEntry[]> {
      const query: Record<string, string> = {};
      if (filter.actorPersonId) query.actorPersonId = filter.actorPersonId;
      if (filter.action) query.action = filter.action;
      return AuditEntry.find(query)
        .sort({ at: -1, _id: -1 })
        .limit(filter.limit ?? 20)
        .lean<AuditEntry[]>()
        .exec();
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;

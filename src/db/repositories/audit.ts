import type { AuditEntry, Models } from "../models/index.js";
import { insertOnce } from "./errors.js";
import { latestByMonth, monthOf } from "./months.js";

export type NewAuditEntry = Omit<AuditEntry, "_id" | "month">;

/** The audit log: append-only, read latest first. */
export function auditRepository({ AuditEntry }: Pick<Models, "AuditEntry">) {
  return {
    /** Records one entry. */
    async append(entry: NewAuditEntry): Promise<void> {
      await AuditEntry.create({ ...entry, month: monthOf(entry.at) });
    },
    /** Records one entry under a given id, once: a retried step (an erasure) does not record twice. */
    async appendOnce(entry: AuditEntry): Promise<boolean> {
      return insertOnce(() => AuditEntry.create({ ...entry, month: monthOf(entry.at) }));
    },
    /**
     * Removes chat account ids (`telegram:123`) from entries, by actor or as target: what they did
     * stays recorded under the opaque person id, but no longer points at a platform account.
     */
    async forgetIdentities(identityIds: readonly string[]): Promise<void> {
      if (identityIds.length === 0) return;
      // One indexed equality per account (a person has one or two): `$in` would read every entry.
      for (const id of identityIds) {
        await AuditEntry.updateMany({ actorIdentityId: id }, { $unset: { actorIdentityId: "" } }).exec();
        await AuditEntry.updateMany(
          { targetId: id, targetKind: "identity" },
          { $set: { targetId: "erased" } },
        ).exec();
      }
    },
    /** Every entry a person made or that was about them, oldest first (/dataku). */
    async aboutPerson(personId: string): Promise<AuditEntry[]> {
      const [made, about] = await Promise.all([
        AuditEntry.find({ actorPersonId: personId }).lean<AuditEntry[]>().exec(),
        AuditEntry.find({ targetId: personId }).lean<AuditEntry[]>().exec(),
      ]);
      const byId = new Map([...made, ...about].map((e) => [e._id, e]));
      return [...byId.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
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
    /**
     * Latest entries first, optionally for one actor or one action; without either, month by month
     * back from `now` (default: the real clock).
     */
    async list(
      filter: { actorPersonId?: string; action?: string; limit?: number; now?: Date } = {},
    ): Promise<AuditEntry[]> {
      const limit = filter.limit ?? 20;
      const query: Record<string, string> = {};
      if (filter.actorPersonId) query.actorPersonId = filter.actorPersonId;
      if (filter.action) query.action = filter.action;
      const newest = (q: Record<string, string>, n: number) =>
        AuditEntry.find(q).sort({ at: -1, _id: -1 }).limit(n).lean<AuditEntry[]>().exec();
      if (Object.keys(query).length > 0) return newest(query, limit);
      return latestByMonth(filter.now ?? new Date(), limit, (month, n) => newest({ month }, n));
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;

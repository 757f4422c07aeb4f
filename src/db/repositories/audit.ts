import type { AuditEntry, Models } from "../models/index.js";

export type NewAuditEntry = Omit<AuditEntry, "_id">;

/** The audit log: append-only, read latest first. */
export function auditRepository({ AuditEntry }: Pick<Models, "AuditEntry">) {
  return {
    /** Records one entry. */
    async append(entry: NewAuditEntry): Promise<void> {
      await AuditEntry.create(entry);
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

import type { Repositories } from "../../db/repositories/index.js";

const DAY = 86_400_000;

/** How long history is kept, in days (RETENTION_DELIVERY_LOG_DAYS, RETENTION_AUDIT_DAYS). */
export interface RetentionRules {
  deliveryLogDays: number;
  auditDays: number;
}

/** Defaults: a year of sent messages, two years of the audit log (see the README, Privacy). */
export const DEFAULT_RETENTION: RetentionRules = { deliveryLogDays: 365, auditDays: 730 };

/**
 * Deletes delivery history and audit entries older than their retention, a batch at a time so no
 * single delete holds the database long. FerretDB has no TTL indexes, so a nightly job does it.
 */
export function createRetention(deps: {
  repos: Pick<Repositories, "deliveries" | "audit">;
  rules: RetentionRules;
  batch?: number;
}) {
  const batch = deps.batch ?? 1000;
  /** Runs `purge` until a batch comes back short; returns the total removed. */
  const drain = async (purge: () => Promise<number>) => {
    let total = 0;
    for (;;) {
      const n = await purge();
      total += n;
      if (n < batch) return total;
    }
  };
  return {
    /** Purges what is older than the rules allow at `now`; returns how many of each went. */
    async run(now: Date): Promise<{ deliveryLog: number; audit: number }> {
      const logBefore = new Date(now.getTime() - deps.rules.deliveryLogDays * DAY);
      const auditBefore = new Date(now.getTime() - deps.rules.auditDays * DAY);
      return {
        deliveryLog: await drain(() => deps.repos.deliveries.purgeLogBefore(logBefore, batch)),
        audit: await drain(() => deps.repos.audit.purgeBefore(auditBefore, batch)),
      };
    },
  };
}
export type Retention = ReturnType<typeof createRetention>;

import type { Repositories } from "../../db/repositories/index.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Removes bookkeeping nobody reads after a day: attempt claims of deliveries, lease slots and cron
 * tick keys, expired link codes and old wrong tries, drafts of anonymous
 * survey answers past their survey's close. FerretDB has no TTL
 * indexes, and every one of these collections is scanned by the queries on it. It also finishes
 * any erasure of personal data that a crash left half done. Claims of flow answers go after an
 * hour: one only matters while the command that took it runs, and they sit beside the live runs
 * in `flow_runs`, which every message reads.
 */
export function createHousekeeping(deps: {
  repos: Pick<Repositories, "deliveries" | "flowRuns" | "leases" | "linkCodes" | "surveys">;
  /** Finishes personal-data erasures a crash cut short; returns how many. */
  finishErasures?: (now: Date) => Promise<number>;
}) {
  return {
    async run(now: Date): Promise<Record<string, number>> {
      const dayAgo = new Date(now.getTime() - DAY);
      const deliveryClaims = await deps.repos.deliveries.purgeClaims(dayAgo);
      const flowClaims = await deps.repos.flowRuns.purgeClaims(new Date(now.getTime() - HOUR));
      const leases = await deps.repos.leases.purge(dayAgo);
      await deps.repos.linkCodes.purge(now, dayAgo);
      // Anonymous answers so far whose survey closed: normally deleted at closing; these lost
      // their invitation (erased) or their closing step (a crash).
      const surveyDrafts = await deps.repos.surveys.purgeDrafts(now);
      const erasures = (await deps.finishErasures?.(now)) ?? 0;
      return { deliveryClaims, flowClaims, leases, surveyDrafts, erasures };
    },
  };
}

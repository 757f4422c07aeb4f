import type { RunCoordinator } from "node-cron";
import type { LeasesRepository } from "../db/repositories/leases.js";

/**
 * node-cron's run coordinator on MongoDB: the first process to insert the tick's key runs the
 * tick, every other process skips it. A unique insert is atomic on FerretDB too. Should two ever
 * run the same tick, the outbox keys still send each message once.
 */
export function mongoRunCoordinator(deps: {
  leases: Pick<LeasesRepository, "takeKey">;
  holder: string;
  now: () => Date;
}): RunCoordinator {
  return {
    shouldRun: (key) => deps.leases.takeKey(`cron:${key}`, deps.holder, deps.now()),
  };
}

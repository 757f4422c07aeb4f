import type { Logger } from "pino";
import { mongoRunCoordinator } from "./run-coordinator.js";
import { createScheduler, type Job } from "./scheduler.js";

/**
 * The app's cron jobs as every running Pandu runs them: each tick taken by one instance through a
 * lease in the database (`holder` names this one), each run and failure logged. main.ts and the
 * benchmarks start the same thing.
 */
export function createAppScheduler(deps: {
  jobs: Job[];
  leases: Parameters<typeof mongoRunCoordinator>[0]["leases"];
  holder: string;
  logger: Logger;
}) {
  return createScheduler({
    jobs: deps.jobs,
    coordinator: mongoRunCoordinator({ leases: deps.leases, holder: deps.holder, now: () => new Date() }),
    events: {
      ran: (job, tick, ms) => deps.logger.debug({ job: job.name, tick, ms }, "job ran"),
      failed: (job, tick, err) => deps.logger.error({ err, job: job.name, tick }, "job failed"),
    },
  });
}

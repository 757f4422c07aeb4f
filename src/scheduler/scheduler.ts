import { createTask, type RunCoordinator, type ScheduledTask, validate } from "node-cron";
import { withQueryOrigin } from "../db/query-origin.js";
import { settleBy } from "../lifecycle.js";

/** One periodic job: it only decides what to send and puts it in the outbox. */
export interface Job {
  /** Unique; with the tick time it forms the key that lets one process run each tick. */
  name: string;
  /** A node-cron expression (five fields, or six with seconds). */
  cron: string;
  /** The zone the expression is read in (a person's zone for personal schedules). */
  timeZone: string;
  run(tick: Date): Promise<unknown>;
}

export interface SchedulerEvents {
  ran?(job: Job, tick: Date, ms: number): void;
  failed?(job: Job, tick: Date, err: unknown): void;
}

/**
 * Runs jobs on their cron ticks through node-cron, with one process per tick elected by the
 * coordinator. A failed tick is logged and left: the next tick finds the same work still to do.
 */
export function createScheduler(deps: {
  jobs: Job[];
  coordinator: RunCoordinator;
  events?: SchedulerEvents;
}) {
  const tasks: ScheduledTask[] = [];
  // Ticks being run now: a stop waits for them, so none is cut off by the database closing.
  const running = new Set<Promise<void>>();
  for (const job of deps.jobs) {
    if (!validate(job.cron)) throw new Error(`job ${job.name}: "${job.cron}" is not a cron expression`);
  }
  return {
    /** Starts every job's clock. */
    start() {
      if (tasks.length > 0) return;
      for (const job of deps.jobs) {
        const task = createTask(
          job.cron,
          async (ctx) => {
            const started = Date.now();
            const tick = (async () => {
              try {
                await withQueryOrigin(`job:${job.name}`, () => job.run(ctx.date));
                deps.events?.ran?.(job, ctx.date, Date.now() - started);
              } catch (err) {
                deps.events?.failed?.(job, ctx.date, err);
              }
            })();
            running.add(tick);
            try {
              await tick;
            } finally {
              running.delete(tick);
            }
          },
          {
            name: job.name,
            timezone: job.timeZone,
            noOverlap: true,
            distributed: true,
            runCoordinator: deps.coordinator,
          },
        );
        task.start();
        tasks.push(task);
      }
    },
    /**
     * Stops every clock, then waits for the ticks already running until `deadline` (epoch ms);
     * one cut off later is harmless, as the next tick finds the same work still to do.
     */
    async stop(deadline = Number.POSITIVE_INFINITY) {
      await Promise.all(tasks.map((t) => t.destroy()));
      tasks.length = 0;
      await settleBy(Promise.allSettled([...running]), deadline);
    },
    /** When each job runs next (for /healthz-style reports and tests). */
    nextRuns(): Record<string, Date | null> {
      return Object.fromEntries(tasks.map((t) => [t.name ?? t.id, t.getNextRun()]));
    },
  };
}
export type Scheduler = ReturnType<typeof createScheduler>;

import { TZDate } from "@date-fns/tz";
import { expect } from "vitest";
import { createScheduler, type Job } from "../../src/scheduler/scheduler.js";

/** Monday 30 November 2026, 07:00: 00:00 UTC in WIB, 23:00 UTC on Sunday in WITA, 22:00 in WIT. */
export const MONDAY_0700_TICKS: Record<string, string> = {
  "Asia/Jakarta": "2026-11-30T00:00:00.000Z",
  "Asia/Makassar": "2026-11-29T23:00:00.000Z",
  "Asia/Jayapura": "2026-11-29T22:00:00.000Z",
};

/**
 * Checks a weekly job per zone (`<prefix>@<zone>`): the scheduler next runs each on Monday at
 * 07:00 local, and run at that tick each schedules one delivery, and nothing when run again.
 * `setClock` moves the app's clock to the tick first.
 */
export async function expectWeeklyMonday0700(
  jobs: readonly Job[],
  prefix: string,
  setClock: (at: Date) => void,
): Promise<void> {
  const scheduler = createScheduler({
    jobs: jobs.filter((j) => j.name.startsWith(`${prefix}@`)),
    coordinator: { shouldRun: () => false },
  });
  scheduler.start();
  const next = scheduler.nextRuns();
  await scheduler.stop();
  for (const zone of Object.keys(MONDAY_0700_TICKS)) {
    const at = new TZDate(next[`${prefix}@${zone}`]!.getTime(), zone);
    expect([at.getDay(), at.getHours(), at.getMinutes()], zone).toEqual([1, 7, 0]);
  }
  for (const [zone, tick] of Object.entries(MONDAY_0700_TICKS)) {
    setClock(new Date(tick));
    const job = jobs.find((j) => j.name === `${prefix}@${zone}`)!;
    expect(await job.run(new Date(tick)), zone).toEqual({ scheduled: 1, skipped: 0 });
    expect(await job.run(new Date(tick)), zone).toEqual({ scheduled: 0, skipped: 0 });
  }
}

import type { RunCoordinator } from "node-cron";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createScheduler, type Job } from "../../../src/scheduler/scheduler.js";

/** The coordinator's contract, in memory: the first to ask for a key gets it. */
function firstWins(): RunCoordinator & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    shouldRun(key) {
      if (keys.includes(key)) return false;
      keys.push(key);
      return true;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the scheduler (node-cron on a controlled clock)", () => {
  it("fires a job on its cron in its own zone, once per tick even with two instances", async () => {
    // One second before midnight of 1 January 2027 in WIT (15.00 UTC).
    vi.useFakeTimers({ now: new Date("2026-12-31T14:59:59Z") });
    const ticks: string[] = [];
    const job: Job = {
      name: "survei-tahunan",
      cron: "0 0 1 1 *",
      timeZone: "Asia/Jayapura",
      run: async (tick) => {
        ticks.push(tick.toISOString());
      },
    };
    const coordinator = firstWins();
    const a = createScheduler({ jobs: [job], coordinator });
    const b = createScheduler({ jobs: [job], coordinator });
    a.start();
    b.start();
    expect(a.nextRuns()["survei-tahunan"]?.toISOString()).toBe("2026-12-31T15:00:00.000Z");
    await vi.advanceTimersByTimeAsync(3_000);
    await a.stop();
    await b.stop();
    expect(ticks).toEqual(["2026-12-31T15:00:00.000Z"]);
    expect(coordinator.keys).toEqual(["survei-tahunan:2026-12-31T15:00:00.000Z"]);
  });

  it("refuses a job whose cron expression is not one", () => {
    const job: Job = { name: "x", cron: "tiap senin", timeZone: "Asia/Jakarta", run: async () => {} };
    expect(() => createScheduler({ jobs: [job], coordinator: firstWins() })).toThrow(/not a cron expression/);
  });
});

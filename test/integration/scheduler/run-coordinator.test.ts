import { describe, expect, it } from "vitest";
import { mongoRunCoordinator } from "../../../src/scheduler/run-coordinator.js";
import { useTestDatabase } from "../../support/database.js";

const ctx = useTestDatabase();

describe("the cron run coordinator (a lease per job and tick in the database)", () => {
  it("lets exactly one of several instances run each tick, and the next tick again", async () => {
    const instances = ["a", "b", "c", "d", "e"].map((holder) =>
      mongoRunCoordinator({ leases: ctx.repos.leases, holder, now: () => new Date() }),
    );
    const tick1 = await Promise.all(
      instances.map((c) => c.shouldRun("training-reminders:2026-12-01T00:05:00.000Z", 60_000)),
    );
    const tick2 = await Promise.all(
      instances.map((c) => c.shouldRun("training-reminders:2026-12-01T00:10:00.000Z", 60_000)),
    );
    expect(tick1.filter(Boolean)).toHaveLength(1);
    expect(tick2.filter(Boolean)).toHaveLength(1);
  });
});

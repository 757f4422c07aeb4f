import { describe, expect, it } from "vitest";
import { createHousekeeping } from "../../../src/features/privacy/housekeeping.js";
import { useTestDatabase } from "../../support/database.js";

const ctx = useTestDatabase();

describe("housekeeping", () => {
  it("drops claims and lease slots older than a day (flow claims an hour) and keeps the recent ones", async () => {
    const now = new Date("2026-12-02T00:00:00Z");
    const old = new Date("2026-11-30T23:00:00Z");
    const recent = new Date("2026-12-01T23:00:00Z");
    await ctx.repos.deliveries.claim("survey.x:o:p1", 1, old);
    await ctx.repos.deliveries.claim("survey.x:o:p2", 1, recent);
    await ctx.repos.leases.takeKey("cron:surveys:2026-11-30T23:00:00.000Z", "a", old);
    await ctx.repos.leases.take("sender:telegram", 1, "a", recent);
    // Flow answers' claims go after an hour (the one two hours ago, not the one just taken).
    const run = await ctx.repos.flowRuns.start({
      personId: "p-hk",
      identityId: "telegram:1",
      flowId: "x",
      flowVersion: "1",
      stepId: "a",
      answers: {},
      trail: [],
      offered: [],
      startedAt: recent,
      updatedAt: recent,
    });
    const twoHoursAgo = new Date("2026-12-01T22:00:00Z");
    await ctx.repos.flowRuns.advance(run.run._id, 0, { stepId: "b", trail: ["a"], answers: {} }, twoHoursAgo);
    await ctx.repos.flowRuns.advance(run.run._id, 1, { stepId: "c", trail: ["a", "b"], answers: {} }, now);
    const removed = await createHousekeeping({ repos: ctx.repos }).run(now);
    expect(removed).toMatchObject({ deliveryClaims: 1, leases: 1, flowClaims: 1 });
    expect(await ctx.db.models.FlowRun.findById(`${run.run._id}:1`).lean().exec()).not.toBeNull();
    expect(await ctx.repos.flowRuns.get(run.run._id)).toMatchObject({ seq: 2, stepId: "c" });
    expect(await ctx.repos.deliveries.claimedAt("survey.x:o:p2", 1)).toEqual(recent);
    expect(await ctx.repos.leases.holder("sender:telegram", 1)).toBe("a");
  });
});

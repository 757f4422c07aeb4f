import { describe, expect, it } from "vitest";
import { createHousekeeping } from "../../../src/features/privacy/housekeeping.js";
import { useTestDatabase } from "../../support/database.js";

const ctx = useTestDatabase();

describe("housekeeping", () => {
  it("drops claims and lease slots older than a day and keeps the recent ones", async () => {
    const now = new Date("2026-12-02T00:00:00Z");
    const old = new Date("2026-11-30T23:00:00Z");
    const recent = new Date("2026-12-01T23:00:00Z");
    await ctx.repos.deliveries.claim("survey.x:o:p1", 1, old);
    await ctx.repos.deliveries.claim("survey.x:o:p2", 1, recent);
    await ctx.repos.leases.takeKey("cron:surveys:2026-11-30T23:00:00.000Z", "a", old);
    await ctx.repos.leases.take("sender:telegram", 1, "a", recent);
    const removed = await createHousekeeping({ repos: ctx.repos }).run(now);
    expect(removed).toMatchObject({ deliveryClaims: 1, leases: 1 });
    expect(await ctx.repos.deliveries.claimedAt("survey.x:o:p2", 1)).toEqual(recent);
    expect(await ctx.repos.leases.holder("sender:telegram", 1)).toBe("a");
  });
});

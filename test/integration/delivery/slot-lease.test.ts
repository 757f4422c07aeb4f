import { describe, expect, it } from "vitest";
import { createSlotLease } from "../../../src/delivery/slot-lease.js";
import { useTestDatabase } from "../../support/database.js";

const ctx = useTestDatabase();

describe("the sender lease (time slots held by unique inserts)", () => {
  it("gives each slot to one process, lets the holder renew, and passes to another when renewals stop", async () => {
    let now = 1_000_000_000;
    const make = (holder: string, name = "sender:test") =>
      createSlotLease({ leases: ctx.repos.leases, name, holder, slotMs: 10_000, now: () => now });
    const a = make("a");
    const b = make("b");
    expect(await a.holds()).toBe(true);
    expect(await b.holds()).toBe(false);
    // Halfway through its slot, the holder takes the next one before anyone else may.
    now += 6_000;
    expect(await a.holds()).toBe(true);
    now += 5_000;
    expect(await b.holds()).toBe(false);
    expect(await a.holds()).toBe(true);
    // "a" stops renewing (crashed). In the next slot "b" wins, and "a", should it wake up, does not.
    now += 10_000;
    expect(await b.holds()).toBe(true);
    expect(b.heldSince()).toBe(now);
    expect(await a.holds()).toBe(false);
  });

  it("hands the lease over at once when the holder releases it, and the releaser never takes it back", async () => {
    let now = 3_000_000_000;
    const make = (holder: string) =>
      createSlotLease({
        leases: ctx.repos.leases,
        name: "sender:release",
        holder,
        slotMs: 10_000,
        now: () => now,
      });
    const a = make("a");
    const b = make("b");
    expect(await a.holds()).toBe(true);
    now += 6_000; // a renews: it holds this slot and the next
    expect(await a.holds()).toBe(true);
    expect(await b.holds()).toBe(false);
    await a.release();
    expect(await ctx.repos.leases.holder("sender:release", 300_000)).toBeUndefined();
    expect(await ctx.repos.leases.holder("sender:release", 300_001)).toBeUndefined();
    // b asked a moment ago; within the same slot it asks again after a second, and wins.
    now += 1_000;
    expect(await b.holds()).toBe(true);
    expect(await a.holds()).toBe(false);
    now += 10_000;
    expect(await a.holds()).toBe(false);
  });

  it("lets only one of many processes racing for a free slot win", async () => {
    const now = 2_000_000_000;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createSlotLease({
          leases: ctx.repos.leases,
          name: "sender:race",
          holder: `p${i}`,
          slotMs: 10_000,
          now: () => now,
        }).holds(),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

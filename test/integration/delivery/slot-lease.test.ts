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

import { describe, expect, it } from "vitest";
import { refreshingValue } from "../../../src/services/refreshing-value.js";

/** A load whose answers the test releases one by one. */
function controlledLoad() {
  const pending: ((v: number) => void)[] = [];
  let calls = 0;
  return {
    load: () => {
      calls++;
      return new Promise<number>((resolve) => pending.push(resolve));
    },
    release: (v: number) => pending.shift()!(v),
    calls: () => calls,
  };
}

describe("a value kept in memory and refreshed in the background", () => {
  it("makes only the first read wait, then serves the old value while one reload runs", async () => {
    let now = 0;
    const src = controlledLoad();
    const cache = refreshingValue(src.load, { ttlMs: 1_000, now: () => new Date(now) });
    const first = cache.get();
    src.release(1);
    expect(await first).toBe(1);

    now = 1_500; // older than the ttl: still served at once, one reload starts
    expect(await cache.get()).toBe(1);
    expect(await cache.get()).toBe(1);
    expect(src.calls()).toBe(2);
    src.release(2);
    await Promise.resolve();
    await Promise.resolve();
    expect(await cache.get()).toBe(2);
  });

  it("waits for a load begun after invalidate, never one begun before it", async () => {
    let now = 0;
    const src = controlledLoad();
    const cache = refreshingValue(src.load, { ttlMs: 1_000, now: () => new Date(now) });
    const first = cache.get();
    src.release(1);
    await first;
    now = 2_000;
    await cache.get(); // starts a background reload that will answer 2
    cache.invalidate();
    const after = cache.get(); // a load of its own: the running one may predate the change
    expect(src.calls()).toBe(3);
    src.release(2);
    src.release(3);
    expect(await after).toBe(3);
    expect(await cache.get()).toBe(3);
  });

  it("keeps the value while the change stamp stays, and loads it again once the stamp moves", async () => {
    let now = 0;
    let stamp = "a";
    let loads = 0;
    const cache = refreshingValue(async () => ++loads, {
      ttlMs: 1_000,
      now: () => new Date(now),
      stamp: async () => stamp,
    });
    expect(await cache.get()).toBe(1);
    const settle = () => new Promise((r) => setTimeout(r, 0));
    now = 1_500;
    await cache.get(); // expired: the stamp is checked, unchanged
    await settle();
    expect(loads).toBe(1);
    now = 2_000; // checked at 1,500: still fresh, no check at all
    await cache.get();
    stamp = "b";
    now = 3_000;
    expect(await cache.get()).toBe(1); // served at once while the changed set loads
    await settle();
    expect(await cache.get()).toBe(2);
  });

  it("forgets the value after a write only when the write moved the stamp", async () => {
    let stamp = "a";
    let loads = 0;
    const cache = refreshingValue(async () => ++loads, {
      ttlMs: 60_000,
      now: () => new Date(0),
      stamp: async () => stamp,
    });
    expect(await cache.get()).toBe(1);
    await cache.invalidateIfChanged(); // nothing moved: kept
    expect(await cache.get()).toBe(1);
    stamp = "b";
    await cache.invalidateIfChanged(); // moved: the next read loads afresh
    expect(await cache.get()).toBe(2);
  });
});

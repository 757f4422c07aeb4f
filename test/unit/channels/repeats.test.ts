import { describe, expect, it } from "vitest";
import { createRepeatFilter } from "../../../src/channels/repeats.js";

describe("the repeat filter", () => {
  it("lets a key through once within the window, and again once the window has passed", async () => {
    let now = 0;
    const repeats = createRepeatFilter({ windowMs: 300_000, now: () => now });
    expect(await repeats.first("event:Ev1")).toBe(true);
    expect(await repeats.first("event:Ev1")).toBe(false);
    expect(await repeats.first("event:Ev2")).toBe(true);
    now = 299_999;
    expect(await repeats.first("event:Ev1")).toBe(false);
    now = 300_000;
    expect(await repeats.first("event:Ev1")).toBe(true);
    // A delivery without a key cannot be told apart from another: it always goes through.
    expect(await repeats.first(undefined)).toBe(true);
    expect(await repeats.first(undefined)).toBe(true);
  });

  it("asks the shared claim only for keys new to this process, and lets a delivery through when the claim fails", async () => {
    const claimed: string[] = [];
    const repeats = createRepeatFilter({
      windowMs: 60_000,
      now: () => 0,
      claim: async (key) => {
        claimed.push(key);
        if (key === "away") throw new Error("database unreachable");
        return key !== "taken-elsewhere";
      },
    });
    expect(await repeats.first("taken-elsewhere")).toBe(false);
    expect(await repeats.first("mine")).toBe(true);
    expect(await repeats.first("mine")).toBe(false);
    expect(await repeats.first("away")).toBe(true);
    expect(claimed).toEqual(["taken-elsewhere", "mine", "away"]);
  });

  it("forgets the oldest keys beyond its capacity", async () => {
    const repeats = createRepeatFilter({ windowMs: 60_000, now: () => 0, capacity: 2 });
    for (const key of ["a", "b", "c"]) expect(await repeats.first(key)).toBe(true);
    expect(await repeats.first("a")).toBe(true);
    expect(await repeats.first("c")).toBe(false);
  });
});

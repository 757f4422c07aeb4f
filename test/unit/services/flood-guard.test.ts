import { describe, expect, it } from "vitest";
import { createFloodGuard } from "../../../src/conversation/flood-guard.js";

describe("the per-person update limit", () => {
  it("lets the limit through, warns once, drops the rest of the burst, and forgives after the window", () => {
    let now = 0;
    const guard = createFloodGuard({ limit: 3, windowMs: 10_000, now: () => now });
    const burst = Array.from({ length: 6 }, () => guard.check("telegram:1"));
    expect(burst).toEqual(["ok", "ok", "ok", "warn", "drop", "drop"]);
    // Someone else is not affected.
    expect(guard.check("telegram:2")).toBe("ok");
    now = 10_001;
    expect(guard.check("telegram:1")).toBe("ok");
  });

  it("is a sliding window, not a fixed one", () => {
    let now = 0;
    const guard = createFloodGuard({ limit: 2, windowMs: 1_000, now: () => now });
    expect(guard.check("a")).toBe("ok");
    now = 900;
    expect(guard.check("a")).toBe("ok");
    now = 1_100; // the first has left the window, the second has not
    expect(guard.check("a")).toBe("ok");
    expect(guard.check("a")).toBe("warn");
  });

  it("forgets whoever has been quiet for a whole window", () => {
    let now = 0;
    const guard = createFloodGuard({ limit: 2, windowMs: 1_000, now: () => now });
    for (const who of ["a", "b", "c"]) guard.check(who);
    now = 500;
    guard.check("c");
    expect(guard.tracked()).toBe(3);
    now = 1_200; // a and b are quiet for longer than the window, c is not
    guard.check("d");
    expect(guard.tracked()).toBe(2);
    // A burst still counts against the person within the window.
    expect([guard.check("c"), guard.check("c")]).toEqual(["ok", "warn"]);
  });
});

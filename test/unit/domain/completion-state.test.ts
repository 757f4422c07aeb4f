import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  countsTowardJp,
  initialState,
  isStatedJp,
  type RecordFacts,
  STATED_JP,
  stateOf,
} from "../../../src/domain/completion-state.js";
import { FLOWS_DIR } from "../../../src/paths.js";

/** The agency's JP per nonklasikal method, as in flows/content/jp-rules.yaml. */
const DEFAULTS = { "e-learning": 3, coaching: 2, magang: 20 };
const self = (r: Partial<RecordFacts>): RecordFacts => ({
  source: "self",
  kind: "nonklasikal",
  method: "e-learning",
  jp: 3,
  ...r,
});

describe("which records count toward JP", () => {
  it("counts an enrolled catalog course at once, whatever its JP", () => {
    expect(initialState({ source: "course", kind: "klasikal", method: "bimtek", jp: 24 }, DEFAULTS)).toBe(
      undefined,
    );
    expect(
      initialState({ source: "course", kind: "nonklasikal", method: "e-learning", jp: 40 }, DEFAULTS),
    ).toBe(undefined);
  });

  it("counts a nonklasikal activity at exactly the agency's default at once", () => {
    expect(initialState(self({ jp: 3 }), DEFAULTS)).toBe(undefined);
    expect(initialState(self({ method: "magang", jp: 20 }), DEFAULTS)).toBe(undefined);
  });

  it("holds a nonklasikal record above (or otherwise off) the default for a koordinator", () => {
    expect(initialState(self({ jp: 20 }), DEFAULTS)).toBe("pending");
    expect(initialState(self({ jp: 3.5 }), DEFAULTS)).toBe("pending");
    // Not what the agency credits either: a koordinator looks at it.
    expect(initialState(self({ jp: 2 }), DEFAULTS)).toBe("pending");
  });

  it("always holds a klasikal training outside the catalog, and a method the agency sets no JP for", () => {
    expect(initialState(self({ kind: "klasikal", method: "seminar", jp: 8 }), DEFAULTS)).toBe("pending");
    // A klasikal method never reads a nonklasikal default, even one that happens to share its id.
    expect(initialState(self({ kind: "klasikal", method: "coaching", jp: 2 }), DEFAULTS)).toBe("pending");
    expect(initialState(self({ method: "alam-terbuka", jp: 8 }), DEFAULTS)).toBe("pending");
  });

  it("counts verified records and old records without a state, never pending or returned ones", () => {
    expect(countsTowardJp({})).toBe(true);
    expect(countsTowardJp({ state: null })).toBe(true);
    expect(countsTowardJp({ state: "verified" })).toBe(true);
    expect(countsTowardJp({ state: "pending" })).toBe(false);
    expect(countsTowardJp({ state: "returned" })).toBe(false);
    // A state nobody wrote on purpose counts as nothing rather than as JP.
    expect(countsTowardJp({ state: "approved" })).toBe(false);
    expect(stateOf({})).toBe("verified");
    expect(stateOf({ state: "returned" })).toBe("returned");
    expect(stateOf({ state: "approved" })).toBe("unknown");
  });

  it("takes a stated JP above nothing and up to a sane maximum", () => {
    expect(isStatedJp(20)).toBe(true);
    expect(isStatedJp(1.5)).toBe(true);
    expect(isStatedJp(STATED_JP.max)).toBe(true);
    expect(isStatedJp(0)).toBe(false);
    expect(isStatedJp(-3)).toBe(false);
    expect(isStatedJp(STATED_JP.max + 1)).toBe(false);
    expect(isStatedJp(Number.NaN)).toBe(false);
    expect(isStatedJp("20")).toBe(false);
  });

  it("is the bound /selesai asks within", () => {
    const flow = parse(readFileSync(join(FLOWS_DIR, "selesai.yaml"), "utf8")) as {
      steps: { id: string; validate?: { min?: number; max?: number } }[];
    };
    const jp = flow.steps.find((s) => s.id === "jp");
    expect(jp?.validate).toMatchObject({ min: STATED_JP.min, max: STATED_JP.max });
  });
});

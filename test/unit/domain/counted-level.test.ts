import { describe, expect, it } from "vitest";
import {
  countedGap,
  countedLevel,
  gapClosed,
  gapCountOf,
  isAssessedLevel,
  isConfirmed,
  type LevelConfirmation,
  withConfirmation,
} from "../../../src/domain/counted-level.js";

const at = new Date("2026-12-01T02:00:00Z");
const confirmed = (level: LevelConfirmation["level"]): LevelConfirmation => ({
  level,
  byPersonId: "sup",
  at,
});

describe("the level that counts", () => {
  it("is the self-assessed level while nobody confirmed it", () => {
    expect(countedLevel({ assessed: 4 })).toBe(4);
    expect(countedLevel({ assessed: 0 })).toBe(0);
    expect(countedLevel({ assessed: 3, confirmation: undefined })).toBe(3);
    expect(isConfirmed({ assessed: 3 })).toBe(false);
  });

  it("is the confirmed level once an atasan confirmed it, lower or higher than the self level", () => {
    expect(countedLevel({ assessed: 4, confirmation: confirmed(3) })).toBe(3);
    expect(countedLevel({ assessed: 2, confirmation: confirmed(4) })).toBe(4);
    expect(countedLevel({ assessed: 3, confirmation: confirmed(3) })).toBe(3);
    expect(isConfirmed({ assessed: 3, confirmation: confirmed(3) })).toBe(true);
  });

  it("takes a confirmed level 0 (belum mencapai level 1) as 0, not as no confirmation", () => {
    expect(countedLevel({ assessed: 2, confirmation: confirmed(0) })).toBe(0);
    expect(countedGap({ assessed: 2, required: 1, confirmation: confirmed(0) })).toBe(1);
    // And a self level 0 confirmed higher counts the confirmation.
    expect(countedLevel({ assessed: 0, confirmation: confirmed(2) })).toBe(2);
  });

  it("gives gaps as required − the level that counts, and counts those above 0", () => {
    const results = [
      { assessed: 4, required: 3 },
      { assessed: 4, required: 3, confirmation: confirmed(2) },
      { assessed: 1, required: 2, confirmation: confirmed(2) },
      { assessed: 1, required: 3 },
    ];
    expect(results.map(countedGap)).toEqual([-1, 1, 0, 2]);
    expect(gapCountOf(results)).toBe(2);
  });

  it("adds a confirmation to a result and recomputes its gap, keeping the self level", () => {
    const r = { competency: "M.3", assessed: 4, required: 3, gap: -1 };
    expect(withConfirmation(r, confirmed(2))).toEqual({
      competency: "M.3",
      assessed: 4,
      required: 3,
      gap: 1,
      confirmation: confirmed(2),
    });
    // A second confirmation replaces the first.
    expect(withConfirmation(withConfirmation(r, confirmed(2)), confirmed(3)).gap).toBe(0);
  });

  it("says a gap was closed only when the earlier result was below and the later one is not", () => {
    const before = { assessed: 2, required: 3 };
    expect(gapClosed(before, { assessed: 3, required: 3 })).toBe(true);
    expect(gapClosed(before, { assessed: 3, required: 3, confirmation: confirmed(2) })).toBe(false);
    expect(gapClosed(before, { assessed: 2, required: 3, confirmation: confirmed(3) })).toBe(true);
    // The earlier result confirmed at the standard had no gap to close.
    expect(gapClosed({ ...before, confirmation: confirmed(3) }, { assessed: 4, required: 3 })).toBe(false);
    expect(gapClosed(undefined, { assessed: 4, required: 3 })).toBe(false);
  });

  it("accepts the levels 0 to 5 only", () => {
    expect([0, 1, 5].every(isAssessedLevel)).toBe(true);
    expect([-1, 6, 2.5, "3", null].some(isAssessedLevel)).toBe(false);
  });
});

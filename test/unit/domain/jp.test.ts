import { describe, expect, it } from "vitest";
import {
  DEFAULT_JP_RULES,
  expectedJpByDate,
  isBelowPace,
  jpProgress,
  minutesToJp,
} from "../../../src/domain/jp.js";

const rules = DEFAULT_JP_RULES;

describe("minutesToJp", () => {
  it("counts 45-minute JP, rounded down to one decimal", () => {
    expect(minutesToJp(45, rules)).toBe(1);
    expect(minutesToJp(90, rules)).toBe(2);
    expect(minutesToJp(60, rules)).toBe(1.3); // 1.333…
    expect(minutesToJp(44, rules)).toBe(0.9); // 0.977…, never rounded up to a full JP
    expect(minutesToJp(27, rules)).toBe(0.6); // exactly 0.6
    expect(minutesToJp(0, rules)).toBe(0);
  });

  it("follows a configured JP length", () => {
    expect(minutesToJp(120, { minutesPerJp: 60, yearlyGoal: 20 })).toBe(2);
  });

  it("refuses negative or non-finite minutes and bad rules", () => {
    expect(() => minutesToJp(-1, rules)).toThrow(RangeError);
    expect(() => minutesToJp(Number.POSITIVE_INFINITY, rules)).toThrow(RangeError);
    expect(() => minutesToJp(45, { minutesPerJp: 0, yearlyGoal: 20 })).toThrow(RangeError);
  });
});

describe("jpProgress", () => {
  const completions = [
    { jp: 8, completedOn: "2025-12-31" },
    { jp: 0.1, completedOn: "2026-01-01" },
    { jp: 0.2, completedOn: "2026-03-15" },
    { jp: 12, completedOn: "2026-12-31" },
    { jp: 5, completedOn: "2027-01-01" },
  ];

  it("totals one calendar year only: 31 December counts for its own year", () => {
    expect(jpProgress(completions, 2025, rules)).toEqual({
      year: 2025,
      total: 8,
      goal: 20,
      reached: false,
      remaining: 12,
    });
    // 0.1 + 0.2 + 12 = 12.3 (no float noise).
    expect(jpProgress(completions, 2026, rules)).toEqual({
      year: 2026,
      total: 12.3,
      goal: 20,
      reached: false,
      remaining: 7.7,
    });
    expect(jpProgress(completions, 2027, rules).total).toBe(5);
    expect(jpProgress([], 2026, rules)).toMatchObject({ total: 0, remaining: 20, reached: false });
  });

  it("marks the goal reached at exactly 20 and never reports negative remaining", () => {
    expect(jpProgress([{ jp: 20, completedOn: "2026-06-01" }], 2026, rules)).toMatchObject({
      reached: true,
      remaining: 0,
    });
    expect(jpProgress([{ jp: 32, completedOn: "2026-06-01" }], 2026, rules)).toMatchObject({
      total: 32,
      reached: true,
      remaining: 0,
    });
  });

  it("refuses malformed dates and negative JP", () => {
    expect(() => jpProgress([{ jp: 1, completedOn: "2026-02-30" }], 2026, rules)).toThrow(RangeError);
    expect(() => jpProgress([{ jp: 1, completedOn: "31/12/2026" }], 2026, rules)).toThrow(RangeError);
    expect(() => jpProgress([{ jp: -1, completedOn: "2026-01-01" }], 2026, rules)).toThrow(RangeError);
  });
});

describe("pace", () => {
  it("pro-rates the goal by day of the year", () => {
    expect(expectedJpByDate("2026-12-31", rules)).toBe(20);
    expect(expectedJpByDate("2026-03-14", rules)).toBe(4); // day 73: 20 × 73/365 = 4
    expect(expectedJpByDate("2026-01-01", rules)).toBeCloseTo(20 / 365, 12);
    // 2028 is a leap year: day 183 (1 July) is exactly half of 366.
    expect(expectedJpByDate("2028-07-01", rules)).toBe(10);
  });

  it("is below pace only when behind the expected total", () => {
    expect(isBelowPace(3.9, "2026-03-14", rules)).toBe(true);
    expect(isBelowPace(4, "2026-03-14", rules)).toBe(false);
    expect(isBelowPace(19.9, "2026-12-31", rules)).toBe(true);
    expect(isBelowPace(0, "2026-01-01", rules)).toBe(true);
  });

  it("refuses a malformed date", () => {
    expect(() => expectedJpByDate("2026-13-01", rules)).toThrow(RangeError);
  });
});

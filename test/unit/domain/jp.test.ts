import { describe, expect, it } from "vitest";
import {
  expectedJpByDate,
  isBehindPace,
  type JpRule,
  type JpRules,
  jpInYear,
  jpStanding,
  minutesToJp,
  periodOf,
  ruleFor,
} from "../../../src/domain/jp.js";

const basis = { id: "contoh", en: "example" };
const PNS: JpRule = { kind: "minimum", jp: 20, period: "calendar-year", basis };
const PPPK: JpRule = { kind: "maximum", jp: 24, period: "contract-year", basis };
const RULES: JpRules = { byStatus: { PNS, CPNS: PNS, PPPK }, unknownStatus: "PNS" };

describe("minutesToJp", () => {
  it("counts 45-minute JP, rounded down to one decimal", () => {
    expect(minutesToJp(45, 45)).toBe(1);
    expect(minutesToJp(90, 45)).toBe(2);
    expect(minutesToJp(60, 45)).toBe(1.3); // 1.333…
    expect(minutesToJp(44, 45)).toBe(0.9); // 0.977…, never rounded up to a full JP
    expect(minutesToJp(27, 45)).toBe(0.6); // exactly 0.6
    expect(minutesToJp(0, 45)).toBe(0);
    expect(minutesToJp(120, 60)).toBe(2);
  });

  it("refuses negative or non-finite minutes and a JP of no length", () => {
    expect(() => minutesToJp(-1, 45)).toThrow(RangeError);
    expect(() => minutesToJp(Number.POSITIVE_INFINITY, 45)).toThrow(RangeError);
    expect(() => minutesToJp(45, 0)).toThrow(RangeError);
  });
});

describe("ruleFor", () => {
  it("gives each status its own rule and the assumed one when nobody stated it", () => {
    expect(ruleFor(RULES, "PPPK")).toBe(PPPK);
    expect(ruleFor(RULES, "CPNS")).toBe(PNS);
    expect(ruleFor(RULES, undefined)).toBe(PNS);
  });
});

describe("periodOf", () => {
  it("is the calendar year for a calendar-year rule", () => {
    expect(periodOf(PNS, "2026-06-15")).toEqual({
      kind: "calendar-year",
      start: "2026-01-01",
      end: "2026-12-31",
      assumed: false,
    });
  });

  it("runs a contract year from the contract start to the day before its anniversary", () => {
    expect(periodOf(PPPK, "2026-06-15", "2025-03-01")).toMatchObject({
      start: "2026-03-01",
      end: "2027-02-28",
      assumed: false,
    });
    expect(periodOf(PPPK, "2026-02-28", "2025-03-01")).toMatchObject({
      start: "2025-03-01",
      end: "2026-02-28",
    });
    expect(periodOf(PPPK, "2025-03-01", "2025-03-01")).toMatchObject({ start: "2025-03-01" });
  });

  it("handles a contract starting on 29 February", () => {
    expect(periodOf(PPPK, "2025-03-10", "2024-02-29")).toMatchObject({
      start: "2025-02-28",
      end: "2026-02-27",
    });
  });

  it("puts a day before the contract start in the year ending with it", () => {
    expect(periodOf(PPPK, "2025-01-10", "2025-03-01")).toMatchObject({
      start: "2024-03-01",
      end: "2025-02-28",
    });
  });

  it("stands in the calendar year, marked as assumed, when a contract start is unknown", () => {
    expect(periodOf(PPPK, "2026-06-15")).toEqual({
      kind: "contract-year",
      start: "2026-01-01",
      end: "2026-12-31",
      assumed: true,
    });
  });
});

describe("jpStanding", () => {
  const completions = [
    { jp: 8, completedOn: "2025-12-31" },
    { jp: 5, completedOn: "2026-01-01" },
    { jp: 3.5, completedOn: "2026-03-02" },
    { jp: 12, completedOn: "2026-07-01" },
  ];

  it("counts a minimum over the calendar year, with what is left to reach", () => {
    expect(jpStanding(PNS, completions, "2026-03-14")).toMatchObject({
      total: 20.5,
      reached: true,
      remaining: 0,
      over: false,
      headroom: 0,
    });
    expect(jpStanding(PNS, completions, "2025-05-01")).toMatchObject({
      total: 8,
      reached: false,
      remaining: 12,
    });
  });

  it("counts a ceiling over the contract year, with what is still allowed and never a target", () => {
    const s = jpStanding(PPPK, completions, "2026-04-01", "2025-03-01");
    // 2026-03-01 … 2027-02-28: only 3.5 and 12.
    expect(s).toMatchObject({ total: 15.5, reached: false, remaining: 0, over: false, headroom: 8.5 });
    const earlier = jpStanding(PPPK, completions, "2026-01-15", "2025-03-01");
    expect(earlier).toMatchObject({ total: 13, headroom: 11 });
  });

  it("says when a ceiling is passed", () => {
    const s = jpStanding(PPPK, [{ jp: 30, completedOn: "2026-05-01" }], "2026-06-01", "2026-01-01");
    expect(s).toMatchObject({ total: 30, over: true, headroom: 0 });
  });

  it("refuses impossible dates and negative JP", () => {
    expect(() => jpStanding(PNS, [{ jp: 1, completedOn: "2026-02-30" }], "2026-03-01")).toThrow(RangeError);
    expect(() => jpStanding(PNS, [{ jp: -1, completedOn: "2026-01-01" }], "2026-03-01")).toThrow(RangeError);
    expect(() => jpStanding(PNS, [], "31/12/2026")).toThrow(RangeError);
  });
});

describe("pace", () => {
  it("expects the minimum pro rata over the period's days", () => {
    const period = periodOf(PNS, "2026-03-14");
    expect(expectedJpByDate(PNS, period, "2026-12-31")).toBe(20);
    expect(expectedJpByDate(PNS, period, "2026-03-14")).toBe(4); // day 73: 20 × 73/365
    expect(expectedJpByDate(PNS, periodOf(PNS, "2028-07-01"), "2028-07-01")).toBe(10); // leap year, day 183 of 366
  });

  it("is behind below the pace and on pace at or above it", () => {
    const at = (total: number, date: string) =>
      isBehindPace(jpStanding(PNS, total ? [{ jp: total, completedOn: "2026-01-01" }] : [], date), date);
    expect(at(3.9, "2026-03-14")).toBe(true);
    expect(at(4, "2026-03-14")).toBe(false);
    expect(at(19.9, "2026-12-31")).toBe(true);
    expect(at(0, "2026-01-01")).toBe(true);
  });

  it("never counts anyone under a ceiling as behind", () => {
    expect(isBehindPace(jpStanding(PPPK, [], "2026-12-31", "2026-01-01"), "2026-12-31")).toBe(false);
  });
});

describe("jpInYear", () => {
  it("adds the completions of one calendar year", () => {
    expect(
      jpInYear(
        [
          { jp: 0.1, completedOn: "2026-01-01" },
          { jp: 0.2, completedOn: "2026-02-01" },
        ],
        2026,
      ),
    ).toBe(0.3);
    expect(jpInYear([{ jp: 5, completedOn: "2025-12-31" }], 2026)).toBe(0);
  });
});

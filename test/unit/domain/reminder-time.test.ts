import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDomainContent } from "../../../src/content/load.js";
import { holidayCalendar, parseHolidays } from "../../../src/domain/holidays.js";
import {
  DEFAULT_QUIET_HOURS,
  morningOf,
  parseReminderRule,
  reminderDueAt,
} from "../../../src/domain/reminder-time.js";
import { ContentValidationError } from "../../../src/domain/validation.js";
import { REPO_ROOT } from "../../../src/paths.js";

const none = holidayCalendar([]);
const rule = (text: string) => parseReminderRule(text)!;
const JAKARTA = "Asia/Jakarta";
const MATARAM = "Asia/Makassar";
const JAYAPURA = "Asia/Jayapura";

describe("the holiday calendar in flows/content/holidays.yaml", () => {
  const calendar = loadDomainContent(join(REPO_ROOT, "flows")).holidays;

  it("covers 2026 and 2027, with the 2026 libur nasional and cuti bersama", () => {
    expect(calendar.years()).toEqual([2026, 2027]);
    expect(calendar.isHoliday("2026-08-17")).toBe(true);
    expect(calendar.get("2026-12-24")?.cutiBersama).toBe(true);
    expect(calendar.isHoliday("2026-03-21")).toBe(true); // Idulfitri 1447 H
    expect(calendar.isHoliday("2026-11-25")).toBe(false);
  });

  it("refuses an impossible date and a date listed twice, naming where", () => {
    const bad = () =>
      parseHolidays({
        holidays: [
          { date: "2026-02-30", name: "x" },
          { date: "2026-01-01", name: "a" },
          { date: "2026-01-01", name: "b" },
        ],
      });
    expect(bad).toThrow(ContentValidationError);
    expect(bad).toThrow(/holidays\[0\]\.date: must be a real date/);
    expect(bad).toThrow(/holidays\[2\]\.date: 2026-01-01 is listed twice/);
  });
});

describe("when a training reminder reaches a person", () => {
  // A session on Thursday 10 December 2026 at 09.00 WIB (02.00 UTC).
  const start = new Date("2026-12-10T02:00:00Z");

  it("sends 7 and 1 days before at 08.00 in the person's own zone, and 2 hours before the start", () => {
    const q = DEFAULT_QUIET_HOURS;
    expect(reminderDueAt(start, rule("7d@08:00"), JAKARTA, q, none).toISOString()).toBe(
      "2026-12-03T01:00:00.000Z",
    );
    expect(reminderDueAt(start, rule("1d@08:00"), JAKARTA, q, none).toISOString()).toBe(
      "2026-12-09T01:00:00.000Z",
    );
    // 08.00 WITA and 08.00 WIT are earlier instants than 08.00 WIB.
    expect(reminderDueAt(start, rule("1d@08:00"), MATARAM, q, none).toISOString()).toBe(
      "2026-12-09T00:00:00.000Z",
    );
    expect(reminderDueAt(start, rule("1d@08:00"), JAYAPURA, q, none).toISOString()).toBe(
      "2026-12-08T23:00:00.000Z",
    );
    expect(reminderDueAt(start, rule("2h"), JAYAPURA, q, none).toISOString()).toBe(
      "2026-12-10T00:00:00.000Z",
    );
  });

  it("moves a morning reminder that falls on a holiday to the working day before it", () => {
    // The day before Friday 25 December 2026 is the cuti bersama of 24 December.
    const christmasSession = new Date("2026-12-26T02:00:00Z"); // Saturday 26th, 09.00 WIB
    const calendar = holidayCalendar([
      { date: "2026-12-24", name: "Cuti bersama" },
      { date: "2026-12-25", name: "Natal" },
    ]);
    expect(
      reminderDueAt(christmasSession, rule("1d@08:00"), JAKARTA, DEFAULT_QUIET_HOURS, calendar).toISOString(),
    ).toBe("2026-12-23T01:00:00.000Z");
  });

  it("holds a reminder due in quiet hours until they end, unless the session would start first", () => {
    // 2 hours before a 07.00 WITA session is 05.00 WITA: inside 21.00–06.00, so it waits for 06.00.
    const early = new Date("2026-12-10T23:00:00Z"); // 07.00 WITA on the 11th
    expect(reminderDueAt(early, rule("2h"), MATARAM, DEFAULT_QUIET_HOURS, none).toISOString()).toBe(
      "2026-12-10T22:00:00.000Z",
    );
    // Someone quiet until 08.00: 06.00 would already be too late, so it goes at 20.30 the evening before.
    const late = { start: "21:00", end: "08:00" };
    expect(reminderDueAt(early, rule("2h"), MATARAM, late, none).toISOString()).toBe(
      "2026-12-10T12:30:00.000Z",
    );
    // A person who set their morning reminder inside quiet hours hears it when the quiet ends.
    expect(
      reminderDueAt(start, rule("1d@08:00"), JAKARTA, { start: "22:00", end: "09:00" }, none).toISOString(),
    ).toBe("2026-12-09T02:00:00.000Z");
  });

  it("reads reminder rules and refuses nonsense", () => {
    expect(parseReminderRule("3d@07:30")).toEqual({ key: "3d@07:30", kind: "days", days: 3, at: "07:30" });
    expect(parseReminderRule("4h")).toEqual({ key: "4h", kind: "hours", hours: 4 });
    expect(parseReminderRule("0h")).toBeUndefined();
    expect(parseReminderRule("1d@25:00")).toBeUndefined();
    expect(parseReminderRule("besok")).toBeUndefined();
  });
});

describe("a morning nudge", () => {
  it("goes at the local morning, or on the next working day after a holiday", () => {
    const calendar = holidayCalendar([{ date: "2027-01-01", name: "Tahun Baru" }]);
    expect(morningOf("2027-01-01", "08:00", MATARAM, DEFAULT_QUIET_HOURS, calendar).toISOString()).toBe(
      "2027-01-02T00:00:00.000Z",
    );
    expect(morningOf("2026-12-01", "08:00", JAYAPURA, DEFAULT_QUIET_HOURS, calendar).toISOString()).toBe(
      "2026-11-30T23:00:00.000Z",
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  assessedThisPeriod,
  campaignDueAt,
  deadlineReminderAt,
  mayRemindAgain,
  nextReminderAt,
  pageOf,
  reminderWindow,
} from "../../../src/domain/campaign.js";
import { holidayCalendar } from "../../../src/domain/holidays.js";
import { DEFAULT_QUIET_HOURS } from "../../../src/domain/reminder-time.js";

const none = holidayCalendar([]);
const MATARAM = "Asia/Makassar";
const at = (iso: string) => new Date(iso);

describe("reminding again within a campaign", () => {
  it("allows one reminder per person per three days", () => {
    const last = at("2026-11-25T02:00:00Z");
    expect(mayRemindAgain(undefined, last)).toBe(true);
    expect(mayRemindAgain(last, at("2026-11-28T01:59:59Z"))).toBe(false);
    expect(mayRemindAgain(last, at("2026-11-28T02:00:00Z"))).toBe(true);
    expect(nextReminderAt(last).toISOString()).toBe("2026-11-28T02:00:00.000Z");
  });

  it("counts three-day windows from the campaign's start (the outbox key's occurrence)", () => {
    const created = at("2026-11-25T02:00:00Z");
    expect(reminderWindow(created, created)).toBe(0);
    expect(reminderWindow(created, at("2026-11-28T01:59:00Z"))).toBe(0);
    expect(reminderWindow(created, at("2026-11-28T02:00:00Z"))).toBe(1);
    expect(reminderWindow(created, at("2026-11-20T00:00:00Z"))).toBe(0);
  });
});

describe("when a campaign reminder reaches a person", () => {
  it("goes at once in the day, after the quiet hours at night, and off holidays", () => {
    // 10:00 WITA on a Wednesday: at once.
    expect(campaignDueAt(at("2026-11-25T02:00:00Z"), MATARAM, DEFAULT_QUIET_HOURS, none).toISOString()).toBe(
      "2026-11-25T02:00:00.000Z",
    );
    // 22:00 WITA: 06:00 WITA the next morning.
    expect(campaignDueAt(at("2026-11-25T14:00:00Z"), MATARAM, DEFAULT_QUIET_HOURS, none).toISOString()).toBe(
      "2026-11-25T22:00:00.000Z",
    );
    // On a holiday (17 August), 08:00 of the next working day.
    const holidays = holidayCalendar([{ date: "2026-08-17", name: "HUT RI" }]);
    expect(
      campaignDueAt(at("2026-08-17T02:00:00Z"), MATARAM, DEFAULT_QUIET_HOURS, holidays).toISOString(),
    ).toBe("2026-08-18T00:00:00.000Z");
  });

  it("puts the automatic reminders 3 and 1 days before a deadline at 08:00 local, never at or after it", () => {
    // Deadline: Monday 30 November 2026, 23:59 WITA.
    const deadline = at("2026-11-30T15:59:00Z");
    expect(deadlineReminderAt(deadline, 3, MATARAM, DEFAULT_QUIET_HOURS, none)?.toISOString()).toBe(
      "2026-11-27T00:00:00.000Z",
    );
    expect(deadlineReminderAt(deadline, 1, MATARAM, DEFAULT_QUIET_HOURS, none)?.toISOString()).toBe(
      "2026-11-29T00:00:00.000Z",
    );
    // Quiet until 09:00: at 09:00.
    expect(
      deadlineReminderAt(deadline, 1, MATARAM, { start: "21:00", end: "09:00" }, none)?.toISOString(),
    ).toBe("2026-11-29T01:00:00.000Z");
    // A holiday on the day before pushes the reminder to the deadline's day: still before it.
    const holiday = holidayCalendar([{ date: "2026-11-29", name: "Libur" }]);
    expect(deadlineReminderAt(deadline, 1, MATARAM, DEFAULT_QUIET_HOURS, holiday)?.toISOString()).toBe(
      "2026-11-30T00:00:00.000Z",
    );
    // A deadline at 07:00: the day's 08:00 would be after it, and there is no earlier day.
    const early = at("2026-11-30T00:00:00Z");
    const both = holidayCalendar([{ date: "2026-11-29", name: "Libur" }]);
    expect(deadlineReminderAt(early, 1, MATARAM, DEFAULT_QUIET_HOURS, both)).toBeUndefined();
  });
});

describe("the current assessment period", () => {
  it("is the calendar year in the person's zone, as unit summaries count it", () => {
    const now = at("2026-11-25T02:00:00Z");
    expect(assessedThisPeriod(undefined, now, MATARAM)).toBe(false);
    expect(assessedThisPeriod(at("2026-01-01T00:00:00Z"), now, MATARAM)).toBe(true);
    // 31 December 2025, 23:30 in Jakarta is already 2026 in Jayapura, not in Jakarta.
    const lateNewYearsEve = at("2025-12-31T16:30:00Z");
    expect(assessedThisPeriod(lateNewYearsEve, now, "Asia/Jakarta")).toBe(false);
    expect(assessedThisPeriod(lateNewYearsEve, now, "Asia/Jayapura")).toBe(true);
  });
});

describe("paging a list", () => {
  it("clamps the page and counts pages", () => {
    const items = Array.from({ length: 45 }, (_, i) => i);
    expect(pageOf(items, 0, 20)).toEqual({ items: items.slice(0, 20), page: 0, pages: 3 });
    expect(pageOf(items, 2, 20).items).toEqual([40, 41, 42, 43, 44]);
    expect(pageOf(items, 9, 20).page).toBe(2);
    expect(pageOf([], 3, 20)).toEqual({ items: [], page: 0, pages: 1 });
  });
});

import { z } from "zod";
import { isCalendarDate, splitLocalDate } from "./local-date.js";
import { parseWith } from "./validation.js";

/** A day off for every ASN: libur nasional or cuti bersama (SKB of three ministers). */
export interface Holiday {
  /** YYYY-MM-DD, the same calendar date in every zone. */
  date: string;
  name: string;
  cutiBersama?: boolean;
  /** True while the date is an estimate awaiting the official decree. */
  perkiraan?: boolean;
}

const holidaySchema = z.object({
  date: z
    .string()
    .refine((s) => {
      const p = splitLocalDate(s);
      return p !== undefined && isCalendarDate(p.year, p.month, p.day);
    }, "must be a real date written YYYY-MM-DD")
    .describe("date"),
  name: z.string().min(1),
  cutiBersama: z.boolean().optional(),
  perkiraan: z.boolean().optional(),
});

const calendarSchema = z
  .object({ holidays: z.array(holidaySchema) })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.holidays.forEach((h, i) => {
      if (seen.has(h.date))
        ctx.addIssue({ code: "custom", path: ["holidays", i, "date"], message: `${h.date} is listed twice` });
      seen.add(h.date);
    });
  });

/** The holiday calendar: which local dates are days off. */
export interface HolidayCalendar {
  isHoliday(localDate: string): boolean;
  /** The holiday on that date, if any. */
  get(localDate: string): Holiday | undefined;
  /** Every listed year, for checks ("is 2028 covered yet?"). */
  years(): number[];
}

/** Builds a calendar from a list of holidays. */
export function holidayCalendar(holidays: readonly Holiday[]): HolidayCalendar {
  const byDate = new Map(holidays.map((h) => [h.date, h]));
  return {
    isHoliday: (d) => byDate.has(d),
    get: (d) => byDate.get(d),
    years: () => [...new Set(holidays.map((h) => Number(h.date.slice(0, 4))))].sort(),
  };
}

/** Validates `flows/content/holidays.yaml`. */
export function parseHolidays(raw: unknown): HolidayCalendar {
  return holidayCalendar(parseWith(calendarSchema, raw).holidays);
}

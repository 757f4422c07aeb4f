import { TZDate } from "@date-fns/tz";
import type { HolidayCalendar } from "./holidays.js";

/**
 * When Pandu may speak to a person: reminder moments in their own zone, moved out of their quiet
 * hours and, for morning nudges, off holidays. Pure; every instant is a Date (UTC inside).
 */

/** Hours a person does not want messages, local "HH:MM" to "HH:MM" (may cross midnight). */
export interface QuietHours {
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: Readonly<QuietHours> = { start: "21:00", end: "06:00" };

/** A person's quiet hours from their /pengingat choices, or the default. */
export function quietHoursOf(person: { reminders?: { quietStart?: string; quietEnd?: string } }): QuietHours {
  const r = person.reminders;
  return r?.quietStart && r.quietEnd ? { start: r.quietStart, end: r.quietEnd } : DEFAULT_QUIET_HOURS;
}

/** A reminder before a session: N days before at a local time (a morning nudge), or N hours before. */
export type ReminderRule =
  | { key: string; kind: "days"; days: number; at: string }
  | { key: string; kind: "hours"; hours: number };

export const DEFAULT_REMINDER_RULES = ["7d@08:00", "1d@08:00", "2h"] as const;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of "HH:MM", or undefined when it is not a time of day. */
export function minutesOf(hhmm: string): number | undefined {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Parses "7d@08:00" (days before, at a local time) or "2h" (hours before). */
export function parseReminderRule(text: string): ReminderRule | undefined {
  const days = /^(\d{1,2})d@(\d\d:\d\d)$/.exec(text);
  if (days && minutesOf(days[2]!) !== undefined && Number(days[1]) >= 1) {
    return { key: text, kind: "days", days: Number(days[1]), at: days[2]! };
  }
  const hours = /^(\d{1,2})h$/.exec(text);
  if (hours && Number(hours[1]) >= 1) return { key: text, kind: "hours", hours: Number(hours[1]) };
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The local calendar date and minute of day of an instant in `timeZone`. */
export function localClock(at: Date, timeZone: string): { date: string; minutes: number } {
  const d = new TZDate(at.getTime(), timeZone);
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    minutes: d.getHours() * 60 + d.getMinutes(),
  };
}

/** The instant of a local date and minute of day in `timeZone`. */
export function atLocal(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, 0, timeZone).getTime());
}

/** A local date `n` days later (or earlier, for negative n). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** True when the minute of day falls inside the quiet hours (start inclusive, end exclusive). */
export function isQuiet(minutes: number, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start)!;
  const end = minutesOf(quiet.end)!;
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** The first moment at or after `at` outside the quiet hours. */
export function afterQuiet(at: Date, timeZone: string, quiet: QuietHours): Date {
  const { date, minutes } = localClock(at, timeZone);
  if (!isQuiet(minutes, quiet)) return at;
  const end = minutesOf(quiet.end)!;
  return atLocal(minutes < end ? date : addDays(date, 1), end, timeZone);
}

/** Half an hour before the quiet hours that contain `at` began: the last good moment before them. */
function beforeQuiet(at: Date, timeZone: string, quiet: QuietHours): Date {
  const { date, minutes } = localClock(at, timeZone);
  const start = minutesOf(quiet.start)!;
  const startDate = minutes >= start ? date : addDays(date, -1);
  return new Date(atLocal(startDate, start, timeZone).getTime() - 30 * 60_000);
}

/** The latest date at or before `date` that is not a holiday (at most two weeks back). */
function workdayOnOrBefore(date: string, holidays: HolidayCalendar): string {
  let d = date;
  for (let i = 0; i < 14 && holidays.isHoliday(d); i++) d = addDays(d, -1);
  return d;
}

/** The first date at or after `date` that is not a holiday (at most two weeks on). */
export function workdayOnOrAfter(date: string, holidays: HolidayCalendar): string {
  let d = date;
  for (let i = 0; i < 14 && holidays.isHoliday(d); i++) d = addDays(d, 1);
  return d;
}

/**
 * When a reminder before a session should reach a person in `timeZone`. A morning reminder that
 * falls on a holiday moves to the working day before it (later would be closer to the session);
 * a reminder inside quiet hours waits for their end, unless that would be after the session
 * starts: then it goes just before the quiet hours instead.
 */
export function reminderDueAt(
  sessionStart: Date,
  rule: ReminderRule,
  timeZone: string,
  quiet: QuietHours,
  holidays: HolidayCalendar,
): Date {
  let due: Date;
  if (rule.kind === "days") {
    const day = localClock(sessionStart, timeZone).date;
    due = atLocal(workdayOnOrBefore(addDays(day, -rule.days), holidays), minutesOf(rule.at)!, timeZone);
  } else {
    due = new Date(sessionStart.getTime() - rule.hours * 3_600_000);
  }
  const moved = afterQuiet(due, timeZone, quiet);
  if (moved.getTime() === due.getTime() || moved < sessionStart) return moved;
  return beforeQuiet(due, timeZone, quiet);
}

/**
 * A morning nudge moment: `at` local time on `date`, or on the next working day when `date` is a
 * holiday, then out of quiet hours (someone quiet until 09:00 hears at 09:00).
 */
export function morningOf(
  date: string,
  at: string,
  timeZone: string,
  quiet: QuietHours,
  holidays: HolidayCalendar,
): Date {
  return afterQuiet(atLocal(workdayOnOrAfter(date, holidays), minutesOf(at)!, timeZone), timeZone, quiet);
}

import type { HolidayCalendar } from "./holidays.js";
import { addDays, afterQuiet, atLocal, localClock, morningOf, type QuietHours } from "./reminder-time.js";

/**
 * Campaigns: a coordinator reminding the people of a list ("belum asesmen", "belum mengisi
 * survei"…) who have not acted yet. Pure rules of when someone may be reminded again, when a
 * reminder may go, and when the automatic reminders before a deadline are due.
 */

const DAY = 86_400_000;

/** The least time between two reminders of one campaign to one person. */
export const REMIND_GAP_MS = 3 * DAY;

/** Days before a campaign's deadline on which the automatic reminders go, each at 08:00 local. */
export const DEADLINE_STAGES = [3, 1] as const;

/** Local time of day of a deadline reminder. */
export const DEADLINE_REMINDER_AT = "08:00";

/** True when a person last reminded at `lastAt` (or never) may be reminded again at `now`. */
export function mayRemindAgain(lastAt: Date | undefined, now: Date): boolean {
  return !lastAt || now.getTime() - lastAt.getTime() >= REMIND_GAP_MS;
}

/** When someone last reminded at `lastAt` may be reminded again. */
export function nextReminderAt(lastAt: Date): Date {
  return new Date(lastAt.getTime() + REMIND_GAP_MS);
}

/**
 * The 3-day window of a campaign that `now` falls in, counted from its creation: the occurrence of
 * a manual reminder's outbox key, so two presses at once in one window schedule once.
 */
export function reminderWindow(createdAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / REMIND_GAP_MS));
}

/**
 * When a reminder asked for at `now` reaches a person: at once, unless that is inside their quiet
 * hours (then when those end) or on a holiday (then 08:00 of the next working day, out of quiet).
 */
export function campaignDueAt(
  now: Date,
  timeZone: string,
  quiet: QuietHours,
  holidays: HolidayCalendar,
): Date {
  const at = afterQuiet(now, timeZone, quiet);
  const { date } = localClock(at, timeZone);
  return holidays.isHoliday(date) ? morningOf(date, DEADLINE_REMINDER_AT, timeZone, quiet, holidays) : at;
}

/**
 * When the automatic reminder `daysBefore` a deadline is due for a person: 08:00 in their zone that
 * many days before the deadline's local date, moved off holidays and out of quiet hours; undefined
 * when that is not before the deadline (a holiday pushed it past, or the deadline is too close).
 */
export function deadlineReminderAt(
  deadline: Date,
  daysBefore: number,
  timeZone: string,
  quiet: QuietHours,
  holidays: HolidayCalendar,
): Date | undefined {
  const day = addDays(localClock(deadline, timeZone).date, -daysBefore);
  const at = morningOf(day, DEADLINE_REMINDER_AT, timeZone, quiet, holidays);
  return at < deadline ? at : undefined;
}

/**
 * When the current assessment period began for someone in `timeZone`: 1 January of this year there,
 * the calendar year unit summaries count "sudah asesmen" in.
 */
export function periodStart(now: Date, timeZone: string): Date {
  return atLocal(`${localClock(now, timeZone).date.slice(0, 4)}-01-01`, 0, timeZone);
}

/** True when someone's latest assessment falls in the current period (see `periodStart`). */
export function assessedThisPeriod(assessedAt: Date | undefined, now: Date, timeZone: string): boolean {
  return assessedAt !== undefined && assessedAt >= periodStart(now, timeZone);
}

/** The page `page` (0-based, clamped) of `items`, `size` a page, and how many pages there are. */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size: number,
): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { items: items.slice(p * size, (p + 1) * size), page: p, pages };
}

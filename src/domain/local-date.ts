/** A calendar date without a time zone, as written in data: YYYY-MM-DD. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** True when the year, month and day name a day that exists (no 31 April, 29 February only in leap years). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Splits a strict YYYY-MM-DD string into numbers; undefined for any other shape or an impossible date. */
export function splitLocalDate(text: string): DateParts | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isCalendarDate(parts.year, parts.month, parts.day) ? parts : undefined;
}

/** Day of the year, 1 for 1 January. */
export function dayOfYear({ year, month, day }: DateParts): number {
  let n = day;
  for (let m = 1; m < month; m++) n += daysInMonth(year, m);
  return n;
}

/** Zero-padded YYYY-MM-DD. */
export function formatLocalDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Days since 1970-01-01 of a calendar date: differences of these count days without time zones. */
export function epochDay({ year, month, day }: DateParts): number {
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** The same day `n` years later; 29 February becomes 28 February in a common year. */
export function addYearsToDate({ year, month, day }: DateParts, n: number): DateParts {
  const y = year + n;
  return { year: y, month, day: Math.min(day, daysInMonth(y, month)) };
}

/** The day before a date. */
export function previousDay({ year, month, day }: DateParts): DateParts {
  if (day > 1) return { year, month, day: day - 1 };
  if (month > 1) return { year, month: month - 1, day: daysInMonth(year, month - 1) };
  return { year: year - 1, month: 12, day: 31 };
}

/** Indonesia's easternmost offset (WIT): its date is the latest anywhere in the country. */
const LATEST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Today's calendar date in Indonesia's latest time zone, so nobody is refused their own today as "the future". */
export function latestIndonesianDate(now: Date): DateParts {
  const d = new Date(now.getTime() + LATEST_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

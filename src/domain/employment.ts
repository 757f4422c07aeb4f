import { type DateParts, formatLocalDate, isCalendarDate, latestIndonesianDate } from "./local-date.js";
import type { ParsedNip } from "./nip.js";

/**
 * Status kepegawaian: CPNS (calon PNS, on probation), PNS, or PPPK (government employee on a
 * contract). The NIP tells PPPK from the rest; it cannot tell a CPNS from a PNS, because a CPNS
 * already holds the NIP they keep as a PNS.
 */
export const EMPLOYMENT_STATUSES = ["CPNS", "PNS", "PPPK"] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/**
 * A TMT CPNS this recent only suggests CPNS: probation lasts at least a year and the decree making
 * a CPNS a PNS often takes longer, so the person is asked rather than told.
 */
export const CPNS_CONFIRM_MONTHS = 24;

/** What the NIP says about the status, and what to ask the person before storing it. */
export interface EmploymentFromNip {
  /** What the NIP says on its own; stored as it is when nobody can be asked. */
  status: EmploymentStatus;
  ask: "cpns-confirm" | "contract-start" | null;
}

/** The status a valid NIP points to on `today`: PPPK (ask the contract start), or PNS (ask when the TMT is recent). */
export function employmentFromNip(
  nip: Pick<ParsedNip, "kind" | "appointment">,
  today: Date,
): EmploymentFromNip {
  if (nip.kind === "pppk") return { status: "PPPK", ask: "contract-start" };
  const [year, month] = nip.appointment.split("-").map(Number) as [number, number];
  const now = latestIndonesianDate(today);
  const monthsSinceTmt = now.year * 12 + now.month - (year * 12 + month);
  return { status: "PNS", ask: monthsSinceTmt < CPNS_CONFIRM_MONTHS ? "cpns-confirm" : null };
}

/** The year a NIP says its holder was appointed (TMT CPNS for a PNS, the appointment year for a PPPK). */
export const appointmentYear = (nip: Pick<ParsedNip, "appointment">): number =>
  Number(nip.appointment.slice(0, 4));

/** Why a contract start was refused; locale files use these as `contract-start-<code>` and `import-contract-start-<code>`. */
export const CONTRACT_START_PROBLEMS = ["format", "future", "before-appointment"] as const;
export type ContractStartProblem = (typeof CONTRACT_START_PROBLEMS)[number];

export type ContractStartResult =
  | { ok: true; date: string }
  | { ok: false; problem: ContractStartProblem; detail?: { year: number } };

/** What deciding a contract start needs: today (nothing in the future) and the NIP's appointment year, if known. */
export interface ContractStartContext {
  today: Date;
  appointmentYear?: number;
}

const MONTH_NAMES: readonly (readonly string[])[] = [
  ["januari", "january"],
  ["februari", "february", "pebruari"],
  ["maret", "march"],
  ["april"],
  ["mei", "may"],
  ["juni", "june"],
  ["juli", "july"],
  ["agustus", "august", "agt", "ags"],
  ["september"],
  ["oktober", "october"],
  ["november", "nopember"],
  ["desember", "december"],
];

/** A month typed by name, whole or from its first three letters ("Maret", "mar", "Agt."); 1–12 or undefined. */
function monthByName(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex((names) => names.some((n) => n.startsWith(w)));
  return i >= 0 ? i + 1 : undefined;
}

/** Month and year as people write them: 03/2025, 3/2025, 3-2025, 2025-03, Maret 2025. */
function monthAndYear(text: string): { year: number; month: number } | undefined {
  const t = text.trim();
  let m = /^(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/.exec(t);
  if (m) return { month: Number(m[1]), year: Number(m[2]) };
  m = /^(\d{4})\s*[/.-]\s*(\d{1,2})$/.exec(t);
  if (m) return { year: Number(m[1]), month: Number(m[2]) };
  m = /^(\p{L}+\.?)\s+(\d{4})$/u.exec(t);
  const named = m ? monthByName(m[1]!) : undefined;
  return named ? { month: named, year: Number(m![2]) } : undefined;
}

/** A day that exists cannot be before the NIP's appointment year nor after today in Indonesia. */
function checkContractStart(
  day: DateParts,
  ctx: ContractStartContext,
  byMonth: boolean,
): ContractStartResult {
  const now = latestIndonesianDate(ctx.today);
  const future = byMonth
    ? day.year * 12 + day.month > now.year * 12 + now.month
    : formatLocalDate(day) > formatLocalDate(now);
  if (future) return { ok: false, problem: "future" };
  if (ctx.appointmentYear !== undefined && day.year < ctx.appointmentYear)
    return { ok: false, problem: "before-appointment", detail: { year: ctx.appointmentYear } };
  return { ok: true, date: formatLocalDate(day) };
}

/**
 * Reads the month a PPPK's current contract began, typed by the person ("03/2025", "3/2025",
 * "Maret 2025"), as the first day of that month (YYYY-MM-01): people know the month, rarely the day.
 */
export function parseContractMonth(text: string, ctx: ContractStartContext): ContractStartResult {
  const parts = monthAndYear(text);
  if (!parts || parts.month < 1 || parts.month > 12 || parts.year < 1900)
    return { ok: false, problem: "format" };
  return checkContractStart({ ...parts, day: 1 }, ctx, true);
}

const DATE_FORMATS: [RegExp, (m: RegExpExecArray) => DateParts][] = [
  [/^(\d{4})-(\d{2})-(\d{2})$/, (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) })],
  [
    /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/,
    (m) => ({ year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) }),
  ],
];

/** Reads a contract start written as a date in a spreadsheet: YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY. */
export function parseContractDate(text: string, ctx: ContractStartContext): ContractStartResult {
  const t = text.trim();
  for (const [re, pick] of DATE_FORMATS) {
    const m = re.exec(t);
    if (!m) continue;
    const day = pick(m);
    if (!isCalendarDate(day.year, day.month, day.day) || day.year < 1900)
      return { ok: false, problem: "format" };
    return checkContractStart(day, ctx, false);
  }
  return { ok: false, problem: "format" };
}

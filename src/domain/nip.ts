import { type DateParts, formatLocalDate, isCalendarDate, latestIndonesianDate } from "./local-date.js";

/**
 * NIP (Nomor Induk Pegawai): 18 digits.
 * PNS:  birth date YYYYMMDD · TMT CPNS YYYYMM · gender · sequence   e.g. 19671110 199203 1 001
 * PPPK: birth date YYYYMMDD · appointment YYYY · "2" · intake · gender · sequence   e.g. 20001231 2024 2 1 1 001
 */

/** Why a NIP was refused; locale files use these as `nip-error-<code>`. */
export const NIP_PROBLEMS = [
  "empty",
  "not-digits",
  "wrong-length",
  "birth-date-invalid",
  "tmt-invalid",
  "tmt-before-18",
  "tmt-in-future",
  "gender-digit",
  "sequence-zero",
  "pppk-intake",
] as const;
export type NipProblem = (typeof NIP_PROBLEMS)[number];

/** What a valid NIP says about its holder. */
export interface ParsedNip {
  digits: string;
  kind: "pns" | "pppk";
  /** YYYY-MM-DD */
  birthDate: string;
  /** PNS: YYYY-MM (TMT CPNS); PPPK: YYYY */
  appointment: string;
  /** PPPK only: the intake (angkatan) digit, 1–9. */
  intake?: number;
  gender: "pria" | "wanita";
  sequence: number;
}

export type NipResult =
  | { ok: true; nip: ParsedNip }
  | { ok: false; problem: NipProblem; detail?: Record<string, string | number> };

export const NIP_LENGTH = 18;
/** Digit 13 (1-based) marks PPPK; for a PNS it is the first digit of a month, so never 2. */
const PPPK_MARKER_INDEX = 12;
/** Birth years before this are typing errors, not civil servants. */
const EARLIEST_BIRTH_YEAR = 1900;

const fail = (problem: NipProblem, detail?: Record<string, string | number>): NipResult =>
  detail ? { ok: false, problem, detail } : { ok: false, problem };

/** Drops whitespace of every kind: a NIP copied from a PDF or a form often carries (non-breaking) spaces. */
const stripSpaces = (input: string): string => input.replace(/\s+/gu, "");

const num = (digits: string, from: number, to: number): number => Number(digits.slice(from, to));
const pad2 = (n: number): string => String(n).padStart(2, "0");

/**
 * The 18 digits of a NIP written with spaces, dots or dashes, for looking someone up (an admin
 * typing a colleague's NIP); undefined when it is not 18 digits. No plausibility checks: use
 * parseNip for a NIP a person registers with.
 */
export function nipDigits(text: string): string | undefined {
  const digits = text.replace(/[\s.-]/gu, "");
  return /^\d{18}$/.test(digits) ? digits : undefined;
}

/** Parses and checks a NIP typed by a person; `today` decides what counts as the future. */
export function parseNip(input: string, today: Date): NipResult {
  const digits = stripSpaces(input);
  if (digits === "") return fail("empty");
  if (!/^[0-9]+$/.test(digits)) return fail("not-digits");
  if (digits.length !== NIP_LENGTH) return fail("wrong-length", { count: digits.length });

  const now = latestIndonesianDate(today);
  const birth: DateParts = { year: num(digits, 0, 4), month: num(digits, 4, 6), day: num(digits, 6, 8) };
  if (
    birth.year < EARLIEST_BIRTH_YEAR ||
    !isCalendarDate(birth.year, birth.month, birth.day) ||
    formatLocalDate(birth) > formatLocalDate(now)
  ) {
    return fail("birth-date-invalid");
  }

  const kind = digits[PPPK_MARKER_INDEX] === "2" ? "pppk" : "pns";
  let appointment: string;
  let intake: number | undefined;
  if (kind === "pns") {
    const year = num(digits, 8, 12);
    const month = num(digits, 12, 14);
    if (month < 1 || month > 12) return fail("tmt-invalid");
    // The day of either date is unknown for the TMT, so the comparison is by year and month.
    if (year * 12 + month < (birth.year + 18) * 12 + birth.month) return fail("tmt-before-18");
    if (year * 12 + month > now.year * 12 + now.month) return fail("tmt-in-future");
    appointment = `${year}-${pad2(month)}`;
  } else {
    const year = num(digits, 8, 12);
    if (year < birth.year + 18) return fail("tmt-before-18");
    if (year > now.year) return fail("tmt-in-future");
    intake = num(digits, 13, 14);
    if (intake === 0) return fail("pppk-intake");
    appointment = String(year);
  }

  const genderDigit = digits[14]!;
  if (genderDigit !== "1" && genderDigit !== "2") return fail("gender-digit", { digit: genderDigit });
  const sequence = num(digits, 15, 18);
  if (sequence === 0) return fail("sequence-zero");

  return {
    ok: true,
    nip: {
      digits,
      kind,
      birthDate: formatLocalDate(birth),
      appointment,
      ...(intake !== undefined ? { intake } : {}),
      gender: genderDigit === "1" ? "pria" : "wanita",
      sequence,
    },
  };
}

/** Hides a NIP for logs and screens: only the first 4 and last 3 digits stay (`1967***********001`). */
export function maskNip(digits: string): string {
  const text = stripSpaces(digits);
  // Anything shorter may not be a NIP at all (a phone number?); 7 visible characters would be most of it.
  if (text.length < NIP_LENGTH) return "*".repeat(text.length);
  return `${text.slice(0, 4)}${"*".repeat(text.length - 7)}${text.slice(-3)}`;
}

/** Groups a NIP the way it is printed: "19671110 199203 1 001" (PNS), "20001231 2024 2 1 1 001" (PPPK). */
export function formatNip(digits: string): string {
  const d = stripSpaces(digits);
  if (!/^[0-9]{18}$/.test(d)) return digits;
  if (d[PPPK_MARKER_INDEX] === "2") {
    return [d.slice(0, 8), d.slice(8, 12), d[12], d[13], d[14], d.slice(15)].join(" ");
  }
  return [d.slice(0, 8), d.slice(8, 14), d[14], d.slice(15)].join(" ");
}

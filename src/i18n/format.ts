import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { enGB, id as idLocale } from "date-fns/locale";
import type { Locale } from "./locales.js";

const ZONE_NAMES: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Ujung_Pandang": "WITA",
  "Asia/Jayapura": "WIT",
};

/** WIB/WITA/WIT for Indonesian zones, else the UTC offset ("UTC+10") at that instant. */
export function zoneAbbreviation(timeZone: string, at: Date = new Date()): string {
  const known = ZONE_NAMES[timeZone];
  if (known) return known;
  const offset = new TZDate(at.getTime(), timeZone).getTimezoneOffset();
  const minutes = -offset;
  const sign = minutes >= 0 ? "+" : "-";
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, "0")}` : ""}`;
}

const dateLocale = (locale: Locale) => (locale === "en" ? enGB : idLocale);
const inZone = (date: Date, timeZone: string) => new TZDate(date.getTime(), timeZone);

/** "Senin, 24 November 2026" / "Tuesday, 24 November 2026" in the person's zone. */
export function formatDate(date: Date, opts: { locale: Locale; timeZone: string }): string {
  return format(inZone(date, opts.timeZone), "EEEE, d MMMM yyyy", { locale: dateLocale(opts.locale) });
}

/** A calendar day stored as YYYY-MM-DD, as people write it: "1 Maret 2025" / "1 March 2025". */
export function formatLocalDay(day: string, locale: Locale): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  // A day has no time zone: built and formatted in the process's own, it stays that day.
  return format(new Date(year, month - 1, date), "d MMMM yyyy", { locale: dateLocale(locale) });
}

/** A month by its number (1–12), as a name: "Maret" / "March". */
export function formatMonth(month: number, locale: Locale): string {
  return format(new Date(2000, month - 1, 1), "LLLL", { locale: dateLocale(locale) });
}

/** "09.00 WIB" / "09:00 WIB". */
export function formatTime(date: Date, opts: { locale: Locale; timeZone: string }): string {
  const pattern = opts.locale === "en" ? "HH:mm" : "HH.mm";
  return `${format(inZone(date, opts.timeZone), pattern)} ${zoneAbbreviation(opts.timeZone, date)}`;
}

/** "Senin, 24 November 2026 pukul 09.00 WIB" / "Tuesday, 24 November 2026 at 09:00 WIB". */
export function formatDateTime(date: Date, opts: { locale: Locale; timeZone: string }): string {
  return `${formatDate(date, opts)} ${opts.locale === "en" ? "at" : "pukul"} ${formatTime(date, opts)}`;
}

/** "1.234,5" in Indonesian, "1,234.5" in English. */
export function formatNumber(value: number, locale: Locale, fractionDigits?: number): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "id-ID", {
    minimumFractionDigits: fractionDigits ?? 0,
    maximumFractionDigits: fractionDigits ?? 2,
  }).format(value);
}

/** "42,5%" / "42.5%" from a ratio (0.425). */
export function formatPercent(ratio: number, locale: Locale, fractionDigits = 0): string {
  return `${formatNumber(ratio * 100, locale, fractionDigits)}%`;
}

/**
 * A title as it reads inside a sentence ("Baik, asesmen kompetensi dibatalkan."): titles are
 * written to stand alone, capitalised, so mid-sentence the first letter drops to lower case. An
 * acronym or a name in capitals ("SKM", "JP", "SIASN") keeps it.
 */
export function midSentence(title: string): string {
  const [first, second] = [...title];
  if (!first) return title;
  const capitalsFollow = second !== undefined && second !== second.toLowerCase();
  return capitalsFollow ? title : first.toLocaleLowerCase("id") + title.slice(first.length);
}

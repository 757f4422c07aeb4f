import { stringify } from "csv-stringify/sync";
import type { Enrollment, Person } from "../../db/models/index.js";
import { csvDelimiter, spreadsheetCsvOptions } from "../../domain/spreadsheet.js";
import type { Locale } from "../../i18n/locales.js";
import type { SheetCell } from "../../services/xlsx.js";

/** The daftar hadir's columns (Indonesian, as the agencies' own sheets have them). */
export const ATTENDANCE_COLUMNS = [
  "no",
  "nip",
  "nama",
  "unit",
  "jawaban_pengingat",
  "kehadiran",
  "tanda_tangan",
] as const;

/** The person's answer to the reminder, in the words of the sheet. */
export function answerCell(e: Pick<Enrollment, "attendance">): string {
  return e.attendance === "hadir"
    ? "Hadir"
    : e.attendance === "tidak"
      ? "Tidak bisa hadir"
      : "Belum menjawab";
}

/** What a koordinator marked, in the words of the sheet (empty until marked). */
const markCell = (e: Pick<Enrollment, "checkedIn">) =>
  e.checkedIn === "hadir" ? "hadir" : e.checkedIn === "tidak" ? "tidak hadir" : "";

/** The daftar hadir's rows as cells (the number a number), with an empty signature column to print. */
export function attendanceRows(
  rows: readonly { enrollment: Enrollment; person: Person | undefined }[],
  unitName: (unitId: string | undefined) => string,
): SheetCell[][] {
  return rows.map(({ enrollment: e, person: p }, i) => [
    i + 1,
    p?.nip ?? "",
    p?.name ?? "",
    unitName(p?.unitId),
    answerCell(e),
    markCell(e),
    "",
  ]);
}

/**
 * The daftar hadir of a session as a CSV a spreadsheet opens in columns (the same options as
 * /ekspor: BOM, the person's separator, formulas escaped), with an empty signature column to print.
 */
export function attendanceSheet(
  rows: readonly { enrollment: Enrollment; person: Person | undefined }[],
  unitName: (unitId: string | undefined) => string,
  locale: Locale,
): string {
  const body = attendanceRows(rows, unitName).map((r) => r.map((cell) => String(cell ?? "")));
  return stringify([[...ATTENDANCE_COLUMNS], ...body], spreadsheetCsvOptions(csvDelimiter(locale)));
}

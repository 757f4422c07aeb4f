import { stringify } from "csv-stringify/sync";
import type { Completion } from "../../db/models/index.js";
import { spreadsheetCsvOptions } from "../../domain/spreadsheet.js";
import type { Translate } from "../../engine/text.js";
import type { Locale } from "../../i18n/locales.js";

/**
 * The fields a SIASN course record asks for (course name, hours/JP, certificate number, year,
 * competency type), plus what helps an admin enter it: dates, provider kind and form. Column names
 * are ours; SIASN's own import format is not published, so an admin copies these by hand or maps them.
 */
export const SIASN_COLUMNS = [
  "nama_kursus",
  "jumlah_jp",
  "nomor_sertifikat",
  "tanggal_sertifikat",
  "tahun",
  "tanggal_selesai",
  "jenis_kompetensi",
  "jenis_pelatihan",
  "bentuk_pelatihan",
  "sumber",
] as const;

/**
 * The person's completed trainings as a SIASN-ready CSV (UTF-8 with BOM, so Excel reads it). One
 * fixed format whatever the person's language: always comma-separated, since what an admin feeds
 * SIASN from it must not change with who exported it (only the JP's decimal mark follows the
 * language, as before).
 */
export function siasnCsv(completions: readonly Completion[], locale: Locale, translate: Translate): string {
  const rows = [...completions]
    .sort((a, b) => (a.completedOn < b.completedOn ? -1 : 1))
    .map((c) => [
      c.title,
      String(c.jp).replace(".", locale === "id" ? "," : "."),
      c.certificate?.number ?? "",
      c.certificate?.issuedOn ?? "",
      String(c.year),
      c.completedOn,
      c.competencyType,
      c.kind,
      translate(locale, `method-${c.method}`),
      c.source === "course" ? "katalog" : "laporan mandiri",
    ]);
  return stringify([[...SIASN_COLUMNS], ...rows], spreadsheetCsvOptions(","));
}

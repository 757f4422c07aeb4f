import type { Course, CourseSession } from "../../domain/course.js";
import type { Conversation } from "../../engine/types.js";
import { localDateOf } from "../../services/jp-ledger.js";
import { XLSX_MIME, xlsxFile } from "../../services/xlsx.js";
import { ATTENDANCE_COLUMNS, attendanceRows, attendanceSheet } from "./attendance-sheet.js";
import type { RosterContext } from "./context.js";
import type { Reader, Row } from "./reader.js";

/** The daftar hadir of a session as a document, its export written down in the audit log. */
export function createDaftarHadir(deps: RosterContext) {
  const { audit, tr } = deps;

  /** The daftar hadir as a CSV document, or as an Excel workbook (column widths, frozen header). */
  async function sheet(
    conv: Conversation,
    r: Reader,
    course: Course,
    session: CourseSession,
    rows: readonly Row[],
    format: "csv" | "xlsx" = "csv",
  ) {
    const t = tr(r);
    const unitName = (unitId: string | undefined) => (unitId ? (r.units.get(unitId)?.name ?? unitId) : "");
    await audit(conv, r.me, "roster.sheet", "ok", {
      target: { kind: "session", id: session.id },
      details: { people: rows.length, format },
    });
    const date = localDateOf(session.startsAt, session.timeZone).date;
    const name = `daftar-hadir-${course.id}-${date}`;
    const file =
      format === "xlsx"
        ? {
            filename: `${name}.xlsx`,
            mime: XLSX_MIME,
            bytes: await xlsxFile("Daftar hadir", ATTENDANCE_COLUMNS, attendanceRows(rows, unitName)),
          }
        : {
            filename: `${name}.csv`,
            mime: "text/csv",
            bytes: new TextEncoder().encode(attendanceSheet(rows, unitName, r.locale)),
          };
    return [
      {
        text: t("roster-sheet-caption", { title: course.title, count: rows.length }),
        media: { kind: "document" as const, ...file },
      },
    ];
  }

  return { sheet };
}
/** The daftar hadir of `createDaftarHadir`. */
export type DaftarHadir = ReturnType<typeof createDaftarHadir>;

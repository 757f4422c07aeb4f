import type { Course, CourseSession } from "../../domain/course.js";
import type { Conversation } from "../../engine/types.js";
import { localDateOf } from "../../services/jp-ledger.js";
import { attendanceSheet } from "./attendance-sheet.js";
import type { RosterContext } from "./context.js";
import type { Reader, Row } from "./reader.js";

/** The daftar hadir of a session as a document, its export written down in the audit log. */
export function createDaftarHadir(deps: RosterContext) {
  const { audit, tr } = deps;

  /** The daftar hadir as a CSV document. */
  async function sheet(
    conv: Conversation,
    r: Reader,
    course: Course,
    session: CourseSession,
    rows: readonly Row[],
  ) {
    const t = tr(r);
    const text = attendanceSheet(
      rows,
      (unitId) => (unitId ? (r.units.get(unitId)?.name ?? unitId) : ""),
      r.locale,
    );
    await audit(conv, r.me, "roster.sheet", "ok", {
      target: { kind: "session", id: session.id },
      details: { people: rows.length },
    });
    const date = localDateOf(session.startsAt, session.timeZone).date;
    return [
      {
        text: t("roster-sheet-caption", { title: course.title, count: rows.length }),
        media: {
          kind: "document" as const,
          filename: `daftar-hadir-${course.id}-${date}.csv`,
          mime: "text/csv",
          bytes: new TextEncoder().encode(text),
        },
      },
    ];
  }

  return { sheet };
}
/** The daftar hadir of `createDaftarHadir`. */
export type DaftarHadir = ReturnType<typeof createDaftarHadir>;

import type { Enrollment } from "../../db/models/index.js";
import type { Course, CourseSession } from "../../domain/course.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import type { RosterContext } from "./context.js";
import type { Reader, Readers, Row } from "./reader.js";
import type { RosterView } from "./roster-view.js";

/** True when a reminder answer and a koordinator's mark say the person was there. */
export function wasPresent(e: Pick<Enrollment, "attendance" | "checkedIn">): boolean {
  return e.checkedIn ? e.checkedIn === "hadir" : e.attendance === "hadir";
}

/** A koordinator's attendance marks: present or absent, written down, then the roster again. */
export function createAttendance(
  deps: RosterContext,
  { visiblePlaces }: Pick<Readers, "visiblePlaces">,
  { roster }: Pick<RosterView, "roster">,
) {
  const { audit } = deps;

  /** Marks one enrolee present (`hadir`) or absent (`tidak`), and shows the roster's page again. */
  async function markAttendance(
    conv: Conversation,
    r: Reader,
    course: Course,
    session: CourseSession,
    { enrollment, person }: Row,
    mark: "hadir" | "tidak",
    page: number,
  ): Promise<Outbound[]> {
    // The person the button named: their place was read by that id.
    const personId = enrollment.personId;
    await deps.repos.enrollments.setCheckedIn(enrollment._id, mark, deps.now(), r.me?._id ?? "admin");
    await audit(conv, r.me, "roster.attendance", "ok", {
      target: { kind: "person", id: personId },
      ...(person?.unitId ? { scopeUnitId: person.unitId } : {}),
      details: { session: session.id, mark },
    });
    return roster(r, course, session, await visiblePlaces(r, course, session), page);
  }

  return { markAttendance };
}
/** The marks of `createAttendance`. */
export type Attendance = ReturnType<typeof createAttendance>;

import type { Enrollment } from "../../db/models/index.js";
import type { Course, CourseSession } from "../../domain/course.js";

/** A place in a session as it is inserted (the repository gives it its key and seat). */
export type NewPlace = Omit<Enrollment, "_id" | "seat">;

/**
 * The place a person takes in a session: the course's title and JP and the session's times are
 * copied in, so reminders and JP views need not read the catalog; the unit is a hint for /peserta.
 */
export function newPlace(
  course: Pick<Course, "id" | "title" | "jp">,
  session: Pick<CourseSession, "id" | "startsAt" | "endsAt" | "timeZone">,
  person: { id: string; unitId?: string | undefined },
  at: Date,
): NewPlace {
  return {
    personId: person.id,
    courseId: course.id,
    sessionId: session.id,
    title: course.title,
    jp: course.jp,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timeZone: session.timeZone,
    enrolledAt: at,
    ...(person.unitId ? { unitId: person.unitId } : {}),
  };
}

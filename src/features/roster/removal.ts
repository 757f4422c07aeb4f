import type { Person } from "../../db/models/index.js";
import type { Course, CourseSession } from "../../domain/course.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import { rosterButton } from "./buttons.js";
import type { RosterContext } from "./context.js";
import type { Reader, Row } from "./reader.js";

/** Removing an enrolee: their seat offered to the waiting list, the person told. */
export function createRemoval(deps: RosterContext) {
  const { audit, tr } = deps;

  /** Asks to confirm removing one enrolee (the session's button key `key`; back to their card on `page`). */
  function confirmRemove(
    r: Reader,
    course: Course,
    key: string,
    personId: string,
    person: Person | undefined,
    page: number,
  ): Outbound[] {
    const t = tr(r);
    return [
      {
        text: t("roster-remove-confirm", {
          name: person?.name ?? t("roster-erased"),
          title: course.title,
        }),
        choices: [
          [
            {
              data: rosterButton.pack("removeConfirm", key, personId),
              label: t("roster-remove-yes"),
            },
            { data: rosterButton.pack("person", key, personId, page), label: t("roster-back") },
          ],
        ],
      },
    ];
  }

  /** Removes one enrolee: the seat is freed (offered to the waiting list) and the person told. */
  async function remove(conv: Conversation, r: Reader, course: Course, session: CourseSession, row: Row) {
    const t = tr(r);
    const now = deps.now();
    if (session.startsAt <= now) return [{ text: t("roster-remove-started") }];
    const removed = await deps.repos.enrollments.cancel(session.id, row.enrollment.personId);
    if (!removed) return [{ text: t("roster-person-gone") }];
    await deps.waitlist.offerFree(session.id);
    if (row.person)
      await deps.outbox.schedule({
        purpose: "roster.removed",
        occurrence: `${removed._id}@${now.toISOString()}`,
        personId: row.person._id,
        message: {
          text: deps.translate(row.person.locale, "roster-removed-person", {
            title: course.title,
            when: formatDateTime(session.startsAt, {
              locale: row.person.locale,
              timeZone: row.person.timeZone,
            }),
          }),
        },
        dueAt: now,
      });
    await audit(conv, r.me, "roster.removed", "ok", {
      target: { kind: "person", id: row.enrollment.personId },
      ...(row.person?.unitId ? { scopeUnitId: row.person.unitId } : {}),
      details: { session: session.id },
    });
    return [
      { text: t("roster-removed", { name: row.person?.name ?? t("roster-erased"), title: course.title }) },
    ];
  }

  return { confirmRemove, remove };
}
/** The removal of `createRemoval`. */
export type Removal = ReturnType<typeof createRemoval>;

import type { Completion, Enrollment, Person } from "../../db/models/index.js";
import type { Course, CourseSession } from "../../domain/course.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatNumber } from "../../i18n/format.js";
import { localDateOf } from "../../services/jp-ledger.js";
import { competencyTypeOf } from "../training/completion.js";
import { wasPresent } from "./attendance.js";
import { rosterButton } from "./buttons.js";
import type { RosterContext } from "./context.js";
import type { Reader, Row } from "./reader.js";

/** Marking a session completed: JP credited once each through the ledger, each person told. */
export function createCompletion(deps: RosterContext) {
  const { audit, tr } = deps;

  /** Asks to confirm marking the session (its button key `key`) completed for the `present` enrolees. */
  function confirmComplete(r: Reader, course: Course, key: string, present: number): Outbound[] {
    const t = tr(r);
    return [
      {
        text: t("roster-complete-confirm", {
          count: present,
          title: course.title,
          jp: course.jp,
        }),
        choices: [
          [
            { data: rosterButton.pack("completeConfirm", key), label: t("roster-complete-yes") },
            { data: rosterButton.pack("open", key), label: t("roster-back") },
          ],
        ],
      },
    ];
  }

  /** The completion a roster mark records: the catalog course, finished at the session's end. */
  function completionOf(course: Course, e: Enrollment, person: Person, now: Date): Completion {
    const finished = new Date(Math.min(e.endsAt.getTime(), now.getTime()));
    const local = localDateOf(finished, person.timeZone);
    return {
      _id: `${person._id}|course|${e.courseId}`,
      personId: person._id,
      source: "course",
      courseId: e.courseId,
      title: e.title,
      method: course.method,
      kind: course.kind,
      competencyType: competencyTypeOf(
        course.competencies.map((c) => c.code),
        deps.competencies,
      ),
      jp: e.jp,
      completedOn: local.date,
      year: local.year,
      recordedAt: now,
    };
  }

  /** Marks the session completed for every visible present enrolee: JP once each, each person told. */
  async function complete(
    conv: Conversation,
    r: Reader,
    course: Course,
    session: CourseSession,
    rows: readonly Row[],
  ) {
    const t = tr(r);
    const now = deps.now();
    let recorded = 0;
    let already = 0;
    for (const { enrollment: e, person } of rows) {
      if (!person || !wasPresent(e)) continue;
      const outcome = await deps.ledger.record(person, completionOf(course, e, person, now), now);
      if (!outcome.recorded) {
        already++;
        continue;
      }
      recorded++;
      await deps.outbox.schedule({
        purpose: "roster.completed",
        occurrence: e._id,
        personId: person._id,
        message: {
          text: deps.translate(person.locale, "roster-completed-person", {
            title: course.title,
            jp: formatNumber(e.jp, person.locale),
          }),
        },
        dueAt: now,
      });
    }
    await audit(conv, r.me, "roster.completed", "ok", {
      target: { kind: "session", id: session.id },
      details: { recorded, already },
    });
    if (recorded === 0)
      return [
        { text: already > 0 ? t("roster-complete-again", { count: already }) : t("roster-complete-nobody") },
      ];
    return [
      {
        text: t("roster-complete-done", {
          count: recorded,
          jp: formatNumber(course.jp, r.locale),
          already,
        }),
        replacesPrompt: true,
      },
    ];
  }

  return { confirmComplete, complete };
}
/** The completion of `createCompletion`. */
export type SessionCompletion = ReturnType<typeof createCompletion>;

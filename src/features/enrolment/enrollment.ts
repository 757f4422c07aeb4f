import type { Enrollment } from "../../db/models/index.js";
import type { EnrollmentsRepository } from "../../db/repositories/enrollments.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Competency } from "../../domain/competency.js";
import type { Course, CourseSession } from "../../domain/course.js";
import { attendableSession } from "../../domain/recommend.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import type { CourseAccess, CourseAccessService } from "../../services/course-access.js";
import { type CourseCatalog, shortKey } from "../../services/course-catalog.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import { newPlace } from "./new-place.js";
import { WAITLIST_OFFER_HOURS, type Waitlist } from "./waitlist.js";

/** Course buttons: detail, enrol (asked, then confirmed), later, and cancelling a place. */
export const courseButton = buttonCodec("course", "crs", {
  detail: ["d", 1],
  later: ["l", 1],
  enrol: ["e", 1],
  request: ["r", 1],
  enrolConfirm: ["y", 1],
  notNow: ["n", 1],
  cancel: ["c", 1],
  cancelConfirm: ["x", 1],
  wait: ["w", 1],
});
type CourseAction = Parameters<typeof courseButton.pack>[0];

/** A person's place in the session whose short key a button carries (`shortKey(sessionId)`). */
export async function placeByShortKey(
  enrollments: Pick<EnrollmentsRepository, "listForPerson">,
  personId: string,
  key: string,
): Promise<Enrollment | undefined> {
  return (await enrollments.listForPerson(personId)).find((e) => shortKey(e.sessionId) === key);
}

/**
 * Where a course happens, in words: its location, else its province by name (a code such as
 * "nusa-tenggara-barat" means nothing to the reader), else `fallback`.
 */
export function placeOf(
  course: Pick<Course, "location" | "regionId">,
  regions: readonly { id: string; name: string }[] | undefined,
  fallback: string,
): string {
  if (course.location) return course.location;
  if (!course.regionId) return fallback;
  return regions?.find((r) => r.id === course.regionId)?.name ?? course.regionId;
}

/**
 * Course buttons (`crs|<action>|<key>`): detail, enrol (asked, then confirmed), later, and cancel
 * (asked, then confirmed). Stateless: every press carries what it is about, and the database
 * decides (a seat is a unique key), so a double tap cannot enrol twice.
 */
export function createEnrollment(deps: {
  repos: Pick<Repositories, "people" | "enrollments">;
  /** Who may take which course: a button for a course one may not take is refused. */
  access: CourseAccessService;
  catalog: CourseCatalog;
  competencies: readonly Competency[];
  translate: Translate;
  now: () => Date;
  /** Provinces by id, to name a course's province. */
  regions?: readonly { id: string; name: string }[];
  /** Asks the person's coordinator for a place in a course by request ("Ajukan"). */
  requestPlace?: (conv: Conversation, course: Course, session: CourseSession) => Promise<Outbound[]>;
  /** Waiting lists of full sessions: without it a full session is simply refused. */
  waitlist?: Pick<Waitlist, "seatOrQueue" | "positionOf" | "queueLength" | "offerFree" | "leaveChoice">;
}) {
  const tr = (conv: Conversation) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  async function zoneOf(conv: Conversation): Promise<string> {
    const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    return person?.timeZone ?? "Asia/Jakarta";
  }

  function sessionLine(conv: Conversation, s: CourseSession, timeZone: string): string {
    const opts = { locale: conv.profile.locale, timeZone };
    return tr(conv)("course-session-line", {
      start: formatDateTime(s.startsAt, opts),
      end: formatDateTime(s.endsAt, opts),
    });
  }

  /** The person's access to a course, read fresh on every press. */
  async function accessTo(conv: Conversation, course: Course): Promise<CourseAccess> {
    const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    if (!person) return { may: false, why: "status" };
    return deps.access.accessOf(course, await deps.access.candidateFor(person));
  }

  /** Why a person may not take a course, in words, with whom to ask. */
  function refusal(conv: Conversation, course: Course, access: CourseAccess): Outbound[] {
    const t = tr(conv);
    if (!access.may) return [{ text: t(`course-not-for-you-${access.why}`, { title: course.title }) }];
    return [
      {
        text: t("course-by-nomination", { contact: course.contact ?? t("course-contact-default") }),
      },
    ];
  }

  /** True when a session has no seat for a newcomer: every seat taken, or people waiting for one. */
  async function isFull(session: CourseSession): Promise<boolean> {
    if (!deps.waitlist) return false;
    if ((await deps.waitlist.queueLength(session.id)) > 0) return true;
    return (await deps.repos.enrollments.countForSession(session.id)) >= session.quota;
  }

  /** The refusal of a full session, with "Masuk daftar tunggu" where there is a list to join. */
  function fullReply(conv: Conversation, course: Course, session: CourseSession): Outbound[] {
    const t = tr(conv);
    if (!deps.waitlist) return [{ text: t("enrol-full", { title: course.title }) }];
    return [
      {
        text: t("enrol-full-waitlist", { title: course.title }),
        choices: [[{ data: courseButton.pack("wait", shortKey(session.id)), label: t("waitlist-join") }]],
      },
    ];
  }

  /** Seat or waiting list for a person who asked to wait (a seat if one is free and nobody waits). */
  async function wait(conv: Conversation, course: Course, session: CourseSession): Promise<Outbound[]> {
    const t = tr(conv);
    if (!deps.waitlist) return enrol(conv, course, session);
    if (session.startsAt <= deps.now()) return [{ text: t("enrol-started") }];
    const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    const outcome = await deps.waitlist.seatOrQueue(
      newPlace(course, session, { id: conv.profile.personId!, unitId: person?.unitId }, deps.now()),
      session.quota,
    );
    switch (outcome.kind) {
      case "already":
        return [{ text: t("enrol-already", { title: course.title }) }];
      case "enrolled":
        return [
          {
            text: t("enrol-done", {
              title: course.title,
              when: sessionLine(conv, session, await zoneOf(conv)),
            }),
            replacesPrompt: true,
          },
        ];
      default:
        return [
          {
            text: t(outcome.kind === "queued" ? "waitlist-joined" : "waitlist-already", {
              title: course.title,
              position: outcome.position,
              hours: WAITLIST_OFFER_HOURS,
            }),
            choices: deps.waitlist.leaveChoice(conv.profile.locale, session.id),
            replacesPrompt: true,
          },
        ];
    }
  }

  async function detail(conv: Conversation, course: Course): Promise<Outbound[]> {
    const t = tr(conv);
    const locale = conv.profile.locale;
    const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    const access = await accessTo(conv, course);
    const timeZone = person?.timeZone ?? "Asia/Jakarta";
    const names = course.competencies.map((c) => {
      const comp = deps.competencies.find((x) => x.code === c.code);
      const range = c.from === c.to ? String(c.from) : `${c.from}–${c.to}`;
      return `${comp ? comp.name[locale] : c.code} (${t("course-levels", { range })})`;
    });
    const now = deps.now();
    const upcoming = course.sessions.filter((s) => s.startsAt > now);
    const lines = [
      `📘 ${course.title}`,
      `${t("course-provider")}: ${course.provider}`,
      `${t("course-method")}: ${t(`method-${course.method}`)} (${t(`method-kind-${course.kind}`)})`,
      `${t("course-jp-label")}: ${course.jp}`,
      `${t("course-competencies")}: ${names.join(", ")}`,
      `${t("course-place")}: ${course.mode === "online" ? t("course-online") : placeOf(course, deps.regions, "—")}`,
      ...(course.url ? [`${t("course-link")}: ${course.url}`] : []),
      "",
      upcoming.length > 0
        ? `${t("course-sessions")}:\n${upcoming.map((s) => `• ${sessionLine(conv, s, timeZone)}`).join("\n")}`
        : course.sessions.length > 0
          ? t("course-no-upcoming")
          : t("course-self-paced-detail"),
    ];
    // Who may take it and how, before any button: nobody is offered what they cannot take.
    if (!access.may) lines.push("", t(`course-not-for-you-${access.why}`, { title: course.title }));
    else if (access.admission === "nomination")
      lines.push("", t("course-by-nomination", { contact: course.contact ?? t("course-contact-default") }));
    else if (access.admission === "request")
      lines.push("", t("course-by-request", { contact: course.contact ?? t("course-contact-default") }));
    const reachable = attendableSession(course, person?.regionId, now) !== null;
    const action = access.may && access.admission === "request" ? "request" : "enrol";
    const shown = upcoming.slice(0, 3);
    const rows: Choice[][] = [];
    if (reachable && access.may && access.admission !== "nomination")
      for (const s of shown) {
        const date = formatDateTime(s.startsAt, { locale, timeZone });
        // A full open session offers its waiting list instead of a Daftar that would be refused.
        const full = action === "enrol" && (await isFull(s));
        rows.push([
          {
            data: courseButton.pack(full ? "wait" : action, shortKey(s.id)),
            label: t(
              full ? "waitlist-join-on" : action === "request" ? "course-request-on" : "course-enrol-on",
              {
                date,
              },
            ),
          },
        ]);
      }
    // Where the person stands on the waiting lists of this course's sessions, with a way off them.
    if (deps.waitlist && person)
      for (const s of upcoming) {
        const position = await deps.waitlist.positionOf(s.id, person._id);
        if (position === undefined) continue;
        lines.push(
          "",
          t("waitlist-position", { position, date: formatDateTime(s.startsAt, { locale, timeZone }) }),
        );
        rows.push(...deps.waitlist.leaveChoice(locale, s.id));
      }
    return [{ text: lines.join("\n"), ...(rows.length ? { choices: rows } : {}) }];
  }

  async function askEnrol(conv: Conversation, course: Course, session: CourseSession): Promise<Outbound[]> {
    const t = tr(conv);
    const key = shortKey(session.id);
    const mine = await deps.repos.enrollments.get(session.id, conv.profile.personId!);
    if (mine) return [{ text: t("enrol-already", { title: course.title }) }];
    if (session.startsAt <= deps.now()) return [{ text: t("enrol-started") }];
    if (await isFull(session)) return fullReply(conv, course, session);
    const where = course.mode === "online" ? t("course-online") : placeOf(course, deps.regions, "");
    return [
      {
        text: t("enrol-confirm", {
          title: course.title,
          when: sessionLine(conv, session, await zoneOf(conv)),
          where,
          jp: String(course.jp),
        }),
        choices: [
          [
            { data: courseButton.pack("enrolConfirm", key), label: t("enrol-yes") },
            { data: courseButton.pack("notNow", key), label: t("enrol-no") },
          ],
        ],
      },
    ];
  }

  async function enrol(conv: Conversation, course: Course, session: CourseSession): Promise<Outbound[]> {
    const t = tr(conv);
    const personId = conv.profile.personId!;
    if (session.startsAt <= deps.now()) return [{ text: t("enrol-started") }];
    // People waiting for a seat come first: a seat freed for them is not taken by a Daftar.
    if (deps.waitlist && (await deps.waitlist.queueLength(session.id)) > 0)
      return fullReply(conv, course, session);
    const person = await deps.repos.people.get(personId);
    const outcome = await deps.repos.enrollments.enroll(
      newPlace(course, session, { id: personId, unitId: person?.unitId }, deps.now()),
      session.quota,
    );
    if (outcome.kind === "full") return fullReply(conv, course, session);
    if (outcome.kind === "already") return [{ text: t("enrol-already", { title: course.title }) }];
    return [
      {
        text: t("enrol-done", {
          title: course.title,
          when: sessionLine(conv, session, await zoneOf(conv)),
        }),
        replacesPrompt: true,
      },
    ];
  }

  async function askCancel(conv: Conversation, sessionId: string, key: string): Promise<Outbound[]> {
    const t = tr(conv);
    const mine = await deps.repos.enrollments.get(sessionId, conv.profile.personId!);
    if (!mine) return [{ text: t("enrol-cancel-none") }];
    if (mine.startsAt <= deps.now()) return [{ text: t("enrol-cancel-started") }];
    return [
      {
        text: t("enrol-cancel-confirm", { title: mine.title }),
        choices: [
          [
            { data: courseButton.pack("cancelConfirm", key), label: t("enrol-cancel-yes") },
            { data: courseButton.pack("notNow", key), label: t("enrol-cancel-no") },
          ],
        ],
      },
    ];
  }

  async function cancel(conv: Conversation, sessionId: string): Promise<Outbound[]> {
    const t = tr(conv);
    const personId = conv.profile.personId!;
    const mine = await deps.repos.enrollments.get(sessionId, personId);
    if (!mine) return [{ text: t("enrol-cancel-none") }];
    // Once it has started the seat is used; cancelling would also hide the training from /pelatihan.
    if (mine.startsAt <= deps.now()) return [{ text: t("enrol-cancel-started") }];
    const removed = await deps.repos.enrollments.cancel(sessionId, personId);
    if (!removed) return [{ text: t("enrol-cancel-none") }];
    // The freed seat goes to the first on the waiting list, through the outbox.
    await deps.waitlist?.offerFree(sessionId);
    return [{ text: t("enrol-cancelled", { title: mine.title }), replacesPrompt: true }];
  }

  /** Sessions a person is enrolled in by short key, for cancel buttons of sessions no longer in the catalog. */
  async function enrolledSessionByKey(personId: string, key: string): Promise<string | undefined> {
    return (await placeByShortKey(deps.repos.enrollments, personId, key))?.sessionId;
  }

  return {
    /** Handles a `crs|…` button; undefined when the data is not one of ours. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<CourseAction>,
    ): Promise<Outbound[] | undefined> {
      const { action } = press;
      const key = press.args[0]!;
      const t = tr(conv);
      if (!conv.profile.personId) return [{ text: t("onboarding-needed") }];
      switch (action) {
        case "detail":
        case "later": {
          const course = await deps.catalog.byKey(key);
          if (!course) return [{ text: t("course-gone") }];
          if (action === "later")
            return [{ text: t("rec-later-ok", { title: course.title }), replacesPrompt: false }];
          return detail(conv, course);
        }
        case "enrol":
        case "enrolConfirm":
        case "wait":
        case "request": {
          const found = await deps.catalog.sessionByKey(key);
          if (!found) return [{ text: t("course-gone") }];
          // Checked on every press, not only when the button was drawn: the button may be old,
          // forged, or the person's status may have changed since.
          const access = await accessTo(conv, found.course);
          if (!access.may || access.admission === "nomination") return refusal(conv, found.course, access);
          if (action === "request" || access.admission === "request")
            return deps.requestPlace
              ? deps.requestPlace(conv, found.course, found.session)
              : [
                  {
                    text: t("course-by-request", {
                      contact: found.course.contact ?? t("course-contact-default"),
                    }),
                  },
                ];
          if (action === "wait") return wait(conv, found.course, found.session);
          return action === "enrol"
            ? askEnrol(conv, found.course, found.session)
            : enrol(conv, found.course, found.session);
        }
        case "notNow":
          return [{ text: t("enrol-not-now"), replacesPrompt: true }];
        case "cancel":
        case "cancelConfirm": {
          const sessionId =
            (await deps.catalog.sessionByKey(key))?.session.id ??
            (await enrolledSessionByKey(conv.profile.personId, key));
          if (!sessionId) return [{ text: t("enrol-cancel-none") }];
          return action === "cancel" ? askCancel(conv, sessionId, key) : cancel(conv, sessionId);
        }
      }
    },
  };
}
export type EnrollmentService = ReturnType<typeof createEnrollment>;

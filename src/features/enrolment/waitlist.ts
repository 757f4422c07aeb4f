import type { Enrollment, Person, WaitlistEntry } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { Course, CourseSession } from "../../domain/course.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import type { CourseAccessService } from "../../services/course-access.js";
import { type CourseCatalog, shortKey } from "../../services/course-catalog.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import { type NewPlace, newPlace } from "./new-place.js";

/** How long the first on the list has to take a freed seat before it passes to the next. */
export const WAITLIST_OFFER_HOURS = 24;

/** Waiting-list buttons: take or refuse an offered seat, leave the list (asked, then confirmed). */
export const waitlistButton = buttonCodec("waitlist", "wl", {
  accept: ["a", 1],
  decline: ["d", 1],
  leave: ["l", 1],
  leaveConfirm: ["x", 1],
  stay: ["s", 1],
});
type WaitlistAction = Parameters<typeof waitlistButton.pack>[0];

export type SeatOrQueue =
  | { kind: "enrolled" | "already"; enrollment: Enrollment }
  | { kind: "queued" | "already-queued"; entry: WaitlistEntry; position: number };

/**
 * Waiting lists of full sessions: joining (a seat when one is free and nobody waits, else the end
 * of the list), offering each freed seat to the first in line through the outbox with a time limit,
 * passing an unanswered offer to the next (a job), and the person's own buttons. The quota is never
 * read-then-written: taking an offered seat is an ordinary seat insert, which can fail, and says so.
 */
export function createWaitlist(deps: {
  repos: Pick<Repositories, "people" | "enrollments" | "waitlist">;
  catalog: Pick<CourseCatalog, "sessionByKey">;
  outbox: Pick<Outbox, "schedule">;
  /** Who may take which course: an offer is taken only by someone who still may. */
  access?: CourseAccessService;
  translate: Translate;
  now: () => Date;
  /** How long an offer stands (default WAITLIST_OFFER_HOURS). */
  offerMs?: number;
}) {
  const offerMs = deps.offerMs ?? WAITLIST_OFFER_HOURS * 3_600_000;
  const t = (locale: Locale, key: string, args?: Record<string, string | number>) =>
    deps.translate(locale, key, args);

  /** A person's position among those still on the list (1 = next in line). */
  function positionIn(open: readonly WaitlistEntry[], entry: WaitlistEntry): number {
    return open.filter((e) => e.n < entry.n).length + 1;
  }

  /** The person's position on a session's list, or undefined when they are not on it. */
  async function positionOf(sessionId: string, personId: string): Promise<number | undefined> {
    const mine = await deps.repos.waitlist.get(sessionId, personId);
    if (!mine) return undefined;
    return positionIn(await deps.repos.waitlist.openForSession(sessionId), mine);
  }

  /** How many people are on a session's list (a direct enrolment would jump the queue). */
  async function queueLength(sessionId: string): Promise<number> {
    return (await deps.repos.waitlist.openForSession(sessionId)).length;
  }

  /**
   * A seat when one is free and nobody is waiting, else the end of the list. 50 of these at once
   * into 10 seats seat 10 and queue the rest at 1–40: a seat and a position are both unique keys.
   */
  async function seatOrQueue(place: NewPlace, quota: number): Promise<SeatOrQueue> {
    const mine = await deps.repos.enrollments.get(place.sessionId, place.personId);
    if (mine) return { kind: "already", enrollment: mine };
    if ((await queueLength(place.sessionId)) === 0) {
      const outcome = await deps.repos.enrollments.enroll(place, quota);
      if (outcome.kind !== "full") return outcome;
    }
    const joined = await deps.repos.waitlist.join({
      sessionId: place.sessionId,
      courseId: place.courseId,
      personId: place.personId,
      title: place.title,
      joinedAt: deps.now(),
    });
    const open = await deps.repos.waitlist.openForSession(place.sessionId);
    return {
      kind: joined.kind === "joined" ? "queued" : "already-queued",
      entry: joined.entry,
      position: positionIn(open, joined.entry),
    };
  }

  /** The offer message: the seat, the time limit, and the two buttons. */
  function offerMessage(person: Person, entry: WaitlistEntry, session: CourseSession, until: Date) {
    const locale = person.locale;
    const key = shortKey(entry.sessionId);
    const opts = { locale, timeZone: person.timeZone };
    return {
      text: t(locale, "waitlist-offer", {
        title: entry.title,
        when: formatDateTime(session.startsAt, opts),
        until: formatDateTime(until, opts),
      }),
      choices: [
        [
          { data: waitlistButton.pack("accept", key), label: t(locale, "waitlist-accept") },
          { data: waitlistButton.pack("decline", key), label: t(locale, "waitlist-decline") },
        ],
      ],
    };
  }

  /**
   * Offers the free seats of a session to those first in line who hold no standing offer: free
   * seats minus offers still standing. Each offer is one outbox message under the key (entry, how
   * many offers it had), so two callers at the same moment offer once. Returns how many were offered.
   */
  async function offerFree(sessionId: string): Promise<number> {
    const found = await deps.catalog.sessionByKey(shortKey(sessionId));
    const now = deps.now();
    if (!found || found.session.startsAt <= now) return 0;
    const open = await deps.repos.waitlist.openForSession(sessionId);
    const standing = open.filter((e) => e.state === "offered" && e.offerExpiresAt && e.offerExpiresAt > now);
    let wanted =
      found.session.quota - (await deps.repos.enrollments.countForSession(sessionId)) - standing.length;
    let offered = 0;
    for (const entry of open) {
      if (wanted <= 0) break;
      if (entry.state !== "waiting") continue;
      const person = await deps.repos.people.get(entry.personId);
      if (!person) continue;
      const until = new Date(now.getTime() + offerMs);
      const sent = await deps.outbox.schedule({
        purpose: "waitlist.offer",
        occurrence: `${entry._id}#${(entry.offers ?? 0) + 1}`,
        personId: person._id,
        message: offerMessage(person, entry, found.session, until),
        dueAt: now,
      });
      // Someone else offered this one a moment ago: it counts toward the free seats all the same.
      if (sent === "duplicate") {
        wanted--;
        continue;
      }
      await deps.repos.waitlist.markOffered(entry, now, until);
      wanted--;
      offered++;
    }
    return offered;
  }

  /** The expiry job: offers past their time pass to the next in line, and the person is told. */
  async function expireOffers(now: Date): Promise<{ expired: number; offered: number }> {
    let expired = 0;
    let offered = 0;
    const sessions = new Set<string>();
    for (const e of await deps.repos.waitlist.expiredOffers(now)) {
      if (!(await deps.repos.waitlist.close(e, "expired", now))) continue;
      expired++;
      sessions.add(e.sessionId);
      const person = await deps.repos.people.get(e.personId);
      if (person)
        await deps.outbox.schedule({
          purpose: "waitlist.expired",
          occurrence: e._id,
          personId: person._id,
          message: { text: t(person.locale, "waitlist-offer-expired", { title: e.title }) },
          dueAt: now,
        });
    }
    for (const sessionId of sessions) offered += await offerFree(sessionId);
    return { expired, offered };
  }

  /** The person's open entry in the session a button's short key names. */
  async function entryByKey(personId: string, key: string): Promise<WaitlistEntry | undefined> {
    return (await deps.repos.waitlist.openForPerson(personId)).find((e) => shortKey(e.sessionId) === key);
  }

  /** Takes an offered seat: an ordinary seat insert, so a seat someone else took fails, and says so. */
  async function accept(person: Person, entry: WaitlistEntry, course: Course, session: CourseSession) {
    const locale = person.locale;
    const now = deps.now();
    if (deps.access) {
      const access = deps.access.accessOf(course, await deps.access.candidateFor(person));
      if (!access.may)
        return [{ text: t(locale, `course-not-for-you-${access.why}`, { title: course.title }) }];
    }
    const outcome = await deps.repos.enrollments.enroll(
      newPlace(course, session, { id: person._id, unitId: person.unitId }, now),
      session.quota,
    );
    if (outcome.kind === "full") {
      await deps.repos.waitlist.backToWaiting(entry);
      const position = await positionOf(session.id, person._id);
      return [{ text: t(locale, "waitlist-accept-full", { title: course.title, position: position ?? 1 }) }];
    }
    await deps.repos.waitlist.close(entry, "seated", now);
    const when = formatDateTime(session.startsAt, { locale, timeZone: person.timeZone });
    return [{ text: t(locale, "waitlist-accepted", { title: course.title, when }), replacesPrompt: true }];
  }

  /** A person's places on waiting lists: each session, its title and the person's position. */
  async function waitingOf(personId: string) {
    const mine = await deps.repos.waitlist.openForPerson(personId);
    const out: { sessionId: string; title: string; position: number; offered: boolean }[] = [];
    for (const e of mine) {
      const open = await deps.repos.waitlist.openForSession(e.sessionId);
      out.push({
        sessionId: e.sessionId,
        title: e.title,
        position: positionIn(open, e),
        offered: e.state === "offered",
      });
    }
    return out;
  }

  return {
    seatOrQueue,
    positionOf,
    waitingOf,
    queueLength,
    offerFree,
    expireOffers,
    /** The buttons under a person's waiting-list position: leave the list. */
    leaveChoice(locale: Locale, sessionId: string) {
      return [
        [{ data: waitlistButton.pack("leave", shortKey(sessionId)), label: t(locale, "waitlist-leave") }],
      ];
    },
    /** Handles a `wl|…` button; undefined when the data is not one of ours. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<WaitlistAction>,
    ): Promise<Outbound[] | undefined> {
      const personId = conv.profile.personId;
      if (!personId) return [{ text: deps.translate(conv.profile.locale, "onboarding-needed") }];
      const person = await deps.repos.people.get(personId);
      if (!person) return undefined;
      const locale = person.locale;
      const key = press.args[0]!;
      const entry = await entryByKey(person._id, key);
      if (!entry) return [{ text: t(locale, "waitlist-none") }];
      const now = deps.now();
      switch (press.action) {
        case "accept":
        case "decline": {
          if (entry.state !== "offered")
            return [{ text: t(locale, "waitlist-no-offer", { title: entry.title }) }];
          if (entry.offerExpiresAt && entry.offerExpiresAt <= now)
            return [{ text: t(locale, "waitlist-offer-expired", { title: entry.title }) }];
          const found = await deps.catalog.sessionByKey(key);
          if (!found || found.session.startsAt <= now) return [{ text: t(locale, "enrol-started") }];
          if (press.action === "accept") return accept(person, entry, found.course, found.session);
          await deps.repos.waitlist.close(entry, "declined", now);
          await offerFree(entry.sessionId);
          return [{ text: t(locale, "waitlist-declined", { title: entry.title }), replacesPrompt: true }];
        }
        case "leave":
          return [
            {
              text: t(locale, "waitlist-leave-confirm", { title: entry.title }),
              choices: [
                [
                  { data: waitlistButton.pack("leaveConfirm", key), label: t(locale, "waitlist-leave-yes") },
                  { data: waitlistButton.pack("stay", key), label: t(locale, "waitlist-stay") },
                ],
              ],
            },
          ];
        case "leaveConfirm": {
          await deps.repos.waitlist.close(entry, "left", now);
          // A seat they were offered goes to the next in line at once.
          if (entry.state === "offered") await offerFree(entry.sessionId);
          return [{ text: t(locale, "waitlist-left", { title: entry.title }), replacesPrompt: true }];
        }
        case "stay": {
          const position = await positionOf(entry.sessionId, person._id);
          return [
            {
              text: t(locale, "waitlist-stayed", { title: entry.title, position: position ?? 1 }),
              replacesPrompt: true,
            },
          ];
        }
        default:
          return undefined;
      }
    },
  };
}
export type Waitlist = ReturnType<typeof createWaitlist>;

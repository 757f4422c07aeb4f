import { z } from "zod";
import type { Person, PlaceRequest } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { Course, CourseSession } from "../../domain/course.js";
import { type Actor, mayAct, scopeRoots } from "../../domain/scope.js";
import type { ComputeService } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import { actorOf } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { CourseAccessService } from "../../services/course-access.js";
import { type CourseCatalog, shortKey } from "../../services/course-catalog.js";

/** What the decline flow carries: the request's key (seeded by the button) and the reason typed. */
const declineAnswers = z.object({
  request: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/),
  reason: z.string().trim().min(5).max(300),
});

/** The longest reason a coordinator may give for declining (it is sent to the person). */
export const MAX_DECLINE_REASON = 300;

/**
 * Places in courses by request ("Ajukan"): the person asks, a coordinator whose scope covers the
 * person's unit approves (the person is enrolled if a seat is free) or declines with a reason, and
 * the person is told either way. Every decision re-checks the coordinator's role and scope and the
 * person's eligibility at that moment.
 */
export function createPlaceRequests(deps: {
  repos: Pick<Repositories, "people" | "placeRequests" | "enrollments" | "orgUnits" | "audit">;
  catalog: CourseCatalog;
  access: CourseAccessService;
  outbox: Pick<Outbox, "schedule">;
  translate: Translate;
  now: () => Date;
  /** Bootstrap admins (ADMIN_IDS): a typed reason comes without the router's word on them. */
  adminIds?: readonly string[];
}) {
  const audit = createAuditLog(deps);
  const tr = (locale: "id" | "en") => (key: string, args?: Record<string, string | number>) =>
    deps.translate(locale, key, args);

  /** The person asks for a place; one request per session. */
  async function request(conv: Conversation, course: Course, session: CourseSession): Promise<Outbound[]> {
    const t = tr(conv.profile.locale);
    const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    if (!person) return [{ text: t("onboarding-needed") }];
    if (session.startsAt <= deps.now()) return [{ text: t("enrol-started") }];
    if (await deps.repos.enrollments.get(session.id, person._id))
      return [{ text: t("enrol-already", { title: course.title }) }];
    const id = `${session.id}|${person._id}`;
    const fresh = await deps.repos.placeRequests.open({
      _id: id,
      key: shortKey(id),
      personId: person._id,
      courseId: course.id,
      sessionId: session.id,
      title: course.title,
      ...(person.unitId ? { unitId: person.unitId } : {}),
      requestedAt: deps.now(),
      state: "pending",
    });
    if (!fresh) {
      const existing = await deps.repos.placeRequests.get(id);
      return [{ text: t(`place-request-already-${existing?.state ?? "pending"}`, { title: course.title }) }];
    }
    await audit(conv, person, "place-request.opened", "ok", { target: { kind: "course", id: course.id } });
    const when = formatDateTime(session.startsAt, { locale: conv.profile.locale, timeZone: person.timeZone });
    // A new message: the button may sit in a list of courses, which stays (a second press is refused).
    return [{ text: t("place-request-sent", { title: course.title, when }) }];
  }

  /** The coordinator's actor and whether they may decide for this person now. */
  async function mayDecide(me: Person | null, bootstrapAdmin: boolean, personId: string) {
    const actor: Actor = actorOf(me, bootstrapAdmin);
    const person = await deps.repos.people.get(personId);
    const unit = person?.unitId ? await deps.repos.orgUnits.get(person.unitId) : null;
    return { actor, person, unit, allowed: Boolean(person && unit && mayAct(actor, "koordinator", unit)) };
  }

  /** Pending requests of the people a coordinator may decide for, oldest first. */
  async function pendingFor(me: Person | null, bootstrapAdmin: boolean): Promise<PlaceRequest[]> {
    const roots = scopeRoots(actorOf(me, bootstrapAdmin), "koordinator");
    const units = await deps.repos.orgUnits.inScope(roots);
    return deps.repos.placeRequests.pendingInUnits(units.map((u) => u._id));
  }

  /**
   * A coordinator's decision. Refused (and audited) when the request is unknown, already decided,
   * or its person is outside the coordinator's scope now; an approval also re-checks that the
   * person may still take the course and that a seat is free.
   */
  async function decide(
    conv: Conversation,
    bootstrapAdmin: boolean,
    requestKey: string,
    decision: { approve: true } | { approve: false; reason: string },
  ): Promise<Outbound[]> {
    const t = tr(conv.profile.locale);
    const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    // The key comes from a button: hostile until it names a request.
    const req = /^[A-Za-z0-9_-]{1,20}$/.test(requestKey)
      ? await deps.repos.placeRequests.byKey(requestKey)
      : null;
    if (!req) return [{ text: t("place-request-gone") }];
    const requestId = req._id;
    const target = { target: { kind: "place-request", id: requestId } };
    const { person, allowed } = await mayDecide(me, bootstrapAdmin, req.personId);
    if (!allowed || !person) {
      await audit(conv, me, "place-request.decide", "refused", target);
      return [{ text: t("place-request-out-of-scope") }];
    }
    if (req.state !== "pending") return [{ text: t("place-request-decided") }];
    const found = await deps.catalog.sessionByKey(shortKey(req.sessionId));
    const now = deps.now();
    if (decision.approve) {
      if (!found || found.session.startsAt <= now) return [{ text: t("place-request-session-gone") }];
      const access = deps.access.accessOf(found.course, await deps.access.candidateFor(person));
      if (!access.may) {
        await audit(conv, me, "place-request.decide", "refused", { ...target, details: { why: access.why } });
        return [{ text: t("place-request-not-eligible", { name: person.name }) }];
      }
      // The state changes first, so two coordinators pressing at once cannot enrol twice.
      if (
        !(await deps.repos.placeRequests.decide(requestId, {
          state: "approved",
          by: me?._id ?? "admin",
          at: now,
        }))
      )
        return [{ text: t("place-request-decided") }];
      const outcome = await deps.repos.enrollments.enroll(
        {
          personId: person._id,
          courseId: found.course.id,
          sessionId: found.session.id,
          title: found.course.title,
          jp: found.course.jp,
          startsAt: found.session.startsAt,
          endsAt: found.session.endsAt,
          timeZone: found.session.timeZone,
          enrolledAt: now,
        },
        found.session.quota,
      );
      if (outcome.kind === "full") {
        await deps.repos.placeRequests.reopen(requestId);
        return [{ text: t("place-request-full", { title: req.title }) }];
      }
      await tell(person, req, "approved", undefined, found.session);
      await audit(conv, me, "place-request.approved", "ok", { ...target, scopeUnitId: person.unitId });
      return [
        {
          text: t("place-request-approved-done", { name: person.name, title: req.title }),
          replacesPrompt: true,
        },
      ];
    }
    const reason = decision.reason.trim().slice(0, MAX_DECLINE_REASON);
    if (
      !(await deps.repos.placeRequests.decide(requestId, {
        state: "declined",
        by: me?._id ?? "admin",
        at: now,
        reason,
      }))
    )
      return [{ text: t("place-request-decided") }];
    await tell(person, req, "declined", reason);
    await audit(conv, me, "place-request.declined", "ok", { ...target, scopeUnitId: person.unitId });
    return [
      {
        text: t("place-request-declined-done", { name: person.name, title: req.title }),
        replacesPrompt: true,
      },
    ];
  }

  /** Tells the person the decision, in their language, through the outbox. */
  async function tell(
    person: Person,
    req: PlaceRequest,
    state: "approved" | "declined",
    reason?: string,
    session?: CourseSession,
  ): Promise<void> {
    const t = tr(person.locale);
    const text =
      state === "approved"
        ? t("place-request-approved", {
            title: req.title,
            when: session
              ? formatDateTime(session.startsAt, { locale: person.locale, timeZone: person.timeZone })
              : "",
          })
        : t("place-request-declined", { title: req.title, reason: reason ?? "" });
    await deps.outbox.schedule({
      purpose: `place-request.${state}`,
      occurrence: req._id,
      personId: person._id,
      message: { text },
      dueAt: deps.now(),
    });
  }

  /** The decline flow's last step: the reason typed, the request seeded by the Tolak button. */
  const declineStep: ComputeService = async ({ conversation, answers }) => {
    const parsed = declineAnswers.safeParse(answers);
    if (!parsed.success)
      return { outbound: [{ text: deps.translate(conversation.profile.locale, "place-request-gone") }] };
    const bootstrap = deps.adminIds?.includes(conversation.identityId) ?? false;
    const out = await decide(conversation, bootstrap, parsed.data.request, {
      approve: false,
      reason: parsed.data.reason,
    });
    // The reason was typed, so there is no pressed message to replace.
    return { outbound: out.map(({ replacesPrompt: _, ...o }) => o) };
  };

  return {
    request,
    pendingFor,
    decide,
    services: { "placeRequest.decline": declineStep } satisfies Record<string, ComputeService>,
  };
}
export type PlaceRequests = ReturnType<typeof createPlaceRequests>;

import type { Enrollment, OrgUnit, Person } from "../../db/models/index.js";
import type { Course, CourseSession } from "../../domain/course.js";
import { type Actor, holdsRole, mayAct } from "../../domain/scope.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import { actingPerson } from "../../services/actor.js";
import type { RosterContext } from "./context.js";

/** Whom a koordinator reads and acts for: their grants, units, and the instansi they work for. */
export interface Reader {
  me: Person | null;
  actor: Actor;
  units: Map<string, OrgUnit>;
  /** Instansi of the reader's koordinator (or admin) grants: the courses they run are theirs. */
  ownInstansi: Set<string>;
  timeZone: string;
  locale: Locale;
}

/** One enrolee with their person record (absent when the person was erased meanwhile). */
export interface Row {
  enrollment: Enrollment;
  person: Person | undefined;
}

/** The number of a place's seat (`<session>#<n>`), to keep the enrolment order among equal times. */
const seatOf = (e: Pick<Enrollment, "seat">) => Number(e.seat.slice(e.seat.lastIndexOf("#") + 1)) || 0;

/** True when the reader sees every enrolee of a course: their instansi runs it (or a bootstrap admin). */
export const seesAll = (r: Reader, course: Course) =>
  Boolean(r.actor.bootstrapAdmin) ||
  (course.providerInstansiId !== undefined && r.ownInstansi.has(course.providerInstansiId));

/** True when a unit is in the reader's koordinator scope. */
export const inScope = (r: Reader, unitId: string | undefined) => {
  const unit = unitId ? r.units.get(unitId) : undefined;
  return Boolean(unit && mayAct(r.actor, "koordinator", unit));
};

/** When a session starts, in the reader's words and zone. */
export const when = (r: Reader, s: CourseSession) =>
  formatDateTime(s.startsAt, { locale: r.locale, timeZone: r.timeZone });

/** Who reads /peserta, and which places and people of a session they may see. */
export function createReaders(deps: RosterContext) {
  const { audit, tr } = deps;

  /** The reader now (read fresh on every step), or undefined when they are no koordinator. */
  async function readerOf(conv: Conversation, bootstrapAdmin: boolean): Promise<Reader | undefined> {
    const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
    if (!holdsRole(actor, "koordinator")) return undefined;
    const units = new Map((await deps.repos.orgUnits.all()).map((u) => [u._id, u]));
    const ownInstansi = new Set(
      actor.grants
        .filter((g) => g.role === "koordinator" || g.role === "admin")
        .flatMap((g) => units.get(g.unitId)?.instansiId ?? []),
    );
    return {
      me,
      actor,
      units,
      ownInstansi,
      timeZone: me?.timeZone ?? "Asia/Jakarta",
      locale: conv.profile.locale,
    };
  }

  /**
   * A session's places the reader may see, in the order people enrolled. For a course the reader's
   * instansi runs that is every place, without reading anyone; otherwise each person's unit now.
   */
  async function visiblePlaces(r: Reader, course: Course, session: CourseSession): Promise<Enrollment[]> {
    const places = (await deps.repos.enrollments.listForSession(session.id)).sort(
      (a, b) => a.enrolledAt.getTime() - b.enrolledAt.getTime() || seatOf(a) - seatOf(b),
    );
    if (seesAll(r, course)) return places;
    const units = await deps.repos.people.unitsOf(places.map((p) => p.personId));
    return places.filter((p) => inScope(r, units.get(p.personId)));
  }

  /** Places with their people (only those shown or written: a page, or the daftar hadir). */
  async function withPeople(places: readonly Enrollment[]): Promise<Row[]> {
    const people = await deps.repos.people.byIds(places.map((p) => p.personId));
    return places.map((enrollment) => ({ enrollment, person: people.get(enrollment.personId) }));
  }

  /** A refusal for a session or person outside the reader's scope, in the audit log too. */
  async function refused(conv: Conversation, r: Reader, what: string, id: string): Promise<Outbound[]> {
    await audit(conv, r.me, `roster.${what}`, "refused", { target: { kind: "session", id } });
    return [{ text: tr(r)("roster-out-of-scope") }];
  }

  return { readerOf, visiblePlaces, withPeople, refused };
}
/** The reads of `createReaders`. */
export type Readers = ReturnType<typeof createReaders>;

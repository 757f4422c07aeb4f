import type { Completion, Enrollment, OrgUnit, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { Competency } from "../../domain/competency.js";
import type { Course, CourseSession } from "../../domain/course.js";
import { type Actor, holdsRole, mayAct } from "../../domain/scope.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound, Progress } from "../../engine/types.js";
import { formatDateTime, formatNumber } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import { actingPerson } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import { type CourseCatalog, shortKey } from "../../services/course-catalog.js";
import { type JpLedger, localDateOf } from "../../services/jp-ledger.js";
import type { Waitlist } from "../enrolment/waitlist.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import { competencyTypeOf } from "../training/completion.js";
import { attendanceSheet } from "./attendance-sheet.js";
import { type ListedSession, matches, orderSessions, queryWords, sessionWindow } from "./sessions.js";

/**
 * /peserta's buttons: the session list (page, query words), a session's roster (page), one person
 * (mark present or absent, remove after confirming), the daftar hadir, and marking the session
 * completed (after confirming). Every press re-reads the koordinator's role and scope.
 */
export const rosterButton = buttonCodec("roster", "pst", {
  list: ["g", [1, 2]],
  open: ["o", [1, 2]],
  person: ["p", [2, 3]],
  present: ["h", [2, 3]],
  absent: ["t", [2, 3]],
  remove: ["k", [2, 3]],
  removeConfirm: ["kx", 2],
  sheet: ["c", 1],
  complete: ["s", 1],
  completeConfirm: ["sx", 1],
});
type RosterAction = Parameters<typeof rosterButton.pack>[0];

/** Sessions on one page of the list, and people on one page of a roster. */
const SESSIONS_PER_PAGE = 8;
const PEOPLE_PER_PAGE = 10;
/** Waiting people named under a roster (the count says how many there are). */
const WAITING_SHOWN = 5;

/** The query words as button data: `:`-joined (no word has one), cut to what a button carries. */
const packQuery = (words: readonly string[]) => words.join(":").slice(0, 40);

/** Whom a koordinator reads and acts for: their grants, units, and the instansi they work for. */
interface Reader {
  me: Person | null;
  actor: Actor;
  units: Map<string, OrgUnit>;
  /** Instansi of the reader's koordinator (or admin) grants: the courses they run are theirs. */
  ownInstansi: Set<string>;
  timeZone: string;
  locale: Locale;
}

/** One enrolee with their person record (absent when the person was erased meanwhile). */
interface Row {
  enrollment: Enrollment;
  person: Person | undefined;
}

/** The number of a place's seat (`<session>#<n>`), to keep the enrolment order among equal times. */
const seatOf = (e: Pick<Enrollment, "seat">) => Number(e.seat.slice(e.seat.lastIndexOf("#") + 1)) || 0;

/** True when a reminder answer and a koordinator's mark say the person was there. */
export function wasPresent(e: Pick<Enrollment, "attendance" | "checkedIn">): boolean {
  return e.checkedIn ? e.checkedIn === "hadir" : e.attendance === "hadir";
}

/**
 * /peserta: a koordinator's sessions (of courses their instansi runs, and others where people in
 * their scope enrolled), each session's roster with the reminder answers, counts and waiting list,
 * and the actions on it: the daftar hadir as CSV, attendance marks, marking the session completed
 * (JP credited once through the ledger, each person told), and removing someone (their seat goes
 * to the waiting list). For another provider's session only enrolees in the reader's scope are
 * shown or touched; every press checks role and scope again.
 */
export function createRoster(deps: {
  repos: Pick<Repositories, "people" | "orgUnits" | "enrollments" | "waitlist" | "audit">;
  catalog: Pick<CourseCatalog, "all" | "sessionByKey">;
  ledger: Pick<JpLedger, "record">;
  waitlist: Pick<Waitlist, "offerFree">;
  outbox: Pick<Outbox, "schedule">;
  competencies: readonly Competency[];
  translate: Translate;
  now: () => Date;
}) {
  const audit = createAuditLog(deps);

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

  const tr = (r: { locale: Locale }) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(r.locale, key, args);

  /** True when the reader sees every enrolee of a course: their instansi runs it (or a bootstrap admin). */
  const seesAll = (r: Reader, course: Course) =>
    Boolean(r.actor.bootstrapAdmin) ||
    (course.providerInstansiId !== undefined && r.ownInstansi.has(course.providerInstansiId));

  /** True when a unit is in the reader's koordinator scope. */
  const inScope = (r: Reader, unitId: string | undefined) => {
    const unit = unitId ? r.units.get(unitId) : undefined;
    return Boolean(unit && mayAct(r.actor, "koordinator", unit));
  };

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

  /**
   * The sessions the reader may pick, in picking order: every session in the window of a course
   * their instansi runs, and other sessions where someone in their scope enrolled (by the unit
   * stored on the enrolment, else the person's; the roster itself reads the person's unit now).
   */
  async function sessionsFor(r: Reader, words: readonly string[]): Promise<ListedSession[]> {
    const now = deps.now();
    const { from, to } = sessionWindow(now, r.timeZone);
    const candidates = (await deps.catalog.all())
      .filter((c) => matches(c, words))
      .flatMap((course) =>
        course.sessions
          .filter((s) => s.startsAt >= from && s.startsAt < to)
          .map((session) => ({ course, session })),
      );
    const places = await deps.repos.enrollments.listForSessions(candidates.map((c) => c.session.id));
    const unknownUnit = places.filter((p) => !p.unitId).map((p) => p.personId);
    const people =
      unknownUnit.length > 0 ? await deps.repos.people.byIds(unknownUnit) : new Map<string, Person>();
    const bySession = new Map<string, Enrollment[]>();
    for (const p of places) bySession.set(p.sessionId, [...(bySession.get(p.sessionId) ?? []), p]);
    const listed = candidates.flatMap(({ course, session }) => {
      const enrolled = bySession.get(session.id) ?? [];
      if (seesAll(r, course)) return [{ course, session, visible: enrolled.length }];
      const visible = enrolled.filter((e) => inScope(r, e.unitId ?? people.get(e.personId)?.unitId)).length;
      return visible > 0 ? [{ course, session, visible }] : [];
    });
    return orderSessions(listed, now, r.timeZone);
  }

  const when = (r: Reader, s: CourseSession) =>
    formatDateTime(s.startsAt, { locale: r.locale, timeZone: r.timeZone });

  /** One page of the session list, with a button per session and the pages around it. */
  async function list(
    r: Reader,
    words: readonly string[],
    page: number,
    replaces: boolean,
  ): Promise<Outbound[]> {
    const t = tr(r);
    const sessions = await sessionsFor(r, words);
    const query = words.join(" ");
    if (sessions.length === 0)
      return [{ text: query ? t("roster-none-match", { query }) : t("roster-none") }];
    const pages = Math.ceil(sessions.length / SESSIONS_PER_PAGE);
    const p = Math.min(Math.max(page, 1), pages);
    const shown = sessions.slice((p - 1) * SESSIONS_PER_PAGE, p * SESSIONS_PER_PAGE);
    const first = (p - 1) * SESSIONS_PER_PAGE;
    const lines = [
      query
        ? t("roster-list-title-query", { query, page: p, pages })
        : t("roster-list-title", { page: p, pages }),
      "",
      ...shown.map((s, i) =>
        t("roster-list-line", {
          n: first + i + 1,
          title: s.course.title,
          when: when(r, s.session),
          count: s.visible,
          quota: s.session.quota,
        }),
      ),
      "",
      t("roster-list-help"),
    ];
    const q = packQuery(words);
    const nav: Choice[] = [
      ...(p > 1
        ? [{ data: rosterButton.pack("list", p - 1, ...(q ? [q] : [])), label: t("roster-prev") }]
        : []),
      ...(p < pages
        ? [{ data: rosterButton.pack("list", p + 1, ...(q ? [q] : [])), label: t("roster-next") }]
        : []),
    ];
    return [
      {
        text: lines.join("\n"),
        choices: [
          ...shown.map((s, i) => [
            {
              data: rosterButton.pack("open", shortKey(s.session.id)),
              label: `${first + i + 1}. ${s.course.title}`.slice(0, 60),
            },
          ]),
          ...(nav.length ? [nav] : []),
        ],
        ...(replaces ? { replacesPrompt: true } : {}),
      },
    ];
  }

  /** The words of a reminder answer and a mark, as the roster line shows them. */
  function statusOf(r: Reader, e: Enrollment): string {
    const t = tr(r);
    const answer =
      e.attendance === "hadir"
        ? t("roster-answer-hadir")
        : e.attendance === "tidak"
          ? t("roster-answer-tidak")
          : t("roster-answer-none");
    const mark = e.checkedIn
      ? ` · ${t(e.checkedIn === "hadir" ? "roster-marked-hadir" : "roster-marked-tidak")}`
      : "";
    return `${answer}${mark}`;
  }

  /** A session's roster: header with counts, one page of people, the waiting list, the actions. */
  async function roster(
    r: Reader,
    course: Course,
    session: CourseSession,
    places: readonly Enrollment[],
    page: number,
  ): Promise<Outbound[]> {
    const t = tr(r);
    const key = shortKey(session.id);
    const all = seesAll(r, course);
    const count = (answer: Enrollment["attendance"]) => places.filter((e) => e.attendance === answer).length;
    const present = places.filter(wasPresent).length;
    // The waiting list: positions among everyone on it; names only of those the reader may see.
    const waiting = await deps.repos.waitlist.openForSession(session.id);
    const waitingUnits = all ? undefined : await deps.repos.people.unitsOf(waiting.map((w) => w.personId));
    const waitingVisible = waiting
      .map((w, i) => ({ w, position: i + 1, offered: w.state === "offered" }))
      .filter((x) => all || inScope(r, waitingUnits?.get(x.w.personId)));
    const waitingPeople = await deps.repos.people.byIds(
      waitingVisible.slice(0, WAITING_SHOWN).map((x) => x.w.personId),
    );
    const waitingShown = waitingVisible.map((x) => ({ ...x, person: waitingPeople.get(x.w.personId) }));
    const pages = Math.max(1, Math.ceil(places.length / PEOPLE_PER_PAGE));
    const p = Math.min(Math.max(page, 1), pages);
    const first = (p - 1) * PEOPLE_PER_PAGE;
    const shown = await withPeople(places.slice(first, first + PEOPLE_PER_PAGE));
    const lines = [
      `📋 ${course.title}`,
      t("roster-session", { when: when(r, session), provider: course.provider }),
      t("roster-counts", {
        count: places.length,
        quota: session.quota,
        hadir: count("hadir"),
        tidak: count("tidak"),
        none: count(undefined),
      }),
      t("roster-present", { present }),
      ...(all ? [] : [t("roster-scope-note")]),
      "",
      ...(places.length === 0
        ? [t("roster-empty")]
        : [
            t("roster-page", { page: p, pages }),
            ...shown.map(
              (x, i) =>
                `${first + i + 1}. ${x.person?.name ?? t("roster-erased")} — ${statusOf(r, x.enrollment)}`,
            ),
          ]),
      "",
      waitingShown.length === 0
        ? t("roster-waitlist-empty")
        : [
            t("roster-waitlist", { count: waitingShown.length }),
            ...waitingShown
              .slice(0, WAITING_SHOWN)
              .map(
                (w) =>
                  `  ${w.position}. ${w.person?.name ?? t("roster-erased")}${w.offered ? ` (${t("roster-waitlist-offered")})` : ""}`,
              ),
          ].join("\n"),
      "",
      t("roster-help"),
    ];
    const nav: Choice[] = [
      ...(p > 1 ? [{ data: rosterButton.pack("open", key, p - 1), label: t("roster-prev") }] : []),
      ...(p < pages ? [{ data: rosterButton.pack("open", key, p + 1), label: t("roster-next") }] : []),
    ];
    return [
      {
        text: lines.join("\n"),
        choices: [
          ...shown.map((x, i) => [
            {
              data: rosterButton.pack("person", key, x.enrollment.personId, p),
              label: `${first + i + 1}. ${x.person?.name ?? t("roster-erased")}`.slice(0, 60),
            },
          ]),
          ...(nav.length ? [nav] : []),
          [
            { data: rosterButton.pack("sheet", key), label: t("roster-sheet") },
            { data: rosterButton.pack("complete", key), label: t("roster-complete") },
          ],
          [{ data: rosterButton.pack("list", 1), label: t("roster-back-list") }],
        ],
        replacesPrompt: true,
      },
    ];
  }

  /** One enrolee's card: who, their answer and mark, and what can be done. */
  function personCard(r: Reader, course: Course, session: CourseSession, row: Row, page: number): Outbound[] {
    const t = tr(r);
    const key = shortKey(session.id);
    const id = row.enrollment.personId;
    const unit = row.person?.unitId ? (r.units.get(row.person.unitId)?.name ?? row.person.unitId) : "—";
    return [
      {
        text: [
          t("roster-person", {
            name: row.person?.name ?? t("roster-erased"),
            nip: row.person?.nip ?? "—",
            unit,
            title: course.title,
          }),
          statusOf(r, row.enrollment),
        ].join("\n"),
        choices: [
          [
            { data: rosterButton.pack("present", key, id, page), label: t("roster-mark-hadir") },
            { data: rosterButton.pack("absent", key, id, page), label: t("roster-mark-tidak") },
          ],
          [{ data: rosterButton.pack("remove", key, id, page), label: t("roster-remove") }],
          [{ data: rosterButton.pack("open", key, page), label: t("roster-back") }],
        ],
        replacesPrompt: true,
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

  /** A refusal for a session or person outside the reader's scope, in the audit log too. */
  async function refused(conv: Conversation, r: Reader, what: string, id: string): Promise<Outbound[]> {
    await audit(conv, r.me, `roster.${what}`, "refused", { target: { kind: "session", id } });
    return [{ text: tr(r)("roster-out-of-scope") }];
  }

  return {
    /** `/peserta [kata…]`: the koordinator's sessions, this month's first, searchable, paged. */
    async show(conv: Conversation, bootstrapAdmin: boolean, args: string): Promise<Outbound[]> {
      const r = await readerOf(conv, bootstrapAdmin);
      if (!r) return [{ text: deps.translate(conv.profile.locale, "roster-not-koordinator") }];
      return list(r, queryWords(args), 1, false);
    },
    /** Handles a `pst|…` button, checking role and scope again for the session and person it names. */
    async handleButton(
      conv: Conversation,
      bootstrapAdmin: boolean,
      press: ButtonPress<RosterAction>,
      progress?: Progress,
    ): Promise<Outbound[] | undefined> {
      const r = await readerOf(conv, bootstrapAdmin);
      if (!r) return [{ text: deps.translate(conv.profile.locale, "roster-not-koordinator") }];
      const t = tr(r);
      const [a0, a1, a2] = press.args;
      if (press.action === "list")
        return list(r, (a1 ?? "").split(":").filter(Boolean), Number(a0) || 1, true);
      const found = await deps.catalog.sessionByKey(a0!);
      if (!found) return [{ text: t("roster-gone") }];
      const { course, session } = found;
      switch (press.action) {
        case "open":
        case "sheet":
        case "complete":
        case "completeConfirm": {
          if (press.action === "sheet")
            await progress?.({ text: t("roster-sheet-preparing"), preparing: "document" });
          const places = await visiblePlaces(r, course, session);
          // Another provider's session with nobody of the reader's in it is none of theirs.
          if (!seesAll(r, course) && places.length === 0) return refused(conv, r, press.action, session.id);
          if (press.action === "open") return roster(r, course, session, places, Number(a1) || 1);
          if (press.action === "sheet") return sheet(conv, r, course, session, await withPeople(places));
          if (session.startsAt > deps.now()) return [{ text: t("roster-complete-too-early") }];
          const present = places.filter(wasPresent);
          if (press.action === "complete")
            return [
              {
                text: t("roster-complete-confirm", {
                  count: present.length,
                  title: course.title,
                  jp: course.jp,
                }),
                choices: [
                  [
                    { data: rosterButton.pack("completeConfirm", a0!), label: t("roster-complete-yes") },
                    { data: rosterButton.pack("open", a0!), label: t("roster-back") },
                  ],
                ],
              },
            ];
          return complete(conv, r, course, session, await withPeople(present));
        }
        default: {
          // One person: their place, and whether the reader may act on them now.
          const personId = a1!;
          const enrollment = await deps.repos.enrollments.get(session.id, personId);
          const person = (await deps.repos.people.get(personId)) ?? undefined;
          if (!enrollment) return [{ text: t("roster-person-gone") }];
          if (!seesAll(r, course) && !inScope(r, person?.unitId))
            return refused(conv, r, press.action, session.id);
          const row = { enrollment, person };
          const page = Number(a2) || 1;
          switch (press.action) {
            case "person":
              return personCard(r, course, session, row, page);
            case "present":
            case "absent": {
              const mark = press.action === "present" ? "hadir" : "tidak";
              await deps.repos.enrollments.setCheckedIn(
                enrollment._id,
                mark,
                deps.now(),
                r.me?._id ?? "admin",
              );
              await audit(conv, r.me, "roster.attendance", "ok", {
                target: { kind: "person", id: personId },
                ...(person?.unitId ? { scopeUnitId: person.unitId } : {}),
                details: { session: session.id, mark },
              });
              return roster(r, course, session, await visiblePlaces(r, course, session), page);
            }
            case "remove":
              return [
                {
                  text: t("roster-remove-confirm", {
                    name: person?.name ?? t("roster-erased"),
                    title: course.title,
                  }),
                  choices: [
                    [
                      {
                        data: rosterButton.pack("removeConfirm", a0!, personId),
                        label: t("roster-remove-yes"),
                      },
                      { data: rosterButton.pack("person", a0!, personId, page), label: t("roster-back") },
                    ],
                  ],
                },
              ];
            case "removeConfirm":
              return remove(conv, r, course, session, row);
            default:
              return undefined;
          }
        }
      }
    },
  };
}
export type Roster = ReturnType<typeof createRoster>;

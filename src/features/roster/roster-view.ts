import type { Enrollment } from "../../db/models/index.js";
import type { Course, CourseSession } from "../../domain/course.js";
import type { Choice, Outbound } from "../../engine/types.js";
import { shortKey } from "../../services/course-catalog.js";
import { wasPresent } from "./attendance.js";
import { rosterButton } from "./buttons.js";
import type { RosterContext } from "./context.js";
import { inScope, type Reader, type Readers, type Row, seesAll, when } from "./reader.js";

/** People on one page of a roster. */
const PEOPLE_PER_PAGE = 10;
/** Waiting people named under a roster (the count says how many there are). */
const WAITING_SHOWN = 5;

/** A session's roster and one enrolee's card, as a koordinator sees them. */
export function createRosterView(deps: RosterContext, { withPeople }: Pick<Readers, "withPeople">) {
  const { tr } = deps;

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
            { data: rosterButton.pack("sheet", key, "xlsx"), label: t("roster-sheet-xlsx") },
          ],
          [{ data: rosterButton.pack("complete", key), label: t("roster-complete") }],
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

  return { roster, personCard };
}
/** The views of `createRosterView`. */
export type RosterView = ReturnType<typeof createRosterView>;

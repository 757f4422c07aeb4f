import type { Enrollment, Person } from "../../db/models/index.js";
import type { Choice, Outbound } from "../../engine/types.js";
import { shortKey } from "../../services/course-catalog.js";
import { rosterButton } from "./buttons.js";
import type { RosterContext } from "./context.js";
import { inScope, type Reader, seesAll, when } from "./reader.js";
import { type ListedSession, matches, orderSessions, sessionWindow } from "./sessions.js";

/** Sessions on one page of the list. */
const SESSIONS_PER_PAGE = 8;

/** The query words as button data: `:`-joined (no word has one), cut to what a button carries. */
const packQuery = (words: readonly string[]) => words.join(":").slice(0, 40);

/** /peserta's session list: the sessions a koordinator may pick, searched and paged. */
export function createSessionList(deps: RosterContext) {
  const { tr } = deps;

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

  return { list };
}
/** The session list of `createSessionList`. */
export type SessionList = ReturnType<typeof createSessionList>;

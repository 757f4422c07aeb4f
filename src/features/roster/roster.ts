import type { Conversation, Outbound } from "../../engine/types.js";
import { createAttendance } from "./attendance.js";
import { createButtonHandler } from "./button-handler.js";
import { createCompletion } from "./completion.js";
import { type RosterDeps, rosterContext } from "./context.js";
import { createDaftarHadir } from "./daftar-hadir.js";
import { createReaders } from "./reader.js";
import { createRemoval } from "./removal.js";
import { createRosterView } from "./roster-view.js";
import { createSessionList } from "./session-list.js";
import { queryWords } from "./sessions.js";

// Imported from here by the feature, the app, tests and the bench.
export { wasPresent } from "./attendance.js";
export { type RosterAction, rosterButton } from "./buttons.js";
export type { RosterDeps } from "./context.js";

/**
 * /peserta: a koordinator's sessions (of courses their instansi runs, and others where people in
 * their scope enrolled), each session's roster with the reminder answers, counts and waiting list,
 * and the actions on it: the daftar hadir as CSV, attendance marks, marking the session completed
 * (JP credited once through the ledger, each person told), and removing someone (their seat goes
 * to the waiting list). For another provider's session only enrolees in the reader's scope are
 * shown or touched; every press checks role and scope again.
 */
export function createRoster(deps: RosterDeps) {
  const ctx = rosterContext(deps);
  const readers = createReaders(ctx);
  const { list } = createSessionList(ctx);
  const view = createRosterView(ctx, readers);
  const buttons = createButtonHandler(ctx, {
    readers,
    sessionList: { list },
    view,
    attendance: createAttendance(ctx, readers, view),
    completion: createCompletion(ctx),
    removal: createRemoval(ctx),
    daftarHadir: createDaftarHadir(ctx),
  });

  return {
    /** `/peserta [kata…]`: the koordinator's sessions, this month's first, searchable, paged. */
    async show(conv: Conversation, bootstrapAdmin: boolean, args: string): Promise<Outbound[]> {
      const r = await readers.readerOf(conv, bootstrapAdmin);
      if (!r) return [{ text: deps.translate(conv.profile.locale, "roster-not-koordinator") }];
      return list(r, queryWords(args), 1, false);
    },
    /** Handles a `pst|…` button, checking role and scope again for the session and person it names. */
    handleButton: buttons.handleButton,
  };
}
/** /peserta's service, as the app creates it. */
export type Roster = ReturnType<typeof createRoster>;

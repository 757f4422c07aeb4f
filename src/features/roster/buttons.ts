import { buttonCodec } from "../feature.js";

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
/** The actions a /peserta button names. */
export type RosterAction = Parameters<typeof rosterButton.pack>[0];

import { buttonCodec } from "../feature.js";

/**
 * /peserta's buttons: the session list (page, query words), a session's roster (page), one person
 * (mark present or absent, remove after confirming), the daftar hadir (CSV or Excel), and marking the session
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
  // The daftar hadir: a CSV, or with "xlsx" an Excel file.
  sheet: ["c", [1, 2]],
  complete: ["s", 1],
  completeConfirm: ["sx", 1],
});
/** The actions a /peserta button names. */
export type RosterAction = Parameters<typeof rosterButton.pack>[0];

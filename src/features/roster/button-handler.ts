import type { Conversation, Outbound, Progress } from "../../engine/types.js";
import type { ButtonPress } from "../feature.js";
import { type Attendance, wasPresent } from "./attendance.js";
import type { RosterAction } from "./buttons.js";
import type { SessionCompletion } from "./completion.js";
import type { RosterContext } from "./context.js";
import type { DaftarHadir } from "./daftar-hadir.js";
import { inScope, type Readers, seesAll } from "./reader.js";
import type { Removal } from "./removal.js";
import type { RosterView } from "./roster-view.js";
import type { SessionList } from "./session-list.js";

/** What a /peserta button leads to: the modules that show and act. */
interface Handlers {
  readers: Readers;
  sessionList: SessionList;
  view: RosterView;
  attendance: Attendance;
  completion: SessionCompletion;
  removal: Removal;
  daftarHadir: DaftarHadir;
}

/** Handling /peserta's buttons: each press reads the reader's role and scope again, then shows or acts. */
export function createButtonHandler(deps: RosterContext, handlers: Handlers) {
  const { tr } = deps;
  const { readerOf, visiblePlaces, withPeople, refused } = handlers.readers;
  const { list } = handlers.sessionList;
  const { roster, personCard } = handlers.view;
  const { markAttendance } = handlers.attendance;
  const { confirmComplete, complete } = handlers.completion;
  const { confirmRemove, remove } = handlers.removal;
  const { sheet } = handlers.daftarHadir;

  return {
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
          if (press.action === "sheet")
            return sheet(conv, r, course, session, await withPeople(places), a1 === "xlsx" ? "xlsx" : "csv");
          if (session.startsAt > deps.now()) return [{ text: t("roster-complete-too-early") }];
          const present = places.filter(wasPresent);
          if (press.action === "complete") return confirmComplete(r, course, a0!, present.length);
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
            case "absent":
              return markAttendance(
                conv,
                r,
                course,
                session,
                row,
                press.action === "present" ? "hadir" : "tidak",
                page,
              );
            case "remove":
              return confirmRemove(r, course, a0!, personId, person, page);
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

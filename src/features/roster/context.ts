import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { Competency } from "../../domain/competency.js";
import type { Translate } from "../../engine/text.js";
import type { Locale } from "../../i18n/locales.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { CourseCatalog } from "../../services/course-catalog.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import type { Waitlist } from "../enrolment/waitlist.js";

/** What /peserta is built from (see `createRoster`). */
export interface RosterDeps {
  repos: Pick<Repositories, "people" | "orgUnits" | "enrollments" | "waitlist" | "audit">;
  catalog: Pick<CourseCatalog, "all" | "sessionByKey">;
  ledger: Pick<JpLedger, "record">;
  waitlist: Pick<Waitlist, "offerFree">;
  outbox: Pick<Outbox, "schedule">;
  competencies: readonly Competency[];
  translate: Translate;
  now: () => Date;
}

/** The deps with what every /peserta module shares: the audit log, and the reader's translator. */
export type RosterContext = ReturnType<typeof rosterContext>;

/** Builds the shared context of /peserta's modules once, from its deps. */
export function rosterContext(deps: RosterDeps) {
  const audit = createAuditLog(deps);
  /** A key and its arguments in the reader's locale. */
  const tr = (r: { locale: Locale }) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(r.locale, key, args);
  return { ...deps, audit, tr };
}

import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { HolidayCalendar } from "../../domain/holidays.js";
import type { SurveyDefinition } from "../../domain/survey.js";
import type { Translate } from "../../engine/text.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import {
  type CategoryDeps,
  NON_RESPONDER_CATEGORIES,
  type NonResponderCategory,
} from "./categories/index.js";

/** What /belum is built from (see `createCampaigns`). */
export interface CampaignsDeps {
  repos: Repositories;
  outbox: Pick<Outbox, "scheduleMany" | "routes">;
  ledger: Pick<JpLedger, "standingsOf" | "ruleOf">;
  holidays: HolidayCalendar;
  surveys: readonly SurveyDefinition[];
  translate: Translate;
  now: () => Date;
  /** The categories offered (all of them unless a test narrows it). */
  categories?: readonly NonResponderCategory[];
}

/** The deps with what every /belum module shares: the audit log, the categories offered, their deps. */
export type CampaignsContext = ReturnType<typeof campaignsContext>;

/** Builds the shared context of /belum's modules once, from its deps. */
export function campaignsContext(deps: CampaignsDeps) {
  const audit = createAuditLog(deps);
  const categories = deps.categories ?? NON_RESPONDER_CATEGORIES;
  const categoryOf = (id: string) => categories.find((c) => c.id === id);
  const catDeps: CategoryDeps = {
    repos: deps.repos,
    ledger: deps.ledger,
    surveys: deps.surveys,
    translate: (locale, key, args) => deps.translate(locale, key, args),
  };
  return { ...deps, audit, categories, categoryOf, catDeps };
}

import type { DeliveryMessage, OrgUnit, Person } from "../../../db/models/index.js";
import type { Repositories } from "../../../db/repositories/index.js";
import type { ListedPerson } from "../../../db/repositories/people.js";
import type { Actor } from "../../../domain/scope.js";
import type { SurveyDefinition } from "../../../domain/survey.js";
import type { Locale } from "../../../i18n/locales.js";
import type { JpLedger } from "../../../services/jp-ledger.js";

/** One person on a list: who, and what a reminder needs to point at (a survey invitation…). */
export interface Pending {
  person: ListedPerson;
  /** Ids the reminder's buttons carry (the invitations still open), if any. */
  refs?: string[];
  /** A few words after the name on the list ("Survei Kepuasan Pelatihan"). */
  note?: string;
}

/** A category's list over a set of people: those who have not acted, and of how many it asked. */
export interface PendingList {
  pending: Pending[];
  /** How many were asked to act, when that is not everyone listed (invited to a survey: 40). */
  of?: number;
}

/** What a category may read to find who has not acted and to word their reminder. */
export interface CategoryDeps {
  repos: Repositories;
  ledger: Pick<JpLedger, "standingsOf" | "ruleOf">;
  surveys: readonly SurveyDefinition[];
  translate: (locale: Locale, key: string, args?: Record<string, string | number>) => string;
}

/** Who reads a list and over which units: what a category may show depends on both. */
export interface CategoryScope {
  /** The coordinator (null: a bootstrap admin without a person), as acting now. */
  me: Person | null;
  actor: Actor;
  bootstrapAdmin: boolean;
  /** Every unit of the list (the chosen unit's subtree, or the whole scope). */
  units: readonly OrgUnit[];
}

/** A scope's figures as the running summary totals keep them (they lag by up to a minute). */
export interface HeadTotals {
  /** Everyone officially working there (imported or registered; not the unverified). */
  headcount: number;
  /** Of them, those registered in Pandu. */
  registered: number;
  /** People with an assessment completed in the current year (in their own zone). */
  assessed: number;
}

/**
 * A kind of non-responder list for /belum. Adding one is a module exporting this and a line in
 * `categories/index.ts` (plus its texts in locales): the lists, counts, paging, reminders,
 * campaigns, deadlines and scope checks are the same for every category.
 */
export interface NonResponderCategory {
  /** Short and stable ([a-z0-9], at most 6): it goes on buttons and into campaign ids. */
  id: string;
  /**
   * Locale keys: `<prefix>-line` (the overview line, given `count` and `of`), `<prefix>-title`
   * (the list's heading, given `count`, `unit` and `of`) and, when remindable, `<prefix>-reminder`
   * (the reminder's text, given `name`).
   */
  textPrefix: string;
  /** False when these people cannot be messaged through Pandu (they never talked to it). */
  remindable: boolean;
  /**
   * Who of `people` (everyone officially in the chosen scope, by name) has not acted at `now`.
   * Read with indexed queries in batches (FerretDB): the storage rules apply.
   */
  find(
    people: readonly ListedPerson[],
    now: Date,
    deps: CategoryDeps,
    scope: CategoryScope,
  ): Promise<PendingList>;
  /**
   * Its count from the running totals, when they keep it: the overview then reads no person, and a
   * list's pages skip the units whose own count is 0 (read one unit at a time).
   */
  fromTotals?(totals: HeadTotals): { count: number; of?: number };
  /**
   * Everyone who may be on the list in the scope, as person ids, when a few reads find them
   * without reading the scope's people (the recipients of recent broadcasts): only they are read.
   */
  candidates?(now: Date, deps: CategoryDeps, scope: CategoryScope): Promise<string[]>;
  /** The reminder one person gets (only remindable categories); undefined to skip them. */
  reminder?(
    entry: Pending,
    deps: CategoryDeps,
  ): DeliveryMessage | undefined | Promise<DeliveryMessage | undefined>;
}

/** Defines a category (typed, and checked that its id fits on a button). */
export function defineCategory(c: NonResponderCategory): NonResponderCategory {
  if (!/^[a-z0-9]{1,6}$/.test(c.id)) throw new Error(`category id "${c.id}" must be 1–6 of [a-z0-9]`);
  return c;
}

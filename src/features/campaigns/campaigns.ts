import { createHash } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import type { Campaign, OrgUnit, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { ListedPerson } from "../../db/repositories/people.js";
import type { Outbox } from "../../delivery/outbox.js";
import {
  campaignDueAt,
  DEADLINE_STAGES,
  deadlineReminderAt,
  mayRemindAgain,
  nextReminderAt,
  pageOf,
  reminderWindow,
} from "../../domain/campaign.js";
import type { HolidayCalendar } from "../../domain/holidays.js";
import { addDays, atLocal, localClock, quietHoursOf } from "../../domain/reminder-time.js";
import { type Actor, mayAct, scopeRoots } from "../../domain/scope.js";
import { csvDelimiter, spreadsheetCsvOptions } from "../../domain/spreadsheet.js";
import { addTotals } from "../../domain/summary.js";
import type { SurveyDefinition } from "../../domain/survey.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound, Progress } from "../../engine/types.js";
import { formatDate, formatDateTime } from "../../i18n/format.js";
import { actingPerson, actorOf } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import { unitKey } from "../summaries/summary-report.js";
import {
  type CategoryDeps,
  type CategoryScope,
  type HeadTotals,
  NON_RESPONDER_CATEGORIES,
  type NonResponderCategory,
  type Pending,
} from "./categories/index.js";

/** By name, in code-unit order (as one sorted query gives them). */
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * /belum's buttons: a category's list page (`l|<cat>|<scope>|<page>[|<unit>|<offset>]`: the
 * page's number, and where it starts when pages walk the scope unit by unit: the unit's place in
 * the list's units and how many of that unit's names came before), the "belum pernah dihubungi" CSV
 * (`c|<scope>`), how many a reminder would reach (`p|<cat>|<scope>`), sending it with an optional
 * deadline in days (`s|<cat>|<scope>|<days>`), and the overview (`o|<scope>`). `<scope>` is `all`
 * (the reader's whole scope) or a unit's short key.
 */
export const nonResponderButton = buttonCodec("nonresponders", "blm", {
  list: ["l", [3, 6]],
  csv: ["c", 1],
  preview: ["p", 2],
  send: ["s", 3],
  overview: ["o", 1],
});
type Action = Parameters<typeof nonResponderButton.pack>[0];

/** Names on one page of a list. */
export const PAGE_SIZE = 20;
/**
 * Up to this many people (by the headcount totals) a scope is read whole when a count is not kept
 * in the totals (surveys, JP pace): on FerretDB that is about half a second.
 */
export const SMALL_SCOPE = 2_000;
/** People read at most for one page of a list walked without counts (then "next" goes on). */
export const WALK_BUDGET = 5_000;
/** Deadlines a coordinator may give a campaign, in days from today. */
const DEADLINE_DAYS = [7, 14] as const;
const MAX_UNIT_CHOICES = 8;
const ALL = "all";

/** What a list is about: the units read, the unit chosen (if any), and the key on buttons. */
interface Target {
  /** The units, in the stable order pages walk them (by id: a parent before its children). */
  units: OrgUnit[];
  unit?: OrgUnit;
  key: string;
  /** The reader's scope roots (undefined: everything, a bootstrap admin). */
  roots: string[] | undefined;
}

/** Where a page walking unit by unit starts: the unit's place in `Target.units`, and the offset in it. */
interface Cursor {
  u: number;
  o: number;
}

/** The outcome of resolving the acting coordinator and the scope a button names. */
type Resolved =
  | { ok: true; me: Person | null; actor: Actor; target: Target; scope: OrgUnit[] }
  | { ok: false; reply: Outbound[] };

/** One line of the overview or the digest: a category's count, or none when it is counted on opening. */
interface CategoryCount {
  category: NonResponderCategory;
  count?: number;
  of?: number;
}

/**
 * /belum: lists of people in a coordinator's scope who have not done something (registered,
 * assessed this year, answered a survey or a broadcast, kept the JP pace), with "Ingatkan yang
 * belum" that reminds them through the outbox as a campaign (at most once per campaign per three
 * days, outside quiet hours and holidays), a deadline with automatic reminders before it, and the CSV
 * of imported people Pandu cannot reach.
 *
 * Browsing never reads a whole large scope: counts come from the running summary totals (lagging
 * by up to a minute) or from a category's few candidates, and a list's page reads the scope's units
 * one at a time from where the previous page stopped. Reminders, the CSV and the deadline job are
 * actions and read the whole scope afresh (saying so first when it is large).
 */
export function createCampaigns(deps: {
  repos: Repositories;
  outbox: Pick<Outbox, "scheduleMany" | "routes">;
  ledger: Pick<JpLedger, "standingsOf" | "ruleOf">;
  holidays: HolidayCalendar;
  surveys: readonly SurveyDefinition[];
  translate: Translate;
  now: () => Date;
  /** The categories offered (all of them unless a test narrows it). */
  categories?: readonly NonResponderCategory[];
}) {
  const audit = createAuditLog(deps);
  const categories = deps.categories ?? NON_RESPONDER_CATEGORIES;
  const categoryOf = (id: string) => categories.find((c) => c.id === id);
  const catDeps: CategoryDeps = {
    repos: deps.repos,
    ledger: deps.ledger,
    surveys: deps.surveys,
    translate: (locale, key, args) => deps.translate(locale, key, args),
  };

  /** Units the actor may act on as koordinator, in walking order ("none" when there are none). */
  async function scopeUnits(actor: Actor): Promise<{ roots: string[] | undefined; units: OrgUnit[] }> {
    const roots = scopeRoots(actor, "koordinator");
    if (roots && roots.length === 0) return { roots, units: [] };
    const units = await deps.repos.orgUnits.inScope(roots);
    return { roots, units: units.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)) };
  }

  const subtreeOf = (unit: OrgUnit, units: readonly OrgUnit[]) =>
    units.filter((u) => u._id === unit._id || u.path.includes(unit._id));

  /** The roots of a set of units: those whose parent is not in the set. */
  const rootsOf = (units: readonly OrgUnit[]) => {
    const ids = new Set(units.map((u) => u._id));
    return units.filter((u) => !u.parentId || !ids.has(u.parentId));
  };

  /** The acting person, their scope, and the target a button's scope key names inside it. */
  async function resolve(conv: Conversation, bootstrapAdmin: boolean, key: string): Promise<Resolved> {
    const t = (k: string) => deps.translate(conv.profile.locale, k);
    const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
    const { roots, units } = await scopeUnits(actor);
    if (units.length === 0) return { ok: false, reply: [{ text: t("nonresp-no-scope") }] };
    if (key === ALL) return { ok: true, me, actor, scope: units, target: { units, key, roots } };
    const unit = units.find((u) => unitKey(u._id) === key);
    if (!unit) {
      await audit(conv, me, "nonresponders.view", "refused", { details: { scope: key } });
      return { ok: false, reply: [{ text: t("nonresp-out-of-scope") }] };
    }
    return { ok: true, me, actor, scope: units, target: { units: subtreeOf(unit, units), unit, key, roots } };
  }

  /** A campaign's id: one per category and scope, whoever presses. */
  function campaignId(category: string, target: Pick<Target, "unit" | "roots">): string {
    const scope = target.unit ? `unit:${target.unit._id}` : `roots:${target.roots?.join(",") ?? "*"}`;
    return `cmp-${createHash("sha1").update(`${category}|${scope}`).digest("base64url").slice(0, 16)}`;
  }

  /** The coordinator's current year, in their zone (the totals' year "this period" is read in). */
  const yearOf = (me: Person | null, now: Date) => Number(localClock(now, zoneOf(me)).date.slice(0, 4));

  /** The target's figures from the running totals: one rolled-up document per root of its units. */
  async function scopeTotals(target: Target, year: number): Promise<HeadTotals> {
    const { totals, heads } = await deps.repos.summaries.trees(
      rootsOf(target.units).map((u) => u._id),
      year,
    );
    const t = addTotals(year, totals, heads);
    return { headcount: t.headcount, registered: t.registered, assessed: t.assessed };
  }

  /** Each unit's own figures (not its subtree's) from the running totals. */
  async function unitTotals(target: Target, year: number): Promise<Map<string, HeadTotals>> {
    const ids = target.units.map((u) => u._id);
    const [heads, assessed] = await Promise.all([
      deps.repos.summaries.headcountsOf(ids),
      deps.repos.summaries.assessedIn(ids, year),
    ]);
    const byUnit = new Map(heads.map((h) => [h._id, h]));
    return new Map(
      ids.map((id) => [
        id,
        {
          headcount: byUnit.get(id)?.headcount ?? 0,
          registered: byUnit.get(id)?.registered ?? 0,
          assessed: assessed.get(id) ?? 0,
        },
      ]),
    );
  }

  /** Everyone officially in the target's units, by name, read now (the actions; a small scope). */
  const everyone = (target: Target): Promise<ListedPerson[]> =>
    deps.repos.people.listForLists(target.units.map((u) => u._id));

  /** A category's few candidates, read by id and kept to the target's units, by name. */
  async function candidatePeople(
    category: NonResponderCategory,
    target: Target,
    scope: CategoryScope,
    now: Date,
  ): Promise<ListedPerson[]> {
    const ids = await category.candidates!(now, catDeps, scope);
    const inTarget = new Set(target.units.map((u) => u._id));
    return [...(await deps.repos.people.byIds(ids)).values()]
      .filter((p) => p.unitId && inTarget.has(p.unitId) && p.unverified !== true)
      .sort(byName);
  }

  /** Everyone on a category's list in the whole target, read afresh (reminders, the deadline job). */
  async function allPending(
    category: NonResponderCategory,
    target: Target,
    scope: CategoryScope,
    now: Date,
  ): Promise<Pending[]> {
    const people = category.candidates
      ? await candidatePeople(category, target, scope, now)
      : await everyone(target);
    return (await category.find(people, now, catDeps, scope)).pending;
  }

  /**
   * The names of one unit at a time for a list walked unit by unit: each unit's own people read by
   * index when first asked for (kept for this one request only), with how many people were read.
   */
  function unitReader(category: NonResponderCategory, target: Target, scope: CategoryScope, now: Date) {
    const memo = new Map<number, Pending[]>();
    const reader = {
      read: 0,
      async pendingAt(u: number): Promise<Pending[]> {
        const known = memo.get(u);
        if (known) return known;
        const people = await deps.repos.people.listForLists([target.units[u]!._id]);
        reader.read += people.length;
        const { pending } = await category.find(people, now, catDeps, scope);
        memo.set(u, pending);
        return pending;
      },
    };
    return reader;
  }
  type UnitReader = ReturnType<typeof unitReader>;

  /**
   * One page of a list walked unit by unit from `from`: each unit's names are taken in order until
   * the page is full. With `counts` (a unit's own count from the totals) units counted 0 are not
   * read; with `budget`, a page stops after reading that many people, so a page costs a few units
   * whatever the scope.
   */
  async function walk(
    units: readonly OrgUnit[],
    reader: UnitReader,
    from: Cursor,
    opts: { counts?: ReadonlyMap<string, number>; budget?: number },
  ): Promise<{ items: Pending[]; next?: Cursor }> {
    const empty = (u: number) => opts.counts !== undefined && !((opts.counts.get(units[u]!._id) ?? 0) > 0);
    const items: Pending[] = [];
    let { u, o } = from;
    while (u < units.length && items.length < PAGE_SIZE) {
      if (o === 0 && empty(u)) {
        u++;
        continue;
      }
      if (opts.budget !== undefined && reader.read >= opts.budget) break;
      const pending = await reader.pendingAt(u);
      const take = pending.slice(o, o + PAGE_SIZE - items.length);
      items.push(...take);
      if (o + take.length < pending.length) return { items, next: { u, o: o + take.length } };
      u++;
      o = 0;
    }
    while (u < units.length && empty(u)) u++;
    return { items, ...(u < units.length ? { next: { u, o: 0 } } : {}) };
  }

  /**
   * Where the page before the one starting at `at` starts: the units before it read backwards (those
   * the totals count 0 skipped) until a page of names lies between.
   */
  async function pageBefore(
    units: readonly OrgUnit[],
    reader: UnitReader,
    counts: ReadonlyMap<string, number>,
    at: Cursor,
  ): Promise<Cursor> {
    let need = PAGE_SIZE;
    let { u, o } = at;
    for (;;) {
      if (o >= need) return { u, o: o - need };
      need -= o;
      do u--;
      while (u >= 0 && !((counts.get(units[u]!._id) ?? 0) > 0));
      if (u < 0) return { u: 0, o: 0 };
      o = (await reader.pendingAt(u)).length;
    }
  }

  function titleOf(target: Target, locale: "id" | "en"): string {
    if (target.unit) return target.unit.name;
    const roots = rootsOf(target.units);
    return roots.length === 1
      ? roots[0]!.name
      : deps.translate(locale, "nonresp-scope", { count: roots.length });
  }

  /**
   * Who a reminder would reach now: the listed people Pandu can message, less those reminded in
   * this campaign in the last three days; with how many were left out and why.
   */
  async function plan(id: string, pending: readonly Pending[], now: Date) {
    const routes = await deps.outbox.routes(pending.map((p) => p.person._id));
    const reachable = pending.filter((p) => routes.has(p.person._id));
    const reminded = await deps.repos.campaigns.remindersOf(
      id,
      reachable.map((p) => p.person._id),
    );
    const send = reachable.filter((p) => mayRemindAgain(reminded.get(p.person._id)?.lastAt, now));
    const waits = reachable
      .filter((p) => !send.includes(p))
      .map((p) => nextReminderAt(reminded.get(p.person._id)!.lastAt).getTime());
    return {
      send,
      recent: waits.length,
      unreachable: pending.length - reachable.length,
      ...(waits.length ? { nextAt: new Date(Math.min(...waits)) } : {}),
    };
  }

  /**
   * Each category's count over the target, as fast as it can be known: from the totals, from the
   * category's candidates, or by reading a small scope whole; left uncounted (counted when its list
   * is opened) for a large scope whose count the totals do not keep.
   */
  async function countsOf(target: Target, scope: CategoryScope, now: Date, year: number) {
    const totals = await scopeTotals(target, year);
    let people: ListedPerson[] | undefined;
    const out: CategoryCount[] = [];
    for (const c of categories) {
      if (c.fromTotals) {
        const { count, of } = c.fromTotals(totals);
        out.push({ category: c, count, of: of ?? totals.headcount });
      } else if (c.candidates) {
        const list = await c.find(await candidatePeople(c, target, scope, now), now, catDeps, scope);
        out.push({
          category: c,
          count: list.pending.length,
          ...(list.of !== undefined ? { of: list.of } : {}),
        });
      } else if (totals.headcount <= SMALL_SCOPE) {
        people ??= await everyone(target);
        const list = await c.find(people, now, catDeps, scope);
        out.push({ category: c, count: list.pending.length, of: list.of ?? people.length });
      } else out.push({ category: c });
    }
    return { totals, counts: out };
  }

  /** The overview: each category's count in the target, with a button to its list. */
  async function overview(
    conv: Conversation,
    me: Person | null,
    target: Target,
    scope: CategoryScope,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const now = deps.now();
    const { totals, counts } = await countsOf(target, scope, now, yearOf(me, now));
    const lines = [t("nonresp-title", { unit: titleOf(target, locale) }), ""];
    const choices: Choice[][] = [];
    for (const { category: c, count, of } of counts) {
      lines.push(
        count === undefined
          ? `• ${t("nonresp-uncounted", { label: t(`${c.textPrefix}-label`) })}`
          : `• ${t(`${c.textPrefix}-line`, { count, of: of ?? totals.headcount })}`,
      );
      choices.push([
        {
          data: nonResponderButton.pack("list", c.id, target.key, 0),
          label: count === undefined ? t(`${c.textPrefix}-label`) : t(`${c.textPrefix}-open`, { count }),
        },
      ]);
    }
    lines.push("", t("nonresp-lag-note"), t(target.unit ? "nonresp-help-unit" : "nonresp-help"));
    await audit(conv, me, "nonresponders.view", "ok", {
      ...(target.unit ? { scopeUnitId: target.unit._id } : {}),
      details: { people: totals.headcount },
    });
    return [{ text: lines.join("\n"), choices }];
  }

  /** A page as shown: its names, its number, and where "previous" and "next" lead. */
  interface Page {
    items: Pending[];
    /** 0-based. */
    page: number;
    /** Known when the list's length is (from the totals or read whole). */
    pages?: number;
    count?: number;
    of?: number;
    prev?: { page: number; at?: Cursor; before?: boolean };
    next?: { page: number; at?: Cursor };
    /** True when the count comes from the running totals (and may lag). */
    lagging?: boolean;
  }

  /** The page `page` of a category's list, starting at `at` when it walks the units. */
  async function pageOfList(
    category: NonResponderCategory,
    target: Target,
    scope: CategoryScope,
    me: Person | null,
    page: number,
    at: Cursor | undefined,
    before: boolean,
  ): Promise<Page> {
    const now = deps.now();
    const year = yearOf(me, now);
    const inMemory = async (people: readonly ListedPerson[]): Promise<Page> => {
      const { pending, of } = await category.find(people, now, catDeps, scope);
      const shown = pageOf(pending, page, PAGE_SIZE);
      return {
        items: shown.items,
        page: shown.page,
        pages: shown.pages,
        count: pending.length,
        of: of ?? people.length,
        ...(shown.page > 0 ? { prev: { page: shown.page - 1 } } : {}),
        ...(shown.page < shown.pages - 1 ? { next: { page: shown.page + 1 } } : {}),
      };
    };
    if (category.candidates) return inMemory(await candidatePeople(category, target, scope, now));
    const start = at && at.u < target.units.length ? at : { u: 0, o: 0 };
    const p = at && at.u < target.units.length ? Math.max(0, page) : 0;
    if (category.fromTotals) {
      const own = await unitTotals(target, year);
      const counts = new Map([...own].map(([id, t]) => [id, category.fromTotals!(t).count]));
      const sum = [...own.values()].reduce(
        (s, t) => ({
          headcount: s.headcount + t.headcount,
          registered: s.registered + t.registered,
          assessed: s.assessed + t.assessed,
        }),
        { headcount: 0, registered: 0, assessed: 0 },
      );
      const { count, of } = category.fromTotals(sum);
      const reader = unitReader(category, target, scope, now);
      // "Previous" names where the page after it starts: the start is found by reading backwards.
      const from = before ? await pageBefore(target.units, reader, counts, start) : start;
      const { items, next } = await walk(target.units, reader, from, { counts });
      const pages = Math.max(1, Math.ceil(count / PAGE_SIZE), p + 1 + (next ? 1 : 0));
      return {
        items,
        page: p,
        pages,
        count,
        of: of ?? sum.headcount,
        lagging: true,
        ...(p > 0 ? { prev: { page: p - 1, at: from, before: true } } : {}),
        ...(next ? { next: { page: p + 1, at: next } } : {}),
      };
    }
    const totals = await scopeTotals(target, year);
    if (totals.headcount <= SMALL_SCOPE) return inMemory(await everyone(target));
    // A large scope whose count the totals do not keep: read a few units a page, uncounted.
    const reader = unitReader(category, target, scope, now);
    const { items, next } = await walk(target.units, reader, start, { budget: WALK_BUDGET });
    return {
      items,
      page: p,
      ...(p > 0 ? { prev: { page: 0, at: { u: 0, o: 0 } } } : {}),
      ...(next ? { next: { page: p + 1, at: next } } : {}),
    };
  }

  /** One page of a category's list, with paging, the reminder (or the CSV) and the way back. */
  async function listPage(
    conv: Conversation,
    me: Person | null,
    target: Target,
    scope: CategoryScope,
    category: NonResponderCategory,
    page: number,
    at: Cursor | undefined,
    before = false,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const shown = await pageOfList(category, target, scope, me, page, at, before);
    const units = new Map(target.units.map((u) => [u._id, u.name]));
    const unit = titleOf(target, locale);
    const lines = [
      shown.count === undefined
        ? t("nonresp-walk-title", { label: t(`${category.textPrefix}-label`), unit })
        : t(`${category.textPrefix}-title`, { count: shown.count, of: shown.of ?? 0, unit }),
    ];
    if (shown.count === undefined) lines.push(t("nonresp-walk-note"));
    if (shown.lagging) lines.push(t("nonresp-lag-note"));
    const any = shown.items.length > 0 || (shown.count ?? 0) > 0;
    if (!category.remindable && any) lines.push(t("nonresp-unreachable-note"));
    lines.push("");
    if (shown.items.length === 0)
      lines.push(shown.count === undefined && shown.page > 0 ? t("nonresp-walk-end") : t("nonresp-none"));
    shown.items.forEach((p, i) => {
      const where = (p.person.unitId && units.get(p.person.unitId)) || "";
      const extra = [where, p.note].filter(Boolean).join(" · ");
      lines.push(`${shown.page * PAGE_SIZE + i + 1}. ${p.person.name}${extra ? ` — ${extra}` : ""}`);
    });
    if (shown.pages !== undefined && shown.pages > 1)
      lines.push("", t("nonresp-page", { page: shown.page + 1, pages: shown.pages }));
    else if (shown.pages === undefined && (shown.page > 0 || shown.next))
      lines.push("", t("nonresp-page-open", { page: shown.page + 1 }));
    const move = (to: { page: number; at?: Cursor; before?: boolean }) =>
      to.at
        ? nonResponderButton.pack(
            "list",
            category.id,
            target.key,
            to.page,
            to.at.u,
            to.at.o,
            ...(to.before ? ["b"] : []),
          )
        : nonResponderButton.pack("list", category.id, target.key, to.page);
    const choices: Choice[][] = [];
    const nav: Choice[] = [];
    if (shown.prev)
      nav.push({
        data: move(shown.prev),
        label: t(shown.pages === undefined ? "nonresp-first" : "nonresp-prev"),
      });
    if (shown.next) nav.push({ data: move(shown.next), label: t("nonresp-next") });
    if (nav.length) choices.push(nav);
    if (any)
      choices.push([
        category.remindable
          ? { data: nonResponderButton.pack("preview", category.id, target.key), label: t("nonresp-remind") }
          : { data: nonResponderButton.pack("csv", target.key), label: t("nonresp-csv") },
      ]);
    choices.push([{ data: nonResponderButton.pack("overview", target.key), label: t("nonresp-back") }]);
    await audit(conv, me, "nonresponders.list", "ok", {
      ...(target.unit ? { scopeUnitId: target.unit._id } : {}),
      details: { category: category.id, ...(shown.count !== undefined ? { count: shown.count } : {}) },
    });
    return [{ text: lines.join("\n"), choices }];
  }

  /**
   * Says "this takes a moment" before an action that reads the whole scope, when it is large (by
   * the totals) and the category reads more than a few candidates.
   */
  async function noteIfLarge(
    conv: Conversation,
    me: Person | null,
    target: Target,
    category: NonResponderCategory | undefined,
    progress: Progress | undefined,
    preparing?: "document",
  ): Promise<void> {
    if (!progress || category?.candidates) return;
    const totals = await scopeTotals(target, yearOf(me, deps.now()));
    if (totals.headcount > SMALL_SCOPE)
      await progress({
        text: deps.translate(conv.profile.locale, "nonresp-reading", { count: totals.headcount }),
        ...(preparing ? { preparing } : {}),
      });
  }

  /** How many a reminder would reach, asked to confirm (with a deadline to choose), or why none. */
  async function preview(
    conv: Conversation,
    me: Person | null,
    target: Target,
    scope: CategoryScope,
    category: NonResponderCategory,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const now = deps.now();
    const id = campaignId(category.id, target);
    const pending = await allPending(category, target, scope, now);
    const p = await plan(id, pending, now);
    const campaign = await deps.repos.campaigns.get(id);
    const notes = [
      ...(p.recent ? [t("nonresp-recent", { count: p.recent })] : []),
      ...(p.unreachable ? [t("nonresp-unreachable", { count: p.unreachable })] : []),
      ...(campaign?.deadline && campaign.deadline > now
        ? [
            t("nonresp-deadline-now", {
              date: formatDateTime(campaign.deadline, { locale, timeZone: zoneOf(me) }),
            }),
          ]
        : []),
    ];
    if (p.send.length === 0) return [{ text: [nothingToSend(locale, p, zoneOf(me)), ...notes].join("\n") }];
    return [
      {
        text: [t("nonresp-confirm", { count: p.send.length }), ...notes, "", t("nonresp-confirm-help")].join(
          "\n",
        ),
        choices: [
          [{ data: nonResponderButton.pack("send", category.id, target.key, 0), label: t("nonresp-send") }],
          DEADLINE_DAYS.map((d) => ({
            data: nonResponderButton.pack("send", category.id, target.key, d),
            label: t("nonresp-send-deadline", { days: d }),
          })),
          [{ data: nonResponderButton.pack("list", category.id, target.key, 0), label: t("nonresp-cancel") }],
        ],
      },
    ];
  }

  /** The coordinator's zone for dates shown to them (WIB for a bootstrap admin without a person). */
  const zoneOf = (me: Person | null): string => me?.timeZone ?? "Asia/Jakarta";

  /** Why nobody gets a reminder: all reminded lately (and from when again), or none reachable. */
  function nothingToSend(locale: "id" | "en", p: { recent: number; nextAt?: Date }, zone: string): string {
    return p.recent > 0 && p.nextAt
      ? deps.translate(locale, "nonresp-none-due", {
          date: formatDateTime(p.nextAt, { locale, timeZone: zone }),
        })
      : deps.translate(locale, "nonresp-none-reachable");
  }

  /** Sends the reminders of a campaign to those due now (and sets its deadline when one was chosen). */
  async function send(
    conv: Conversation,
    me: Person | null,
    target: Target,
    scope: CategoryScope,
    category: NonResponderCategory,
    deadlineDays: number,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const now = deps.now();
    const by = me?._id ?? "admin";
    const campaign = await deps.repos.campaigns.open({
      _id: campaignId(category.id, target),
      category: category.id,
      ...(target.unit ? { unitId: target.unit._id } : {}),
      scopeRoots: target.roots ?? [],
      createdBy: by,
      createdAt: now,
    });
    const zone = zoneOf(me);
    let deadline = campaign.deadline;
    if (deadlineDays > 0) {
      // The end of that day in the coordinator's zone.
      deadline = atLocal(addDays(localClock(now, zone).date, deadlineDays), 23 * 60 + 59, zone);
      await deps.repos.campaigns.setDeadline(campaign._id, deadline);
    }
    const pending = await allPending(category, target, scope, now);
    const p = await plan(campaign._id, pending, now);
    const scheduled = await schedule(
      campaign,
      category,
      p.send,
      now,
      `w${reminderWindow(campaign.createdAt, now)}`,
    );
    await audit(conv, me, "nonresponders.remind", "ok", {
      ...(target.unit ? { scopeUnitId: target.unit._id } : {}),
      target: { kind: "campaign", id: campaign._id },
      details: {
        category: category.id,
        scheduled,
        recent: p.recent,
        unreachable: p.unreachable,
        ...(deadlineDays > 0 ? { deadlineDays } : {}),
      },
    });
    const lines = [
      scheduled > 0 ? t("nonresp-sent", { count: scheduled }) : nothingToSend(locale, p, zone),
      ...(deadline && deadline > now
        ? [t("nonresp-deadline-set", { date: formatDate(deadline, { locale, timeZone: zone }) })]
        : []),
    ];
    return [
      {
        text: lines.join("\n"),
        choices: [
          [
            {
              data: nonResponderButton.pack("list", category.id, target.key, 0),
              label: t("nonresp-back-list"),
            },
          ],
        ],
      },
    ];
  }

  /**
   * Puts one reminder for each of `entries` in the outbox under `campaign.<id>` and `occurrence`,
   * each due outside the person's quiet hours and not on a holiday, and records them as reminded.
   * Returns how many were new.
   */
  async function schedule(
    campaign: Campaign,
    category: NonResponderCategory,
    entries: readonly Pending[],
    now: Date,
    occurrence: string,
    stage?: string,
    deadline?: Date,
  ): Promise<number> {
    const items = (
      await Promise.all(
        entries.map(async (e) => {
          const message = await category.reminder?.(e, catDeps);
          const dueAt = campaignDueAt(now, e.person.timeZone, quietHoursOf(e.person), deps.holidays);
          if (!message || (deadline && dueAt >= deadline)) return [];
          return [{ personId: e.person._id, message, dueAt }];
        }),
      )
    ).flat();
    if (items.length === 0) return 0;
    const fresh = await deps.outbox.scheduleMany(items, `campaign.${campaign._id}`, occurrence);
    await deps.repos.campaigns.markReminded(
      campaign._id,
      items.map((i) => i.personId),
      now,
      stage,
    );
    return fresh;
  }

  /** The units a campaign still reaches (those its creator may still act on as koordinator), as its creator. */
  async function scopeOfCampaign(c: Campaign): Promise<CategoryScope | undefined> {
    const bootstrapAdmin = c.createdBy === "admin";
    const creator = bootstrapAdmin ? null : await deps.repos.people.get(c.createdBy);
    if (!bootstrapAdmin && !creator) return undefined;
    const actor = actorOf(creator, bootstrapAdmin);
    const units = c.unitId
      ? await deps.repos.orgUnits.inScope([c.unitId])
      : await deps.repos.orgUnits.inScope(c.scopeRoots.length ? c.scopeRoots : undefined);
    const reached = units.filter((u) => mayAct(actor, "koordinator", u));
    return reached.length ? { me: creator, actor, bootstrapAdmin, units: reached } : undefined;
  }

  /**
   * The automatic reminders before campaigns' deadlines at `tick`: for each stage (3 and 1 days
   * before, 08:00 in the person's zone) whose moment has come, those on the list who still have not
   * acted, are reachable, and were not reminded since that moment get one (the latest stage only).
   */
  async function deadlineTick(tick: Date): Promise<{ scheduled: number }> {
    let scheduled = 0;
    const horizon = (Math.max(...DEADLINE_STAGES) + 1) * 86_400_000;
    for (const c of await deps.repos.campaigns.withDeadlineAfter(tick)) {
      const category = categoryOf(c.category);
      const deadline = c.deadline;
      if (!category?.remindable || !deadline || deadline.getTime() - tick.getTime() > horizon) continue;
      const scope = await scopeOfCampaign(c);
      if (!scope) continue;
      const target: Target = { units: [...scope.units], key: ALL, roots: undefined };
      const pending = await allPending(category, target, scope, tick);
      const routes = await deps.outbox.routes(pending.map((p) => p.person._id));
      const reachable = pending.filter((p) => routes.has(p.person._id));
      const reminded = await deps.repos.campaigns.remindersOf(
        c._id,
        reachable.map((p) => p.person._id),
      );
      const byStage = new Map<number, Pending[]>();
      for (const e of reachable) {
        const quiet = quietHoursOf(e.person);
        // The latest stage whose moment has come for this person.
        const due = [...DEADLINE_STAGES]
          .sort((a, b) => a - b)
          .map((d) => ({ d, at: deadlineReminderAt(deadline, d, e.person.timeZone, quiet, deps.holidays) }))
          .find((s) => s.at && s.at <= tick);
        if (!due?.at) continue;
        const r = reminded.get(e.person._id);
        if (r?.stages?.includes(`d${due.d}`) || (r && r.lastAt >= due.at)) continue;
        byStage.set(due.d, [...(byStage.get(due.d) ?? []), e]);
      }
      for (const [d, entries] of byStage)
        scheduled += await schedule(c, category, entries, tick, `d${d}`, `d${d}`, deadline);
    }
    return { scheduled };
  }

  /** The "belum pernah dihubungi" CSV: imported people not registered who have no chat account. */
  async function neverContactedCsv(
    conv: Conversation,
    me: Person | null,
    target: Target,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const people: ListedPerson[] = (await everyone(target)).filter((p) => p.nip && !p.onboardedAt);
    const known = new Set(
      (await deps.repos.identities.listForPeople(people.map((p) => p._id))).map((i) => i.personId),
    );
    const never = people.filter((p) => !known.has(p._id));
    const units = new Map(target.units.map((u) => [u._id, u.name]));
    await audit(conv, me, "nonresponders.export", "ok", {
      ...(target.unit ? { scopeUnitId: target.unit._id } : {}),
      details: { people: never.length },
    });
    if (never.length === 0) return [{ text: t("nonresp-csv-empty") }];
    const rows = never.map((p) => [p.nip ?? "", p.name, (p.unitId && units.get(p.unitId)) || p.unitId || ""]);
    const text = stringify([["nip", "nama", "unit"], ...rows], spreadsheetCsvOptions(csvDelimiter(locale)));
    return [
      {
        text: t("nonresp-csv-caption", { count: never.length }),
        media: {
          kind: "document",
          filename: "belum-pernah-dihubungi.csv",
          mime: "text/csv",
          bytes: new TextEncoder().encode(text),
        },
      },
    ];
  }

  /** Finds the units a typed argument means among the reader's units. */
  function matchUnits(query: string, units: readonly OrgUnit[]): OrgUnit[] {
    const q = query.toLowerCase();
    const exact = units.filter((u) => u._id === q || u.name.toLowerCase() === q);
    return exact.length > 0 ? exact : units.filter((u) => u.name.toLowerCase().includes(q));
  }

  const scopeOf = (
    me: Person | null,
    actor: Actor,
    bootstrapAdmin: boolean,
    target: Target,
  ): CategoryScope => ({
    me,
    actor,
    bootstrapAdmin,
    units: target.units,
  });

  return {
    /** /belum [unit]: the overview of the coordinator's scope, or of one unit in it. */
    async show(conv: Conversation, args: string, bootstrapAdmin: boolean): Promise<Outbound[]> {
      const t = (k: string, a?: Record<string, string | number>) => deps.translate(conv.profile.locale, k, a);
      const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
      const { roots, units } = await scopeUnits(actor);
      if (units.length === 0) return [{ text: t("nonresp-no-scope") }];
      const query = args.trim().slice(0, 200);
      const open = (target: Target) => overview(conv, me, target, scopeOf(me, actor, bootstrapAdmin, target));
      if (!query) return open({ units, key: ALL, roots });
      const found = matchUnits(query, units);
      if (found.length === 1) {
        const unit = found[0]!;
        return open({ units: subtreeOf(unit, units), unit, key: unitKey(unit._id), roots });
      }
      if (found.length === 0) {
        // Outside the scope is refused (and written down); a name that matches nothing is a typo.
        if (matchUnits(query, await deps.repos.orgUnits.all()).length > 0) {
          await audit(conv, me, "nonresponders.view", "refused", { details: { query } });
          return [{ text: t("nonresp-out-of-scope") }];
        }
        return [{ text: t("nonresp-unit-unknown", { query }) }];
      }
      return [
        {
          text: t("nonresp-choose-unit", { count: found.length }),
          choices: found
            .slice(0, MAX_UNIT_CHOICES)
            .map((u) => [{ data: nonResponderButton.pack("overview", unitKey(u._id)), label: u.name }]),
        },
      ];
    },

    /**
     * Every /belum button: the actor's role and scope are read again before anything is shown or
     * sent. `progress` says first that an action reading a large scope takes a moment.
     */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<Action>,
      bootstrapAdmin: boolean,
      progress?: Progress,
    ): Promise<Outbound[] | undefined> {
      const t = (k: string) => deps.translate(conv.profile.locale, k);
      const [a = "", b = "", c = "", d, e, f] = press.args;
      const scopeKey = press.action === "csv" || press.action === "overview" ? a : b;
      const category = press.action === "csv" || press.action === "overview" ? undefined : categoryOf(a);
      if (press.action !== "csv" && press.action !== "overview" && !category)
        return [{ text: t("nonresp-gone") }];
      const r = await resolve(conv, bootstrapAdmin, scopeKey);
      if (!r.ok) return r.reply;
      const scope = scopeOf(r.me, r.actor, bootstrapAdmin, r.target);
      switch (press.action) {
        case "overview":
          return overview(conv, r.me, r.target, scope);
        case "csv":
          await noteIfLarge(conv, r.me, r.target, undefined, progress, "document");
          return neverContactedCsv(conv, r.me, r.target);
        case "list": {
          // Numbers from outside: whole and not negative (a cursor past the units starts over).
          const whole = (x: string) => Math.max(0, Math.floor(Number(x) || 0));
          const at = d !== undefined && e !== undefined ? { u: whole(d), o: whole(e) } : undefined;
          return listPage(conv, r.me, r.target, scope, category!, whole(c), at, f === "b");
        }
        case "preview":
          if (!category!.remindable) return [{ text: t("nonresp-not-remindable") }];
          await noteIfLarge(conv, r.me, r.target, category, progress);
          return preview(conv, r.me, r.target, scope, category!);
        case "send": {
          if (!category!.remindable) return [{ text: t("nonresp-not-remindable") }];
          const days = Number(c);
          if (days !== 0 && !DEADLINE_DAYS.includes(days as 7 | 14)) return [{ text: t("nonresp-gone") }];
          await noteIfLarge(conv, r.me, r.target, category, progress);
          return send(conv, r.me, r.target, scope, category!, days);
        }
      }
      return undefined;
    },

    /**
     * What waits in a coordinator's whole scope, one line per category counted without reading the
     * scope (see the overview): for the weekly digest, each pointing at /belum. A category whose
     * count would need reading a large scope is left out, and so is one with nobody waiting.
     */
    async openCounts(
      actor: Actor,
      locale: "id" | "en",
      me: Person | null = null,
    ): Promise<{ label: string; count: number; command: string }[]> {
      const { roots, units } = await scopeUnits(actor);
      if (units.length === 0) return [];
      const target: Target = { units, key: ALL, roots };
      const now = deps.now();
      const { counts } = await countsOf(
        target,
        { me, actor, bootstrapAdmin: actor.bootstrapAdmin ?? false, units },
        now,
        yearOf(me, now),
      );
      return counts.flatMap(({ category, count }) =>
        count === undefined || count === 0
          ? []
          : [{ label: deps.translate(locale, `${category.textPrefix}-label`), count, command: "/belum" }],
      );
    },

    /** The automatic reminders before deadlines (the scheduled job). */
    deadlineTick,
  };
}
export type Campaigns = ReturnType<typeof createCampaigns>;

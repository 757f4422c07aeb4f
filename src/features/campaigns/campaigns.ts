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
import type { SurveyDefinition } from "../../domain/survey.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { formatDate, formatDateTime } from "../../i18n/format.js";
import { actingPerson, actorOf } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import { unitKey } from "../summaries/summary-report.js";
import {
  type CategoryDeps,
  NON_RESPONDER_CATEGORIES,
  type NonResponderCategory,
  type Pending,
} from "./categories/index.js";

/**
 * /belum's buttons: a category's list page (`l|<cat>|<scope>|<page>`), the "belum pernah
 * dihubungi" CSV (`c|<scope>`), how many a reminder would reach (`p|<cat>|<scope>`), sending it
 * with an optional deadline in days (`s|<cat>|<scope>|<days>`), and the overview (`o|<scope>`).
 * `<scope>` is `all` (the reader's whole scope) or a unit's short key.
 */
export const nonResponderButton = buttonCodec("nonresponders", "blm", {
  list: ["l", 3],
  csv: ["c", 1],
  preview: ["p", 2],
  send: ["s", 3],
  overview: ["o", 1],
});
type Action = Parameters<typeof nonResponderButton.pack>[0];

/** Names on one page of a list. */
export const PAGE_SIZE = 20;
/** Deadlines a coordinator may give a campaign, in days from today. */
const DEADLINE_DAYS = [7, 14] as const;
const MAX_UNIT_CHOICES = 8;
/** How old a list shown for browsing may be (see `peopleOf`). */
export const ROSTER_TTL_MS = 5 * 60_000;
const ALL = "all";

/** What a list is about: the units read, the unit chosen (if any), and the key on buttons. */
interface Target {
  units: OrgUnit[];
  unit?: OrgUnit;
  key: string;
  /** The reader's scope roots (undefined: everything, a bootstrap admin). */
  roots: string[] | undefined;
}

/** The outcome of resolving the acting coordinator and the scope a button names. */
type Resolved =
  | { ok: true; me: Person | null; actor: Actor; target: Target; scope: OrgUnit[] }
  | { ok: false; reply: Outbound[] };

/**
 * /belum: lists of people in a coordinator's scope who have not done something (registered,
 * assessed this year, answered a survey, kept the JP pace), with "Ingatkan yang belum" that reminds
 * them through the outbox as a campaign (at most once per campaign per three days, outside quiet
 * hours and holidays), a deadline with automatic reminders before it, and the CSV of imported people
 * Pandu cannot reach.
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

  /** Units the actor may act on as koordinator ("none" when there are none). */
  async function scopeUnits(actor: Actor): Promise<{ roots: string[] | undefined; units: OrgUnit[] }> {
    const roots = scopeRoots(actor, "koordinator");
    if (roots && roots.length === 0) return { roots, units: [] };
    return { roots, units: await deps.repos.orgUnits.inScope(roots) };
  }

  const subtreeOf = (unit: OrgUnit, units: readonly OrgUnit[]) =>
    units.filter((u) => u._id === unit._id || u.path.includes(unit._id));

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

  /**
   * The people of each unit as last read, for browsing: paging through a list of a large scope
   * must not read every person again (on FerretDB 50,000 people take seconds). A unit read more
   * than ROSTER_TTL_MS ago is read again, so a list is at most that old; reminders, the CSV and the
   * deadline job always read afresh (and refresh this).
   */
  const roster = new Map<string, { at: number; people: ListedPerson[] }>();

  /** Reads the people of these units now, and keeps them for browsing. */
  async function readUnits(unitIds: readonly string[]): Promise<void> {
    if (unitIds.length === 0) return;
    const at = deps.now().getTime();
    const byUnit = new Map<string, ListedPerson[]>(unitIds.map((id) => [id, []]));
    for (const p of await deps.repos.people.listForLists([...unitIds])) byUnit.get(p.unitId!)?.push(p);
    for (const [id, people] of byUnit) roster.set(id, { at, people });
    // Units no longer asked about are let go once their copy is old, so memory follows what is used.
    for (const [id, r] of roster) if (at - r.at > 4 * ROSTER_TTL_MS) roster.delete(id);
  }

  /** Everyone officially in the target's units, by name: as read at most ROSTER_TTL_MS ago, or `fresh`. */
  async function peopleOf(units: readonly OrgUnit[], fresh = false): Promise<ListedPerson[]> {
    const now = deps.now().getTime();
    const toRead = fresh
      ? units.map((u) => u._id)
      : units
          .filter((u) => now - (roster.get(u._id)?.at ?? Number.NEGATIVE_INFINITY) > ROSTER_TTL_MS)
          .map((u) => u._id);
    await readUnits(toRead);
    const people = units.flatMap((u) => roster.get(u._id)?.people ?? []);
    // By name, as one sorted query gives them (code-unit order).
    return people.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  function titleOf(target: Target, locale: "id" | "en"): string {
    if (target.unit) return target.unit.name;
    const ids = new Set(target.units.map((u) => u._id));
    const roots = target.units.filter((u) => !u.parentId || !ids.has(u.parentId));
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

  /** The overview: each category's count in the target, with a button to its list. */
  async function overview(conv: Conversation, me: Person | null, target: Target): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const now = deps.now();
    const people = await peopleOf(target.units);
    const lines = [t("nonresp-title", { unit: titleOf(target, locale) }), ""];
    const choices: Choice[][] = [];
    for (const c of categories) {
      const list = await c.find(people, now, catDeps);
      lines.push(
        `• ${t(`${c.textPrefix}-line`, { count: list.pending.length, of: list.of ?? people.length })}`,
      );
      choices.push([
        {
          data: nonResponderButton.pack("list", c.id, target.key, 0),
          label: t(`${c.textPrefix}-open`, { count: list.pending.length }),
        },
      ]);
    }
    lines.push("", t(target.unit ? "nonresp-help-unit" : "nonresp-help"));
    await audit(conv, me, "nonresponders.view", "ok", {
      ...(target.unit ? { scopeUnitId: target.unit._id } : {}),
      details: { people: people.length },
    });
    return [{ text: lines.join("\n"), choices }];
  }

  /** One page of a category's list, with paging, the reminder (or the CSV) and the way back. */
  async function listPage(
    conv: Conversation,
    me: Person | null,
    target: Target,
    category: NonResponderCategory,
    page: number,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const now = deps.now();
    const people = await peopleOf(target.units);
    const { pending, of } = await category.find(people, now, catDeps);
    const units = new Map(target.units.map((u) => [u._id, u.name]));
    const shown = pageOf(pending, page, PAGE_SIZE);
    const lines = [
      t(`${category.textPrefix}-title`, {
        count: pending.length,
        of: of ?? people.length,
        unit: titleOf(target, locale),
      }),
    ];
    if (!category.remindable && pending.length > 0) lines.push(t("nonresp-unreachable-note"));
    lines.push("");
    if (pending.length === 0) lines.push(t("nonresp-none"));
    shown.items.forEach((p, i) => {
      const unit = (p.person.unitId && units.get(p.person.unitId)) || "";
      const extra = [unit, p.note].filter(Boolean).join(" · ");
      lines.push(`${shown.page * PAGE_SIZE + i + 1}. ${p.person.name}${extra ? ` — ${extra}` : ""}`);
    });
    if (shown.pages > 1) lines.push("", t("nonresp-page", { page: shown.page + 1, pages: shown.pages }));
    const choices: Choice[][] = [];
    const nav: Choice[] = [];
    if (shown.page > 0)
      nav.push({
        data: nonResponderButton.pack("list", category.id, target.key, shown.page - 1),
        label: t("nonresp-prev"),
      });
    if (shown.page < shown.pages - 1)
      nav.push({
        data: nonResponderButton.pack("list", category.id, target.key, shown.page + 1),
        label: t("nonresp-next"),
      });
    if (nav.length) choices.push(nav);
    if (pending.length > 0)
      choices.push([
        category.remindable
          ? { data: nonResponderButton.pack("preview", category.id, target.key), label: t("nonresp-remind") }
          : { data: nonResponderButton.pack("csv", target.key), label: t("nonresp-csv") },
      ]);
    choices.push([{ data: nonResponderButton.pack("overview", target.key), label: t("nonresp-back") }]);
    await audit(conv, me, "nonresponders.list", "ok", {
      ...(target.unit ? { scopeUnitId: target.unit._id } : {}),
      details: { category: category.id, count: pending.length },
    });
    return [{ text: lines.join("\n"), choices }];
  }

  /** How many a reminder would reach, asked to confirm (with a deadline to choose), or why none. */
  async function preview(
    conv: Conversation,
    me: Person | null,
    target: Target,
    category: NonResponderCategory,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const now = deps.now();
    const id = campaignId(category.id, target);
    const { pending } = await category.find(await peopleOf(target.units, true), now, catDeps);
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
    const { pending } = await category.find(await peopleOf(target.units, true), now, catDeps);
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
    const items = entries.flatMap((e) => {
      const message = category.reminder?.(e, catDeps);
      const dueAt = campaignDueAt(now, e.person.timeZone, quietHoursOf(e.person), deps.holidays);
      if (!message || (deadline && dueAt >= deadline)) return [];
      return [{ personId: e.person._id, message, dueAt }];
    });
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

  /** The units a campaign still reaches: those its creator may still act on as koordinator. */
  async function unitsOfCampaign(c: Campaign): Promise<OrgUnit[]> {
    const creator = c.createdBy === "admin" ? null : await deps.repos.people.get(c.createdBy);
    if (c.createdBy !== "admin" && !creator) return [];
    const actor = actorOf(creator, c.createdBy === "admin");
    const units = c.unitId
      ? await deps.repos.orgUnits.inScope([c.unitId])
      : await deps.repos.orgUnits.inScope(c.scopeRoots.length ? c.scopeRoots : undefined);
    return units.filter((u) => mayAct(actor, "koordinator", u));
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
      const units = await unitsOfCampaign(c);
      if (units.length === 0) continue;
      const { pending } = await category.find(await peopleOf(units, true), tick, catDeps);
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
    const people: ListedPerson[] = (await peopleOf(target.units, true)).filter(
      (p) => p.nip && !p.onboardedAt,
    );
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

  return {
    /** /belum [unit]: the overview of the coordinator's scope, or of one unit in it. */
    async show(conv: Conversation, args: string, bootstrapAdmin: boolean): Promise<Outbound[]> {
      const t = (k: string, a?: Record<string, string | number>) => deps.translate(conv.profile.locale, k, a);
      const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
      const { roots, units } = await scopeUnits(actor);
      if (units.length === 0) return [{ text: t("nonresp-no-scope") }];
      const query = args.trim().slice(0, 200);
      if (!query) return overview(conv, me, { units, key: ALL, roots });
      const found = matchUnits(query, units);
      if (found.length === 1) {
        const unit = found[0]!;
        return overview(conv, me, { units: subtreeOf(unit, units), unit, key: unitKey(unit._id), roots });
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

    /** Every /belum button: the actor's role and scope are read again before anything is shown or sent. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<Action>,
      bootstrapAdmin: boolean,
    ): Promise<Outbound[] | undefined> {
      const t = (k: string) => deps.translate(conv.profile.locale, k);
      const [a = "", b = "", c = ""] = press.args;
      const scopeKey = press.action === "csv" || press.action === "overview" ? a : b;
      const category = press.action === "csv" || press.action === "overview" ? undefined : categoryOf(a);
      if (press.action !== "csv" && press.action !== "overview" && !category)
        return [{ text: t("nonresp-gone") }];
      const r = await resolve(conv, bootstrapAdmin, scopeKey);
      if (!r.ok) return r.reply;
      switch (press.action) {
        case "overview":
          return overview(conv, r.me, r.target);
        case "csv":
          return neverContactedCsv(conv, r.me, r.target);
        case "list":
          return listPage(conv, r.me, r.target, category!, Number(c) || 0);
        case "preview":
          if (!category!.remindable) return [{ text: t("nonresp-not-remindable") }];
          return preview(conv, r.me, r.target, category!);
        case "send": {
          if (!category!.remindable) return [{ text: t("nonresp-not-remindable") }];
          const days = Number(c);
          if (days !== 0 && !DEADLINE_DAYS.includes(days as 7 | 14)) return [{ text: t("nonresp-gone") }];
          return send(conv, r.me, r.target, category!, days);
        }
      }
      return undefined;
    },

    /** The automatic reminders before deadlines (the scheduled job). */
    deadlineTick,
  };
}
export type Campaigns = ReturnType<typeof createCampaigns>;

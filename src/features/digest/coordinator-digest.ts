import type { OrgUnit, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import { type DigestFigures, digestFigures, digestWindow } from "../../domain/digest.js";
import type { HolidayCalendar } from "../../domain/holidays.js";
import { localClock, morningOf, quietHoursOf } from "../../domain/reminder-time.js";
import { type Actor, holdsRole, scopeRoots } from "../../domain/scope.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound, Progress } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import { actorOf } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import { type ButtonPress, buttonCodec } from "../feature.js";

/** /rekap's buttons: start or stop the weekly digest. */
export const digestButton = buttonCodec("digest", "rkp", { on: ["1", 0], off: ["0", 0] });
export type DigestAction = typeof digestButton extends { parse(d: string): infer P }
  ? P extends ButtonPress<infer A>
    ? A
    : never
  : never;

/**
 * What still waits for action in a coordinator's scope, one line per kind (not registered, not
 * assessed, survey unanswered…), each with the command that acts on it.
 */
export type OpenCounts = (
  actor: Actor,
  locale: Locale,
  /** The coordinator (their own broadcasts are counted), when known. */
  me?: Person | null,
) => Promise<readonly { label: string; count: number; command: string }[]>;

/** A scope this large takes seconds to read: the coordinator is told it is being prepared. */
const LARGE_SCOPE = 2_000;

/** Sessions listed in one digest; the rest are counted ("and N more"). */
const MAX_SESSIONS = 8;

/**
 * The coordinator's weekly digest: on request (/rekap) and, for those who ask, every Monday 07:00
 * in their own zone through the outbox. It covers the units where they hold the koordinator role,
 * read when it is made, so a coordinator who loses the role stops getting it.
 */
export function createCoordinatorDigest(deps: {
  repos: Pick<Repositories, "people" | "orgUnits" | "enrollments" | "audit">;
  outbox: Pick<Outbox, "schedule">;
  holidays: HolidayCalendar;
  translate: Translate;
  now: () => Date;
  openCounts?: OpenCounts;
}) {
  const audit = createAuditLog(deps);

  /** The units of the actor's koordinator role ("none" when they hold it nowhere). */
  async function scopeOf(actor: Actor): Promise<OrgUnit[] | "none"> {
    if (!holdsRole(actor, "koordinator")) return "none";
    const roots = scopeRoots(actor, "koordinator");
    if (roots && roots.length === 0) return "none";
    const units = await deps.repos.orgUnits.inScope(roots);
    return units.length === 0 ? "none" : units;
  }

  /**
   * The figures of a scope at `now`: its people read by unit, then their places by person (both
   * indexed reads; the week's sessions are picked in code, since a date range reads every place).
   */
  async function figuresOf(
    units: readonly OrgUnit[],
    locale: Locale,
    progress?: Progress,
  ): Promise<DigestFigures> {
    const people = await deps.repos.people.activityByUnits(units.map((u) => u._id));
    if (people.length > LARGE_SCOPE) await progress?.({ text: deps.translate(locale, "digest-preparing") });
    const places = await deps.repos.enrollments.listForPeople(people.map((p) => p._id));
    return digestFigures(people, places, digestWindow(deps.now()));
  }

  /** The scope's name: its one top unit, or how many top units it has. */
  function scopeName(units: readonly OrgUnit[], locale: Locale): string {
    const ids = new Set(units.map((u) => u._id));
    const tops = units.filter((u) => !u.parentId || !ids.has(u.parentId));
    return tops.length === 1 ? tops[0]!.name : deps.translate(locale, "digest-scope", { count: tops.length });
  }

  /** The digest as text in the reader's language and zone. */
  async function render(
    actor: Actor,
    units: readonly OrgUnit[],
    reader: Person | null,
    locale: Locale,
    progress?: Progress,
  ) {
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const timeZone = reader?.timeZone ?? "Asia/Jakarta";
    const f = await figuresOf(units, locale, progress);
    const lines = [
      t("digest-title", { scope: scopeName(units, locale) }),
      "",
      t("digest-people", { count: f.people }),
      t("digest-registered", { count: f.registeredThisWeek }),
      t("digest-assessed", { count: f.assessedThisWeek }),
      "",
    ];
    if (f.sessions.length === 0) lines.push(t("digest-sessions-none"));
    else {
      lines.push(t("digest-sessions-head"));
      for (const s of f.sessions.slice(0, MAX_SESSIONS))
        lines.push(
          t("digest-session", {
            title: s.title,
            when: formatDateTime(s.startsAt, { locale, timeZone }),
            hadir: s.hadir,
            tidak: s.tidak,
            unanswered: s.unanswered,
          }),
        );
      if (f.sessions.length > MAX_SESSIONS)
        lines.push(t("digest-sessions-more", { count: f.sessions.length - MAX_SESSIONS }));
      lines.push(t("digest-sessions-act"));
    }
    const open = (await deps.openCounts?.(actor, locale, reader)) ?? [];
    if (open.length > 0) {
      lines.push("", t("digest-open-head"));
      for (const o of open)
        lines.push(t("digest-open", { label: o.label, count: o.count, command: o.command }));
    }
    lines.push("", t("digest-summary-act"));
    return lines.join("\n");
  }

  return {
    /** /rekap: this week's digest now, with the button to get it every Monday (or stop it). */
    async show(conv: Conversation, bootstrapAdmin: boolean, progress?: Progress): Promise<Outbound[]> {
      const locale = conv.profile.locale;
      const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      const actor = actorOf(me, bootstrapAdmin);
      const units = await scopeOf(actor);
      if (units === "none") return [{ text: deps.translate(locale, "digest-no-scope") }];
      const text = await render(actor, units, me, locale, progress);
      // Only a person can subscribe: a bootstrap admin who never registered has no zone to send to.
      if (!me) return [{ text }];
      const toggle = me.coordinatorDigest
        ? { data: digestButton.pack("off"), label: deps.translate(locale, "digest-unsubscribe") }
        : { data: digestButton.pack("on"), label: deps.translate(locale, "digest-subscribe") };
      return [{ text, choices: [[toggle]] }];
    },

    /** The subscribe and stop buttons; subscribing needs the koordinator role somewhere now. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<DigestAction>,
      bootstrapAdmin: boolean,
    ): Promise<Outbound[]> {
      const locale = conv.profile.locale;
      const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      if (!me) return [{ text: deps.translate(locale, "digest-no-scope") }];
      if (press.action === "off") {
        await deps.repos.people.update(me._id, {}, ["coordinatorDigest"]);
        return [{ text: deps.translate(locale, "digest-stopped") }];
      }
      if ((await scopeOf(actorOf(me, bootstrapAdmin))) === "none") {
        await audit(conv, me, "digest.subscribe", "refused");
        return [{ text: deps.translate(locale, "digest-no-scope") }];
      }
      await deps.repos.people.update(me._id, { coordinatorDigest: { since: deps.now() } });
      await audit(conv, me, "digest.subscribe", "ok");
      return [{ text: deps.translate(locale, "digest-subscribed") }];
    },

    /**
     * The digests of one zone at `tick` (Monday 07:00 there): each subscriber in that zone who
     * still holds the koordinator role gets one through the outbox, once per week.
     */
    async weekly(timeZone: string, tick: Date): Promise<{ scheduled: number; skipped: number }> {
      const { date } = localClock(tick, timeZone);
      let scheduled = 0;
      let skipped = 0;
      for (const person of await deps.repos.people.listDigestSubscribers()) {
        if (person.timeZone !== timeZone) continue;
        const actor = actorOf(person, false);
        const units = await scopeOf(actor);
        if (units === "none") {
          skipped++;
          continue;
        }
        const locale = person.locale;
        const body = await render(actor, units, person, locale);
        const outcome = await deps.outbox.schedule({
          purpose: "digest.weekly",
          occurrence: date,
          personId: person._id,
          message: {
            text: `${deps.translate(locale, "digest-weekly-intro")}\n\n${body}`,
            choices: [
              [{ data: digestButton.pack("off"), label: deps.translate(locale, "digest-unsubscribe") }],
            ],
          },
          // Monday 07:00; on a holiday the next working morning, and after the person's quiet hours.
          dueAt: morningOf(date, "07:00", timeZone, quietHoursOf(person), deps.holidays),
        });
        if (outcome === "scheduled") scheduled++;
      }
      return { scheduled, skipped };
    },
  };
}
export type CoordinatorDigest = ReturnType<typeof createCoordinatorDigest>;

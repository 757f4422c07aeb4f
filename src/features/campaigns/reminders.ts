import { createHash } from "node:crypto";
import type { Campaign } from "../../db/models/index.js";
import { campaignDueAt, mayRemindAgain, nextReminderAt } from "../../domain/campaign.js";
import { quietHoursOf } from "../../domain/reminder-time.js";
import type { NonResponderCategory, Pending } from "./categories/index.js";
import type { CampaignsContext } from "./context.js";
import type { Target } from "./target.js";

/** A campaign's id: one per category and scope, whoever presses. */
export function campaignId(category: string, target: Pick<Target, "unit" | "roots">): string {
  const scope = target.unit ? `unit:${target.unit._id}` : `roots:${target.roots?.join(",") ?? "*"}`;
  return `cmp-${createHash("sha1").update(`${category}|${scope}`).digest("base64url").slice(0, 16)}`;
}

/** Whom a campaign's reminder reaches (the three-day rule), and putting reminders in the outbox. */
export function createReminders(deps: CampaignsContext) {
  const { catDeps } = deps;

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

  return { plan, schedule };
}
/** The reminder planning and scheduling of `createReminders`. */
export type Reminders = ReturnType<typeof createReminders>;

import type { Person } from "../../db/models/index.js";
import { reminderWindow } from "../../domain/campaign.js";
import { addDays, atLocal, localClock } from "../../domain/reminder-time.js";
import type { Conversation, Outbound, Progress } from "../../engine/types.js";
import { formatDate, formatDateTime } from "../../i18n/format.js";
import { nonResponderButton } from "./buttons.js";
import type { CategoryScope, NonResponderCategory } from "./categories/index.js";
import type { CampaignsContext } from "./context.js";
import { campaignId, type Reminders } from "./reminders.js";
import { type ScopeReads, SMALL_SCOPE } from "./scope-reads.js";
import { type Target, yearOf, zoneOf } from "./target.js";

/** Deadlines a coordinator may give a campaign, in days from today. */
export const DEADLINE_DAYS = [7, 14] as const;

/** "Ingatkan yang belum": how many a reminder would reach, and sending it (with a deadline). */
export function createCampaignSend(deps: CampaignsContext, reads: ScopeReads, reminders: Reminders) {
  const { audit } = deps;
  const { scopeTotals, allPending } = reads;
  const { plan, schedule } = reminders;

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

  return { noteIfLarge, preview, send };
}
/** The preview and sending of `createCampaignSend`. */
export type CampaignSend = ReturnType<typeof createCampaignSend>;

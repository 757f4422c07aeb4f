import type { Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { HolidayCalendar } from "../../domain/holidays.js";
import { expectedJpByDate, isBehindPace } from "../../domain/jp.js";
import { localClock, morningOf, quietHoursOf } from "../../domain/reminder-time.js";
import type { Translate } from "../../engine/text.js";
import { formatNumber } from "../../i18n/format.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { commandButton } from "../help/buttons.js";
import type { Recommendations } from "../recommendations/recommendations.js";

/**
 * The gentle monthly nudge: people of one zone who are behind the even pace toward their own
 * minimum get their JP so far and their top recommendation, at 08:00 their time on a working day.
 * People under a ceiling (PPPK) are never nudged: a maximum is not a target. Runs per zone so the
 * cron expression is read in the people's own zone.
 */
export function createJpNudge(deps: {
  repos: Pick<Repositories, "people">;
  outbox: Pick<Outbox, "schedule">;
  recommendations: Pick<Recommendations, "forPerson" | "reason">;
  holidays: HolidayCalendar;
  ledger: Pick<JpLedger, "standingOf">;
  translate: Translate;
}) {
  function wantsNudges(p: Person, now: Date): boolean {
    if (p.reminders?.nudges === "off") return false;
    return !(p.reminders?.nudgesPausedUntil && p.reminders.nudgesPausedUntil > now);
  }

  return {
    /** Schedules this month's nudge for everyone in `timeZone` below pace at `tick`. */
    async run(
      timeZone: string,
      tick: Date,
    ): Promise<{ scheduled: number; onPace: number; underCeiling: number }> {
      const { date } = localClock(tick, timeZone);
      let scheduled = 0;
      let onPace = 0;
      let underCeiling = 0;
      for (const person of await deps.repos.people.listOnboardedInZone(timeZone)) {
        if (!wantsNudges(person, tick)) continue;
        const standing = await deps.ledger.standingOf(person, tick);
        if (standing.rule.kind !== "minimum") {
          underCeiling++;
          continue;
        }
        if (!isBehindPace(standing, date)) {
          onPace++;
          continue;
        }
        const locale = person.locale;
        const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
        const ranked = await deps.recommendations.forPerson(person._id);
        const top = ranked.kind === "ranked" ? ranked.items[0] : undefined;
        const lines = [
          t("nudge-jp", {
            name: person.name,
            total: formatNumber(standing.total, locale),
            goal: formatNumber(standing.rule.jp, locale),
            expected: formatNumber(Math.ceil(expectedJpByDate(standing.rule, standing.period, date)), locale),
          }),
          top
            ? t("nudge-jp-course", {
                title: top.course.title,
                jp: String(top.course.jp),
                reason: deps.recommendations.reason(top, locale),
              })
            : t("nudge-jp-no-course"),
        ];
        const outcome = await deps.outbox.schedule({
          purpose: "nudge.jp",
          occurrence: date.slice(0, 7),
          personId: person._id,
          message: {
            text: lines.join("\n\n"),
            choices: [
              [
                { data: commandButton.pack("open", "rekomendasi"), label: t("nudge-jp-see") },
                { data: commandButton.pack("open", "pengingat"), label: t("nudge-jp-settings") },
              ],
            ],
          },
          dueAt: morningOf(date, "08:00", timeZone, quietHoursOf(person), deps.holidays),
        });
        if (outcome === "scheduled") scheduled++;
      }
      return { scheduled, onPace, underCeiling };
    },
  };
}
export type JpNudge = ReturnType<typeof createJpNudge>;

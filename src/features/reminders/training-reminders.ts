import type { DeliveryMessage, Enrollment, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { HolidayCalendar } from "../../domain/holidays.js";
import {
  addDays,
  afterQuiet,
  DEFAULT_REMINDER_RULES,
  localClock,
  morningOf,
  parseReminderRule,
  quietHoursOf,
  type ReminderRule,
  reminderDueAt,
} from "../../domain/reminder-time.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import { shortKey } from "../../services/course-catalog.js";
import { courseButton, placeByShortKey } from "../enrolment/enrollment.js";
import { type ButtonPress, buttonCodec } from "../feature.js";

/** A training reminder's buttons: attending, not attending, and snoozing it. */
export const reminderButton = buttonCodec("training-reminder", "rem", {
  attend: ["h", 1],
  absent: ["t", 1],
  snoozeHour: ["s1", 1],
  snoozeTomorrow: ["sb", 1],
});
type ReminderAction = Parameters<typeof reminderButton.pack>[0];

/** How far ahead the planner puts reminders in the outbox (a little more than its tick). */
const LOOKAHEAD_MS = 10 * 60_000;
/** A reminder that should have gone more than this long ago (Pandu was down) is not sent late. */
const CATCH_UP_MS = 24 * 3_600_000;

/**
 * Reminders before enrolled training: the planner (a cron job) puts each due reminder in the
 * outbox under the key (rule, enrolment), so a second run or a second instance adds nothing; the
 * buttons on a reminder record attendance or snooze it.
 */
export function createTrainingReminders(deps: {
  repos: Pick<Repositories, "enrollments" | "people" | "courses">;
  outbox: Pick<Outbox, "schedule">;
  holidays: HolidayCalendar;
  translate: Translate;
  now: () => Date;
  /** The reminder rules of a course (from the catalog); Pandu's default when undefined. */
  rulesOf?: (courseId: string) => Promise<readonly string[] | undefined>;
}) {
  const t = (locale: Locale, key: string, args?: Record<string, string | number>) =>
    deps.translate(locale, key, args);

  async function rulesFor(courseId: string): Promise<ReminderRule[]> {
    const texts = (await deps.rulesOf?.(courseId)) ?? DEFAULT_REMINDER_RULES;
    return texts.flatMap((x) => parseReminderRule(x) ?? []);
  }

  /** The reminder message for one place, in the person's language and zone. */
  function message(person: Person, e: Enrollment, sentAt: Date): DeliveryMessage {
    const locale = person.locale;
    const key = shortKey(e.sessionId);
    const hoursLeft = (e.startsAt.getTime() - sentAt.getTime()) / 3_600_000;
    const snoozes = [
      ...(hoursLeft > 1.25
        ? [{ data: reminderButton.pack("snoozeHour", key), label: t(locale, "rem-snooze-hour") }]
        : []),
      ...(hoursLeft > 24
        ? [{ data: reminderButton.pack("snoozeTomorrow", key), label: t(locale, "rem-snooze-tomorrow") }]
        : []),
    ];
    return {
      text: t(locale, "rem-training", {
        title: e.title,
        when: formatDateTime(e.startsAt, { locale, timeZone: person.timeZone }),
      }),
      choices: [
        [
          { data: reminderButton.pack("attend", key), label: t(locale, "rem-attend") },
          { data: reminderButton.pack("absent", key), label: t(locale, "rem-absent") },
        ],
        ...(snoozes.length ? [snoozes] : []),
      ],
    };
  }

  /**
   * Puts into the outbox every reminder due before `now` + lookahead. Of several rules whose time
   * has come (Pandu was down, or the person enrolled late), only the latest goes; rules whose
   * moment was before the person enrolled are skipped (they just saw the date).
   */
  async function plan(now: Date): Promise<{ scheduled: number }> {
    const horizon = new Date(now.getTime() + 15 * 86_400_000);
    const places = (await deps.repos.enrollments.listStartingBetween(now, horizon)).filter(
      (e) => e.attendance !== "tidak",
    );
    const people = await deps.repos.people.byIds(places.map((e) => e.personId));
    const rulesCache = new Map<string, ReminderRule[]>();
    let scheduled = 0;
    for (const e of places) {
      const person = people.get(e.personId);
      if (!person || person.reminders?.training === false) continue;
      let rules = rulesCache.get(e.courseId);
      if (!rules) {
        rules = await rulesFor(e.courseId);
        rulesCache.set(e.courseId, rules);
      }
      const quiet = quietHoursOf(person);
      let latest: { rule: ReminderRule; due: Date } | undefined;
      for (const rule of rules) {
        const due = reminderDueAt(e.startsAt, rule, person.timeZone, quiet, deps.holidays);
        if (due < e.enrolledAt || due >= e.startsAt) continue;
        if (due.getTime() > now.getTime() + LOOKAHEAD_MS || due.getTime() < now.getTime() - CATCH_UP_MS)
          continue;
        if (!latest || due > latest.due) latest = { rule, due };
      }
      if (!latest) continue;
      const dueAt = latest.due < now ? now : latest.due;
      const outcome = await deps.outbox.schedule({
        purpose: `reminder.${latest.rule.key}`,
        occurrence: e._id,
        personId: person._id,
        message: message(person, e, dueAt),
        dueAt,
      });
      if (outcome === "scheduled") scheduled++;
    }
    return { scheduled };
  }

  async function snooze(person: Person, e: Enrollment, until: Date): Promise<Outbound[]> {
    const locale = person.locale;
    if (until >= e.startsAt) return [{ text: t(locale, "rem-snooze-too-late", { title: e.title }) }];
    const minute = until.toISOString().slice(0, 16);
    await deps.outbox.schedule({
      purpose: "reminder.snooze",
      occurrence: `${e._id}@${minute}`,
      personId: person._id,
      message: message(person, e, until),
      dueAt: until,
    });
    return [
      {
        text: t(locale, "rem-snoozed", {
          when: formatDateTime(until, { locale, timeZone: person.timeZone }),
        }),
        replacesPrompt: true,
      },
    ];
  }

  return {
    plan,
    /** Handles a `rem|…` button; undefined when the data is not one of ours. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<ReminderAction>,
    ): Promise<Outbound[] | undefined> {
      const { action } = press;
      const key = press.args[0]!;
      if (!conv.profile.personId) return undefined;
      const person = await deps.repos.people.get(conv.profile.personId);
      if (!person) return undefined;
      const locale = person.locale;
      const e = await placeByShortKey(deps.repos.enrollments, person._id, key);
      if (!e) return [{ text: t(locale, "rem-no-place") }];
      const now = deps.now();
      if (e.startsAt <= now && action !== "attend")
        return [{ text: t(locale, "rem-started", { title: e.title }) }];
      switch (action) {
        case "attend":
          await deps.repos.enrollments.setAttendance(e._id, "hadir", now);
          return [{ text: t(locale, "rem-attend-noted", { title: e.title }), replacesPrompt: true }];
        case "absent":
          await deps.repos.enrollments.setAttendance(e._id, "tidak", now);
          return [
            {
              text: t(locale, "rem-absent-noted", { title: e.title }),
              choices: [[{ data: courseButton.pack("cancel", key), label: t(locale, "rem-release-seat") }]],
              replacesPrompt: true,
            },
          ];
        case "snoozeHour":
          return snooze(
            person,
            e,
            afterQuiet(new Date(now.getTime() + 3_600_000), person.timeZone, quietHoursOf(person)),
          );
        case "snoozeTomorrow": {
          const tomorrow = addDays(localClock(now, person.timeZone).date, 1);
          return snooze(
            person,
            e,
            morningOf(tomorrow, "08:00", person.timeZone, quietHoursOf(person), deps.holidays),
          );
        }
        default:
          return undefined;
      }
    },
  };
}
export type TrainingReminders = ReturnType<typeof createTrainingReminders>;

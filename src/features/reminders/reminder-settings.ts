import type { Person, ReminderPrefs } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { quietHoursOf } from "../../domain/reminder-time.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { formatDate } from "../../i18n/format.js";
import { type ButtonPress, buttonCodec } from "../feature.js";

/** /pengingat's buttons: quiet hours (a preset), JP nudges, training reminders, sharing progress. */
export const settingsButton = buttonCodec("reminder-settings", "pgr", {
  quiet: ["q", 1],
  nudges: ["n", 1],
  share: ["s", 1],
  training: ["t", 1],
});
type SettingsAction = Parameters<typeof settingsButton.pack>[0];

/** Quiet-hour choices offered on /pengingat ("start-end" as HHMM-HHMM). */
const QUIET_PRESETS = ["2100-0600", "2200-0500", "2000-0700", "0000-0000"] as const;
const PAUSE_DAYS = 30;

const hhmm = (x: string) => `${x.slice(0, 2)}:${x.slice(2)}`;

/** /pengingat: quiet hours, training reminders on or off, and the monthly JP nudge on, paused or off. */
export function createReminderSettings(deps: {
  repos: Pick<Repositories, "people">;
  translate: Translate;
  now: () => Date;
}) {
  function view(person: Person, notice?: string): Outbound[] {
    const locale = person.locale;
    const t = (key: string, args?: Record<string, string>) => deps.translate(locale, key, args);
    const quiet = quietHoursOf(person);
    const prefs = person.reminders ?? {};
    const paused = prefs.nudgesPausedUntil && prefs.nudgesPausedUntil > deps.now();
    const nudges =
      prefs.nudges === "off"
        ? t("pgr-nudges-off")
        : paused
          ? t("pgr-nudges-paused", {
              date: formatDate(prefs.nudgesPausedUntil!, { locale, timeZone: person.timeZone }),
            })
          : t("pgr-nudges-on");
    const lines = [
      ...(notice ? [notice, ""] : []),
      t("pgr-title"),
      quiet.start === quiet.end
        ? t("pgr-quiet-none")
        : t("pgr-quiet", { start: quiet.start.replace(":", "."), end: quiet.end.replace(":", ".") }),
      prefs.training === false ? t("pgr-training-off") : t("pgr-training-on"),
      nudges,
      person.shareProgress ? t("pgr-share-on") : t("pgr-share-off"),
      "",
      t("pgr-help"),
    ];
    const current = `${quiet.start.replace(":", "")}-${quiet.end.replace(":", "")}`;
    const presets: Choice[] = QUIET_PRESETS.filter((p) => p !== current).map((p) => ({
      data: settingsButton.pack("quiet", p),
      label:
        p === "0000-0000"
          ? t("pgr-set-quiet-none")
          : t("pgr-set-quiet", {
              start: hhmm(p.slice(0, 4)).replace(":", "."),
              end: hhmm(p.slice(5)).replace(":", "."),
            }),
    }));
    const nudgeButtons: Choice[] =
      prefs.nudges === "off" || paused
        ? [{ data: settingsButton.pack("nudges", "on"), label: t("pgr-nudges-turn-on") }]
        : [
            { data: settingsButton.pack("nudges", "pause"), label: t("pgr-nudges-pause") },
            { data: settingsButton.pack("nudges", "off"), label: t("pgr-nudges-turn-off") },
          ];
    const trainingButton: Choice =
      prefs.training === false
        ? { data: settingsButton.pack("training", "on"), label: t("pgr-training-turn-on") }
        : { data: settingsButton.pack("training", "off"), label: t("pgr-training-turn-off") };
    const shareButton: Choice = person.shareProgress
      ? { data: settingsButton.pack("share", "off"), label: t("pgr-share-turn-off") }
      : { data: settingsButton.pack("share", "on"), label: t("pgr-share-turn-on") };
    return [
      {
        text: lines.join("\n"),
        choices: [
          presets.slice(0, 2),
          presets.slice(2),
          nudgeButtons,
          [trainingButton],
          [shareButton],
        ].filter((r) => r.length > 0),
        replacesPrompt: true,
      },
    ];
  }

  async function change(
    person: Person,
    patch: ReminderPrefs,
    clear: (keyof ReminderPrefs)[] = [],
  ): Promise<Person> {
    const next: ReminderPrefs = { ...(person.reminders ?? {}), ...patch };
    for (const k of clear) delete next[k];
    await deps.repos.people.update(person._id, { reminders: next });
    return { ...person, reminders: next };
  }

  return {
    /** /pengingat. */
    async show(conv: Conversation): Promise<Outbound[]> {
      const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      if (!person) return [{ text: deps.translate(conv.profile.locale, "onboarding-needed") }];
      return view(person);
    },
    /** Handles a `pgr|…` button; undefined when the data is not one of ours. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<SettingsAction>,
    ): Promise<Outbound[] | undefined> {
      const what = press.action;
      const value = press.args[0];
      if (!conv.profile.personId) return undefined;
      const person = await deps.repos.people.get(conv.profile.personId);
      if (!person) return undefined;
      const t = (key: string, args?: Record<string, string>) => deps.translate(person.locale, key, args);
      if (what === "quiet" && QUIET_PRESETS.includes(value as (typeof QUIET_PRESETS)[number])) {
        const updated = await change(person, {
          quietStart: hhmm(value!.slice(0, 4)),
          quietEnd: hhmm(value!.slice(5)),
        });
        return view(updated, t("pgr-saved"));
      }
      if (what === "nudges" && value === "pause") {
        const until = new Date(deps.now().getTime() + PAUSE_DAYS * 86_400_000);
        return view(await change(person, { nudges: "on", nudgesPausedUntil: until }), t("pgr-saved"));
      }
      if (what === "nudges" && (value === "on" || value === "off")) {
        return view(await change(person, { nudges: value }, ["nudgesPausedUntil"]), t("pgr-saved"));
      }
      if (what === "share" && (value === "on" || value === "off")) {
        // Consent to share: asked for and given by the person alone, and withdrawn the same way.
        await deps.repos.people.update(person._id, { shareProgress: value === "on" });
        return view({ ...person, shareProgress: value === "on" }, t("pgr-saved"));
      }
      if (what === "training" && (value === "on" || value === "off")) {
        return view(await change(person, { training: value === "on" }), t("pgr-saved"));
      }
      return undefined;
    },
  };
}
export type ReminderSettings = ReturnType<typeof createReminderSettings>;

import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { type ReminderSettings, settingsButton } from "./reminder-settings.js";
import { reminderButton, type TrainingReminders } from "./training-reminders.js";

/** Training reminders (planned every five minutes, answered by buttons) and /pengingat settings. */
export function remindersFeature(deps: {
  reminders: Pick<TrainingReminders, "plan" | "handleButton">;
  settings: Pick<ReminderSettings, "show" | "handleButton">;
}): Feature {
  return {
    name: "reminders",
    commands: [{ name: "pengingat", access: "registered", run: ({ conv }) => deps.settings.show(conv) }],
    buttons: [
      button({
        codec: settingsButton,
        access: "registered",
        command: "pengingat",
        run: ({ conv }, press) => deps.settings.handleButton(conv, press),
      }),
      button({
        codec: reminderButton,
        access: "registered",
        command: "pelatihan",
        run: ({ conv }, press) => deps.reminders.handleButton(conv, press),
      }),
    ],
    jobs: [
      {
        name: "training-reminders",
        cron: "*/5 * * * *",
        timeZone: "Asia/Jakarta",
        run: (tick) => deps.reminders.plan(tick),
      },
    ],
  };
}

export default defineFeature({
  order: 90,
  build: (ctx) =>
    remindersFeature({ reminders: ctx.services.reminders, settings: ctx.services.reminderSettings }),
});
